// SPDX-License-Identifier: GPL-2.0
/*
 * regs: a seeded fuzzer of the GIC registers the hypervisor emulates.
 * Thousands of naturally aligned accesses of widths the registers have
 * (4 bytes anywhere, 8 at GICD_IROUTER<n> and GICR_TYPER/PROPBASER/
 * PENDBASER, 1 at the priority and target bytes) at random offsets of the
 * distributor and of every redistributor frame (its own and the other
 * CPUs'), with random values.  The cell needs no interrupt, so anything
 * goes; afterwards what it must not have been able to change is checked:
 * SGI 15 (by which the hypervisor stops it) still enabled and not active,
 * no LPIs enabled, no LPI tables.
 *   seed=N count=M   the generator's seed (1) and the accesses (4000)
 *   bad=unaligned    instead, one misaligned 4-byte read of the
 *                    distributor (with the MMU on, so that the CPU itself
 *                    does not refuse it): the cell must be stopped
 *   bad=width        instead, one 2-byte read of the distributor: ditto
 */
#include <inmate.h>

#define GICD			0x08000000UL
#define GICD_SIZE		0x10000
#define GICD_IPRIORITYR		0x0400
#define GICD_ITARGETSR		0x0800
#define GICD_IROUTER		0x6000
#define GICR_BASE		0x080a0000UL
#define GICR_FRAME		0x20000
#define GICR_FRAMES		4
#define GICR_CTLR		0x0000
#define GICR_CTLR_ENABLE_LPIS	(1U << 0)
#define GICR_TYPER		0x0008
#define GICR_PROPBASER		0x0070
#define GICR_PENDBASER		0x0078
#define GICR_SGI		0x10000
#define GICR_ISENABLER0		(GICR_SGI + 0x0100)
#define GICR_ISACTIVER0		(GICR_SGI + 0x0300)
#define GICR_IPRIORITYR		(GICR_SGI + 0x0400)
#define SGI_PARK_BIT		(1U << 15)

static unsigned long rng;

static unsigned long rd(unsigned long a, unsigned int size)
{
	switch (size) {
	case 1:
		return *(volatile __u8 *)a;
	case 2:
		return *(volatile __u16 *)a;
	case 4:
		return *(volatile __u32 *)a;
	default:
		return *(volatile __u64 *)a;
	}
}

static void wr(unsigned long a, unsigned int size, unsigned long v)
{
	switch (size) {
	case 1:
		*(volatile __u8 *)a = v;
		break;
	case 4:
		*(volatile __u32 *)a = v;
		break;
	default:
		*(volatile __u64 *)a = v;
	}
}

/* A distributor offset and width. */
static unsigned long pick_gicd(unsigned int *size)
{
	unsigned long r = test_random(&rng);

	switch (r & 7) {
	case 0:
		*size = 8;
		return GICD_IROUTER + (32 + (r >> 3) % 988) * 8;
	case 1:
		*size = 1;		/* a priority or target byte */
		return (r & 8 ? GICD_ITARGETSR : GICD_IPRIORITYR) +
		       (r >> 4) % 1020;
	case 2:
		*size = 4;
		return (r >> 3) % GICD_SIZE & ~3UL;
	default:
		*size = 4;
		return (r >> 3) % 0x1000 & ~3UL;	/* where most registers are */
	}
}

/* A redistributor frame offset and width. */
static unsigned long pick_gicr(unsigned int *size)
{
	static const unsigned long wide[] = {
		GICR_TYPER, GICR_PROPBASER, GICR_PENDBASER,
	};
	unsigned long r = test_random(&rng);

	switch (r & 7) {
	case 0:
		*size = 8;
		return wide[(r >> 3) % 3];
	case 1:
		*size = 1;
		return GICR_IPRIORITYR + (r >> 3) % 32;
	case 2:
		*size = 4;
		return (r >> 3) % GICR_FRAME & ~3UL;
	case 3:
	case 4:
		*size = 4;
		return (r >> 3) % 0x100 & ~3UL;		/* RD_base */
	default:
		*size = 4;
		return GICR_SGI + ((r >> 3) % 0xe00 & ~3UL);
	}
}

/* Random values, often all ones or single bits, which do the most. */
static unsigned long rnd_value(void)
{
	unsigned long r = test_random(&rng);

	switch (r & 3) {
	case 0:
		return ~0UL;
	case 1:
		return 1UL << ((r >> 2) % 64);
	default:
		return test_random(&rng);
	}
}

