# SPDX-License-Identifier: GPL-2.0
# arch: x86
# qemu-run: --smp 4
#
# Enable and disable the hypervisor under the running Linux on x86-64 with
# AMD SVM (issue 6), the same story as arm64-enable.sh:
# Linux must go on working as the root cell on all 4 CPUs (workload,
# timers, IPIs, CPU hotplug), the hypervisor must report what it cannot
# emulate without stopping, and disable must give everything back, ten
# times in a row with the same memory figures.
. /ci/lib.sh

CELL=/etc/warden/qemu-x86.cell
SYS=/sys/devices/warden
NCPUS=4

# A workload on every CPU at once: a busy loop, then the checksum of a file
# that was computed before the hypervisor ran.
workload() {
	for c in $(seq 0 $((NCPUS - 1))); do
		taskset -c "$c" sh -c 'i=0; while [ $i -lt 3000 ]; do
			i=$((i + 1)); done; md5sum < /tmp/data' > "/tmp/md5.$c" &
	done
	wait
	for c in $(seq 0 $((NCPUS - 1))); do
		if [ "$(cat "/tmp/md5.$c")" != "$REF" ]; then
			echo "CPU $c computed '$(cat "/tmp/md5.$c")', not '$REF'"
			return 1
		fi
	done
}

# Timer interrupts of CPU $1 so far (the local APIC timer).
timer_count() {
	awk -v col=$(($1 + 2)) '/^ *LOC:/ { print $col }' /proc/interrupts
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
	awk '/^ *(RES|CAL):/ { for (i = 2; i <= 5; i++) n += $i } END { print n }' \
		/proc/interrupts
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

# The RTC's alarm interrupt, moved to CPU 2 (a write to the IOAPIC, which
# the root cell drives itself), is then taken there.
irq_affinity_works() {
	irq=$(awk -F: '/rtc0/ { print $1 + 0 }' /proc/interrupts)
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
dd if=/dev/urandom of=/tmp/data bs=64k count=16 2>/dev/null
REF=$(md5sum < /tmp/data)
check "workload before enable" workload

check_output "warden enable" "enabled" warden enable $CELL
check_output "sysfs says enabled" "1" cat $SYS/enabled
check "all CPUs still online" all_online
check "workload on every CPU" workload
check "timer interrupts on every CPU" timers_tick
check "sleep 1 takes a second" sleep_works
check "task migration between CPUs (IPIs)" migration_works
check "interrupt affinity through the IOAPIC" irq_affinity_works
check_output "console shows the banner" "warden hypervisor" warden console
check_output "cell list shows the root cell" "qemu-x86" warden cell list
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

# 0xfed40000 (no device there) is not in the root cell: the access is reported
# and reads as all ones, as memory without a device would; Linux goes on.
check_output "access outside the root cell reads all ones" "0xFFFFFFFF" \
	devmem 0xfed40000
check_output "console reports the access" \
	'cell "qemu-x86" CPU' sh -c 'warden console | grep "unhandled read of 4 bytes at 0xfed40000 "'
check_output "the hypervisor answers CPUID 0x40000000 on every CPU" "0" \
	sh -c 'dmesg | grep -c "does not see the hypervisor" || true'
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
