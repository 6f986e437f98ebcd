/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cells.  With this version only the root cell exists: Linux, which goes
 * on running on every CPU it had when the hypervisor was enabled.
 */
#ifndef _WARDEN_CELL_H
#define _WARDEN_CELL_H

#include <asm/cell.h>
#include <warden/cell-config.h>
#include <warden/mmio.h>
#include <warden/paging.h>

struct cell {
	unsigned int id;		/* 0 for the root cell */
	const struct warden_cell *config;
	u64 cpu_set;			/* bit n: CPU n is the cell's */
	struct paging mem;		/* the cell's physical address space */
	/* Trapped ranges the hypervisor emulates (mmio.h). */
	struct mmio_region mmio[MAX_MMIO_REGIONS];
	unsigned int num_mmio;
	struct arch_cell arch;
};

extern struct cell root_cell;
extern unsigned int num_cells;

static inline const char *cell_name(const struct cell *cell)
{
	return (const char *)cell->config->name;
}

/* Build the root cell from the system configuration. */
int root_cell_init(const struct warden_system *sys);

#endif /* _WARDEN_CELL_H */
