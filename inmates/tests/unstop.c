// SPDX-License-Identifier: GPL-2.0
/*
 * unstop: tries to make its CPU unstoppable.  SGI 15, by which the
 * hypervisor stops a cell's CPU, is made active (so that it cannot be
 * taken again), disabled and given the lowest priority; the
 * redistributor is asked to sleep; then the CPU masks everything and
 * spins.  The root must still be able to shut the cell down and destroy
 * it (ci/scenarios/arm64-attacks.sh).
 */
#include <inmate.h>

#define GICR_WAKER		0x0014
#define GICR_WAKER_SLEEP	(1U << 1)
#define GICR_SGI		0x10000
#define GICR_ISENABLER0		(GICR_SGI + 0x0100)
#define GICR_ICENABLER0		(GICR_SGI + 0x0180)
#define GICR_ISACTIVER0		(GICR_SGI + 0x0300)
#define GICR_IPRIORITYR		(GICR_SGI + 0x0400)
#define SGI_PARK		15

void inmate_main(void)
{
	unsigned long gicr = gic_redistributor();

	if (!gicr) {
		printk("unstop: no redistributor frame for MPIDR %lx\n",
		       cpu_hw_id());
		inmate_halt();
	}
	mmio_write32(gicr + GICR_ISACTIVER0, 1U << SGI_PARK);
	mmio_write32(gicr + GICR_ICENABLER0, 1U << SGI_PARK);
	*(volatile __u8 *)(gicr + GICR_IPRIORITYR + SGI_PARK) = 0xff;
	mmio_write32(gicr + GICR_WAKER, GICR_WAKER_SLEEP);
	printk("unstop: SGI 15 enabled %u active %u priority %x, waker %x\n",
	       mmio_read32(gicr + GICR_ISENABLER0) >> SGI_PARK & 1,
	       mmio_read32(gicr + GICR_ISACTIVER0) >> SGI_PARK & 1,
	       *(volatile __u8 *)(gicr + GICR_IPRIORITYR + SGI_PARK),
	       mmio_read32(gicr + GICR_WAKER));
	printk("unstop: masking everything and spinning\n");
	asm volatile("msr daifset, #0xf" : : : "memory");
	for (;;)
		asm volatile("" : : : "memory");
}
