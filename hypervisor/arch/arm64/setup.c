// SPDX-License-Identifier: GPL-2.0
/*
 * arm64: taking a CPU over from Linux's hyp stub, starting a CPU that its
 * cell switched on, and giving a CPU back (Documentation/arm64.md).
 */
#include <warden/arch.h>
#include <warden/control.h>
#include <warden/header.h>
#include <warden/printk.h>
#include "arm64.h"

_Static_assert(ARCH_NUMBER == WARDEN_ARCH_ARM64, "arch number");
_Static_assert(HEADER_NUM_CPUS == __builtin_offsetof(struct warden_header,
						      num_cpus), "header");
_Static_assert(__builtin_offsetof(struct per_cpu, arch.linux_tpidr) == 16,
	       "entry.S expects linux_sctlr, linux_vbar, linux_tpidr first");

static u64 vtcr;

void arch_cpu_relax(void)
{
	asm volatile("yield" : : : "memory");
}

int arch_map_devices(struct paging *hv)
{
	return gic_map(hv);
}

int arch_init(void)
{
	static const unsigned char pa_bits[] = { 32, 36, 40, 42, 44, 48, 52 };
	unsigned long parange = read_sysreg(id_aa64mmfr0_el1) & 7;
	unsigned int ipa_bits;

	/*
	 * Cells' address spaces start at level 0 like the hypervisor's, which
	 * needs at least 40 bits; they may not exceed what the CPU can output.
	 */
	if (parange < 2 || parange >= ARRAY_SIZE(pa_bits)) {
		printk("warden: physical address size not supported (%lu)\n",
		       parange);
		return -EOPNOTSUPP;
	}
	ipa_bits = pa_bits[parange] > 48 ? 48 : pa_bits[parange];
	vtcr = VTCR_RES1 | (parange << VTCR_PS_SHIFT) | VTCR_WALK_CACHED |
	       VTCR_SL0_LEVEL0 | (64 - ipa_bits);
	return gic_init();
}

int arch_cell_init(struct cell *cell)
{
	/* The cell id is the VMID: the root cell keeps VMID 0, Linux's own. */
	cell->arch.vttbr = virt_to_phys(cell->mem.root) |
			   ((u64)cell->id << 48);
	return gic_cell_init(cell);
}

void arch_cell_exit(struct cell *cell)
{
	gic_cell_exit(cell);
}

/* The broadcast TLB flush acts on the VMID in VTTBR_EL2: borrow it. */
void arch_cell_flush(struct cell *cell)
{
	u64 vttbr = read_sysreg(vttbr_el2);

	dsb(ishst);
	write_sysreg(vttbr_el2, cell->arch.vttbr);
	isb();
	asm volatile("tlbi vmalls12e1is" : : : "memory");
	dsb(ish);
	write_sysreg(vttbr_el2, vttbr);
	isb();
}

/* SGI_PARK also holds root CPUs (gic.c). */
void arch_cpu_kick(struct per_cpu *pc)
{
	gic_send_park(pc);
}

u64 arch_time_ms(void)
{
	return read_sysreg(cntpct_el0) / (read_sysreg(cntfrq_el0) / 1000);
}

/* By cache line; the smallest line the CPU has (CTR_EL0.DminLine). */
void arch_dcache_flush(void *va, unsigned long size)
{
	unsigned long line = 4UL << ((read_sysreg(ctr_el0) >> 16) & 0xf);
	unsigned long p = (unsigned long)va & ~(line - 1);

	for (; p < (unsigned long)va + size; p += line)
		asm volatile("dc civac, %0" : : "r"(p) : "memory");
	dsb(sy);
}

void arch_flush_hv_tlb(void)
{
	dsb(ishst);
	asm volatile("tlbi alle2is" : : : "memory");
	dsb(ish);
	isb();
}

/* Trap what the hypervisor must see and switch on stage 2 for pc's cell. */
void cpu_virt_init(struct per_cpu *pc)
{
	write_sysreg(vbar_el2, hyp_vectors);
	write_sysreg(vtcr_el2, vtcr);
	write_sysreg(vttbr_el2, pc->cell->arch.vttbr);
	isb();
	/*
	 * Besides stage 2 and the interrupts: firmware calls, and the
	 * registers that reach past the CPU's architected state (auxiliary
	 * control, implementation defined, error records) trap, and are
	 * ignored (traps.c).
	 */
	write_sysreg(hcr_el2, pc->arch.linux_hcr | HCR_RW | HCR_VM |
			      HCR_SWIO | HCR_IMO | HCR_FMO | HCR_TSC |
			      HCR_TIDCP | HCR_TACR | HCR_TERR);
	isb();
	/* Linux's TLB entries were made without stage 2. */
	asm volatile("tlbi vmalls12e1" : : : "memory");
	dsb(nsh);
	isb();
}

