/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Binary system and cell configurations.
 *
 * tools/warden-config compiles TOML into these images; the driver, the
 * hypervisor, the CLI and inmates read them.  Documentation/config-format.md
 * describes the TOML side and the rules in full.  In short:
 *
 *  - Little-endian.  Every field is naturally aligned, every struct is a
 *    multiple of 8 bytes, all padding is explicit and named reserved*.
 *    Reserved fields and unused bytes of names must be zero.
 *  - An image starts with struct warden_config_header.  header_size is the
 *    size of the fixed part (struct warden_system or struct warden_cell);
 *    a later compatible revision may append fields to it, which older
 *    readers skip.  Anything incompatible bumps WARDEN_CONFIG_VERSION.
 *  - Arrays follow the fixed part.  Each is described by a struct
 *    warden_array: a byte offset from the start of the image (8-aligned,
 *    0 when the array is empty) and a count of entries.
 *  - crc32 is zlib's CRC-32 of the whole image (total_size bytes), computed
 *    with the crc32 field itself set to zero.
 *  - A system image embeds the root cell as a complete cell image (with its
 *    own header and CRC) at root_cell_offset.
 *
 * Nothing here may be trusted before warden_config_check() (config-check.h)
 * has accepted the image; the hypervisor must check its own copy.
 */
#ifndef _WARDEN_CELL_CONFIG_H
#define _WARDEN_CELL_CONFIG_H

#include <warden/types.h>

#define WARDEN_CONFIG_VERSION		1

/* The first four bytes of an image read "WSYS" or "WCEL". */
#define WARDEN_SYSTEM_MAGIC		0x53595357
#define WARDEN_CELL_MAGIC		0x4c454357

#define WARDEN_ARCH_ARM64		1
#define WARDEN_ARCH_X86			2
#define WARDEN_ARCH_RISCV		3

#define WARDEN_PAGE_SIZE		0x1000ULL
#define WARDEN_NAME_LEN			32
#define WARDEN_MAX_CPUS			64
#define WARDEN_CONFIG_MAX_SIZE		0x100000

/* Limits on array lengths, so that checking stays cheap. */
#define WARDEN_MAX_MEMORY_REGIONS	1024
#define WARDEN_MAX_IRQCHIPS		64
#define WARDEN_MAX_PIO_RANGES		256
#define WARDEN_MAX_IOMMU_UNITS		16

/* Interrupt lines are kept in windows of this many lines per entry. */
#define WARDEN_IRQCHIP_WINDOW		128

/* x86 I/O port space. */
#define WARDEN_PIO_LIMIT		0x10000

struct warden_config_header {
	__u32 magic;
	__u16 version;
	__u16 arch;
	__u32 header_size;
	__u32 total_size;
	__u32 crc32;
	__u32 reserved;
};

struct warden_array {
	__u32 offset;
	__u32 count;
};

#define WARDEN_CONSOLE_NONE		0
/* Cells only: output through the hypervisor's debug-console hypercall. */
#define WARDEN_CONSOLE_HYPERVISOR	1
#define WARDEN_CONSOLE_PL011		2
#define WARDEN_CONSOLE_8250_MMIO	3
#define WARDEN_CONSOLE_8250_PIO		4
#define WARDEN_CONSOLE_SBI		5

/*
 * For MMIO consoles address is physical in the system configuration and
 * in the cell's own address space in a cell configuration; for 8250-pio it
 * is the I/O port.  io_width is the access width in bytes, reg_shift the
 * log2 of the register stride.  All zero for none, hypervisor and sbi.
 */
struct warden_console {
	__u64 address;
	__u32 size;
	__u16 type;
	__u8 io_width;
	__u8 reg_shift;
	__u32 reserved[2];
};

#define WARDEN_MEM_READ			(1ULL << 0)
#define WARDEN_MEM_WRITE		(1ULL << 1)
#define WARDEN_MEM_EXECUTE		(1ULL << 2)
#define WARDEN_MEM_DMA			(1ULL << 3)
#define WARDEN_MEM_IO			(1ULL << 4)
/* The hypervisor's communication page; phys_start is 0 and ignored. */
#define WARDEN_MEM_COMM			(1ULL << 5)
/* The root may write the region while the cell is not running. */
#define WARDEN_MEM_LOADABLE		(1ULL << 6)
/* The root keeps the region mapped while the cell exists. */
#define WARDEN_MEM_ROOT_SHARED		(1ULL << 7)
#define WARDEN_MEM_KNOWN		0xffULL

struct warden_memory_region {
	__u64 phys_start;
	__u64 virt_start;
	__u64 size;
	__u64 flags;
};

