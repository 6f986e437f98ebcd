# SPDX-License-Identifier: GPL-2.0
# arch: arm64
# qemu-run: --qemu-args "-cpu max,sve=off,pauth=off"
#
# A CPU with VHE: Linux runs at EL2 itself.  Enable must refuse (and must
# not issue hvc from EL2) and change nothing.
. /ci/lib.sh

check_output "Linux runs at EL2" "CPU: All CPU(s) started at EL2" dmesg
check "modprobe warden" modprobe warden
check_fails "enable refused under VHE" "Linux runs at EL2 (VHE)" \
	warden enable /etc/warden/qemu-arm64.cell
check_output "not enabled" "0" cat /sys/devices/warden/enabled
check "nothing reserved" sh -c '! grep -q warden /proc/iomem'
check "rmmod warden" rmmod warden
check_dmesg_clean
finish
