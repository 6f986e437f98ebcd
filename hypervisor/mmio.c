// SPDX-License-Identifier: GPL-2.0
/* MMIO emulation: dispatch of trapped accesses (see mmio.h). */
#include <warden/cell.h>
#include <warden/mmio.h>

int mmio_register(struct cell *cell, u64 start, u64 size,
		  mmio_handler handler)
{
	if (cell->num_mmio == MAX_MMIO_REGIONS)
		return -ENOMEM;
	cell->mmio[cell->num_mmio++] = (struct mmio_region){
		start, size, handler };
	return 0;
}

/*
 * Every emulated register is naturally aligned: a misaligned access never
 * reaches a handler (replayed on the device it could fault at EL2).
 */
int mmio_handle(struct cell *cell, struct mmio_access *access)
{
	const struct mmio_region *r;
	unsigned int n;

	for (n = 0; n < cell->num_mmio; n++) {
		r = &cell->mmio[n];
		if (access->address < r->start ||
		    access->address - r->start >= r->size)
			continue;
		if (access->address & (access->size - 1) ||
		    access->address - r->start + access->size > r->size)
			return MMIO_BAD;
		access->bad = false;
		if (!r->handler(cell, access))
			return MMIO_UNHANDLED;
		return access->bad ? MMIO_BAD : MMIO_HANDLED;
	}
	return MMIO_UNHANDLED;
}

u64 mmio_read(const void *address, unsigned int size)
{
	switch (size) {
	case 1:
		return *(const volatile u8 *)address;
	case 2:
		return *(const volatile u16 *)address;
	case 4:
		return *(const volatile u32 *)address;
	default:
		return *(const volatile u64 *)address;
	}
}

void mmio_write(void *address, unsigned int size, u64 value)
{
	switch (size) {
	case 1:
		*(volatile u8 *)address = value;
		break;
	case 2:
		*(volatile u16 *)address = value;
		break;
	case 4:
		*(volatile u32 *)address = value;
		break;
	default:
		*(volatile u64 *)address = value;
	}
}
