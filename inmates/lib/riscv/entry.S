/* SPDX-License-Identifier: GPL-2.0 */
/* riscv inmate entry: stack, bss, then inmate_main(); halt if it returns. */
	.section .text.entry, "ax"
	.globl	inmate_entry
inmate_entry:
	lla	sp, __stack_top
	lla	t0, __bss_start
	lla	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:	call	inmate_main

	.text
	.globl	inmate_halt
inmate_halt:
	wfi
	j	inmate_halt

	.globl	cpu_wait_for_interrupt
cpu_wait_for_interrupt:
	wfi
	ret
