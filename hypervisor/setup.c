// SPDX-License-Identifier: GPL-2.0
/*
 * Core entry: each CPU that the driver hands over arrives here from its
 * architecture's entry code.
 */
#include <warden/arch.h>
#include <warden/printk.h>

/*
 * Until an architecture's enable issue lands, its entry code never calls
 * this: the driver refuses to enable on it (see arch/<arch>/driver.c).
 */
int core_entry(unsigned int cpu)
{
	printk("warden: CPU %u entered on %s\n", cpu, ARCH_NAME);
	return -95;	/* EOPNOTSUPP */
}
