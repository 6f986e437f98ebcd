// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit test of cell management (hypervisor/cell.c, with control.c,
 * mem.c, paging.c and config-check.c as they are): which cells may be
 * created, what creating one takes from the root cell, that destroying it
 * gives all of it back (root mappings and page-pool figures), the states a
 * cell goes through, and lookup by id.
 *
 * The machine is simulated: the page pool is host memory at POOL_PHYS;
 * the root cell has RAM at 0x40000000 and 0x71000000 and a UART; cell
 * configurations are written to root RAM at CONFIG_PHYS, whose bytes a
 * host buffer holds.  TEMP_MAP_BASE (tests/unit/asm/arch-defs.h) is a host
 * window that host_temp_map() fills from whatever hv_paging maps there,
 * so cell.c reads the configuration only through its own mapping.  The
 * arch_* hooks are fakes that record their calls.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../hypervisor/mem.c"
#include "../../hypervisor/paging.c"
/* config-check.c has a static check_cell() too. */
#define check_cell config_check_cell
#include "../../hypervisor/config-check.c"
#undef check_cell
#include "../../hypervisor/control.c"
#include "../../hypervisor/cell.c"

#define KiB		0x400ULL
#define MiB		0x100000ULL
#define POOL_PHYS	0x70000000UL	/* hypervisor memory: not the root's */
#define POOL_PAGES	512
#define RAM_PHYS	0x40000000ULL	/* root RAM, 768 MiB */
#define RAM_SIZE	(768 * MiB)
#define CELLS_PHYS	0x71000000ULL	/* root RAM that cells take */
#define CELLS_SIZE	(240 * MiB)
#define UART_PHYS	0x09000000ULL	/* a root device region */
#define CFG_AREA	0x48000000ULL	/* root RAM backed by cfg_ram */
#define CFG_AREA_SIZE	(64 * KiB)
#define CONFIG_PHYS	(CFG_AREA + 0x100)	/* not page aligned */
#define WINDOW_SIZE	(2 * MiB)	/* cell.c's SCRUB_CHUNK */
#define NUM_CPUS	17		/* 0, 1 run Linux; 2..16 are offline */
#define RWX		(WARDEN_MEM_READ | WARDEN_MEM_WRITE | WARDEN_MEM_EXECUTE)
#define COMM_VIRT	0x80000000ULL

#define RAM(phys, virt, size, extra)	{ phys, virt, size, RWX | (extra) }
#define COMM	{ 0, COMM_VIRT, PAGE_SIZE, \
		  WARDEN_MEM_READ | WARDEN_MEM_WRITE | WARDEN_MEM_COMM }

/* ---- The simulated machine and the fake architecture ---- */

struct paging hv_paging;
unsigned int num_cpus;
struct warden_header warden_header;

static struct per_cpu cpus[NUM_CPUS];
static struct per_cpu *current;
static void *pool_mem;
static unsigned char *cfg_ram, *window;
static char last_msg[256];

static struct {
	unsigned int cell_init, cell_exit, root_flush, hv_flush;
	unsigned int start, park, park_wait;
	int cell_init_err, start_err, park_err;
	u64 dcache_flushed, time_ms;
	bool left;		/* a CPU made WARDEN_HC_DISABLE */
	unsigned int kicks;	/* root CPUs asked to hold */
	bool deaf;		/* ... and they do not answer */
	bool init_saw_cpus;	/* the cell's CPUs were the cell's, off */
	bool exit_saw_off;	/* ... and off at arch_cell_exit() */
	unsigned int started_cpu;
	u64 started_entry;
} fake;

struct per_cpu *per_cpu(unsigned int cpu)
{
	return cpu < num_cpus ? &cpus[cpu] : NULL;
}

struct per_cpu *this_cpu(void)
{
	return current;
}

unsigned long host_temp_map(void)
{
	unsigned long va = (unsigned long)window, off;
	u64 phys;

	for (off = 0; off < WINDOW_SIZE; off += PAGE_SIZE) {
		phys = hv_paging.root ? paging_translate(&hv_paging, va + off) :
					INVALID_PHYS;
		if (phys >= CFG_AREA && phys < CFG_AREA + CFG_AREA_SIZE)
			memcpy(window + off, cfg_ram + (phys - CFG_AREA),
			       PAGE_SIZE);
		else
			memset(window + off, 0xee, PAGE_SIZE);	/* unmapped */
	}
	return va;
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_msg, sizeof(last_msg), fmt, ap);
	va_end(ap);
}

void arch_cpu_relax(void)
{
}

static bool cpus_are(const struct cell *cell, unsigned int state)
{
	unsigned int cpu;

	for (cpu = 0; cpu < num_cpus; cpu++)
		if ((cell->cpu_set >> cpu) & 1 &&
		    (cpus[cpu].cell != cell || cpus[cpu].state != state))
			return false;
	return true;
}

int arch_cell_init(struct cell *cell)
{
	if (cell == &root_cell)
		return 0;
	fake.cell_init++;
	fake.init_saw_cpus = cpus_are(cell, WARDEN_CPU_STATE_OFF);
	if (fake.cell_init_err)
		return fake.cell_init_err;
	cell->arch.initialised = true;
	return 0;
}

void arch_cell_exit(struct cell *cell)
{
	fake.cell_exit++;
	fake.exit_saw_off = cpus_are(cell, WARDEN_CPU_STATE_OFF);
	cell->arch.initialised = false;
}

