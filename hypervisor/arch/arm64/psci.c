// SPDX-License-Identifier: GPL-2.0
/*
 * SMCs from cells (HCR_EL2.TSC traps them): PSCI and other firmware calls.
 *
 * Calls that only concern the caller's own CPUs or the whole machine
 * (version, features, SYSTEM_OFF, SYSTEM_RESET, AFFINITY_INFO, ...) go on
 * to the firmware unchanged.  Two need the hypervisor:
 *  - CPU_OFF: the list registers go back to the physical GIC, then the
 *    firmware powers the CPU off for real;
 *  - CPU_ON: only for a CPU of the caller's cell, and the firmware starts
 *    it in the hypervisor (arch_cpu_start_entry), which sets up EL2 and
 *    then enters the cell's entry point at EL1 with the cell's context.
 */
#include <warden/control.h>
#include <warden/hypercall.h>
#include <warden/printk.h>
#include "arm64.h"

#define PSCI_CPU_OFF		0x84000002
#define PSCI_CPU_ON_32		0x84000003
#define PSCI_CPU_ON_64		0xc4000003
#define PSCI_INVALID_PARAMS	(-2L)
#define PSCI_DENIED		(-3L)
#define PSCI_ALREADY_ON		(-4L)

/* An SMC to the firmware with x0-x7; the results come back in x0-x3. */
static void smc(u64 *x)
{
	register u64 r0 asm("x0") = x[0], r1 asm("x1") = x[1];
	register u64 r2 asm("x2") = x[2], r3 asm("x3") = x[3];
	register u64 r4 asm("x4") = x[4], r5 asm("x5") = x[5];
	register u64 r6 asm("x6") = x[6], r7 asm("x7") = x[7];

	asm volatile("smc #0"
		     : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3)
		     : "r"(r4), "r"(r5), "r"(r6), "r"(r7)
		     : "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15",
		       "x16", "x17", "memory");
	x[0] = r0;
	x[1] = r1;
	x[2] = r2;
	x[3] = r3;
}

static long cpu_on(u64 mpidr, u64 entry, u64 context)
{
	struct per_cpu *self = this_cpu(), *pc = NULL;
	unsigned int cpu;
	u64 x[8] = { PSCI_CPU_ON_64, mpidr };

	for (cpu = 0; cpu < num_cpus; cpu++)
		if (per_cpu(cpu)->cell &&
		    per_cpu(cpu)->arch.mpidr == (mpidr & MPIDR_AFF_MASK))
			pc = per_cpu(cpu);
	if (!pc)
		return PSCI_INVALID_PARAMS;
	if (pc->cell != self->cell)
		return PSCI_DENIED;
	if (pc->state == WARDEN_CPU_STATE_RUNNING)
		return PSCI_ALREADY_ON;
	pc->arch.start_entry = entry;
	pc->arch.start_context = context;
	x[2] = virt_to_phys(arch_cpu_start_entry);
	x[3] = pc->cpu;
	/* The new CPU reads the above with its MMU on: coherent, no flush. */
	smc(x);
	return x[0];
}

static long cpu_off(void)
{
	struct per_cpu *pc = this_cpu();
	u64 x[8] = { PSCI_CPU_OFF };

	gic_cpu_exit(pc, false);
	cpu_stopped(pc);
	smc(x);
	/* Still here: the firmware refused. */
	gic_cpu_init(pc, true);
	cpu_started(pc);
	return x[0];
}

void psci_handle(struct regs *regs)
{
	switch (regs->x[0] & 0xffffffff) {
	case PSCI_CPU_ON_32:
		regs->x[0] = cpu_on(regs->x[1] & 0xffffffff,
				    regs->x[2] & 0xffffffff,
				    regs->x[3] & 0xffffffff);
		break;
	case PSCI_CPU_ON_64 & 0xffffffff:
		regs->x[0] = cpu_on(regs->x[1], regs->x[2], regs->x[3]);
		break;
	case PSCI_CPU_OFF:
		regs->x[0] = cpu_off();
		break;
	default:
		smc(regs->x);
	}
}
