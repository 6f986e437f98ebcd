// SPDX-License-Identifier: GPL-2.0
/*
 * Debug console of the arm64 hypervisor: the PL011 named in the system
 * configuration, written by polling.  The UART is mapped 1:1, so the same
 * address works before and after the MMU is on.
 */
#include <warden/arch.h>
#include <warden/control.h>

#define UART_DR		0x00
#define UART_FR		0x18
#define UART_FR_TXFF	(1U << 5)

/*
 * A UART the root disabled (or that never drains) must not hold the
 * console lock forever: after a bounded wait the character is dropped,
 * and so is every further one until the FIFO has room again (the ring
 * still gets them all).
 */
#define TX_WAIT		100000

void arch_console_putc(char c)
{
	const struct warden_system *sys = system_config;
	static bool stuck;
	volatile unsigned int *uart;
	unsigned int n;

	if (!sys || sys->debug_console.type != WARDEN_CONSOLE_PL011)
		return;
	uart = (volatile unsigned int *)(unsigned long)
		sys->debug_console.address;
	for (n = 0; uart[UART_FR / 4] & UART_FR_TXFF; n++) {
		if (stuck || n == TX_WAIT) {
			stuck = true;
			return;
		}
		arch_cpu_relax();
	}
	stuck = false;
	uart[UART_DR / 4] = (unsigned char)c;
}