void arch_cell_flush(struct cell *cell)
{
	if (cell == &root_cell)
		fake.root_flush++;
}

void arch_flush_hv_tlb(void)
{
	fake.hv_flush++;
}

int arch_cpu_start(struct per_cpu *pc, u64 entry)
{
	fake.start++;
	fake.started_cpu = pc->cpu;
	fake.started_entry = entry;
	if (fake.start_err)
		return fake.start_err;
	pc->arch.start_entry = entry;
	pc->state = WARDEN_CPU_STATE_RUNNING;
	return 0;
}

int arch_cpu_park(struct per_cpu *pc, bool wait)
{
	fake.park++;
	fake.park_wait += wait;
	if (fake.park_err)
		return fake.park_err;
	pc->state = WARDEN_CPU_STATE_OFF;
	return 0;
}

void arch_dcache_flush(void *va, unsigned long size)
{
	fake.dcache_flushed += size;
}

u64 arch_time_ms(void)
{
	return fake.time_ms;
}

/*
 * The kicked CPU answers at once, unless the test says it is deaf (and it
 * is let go at once: the fake cannot wait for the release).
 */
void arch_cpu_kick(struct per_cpu *pc)
{
	fake.kicks++;
	pc->held = !fake.deaf;
}

long cpu_leave(struct per_cpu *pc)
{
	if (num_cells > 1)
		return -EBUSY;
	fake.left = true;
	return 0;
}

bool hypervisor_leaving(void)
{
	return fake.left;
}

/* ---- Configurations ---- */

static __u64 sys_buf[512], img_buf[512];	/* 8-byte aligned */

static __u32 build_cell(void *buf, const char *name, u64 cpus, u64 flags,
			const struct warden_memory_region *r, unsigned int n)
{
	struct warden_cell *c = buf;
	__u32 size = sizeof(*c) + n * sizeof(*r);

	memset(buf, 0, sizeof(img_buf));
	c->header.magic = WARDEN_CELL_MAGIC;
	c->header.version = WARDEN_CONFIG_VERSION;
	c->header.arch = WARDEN_ARCH_ARM64;
	c->header.header_size = sizeof(*c);
	c->header.total_size = size;
	strncpy((char *)c->name, name, WARDEN_NAME_LEN - 1);
	c->cpu_set = cpus;
	c->flags = flags;
	c->cpu_reset_address = (flags & WARDEN_CELL_ROOT) ? 0 : 0x1000;
	if (!(flags & WARDEN_CELL_ROOT))
		c->console.type = WARDEN_CONSOLE_HYPERVISOR;
	c->memory_regions.offset = n ? sizeof(*c) : 0;
	c->memory_regions.count = n;
	memcpy(c + 1, r, n * sizeof(*r));
	c->header.crc32 = image_crc(buf, size);
	return size;
}

/* Write the image to root RAM at CONFIG_PHYS and hand it over. */
static long create_image(const void *image, __u32 size)
{
	memcpy(cfg_ram + (CONFIG_PHYS - CFG_AREA), image, size);
	last_msg[0] = 0;
	return cell_create(CONFIG_PHYS, size);
}

static long create(const char *name, u64 cpus, u64 flags,
		   const struct warden_memory_region *r, unsigned int n)
{
	return create_image(img_buf, build_cell(img_buf, name, cpus, flags,
						 r, n));
}

/*
 * "demo": CPU 2 (and 3 if asked); a 2 MiB loadable region, 1 MiB of plain
 * RAM (not a whole block of the root's), 64 KiB shared with the root.
 */
static const struct warden_memory_region demo_regions[] = {
	RAM(CELLS_PHYS, 0, 2 * MiB, WARDEN_MEM_LOADABLE),
	RAM(CELLS_PHYS + 2 * MiB, 2 * MiB, 1 * MiB, 0),
	RAM(CELLS_PHYS + 4 * MiB, 4 * MiB, 64 * KiB, WARDEN_MEM_ROOT_SHARED),
	COMM,
};

static long create_demo(u64 cpus)
{
	return create("demo", cpus, 0, demo_regions, ARRAY_SIZE(demo_regions));
}

/* Cell n of 2 MiB of whole blocks, CPU 2 + n. */
static long create_nth(unsigned int n)
{
	const struct warden_memory_region r[] = {
		RAM(CELLS_PHYS + 16 * MiB + n * 2 * MiB, 0, 2 * MiB,
		    WARDEN_MEM_LOADABLE),
		COMM,
	};
	char name[16];

	snprintf(name, sizeof(name), "cell%u", n);
	return create(name, 1ULL << (2 + n), 0, r, ARRAY_SIZE(r));
}

