// SPDX-License-Identifier: GPL-2.0
/*
 * Debug console of the x86 hypervisor.  Nothing is printed until the
 * architecture can be enabled: the UART driver comes with that work.
 */
#include <warden/arch.h>

void arch_console_putc(char c)
{
}
