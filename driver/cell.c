// SPDX-License-Identifier: GPL-2.0
/*
 * Cells other than the root: the driver's half of create, load, start,
 * shutdown and destroy (Documentation/cells.md).
 *
 * Every request is checked here against the system and the other cells
 * first, so that a refusal says exactly what is wrong and changes nothing;
 * the hypervisor checks again with its own copy of the configuration and
 * explains its refusals on its console.  A cell's CPUs leave Linux
 * (remove_cpu()) before the hypervisor gets them and come back
 * (add_cpu()) when it is destroyed.  The root writes images into a cell's
 * loadable regions itself: the hypervisor leaves them mapped in the root
 * cell while the cell does not run.
 */
#include <linux/cpu.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/ioport.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <warden/config-check.h>
#include <warden/hypercall.h>
#include <warden/inmate.h>
#include "warden.h"

LIST_HEAD(warden_cells);

static struct warden_cell_entry *find_by_name(const char *name)
{
	struct warden_cell_entry *c;

	list_for_each_entry(c, &warden_cells, list)
		if (!strncmp(c->config->name, name, WARDEN_NAME_LEN))
			return c;
	return NULL;
}

/* The cell a request names, or NULL after explaining. */
static struct warden_cell_entry *lookup(struct warden_file *wf,
					void __user *arg,
					struct warden_cell_id *ci)
{
	struct warden_cell_entry *c;

	if (copy_from_user(ci, arg, sizeof(*ci)))
		return NULL;
	ci->name[sizeof(ci->name) - 1] = '\0';
	if (ci->name[0]) {
		c = find_by_name(ci->name);
		if (!c)
			warden_error(wf, -ENOENT, "no cell named \"%s\" (see 'warden cell list')",
				     ci->name);
		return c;
	}
	list_for_each_entry(c, &warden_cells, list)
		if (c->id == ci->id)
			return c;
	if (ci->id == 0)
		warden_error(wf, -EINVAL,
			     "cell 0 is the root cell (Linux): it cannot be managed");
	else
		warden_error(wf, -ENOENT,
			     "no cell with id %d (see 'warden cell list')", ci->id);
	return NULL;
}

static const char *owner_of_cpu(unsigned int cpu)
{
	struct warden_cell_entry *c;

	list_for_each_entry(c, &warden_cells, list)
		if (c->config->cpu_set & BIT_ULL(cpu))
			return c->config->name;
	return NULL;
}

static bool overlaps(u64 a, u64 asize, u64 b, u64 bsize)
{
	return a < b + bsize && b < a + asize;
}

static bool in_root_ram(const struct warden_memory_region *r)
{
	const struct warden_cell *root = warden_system_root_cell(warden_system);
	const struct warden_memory_region *rr = warden_cell_regions(root);
	u32 n;

	for (n = 0; n < root->memory_regions.count; n++)
		if (!(rr[n].flags & (WARDEN_MEM_IO | WARDEN_MEM_COMM)) &&
		    r->phys_start >= rr[n].phys_start &&
		    r->phys_start + r->size <= rr[n].phys_start + rr[n].size)
			return true;
	return false;
}

static int check_memory(struct warden_file *wf, const struct warden_cell *cfg)
{
	const struct warden_memory_region *r = warden_cell_regions(cfg), *o;
	struct warden_cell_entry *c;
	u32 n, m;

	for (n = 0; n < cfg->memory_regions.count; n++) {
		if (r[n].flags & WARDEN_MEM_COMM)
			continue;
		if (!in_root_ram(&r[n]))
			return warden_error(wf, -EINVAL,
				"memory 0x%llx-0x%llx is not RAM of the root cell: a cell may only take root memory",
				r[n].phys_start, r[n].phys_start + r[n].size - 1);
		if (region_intersects(r[n].phys_start, r[n].size,
				      IORESOURCE_SYSTEM_RAM, IORES_DESC_NONE) !=
		    REGION_DISJOINT)
			return warden_error(wf, -EBUSY,
				"memory 0x%llx-0x%llx is System RAM that Linux uses",
				r[n].phys_start, r[n].phys_start + r[n].size - 1);
		list_for_each_entry(c, &warden_cells, list) {
			o = warden_cell_regions(c->config);
			for (m = 0; m < c->config->memory_regions.count; m++)
				if (!(o[m].flags & WARDEN_MEM_COMM) &&
				    overlaps(r[n].phys_start, r[n].size,
					     o[m].phys_start, o[m].size))
					return warden_error(wf, -EBUSY,
						"memory 0x%llx-0x%llx overlaps memory of cell \"%s\"",
						r[n].phys_start,
						r[n].phys_start + r[n].size - 1,
						c->config->name);
		}
	}
	return 0;
}