static int setup(void **state)
{
	const struct warden_memory_region root_regions[] = {
		{ UART_PHYS, UART_PHYS, PAGE_SIZE,
		  WARDEN_MEM_READ | WARDEN_MEM_WRITE | WARDEN_MEM_IO },
		RAM(RAM_PHYS, RAM_PHYS, RAM_SIZE, 0),
		RAM(CELLS_PHYS, CELLS_PHYS, CELLS_SIZE, 0),
	};
	struct warden_system *sys = (void *)sys_buf;
	unsigned int cpu;

	memset(sys_buf, 0, sizeof(sys_buf));
	sys->root_cell_offset = sizeof(*sys);
	build_cell(img_buf, "root", 0x3, WARDEN_CELL_ROOT, root_regions,
		   ARRAY_SIZE(root_regions));
	memcpy(sys + 1, img_buf, sizeof(sys_buf) - sizeof(*sys));

	pool_mem = aligned_alloc(PAGE_SIZE, POOL_PAGES * PAGE_SIZE);
	cfg_ram = calloc(1, CFG_AREA_SIZE);
	window = aligned_alloc(PAGE_SIZE, WINDOW_SIZE);
	if (!pool_mem || !cfg_ram || !window)
		return -1;
	virt_offset = (long)((unsigned long)pool_mem - POOL_PHYS);
	if (page_pool_init(&mem_pool, pool_mem, POOL_PAGES) ||
	    paging_init(&hv_paging, &mem_pool, PAGING_HYPERVISOR))
		return -1;
	memset(&fake, 0, sizeof(fake));
	memset(&root_cell, 0, sizeof(root_cell));
	memset(cells, 0, sizeof(cells));
	num_cpus = NUM_CPUS;
	memset(cpus, 0, sizeof(cpus));
	for (cpu = 0; cpu < NUM_CPUS; cpu++) {
		cpus[cpu].cpu = cpu;
		cpus[cpu].cell = &root_cell;
		/* Linux took CPUs 2.. offline for cells. */
		cpus[cpu].state = cpu < 2 ? WARDEN_CPU_STATE_RUNNING :
					    WARDEN_CPU_STATE_OFF;
	}
	current = &cpus[0];
	/* All 17 CPUs are the root's: Linux's cpu_set says which it has. */
	((struct warden_cell *)(sys + 1))->cpu_set = (1ULL << NUM_CPUS) - 1;
	return root_cell_init(sys);
}

static int teardown(void **state)
{
	free(pool_mem);
	free(cfg_ram);
	free(window);
	return 0;
}

/* Root RAM, as the root cell's page tables say, at some addresses. */
static const u64 probes[] = {
	RAM_PHYS, CFG_AREA, RAM_PHYS + RAM_SIZE - PAGE_SIZE,
	CELLS_PHYS, CELLS_PHYS + 2 * MiB - PAGE_SIZE, CELLS_PHYS + 2 * MiB,
	CELLS_PHYS + 3 * MiB - PAGE_SIZE, CELLS_PHYS + 3 * MiB,
	CELLS_PHYS + 4 * MiB, CELLS_PHYS + 16 * MiB, CELLS_PHYS + 18 * MiB,
	CELLS_PHYS + CELLS_SIZE - PAGE_SIZE, UART_PHYS,
};

static void snapshot(u64 *out)
{
	unsigned int n;

	for (n = 0; n < ARRAY_SIZE(probes); n++)
		out[n] = paging_translate(&root_cell.mem, probes[n]);
}

static bool root_has(u64 phys)
{
	return paging_translate(&root_cell.mem, phys) == phys;
}

/* ---- Tests ---- */

static void test_create(void **state)
{
	unsigned long used = mem_pool.used;
	struct cell *cell;
	long id;

	id = create_demo(0x4);
	assert_int_equal(id, 1);
	cell = cells[1];
	assert_non_null(cell);
	assert_int_equal(cell->id, 1);
	assert_string_equal(cell_name(cell), "demo");
	assert_string_equal(last_msg, "warden: cell \"demo\" created (id 1)\n");
	assert_int_equal(cell_state(1), WARDEN_CELL_STATE_SHUT_DOWN);
	assert_int_equal(num_cells, 2);
	/* Its CPU left the root, and was the cell's when the arch saw it. */
	assert_ptr_equal(cpus[2].cell, cell);
	assert_ptr_equal(cpus[3].cell, &root_cell);
	assert_int_equal(root_cell.cpu_set, (1ULL << NUM_CPUS) - 1 - 0x4);
	assert_int_equal(fake.cell_init, 1);
	assert_true(fake.init_saw_cpus);
	assert_true(cell->arch.initialised);
	/* Its own copy of the configuration. */
	assert_ptr_not_equal(cell->config, cfg_ram);
	assert_memory_equal(cell->config, img_buf, sizeof(struct warden_cell));
	/* The root loses plain RAM; loadable (until start) and root-shared
	 * stay; the rest of the split block stays too. */
	assert_true(root_has(CELLS_PHYS));
	assert_false(root_has(CELLS_PHYS + 2 * MiB));
	assert_false(root_has(CELLS_PHYS + 3 * MiB - PAGE_SIZE));
	assert_true(root_has(CELLS_PHYS + 3 * MiB));
	assert_true(root_has(CELLS_PHYS + 4 * MiB));
	assert_true(fake.root_flush >= 1);
	/* The cell's space: its regions at their virt, its comm page. */
	assert_int_equal(paging_translate(&cell->mem, 0x1234), CELLS_PHYS + 0x1234);
	assert_int_equal(paging_translate(&cell->mem, 2 * MiB + 0x10),
			 CELLS_PHYS + 2 * MiB + 0x10);
	assert_int_equal(paging_translate(&cell->mem, 3 * MiB), INVALID_PHYS);
	assert_int_equal(paging_translate(&cell->mem, 4 * MiB + 8),
			 CELLS_PHYS + 4 * MiB + 8);
	assert_int_equal(paging_translate(&cell->mem, COMM_VIRT),
			 virt_to_phys(cell->comm));
	assert_int_equal(cell->comm->signature, WARDEN_COMM_SIGNATURE);
	assert_int_equal(cell->comm->cell_id, 1);
	/* The configuration's temporary mapping is gone again. */
	assert_int_equal(paging_translate(&hv_paging, (unsigned long)window),
			 INVALID_PHYS);
	/* The configuration's window, and one chunk to zero the plain RAM. */
	assert_int_equal(fake.hv_flush, 2);
	assert_int_equal(fake.dcache_flushed, 1 * MiB);
	assert_true(mem_pool.used > used);
	/* The same through the hypercall, from the root. */
	assert_int_equal(hypercall(WARDEN_HC_GET_INFO, WARDEN_INFO_NUM_CELLS, 0), 2);
	assert_int_equal(hypercall(WARDEN_HC_CELL_STATE, 1, 0),
			 WARDEN_CELL_STATE_SHUT_DOWN);
}

