// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit test of the hypervisor console (hypervisor/console.c): what
 * reaches the UART and what the console ring holds, across its wrap.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "../../hypervisor/console.c"

static char uart[64];
static size_t uart_len;

void arch_console_putc(char c)
{
	if (uart_len < sizeof(uart))
		uart[uart_len++] = c;
}

void arch_cpu_relax(void)
{
}

static void test_uart_and_ring(void **state)
{
	struct warden_console_ring *ring = &console.ring;

	console_write("ab\ncd");
	assert_memory_equal(uart, "ab\r\ncd", 6);	/* CR for the UART */
	assert_int_equal(uart_len, 6);
	assert_int_equal(ring->written, 5);		/* none in the ring */
	assert_int_equal(ring->size, CONSOLE_BYTES - sizeof(*ring));
	assert_memory_equal(ring->data, "ab\ncd", 5);
	/* The ring has whole pages of its own. */
	assert_int_equal(sizeof(console) % PAGE_SIZE, 0);
}

static void test_ring_wraps(void **state)
{
	struct warden_console_ring *ring = &console.ring;
	char line[101];
	u64 before = ring->written, n;
	unsigned int i;

	memset(line, 'x', 100);
	line[100] = '\0';
	for (i = 0; i < 200; i++) {	/* 20000 bytes through 16 KiB */
		line[0] = 'a' + i % 26;
		console_write(line);
	}
	assert_int_equal(ring->written, before + 20000);
	/* The last line is at the end, where the count says. */
	n = ring->written - 100;
	assert_int_equal(ring->data[n % ring->size], 'a' + 199 % 26);
	assert_int_equal(ring->data[(ring->written - 1) % ring->size], 'x');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uart_and_ring),
		cmocka_unit_test(test_ring_wraps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
