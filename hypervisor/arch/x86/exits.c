// SPDX-License-Identifier: GPL-2.0
/*
 * What a cell's CPU does that makes a #VMEXIT: CPUID, hypercalls, MSR and
 * port accesses outside what the cell may do directly, nested page faults
 * (the trapped APIC page, memory the cell does not have), HLT of a CPU
 * going offline, INVD, INIT signals, and the SVM instructions.
 *
 * Nothing a cell does stops the hypervisor: what it cannot emulate is
 * reported with the cell's name, CPU, address and access, and the cell
 * gets what a machine without that device gives (reads of all ones,
 * writes dropped, #GP for MSRs, #UD for SVM instructions).
 */
#include <warden/arch/x86.h>
#include <warden/hypercall.h>
#include <warden/printk.h>
#include "decode.h"
#include "x86.h"

static const char *cell_of(struct per_cpu *pc)
{
	return cell_name(pc->cell);
}

static void cpuid(struct per_cpu *pc, u64 *regs)
{
	u32 leaf = regs[REG_RAX], sub = regs[REG_RCX];
	u32 a, b, c, d;

	if (leaf >= WARDEN_CPUID_LEAF && leaf <= WARDEN_CPUID_LEAF_LAST) {
		/* The hypervisor leaf: its name, and no others after it. */
		a = WARDEN_CPUID_LEAF;
		b = WARDEN_CPUID_SIG_EBX;
		c = WARDEN_CPUID_SIG_ECX;
		d = WARDEN_CPUID_SIG_EDX;
		if (leaf != WARDEN_CPUID_LEAF)
			a = b = c = d = 0;
	} else {
		asm volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d)
			     : "a"(leaf), "c"(sub));
		/*
		 * Nothing else changes: Linux ANDs the features of a CPU it
		 * brings up into what it found at boot, so hiding SVM here
		 * would hide it from the next enable.
		 */
		if (leaf == 1)
			c |= 1U << 31;		/* running under a hypervisor */
	}
	regs[REG_RAX] = a;
	regs[REG_RBX] = b;
	regs[REG_RCX] = c;
	regs[REG_RDX] = d;
}

/*
 * MSRs: what the permission map does not pass (msrpm.h) exits and is
 * decided here, from an allow-list (msr_rules): how a read and a write of
 * each MSR in it are done.  An MSR not in the list, or an access the list
 * or a check refuses, gets #GP, as on a CPU without it, and is reported.
 */
enum msr_read { RD_GP, RD_FWD, RD_PAT, RD_ZERO };
enum msr_write { WR_GP, WR_FWD, WR_EFER, WR_APIC_BASE, WR_PAT, WR_MTRR,
		 WR_PERF, WR_BITS };

/*
 * No function pointers: the image is position independent (arch.mk).
 * WR_BITS: a write may change the bits in bits, nothing else.
 */
struct msr_rule {
	u32 first, last;
	u8 read, write;
	u64 bits;
};

/* Only what the CPU's CPUID says it has; any other bit is MBZ. */
static u64 efer_allowed(void)
{
	u32 a, b, c, d, max;
	u64 ok = EFER_SCE | EFER_LME | EFER_LMA | EFER_SVME;

	asm volatile("cpuid" : "=a"(max), "=b"(b), "=c"(c), "=d"(d)
		     : "a"(0x80000000), "c"(0));
	asm volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d)
		     : "a"(0x80000001), "c"(0));
	if (d & BIT(20))
		ok |= EFER_NXE;
	if (d & BIT(25))
		ok |= EFER_FFXSR;
	if (c & BIT(17))
		ok |= EFER_TCE;
	if (max >= 0x80000021) {
		asm volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d)
			     : "a"(0x80000021), "c"(0));
		if (a & BIT(8))
			ok |= EFER_AUTOIBRS;
	}
	return ok;
}

