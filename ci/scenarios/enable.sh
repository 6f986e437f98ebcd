# SPDX-License-Identifier: GPL-2.0
# arch: arm64 x86
# qemu-run: --smp 4
#
# Enable and disable the hypervisor under the running Linux (issues 4 and
# 6): Linux must go on working as the root cell on all 4 CPUs (workload,
# timers, IPIs, CPU hotplug), the hypervisor must report what it cannot
# emulate without stopping, and disable must give everything back, ten
# times in a row with the same memory figures.
. /ci/lib.sh

NCPUS=4
# What differs: the /proc/interrupts lines of the per-CPU timer, of the
# rescheduling and function-call IPIs and of the RTC, and an address that
# is not in the root cell.
case $ARCH in
arm64)
	TIMER_IRQ='arch_timer'
	IPI_IRQS='^ *IPI[01]:'
	RTC_IRQ='rtc-pl031'
	NO_MEM=0x0		# QEMU's flash
	;;
x86)
	TIMER_IRQ='^ *LOC:'
	IPI_IRQS='^ *(RES|CAL):'
	RTC_IRQ='rtc0'
	NO_MEM=0xfed40000	# no device there
	;;
esac

# Timer interrupts of CPU $1 so far.
timer_count() {
	awk -v col=$(($1 + 2)) -v re="$TIMER_IRQ" '$0 ~ re { print $col }' \
		/proc/interrupts
}

# The workload raises every CPU's timer interrupt count.
timers_tick() {
	for c in $(seq 0 $((NCPUS - 1))); do eval "before$c=$(timer_count $c)"; done
	workload || return 1
	sleep 0.2
	for c in $(seq 0 $((NCPUS - 1))); do
		eval "b=\$before$c"
		[ "$(timer_count $c)" -gt "$b" ] ||
			{ echo "CPU $c: no timer interrupt ($b)"; return 1; }
	done
}

# sleep 1 takes about a second of uptime.
sleep_works() {
	t0=$(cut -d' ' -f1 /proc/uptime)
	sleep 1
	t1=$(cut -d' ' -f1 /proc/uptime)
	awk "BEGIN { x = $t1 - $t0; print \"slept \" x \" s\";
		exit !(x >= 0.9 && x < 5) }"
}

# IPIs received by all CPUs so far (rescheduling + function call).
ipi_count() {
	awk -v re="$IPI_IRQS" '$0 ~ re { for (i = 2; i <= 5; i++) n += $i }
		END { print n }' /proc/interrupts
}

# A running task moved from CPU 1 to CPU 3: the migration needs IPIs.
migration_works() {
	sh -c 'while :; do :; done' &
	pid=$!
	taskset -p -c 1 $pid > /dev/null
	sleep 0.3
	on_a=$(awk '{ print $39 }' /proc/$pid/stat)
	ipis=$(ipi_count)
	taskset -p -c 3 $pid > /dev/null
	sleep 0.3
	on_b=$(awk '{ print $39 }' /proc/$pid/stat)
	kill $pid
	wait $pid 2>/dev/null
	echo "ran on CPU $on_a, then CPU $on_b; IPIs $ipis -> $(ipi_count)"
	[ "$on_a" = 1 ] && [ "$on_b" = 3 ] && [ "$(ipi_count)" -gt "$ipis" ]
}

# The RTC's alarm interrupt, moved to CPU 2 (arm64: a write to the
# distributor, which the hypervisor emulates; x86: to the IOAPIC, which the
# root cell drives itself), is then taken there.
irq_affinity_works() {
	irq=$(awk -F: -v re="$RTC_IRQ" '$0 ~ re { print $1 + 0 }' /proc/interrupts)
	count() { awk -v irq="$irq:" '$1 == irq { print $4 }' /proc/interrupts; }
	n0=$(count)
	echo 4 > /proc/irq/$irq/smp_affinity || return 1
	echo 0 > /sys/class/rtc/rtc0/wakealarm
	echo +1 > /sys/class/rtc/rtc0/wakealarm || return 1
	sleep 2
	n1=$(count)
	echo 1 > /proc/irq/$irq/smp_affinity
	echo "RTC interrupts on CPU 2: $n0 -> $n1"
	[ "$n1" -gt "$n0" ]
}

