/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The interface between the `warden` CLI and the driver (/dev/warden).
 *
 * Buffers are passed as 64-bit user addresses so that the structs have one
 * layout for every architecture.
 */
#ifndef _WARDEN_IOCTL_H
#define _WARDEN_IOCTL_H

#include <warden/types.h>
#include <linux/ioctl.h>

#define WARDEN_DEVICE		"/dev/warden"
#define WARDEN_SYSFS		"/sys/devices/warden"

/* A system or cell configuration image, as compiled by warden-config. */
struct warden_config_buf {
	__u64 addr;
	__u64 size;
};

struct warden_info {
	__u32 enabled;		/* 1 while the hypervisor runs */
	__u32 num_cells;	/* root cell included */
	__u64 mem_pool_used;	/* pages */
	__u64 mem_pool_total;	/* pages */
	__u64 reserved[4];
};

#define WARDEN_IOCTL_MAGIC	0xe7

#define WARDEN_ENABLE	_IOW(WARDEN_IOCTL_MAGIC, 0, struct warden_config_buf)
#define WARDEN_DISABLE	_IO(WARDEN_IOCTL_MAGIC, 1)
#define WARDEN_INFO	_IOR(WARDEN_IOCTL_MAGIC, 2, struct warden_info)
/*
 * After a failed call: the driver's explanation, as one line of text
 * (empty if it has none).  Kept per open file.
 */
#define WARDEN_ERROR_LEN	256
#define WARDEN_GET_ERROR _IOR(WARDEN_IOCTL_MAGIC, 3, char[WARDEN_ERROR_LEN])

/* A cell: by name, or by id when name is empty. */
struct warden_cell_id {
	__s32 id;
	__u32 reserved;
	char name[32];
};

/* One image (or string) to copy into a cell's loadable memory. */
struct warden_cell_image {
	__u64 source;		/* user address */
	__u64 size;
	__u64 address;		/* in the cell; WARDEN_LOAD_DEFAULT: see below */
};

/*
 * address WARDEN_LOAD_DEFAULT: the start of the cell's first loadable
 * region; WARDEN_LOAD_CMDLINE: that plus WARDEN_INMATE_CMDLINE, where the
 * inmate library looks for its command line (warden/inmate.h).
 */
#define WARDEN_LOAD_DEFAULT	(~0ULL)
#define WARDEN_LOAD_CMDLINE	(~1ULL)
#define WARDEN_LOAD_MAX_IMAGES	16

struct warden_cell_load {
	struct warden_cell_id cell;
	__u32 num_images;
	__u32 reserved;
	__u64 images;		/* user address of struct warden_cell_image[] */
};

/* Returns the new cell's id. */
#define WARDEN_CELL_CREATE _IOW(WARDEN_IOCTL_MAGIC, 4, struct warden_config_buf)
#define WARDEN_CELL_LOAD _IOW(WARDEN_IOCTL_MAGIC, 5, struct warden_cell_load)
#define WARDEN_CELL_START _IOW(WARDEN_IOCTL_MAGIC, 6, struct warden_cell_id)
#define WARDEN_CELL_SHUTDOWN _IOW(WARDEN_IOCTL_MAGIC, 7, struct warden_cell_id)
#define WARDEN_CELL_DESTROY _IOW(WARDEN_IOCTL_MAGIC, 8, struct warden_cell_id)

#endif /* _WARDEN_IOCTL_H */
