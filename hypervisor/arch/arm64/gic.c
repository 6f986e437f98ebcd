// SPDX-License-Identifier: GPL-2.0
/*
 * GICv3 for cells: every physical interrupt is taken at EL2
 * (HCR_EL2.IMO/FMO) and handed to the CPU's cell through a list register
 * of the virtual CPU interface.  Device interrupts and PPIs go in with the
 * HW bit, so the cell's deactivation deactivates the physical interrupt;
 * SGIs and LPIs, which cannot be linked so, are finished at EL2 and go in
 * as purely virtual interrupts.  Writes to ICC_SGI1R_EL1 trap, so the
 * hypervisor decides whom a cell may interrupt.  Documentation/arm64.md
 * says why this model rather than direct delivery.
 *
 * When all list registers are taken, no further interrupt is acknowledged:
 * the physical priority mask is raised so that only the maintenance
 * interrupt gets through, which comes when the cell has drained the list
 * registers (underflow).  Nothing is queued in software, nothing is lost.
 *
 * Cells reach the distributor through the hypervisor, which lets each
 * change only the lines it owns; registers that are not per line are the
 * hypervisor's (a write is ignored, whoever makes it).  Redistributors are
 * emulated for every cell too, the root included: what a cell may write
 * there is an allow-list per register and per bit, and SGI 15 and the
 * maintenance interrupt are the hypervisor's everywhere.  LPIs are never enabled: their
 * tables are read and written by the GIC at any physical address.
 *
 * Emulated accesses are checked before anything is replayed: naturally
 * aligned (mmio.c), and of a width the register has (access_ok()).
 */
#include <warden/bitmap.h>
#include <warden/control.h>
#include <warden/spinlock.h>
#include <warden/printk.h>
#include "arm64.h"

#define GICD_SIZE		0x10000
#define GICD_ISPENDR		0x0200
#define GICD_ICFGR		0x0c00

#define GICR_TYPER		0x0008
#define GICR_TYPER_VLPIS	(1UL << 1)
#define GICR_TYPER_LAST		(1UL << 4)
#define GICR_SGI		0x10000		/* SGI_base frame */
#define GICR_ISENABLER0		(GICR_SGI + 0x0100)
#define GICR_ISPENDR0		(GICR_SGI + 0x0200)
#define GICR_ISACTIVER0		(GICR_SGI + 0x0300)
#define GICR_ICACTIVER0		(GICR_SGI + 0x0380)
#define GICR_IPRIORITYR		(GICR_SGI + 0x0400)
#define GICR_ICFGR1		(GICR_SGI + 0x0c04)

#define ICC_CTLR_EOIMODE	(1UL << 1)
#define INTID_SPECIAL		1020
#define LPI_FIRST		8192

/* The SGI by which the hypervisor stops a CPU of a non-root cell. */
#define SGI_PARK		15

/* Physical priority mask while the list registers are full. */
#define PMR_ONLY_MAINTENANCE	0x10
#define PMR_DEFAULT		0xf0

static unsigned int nr_lrs;
static unsigned int maint_irq;

/* 32-bit registers of the distributor and redistributors. */
static u32 reg_read(void *base, unsigned long off)
{
	return mmio_read((char *)base + off, 4);
}

static void reg_write(void *base, unsigned long off, u32 v)
{
	mmio_write((char *)base + off, 4, v);
}

static u64 read_lr(unsigned int n)
{
	switch (n) {
	case 0: return read_sysreg(ich_lr0_el2);
	case 1: return read_sysreg(ich_lr1_el2);
	case 2: return read_sysreg(ich_lr2_el2);
	case 3: return read_sysreg(ich_lr3_el2);
	case 4: return read_sysreg(ich_lr4_el2);
	case 5: return read_sysreg(ich_lr5_el2);
	case 6: return read_sysreg(ich_lr6_el2);
	case 7: return read_sysreg(ich_lr7_el2);
	case 8: return read_sysreg(ich_lr8_el2);
	case 9: return read_sysreg(ich_lr9_el2);
	case 10: return read_sysreg(ich_lr10_el2);
	case 11: return read_sysreg(ich_lr11_el2);
	case 12: return read_sysreg(ich_lr12_el2);
	case 13: return read_sysreg(ich_lr13_el2);
	case 14: return read_sysreg(ich_lr14_el2);
	default: return read_sysreg(ich_lr15_el2);
	}
}

