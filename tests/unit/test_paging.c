// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit test of the core's page tables (hypervisor/paging.c) with the
 * arm64 entry format: blocks where alignment allows, splitting, merging
 * back, unmapping with tables given back, and the bits of each kind of
 * mapping.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../hypervisor/mem.c"
#include "../../hypervisor/paging.c"

void arch_cpu_relax(void)
{
}

#define POOL_PAGES	256
#define POOL_PHYS	0x70000000UL	/* where the pool "is" */
#define GiB		(1ULL << 30)
#define MiB		(1ULL << 20)

static struct page_pool pool;
static void *pool_mem;

static int setup(void **state)
{
	pool_mem = aligned_alloc(PAGE_SIZE, POOL_PAGES * PAGE_SIZE);
	if (!pool_mem)
		return -1;
	virt_offset = (long)((unsigned long)pool_mem - POOL_PHYS);
	return page_pool_init(&pool, pool_mem, POOL_PAGES);
}

static int teardown(void **state)
{
	free(pool_mem);
	return 0;
}

/* The leaf entry that maps virt, and its level. */
static u64 leaf(struct paging *pg, u64 virt, unsigned int *level)
{
	u64 *table = pg->root, pte = 0;
	unsigned int l;

	for (l = 0; l < PT_LEVELS; l++) {
		pte = table[(virt >> shift(pg, l)) % 512];
		if (!arch_pte_is_table(pte, l))
			break;
		table = table_of(pte);
	}
	*level = l;
	return pte;
}

static void test_blocks(void **state)
{
	struct paging pg;
	unsigned long used = pool.used;
	unsigned int level;
	u64 pte;

	assert_int_equal(paging_init(&pg, &pool, PAGING_GUEST), 0);
	/* 768 MiB of RAM at 1 GiB: 384 2-MiB blocks, two tables below root. */
	assert_int_equal(paging_map(&pg, GiB, GiB, 768 * MiB,
				    MAP_READ | MAP_WRITE | MAP_EXEC), 0);
	assert_int_equal(pool.used, used + 3);
	assert_int_equal(paging_translate(&pg, GiB + 0x123456), GiB + 0x123456);
	assert_int_equal(paging_translate(&pg, GiB + 768 * MiB - 1),
			 GiB + 768 * MiB - 1);
	assert_int_equal(paging_translate(&pg, GiB + 768 * MiB), INVALID_PHYS);
	assert_int_equal(paging_translate(&pg, GiB - 1), INVALID_PHYS);
	pte = leaf(&pg, GiB + 4 * MiB, &level);
	assert_int_equal(level, 2);
	assert_int_equal(pte & 3, PTE_VALID);	/* a block */

	/* 512 GiB aligned to 512 GiB: 512 1-GiB blocks, one table. */
	assert_int_equal(paging_map(&pg, 512 * GiB, 512 * GiB, 512 * GiB,
				    MAP_READ | MAP_WRITE | MAP_DEVICE), 0);
	assert_int_equal(pool.used, used + 4);
	pte = leaf(&pg, 700 * GiB, &level);
	assert_int_equal(level, 1);

	paging_destroy(&pg);
	assert_int_equal(pool.used, used);
}

static void test_pages_and_offsets(void **state)
{
	struct paging pg;
	unsigned long used = pool.used;
	unsigned int level;

	paging_init(&pg, &pool, PAGING_HYPERVISOR);
	/* Not 1:1 and not block aligned: pages. */
	assert_int_equal(paging_map(&pg, 0x9000, 0x123000, 3 * PAGE_SIZE,
				    MAP_READ), 0);
	assert_int_equal(paging_translate(&pg, 0x9abc), 0x123abc);
	assert_int_equal(paging_translate(&pg, 0xbfff), 0x125fff);
	assert_int_equal(paging_translate(&pg, 0xc000), INVALID_PHYS);
	leaf(&pg, 0x9000, &level);
	assert_int_equal(level, 3);
	/* Virtually aligned but not physically: no block either. */
	assert_int_equal(paging_map(&pg, 2 * MiB, 2 * MiB + PAGE_SIZE, 2 * MiB,
				    MAP_READ), 0);
	leaf(&pg, 2 * MiB, &level);
	assert_int_equal(level, 3);
	assert_int_equal(paging_translate(&pg, 4 * MiB - 1),
			 4 * MiB + PAGE_SIZE - 1);
	paging_destroy(&pg);
	assert_int_equal(pool.used, used);
}

