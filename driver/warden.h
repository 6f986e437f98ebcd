/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Driver internals shared by main.c, sysfs.c, cell.c and the architecture
 * glue (arch/<arch>.c).
 */
#ifndef _DRIVER_WARDEN_H
#define _DRIVER_WARDEN_H

#include <linux/device.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <warden/cell-config.h>
#include <warden/console.h>
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

/* Everything below is protected by warden_lock. */
extern struct mutex warden_lock;
extern bool warden_enabled;
extern struct device *warden_root_dev;
/* The system configuration of the hypervisor that runs (or ran last). */
extern const struct warden_system *warden_system;

/* A non-root cell, from create to destroy (cell.c). */
struct warden_cell_entry {
	struct list_head list;
	int id;
	struct warden_cell *config;	/* vmalloc()ed, checked */
	u64 size;
	u64 cpus_taken;			/* CPUs that were online in Linux */
	bool loaded;			/* something was loaded since create */
	struct kobject *kobj;		/* cells/<id>/ */
};

extern struct list_head warden_cells;

int warden_cell_create(struct warden_file *wf, void __user *arg);
int warden_cell_load(struct warden_file *wf, void __user *arg);
int warden_cell_start(struct warden_file *wf, void __user *arg);
int warden_cell_shutdown(struct warden_file *wf, void __user *arg);
int warden_cell_destroy(struct warden_file *wf, void __user *arg);
/* "running", "running/locked", "shut down" or "failed". */
const char *warden_cell_state(int id);

/* main.c helpers for cell.c */
void *warden_copy_config(struct warden_file *wf, void __user *arg, u64 *size);
const char *warden_last_console_line(char *buf, size_t len);

int warden_sysfs_init(void);
void warden_sysfs_exit(void);
/* cells/ while the hypervisor runs; cells/<id>/ for each cell. */
int warden_sysfs_cells_create(void);
void warden_sysfs_cells_remove(void);
int warden_sysfs_cell_add(struct warden_cell_entry *c);
void warden_sysfs_cell_del(struct warden_cell_entry *c);

/* Architecture glue: arch/<arch>.c, the one Kbuild picks. */
extern const char warden_arch_name[];
extern const u32 warden_arch_number;

/*
 * Can this machine and kernel host the hypervisor with the (checked)
 * system configuration sys?  Called before any resource is taken; explains
 * a "no" through warden_error().  The architecture may prepare what its
 * warden_arch_enter() needs here (x86: the entry page tables).
 */
int warden_arch_check(struct warden_file *wf, const struct warden_system *sys);
/*
 * The hypervisor memory [phys, phys + size) is System RAM of Linux, whose
 * lowest RAM is at lowest_ram: write into buf the kernel parameter that
 * keeps Linux out of it, with what it does ("mem=768M to keep Linux below
 * it"), for the error message.
 */
void warden_arch_mem_param(char *buf, size_t len, u64 phys, u64 size,
			   u64 lowest_ram);
/*
 * On the CPU itself, interrupts off: hand it to the hypervisor, whose
 * entry point is at physical address entry.  0 when the CPU came back as
 * part of the root cell, a negative errno when it came back unchanged.
 */
int warden_arch_enter(phys_addr_t entry, unsigned int cpu, bool first);
/* A hypercall (include/warden/hypercall.h); only while enabled. */
long warden_arch_hypercall(unsigned long code, unsigned long arg1,
			   unsigned long arg2);
/* On the CPU itself: WARDEN_HC_DISABLE, which hands the CPU back. */
long warden_arch_disable_cpu(void);
/*
 * Make [addr, addr + size) visible to a CPU that reads memory with its
 * caches off: write back and drop the data cache lines, and drop stale
 * instructions.
 */
void warden_arch_flush(void *addr, size_t size);

#endif /* _DRIVER_WARDEN_H */
