// SPDX-License-Identifier: GPL-2.0
/*
 * Non-root cells: create, start, shut down, destroy (Documentation/cells.md).
 *
 * The root cell's hypercalls come here one at a time: control.c holds
 * mgmt_lock around them, whatever the driver does.  A cell's memory leaves
 * the root cell's address space while the
 * cell exists, except regions marked root-shared and, while the cell does
 * not run, its loadable regions, which the root writes images into.
 * A cell's CPUs are off whenever it does not run; arch_cpu_park() stops
 * them, arch_cpu_start() starts the first one at the cell's reset address
 * (the others wait for the cell's own PSCI CPU_ON).
 *
 * Every change of owner fails closed: if the root cannot be unmapped from a
 * region (the pool ran dry splitting a block), whatever was taken goes back
 * and the call fails.  Memory is zeroed whenever it changes owner (scrub()):
 * what a cell leaves behind never reaches the root or the next cell, and
 * what the root left in a region never reaches the cell.  Nothing treats a
 * CPU as stopped before arch_cpu_park() says it is off.
 *
 * A cell's CPU that faults, or that asks for the cell to be switched off,
 * calls cell_stop_self(): it never takes a lock and never waits for
 * another CPU, so that the root cannot be held up by a cell.
 */
#include <warden/arch.h>
#include <warden/cell.h>
#include <warden/comm.h>
#include <warden/config-check.h>
#include <warden/control.h>
#include <warden/hypercall.h>
#include <warden/printk.h>

/* The core's state of cells: the root, and the others by id. */
struct cell root_cell;
struct cell *cells[MAX_CELLS];
unsigned int num_cells;

static bool same_name(const u8 *a, const u8 *b)
{
	unsigned int n;

	for (n = 0; n < WARDEN_NAME_LEN && (a[n] || b[n]); n++)
		if (a[n] != b[n])
			return false;
	return true;
}

static bool overlaps(u64 a, u64 asize, u64 b, u64 bsize)
{
	return a < b + bsize && b < a + asize;
}

/* The root cell's configured region that holds [phys, phys + size). */
static const struct warden_memory_region *root_region(u64 phys, u64 size)
{
	const struct warden_cell *root = root_cell.config;
	const struct warden_memory_region *r = warden_cell_regions(root);
	unsigned int n;

	for (n = 0; n < root->memory_regions.count; n++)
		if (!(r[n].flags & (WARDEN_MEM_IO | WARDEN_MEM_COMM)) &&
		    phys >= r[n].phys_start &&
		    phys + size <= r[n].phys_start + r[n].size)
			return &r[n];
	return NULL;
}

#define ALL_MEM		(~0ULL)
#define SCRUB_CHUNK	0x200000ULL	/* 2 MiB: one block of the window */
#define NOT_SHARED	(WARDEN_MEM_COMM | WARDEN_MEM_ROOT_SHARED)

/* The root cell sees its RAM at the same addresses as the hypervisor. */
static int root_unmap(const struct warden_memory_region *r)
{
	return paging_unmap(&root_cell.mem, r->phys_start, r->size);
}

static int root_map(const struct warden_memory_region *r)
{
	const struct warden_memory_region *home = root_region(r->phys_start,
							      r->size);

	if (!home)
		return 0;
	return paging_map(&root_cell.mem, r->phys_start, r->phys_start,
			  r->size, region_flags(home));
}

/*
 * Zero [phys, phys + size) (or, without zero, leave it as it is) and push
 * it to memory: the next owner may read it with its caches off.  A chunk
 * at a time through TEMP_MAP_BASE.  0 or -errno (no pool page for a table).
 */
static int scrub(u64 phys, u64 size, bool zero)
{
	u64 done, n;
	void *va;
	int err;

	for (done = 0; done < size; done += n) {
		n = MIN(size - done, SCRUB_CHUNK - (phys + done) % SCRUB_CHUNK);
		err = paging_map(&hv_paging, TEMP_MAP_BASE, phys + done, n,
				 MAP_READ | MAP_WRITE);
		if (err) {
			/* What was mapped before the pool ran dry goes. */
			paging_unmap(&hv_paging, TEMP_MAP_BASE, n);
			arch_flush_hv_tlb();
			return err;
		}
		va = (void *)TEMP_MAP_BASE;
		if (zero)
			memset(va, 0, n);
		arch_dcache_flush(va, n);
		paging_unmap(&hv_paging, TEMP_MAP_BASE, n);
		arch_flush_hv_tlb();
	}
	return 0;
}