static void test_split_and_unmap(void **state)
{
	struct paging pg;
	unsigned long used = pool.used;
	unsigned int level;
	u64 pte;

	paging_init(&pg, &pool, PAGING_GUEST);
	paging_map(&pg, GiB, GiB, 2 * GiB, MAP_READ | MAP_WRITE);
	assert_int_equal(pool.used, used + 2);	/* root, one level-1 table */

	/* A page out of the middle of a 1-GiB block: split twice. */
	assert_int_equal(paging_unmap(&pg, GiB + 5 * MiB, PAGE_SIZE), 0);
	assert_int_equal(pool.used, used + 4);
	assert_int_equal(paging_translate(&pg, GiB + 5 * MiB), INVALID_PHYS);
	assert_int_equal(paging_translate(&pg, GiB + 5 * MiB - 1),
			 GiB + 5 * MiB - 1);
	assert_int_equal(paging_translate(&pg, GiB + 5 * MiB + PAGE_SIZE),
			 GiB + 5 * MiB + PAGE_SIZE);
	/* The pieces keep the block's permissions. */
	pte = leaf(&pg, GiB + 5 * MiB + PAGE_SIZE, &level);
	assert_int_equal(level, 3);
	assert_true(pte & PTE_S2_WRITE);
	pte = leaf(&pg, GiB + 700 * MiB, &level);
	assert_int_equal(level, 2);
	assert_true(pte & PTE_S2_READ);

	/*
	 * Mapping the page back with other permissions leaves the tables
	 * (test_merge: with the same ones they go); unmapping all frees them.
	 */
	paging_map(&pg, GiB + 5 * MiB, GiB + 5 * MiB, PAGE_SIZE, MAP_READ);
	assert_int_equal(paging_translate(&pg, GiB + 5 * MiB), GiB + 5 * MiB);
	assert_int_equal(paging_unmap(&pg, GiB, 2 * GiB), 0);
	assert_int_equal(pool.used, used + 1);	/* the root only */
	assert_int_equal(paging_translate(&pg, GiB + 5 * MiB), INVALID_PHYS);
	/* Unmapping what is not mapped is fine and allocates nothing. */
	assert_int_equal(paging_unmap(&pg, 4 * GiB, 4 * MiB), 0);
	assert_int_equal(pool.used, used + 1);
	paging_destroy(&pg);
	assert_int_equal(pool.used, used);
}

/* What a split took comes back when the pieces are whole again. */
static void test_merge(void **state)
{
	unsigned long rw = MAP_READ | MAP_WRITE, used = pool.used;
	struct paging pg;
	unsigned int level;
	u64 pte, block;

	paging_init(&pg, &pool, PAGING_GUEST);
	paging_map(&pg, GiB, GiB, GiB, rw);
	block = leaf(&pg, GiB, &level);
	assert_int_equal(level, 1);
	assert_int_equal(pool.used, used + 2);

	/* A page out, split twice; back with the same attributes: merged
	 * twice, into the very 1-GiB block that was there. */
	paging_unmap(&pg, GiB + 5 * MiB, PAGE_SIZE);
	assert_int_equal(pool.used, used + 4);
	assert_int_equal(paging_map(&pg, GiB + 5 * MiB, GiB + 5 * MiB,
				    PAGE_SIZE, rw), 0);
	assert_int_equal(pool.used, used + 2);
	pte = leaf(&pg, GiB + 5 * MiB, &level);
	assert_int_equal(level, 1);
	assert_int_equal(pte, block);
	assert_int_equal(paging_translate(&pg, GiB + 5 * MiB + 0x123),
			 GiB + 5 * MiB + 0x123);

	/* Over several calls, 1 MiB at a time, as cells come and go. */
	paging_unmap(&pg, GiB + 2 * MiB, 2 * MiB);
	paging_map(&pg, GiB + 2 * MiB, GiB + 2 * MiB, MiB, rw);
	assert_int_equal(pool.used, used + 4);	/* a page table, level 2 */
	paging_map(&pg, GiB + 3 * MiB, GiB + 3 * MiB, MiB, rw);
	assert_int_equal(pool.used, used + 2);
	assert_int_equal(leaf(&pg, GiB + 3 * MiB, &level), block);

	/* Other attributes, or not contiguous: no merge. */
	paging_map(&pg, GiB + 5 * MiB, GiB + 5 * MiB, PAGE_SIZE, MAP_READ);
	assert_int_equal(pool.used, used + 4);
	paging_map(&pg, GiB + 5 * MiB, GiB + 5 * MiB, PAGE_SIZE, rw);
	assert_int_equal(pool.used, used + 2);
	paging_map(&pg, GiB + 5 * MiB, GiB + 9 * MiB, PAGE_SIZE, rw);
	assert_int_equal(pool.used, used + 4);
	assert_int_equal(paging_translate(&pg, GiB + 5 * MiB),
			 GiB + 9 * MiB);
	paging_map(&pg, GiB + 5 * MiB, GiB + 5 * MiB, PAGE_SIZE, rw);
	assert_int_equal(pool.used, used + 2);

	/* Contiguous and the same, but not aligned to a block: pages stay. */
	paging_map(&pg, 8 * GiB, 8 * GiB + PAGE_SIZE, 2 * MiB, rw);
	assert_int_equal(pool.used, used + 4);
	paging_map(&pg, 8 * GiB, 8 * GiB + PAGE_SIZE, PAGE_SIZE, rw);
	assert_int_equal(pool.used, used + 4);
	leaf(&pg, 8 * GiB, &level);
	assert_int_equal(level, 3);

	/* No blocks at level 0: a level-1 table full of 1-GiB blocks stays. */
	paging_map(&pg, 0, 0, 512 * GiB, rw);
	assert_int_equal(pool.used, used + 2);	/* the 8-GiB pages went */
	leaf(&pg, 0, &level);
	assert_int_equal(level, 1);

	paging_destroy(&pg);
	assert_int_equal(pool.used, used);
}

