/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The comm region: a page the hypervisor gives each non-root cell (the
 * region flagged "comm" in its configuration), through which the root
 * cell's requests reach the cell and the cell answers.
 *
 * The cell writes cell_state; the hypervisor writes msg_to_cell.  While
 * cell_state is WARDEN_COMM_LOCKED, `warden cell shutdown` is refused and
 * msg_to_cell says WARDEN_MSG_SHUTDOWN_REQUEST, so that the cell knows it
 * is wanted gone: it may then unlock and be shut down by the next request.
 * The hypervisor resets the page when the cell starts.
 */
#ifndef _WARDEN_COMM_H
#define _WARDEN_COMM_H

#include <warden/types.h>

#define WARDEN_COMM_SIGNATURE	0x4d4d4f43	/* "COMM" */

/* cell_state */
#define WARDEN_COMM_RUNNING	0
#define WARDEN_COMM_LOCKED	1

/* msg_to_cell */
#define WARDEN_MSG_NONE			0
#define WARDEN_MSG_SHUTDOWN_REQUEST	1

struct warden_comm {
	__u32 signature;	/* WARDEN_COMM_SIGNATURE */
	__u32 cell_id;
	volatile __u32 msg_to_cell;
	volatile __u32 cell_state;
};

#endif /* _WARDEN_COMM_H */
