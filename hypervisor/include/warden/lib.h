/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the core needs from a C library, and no more: fixed-width types,
 * bool, errno values (Linux's numbers, which hypercalls return) and the
 * memory functions the compiler may call on its own.
 *
 * Also compiled into host unit tests, where libc provides mem*().
 */
#ifndef _WARDEN_LIB_H
#define _WARDEN_LIB_H

#include <warden/types.h>

typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __s64 s64;

#ifndef __bool_true_false_are_defined
typedef _Bool bool;
#define true	1
#define false	0
#endif

#ifndef NULL
#define NULL	((void *)0)
#endif

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a)		(((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a)	(((x) & ((a) - 1)) == 0)
#define MIN(a, b)		((a) < (b) ? (a) : (b))
#define BIT(n)			(1UL << (n))

#include <warden/errno.h>

void *memset(void *s, int c, unsigned long n);
void *memcpy(void *dst, const void *src, unsigned long n);

#endif /* _WARDEN_LIB_H */
