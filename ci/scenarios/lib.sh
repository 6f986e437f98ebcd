# SPDX-License-Identifier: GPL-2.0
#
# Helpers for scenarios run in the guest by ci/qemu-run (busybox sh).
# Each check prints one line, "PASS name" or "FAIL name: why"; `finish`
# prints the summary, repeats every result line between two markers, and
# sets the exit status.  ci/run-tests counts the lines between the markers:
# the hypervisor shares the console with Linux, and a line printed while it
# prints may lose characters; at the end it is quiet.

passed=0
failed=0
RESULTS=/tmp/ci-results
: > $RESULTS

pass() { echo "PASS $1" | tee -a $RESULTS; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2" | tee -a $RESULTS; failed=$((failed + 1)); }

# What every scenario may rely on.
ARCH=$(uname -m | sed 's/aarch64/arm64/; s/x86_64/x86/; s/riscv64/riscv/')
SYS=/sys/devices/warden
CELL=/etc/warden/qemu-$ARCH.cell
INMATES=/usr/lib/warden/inmates

# check NAME CMD...: CMD must succeed.
check() {
	name=$1; shift
	if out=$("$@" 2>&1); then
		pass "$name"
	else
		fail "$name" "'$*' failed: $(echo "$out" | tail -n 3 | tr '\n' ' ')"
	fi
}

# check_fails NAME EXPECTED CMD...: CMD must fail and print EXPECTED.
check_fails() {
	name=$1 expected=$2; shift 2
	if out=$("$@" 2>&1); then
		fail "$name" "'$*' succeeded, expected a failure"
	elif echo "$out" | grep -qF -- "$expected"; then
		pass "$name"
	else
		fail "$name" "'$*' did not say '$expected': $(echo "$out" | tr '\n' ' ')"
	fi
}

# check_output NAME EXPECTED CMD...: CMD must succeed and print EXPECTED.
check_output() {
	name=$1 expected=$2; shift 2
	if ! out=$("$@" 2>&1); then
		fail "$name" "'$*' failed: $(echo "$out" | tr '\n' ' ')"
	elif echo "$out" | grep -qF -- "$expected"; then
		pass "$name"
	else
		fail "$name" "'$*' did not print '$expected': $(echo "$out" | tr '\n' ' ')"
	fi
}

# The kernel log must show no warning, oops or BUG since boot.
check_dmesg_clean() {
	bad=$(dmesg | grep -E 'WARNING:|Oops|BUG:|Call trace:|Call Trace:' || true)
	if [ -z "$bad" ]; then
		pass "${1:-dmesg clean}"
	else
		fail "${1:-dmesg clean}" "$(echo "$bad" | head -n 3 | tr '\n' ' ')"
	fi
}

# Linux's online CPUs, one number per line.
online_cpus() {
	for c in $(tr ',' ' ' < /sys/devices/system/cpu/online); do
		case $c in
		*-*) seq ${c%-*} ${c#*-} ;;
		*) echo $c ;;
		esac
	done
}

# workload_init: a file whose checksum (REF) is known before anything runs.
workload_init() {
	dd if=/dev/urandom of=/tmp/data bs=64k count=16 2>/dev/null
	REF=$(md5sum < /tmp/data)
}

# workload [CPU...]: on each CPU at once (default: every online one) a busy
# loop, then the checksum of /tmp/data, which must still be REF.
workload() {
	cpus=${*:-$(online_cpus)}
	for c in $cpus; do
		taskset -c "$c" sh -c 'i=0; while [ $i -lt 3000 ]; do
			i=$((i + 1)); done; md5sum < /tmp/data' > "/tmp/md5.$c" &
	done
	wait
	for c in $cpus; do
		if [ "$(cat "/tmp/md5.$c")" != "$REF" ]; then
			echo "CPU $c computed '$(cat "/tmp/md5.$c")', not '$REF'"
			return 1
		fi
	done
}

# cell_dir NAME: the cell's folder under $SYS/cells.
cell_dir() {
	for d in $SYS/cells/*; do
		[ "$(cat $d/name 2>/dev/null)" = "$1" ] && echo $d && return 0
	done
	return 1
}

# Lines of the hypervisor console that contain $1.
console_count() {
	warden console | grep -cF -- "$1"
}

# wait_console PATTERN N: up to 10 s for the Nth line with PATTERN.
wait_console() {
	i=0
	while [ "$(console_count "$1")" -lt "$2" ]; do
		i=$((i + 1))
		[ $i -gt 100 ] && { echo "no line $2 with '$1'"; return 1; }
		sleep 0.1
	done
}

# enable_refused WHY: a whole scenario for a machine or kernel the
# hypervisor cannot run on: enable fails saying WHY and changes nothing.
enable_refused() {
	check "modprobe warden" modprobe warden
	check_fails "enable refused" "$1" warden enable $CELL
	check_output "not enabled" "0" cat $SYS/enabled
	check "nothing reserved" sh -c '! grep -q warden /proc/iomem'
	check_output "all CPUs online" "0-3" cat /sys/devices/system/cpu/online
	check "Linux goes on" sh -c "seq 1 2000 | md5sum"
	check "rmmod warden" rmmod warden
	check_dmesg_clean
}

finish() {
	echo "scenario: $passed passed, $failed failed"
	echo "warden-ci: results begin"
	cat $RESULTS
	echo "warden-ci: results end"
	[ "$failed" -eq 0 ]
}
