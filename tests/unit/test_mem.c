// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit test of the page pool (hypervisor/mem.c) and the bitmap
 * helpers it is built on.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../hypervisor/mem.c"

void arch_cpu_relax(void)
{
}

#define POOL_PAGES	64

static void *pool_memory(void)
{
	void *mem = aligned_alloc(PAGE_SIZE, POOL_PAGES * PAGE_SIZE);

	assert_non_null(mem);
	memset(mem, 0xa5, POOL_PAGES * PAGE_SIZE);	/* dirty, on purpose */
	return mem;
}

static void test_bitmap_ops(void **state)
{
	unsigned long map[BITMAP_LONGS(130)] = { 0 };

	set_bit(map, 0);
	set_bit(map, 63);
	set_bit(map, 64);
	set_bit(map, 129);
	assert_true(test_bit(map, 0) && test_bit(map, 63) &&
		    test_bit(map, 64) && test_bit(map, 129));
	assert_false(test_bit(map, 1) || test_bit(map, 65) ||
		     test_bit(map, 128));
	clear_bit(map, 63);
	assert_false(test_bit(map, 63));
	assert_int_equal(map[0], 1);
}

static void test_bitmap_find_run(void **state)
{
	unsigned long map[3] = { ~0UL, 0x0fUL, 0 };

	/* Word 0 is full: skipped whole; the first clear bit is 68. */
	assert_int_equal(bitmap_find_clear_run(map, 192, 0, 1), 68);
	/* A run may cross a word boundary. */
	map[1] = ~0UL >> 4;		/* bits 124..127 clear */
	assert_int_equal(bitmap_find_clear_run(map, 192, 0, 6), 124);
	/* No run that long below size. */
	assert_int_equal(bitmap_find_clear_run(map, 130, 0, 8), 130);
	/* start is honoured. */
	assert_int_equal(bitmap_find_clear_run(map, 192, 126, 2), 126);
	assert_int_equal(bitmap_find_clear_run(map, 192, 150, 1), 150);
}

static void test_pool_init(void **state)
{
	struct page_pool pool;
	void *mem = pool_memory();

	assert_int_equal(page_pool_init(&pool, mem, POOL_PAGES), 0);
	assert_int_equal(pool.pages, POOL_PAGES);
	assert_int_equal(pool.used, 1);		/* the bitmap's page */
	assert_int_equal(page_pool_init(&pool, (char *)mem + 8, 8), -ENOMEM);
	assert_int_equal(page_pool_init(&pool, mem, 1), -ENOMEM);
	free(mem);
}

static void test_pool_alloc_free(void **state)
{
	struct page_pool pool;
	unsigned char *mem = pool_memory(), *a, *b, *c;
	unsigned long i;

	page_pool_init(&pool, mem, POOL_PAGES);
	a = page_alloc(&pool, 1);
	b = page_alloc(&pool, 3);
	assert_ptr_equal(a, mem + PAGE_SIZE);
	assert_ptr_equal(b, mem + 2 * PAGE_SIZE);
	assert_int_equal(pool.used, 5);
	for (i = 0; i < 3 * PAGE_SIZE; i++)
		assert_int_equal(b[i], 0);		/* zeroed */
	memset(b, 0xff, 3 * PAGE_SIZE);

	page_free(&pool, a, 1);
	assert_int_equal(pool.used, 4);
	c = page_alloc(&pool, 1);
	assert_ptr_equal(c, a);			/* the freed page again */
	/* Two pages do not fit in the hole a left: they go after b. */
	page_free(&pool, c, 1);
	c = page_alloc(&pool, 2);
	assert_ptr_equal(c, mem + 5 * PAGE_SIZE);

	page_free(&pool, b, 3);
	page_free(&pool, c, 2);
	assert_int_equal(pool.used, 1);
	assert_null(page_alloc(&pool, 0));
	free(mem);
}

static void test_pool_exhaustion(void **state)
{
	struct page_pool pool;
	unsigned char *mem = pool_memory(), *p;
	unsigned long n = 0;

	page_pool_init(&pool, mem, POOL_PAGES);
	while ((p = page_alloc(&pool, 1)))
		n++;
	assert_int_equal(n, POOL_PAGES - 1);
	assert_int_equal(pool.used, POOL_PAGES);
	assert_null(page_alloc(&pool, 1));
	/* Free one in the middle: exactly that one comes back. */
	p = mem + 20 * PAGE_SIZE;
	page_free(&pool, p, 1);
	assert_null(page_alloc(&pool, 2));
	assert_ptr_equal(page_alloc(&pool, 1), p);
	free(mem);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bitmap_ops),
		cmocka_unit_test(test_bitmap_find_run),
		cmocka_unit_test(test_pool_init),
		cmocka_unit_test(test_pool_alloc_free),
		cmocka_unit_test(test_pool_exhaustion),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
