// SPDX-License-Identifier: GPL-2.0
/*
 * Page-table walking and editing, shared by every architecture (see
 * paging.h).  Level 0 is the root; a table at level l below it has 512
 * entries, each covering 1 << shift(l) bytes, and the root as many as its
 * format says.  Where <asm/paging.h> allows a leaf
 * at a level and the range is aligned, one entry maps the whole span:
 * the root cell's RAM takes a handful of tables instead of hundreds.
 */
#include <asm/paging.h>
#include <warden/paging.h>

#define ENTRIES		512

static const struct paging_format formats[] = PAGING_FORMATS;

static unsigned int shift(const struct paging *pg, unsigned int level)
{
	return PAGE_SHIFT + 9 * (pg->format->levels - 1 - level);
}

static unsigned long entries(const struct paging *pg, unsigned int level)
{
	return level ? ENTRIES : ENTRIES * pg->format->root_pages;
}

static u64 *table_of(u64 pte)
{
	return phys_to_virt(arch_pte_addr(pte));
}

static u64 *new_table(struct paging *pg)
{
	return page_alloc(pg->pool, 1);
}

/* Break: the entry is invalid everywhere before it changes or is freed. */
static void break_entry(struct paging *pg, u64 *pte)
{
	if (pg->flush && arch_pte_valid(*pte)) {
		*pte = 0;
		pg->flush(pg);
	}
}

/* Free a table and every table below it. */
static void free_tree(struct paging *pg, u64 *table, unsigned int level)
{
	unsigned long i;

	for (i = 0; i < entries(pg, level); i++)
		if (arch_pte_is_table(table[i], level))
			free_tree(pg, table_of(table[i]), level + 1);
	page_free(pg->pool, table, level ? 1 : pg->format->root_pages);
}

/* Replace a leaf entry that covers more than we change by a table of its
 * pieces, so that part of it can be changed. */
static int split(struct paging *pg, u64 *pte, unsigned int level)
{
	u64 *table = new_table(pg);
	unsigned int i;

	if (!table)
		return -ENOMEM;
	for (i = 0; i < ENTRIES; i++)
		table[i] = arch_pte_split(*pte, level,
					  (u64)i << shift(pg, level + 1));
	break_entry(pg, pte);
	*pte = arch_pte_table(virt_to_phys(table));
	return 0;
}

/*
 * The table one level below *pte for a change that does not cover all of
 * *pte's span: created if empty, split out of a leaf if need be.
 */
static u64 *next_table(struct paging *pg, u64 *pte, unsigned int level)
{
	u64 *table;

	if (arch_pte_is_table(*pte, level))
		return table_of(*pte);
	if (arch_pte_valid(*pte)) {
		if (split(pg, pte, level))
			return NULL;
		return table_of(*pte);
	}
	table = new_table(pg);
	if (table)
		*pte = arch_pte_table(virt_to_phys(table));
	return table;
}

/*
 * The reverse of split(): if the table below *pte (at level) maps one
 * contiguous span with identical attributes, as pieces of the leaf that
 * maps [virt, virt + span) to phys with flags, replace it by that leaf
 * and free it.  Like split(), it rewrites a live entry in place: the
 * translation stays the same, the caller flushes TLBs (before the pool
 * hands the freed table out again).
 */
static void merge(struct paging *pg, u64 *pte, unsigned int level,
		  u64 virt, u64 phys, unsigned long flags)
{
	u64 span = 1ULL << shift(pg, level), offset = virt & (span - 1), block;
	u64 *table = table_of(*pte);
	unsigned int i;

	if (!arch_block_allowed(level) || (phys & (span - 1)) != offset)
		return;
	block = arch_pte_leaf(pg->kind, level, phys - offset, flags);
	for (i = 0; i < ENTRIES; i++)
		if (table[i] != arch_pte_split(block, level,
					       (u64)i << shift(pg, level + 1)))
			return;
	break_entry(pg, pte);
	*pte = block;
	page_free(pg->pool, table, 1);
}

static bool table_empty(const u64 *table)
{
	unsigned int i;

	for (i = 0; i < ENTRIES; i++)
		if (table[i])
			return false;
	return true;
}

