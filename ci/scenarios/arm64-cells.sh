# SPDX-License-Identifier: GPL-2.0
# arch: arm64
# qemu-run: --smp 4
#
# Cells on arm64 (issue 5): the demo cell's whole life (create, load with a
# command line, start, shutdown, load and start again, destroy), two cells
# at once with the root busy, disable refused while cells exist, and 30
# create/load/start/destroy cycles that must leave the hypervisor's memory
# pool exactly as it was.  Cell output is checked through `warden console`,
# where each line of a cell starts with its name in brackets.
. /ci/lib.sh

I=$INMATES
DEMO=/etc/warden/qemu-arm64-demo.cell
DEMO2=/etc/warden/qemu-arm64-demo2.cell

workload_init

# state_is NAME STATE
state_is() {
	s=$(cat "$(cell_dir $1)/state" 2>/dev/null)
	[ "$s" = "$2" ] || { echo "cell $1 is '$s', not '$2'"; return 1; }
}

cpu_online() {
	[ "$(cat /sys/devices/system/cpu/cpu$1/online)" = "$2" ]
}

pool_used() {
	cat $SYS/mem_pool_used
}

check "modprobe warden" modprobe warden
check "warden enable" warden enable /etc/warden/qemu-arm64.cell
POOL=$(pool_used)

# --- The demo cell's life ---
check_output "cell create demo" "id 1" warden cell create $DEMO
check "CPU 3 offline in Linux" cpu_online 3 0
check "created cell is shut down" state_is demo "shut down"
check "root keeps working with 3 CPUs" workload
check "cell load tiny with a command line" \
	warden cell load demo $I/tiny.bin -s "greeting=hello id=42"
check "cell start demo" warden cell start demo
check "tiny greets on the console" wait_console "[demo] tiny: hello from a warden cell" 1
check "tiny's command line on the console" \
	wait_console "[demo] tiny: command line: 'greeting=hello id=42'" 1
check_output "cell list shows demo running" "running" sh -c \
	"warden cell list | grep ' demo '"
check "demo is running" state_is demo running
check_output "cell list by id" "demo" warden cell list
check "CPU 3 still offline while the cell runs" cpu_online 3 0
check_output "cell stats demo counts hypercalls" "hypercall" \
	warden cell stats demo
check "cell shutdown demo" warden cell shutdown demo
check "demo is shut down" state_is demo "shut down"
check "load again, other command line" \
	warden cell load demo $I/tiny.bin -s "second-run"
check "start again (by id)" warden cell start 1
check "the second run greets" wait_console "[demo] tiny: hello from a warden cell" 2
check "the second command line" wait_console "[demo] tiny: command line: 'second-run'" 1
check "cell destroy demo" warden cell destroy demo
check "CPU 3 online again" cpu_online 3 1
check "demo is gone" sh -c "! warden cell list | grep -q ' demo '"
check "the memory pool is back where it was" [ "$(pool_used)" = "$POOL" ]
check "the demo memory is the root's again (devmem)" devmem 0x71000000 32
check "root works on 4 CPUs" workload

# --- Two cells at once, the root busy ---
check "create demo" warden cell create $DEMO
check "create demo2" warden cell create $DEMO2
check "CPUs 2 and 3 offline" sh -c "[ \"\$(cat /sys/devices/system/cpu/online)\" = 0-1 ]"
check "load timer into demo" warden cell load demo $I/timer.bin -s "period_us=1000"
check "load tiny into demo2" warden cell load demo2 $I/tiny.bin -s "cell=two"
check "start demo" warden cell start demo
check "start demo2" warden cell start demo2
lat0=$(console_count "[demo] timer: latency")
busy() {
	end=$(($(cut -d. -f1 /proc/uptime) + 4))
	while [ "$(cut -d. -f1 /proc/uptime)" -lt $end ]; do
		workload || return 1
	done
}
check "root busy on its CPUs for 4 s" busy
check "demo2 greets" wait_console "[demo2] tiny: command line: 'cell=two'" 1
lat1=$(console_count "[demo] timer: latency")
check "timer prints latency lines while the root is busy" \
	[ $((lat1 - lat0)) -ge 2 ]
warden console | grep -F "[demo] timer: latency" | tail -n 2
check "both cells running" sh -c "warden cell list | grep -c ' running ' | grep -qx 3"

# --- Disable with cells: refused, nothing changes ---
check_fails "disable refused while cells exist" "destroy them first" \
	warden disable
check "still enabled" [ "$(cat $SYS/enabled)" = 1 ]
check "demo still running" state_is demo running
check "demo2 still running" state_is demo2 running
lat2=$(console_count "[demo] timer: latency")
sleep 2
check "the timer cell goes on" [ "$(console_count "[demo] timer: latency")" -gt "$lat2" ]
check "root still works" workload
check "destroy demo" warden cell destroy demo
check "destroy demo2" warden cell destroy demo2
check "all CPUs online" sh -c "[ \"\$(cat /sys/devices/system/cpu/online)\" = 0-3 ]"
check "pool back again" [ "$(pool_used)" = "$POOL" ]

# --- 30 cycles ---
cycles() {
	for i in $(seq 30); do
		warden cell create $DEMO > /dev/null &&
		warden cell load demo $I/tiny.bin -s "cycle=$i" > /dev/null &&
		warden cell start demo > /dev/null &&
		warden cell destroy demo > /dev/null || { echo "cycle $i"; return 1; }
	done
}
check "30 create/load/start/destroy cycles" cycles
check "30 cycles leave the pool exactly as it was" [ "$(pool_used)" = "$POOL" ]
check "CPU 3 online after the cycles" cpu_online 3 1
check "root works after the cycles" workload

check "warden disable" warden disable
check "root works after disable" workload
check_dmesg_clean
finish
