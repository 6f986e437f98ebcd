/* SPDX-License-Identifier: GPL-2.0 */
/* The architecture constants for core code compiled into host unit tests. */
#ifndef _ASM_ARCH_DEFS_H
#define _ASM_ARCH_DEFS_H

#include <warden/header.h>

#define ARCH_NUMBER	0
#define ARCH_NAME	"host"
/*
 * The host tests take the strict path.
 */
#define ARCH_BREAK_BEFORE_MAKE	1
#define MAX_CPUS	64
#define PERCPU_SIZE	(16 * 1024)

/*
 * Where cell.c maps root memory it reads.  The cell test provides it: a
 * host buffer it fills, each time, from what hv_paging maps there.
 */
unsigned long host_temp_map(void);
#define TEMP_MAP_BASE	host_temp_map()

#endif /* _ASM_ARCH_DEFS_H */
