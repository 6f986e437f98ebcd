/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86 inmate entry, reached in 64-bit mode: stack, bss, then
 * inmate_main(); halt if it returns.
 */
	.section .text.entry, "ax"
	.globl	inmate_entry
inmate_entry:
	lea	__stack_top(%rip), %rsp
	lea	__bss_start(%rip), %rdi
	lea	__bss_end(%rip), %rcx
	sub	%rdi, %rcx
	xor	%eax, %eax
	rep stosb
	call	inmate_main

	.text
	.globl	inmate_halt
inmate_halt:
	cli
	hlt
	jmp	inmate_halt

	.globl	cpu_wait_for_interrupt
cpu_wait_for_interrupt:
	hlt
	ret
