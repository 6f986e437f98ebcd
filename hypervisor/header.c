// SPDX-License-Identifier: GPL-2.0
/*
 * The image header (include/warden/header.h), placed first by the linker
 * script so that the driver finds it at offset 0 of warden.bin.
 */
#include <warden/arch.h>
#include <warden/sections.h>

__attribute__((section(".header"), used))
struct warden_header warden_header = {
	.magic = WARDEN_HEADER_MAGIC,
	.version = WARDEN_HEADER_VERSION,
	.arch = ARCH_NUMBER,
	.image_size = (unsigned long)__image_size,
	.entry = (unsigned long)__entry_offset,
	.percpu_size = PERCPU_SIZE,
	.max_cpus = MAX_CPUS,
	.console_offset = (unsigned long)__console_offset,
	.console_size = (unsigned long)__console_size,
};
