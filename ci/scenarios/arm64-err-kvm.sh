# SPDX-License-Identifier: GPL-2.0
# arch: arm64
# qemu-run: --append "kvm-arm.mode=nvhe"
#
# KVM owns EL2 (the last kvm-arm.mode= wins): enable must find out without
# harm, refuse, name kvm-arm.mode=none, and change nothing.
. /ci/lib.sh

check_output "KVM took EL2" "Hyp mode initialized successfully" dmesg
check "modprobe warden" modprobe warden
check_fails "enable refused under KVM" "boot with kvm-arm.mode=none" \
	warden enable /etc/warden/qemu-arm64.cell
check_output "not enabled" "0" cat /sys/devices/warden/enabled
check "nothing reserved" sh -c '! grep -q warden /proc/iomem'
check "all CPUs online" test "$(cat /sys/devices/system/cpu/online)" = 0-3
check "rmmod warden" rmmod warden
check_dmesg_clean
finish
