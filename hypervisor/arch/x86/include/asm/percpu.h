/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86 part of each CPU's data.  The hypervisor finds a CPU's data from its
 * stack pointer: each CPU's stack lies in its own per-CPU area.
 */
#ifndef _ASM_PERCPU_H
#define _ASM_PERCPU_H

#include <asm/arch-defs.h>
#include <warden/arch/x86.h>
#include <warden/lib.h>
#include <warden/sections.h>

struct vmcb;

struct arch_per_cpu {
	/* Where and how to give the CPU back to Linux (see warden/arch/x86.h). */
	struct x86_handover linux_state;
	struct vmcb *vmcb;
	void *host_save;	/* VM_HSAVE_PA */
	u64 regs[17];		/* guest registers; [16]: the VMCB's address */
	u64 window;		/* a page to look at the cell's memory */
	u32 apic_id;
	bool apic_off;		/* Linux soft-disabled the APIC: going down */
	u32 sipi;		/* SIPI_PENDING | vector, from another CPU */
	bool parked;		/* offline, waiting in the hypervisor */
	bool release;		/* the hypervisor goes: back to Linux, offline */
};

#define SIPI_PENDING	0x100

struct per_cpu;

static inline struct per_cpu *this_cpu(void)
{
	unsigned long base = (unsigned long)__image_end, sp;

	asm("mov %%rsp, %0" : "=r"(sp));
	return (struct per_cpu *)(base + (sp - base) / PERCPU_SIZE *
				  PERCPU_SIZE);
}

#endif /* _ASM_PERCPU_H */
