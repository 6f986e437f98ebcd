/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The hypervisor's console ring: everything the hypervisor prints also
 * goes here, so that Linux can show it (`warden console`) without a UART.
 *
 * The ring lives in the hypervisor image (warden_header.console_offset);
 * while the hypervisor runs, the root cell may read it but not write it.
 * Only the hypervisor writes: it stores the bytes, then publishes the new
 * `written` with release semantics, so a reader that loads `written` with
 * acquire semantics sees every byte before it.  A reader that falls more
 * than `size` bytes behind has lost the oldest ones.
 */
#ifndef _WARDEN_CONSOLE_H
#define _WARDEN_CONSOLE_H

#include <warden/types.h>

struct warden_console_ring {
	__u64 written;		/* bytes written since the hypervisor started */
	__u32 size;		/* bytes in data[]: byte n is data[n % size] */
	__u32 reserved;
	char data[];
};

#endif /* _WARDEN_CONSOLE_H */