/* Memory of the cell that changes owner: not devices, not its comm page. */
#define SCRUBBED	(WARDEN_MEM_IO | WARDEN_MEM_COMM | WARDEN_MEM_ROOT_SHARED)

/* The root wrote the cell's image: push it to memory before the cell runs. */
static int clean_region(const struct warden_memory_region *r)
{
	return scrub(r->phys_start, r->size, false);
}

static int scrub_region(const struct warden_memory_region *r)
{
	int err = scrub(r->phys_start, r->size, true);

	if (err)
		printk("warden: memory at 0x%llx (%llu bytes) could not be "
		       "zeroed (%d): kept from its next owner\n",
		       r->phys_start, r->size, err);
	return err;
}

/*
 * fn on every region of the cell with a flag of any and none of none, in
 * order, up to the first error, which it returns.  Callers that undo map
 * every region back: root_map() of one that never left is harmless.
 */
static int for_regions(struct cell *cell, u64 any, u64 none,
		       int (*fn)(const struct warden_memory_region *r))
{
	const struct warden_memory_region *r = warden_cell_regions(cell->config);
	unsigned int n;
	int err;

	for (n = 0; n < cell->config->memory_regions.count; n++) {
		if (!(r[n].flags & any) || (r[n].flags & none))
			continue;
		err = fn(&r[n]);
		if (err)
			return err;
	}
	return 0;
}

/*
 * A region goes back to the root, scrubbed.  One that cannot be scrubbed
 * stays away from the root; one the root cannot map again (no pool page)
 * is lost to it: both are reported, neither lets a cell's data through,
 * and the next region goes back all the same.
 */
static int give_back_region(const struct warden_memory_region *r)
{
	if (!(r->flags & SCRUBBED) && scrub_region(r))
		return 0;
	if (root_map(r))
		printk("warden: memory at 0x%llx (%llu bytes) not returned "
		       "to the root cell: no pool page\n", r->phys_start,
		       r->size);
	return 0;
}

static void give_back(struct cell *cell, u64 any, u64 none)
{
	for_regions(cell, any, none, give_back_region);
	arch_cell_flush(&root_cell);	/* tables merged into blocks */
}

/*
 * Copy the configuration at phys (root memory) into pool pages: 0, or
 * -EINVAL if it is not all in root memory (the root's values are hostile:
 * an end past 2^64 is refused before anything is read), -ENOMEM.
 */
static int copy_config(u64 phys, u64 size, struct warden_cell **copy,
		       unsigned long *pages)
{
	u64 base = phys & ~(PAGE_SIZE - 1), offset = phys - base, n;
	unsigned long map = PAGES(offset + size);

	if (!size || size > WARDEN_CELL_CONFIG_MAX ||
	    base + map * PAGE_SIZE - 1 < base)
		return -EINVAL;
	for (n = 0; n < map; n++)
		if (paging_translate(&root_cell.mem, base + n * PAGE_SIZE) !=
		    base + n * PAGE_SIZE)
			return -EINVAL;
	*pages = PAGES(size);
	*copy = page_alloc(&mem_pool, *pages);
	if (!*copy)
		return -ENOMEM;
	if (paging_map(&hv_paging, TEMP_MAP_BASE, base, map * PAGE_SIZE,
		       MAP_READ)) {
		paging_unmap(&hv_paging, TEMP_MAP_BASE, map * PAGE_SIZE);
		arch_flush_hv_tlb();
		page_free(&mem_pool, *copy, *pages);
		return -ENOMEM;
	}
	memcpy(*copy, (char *)TEMP_MAP_BASE + offset, size);
	paging_unmap(&hv_paging, TEMP_MAP_BASE, map * PAGE_SIZE);
	arch_flush_hv_tlb();
	return 0;
}

