/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in for <asm/cell.h>: what a fake arch_cell_init() records. */
#ifndef _ASM_CELL_H
#define _ASM_CELL_H

#include <warden/lib.h>

struct arch_cell {
	bool initialised;	/* between arch_cell_init() and _exit() */
};

#endif /* _ASM_CELL_H */
