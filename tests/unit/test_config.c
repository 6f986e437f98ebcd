// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit test of the configuration validator (hypervisor/config-check.c).
 *
 * WARDEN_CELLS names the compiled images of every shipped configuration
 * (the build makes them for all architectures before running this).  Each
 * must be accepted; every truncation and every single-byte change of each
 * must be refused; so must targeted corruptions whose CRC is made right
 * again, which only the checks behind the CRC can catch.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../hypervisor/config-check.c"

#define MAX_IMAGES	64
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

struct image {
	const char *path;
	__u8 *data;
	size_t size;
	__u32 magic;
	__u16 arch;
};

static struct image images[MAX_IMAGES];
static int num_images;

static void load_image(const char *path)
{
	struct image *im = &images[num_images++];
	FILE *f = fopen(path, "rb");
	long size;

	if (!f)
		fail_msg("%s: cannot open", path);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	im->path = path;
	im->size = size;
	im->data = malloc(size);
	assert_non_null(im->data);
	assert_int_equal(fread(im->data, 1, size, f), size);
	fclose(f);
	assert_true(size >= (long)sizeof(struct warden_config_header));
	im->magic = ((struct warden_config_header *)im->data)->magic;
	im->arch = ((struct warden_config_header *)im->data)->arch;
}

/* Every architecture must come with its system and at least two cells. */
static int load_images(void **state)
{
	char *list = getenv("WARDEN_CELLS");
	int systems[4] = { 0 }, cells[4] = { 0 }, i;
	char *path;

	(void)state;
	if (!list || !*list) {
		fprintf(stderr, "WARDEN_CELLS: set it to the compiled .cell files\n");
		return -1;
	}
	list = strdup(list);
	for (path = strtok(list, " \n"); path; path = strtok(NULL, " \n")) {
		if (num_images == MAX_IMAGES)
			return -1;
		load_image(path);
		if (images[num_images - 1].arch > 3)
			return -1;
		if (images[num_images - 1].magic == WARDEN_SYSTEM_MAGIC)
			systems[images[num_images - 1].arch]++;
		else
			cells[images[num_images - 1].arch]++;
	}
	for (i = WARDEN_ARCH_ARM64; i <= WARDEN_ARCH_RISCV; i++) {
		if (!systems[i] || cells[i] < 2) {
			fprintf(stderr, "WARDEN_CELLS: images of arch %d missing\n", i);
			return -1;
		}
	}
	return 0;
}

static int check(const void *data, size_t size, __u32 magic, __u32 arch,
		 const char **why)
{
	const char *ignored;

	return warden_config_check(data, size, magic, arch, why ? why : &ignored);
}

static __u8 *copy(const struct image *im)
{
	__u8 *buf = malloc(im->size);

	assert_non_null(buf);
	memcpy(buf, im->data, im->size);
	return buf;
}

static void seal_one(__u8 *img, size_t room)
{
	struct warden_config_header *hdr = (void *)img;

	if (hdr->total_size > room)
		return;
	hdr->crc32 = 0;
	hdr->crc32 = warden_crc32(0, img, hdr->total_size);
}

/* Make the CRCs right again, the embedded root cell's first. */
static void seal(__u8 *img, size_t size)
{
	struct warden_system *sys = (void *)img;

	if (sys->header.magic == WARDEN_SYSTEM_MAGIC &&
	    sys->root_cell_offset % 8 == 0 &&
	    sys->root_cell_offset < size &&
	    size - sys->root_cell_offset >= sizeof(struct warden_cell))
		seal_one(img + sys->root_cell_offset,
			 size - sys->root_cell_offset);
	seal_one(img, size);
}

static void test_crc32(void **state)
{
	(void)state;
	assert_int_equal(warden_crc32(0, "", 0), 0);
	assert_int_equal(warden_crc32(0, "123456789", 9), 0xcbf43926);
	assert_int_equal(warden_crc32(warden_crc32(0, "1234", 4), "56789", 5),
			 0xcbf43926);
	assert_int_equal(warden_crc32(0, "The quick brown fox jumps over "
				      "the lazy dog", 43), 0x414fa339);
}

static void test_shipped_accepted(void **state)
{
	const char *why = NULL;
	int i;

	(void)state;
	for (i = 0; i < num_images; i++) {
		struct image *im = &images[i];

		if (check(im->data, im->size, im->magic, im->arch, &why))
			fail_msg("%s: refused: %s", im->path, why);
		assert_null(why);
		assert_int_equal(check(im->data, im->size, im->magic, 0, NULL), 0);
	}
}

