// SPDX-License-Identifier: GPL-2.0
/* x86 inmate console: the hypervisor's debug-console hypercall. */
#include <inmate.h>
#include <warden/hypercall.h>

void arch_console_putc(char c)
{
	unsigned long rax = WARDEN_HC_DEBUG_CONSOLE_PUTC;

	asm volatile("vmmcall" : "+a"(rax) : "D"((unsigned long)(unsigned char)c)
		     : "memory");
}
