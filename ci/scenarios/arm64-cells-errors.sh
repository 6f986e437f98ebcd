# SPDX-License-Identifier: GPL-2.0
# arch: arm64
# qemu-run: --smp 4
#
# Bad cell requests on arm64: each must fail with a clear reason and
# change nothing (cells, CPUs, the memory pool, the running demo cell).
# The deliberately wrong configurations come from tests/configs/arm64/.
. /ci/lib.sh

I=$INMATES
T=/usr/share/warden/tests
DEMO=/etc/warden/qemu-arm64-demo.cell

# The state every refusal must leave: demo running on CPU 3, CPUs 0-2 in
# Linux, two cells, the pool as it was.
snapshot() {
	echo "$(cat /sys/devices/system/cpu/online) $(cat $SYS/num_cells)" \
	     "$(cat $SYS/mem_pool_used) $(cat "$(cell_dir demo)/state")"
}

unchanged() {
	now=$(snapshot)
	[ "$now" = "$BEFORE" ] || { echo "'$BEFORE' became '$now'"; return 1; }
}

# refused NAME EXPECTED CMD...: fails with EXPECTED and changes nothing.
refused() {
	name=$1; shift
	check_fails "$name" "$@"
	check "$name: nothing changed" unchanged
}

check "modprobe warden" modprobe warden
check_fails "cell create before enable" "not enabled" warden cell create $DEMO
check "warden enable" warden enable /etc/warden/qemu-arm64.cell
check_fails "start before create: unknown name" "no cell named \"demo\"" \
	warden cell start demo

check "create demo" warden cell create $DEMO
check_fails "start before load" "has nothing loaded" warden cell start demo
check "load tiny, start demo" sh -c "warden cell load demo $I/tiny.bin &&
	warden cell start demo"
sleep 0.5
BEFORE=$(snapshot)
echo "state: $BEFORE"

refused "a cell asking for CPU 0" "CPU 0 cannot leave the root cell" \
	warden cell create $T/bad-cpu0.cell
refused "a cell asking for the demo cell's CPU" "CPU 3 belongs to cell \"demo\"" \
	warden cell create $T/bad-cpu3.cell
refused "a cell asking for the demo cell's memory" "overlaps memory of cell \"demo\"" \
	warden cell create $T/bad-mem-taken.cell
refused "a cell asking for memory outside the root cell" "is not RAM of the root cell" \
	warden cell create $T/bad-mem-outside.cell
refused "a cell asking for RAM Linux uses" "System RAM that Linux uses" \
	warden cell create $T/bad-mem-linux.cell
refused "a cell asking for a line the root does not have" \
	"interrupt line 300 is not the root cell's" warden cell create $T/bad-irq.cell
refused "the same cell twice" "a cell named \"demo\" exists already" \
	warden cell create $DEMO
cp /etc/warden/qemu-arm64-demo2.cell /tmp/corrupt.cell
printf 'X' | dd of=/tmp/corrupt.cell bs=1 seek=100 conv=notrunc 2>/dev/null
refused "a corrupt .cell" "invalid cell configuration" \
	warden cell create /tmp/corrupt.cell
refused "a system configuration as a cell" "invalid cell configuration" \
	warden cell create /etc/warden/qemu-arm64.cell
refused "a file that is no configuration" "invalid cell configuration" \
	warden cell create $I/tiny.bin

dd if=/dev/zero of=/tmp/big.bin bs=1M count=5 2>/dev/null
refused "load into a running cell" "is running: shut it down first" \
	warden cell load demo $I/tiny.bin
check "shutdown demo" warden cell shutdown demo
BEFORE=$(snapshot)
refused "an image larger than the loadable region" "do not fit" \
	warden cell load demo /tmp/big.bin
refused "an image at an address outside the loadable region" \
	"is not in a loadable region" warden cell load demo $I/tiny.bin -a 0x800000
refused "a string past the end of the loadable region" "do not fit" \
	warden cell load demo $I/tiny.bin -s "0123456789" -a 0x3ffffc
refused "an unknown cell name" "no cell named \"nosuch\"" \
	warden cell start nosuch
refused "an unknown cell id" "no cell with id 7" warden cell destroy 7
refused "the root cell by id" "cell 0 is the root cell" warden cell shutdown 0
refused "start of a missing image file" "No such file" \
	warden cell load demo /tmp/nosuch.bin
check_fails "no start after shutdown without a new load" "has nothing loaded" \
	warden cell start demo
check "demo starts again after a load" sh -c \
	"warden cell load demo $I/tiny.bin && warden cell start demo"
check "destroy demo" warden cell destroy demo
check "all CPUs online" sh -c "[ \"\$(cat /sys/devices/system/cpu/online)\" = 0-3 ]"
check "warden disable" warden disable
check_fails "cell list when disabled" "not enabled" warden cell list
check_dmesg_clean
finish