static void test_wrong_kind_or_arch(void **state)
{
	const char *why;
	int i;

	(void)state;
	for (i = 0; i < num_images; i++) {
		struct image *im = &images[i];
		__u32 other = im->magic == WARDEN_CELL_MAGIC ?
			      WARDEN_SYSTEM_MAGIC : WARDEN_CELL_MAGIC;

		assert_int_equal(check(im->data, im->size, other, 0, &why),
				 WARDEN_CONFIG_INVALID);
		assert_non_null(strstr(why, "header.magic"));
		assert_int_equal(check(im->data, im->size, im->magic,
				       im->arch % 3 + 1, &why),
				 WARDEN_CONFIG_INVALID);
		assert_string_equal(why, "header.arch: configuration for another architecture");
		assert_int_equal(check(im->data, im->size, 0x12345678, 0, &why),
				 WARDEN_CONFIG_INVALID);
	}
}

/* Exact-size copies, so that AddressSanitizer sees any read beyond. */
static void test_truncations(void **state)
{
	size_t len;
	int i;

	(void)state;
	for (i = 0; i < num_images; i++) {
		struct image *im = &images[i];

		for (len = 0; len < im->size; len++) {
			__u8 *buf = malloc(len ? len : 1);

			memcpy(buf, im->data, len);
			if (!check(buf, len, im->magic, 0, NULL))
				fail_msg("%s: accepted cut to %zu bytes",
					 im->path, len);
			free(buf);
		}
		/* Trailing bytes are refused as well. */
		__u8 *longer = calloc(1, im->size + 8);

		memcpy(longer, im->data, im->size);
		assert_int_not_equal(check(longer, im->size + 8, im->magic, 0,
					   NULL), 0);
		free(longer);
	}
}

static void test_byte_corruptions(void **state)
{
	size_t at;
	int i, value;

	(void)state;
	for (i = 0; i < num_images; i++) {
		struct image *im = &images[i];
		__u8 *buf = copy(im);

		for (at = 0; at < im->size; at++) {
			for (value = 0; value < 256; value++) {
				if (value == im->data[at])
					continue;
				buf[at] = value;
				if (!check(buf, im->size, im->magic, 0, NULL))
					fail_msg("%s: accepted byte %zu = %#x",
						 im->path, at, value);
			}
			buf[at] = im->data[at];
		}
		free(buf);
	}
}

/* A field to corrupt: where, how wide, what to write, what must be said. */
struct mutation {
	size_t offset;
	unsigned int width;
	__u64 value;
	const char *reason;
};

#define CELL_FIELD(f)	offsetof(struct warden_cell, f), \
			sizeof(((struct warden_cell *)0)->f)
#define SYS_FIELD(f)	offsetof(struct warden_system, f), \
			sizeof(((struct warden_system *)0)->f)
#define HDR_FIELD(f)	offsetof(struct warden_config_header, f), \
			sizeof(((struct warden_config_header *)0)->f)

static const struct mutation header_mutations[] = {
	{ HDR_FIELD(version), 2, "header.version" },
	{ HDR_FIELD(arch), 0, "header.arch" },
	{ HDR_FIELD(arch), 4, "header.arch" },
	{ HDR_FIELD(header_size), 8, "header.header_size" },
	{ HDR_FIELD(header_size), 0x100001, "header.header_size" },
	{ HDR_FIELD(header_size), sizeof(struct warden_cell) + 4, "header.header_size" },
	{ HDR_FIELD(header_size), sizeof(struct warden_system) + 4, "header.header_size" },
	{ HDR_FIELD(total_size), 8, "header.total_size" },
	{ HDR_FIELD(reserved), 1, "header.reserved" },
};