static void write_lr(unsigned int n, u64 v)
{
	switch (n) {
	case 0: write_sysreg(ich_lr0_el2, v); break;
	case 1: write_sysreg(ich_lr1_el2, v); break;
	case 2: write_sysreg(ich_lr2_el2, v); break;
	case 3: write_sysreg(ich_lr3_el2, v); break;
	case 4: write_sysreg(ich_lr4_el2, v); break;
	case 5: write_sysreg(ich_lr5_el2, v); break;
	case 6: write_sysreg(ich_lr6_el2, v); break;
	case 7: write_sysreg(ich_lr7_el2, v); break;
	case 8: write_sysreg(ich_lr8_el2, v); break;
	case 9: write_sysreg(ich_lr9_el2, v); break;
	case 10: write_sysreg(ich_lr10_el2, v); break;
	case 11: write_sysreg(ich_lr11_el2, v); break;
	case 12: write_sysreg(ich_lr12_el2, v); break;
	case 13: write_sysreg(ich_lr13_el2, v); break;
	case 14: write_sysreg(ich_lr14_el2, v); break;
	default: write_sysreg(ich_lr15_el2, v); break;
	}
}

static const struct warden_platform_arm64 *platform(void)
{
	return &system_config->platform.arm64;
}

static void *gicd(void)
{
	return phys_to_virt(platform()->gicd_base);
}

int gic_map(struct paging *hv)
{
	const struct warden_platform_arm64 *p = platform();
	int err;

	err = paging_map(hv, p->gicd_base, p->gicd_base, GICD_SIZE,
			 MAP_READ | MAP_WRITE | MAP_DEVICE);
	if (!err)
		err = paging_map(hv, p->gicr_base, p->gicr_base, p->gicr_size,
				 MAP_READ | MAP_WRITE | MAP_DEVICE);
	return err;
}

int gic_init(void)
{
	nr_lrs = (read_sysreg(ich_vtr_el2) & 0x1f) + 1;
	maint_irq = platform()->maintenance_irq;
	return 0;
}

/* Registers of the distributor with a field per interrupt line. */
#define GICD_IGROUPR		0x0080
#define GICD_ISENABLER		0x0100
#define GICD_ICENABLER		0x0180
#define GICD_ICPENDR		0x0280
#define GICD_ICACTIVER		0x0380
#define GICD_ICACTIVER_END	0x0400
#define GICD_IPRIORITYR		0x0400
#define GICD_ITARGETSR		0x0800
#define GICD_IGRPMODR		0x0d00
#define GICD_NSACR		0x0e00
#define GICD_SETSPI_NSR		0x0040
#define GICD_CLRSPI_NSR		0x0048
#define GICD_IROUTER		0x6000
#define GICD_IROUTER_END	(GICD_IROUTER + 8 * 1020)

static struct spinlock dist_lock;

static bool owns(const struct cell *cell, u64 irq)
{
	return irq < 1024 && test_bit(cell->arch.irqs, irq);
}

static struct per_cpu *cpu_by_mpidr(u64 mpidr);

/*
 * May cell route a line to the CPU that value (GICD_IROUTER) names?  Only
 * to its own CPUs; "any CPU" (IRM) only while the root cell is alone.  A
 * CPU the hypervisor does not know yet is a root CPU still being handed
 * over, which only the root may name.
 */
static bool route_ok(struct cell *cell, u64 value)
{
	struct per_cpu *target;

	if (value & (1UL << 31))
		return cell->id == 0 && num_cells == 1;
	target = cpu_by_mpidr(value & MPIDR_AFF_MASK);
	return target ? target->cell == cell : cell->id == 0;
}

/*
 * Bits per line of the register at off, and the register array's start;
 * 0 if off is not such a register.
 */
static unsigned int line_bits(u64 off, u64 *array)
{
	if (off >= GICD_IGROUPR && off < GICD_ICACTIVER_END) {
		*array = off & ~0x7fUL;
		return 1;
	}
	if (off >= GICD_IPRIORITYR && off < GICD_ICFGR) {
		*array = off < GICD_ITARGETSR ? GICD_IPRIORITYR :
						GICD_ITARGETSR;
		return 8;
	}
	if (off >= GICD_ICFGR && off < GICD_IGRPMODR) {
		*array = GICD_ICFGR;
		return 2;
	}
	if (off >= GICD_IGRPMODR && off < GICD_NSACR) {
		*array = GICD_IGRPMODR;
		return 1;
	}
	return 0;
}

/*
 * No cell gets an interrupt of priority PRIO_MIN or higher (a lower
 * value): those are SGI_PARK's and the maintenance interrupt's, which
 * must get through the priority mask lrs_full() sets.
 */
#define PRIO_MIN		0x10

/* Each byte of a priority value, at least PRIO_MIN. */
static u64 clamp_prios(u64 v, unsigned int size)
{
	unsigned int n;

	for (n = 0; n < size; n++)
		if (((v >> (8 * n)) & 0xff) < PRIO_MIN)
			v = (v & ~(0xffULL << (8 * n))) |
			    (u64)PRIO_MIN << (8 * n);
	return v;
}

/*
 * Widths the distributor's registers have: 4 bytes everywhere, 8 for
 * GICD_IROUTER<n>, 1 for the byte-per-line priority and target arrays.
 */