/*
 * EFER lives in the VMCB; reads pass.  SVME stays set: VMRUN needs it in
 * the guest, and SVM is the hypervisor's.  A kernel in long mode that
 * clears it (a kvm_amd or a "disable virtualisation" path) gets #GP.  A
 * CPU outside long mode is Linux's real-mode AP trampoline, which loads
 * the EFER it saved at boot, before the hypervisor, without SVME and
 * with no IDT to take a #GP: SVME is kept set for it, invisibly.  LME may
 * not change under paging (#GP, as on the CPU); LMA is the CPU's.
 */
static int efer_write(struct per_cpu *pc, u64 value)
{
	struct vmcb *v = pc->arch.vmcb;

	if (value & ~efer_allowed())
		return -1;
	if (!(value & EFER_SVME) && (v->efer & EFER_LMA))
		return -1;
	if (((value ^ v->efer) & EFER_LME) && (v->cr0 & X86_CR0_PG))
		return -1;
	v->efer = (value & ~EFER_LMA) | (v->efer & EFER_LMA) | EFER_SVME;
	return 0;
}

/* Under nested paging the cell's PAT is the VMCB's G_PAT. */
static int pat_write(struct per_cpu *pc, u64 value)
{
	unsigned int n, type;

	/* UC, WC, WT, WP, WB, UC-; 2 and 3 are reserved (#GP). */
	for (n = 0; n < 8; n++) {
		type = (value >> (8 * n)) & 0xff;
		if (type > 7 || type == 2 || type == 3)
			return -1;
	}
	pc->arch.vmcb->g_pat = value;
	return 0;
}

/*
 * MTRRs are the machine's: the hypervisor's memory types are in them.
 * Linux, bringing a CPU up, writes back the values they already have, and
 * disables them around that with caches off (MTRRdefType with E clear):
 * both are accepted and change nothing.  Every other write is refused.
 */
static int mtrr_write(u32 msr, u64 value)
{
	u64 now;

	if (rdmsr_safe(msr, &now))
		return -1;
	if (value == now)
		return 0;
	if (msr == MSR_MTRR_DEF_TYPE && !(value & MTRR_DEF_TYPE_E) &&
	    !(value & ~0xcffULL))
		return 0;
	return -1;
}

/*
 * Performance counters: the root's, but counting in guest mode only
 * (PERF_CTL GuestOnly set, HostOnly clear): what the hypervisor does is
 * not counted.
 */
#define PERF_CTL_GUEST_ONLY	(1ULL << 40)
#define PERF_CTL_HOST_ONLY	(1ULL << 41)

static int perf_write(u32 msr, u64 value)
{
	bool ctl = msr < 0xc0010004 ||
		   (msr >= 0xc0010200 && !(msr & 1));

	if (ctl)
		value = (value & ~PERF_CTL_HOST_ONLY) | PERF_CTL_GUEST_ONLY;
	return wrmsr_safe(msr, value);
}

