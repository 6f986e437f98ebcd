/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86 entry and exit of the hypervisor, the guest loop and the host's
 * exception stubs (Documentation/x86.md).
 *
 * The image runs at its physical address (1:1) on the driver's entry page
 * tables and then on its own, so everything here is RIP-relative.  The
 * hypervisor runs with the global interrupt flag clear: no interrupt and
 * no NMI reaches it; those come after VMRUN, in the guest.
 */
#include <asm/arch-defs.h>
#include <warden/arch/x86.h>

	.section .text.entry, "ax"

/*
 * The driver's trampoline jumps here on its entry tables, interrupts and
 * GIF off, rdi = the CPU's handover block (physical address, mapped 1:1).
 * Linux's GDT and IDT are still loaded but not mapped: nothing may fault
 * until x86_entry() has loaded ours.
 */
	.globl	arch_entry
arch_entry:
	mov	HO_CPU(%rdi), %eax
	lea	warden_header(%rip), %rdx
	cmp	HEADER_NUM_CPUS(%rdx), %eax
	jae	1f
	lea	__image_end(%rip), %rsp
	inc	%rax
	imul	$PERCPU_SIZE, %rax
	add	%rax, %rsp
	call	x86_entry		/* does not return */
	/* A CPU we have no area for: answer -EINVAL through the block. */
1:	movq	$-22, HO_REGS(%rdi)
	jmp	leave

/*
 * return_to_linux(state): state is the CPU's handover block as the
 * hypervisor keeps it, filled in with what Linux is to get.  Switch to the
 * entry tables (this code and the stack are mapped 1:1 there too), copy
 * the block to the driver's, and let the trampoline load it.
 */
	.globl	return_to_linux
return_to_linux:
	mov	%rdi, %rsi
	mov	HO_PHYS(%rsi), %rdi
	mov	HO_BOOT_CR3(%rsi), %rax
	mov	%rax, %cr3
	mov	$HO_SIZE / 8, %ecx
	cld
	rep movsq
	sub	$HO_SIZE, %rdi
	/* rdi: the driver's block; its trampoline takes it from here. */
leave:
	mov	HO_CR3(%rdi), %rsi
	mov	HO_LEAVE(%rdi), %rax
	mov	HO_SELF(%rdi), %rdi
	jmp	*%rax

/*
 * vm_loop(regs): run the guest for good.  regs[0..15] are its general
 * registers (rax and rsp live in the VMCB), regs[16] the VMCB's physical
 * address.  #VMEXIT gives back the host's rsp and rax; the rest are the
 * guest's until saved.
 */
	.globl	vm_loop
vm_loop:
	push	%rdi
1:	mov	(%rsp), %rax
	mov	8 * 1(%rax), %rcx
	mov	8 * 2(%rax), %rdx
	mov	8 * 3(%rax), %rbx
	mov	8 * 5(%rax), %rbp
	mov	8 * 6(%rax), %rsi
	mov	8 * 7(%rax), %rdi
	mov	8 * 8(%rax), %r8
	mov	8 * 9(%rax), %r9
	mov	8 * 10(%rax), %r10
	mov	8 * 11(%rax), %r11
	mov	8 * 12(%rax), %r12
	mov	8 * 13(%rax), %r13
	mov	8 * 14(%rax), %r14
	mov	8 * 15(%rax), %r15
	mov	8 * 16(%rax), %rax
	vmrun
	mov	(%rsp), %rax
	mov	%rcx, 8 * 1(%rax)
	mov	%rdx, 8 * 2(%rax)
	mov	%rbx, 8 * 3(%rax)
	mov	%rbp, 8 * 5(%rax)
	mov	%rsi, 8 * 6(%rax)
	mov	%rdi, 8 * 7(%rax)
	mov	%r8, 8 * 8(%rax)
	mov	%r9, 8 * 9(%rax)
	mov	%r10, 8 * 10(%rax)
	mov	%r11, 8 * 11(%rax)
	mov	%r12, 8 * 12(%rax)
	mov	%r13, 8 * 13(%rax)
	mov	%r14, 8 * 14(%rax)
	mov	%r15, 8 * 15(%rax)
	mov	%rax, %rdi
	call	handle_exit
	jmp	1b

/* int rdmsr_safe(msr, *value), int wrmsr_safe(msr, value): 0 or -1. */
	.globl	rdmsr_safe, wrmsr_safe, msr_insn_rd, msr_insn_wr, msr_fixup
rdmsr_safe:
	mov	%edi, %ecx
msr_insn_rd:
	rdmsr
	shl	$32, %rdx
	or	%rdx, %rax
	mov	%rax, (%rsi)
	xor	%eax, %eax
	ret
wrmsr_safe:
	mov	%edi, %ecx
	mov	%rsi, %rax
	mov	%rsi, %rdx
	shr	$32, %rdx
msr_insn_wr:
	wrmsr
	xor	%eax, %eax
	ret
msr_fixup:			/* the #GP handler resumes here */
	mov	$-1, %eax
	ret

/*
 * Exception stubs of the hypervisor's IDT, 16 bytes each: push a zero
 * where the CPU pushes no error code, then the vector.
 */
	.balign	16
	.globl	exception_stubs
exception_stubs:
	.irp	vec, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, \
		17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	.balign	16
	.if	(\vec != 8) && (\vec < 10 || \vec > 14) && (\vec != 17) && \
		(\vec != 21) && (\vec != 29) && (\vec != 30)
	pushq	$0
	.endif
	pushq	$\vec
	jmp	exception_common
	.endr

exception_common:
	push	%r15
	push	%r14
	push	%r13
	push	%r12
	push	%r11
	push	%r10
	push	%r9
	push	%r8
	push	%rdi
	push	%rsi
	push	%rbp
	push	%rbx
	push	%rdx
	push	%rcx
	push	%rax
	mov	%rsp, %rdi
	call	host_exception
	pop	%rax
	pop	%rcx
	pop	%rdx
	pop	%rbx
	pop	%rbp
	pop	%rsi
	pop	%rdi
	pop	%r8
	pop	%r9
	pop	%r10
	pop	%r11
	pop	%r12
	pop	%r13
	pop	%r14
	pop	%r15
	add	$16, %rsp
	iretq
