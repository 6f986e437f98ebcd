# SPDX-License-Identifier: GPL-2.0
# arch: arm64 x86
#
# Every refusal of warden enable/disable that needs no special kernel
# command line: each must say why, exit non-zero, and leave Linux exactly
# as it was (no reservation left, all CPUs online, work still done).
. /ci/lib.sh

# Another architecture's number in the configuration's header.
case $ARCH in
arm64)	OTHER='\002' ;;
x86)	OTHER='\001' ;;
esac

workload_init

# After a refusal: not enabled, nothing reserved, Linux fine.
unchanged() {
	[ "$(cat $SYS/enabled)" = 0 ] &&
		! grep -q warden /proc/iomem &&
		[ "$(cat /sys/devices/system/cpu/online)" = 0-3 ] && workload
}

# A copy of the configuration with bytes at offset $2 replaced by $3.
patched() {
	cp $CELL "$1"
	printf "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

check "modprobe warden" modprobe warden
check_fails "disable when not enabled" "the hypervisor is not enabled" \
	warden disable

patched /tmp/corrupt.cell 120 'XXXX'
check_fails "corrupt configuration" "checksum mismatch (corrupt image)" \
	warden enable /tmp/corrupt.cell
check "Linux unchanged after corrupt configuration" unchanged

patched /tmp/other.cell 6 "$OTHER"
check_fails "configuration for another architecture" \
	"configuration for another architecture" warden enable /tmp/other.cell
check "Linux unchanged after wrong architecture" unchanged

check_fails "a cell configuration is not a system" \
	"a cell configuration, not a system" \
	warden enable /etc/warden/qemu-$ARCH-demo.cell
check_fails "not a configuration at all" "not a warden configuration" \
	warden enable /lib/firmware/warden.bin

mv /lib/firmware/warden.bin /tmp/warden.bin
check_fails "hypervisor image missing" \
	"cannot load /lib/firmware/warden.bin" warden enable $CELL
mv /tmp/warden.bin /lib/firmware/warden.bin
check "Linux unchanged after missing image" unchanged

echo 0 > /sys/devices/system/cpu/cpu3/online
check_fails "a root CPU offline" "CPU 3 of the root cell is offline" \
	warden enable $CELL
echo 1 > /sys/devices/system/cpu/cpu3/online
check "Linux unchanged after offline CPU" unchanged

check_output "enable works after all that" "enabled" warden enable $CELL
check_fails "enable twice" "already enabled" warden enable $CELL
# The driver checks CAP_SYS_ADMIN itself, whatever the node's mode says.
mode=$(stat -c %a /dev/warden)
chmod 666 /dev/warden
grep -q '^nobody:' /etc/passwd 2>/dev/null ||
	echo 'nobody:x:65534:65534:nobody:/:/bin/sh' >> /etc/passwd
check_fails "no disable without CAP_SYS_ADMIN, even with the node open to all" \
	"not permitted" su nobody -s /bin/sh -c "warden disable"
chmod "$mode" /dev/warden
check_output "still enabled after the unprivileged try" "1" cat $SYS/enabled
if [ $ARCH = x86 ]; then
	check_fails "no cells but the root on x86 yet" \
		"the hypervisor refused the cell" \
		warden cell create /etc/warden/qemu-x86-demo.cell
	check_output "console says why" "not supported on x86 yet" warden console
	check_output "the cell's CPUs are Linux's again" "0-3" \
		cat /sys/devices/system/cpu/online
fi
check "rmmod refused while enabled" sh -c '! rmmod warden'
check_output "still enabled" "1" cat $SYS/enabled
check "workload while enabled" workload
check_output "disable" "disabled" warden disable
check_fails "disable twice" "the hypervisor is not enabled" warden disable
check "rmmod warden" rmmod warden
check "Linux fine at the end" workload
check_dmesg_clean
finish
