# SPDX-License-Identifier: GPL-2.0
# arch: x86
# qemu-run: --smp 4
#
# Attacks of the root cell on the x86 (AMD SVM) hypervisor, through the
# attack module (tests/attack/): MSRs that are the hypervisor's or the
# machine's, the SVM instructions, INVD, wild hypercalls.  Each check
# holds when the attack has no effect (#GP or #UD in the root, or an
# error) while the hypervisor goes on: Linux's workload still computes
# the same checksum on every CPU, CPUs still come and go, `warden disable`
# succeeds and the kernel log is clean.  The attack that would take the
# machine down if it were not refused comes last.
. /ci/lib.sh

# The hypervisor memory of configs/x86/qemu-x86.toml.
HV_START=$((0x30000000))
HV_END=$((0x31000000))

attack() {
	echo "$*" > /proc/warden_attack && cat /proc/warden_attack
}

# refused NAME COMMAND...: the attack module reports a fault (#GP/#UD).
refused() {
	name=$1; shift
	check_output "$name" "fault" attack "$@"
}

# The first value of an "ok" result, as a number.
value() {
	attack "$@" | awk '$1 == "ok" { print $2 }'
}

# hc_error NAME CODE A1 A2: the hypercall returns a negative errno.
hc_error() {
	name=$1; shift
	out=$(attack hc "$@")
	case $out in
	"ok 0xffffffff"*) pass "$name" ;;
	*) fail "$name" "'hc $*' gave '$out', not a negative errno" ;;
	esac
}

# The hypervisor still answers: its CPUID leaf, and the root cell.
hv_works() {
	warden cell list | grep -q "qemu-x86" && workload
}

# write_refused NAME MSR NEW: the write faults; if the CPU took it (before
# the fix), the old value goes back.
write_refused() {
	name=$1 msr=$2 new=$3
	old=$(value rdmsr $msr)
	out=$(attack wrmsr $msr $new)
	if [ "$out" = fault ]; then
		pass "$name"
	else
		fail "$name" "wrmsr $msr $new gave '$out'"
		[ -n "$old" ] && attack wrmsr $msr $old > /dev/null
	fi
}

hex() { printf '0x%x' "$1"; }

# Exits of CPU $1 counted as "other" (CPUID, MSRs, INVD, ...).
other_exits() {
	awk -v cpu=$1 '$1 == cpu { print $8 }' $SYS/cells/0/statistics
}

# Ten INVDs on CPU $1 are ten exits more than ten reads of LSTAR (which
# pass without one) on it: the hypervisor sees them.
ten_on() {
	a=$(other_exits $1)
	for i in 1 2 3 4 5 6 7 8 9 10; do
		attack $2 $3 $1 > /dev/null
	done
	echo $(($(other_exits $1) - a))
}

# The fewest of five tries: other exits on the CPU (its share of the
# root's interrupts and IPIs) only ever add to the count.
least_of_five() {
	least=
	for t in 1 2 3 4 5; do
		n=$(ten_on "$@")
		[ -z "$least" ] || [ "$n" -lt "$least" ] && least=$n
	done
	echo $least
}

invd_exits() {
	base=$(least_of_five $1 rdmsr 0xc0000082)
	invd=$(least_of_five $1 insn invd)
	echo "CPU $1: other exits of 10 rdmsr LSTAR: $base, of 10 invd: $invd (fewest of 5)"
	[ $((invd - base)) -ge 10 ]
}

check "modprobe warden" modprobe warden
workload_init
check_output "warden enable" "enabled" warden enable $CELL
MOD=
for ko in /usr/lib/warden/tests/warden_attack.ko \
	$(find /lib/modules -name warden_attack.ko 2>/dev/null); do
	[ -f "$ko" ] && insmod "$ko" 2>/dev/null && break
done
[ -e /proc/warden_attack ] && MOD=1
check "attack module loaded" [ -n "$MOD" ]

# --- what Linux itself needs works, and costs no refusal -------------
check "CPU 2 offline and online again" sh -c \
	'echo 0 > /sys/devices/system/cpu/cpu2/online &&
	 echo 1 > /sys/devices/system/cpu/cpu2/online'
check "no MSR of Linux's own refused" \
	sh -c '[ "$(warden console | grep -c "MSR .* refused")" = 0 ]'
check_output "rdmsr LSTAR (passes)" "ok 0xffffffff" attack rdmsr 0xc0000082
check_output "rdmsr MTRRcap (read only)" "ok" attack rdmsr 0xfe
check_output "rdmsr SYSCFG (read only)" "ok" attack rdmsr 0xc0010010