static const struct mutation cell_mutations[] = {
	{ CELL_FIELD(name[0]), 0, "cell.name" },
	{ CELL_FIELD(name[0]), ' ', "cell.name" },
	{ CELL_FIELD(name[31]), 'x', "cell.name" },
	{ CELL_FIELD(system_name[31]), 'x', "cell.system_name" },
	{ CELL_FIELD(cpu_set), 0, "cell.cpu_set" },
	{ CELL_FIELD(flags), 1ULL << 9, "cell.flags" },
	{ CELL_FIELD(reserved[2]), 1, "cell.reserved" },
	{ CELL_FIELD(reserved_arrays[1].count), 1, "cell.reserved" },
	{ CELL_FIELD(console.type), 77, "console" },
	{ CELL_FIELD(console.reserved[1]), 1, "console.reserved" },
	{ CELL_FIELD(memory_regions.count), 0x10000, "cell.memory_regions" },
	{ CELL_FIELD(memory_regions.count), 0x3ff, "cell.memory_regions" },
	{ CELL_FIELD(memory_regions.offset), 8, "cell.memory_regions" },
	{ CELL_FIELD(memory_regions.offset), 0xfffffff8, "cell.memory_regions" },
	{ CELL_FIELD(memory_regions.offset), 0xdc, "cell.memory_regions" },
	{ CELL_FIELD(pio_ranges.count), 0x40, "cell.pio_ranges" },
	{ CELL_FIELD(irqchips.count), 0xffffffff, "cell.irqchips" },
};

/* Relative to the first memory region. */
#define REGION_FIELD(f)	offsetof(struct warden_memory_region, f), 8

static const struct mutation region_mutations[] = {
	{ REGION_FIELD(size), 0, "memory_regions.size" },
	{ REGION_FIELD(size), 0x1800, "memory_regions.size" },
	{ REGION_FIELD(phys_start), 0x71000800, "memory_regions.phys_start" },
	{ REGION_FIELD(virt_start), 0xfffffffffffff000ULL, "memory_regions.size: wraps" },
	{ REGION_FIELD(flags), 0, "memory_regions.flags" },
	{ REGION_FIELD(flags), 1ULL << 40, "memory_regions.flags" },
	{ REGION_FIELD(flags), WARDEN_MEM_READ | WARDEN_MEM_COMM, "memory_regions" },
};

static const struct mutation system_mutations[] = {
	{ SYS_FIELD(name[5]), '/', "system.name" },
	{ SYS_FIELD(hypervisor_size), 0, "system.hypervisor_size" },
	{ SYS_FIELD(hypervisor_size), 0x1001, "system.hypervisor_size" },
	{ SYS_FIELD(reserved[3]), 1, "system.reserved" },
	{ SYS_FIELD(debug_console.type), WARDEN_CONSOLE_HYPERVISOR, "console.type" },
	{ SYS_FIELD(pci.ecam_base), 0x1000, "pci.ecam_base" },
	{ SYS_FIELD(pci.reserved), 1, "pci.reserved" },
	{ SYS_FIELD(platform.raw[11]), 1, "platform: unused bytes" },
	{ SYS_FIELD(iommu_units.count), 1, "system.iommu_units" },
	{ SYS_FIELD(root_cell_offset), 4, "system.root_cell_offset" },
	{ SYS_FIELD(root_cell_size), 0, "system.root_cell_offset" },
	{ SYS_FIELD(root_cell_size), 8, "shorter than the header" },
};

static void poke(__u8 *buf, size_t at, unsigned int width, __u64 value)
{
	memcpy(buf + at, &value, width);	/* little-endian host */
}

static void expect_refused(const struct image *im, size_t base,
			   const struct mutation *m)
{
	__u8 *buf = copy(im);
	const char *why = NULL;

	poke(buf, base + m->offset, m->width, m->value);
	seal(buf, im->size);
	if (!check(buf, im->size, im->magic, 0, &why))
		fail_msg("%s: accepted %#llx at %zu (%s)", im->path,
			 (unsigned long long)m->value, base + m->offset,
			 m->reason);
	if (!strstr(why, m->reason) || strstr(why, "crc32"))
		fail_msg("%s: %#llx at %zu: \"%s\", expected \"%s\"", im->path,
			 (unsigned long long)m->value, base + m->offset, why,
			 m->reason);
	free(buf);
}

static void mutate_all(const struct image *im, size_t base,
		       const struct mutation *m, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		expect_refused(im, base, &m[i]);
}

/* Offset of the cell in an image: the image, or its root cell. */
static size_t cell_base(const struct image *im)
{
	const struct warden_system *sys = (const void *)im->data;

	return im->magic == WARDEN_SYSTEM_MAGIC ? sys->root_cell_offset : 0;
}

