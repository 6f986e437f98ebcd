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

#define GICR_BASE		0x080a0000UL
#define GICR_FRAME		0x20000
#define GICR_FRAMES		4
#define GICR_WAKER		0x0014
#define GICR_WAKER_SLEEP	(1U << 1)
#define GICR_TYPER		0x0008
#define GICR_SGI		0x10000
#define GICR_ISENABLER0		(GICR_SGI + 0x0100)
#define GICR_ICENABLER0		(GICR_SGI + 0x0180)
#define GICR_ISACTIVER0		(GICR_SGI + 0x0300)
#define GICR_IPRIORITYR		(GICR_SGI + 0x0400)
#define SGI_PARK		15

static __u32 rd32(unsigned long a)
{
	return *(volatile __u32 *)a;
}

static void wr32(unsigned long a, __u32 v)
{
	*(volatile __u32 *)a = v;
}

static unsigned long own_frame(void)
{
	unsigned long mpidr = cpu_hw_id(), base = GICR_BASE;
	__u32 aff = (mpidr & 0xffffff) | ((mpidr >> 32) & 0xff) << 24;
	unsigned int n;

	for (n = 0; n < GICR_FRAMES; n++, base += GICR_FRAME)
		if (rd32(base + GICR_TYPER + 4) == aff)
			return base;
	return 0;
}

void inmate_main(void)
{
	unsigned long gicr = own_frame();

	if (!gicr) {
		printk("unstop: no redistributor frame for MPIDR %lx\n",
		       cpu_hw_id());
		inmate_halt();
	}
	wr32(gicr + GICR_ISACTIVER0, 1U << SGI_PARK);
	wr32(gicr + GICR_ICENABLER0, 1U << SGI_PARK);
	*(volatile __u8 *)(gicr + GICR_IPRIORITYR + SGI_PARK) = 0xff;
	wr32(gicr + GICR_WAKER, GICR_WAKER_SLEEP);
	printk("unstop: SGI 15 enabled %u active %u priority %x, waker %x\n",
	       rd32(gicr + GICR_ISENABLER0) >> SGI_PARK & 1,
	       rd32(gicr + GICR_ISACTIVER0) >> SGI_PARK & 1,
	       *(volatile __u8 *)(gicr + GICR_IPRIORITYR + SGI_PARK),
	       rd32(gicr + GICR_WAKER));
	printk("unstop: masking everything and spinning\n");
	asm volatile("msr daifset, #0xf" : : : "memory");
	for (;;)
		asm volatile("" : : : "memory");
}
