# SPDX-License-Identifier: GPL-2.0
# arch: x86
# qemu-run: --qemu-args "-cpu qemu64,-svm"
#
# A CPU without SVM (AMD-V) (qemu64 has it unless told otherwise).
# Enable must refuse with its reason, before it takes anything, and Linux
# goes on as it was.
. /ci/lib.sh

check "modprobe warden" modprobe warden
check_fails "enable refused: nosvm" "the CPU has no SVM (AMD-V)" \
	warden enable /etc/warden/qemu-x86.cell
check_output "not enabled" "0" cat /sys/devices/warden/enabled
check "nothing reserved" sh -c '! grep -q warden /proc/iomem'
check_output "all CPUs online" "0-3" cat /sys/devices/system/cpu/online
check "Linux goes on" sh -c "seq 1 2000 | md5sum"
check "rmmod warden" rmmod warden
check_dmesg_clean
finish