static bool gicd_width_ok(u64 off, unsigned int size)
{
	if (size == 4)
		return true;
	if (size == 8)
		return off >= GICD_IROUTER && off < GICD_IROUTER_END;
	return size == 1 && off >= GICD_IPRIORITYR && off < GICD_ICFGR;
}

/*
 * A cell's access to the distributor: what concerns the lines it owns
 * goes to the hardware; other lines read as zero and ignore writes.
 * Set/clear registers take the masked value; the others are changed by
 * read-modify-write, under a lock, since other cells share the word.
 * The registers that are not per line (control, identification) read as
 * they are and are the hypervisor's: writes are ignored, the root's too
 * (GICD_CTLR would switch Group 1 off for every cell).
 */
static bool gicd_access(struct cell *cell, struct mmio_access *a)
{
	u64 off = a->address - platform()->gicd_base, array, mask = 0, old;
	void *reg = (char *)gicd() + off;
	u64 route;
	unsigned int bits, n;

	if (!gicd_width_ok(off, a->size)) {
		a->bad = true;
		return true;
	}
	if (off >= GICD_IROUTER && off < GICD_IROUTER_END) {
		/*
		 * A route is checked whole: a write of the lower half with
		 * the upper half (Aff3) the line has; a write of the upper
		 * half alone is ignored.
		 */
		route = a->value;
		if (a->size == 4)
			route |= (u64)reg_read(gicd(), (off & ~7UL) + 4) << 32;
		if (owns(cell, (off - GICD_IROUTER) / 8) &&
		    (!a->write || (off % 8 == 0 && route_ok(cell, route))))
			mask = ~0ULL;
	} else if (off == GICD_SETSPI_NSR || off == GICD_CLRSPI_NSR) {
		if (a->write && owns(cell, a->value & 0x3ff))
			mask = ~0ULL;
	} else {
		bits = line_bits(off, &array);
		if (!bits) {
			if (a->write)
				return true;
			mask = ~0ULL;
		}
		for (n = 0; bits && n < a->size * 8 / bits; n++)
			if (owns(cell, (off - array) * 8 / bits + n))
				mask |= ((1ULL << bits) - 1) << (n * bits);
		if (a->write && array == GICD_IPRIORITYR)
			a->value = clamp_prios(a->value, a->size);
	}
	if (!a->write) {
		a->value = mmio_read(reg, a->size) & mask;
		return true;
	}
	if (!mask)
		return true;
	if (off >= GICD_ISENABLER && off < GICD_ICACTIVER_END) {
		/* Writing 1 acts, 0 does nothing: no neighbour is touched. */
		mmio_write(reg, a->size, a->value & mask);
		return true;
	}
	spin_lock(&dist_lock);
	old = mask == ~0ULL ? 0 : mmio_read(reg, a->size);
	mmio_write(reg, a->size, (old & ~mask) | (a->value & mask));
	spin_unlock(&dist_lock);
	return true;
}

/* The frame of a redistributor: RD_base and SGI_base. */
#define GICR_FRAME		0x20000
#define GICR_CTLR		0x0000
#define GICR_CTLR_ENABLE_LPIS	(1U << 0)
#define GICR_PROPBASER		0x0070
#define GICR_PENDBASER		0x0078
#define GICR_ICENABLER0		(GICR_SGI + 0x0180)
#define GICR_ICPENDR0		(GICR_SGI + 0x0280)
#define GICR_IGROUPR0		(GICR_SGI + 0x0080)
#define GICR_IPRIORITYR_END	(GICR_IPRIORITYR + 32)
#define SGI_PARK_BIT		(1U << SGI_PARK)
#define GICR_ID_REGS		0xffd0		/* GICR_PIDR4 .. GICR_CIDR3 */
#define GICR_WAKER		0x0014

/*
 * The redistributor frames in order: the one at *off (from gicr_base),
 * its size (GICv4 frames have two more 64 KiB pages) in *size; NULL past
 * the last.  *off moves on to the next frame.
 */
static char *next_frame(u64 *off, u64 *size)
{
	const struct warden_platform_arm64 *p = platform();
	char *base;
	u64 typer;

	if (*off == ~0ULL || *off + GICR_FRAME > p->gicr_size)
		return NULL;
	base = phys_to_virt(p->gicr_base + *off);
	typer = reg_read(base, GICR_TYPER);
	*size = typer & GICR_TYPER_VLPIS ? 2 * GICR_FRAME : GICR_FRAME;
	*off = typer & GICR_TYPER_LAST ? ~0ULL : *off + *size;
	return base;
}

/* The redistributor whose affinity is this CPU's. */
static void *find_redistributor(u64 mpidr)
{
	u64 aff = (mpidr & 0xffffff) | ((mpidr >> 32) & 0xff) << 24, off = 0;
	u64 size;
	char *base;

	while ((base = next_frame(&off, &size)))
		if (reg_read(base, GICR_TYPER + 4) == aff)
			return base;
	return NULL;
}

