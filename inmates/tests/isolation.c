// SPDX-License-Identifier: GPL-2.0
/*
 * isolation: first checks that the cell's own memory and comm region
 * work (a SUMMARY line), then makes the one access the command line asks
 * for, which must fault: the hypervisor then stops the cell and marks it
 * failed, which the root checks (ci/scenarios/arm64-cells-tests.sh).
 *   fault=outside-read|outside-write   just past the cell's RAM
 *   fault=root-read|root-write         the root cell's RAM (0x40000000)
 *   fault=hyp-read|hyp-write           the hypervisor (0x70000000)
 *   fault=exec                         a jump to the root cell's RAM
 *   ram=SIZE                           the cell's RAM (default 4 MiB)
 */
#include <inmate.h>

#define ROOT_RAM	0x40000000UL
#define HYPERVISOR	0x70000000UL

void inmate_main(void)
{
	unsigned long ram = cmdline_number("ram", 0x400000), addr;
	volatile unsigned long *last = (void *)(ram - 8);
	struct warden_comm *comm = comm_region();
	char fault[32];
	int write;

	*last = 0x5a5a1234;
	test_check("isolation-own-ram", *last == 0x5a5a1234,
		   "read back %lx", *last);
	test_check("isolation-comm-region",
		   comm->signature == WARDEN_COMM_SIGNATURE,
		   "signature %x", comm->signature);
	test_summary("isolation");

	cmdline_string("fault", fault, sizeof(fault), "none");
	write = !strcmp(fault + strlen(fault) - 5, "write");
	if (!strncmp(fault, "outside", 7))
		addr = ram;
	else if (!strncmp(fault, "root", 4))
		addr = ROOT_RAM;
	else if (!strncmp(fault, "hyp", 3))
		addr = HYPERVISOR;
	else if (!strcmp(fault, "exec"))
		addr = ROOT_RAM;
	else
		inmate_halt();
	printk("isolation: %s at 0x%lx\n", fault, addr);
	if (!strcmp(fault, "exec"))
		((void (*)(void))addr)();
	else if (write)
		*(volatile unsigned long *)addr = 0xbad;
	else
		(void)*(volatile unsigned long *)addr;
	printk("isolation: %s at 0x%lx did not fault\n", fault, addr);
	inmate_halt();
}
