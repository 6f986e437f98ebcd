// SPDX-License-Identifier: GPL-2.0
/*
 * What a cell's CPU does that reaches EL2: hypercalls, SMCs (PSCI), the
 * SGI register writes the GIC traps, stage-2 faults, interrupts.
 *
 * Nothing a cell does makes the hypervisor stop: an access it cannot
 * emulate is reported with the cell's name, CPU, address and access.  The
 * root cell then gets the exception a machine without that device would
 * give (an external abort, or an undefined instruction); any other cell
 * is stopped and marked failed (cell_stop_self()).
 */
#include <warden/arch/arm64.h>
#include <warden/control.h>
#include <warden/hypercall.h>
#include <warden/printk.h>
#include "arm64.h"

#define HVC_STUB_ERR		0xbadca11	/* Linux's "not a stub call" */
#define HVC_STUB_LAST		4		/* HVC_STUB_HCALL_NR */
#define PSCI_NOT_SUPPORTED	(-1UL)

#define EXIT_SYNC		0
#define EXIT_IRQ		1
#define EXIT_FIQ		2
#define EXIT_SERROR		3
#define EXIT_EL2		4

/* Abort syndrome: synchronous external abort, not on a table walk. */
#define FSC_EXTERNAL		0x10
#define ISS_WNR			(1UL << 6)
#define ISS_SF			(1UL << 15)	/* 64-bit register */
#define ISS_SSE			(1UL << 21)	/* sign-extend */
#define ISS_ISV			(1UL << 24)	/* syndrome is valid */

/* ICC_SGI1R_EL1 as an ESR_EL2 system-register syndrome (Op0..CRm). */
#define SYSREG_ISS_MASK		0x3ffc1e
#define SYSREG_SGI1R		((3UL << 20) | (5UL << 17) | (0UL << 14) | \
				 (12UL << 10) | (11UL << 1))

void cpu_exit_to_linux(struct regs *regs) __attribute__((noreturn));

void __attribute__((noreturn)) park_cpu(void)
{
	for (;;)
		asm volatile("wfi");
}

void skip_instruction(void)
{
	write_sysreg(elr_el2, read_sysreg(elr_el2) +
			      (read_sysreg(esr_el2) & ESR_IL ? 4 : 2));
}

/*
 * Take an exception to the cell's EL1 as the CPU would have: syndrome,
 * return state, then its vector for the mode the cell was in.
 */
static void inject(u64 esr, u64 far)
{
	u64 spsr = read_sysreg(spsr_el2), offset;

	if (spsr & PSR_AARCH32)
		offset = 0x600;			/* from 32-bit EL0 */
	else if ((spsr & PSR_MODE_MASK) == 0)
		offset = 0x400;			/* from EL0 */
	else if (spsr & 1)
		offset = 0x200;			/* EL1 with SP_EL1 */
	else
		offset = 0;
	write_sysreg(esr_el1, esr);
	write_sysreg(far_el1, far);
	write_sysreg(elr_el1, read_sysreg(elr_el2));
	write_sysreg(spsr_el1, spsr);
	write_sysreg(elr_el2, read_sysreg(vbar_el1) + offset);
	write_sysreg(spsr_el2, PSR_DAIF | PSR_MODE_EL1H);
}

static bool from_el1(void)
{
	u64 spsr = read_sysreg(spsr_el2);

	return !(spsr & PSR_AARCH32) && (spsr & PSR_MODE_MASK) != 0;
}

void inject_abort(bool instruction, u64 far)
{
	u64 ec = instruction ? EC_IABT_LOW : EC_DABT_LOW;
	u64 esr = read_sysreg(esr_el2);

	if (from_el1())
		ec++;				/* "same EL" classes */
	inject((ec << ESR_EC_SHIFT) | (esr & ESR_IL) |
	       (instruction ? 0 : esr & ISS_WNR) | FSC_EXTERNAL, far);
}