struct refusal {
	const char *name;
	u64 cpus, flags;
	struct warden_memory_region r[3];
	unsigned int n;
	const char *why;
};

static void test_create_refused(void **state)
{
	static const struct refusal cases[] = {
		{ "root", 0x4, WARDEN_CELL_ROOT, { RAM(CELLS_PHYS, CELLS_PHYS, 2 * MiB, 0) }, 1,
		  "root flag" },
		{ "c", 0x5, 0, { RAM(CELLS_PHYS, 0, 2 * MiB, 0), COMM }, 2,
		  "CPU 0 stays with the root cell" },
		{ "c", 0x2, 0, { RAM(CELLS_PHYS, 0, 2 * MiB, 0), COMM }, 2,
		  "a CPU the root cell still runs" },
		{ "c", 1ULL << NUM_CPUS, 0, { RAM(CELLS_PHYS, 0, 2 * MiB, 0), COMM }, 2,
		  "a CPU the hypervisor does not have" },
		{ "c", 0x8, 0, { RAM(CELLS_PHYS, 0, 2 * MiB, 0), COMM }, 2,
		  "a CPU of another cell" },
		{ "demo", 0x10, 0, { RAM(CELLS_PHYS + 32 * MiB, 0, 2 * MiB, 0), COMM }, 2,
		  "a cell of that name exists" },
		{ "c", 0x10, 0, { RAM(POOL_PHYS, 0, 2 * MiB, 0), COMM }, 2,
		  "memory outside the root cell's RAM" },
		{ "c", 0x10, 0, { RAM(RAM_PHYS + RAM_SIZE - MiB, 0, 2 * MiB, 0), COMM }, 2,
		  "memory outside the root cell's RAM" },
		{ "c", 0x10, 0, { { UART_PHYS, 0, PAGE_SIZE, WARDEN_MEM_READ | WARDEN_MEM_IO }, COMM }, 2,
		  "memory outside the root cell's RAM" },
		{ "c", 0x10, 0, { RAM(CELLS_PHYS + 3 * MiB - PAGE_SIZE, 0, 2 * PAGE_SIZE, 0), COMM }, 2,
		  "memory of another cell" },
		/* Root-shared memory is still another cell's. */
		{ "c", 0x10, 0, { RAM(CELLS_PHYS + 4 * MiB, 0, PAGE_SIZE, WARDEN_MEM_ROOT_SHARED), COMM }, 2,
		  "memory of another cell" },
		/* Valid as a configuration, but cell.c uses the comm page. */
		{ "c", 0x10, 0, { RAM(CELLS_PHYS + 32 * MiB, 0, 2 * MiB, 0) }, 1,
		  "no comm region" },
	};
	unsigned long used;
	u64 before[ARRAY_SIZE(probes)], after[ARRAY_SIZE(probes)], root_cpus;
	unsigned int n;

	assert_int_equal(create("demo", 0x8, 0, demo_regions,
				ARRAY_SIZE(demo_regions)), 1);
	used = mem_pool.used;
	root_cpus = root_cell.cpu_set;
	snapshot(before);
	for (n = 0; n < ARRAY_SIZE(cases); n++) {
		const struct refusal *c = &cases[n];

		assert_int_equal(create(c->name, c->cpus, c->flags, c->r, c->n),
				 -EINVAL);
		if (!strstr(last_msg, c->why))
			fail_msg("case %u: \"%s\" is not about \"%s\"", n,
				 last_msg, c->why);
		/* Nothing changed. */
		assert_int_equal(mem_pool.used, used);
		assert_int_equal(root_cell.cpu_set, root_cpus);
		assert_int_equal(num_cells, 2);
		assert_null(cells[2]);
		assert_ptr_equal(cpus[4].cell, &root_cell);
		snapshot(after);
		assert_memory_equal(before, after, sizeof(before));
	}
	assert_int_equal(fake.cell_init, 1);	/* demo's */
}