/* The frame that holds offset at of the redistributor range. */
static char *frame_of(u64 at, u64 *frame_off)
{
	u64 off = 0, start, size;
	char *base;

	for (start = off; (base = next_frame(&off, &size)); start = off)
		if (at >= start && at < start + size) {
			*frame_off = at - start;
			return base;
		}
	return NULL;
}

/* The SGIs and PPIs that are the hypervisor's on every CPU. */
static u32 hyp_private(void)
{
	return SGI_PARK_BIT | 1U << maint_irq;
}

/* 8 bytes for the 64-bit registers, 1 for priorities, 4 elsewhere. */
static bool gicr_width_ok(u64 off, unsigned int size)
{
	if (size == 4)
		return true;
	if (size == 8)
		return off == GICR_TYPER || off == GICR_PROPBASER ||
		       off == GICR_PENDBASER;
	return size == 1 && off >= GICR_IPRIORITYR &&
	       off < GICR_IPRIORITYR_END;
}

/* The frame at base and its owner: a CPU's cell, or the root. */
static struct cell *frame_owner(char *base)
{
	unsigned int cpu;

	for (cpu = 0; cpu < num_cpus; cpu++)
		if (per_cpu(cpu)->arch.gicr == base)
			return per_cpu(cpu)->cell ? per_cpu(cpu)->cell :
						    &root_cell;
	return &root_cell;	/* a CPU the hypervisor has not seen yet */
}

/*
 * A write to the cell's own SGI_base frame, as the allow-list has it:
 * bits of SGI_PARK and of the maintenance interrupt are the hypervisor's,
 * priorities are at least PRIO_MIN, groups and group modifiers stay as the
 * hypervisor set them (all Group 1), SGIs' configuration is fixed.
 */
static void gicr_sgi_write(struct cell *cell, char *base, u64 off,
			   struct mmio_access *a)
{
	u32 keep = hyp_private(), old, v;
	unsigned int n, intid;

	switch (off & ~3UL) {
	case GICR_ISENABLER0: case GICR_ICENABLER0:
	case GICR_ISPENDR0: case GICR_ICPENDR0:
	case GICR_ISACTIVER0: case GICR_ICACTIVER0:
		if (a->value & ~keep)
			mmio_write(base + off, 4, a->value & ~keep);
		return;
	case GICR_IGROUPR0:
		/* Linux sets its groups as CPUs come up; cells' stay Group 1. */
		if (cell == &root_cell)
			mmio_write(base + off, 4, a->value | keep);
		return;
	case GICR_ICFGR1:
		v = 3U << (2 * (maint_irq - 16));
		old = mmio_read(base + off, 4);
		mmio_write(base + off, 4, (old & v) | (a->value & ~v));
		return;
	}
	if (off < GICR_IPRIORITYR || off >= GICR_IPRIORITYR_END)
		return;		/* groups, ICFGR0, NSACR, the rest: ignored */
	v = clamp_prios(a->value, a->size);
	old = mmio_read(base + (off & ~3UL), 4);
	for (n = 0; n < 4; n++) {
		intid = (off & ~3UL) - GICR_IPRIORITYR + n;
		if ((keep >> intid) & 1 || intid < off - GICR_IPRIORITYR ||
		    intid >= off - GICR_IPRIORITYR + a->size)
			continue;
		old &= ~(0xffU << (8 * n));
		old |= ((v >> (8 * (intid - (off - GICR_IPRIORITYR)))) &
			0xff) << (8 * n);
	}
	mmio_write(base + (off & ~3UL), 4, old);
}

/*
 * A cell's access to a redistributor frame that is not mapped for it.
 * Of its own CPUs' frames (for the root: every frame of a CPU no other
 * cell has) it reads everything but the LPI tables' addresses; it writes
 * only the SGI_base registers of gicr_sgi_write(), and of RD_base the
 * root may write GICR_WAKER and GICR_CTLR without EnableLPIs (Linux does
 * as CPUs come and go).  Of any other frame it may read GICR_TYPER and
 * the ID registers only, so that it can find its own frame by affinity
 * as on hardware (Linux does so whenever a CPU comes online).
 */
