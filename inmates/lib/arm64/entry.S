/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64 inmate entry at EL1, MMU off: vectors, a stack per CPU, the bss
 * (first CPU only), then inmate_main().  Secondary CPUs started with
 * PSCI CPU_ON enter at inmate_secondary with their number in x0.
 */
	.section .text.entry, "ax"
	.globl	inmate_entry
inmate_entry:
	b	1f
1:	mov	x19, #0
	bl	cpu_setup
	adrp	x0, __bss_start
	add	x0, x0, :lo12:__bss_start
	adrp	x1, __bss_end
	add	x1, x1, :lo12:__bss_end
2:	cmp	x0, x1
	b.hs	3f
	str	xzr, [x0], #8
	b	2b
3:	bl	inmate_main
	b	inmate_halt

	.text
/* x19 = CPU number: vectors and sp = __stack_top - number * STACK_SIZE. */
cpu_setup:
	adrp	x0, vectors
	add	x0, x0, :lo12:vectors
	msr	vbar_el1, x0
	adrp	x0, __stack_top
	add	x0, x0, :lo12:__stack_top
	mov	x1, #STACK_SIZE
	msub	x0, x19, x1, x0
	mov	sp, x0
	isb
	ret

	.globl	inmate_secondary
inmate_secondary:
	mov	x19, x0
	bl	cpu_setup
	mov	x0, x19
	bl	secondary_main
	b	inmate_halt

	.globl	inmate_halt
inmate_halt:
	msr	daifset, #0xf
1:	wfi
	b	1b

/* Save the caller-saved registers, call C, restore, return. */
.macro	vector_to handler
	.balign	0x80
	stp	x29, x30, [sp, #-16]!
	stp	x0, x1, [sp, #-16]!
	stp	x2, x3, [sp, #-16]!
	stp	x4, x5, [sp, #-16]!
	stp	x6, x7, [sp, #-16]!
	stp	x8, x9, [sp, #-16]!
	stp	x10, x11, [sp, #-16]!
	stp	x12, x13, [sp, #-16]!
	stp	x14, x15, [sp, #-16]!
	stp	x16, x17, [sp, #-16]!
	stp	x18, xzr, [sp, #-16]!
	bl	\handler
	b	vector_return
.endm

	.balign	0x800
vectors:
	/* Current EL with SP0: never used. */
	vector_to exception_unexpected
	vector_to exception_unexpected
	vector_to exception_unexpected
	vector_to exception_unexpected
	/* Current EL with SPx. */
	vector_to exception_unexpected
	vector_to irq_dispatch
	vector_to exception_unexpected
	vector_to exception_unexpected
	/* Lower ELs: none. */
	.rept	8
	vector_to exception_unexpected
	.endr

vector_return:
	ldp	x18, xzr, [sp], #16
	ldp	x16, x17, [sp], #16
	ldp	x14, x15, [sp], #16
	ldp	x12, x13, [sp], #16
	ldp	x10, x11, [sp], #16
	ldp	x8, x9, [sp], #16
	ldp	x6, x7, [sp], #16
	ldp	x4, x5, [sp], #16
	ldp	x2, x3, [sp], #16
	ldp	x0, x1, [sp], #16
	ldp	x29, x30, [sp], #16
	eret
