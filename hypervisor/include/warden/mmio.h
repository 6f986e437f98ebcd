/* SPDX-License-Identifier: GPL-2.0 */
/*
 * MMIO emulation: a cell's accesses to device registers the hypervisor
 * keeps for itself trap (they are not in the cell's address space) and
 * go to the handler registered for that range.
 */
#ifndef _WARDEN_MMIO_H
#define _WARDEN_MMIO_H

#include <warden/lib.h>

#define MAX_MMIO_REGIONS	4

struct mmio_access {
	u64 address;		/* in the cell's physical address space */
	u64 value;		/* written, or to be read */
	unsigned int size;	/* bytes: 1, 2, 4 or 8 */
	bool write;
};

struct cell;

/* Returns true if it handled the access (a read sets access->value). */
typedef bool (*mmio_handler)(struct cell *cell, struct mmio_access *access);

struct mmio_region {
	u64 start;
	u64 size;
	mmio_handler handler;
};

/* Register a handler for [start, start + size) of cell.  0 or -ENOMEM. */
int mmio_register(struct cell *cell, u64 start, u64 size,
		  mmio_handler handler);
/* Dispatch an access; false if no handler took it. */
bool mmio_handle(struct cell *cell, struct mmio_access *access);

/* Plain device accesses of the hypervisor itself. */
u64 mmio_read(const void *address, unsigned int size);
void mmio_write(void *address, unsigned int size, u64 value);

#endif /* _WARDEN_MMIO_H */
