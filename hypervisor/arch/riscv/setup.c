// SPDX-License-Identifier: GPL-2.0
/*
 * The arch_* hooks of riscv (warden/arch.h).  Taking over CPUs is not
 * implemented on riscv yet: the driver refuses to enable before the core could
 * call any of these, and they refuse too.
 */
#include <warden/arch.h>

void arch_cpu_relax(void)
{
}

int arch_map_devices(struct paging *hv)
{
	return -EOPNOTSUPP;
}

int arch_init(void)
{
	return -EOPNOTSUPP;
}

int arch_cell_init(struct cell *cell)
{
	return -EOPNOTSUPP;
}

int arch_cpu_init(struct per_cpu *pc)
{
	return -EOPNOTSUPP;
}

/* Cells other than the root: not yet on this architecture. */
void arch_cell_exit(struct cell *cell)
{
}

void arch_cell_flush(struct cell *cell)
{
}

void arch_flush_hv_tlb(void)
{
}

int arch_cpu_start(struct per_cpu *pc, u64 entry)
{
	return -EOPNOTSUPP;
}

int arch_cpu_park(struct per_cpu *pc, bool wait)
{
	return 0;
}

void arch_dcache_flush(void *va, unsigned long size)
{
}

/* Never called: ARCH_BREAK_BEFORE_MAKE is 0. */
void arch_cpu_kick(struct per_cpu *pc)
{
}

u64 arch_time_ms(void)
{
	return 0;
}
