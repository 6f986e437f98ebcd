/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Hypercalls: the calls a cell makes into the hypervisor.
 *
 * The same numbers and arguments on every architecture; only the trapping
 * instruction and the registers differ, and include/warden/arch/<arch>.h
 * says how (with warden_hypercall(), the call written once for the
 * driver and the inmates).
 * Results are >= 0 on success, a negative errno value on failure.
 * Only the root cell may make the calls marked "root"; others get -EPERM.
 * Unknown codes return -ENOSYS.
 */
#ifndef _WARDEN_HYPERCALL_H
#define _WARDEN_HYPERCALL_H

/*
 * root: the calling CPU leaves the hypervisor and goes on running Linux
 * without it.  Every online CPU of the root cell must make the call; when
 * the last one has, the hypervisor is gone.  -EBUSY while other cells
 * exist.  The registers it may change: include/warden/arch/<arch>.h.
 */
#define WARDEN_HC_DISABLE		0
/* root: arg1 = WARDEN_INFO_*: returns that figure. */
#define WARDEN_HC_GET_INFO		1
/* root: arg1 = cell id: returns WARDEN_CELL_STATE_*, -ENOENT if none. */
#define WARDEN_HC_CELL_STATE		2
/* root: arg1 = CPU number: returns WARDEN_CPU_STATE_*, -EINVAL if none. */
#define WARDEN_HC_CPU_STATE		3
/* arg1 = a character for the hypervisor console. */
#define WARDEN_HC_DEBUG_CONSOLE_PUTC	8
/*
 * root: arg1 = physical address of a cell configuration image in the
 * root cell's memory, arg2 = its size (at most WARDEN_CELL_CONFIG_MAX):
 * create the cell, shut down.  Its CPUs must be off in the root cell
 * (offline in Linux).  Returns the new cell's id.
 */
#define WARDEN_HC_CELL_CREATE		9
/* root: arg1 = cell id: start its first CPU at its reset address. */
#define WARDEN_HC_CELL_START		10
/*
 * root: arg1 = cell id: stop its CPUs (they are parked, powered off);
 * -EBUSY if the cell is locked (see comm.h), -ETIMEDOUT if a CPU did not
 * stop (the cell is then failed and keeps everything).  Its loadable
 * regions go back to the root cell, zeroed, until the next start:
 * returns 1 if they came back so, 0 if they were the root's already.
 */
#define WARDEN_HC_CELL_SHUTDOWN		11
/* root: arg1 = cell id: stop it, give everything back to the root cell. */
#define WARDEN_HC_CELL_DESTROY		12
/* root: arg1 = CPU, arg2 = WARDEN_STAT_*: exits of that CPU so far. */
#define WARDEN_HC_CPU_STAT		13
/* root: arg1 = cell id: bit n set: CPU n of the cell failed. */
#define WARDEN_HC_CELL_FAILED_CPUS	14

#define WARDEN_INFO_MEM_POOL_SIZE	0	/* pages in the page pool */
#define WARDEN_INFO_MEM_POOL_USED	1	/* of which in use */
#define WARDEN_INFO_NUM_CELLS		2	/* the root cell included */
#define WARDEN_INFO_MEM_FIXED		3	/* bytes before the pool: image,
						   per-CPU areas, configuration */

#define WARDEN_CELL_STATE_RUNNING	0
#define WARDEN_CELL_STATE_RUNNING_LOCKED 1	/* refuses to be shut down */
#define WARDEN_CELL_STATE_SHUT_DOWN	2	/* created, or stopped */
#define WARDEN_CELL_STATE_FAILED	3	/* stopped by a fault */

/* Largest cell configuration WARDEN_HC_CELL_CREATE takes. */
#define WARDEN_CELL_CONFIG_MAX		0x4000

/* Why a CPU left its cell for the hypervisor (WARDEN_HC_CPU_STAT). */
#define WARDEN_STAT_TOTAL		0
#define WARDEN_STAT_HYPERCALL		1
#define WARDEN_STAT_MMIO		2	/* emulated device access */
#define WARDEN_STAT_PSCI		3	/* firmware calls */
#define WARDEN_STAT_IRQ			4	/* interrupts */
#define WARDEN_STAT_SGI			5	/* interrupts sent by the cell */
#define WARDEN_STAT_OTHER		6	/* faults, other traps */
#define WARDEN_NUM_STATS		7

#define WARDEN_CPU_STATE_RUNNING	0
#define WARDEN_CPU_STATE_OFF		1	/* powered off by its cell (PSCI) */
#define WARDEN_CPU_STATE_NONE		2	/* never handed to the hypervisor */

#endif /* _WARDEN_HYPERCALL_H */