/*
 * The interrupt lines a cell owns on one interrupt controller, identified
 * by its base address (GICD, IOAPIC, PLIC or APLIC), in windows of 128
 * lines: bit n of pin_bitmap is line pin_base + n.  pin_base is a multiple
 * of WARDEN_IRQCHIP_WINDOW; entries are sorted by (address, pin_base),
 * unique, and never empty.
 */
struct warden_irqchip {
	__u64 address;
	__u32 pin_base;
	__u32 reserved;
	__u64 pin_bitmap[2];
};

/* x86 only: ports base .. base + size - 1. */
struct warden_pio_range {
	__u32 base;
	__u32 size;
};

/* Set by the compiler on the root cell embedded in a system image. */
#define WARDEN_CELL_ROOT		(1ULL << 0)
/* The cell does not answer comm-region requests; it may be stopped at once. */
#define WARDEN_CELL_PASSIVE_COMM	(1ULL << 1)
#define WARDEN_CELL_KNOWN		0x3ULL

struct warden_cell {
	struct warden_config_header header;
	__u8 name[WARDEN_NAME_LEN];
	/* The system this cell is meant for; empty for any. */
	__u8 system_name[WARDEN_NAME_LEN];
	/* Bit n set: CPU n (Linux's logical number) belongs to the cell. */
	__u64 cpu_set;
	__u64 flags;
	/* Where the cell's CPUs start, in the cell's address space. */
	__u64 cpu_reset_address;
	struct warden_console console;
	struct warden_array memory_regions;
	struct warden_array irqchips;
	struct warden_array pio_ranges;
	/* For PCI devices and ivshmem links; empty in version 1. */
	struct warden_array reserved_arrays[3];
	__u64 reserved[4];
};

struct warden_pci {
	__u64 ecam_base;	/* 0: no PCI */
	__u16 domain;
	__u8 bus_start;
	__u8 bus_end;
	__u32 reserved;
};

#define WARDEN_IOMMU_AMD_VI		1
#define WARDEN_IOMMU_INTEL_VTD		2
#define WARDEN_IOMMU_ARM_SMMUV3		3
#define WARDEN_IOMMU_RISCV		4

struct warden_iommu {
	__u64 base;
	__u32 size;
	__u16 type;
	__u16 reserved;
};

struct warden_platform_arm64 {
	__u64 gicd_base;
	__u64 gicr_base;
	__u64 gicr_size;
	__u32 gic_version;
	__u32 maintenance_irq;
};

struct warden_platform_x86 {
	__u64 ioapic_base;
	__u64 lapic_base;
	__u32 ioapic_pins;
	__u32 pm_timer_port;
	__u32 tsc_khz;		/* 0: measure at enable time */
	__u32 apic_khz;		/* 0: measure at enable time */
};

#define WARDEN_IRQCHIP_PLIC		1
#define WARDEN_IRQCHIP_APLIC		2

struct warden_platform_riscv {
	__u64 irqchip_base;
	__u64 irqchip_size;
	__u64 clint_base;	/* 0: none */
	__u64 clint_size;
	__u64 timebase_frequency;
	__u32 irqchip_type;
	__u32 max_irq;		/* highest interrupt source number */
};

/* Bytes beyond the architecture's member must be zero. */
union warden_platform {
	struct warden_platform_arm64 arm64;
	struct warden_platform_x86 x86;
	struct warden_platform_riscv riscv;
	__u64 raw[12];
};

struct warden_system {
	struct warden_config_header header;
	__u8 name[WARDEN_NAME_LEN];
	__u64 hypervisor_phys;
	__u64 hypervisor_size;
	struct warden_console debug_console;
	struct warden_pci pci;
	struct warden_array iommu_units;
	__u32 root_cell_offset;
	__u32 root_cell_size;
	union warden_platform platform;
	__u64 reserved[4];
};

/* Accessors, valid only on an image that warden_config_check() accepted. */
static inline const struct warden_memory_region *
warden_cell_regions(const struct warden_cell *cell)
{
	return (const void *)((const __u8 *)cell + cell->memory_regions.offset);
}

static inline const struct warden_irqchip *
warden_cell_irqchips(const struct warden_cell *cell)
{
	return (const void *)((const __u8 *)cell + cell->irqchips.offset);
}

static inline const struct warden_pio_range *
warden_cell_pio_ranges(const struct warden_cell *cell)
{
	return (const void *)((const __u8 *)cell + cell->pio_ranges.offset);
}

static inline const struct warden_iommu *
warden_system_iommus(const struct warden_system *sys)
{
	return (const void *)((const __u8 *)sys + sys->iommu_units.offset);
}

static inline const struct warden_cell *
warden_system_root_cell(const struct warden_system *sys)
{
	return (const void *)((const __u8 *)sys + sys->root_cell_offset);
}

#endif /* _WARDEN_CELL_CONFIG_H */
