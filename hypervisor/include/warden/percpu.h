/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-CPU data.  Each CPU the driver may hand over has an area of
 * PERCPU_SIZE bytes right after the image (see include/warden/header.h):
 * this struct at the bottom, the CPU's stack above it.  A CPU is known by
 * Linux's number for it, which is also what configurations use.
 */
#ifndef _WARDEN_PERCPU_H
#define _WARDEN_PERCPU_H

#include <asm/arch-defs.h>
#include <asm/percpu.h>
#include <warden/hypercall.h>
#include <warden/lib.h>

struct cell;

struct per_cpu {
	struct arch_per_cpu arch;	/* first: entry code finds it there */
	unsigned int cpu;		/* Linux's number */
	unsigned int state;		/* WARDEN_CPU_STATE_* */
	struct cell *cell;		/* the cell it runs, while it runs one */
	bool leaving;			/* it asked to leave (disable) */
	bool park;			/* the hypervisor wants it stopped */
	bool hold;			/* root CPU: wait at EL2 (root_hold()) */
	bool held;			/* ... and it does */
	/* Exits to the hypervisor by reason (WARDEN_STAT_*), since it
	 * joined its cell. */
	u64 stats[WARDEN_NUM_STATS];
};

_Static_assert(sizeof(struct per_cpu) <= PERCPU_SIZE / 2,
	       "per_cpu leaves too little stack");

/* Areas for CPUs 0 .. num_cpus - 1 (the highest in the root cell + 1). */
extern unsigned int num_cpus;

/* CPU cpu's data, NULL if there is no such CPU. */
struct per_cpu *per_cpu(unsigned int cpu);

/* pc walks every CPU area, in order of number. */
#define for_each_cpu(pc)						\
	for (unsigned int cpu_ = 0;					\
	     cpu_ < num_cpus && ((pc) = per_cpu(cpu_)); cpu_++)

/* pc walks the CPUs of set (a configuration's cpu_set) that have areas. */
#define for_each_cpu_in(pc, set)					\
	for_each_cpu(pc)						\
		if (!(((set) >> cpu_) & 1)) {} else

/* pc walks the CPUs of cell. */
#define for_each_cell_cpu(pc, cell)	for_each_cpu_in(pc, (cell)->cpu_set)

#endif /* _WARDEN_PERCPU_H */
