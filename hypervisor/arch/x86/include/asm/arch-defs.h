/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_ARCH_DEFS_H
#define _ASM_ARCH_DEFS_H

#define ARCH_NAME	"x86"
/*
 * Nested page tables may be changed live and flushed after.
 */
#define ARCH_BREAK_BEFORE_MAKE	0
#define MAX_CPUS	64
/*
 * Where the core maps root memory it reads (cell.c): canonical, below the
 * 128 TiB where x86-64 addresses sign-extend, clear of the CPU windows.
 */
#define TEMP_MAP_BASE	0x7f0000000000UL
#define PERCPU_SIZE	(16 * 1024)
/* offsetof(struct warden_header, num_cpus), for entry.S (checked in setup.c) */
#define HEADER_NUM_CPUS	72

#ifndef __ASSEMBLY__
#include <warden/header.h>
#define ARCH_NUMBER	WARDEN_ARCH_X86
#endif

#endif /* _ASM_ARCH_DEFS_H */
