/* SPDX-License-Identifier: GPL-2.0 */
/* riscv part of a cell; empty until riscv can be enabled. */
#ifndef _ASM_CELL_H
#define _ASM_CELL_H

struct arch_cell {
	unsigned long unused;
};

#endif /* _ASM_CELL_H */
