/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Fixed-width types for the shared ABI.
 *
 * The ABI headers in include/warden/ are compiled in four worlds: the Linux
 * driver, the freestanding hypervisor and inmates (built with
 * -DWARDEN_FREESTANDING), and host programs (CLI, unit tests).  Linux and
 * glibc both provide __u8..__u64 through <linux/types.h>; the freestanding
 * builds get them here.
 */
#ifndef _WARDEN_TYPES_H
#define _WARDEN_TYPES_H

#ifdef WARDEN_FREESTANDING
typedef unsigned char __u8;
typedef unsigned short __u16;
typedef unsigned int __u32;
typedef unsigned long long __u64;
typedef signed char __s8;
typedef short __s16;
typedef int __s32;
typedef long long __s64;
#else
#include <linux/types.h>
#endif

#endif /* _WARDEN_TYPES_H */