/* Is line on chip owned by irqchip list chips of cfg? */
static bool has_line(const struct warden_cell *cfg, u64 chip, u32 line)
{
	const struct warden_irqchip *ic = warden_cell_irqchips(cfg);
	u32 n, bit;

	for (n = 0; n < cfg->irqchips.count; n++) {
		if (ic[n].address != chip || line < ic[n].pin_base ||
		    line >= ic[n].pin_base + WARDEN_IRQCHIP_WINDOW)
			continue;
		bit = line - ic[n].pin_base;
		if (ic[n].pin_bitmap[bit / 64] & BIT_ULL(bit % 64))
			return true;
	}
	return false;
}

static int check_irqs(struct warden_file *wf, const struct warden_cell *cfg)
{
	const struct warden_cell *root = warden_system_root_cell(warden_system);
	const struct warden_irqchip *ic = warden_cell_irqchips(cfg);
	struct warden_cell_entry *c;
	u32 n, bit, line;

	for (n = 0; n < cfg->irqchips.count; n++)
		for (bit = 0; bit < WARDEN_IRQCHIP_WINDOW; bit++) {
			if (!(ic[n].pin_bitmap[bit / 64] & BIT_ULL(bit % 64)))
				continue;
			line = ic[n].pin_base + bit;
			if (!has_line(root, ic[n].address, line))
				return warden_error(wf, -EINVAL,
					"interrupt line %u is not the root cell's",
					line);
			list_for_each_entry(c, &warden_cells, list)
				if (has_line(c->config, ic[n].address, line))
					return warden_error(wf, -EBUSY,
						"interrupt line %u belongs to cell \"%s\"",
						line, c->config->name);
		}
	return 0;
}

static int check_cell(struct warden_file *wf, const struct warden_cell *cfg)
{
	const struct warden_cell *root = warden_system_root_cell(warden_system);
	struct warden_cell_entry *c;
	unsigned int cpu;
	const char *owner;
	int err;

	if (cfg->system_name[0] &&
	    strncmp(cfg->system_name, warden_system->name, WARDEN_NAME_LEN))
		return warden_error(wf, -EINVAL,
			"the cell is for system \"%.32s\", this is \"%.32s\"",
			cfg->system_name, warden_system->name);
	c = find_by_name(cfg->name);
	if (c)
		return warden_error(wf, -EEXIST,
			"a cell named \"%.32s\" exists already (id %d)",
			cfg->name, c->id);
	if (cfg->cpu_set & 1)
		return warden_error(wf, -EINVAL,
			"CPU 0 cannot leave the root cell: Linux needs it");
	for (cpu = 1; cpu < WARDEN_MAX_CPUS; cpu++) {
		if (!(cfg->cpu_set & BIT_ULL(cpu)))
			continue;
		owner = owner_of_cpu(cpu);
		if (owner)
			return warden_error(wf, -EBUSY,
				"CPU %u belongs to cell \"%s\"", cpu, owner);
		if (!(root->cpu_set & BIT_ULL(cpu)) || !cpu_present(cpu))
			return warden_error(wf, -EINVAL,
				"CPU %u is not a CPU of the root cell", cpu);
	}
	err = check_memory(wf, cfg);
	if (!err)
		err = check_irqs(wf, cfg);
	return err;
}

/* Bring back the CPUs of set that Linux had before a cell took them. */
static void give_back_cpus(u64 set)
{
	unsigned int cpu;
	int err;

	for (cpu = 1; cpu < WARDEN_MAX_CPUS; cpu++)
		if (set & BIT_ULL(cpu)) {
			err = add_cpu(cpu);
			if (err)
				pr_warn("warden: CPU %u did not come back online (%d)\n",
					cpu, err);
		}
}

