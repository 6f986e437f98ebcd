/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The architecture boundary: everything the core needs from an
 * architecture, and nothing else.  Each hypervisor/arch/<arch>/ provides
 * these functions and an <asm/arch-defs.h> with the constants below.
 * Core code includes this header and never tests which architecture it is
 * built for.
 */
#ifndef _WARDEN_ARCH_H
#define _WARDEN_ARCH_H

#include <warden/types.h>
#include <asm/arch-defs.h>	/* ARCH_NUMBER, ARCH_NAME, MAX_CPUS */

/* Write one character to the hypervisor's debug console (UART). */
void arch_console_putc(char c);

#endif /* _WARDEN_ARCH_H */
