/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cells: the root cell (Linux, id 0) and the cells the root creates from
 * their configurations (cell.c, Documentation/cells.md).
 */
#ifndef _WARDEN_CELL_H
#define _WARDEN_CELL_H

#include <asm/cell.h>
#include <warden/cell-config.h>
#include <warden/mmio.h>
#include <warden/paging.h>
#include <warden/spinlock.h>

#define MAX_CELLS	16	/* the root cell included */

struct warden_comm;

struct cell {
	unsigned int id;		/* 0 for the root cell */
	const struct warden_cell *config;	/* a copy, for other cells */
	unsigned long config_pages;	/* pool pages of the copy */
	unsigned int state;		/* WARDEN_CELL_STATE_* */
	bool loadable_root;		/* its loadable regions are the root's */
	u64 failed_cpus;		/* CPUs that faulted */
	struct warden_comm *comm;	/* its comm region, a pool page */
	/* Console output (WARDEN_HC_DEBUG_CONSOLE_PUTC) until a newline. */
	struct spinlock out_lock;
	char out[120];
	unsigned int out_len;
	/* What it may still print (cell_may_print()). */
	struct spinlock rate_lock;
	u64 out_tokens, out_time;
	bool out_dropped;
	u64 cpu_set;			/* bit n: CPU n is the cell's */
	struct paging mem;		/* the cell's physical address space */
	/* Trapped ranges the hypervisor emulates (mmio.h). */
	struct mmio_region mmio[MAX_MMIO_REGIONS];
	unsigned int num_mmio;
	struct arch_cell arch;
};

extern struct cell root_cell;
extern unsigned int num_cells;
/* Cell n, or NULL; cells[0] is the root cell. */
extern struct cell *cells[MAX_CELLS];

static inline const char *cell_name(const struct cell *cell)
{
	return (const char *)cell->config->name;
}

/* Build the root cell from the system configuration. */
int root_cell_init(const struct warden_system *sys);

/* What a configured region allows, in paging terms. */
unsigned long region_flags(const struct warden_memory_region *r);

/* May the cell cause another console line (rate limit)? */
bool cell_may_print(struct cell *cell);

/* The root's hypercalls on cells (WARDEN_HC_CELL_*). */
long cell_create(u64 config_phys, u64 size);
long cell_start(unsigned long id);
long cell_shutdown(unsigned long id);
long cell_destroy(unsigned long id);
long cell_state(unsigned long id);

/*
 * The calling CPU, of a non-root cell, faulted (failed) or the cell asked
 * to be switched off: the cell's state changes, its other CPUs are asked
 * to stop.  The architecture then parks the calling CPU.
 */
void cell_stop_self(bool failed);

#endif /* _WARDEN_CELL_H */
