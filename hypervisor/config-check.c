// SPDX-License-Identifier: GPL-2.0
/*
 * Validator for system and cell configuration images.
 *
 * The same file is compiled into the freestanding hypervisor, into the
 * Linux driver (a wrapper #includes it) and into host tests, so it uses
 * nothing but the warden headers: no libc, no kernel API, no compiler
 * helpers that may need libgcc.
 *
 * Each check_* function returns NULL when its part is sound or a static
 * string naming the field at fault.  The header is proven to lie inside the
 * buffer before it is read, the CRC is verified before any other field is
 * trusted, and every array descriptor is proven to lie inside the image,
 * clear of the fixed part and of the other arrays, before its entries are
 * read.  tools/wardenconfig/rules.py enforces the same rules with friendlier
 * messages; keep the two in step.
 */
#include <warden/cell-config.h>
#include <warden/config-check.h>

#define CRC_FIELD_OFFSET	16
#define U64_MAX_VALUE		(~0ULL)
#define ECAM_BUS_SIZE		0x100000ULL
#define GIC_FRAME_ALIGN		0x10000ULL
#define GICD_SIZE		0x10000ULL
#define GICR_STRIDE		0x20000ULL

_Static_assert(__builtin_offsetof(struct warden_config_header, crc32) ==
	       CRC_FIELD_OFFSET, "crc32 field moved");
_Static_assert(sizeof(struct warden_config_header) == 24, "header size");
_Static_assert(sizeof(struct warden_console) == 24, "console size");
_Static_assert(sizeof(struct warden_memory_region) == 32, "region size");
_Static_assert(sizeof(struct warden_irqchip) == 32, "irqchip size");
_Static_assert(sizeof(struct warden_cell) == 216, "cell size");
_Static_assert(sizeof(union warden_platform) == 96, "platform size");
_Static_assert(sizeof(struct warden_system) == 256, "system size");

/* CRC-32 (IEEE 802.3, reflected), one nibble at a time: small and quick. */
static const __u32 crc_nibble[16] = {
	0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac,
	0x76dc4190, 0x6b6b51f4, 0x4db26158, 0x5005713c,
	0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c,
	0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c,
};

__u32 warden_crc32(__u32 crc, const void *buf, __u64 len)
{
	const __u8 *p = buf;
	__u64 i;

	crc = ~crc;
	for (i = 0; i < len; i++) {
		crc ^= p[i];
		crc = (crc >> 4) ^ crc_nibble[crc & 0xf];
		crc = (crc >> 4) ^ crc_nibble[crc & 0xf];
	}
	return ~crc;
}

/* The image's CRC with its own crc32 field counted as zero. */
static __u32 image_crc(const __u8 *image, __u32 size)
{
	static const __u8 zero[4];
	__u32 crc;

	crc = warden_crc32(0, image, CRC_FIELD_OFFSET);
	crc = warden_crc32(crc, zero, sizeof(zero));
	return warden_crc32(crc, image + CRC_FIELD_OFFSET + 4,
			    size - CRC_FIELD_OFFSET - 4);
}

static int all_zero(const void *p, __u32 len)
{
	const __u8 *b = p;
	__u32 i;

	for (i = 0; i < len; i++)
		if (b[i])
			return 0;
	return 1;
}

/* True if start .. start + size - 1 does not fit in 64 bits. */
static int wraps(__u64 start, __u64 size)
{
	return start > U64_MAX_VALUE - size;
}

static int not_aligned(__u64 value, __u64 align)
{
	return (value & (align - 1)) != 0;
}

/* Callers guarantee non-zero sizes and no wraparound. */
static int overlap(__u64 a, __u64 a_size, __u64 b, __u64 b_size)
{
	return a < b + b_size && b < a + a_size;
}

