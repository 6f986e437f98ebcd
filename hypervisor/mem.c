// SPDX-License-Identifier: GPL-2.0
/*
 * The page pool (see mem.h) and the memory functions the compiler expects.
 *
 * The pool is first used by one CPU with its MMU still off (while it builds
 * the page tables that turn the MMU on), when spinlocks must not be used;
 * setup sets pool->locking once every user runs with the MMU on.
 */
#include <warden/bitmap.h>
#include <warden/mem.h>

struct page_pool mem_pool;
long virt_offset;

int page_pool_init(struct page_pool *pool, void *base, unsigned long pages)
{
	unsigned long map_pages = PAGES(BITMAP_LONGS(pages) * sizeof(long));
	unsigned long n;

	if (!IS_ALIGNED((unsigned long)base, PAGE_SIZE) || pages <= map_pages)
		return -ENOMEM;
	memset(pool, 0, sizeof(*pool));
	pool->base = base;
	pool->pages = pages;
	pool->bitmap = base;
	memset(base, 0, map_pages * PAGE_SIZE);
	for (n = 0; n < map_pages; n++)
		set_bit(pool->bitmap, n);
	pool->used = map_pages;
	pool->hint = map_pages;
	return 0;
}

static void pool_lock(struct page_pool *pool)
{
	if (pool->locking)
		spin_lock(&pool->lock);
}

static void pool_unlock(struct page_pool *pool)
{
	if (pool->locking)
		spin_unlock(&pool->lock);
}

/*
 * The first run of count free pages from start whose physical address is
 * a multiple of align pages.
 */
static unsigned long find_run(struct page_pool *pool, unsigned long start,
			      unsigned long count, unsigned long align)
{
	unsigned long skew = virt_to_phys(pool->base) >> PAGE_SHIFT, first;

	for (;;) {
		start = (skew + start + align - 1) / align * align - skew;
		first = bitmap_find_clear_run(pool->bitmap, pool->pages, start,
					      count);
		if (first >= pool->pages || (skew + first) % align == 0)
			return first >= pool->pages ? pool->pages : first;
		start = first;
	}
}

static void *alloc(struct page_pool *pool, unsigned long count,
		   unsigned long align)
{
	unsigned long first, n;
	void *page;

	if (!count)
		return NULL;
	pool_lock(pool);
	first = find_run(pool, pool->hint, count, align);
	/* The hint only skips what is known to be full: retry from 0. */
	if (first == pool->pages)
		first = find_run(pool, 0, count, align);
	if (first == pool->pages) {
		pool_unlock(pool);
		return NULL;
	}
	for (n = first; n < first + count; n++)
		set_bit(pool->bitmap, n);
	pool->used += count;
	if (align == 1)
		pool->hint = first + count;
	pool_unlock(pool);

	page = pool->base + first * PAGE_SIZE;
	memset(page, 0, count * PAGE_SIZE);
	return page;
}

void *page_alloc(struct page_pool *pool, unsigned long count)
{
	return alloc(pool, count, 1);
}

void *page_alloc_aligned(struct page_pool *pool, unsigned long count)
{
	return alloc(pool, count, count);
}

void page_free(struct page_pool *pool, void *page, unsigned long count)
{
	unsigned long first, n;

	if (!page)
		return;
	first = ((unsigned char *)page - pool->base) / PAGE_SIZE;
	pool_lock(pool);
	for (n = first; n < first + count; n++)
		clear_bit(pool->bitmap, n);
	pool->used -= count;
	if (first < pool->hint)
		pool->hint = first;
	pool_unlock(pool);
}
