/* SPDX-License-Identifier: GPL-2.0 */
/*
 * RISC-V Sv48 page-table entries, for the hypervisor (Sv48) and the
 * G-stage (Sv48x4, the same entries under a 16 KiB root).  A leaf is an
 * entry with any of R, W, X set; leaves may sit at every level.  Not used
 * until riscv can be enabled.
 */
#ifndef _ASM_PAGING_H
#define _ASM_PAGING_H

#include <warden/paging.h>

#define PT_LEVELS		4

/*
 * The hypervisor: Sv48.  Cells: Sv48x4, whose root resolves two more
 * bits: 2048 entries, 16 KiB, aligned to 16 KiB.
 */
#define PAGING_FORMATS { \
	[PAGING_HYPERVISOR] = { .levels = 4, .root_pages = 1 }, \
	[PAGING_GUEST] = { .levels = 4, .root_pages = 4 }, \
}

#define PTE_V			(1UL << 0)
#define PTE_R			(1UL << 1)
#define PTE_W			(1UL << 2)
#define PTE_X			(1UL << 3)
#define PTE_U			(1UL << 4)	/* G-stage leaves need it */
#define PTE_A			(1UL << 6)
#define PTE_D			(1UL << 7)
#define PTE_PPN_SHIFT		10
#define PTE_PPN_MASK		0x003ffffffffffc00UL

static inline bool arch_block_allowed(unsigned int level)
{
	return level >= 1;
}

static inline bool arch_pte_valid(u64 pte)
{
	return pte & PTE_V;
}

static inline bool arch_pte_is_table(u64 pte, unsigned int level)
{
	return (pte & PTE_V) && !(pte & (PTE_R | PTE_W | PTE_X));
}

static inline u64 arch_pte_addr(u64 pte)
{
	return ((pte & PTE_PPN_MASK) >> PTE_PPN_SHIFT) << 12;
}

static inline u64 arch_pte_table(u64 phys)
{
	return (phys >> 12) << PTE_PPN_SHIFT | PTE_V;
}

static inline u64 arch_pte_leaf(unsigned int kind, unsigned int level,
				u64 phys, unsigned long flags)
{
	u64 pte = arch_pte_table(phys) | PTE_A | PTE_D;

	if (flags & MAP_READ)
		pte |= PTE_R;
	if (flags & MAP_WRITE)
		pte |= PTE_W | PTE_R;
	if (flags & MAP_EXEC)
		pte |= PTE_X;
	if (kind == PAGING_GUEST)
		pte |= PTE_U;
	return pte;
}

static inline u64 arch_pte_split(u64 pte, unsigned int level, u64 offset)
{
	return (pte & ~PTE_PPN_MASK) |
	       arch_pte_table(arch_pte_addr(pte) + offset);
}

#endif /* _ASM_PAGING_H */