static int name_char_ok(__u8 c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

/* NUL-terminated, [A-Za-z0-9._-] only, zero after the terminator. */
static int name_ok(const __u8 *name, int may_be_empty)
{
	__u32 len = 0;

	while (len < WARDEN_NAME_LEN && name[len]) {
		if (!name_char_ok(name[len]))
			return 0;
		len++;
	}
	if (len == WARDEN_NAME_LEN || (len == 0 && !may_be_empty))
		return 0;
	return all_zero(name + len, WARDEN_NAME_LEN - len);
}

/*
 * A span of bytes inside the image: empty spans must have offset 0, others
 * must be 8-aligned, start after the fixed part and end inside the image.
 */
static int span_ok(__u32 offset, __u64 len, __u32 header_size, __u32 total)
{
	if (!len)
		return offset == 0;
	return !not_aligned(offset, 8) && offset >= header_size &&
	       len <= total && offset <= total - len;
}

static int array_ok(const struct warden_array *a, __u32 entry_size,
		    __u32 max, const struct warden_config_header *hdr)
{
	return a->count <= max &&
	       span_ok(a->offset, (__u64)a->count * entry_size,
		       hdr->header_size, hdr->total_size);
}

static int spans_overlap(__u32 a, __u64 a_len, __u32 b, __u64 b_len)
{
	return a_len && b_len && overlap(a, a_len, b, b_len);
}

static const char *check_header(const void *image, __u64 size, __u32 magic,
				__u32 arch, __u32 fixed_size)
{
	const struct warden_config_header *hdr = image;

	if (!image || not_aligned((unsigned long)image, 8))
		return "image: not 8-byte aligned in memory";
	if (size < sizeof(*hdr))
		return "image: shorter than the header";
	if (hdr->magic != magic) {
		if (hdr->magic == WARDEN_SYSTEM_MAGIC)
			return "header.magic: a system configuration, not a cell";
		if (hdr->magic == WARDEN_CELL_MAGIC)
			return "header.magic: a cell configuration, not a system";
		return "header.magic: not a warden configuration";
	}
	if (hdr->version != WARDEN_CONFIG_VERSION)
		return "header.version: unsupported format version";
	if (hdr->arch < WARDEN_ARCH_ARM64 || hdr->arch > WARDEN_ARCH_RISCV)
		return "header.arch: unknown architecture";
	if (arch && hdr->arch != arch)
		return "header.arch: configuration for another architecture";
	if (hdr->total_size != size)
		return "header.total_size: does not match the image size";
	if (size > WARDEN_CONFIG_MAX_SIZE)
		return "header.total_size: image too large";
	if (hdr->header_size < fixed_size || not_aligned(hdr->header_size, 8) ||
	    hdr->header_size > hdr->total_size)
		return "header.header_size: out of range";
	if (hdr->crc32 != image_crc(image, hdr->total_size))
		return "header.crc32: checksum mismatch (corrupt image)";
	if (hdr->reserved)
		return "header.reserved: not zero";
	return 0;
}

static const char *check_console(const struct warden_console *con,
				 __u16 arch, int in_cell)
{
	if (con->reserved[0] || con->reserved[1])
		return "console.reserved: not zero";
	switch (con->type) {
	case WARDEN_CONSOLE_HYPERVISOR:
		if (!in_cell)
			return "console.type: hypervisor is for cells only";
		break;
	case WARDEN_CONSOLE_SBI:
		if (arch != WARDEN_ARCH_RISCV)
			return "console.type: sbi exists on riscv only";
		break;
	case WARDEN_CONSOLE_NONE:
		break;
	case WARDEN_CONSOLE_PL011:
	case WARDEN_CONSOLE_8250_MMIO:
		if (!con->size || wraps(con->address, con->size))
			return "console.size: zero or wraps around";
		if (con->io_width != 1 && con->io_width != 2 &&
		    con->io_width != 4)
			return "console.io_width: not 1, 2 or 4";
		if (con->reg_shift > 3)
			return "console.reg_shift: above 3";
		return 0;
	case WARDEN_CONSOLE_8250_PIO:
		if (arch != WARDEN_ARCH_X86)
			return "console.type: 8250-pio exists on x86 only";
		if (!con->size || con->address > WARDEN_PIO_LIMIT ||
		    con->size > WARDEN_PIO_LIMIT - con->address)
			return "console.address: port range empty or beyond 0xffff";
		if (con->io_width != 1 || con->reg_shift)
			return "console.io_width: 8250-pio needs width 1, shift 0";
		return 0;
	default:
		return "console.type: unknown console type";
	}
	if (con->address || con->size || con->io_width || con->reg_shift)
		return "console.address: must be 0 for this console type";
	return 0;
}

static const char *check_region(const struct warden_memory_region *r,
				int is_root)
{
	const __u64 access = WARDEN_MEM_READ | WARDEN_MEM_WRITE |
			     WARDEN_MEM_EXECUTE;

	if (r->flags & ~WARDEN_MEM_KNOWN)
		return "memory_regions.flags: unknown flag";
	if (!(r->flags & access))
		return "memory_regions.flags: neither read, write nor execute";
	if (!r->size || not_aligned(r->size, WARDEN_PAGE_SIZE))
		return "memory_regions.size: zero or not page aligned";
	if (not_aligned(r->phys_start | r->virt_start, WARDEN_PAGE_SIZE))
		return "memory_regions.phys_start: phys or virt not page aligned";
	if (wraps(r->phys_start, r->size) || wraps(r->virt_start, r->size))
		return "memory_regions.size: wraps around the address space";
	if (r->flags & WARDEN_MEM_COMM) {
		if (is_root)
			return "memory_regions.flags: comm region in the root cell";
		if (r->phys_start || r->size != WARDEN_PAGE_SIZE ||
		    (r->flags & ~(WARDEN_MEM_READ | WARDEN_MEM_WRITE |
				  WARDEN_MEM_COMM)))
			return "memory_regions: comm region is one page, phys 0, read/write only";
	}
	if (is_root && (r->flags & (WARDEN_MEM_LOADABLE | WARDEN_MEM_ROOT_SHARED)))
		return "memory_regions.flags: loadable or root-shared in the root cell";
	if (is_root && r->virt_start != r->phys_start)
		return "memory_regions.virt_start: root cell must map 1:1";
	return 0;
}

/* Regions may overlap neither in the cell's space nor in physical memory. */
static const char *check_regions(const struct warden_cell *cell, int is_root)
{
	const struct warden_memory_region *r = warden_cell_regions(cell);
	__u32 n = cell->memory_regions.count, i, j, comm = 0;
	const char *why;

	for (i = 0; i < n; i++) {
		why = check_region(&r[i], is_root);
		if (why)
			return why;
		if ((r[i].flags & WARDEN_MEM_COMM) && ++comm > 1)
			return "memory_regions: more than one comm region";
		for (j = 0; j < i; j++) {
			if (overlap(r[i].virt_start, r[i].size,
				    r[j].virt_start, r[j].size))
				return "memory_regions.virt_start: regions overlap";
			if (!((r[i].flags | r[j].flags) & WARDEN_MEM_COMM) &&
			    overlap(r[i].phys_start, r[i].size,
				    r[j].phys_start, r[j].size))
				return "memory_regions.phys_start: regions overlap";
		}
	}
	/* The hypervisor stops a cell through it (cell.c checks again). */
	if (!is_root && !comm)
		return "memory_regions: no comm region (a cell needs one: the root asks it to stop through it)";
	return 0;
}

/* Lines an architecture lets a cell own (arm64: SPIs only). */
static void irq_line_limits(__u16 arch, __u64 *lo, __u64 *hi)
{
	switch (arch) {
	case WARDEN_ARCH_ARM64:
		*lo = 32;
		*hi = 1019;
		break;
	case WARDEN_ARCH_X86:
		*lo = 0;
		*hi = 239;
		break;
	default:
		/* PLIC and APLIC source 0 means "no interrupt". */
		*lo = 1;
		*hi = 1023;
	}
}

static int window_in_range(const struct warden_irqchip *c, __u64 lo, __u64 hi)
{
	__u32 bit;

	for (bit = 0; bit < WARDEN_IRQCHIP_WINDOW; bit++) {
		if (!((c->pin_bitmap[bit / 64] >> (bit % 64)) & 1))
			continue;
		if (c->pin_base + (__u64)bit < lo || c->pin_base + (__u64)bit > hi)
			return 0;
	}
	return 1;
}

static const char *check_irqchips(const struct warden_cell *cell, __u16 arch)
{
	const struct warden_irqchip *c = warden_cell_irqchips(cell);
	__u32 n = cell->irqchips.count, i;
	__u64 lo, hi;

	irq_line_limits(arch, &lo, &hi);
	for (i = 0; i < n; i++) {
		if (c[i].reserved)
			return "irqchips.reserved: not zero";
		if (!c[i].address)
			return "irqchips.address: zero";
		if (c[i].pin_base % WARDEN_IRQCHIP_WINDOW)
			return "irqchips.pin_base: not a multiple of 128";
		if (!(c[i].pin_bitmap[0] | c[i].pin_bitmap[1]))
			return "irqchips.pin_bitmap: empty";
		if (!window_in_range(&c[i], lo, hi))
			return "irqchips.pin_bitmap: line out of range for the architecture";
		if (i && (c[i].address < c[i - 1].address ||
			  (c[i].address == c[i - 1].address &&
			   c[i].pin_base <= c[i - 1].pin_base)))
			return "irqchips: not sorted by address and pin_base, or duplicated";
	}
	return 0;
}

static const char *check_pio(const struct warden_cell *cell)
{
	const struct warden_pio_range *p = warden_cell_pio_ranges(cell);
	__u32 n = cell->pio_ranges.count, i, j;

	for (i = 0; i < n; i++) {
		if (!p[i].size || p[i].base > WARDEN_PIO_LIMIT ||
		    p[i].size > WARDEN_PIO_LIMIT - p[i].base)
			return "pio_ranges: empty or beyond port 0xffff";
		for (j = 0; j < i; j++)
			if (overlap(p[i].base, p[i].size, p[j].base, p[j].size))
				return "pio_ranges: ranges overlap";
	}
	return 0;
}

static const char *check_cell_fixed(const struct warden_cell *cell,
				    int is_root)
{
	__u16 arch = cell->header.arch;

	if (!name_ok(cell->name, 0))
		return "cell.name: empty, unterminated or not [A-Za-z0-9._-]";
	if (!name_ok(cell->system_name, 1))
		return "cell.system_name: unterminated or not [A-Za-z0-9._-]";
	if (!cell->cpu_set)
		return "cell.cpu_set: no CPU";
	if (cell->flags & ~WARDEN_CELL_KNOWN)
		return "cell.flags: unknown flag";
	if (!(cell->flags & WARDEN_CELL_ROOT) != !is_root)
		return is_root ? "cell.flags: root cell without the root flag" :
				 "cell.flags: root flag on a cell that is not the root cell";
	if (is_root && (cell->flags != WARDEN_CELL_ROOT ||
			cell->cpu_reset_address || cell->system_name[0] ||
			cell->console.type != WARDEN_CONSOLE_NONE))
		return "cell: root cell with flags, system name, reset address or console";
	if (!all_zero(cell->reserved_arrays, sizeof(cell->reserved_arrays)) ||
	    !all_zero(cell->reserved, sizeof(cell->reserved)))
		return "cell.reserved: not zero";
	return check_console(&cell->console, arch, 1);
}

static const char *check_cell_arrays(const struct warden_cell *cell)
{
	const struct warden_config_header *hdr = &cell->header;
	const struct warden_array *a[3] = {
		&cell->memory_regions, &cell->irqchips, &cell->pio_ranges,
	};
	const __u32 entry[3] = {
		sizeof(struct warden_memory_region),
		sizeof(struct warden_irqchip),
		sizeof(struct warden_pio_range),
	};
	int i, j;

	if (!array_ok(a[0], entry[0], WARDEN_MAX_MEMORY_REGIONS, hdr))
		return "cell.memory_regions: count or offset out of bounds";
	if (!array_ok(a[1], entry[1], WARDEN_MAX_IRQCHIPS, hdr))
		return "cell.irqchips: count or offset out of bounds";
	if (!array_ok(a[2], entry[2], WARDEN_MAX_PIO_RANGES, hdr))
		return "cell.pio_ranges: count or offset out of bounds";
	if (hdr->arch != WARDEN_ARCH_X86 && a[2]->count)
		return "cell.pio_ranges: I/O ports exist on x86 only";
	for (i = 0; i < 3; i++)
		for (j = 0; j < i; j++)
			if (spans_overlap(a[i]->offset, (__u64)a[i]->count * entry[i],
					  a[j]->offset, (__u64)a[j]->count * entry[j]))
				return "cell: arrays overlap each other";
	return 0;
}

static const char *check_cell(const void *image, __u64 size, __u32 arch,
			      int is_root)
{
	const struct warden_cell *cell = image;
	const char *why;

	why = check_header(image, size, WARDEN_CELL_MAGIC, arch, sizeof(*cell));
	if (!why)
		why = check_cell_fixed(cell, is_root);
	if (!why)
		why = check_cell_arrays(cell);
	if (!why)
		why = check_regions(cell, is_root);
	if (!why)
		why = check_irqchips(cell, cell->header.arch);
	if (!why)
		why = check_pio(cell);
	return why;
}

static const char *check_pci(const struct warden_pci *pci)
{
	__u64 size;

	if (pci->reserved)
		return "pci.reserved: not zero";
	if (!pci->ecam_base)
		return pci->domain || pci->bus_start || pci->bus_end ?
		       "pci: bus range or domain without ecam_base" : 0;
	if (pci->bus_start > pci->bus_end)
		return "pci.bus_end: below bus_start";
	size = (pci->bus_end - pci->bus_start + 1ULL) * ECAM_BUS_SIZE;
	if (not_aligned(pci->ecam_base, ECAM_BUS_SIZE) ||
	    wraps(pci->ecam_base, size))
		return "pci.ecam_base: not 1 MiB aligned or wraps around";
	return 0;
}

static const char *check_arm64(const struct warden_platform_arm64 *p)
{
	if (p->gic_version != 3)
		return "platform.gic_version: only GICv3 is supported";
	if (!p->gicd_base || not_aligned(p->gicd_base, GIC_FRAME_ALIGN) ||
	    wraps(p->gicd_base, GICD_SIZE))
		return "platform.gicd_base: zero, not 64 KiB aligned or wraps";
	if (!p->gicr_base || not_aligned(p->gicr_base, GIC_FRAME_ALIGN))
		return "platform.gicr_base: zero or not 64 KiB aligned";
	if (!p->gicr_size || not_aligned(p->gicr_size, GICR_STRIDE) ||
	    wraps(p->gicr_base, p->gicr_size))
		return "platform.gicr_size: zero, not a multiple of 128 KiB or wraps";
	if (p->maintenance_irq < 16 || p->maintenance_irq > 31)
		return "platform.maintenance_irq: not a PPI (16..31)";
	return 0;
}

static const char *check_x86(const struct warden_platform_x86 *p)
{
	if (!p->ioapic_base || not_aligned(p->ioapic_base, WARDEN_PAGE_SIZE))
		return "platform.ioapic_base: zero or not page aligned";
	if (!p->lapic_base || not_aligned(p->lapic_base, WARDEN_PAGE_SIZE) ||
	    wraps(p->lapic_base, WARDEN_PAGE_SIZE))
		return "platform.lapic_base: zero, not page aligned or wraps";
	if (!p->ioapic_pins || p->ioapic_pins > 240)
		return "platform.ioapic_pins: not 1..240";
	if (p->pm_timer_port > WARDEN_PIO_LIMIT - 4)
		return "platform.pm_timer_port: beyond the port space";
	return 0;
}

static const char *check_riscv(const struct warden_platform_riscv *p)
{
	if (p->irqchip_type != WARDEN_IRQCHIP_PLIC &&
	    p->irqchip_type != WARDEN_IRQCHIP_APLIC)
		return "platform.irqchip_type: neither PLIC nor APLIC";
	if (!p->irqchip_base || !p->irqchip_size ||
	    not_aligned(p->irqchip_base | p->irqchip_size, WARDEN_PAGE_SIZE) ||
	    wraps(p->irqchip_base, p->irqchip_size))
		return "platform.irqchip_base: zero, unaligned or wraps around";
	if (!p->clint_base != !p->clint_size ||
	    not_aligned(p->clint_base | p->clint_size, WARDEN_PAGE_SIZE) ||
	    wraps(p->clint_base, p->clint_size))
		return "platform.clint_base: unaligned, wraps or base without size";
	if (!p->timebase_frequency)
		return "platform.timebase_frequency: zero";
	if (!p->max_irq || p->max_irq > 1023)
		return "platform.max_irq: not 1..1023";
	return 0;
}

static const char *check_platform(const struct warden_system *sys)
{
	const union warden_platform *p = &sys->platform;

	switch (sys->header.arch) {
	case WARDEN_ARCH_ARM64:
		if (!all_zero(p->raw + 4, sizeof(p->raw) - 32))
			return "platform: unused bytes not zero";
		return check_arm64(&p->arm64);
	case WARDEN_ARCH_X86:
		if (!all_zero(p->raw + 4, sizeof(p->raw) - 32))
			return "platform: unused bytes not zero";
		return check_x86(&p->x86);
	default:
		if (!all_zero(p->raw + 6, sizeof(p->raw) - 48))
			return "platform: unused bytes not zero";
		return check_riscv(&p->riscv);
	}
}

/* The one interrupt controller a cell's lines refer to, and its last line. */
static void system_irqchip(const struct warden_system *sys, __u64 *address,
			   __u64 *max_line)
{
	const union warden_platform *p = &sys->platform;

	switch (sys->header.arch) {
	case WARDEN_ARCH_ARM64:
		*address = p->arm64.gicd_base;
		*max_line = 1019;
		break;
	case WARDEN_ARCH_X86:
		*address = p->x86.ioapic_base;
		*max_line = p->x86.ioapic_pins - 1;
		break;
	default:
		*address = p->riscv.irqchip_base;
		*max_line = p->riscv.max_irq;
	}
}

/*
 * Devices the hypervisor emulates for the root cell: a root region over
 * one would hand Linux the device itself, past the emulation.  The
 * platform data is checked already, so none of them wraps.  A non-root
 * cell's memory must be the root's, so it cannot reach them either.
 */
static const char *check_emulated(const struct warden_system *sys,
				  const struct warden_memory_region *r)
{
	const union warden_platform *p = &sys->platform;

	switch (sys->header.arch) {
	case WARDEN_ARCH_ARM64:
		if (overlap(r->phys_start, r->size, p->arm64.gicd_base,
			    GICD_SIZE))
			return "root cell memory_regions: covers the GIC distributor (platform.gicd_base), which the hypervisor emulates: remove the region from [[root-cell.regions]]";
		if (overlap(r->phys_start, r->size, p->arm64.gicr_base,
			    p->arm64.gicr_size))
			return "root cell memory_regions: covers the GIC redistributors (platform.gicr_base, gicr_size), which the hypervisor emulates: remove the region from [[root-cell.regions]]";
		break;
	case WARDEN_ARCH_X86:
		if (overlap(r->phys_start, r->size, p->x86.lapic_base,
			    WARDEN_PAGE_SIZE))
			return "root cell memory_regions: covers the local APIC page (platform.lapic_base), which the hypervisor emulates: remove the region from [[root-cell.regions]]";
		break;
	}
	return 0;
}

/* What the system asks of its root cell beyond being a sound cell. */
static const char *check_root_fit(const struct warden_system *sys)
{
	const struct warden_cell *root = warden_system_root_cell(sys);
	const struct warden_memory_region *r = warden_cell_regions(root);
	const struct warden_irqchip *c = warden_cell_irqchips(root);
	__u64 address, max_line;
	const char *why;
	__u32 i;

	for (i = 0; i < root->memory_regions.count; i++) {
		if (overlap(r[i].phys_start, r[i].size, sys->hypervisor_phys,
			    sys->hypervisor_size))
			return "root cell memory_regions: overlaps the hypervisor memory";
		why = check_emulated(sys, &r[i]);
		if (why)
			return why;
	}
	system_irqchip(sys, &address, &max_line);
	for (i = 0; i < root->irqchips.count; i++) {
		if (c[i].address != address)
			return "root cell irqchips.address: not the system's interrupt controller";
		if (!window_in_range(&c[i], 0, max_line))
			return "root cell irqchips.pin_bitmap: line beyond the interrupt controller";
	}
	return 0;
}

static const char *check_system_fixed(const struct warden_system *sys)
{
	const char *why;

	if (!name_ok(sys->name, 0))
		return "system.name: empty, unterminated or not [A-Za-z0-9._-]";
	if (!sys->hypervisor_size ||
	    not_aligned(sys->hypervisor_phys | sys->hypervisor_size,
			WARDEN_PAGE_SIZE) ||
	    wraps(sys->hypervisor_phys, sys->hypervisor_size))
		return "system.hypervisor_size: zero, unaligned or wraps around";
	if (!all_zero(sys->reserved, sizeof(sys->reserved)))
		return "system.reserved: not zero";
	why = check_console(&sys->debug_console, sys->header.arch, 0);
	if (!why)
		why = check_pci(&sys->pci);
	if (!why)
		why = check_platform(sys);
	return why;
}

static const char *check_system(const void *image, __u64 size, __u32 arch)
{
	const struct warden_system *sys = image;
	const struct warden_config_header *hdr = &sys->header;
	__u64 iommu_len;
	const char *why;

	why = check_header(image, size, WARDEN_SYSTEM_MAGIC, arch, sizeof(*sys));
	if (!why)
		why = check_system_fixed(sys);
	if (why)
		return why;
	if (!array_ok(&sys->iommu_units, sizeof(struct warden_iommu),
		      WARDEN_MAX_IOMMU_UNITS, hdr))
		return "system.iommu_units: count or offset out of bounds";
	iommu_len = (__u64)sys->iommu_units.count * sizeof(struct warden_iommu);
	if (!sys->root_cell_size ||
	    !span_ok(sys->root_cell_offset, sys->root_cell_size,
		     hdr->header_size, hdr->total_size) ||
	    spans_overlap(sys->root_cell_offset, sys->root_cell_size,
			  sys->iommu_units.offset, iommu_len))
		return "system.root_cell_offset: root cell missing or out of bounds";
	/*
	 * warden does not program IOMMUs yet: accepting units would promise
	 * DMA isolation that nothing enforces.
	 */
	if (sys->iommu_units.count)
		return "system.iommu_units: not supported yet (warden does not program IOMMUs): remove [[system.iommu]]";
	why = check_cell(warden_system_root_cell(sys), sys->root_cell_size,
			 hdr->arch, 1);
	if (!why)
		why = check_root_fit(sys);
	return why;
}

int warden_config_check(const void *image, __u64 size, __u32 expect_magic,
			__u32 expect_arch, const char **reason)
{
	const char *why;

	if (expect_magic == WARDEN_SYSTEM_MAGIC)
		why = check_system(image, size, expect_arch);
	else if (expect_magic == WARDEN_CELL_MAGIC)
		why = check_cell(image, size, expect_arch, 0);
	else
		why = "caller: unknown configuration kind";
	if (reason)
		*reason = why;
	return why ? WARDEN_CONFIG_INVALID : 0;
}
