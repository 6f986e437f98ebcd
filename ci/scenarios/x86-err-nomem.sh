# SPDX-License-Identifier: GPL-2.0
# arch: x86
# qemu-run: --no-reserve
#
# Without the memmap= reservation Linux uses the hypervisor memory: the
# message must name the parameter and the value the configuration needs.
# Enable must refuse with its reason, before it takes anything, and Linux
# goes on as it was.
. /ci/lib.sh

check "modprobe warden" modprobe warden
check_fails "enable refused: nomem" 'boot with memmap=16M$0x30000000' \
	warden enable /etc/warden/qemu-x86.cell
check_output "not enabled" "0" cat /sys/devices/warden/enabled
check "nothing reserved" sh -c '! grep -q warden /proc/iomem'
check_output "all CPUs online" "0-3" cat /sys/devices/system/cpu/online
check "Linux goes on" sh -c "seq 1 2000 | md5sum"
check "rmmod warden" rmmod warden
check_dmesg_clean
finish
