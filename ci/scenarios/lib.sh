# SPDX-License-Identifier: GPL-2.0
#
# Helpers for scenarios run in the guest by ci/qemu-run (busybox sh).
# Each check prints one line, "PASS name" or "FAIL name: why"; `finish`
# prints the summary and sets the exit status.  ci/run-tests counts these.

passed=0
failed=0

pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }

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

finish() {
	echo "scenario: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
