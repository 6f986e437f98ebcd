# SPDX-License-Identifier: GPL-2.0
# arch: arm64
# qemu-run: --timeout 90
#
# Power off with the hypervisor still enabled: the guest's PSCI SYSTEM_OFF
# (when this script returns, /init runs poweroff -f) must go through the
# hypervisor to the firmware.  If it did not, QEMU would not stop and
# ci/qemu-run would report a hung guest.
. /ci/lib.sh

check "modprobe warden" modprobe warden
check_output "warden enable" "enabled" warden enable /etc/warden/qemu-arm64.cell
check_output "left enabled for the power-off" "1" cat /sys/devices/warden/enabled
finish
