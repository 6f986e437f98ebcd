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

#define GICR_CTLR		0x0000
#define GICR_CTLR_ENABLE_LPIS	(1U << 0)
#define GICR_PROPBASER		0x0070
#define GICR_PENDBASER		0x0078
#define PROPBASER_IDBITS	15	/* 16 bits of interrupt ID */

void inmate_main(void)
{
	unsigned long gicr = gic_redistributor(), target;
	__u64 prop, pend, prop2, pend2;
	__u32 ctlr, ctlr2;

	target = cmdline_number("target", 0x40000000);
	test_check("lpi-own-frame", gicr != 0, "no frame for MPIDR %lx",
		   cpu_hw_id());
	if (!gicr) {
		test_summary("lpi");
		inmate_halt();
	}
	ctlr = mmio_read32(gicr + GICR_CTLR);
	prop = mmio_read64(gicr + GICR_PROPBASER);
	pend = mmio_read64(gicr + GICR_PENDBASER);
	printk("lpi: before: CTLR %x PROPBASER %llx PENDBASER %llx\n", ctlr,
	       prop, pend);
	test_check("lpi-tables-read-zero", prop == 0 && pend == 0,
		   "PROPBASER %llx PENDBASER %llx", prop, pend);
	test_check("lpi-ctlr-reads-disabled", !(ctlr & GICR_CTLR_ENABLE_LPIS),
		   "GICR_CTLR %x", ctlr);

	mmio_write64(gicr + GICR_PROPBASER, target | PROPBASER_IDBITS);
	mmio_write64(gicr + GICR_PENDBASER, target + 0x10000);
	mmio_write32(gicr + GICR_CTLR, ctlr | GICR_CTLR_ENABLE_LPIS);
	ctlr2 = mmio_read32(gicr + GICR_CTLR);
	prop2 = mmio_read64(gicr + GICR_PROPBASER);
	pend2 = mmio_read64(gicr + GICR_PENDBASER);
	printk("lpi: after: CTLR %x PROPBASER %llx PENDBASER %llx\n", ctlr2,
	       prop2, pend2);
	test_check("lpi-propbaser-unchanged", prop2 == prop,
		   "%llx became %llx", prop, prop2);
	test_check("lpi-pendbaser-unchanged", pend2 == pend,
		   "%llx became %llx", pend, pend2);
	test_check("lpi-enable-refused", ctlr2 == ctlr, "GICR_CTLR %x became %x",
		   ctlr, ctlr2);

	/* Put back what might have stuck. */
	mmio_write32(gicr + GICR_CTLR, ctlr);
	mmio_write64(gicr + GICR_PROPBASER, prop);
	mmio_write64(gicr + GICR_PENDBASER, pend);
	test_summary("lpi");
	for (;;)
		cpu_wait_for_interrupt();
}
