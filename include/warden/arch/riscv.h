/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * What the driver, the hypervisor and the inmates agree on for riscv;
 * written once here, included by inmates/lib/riscv/ (the driver and the
 * hypervisor do not take CPUs over on riscv yet).
 *
 * Hypercall (include/warden/hypercall.h for the codes): an SBI call of
 * warden's extension, ecall with a7 = WARDEN_SBI_EXT, a6 = code (the SBI
 * function), a0/a1 = arguments; the error (0 or negative) comes back in
 * a0, and a1 may change, as in every SBI call.
 */
#ifndef _WARDEN_ARCH_RISCV_H
#define _WARDEN_ARCH_RISCV_H

#define WARDEN_SBI_EXT		0x0a57a4de	/* firmware-specific SBI range */

#ifndef __ASSEMBLY__
/* A hypercall, as an inmate makes it. */
static inline long warden_hypercall(unsigned long code, unsigned long arg1,
				    unsigned long arg2)
{
	register unsigned long a0 asm("a0") = arg1;
	register unsigned long a1 asm("a1") = arg2;
	register unsigned long a6 asm("a6") = code;
	register unsigned long a7 asm("a7") = WARDEN_SBI_EXT;

	asm volatile("ecall" : "+r"(a0), "+r"(a1) : "r"(a6), "r"(a7)
		     : "memory");
	return (long)a0;
}
#endif /* __ASSEMBLY__ */

#endif /* _WARDEN_ARCH_RISCV_H */
