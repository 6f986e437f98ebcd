# SPDX-License-Identifier: GPL-2.0
# arch: x86
# qemu-run: --qemu-args "-cpu qemu64,+svm,-npt"
#
# An SVM CPU without nested paging (NPT), which the hypervisor needs for
# the cells' address spaces.
# Enable must refuse with its reason, before it takes anything, and Linux
# goes on as it was.
. /ci/lib.sh

check "modprobe warden" modprobe warden
check_fails "enable refused: nonpt" "the CPU has no nested paging (NPT)" \
	warden enable /etc/warden/qemu-x86.cell
check_output "not enabled" "0" cat /sys/devices/warden/enabled
check "nothing reserved" sh -c '! grep -q warden /proc/iomem'
check_output "all CPUs online" "0-3" cat /sys/devices/system/cpu/online
check "Linux goes on" sh -c "seq 1 2000 | md5sum"
check "rmmod warden" rmmod warden
check_dmesg_clean
finish
