/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The header at offset 0 of the hypervisor image (/lib/firmware/warden.bin).
 *
 * The driver reads it before anything else: it says which architecture the
 * image was built for, how much memory the image needs beyond its file size
 * (bss), where to enter it and where its console ring lies.  The driver
 * fills in the fields marked "driver" before it starts any CPU.
 *
 * The hypervisor memory named by the system configuration is laid out as
 *
 *   image (image_size) | per-CPU areas (num_cpus * percpu_size) |
 *   system configuration (config_size, rounded up to a page) | page pool
 *
 * so that each CPU finds its own area and stack from its number alone,
 * before it has any page table (Documentation/arm64.md, "Enable").
 */
#ifndef _WARDEN_HEADER_H
#define _WARDEN_HEADER_H

#include <warden/cell-config.h>	/* WARDEN_ARCH_* */

#define WARDEN_HEADER_MAGIC	"WARDENHV"
#define WARDEN_HEADER_VERSION	2

struct warden_header {
	char magic[8];		/* WARDEN_HEADER_MAGIC, not NUL-terminated */
	__u32 version;		/* WARDEN_HEADER_VERSION */
	__u32 arch;		/* WARDEN_ARCH_* */
	__u64 image_size;	/* bytes of code and data, bss included; pages */
	__u64 entry;		/* entry point, offset from the image start */
	__u32 percpu_size;	/* bytes of each CPU's area (data and stack) */
	__u32 max_cpus;		/* highest CPU count the image supports */
	__u64 console_offset;	/* struct warden_console_ring in the image */
	__u64 console_size;	/* its size in bytes, whole pages */
	/* driver: */
	__u64 phys_base;	/* physical address the image was copied to */
	__u64 config_size;	/* bytes of the system configuration */
	__u32 num_cpus;		/* per-CPU areas: highest CPU number + 1 */
	__u32 reserved0;
	__u64 reserved[2];
};

#endif /* _WARDEN_HEADER_H */