static bool gicr_access(struct cell *cell, struct mmio_access *a)
{
	u64 off;
	char *base = frame_of(a->address - platform()->gicr_base, &off);

	if (!base) {
		a->value = 0;	/* past the last frame */
		return true;
	}
	if (!gicr_width_ok(off, a->size)) {
		a->bad = true;
		return true;
	}
	if (frame_owner(base) != cell || off >= GICR_FRAME) {
		/* Another's, or a GICv4 frame (VLPIs are never given). */
		a->value = !a->write && ((off >= GICR_TYPER && off < GICR_TYPER + 8) ||
					 (off >= GICR_ID_REGS && off < GICR_SGI)) ?
			   mmio_read(base + off, a->size) : 0;
		return true;
	}
	if (!a->write) {
		/* Either half of the LPI tables' addresses reads as 0. */
		a->value = off >= GICR_PROPBASER && off < GICR_PENDBASER + 8 ?
			   0 : mmio_read(base + off, a->size);
		return true;
	}
	if (off >= GICR_SGI)
		gicr_sgi_write(cell, base, off, a);
	else if (cell == &root_cell && off == GICR_WAKER)
		mmio_write(base + off, 4, a->value);
	else if (cell == &root_cell && off == GICR_CTLR)
		mmio_write(base + off, 4, a->value & ~GICR_CTLR_ENABLE_LPIS);
	return true;
}

/*
 * A redistributor changes owner: nothing the last owner left pending,
 * active or enabled reaches the next, all is Group 1 at the default
 * priority, and LPIs stay off (they are never enabled).  SGI_PARK and the
 * maintenance interrupt are set up again when the CPU starts.
 */
static void reset_redistributor(char *gicr)
{
	unsigned int n;

	reg_write(gicr, GICR_ICENABLER0, ~0U);
	reg_write(gicr, GICR_ICPENDR0, ~0U);
	reg_write(gicr, GICR_ICACTIVER0, ~0U);
	reg_write(gicr, GICR_IGROUPR0, ~0U);
	for (n = 0; n < 32; n += 4)
		reg_write(gicr, GICR_IPRIORITYR + n, 0xa0a0a0a0);
}

/* A line changes owner: off, not pending, not active, to cpu. */
static void reset_line(unsigned int line, u64 mpidr)
{
	u64 route = (mpidr & 0xffffff) | ((mpidr >> 32) & 0xff) << 32;

	reg_write(gicd(), GICD_ICENABLER + line / 32 * 4, 1U << (line % 32));
	reg_write(gicd(), GICD_ICPENDR + line / 32 * 4, 1U << (line % 32));
	reg_write(gicd(), GICD_ICACTIVER + line / 32 * 4, 1U << (line % 32));
	mmio_write((char *)gicd() + GICD_IROUTER + 8 * line, 8, route);
}

/* Take the lines and CPUs of a new cell from the root, reset. */
static void take_from_root(struct cell *cell)
{
	unsigned int line, cpu, first = __builtin_ctzll(cell->cpu_set);

	for (cpu = 0; cpu < num_cpus; cpu++)
		if (cell->cpu_set & (1ULL << cpu))
			reset_redistributor(per_cpu(cpu)->arch.gicr);
	for (line = 0; line < 1024; line++)
		if (owns(cell, line)) {
			clear_bit(root_cell.arch.irqs, line);
			if (line >= 32)
				reset_line(line, per_cpu(first)->arch.mpidr);
		}
}

/*
 * Every cell reaches the distributor through gicd_access(), for the lines
 * its configuration gives it, and the redistributors through
 * gicr_access(); none has any of them mapped (Linux writes them only as
 * CPUs come and go).  The root also sees the console ring, read-only.  A new cell's lines must be
 * the root's; they and its CPUs' redistributors are reset when they
 * change owner, and are the root's again when it is destroyed
 * (gic_cell_exit()).
 */
int gic_cell_init(struct cell *cell)
{
	const struct warden_platform_arm64 *p = platform();
	const struct warden_irqchip *chip = warden_cell_irqchips(cell->config);
	extern char __console_start[], __console_end[];
	unsigned int n, bit, line;
	int err;

	for (n = 0; n < cell->config->irqchips.count; n++)
		for (bit = 0; bit < WARDEN_IRQCHIP_WINDOW; bit++) {
			line = chip[n].pin_base + bit;
			if (chip[n].address != p->gicd_base ||
			    !(chip[n].pin_bitmap[bit / 64] & (1ULL << (bit % 64))) ||
			    line >= 1024)
				continue;
			if (cell->id && !owns(&root_cell, line)) {
				printk("warden: cell create refused: interrupt "
				       "line %u is not the root cell's\n", line);
				memset(cell->arch.irqs, 0, sizeof(cell->arch.irqs));
				return -EINVAL;
			}
			set_bit(cell->arch.irqs, line);
		}
	err = mmio_register(cell, p->gicd_base, GICD_SIZE, gicd_access);
	if (!err)
		err = mmio_register(cell, p->gicr_base, p->gicr_size,
				    gicr_access);
	if (err)
		return err;
	if (cell->id) {
		take_from_root(cell);
		return 0;
	}
	return paging_map(&cell->mem, virt_to_phys(__console_start),
			  virt_to_phys(__console_start),
			  __console_end - __console_start, MAP_READ);
}

