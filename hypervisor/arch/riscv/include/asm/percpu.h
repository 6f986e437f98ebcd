/* SPDX-License-Identifier: GPL-2.0 */
/*
 * riscv part of each CPU's data.  Placeholder until riscv can be enabled: the
 * driver refuses to enable, so no CPU ever has per-CPU data here.
 */
#ifndef _ASM_PERCPU_H
#define _ASM_PERCPU_H

struct arch_per_cpu {
	unsigned long unused;
};

struct per_cpu;

static inline struct per_cpu *this_cpu(void)
{
	return (struct per_cpu *)0;
}

#endif /* _ASM_PERCPU_H */
