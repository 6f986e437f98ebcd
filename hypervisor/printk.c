// SPDX-License-Identifier: GPL-2.0
/*
 * Formatted output for the hypervisor: a small vsnprintf and printk, which
 * writes to the architecture's debug console.  Only the conversions the
 * hypervisor uses are supported; an unknown one is printed as it stands.
 */
#include <warden/arch.h>
#include <warden/printk.h>

struct out {
	char *buf;
	unsigned long size, len;
};

static void out_char(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

/* width < 0: left-justify in -width columns. */
static void out_number(struct out *o, unsigned long long v, unsigned int base,
		       int width, char pad, int negative)
{
	char tmp[24];
	int n = 0, len;

	do {
		tmp[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (negative)
		tmp[n++] = '-';
	for (len = n; width > len; width--)
		out_char(o, pad);
	while (n)
		out_char(o, tmp[--n]);
	for (; -width > len; width++)
		out_char(o, ' ');
}

static unsigned long long get_arg(__builtin_va_list *ap, int longs, int sign)
{
	if (longs >= 1)
		return sign ? (unsigned long long)__builtin_va_arg(*ap, long long)
			    : __builtin_va_arg(*ap, unsigned long long);
	return sign ? (unsigned long long)(long long)__builtin_va_arg(*ap, int)
		    : __builtin_va_arg(*ap, unsigned int);
}

int vsnprintk(char *buf, unsigned long size, const char *fmt,
	      __builtin_va_list args)
{
	struct out o = { buf, size, 0 };
	__builtin_va_list ap;
	unsigned long long v;
	const char *s;
	int width, longs, left;
	char pad;

	/* A copy, so that &ap has one type on every ABI (x86's is an array). */
	__builtin_va_copy(ap, args);
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			out_char(&o, *fmt);
			continue;
		}
		fmt++;
		pad = ' ';
		left = *fmt == '-';
		if (left)
			fmt++;
		else if (*fmt == '0')
			pad = *fmt++;
		for (width = 0; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + *fmt - '0';
		if (left)
			width = -width;
		for (longs = 0; *fmt == 'l'; fmt++)
			longs++;
		switch (*fmt) {
		case 'd':
			v = get_arg(&ap, longs, 1);
			if ((long long)v < 0)
				out_number(&o, -v, 10, width, pad, 1);
			else
				out_number(&o, v, 10, width, pad, 0);
			break;
		case 'u':
			out_number(&o, get_arg(&ap, longs, 0), 10, width, pad,
				   0);
			break;
		case 'x':
			out_number(&o, get_arg(&ap, longs, 0), 16, width, pad,
				   0);
			break;
		case 'p':
			out_char(&o, '0');
			out_char(&o, 'x');
			out_number(&o, (unsigned long)__builtin_va_arg(ap, void *),
				   16, width, pad, 0);
			break;
		case 'c':
			out_char(&o, (char)__builtin_va_arg(ap, int));
			break;
		case 's':
			s = __builtin_va_arg(ap, const char *);
			for (s = s ? s : "(null)"; *s; s++)
				out_char(&o, *s);
			break;
		case '\0':	/* a lone '%' at the end */
			out_char(&o, '%');
			fmt--;
			break;
		default:
			out_char(&o, '%');
			out_char(&o, *fmt);
		}
	}
	__builtin_va_end(ap);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintk(char *buf, unsigned long size, const char *fmt, ...)
{
	__builtin_va_list ap;
	int len;

	__builtin_va_start(ap, fmt);
	len = vsnprintk(buf, size, fmt, ap);
	__builtin_va_end(ap);
	return len;
}

/*
 * Where printk's lines go.  This default writes to the architecture's
 * console character by character; the hypervisor replaces it (console.c)
 * to also fill the console ring and to keep CPUs' lines apart.
 */
__attribute__((weak)) void console_write(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			arch_console_putc('\r');
		arch_console_putc(*s);
	}
}

void printk(const char *fmt, ...)
{
	__builtin_va_list ap;
	char line[256];

	__builtin_va_start(ap, fmt);
	vsnprintk(line, sizeof(line), fmt, ap);
	__builtin_va_end(ap);
	console_write(line);
}
