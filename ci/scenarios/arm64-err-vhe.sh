# SPDX-License-Identifier: GPL-2.0
# arch: arm64
# qemu-run: --qemu-args "-cpu max,sve=off,pauth=off"
#
# A CPU with VHE: Linux runs at EL2 itself.  Enable must refuse (and must
# not issue hvc from EL2) and change nothing.
. /ci/lib.sh

check_output "Linux runs at EL2" "CPU: All CPU(s) started at EL2" dmesg
enable_refused "Linux runs at EL2 (VHE)"
finish