void inject_undef(void)
{
	inject((EC_UNKNOWN << ESR_EC_SHIFT) | ESR_IL, 0);
}

static bool in_root(void)
{
	return this_cpu()->cell == &root_cell;
}

static void count(unsigned int stat)
{
	this_cpu()->stats[stat]++;
}

/* After the report of a fault: what the cell's CPU gets. */
static void fault(bool instruction, bool undef)
{
	if (!in_root()) {
		printk("warden: cell \"%s\" failed on CPU %u\n",
		       cell_name(this_cpu()->cell), this_cpu()->cpu);
		cell_stop_self(true);
		cpu_park_self();
	}
	if (undef)
		inject_undef();
	else
		inject_abort(instruction, read_sysreg(far_el2));
}

static const char *cell_of_cpu(void)
{
	struct per_cpu *pc = this_cpu();

	return pc->cell ? cell_name(pc->cell) : "?";
}

static u64 get_reg(struct regs *regs, unsigned int n)
{
	return n == 31 ? 0 : regs->x[n];
}

/*
 * A stage-2 fault: the cell touched memory its configuration lacks.  It
 * may be a device the hypervisor emulates (mmio.h), if the syndrome
 * describes the access; anything else is reported and aborted.
 */
static void data_abort(struct regs *regs, u64 esr)
{
	u64 ipa = ((read_sysreg(hpfar_el2) >> 4) << 12) |
		  (read_sysreg(far_el2) & 0xfff);
	bool write = esr & ISS_WNR, valid = esr & ISS_ISV;
	unsigned int size = 1U << ((esr >> 22) & 3), rt = (esr >> 16) & 31;
	struct mmio_access access = { ipa, 0, size, write, false };
	struct per_cpu *pc = this_cpu();
	int res = MMIO_UNHANDLED;
	u64 v;

	if (write)
		access.value = get_reg(regs, rt) &
			       (size == 8 ? ~0ULL : (1ULL << (8 * size)) - 1);
	if (valid)
		res = mmio_handle(pc->cell, &access);
	if (res == MMIO_HANDLED) {
		count(WARDEN_STAT_MMIO);
		if (!write && rt != 31) {
			v = access.value;
			if ((esr & ISS_SSE) && size < 8 &&
			    (v >> (8 * size - 1)) & 1)
				v |= ~0ULL << (8 * size);
			if (!(esr & ISS_SF))
				v &= 0xffffffff;
			regs->x[rt] = v;
		}
		skip_instruction();
		return;
	}
	if (res == MMIO_BAD)
		printk("warden: cell \"%s\" CPU %u: bad %u-byte %s at 0x%llx "
		       "(pc 0x%lx): no register takes that access\n",
		       cell_of_cpu(), pc->cpu, size, write ? "write" : "read",
		       ipa, read_sysreg(elr_el2));
	else if (valid && write)
		printk("warden: cell \"%s\" CPU %u: unhandled %u-byte write of "
		       "0x%llx to 0x%llx (pc 0x%lx): external abort\n",
		       cell_of_cpu(), pc->cpu, size, access.value, ipa,
		       read_sysreg(elr_el2));
	else if (valid)
		printk("warden: cell \"%s\" CPU %u: unhandled read of %u "
		       "bytes at 0x%llx (pc 0x%lx): external abort\n",
		       cell_of_cpu(), pc->cpu, size, ipa, read_sysreg(elr_el2));
	else
		printk("warden: cell \"%s\" CPU %u: unhandled %s at 0x%llx "
		       "(pc 0x%lx, not decodable): external abort\n",
		       cell_of_cpu(), pc->cpu, write ? "write" : "read", ipa,
		       read_sysreg(elr_el2));
	count(WARDEN_STAT_OTHER);
	fault(false, false);
}