static void test_invariants_behind_the_crc(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < num_images; i++) {
		const struct image *im = &images[i];
		size_t cell = cell_base(im);
		const struct warden_cell *c = (const void *)(im->data + cell);

		mutate_all(im, 0, header_mutations, ARRAY_SIZE(header_mutations));
		mutate_all(im, cell, header_mutations,
			   ARRAY_SIZE(header_mutations));
		mutate_all(im, cell, cell_mutations, ARRAY_SIZE(cell_mutations));
		mutate_all(im, cell + c->memory_regions.offset,
			   region_mutations, ARRAY_SIZE(region_mutations));
		if (im->magic == WARDEN_SYSTEM_MAGIC)
			mutate_all(im, 0, system_mutations,
				   ARRAY_SIZE(system_mutations));
	}
}

/* Refuse buf after sealing it; the reason must contain want. */
static void refused(const struct image *im, __u8 *buf, const char *want)
{
	const char *why = NULL;

	seal(buf, im->size);
	if (!check(buf, im->size, im->magic, 0, &why))
		fail_msg("%s: accepted, expected \"%s\"", im->path, want);
	if (!strstr(why, want))
		fail_msg("%s: \"%s\", expected \"%s\"", im->path, why, want);
	memcpy(buf, im->data, im->size);
}

/* Invariants that need more than one field, or the image's own values. */
static void test_invariants_of_contents(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < num_images; i++) {
		const struct image *im = &images[i];
		size_t base = cell_base(im);
		__u8 *buf = copy(im);
		struct warden_cell *c = (void *)(buf + base);
		struct warden_memory_region *r = (void *)(buf + base +
					c->memory_regions.offset);

		assert_true(c->memory_regions.count >= 2);
		/* Two regions at the same place (the root maps 1:1). */
		r[1].virt_start = r[0].virt_start;
		if (!(r[1].flags & WARDEN_MEM_COMM))
			r[1].phys_start = r[0].phys_start;
		refused(im, buf, "regions overlap");
		/* Root cell flag where it does not belong, or missing. */
		c->flags ^= WARDEN_CELL_ROOT;
		refused(im, buf, "cell.flags");
		free(buf);
	}
}

static void test_root_cell_rules(void **state)
{
	__u32 j;
	int i;

	(void)state;
	for (i = 0; i < num_images; i++) {
		const struct image *im = &images[i];
		__u8 *buf = copy(im);
		struct warden_system *sys = (void *)buf;
		struct warden_cell *c = (void *)(buf + cell_base(im));
		struct warden_memory_region *r = (void *)((__u8 *)c +
					c->memory_regions.offset);
		struct warden_irqchip *chip = (void *)((__u8 *)c +
					c->irqchips.offset);

		if (im->magic != WARDEN_SYSTEM_MAGIC) {
			free(buf);
			continue;
		}
		assert_true(c->irqchips.count >= 1);
		sys->hypervisor_phys = r[0].phys_start;
		refused(im, buf, "overlaps the hypervisor memory");
		r[0].virt_start += WARDEN_PAGE_SIZE;
		refused(im, buf, "root cell must map 1:1");
		r[0].flags |= WARDEN_MEM_LOADABLE;
		refused(im, buf, "loadable or root-shared in the root cell");
		r[0].flags |= WARDEN_MEM_ROOT_SHARED;
		refused(im, buf, "loadable or root-shared in the root cell");
		c->console.type = WARDEN_CONSOLE_HYPERVISOR;
		refused(im, buf, "root cell with flags");
		c->cpu_reset_address = 0x1000;
		refused(im, buf, "root cell with flags");
		for (j = 0; j < c->irqchips.count; j++)
			chip[j].address += 0x1000;
		refused(im, buf, "not the system's interrupt controller");
		if (im->arch != WARDEN_ARCH_ARM64) {
			/* Line 104: fine for the arch, not for this chip. */
			chip[0].pin_bitmap[1] |= 1ULL << 40;
			refused(im, buf, "beyond the interrupt controller");
		}
		free(buf);
	}
}

