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
	bool bad;		/* the handler: no register takes this access */
};

/* What mmio_handle() made of an access. */
#define MMIO_UNHANDLED	0	/* nobody emulates that address */
#define MMIO_HANDLED	1
#define MMIO_BAD	2	/* misaligned, or a width the register lacks:
				   the cell's fault, never replayed */

struct cell;

/*
 * Returns true if it handled the access (a read sets access->value).  It
 * gets only naturally aligned accesses; one of a width the register does
 * not have it refuses by setting access->bad, touching nothing.
 */
typedef bool (*mmio_handler)(struct cell *cell, struct mmio_access *access);

struct mmio_region {
	u64 start;
	u64 size;
	mmio_handler handler;
};

/* Register a handler for [start, start + size) of cell.  0 or -ENOMEM. */
int mmio_register(struct cell *cell, u64 start, u64 size,
		  mmio_handler handler);
/* Dispatch an access: MMIO_HANDLED, MMIO_UNHANDLED or MMIO_BAD. */
int mmio_handle(struct cell *cell, struct mmio_access *access);

/* Plain device accesses of the hypervisor itself. */
u64 mmio_read(const void *address, unsigned int size);
void mmio_write(void *address, unsigned int size, u64 value);

#endif /* _WARDEN_MMIO_H */
