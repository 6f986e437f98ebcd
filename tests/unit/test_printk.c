// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit test of the hypervisor's formatter (hypervisor/printk.c), which
 * the inmates share.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "../../hypervisor/printk.c"

static char console[512];
static size_t console_len;

void arch_console_putc(char c)
{
	if (console_len + 1 < sizeof(console))
		console[console_len++] = c;
}

static void check_format(const char *expect, const char *fmt, ...)
{
	char buf[128];
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintk(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	assert_string_equal(buf, expect);
	assert_int_equal(len, strlen(expect));
}

static void test_conversions(void **state)
{
	check_format("plain", "plain");
	check_format("42 -7 0", "%d %d %u", 42, -7, 0u);
	check_format("ff 0000beef", "%x %08x", 255u, 0xbeefu);
	check_format("18446744073709551615", "%llu", ~0ull);
	check_format("-9223372036854775808", "%lld", (long long)(1ull << 63));
	check_format("0x70000000", "%p", (void *)0x70000000ul);
	check_format("cell 'demo' c", "cell '%s' %c", "demo", 'c');
	check_format("(null)", "%s", (char *)NULL);
	check_format("   5|5   |", "%4d|%-4d|", 5, 5);
	check_format("100%", "100%");
}

static void test_truncation(void **state)
{
	char buf[8];

	/* The return value is the full length, the buffer stays terminated. */
	assert_int_equal(snprintk(buf, sizeof(buf), "%s", "0123456789"), 10);
	assert_string_equal(buf, "0123456");
	assert_int_equal(snprintk(buf, 1, "abc"), 3);
	assert_string_equal(buf, "");
}

static void test_printk_newlines(void **state)
{
	console_len = 0;
	printk("a\nb %u\n", 1u);
	console[console_len] = '\0';
	assert_string_equal(console, "a\r\nb 1\r\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_conversions),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_printk_newlines),
	};

	return cmocka_run_group_tests_name("printk", tests, NULL, NULL);
}