/* The cell's lines and its CPUs' redistributors go back, reset. */
void gic_cell_exit(struct cell *cell)
{
	unsigned int line, cpu;

	for (line = 32; line < 1024; line++)
		if (owns(cell, line)) {
			reset_line(line, per_cpu(0)->arch.mpidr);
			set_bit(root_cell.arch.irqs, line);
		}
	for (cpu = 0; cpu < num_cpus; cpu++)
		if (cell->cpu_set & (1ULL << cpu))
			reset_redistributor(per_cpu(cpu)->arch.gicr);
}

/*
 * Hand the CPU interface to the virtual one.  From Linux (cold = false),
 * the virtual interface starts with Linux's settings of the physical one,
 * and an SGI Linux is handling (the driver's function-call IPI) becomes a
 * virtual active one, so that Linux's deactivation finds it.  A CPU from
 * reset (cold) gets a physical interface set up for EL2; the cell sets up
 * the virtual one itself.
 */
int gic_cpu_init(struct per_cpu *pc, bool cold)
{
	struct arch_per_cpu *a = &pc->arch;
	u64 ctlr, vmcr, prio;
	u32 active;
	unsigned int n, lr = 0;

	if (!cold) {
		a->gicr = find_redistributor(a->mpidr);
		if (!a->gicr)
			return -EIO;
		/* The driver refuses this; the hypervisor never trusts it. */
		if (reg_read(a->gicr, GICR_CTLR) & GICR_CTLR_ENABLE_LPIS) {
			printk("warden: CPU %u: LPIs are enabled: boot Linux "
			       "with irqchip.gicv3_nolpi=1\n", pc->cpu);
			return -EIO;
		}
		a->linux_ich_hcr = read_sysreg(ich_hcr_el2);
		a->linux_ich_vmcr = read_sysreg(ich_vmcr_el2);
		a->linux_pmr = read_sysreg(icc_pmr_el1);
	}
	for (n = 0; n < nr_lrs; n++)
		write_lr(n, 0);
	write_sysreg(ich_ap0r0_el2, 0);
	write_sysreg(ich_ap1r0_el2, 0);

	ctlr = read_sysreg(icc_ctlr_el1);
	/*
	 * SGI_PARK reaches the CPU whatever its cell's priorities: it stops
	 * a cell's CPU, and holds a root CPU (root_hold()).
	 */
	reg_write(a->gicr, GICR_IGROUPR0,
		  reg_read(a->gicr, GICR_IGROUPR0) | SGI_PARK_BIT);
	*(volatile char *)((char *)a->gicr + GICR_IPRIORITYR + SGI_PARK) = 0;
	reg_write(a->gicr, GICR_ISENABLER0, SGI_PARK_BIT);
	if (cold) {
		write_sysreg(icc_pmr_el1, a->linux_pmr);
		write_sysreg(icc_bpr1_el1, 0);
		write_sysreg(icc_igrpen1_el1, 1);
		vmcr = 0;
	} else {
		vmcr = read_sysreg(icc_pmr_el1) << 24 |
		       (read_sysreg(icc_bpr0_el1) & 7) << 21 |
		       (read_sysreg(icc_bpr1_el1) & 7) << 18 |
		       (ctlr & ICC_CTLR_EOIMODE) << 8 | (ctlr & 1) << 4 |
		       (read_sysreg(icc_igrpen1_el1) & 1) << 1 |
		       (read_sysreg(icc_igrpen0_el1) & 1);
		active = reg_read(a->gicr, GICR_ISACTIVER0) & 0xffff;
		for (n = 0; n < 16 && lr < nr_lrs; n++) {
			if (!(active & (1U << n)))
				continue;
			reg_write(a->gicr, GICR_ICACTIVER0, 1U << n);
			prio = mmio_read((char *)a->gicr + GICR_IPRIORITYR + n,
					 1);
			write_lr(lr++, ICH_LR_ACTIVE | ICH_LR_GROUP1 |
				 prio << ICH_LR_PRIO_SHIFT | n);
		}
	}
	/* EL2 drops priority on EOI and deactivates separately. */
	write_sysreg(icc_ctlr_el1, ctlr | ICC_CTLR_EOIMODE);
	write_sysreg(ich_vmcr_el2, vmcr);
	write_sysreg(ich_hcr_el2, ICH_HCR_EN);
	isb();
	return 0;
}

static bool edge_triggered(struct per_cpu *pc, unsigned int intid)
{
	u32 cfg;

	if (intid < 32)
		cfg = reg_read(pc->arch.gicr, GICR_ICFGR1);
	else
		cfg = reg_read(gicd(), GICD_ICFGR + intid / 16 * 4);
	return (cfg >> ((intid % 16) * 2 + 1)) & 1;
}

/*
 * Give the interrupts in the list registers back to the physical
 * interface, because the CPU leaves (disable) or powers off.  A pending
 * device interrupt is deactivated so that it fires again (re-pended if it
 * is edge-triggered); an active one stays active for Linux to deactivate.
 * An active SGI becomes physically active again for the same reason; a
 * pending SGI is sent again if the CPU goes on running Linux (keep_sgis).
 */
