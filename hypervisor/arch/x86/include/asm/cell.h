/* SPDX-License-Identifier: GPL-2.0 */
/* x86 part of a cell: its I/O-port and MSR permission maps (SVM). */
#ifndef _ASM_CELL_H
#define _ASM_CELL_H

struct arch_cell {
	unsigned char *iopm;	/* 12 KiB: bit n set, port n traps */
	unsigned char *msrpm;	/* 8 KiB: read and write bit per MSR */
};

#endif /* _ASM_CELL_H */
