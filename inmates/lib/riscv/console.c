// SPDX-License-Identifier: GPL-2.0
/* riscv inmate console (the debug-console SBI call), and hypercall(). */
#include <inmate.h>
#include <warden/arch/riscv.h>
#include <warden/hypercall.h>

long hypercall(unsigned long code, unsigned long arg1, unsigned long arg2)
{
	return warden_hypercall(code, arg1, arg2);
}

void arch_console_putc(char c)
{
	warden_hypercall(WARDEN_HC_DEBUG_CONSOLE_PUTC, (unsigned char)c, 0);
}