int warden_cell_create(struct warden_file *wf, void __user *arg)
{
	struct warden_cell_entry *c;
	struct warden_cell *cfg;
	unsigned int cpu;
	u64 size, taken = 0;
	const char *why;
	char line[160];
	void *buf;
	long ret;

	cfg = warden_copy_config(wf, arg, &size);
	if (IS_ERR(cfg))
		return PTR_ERR(cfg);
	if (warden_config_check(cfg, size, WARDEN_CELL_MAGIC,
				warden_arch_number, &why)) {
		ret = warden_error(wf, -EINVAL, "invalid cell configuration: %s",
				   why);
		goto out;
	}
	if (size > WARDEN_CELL_CONFIG_MAX) {
		ret = warden_error(wf, -E2BIG,
			"cell configuration of %llu bytes: at most %u", size,
			WARDEN_CELL_CONFIG_MAX);
		goto out;
	}
	ret = check_cell(wf, cfg);
	if (ret)
		goto out;
	c = kzalloc(sizeof(*c), GFP_KERNEL);
	buf = kmemdup(cfg, size, GFP_KERNEL);
	if (!c || !buf) {
		kfree(c);
		kfree(buf);
		ret = -ENOMEM;
		goto out;
	}
	for (cpu = 1; cpu < WARDEN_MAX_CPUS; cpu++) {
		if (!(cfg->cpu_set & BIT_ULL(cpu)) || !cpu_online(cpu))
			continue;
		ret = remove_cpu(cpu);
		if (ret) {
			warden_error(wf, ret,
				"Linux did not give up CPU %u (error %ld)",
				cpu, ret);
			break;
		}
		taken |= BIT_ULL(cpu);
	}
	if (!ret)
		ret = warden_arch_hypercall(WARDEN_HC_CELL_CREATE,
					    virt_to_phys(buf), size);
	kfree(buf);
	if (ret < 0) {
		give_back_cpus(taken);
		if (!wf->error[0])
			warden_error(wf, ret, "the hypervisor refused the cell: %s",
				     warden_last_console_line(line, sizeof(line)));
		kfree(c);
		goto out;
	}
	c->id = ret;
	c->config = cfg;
	c->size = size;
	c->cpus_taken = taken;
	cfg = NULL;
	list_add_tail(&c->list, &warden_cells);
	if (warden_sysfs_cell_add(c))
		pr_warn("warden: no sysfs entry for cell %d\n", c->id);
	pr_info("warden: cell \"%s\" created (id %d)\n", c->config->name, c->id);
out:
	vfree(cfg);
	return ret;
}

/* The loadable region of c that holds [addr, addr + size). */
static int find_target(struct warden_file *wf, struct warden_cell_entry *c,
		       struct warden_cell_image *img, u64 *phys)
{
	const struct warden_memory_region *r = warden_cell_regions(c->config);
	const struct warden_memory_region *first = NULL;
	u32 n;

	for (n = 0; n < c->config->memory_regions.count; n++)
		if ((r[n].flags & WARDEN_MEM_LOADABLE) && !first)
			first = &r[n];
	if (!first)
		return warden_error(wf, -EINVAL,
			"cell \"%s\" has no loadable memory", c->config->name);
	if (img->address == WARDEN_LOAD_DEFAULT)
		img->address = first->virt_start;
	else if (img->address == WARDEN_LOAD_CMDLINE)
		img->address = first->virt_start + WARDEN_INMATE_CMDLINE;
	for (n = 0; n < c->config->memory_regions.count; n++) {
		if (!(r[n].flags & WARDEN_MEM_LOADABLE) ||
		    img->address < r[n].virt_start ||
		    img->address >= r[n].virt_start + r[n].size)
			continue;
		if (img->size > r[n].virt_start + r[n].size - img->address)
			return warden_error(wf, -E2BIG,
				"%llu bytes do not fit at 0x%llx: the loadable region 0x%llx-0x%llx of cell \"%s\" has %llu bytes from there",
				img->size, img->address, r[n].virt_start,
				r[n].virt_start + r[n].size - 1, c->config->name,
				r[n].virt_start + r[n].size - img->address);
		*phys = r[n].phys_start + (img->address - r[n].virt_start);
		return 0;
	}
	return warden_error(wf, -EINVAL,
		"0x%llx is not in a loadable region of cell \"%s\"",
		img->address, c->config->name);
}

static int copy_image(struct warden_cell_image *img, u64 phys)
{
	void *p = memremap(phys, img->size, MEMREMAP_WB);
	int err = 0;

	if (!p)
		return -ENOMEM;
	if (copy_from_user(p, u64_to_user_ptr(img->source), img->size))
		err = -EFAULT;
	/* The cell's CPUs start with their caches off. */
	warden_arch_flush(p, img->size);
	memunmap(p);
	return err;
}

static const char *state_name(long state)
{
	switch (state) {
	case WARDEN_CELL_STATE_RUNNING:
		return "running";
	case WARDEN_CELL_STATE_RUNNING_LOCKED:
		return "running/locked";
	case WARDEN_CELL_STATE_SHUT_DOWN:
		return "shut down";
	case WARDEN_CELL_STATE_FAILED:
		return "failed";
	default:
		return "unknown";
	}
}

const char *warden_cell_state(int id)
{
	return state_name(warden_arch_hypercall(WARDEN_HC_CELL_STATE, id, 0));
}

static bool running(long state)
{
	return state == WARDEN_CELL_STATE_RUNNING ||
	       state == WARDEN_CELL_STATE_RUNNING_LOCKED;
}

