# SPDX-License-Identifier: GPL-2.0
# arch: arm64
# qemu-run: --append "kvm-arm.mode=nvhe"
#
# KVM owns EL2 (the last kvm-arm.mode= wins): enable must find out without
# harm, refuse, name kvm-arm.mode=none, and change nothing.
. /ci/lib.sh

check_output "KVM took EL2" "Hyp mode initialized successfully" dmesg
enable_refused "boot with kvm-arm.mode=none"
finish