/* Can config be a cell next to the root and the other cells? */
static const char *check_cell(const struct warden_cell *config)
{
	const struct warden_memory_region *r = warden_cell_regions(config), *o;
	unsigned int n, m, cpu, id;
	struct per_cpu *pc;
	struct cell *other;
	bool comm = false;

	if (config->flags & WARDEN_CELL_ROOT)
		return "it is a root cell";
	if (config->cpu_set & 1)
		return "CPU 0 stays with the root cell";
	for (cpu = 0; cpu < WARDEN_MAX_CPUS; cpu++) {
		if (!(config->cpu_set & (1ULL << cpu)))
			continue;
		pc = per_cpu(cpu);
		if (!pc || !pc->cell)
			return "a CPU the hypervisor does not have";
		if (pc->cell != &root_cell)
			return "a CPU of another cell";
		if (pc->state != WARDEN_CPU_STATE_OFF)
			return "a CPU the root cell still runs";
	}
	for (id = 1; id < MAX_CELLS; id++)
		if (cells[id] && same_name(cells[id]->config->name,
					   config->name))
			return "a cell of that name exists";
	for (n = 0; n < config->memory_regions.count; n++) {
		if (r[n].flags & WARDEN_MEM_COMM) {
			comm = true;
			continue;
		}
		if (!root_region(r[n].phys_start, r[n].size))
			return "memory outside the root cell's RAM";
		for (id = 1; id < MAX_CELLS; id++) {
			other = cells[id];
			if (!other)
				continue;
			o = warden_cell_regions(other->config);
			for (m = 0; m < other->config->memory_regions.count; m++)
				if (!(o[m].flags & WARDEN_MEM_COMM) &&
				    overlaps(r[n].phys_start, r[n].size,
					     o[m].phys_start, o[m].size))
					return "memory of another cell";
		}
	}
	/* The validator refuses none too; the comm page is used below. */
	if (!comm)
		return "no comm region";
	return NULL;
}

static int map_cell(struct cell *cell)
{
	const struct warden_memory_region *r = warden_cell_regions(cell->config);
	unsigned int n;
	int err = 0;

	for (n = 0; !err && n < cell->config->memory_regions.count; n++) {
		if (!(r[n].flags & WARDEN_MEM_COMM)) {
			err = paging_map(&cell->mem, r[n].virt_start,
					 r[n].phys_start, r[n].size,
					 region_flags(&r[n]));
			continue;
		}
		cell->comm = page_alloc(&mem_pool, 1);
		if (!cell->comm)
			return -ENOMEM;
		err = paging_map(&cell->mem, r[n].virt_start,
				 virt_to_phys(cell->comm), PAGE_SIZE,
				 MAP_READ | MAP_WRITE);
	}
	return err;
}

/* Free what a cell holds in the pool; its slot and CPUs are the caller's. */
static void free_cell(struct cell *cell)
{
	if (cell->mem.root)
		paging_destroy(&cell->mem);
	page_free(&mem_pool, cell->comm, 1);
	page_free(&mem_pool, (void *)cell->config, cell->config_pages);
	page_free(&mem_pool, cell, PAGES(sizeof(*cell)));
}

static void lift_park(u64 set)
{
	struct per_cpu *pc;

	for_each_cpu_in(pc, set)
		pc->park = false;
}

static void set_cpus(u64 set, struct cell *cell)
{
	struct per_cpu *pc;

	lift_park(set);		/* only a non-root cell's CPU is ever parked */
	for_each_cpu_in(pc, set) {
		pc->cell = cell;
		memset(pc->stats, 0, sizeof(pc->stats));
	}
}

/* The new cell's memory leaves the root, zeroed; 0 or -errno, undone. */
static int take_memory(struct cell *cell)
{
	int err;

	/* Loadable regions stay with the root until the cell starts. */
	err = for_regions(cell, ALL_MEM, NOT_SHARED | WARDEN_MEM_LOADABLE,
			  root_unmap);
	arch_cell_flush(&root_cell);
	if (!err)
		err = for_regions(cell, ALL_MEM,
				  SCRUBBED | WARDEN_MEM_LOADABLE, scrub_region);
	if (err) {
		for_regions(cell, ALL_MEM, NOT_SHARED | WARDEN_MEM_LOADABLE,
			    root_map);
		arch_cell_flush(&root_cell);
	}
	return err;
}

