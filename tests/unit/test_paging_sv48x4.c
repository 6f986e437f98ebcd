// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit test of the core's page tables with the RISC-V entry format,
 * whose G-stage root (Sv48x4) is four pages: the core takes the root's
 * size from PAGING_FORMATS and needs no special case for it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* Before paging.c pulls in the tests' <asm/paging.h> (arm64's). */
#include "../../hypervisor/arch/riscv/include/asm/paging.h"
#include "../../hypervisor/mem.c"
#include "../../hypervisor/paging.c"

void arch_cpu_relax(void)
{
}

#define POOL_PAGES	64
#define POOL_PHYS	0x80001000UL	/* one page past a 16 KiB boundary */
#define GiB		(1ULL << 30)
#define TiB		(1ULL << 40)

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

/* The root is four pages at a physical 16 KiB boundary. */
static void test_root(void **state)
{
	unsigned long used = pool.used;
	struct paging pg;

	assert_int_equal(paging_init(&pg, &pool, PAGING_GUEST), 0);
	assert_int_equal(pool.used, used + 4);
	assert_int_equal(virt_to_phys(pg.root) % (4 * PAGE_SIZE), 0);
	paging_destroy(&pg);
	assert_int_equal(pool.used, used);

	assert_int_equal(paging_init(&pg, &pool, PAGING_HYPERVISOR), 0);
	assert_int_equal(pool.used, used + 1);
	paging_destroy(&pg);
}

/* Guest addresses up to 2^50 use the root's entries past 512. */
static void test_wide_root(void **state)
{
	unsigned long used = pool.used;
	struct paging pg;
	u64 high = 1000 * TiB;

	assert_int_equal(paging_init(&pg, &pool, PAGING_GUEST), 0);
	assert_int_equal(paging_map(&pg, high, 2 * GiB, GiB,
				    MAP_READ | MAP_WRITE), 0);
	assert_int_equal(paging_translate(&pg, high + 0x1234),
			 2 * GiB + 0x1234);
	assert_int_equal(paging_translate(&pg, high - PAGE_SIZE),
			 INVALID_PHYS);
	/* A 1 GiB leaf one level below the root: one table. */
	assert_int_equal(pool.used, used + 5);
	assert_true(pg.root[high >> 39] != 0);
	/* Past the 50-bit guest range. */
	assert_int_equal(paging_map(&pg, 1ULL << 50, 0, PAGE_SIZE, MAP_READ),
			 -EINVAL);
	assert_int_equal(paging_translate(&pg, 1ULL << 50), INVALID_PHYS);
	assert_int_equal(paging_unmap(&pg, high, GiB), 0);
	assert_int_equal(pool.used, used + 4);
	paging_destroy(&pg);
	assert_int_equal(pool.used, used);
}

/* The hypervisor's Sv48 root stops at 2^48. */
static void test_narrow_root(void **state)
{
	struct paging pg;

	assert_int_equal(paging_init(&pg, &pool, PAGING_HYPERVISOR), 0);
	assert_int_equal(paging_map(&pg, 1ULL << 48, 0, PAGE_SIZE, MAP_READ),
			 -EINVAL);
	assert_int_equal(paging_map(&pg, (1ULL << 48) - GiB, 0, GiB,
				    MAP_READ), 0);
	paging_destroy(&pg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_root),
		cmocka_unit_test(test_wide_root),
		cmocka_unit_test(test_narrow_root),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
