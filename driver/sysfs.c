// SPDX-License-Identifier: GPL-2.0
/*
 * sysfs: /sys/devices/warden/, a root device, so that the hypervisor's state
 * can be read without the CLI (Documentation/sysfs.md).  Figures come from
 * the hypervisor (hypercalls) while it runs; reading them otherwise fails
 * with ENODEV.  cells/ exists while the hypervisor runs.
 */
#include <linux/cpumask.h>
#include <linux/device.h>
#include <linux/kobject.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <warden/hypercall.h>
#include "warden.h"

struct device *warden_root_dev;

static ssize_t enabled_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "%d\n", READ_ONCE(warden_enabled));
}
static DEVICE_ATTR_RO(enabled);

/* A WARDEN_HC_GET_INFO figure. */
static ssize_t info_show(char *buf, unsigned long what)
{
	ssize_t ret = -ENODEV;
	long value;

	mutex_lock(&warden_lock);
	if (warden_enabled) {
		value = warden_arch_hypercall(WARDEN_HC_GET_INFO, what, 0);
		ret = value < 0 ? value : sysfs_emit(buf, "%ld\n", value);
	}
	mutex_unlock(&warden_lock);
	return ret;
}

#define INFO_ATTR(name, what)						\
static ssize_t name##_show(struct device *dev,				\
			   struct device_attribute *attr, char *buf)	\
{									\
	return info_show(buf, what);					\
}									\
static DEVICE_ATTR_RO(name)

INFO_ATTR(mem_pool_size, WARDEN_INFO_MEM_POOL_SIZE);
INFO_ATTR(mem_pool_used, WARDEN_INFO_MEM_POOL_USED);
INFO_ATTR(mem_fixed, WARDEN_INFO_MEM_FIXED);
INFO_ATTR(num_cells, WARDEN_INFO_NUM_CELLS);

static struct attribute *warden_attrs[] = {
	&dev_attr_enabled.attr,
	&dev_attr_mem_pool_size.attr,
	&dev_attr_mem_pool_used.attr,
	&dev_attr_mem_fixed.attr,
	&dev_attr_num_cells.attr,
	NULL,
};

static const struct attribute_group warden_group = {
	.attrs = warden_attrs,
};

/* cells/<id>/: one kobject per cell, the root cell (0) first. */
struct cell_kobj {
	struct kobject kobj;
	unsigned int id;
	const struct warden_cell *config;
};

static struct kobject *cells_kobj;
static struct cell_kobj *root_kobj;

#define to_cell(k) container_of(k, struct cell_kobj, kobj)

static ssize_t name_show(struct kobject *k, struct kobj_attribute *a,
			 char *buf)
{
	return sysfs_emit(buf, "%s\n", to_cell(k)->config->name);
}

static ssize_t state_show(struct kobject *k, struct kobj_attribute *a,
			  char *buf)
{
	ssize_t ret = -ENODEV;
	long state;

	mutex_lock(&warden_lock);
	if (warden_enabled) {
		state = warden_arch_hypercall(WARDEN_HC_CELL_STATE,
					      to_cell(k)->id, 0);
		ret = state < 0 ? state :
		      sysfs_emit(buf, "%s\n", warden_cell_state(to_cell(k)->id));
	}
	mutex_unlock(&warden_lock);
	return ret;
}

static ssize_t cpus_assigned_show(struct kobject *k, struct kobj_attribute *a,
				  char *buf)
{
	unsigned long set = to_cell(k)->config->cpu_set;
	struct warden_cell_entry *c;

	mutex_lock(&warden_lock);
	if (to_cell(k)->id == 0)
		list_for_each_entry(c, &warden_cells, list)
			set &= ~(unsigned long)c->config->cpu_set;
	mutex_unlock(&warden_lock);
	return sysfs_emit(buf, "%*pbl\n", BITS_PER_LONG, &set);
}

/* The cell's CPUs that run now (not powered off by the cell). */
static ssize_t cpus_running_show(struct kobject *k, struct kobj_attribute *a,
				 char *buf)
{
	unsigned long set = to_cell(k)->config->cpu_set, running = 0;
	unsigned int cpu;
	ssize_t ret = -ENODEV;

	mutex_lock(&warden_lock);
	if (warden_enabled) {
		for_each_set_bit(cpu, &set, BITS_PER_LONG)
			if (warden_arch_hypercall(WARDEN_HC_CPU_STATE, cpu, 0) ==
			    WARDEN_CPU_STATE_RUNNING)
				running |= BIT(cpu);
		ret = sysfs_emit(buf, "%*pbl\n", BITS_PER_LONG, &running);
	}
	mutex_unlock(&warden_lock);
	return ret;
}

/* The cell's CPUs that failed (faulted). */
static ssize_t cpus_failed_show(struct kobject *k, struct kobj_attribute *a,
				char *buf)
{
	unsigned long set = 0;
	ssize_t ret = -ENODEV;
	long failed;

	mutex_lock(&warden_lock);
	if (warden_enabled) {
		failed = to_cell(k)->id ?
			 warden_arch_hypercall(WARDEN_HC_CELL_FAILED_CPUS,
					       to_cell(k)->id, 0) : 0;
		if (failed > 0)
			set = failed;
		ret = sysfs_emit(buf, "%*pbl\n", BITS_PER_LONG, &set);
	}
	mutex_unlock(&warden_lock);
	return ret;
}