/*
 * Map (phys != INVALID_PHYS) or unmap [virt, end) in the table at level.
 */
static int update(struct paging *pg, u64 *table, unsigned int level,
		  u64 virt, u64 end, u64 phys, unsigned long flags)
{
	u64 span = 1ULL << shift(pg, level), next, *pte, *sub;
	bool unmap = phys == INVALID_PHYS;
	int err;

	for (; virt < end; virt = next) {
		next = (virt & ~(span - 1)) + span;
		if (next > end || next == 0)
			next = end;
		pte = &table[(virt >> shift(pg, level)) % entries(pg, level)];

		if (next - virt == span &&
		    (unmap ||
		     (IS_ALIGNED(phys, span) && arch_block_allowed(level)))) {
			sub = arch_pte_is_table(*pte, level) ?
			      table_of(*pte) : NULL;
			/* Valid to invalid needs no flush of its own. */
			if (sub || !unmap)
				break_entry(pg, pte);
			if (sub)
				free_tree(pg, sub, level + 1);
			*pte = unmap ? 0 :
			       arch_pte_leaf(pg->kind, level, phys, flags);
		} else if (!unmap || arch_pte_valid(*pte)) {
			sub = next_table(pg, pte, level);
			if (!sub)
				return -ENOMEM;
			err = update(pg, sub, level + 1, virt, next, phys,
				     flags);
			/* Empty after an unmap, or made for a map that failed. */
			if ((err || unmap) && table_empty(sub)) {
				break_entry(pg, pte);
				page_free(pg->pool, sub, 1);
				*pte = 0;
			} else if (!err && !unmap) {
				merge(pg, pte, level, virt, phys, flags);
			}
			if (err)
				return err;
		}
		if (!unmap)
			phys += next - virt;
	}
	return 0;
}

int paging_init(struct paging *pg, struct page_pool *pool, unsigned int kind)
{
	pg->pool = pool;
	pg->kind = kind;
	pg->format = &formats[kind];
	pg->flush = NULL;
	pg->root = page_alloc_aligned(pool, pg->format->root_pages);
	return pg->root ? 0 : -ENOMEM;
}

static bool range_ok(const struct paging *pg, u64 virt, u64 size)
{
	return size && IS_ALIGNED(virt | size, PAGE_SIZE) &&
	       virt + size - 1 >= virt &&
	       (virt + size - 1) >> shift(pg, 0) < entries(pg, 0);
}

int paging_map(struct paging *pg, u64 virt, u64 phys, u64 size,
	       unsigned long flags)
{
	u64 last = phys + size - PAGE_SIZE;

	/* The last page must fit an entry's address field, without wrap. */
	if (!range_ok(pg, virt, size) || !IS_ALIGNED(phys, PAGE_SIZE) ||
	    last < phys || arch_pte_addr(arch_pte_table(last)) != last)
		return -EINVAL;
	return update(pg, pg->root, 0, virt, virt + size, phys, flags);
}

int paging_unmap(struct paging *pg, u64 virt, u64 size)
{
	if (!range_ok(pg, virt, size))
		return -EINVAL;
	return update(pg, pg->root, 0, virt, virt + size, INVALID_PHYS, 0);
}

u64 paging_translate(const struct paging *pg, u64 virt)
{
	const u64 *table = pg->root;
	unsigned int level;
	u64 pte;

	if (virt >> shift(pg, 0) >= entries(pg, 0))
		return INVALID_PHYS;
	for (level = 0; level < pg->format->levels; level++) {
		pte = table[(virt >> shift(pg, level)) % entries(pg, level)];
		if (!arch_pte_valid(pte))
			return INVALID_PHYS;
		if (!arch_pte_is_table(pte, level))
			return arch_pte_addr(pte) +
			       (virt & ((1ULL << shift(pg, level)) - 1));
		table = table_of(pte);
	}
	return INVALID_PHYS;
}

void paging_destroy(struct paging *pg)
{
	if (pg->root)
		free_tree(pg, pg->root, 0);
	pg->root = NULL;
}
