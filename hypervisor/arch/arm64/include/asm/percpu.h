/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64 part of each CPU's data (struct per_cpu.arch).  TPIDR_EL2 holds
 * the CPU's struct per_cpu, whose first member this is: entry.S finds the
 * two fields at the top at fixed offsets when it hands the CPU back.
 */
#ifndef _ASM_PERCPU_H
#define _ASM_PERCPU_H

#include <warden/lib.h>

struct arch_per_cpu {
	/* What Linux's hyp stub had; restored when the CPU leaves. */
	u64 linux_sctlr;	/* offset 0, used by entry.S */
	u64 linux_vbar;		/* offset 8, used by entry.S */
	u64 linux_tpidr;	/* offset 16, used by entry.S */
	u64 linux_hcr;
	u64 linux_vtcr;
	u64 linux_vttbr;
	u64 linux_ich_hcr;
	u64 linux_ich_vmcr;
	/* Restored when a cell switches the CPU back on (PSCI CPU_ON). */
	u64 linux_cnthctl;
	u64 linux_cntvoff;
	u64 linux_cptr;
	u64 linux_mdcr;
	u64 linux_hstr;
	u64 linux_sre;
	u64 linux_pmr;		/* physical priority mask */

	u64 mpidr;		/* MPIDR_EL1 of the CPU */
	void *gicr;		/* its redistributor (RD_base) */
	/* Where its cell asked (PSCI CPU_ON) that it start, and with what. */
	u64 start_entry;
	u64 start_context;
};

struct per_cpu;

static inline struct per_cpu *this_cpu(void)
{
	unsigned long pc;

	asm volatile("mrs %0, tpidr_el2" : "=r"(pc));
	return (struct per_cpu *)pc;
}

#endif /* _ASM_PERCPU_H */
