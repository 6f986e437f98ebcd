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

#endif /* _WARDEN_IOCTL_H */