static const struct msr_rule msr_rules[] = {
	/*
	 * Emulated with checks: APIC_BASE stays where the hypervisor watches
	 * the APIC, in xAPIC mode (a write of its value is accepted).
	 */
	{ MSR_APIC_BASE, MSR_APIC_BASE, RD_FWD, WR_APIC_BASE, 0 },
	{ MSR_EFER, MSR_EFER, RD_FWD, WR_EFER, 0 },
	{ MSR_PAT, MSR_PAT, RD_PAT, WR_PAT, 0 },
	/* MTRRs: cap, variable pairs, fixed ranges, default type */
	{ MSR_MTRR_CAP, MSR_MTRR_CAP, RD_FWD, WR_GP, 0 },
	{ 0x200, 0x21f, RD_FWD, WR_MTRR, 0 },
	{ 0x250, 0x250, RD_FWD, WR_MTRR, 0 },
	{ 0x258, 0x259, RD_FWD, WR_MTRR, 0 },
	{ 0x268, 0x26f, RD_FWD, WR_MTRR, 0 },
	{ MSR_MTRR_DEF_TYPE, MSR_MTRR_DEF_TYPE, RD_FWD, WR_MTRR, 0 },
	/*
	 * Read only, for what Linux reads with a plain RDMSR: the microcode
	 * level (0x8b; loading microcode, 0xc0010020, is refused), SYSCFG,
	 * the IORRs, TOP_MEM and TOP_MEM2.
	 */
	{ 0x8b, 0x8b, RD_FWD, WR_GP, 0 },
	{ 0xc0010010, 0xc0010010, RD_FWD, WR_GP, 0 },
	{ 0xc0010016, 0xc0010019, RD_FWD, WR_GP, 0 },
	{ 0xc001001a, 0xc001001a, RD_FWD, WR_GP, 0 },
	{ 0xc001001d, 0xc001001d, RD_FWD, WR_GP, 0 },
	/*
	 * Bits Linux sets on a CPU it brings up, workarounds that only make
	 * the CPU more careful: HWCR FFDIS (bit 6, K8 TLB flush filter off)
	 * and IRPERF_EN (bit 30, the retired-instructions counter); DE_CFG
	 * LFENCE_SERIALIZE (bit 1).  The rest of HWCR (SMM lock, machine
	 * check status writes, ...) and of DE_CFG stays as it is.
	 */
	{ 0xc0010015, 0xc0010015, RD_FWD, WR_BITS, BIT(6) | BIT(30) },
	{ 0xc0011029, 0xc0011029, RD_FWD, WR_BITS, BIT(1) },
	/*
	 * Machine check: MCG_CAP/STATUS/CTL and the banks.  Error handling
	 * is Linux's (the hypervisor has none); a read that faults in
	 * Linux's poll is a panic, so they must work.
	 */
	{ 0x179, 0x17b, RD_FWD, WR_FWD, 0 },
	{ 0x400, 0x47f, RD_FWD, WR_FWD, 0 },
	/*
	 * DEBUGCTL: BTF (bit 1, ptrace's block step) only; LBR and the rest
	 * would record or change what the hypervisor does on this CPU too.
	 */
	{ 0x1d9, 0x1d9, RD_FWD, WR_BITS, BIT(1) },
	/* performance counters: legacy K7 and family 15h core */
	{ 0xc0010000, 0xc0010007, RD_FWD, WR_PERF, 0 },
	{ 0xc0010200, 0xc001020b, RD_FWD, WR_PERF, 0 },
	/*
	 * SVM's own, never written.  VM_CR's SVMDIS and LOCK say whether SVM
	 * may be used, which a kvm_amd reads: it reads as it is.  The host
	 * save area is the hypervisor's: its address reads as 0, as on a CPU
	 * nobody runs SVM on.
	 */
	{ MSR_VM_CR, MSR_VM_CR, RD_FWD, WR_GP, 0 },
	{ MSR_VM_HSAVE_PA, MSR_VM_HSAVE_PA, RD_ZERO, WR_GP, 0 },
};

static const struct msr_rule *msr_rule(u32 msr)
{
	unsigned int n;

	for (n = 0; n < ARRAY_SIZE(msr_rules); n++)
		if (msr >= msr_rules[n].first && msr <= msr_rules[n].last)
			return &msr_rules[n];
	return NULL;
}

static int msr_read(struct per_cpu *pc, const struct msr_rule *rule,
		    u32 msr, u64 *value)
{
	switch (rule ? rule->read : RD_GP) {
	case RD_FWD:
		return rdmsr_safe(msr, value);
	case RD_PAT:
		*value = pc->arch.vmcb->g_pat;
		return 0;
	case RD_ZERO:
		*value = 0;
		return 0;
	default:
		return -1;
	}
}

static int msr_write(struct per_cpu *pc, const struct msr_rule *rule,
		     u32 msr, u64 value)
{
	u64 now;

	switch (rule ? rule->write : WR_GP) {
	case WR_FWD:
		return wrmsr_safe(msr, value);
	case WR_EFER:
		return efer_write(pc, value);
	case WR_APIC_BASE:
		return value == rdmsr(MSR_APIC_BASE) ? 0 : -1;
	case WR_PAT:
		return pat_write(pc, value);
	case WR_MTRR:
		return mtrr_write(msr, value);
	case WR_PERF:
		return perf_write(msr, value);
	case WR_BITS:
		if (rdmsr_safe(msr, &now) || ((value ^ now) & ~rule->bits))
			return -1;
		return wrmsr_safe(msr, value);
	default:
		return -1;
	}
}

