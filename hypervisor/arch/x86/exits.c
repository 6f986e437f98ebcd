// SPDX-License-Identifier: GPL-2.0
/*
 * What a cell's CPU does that makes a #VMEXIT: CPUID, hypercalls, MSR and
 * port accesses outside what the cell may do directly, nested page faults
 * (the trapped APIC page, memory the cell does not have), HLT of a CPU
 * going offline, and the SVM instructions.
 *
 * Nothing a cell does stops the hypervisor: what it cannot emulate is
 * reported with the cell's name, CPU, address and access, and the cell
 * gets what a machine without that device gives (reads of all ones,
 * writes dropped, #GP for MSRs, #UD for SVM instructions).
 */
#include <warden/hypercall.h>
#include <warden/printk.h>
#include "decode.h"
#include "x86.h"

#define SIG_EBX		0x64726157	/* "WardenWarden" */
#define SIG_ECX		0x61576e65
#define SIG_EDX		0x6e656472

static const char *cell_of(struct per_cpu *pc)
{
	return cell_name(pc->cell);
}

static void cpuid(struct per_cpu *pc, u64 *regs)
{
	u32 leaf = regs[REG_RAX], sub = regs[REG_RCX];
	u32 a, b, c, d;

	if (leaf >= 0x40000000 && leaf <= 0x400000ff) {
		/* The hypervisor leaf: its name, and no others after it. */
		a = 0x40000000;
		b = SIG_EBX;
		c = SIG_ECX;
		d = SIG_EDX;
		if (leaf != 0x40000000)
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

static void msr_access(struct per_cpu *pc, u64 *regs, bool write)
{
	struct vmcb *v = pc->arch.vmcb;
	u32 msr = regs[REG_RCX];
	u64 value = (regs[REG_RAX] & 0xffffffff) | (regs[REG_RDX] << 32);

	if (msr == MSR_VM_CR || msr == MSR_VM_HSAVE_PA ||
	    (msr == MSR_APIC_BASE && write && value != rdmsr(msr))) {
		/* SVM is not the cell's; the APIC stays where it is. */
		if (write)
			printk("warden: cell \"%s\" CPU %u: write of 0x%llx "
			       "to MSR 0x%x refused (rip 0x%llx)\n",
			       cell_of(pc), pc->cpu, value, msr, v->rip);
		value = 0;
	} else if (write ? wrmsr_safe(msr, value) : rdmsr_safe(msr, &value)) {
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
	struct mmio_access access = { v->exitinfo2, 0, 0,
				      (v->exitinfo1 & 2) != 0 };
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
	if (!mmio_handle(pc->cell, &access)) {
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

	v->rax = hypercall(v->rax, regs[REG_RDI], regs[REG_RSI]);
	v->rip += 3;
	if (pc->leaving) {
		apic_release_parked(pc);
		cpu_exit_to_linux(pc);
	}
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
	/* Linux's AP trampoline loads an EFER without SVME; VMRUN needs it. */
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
	case EXIT_SHUTDOWN:
		stop_cpu(pc, "shutdown (triple fault)");
	default:
		if (v->exitcode >= EXIT_VMRUN && v->exitcode <= EXIT_SKINIT) {
			inject_exception(v, 6, false);	/* #UD */
			return;
		}
		printk("warden: cell \"%s\" CPU %u: unexpected exit 0x%llx "
		       "(info 0x%llx 0x%llx)\n", cell_of(pc), pc->cpu,
		       v->exitcode, v->exitinfo1, v->exitinfo2);
		stop_cpu(pc, "unexpected exit");
	}
	v->rax = regs[REG_RAX];
}
