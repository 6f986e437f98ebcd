// SPDX-License-Identifier: GPL-2.0
/*
 * warden_attack: a test module that attacks the hypervisor from the root
 * cell, for the QEMU scenarios (Documentation/testing.md).  It is never
 * installed by `make install`.
 *
 * Write one command line to /proc/warden_attack; a read gives the outcome
 * of the last command as one line:
 *   ok 0xV0 0xV1 0xV2 0xV3   the instruction ran, the registers after it
 *   fault                    the instruction raised an exception (caught)
 *   error TEXT               the command was not understood
 * A write always succeeds, so that `echo CMD > /proc/warden_attack && cat
 * /proc/warden_attack` shows every outcome.
 */
#include <linux/cpu.h>
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/proc_fs.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include "attack.h"

#define CMD_LEN		160
#define RESULT_LEN	(ATTACK_WHY_LEN + 16)
#define RACE_MAX	100000		/* calls per CPU, interrupts off */
#define RACE_WAIT_NS	NSEC_PER_SEC	/* for the other CPUs to arrive */

static DEFINE_MUTEX(attack_lock);
static char attack_out[RESULT_LEN] = "error no command yet\n";

int attack_error(struct attack_result *res, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(res->why, sizeof(res->why), fmt, ap);
	va_end(ap);
	res->status = -EINVAL;
	return -EINVAL;
}

/*
 * Parse cmd->argv[first...] as numbers (hex with 0x, else decimal) into
 * val[], at least min and at most max of them; the others are left alone,
 * so the caller's defaults stay.
 */
int attack_numbers(const struct attack_cmd *cmd, int first, int min, int max,
		   u64 *val, struct attack_result *res)
{
	int n = cmd->argc - first, i;

	if (n < min || n > max)
		return attack_error(res, "%s takes %d to %d numbers, got %d",
				    cmd->argv[0], min, max, n);
	for (i = 0; i < n; i++)
		if (kstrtou64(cmd->argv[first + i], 0, &val[i]))
			return attack_error(res, "not a number: %s",
					    cmd->argv[first + i]);
	return 0;
}

/*
 * Run fn(arg) on cpu (-1: the current one) with interrupts off, as
 * smp_call_function_single() does even for the calling CPU.
 */
int attack_on_cpu(s64 cpu, smp_call_func_t fn, void *arg,
		  struct attack_result *res)
{
	int this = get_cpu(), err;

	if (cpu < 0)
		cpu = this;
	if (cpu >= nr_cpu_ids || !cpu_online(cpu)) {
		put_cpu();
		return attack_error(res, "CPU %lld is not online", cpu);
	}
	err = smp_call_function_single(cpu, fn, arg, 1);
	put_cpu();
	if (err)
		return attack_error(res, "cannot run on CPU %lld (%d)", cpu, err);
	return 0;
}

struct hc_call {
	unsigned long code, arg1, arg2;
	u64 out[4];
	int err;
};

static void hc_on_cpu(void *arg)
{
	struct hc_call *c = arg;

	c->err = attack_arch_hc(c->code, c->arg1, c->arg2, c->out);
}

/* hc CODE [A1 [A2 [CPU]]] */
static void cmd_hc(const struct attack_cmd *cmd, struct attack_result *res)
{
	u64 v[4] = { 0, 0, 0, -1 };
	struct hc_call c;

	if (attack_numbers(cmd, 1, 1, 4, v, res))
		return;
	c.code = v[0];
	c.arg1 = v[1];
	c.arg2 = v[2];
	if (attack_on_cpu(v[3], hc_on_cpu, &c, res))
		return;
	if (c.err == -EBUSY)
		attack_error(res, "hc %lu not made: Linux's hyp stub holds EL2 and would take it as its own call",
			     c.code);
	else if (c.err == -ENODEV)
		attack_error(res, "the hypercall would not reach EL2 here");
	else if (c.err)
		res->status = c.err;	/* -EFAULT: "fault" */
	else
		memcpy(res->v, c.out, sizeof(res->v));
}

struct race {
	unsigned long code, arg1, arg2, calls;
	unsigned int cpus;
	atomic_t arrived;
	atomic_long_t ok, err;
};

/*
 * Every CPU waits for the others (for a second at most: one may have
 * interrupts off for long), then makes its calls.
 */
