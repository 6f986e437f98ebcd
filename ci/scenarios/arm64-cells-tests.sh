# SPDX-License-Identifier: GPL-2.0
# arch: arm64
# qemu-run: --smp 4
#
# The test inmates (inmates/tests/) in the demo cell, and the SMP demo in
# a two-CPU cell.  Each test inmate must print its SUMMARY with no failure
# (read through `warden console`, where its lines carry the cell's name).
# isolation must fault on each kind of access outside its memory: the cell
# is then marked failed, the console names cell, CPU, address and access,
# and the root and the other cell (demo2) go on.
. /ci/lib.sh

I=$INMATES
DEMO=/etc/warden/qemu-arm64-demo.cell

workload_init

cell_file() {
	for d in $SYS/cells/*; do
		[ "$(cat $d/name 2>/dev/null)" = "$1" ] && cat $d/$2 && return 0
	done
	return 1
}

# wait_state NAME STATE: up to 10 s.
wait_state() {
	i=0
	while [ "$(cell_file $1 state)" != "$2" ]; do
		i=$((i + 1))
		[ $i -gt 100 ] && { echo "cell $1 is '$(cell_file $1 state)'"; return 1; }
		sleep 0.1
	done
}

# run_test NAME [ARGS]: the inmate's SUMMARY says 0 failed.
run_test() {
	n=$(console_count "[demo] SUMMARY $1:")
	warden cell load demo $I/$1.bin ${2:+-s "$2"} > /dev/null &&
		warden cell start demo > /dev/null || return 1
	wait_console "[demo] SUMMARY $1:" $((n + 1)) || return 1
	line=$(warden console | grep -F "[demo] SUMMARY $1:" | tail -n 1)
	echo "$line"
	warden console | grep -F "[demo] FAIL" | tail -n 3
	echo "$line" | grep -q " 0 failed"
}

check "modprobe warden" modprobe warden
check "warden enable" warden enable /etc/warden/qemu-arm64.cell
check "create demo" warden cell create $DEMO
check "create demo2" warden cell create /etc/warden/qemu-arm64-demo2.cell
check "demo2 runs tiny meanwhile" sh -c "warden cell load demo2 $I/tiny.bin &&
	warden cell start demo2"

check "hypercalls inmate passes" run_test hypercalls
check "the cell survives its hypercalls" wait_state demo running
check "shutdown after hypercalls" warden cell shutdown demo

check "irqs inmate passes" run_test irqs
check "the hypervisor still stops a cell that played with its GIC" \
	warden cell shutdown demo
check "root works after the cell's attempts on its interrupts" workload

check "comm inmate starts and locks itself" sh -c \
	"warden cell load demo $I/comm.bin && warden cell start demo"
check "locked cell shows running/locked" wait_state demo running/locked
check_fails "shutdown of a locked cell refused" "locked and refuses" \
	warden cell shutdown demo
check "comm inmate passes (it saw the request)" wait_console "[demo] SUMMARY comm: 3 passed, 0 failed" 1
check "unlocked cell shows running" wait_state demo running
check "shutdown once unlocked" warden cell shutdown demo

for kind in outside-read outside-write root-read root-write hyp-read hyp-write exec; do
	case $kind in
	outside*) addr=0x400000 ;;
	root*|exec) addr=0x40000000 ;;
	hyp*) addr=0x70000000 ;;
	esac
	case $kind in
	*read) what="read of 8 bytes at $addr" ;;
	*write) what="8-byte write of 0xbad to $addr" ;;
	exec) what="instruction fetch from unmapped $addr" ;;
	esac
	check "isolation $kind: own memory checks pass" run_test isolation "fault=$kind"
	check "isolation $kind: cell marked failed" wait_state demo failed
	check_output "isolation $kind: failed CPU 3 listed" "3" cell_file demo cpus_failed
	check_output "isolation $kind: console names cell, CPU, address, access" \
		"cell \"demo\" CPU 3: " sh -c "warden console | grep -F '$what' | tail -n 1"
	check_output "isolation $kind: cell list says failed" "failed" \
		sh -c "warden cell list | grep ' demo '"
	check "isolation $kind: root keeps working" workload
	check "isolation $kind: demo2 still running" wait_state demo2 running
done
check_fails "a failed cell does not start before a new load" "only a shut-down cell starts" \
	warden cell start demo
check "destroy demo after its failures" warden cell destroy demo
check "CPU 3 back online" sh -c "[ \"\$(cat /sys/devices/system/cpu/cpu3/online)\" = 1 ]"
check "destroy demo2" warden cell destroy demo2

check "create the smp cell (CPUs 2-3)" warden cell create /etc/warden/qemu-arm64-smp.cell
check "smp: load and start" sh -c "warden cell load smp $I/smp.bin && warden cell start smp"
check "smp: the second CPU reports in" wait_console "[smp] smp: both CPUs running" 1
check "smp: CPU 1 of the cell is up" wait_console "[smp] smp: CPU 1 (hw id 3) is up" 1
check_output "smp: cell list shows CPUs 2-3 running" "2-3" \
	cell_file smp cpus_running
check "smp: shutdown parks both CPUs" warden cell shutdown smp
no_cpu_running() {
	r=$(cell_file smp cpus_running)
	[ -z "$r" ] || { echo "CPUs '$r' still run"; return 1; }
}
check "smp: no CPU running after shutdown" no_cpu_running
check_fails "smp: no start again before a load (shutdown zeroed it)" \
	"has nothing loaded" warden cell start smp
check "smp: load and start again" sh -c \
	"warden cell load smp $I/smp.bin && warden cell start smp"
check "smp: both CPUs again" wait_console "[smp] smp: both CPUs running" 2
check "destroy smp" warden cell destroy smp
check "all CPUs online" sh -c "[ \"\$(cat /sys/devices/system/cpu/online)\" = 0-3 ]"
check "warden disable" warden disable
check_dmesg_clean
finish