void gic_cpu_exit(struct per_cpu *pc, bool keep_sgis)
{
	struct arch_per_cpu *a = &pc->arch;
	unsigned int n, intid;
	u64 lr, vmcr;

	for (n = 0; n < nr_lrs; n++) {
		lr = read_lr(n);
		intid = lr & 0xffffffff;
		if (!(lr >> ICH_LR_STATE_SHIFT))
			continue;
		if (lr & ICH_LR_HW) {
			if (lr & ICH_LR_ACTIVE)
				continue;
			write_sysreg(icc_dir_el1, intid);
			if (edge_triggered(pc, intid))
				reg_write(intid < 32 ? a->gicr : gicd(),
					     intid < 32 ? GICR_ISPENDR0 :
					     GICD_ISPENDR + intid / 32 * 4,
					     1U << (intid % 32));
		} else if (intid < 16 && keep_sgis) {
			if (lr & ICH_LR_ACTIVE)
				reg_write(a->gicr, GICR_ISACTIVER0,
					     1U << intid);
			if (lr & ICH_LR_PENDING)
				write_sysreg(icc_sgi1r_el1,
					     (u64)intid << 24 |
					     (a->mpidr >> 8 & 0xff) << 16 |
					     (a->mpidr >> 16 & 0xff) << 32 |
					     (a->mpidr >> 32 & 0xff) << 48 |
					     1UL << (a->mpidr & 0xf) |
					     (a->mpidr >> 4 & 0xf) << 44);
		}
		write_lr(n, 0);
	}
	if (keep_sgis)		/* Linux goes on: SGI_PARK is not its */
		reg_write(a->gicr, GICR_ICENABLER0, SGI_PARK_BIT);
	/* Linux's settings of the virtual interface go to the physical one. */
	vmcr = read_sysreg(ich_vmcr_el2);
	write_sysreg(icc_pmr_el1, vmcr >> 24);
	write_sysreg(icc_bpr1_el1, (vmcr >> 18) & 7);
	write_sysreg(icc_ctlr_el1, (read_sysreg(icc_ctlr_el1) &
				    ~ICC_CTLR_EOIMODE) |
				   ((vmcr >> 8) & ICC_CTLR_EOIMODE));
	write_sysreg(icc_igrpen1_el1, (vmcr >> 1) & 1);
	write_sysreg(ich_hcr_el2, a->linux_ich_hcr);
	write_sysreg(ich_vmcr_el2, a->linux_ich_vmcr);
	isb();
}

/* Put intid into a list register; the caller made sure one is free. */
static void inject(unsigned int intid, u64 prio, bool hw)
{
	unsigned int n;
	u64 lr;

	/* Already there (an SGI sent again while active): mark it pending. */
	for (n = 0; n < nr_lrs; n++) {
		lr = read_lr(n);
		if ((lr >> ICH_LR_STATE_SHIFT) && (u32)lr == intid) {
			write_lr(n, lr | ICH_LR_PENDING);
			return;
		}
	}
	n = __builtin_ctzl(read_sysreg(ich_elrsr_el2));
	lr = ICH_LR_PENDING | ICH_LR_GROUP1 | prio << ICH_LR_PRIO_SHIFT | intid;
	if (hw)
		lr |= ICH_LR_HW | (u64)intid << ICH_LR_PINTID_SHIFT;
	write_lr(n, lr);
}

/* Only the maintenance interrupt may come until list registers free up. */
static void lrs_full(struct per_cpu *pc)
{
	char *prio = (char *)pc->arch.gicr + GICR_IPRIORITYR + maint_irq;

	/* The cell may have reset the PPI's priority and enable bit. */
	*(volatile char *)prio = 0;
	reg_write(pc->arch.gicr, GICR_ISENABLER0, 1U << maint_irq);
	write_sysreg(ich_hcr_el2, ICH_HCR_EN | ICH_HCR_UIE);
	write_sysreg(icc_pmr_el1, PMR_ONLY_MAINTENANCE);
	isb();
}

static void lrs_drained(struct per_cpu *pc)
{
	write_sysreg(ich_hcr_el2, ICH_HCR_EN);
	write_sysreg(icc_pmr_el1, pc->arch.linux_pmr ? pc->arch.linux_pmr :
			       PMR_DEFAULT);
	isb();
}

/*
 * An interrupt acknowledged with the list registers full: only the root's
 * own can be (a cell's priorities are clamped below PRIO_MIN).  It goes
 * back to pending, to be taken once the list registers drain.
 */
static void pend_again(struct per_cpu *pc, unsigned int intid)
{
	write_sysreg(icc_dir_el1, intid);
	if (intid < 32)
		reg_write(pc->arch.gicr, GICR_ISPENDR0, 1U << intid);
	else
		reg_write(gicd(), GICD_ISPENDR + intid / 32 * 4,
			  1U << (intid % 32));
}

