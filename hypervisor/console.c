// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor console: every line goes to the UART (arch_console_putc)
 * and into the console ring (include/warden/console.h), which the root
 * cell may read, so that `warden console` works without access to the
 * UART.  The ring has pages of its own (.console in the linker script)
 * so that showing it to Linux shows nothing else.
 */
#include <warden/arch.h>
#include <warden/console.h>
#include <warden/control.h>
#include <warden/mem.h>
#include <warden/printk.h>
#include <warden/spinlock.h>

#define CONSOLE_BYTES	(16 * 1024)

static struct {
	struct warden_console_ring ring;
	char data[CONSOLE_BYTES - sizeof(struct warden_console_ring)];
} console __attribute__((section(".console"), aligned(PAGE_SIZE)));

/* Lines from different CPUs must not mix; off until translation is on. */
bool console_locking;
static struct spinlock console_lock;

void console_write(const char *s)
{
	struct warden_console_ring *ring = &console.ring;
	u64 written;

	if (console_locking)
		spin_lock(&console_lock);
	ring->size = sizeof(console.data);
	written = ring->written;
	for (; *s; s++) {
		if (*s == '\n')
			arch_console_putc('\r');
		arch_console_putc(*s);
		ring->data[written++ % ring->size] = *s;
	}
	/* Readers see the bytes before they see the count that covers them. */
	__atomic_store_n(&ring->written, written, __ATOMIC_RELEASE);
	if (console_locking)
		spin_unlock(&console_lock);
}
