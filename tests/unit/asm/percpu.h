/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in for <asm/percpu.h>: the test that uses this_cpu() defines
 * it (the CPU a hypercall comes from).
 */
#ifndef _ASM_PERCPU_H
#define _ASM_PERCPU_H

#include <warden/lib.h>

struct arch_per_cpu {
	u64 start_entry;	/* where a fake arch_cpu_start() started it */
};

struct per_cpu;

struct per_cpu *this_cpu(void);

#endif /* _ASM_PERCPU_H */
