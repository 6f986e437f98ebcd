// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 inmate console: the hypervisor's debug-console hypercall, or a
 * PL011 when the "-bare" link names one (inmate_console_uart); and the
 * hypercall itself.
 */
#include <inmate.h>
#include <warden/arch/arm64.h>
#include <warden/hypercall.h>

#define PL011_DR	0x00
#define PL011_FR	0x18
#define PL011_FR_TXFF	(1 << 5)

extern const unsigned long inmate_console_uart;

static void uart_putc(volatile __u32 *uart, char c)
{
	while (uart[PL011_FR / 4] & PL011_FR_TXFF)
		;
	uart[PL011_DR / 4] = (unsigned char)c;
}

long hypercall(unsigned long code, unsigned long arg1, unsigned long arg2)
{
	return warden_hypercall(code, arg1, arg2);
}

void arch_console_putc(char c)
{
	if (inmate_console_uart)
		uart_putc((volatile __u32 *)inmate_console_uart, c);
	else
		warden_hypercall(WARDEN_HC_DEBUG_CONSOLE_PUTC,
				 (unsigned char)c, 0);
}
