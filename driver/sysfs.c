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

/* cells/<id>/: one kobject per cell; only the root cell (0) for now. */
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
		      sysfs_emit(buf, "%s\n", state == WARDEN_CELL_STATE_RUNNING ?
				 "running" : "unknown");
	}
	mutex_unlock(&warden_lock);
	return ret;
}

static ssize_t cpus_assigned_show(struct kobject *k, struct kobj_attribute *a,
				  char *buf)
{
	unsigned long set = to_cell(k)->config->cpu_set;

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

static struct kobj_attribute cell_attr_name = __ATTR_RO(name);
static struct kobj_attribute cell_attr_state = __ATTR_RO(state);
static struct kobj_attribute cell_attr_cpus_assigned = __ATTR_RO(cpus_assigned);
static struct kobj_attribute cell_attr_cpus_running = __ATTR_RO(cpus_running);

static struct attribute *cell_attrs[] = {
	&cell_attr_name.attr,
	&cell_attr_state.attr,
	&cell_attr_cpus_assigned.attr,
	&cell_attr_cpus_running.attr,
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

int warden_sysfs_cells_create(void)
{
	int err;

	cells_kobj = kobject_create_and_add("cells", &warden_root_dev->kobj);
	if (!cells_kobj)
		return -ENOMEM;
	root_kobj = kzalloc(sizeof(*root_kobj), GFP_KERNEL);
	if (!root_kobj) {
		warden_sysfs_cells_remove();
		return -ENOMEM;
	}
	root_kobj->id = 0;
	root_kobj->config = warden_system_root_cell(warden_system);
	err = kobject_init_and_add(&root_kobj->kobj, &cell_ktype, cells_kobj,
				   "0");
	if (err) {
		kobject_put(&root_kobj->kobj);
		root_kobj = NULL;
		warden_sysfs_cells_remove();
	}
	return err;
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
