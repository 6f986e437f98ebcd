// SPDX-License-Identifier: GPL-2.0
/*
 * lpi: points its redistributor's LPI tables (GICR_PROPBASER,
 * GICR_PENDBASER) at the root cell's memory and enables LPIs, which would
 * let the GIC read and write memory that is not the cell's.  Nothing of
 * it may stick: the registers must read back as before (the hypervisor
 * makes them read 0 and GICR_CTLR without EnableLPIs).  Afterwards the
 * old values are written back, in case they did stick.
 *   target=ADDR   where the tables point (default 0x40000000, root RAM)
 */
#include <inmate.h>

#define GICR_BASE		0x080a0000UL
#define GICR_FRAME		0x20000
#define GICR_FRAMES		4
#define GICR_CTLR		0x0000
#define GICR_CTLR_ENABLE_LPIS	(1U << 0)
#define GICR_TYPER		0x0008
#define GICR_PROPBASER		0x0070
#define GICR_PENDBASER		0x0078
#define PROPBASER_IDBITS	15	/* 16 bits of interrupt ID */

static __u32 rd32(unsigned long a)
{
	return *(volatile __u32 *)a;
}

static void wr32(unsigned long a, __u32 v)
{
	*(volatile __u32 *)a = v;
}

static __u64 rd64(unsigned long a)
{
	return *(volatile __u64 *)a;
}

static void wr64(unsigned long a, __u64 v)
{
	*(volatile __u64 *)a = v;
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
	unsigned long gicr = own_frame(), target;
	__u64 prop, pend, prop2, pend2;
	__u32 ctlr, ctlr2;

	target = cmdline_number("target", 0x40000000);
	test_check("lpi-own-frame", gicr != 0, "no frame for MPIDR %lx",
		   cpu_hw_id());
	if (!gicr) {
		test_summary("lpi");
		inmate_halt();
	}
	ctlr = rd32(gicr + GICR_CTLR);
	prop = rd64(gicr + GICR_PROPBASER);
	pend = rd64(gicr + GICR_PENDBASER);
	printk("lpi: before: CTLR %x PROPBASER %llx PENDBASER %llx\n", ctlr,
	       prop, pend);
	test_check("lpi-tables-read-zero", prop == 0 && pend == 0,
		   "PROPBASER %llx PENDBASER %llx", prop, pend);
	test_check("lpi-ctlr-reads-disabled", !(ctlr & GICR_CTLR_ENABLE_LPIS),
		   "GICR_CTLR %x", ctlr);

	wr64(gicr + GICR_PROPBASER, target | PROPBASER_IDBITS);
	wr64(gicr + GICR_PENDBASER, target + 0x10000);
	wr32(gicr + GICR_CTLR, ctlr | GICR_CTLR_ENABLE_LPIS);
	ctlr2 = rd32(gicr + GICR_CTLR);
	prop2 = rd64(gicr + GICR_PROPBASER);
	pend2 = rd64(gicr + GICR_PENDBASER);
	printk("lpi: after: CTLR %x PROPBASER %llx PENDBASER %llx\n", ctlr2,
	       prop2, pend2);
	test_check("lpi-propbaser-unchanged", prop2 == prop,
		   "%llx became %llx", prop, prop2);
	test_check("lpi-pendbaser-unchanged", pend2 == pend,
		   "%llx became %llx", pend, pend2);
	test_check("lpi-enable-refused", ctlr2 == ctlr, "GICR_CTLR %x became %x",
		   ctlr, ctlr2);

	/* Put back what might have stuck. */
	wr32(gicr + GICR_CTLR, ctlr);
	wr64(gicr + GICR_PROPBASER, prop);
	wr64(gicr + GICR_PENDBASER, pend);
	test_summary("lpi");
	for (;;)
		cpu_wait_for_interrupt();
}
