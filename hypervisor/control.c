// SPDX-License-Identifier: GPL-2.0
/*
 * The root cell and hypercalls.  The root cell is built from the system
 * configuration; hypercalls report on the hypervisor, its cells and CPUs,
 * let the root cell manage other cells (cell.c) and disable the
 * hypervisor.
 */
#include <warden/arch.h>
#include <warden/cell.h>
#include <warden/control.h>
#include <warden/hypercall.h>
#include <warden/printk.h>
#include <warden/sections.h>

/*
 * One root hypercall on cells at a time, whatever the root's kernel does:
 * cells[], the root's stage-2 tables and TEMP_MAP_BASE are changed only
 * under it.
 */
static struct spinlock mgmt_lock;

unsigned long region_flags(const struct warden_memory_region *r)
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

/* The root's tables are live: other root CPUs are held (root_hold()). */
static void root_tables_flush(struct paging *pg)
{
	arch_cell_flush(&root_cell);
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
	if (ARCH_BREAK_BEFORE_MAKE)
		cell->mem.flush = root_tables_flush;
	cells[0] = cell;
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

	if (!pc)
		return -EINVAL;
	return pc->cell ? pc->state : WARDEN_CPU_STATE_NONE;
}

static long cpu_stat(unsigned long cpu, unsigned long what)
{
	struct per_cpu *pc = per_cpu(cpu);

	if (!pc || what >= WARDEN_NUM_STATS)
		return -EINVAL;
	return pc->stats[what];
}

static long failed_cpus(unsigned long id)
{
	if (id == 0 || id >= MAX_CELLS || !cells[id])
		return -ENOENT;
	return cells[id]->failed_cpus;
}

/*
 * May a non-root cell put another line on the console?  A burst of
 * CONSOLE_BURST lines, then CONSOLE_PER_SEC a second: a cell cannot keep
 * the console (and its lock) busy for the root and the other cells.  The
 * first line dropped says so.
 */
#define CONSOLE_BURST	200
#define CONSOLE_PER_SEC	50

bool cell_may_print(struct cell *cell)
{
	u64 now = arch_time_ms(), refill;
	bool ok = true;

	if (cell == &root_cell)
		return true;
	spin_lock(&cell->rate_lock);
	refill = (now - cell->out_time) * CONSOLE_PER_SEC / 1000;
	if (refill) {
		cell->out_tokens = MIN(cell->out_tokens + refill,
				       (u64)CONSOLE_BURST);
		cell->out_time = now;
	}
	if (cell->out_tokens) {
		cell->out_tokens--;
		cell->out_dropped = false;
	} else {
		if (!cell->out_dropped)
			printk("warden: cell \"%s\" prints too much: lines "
			       "dropped\n", cell_name(cell));
		cell->out_dropped = true;
		ok = false;
	}
	spin_unlock(&cell->rate_lock);
	return ok;
}

/*
 * A cell's console output goes out a line at a time, after the cell's
 * name, so that lines of different cells do not mix and nobody reading
 * the console takes a cell's line for the hypervisor's or the root's.
 */
static void cell_putc(struct cell *cell, unsigned long c)
{
	if (c == '\r' || c == 0 || c > 0xff)
		return;
	spin_lock(&cell->out_lock);
	if (c != '\n')
		cell->out[cell->out_len++] = c;
	if (c == '\n' || cell->out_len == sizeof(cell->out) - 1) {
		cell->out[cell->out_len] = 0;
		if (cell_may_print(cell))
			printk("[%s] %s\n", cell_name(cell), cell->out);
		cell->out_len = 0;
	}
	spin_unlock(&cell->out_lock);
}

/* The calls only the root cell may make. */
static long root_hypercall(unsigned long code, unsigned long arg1,
			   unsigned long arg2)
{
	switch (code) {
	case WARDEN_HC_CELL_STATE:
		return cell_state(arg1);
	case WARDEN_HC_CPU_STATE:
		return cpu_state(arg1);
	case WARDEN_HC_CELL_CREATE:
		return cell_create(arg1, arg2);
	case WARDEN_HC_CELL_START:
		return cell_start(arg1);
	case WARDEN_HC_CELL_SHUTDOWN:
		return cell_shutdown(arg1);
	case WARDEN_HC_CELL_DESTROY:
		return cell_destroy(arg1);
	case WARDEN_HC_CPU_STAT:
		return cpu_stat(arg1, arg2);
	case WARDEN_HC_CELL_FAILED_CPUS:
		return failed_cpus(arg1);
	default:
		return -ENOSYS;
	}
}