static void race_on_cpu(void *arg)
{
	struct race *r = arg;
	u64 until = ktime_get_ns() + RACE_WAIT_NS, out[4];
	long ok = 0, err = 0;
	unsigned long i;

	atomic_inc(&r->arrived);
	while (atomic_read(&r->arrived) < r->cpus && ktime_get_ns() < until)
		cpu_relax();
	for (i = 0; i < r->calls; i++) {
		if (!attack_arch_hc(r->code, r->arg1, r->arg2, out) &&
		    (long)out[0] >= 0)
			ok++;
		else
			err++;
	}
	atomic_long_add(ok, &r->ok);
	atomic_long_add(err, &r->err);
}

/* race N CODE [A1 [A2]]: ok CALLS_OK CALLS_FAILED 0 0 */
static void cmd_race(const struct attack_cmd *cmd, struct attack_result *res)
{
	u64 v[4] = { 0, 0, 0, 0 };
	struct race r;

	if (attack_numbers(cmd, 1, 2, 4, v, res))
		return;
	if (!v[0] || v[0] > RACE_MAX) {
		attack_error(res, "race: N must be 1 to %d", RACE_MAX);
		return;
	}
	r.calls = v[0];
	r.code = v[1];
	r.arg1 = v[2];
	r.arg2 = v[3];
	atomic_set(&r.arrived, 0);
	atomic_long_set(&r.ok, 0);
	atomic_long_set(&r.err, 0);
	cpus_read_lock();
	r.cpus = num_online_cpus();
	on_each_cpu(race_on_cpu, &r, 1);
	cpus_read_unlock();
	res->status = 0;
	res->v[0] = atomic_long_read(&r.ok);
	res->v[1] = atomic_long_read(&r.err);
}

static void run_command(char *line, struct attack_result *res)
{
	struct attack_cmd cmd = { 0 };
	char *word;
	int err;

	while ((word = strsep(&line, " \t\n")) != NULL) {
		if (!*word)
			continue;
		if (cmd.argc == ATTACK_MAX_ARGS) {
			attack_error(res, "too many words");
			return;
		}
		cmd.argv[cmd.argc++] = word;
	}
	if (!cmd.argc) {
		attack_error(res, "empty command");
		return;
	}
	if (!strcmp(cmd.argv[0], "hc")) {
		cmd_hc(&cmd, res);
	} else if (!strcmp(cmd.argv[0], "race")) {
		cmd_race(&cmd, res);
	} else {
		err = attack_arch_command(&cmd, res);
		if (err == -ENOENT)
			attack_error(res, "unknown command %s", cmd.argv[0]);
	}
}

static void show_result(const struct attack_result *res)
{
	if (!res->status)
		snprintf(attack_out, sizeof(attack_out),
			 "ok 0x%llx 0x%llx 0x%llx 0x%llx\n",
			 res->v[0], res->v[1], res->v[2], res->v[3]);
	else if (res->status == -EFAULT)
		snprintf(attack_out, sizeof(attack_out), "fault\n");
	else
		snprintf(attack_out, sizeof(attack_out), "error %s\n",
			 res->why);
}

static ssize_t attack_write(struct file *file, const char __user *buf,
			    size_t count, loff_t *ppos)
{
	struct attack_result res = { .status = 0 };
	char line[CMD_LEN];

	if (count >= sizeof(line)) {
		attack_error(&res, "command longer than %d bytes", CMD_LEN - 1);
	} else {
		if (copy_from_user(line, buf, count))
			return -EFAULT;
		line[count] = '\0';
	}
	/* One command at a time: two races at once would wait for each other. */
	mutex_lock(&attack_lock);
	if (!res.status)
		run_command(line, &res);
	show_result(&res);
	mutex_unlock(&attack_lock);
	return count;
}

static ssize_t attack_read(struct file *file, char __user *buf, size_t count,
			   loff_t *ppos)
{
	ssize_t ret;

	mutex_lock(&attack_lock);
	ret = simple_read_from_buffer(buf, count, ppos, attack_out,
				      strlen(attack_out));
	mutex_unlock(&attack_lock);
	return ret;
}

static const struct proc_ops attack_ops = {
	.proc_read = attack_read,
	.proc_write = attack_write,
	.proc_lseek = default_llseek,
};

static int __init attack_init(void)
{
	int err = attack_arch_init();

	if (err)
		return err;
	if (!proc_create("warden_attack", 0600, NULL, &attack_ops)) {
		attack_arch_exit();
		return -ENOMEM;
	}
	return 0;
}

static void __exit attack_exit(void)
{
	remove_proc_entry("warden_attack", NULL);
	attack_arch_exit();
}

module_init(attack_init);
module_exit(attack_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("warden: attacks on the hypervisor from the root cell (tests only)");
