// SPDX-License-Identifier: GPL-2.0
/*
 * Cells and hypercalls.  The root cell is built from the system
 * configuration; hypercalls report on the hypervisor, its cells and CPUs,
 * and let the root cell disable the hypervisor.
 */
#include <warden/arch.h>
#include <warden/cell.h>
#include <warden/control.h>
#include <warden/header.h>
#include <warden/hypercall.h>
#include <warden/printk.h>

extern struct warden_header warden_header;

struct cell root_cell;
unsigned int num_cells;

/* What a configured region allows, in paging terms. */
static unsigned long region_flags(const struct warden_memory_region *r)
{
	unsigned long flags = 0;

	if (r->flags & WARDEN_MEM_READ)
		flags |= MAP_READ;
	if (r->flags & WARDEN_MEM_WRITE)
		flags |= MAP_WRITE;
	if (r->flags & WARDEN_MEM_EXECUTE)
		flags |= MAP_EXEC;
	if (r->flags & WARDEN_MEM_IO)
		flags |= MAP_DEVICE;
	return flags;
}

int root_cell_init(const struct warden_system *sys)
{
	const struct warden_cell *config = warden_system_root_cell(sys);
	const struct warden_memory_region *r = warden_cell_regions(config);
	struct cell *cell = &root_cell;
	unsigned int n;
	int err;

	cell->id = 0;
	cell->config = config;
	cell->cpu_set = config->cpu_set;
	err = paging_init(&cell->mem, &mem_pool, PAGING_GUEST);
	for (n = 0; !err && n < config->memory_regions.count; n++)
		err = paging_map(&cell->mem, r[n].virt_start, r[n].phys_start,
				 r[n].size, region_flags(&r[n]));
	if (!err)
		err = arch_cell_init(cell);
	if (err)
		return err;
	num_cells = 1;
	return 0;
}

static long get_info(unsigned long what)
{
	switch (what) {
	case WARDEN_INFO_MEM_POOL_SIZE:
		return mem_pool.pages;
	case WARDEN_INFO_MEM_POOL_USED:
		return mem_pool.used;
	case WARDEN_INFO_NUM_CELLS:
		return num_cells;
	case WARDEN_INFO_MEM_FIXED:
		return (unsigned char *)mem_pool.base -
		       (unsigned char *)&warden_header;
	default:
		return -EINVAL;
	}
}

static long cpu_state(unsigned long cpu)
{
	struct per_cpu *pc = per_cpu(cpu);

	if (!pc || !(root_cell.cpu_set & (1ULL << cpu)))
		return -EINVAL;
	return pc->cell ? pc->state : WARDEN_CPU_STATE_NONE;
}

long hypercall(unsigned long code, unsigned long arg1, unsigned long arg2)
{
	struct per_cpu *pc = this_cpu();
	bool root = pc->cell == &root_cell;

	switch (code) {
	case WARDEN_HC_DISABLE:
		return root ? cpu_leave(pc) : -EPERM;
	case WARDEN_HC_GET_INFO:
		return get_info(arg1);
	case WARDEN_HC_CELL_STATE:
		if (!root)
			return -EPERM;
		return arg1 < num_cells ? WARDEN_CELL_STATE_RUNNING : -ENOENT;
	case WARDEN_HC_CPU_STATE:
		return root ? cpu_state(arg1) : -EPERM;
	case WARDEN_HC_DEBUG_CONSOLE_PUTC: {
		char s[2] = { (char)arg1, 0 };

		console_write(s);
		return 0;
	}
	default:
		return -ENOSYS;
	}
}