/* What cell.c refuses to read, before it looks at the contents. */
static void test_create_unreadable(void **state)
{
	const struct warden_memory_region r[] = {
		RAM(CELLS_PHYS + 32 * MiB, 0, 2 * MiB, 0), COMM,
	};
	unsigned long used = mem_pool.used;
	__u32 size = build_cell(img_buf, "c", 0x4, 0, r, ARRAY_SIZE(r));

	assert_int_equal(cell_create(CONFIG_PHYS, 0), -EINVAL);
	assert_int_equal(cell_create(CONFIG_PHYS, WARDEN_CELL_CONFIG_MAX + 1),
			 -EINVAL);
	/* In memory the root does not have: the hypervisor's. */
	assert_int_equal(cell_create(POOL_PHYS, size), -EINVAL);
	assert_string_equal(last_msg, "warden: cell create: configuration not "
			    "readable (size 280, at most 16384, in root memory)\n");
	/* Near the top of the address space: the end would wrap. */
	assert_int_equal(cell_create(0xfffffffffffff000ULL, 0x2000), -EINVAL);
	assert_int_equal(cell_create(~0ULL, 1), -EINVAL);
	/* A size that is not the image's, a corrupt image. */
	assert_int_equal(create_image(img_buf, size - 8), -EINVAL);
	assert_non_null(strstr(last_msg, "total_size"));
	((struct warden_cell *)img_buf)->cpu_set = 0x8;	/* CRC now wrong */
	assert_int_equal(create_image(img_buf, size), -EINVAL);
	assert_non_null(strstr(last_msg, "crc32"));
	assert_int_equal(mem_pool.used, used);
	assert_int_equal(num_cells, 1);
	/* The hypervisor's temporary mappings were all taken down. */
	assert_int_equal(paging_translate(&hv_paging, (unsigned long)window),
			 INVALID_PHYS);
}

/* The arch refuses (arm64: an interrupt line of another cell): undone. */
static void test_create_arch_refuses(void **state)
{
	unsigned long used = mem_pool.used;
	u64 before[ARRAY_SIZE(probes)], after[ARRAY_SIZE(probes)];

	snapshot(before);
	fake.cell_init_err = -EBUSY;
	assert_int_equal(create_demo(0xc), -EBUSY);
	assert_string_equal(last_msg, "warden: cell create \"demo\" failed (-16)\n");
	assert_true(fake.init_saw_cpus);
	assert_ptr_equal(cpus[2].cell, &root_cell);
	assert_ptr_equal(cpus[3].cell, &root_cell);
	assert_int_equal(root_cell.cpu_set, (1ULL << NUM_CPUS) - 1);
	assert_int_equal(mem_pool.used, used);
	assert_int_equal(num_cells, 1);
	assert_null(cells[1]);
	snapshot(after);
	assert_memory_equal(before, after, sizeof(before));
	/* And the same configuration is fine once the arch agrees. */
	fake.cell_init_err = 0;
	assert_int_equal(create_demo(0xc), 1);
}

static void test_destroy_gives_back(void **state)
{
	u64 before[ARRAY_SIZE(probes)], after[ARRAY_SIZE(probes)];
	unsigned long used = mem_pool.used;

	/*
	 * demo's 1 MiB region splits a 2 MiB block of the root's: when
	 * destroy maps it back, paging_map() merges the pages into the block
	 * again and the table goes back to the pool: exact from the first
	 * cycle.
	 */
	snapshot(before);
	assert_int_equal(create_demo(0x4), 1);
	assert_int_equal(cell_destroy(1), 0);
	assert_string_equal(last_msg, "warden: cell \"demo\" destroyed\n");
	snapshot(after);
	assert_memory_equal(before, after, sizeof(before));
	assert_int_equal(mem_pool.used, used);
	/* Create and destroy, and breaks of live blocks in between. */
	assert_true(fake.root_flush >= 2);

	used = mem_pool.used;
	assert_int_equal(create_demo(0xc), 1);
	assert_true(root_has(CELLS_PHYS));		/* loadable */
	assert_int_equal(cell_start(1), 0);
	assert_false(root_has(CELLS_PHYS));
	assert_false(root_has(CELLS_PHYS + 2 * MiB));
	assert_int_equal(cell_destroy(1), 0);
	assert_int_equal(fake.cell_exit, 2);
	assert_true(fake.exit_saw_off);
	assert_null(cells[1]);
	assert_int_equal(num_cells, 1);
	assert_int_equal(cell_state(1), -ENOENT);
	assert_int_equal(cell_destroy(1), -ENOENT);
	assert_ptr_equal(cpus[2].cell, &root_cell);
	assert_ptr_equal(cpus[3].cell, &root_cell);
	assert_int_equal(root_cell.cpu_set, (1ULL << NUM_CPUS) - 1);
	snapshot(after);
	assert_memory_equal(before, after, sizeof(before));
	assert_int_equal(mem_pool.used, used);
}

/* Create/start/destroy cycles, several cells at once: no page leaks. */
static void test_create_destroy_loop(void **state)
{
	unsigned long used = 0;
	unsigned int round, n;

	for (round = 0; round < 50; round++) {
		for (n = 0; n < 3; n++) {
			assert_int_equal(create_nth(n), n + 1);
			assert_int_equal(cell_start(n + 1), 0);
		}
		assert_int_equal(num_cells, 4);
		assert_int_equal(cell_shutdown(2), 1);
		for (n = 3; n > 0; n--)
			assert_int_equal(cell_destroy(n), 0);
		assert_int_equal(num_cells, 1);
		if (round == 0)
			used = mem_pool.used;
		assert_int_equal(mem_pool.used, used);
	}
	/* Whole blocks: not even a split table stays behind. */
	assert_int_equal(hypercall(WARDEN_HC_GET_INFO,
				   WARDEN_INFO_MEM_POOL_USED, 0),
			 mem_pool.used);
	for (n = 0; n < 3; n++)
		assert_true(root_has(CELLS_PHYS + 16 * MiB + n * 2 * MiB));
}

