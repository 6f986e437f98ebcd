// SPDX-License-Identifier: GPL-2.0
/*
 * warden_attack on riscv: only the hypercall, an SBI call of warden's
 * extension (include/warden/arch/riscv.h).  Without the hypervisor, the
 * firmware answers it with SBI_ERR_NOT_SUPPORTED.
 */
#include <linux/errno.h>
#include <linux/string.h>
#include <warden/arch/riscv.h>
#include <warden/hypercall.h>
#include "attack.h"

/* out: a0 (the result), a1, a6, a7 after the call. */
int attack_arch_hc(unsigned long code, unsigned long arg1,
		   unsigned long arg2, u64 out[4])
{
	register unsigned long a0 asm("a0") = arg1;
	register unsigned long a1 asm("a1") = arg2;
	register unsigned long a6 asm("a6") = code;
	register unsigned long a7 asm("a7") = WARDEN_SBI_EXT;

	asm volatile("ecall"
		     : "+r"(a0), "+r"(a1), "+r"(a6), "+r"(a7)
		     : : "a2", "a3", "a4", "a5", "memory");
	out[0] = a0;
	out[1] = a1;
	out[2] = a6;
	out[3] = a7;
	return 0;
}

int attack_arch_command(const struct attack_cmd *cmd,
			struct attack_result *res)
{
	if (!strcmp(cmd->argv[0], "smc") || !strcmp(cmd->argv[0], "hvc") ||
	    !strcmp(cmd->argv[0], "rdmsr") || !strcmp(cmd->argv[0], "wrmsr") ||
	    !strcmp(cmd->argv[0], "insn"))
		return attack_error(res, "not on this architecture");
	return -ENOENT;
}

int attack_arch_init(void)
{
	return 0;
}

void attack_arch_exit(void)
{
}
