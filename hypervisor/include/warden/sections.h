/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the linker script (hypervisor.lds.S) places: the image header, the
 * bounds of the image's parts and its console ring, and the absolute
 * symbols (sizes and offsets, not addresses) that header.c copies into
 * the header.
 */
#ifndef _WARDEN_SECTIONS_H
#define _WARDEN_SECTIONS_H

#include <warden/header.h>

extern struct warden_header warden_header;

extern char __image_start[], __text_end[], __rodata_end[], __image_end[];
extern char __console_start[], __console_end[];

extern char __image_size[], __entry_offset[], __console_offset[],
	__console_size[];

#endif /* _WARDEN_SECTIONS_H */
