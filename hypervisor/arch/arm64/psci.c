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
 *
 * Non-root cells never reach the firmware directly: psci_cell() answers
 * their calls (by SMC or by HVC #0, as on QEMU without a hypervisor) for
 * their own CPUs, and SYSTEM_OFF or SYSTEM_RESET switch off the cell, not
 * the machine.  The hypervisor stops a cell's CPU with SGI_PARK (gic.c),
 * after which the CPU powers itself off through the firmware.
 */
#include <warden/arch.h>
#include <warden/control.h>
#include <warden/hypercall.h>
#include <warden/printk.h>
#include "arm64.h"

#define PSCI_VERSION		0x84000000
#define PSCI_CPU_OFF		0x84000002
#define PSCI_CPU_ON_32		0x84000003
#define PSCI_CPU_ON_64		0xc4000003
#define PSCI_AFFINITY_INFO_32	0x84000004
#define PSCI_AFFINITY_INFO_64	0xc4000004
#define PSCI_SYSTEM_OFF		0x84000008
#define PSCI_SYSTEM_RESET	0x84000009
#define PSCI_FEATURES		0x8400000a
#define PSCI_NOT_SUPPORTED	(-1L)
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
	pc->park = false;
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

/* What the firmware says of the CPU: 0 on, 1 off, 2 on its way. */
static long affinity_info(u64 mpidr)
{
	u64 x[8] = { PSCI_AFFINITY_INFO_64, mpidr };

	smc(x);
	return x[0];
}

int arch_cpu_start(struct per_cpu *pc, u64 entry)
{
	u64 x[8] = { PSCI_CPU_ON_64, pc->arch.mpidr,
		     virt_to_phys(arch_cpu_start_entry), pc->cpu };

	pc->park = false;
	pc->arch.start_entry = entry;
	pc->arch.start_context = 0;
	smc(x);
	return x[0] ? -EIO : 0;
}

/*
 * Running, it gets SGI_PARK; just switched on by its cell, it finds its
 * cell not running in arm64_cpu_start().  Either way it powers itself
 * off; waiting, the firmware must say it is off.
 */
void arch_cpu_park(struct per_cpu *pc, bool wait)
{
	unsigned long n;

	pc->park = true;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (pc->state == WARDEN_CPU_STATE_RUNNING)
		gic_send_park(pc);
	for (n = 0; wait && n < 100000000UL; n++) {
		if (pc->state != WARDEN_CPU_STATE_RUNNING &&
		    affinity_info(pc->arch.mpidr) == 1)
			return;
		arch_cpu_relax();
	}
	if (wait)
		printk("warden: CPU %u does not stop\n", pc->cpu);
}

/* Off through the firmware; if it refuses, spin with interrupts off. */
void __attribute__((noreturn)) cpu_power_off(void)
{
	u64 x[8] = { PSCI_CPU_OFF };

	smc(x);
	park_cpu();
}

void __attribute__((noreturn)) cpu_park_self(void)
{
	struct per_cpu *pc = this_cpu();

	gic_cpu_exit(pc, false);
	cpu_stopped(pc);
	cpu_power_off();
}

static long cell_affinity_info(u64 mpidr)
{
	struct cell *cell = this_cpu()->cell;
	unsigned int cpu;

	for (cpu = 0; cpu < num_cpus; cpu++)
		if ((cell->cpu_set & (1ULL << cpu)) &&
		    per_cpu(cpu)->arch.mpidr == (mpidr & MPIDR_AFF_MASK))
			return per_cpu(cpu)->state == WARDEN_CPU_STATE_RUNNING ?
			       0 : 1;
	return PSCI_INVALID_PARAMS;
}

/* PSCI of a non-root cell (SMC, or HVC #0). */
void psci_cell(struct regs *regs)
{
	u64 *x = regs->x;

	switch (x[0] & 0xffffffff) {
	case PSCI_VERSION:
		x[0] = 0x10000;		/* 1.0 */
		break;
	case PSCI_CPU_ON_32:
		x[0] = cpu_on(x[1] & 0xffffffff, x[2] & 0xffffffff,
			      x[3] & 0xffffffff);
		break;
	case PSCI_CPU_ON_64 & 0xffffffff:
		x[0] = cpu_on(x[1], x[2], x[3]);
		break;
	case PSCI_CPU_OFF:
		cpu_park_self();
	case PSCI_AFFINITY_INFO_32:
	case PSCI_AFFINITY_INFO_64 & 0xffffffff:
		x[0] = x[2] ? PSCI_INVALID_PARAMS : cell_affinity_info(x[1]);
		break;
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
		cell_stop_self(false);
		cpu_park_self();
	case PSCI_FEATURES:
		switch (x[1] & 0xffffffff) {
		case PSCI_VERSION: case PSCI_CPU_OFF: case PSCI_CPU_ON_32:
		case PSCI_CPU_ON_64 & 0xffffffff: case PSCI_AFFINITY_INFO_32:
		case PSCI_AFFINITY_INFO_64 & 0xffffffff: case PSCI_SYSTEM_OFF:
		case PSCI_SYSTEM_RESET: case PSCI_FEATURES:
			x[0] = 0;
			break;
		default:
			x[0] = PSCI_NOT_SUPPORTED;
		}
		break;
	default:
		x[0] = PSCI_NOT_SUPPORTED;
	}
}