/*
 * With the list registers full the priority mask lets only SGI_PARK and
 * the maintenance interrupt through, and they are still acknowledged: a
 * cell that keeps its list registers full cannot hold SGI_PARK back.
 */
void gic_handle_irq(void)
{
	struct per_cpu *pc = this_cpu();
	unsigned int intid;
	bool full;
	u64 prio;

	for (;;) {
		full = !(read_sysreg(ich_elrsr_el2) & ((1UL << nr_lrs) - 1));
		if (full)
			lrs_full(pc);
		intid = read_sysreg(icc_iar1_el1) & 0xffffff;
		if (intid >= INTID_SPECIAL && intid < LPI_FIRST)
			return;
		prio = read_sysreg(icc_rpr_el1) & 0xff;
		write_sysreg(icc_eoir1_el1, intid);	/* priority drop */
		if (intid == SGI_PARK) {
			/* The hypervisor's own: never a cell's to see. */
			write_sysreg(icc_dir_el1, intid);
			if (pc->park)
				cpu_park_self();
			if (pc->cell == &root_cell)
				cpu_hold_point(pc);
		} else if (intid == maint_irq) {
			write_sysreg(icc_dir_el1, intid);
			lrs_drained(pc);
		} else if (full && intid < LPI_FIRST) {
			pend_again(pc, intid);
			return;
		} else if (full) {
			return;		/* an LPI: never enabled */
		} else if (intid < 16) {
			write_sysreg(icc_dir_el1, intid);
			inject(intid, prio, false);
		} else if (pc->cell != &root_cell &&
			   (intid >= LPI_FIRST || !owns(pc->cell, intid)) &&
			   intid >= 32) {
			/* Routed here before its owner moved it: not this cell's. */
			if (intid < LPI_FIRST)
				write_sysreg(icc_dir_el1, intid);
		} else {
			inject(intid, prio, intid < LPI_FIRST);
		}
	}
}

/* Group 0 is not given to cells: finish it and say so. */
void gic_handle_fiq(void)
{
	unsigned int intid = read_sysreg(icc_iar0_el1) & 0xffffff;

	if (intid >= INTID_SPECIAL)
		return;
	write_sysreg(icc_eoir0_el1, intid);
	write_sysreg(icc_dir_el1, intid);
	printk("warden: CPU %u: group-0 interrupt %u ignored\n",
	       this_cpu()->cpu, intid);
}

/* The CPU whose MPIDR is mpidr, among those that have entered. */
static struct per_cpu *cpu_by_mpidr(u64 mpidr)
{
	unsigned int cpu;

	for (cpu = 0; cpu < num_cpus; cpu++)
		if (per_cpu(cpu)->cell && per_cpu(cpu)->arch.mpidr == mpidr)
			return per_cpu(cpu);
	return NULL;
}

/*
 * A cell wrote ICC_SGI1R_EL1: send the SGI, but not to CPUs of another
 * cell.  A target the hypervisor does not know is a root CPU that has not
 * entered yet (while the driver hands CPUs over one by one), which only
 * the root cell may interrupt.  Broadcasts are only passed on while there is
 * no other cell.
 */
void gic_send_sgi(u64 sgi1r)
{
	struct cell *cell = this_cpu()->cell;
	u64 aff = ((sgi1r >> 16) & 0xff) << 8 | ((sgi1r >> 32) & 0xff) << 16 |
		  ((sgi1r >> 48) & 0xff) << 32;
	unsigned int bit, aff0_base = ((sgi1r >> 44) & 0xf) * 16;
	struct per_cpu *target;

	if (((sgi1r >> 24) & 0xf) == SGI_PARK)
		return;		/* the hypervisor's */
	if (sgi1r & (1UL << 40)) {
		if (num_cells > 1)
			return;
	} else {
		for (bit = 0; bit < 16; bit++) {
			if (!(sgi1r & (1UL << bit)))
				continue;
			target = cpu_by_mpidr(aff | (aff0_base + bit));
			if (target ? target->cell != cell : cell != &root_cell)
				sgi1r &= ~(1UL << bit);
		}
		if (!(sgi1r & 0xffff))
			return;
	}
	write_sysreg(icc_sgi1r_el1, sgi1r);
	isb();
}

/* Interrupt pc (not the calling CPU) with SGI_PARK. */
void gic_send_park(struct per_cpu *pc)
{
	u64 mpidr = pc->arch.mpidr;

	write_sysreg(icc_sgi1r_el1, (u64)SGI_PARK << 24 |
		     (mpidr >> 8 & 0xff) << 16 | (mpidr >> 16 & 0xff) << 32 |
		     (mpidr >> 32 & 0xff) << 48 | 1UL << (mpidr & 0xf) |
		     (mpidr >> 4 & 0xf) << 44);
	isb();
}
