// SPDX-License-Identifier: GPL-2.0
/* The test helper: a line per check and a summary that scenarios match. */
#include <inmate.h>

static unsigned int passed, failed;

void test_check(const char *name, int ok, const char *why_fmt, ...)
{
	__builtin_va_list ap;
	char why[160];

	if (ok) {
		passed++;
		printk("PASS %s\n", name);
		return;
	}
	failed++;
	__builtin_va_start(ap, why_fmt);
	vsnprintk(why, sizeof(why), why_fmt, ap);
	__builtin_va_end(ap);
	printk("FAIL %s: %s\n", name, why);
}

int test_summary(const char *suite)
{
	printk("SUMMARY %s: %u passed, %u failed\n", suite, passed, failed);
	return failed;
}

unsigned long test_random(unsigned long *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}
