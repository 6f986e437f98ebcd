/* SPDX-License-Identifier: GPL-2.0 */
/* Bitmaps of unsigned longs: bit n is bit n % BITS_PER_LONG of word n / it. */
#ifndef _WARDEN_BITMAP_H
#define _WARDEN_BITMAP_H

#include <warden/lib.h>

#define BITS_PER_LONG		(8 * sizeof(unsigned long))
#define BITMAP_LONGS(bits)	(((bits) + BITS_PER_LONG - 1) / BITS_PER_LONG)

static inline bool test_bit(const unsigned long *map, unsigned long n)
{
	return (map[n / BITS_PER_LONG] >> (n % BITS_PER_LONG)) & 1;
}

static inline void set_bit(unsigned long *map, unsigned long n)
{
	map[n / BITS_PER_LONG] |= 1UL << (n % BITS_PER_LONG);
}

static inline void clear_bit(unsigned long *map, unsigned long n)
{
	map[n / BITS_PER_LONG] &= ~(1UL << (n % BITS_PER_LONG));
}

/*
 * The first run of count clear bits at or after start, below size;
 * size if there is none.  Whole words are skipped when full, which keeps
 * allocation from a mostly used pool quick.
 */
static inline unsigned long bitmap_find_clear_run(const unsigned long *map,
						  unsigned long size,
						  unsigned long start,
						  unsigned long count)
{
	unsigned long n = start, run = 0;

	while (n < size && run < count) {
		if (n % BITS_PER_LONG == 0 && run == 0 &&
		    map[n / BITS_PER_LONG] == ~0UL) {
			n += BITS_PER_LONG;
			continue;
		}
		run = test_bit(map, n) ? 0 : run + 1;
		n++;
	}
	return run == count ? n - count : size;
}

#endif /* _WARDEN_BITMAP_H */
