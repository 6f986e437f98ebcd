/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * What the driver, the hypervisor and the inmates agree on for x86 (AMD
 * SVM); written once here, included by driver/arch/x86.c,
 * hypervisor/arch/x86/ and inmates/lib/x86/.
 *
 * Hypercall (include/warden/hypercall.h for the codes): vmmcall from
 * kernel mode, rax = code, rdi/rsi = arguments, result in rax; no other
 * register changes.  WARDEN_HC_DISABLE comes back in Linux, without the
 * hypervisor, with every register as it was at the vmmcall and rax = 0.
 *
 * CPUID: leaves WARDEN_CPUID_LEAF to WARDEN_CPUID_LEAF_LAST are the
 * hypervisor's.  WARDEN_CPUID_LEAF returns eax = WARDEN_CPUID_LEAF (the
 * highest leaf there is) and "WardenWarden" in ebx, ecx, edx; the others
 * return zeros.  The driver tells from it that a CPU entered the
 * hypervisor.
 *
 * Enable (Documentation/x86.md, "Enable"): the driver's trampoline jumps
 * to the hypervisor's entry point on the driver's entry page tables,
 * interrupts and GIF off, rdi = the CPU's handover block (below) at its
 * physical address.  The way back is the trampoline's HO_LEAVE, with
 * rdi = HO_SELF and rsi = HO_CR3 of the block the hypervisor filled in.
 */
#ifndef _WARDEN_ARCH_X86_H
#define _WARDEN_ARCH_X86_H

#define WARDEN_CPUID_LEAF	0x40000000
#define WARDEN_CPUID_LEAF_LAST	0x400000ff
#define WARDEN_CPUID_SIG_EBX	0x64726157	/* "Ward" */
#define WARDEN_CPUID_SIG_ECX	0x61576e65	/* "enWa" */
#define WARDEN_CPUID_SIG_EDX	0x6e656472	/* "rden" */

/*
 * The handover block: how a CPU's Linux state travels between the driver
 * and the hypervisor.
 *
 * One block per CPU, in the driver's memory.  The driver's trampoline
 * fills in Linux's state before it enters the hypervisor; the hypervisor
 * reads the block through its physical address (the driver's entry page
 * tables map it 1:1), and writes the state to return to into it when it
 * gives the CPU back, which the trampoline then loads.  Used from C and
 * assembly on both sides, hence the offsets.
 */

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

/* A hypercall, as the root cell's kernel and an inmate make it. */
static inline long warden_hypercall(unsigned long code, unsigned long arg1,
				    unsigned long arg2)
{
	long ret = code;

	asm volatile("vmmcall" : "+a"(ret) : "D"(arg1), "S"(arg2) : "memory");
	return ret;
}
#endif /* __ASSEMBLY__ */

#endif /* _WARDEN_ARCH_X86_H */