static void test_platform_rules(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < num_images; i++) {
		const struct image *im = &images[i];
		__u8 *buf = copy(im);
		struct warden_system *sys = (void *)buf;
		union warden_platform *p = &sys->platform;

		if (im->magic != WARDEN_SYSTEM_MAGIC) {
			free(buf);
			continue;
		}
		sys->pci.bus_start = 5;
		sys->pci.bus_end = 4;
		refused(im, buf, "pci.bus_end");
		switch (im->arch) {
		case WARDEN_ARCH_ARM64:
			p->arm64.gic_version = 2;
			refused(im, buf, "platform.gic_version");
			p->arm64.gicd_base += 0x1000;
			refused(im, buf, "platform.gicd_base");
			p->arm64.gicr_size = 0x30000;
			refused(im, buf, "platform.gicr_size");
			p->arm64.maintenance_irq = 33;
			refused(im, buf, "platform.maintenance_irq");
			break;
		case WARDEN_ARCH_X86:
			p->x86.ioapic_pins = 0;
			refused(im, buf, "platform.ioapic_pins");
			p->x86.lapic_base = 0;
			refused(im, buf, "platform.lapic_base");
			p->x86.pm_timer_port = 0xfffe;
			refused(im, buf, "platform.pm_timer_port");
			break;
		default:
			p->riscv.max_irq = 0;
			refused(im, buf, "platform.max_irq");
			p->riscv.timebase_frequency = 0;
			refused(im, buf, "platform.timebase_frequency");
			p->riscv.irqchip_type = 3;
			refused(im, buf, "platform.irqchip_type");
			p->riscv.clint_size = 0;
			refused(im, buf, "platform.clint_base");
		}
		free(buf);
	}
}

/*
 * An IOMMU unit appended to each shipped system image: refused, however
 * well-formed, because warden does not program IOMMUs yet and would only
 * pretend to keep DMA in bounds.  Its array is still checked for bounds
 * first.
 */
static void test_iommu_units_refused(void **state)
{
	const struct warden_iommu good = {
		.base = 0xfed80000, .size = 0x80000, .type = WARDEN_IOMMU_AMD_VI,
	};
	int i;

	(void)state;
	for (i = 0; i < num_images; i++) {
		const struct image *im = &images[i];
		struct image big = *im;
		struct warden_system *sys;
		__u8 *buf;

		if (im->magic != WARDEN_SYSTEM_MAGIC)
			continue;
		big.size = im->size + sizeof(good);
		big.data = calloc(1, big.size);
		memcpy(big.data, im->data, im->size);
		sys = (void *)big.data;
		sys->header.total_size = big.size;
		sys->iommu_units.offset = im->size;
		sys->iommu_units.count = 1;
		memcpy(big.data + im->size, &good, sizeof(good));
		seal(big.data, big.size);

		buf = copy(&big);
		sys = (void *)buf;
		refused(&big, buf, "system.iommu_units: not supported yet");
		sys->iommu_units.offset = sys->root_cell_offset;
		refused(&big, buf, "root cell missing or out of bounds");
		free(buf);
		free(big.data);
	}
}

/* Make a root region map base .. base + size - 1 (1:1). */
static void place(struct warden_memory_region *r, __u64 base, __u64 size)
{
	r->phys_start = base;
	r->virt_start = base;
	r->size = size;
}

/* Accept buf after sealing it, then restore it. */
static void accepted(const struct image *im, __u8 *buf)
{
	const char *why = NULL;

	seal(buf, im->size);
	if (check(buf, im->size, im->magic, 0, &why))
		fail_msg("%s: refused: %s", im->path, why);
	memcpy(buf, im->data, im->size);
}

/*
 * A root region over a device the hypervisor emulates (GIC distributor,
 * redistributors, local APIC page) would hand Linux the device past the
 * emulation.  The root's last region is moved onto the device, over part
 * of it, and next to it; the addresses next to the devices are free in
 * the shipped QEMU configurations.
 */