# --- SVM's own MSRs -------------------------------------------------------
hsave=$(attack rdmsr 0xc0010117)
case $hsave in
fault) pass "rdmsr VM_HSAVE_PA hides the host save area" ;;
ok*)	v=$(echo "$hsave" | awk '{ print $2 }')
	if [ $((v)) -ge $HV_START ] && [ $((v)) -lt $HV_END ]; then
		fail "rdmsr VM_HSAVE_PA hides the host save area" \
			"it reads $v, in the hypervisor memory"
	else
		pass "rdmsr VM_HSAVE_PA hides the host save area"
	fi ;;
*)	fail "rdmsr VM_HSAVE_PA hides the host save area" "'$hsave'" ;;
esac
refused "wrmsr VM_CR (SVMDIS) refused" wrmsr 0xc0010114 0x10
check "hypervisor works after the SVM MSRs" hv_works

efer=$(value rdmsr 0xc0000080)
check "EFER.SVME set in the root" [ $((efer & 0x1000)) -ne 0 ]
write_refused "wrmsr EFER without SVME refused" 0xc0000080 \
	$(hex $((efer & ~0x1000)))
check "EFER.SVME still set" sh -c \
	"[ \$((\$(echo rdmsr 0xc0000080 > /proc/warden_attack &&
		cut -d' ' -f2 /proc/warden_attack) & 0x1000)) -ne 0 ]"
check "hypervisor works after EFER" hv_works

# --- the machine's memory map and types --------------------------------
base0=$(value rdmsr 0x200)
write_refused "wrmsr MTRRphysBase0 refused" 0x200 \
	$(hex $((${base0:-0} ^ 0x1000)))
deftype=$(value rdmsr 0x2ff)
write_refused "wrmsr MTRRdefType (other default type) refused" 0x2ff \
	$(hex $((${deftype:-0x800} ^ 0x6)))
syscfg=$(value rdmsr 0xc0010010)
write_refused "wrmsr SYSCFG refused" 0xc0010010 \
	$(hex $((${syscfg:-0} | 0x80000)))
write_refused "wrmsr TOP_MEM refused" 0xc001001a 0x1000000
write_refused "wrmsr IORR_BASE0 over the hypervisor refused" 0xc0010016 \
	$(hex $((HV_START | 0x18)))
apic=$(value rdmsr 0x1b)
write_refused "wrmsr APIC_BASE to x2APIC mode refused" 0x1b \
	$(hex $((${apic:-0xfee00900} | 0x400)))
refused "wrmsr PAT with a reserved type refused" wrmsr 0x277 \
	0x0202020202020202
refused "rdmsr of an MSR outside the map refused" rdmsr 0x12345678
refused "wrmsr of an unknown MSR refused" wrmsr 0xc0011234 0x1
check "hypervisor works after the MSRs" hv_works

# --- instructions ------------------------------------------------------
for i in vmrun vmload vmsave stgi clgi skinit invlpga; do
	refused "insn $i: #UD" insn $i
done
check "hypervisor works after the SVM instructions" hv_works
for c in $(online_cpus); do
	check_output "insn invd on CPU $c goes on" "ok" attack insn invd $c
done
check "checksum unchanged after invd" workload
check "insn invd exits to the hypervisor" invd_exits 3
check_output "insn wbinvd" "ok" attack insn wbinvd

# --- wild hypercalls ---------------------------------------------------
for code in 4 5 6 7 15 16 0x1000 0xffffffff 0xffffffffffffffff; do
	hc_error "hypercall $code: error" $code 0 0
done
hc_error "CELL_CREATE at 0xfffffffffffff000 size 0x2000: error" \
	9 0xfffffffffffff000 0x2000
hc_error "CELL_CREATE at 0x1000 size 2^64-1: error" \
	9 0x1000 0xffffffffffffffff
hc_error "CELL_CREATE in the hypervisor memory: error" \
	9 $HV_START 0x1000
hc_error "CELL_START of no cell: error" 10 0xffffffff 0
hc_error "CELL_DESTROY of the root cell: error" 12 0 0
hc_error "CELL_STATE of no cell: error" 2 0x7fffffff 0
check "hypervisor works after the hypercalls" hv_works

# --- last, since it takes the machine down if it is not refused -------
# The host state goes where VM_HSAVE_PA says at every VMRUN and comes
# back from there at every #VMEXIT.  0x1000: root memory Linux never uses
# (the low 64 KiB are kept free).
refused "wrmsr VM_HSAVE_PA refused" wrmsr 0xc0010117 0x1000
check "hypervisor works after VM_HSAVE_PA" hv_works

# --- afterwards --------------------------------------------------------
check_output "console reports the refusals" "refused" warden console
check "CPU 1 offline and online after the attacks" sh -c \
	'echo 0 > /sys/devices/system/cpu/cpu1/online &&
	 echo 1 > /sys/devices/system/cpu/cpu1/online'
check "workload on every CPU" workload
check_output "warden disable" "disabled" warden disable
check "workload after disable" workload
[ -n "$MOD" ] && check "rmmod the attack module" rmmod warden_attack
check "rmmod warden" rmmod warden
check_dmesg_clean
finish