/*
 * Holding the root's other CPUs at EL2 while its stage-2 tables change:
 * splitting or merging a live block needs break-before-make, and an entry
 * briefly invalid must not fault a root CPU.  The holder sets hold_active,
 * then kicks every running root CPU; each acknowledges in
 * cpu_hold_point() (pc->held), or powers off, which is as good.  A CPU
 * that comes up meanwhile sees hold_active after it counts as running
 * (one of the two sides sees the other).  If a CPU does not answer (the
 * root masked the kick on it), nothing is changed and the call fails.
 */
#define HOLD_ROUNDS	100000000UL

static bool hold_active;

void cpu_hold_point(struct per_cpu *pc)
{
	for (;;) {
		if (__atomic_load_n(&pc->hold, __ATOMIC_ACQUIRE)) {
			__atomic_store_n(&pc->held, true, __ATOMIC_SEQ_CST);
			while (__atomic_load_n(&pc->hold, __ATOMIC_ACQUIRE))
				arch_cpu_relax();
			__atomic_store_n(&pc->held, false, __ATOMIC_SEQ_CST);
		}
		/* Not asked, but a hold is on: wait it out (or be asked). */
		if (!__atomic_load_n(&hold_active, __ATOMIC_ACQUIRE))
			return;
		arch_cpu_relax();
	}
}

/* Every CPU root_hold() kicked is held or off. */
static bool all_held(void)
{
	struct per_cpu *pc;

	for_each_cpu(pc) {
		if (__atomic_load_n(&pc->hold, __ATOMIC_ACQUIRE) &&
		    !__atomic_load_n(&pc->held, __ATOMIC_ACQUIRE) &&
		    __atomic_load_n(&pc->state, __ATOMIC_ACQUIRE) ==
		    WARDEN_CPU_STATE_RUNNING)
			return false;
	}
	return true;
}

static void root_release(void)
{
	struct per_cpu *pc;

	for_each_cpu(pc)
		__atomic_store_n(&pc->hold, false, __ATOMIC_RELEASE);
	__atomic_store_n(&hold_active, false, __ATOMIC_RELEASE);
}

static int root_hold(void)
{
	struct per_cpu *self = this_cpu(), *pc;
	unsigned long n;

	if (!ARCH_BREAK_BEFORE_MAKE)
		return 0;
	__atomic_store_n(&hold_active, true, __ATOMIC_SEQ_CST);
	for_each_cpu(pc) {
		if (pc == self || pc->cell != &root_cell ||
		    __atomic_load_n(&pc->state, __ATOMIC_SEQ_CST) !=
		    WARDEN_CPU_STATE_RUNNING)
			continue;
		__atomic_store_n(&pc->hold, true, __ATOMIC_SEQ_CST);
		arch_cpu_kick(pc);
	}
	for (n = 0; n < HOLD_ROUNDS; n++) {
		if (all_held())
			return 0;
		arch_cpu_relax();
	}
	root_release();
	printk("warden: a root CPU does not answer the hypervisor's "
	       "interrupt: cell management refused\n");
	return -ETIMEDOUT;
}

/* The calls that change the root's stage 2 or the cells. */
static bool changes_cells(unsigned long code)
{
	return code >= WARDEN_HC_CELL_CREATE &&
	       code <= WARDEN_HC_CELL_DESTROY;
}

/*
 * A root call, under mgmt_lock; one that changes cells with the root's
 * other CPUs held.  Waiting for the lock, a CPU still answers a hold.
 */
static long locked_call(unsigned long code, unsigned long arg1,
			unsigned long arg2)
{
	struct per_cpu *pc = this_cpu();
	long ret;

	while (!spin_trylock(&mgmt_lock))
		cpu_hold_point(pc);
	if (changes_cells(code)) {
		ret = root_hold();
		if (!ret)
			ret = root_hypercall(code, arg1, arg2);
		root_release();
	} else if (code == WARDEN_HC_DISABLE) {
		ret = cpu_leave(pc);
	} else if (code == WARDEN_HC_GET_INFO) {
		ret = get_info(arg1);
	} else {
		ret = root_hypercall(code, arg1, arg2);
	}
	spin_unlock(&mgmt_lock);
	return ret;
}

long hypercall(unsigned long code, unsigned long arg1, unsigned long arg2)
{
	struct per_cpu *pc = this_cpu();
	bool root = pc->cell == &root_cell;

	switch (code) {
	case WARDEN_HC_DISABLE:
	case WARDEN_HC_GET_INFO:
	case WARDEN_HC_CELL_STATE:
	case WARDEN_HC_CPU_STATE:
	case WARDEN_HC_CELL_CREATE ... WARDEN_HC_CELL_FAILED_CPUS:
		return root ? locked_call(code, arg1, arg2) : -EPERM;
	case WARDEN_HC_DEBUG_CONSOLE_PUTC:
		cell_putc(pc->cell, arg1);
		return 0;
	default:
		return -ENOSYS;
	}
}