static void sysreg_access(struct regs *regs, u64 esr)
{
	unsigned int rt = (esr >> 5) & 31;
	bool read = esr & 1;

	if ((esr & SYSREG_ISS_MASK) == SYSREG_SGI1R && !read) {
		count(WARDEN_STAT_SGI);
		gic_send_sgi(get_reg(regs, rt));
	} else {
		count(WARDEN_STAT_OTHER);
		if (cell_may_print(this_cpu()->cell))
			printk("warden: cell \"%s\" CPU %u: unhandled system "
			       "register %s (ESR 0x%llx, pc 0x%lx): ignored\n",
			       cell_of_cpu(), this_cpu()->cpu,
			       read ? "read" : "write", esr,
			       read_sysreg(elr_el2));
		if (read && rt != 31)
			regs->x[rt] = 0;
	}
	skip_instruction();
}

static void sync_exit(struct regs *regs)
{
	u64 esr = read_sysreg(esr_el2);

	switch (esr >> ESR_EC_SHIFT) {
	case EC_HVC64:
		/* The return address is already past the hvc. */
		if ((esr & 0xffff) == WARDEN_HVC_IMM) {
			count(WARDEN_STAT_HYPERCALL);
			regs->x[0] = hypercall(regs->x[0], regs->x[1],
					       regs->x[2]);
		} else if (in_root()) {
			/*
			 * Linux's hyp-stub calls (0 to 4) get the stub's own
			 * refusal: EL2 is not Linux's now.  Nothing else an
			 * HVC may carry is the root's to make.
			 */
			regs->x[0] = regs->x[0] <= HVC_STUB_LAST ?
				     HVC_STUB_ERR : PSCI_NOT_SUPPORTED;
		} else if ((esr & 0xffff) == 0) {
			count(WARDEN_STAT_PSCI);
			psci_cell(regs);	/* as QEMU's firmware takes it */
		} else {
			regs->x[0] = -ENOSYS;
		}
		break;
	case EC_SMC64:
		count(WARDEN_STAT_PSCI);
		if (in_root())
			psci_root(regs);
		else
			psci_cell(regs);
		skip_instruction();
		break;
	case EC_SYSREG:
		sysreg_access(regs, esr);
		break;
	case EC_DABT_LOW:
		data_abort(regs, esr);
		break;
	case EC_IABT_LOW:
		printk("warden: cell \"%s\" CPU %u: instruction fetch from "
		       "unmapped 0x%lx: external abort\n", cell_of_cpu(),
		       this_cpu()->cpu, read_sysreg(far_el2));
		count(WARDEN_STAT_OTHER);
		fault(true, false);
		break;
	default:
		printk("warden: cell \"%s\" CPU %u: unhandled trap, ESR 0x%llx "
		       "(pc 0x%lx): undefined instruction\n", cell_of_cpu(),
		       this_cpu()->cpu, esr, read_sysreg(elr_el2));
		count(WARDEN_STAT_OTHER);
		fault(false, true);
	}
}

/* From entry.S, for every exception taken to EL2. */
void arm64_trap(unsigned long kind, struct regs *regs)
{
	if (kind != EXIT_EL2)
		count(WARDEN_STAT_TOTAL);
	switch (kind) {
	case EXIT_SYNC:
		sync_exit(regs);
		break;
	case EXIT_IRQ:
		count(WARDEN_STAT_IRQ);
		gic_handle_irq();
		break;
	case EXIT_FIQ:
		gic_handle_fiq();
		break;
	case EXIT_SERROR:
		printk("warden: CPU %u: SError from the cell, ESR 0x%lx\n",
		       this_cpu()->cpu, read_sysreg(esr_el2));
		count(WARDEN_STAT_OTHER);
		if (!in_root())
			fault(false, false);
		break;
	default:
		printk("warden: CPU %u: hypervisor fault, ESR 0x%lx at 0x%lx, "
		       "FAR 0x%lx: CPU parked\n", this_cpu()->cpu,
		       read_sysreg(esr_el2), read_sysreg(elr_el2),
		       read_sysreg(far_el2));
		park_cpu();
	}
	if (this_cpu()->leaving)
		cpu_exit_to_linux(regs);
}
