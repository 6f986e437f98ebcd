/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The inmate library: what a bare-metal program in a cell can call.
 */
#ifndef _INMATE_H
#define _INMATE_H

#include <warden/types.h>
#include <warden/printk.h>

/* The program's entry, called with a stack and a zeroed bss. */
void inmate_main(void);

/* Console output through the hypervisor's debug console. */
void arch_console_putc(char c);

/* Stop this CPU for good. */
void __attribute__((noreturn)) inmate_halt(void);

unsigned long strlen(const char *s);
int strcmp(const char *a, const char *b);
void *memset(void *s, int c, unsigned long n);
void *memcpy(void *dst, const void *src, unsigned long n);

#endif /* _INMATE_H */