/* Whole-block cells leave the pool exactly as it was, from the start. */
static void test_pool_exact(void **state)
{
	unsigned long used = mem_pool.used;

	assert_int_equal(create_nth(0), 1);
	assert_int_equal(create_nth(1), 2);
	assert_int_equal(cell_start(2), 0);
	assert_int_equal(cell_destroy(1), 0);
	assert_int_equal(cell_destroy(2), 0);
	assert_int_equal(mem_pool.used, used);
}

static void test_states(void **state)
{
	struct cell *cell;

	assert_int_equal(create_demo(0xc), 1);
	cell = cells[1];
	/* Start: the loadable region leaves the root, the first CPU runs. */
	assert_int_equal(cell_start(1), 0);
	assert_int_equal(cell_state(1), WARDEN_CELL_STATE_RUNNING);
	assert_int_equal(fake.start, 1);
	assert_int_equal(fake.started_cpu, 2);
	assert_int_equal(fake.started_entry, 0x1000);
	assert_false(root_has(CELLS_PHYS));
	assert_true(root_has(CELLS_PHYS + 4 * MiB));	/* root-shared */
	assert_int_equal(cell->comm->cell_state, WARDEN_COMM_RUNNING);
	/* Not twice. */
	assert_int_equal(cell_start(1), -EBUSY);
	assert_int_equal(fake.start, 1);
	/*
	 * Start made sure both CPUs were off (waiting); shutdown parks every
	 * CPU (waiting), loadable back to the root.
	 */
	assert_int_equal(cell_shutdown(1), 1);
	assert_int_equal(cell_state(1), WARDEN_CELL_STATE_SHUT_DOWN);
	assert_int_equal(fake.park, 4);
	assert_int_equal(fake.park_wait, 4);
	assert_true(root_has(CELLS_PHYS));
	assert_false(root_has(CELLS_PHYS + 2 * MiB));
	/* A CPU faults: failed, the other CPU stopped without waiting. */
	assert_int_equal(cell_start(1), 0);
	cpus[3].state = WARDEN_CPU_STATE_RUNNING;
	current = &cpus[3];
	cell_stop_self(true);
	current = &cpus[0];
	assert_int_equal(cell_state(1), WARDEN_CELL_STATE_FAILED);
	assert_int_equal(hypercall(WARDEN_HC_CELL_FAILED_CPUS, 1, 0), 0x8);
	assert_int_equal(fake.park, 7);
	assert_int_equal(fake.park_wait, 6);
	assert_int_equal(cpus[2].state, WARDEN_CPU_STATE_OFF);
	assert_int_equal(cell_start(1), -EBUSY);	/* shut down first */
	assert_int_equal(cell_shutdown(1), 1);
	assert_int_equal(cell_start(1), 0);
	assert_int_equal(hypercall(WARDEN_HC_CELL_FAILED_CPUS, 1, 0), 0);
	/* The cell switches itself off. */
	current = &cpus[2];
	cell_stop_self(false);
	current = &cpus[0];
	assert_int_equal(cell_state(1), WARDEN_CELL_STATE_SHUT_DOWN);
	assert_string_equal(last_msg,
			    "warden: cell \"demo\" switched itself off\n");
	/* Given back (and zeroed) now, then not again. */
	assert_int_equal(cell_shutdown(1), 1);
	assert_int_equal(cell_shutdown(1), 0);
	/* Its first CPU does not start: shut down, loadable the root's. */
	fake.start_err = -EIO;
	assert_int_equal(cell_start(1), -EIO);
	assert_int_equal(cell_state(1), WARDEN_CELL_STATE_SHUT_DOWN);
	assert_true(root_has(CELLS_PHYS));
	fake.start_err = 0;
}

static void test_locked(void **state)
{
	struct cell *cell;

	assert_int_equal(create_demo(0x4), 1);
	cell = cells[1];
	assert_int_equal(cell_start(1), 0);
	cell->comm->cell_state = WARDEN_COMM_LOCKED;
	assert_int_equal(cell_state(1), WARDEN_CELL_STATE_RUNNING_LOCKED);
	assert_int_equal(cell_shutdown(1), -EBUSY);
	assert_int_equal(cell->comm->msg_to_cell, WARDEN_MSG_SHUTDOWN_REQUEST);
	assert_int_equal(cell_destroy(1), -EBUSY);
	assert_ptr_equal(cells[1], cell);
	assert_int_equal(fake.park, 1);		/* start's, none since */
	/* The cell unlocks: now it goes; a new start resets the page. */
	cell->comm->cell_state = WARDEN_COMM_RUNNING;
	assert_int_equal(cell_shutdown(1), 1);
	assert_int_equal(cell_start(1), 0);
	assert_int_equal(cell->comm->msg_to_cell, WARDEN_MSG_NONE);
	/* A passive-comm cell is never locked. */
	cell->comm->cell_state = WARDEN_COMM_LOCKED;
	assert_int_equal(cell_destroy(1), -EBUSY);
	cell->comm->cell_state = WARDEN_COMM_RUNNING;
	assert_int_equal(cell_destroy(1), 0);
	assert_int_equal(create("p", 0x4, WARDEN_CELL_PASSIVE_COMM,
				demo_regions, ARRAY_SIZE(demo_regions)), 1);
	assert_int_equal(cell_start(1), 0);
	cells[1]->comm->cell_state = WARDEN_COMM_LOCKED;
	assert_int_equal(cell_state(1), WARDEN_CELL_STATE_RUNNING);
	assert_int_equal(cell_destroy(1), 0);
}

