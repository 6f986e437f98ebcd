# SPDX-License-Identifier: GPL-2.0
# arch: arm64
# qemu-run: --append "mem=1G"
#
# Without the mem= reservation Linux uses the hypervisor memory: enable
# must refuse, name the kernel parameter, and change nothing.
. /ci/lib.sh

check "modprobe warden" modprobe warden
check_fails "enable refused without the reservation" "boot with mem=768M" \
	warden enable /etc/warden/qemu-arm64.cell
check_output "not enabled" "0" cat /sys/devices/warden/enabled
check "nothing reserved" sh -c '! grep -q warden /proc/iomem'
check_output "Linux goes on" "processor" cat /proc/cpuinfo
check "rmmod warden" rmmod warden
check_dmesg_clean
finish