static void test_root_over_emulated_devices(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < num_images; i++) {
		const struct image *im = &images[i];
		__u8 *buf = copy(im);
		struct warden_system *sys = (void *)buf;
		struct warden_cell *c = (void *)(buf + cell_base(im));
		struct warden_memory_region *last = (void *)((__u8 *)c +
			c->memory_regions.offset +
			(c->memory_regions.count - 1) * sizeof(*last));
		const struct warden_platform_arm64 *gic = &sys->platform.arm64;
		__u64 apic = sys->platform.x86.lapic_base;

		if (im->magic != WARDEN_SYSTEM_MAGIC) {
			free(buf);
			continue;
		}
		switch (im->arch) {
		case WARDEN_ARCH_ARM64:
			place(last, gic->gicd_base, 0x10000);
			refused(im, buf, "root cell memory_regions: covers the GIC distributor");
			place(last, gic->gicd_base - 0x1000, 0x2000);
			refused(im, buf, "covers the GIC distributor");
			place(last, gic->gicd_base + 0xf000, 0x1000);
			refused(im, buf, "covers the GIC distributor");
			place(last, gic->gicd_base + 0x10000, 0x1000);
			accepted(im, buf);
			place(last, gic->gicr_base + 0x20000, 0x20000);
			refused(im, buf, "root cell memory_regions: covers the GIC redistributors");
			place(last, gic->gicr_base + gic->gicr_size - 0x1000, 0x2000);
			refused(im, buf, "covers the GIC redistributors");
			place(last, gic->gicr_base + gic->gicr_size, 0x1000);
			accepted(im, buf);
			place(last, gic->gicr_base - 0x1000, 0x1000);
			accepted(im, buf);
			break;
		case WARDEN_ARCH_X86:
			place(last, apic, 0x1000);
			refused(im, buf, "root cell memory_regions: covers the local APIC page");
			place(last, apic - 0x1000, 0x2000);
			refused(im, buf, "covers the local APIC page");
			place(last, apic + 0x1000, 0x1000);
			accepted(im, buf);
			place(last, apic - 0x1000, 0x1000);
			accepted(im, buf);
			break;
		}
		free(buf);
	}
}

/* A cell image built by hand: header, two regions, room for more. */
static struct {
	struct warden_cell cell;
	struct warden_memory_region regions[2];
	struct warden_irqchip chips[2];
	struct warden_pio_range pio[2];
} hand;

static void make_hand_cell(__u16 arch)
{
	memset(&hand, 0, sizeof(hand));
	hand.cell.header.magic = WARDEN_CELL_MAGIC;
	hand.cell.header.version = WARDEN_CONFIG_VERSION;
	hand.cell.header.arch = arch;
	hand.cell.header.header_size = sizeof(hand.cell);
	hand.cell.header.total_size = sizeof(hand);
	memcpy(hand.cell.name, "hand", 4);
	hand.cell.cpu_set = 1ULL << 2;
	hand.cell.console.type = WARDEN_CONSOLE_HYPERVISOR;
	hand.cell.memory_regions.offset = offsetof(typeof(hand), regions);
	hand.cell.memory_regions.count = 2;
	hand.regions[0] = (struct warden_memory_region) {
		0x71000000, 0, 0x100000,
		WARDEN_MEM_READ | WARDEN_MEM_WRITE | WARDEN_MEM_LOADABLE };
	hand.regions[1] = (struct warden_memory_region) {
		0, 0x80000000, 0x1000,
		WARDEN_MEM_READ | WARDEN_MEM_WRITE | WARDEN_MEM_COMM };
}

static const char *hand_check(void)
{
	const char *why = NULL;

	seal_one((void *)&hand, sizeof(hand));
	check(&hand, sizeof(hand), WARDEN_CELL_MAGIC, 0, &why);
	return why ? why : "accepted";
}

static void use_irqchips(int n)
{
	hand.cell.irqchips.offset = offsetof(typeof(hand), chips);
	hand.cell.irqchips.count = n;
}

static void use_pio(int n)
{
	hand.cell.pio_ranges.offset = offsetof(typeof(hand), pio);
	hand.cell.pio_ranges.count = n;
}

