// SPDX-License-Identifier: GPL-2.0
/*
 * sysfs: /sys/devices/warden/, a root device, so that the hypervisor's state
 * can be read without the CLI (Documentation/sysfs.md).
 */
#include <linux/device.h>
#include <linux/sysfs.h>
#include "warden.h"

struct device *warden_root_dev;

static ssize_t enabled_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "%d\n", READ_ONCE(warden_enabled));
}
static DEVICE_ATTR_RO(enabled);

static struct attribute *warden_attrs[] = {
	&dev_attr_enabled.attr,
	NULL,
};

static const struct attribute_group warden_group = {
	.attrs = warden_attrs,
};

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
