# SPDX-License-Identifier: GPL-2.0
# arch: arm64
# qemu-run: --qemu-args "-machine virtualization=off"
#
# No EL2 at all: an hvc would be an undefined instruction.  Enable must
# find out from the ID registers, refuse, and change nothing.
. /ci/lib.sh

check_output "Linux started at EL1" "CPU: All CPU(s) started at EL1" dmesg
check "modprobe warden" modprobe warden
check_fails "enable refused without EL2" "has no EL2" \
	warden enable /etc/warden/qemu-arm64.cell
check_output "not enabled" "0" cat /sys/devices/warden/enabled
check "rmmod warden" rmmod warden
check_dmesg_clean
finish