static void test_handmade(void **state)
{
	struct warden_memory_region comm;
	const char *why;

	(void)state;
	make_hand_cell(WARDEN_ARCH_ARM64);
	assert_string_equal(hand_check(), "accepted");

	/* Buffers the caller got wrong. */
	assert_int_not_equal(check(NULL, 0, WARDEN_CELL_MAGIC, 0, &why), 0);
	assert_int_not_equal(check((__u8 *)&hand + 4, sizeof(hand) - 8,
				   WARDEN_CELL_MAGIC, 0, &why), 0);
	assert_string_equal(why, "image: not 8-byte aligned in memory");
	assert_int_not_equal(warden_config_check(&hand, sizeof(hand), 0, 0,
						 NULL), 0);

	/* Names: empty, or filling the field with no NUL. */
	memset(hand.cell.name, 0, sizeof(hand.cell.name));
	assert_non_null(strstr(hand_check(), "cell.name"));
	memset(hand.cell.name, 'a', sizeof(hand.cell.name));
	assert_non_null(strstr(hand_check(), "cell.name"));
	memset(hand.cell.system_name, 'a', sizeof(hand.cell.system_name));
	hand.cell.name[1] = 0;
	assert_non_null(strstr(hand_check(), "cell.name"));
	memset(hand.cell.name + 1, 0, sizeof(hand.cell.name) - 1);
	assert_non_null(strstr(hand_check(), "cell.system_name"));

	/* A second comm region. */
	make_hand_cell(WARDEN_ARCH_ARM64);
	hand.regions[0] = hand.regions[1];
	hand.regions[0].virt_start = 0x90000000;
	assert_non_null(strstr(hand_check(), "more than one comm region"));

	/* The comm region is one read/write page the hypervisor provides. */
	make_hand_cell(WARDEN_ARCH_ARM64);
	hand.regions[1].size = 0x2000;
	assert_non_null(strstr(hand_check(), "comm region is one page"));
	hand.regions[1].size = 0x1000;
	hand.regions[1].phys_start = 0x72000000;
	assert_non_null(strstr(hand_check(), "comm region is one page"));
	hand.regions[1].phys_start = 0;
	hand.regions[1].flags |= WARDEN_MEM_EXECUTE;
	assert_non_null(strstr(hand_check(), "comm region is one page"));

	/* Physical overlap between two ordinary regions. */
	make_hand_cell(WARDEN_ARCH_ARM64);
	hand.regions[1] = hand.regions[0];
	hand.regions[1].virt_start = 0x200000;
	assert_non_null(strstr(hand_check(), "phys_start: regions overlap"));

	/* Interrupt lines: SPIs only on arm64, sorted, not empty. */
	make_hand_cell(WARDEN_ARCH_ARM64);
	use_irqchips(1);
	hand.chips[0].address = 0x08000000;
	hand.chips[0].pin_bitmap[0] = 1ULL << 33;
	assert_string_equal(hand_check(), "accepted");
	hand.chips[0].pin_bitmap[0] = 1ULL << 16;
	assert_non_null(strstr(hand_check(), "out of range"));
	hand.chips[0].pin_bitmap[0] = 0;
	assert_non_null(strstr(hand_check(), "pin_bitmap: empty"));
	hand.chips[0].pin_bitmap[0] = 1ULL << 33;
	hand.chips[0].reserved = 1;
	assert_non_null(strstr(hand_check(), "irqchips.reserved"));
	hand.chips[0].reserved = 0;
	hand.chips[0].address = 0;
	assert_non_null(strstr(hand_check(), "irqchips.address"));
	hand.chips[0].address = 0x08000000;
	use_irqchips(2);
	hand.chips[0].pin_bitmap[0] = 1ULL << 33;
	hand.chips[1] = hand.chips[0];
	assert_non_null(strstr(hand_check(), "not sorted"));
	hand.chips[1].pin_base = 128;
	assert_string_equal(hand_check(), "accepted");
	hand.chips[1].pin_base = 64;
	assert_non_null(strstr(hand_check(), "multiple of 128"));
	hand.chips[1].pin_base = 0x80000000;
	assert_non_null(strstr(hand_check(), "out of range"));

	/* I/O ports: x86 only, inside 64 KiB, no overlap. */
	make_hand_cell(WARDEN_ARCH_ARM64);
	use_pio(1);
	hand.pio[0] = (struct warden_pio_range) { 0x3f8, 8 };
	assert_non_null(strstr(hand_check(), "x86 only"));
	make_hand_cell(WARDEN_ARCH_X86);
	use_pio(2);
	hand.pio[0] = (struct warden_pio_range) { 0x3f8, 8 };
	hand.pio[1] = (struct warden_pio_range) { 0x2f8, 8 };
	assert_string_equal(hand_check(), "accepted");
	hand.pio[1].base = 0x3fc;
	assert_non_null(strstr(hand_check(), "ranges overlap"));
	hand.pio[1] = (struct warden_pio_range) { 0xfff8, 9 };
	assert_non_null(strstr(hand_check(), "beyond port"));
	hand.pio[1] = (struct warden_pio_range) { 0xfffffff8, 16 };
	assert_non_null(strstr(hand_check(), "beyond port"));

	/* Arrays on top of each other. */
	make_hand_cell(WARDEN_ARCH_X86);
	use_pio(2);
	hand.cell.pio_ranges.offset = offsetof(typeof(hand), regions) + 8;
	assert_non_null(strstr(hand_check(), "arrays overlap"));

	/* Consoles that do not exist on the architecture. */
	make_hand_cell(WARDEN_ARCH_ARM64);
	hand.cell.console.type = WARDEN_CONSOLE_SBI;
	assert_non_null(strstr(hand_check(), "riscv only"));
	hand.cell.console.type = WARDEN_CONSOLE_8250_PIO;
	hand.cell.console.address = 0x3f8;
	hand.cell.console.size = 8;
	hand.cell.console.io_width = 1;
	assert_non_null(strstr(hand_check(), "x86 only"));
	hand.cell.header.arch = WARDEN_ARCH_X86;
	assert_string_equal(hand_check(), "accepted");
	hand.cell.console.size = 0x10000;
	assert_non_null(strstr(hand_check(), "beyond 0xffff"));
	hand.cell.console.type = WARDEN_CONSOLE_HYPERVISOR;
	assert_non_null(strstr(hand_check(), "must be 0"));
	hand.cell.console.type = WARDEN_CONSOLE_PL011;
	hand.cell.console.size = 0x1000;
	hand.cell.console.io_width = 4;
	assert_string_equal(hand_check(), "accepted");
	hand.cell.console.io_width = 3;
	assert_non_null(strstr(hand_check(), "console.io_width"));
	hand.cell.console.io_width = 4;
	hand.cell.console.reg_shift = 4;
	assert_non_null(strstr(hand_check(), "console.reg_shift"));
	hand.cell.console.reg_shift = 0;
	hand.cell.console.size = 0;
	assert_non_null(strstr(hand_check(), "console.size"));

	/* A larger fixed part from a later revision is skipped over. */
	make_hand_cell(WARDEN_ARCH_RISCV);
	comm = hand.regions[1];
	hand.cell.header.header_size += 8;
	assert_non_null(strstr(hand_check(), "memory_regions: count or offset"));
	hand.cell.memory_regions.offset += 8;
	hand.cell.memory_regions.count = 1;
	memset(&hand.regions[0], 0xff, 8);
	memcpy((__u8 *)&hand.regions[0] + 8, &comm, sizeof(comm));
	assert_string_equal(hand_check(), "accepted");
}

