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

void arch_console_putc(char c)
{
	const struct warden_system *sys = system_config;
	volatile unsigned int *uart;

	if (!sys || sys->debug_console.type != WARDEN_CONSOLE_PL011)
		return;
	uart = (volatile unsigned int *)(unsigned long)
		sys->debug_console.address;
	while (uart[UART_FR / 4] & UART_FR_TXFF)
		arch_cpu_relax();
	uart[UART_DR / 4] = (unsigned char)c;
}
