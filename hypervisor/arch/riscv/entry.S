/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Entry point of the image.  Taking over CPUs on riscv is not implemented yet
 * (see Documentation/architecture.md, "Status"): the driver refuses to
 * enable before it would jump here, and the entry only returns -EOPNOTSUPP.
 */
#include <warden/errno.h>

	.section .text.entry, "ax"
	.globl	arch_entry
arch_entry:
	li	a0, -EOPNOTSUPP
	ret
