/* SPDX-License-Identifier: GPL-2.0 */
/* arm64 inmate entry: stack, bss, then inmate_main(); halt if it returns. */
	.section .text.entry, "ax"
	.globl	inmate_entry
inmate_entry:
	adrp	x0, __stack_top
	add	x0, x0, :lo12:__stack_top
	mov	sp, x0
	adrp	x0, __bss_start
	add	x0, x0, :lo12:__bss_start
	adrp	x1, __bss_end
	add	x1, x1, :lo12:__bss_end
1:	cmp	x0, x1
	b.hs	2f
	str	xzr, [x0], #8
	b	1b
2:	bl	inmate_main
	b	inmate_halt

	.text
	.globl	inmate_halt
inmate_halt:
	wfi
	b	inmate_halt