static void test_lookup(void **state)
{
	unsigned int n;

	assert_int_equal(cell_state(0), WARDEN_CELL_STATE_RUNNING);
	/* The root cell cannot be managed; ids beyond the table are none. */
	assert_int_equal(cell_start(0), -ENOENT);
	assert_int_equal(cell_shutdown(0), -ENOENT);
	assert_int_equal(cell_destroy(0), -ENOENT);
	assert_int_equal(cell_state(MAX_CELLS), -ENOENT);
	assert_int_equal(cell_start(MAX_CELLS), -ENOENT);
	assert_int_equal(cell_destroy(~0UL), -ENOENT);
	assert_int_equal(hypercall(WARDEN_HC_CELL_FAILED_CPUS, 0, 0), -ENOENT);
	/* Ids in order; the lowest free slot is reused. */
	for (n = 0; n < MAX_CELLS - 1; n++)
		assert_int_equal(create_nth(n), n + 1);
	assert_int_equal(create_nth(MAX_CELLS - 1), -ENOMEM);
	assert_string_equal(last_msg,
			    "warden: cell create: no free cell slot (15)\n");
	assert_string_equal(cell_name(cells[7]), "cell6");
	assert_int_equal(cell_destroy(7), 0);
	assert_int_equal(cell_destroy(3), 0);
	assert_int_equal(create_nth(2), 3);
	assert_string_equal(cell_name(cells[3]), "cell2");
	/* A name that starts with another's is not that name. */
	{
		const struct warden_memory_region r[] = {
			RAM(CELLS_PHYS + 100 * MiB, 0, 2 * MiB, 0), COMM,
		};

		assert_int_equal(create("cell1x", 1ULL << 8, 0, r, 2), 7);
		assert_int_equal(cell_destroy(7), 0);
		assert_int_equal(create("cell1", 1ULL << 8, 0, r, 2), -EINVAL);
		assert_non_null(strstr(last_msg, "a cell of that name exists"));
	}
}

/* Only the root cell manages cells. */
static void test_not_root(void **state)
{
	assert_int_equal(create_demo(0x4), 1);
	assert_int_equal(cell_start(1), 0);
	current = &cpus[2];
	assert_int_equal(hypercall(WARDEN_HC_CELL_CREATE, CONFIG_PHYS, 280),
			 -EPERM);
	assert_int_equal(hypercall(WARDEN_HC_CELL_DESTROY, 1, 0), -EPERM);
	assert_int_equal(hypercall(WARDEN_HC_CELL_STATE, 1, 0), -EPERM);
	assert_int_equal(hypercall(WARDEN_HC_DISABLE, 0, 0), -EPERM);
	assert_int_equal(hypercall(WARDEN_HC_GET_INFO, WARDEN_INFO_NUM_CELLS, 0),
			 -EPERM);
	current = &cpus[0];
	assert_int_equal(num_cells, 2);
	assert_int_equal(hypercall(WARDEN_HC_CELL_DESTROY, 1, 0), 0);
	assert_int_equal(num_cells, 1);
}

/*
 * Memory is zeroed and pushed to memory whenever it changes owner: plain
 * RAM at create, loadable RAM cleaned at start (the root's image) and
 * zeroed at shutdown, everything at destroy; never root-shared memory.
 */
static void test_scrub(void **state)
{
	assert_int_equal(create_demo(0x4), 1);
	assert_int_equal(fake.dcache_flushed, 1 * MiB);
	assert_int_equal(cell_start(1), 0);
	assert_int_equal(fake.dcache_flushed, 3 * MiB);
	assert_int_equal(cell_shutdown(1), 1);
	assert_int_equal(fake.dcache_flushed, 5 * MiB);
	assert_true(root_has(CELLS_PHYS));
	assert_int_equal(cell_destroy(1), 0);
	assert_int_equal(fake.dcache_flushed, 8 * MiB);
	/* The window is empty again after every chunk. */
	assert_int_equal(paging_translate(&hv_paging, (unsigned long)window),
			 INVALID_PHYS);
}

/*
 * With the pool run dry at every point of create and start, each fails
 * closed: -ENOMEM, the root keeps (or gets back) exactly what it had, the
 * pool is as before, and no cell is left behind.
 */
