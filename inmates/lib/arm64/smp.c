// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 inmate SMP: PSCI CPU_ON over HVC, which the hypervisor handles for
 * the cell's own CPUs (and QEMU itself without a hypervisor).
 */
#include <inmate.h>

#define PSCI_CPU_ON_64		0xc4000003UL

void inmate_secondary(void);

long smp_start_cpu(unsigned long hw_id, unsigned int index)
{
	register unsigned long x0 asm("x0") = PSCI_CPU_ON_64;
	register unsigned long x1 asm("x1") = hw_id;
	register unsigned long x2 asm("x2") = (unsigned long)inmate_secondary;
	register unsigned long x3 asm("x3") = index;

	if (index == 0 || index >= MAX_INMATE_CPUS)
		return -2;	/* PSCI_INVALID_PARAMETERS */
	asm volatile("hvc #0" : "+r"(x0) : "r"(x1), "r"(x2), "r"(x3)
		     : "memory");
	return (long)x0;
}

/* A program that starts no CPU needs no secondary_main of its own. */
__attribute__((weak)) void secondary_main(unsigned int index)
{
	inmate_halt();
}
