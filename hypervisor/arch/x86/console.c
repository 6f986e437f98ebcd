// SPDX-License-Identifier: GPL-2.0
/*
 * Debug console of the x86 hypervisor: an 8250 UART at an I/O port (the
 * system configuration's debug-console).  Linux may drive the same UART;
 * lines may then mix, nothing worse.
 */
#include <warden/arch.h>
#include <warden/control.h>

#define LSR		5
#define LSR_THRE	0x20

static u8 inb(u16 port)
{
	u8 v;

	asm volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static void outb(u16 port, u8 v)
{
	asm volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

void arch_console_putc(char c)
{
	const struct warden_console *con;
	unsigned int n;

	if (!system_config)
		return;
	con = &system_config->debug_console;
	if (con->type != WARDEN_CONSOLE_8250_PIO)
		return;
	for (n = 0; n < 100000 && !(inb(con->address + LSR) & LSR_THRE); n++)
		arch_cpu_relax();
	outb(con->address, c);
}
