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
check_fails "cell without a sub-command lists them" \
	"warden cell create|load|start|shutdown|destroy|list|stats" warden cell
check_fails "a missing config tool is named" "WARDEN_CONFIG_TOOL=/nonexistent" \
	env WARDEN_CONFIG_TOOL=/nonexistent warden config --help
check_fails "the config tool without python3 says so" "python3" \
	warden config --help
check "rmmod warden" rmmod warden
check "/dev/warden gone" test ! -e /dev/warden
check_dmesg_clean
finish