static const char *const stat_names[WARDEN_NUM_STATS] = {
	"total", "hypercall", "mmio", "psci", "irq", "sgi", "other",
};

/* Exits to the hypervisor by reason: a line per CPU, then the sums. */
static ssize_t statistics_show(struct kobject *k, struct kobj_attribute *a,
			       char *buf)
{
	unsigned long set = to_cell(k)->config->cpu_set;
	u64 sum[WARDEN_NUM_STATS] = {};
	struct warden_cell_entry *c;
	unsigned int cpu, n;
	ssize_t len = 0;
	long v;

	mutex_lock(&warden_lock);
	if (!warden_enabled) {
		mutex_unlock(&warden_lock);
		return -ENODEV;
	}
	/* The root cell's CPUs are those no other cell has now. */
	if (to_cell(k)->id == 0)
		list_for_each_entry(c, &warden_cells, list)
			set &= ~(unsigned long)c->config->cpu_set;
	len += sysfs_emit_at(buf, len, "%-6s", "cpu");
	for (n = 0; n < WARDEN_NUM_STATS; n++)
		len += sysfs_emit_at(buf, len, " %12s", stat_names[n]);
	len += sysfs_emit_at(buf, len, "\n");
	for_each_set_bit(cpu, &set, BITS_PER_LONG) {
		len += sysfs_emit_at(buf, len, "%-6u", cpu);
		for (n = 0; n < WARDEN_NUM_STATS; n++) {
			v = warden_arch_hypercall(WARDEN_HC_CPU_STAT, cpu, n);
			v = v < 0 ? 0 : v;
			sum[n] += v;
			len += sysfs_emit_at(buf, len, " %12ld", v);
		}
		len += sysfs_emit_at(buf, len, "\n");
	}
	len += sysfs_emit_at(buf, len, "%-6s", "all");
	for (n = 0; n < WARDEN_NUM_STATS; n++)
		len += sysfs_emit_at(buf, len, " %12llu", sum[n]);
	len += sysfs_emit_at(buf, len, "\n");
	mutex_unlock(&warden_lock);
	return len;
}

static struct kobj_attribute cell_attr_name = __ATTR_RO(name);
static struct kobj_attribute cell_attr_cpus_failed = __ATTR_RO(cpus_failed);
static struct kobj_attribute cell_attr_statistics = __ATTR_RO(statistics);
static struct kobj_attribute cell_attr_state = __ATTR_RO(state);
static struct kobj_attribute cell_attr_cpus_assigned = __ATTR_RO(cpus_assigned);
static struct kobj_attribute cell_attr_cpus_running = __ATTR_RO(cpus_running);

static struct attribute *cell_attrs[] = {
	&cell_attr_name.attr,
	&cell_attr_state.attr,
	&cell_attr_cpus_assigned.attr,
	&cell_attr_cpus_running.attr,
	&cell_attr_cpus_failed.attr,
	&cell_attr_statistics.attr,
	NULL,
};
ATTRIBUTE_GROUPS(cell);

static void cell_release(struct kobject *k)
{
	kfree(to_cell(k));
}

static struct kobj_type cell_ktype = {
	.release = cell_release,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = cell_groups,
};

static struct cell_kobj *cell_kobj_add(unsigned int id,
				       const struct warden_cell *config)
{
	struct cell_kobj *ck = kzalloc(sizeof(*ck), GFP_KERNEL);

	if (!ck)
		return NULL;
	ck->id = id;
	ck->config = config;
	if (kobject_init_and_add(&ck->kobj, &cell_ktype, cells_kobj, "%u",
				 id)) {
		kobject_put(&ck->kobj);
		return NULL;
	}
	return ck;
}

int warden_sysfs_cell_add(struct warden_cell_entry *c)
{
	struct cell_kobj *ck = cells_kobj ? cell_kobj_add(c->id, c->config) :
			       NULL;

	c->kobj = ck ? &ck->kobj : NULL;
	return ck ? 0 : -ENOMEM;
}

void warden_sysfs_cell_del(struct warden_cell_entry *c)
{
	if (c->kobj)
		kobject_put(c->kobj);
	c->kobj = NULL;
}

int warden_sysfs_cells_create(void)
{
	cells_kobj = kobject_create_and_add("cells", &warden_root_dev->kobj);
	if (!cells_kobj)
		return -ENOMEM;
	root_kobj = cell_kobj_add(0, warden_system_root_cell(warden_system));
	if (!root_kobj) {
		warden_sysfs_cells_remove();
		return -ENOMEM;
	}
	return 0;
}

void warden_sysfs_cells_remove(void)
{
	if (root_kobj)
		kobject_put(&root_kobj->kobj);
	root_kobj = NULL;
	kobject_put(cells_kobj);
	cells_kobj = NULL;
}

int warden_sysfs_init(void)
{
	int err;

	warden_root_dev = root_device_register("warden");
	if (IS_ERR(warden_root_dev))
		return PTR_ERR(warden_root_dev);
	err = sysfs_create_group(&warden_root_dev->kobj, &warden_group);
	if (err)
		root_device_unregister(warden_root_dev);
	return err;
}

void warden_sysfs_exit(void)
{
	sysfs_remove_group(&warden_root_dev->kobj, &warden_group);
	root_device_unregister(warden_root_dev);
}
