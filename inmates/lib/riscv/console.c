// SPDX-License-Identifier: GPL-2.0
/* riscv inmate console: the hypervisor's debug-console SBI call. */
#include <inmate.h>
#include <warden/hypercall.h>

void arch_console_putc(char c)
{
	register unsigned long a0 asm("a0") = (unsigned char)c;
	register unsigned long a6 asm("a6") = WARDEN_HC_DEBUG_CONSOLE_PUTC;
	register unsigned long a7 asm("a7") = WARDEN_SBI_EXT;

	asm volatile("ecall" : "+r"(a0) : "r"(a6), "r"(a7) : "a1", "memory");
}
