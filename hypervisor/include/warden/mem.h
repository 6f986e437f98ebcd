/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The page pool: the part of the hypervisor memory that is neither image,
 * per-CPU areas nor configuration, handed out a page or a run of pages at a
 * time (page tables, cell structures).  A bitmap at the start of the pool
 * says which pages are in use; it counts as used.
 */
#ifndef _WARDEN_MEM_H
#define _WARDEN_MEM_H

#include <warden/lib.h>
#include <warden/spinlock.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGES(bytes)	(((bytes) + PAGE_SIZE - 1) >> PAGE_SHIFT)

struct page_pool {
	unsigned char *base;	/* first page, as the hypervisor sees it */
	unsigned long pages;	/* size of the pool */
	unsigned long used;	/* pages in use, the bitmap's included */
	unsigned long *bitmap;	/* bit n set: page n in use */
	unsigned long hint;	/* where the next search starts */
	bool locking;		/* false until spinlocks may be used */
	struct spinlock lock;
};

extern struct page_pool mem_pool;

/* base must be page aligned; pages must leave room beyond the bitmap. */
int page_pool_init(struct page_pool *pool, void *base, unsigned long pages);
/* count contiguous zeroed pages, or NULL if the pool has no such run. */
void *page_alloc(struct page_pool *pool, unsigned long count);
/*
 * The same, at a physical address aligned to count pages (a power of
 * two), for tables the hardware wants aligned to their size.
 */
void *page_alloc_aligned(struct page_pool *pool, unsigned long count);
/* Give back pages from page_alloc(); count must be what was asked for. */
void page_free(struct page_pool *pool, void *page, unsigned long count);

/*
 * The hypervisor's view of physical memory.  virt_offset is what to add to
 * a physical address of the hypervisor memory to reach it (0 where the
 * hypervisor maps itself 1:1, as on arm64).
 */
extern long virt_offset;

static inline void *phys_to_virt(u64 phys)
{
	return (void *)(unsigned long)(phys + virt_offset);
}

static inline u64 virt_to_phys(const void *virt)
{
	return (unsigned long)virt - virt_offset;
}

#endif /* _WARDEN_MEM_H */
