/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86-64 page-table entries, four levels, for the hypervisor's own tables
 * and AMD nested paging (same format).  Large pages at levels 1 (1 GiB)
 * and 2 (2 MiB).  Not used until x86 can be enabled.
 */
#ifndef _ASM_PAGING_H
#define _ASM_PAGING_H

#include <warden/paging.h>

#define PT_LEVELS		4

/* Both kinds: 4-level paging (nested paging uses the same format). */
#define PAGING_FORMATS { \
	[PAGING_HYPERVISOR] = { .levels = 4, .root_pages = 1 }, \
	[PAGING_GUEST] = { .levels = 4, .root_pages = 1 }, \
}

#define PTE_PRESENT		(1UL << 0)
#define PTE_RW			(1UL << 1)
#define PTE_USER		(1UL << 2)	/* nested paging wants it */
#define PTE_PCD			(1UL << 4)
#define PTE_HUGE		(1UL << 7)
#define PTE_NX			(1UL << 63)
#define PTE_ADDR_MASK		0x000ffffffffff000UL

static inline bool arch_block_allowed(unsigned int level)
{
	return level >= 1;
}

static inline bool arch_pte_valid(u64 pte)
{
	return pte & PTE_PRESENT;
}

static inline bool arch_pte_is_table(u64 pte, unsigned int level)
{
	return level < PT_LEVELS - 1 && (pte & PTE_PRESENT) &&
	       !(pte & PTE_HUGE);
}

static inline u64 arch_pte_addr(u64 pte)
{
	return pte & PTE_ADDR_MASK;
}

static inline u64 arch_pte_table(u64 phys)
{
	return phys | PTE_PRESENT | PTE_RW | PTE_USER;
}

static inline u64 arch_pte_leaf(unsigned int kind, unsigned int level,
				u64 phys, unsigned long flags)
{
	u64 pte = phys | PTE_PRESENT;

	if (level < PT_LEVELS - 1)
		pte |= PTE_HUGE;
	if (flags & MAP_WRITE)
		pte |= PTE_RW;
	if (!(flags & MAP_EXEC))
		pte |= PTE_NX;
	if (flags & MAP_DEVICE)
		pte |= PTE_PCD;
	if (kind == PAGING_GUEST)
		pte |= PTE_USER;
	return pte;
}

static inline u64 arch_pte_split(u64 pte, unsigned int level, u64 offset)
{
	pte = (pte & ~PTE_ADDR_MASK) | (arch_pte_addr(pte) + offset);
	return level + 1 == PT_LEVELS - 1 ? pte & ~PTE_HUGE : pte;
}

#endif /* _ASM_PAGING_H */
