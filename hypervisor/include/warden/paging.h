/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Page tables, for the hypervisor's own address space and for the
 * second-stage translation of each cell.  The core walks and edits the
 * radix tree; <asm/paging.h> says how an entry is encoded, where blocks
 * may be used and, as data (PAGING_FORMATS), the shape of each kind of
 * address space: how many levels it has and how large its root table is.
 * Every table below the root has 512 8-byte entries in one 4 KiB page;
 * a root may be several pages (RISC-V's G-stage root is 16 KiB), aligned
 * to its size as the hardware requires.
 *
 * The caller serialises changes to one address space and flushes TLBs,
 * after unmapping and also after mapping over what was mapped: either may
 * free tables a CPU's walk cache can still point to, so the flush must
 * come before the pool hands them out again.
 */
#ifndef _WARDEN_PAGING_H
#define _WARDEN_PAGING_H

#include <warden/mem.h>

/* What a mapping allows; the architecture turns these into entry bits. */
#define MAP_READ	BIT(0)
#define MAP_WRITE	BIT(1)
#define MAP_EXEC	BIT(2)
#define MAP_DEVICE	BIT(3)	/* device memory: uncached, no speculation */

/* Which kind of address space: the encodings differ on some architectures. */
#define PAGING_HYPERVISOR	0
#define PAGING_GUEST		1

#define INVALID_PHYS		(~0ULL)

/* The shape of one kind of address space (<asm/paging.h>). */
struct paging_format {
	unsigned int levels;	/* 0 is the root, levels - 1 holds pages */
	unsigned int root_pages; /* a power of two: 512 entries each */
};

struct paging {
	u64 *root;		/* the top-level table */
	unsigned int kind;	/* PAGING_HYPERVISOR or PAGING_GUEST */
	const struct paging_format *format;	/* of kind */
	struct page_pool *pool;	/* where tables come from */
	/*
	 * Set for tables CPUs walk while they change (the root cell's, where
	 * the architecture needs break-before-make): drop every TLB entry of
	 * them.  An entry that changes from valid to valid, or a table that
	 * is freed, is first made invalid and flush()ed.
	 */
	void (*flush)(struct paging *pg);
};

int paging_init(struct paging *pg, struct page_pool *pool, unsigned int kind);
/*
 * Map [virt, virt + size) to [phys, phys + size), replacing what was
 * there, with the largest blocks alignment allows.  All three must be
 * page aligned.  -ENOMEM if the pool runs out (what was mapped stays).
 * A table whose entries end up mapping its whole span contiguously with
 * the same attributes, where that level allows blocks, is replaced by a
 * block and freed: what an earlier split took comes back.
 */
int paging_map(struct paging *pg, u64 virt, u64 phys, u64 size,
	       unsigned long flags);
/* Unmap [virt, virt + size), splitting blocks and freeing empty tables. */
int paging_unmap(struct paging *pg, u64 virt, u64 size);
/* The physical address virt maps to, INVALID_PHYS if none. */
u64 paging_translate(const struct paging *pg, u64 virt);
/* Free every table, the root included. */
void paging_destroy(struct paging *pg);

#endif /* _WARDEN_PAGING_H */