long cell_create(u64 config_phys, u64 size)
{
	unsigned long pages = 0;
	struct warden_cell *config;
	const char *why = NULL;
	struct cell *cell;
	unsigned int id;
	int err;

	if (hypervisor_leaving()) {
		printk("warden: cell create refused: the hypervisor is being "
		       "disabled\n");
		return -EBUSY;
	}
	for (id = 1; id < MAX_CELLS && cells[id]; id++)
		;
	if (id == MAX_CELLS) {
		printk("warden: cell create: no free cell slot (%u)\n",
		       MAX_CELLS - 1);
		return -ENOMEM;
	}
	err = copy_config(config_phys, size, &config, &pages);
	if (err == -EINVAL)
		printk("warden: cell create: configuration not readable "
		       "(size %llu, at most %u, in root memory)\n", size,
		       WARDEN_CELL_CONFIG_MAX);
	if (err)
		return err;
	if (warden_config_check(config, size, WARDEN_CELL_MAGIC, ARCH_NUMBER,
				&why) == 0)
		why = check_cell(config);
	if (why) {
		printk("warden: cell create refused: %s\n", why);
		page_free(&mem_pool, config, pages);
		return -EINVAL;
	}
	cell = page_alloc(&mem_pool, PAGES(sizeof(*cell)));
	if (!cell) {
		page_free(&mem_pool, config, pages);
		return -ENOMEM;
	}
	cell->id = id;
	cell->config = config;
	cell->config_pages = pages;
	cell->cpu_set = config->cpu_set;
	cell->state = WARDEN_CELL_STATE_SHUT_DOWN;
	cell->loadable_root = true;
	err = paging_init(&cell->mem, &mem_pool, PAGING_GUEST);
	if (!err)
		err = map_cell(cell);
	if (!err) {
		set_cpus(cell->cpu_set, cell);
		err = arch_cell_init(cell);
		if (!err) {
			err = take_memory(cell);
			if (err)
				arch_cell_exit(cell);
		}
		if (err)
			set_cpus(cell->cpu_set, &root_cell);
	}
	if (err) {
		printk("warden: cell create \"%s\" failed (%d)\n",
		       (const char *)config->name, err);
		free_cell(cell);
		return err;
	}
	cell->comm->signature = WARDEN_COMM_SIGNATURE;
	cell->comm->cell_id = id;
	root_cell.cpu_set &= ~cell->cpu_set;
	cells[id] = cell;
	num_cells++;
	printk("warden: cell \"%s\" created (id %u)\n", cell_name(cell), id);
	return id;
}

static struct cell *find_cell(unsigned long id)
{
	return id && id < MAX_CELLS ? cells[id] : NULL;
}

/*
 * Stop every CPU of the cell and wait until each is off.  If one does not
 * go off, nothing may treat it as stopped: the cell is marked failed, keeps
 * everything it has, and the call fails (it may be retried).
 */
static int park_cpus(struct cell *cell)
{
	struct per_cpu *pc;
	int err = 0;

	for_each_cell_cpu(pc, cell)
		if (arch_cpu_park(pc, true))
			err = -ETIMEDOUT;
	if (err) {
		cell->state = WARDEN_CELL_STATE_FAILED;
		printk("warden: cell \"%s\": a CPU did not stop; the cell "
		       "keeps its CPUs and memory\n", cell_name(cell));
	}
	return err;
}

static unsigned int first_cpu(u64 set)
{
	return __builtin_ctzll(set);
}

long cell_start(unsigned long id)
{
	struct cell *cell = find_cell(id);
	int err;

	if (!cell)
		return -ENOENT;
	if (cell->state != WARDEN_CELL_STATE_SHUT_DOWN)
		return -EBUSY;
	if (hypervisor_leaving())
		return -EBUSY;
	/*
	 * A cell that switched itself off only asked its other CPUs to stop:
	 * they must be off before the park requests are lifted.
	 */
	if (park_cpus(cell))
		return -ETIMEDOUT;
	/* From now on the root cannot change what the cell runs. */
	err = for_regions(cell, WARDEN_MEM_LOADABLE, NOT_SHARED, root_unmap);
	arch_cell_flush(&root_cell);
	if (!err)
		err = for_regions(cell, WARDEN_MEM_LOADABLE, SCRUBBED,
				  clean_region);
	if (err) {
		for_regions(cell, WARDEN_MEM_LOADABLE, NOT_SHARED, root_map);
		arch_cell_flush(&root_cell);
		printk("warden: cell \"%s\" start failed: its memory could "
		       "not be taken from the root (%d)\n", cell_name(cell),
		       err);
		return err;
	}
	cell->loadable_root = false;
	/* A line the last run was stopped in the middle of is not this run's. */
	cell->out_len = 0;
	cell->comm->msg_to_cell = WARDEN_MSG_NONE;
	cell->comm->cell_state = WARDEN_COMM_RUNNING;
	cell->failed_cpus = 0;
	/* Every CPU is off: the cell may start them again. */
	lift_park(cell->cpu_set);
	cell->state = WARDEN_CELL_STATE_RUNNING;
	err = arch_cpu_start(per_cpu(first_cpu(cell->cpu_set)),
			     cell->config->cpu_reset_address);
	if (err) {
		cell->state = WARDEN_CELL_STATE_SHUT_DOWN;
		/* It never ran: the root's image goes back as it was. */
		for_regions(cell, WARDEN_MEM_LOADABLE, NOT_SHARED, root_map);
		arch_cell_flush(&root_cell);
		cell->loadable_root = true;
		printk("warden: cell \"%s\": its first CPU did not start "
		       "(%d)\n", cell_name(cell), err);
		return err;
	}
	printk("warden: cell \"%s\" started\n", cell_name(cell));
	return 0;
}

