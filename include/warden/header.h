/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The header at offset 0 of the hypervisor image (/lib/firmware/warden.bin).
 *
 * The driver reads it before anything else: it says which architecture the
 * image was built for, how much memory the image needs beyond its file size
 * (bss, per-CPU data) and where to enter it.  The driver fills in the fields
 * marked "driver" before it starts any CPU.
 */
#ifndef _WARDEN_HEADER_H
#define _WARDEN_HEADER_H

#include <warden/cell-config.h>	/* WARDEN_ARCH_* */

#define WARDEN_HEADER_MAGIC	"WARDENHV"
#define WARDEN_HEADER_VERSION	1

struct warden_header {
	char magic[8];		/* WARDEN_HEADER_MAGIC, not NUL-terminated */
	__u32 version;		/* WARDEN_HEADER_VERSION */
	__u32 arch;		/* WARDEN_ARCH_* */
	__u64 image_size;	/* bytes of code and data, bss included */
	__u64 entry;		/* entry point, offset from the image start */
	__u32 percpu_size;	/* bytes of per-CPU data the core wants */
	__u32 max_cpus;		/* highest CPU count the image supports */
	/* driver: */
	__u32 online_cpus;	/* CPUs that will enter */
	__u32 reserved0;
	__u64 phys_base;	/* physical address the image was copied to */
	__u64 reserved[4];
};

#endif /* _WARDEN_HEADER_H */
