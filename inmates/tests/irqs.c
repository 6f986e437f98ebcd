// SPDX-License-Identifier: GPL-2.0
/*
 * irqs: interrupt ownership.  The cell owns its CPU's private interrupts
 * and the distributor lines its configuration gives it (none for the demo
 * cells): the timer PPI and its own SGIs must work; a line that is not its
 * own must read as disabled and unrouted whatever it writes, the
 * distributor's control register and another CPU's redistributor must not
 * change, SGIs to CPUs of other cells must not arrive here, and no
 * redistributor may be put to sleep.
 * line=N picks the foreign line (default 33, the root's UART).
 */
#include <inmate.h>

#define GICD			0x08000000UL
#define GICD_CTLR		0x0000
#define GICD_ISENABLER		0x0100
#define GICD_ICENABLER		0x0180
#define GICD_IROUTER		0x6000
#define GICR			0x080a0000UL	/* CPU 0's frame */
#define GICR_FRAME		0x20000
#define GICR_WAKER		0x0014
#define GICR_WAKER_SLEEP	(1 << 1)
#define GICR_TYPER		0x0008
#define GICR_ISENABLER0		0x10100
#define GICR_ICENABLER0		0x10180

static volatile unsigned int sgis, timers;

static void handler(unsigned int irq)
{
	if (irq == 1)
		sgis++;
	else if (irq == timer_irq()) {
		timers++;
		timer_stop();
	}
}

static void send_sgi(unsigned long mpidr, unsigned int sgi)
{
	unsigned long v = (unsigned long)sgi << 24 |
			  ((mpidr >> 8) & 0xff) << 16 | 1UL << (mpidr & 0xf);

	asm volatile("msr S3_0_C12_C11_5, %0; isb" : : "r"(v));	/* ICC_SGI1R_EL1 */
}

static void wait_a_bit(void)
{
	unsigned long long end = timer_now() + timer_frequency() / 50;

	while (timer_now() < end)
		;
}

void inmate_main(void)
{
	unsigned int line = cmdline_number("line", 33), reg = line / 32 * 4;
	unsigned int bit = 1U << (line % 32), ctlr, typer, n;
	unsigned long mine = cpu_hw_id();

	irq_init(handler);
	irq_enable(1);
	irq_enable(timer_irq());
	irq_local_enable();

	timer_set_deadline(timer_now() + timer_frequency() / 1000);
	wait_a_bit();
	test_check("irq-own-timer", timers == 1, "%u timer interrupts", timers);
	send_sgi(mine, 1);
	wait_a_bit();
	test_check("irq-own-sgi", sgis == 1, "%u SGIs", sgis);

	mmio_write32(GICD + GICD_ISENABLER + reg, bit);
	test_check("irq-foreign-enable",
		   !(mmio_read32(GICD + GICD_ISENABLER + reg) & bit),
		   "line %u reads enabled", line);
	mmio_write32(GICD + GICD_ICENABLER + reg, bit);
	*(volatile unsigned long *)(GICD + GICD_IROUTER + line * 8) = mine;
	test_check("irq-foreign-route",
		   *(volatile unsigned long *)(GICD + GICD_IROUTER + line * 8) == 0,
		   "line %u reads routed", line);
	ctlr = mmio_read32(GICD + GICD_CTLR);
	mmio_write32(GICD + GICD_CTLR, 0);
	test_check("irq-distributor-control", mmio_read32(GICD + GICD_CTLR) == ctlr,
		   "GICD_CTLR %x became %x", ctlr, mmio_read32(GICD + GICD_CTLR));

	typer = mmio_read32(GICR + GICR_TYPER + 4);
	test_check("irq-other-gicr-typer", typer == 0,
		   "CPU 0's frame has affinity %x", typer);
	mmio_write32(GICR + GICR_ICENABLER0, 0xffffffff);
	mmio_write32(GICR + GICR_ISENABLER0, 1U << 5);
	test_check("irq-other-gicr", mmio_read32(GICR + GICR_ISENABLER0) == 0,
		   "CPU 0's redistributor reads %x",
		   mmio_read32(GICR + GICR_ISENABLER0));

	send_sgi(0, 1);		/* CPU 0 is the root's */
	wait_a_bit();
	test_check("irq-sgi-foreign-cpu", sgis == 1,
		   "%u SGIs here after one to CPU 0", sgis);

	/* Asleep, a redistributor passes no interrupt on: not allowed. */
	for (n = 0; n < 4; n++)
		mmio_write32(GICR + n * GICR_FRAME + GICR_WAKER, GICR_WAKER_SLEEP);
	send_sgi(mine, 1);
	wait_a_bit();
	test_check("irq-redistributor-stays-awake", sgis == 2,
		   "%u SGIs after asking all redistributors to sleep", sgis);
	test_summary("irqs");
	for (;;)
		cpu_wait_for_interrupt();
}