static bool locked(struct cell *cell)
{
	return cell->state == WARDEN_CELL_STATE_RUNNING &&
	       cell->comm->cell_state == WARDEN_COMM_LOCKED &&
	       !(cell->config->flags & WARDEN_CELL_PASSIVE_COMM);
}

long cell_shutdown(unsigned long id)
{
	struct cell *cell = find_cell(id);
	unsigned int was;

	if (!cell)
		return -ENOENT;
	if (locked(cell)) {
		cell->comm->msg_to_cell = WARDEN_MSG_SHUTDOWN_REQUEST;
		return -EBUSY;
	}
	was = cell->state;
	cell->state = WARDEN_CELL_STATE_SHUT_DOWN;
	if (park_cpus(cell))
		return -ETIMEDOUT;
	if (was != WARDEN_CELL_STATE_SHUT_DOWN)
		printk("warden: cell \"%s\" shut down\n", cell_name(cell));
	if (cell->loadable_root)
		return 0;	/* not run since they were the root's */
	/* Also after cell_stop_self(), which cannot give them back. */
	give_back(cell, WARDEN_MEM_LOADABLE, NOT_SHARED);
	cell->loadable_root = true;
	return 1;
}

long cell_destroy(unsigned long id)
{
	struct cell *cell = find_cell(id);

	if (!cell)
		return -ENOENT;
	if (locked(cell)) {
		cell->comm->msg_to_cell = WARDEN_MSG_SHUTDOWN_REQUEST;
		return -EBUSY;
	}
	cell->state = WARDEN_CELL_STATE_SHUT_DOWN;
	if (park_cpus(cell))
		return -ETIMEDOUT;
	arch_cell_exit(cell);
	give_back(cell, ALL_MEM, NOT_SHARED);
	set_cpus(cell->cpu_set, &root_cell);
	root_cell.cpu_set |= cell->cpu_set;
	cells[id] = NULL;
	num_cells--;
	printk("warden: cell \"%s\" destroyed\n", cell_name(cell));
	/* Its CPUs' TLBs may hold its VMID, which the next cell reuses. */
	arch_cell_flush(cell);
	free_cell(cell);
	return 0;
}

long cell_state(unsigned long id)
{
	struct cell *cell = id < MAX_CELLS ? cells[id] : NULL;

	if (!cell)
		return -ENOENT;
	if (id == 0)
		return WARDEN_CELL_STATE_RUNNING;
	return locked(cell) ? WARDEN_CELL_STATE_RUNNING_LOCKED : cell->state;
}

void cell_stop_self(bool failed)
{
	struct per_cpu *self = this_cpu(), *pc;
	struct cell *cell = self->cell;

	if (failed) {
		__atomic_or_fetch(&cell->failed_cpus, 1ULL << self->cpu,
				  __ATOMIC_SEQ_CST);
		cell->state = WARDEN_CELL_STATE_FAILED;
	} else if (cell->state == WARDEN_CELL_STATE_RUNNING) {
		cell->state = WARDEN_CELL_STATE_SHUT_DOWN;
		printk("warden: cell \"%s\" switched itself off\n",
		       cell_name(cell));
	}
	for_each_cell_cpu(pc, cell)
		if (pc != self)
			arch_cpu_park(pc, false);	/* cannot fail unwaited */
}
