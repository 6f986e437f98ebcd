# SPDX-License-Identifier: GPL-2.0
# arch: arm64
# qemu-run: --qemu-args "-machine virtualization=off"
#
# No EL2 at all: an hvc would be an undefined instruction.  Enable must
# find out from the ID registers, refuse, and change nothing.
. /ci/lib.sh

check_output "Linux started at EL1" "CPU: All CPU(s) started at EL1" dmesg
enable_refused "has no EL2"
finish
