// SPDX-License-Identifier: GPL-2.0
/*
 * The configuration validator, built into the driver from the hypervisor's
 * source: the driver refuses what the hypervisor would refuse, and says why.
 */
#include <hypervisor/config-check.c>
