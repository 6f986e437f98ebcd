/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The configuration validator (hypervisor/config-check.c), shared by the
 * hypervisor, the driver and host tools.
 */
#ifndef _WARDEN_CONFIG_CHECK_H
#define _WARDEN_CONFIG_CHECK_H

#include <warden/types.h>

/* What warden_config_check() returns for any image it refuses (-EINVAL). */
#define WARDEN_CONFIG_INVALID	(-22)

/*
 * Check a system or cell image of size bytes before anything else reads
 * it.  expect_magic is WARDEN_SYSTEM_MAGIC or WARDEN_CELL_MAGIC;
 * expect_arch is a WARDEN_ARCH_* value, or 0 to accept any.  The image
 * must be 8-byte aligned in memory and size must equal its total_size.
 * Returns 0 if the image is sound, WARDEN_CONFIG_INVALID otherwise with
 * *reason pointing at a static string naming the field at fault.
 * A cell image must not be the root cell; a system image's root cell is
 * checked with it.
 */
int warden_config_check(const void *image, __u64 size, __u32 expect_magic,
			__u32 expect_arch, const char **reason);

/*
 * zlib-compatible CRC-32: start with crc = 0, feed the result back in to
 * continue over more data.
 */
__u32 warden_crc32(__u32 crc, const void *buf, __u64 len);

#endif /* _WARDEN_CONFIG_CHECK_H */