static void test_pool_dry(void **state)
{
	u64 before[ARRAY_SIZE(probes)], after[ARRAY_SIZE(probes)];
	unsigned long used, left, n, ok = 0;
	void *hog;
	long id;

	/* The window's own tables stay once made: make them first. */
	assert_int_equal(create_demo(0x4), 1);
	assert_int_equal(cell_start(1), 0);
	assert_int_equal(cell_destroy(1), 0);
	used = mem_pool.used;
	snapshot(before);
	for (left = 0; left < 24; left++) {
		n = mem_pool.pages - mem_pool.used - left;
		hog = page_alloc(&mem_pool, n);
		assert_non_null(hog);
		id = create_demo(0x4);
		if (id > 0 && cell_start(id) == 0) {
			ok++;
			page_free(&mem_pool, hog, n);
			assert_int_equal(cell_destroy(id), 0);
		} else {
			if (id > 0) {
				/* Start failed: the root still loads it. */
				assert_true(root_has(CELLS_PHYS));
				assert_int_equal(cell_state(id),
						 WARDEN_CELL_STATE_SHUT_DOWN);
				page_free(&mem_pool, hog, n);
				assert_int_equal(cell_destroy(id), 0);
			} else {
				assert_int_equal(id, -ENOMEM);
				assert_int_equal(num_cells, 1);
				assert_ptr_equal(cpus[2].cell, &root_cell);
				page_free(&mem_pool, hog, n);
			}
		}
		snapshot(after);
		assert_memory_equal(before, after, sizeof(before));
		if (mem_pool.used != used)
			fail_msg("%lu pages left: pool %lu, not %lu (id %ld): %s",
				 left, mem_pool.used, used, id, last_msg);
	}
	/* Enough pages in the end, so every failure point was passed. */
	assert_true(ok > 0 && ok < 24);
}

/* A run stopped in the middle of a console line: the next starts afresh. */
static void test_console_line_per_run(void **state)
{
	fake.time_ms = 60000;	/* the rate limit has filled up */
	assert_int_equal(create_demo(0x4), 1);
	assert_int_equal(cell_start(1), 0);
	current = &cpus[2];
	assert_int_equal(hypercall(WARDEN_HC_DEBUG_CONSOLE_PUTC, 'p', 0), 0);
	current = &cpus[0];
	assert_int_equal(cell_shutdown(1), 1);
	assert_int_equal(cell_start(1), 0);
	current = &cpus[2];
	hypercall(WARDEN_HC_DEBUG_CONSOLE_PUTC, 'x', 0);
	hypercall(WARDEN_HC_DEBUG_CONSOLE_PUTC, '\n', 0);
	current = &cpus[0];
	assert_string_equal(last_msg, "[demo] x\n");
}

/* A CPU that does not stop: destroy fails and takes nothing back. */
static void test_park_timeout(void **state)
{
	assert_int_equal(create_demo(0x4), 1);
	assert_int_equal(cell_start(1), 0);
	fake.park_err = -ETIMEDOUT;
	assert_int_equal(cell_destroy(1), -ETIMEDOUT);
	assert_int_equal(cell_shutdown(1), -ETIMEDOUT);
	assert_non_null(cells[1]);
	assert_int_equal(cell_state(1), WARDEN_CELL_STATE_FAILED);
	assert_ptr_equal(cpus[2].cell, cells[1]);
	assert_false(root_has(CELLS_PHYS));
	assert_false(root_has(CELLS_PHYS + 2 * MiB));
	assert_int_equal(cell_start(1), -EBUSY);
	fake.park_err = 0;
	assert_int_equal(cell_destroy(1), 0);
	assert_true(root_has(CELLS_PHYS + 2 * MiB));
}

/*
 * Management calls hold the root's other running CPU (CPU 1); one that
 * does not answer makes the call fail with nothing changed.
 */
static void test_hold(void **state)
{
	u64 before[ARRAY_SIZE(probes)], after[ARRAY_SIZE(probes)];
	unsigned long used = mem_pool.used;

	assert_int_equal(hypercall(WARDEN_HC_CELL_CREATE, CONFIG_PHYS,
				   build_cell(img_buf, "demo", 0x4, 0,
					      demo_regions,
					      ARRAY_SIZE(demo_regions))), -EINVAL);
	assert_int_equal(fake.kicks, 1);
	assert_false(cpus[1].hold);
	snapshot(before);
	memcpy(cfg_ram + (CONFIG_PHYS - CFG_AREA), img_buf, sizeof(img_buf));
	fake.deaf = true;
	assert_int_equal(hypercall(WARDEN_HC_CELL_CREATE, CONFIG_PHYS,
				   sizeof(struct warden_cell) + 4 *
				   sizeof(struct warden_memory_region)),
			 -ETIMEDOUT);
	assert_non_null(strstr(last_msg, "does not answer"));
	assert_false(cpus[1].hold);
	assert_int_equal(num_cells, 1);
	snapshot(after);
	assert_memory_equal(before, after, sizeof(before));
	assert_int_equal(mem_pool.used, used);
	fake.deaf = false;
	assert_int_equal(hypercall(WARDEN_HC_CELL_CREATE, CONFIG_PHYS,
				   sizeof(struct warden_cell) + 4 *
				   sizeof(struct warden_memory_region)), 1);
	assert_int_equal(hypercall(WARDEN_HC_CELL_DESTROY, 1, 0), 0);
}

/* Once a CPU has left, no cell may be created. */
static void test_partial_disable(void **state)
{
	assert_int_equal(hypercall(WARDEN_HC_DISABLE, 0, 0), 0);
	assert_int_equal(create_demo(0x4), -EBUSY);
	assert_non_null(strstr(last_msg, "being disabled"));
	assert_int_equal(num_cells, 1);
}

#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_create),
		T(test_create_refused),
		T(test_create_unreadable),
		T(test_create_arch_refuses),
		T(test_destroy_gives_back),
		T(test_create_destroy_loop),
		T(test_pool_exact),
		T(test_states),
		T(test_locked),
		T(test_lookup),
		T(test_not_root),
		T(test_scrub),
		T(test_pool_dry),
		T(test_park_timeout),
		T(test_partial_disable),
		T(test_hold),
		T(test_console_line_per_run),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
