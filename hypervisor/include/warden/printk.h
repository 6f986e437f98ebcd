/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _WARDEN_PRINTK_H
#define _WARDEN_PRINTK_H

/* printf-like: %s %c %d %u %x %p, l/ll, width, '0' padding, '-'. */
void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vsnprintk(char *buf, unsigned long size, const char *fmt,
	      __builtin_va_list ap);
int snprintk(char *buf, unsigned long size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Write a formatted line out ('\n' becomes "\r\n" on a UART). */
void console_write(const char *s);

#endif /* _WARDEN_PRINTK_H */