int warden_cell_load(struct warden_file *wf, void __user *arg)
{
	struct warden_cell_image *imgs;
	struct warden_cell_load cl;
	struct warden_cell_entry *c;
	u64 phys[WARDEN_LOAD_MAX_IMAGES];
	u32 n;
	int err;

	if (copy_from_user(&cl, arg, sizeof(cl)))
		return -EFAULT;
	c = lookup(wf, arg, &cl.cell);
	if (!c)
		return wf->error[0] ? -ENOENT : -EFAULT;
	if (!cl.num_images || cl.num_images > WARDEN_LOAD_MAX_IMAGES)
		return warden_error(wf, -EINVAL, "1 to %d images per load",
				    WARDEN_LOAD_MAX_IMAGES);
	if (running(warden_arch_hypercall(WARDEN_HC_CELL_STATE, c->id, 0)))
		return warden_error(wf, -EBUSY,
			"cell \"%s\" is running: shut it down first",
			c->config->name);
	imgs = memdup_user(u64_to_user_ptr(cl.images),
			   cl.num_images * sizeof(*imgs));
	if (IS_ERR(imgs))
		return PTR_ERR(imgs);
	/* All must fit before anything is written. */
	for (n = 0, err = 0; n < cl.num_images && !err; n++)
		err = find_target(wf, c, &imgs[n], &phys[n]);
	/* A failed cell still holds its loadable memory: stop it for good. */
	if (!err)
		err = min(warden_arch_hypercall(WARDEN_HC_CELL_SHUTDOWN, c->id,
						0), 0L);
	for (n = 0; n < cl.num_images && !err; n++)
		err = copy_image(&imgs[n], phys[n]);
	kfree(imgs);
	if (err)
		return wf->error[0] ? err : warden_error(wf, err,
			"loading cell \"%s\" failed (error %d)",
			c->config->name, err);
	c->loaded = true;
	return 0;
}

int warden_cell_start(struct warden_file *wf, void __user *arg)
{
	struct warden_cell_entry *c;
	struct warden_cell_id ci;
	char line[160];
	long ret;

	c = lookup(wf, arg, &ci);
	if (!c)
		return wf->error[0] ? -ENOENT : -EFAULT;
	if (!c->loaded)
		return warden_error(wf, -ENOEXEC,
			"cell \"%s\" has nothing loaded (creating it, and shutting it down, leave its loadable memory zeroed): run 'warden cell load %s IMAGE' first",
			c->config->name, c->config->name);
	ret = warden_arch_hypercall(WARDEN_HC_CELL_STATE, c->id, 0);
	if (ret != WARDEN_CELL_STATE_SHUT_DOWN)
		return warden_error(wf, -EBUSY,
			"cell \"%s\" is %s: only a shut-down cell starts (shut it down or load it again)",
			c->config->name, state_name(ret));
	ret = warden_arch_hypercall(WARDEN_HC_CELL_START, c->id, 0);
	if (ret)
		return warden_error(wf, ret, "cell \"%s\" did not start: %s",
				    c->config->name,
				    warden_last_console_line(line, sizeof(line)));
	return 0;
}

int warden_cell_shutdown(struct warden_file *wf, void __user *arg)
{
	struct warden_cell_entry *c;
	struct warden_cell_id ci;
	long ret;

	c = lookup(wf, arg, &ci);
	if (!c)
		return wf->error[0] ? -ENOENT : -EFAULT;
	ret = warden_arch_hypercall(WARDEN_HC_CELL_SHUTDOWN, c->id, 0);
	if (ret == -EBUSY)
		return warden_error(wf, -EBUSY,
			"cell \"%s\" is locked and refuses to shut down (it has been asked to)",
			c->config->name);
	if (ret == -ETIMEDOUT)
		return warden_error(wf, ret,
			"cell \"%s\": a CPU did not stop; the cell is failed and keeps its CPUs and memory (try again)",
			c->config->name);
	/* Its loadable memory came back zeroed: nothing is loaded now. */
	if (ret == 1)
		c->loaded = false;
	return ret < 0 ? ret : 0;
}

static int warden_cell_destroy_entry(struct warden_file *wf,
				     struct warden_cell_entry *c)
{
	long ret = warden_arch_hypercall(WARDEN_HC_CELL_DESTROY, c->id, 0);

	if (ret == -EBUSY)
		return warden_error(wf, -EBUSY,
			"cell \"%s\" is locked and refuses to shut down (it has been asked to)",
			c->config->name);
	if (ret)
		return warden_error(wf, ret,
			"the hypervisor did not destroy cell \"%s\" (error %ld)",
			c->config->name, ret);
	list_del(&c->list);
	warden_sysfs_cell_del(c);
	give_back_cpus(c->cpus_taken);
	pr_info("warden: cell \"%s\" destroyed\n", c->config->name);
	vfree(c->config);
	kfree(c);
	return 0;
}

int warden_cell_destroy(struct warden_file *wf, void __user *arg)
{
	struct warden_cell_entry *c;
	struct warden_cell_id ci;

	c = lookup(wf, arg, &ci);
	if (!c)
		return wf->error[0] ? -ENOENT : -EFAULT;
	return warden_cell_destroy_entry(wf, c);
}