all_online() {
	[ "$(cat /sys/devices/system/cpu/online)" = "0-$((NCPUS - 1))" ] &&
		[ "$(grep -c ^processor /proc/cpuinfo)" = "$NCPUS" ]
}

set_online() {
	echo "$2" > "/sys/devices/system/cpu/cpu$1/online"
}

check "modprobe warden" modprobe warden
workload_init
check "workload before enable" workload

check_output "warden enable" "enabled" warden enable $CELL
check_output "sysfs says enabled" "1" cat $SYS/enabled
check "all CPUs still online" all_online
check "workload on every CPU" workload
check "timer interrupts on every CPU" timers_tick
check "sleep 1 takes a second" sleep_works
check "task migration between CPUs (IPIs)" migration_works
check "interrupt affinity: the RTC moved to CPU 2" irq_affinity_works
check_output "console shows the banner" "warden hypervisor" warden console
check_output "cell list shows the root cell" "qemu-$ARCH" warden cell list
check_output "cells/0 is the running root cell" "running" cat $SYS/cells/0/state
check_output "cells/0 has CPUs 0-3" "0-$((NCPUS - 1))" cat $SYS/cells/0/cpus_assigned
check_output "warden info shows the pool" "memory pool:" warden info
POOL_USED=$(cat $SYS/mem_pool_used)

check "offline CPU 1 while enabled" set_online 1 0
check_output "CPU 1 is off" "0,2-$((NCPUS - 1))" cat $SYS/cells/0/cpus_running
check "Linux saw CPU 1 go" test "$(cat /sys/devices/system/cpu/online)" = "0,2-$((NCPUS - 1))"
check "online CPU 1 again" set_online 1 1
check_output "CPU 1 runs again" "0-$((NCPUS - 1))" cat $SYS/cells/0/cpus_running
check "all CPUs online after hotplug" all_online
check "workload after hotplug" workload

# An access outside the root cell is reported and Linux goes on: on arm64
# the task gets a bus error, on x86 it reads all ones, as memory without a
# device would.
case $ARCH in
arm64)	check_fails "access outside the root cell fails" "" devmem $NO_MEM ;;
x86)	check_output "access outside the root cell reads all ones" \
		"0xFFFFFFFF" devmem $NO_MEM ;;
esac
check_output "console reports the access" "cell \"qemu-$ARCH\" CPU" \
	sh -c "warden console | grep 'unhandled read of 4 bytes at $NO_MEM '"
if [ $ARCH = x86 ]; then
	check_output "the hypervisor answers CPUID 0x40000000 on every CPU" "0" \
		sh -c 'dmesg | grep -c "does not see the hypervisor" || true'
fi
check "workload after the bad access" workload
check_output "no pool page lost to hotplug and faults" "$POOL_USED" \
	cat $SYS/mem_pool_used

check_output "console -f follows" "warden hypervisor" \
	sh -c 'timeout 2 warden console -f; true'

# CPU 3 is off when the hypervisor goes: it comes back without it.
check "offline CPU 3 before disable" set_online 3 0
check_output "warden disable" "disabled" warden disable
check "online CPU 3 after disable" set_online 3 1
check_output "sysfs says disabled" "0" cat $SYS/enabled
check_fails "cell list refused after disable" "not enabled" warden cell list
check "cells/ gone after disable" test ! -e $SYS/cells
check_output "console says disabled" "disabled" warden console
check "all CPUs online after disable" all_online
check "workload after disable" workload
check "task migration after disable" migration_works

# Ten cycles: each enable must find the pool as the first did.
figures=
cycles=0
for i in $(seq 1 10); do
	warden enable $CELL > /dev/null || break
	figures="$figures $(cat $SYS/mem_pool_used)/$(cat $SYS/mem_pool_size)"
	taskset -c $((i % NCPUS)) md5sum < /tmp/data | grep -q "${REF% *}" || break
	warden disable > /dev/null || break
	cycles=$i
done
echo "pool used/size per cycle:$figures"
check "10 enable/disable cycles" test "$cycles" = 10
check "pool figures the same every cycle" \
	test "$(echo $figures | tr ' ' '\n' | sort -u | wc -l)" = 1
check "workload after the cycles" workload
check "rmmod warden" rmmod warden
check_dmesg_clean
finish