static void msr_access(struct per_cpu *pc, u64 *regs, bool write)
{
	struct vmcb *v = pc->arch.vmcb;
	u32 msr = regs[REG_RCX];
	u64 value = (regs[REG_RAX] & 0xffffffff) | (regs[REG_RDX] << 32);
	const struct msr_rule *rule = msr_rule(msr);

	if (write ? msr_write(pc, rule, msr, value) :
		    msr_read(pc, rule, msr, &value)) {
		if (write)
			printk("warden: cell \"%s\" CPU %u: write of 0x%llx "
			       "to MSR 0x%x refused (rip 0x%llx): #GP\n",
			       cell_of(pc), pc->cpu, value, msr, v->rip);
		else
			printk("warden: cell \"%s\" CPU %u: read of MSR 0x%x "
			       "refused (rip 0x%llx): #GP\n", cell_of(pc),
			       pc->cpu, msr, v->rip);
		inject_exception(v, 13, true);
		return;
	}
	if (!write) {
		regs[REG_RAX] = value & 0xffffffff;
		regs[REG_RDX] = value >> 32;
	}
	v->rip += 2;
}

/* A port the cell does not have: reads give all ones, writes vanish. */
static void port_access(struct per_cpu *pc, u64 *regs)
{
	struct vmcb *v = pc->arch.vmcb;
	u64 info = v->exitinfo1;
	unsigned int port = info >> 16, size = (info >> 4) & 7;
	bool in = info & 1;

	size = size == 4 ? 4 : size == 2 ? 2 : 1;
	printk("warden: cell \"%s\" CPU %u: unhandled %s of %u bytes at port "
	       "0x%x (rip 0x%llx)\n", cell_of(pc), pc->cpu,
	       in ? "read" : "write", size, port, v->rip);
	if (in && !(info & 4))
		regs[REG_RAX] |= size == 4 ? 0xffffffff : (1U << (8 * size)) - 1;
	v->rip = v->exitinfo2;
}

/* Copy from the cell's physical memory through the CPU's window. */
static bool read_cell(struct per_cpu *pc, u64 gpa, void *buf, unsigned int n)
{
	u64 hpa = paging_translate(&pc->cell->mem, gpa & ~(PAGE_SIZE - 1));

	if (hpa == INVALID_PHYS || (gpa & (PAGE_SIZE - 1)) + n > PAGE_SIZE ||
	    paging_map(&hv_paging, pc->arch.window, hpa, PAGE_SIZE, MAP_READ))
		return false;
	asm volatile("invlpg (%0)" : : "r"(pc->arch.window) : "memory");
	memcpy(buf, (u8 *)pc->arch.window + (gpa & (PAGE_SIZE - 1)), n);
	return true;
}

/* The guest's 4-level page walk: guest-physical address of va. */
static u64 guest_phys(struct per_cpu *pc, u64 va)
{
	struct vmcb *v = pc->arch.vmcb;
	u64 table = v->cr3 & 0x000ffffffffff000ULL, pte;
	unsigned int level, shift;

	if (!(v->cr0 & X86_CR0_PG))
		return va;
	for (level = 0; level < 4; level++) {
		shift = 39 - 9 * level;
		if (!read_cell(pc, table + ((va >> shift) & 511) * 8, &pte, 8) ||
		    !(pte & 1))
			return INVALID_PHYS;
		table = pte & 0x000ffffffffff000ULL;
		if (level > 0 && level < 3 && (pte & 0x80))
			return (table & ~((1ULL << shift) - 1)) |
			       (va & ((1ULL << shift) - 1));
	}
	return table | (va & (PAGE_SIZE - 1));
}

