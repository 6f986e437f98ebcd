// SPDX-License-Identifier: GPL-2.0
/* arm64 inmate console: the hypervisor's debug-console hypercall. */
#include <inmate.h>
#include <warden/hypercall.h>

#define STR(x) #x
#define XSTR(x) STR(x)

void arch_console_putc(char c)
{
	register unsigned long x0 asm("x0") = WARDEN_HC_DEBUG_CONSOLE_PUTC;
	register unsigned long x1 asm("x1") = (unsigned char)c;

	asm volatile("hvc #" XSTR(WARDEN_HVC_IMM)
		     : "+r"(x0) : "r"(x1) : "memory");
}
