/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_ARCH_DEFS_H
#define _ASM_ARCH_DEFS_H

#include <warden/header.h>

#define ARCH_NUMBER	WARDEN_ARCH_RISCV
#define ARCH_NAME	"riscv"
/*
 * G-stage tables may be changed live and flushed after.
 */
#define ARCH_BREAK_BEFORE_MAKE	0
#define MAX_CPUS	64
/* Where the core maps root memory it reads (cell.c). */
#define TEMP_MAP_BASE	0x800000000000UL
#define PERCPU_SIZE	(16 * 1024)

#endif /* _ASM_ARCH_DEFS_H */
