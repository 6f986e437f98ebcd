// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 inmate interrupts: GICv3 through the system-register CPU interface
 * (in a cell, the virtual one the hypervisor provides), the distributor
 * for shared lines and this CPU's redistributor for private ones.
 * Addresses are QEMU virt's unless the command line gives gicd= / gicr=.
 */
#include <inmate.h>

#define GICD_CTLR		0x0000
#define GICD_CTLR_ARE_NS	(1 << 4)
#define GICD_CTLR_GRP1		(1 << 1)
#define GICD_IGROUPR		0x0080
#define GICD_ISENABLER		0x0100
#define GICD_IPRIORITYR		0x0400
#define GICD_IROUTER		0x6000

#define GICR_FRAME		0x20000
#define GICR_WAKER		0x0014
#define GICR_WAKER_SLEEP	(1 << 1)
#define GICR_WAKER_ASLEEP	(1 << 2)
#define GICR_TYPER		0x0008
#define GICR_TYPER_LAST		(1 << 4)
#define GICR_SGI		0x10000	/* SGI_base frame */

#define IRQ_PRIORITY		0xa0
#define SPURIOUS		1020

static unsigned long gicd, gicr;
static irq_handler_t irq_handler;

#define sysreg_read(reg) ({ unsigned long __v; \
	asm volatile("mrs %0, " #reg : "=r"(__v)); __v; })
#define sysreg_write(reg, v) \
	asm volatile("msr " #reg ", %0" : : "r"((unsigned long)(v)))

unsigned long cpu_hw_id(void)
{
	return sysreg_read(mpidr_el1) & 0xff00ffffffUL;
}

/* GICR_TYPER[63:32] holds the affinity of the frame's CPU. */
static unsigned long find_redistributor(unsigned long base)
{
	unsigned long mpidr = cpu_hw_id();
	__u32 aff = (mpidr & 0xffffff) | ((mpidr >> 32) & 0xff) << 24;
	__u32 typer_lo;

	for (;; base += GICR_FRAME) {
		typer_lo = mmio_read32(base + GICR_TYPER);
		if (mmio_read32(base + GICR_TYPER + 4) == aff)
			return base;
		if (typer_lo & GICR_TYPER_LAST)
			return 0;
	}
}

unsigned long gic_redistributor(void)
{
	return find_redistributor(cmdline_number("gicr", 0x080a0000));
}

void irq_init(irq_handler_t handler)
{
	gicd = cmdline_number("gicd", 0x08000000);
	gicr = gic_redistributor();
	if (!gicr) {
		printk("irq_init: no redistributor for MPIDR %lx\n",
		       cpu_hw_id());
		inmate_halt();
	}
	irq_handler = handler;
	/* Without a hypervisor nobody has set these up yet. */
	if (mmio_read32(gicr + GICR_WAKER) & GICR_WAKER_SLEEP) {
		mmio_write32(gicr + GICR_WAKER, 0);
		while (mmio_read32(gicr + GICR_WAKER) & GICR_WAKER_ASLEEP)
			;
	}
	if (!(mmio_read32(gicd + GICD_CTLR) & GICD_CTLR_GRP1))
		mmio_write32(gicd + GICD_CTLR,
			     GICD_CTLR_ARE_NS | GICD_CTLR_GRP1);
	sysreg_write(S3_0_C12_C12_5, sysreg_read(S3_0_C12_C12_5) | 1); /* ICC_SRE_EL1 */
	asm volatile("isb");
	sysreg_write(S3_0_C4_C6_0, 0xf0);	/* ICC_PMR_EL1 */
	sysreg_write(S3_0_C12_C12_4, 0);	/* ICC_CTLR_EL1: EOI deactivates */
	sysreg_write(S3_0_C12_C12_7, 1);	/* ICC_IGRPEN1_EL1 */
	asm volatile("isb");
}

void irq_enable(unsigned int irq)
{
	unsigned long base = irq < 32 ? gicr + GICR_SGI : gicd;
	unsigned long reg = (irq / 32) * 4;
	__u32 bit = 1U << (irq % 32);

	mmio_write32(base + GICD_IGROUPR + reg,
		     mmio_read32(base + GICD_IGROUPR + reg) | bit);
	*(volatile __u8 *)(base + GICD_IPRIORITYR + irq) = IRQ_PRIORITY;
	if (irq >= 32)
		mmio_write64(gicd + GICD_IROUTER + irq * 8, cpu_hw_id());
	mmio_write32(base + GICD_ISENABLER + reg, bit);
}

void irq_local_enable(void)
{
	asm volatile("msr daifclr, #2" : : : "memory");
}

void irq_local_disable(void)
{
	asm volatile("msr daifset, #2" : : : "memory");
}

void cpu_wait_for_interrupt(void)
{
	asm volatile("wfi" : : : "memory");
}

/* From the IRQ vector (entry.S). */
void irq_dispatch(void)
{
	unsigned long irq = sysreg_read(S3_0_C12_C12_0);	/* ICC_IAR1_EL1 */

	if (irq >= SPURIOUS)
		return;
	if (irq_handler)
		irq_handler(irq);
	sysreg_write(S3_0_C12_C12_1, irq);			/* ICC_EOIR1_EL1 */
}

/* From any other vector: say what happened and stop. */
void exception_unexpected(void)
{
	printk("inmate: unexpected exception: ESR %lx ELR %lx FAR %lx\n",
	       sysreg_read(esr_el1), sysreg_read(elr_el1),
	       sysreg_read(far_el1));
	inmate_halt();
}
