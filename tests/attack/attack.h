/* SPDX-License-Identifier: GPL-2.0 */
/*
 * warden_attack: what main.c and the architecture files share.
 */
#ifndef _WARDEN_ATTACK_H
#define _WARDEN_ATTACK_H

#include <linux/smp.h>
#include <linux/types.h>

#define ATTACK_WHY_LEN	96

/* The outcome of one command, shown by a read of /proc/warden_attack. */
struct attack_result {
	int status;			/* 0, -EFAULT (fault) or an error */
	u64 v[4];			/* shown after "ok" */
	char why[ATTACK_WHY_LEN];	/* shown after "error" */
};

/* A command's words: argv[0] is its name. */
#define ATTACK_MAX_ARGS	8
struct attack_cmd {
	int argc;
	char *argv[ATTACK_MAX_ARGS];
};

int attack_error(struct attack_result *res, const char *fmt, ...)
	__printf(2, 3);
int attack_numbers(const struct attack_cmd *cmd, int first, int min, int max,
		   u64 *val, struct attack_result *res);
int attack_on_cpu(s64 cpu, smp_call_func_t fn, void *arg,
		  struct attack_result *res);

/*
 * Per architecture.  attack_arch_hc() is the warden hypercall, run with
 * interrupts off on the CPU it is meant for: out[0] is the result, out[1]
 * to out[3] the argument registers after the call.  -EFAULT: the
 * instruction faulted; -ENODEV: it would not reach a hypervisor; -EBUSY:
 * not made, something else would take it (arm64: Linux's hyp stub).
 * attack_arch_command() runs the architecture's own
 * commands; -ENOENT for a name it does not know.
 */
int attack_arch_hc(unsigned long code, unsigned long arg1,
		   unsigned long arg2, u64 out[4]);
int attack_arch_command(const struct attack_cmd *cmd,
			struct attack_result *res);
int attack_arch_init(void);
void attack_arch_exit(void);

#endif /* _WARDEN_ATTACK_H */