/* The bytes at the guest's rip, up to 15, as far as they can be read. */
static unsigned int fetch(struct per_cpu *pc, u8 *code)
{
	struct vmcb *v = pc->arch.vmcb;
	u64 va = v->cs.base + v->rip, gpa;
	unsigned int n = 0, chunk;

	while (n < 15) {
		chunk = MIN(15 - n, PAGE_SIZE - ((va + n) & (PAGE_SIZE - 1)));
		gpa = guest_phys(pc, va + n);
		if (gpa == INVALID_PHYS || !read_cell(pc, gpa, code + n, chunk))
			break;
		n += chunk;
	}
	return n;
}

static u64 reg_value(const u64 *regs, struct vmcb *v, unsigned int r)
{
	return r == REG_RSP ? v->rsp : regs[r];
}

/* A load's result into its register, as the CPU would merge it. */
static void set_reg(u64 *regs, struct vmcb *v, const struct x86_insn *in,
		    u64 value)
{
	u64 *r = in->reg == REG_RSP ? &v->rsp : &regs[in->reg];

	if (in->high_byte)
		*r = (*r & ~0xff00ULL) | ((value & 0xff) << 8);
	else if (in->reg_size == 1)
		*r = (*r & ~0xffULL) | (value & 0xff);
	else if (in->reg_size == 2)
		*r = (*r & ~0xffffULL) | (value & 0xffff);
	else
		*r = in->reg_size == 4 ? value & 0xffffffff : value;
}

/* A nested page fault: an access to what the cell does not map (so). */
static void page_fault(struct per_cpu *pc, u64 *regs)
{
	struct vmcb *v = pc->arch.vmcb;
	struct mmio_access access = { .address = v->exitinfo2,
				      .write = (v->exitinfo1 & 2) != 0 };
	struct x86_insn in;
	u8 code[15];
	unsigned int n = fetch(pc, code);
	u64 mask;

	if (x86_decode(code, n, &in) || in.write != access.write) {
		printk("warden: cell \"%s\" CPU %u: unhandled %s at 0x%llx "
		       "(rip 0x%llx, not decodable): #GP\n", cell_of(pc),
		       pc->cpu, access.write ? "write" : "read",
		       access.address, v->rip);
		inject_exception(v, 13, true);
		return;
	}
	access.size = in.size;
	mask = in.size == 8 ? ~0ULL : (1ULL << (8 * in.size)) - 1;
	if (access.write)
		access.value = (in.has_imm ? in.imm :
				reg_value(regs, v, in.reg) >>
				(in.high_byte ? 8 : 0)) & mask;
	/* A misaligned or wrongly sized one (MMIO_BAD) is not replayed either. */
	if (mmio_handle(pc->cell, &access) != MMIO_HANDLED) {
		if (access.write)
			printk("warden: cell \"%s\" CPU %u: unhandled %u-byte "
			       "write of 0x%llx to 0x%llx (rip 0x%llx): "
			       "dropped\n", cell_of(pc), pc->cpu, access.size,
			       access.value, access.address, v->rip);
		else
			printk("warden: cell \"%s\" CPU %u: unhandled read of "
			       "%u bytes at 0x%llx (rip 0x%llx): all ones\n",
			       cell_of(pc), pc->cpu, access.size,
			       access.address, v->rip);
		access.value = ~0ULL;
	}
	if (!access.write)
		set_reg(regs, v, &in, access.value & mask);
	v->rip += in.len;
}

static void hypercall_exit(struct per_cpu *pc, u64 *regs)
{
	struct vmcb *v = pc->arch.vmcb;

	/* Hypercalls are the kernel's: VMMCALL from user mode is #UD. */
	if (v->cpl != 0) {
		inject_exception(v, 6, false);
		return;
	}
	v->rax = hypercall(v->rax, regs[REG_RDI], regs[REG_RSI]);
	v->rip += 3;
	if (pc->leaving) {
		apic_release_parked(pc);
		cpu_exit_to_linux(pc);
	}
}

/*
 * INVD would drop dirty cache lines of memory that is not the cell's, the
 * hypervisor's included: write them back instead (WBINVD), and go on
 * after the instruction, whose length the decoder finds (no next-RIP
 * under QEMU).  WBINVD exits too (setup.c), and is just done.  Which of
 * the two it was comes from the bytes, not the exit code: QEMU 7.2
 * reports INVD as a WBINVD exit.
 */