static void fuzz(unsigned long own, unsigned long count)
{
	unsigned long n, addr, r, reads = 0, writes = 0;
	unsigned int size;

	for (n = 0; n < count; n++) {
		r = test_random(&rng);
		if ((r & 3) == 0) {
			addr = GICD + pick_gicd(&size);
		} else if ((r & 3) == 1 || !own) {
			addr = GICR_BASE + (r >> 2) % GICR_FRAMES * GICR_FRAME +
			       pick_gicr(&size);
		} else {
			addr = own + pick_gicr(&size);
		}
		if (r & 0x100) {
			wr(addr, size, rnd_value());
			writes++;
		} else {
			rd(addr, size);
			reads++;
		}
	}
	printk("regs: %lu reads, %lu writes\n", reads, writes);
}

/*
 * Stage 1 on, identity: the first GiB (RAM and the GIC) as Normal
 * non-cacheable memory, so that a misaligned access reaches stage 2; the
 * rest as Device memory.
 */
static __u64 l1_table[512] __attribute__((aligned(4096)));

static void mmu_on(void)
{
	unsigned long sctlr;
	unsigned int n;

	for (n = 0; n < 4; n++)
		l1_table[n] = (unsigned long)n << 30 | 1UL << 10 |  /* AF */
			      (n ? 0 : 1UL << 2) | 1;	/* attr 1 or 0, block */
	asm volatile("dsb sy\n"
		     "msr mair_el1, %0\n"
		     "msr tcr_el1, %1\n"
		     "msr ttbr0_el1, %2\n"
		     "isb\n"
		     "tlbi vmalle1\n"
		     "dsb nsh\n"
		     "isb\n"
		     : : "r"(0x4400UL),		/* attr 0 Device, 1 Normal NC */
			 "r"(32UL | 1UL << 23),	/* T0SZ 32, no TTBR1 walks */
			 "r"(l1_table) : "memory");
	asm volatile("mrs %0, sctlr_el1" : "=r"(sctlr));
	sctlr = (sctlr | 1) & ~2UL;		/* M on, alignment checks off */
	asm volatile("msr sctlr_el1, %0; isb" : : "r"(sctlr) : "memory");
}

static void bad_access(const char *kind)
{
	unsigned long v;

	if (!strcmp(kind, "unaligned")) {
		mmu_on();
		printk("regs: next, a misaligned 4-byte read of GICD+0x102\n");
		v = rd(GICD + 0x102, 4);
	} else if (!strcmp(kind, "width")) {
		printk("regs: next, a 2-byte read of GICD+0x4\n");
		v = rd(GICD + 0x4, 2);
	} else {
		printk("regs: unknown bad=%s\n", kind);
		inmate_halt();
	}
	printk("regs: the bad access was answered (%lx): not stopped\n", v);
	inmate_halt();
}

void inmate_main(void)
{
	unsigned long seed = cmdline_number("seed", 1);
	unsigned long count = cmdline_number("count", 4000), own;
	char bad[16];
	__u32 v;

	if (strcmp(cmdline_string("bad", bad, sizeof(bad), ""), ""))
		bad_access(bad);

	rng = seed * 0x9e3779b97f4a7c15UL + 1;
	own = gic_redistributor();
	test_check("regs-own-frame", own != 0, "no frame for MPIDR %lx",
		   cpu_hw_id());
	printk("regs: seed %lu, %lu accesses, own frame %lx\n", seed, count,
	       own);
	fuzz(own, count);
	if (!own)
		own = GICR_BASE + 3 * GICR_FRAME;
	v = rd(own + GICR_ISENABLER0, 4);
	test_check("regs-sgi15-enabled", v & SGI_PARK_BIT,
		   "GICR_ISENABLER0 %x", v);
	v = rd(own + GICR_ISACTIVER0, 4);
	test_check("regs-sgi15-not-active", !(v & SGI_PARK_BIT),
		   "GICR_ISACTIVER0 %x", v);
	v = rd(own + GICR_CTLR, 4);
	test_check("regs-no-lpis", !(v & GICR_CTLR_ENABLE_LPIS),
		   "GICR_CTLR %x", v);
	test_check("regs-propbaser-zero", rd(own + GICR_PROPBASER, 8) == 0,
		   "GICR_PROPBASER %lx", rd(own + GICR_PROPBASER, 8));
	test_check("regs-pendbaser-zero", rd(own + GICR_PENDBASER, 8) == 0,
		   "GICR_PENDBASER %lx", rd(own + GICR_PENDBASER, 8));
	test_check("regs-still-running", 1, "unreachable");
	test_summary("regs");
	for (;;)
		cpu_wait_for_interrupt();
}
