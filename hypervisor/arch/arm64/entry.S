/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64 entry and exit of the hypervisor, and its exception vectors.
 *
 * The hypervisor runs with EL2 translation mapping its memory 1:1, so code
 * runs at the same address before and after the MMU is switched on or off.
 * Everything here is position independent (adrp/add), because the image
 * runs wherever the system configuration put it.
 *
 * Register use on entry from the driver: x0-x18 and x30 may be clobbered
 * (the driver says so to the compiler), x19-x29 must come back intact; the
 * C code keeps them as the calling convention says.
 */
#include <asm/arch-defs.h>
#include <asm/sysregs.h>

#define FRAME_SIZE	256	/* x0-x30, 16-byte aligned */

.macro adr_l reg, sym
	adrp	\reg, \sym
	add	\reg, \reg, :lo12:\sym
.endm

.macro mov_q reg, val
	movz	\reg, #((\val) & 0xffff)
	movk	\reg, #(((\val) >> 16) & 0xffff), lsl #16
.endm

/* Do not hand hypervisor addresses back in scratch registers. */
.macro clear_scratch
	.irp n, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18
	mov	x\n, xzr
	.endr
.endm

	.section .text.entry, "ax"

/*
 * The driver's way in: Linux's hyp stub (HVC_SOFT_RESTART) branches here at
 * EL2 with the MMU off, x0 = Linux's CPU number, x1 = non-zero on the first
 * CPU.  VBAR_EL2 still holds the stub's vectors and ELR_EL2/SPSR_EL2 the
 * way back to the driver's hvc.  Returns there with x0 = 0 or -errno.
 */
	.globl	arch_entry
