/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The core's entry points for architecture code: how a CPU enters, makes
 * hypercalls, powers off and on, and leaves.
 */
#ifndef _WARDEN_CONTROL_H
#define _WARDEN_CONTROL_H

#include <warden/cell-config.h>
#include <warden/paging.h>
#include <warden/percpu.h>

/* The system configuration (checked) and the hypervisor's address space. */
extern const struct warden_system *system_config;
extern struct paging hv_paging;
/* Set once spinlocks work (setup.c): console.c serialises its lines then. */
extern bool console_locking;

/*
 * First CPU only, translation still off: check the configuration, set up
 * the page pool and build hv_paging, which the CPU then turns on.
 * Returns 0 or a negative errno; on error nothing has changed.
 */
int early_init(void);
/*
 * Every CPU the driver hands over, translation on: on the first one, the
 * rest of the global setup; then the CPU is taken over (arch_cpu_init).
 * Returns 0 when the CPU is to return to Linux as part of the root cell,
 * or a negative errno, with the CPU to be given back unchanged.
 */
int core_entry(struct per_cpu *pc, bool first);
/*
 * A hypercall from the cell running on the calling CPU.  Afterwards the
 * architecture checks this_cpu()->leaving: set by WARDEN_HC_DISABLE, the
 * CPU must then be handed back to Linux.
 */
long hypercall(unsigned long code, unsigned long arg1, unsigned long arg2);
/* WARDEN_HC_DISABLE: mark the calling CPU as leaving. 0 or -EBUSY. */
long cpu_leave(struct per_cpu *pc);

/*
 * A CPU has left (WARDEN_HC_DISABLE): it runs without stage 2, so no cell
 * may be created or started any more.
 */
bool hypervisor_leaving(void);
/*
 * A root CPU interrupted at EL2 (arch_cpu_kick()), or one about to enter
 * the root cell: if root_hold() asked, wait until it is done.
 */
void cpu_hold_point(struct per_cpu *pc);

/* The cell powered the calling CPU off (PSCI CPU_OFF), or back on. */
void cpu_stopped(struct per_cpu *pc);
void cpu_started(struct per_cpu *pc);

#endif /* _WARDEN_CONTROL_H */
