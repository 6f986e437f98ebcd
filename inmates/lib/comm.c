// SPDX-License-Identifier: GPL-2.0
/*
 * The comm region (include/warden/comm.h): where the root cell's requests
 * reach the cell.  A cell that must not be stopped in the middle of
 * something locks itself; `warden cell shutdown` then fails and leaves a
 * shutdown request here for the cell to see.
 */
#include <inmate.h>

#define COMM_DEFAULT	0x80000000UL	/* where the shipped configs put it */

struct warden_comm *comm_region(void)
{
	return (struct warden_comm *)cmdline_number("comm", COMM_DEFAULT);
}

void comm_lock(void)
{
	comm_region()->cell_state = WARDEN_COMM_LOCKED;
}

void comm_unlock(void)
{
	comm_region()->cell_state = WARDEN_COMM_RUNNING;
}

int comm_shutdown_requested(void)
{
	return comm_region()->msg_to_cell == WARDEN_MSG_SHUTDOWN_REQUEST;
}
