/* SPDX-License-Identifier: GPL-2.0 */
/* The architecture constants for core code compiled into host unit tests. */
#ifndef _ASM_ARCH_DEFS_H
#define _ASM_ARCH_DEFS_H

#include <warden/header.h>

#define ARCH_NUMBER	0
#define ARCH_NAME	"host"
#define MAX_CPUS	64

#endif /* _ASM_ARCH_DEFS_H */
