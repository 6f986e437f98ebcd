// SPDX-License-Identifier: GPL-2.0
/*
 * riscv glue of the Linux driver: what the driver must do on this
 * architecture to hand CPUs to the hypervisor.
 *
 * Taking over CPUs is not implemented for riscv yet; until it is, enable is
 * refused here, before the driver takes any resource.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include "../warden.h"

const char warden_arch_name[] = "riscv";
const u32 warden_arch_number = WARDEN_ARCH_RISCV;

int warden_arch_check(struct warden_file *wf, const struct warden_system *sys)
{
	return warden_error(wf, -EOPNOTSUPP,
		"enabling the hypervisor is not implemented on riscv yet");
}

/* Never called: warden_arch_check() refuses first. */
int warden_arch_enter(phys_addr_t entry, unsigned int cpu, bool first)
{
	return -EOPNOTSUPP;
}

long warden_arch_hypercall(unsigned long code, unsigned long arg1,
			   unsigned long arg2)
{
	return -EOPNOTSUPP;
}

long warden_arch_disable_cpu(void)
{
	return -EOPNOTSUPP;
}

void warden_arch_flush(void *addr, size_t size)
{
}

/* Never called: warden_arch_check() refuses before memory is looked at. */
void warden_arch_mem_param(char *buf, size_t len, u64 phys, u64 size,
			   u64 lowest_ram)
{
	snprintf(buf, len, "mem=");
}