static void test_remap_replaces(void **state)
{
	struct paging pg;
	unsigned long used = pool.used;
	unsigned int level;
	u64 pte;

	paging_init(&pg, &pool, PAGING_GUEST);
	paging_map(&pg, 0x10000000, 0x10000000, 4 * PAGE_SIZE, MAP_READ);
	/* A block over pages: the page table goes back to the pool. */
	paging_map(&pg, 0x10000000, 0x30000000, 2 * MiB, MAP_READ | MAP_WRITE);
	assert_int_equal(pool.used, used + 3);
	assert_int_equal(paging_translate(&pg, 0x10001000), 0x30001000);
	pte = leaf(&pg, 0x10000000, &level);
	assert_int_equal(level, 2);
	assert_true(pte & PTE_S2_WRITE);
	paging_destroy(&pg);
	assert_int_equal(pool.used, used);
}

static void test_entry_bits(void **state)
{
	u64 pte;

	pte = arch_pte_leaf(PAGING_HYPERVISOR, 3, 0x1000, MAP_READ | MAP_EXEC);
	assert_int_equal(pte & 3, 3);			/* page */
	assert_true(pte & PTE_RDONLY);
	assert_false(pte & PTE_XN);
	assert_true(pte & PTE_ATTR_NORMAL);
	pte = arch_pte_leaf(PAGING_HYPERVISOR, 2, 0x200000,
			    MAP_READ | MAP_WRITE | MAP_DEVICE);
	assert_int_equal(pte & 3, 1);			/* block */
	assert_false(pte & (PTE_RDONLY | PTE_ATTR_NORMAL));
	assert_true(pte & PTE_XN);
	pte = arch_pte_leaf(PAGING_GUEST, 3, 0x5000, MAP_READ);
	assert_int_equal(pte & (0xfUL << 2), PTE_S2_NORMAL);
	assert_true((pte & PTE_S2_READ) && !(pte & PTE_S2_WRITE));
	assert_true(pte & PTE_XN);
	pte = arch_pte_leaf(PAGING_GUEST, 3, 0x5000, MAP_WRITE | MAP_DEVICE);
	assert_int_equal(pte & (0xfUL << 2), PTE_S2_DEVICE);
	assert_int_equal(arch_pte_addr(pte), 0x5000);
	assert_true(pte & PTE_AF);
}

static void test_bad_ranges(void **state)
{
	struct paging pg;
	unsigned long used = pool.used;

	paging_init(&pg, &pool, PAGING_GUEST);
	assert_int_equal(paging_map(&pg, 0x1001, 0, PAGE_SIZE, MAP_READ),
			 -EINVAL);
	assert_int_equal(paging_map(&pg, 0, 0x1001, PAGE_SIZE, MAP_READ),
			 -EINVAL);
	assert_int_equal(paging_map(&pg, 0, 0, 0, MAP_READ), -EINVAL);
	assert_int_equal(paging_map(&pg, 1ULL << 48, 0, PAGE_SIZE, MAP_READ),
			 -EINVAL);
	assert_int_equal(paging_map(&pg, (1ULL << 48) - PAGE_SIZE, 0,
				    2 * PAGE_SIZE, MAP_READ), -EINVAL);
	assert_int_equal(paging_unmap(&pg, 0, 123), -EINVAL);
	assert_int_equal(pool.used, used + 1);
	paging_destroy(&pg);
}

static void test_out_of_memory(void **state)
{
	struct paging pg;
	unsigned long used = pool.used;
	int err = 0;
	u64 va;

	paging_init(&pg, &pool, PAGING_GUEST);
	/* One page per 2 MiB until the pool is dry: -ENOMEM, no crash. */
	for (va = 0; !err && va < 1024 * GiB; va += 2 * MiB)
		err = paging_map(&pg, va, va, PAGE_SIZE, MAP_READ);
	assert_int_equal(err, -ENOMEM);
	assert_int_equal(pool.used, pool.pages);
	paging_destroy(&pg);
	assert_int_equal(pool.used, used);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blocks),
		cmocka_unit_test(test_pages_and_offsets),
		cmocka_unit_test(test_split_and_unmap),
		cmocka_unit_test(test_merge),
		cmocka_unit_test(test_remap_replaces),
		cmocka_unit_test(test_entry_bits),
		cmocka_unit_test(test_bad_ranges),
		cmocka_unit_test(test_out_of_memory),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