/* Back to what Linux's hyp stub had set up. */
void cpu_virt_exit(struct per_cpu *pc)
{
	write_sysreg(hcr_el2, pc->arch.linux_hcr);
	write_sysreg(vttbr_el2, pc->arch.linux_vttbr);
	write_sysreg(vtcr_el2, pc->arch.linux_vtcr);
	isb();
	/* Entries made through stage 2 carry its permissions: drop them. */
	asm volatile("tlbi vmalls12e1" : : : "memory");
	dsb(nsh);
	isb();
}

int arch_cpu_init(struct per_cpu *pc)
{
	struct arch_per_cpu *a = &pc->arch;
	int err;

	a->mpidr = read_sysreg(mpidr_el1) & MPIDR_AFF_MASK;
	a->linux_hcr = read_sysreg(hcr_el2);
	a->linux_vtcr = read_sysreg(vtcr_el2);
	a->linux_vttbr = read_sysreg(vttbr_el2);
	a->linux_cnthctl = read_sysreg(cnthctl_el2);
	a->linux_cntvoff = read_sysreg(cntvoff_el2);
	a->linux_cptr = read_sysreg(cptr_el2);
	a->linux_mdcr = read_sysreg(mdcr_el2);
	a->linux_hstr = read_sysreg(hstr_el2);
	a->linux_sre = read_sysreg(icc_sre_el2);
	err = gic_cpu_init(pc, false);
	if (err)
		return err;
	cpu_virt_init(pc);
	return 0;
}

/*
 * The driver's way in, from entry.S with the MMU on: record what Linux's
 * stub had, then let the core take the CPU.  0: the CPU is the root
 * cell's; otherwise entry.S gives it back with arch_leave().
 */
long arm64_entry(unsigned int cpu, u64 linux_sctlr, u64 linux_vbar,
		 bool first)
{
	struct per_cpu *pc = per_cpu(cpu);

	pc->arch.linux_sctlr = linux_sctlr;
	pc->arch.linux_vbar = linux_vbar;
	pc->arch.linux_tpidr = read_sysreg(tpidr_el2);
	write_sysreg(tpidr_el2, pc);
	/* Until the CPU is set up, a fault here is ours: report it. */
	write_sysreg(vbar_el2, hyp_vectors);
	pc->cpu = cpu;
	return core_entry(pc, first);
}

/*
 * A CPU its cell switched on (psci.c), from entry.S: it comes from reset,
 * so EL2 gets what Linux's stub had set on it before, then the hypervisor's
 * settings.  Returns the x0 the cell asked for; ELR_EL2 is its entry.
 */
u64 arm64_cpu_start(unsigned int cpu)
{
	struct per_cpu *pc = per_cpu(cpu);
	struct arch_per_cpu *a = &pc->arch;

	write_sysreg(tpidr_el2, pc);
	write_sysreg(vbar_el2, hyp_vectors);
	write_sysreg(cnthctl_el2, a->linux_cnthctl);
	write_sysreg(cntvoff_el2, a->linux_cntvoff);
	write_sysreg(cptr_el2, a->linux_cptr);
	write_sysreg(mdcr_el2, a->linux_mdcr);
	write_sysreg(hstr_el2, a->linux_hstr);
	write_sysreg(vpidr_el2, read_sysreg(midr_el1));
	write_sysreg(vmpidr_el2, read_sysreg(mpidr_el1));
	write_sysreg(icc_sre_el2, a->linux_sre);
	isb();
	/* Parked before it got here (its cell stopped): off it goes. */
	if (pc->park || (pc->cell != &root_cell &&
			 pc->cell->state != WARDEN_CELL_STATE_RUNNING))
		cpu_power_off();
	if (gic_cpu_init(pc, true)) {
		printk("warden: CPU %u cannot start: no redistributor\n", cpu);
		park_cpu();
	}
	/* A cell's CPU starts as from reset, whatever ran on it before. */
	if (pc->cell != &root_cell)
		write_sysreg(sctlr_el1, SCTLR_EL1_RESET);
	cpu_virt_init(pc);
	cpu_started(pc);
	/* Parked while it came up: arch_cpu_park() may not have seen it run. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (pc->park)
		cpu_park_self();
	if (pc->cell == &root_cell)
		cpu_hold_point(pc);	/* the root's tables may be changing */
	/* As PSCI promises: EL1, interrupts masked, the MMU off (reset). */
	write_sysreg(elr_el2, a->start_entry);
	write_sysreg(spsr_el2, PSR_DAIF | PSR_MODE_EL1H);
	return a->start_context;
}

/* WARDEN_HC_DISABLE went through: give the CPU back to Linux. */
void __attribute__((noreturn)) cpu_exit_to_linux(struct regs *regs)
{
	struct per_cpu *pc = this_cpu();

	gic_cpu_exit(pc, true);
	cpu_virt_exit(pc);
	arch_leave(0, regs);
}
