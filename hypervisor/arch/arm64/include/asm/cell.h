/* SPDX-License-Identifier: GPL-2.0 */
/* arm64 part of a cell (struct cell.arch). */
#ifndef _ASM_CELL_H
#define _ASM_CELL_H

#include <warden/lib.h>

struct arch_cell {
	u64 vttbr;		/* stage-2 root and VMID, as VTTBR_EL2 wants */
	/* Bit n: the cell owns interrupt line n of the distributor. */
	unsigned long irqs[1024 / (8 * sizeof(unsigned long))];
};

#endif /* _ASM_CELL_H */
