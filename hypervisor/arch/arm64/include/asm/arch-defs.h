/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_ARCH_DEFS_H
#define _ASM_ARCH_DEFS_H

#define ARCH_NUMBER	1	/* WARDEN_ARCH_ARM64 */
#define ARCH_NAME	"arm64"
/*
 * Live stage-2 blocks are split and merged break-before-make, with the
 * root's other CPUs held (ARM ARM: TLB conflicts without FEAT_BBM).
 */
#define ARCH_BREAK_BEFORE_MAKE	1
#define MAX_CPUS	64

/* Each CPU's area: struct per_cpu at the bottom, the stack above it. */
#define PERCPU_SIZE	(16 * 1024)

/* Where the core maps root memory it reads (cell.c): nothing else is there. */
#define TEMP_MAP_BASE	0x800000000000UL

/* offsetof(struct warden_header, num_cpus), for entry.S (checked in C). */
#define HEADER_NUM_CPUS	72

#endif /* _ASM_ARCH_DEFS_H */