static void cache_flush_exit(struct per_cpu *pc)
{
	static const u8 invd[] = { 0x0f, 0x08 }, wbinvd[] = { 0x0f, 0x09 };
	struct vmcb *v = pc->arch.vmcb;
	u8 code[15];
	unsigned int n = fetch(pc, code);
	int len = x86_plain_len(code, n, invd, sizeof(invd));

	if (len < 0)
		len = x86_plain_len(code, n, wbinvd, sizeof(wbinvd));
	asm volatile("wbinvd" : : : "memory");
	if (len < 0) {
		inject_exception(v, 13, true);
		return;
	}
	v->rip += len;
}

/*
 * A real INIT signal: the cell's INIT IPIs never reach the hardware
 * (apic.c), so this came from elsewhere (an IOAPIC entry or an MSI with
 * delivery mode INIT).  It would reset the CPU under the hypervisor: it
 * is dropped, and the CPU goes on.
 */
static void init_exit(struct per_cpu *pc)
{
	printk("warden: cell \"%s\" CPU %u: INIT signal dropped (rip 0x%llx)\n",
	       cell_of(pc), pc->cpu, pc->arch.vmcb->rip);
}

static void __attribute__((noreturn)) stop_cpu(struct per_cpu *pc,
					       const char *why)
{
	printk("warden: cell \"%s\" CPU %u: %s at rip 0x%llx: CPU stopped\n",
	       cell_of(pc), pc->cpu, why, pc->arch.vmcb->rip);
	cpu_stopped(pc);
	park_forever();
}

/* From vm_loop after every #VMEXIT; regs are the guest's (rax/rsp aside). */
void handle_exit(u64 *regs)
{
	struct per_cpu *pc = this_cpu();
	struct vmcb *v = pc->arch.vmcb;

	pc->stats[WARDEN_STAT_TOTAL]++;
	pc->stats[v->exitcode == EXIT_VMMCALL ? WARDEN_STAT_HYPERCALL :
		  v->exitcode == EXIT_NPF ? WARDEN_STAT_MMIO :
		  WARDEN_STAT_OTHER]++;
	v->tlb_control = 0;
	/* VMRUN needs SVME in the guest; efer_write() keeps it, this too. */
	v->efer |= EFER_SVME;
	regs[REG_RAX] = v->rax;
	switch (v->exitcode) {
	case EXIT_CPUID:
		cpuid(pc, regs);
		v->rip += 2;
		break;
	case EXIT_VMMCALL:
		hypercall_exit(pc, regs);
		return;
	case EXIT_MSR:
		msr_access(pc, regs, v->exitinfo1 == 1);
		break;
	case EXIT_IOIO:
		port_access(pc, regs);
		break;
	case EXIT_NPF:
		page_fault(pc, regs);
		break;
	case EXIT_HLT:
		apic_park(pc);
		return;
	case EXIT_INVD:
	case EXIT_WBINVD:
		cache_flush_exit(pc);
		break;
	case EXIT_INIT:
		init_exit(pc);
		break;
	case EXIT_SHUTDOWN:
		stop_cpu(pc, "shutdown (triple fault)");
	case EXIT_VMRUN:
	case EXIT_VMLOAD:
	case EXIT_VMSAVE:
	case EXIT_STGI:
	case EXIT_CLGI:
	case EXIT_SKINIT:
	case EXIT_INVLPGA:
		/* SVM is the hypervisor's: #UD, as on a CPU without it. */
		inject_exception(v, 6, false);
		return;
	default:
		printk("warden: cell \"%s\" CPU %u: unexpected exit 0x%llx "
		       "(info 0x%llx 0x%llx)\n", cell_of(pc), pc->cpu,
		       v->exitcode, v->exitinfo1, v->exitinfo2);
		stop_cpu(pc, "unexpected exit");
	}
	v->rax = regs[REG_RAX];
}
