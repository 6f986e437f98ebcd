// SPDX-License-Identifier: GPL-2.0
/*
 * Setup: how CPUs enter the hypervisor and leave it.
 *
 * The driver hands CPUs over one at a time.  The first runs early_init()
 * with translation still off: it checks its copy of the configuration,
 * sets up the page pool and builds the hypervisor's page tables.  Once
 * translation is on, core_entry() finishes the global setup on that CPU
 * (console, interrupt controller, root cell) and then takes over each CPU
 * (arch_cpu_init()), which returns to Linux as part of the root cell.
 * Any failure before a CPU is taken over leaves it as it was.
 */
#include <warden/arch.h>
#include <warden/cell.h>
#include <warden/config-check.h>
#include <warden/control.h>
#include <warden/hypercall.h>
#include <warden/printk.h>
#include <warden/sections.h>

const struct warden_system *system_config;
struct paging hv_paging;
unsigned int num_cpus;
static unsigned char *percpu_base;
/* CPUs that run in the hypervisor now: entered and not off or gone. */
static unsigned int cpus_running;

struct per_cpu *per_cpu(unsigned int cpu)
{
	if (cpu >= num_cpus)
		return NULL;
	return (struct per_cpu *)(percpu_base + (unsigned long)cpu * PERCPU_SIZE);
}

static int map_hypervisor(const struct warden_system *sys)
{
	unsigned long image = (unsigned long)__image_start;
	u64 phys = warden_header.phys_base;
	int err;

	err = paging_init(&hv_paging, &mem_pool, PAGING_HYPERVISOR);
	/* Code, read-only data, then everything else writable. */
	if (!err)
		err = paging_map(&hv_paging, image, phys,
				 (unsigned long)__text_end - image,
				 MAP_READ | MAP_EXEC);
	if (!err)
		err = paging_map(&hv_paging, (unsigned long)__text_end,
				 phys + ((unsigned long)__text_end - image),
				 __rodata_end - __text_end, MAP_READ);
	if (!err)
		err = paging_map(&hv_paging, (unsigned long)__rodata_end,
				 phys + ((unsigned long)__rodata_end - image),
				 sys->hypervisor_size -
				 ((unsigned long)__rodata_end - image),
				 MAP_READ | MAP_WRITE);
	/* A UART at an I/O port (8250-pio) is not memory to map. */
	if (!err && sys->debug_console.size &&
	    sys->debug_console.type != WARDEN_CONSOLE_8250_PIO)
		err = paging_map(&hv_paging, sys->debug_console.address,
				 sys->debug_console.address,
				 ALIGN_UP(sys->debug_console.size, PAGE_SIZE),
				 MAP_READ | MAP_WRITE | MAP_DEVICE);
	if (!err)
		err = arch_map_devices(&hv_paging);
	return err;
}

int early_init(void)
{
	const struct warden_header *hdr = &warden_header;
	unsigned char *config, *pool, *end;
	const struct warden_system *sys;
	const char *why;
	int err;

	/* The image runs where the driver copied it, seen at __image_start. */
	virt_offset = (long)((unsigned long)__image_start - hdr->phys_base);
	num_cpus = hdr->num_cpus;
	percpu_base = (unsigned char *)__image_end;
	config = percpu_base + (unsigned long)num_cpus * PERCPU_SIZE;

	if (num_cpus > MAX_CPUS ||
	    warden_config_check(config, hdr->config_size, WARDEN_SYSTEM_MAGIC,
				ARCH_NUMBER, &why)) {
		printk("warden: refusing the system configuration: %s\n",
		       num_cpus > MAX_CPUS ? "too many CPUs" : why);
		return -EINVAL;
	}
	sys = (const void *)config;
	pool = config + ALIGN_UP(hdr->config_size, PAGE_SIZE);
	end = (unsigned char *)__image_start + sys->hypervisor_size;
	if (sys->hypervisor_phys != hdr->phys_base || pool >= end ||
	    page_pool_init(&mem_pool, pool, (end - pool) / PAGE_SIZE)) {
		printk("warden: hypervisor memory too small or misplaced\n");
		return -ENOMEM;
	}
	/* The driver cleared bss and the per-CPU areas (this stack, too). */
	system_config = sys;

	err = map_hypervisor(sys);
	if (err)
		printk("warden: cannot map the hypervisor (%d)\n", err);
	return err;
}

static int core_init(void)
{
	int err;

	/* Every CPU from now on has translation on: locks work. */
	mem_pool.locking = true;
	console_locking = true;
	printk("\nwarden hypervisor %s (%s) starting on \"%s\", %u CPU slots, "
	       "%lu KiB pool\n", WARDEN_VERSION, ARCH_NAME,
	       (const char *)system_config->name, num_cpus,
	       mem_pool.pages * PAGE_SIZE / 1024);

	err = arch_init();
	if (!err)
		err = root_cell_init(system_config);
	if (err)
		printk("warden: setup failed (%d)\n", err);
	return err;
}

int core_entry(struct per_cpu *pc, bool first)
{
	int err;

	if (first) {
		err = core_init();
		if (err)
			return err;
	}
	if (!(root_cell.cpu_set & (1ULL << pc->cpu))) {
		printk("warden: CPU %u is not in the root cell\n", pc->cpu);
		return -EINVAL;
	}
	pc->cell = &root_cell;
	err = arch_cpu_init(pc);
	if (err) {
		pc->cell = NULL;	/* never entered, as far as others know */
		printk("warden: CPU %u: setup failed (%d)\n", pc->cpu, err);
		return err;
	}
	cpu_started(pc);
	return 0;
}

void cpu_started(struct per_cpu *pc)
{
	pc->state = WARDEN_CPU_STATE_RUNNING;
	__atomic_add_fetch(&cpus_running, 1, __ATOMIC_SEQ_CST);
}

void cpu_stopped(struct per_cpu *pc)
{
	pc->state = WARDEN_CPU_STATE_OFF;
	__atomic_sub_fetch(&cpus_running, 1, __ATOMIC_SEQ_CST);
}

/* WARDEN_HC_DISABLE: the calling CPU goes back to Linux. */
static bool cpus_left;

bool hypervisor_leaving(void)
{
	return cpus_left;
}

long cpu_leave(struct per_cpu *pc)
{
	if (num_cells > 1)
		return -EBUSY;
	cpus_left = true;
	pc->state = WARDEN_CPU_STATE_NONE;
	pc->leaving = true;
	if (__atomic_sub_fetch(&cpus_running, 1, __ATOMIC_SEQ_CST) == 0)
		printk("warden: disabled, Linux runs without the hypervisor\n");
	return 0;
}