arch_entry:
	mov	x16, x0
	mov	x17, x1
	mrs	x18, vbar_el2
	mrs	x15, sctlr_el2
	bl	set_stack
	cbnz	x0, 2f
	cbz	x17, 1f
	/* MMU off: this goes to memory, which nothing else holds cached. */
	stp	x15, x16, [sp, #-32]!
	stp	x17, x18, [sp, #16]
	bl	early_init
	ldp	x17, x18, [sp, #16]
	ldp	x15, x16, [sp], #32
	cbnz	x0, 2f
1:	bl	enable_mmu
	mov	x0, x16
	mov	x1, x15
	mov	x2, x18
	mov	x3, x17
	bl	arm64_entry
	cbz	x0, 2f
	mov	x1, #0
	b	arch_leave
2:	clear_scratch
	eret

/*
 * PSCI CPU_ON brings a CPU of a cell here (see psci.c): EL2, MMU off,
 * x0 = its CPU number.  arm64_cpu_start() sets the CPU up and points
 * ELR_EL2 at the cell's entry; it returns the entry's x0.
 */
	.globl	arch_cpu_start_entry
arch_cpu_start_entry:
	mov	x16, x0
	bl	set_stack
	cbnz	x0, 3f
	bl	enable_mmu
	mov	x0, x16
	bl	arm64_cpu_start
	clear_scratch
	eret
3:	wfi			/* not a CPU we know: keep it parked */
	b	3b

/* sp = top of the area of CPU x16; x0 = 0, or -EINVAL.  Uses x0-x3. */
set_stack:
	adr_l	x0, warden_header
	ldr	w1, [x0, #HEADER_NUM_CPUS]
	cmp	x16, x1
	b.hs	1f
	adr_l	x2, __image_end
	mov	x3, #PERCPU_SIZE
	madd	x2, x16, x3, x2
	add	sp, x2, x3
	mov	x0, #0
	ret
1:	mov	x0, #-22
	ret

/*
 * Switch on EL2 translation with the tables early_init() built.  Nothing
 * from an earlier run may linger in the TLB or the instruction cache.
 * Uses x0-x2.
 */
enable_mmu:
	adr_l	x0, hv_paging
	ldr	x0, [x0]		/* hv_paging.root: 1:1, so physical */
	msr	ttbr0_el2, x0
	mrs	x1, id_aa64mmfr0_el1
	and	x1, x1, #7		/* PARange: output address size */
	mov_q	x2, TCR_EL2_VALUE
	orr	x2, x2, x1, lsl #TCR_PS_SHIFT
	msr	tcr_el2, x2
	mov_q	x0, MAIR_EL2_VALUE
	msr	mair_el2, x0
	isb
	tlbi	alle2
	dsb	nsh
	ic	iallu
	dsb	nsh
	isb
	mov_q	x0, SCTLR_EL2_MMU_ON
	msr	sctlr_el2, x0
	isb
	ret

/*
 * arch_leave(ret, frame): hand this CPU back to Linux, for good.  x19-x30
 * come back from frame (the cell's registers at its hypercall) if there is
 * one; SCTLR_EL2 and VBAR_EL2 get Linux's values from struct
 * arch_per_cpu (TPIDR_EL2); then return to the cell with x0 = ret.  The
 * code goes on running after the MMU is off because it is mapped 1:1.
 */
	.globl	arch_leave
arch_leave:
	mrs	x2, tpidr_el2
	ldp	x17, x18, [x2]		/* linux_sctlr, linux_vbar */
	ldr	x3, [x2, #16]		/* linux_tpidr */
	cbz	x1, 1f
	ldp	x19, x20, [x1, #8 * 19]
	ldp	x21, x22, [x1, #8 * 21]
	ldp	x23, x24, [x1, #8 * 23]
	ldp	x25, x26, [x1, #8 * 25]
	ldp	x27, x28, [x1, #8 * 27]
	ldp	x29, x30, [x1, #8 * 29]
1:	msr	tpidr_el2, x3
	msr	sctlr_el2, x17
	isb
	tlbi	alle2
	dsb	nsh
	isb
	msr	vbar_el2, x18
	isb
	clear_scratch
	eret

/*
 * Exception vectors.  From a cell (lower EL, AArch64 or AArch32) each
 * entry saves x0-x30 in a frame on the CPU's stack and calls
 * arm64_trap(kind, frame); on return the frame goes back and the cell
 * resumes.  An exception in the hypervisor itself is a bug: arm64_trap()
 * reports it and parks the CPU.
 */
.macro ventry kind
	.align	7
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp]
	mov	x0, #\kind
	b	trap_common
.endm

	.text
	.align	11
	.globl	hyp_vectors
hyp_vectors:
	ventry	4	/* EL2 with SP_EL0: never used */
	ventry	4
	ventry	4
	ventry	4
	ventry	4	/* EL2 with SP_EL2: a hypervisor fault */
	ventry	4
	ventry	4
	ventry	4
	ventry	0	/* lower EL, AArch64: synchronous */
	ventry	1	/* IRQ */
	ventry	2	/* FIQ */
	ventry	3	/* SError */
	ventry	0	/* lower EL, AArch32 */
	ventry	1
	ventry	2
	ventry	3

trap_common:
	stp	x2, x3, [sp, #8 * 2]
	stp	x4, x5, [sp, #8 * 4]
	stp	x6, x7, [sp, #8 * 6]
	stp	x8, x9, [sp, #8 * 8]
	stp	x10, x11, [sp, #8 * 10]
	stp	x12, x13, [sp, #8 * 12]
	stp	x14, x15, [sp, #8 * 14]
	stp	x16, x17, [sp, #8 * 16]
	stp	x18, x19, [sp, #8 * 18]
	stp	x20, x21, [sp, #8 * 20]
	stp	x22, x23, [sp, #8 * 22]
	stp	x24, x25, [sp, #8 * 24]
	stp	x26, x27, [sp, #8 * 26]
	stp	x28, x29, [sp, #8 * 28]
	str	x30, [sp, #8 * 30]
	mov	x1, sp
	bl	arm64_trap
	ldp	x2, x3, [sp, #8 * 2]
	ldp	x4, x5, [sp, #8 * 4]
	ldp	x6, x7, [sp, #8 * 6]
	ldp	x8, x9, [sp, #8 * 8]
	ldp	x10, x11, [sp, #8 * 10]
	ldp	x12, x13, [sp, #8 * 12]
	ldp	x14, x15, [sp, #8 * 14]
	ldp	x16, x17, [sp, #8 * 16]
	ldp	x18, x19, [sp, #8 * 18]
	ldp	x20, x21, [sp, #8 * 20]
	ldp	x22, x23, [sp, #8 * 22]
	ldp	x24, x25, [sp, #8 * 24]
	ldp	x26, x27, [sp, #8 * 26]
	ldp	x28, x29, [sp, #8 * 28]
	ldr	x30, [sp, #8 * 30]
	ldp	x0, x1, [sp]
	add	sp, sp, #FRAME_SIZE
	eret
