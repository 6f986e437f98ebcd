/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * What the driver, the hypervisor and the inmates agree on for arm64;
 * written once here, included by driver/arch/arm64.c,
 * hypervisor/arch/arm64/ and inmates/lib/arm64/.
 *
 * Hypercall (include/warden/hypercall.h for the codes): hvc #WARDEN_HVC_IMM,
 * x0 = code, x1/x2 = arguments, result in x0; no other register changes,
 * except that WARDEN_HC_DISABLE may clobber x0-x18, like the calls of
 * Linux's hyp stub.  An hvc with another immediate is not warden's (a
 * cell's hvc #0 is PSCI, as QEMU's firmware takes it).
 *
 * Enable (Documentation/arm64.md): the driver makes Linux's hyp stub
 * branch to the hypervisor's entry point (HVC_SOFT_RESTART) at EL2, MMU
 * off, x0 = Linux's CPU number, x1 = non-zero on the first CPU.  The
 * hypervisor returns to the driver's hvc with x0 = 0 (the CPU now runs in
 * the root cell) or -errno (it came back unchanged), x19-x29 intact.
 */
#ifndef _WARDEN_ARCH_ARM64_H
#define _WARDEN_ARCH_ARM64_H

#define WARDEN_HVC_IMM		0x4a57

#define WARDEN_STRINGIFY_(x)	#x
#define WARDEN_STRINGIFY(x)	WARDEN_STRINGIFY_(x)
/* The instruction, for inline assembly. */
#define WARDEN_HVC_INSN		"hvc #" WARDEN_STRINGIFY(WARDEN_HVC_IMM)

#ifndef __ASSEMBLY__
/* A hypercall, as the root cell's kernel and an inmate make it. */
static inline long warden_hypercall(unsigned long code, unsigned long arg1,
				    unsigned long arg2)
{
	register unsigned long x0 asm("x0") = code;
	register unsigned long x1 asm("x1") = arg1;
	register unsigned long x2 asm("x2") = arg2;

	asm volatile(WARDEN_HVC_INSN : "+r"(x0) : "r"(x1), "r"(x2) : "memory");
	return (long)x0;
}
#endif /* __ASSEMBLY__ */

#endif /* _WARDEN_ARCH_ARM64_H */
