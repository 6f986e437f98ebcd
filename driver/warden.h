/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Driver internals shared by main.c, sysfs.c and the architecture glue
 * (hypervisor/arch/<arch>/driver.c, linked in as arch.c).
 */
#ifndef _DRIVER_WARDEN_H
#define _DRIVER_WARDEN_H

#include <linux/device.h>
#include <linux/mutex.h>
#include <warden/header.h>
#include <warden/ioctl.h>

/* Per open file of /dev/warden. */
struct warden_file {
	char error[WARDEN_ERROR_LEN];	/* why the last call failed */
};

/*
 * Report why a request failed: to dmesg and, through WARDEN_GET_ERROR, to
 * the process that asked.  Returns err, for "return warden_error(...)".
 */
int warden_error(struct warden_file *wf, int err, const char *fmt, ...)
	__printf(3, 4);

extern struct mutex warden_lock;
extern bool warden_enabled;
extern struct device *warden_root_dev;

int warden_sysfs_init(void);
void warden_sysfs_exit(void);

/* Architecture glue, one per hypervisor/arch/<arch>/driver.c. */
extern const char warden_arch_name[];
extern const u32 warden_arch_number;

/*
 * Can this machine and kernel host the hypervisor?  Called before any
 * resource is taken; explains a "no" through warden_error().
 */
int warden_arch_check(struct warden_file *wf);

#endif /* _DRIVER_WARDEN_H */
