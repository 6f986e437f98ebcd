// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 inmate console: the hypervisor's debug-console hypercall, or a
 * PL011 when the "-bare" link names one (inmate_console_uart); and the
 * hypercall itself.
 */
#include <inmate.h>
#include <warden/hypercall.h>

#define PL011_DR	0x00
#define PL011_FR	0x18
#define PL011_FR_TXFF	(1 << 5)

#define STR(x) #x
#define XSTR(x) STR(x)

extern const unsigned long inmate_console_uart;

static void uart_putc(volatile __u32 *uart, char c)
{
	while (uart[PL011_FR / 4] & PL011_FR_TXFF)
		;
	uart[PL011_DR / 4] = (unsigned char)c;
}

long hypercall(unsigned long code, unsigned long arg1, unsigned long arg2)
{
	register unsigned long x0 asm("x0") = code;
	register unsigned long x1 asm("x1") = arg1;
	register unsigned long x2 asm("x2") = arg2;

	asm volatile("hvc #" XSTR(WARDEN_HVC_IMM)
		     : "+r"(x0) : "r"(x1), "r"(x2) : "memory");
	return (long)x0;
}

void arch_console_putc(char c)
{
	register unsigned long x0 asm("x0") = WARDEN_HC_DEBUG_CONSOLE_PUTC;
	register unsigned long x1 asm("x1") = (unsigned char)c;

	if (inmate_console_uart) {
		uart_putc((volatile __u32 *)inmate_console_uart, c);
		return;
	}
	asm volatile("hvc #" XSTR(WARDEN_HVC_IMM)
		     : "+r"(x0) : "r"(x1) : "memory");
}
