// SPDX-License-Identifier: GPL-2.0
/*
 * Firmware calls (SMC, which HCR_EL2.TSC traps, and HVC #0): PSCI and
 * SMCCC.  Nothing reaches the firmware unless it is on an allow-list:
 * a call the firmware would run at EL2 on the root's behalf (PSCI 0.1
 * CPU_ON, the suspend calls, which resume at EL2 at an address the caller
 * chose) or that would take the whole machine down while cells run, must
 * never get there.  Every other function ID returns NOT_SUPPORTED.
 *
 * The root cell (psci_root()):
 *  - PSCI_VERSION, PSCI_FEATURES (for allowed IDs only), MIGRATE_INFO_TYPE,
 *    AFFINITY_INFO, SMCCC_VERSION, SMCCC_ARCH_FEATURES and the SMCCC
 *    Spectre workarounds are forwarded (they change nothing the root does
 *    not own);
 *  - CPU_ON only for a root CPU, with the entry point rewritten to the
 *    hypervisor's (arch_cpu_start_entry), which enters Linux's entry at
 *    EL1 with Linux's context;
 *  - CPU_OFF: the list registers go back to the physical GIC, then the
 *    firmware powers the CPU off for real;
 *  - SYSTEM_OFF and SYSTEM_RESET only while no other cell exists.
 *
 * Non-root cells never reach the firmware: psci_cell() answers their calls
 * (by SMC or by HVC #0, as on QEMU without a hypervisor) for their own
 * CPUs, and SYSTEM_OFF or SYSTEM_RESET switch off the cell, not the
 * machine.  The hypervisor stops a cell's CPU with SGI_PARK (gic.c),
 * after which the CPU powers itself off through the firmware.
 */
#include <warden/arch.h>
#include <warden/control.h>
#include <warden/hypercall.h>
#include <warden/printk.h>
#include "arm64.h"

#define SMCCC_VERSION		0x80000000
#define SMCCC_ARCH_FEATURES	0x80000001
#define SMCCC_WORKAROUND_1	0x80008000
#define SMCCC_WORKAROUND_2	0x80007fff
#define SMCCC_WORKAROUND_3	0x80003fff
#define PSCI_VERSION		0x84000000
#define PSCI_CPU_OFF		0x84000002
#define PSCI_CPU_ON_32		0x84000003
#define PSCI_CPU_ON_64		0xc4000003
#define PSCI_AFFINITY_INFO_32	0x84000004
#define PSCI_AFFINITY_INFO_64	0xc4000004
#define PSCI_MIGRATE_INFO_TYPE	0x84000006
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
	/*
	 * Only the root's cell_start() lifts a park request: a cell that
	 * switches a sibling on while it is being stopped gets DENIED.
	 */
	if (pc->cell != &root_cell &&
	    (pc->park || pc->cell->state != WARDEN_CELL_STATE_RUNNING))
		return PSCI_DENIED;
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

/* Firmware calls the root may make that go on to the firmware as they are. */
static bool root_forwards(u32 fid)
{
	switch (fid) {
	case PSCI_VERSION: case PSCI_MIGRATE_INFO_TYPE:
	case PSCI_AFFINITY_INFO_32: case PSCI_AFFINITY_INFO_64:
	case SMCCC_VERSION: case SMCCC_WORKAROUND_1: case SMCCC_WORKAROUND_2:
	case SMCCC_WORKAROUND_3:
		return true;
	default:
		return false;
	}
}

/* Every function ID the root may call, forwarded or emulated. */
static bool root_allowed(u32 fid)
{
	switch (fid) {
	case PSCI_CPU_ON_32: case PSCI_CPU_ON_64: case PSCI_CPU_OFF:
	case PSCI_SYSTEM_OFF: case PSCI_SYSTEM_RESET: case PSCI_FEATURES:
	case SMCCC_ARCH_FEATURES:
		return true;
	default:
		return root_forwards(fid);
	}
}

/* An SMC of the root cell with only the registers the call takes. */
static void forward(u64 *x, unsigned int args)
{
	u64 call[8] = { x[0] & 0xffffffff };
	unsigned int n;

	for (n = 1; n <= args; n++)
		call[n] = x[n];
	smc(call);
	for (n = 0; n < 4; n++)
		x[n] = call[n];
}

void psci_root(struct regs *regs)
{
	u64 *x = regs->x;
	u32 fid = x[0];

	if (x[0] >> 32 || !root_allowed(fid)) {
		x[0] = PSCI_NOT_SUPPORTED;
		return;
	}
	switch (fid) {
	case PSCI_CPU_ON_32:
		x[0] = cpu_on(x[1] & 0xffffffff, x[2] & 0xffffffff,
			      x[3] & 0xffffffff);
		break;
	case PSCI_CPU_ON_64:
		x[0] = cpu_on(x[1], x[2], x[3]);
		break;
	case PSCI_CPU_OFF:
		x[0] = cpu_off();
		break;
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
		/* Not while cells run: they would go down with the root. */
		if (num_cells > 1)
			x[0] = PSCI_DENIED;
		else
			forward(x, 0);
		break;
	case PSCI_FEATURES:
	case SMCCC_ARCH_FEATURES:
		if (x[1] >> 32 || !root_allowed(x[1]))
			x[0] = PSCI_NOT_SUPPORTED;
		else
			forward(x, 1);
		break;
	default:
		forward(x, 3);
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
 * Running, it gets SGI_PARK, which its cell can neither mask nor hold
 * back (gic.c); just switched on by its cell, it finds pc->park in
 * arm64_cpu_start(), which checks it again after the CPU counts as
 * running (so that one of the two sides always sees the other).  Waiting,
 * the firmware must say it is off, and SGI_PARK goes again every round
 * in case the CPU became running after the first.  The bound is ~10 s at
 * 1 GHz: a CPU that is not off then is broken, and the caller fails.
 */
#define PARK_ROUNDS	100000UL
#define PARK_SPIN	1000UL

int arch_cpu_park(struct per_cpu *pc, bool wait)
{
	unsigned long n, spin;

	pc->park = true;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (pc->state == WARDEN_CPU_STATE_RUNNING)
		gic_send_park(pc);
	for (n = 0; wait && n < PARK_ROUNDS; n++) {
		if (pc->state != WARDEN_CPU_STATE_RUNNING &&
		    affinity_info(pc->arch.mpidr) == 1)
			return 0;
		if (pc->state == WARDEN_CPU_STATE_RUNNING)
			gic_send_park(pc);
		for (spin = 0; spin < PARK_SPIN; spin++)
			arch_cpu_relax();
	}
	if (!wait)
		return 0;
	printk("warden: CPU %u does not stop\n", pc->cpu);
	return -ETIMEDOUT;
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