/*
 * A cell without a comm region: valid as far as its layout goes, but the
 * root could not ask it to stop, so the driver must refuse it before the
 * hypervisor does.  The root cell (the shipped system images) has none.
 */
static void test_comm_region_required(void **state)
{
	(void)state;
	make_hand_cell(WARDEN_ARCH_ARM64);
	hand.cell.memory_regions.count = 1;
	assert_string_equal(hand_check(), "memory_regions: no comm region (a "
			    "cell needs one: the root asks it to stop through "
			    "it)");
	/* Regions are checked first: an overlap is reported as such. */
	hand.regions[1] = hand.regions[0];
	hand.cell.memory_regions.count = 2;
	assert_non_null(strstr(hand_check(), "regions overlap"));
	make_hand_cell(WARDEN_ARCH_X86);
	hand.regions[0] = hand.regions[1];
	hand.cell.memory_regions.count = 1;
	assert_string_equal(hand_check(), "accepted");
}

/* No image may exceed WARDEN_CONFIG_MAX_SIZE, whatever it holds. */
static void test_too_large(void **state)
{
	size_t size = WARDEN_CONFIG_MAX_SIZE + 8;
	__u8 *buf = calloc(1, size);
	const char *why;

	(void)state;
	make_hand_cell(WARDEN_ARCH_ARM64);
	hand.cell.header.total_size = size;
	memcpy(buf, &hand, sizeof(hand));
	seal_one(buf, size);
	assert_int_not_equal(check(buf, size, WARDEN_CELL_MAGIC, 0, &why), 0);
	assert_string_equal(why, "header.total_size: image too large");
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crc32),
		cmocka_unit_test(test_shipped_accepted),
		cmocka_unit_test(test_wrong_kind_or_arch),
		cmocka_unit_test(test_truncations),
		cmocka_unit_test(test_byte_corruptions),
		cmocka_unit_test(test_invariants_behind_the_crc),
		cmocka_unit_test(test_invariants_of_contents),
		cmocka_unit_test(test_root_cell_rules),
		cmocka_unit_test(test_platform_rules),
		cmocka_unit_test(test_iommu_units_refused),
		cmocka_unit_test(test_root_over_emulated_devices),
		cmocka_unit_test(test_too_large),
		cmocka_unit_test(test_handmade),
		cmocka_unit_test(test_comm_region_required),
	};

	return cmocka_run_group_tests(tests, load_images, NULL);
}
