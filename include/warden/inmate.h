/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The layout of an inmate image that the CLI relies on.
 *
 * An inmate is loaded at the start of its cell's first loadable region
 * and entered at offset 0.  `warden cell load NAME IMAGE -s STRING`
 * without -a writes STRING (NUL-terminated) at WARDEN_INMATE_CMDLINE,
 * where the inmate library looks for it; the image keeps that range free.
 */
#ifndef _WARDEN_INMATE_H
#define _WARDEN_INMATE_H

#define WARDEN_INMATE_CMDLINE		0x1000
#define WARDEN_INMATE_CMDLINE_SIZE	0x1000

#endif /* _WARDEN_INMATE_H */
