/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The handover block: how a CPU's Linux state travels between the driver
 * and the hypervisor on x86 (Documentation/x86.md, "Enable").
 *
 * One block per CPU, in the driver's memory.  The driver's trampoline
 * fills in Linux's state before it enters the hypervisor; the hypervisor
 * reads the block through its physical address (the driver's entry page
 * tables map it 1:1), and writes the state to return to into it when it
 * gives the CPU back, which the trampoline then loads.  Shared by the
 * driver glue (C and assembly) and the hypervisor, hence the offsets.
 */
#ifndef _ASM_HANDOVER_H
#define _ASM_HANDOVER_H

/* General registers in instruction-encoding order: rax = 0 ... r15 = 15. */
#define HO_REGS		0
#define HO_RSP		(HO_REGS + 4 * 8)
#define HO_RDI		(HO_REGS + 7 * 8)
#define HO_RIP		128
#define HO_RFLAGS	136
#define HO_CR3		144
#define HO_GDT		152	/* limit (2 bytes), base (8 bytes): sgdt */
#define HO_IDT		162
#define HO_SEL		172	/* cs, ss, ds, es */
#define HO_AR		184	/* their access rights, as lar gives them */
#define HO_BOOT_CR3	200	/* the driver's entry page tables */
#define HO_LEAVE	208	/* the trampoline's way back into Linux */
#define HO_SELF		216	/* this block, as Linux sees it */
#define HO_PHYS		224	/* and its physical address */
#define HO_CPU		232
#define HO_FIRST	236
#define HO_SIZE		256

#ifndef __ASSEMBLY__
#include <warden/types.h>

struct x86_handover {
	__u64 regs[16];
	__u64 rip;
	__u64 rflags;
	__u64 cr3;
	__u16 gdt_limit;
	__u64 gdt_base;
	__u16 idt_limit;
	__u64 idt_base;
	__u16 sel[4];
	__u32 pad;
	__u32 ar[4];
	__u64 boot_cr3;
	__u64 leave;
	__u64 self;
	__u64 phys;
	__u32 cpu;
	__u32 first;
	__u8 unused[HO_SIZE - 240];
} __attribute__((packed, aligned(HO_SIZE)));

_Static_assert(__builtin_offsetof(struct x86_handover, gdt_limit) == HO_GDT &&
	       __builtin_offsetof(struct x86_handover, idt_limit) == HO_IDT &&
	       __builtin_offsetof(struct x86_handover, sel) == HO_SEL &&
	       __builtin_offsetof(struct x86_handover, ar) == HO_AR &&
	       __builtin_offsetof(struct x86_handover, boot_cr3) == HO_BOOT_CR3 &&
	       __builtin_offsetof(struct x86_handover, cpu) == HO_CPU &&
	       sizeof(struct x86_handover) == HO_SIZE, "handover layout");
#endif

#endif /* _ASM_HANDOVER_H */
