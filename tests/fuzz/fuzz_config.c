// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for the configuration validator
 * (hypervisor/config-check.c).  Run it with `make fuzz`.
 *
 * Random bytes almost never carry a right CRC, so each input is checked
 * twice: as it is, and with its CRCs (the image's and the embedded root
 * cell's) made right, which takes the fuzzer past the CRC to every other
 * check.  Whatever the validator accepts is then read the way the
 * hypervisor reads it; AddressSanitizer reports any read outside the input
 * and the asserts below any broken promise, both of which are crashes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../hypervisor/config-check.c"

#define promise(cond)	do { if (!(cond)) __builtin_trap(); } while (0)

/* Read a cell the way the hypervisor would, checking what it relies on. */
static __u64 use_cell(const struct warden_cell *cell, __u64 size)
{
	const struct warden_memory_region *r = warden_cell_regions(cell);
	const struct warden_irqchip *c = warden_cell_irqchips(cell);
	const struct warden_pio_range *p = warden_cell_pio_ranges(cell);
	__u64 sum = cell->cpu_set;
	__u32 i;

	promise(cell->header.total_size == size && cell->cpu_set);
	promise(cell->name[0] && !cell->name[WARDEN_NAME_LEN - 1]);
	for (i = 0; i < cell->memory_regions.count; i++) {
		promise(r[i].size && !(r[i].size & (WARDEN_PAGE_SIZE - 1)));
		promise(r[i].phys_start + r[i].size > r[i].phys_start);
		sum += r[i].phys_start + r[i].virt_start + r[i].flags;
	}
	for (i = 0; i < cell->irqchips.count; i++) {
		promise(c[i].pin_bitmap[0] | c[i].pin_bitmap[1]);
		sum += c[i].address + c[i].pin_base;
	}
	for (i = 0; i < cell->pio_ranges.count; i++) {
		promise(p[i].base + (__u64)p[i].size <= WARDEN_PIO_LIMIT);
		sum += p[i].base;
	}
	return sum;
}

static __u64 use_system(const struct warden_system *sys, __u64 size)
{
	const struct warden_iommu *u = warden_system_iommus(sys);
	__u64 sum = sys->hypervisor_phys;
	__u32 i;

	promise(sys->header.total_size == size);
	for (i = 0; i < sys->iommu_units.count; i++)
		sum += u[i].base;
	return sum + use_cell(warden_system_root_cell(sys),
			      sys->root_cell_size);
}

static void reseal(__u8 *buf, size_t size, size_t at)
{
	struct warden_config_header *hdr = (void *)(buf + at);

	if (at % 8 || at > size || size - at < sizeof(*hdr))
		return;
	if (hdr->total_size > size - at)
		return;
	hdr->crc32 = 0;
	hdr->crc32 = warden_crc32(0, buf + at, hdr->total_size);
}

static volatile __u64 sink;

static void check_all(const __u8 *buf, size_t size)
{
	static const __u32 magics[] = { WARDEN_SYSTEM_MAGIC, WARDEN_CELL_MAGIC };
	const char *why;
	__u32 m, arch;

	for (m = 0; m < 2; m++) {
		for (arch = 0; arch <= 4; arch++) {
			why = 0;
			if (warden_config_check(buf, size, magics[m], arch, &why)) {
				promise(why && *why);
				continue;
			}
			promise(!why);
			sink += m ? use_cell((const void *)buf, size) :
				    use_system((const void *)buf, size);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* An exact-size copy: malloc's alignment, and ASan sees overruns. */
	__u8 *buf = malloc(size ? size : 1);

	memcpy(buf, data, size);
	check_all(buf, size);
	if (size >= sizeof(struct warden_system))
		reseal(buf, size, ((struct warden_system *)buf)->root_cell_offset);
	reseal(buf, size, 0);
	check_all(buf, size);
	free(buf);
	return 0;
}
