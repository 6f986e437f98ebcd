/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Inside the x86 hypervisor: the AMD SVM control block (VMCB), MSRs and
 * helpers shared by setup.c, exits.c and apic.c.  Layout and bit numbers
 * from the AMD64 Architecture Programmer's Manual, volume 2, appendix B.
 */
#ifndef _X86_H
#define _X86_H

#include <warden/cell.h>
#include <warden/control.h>
#include <warden/percpu.h>

struct vmcb_seg {
	u16 sel;
	u16 attr;
	u32 limit;
	u64 base;
};

struct vmcb {
	/* control area */
	u32 intercept_cr;
	u32 intercept_dr;
	u32 intercept_exc;
	u32 intercept1;
	u32 intercept2;
	u8 res0[0x40 - 0x14];
	u64 iopm_pa;
	u64 msrpm_pa;
	u64 tsc_offset;
	u32 asid;
	u8 tlb_control;
	u8 res1[3];
	u64 v_intr;
	u64 int_shadow;
	u64 exitcode;
	u64 exitinfo1;
	u64 exitinfo2;
	u64 exitintinfo;
	u64 np_enable;
	u8 res2[0xa8 - 0x98];
	u64 eventinj;
	u64 n_cr3;
	u8 res3[0x400 - 0xb8];
	/* state save area */
	struct vmcb_seg es, cs, ss, ds, fs, gs, gdtr, ldtr, idtr, tr;
	u8 res4[0x4cb - 0x4a0];
	u8 cpl;
	u32 res5;
	u64 efer;
	u8 res6[0x548 - 0x4d8];
	u64 cr4;
	u64 cr3;
	u64 cr0;
	u64 dr7;
	u64 dr6;
	u64 rflags;
	u64 rip;
	u8 res7[0x5d8 - 0x580];
	u64 rsp;
	u8 res8[0x5f8 - 0x5e0];
	u64 rax;
	u8 res9[0x668 - 0x600];
	u64 g_pat;
	u8 res10[0x1000 - 0x670];
};

_Static_assert(__builtin_offsetof(struct vmcb, eventinj) == 0xa8 &&
	       __builtin_offsetof(struct vmcb, cpl) == 0x4cb &&
	       __builtin_offsetof(struct vmcb, cr4) == 0x548 &&
	       __builtin_offsetof(struct vmcb, rsp) == 0x5d8 &&
	       __builtin_offsetof(struct vmcb, g_pat) == 0x668 &&
	       sizeof(struct vmcb) == 0x1000, "VMCB layout");

/* intercept1 (APM vol. 2, table B-1, offset 0x0c) */
#define INTERCEPT_INIT		BIT(3)
#define INTERCEPT_CPUID		BIT(18)
#define INTERCEPT_INVD		BIT(22)
#define INTERCEPT_HLT		BIT(24)
#define INTERCEPT_INVLPGA	BIT(26)
#define INTERCEPT_IOIO		BIT(27)
#define INTERCEPT_MSR		BIT(28)
#define INTERCEPT_SHUTDOWN	BIT(31)
/* intercept2 (offset 0x10): the SVM instructions, VMRUN must be one */
#define INTERCEPT_VMRUN		BIT(0)
#define INTERCEPT_VMMCALL	BIT(1)
#define INTERCEPT_VMLOAD	BIT(2)
#define INTERCEPT_VMSAVE	BIT(3)
#define INTERCEPT_STGI		BIT(4)
#define INTERCEPT_CLGI		BIT(5)
#define INTERCEPT_SKINIT	BIT(6)
#define INTERCEPT_WBINVD	BIT(9)
/* ... and INVLPGA, which is in intercept1 */
#define INTERCEPT_SVM_INSNS	(INTERCEPT_VMRUN | INTERCEPT_VMMCALL | \
				 INTERCEPT_VMLOAD | INTERCEPT_VMSAVE | \
				 INTERCEPT_STGI | INTERCEPT_CLGI | \
				 INTERCEPT_SKINIT)

#define EXIT_INIT		0x63
#define EXIT_CPUID		0x72
#define EXIT_INVD		0x76
#define EXIT_HLT		0x78
#define EXIT_INVLPGA		0x7a
#define EXIT_IOIO		0x7b
#define EXIT_MSR		0x7c
#define EXIT_SHUTDOWN		0x7f
#define EXIT_VMRUN		0x80
#define EXIT_VMMCALL		0x81
#define EXIT_VMLOAD		0x82
#define EXIT_VMSAVE		0x83
#define EXIT_STGI		0x84
#define EXIT_CLGI		0x85
#define EXIT_SKINIT		0x86
#define EXIT_WBINVD		0x89
#define EXIT_NPF		0x400
#define EXIT_INVALID		((u64)-1)

#define EVENT_VALID		(1ULL << 31)
#define EVENT_ERRCODE		(1ULL << 11)
#define EVENT_EXCEPTION		(3ULL << 8)

#define MSR_APIC_BASE		0x1b
#define MSR_MTRR_CAP		0xfe
#define MSR_MTRR_DEF_TYPE	0x2ff
#define MSR_PAT			0x277
#define MSR_EFER		0xc0000080
#define MSR_VM_CR		0xc0010114
#define MSR_VM_HSAVE_PA		0xc0010117
#define EFER_SCE		(1ULL << 0)
#define EFER_LME		(1ULL << 8)
#define EFER_LMA		(1ULL << 10)
#define EFER_NXE		(1ULL << 11)
#define EFER_SVME		(1ULL << 12)
#define EFER_FFXSR		(1ULL << 14)
#define EFER_TCE		(1ULL << 15)
#define EFER_AUTOIBRS		(1ULL << 21)
#define MTRR_DEF_TYPE_E		(1ULL << 11)
#define X86_EFLAGS_IF		(1ULL << 9)
#define X86_CR0_PG		(1ULL << 31)

/* Guest registers, in instruction-encoding order. */
#define REG_RAX			0
#define REG_RCX			1
#define REG_RDX			2
#define REG_RBX			3
#define REG_RSP			4
#define REG_RSI			6
#define REG_RDI			7

/* entry.S: the host's exception stubs, the guarded MSR accesses. */
extern char exception_stubs[], msr_insn_rd[], msr_insn_wr[], msr_fixup[];

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;

	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return lo | ((u64)hi << 32);
}

static inline void wrmsr(u32 msr, u64 v)
{
	asm volatile("wrmsr" : : "c"(msr), "a"((u32)v), "d"((u32)(v >> 32))
		     : "memory");
}

/* MSR accesses that may fault: 0, or -1 if the CPU refused (entry.S). */
int rdmsr_safe(u32 msr, u64 *value);
int wrmsr_safe(u32 msr, u64 value);

void __attribute__((noreturn)) vm_loop(u64 *regs);
void __attribute__((noreturn)) return_to_linux(struct x86_handover *state);
void __attribute__((noreturn)) cpu_exit_to_linux(struct per_cpu *pc);
void __attribute__((noreturn)) park_forever(void);
void start_cpu(struct per_cpu *pc, unsigned int vector);
void inject_exception(struct vmcb *vmcb, unsigned int vector, bool errcode);

/* apic.c */
int apic_cell_init(struct cell *cell);
void apic_cpu_init(struct per_cpu *pc);
void apic_release_parked(struct per_cpu *self);
void apic_park(struct per_cpu *pc);

#endif /* _X86_H */
