/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64 translation table entries, 4 KiB granule, four levels (0-3) for
 * both the hypervisor's EL2 tables and the cells' stage-2 tables.  Blocks
 * exist at levels 1 (1 GiB) and 2 (2 MiB); level 3 holds pages.
 */
#ifndef _ASM_PAGING_H
#define _ASM_PAGING_H

#include <warden/paging.h>

#define PT_LEVELS		4

/*
 * Both kinds: four levels of 512 entries from a 4 KiB root (VTCR_EL2 and
 * TCR_EL2 start the walk at level 0 with a 48-bit input range).
 */
#define PAGING_FORMATS { \
	[PAGING_HYPERVISOR] = { .levels = 4, .root_pages = 1 }, \
	[PAGING_GUEST] = { .levels = 4, .root_pages = 1 }, \
}

#define PTE_VALID		(1UL << 0)
#define PTE_TABLE		(1UL << 1)	/* also "page" at level 3 */
#define PTE_ADDR_MASK		0x0000fffffffff000UL
#define PTE_ATTR_NORMAL		(1UL << 2)	/* EL2: MAIR index 1 */
#define PTE_AP_EL2		(1UL << 6)	/* AP[1] is RES1 at EL2 */
#define PTE_RDONLY		(1UL << 7)
#define PTE_S2_NORMAL		(0xfUL << 2)	/* write-back, inner and outer */
#define PTE_S2_DEVICE		(0x1UL << 2)	/* Device-nGnRE */
#define PTE_S2_READ		(1UL << 6)
#define PTE_S2_WRITE		(1UL << 7)
#define PTE_SH_INNER		(3UL << 8)
#define PTE_AF			(1UL << 10)
#define PTE_XN			(1UL << 54)

static inline bool arch_block_allowed(unsigned int level)
{
	return level >= 1;
}

static inline bool arch_pte_valid(u64 pte)
{
	return pte & PTE_VALID;
}

static inline bool arch_pte_is_table(u64 pte, unsigned int level)
{
	return level < PT_LEVELS - 1 && (pte & (PTE_VALID | PTE_TABLE)) ==
					 (PTE_VALID | PTE_TABLE);
}

static inline u64 arch_pte_addr(u64 pte)
{
	return pte & PTE_ADDR_MASK;
}

static inline u64 arch_pte_table(u64 phys)
{
	return phys | PTE_VALID | PTE_TABLE;
}

/* Leaves at level 3 are pages, with the bit that makes a table above. */
static inline u64 arch_pte_type(unsigned int level)
{
	return level == PT_LEVELS - 1 ? PTE_VALID | PTE_TABLE : PTE_VALID;
}

static inline u64 arch_pte_leaf(unsigned int kind, unsigned int level,
				u64 phys, unsigned long flags)
{
	u64 pte = phys | arch_pte_type(level) | PTE_AF | PTE_SH_INNER;

	if (!(flags & MAP_EXEC) || (flags & MAP_DEVICE))
		pte |= PTE_XN;
	if (kind == PAGING_HYPERVISOR) {
		pte |= PTE_AP_EL2;
		if (!(flags & MAP_WRITE))
			pte |= PTE_RDONLY;
		if (!(flags & MAP_DEVICE))
			pte |= PTE_ATTR_NORMAL;
		return pte;
	}
	pte |= flags & MAP_DEVICE ? PTE_S2_DEVICE : PTE_S2_NORMAL;
	if (flags & (MAP_READ | MAP_EXEC))
		pte |= PTE_S2_READ;
	if (flags & MAP_WRITE)
		pte |= PTE_S2_WRITE;
	return pte;
}

/* The piece at offset of a block at level, as an entry one level down. */
static inline u64 arch_pte_split(u64 pte, unsigned int level, u64 offset)
{
	return (pte & ~(PTE_ADDR_MASK | PTE_VALID | PTE_TABLE)) |
	       (arch_pte_addr(pte) + offset) | arch_pte_type(level + 1);
}

#endif /* _ASM_PAGING_H */
