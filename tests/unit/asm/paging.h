/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in for <asm/paging.h>: the unit tests check the core's page
 * tables with the real arm64 entry format.
 */
#include "../../../hypervisor/arch/arm64/include/asm/paging.h"
