// SPDX-License-Identifier: GPL-2.0
/*
 * comm: the comm region.  The cell locks itself, so that the root's first
 * shutdown request is refused; it sees the request, says so, and unlocks,
 * so that the next one goes through.
 */
#include <inmate.h>

void inmate_main(void)
{
	struct warden_comm *comm = comm_region();

	test_check("comm-signature", comm->signature == WARDEN_COMM_SIGNATURE,
		   "signature %x", comm->signature);
	test_check("comm-no-request", !comm_shutdown_requested(),
		   "message %u at start", comm->msg_to_cell);
	comm_lock();
	printk("comm: locked, waiting for a shutdown request\n");
	while (!comm_shutdown_requested())
		;
	test_check("comm-request-seen", 1, "unreachable");
	test_summary("comm");
	comm_unlock();
	printk("comm: unlocked\n");
	for (;;)
		cpu_wait_for_interrupt();
}
