# SPDX-License-Identifier: GPL-2.0
#
# Smoke test: the driver loads and unloads, the CLI answers, and nothing
# is enabled by accident.
. /ci/lib.sh

arch=$(uname -m)
check "modprobe warden" modprobe warden
check "/dev/warden exists" test -c /dev/warden
check "sysfs says not enabled" grep -qx 0 /sys/devices/warden/enabled
check_output "warden --version" "warden " warden --version
check_output "warden --help" "usage: warden" warden --help
check_fails "cell list when not enabled" \
	"the hypervisor is not enabled" warden cell list
check_fails "disable when not enabled" \
	"the hypervisor is not enabled" warden disable
check_fails "unknown command" "unknown command" warden frobnicate
check "rmmod warden" rmmod warden
check "/dev/warden gone" test ! -e /dev/warden
check_dmesg_clean
finish
