// SPDX-License-Identifier: GPL-2.0
/*
 * warden_attack on x86: the hypercall is vmmcall; `rdmsr`, `wrmsr` and
 * `insn NAME` try what the root cell must not do or must not get.  Every
 * instruction that may fault has an exception table entry: a #UD or #GP
 * sets the error register to -EFAULT and goes on after it, and the
 * command says "fault".
 */
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <asm/asm.h>
#include <asm/msr.h>
#include <warden/hypercall.h>
#include "attack.h"

/* The page that vmrun, vmload, vmsave and skinit get in rax. */
static void *attack_page;

#define FIXUP(from)	_ASM_EXTABLE_TYPE_REG(from, 2b, EX_TYPE_EFAULT_REG, %[err])

/* out: rax (the result), rdi, rsi, rdx after the call. */
int attack_arch_hc(unsigned long code, unsigned long arg1,
		   unsigned long arg2, u64 out[4])
{
	int err = 0;

	out[0] = code;
	out[1] = arg1;
	out[2] = arg2;
	out[3] = 0;
	asm volatile("1:	vmmcall\n"
		     "2:\n"
		     FIXUP(1b)
		     : [err] "+r"(err), "+a"(out[0]), "+D"(out[1]),
		       "+S"(out[2]), "+d"(out[3])
		     : : "rcx", "r8", "r9", "r10", "r11", "memory", "cc");
	return err;
}

/* The registers an instruction gets and leaves: ok RAX RCX RDX 0. */
struct insn_call {
	int which;
	u64 rax, rcx, rdx;
	int err;
};

/* One instruction at 1:, with setup (not caught) before it. */
#define TRY(c, setup, insn)						\
	asm volatile(setup "\n"						\
		     "1:	" insn "\n"				\
		     "2:\n"						\
		     FIXUP(1b)						\
		     : [err] "+r"((c)->err), "+a"((c)->rax),		\
		       "+c"((c)->rcx), "+d"((c)->rdx)			\
		     : : "memory", "cc")

enum {
	INSN_INVD, INSN_WBINVD, INSN_VMRUN, INSN_VMLOAD, INSN_VMSAVE,
	INSN_STGI, INSN_CLGI, INSN_SKINIT, INSN_INVLPGA, INSN_VMMCALL,
};

static const char *const insn_names[] = {
	[INSN_INVD] = "invd", [INSN_WBINVD] = "wbinvd",
	[INSN_VMRUN] = "vmrun", [INSN_VMLOAD] = "vmload",
	[INSN_VMSAVE] = "vmsave", [INSN_STGI] = "stgi", [INSN_CLGI] = "clgi",
	[INSN_SKINIT] = "skinit", [INSN_INVLPGA] = "invlpga",
	[INSN_VMMCALL] = "vmmcall",
};

static void insn_on_cpu(void *arg)
{
	struct insn_call *c = arg;
	int ignored = 0;

	switch (c->which) {
	case INSN_INVD:
		/* Should invd really run, nothing dirty is lost. */
		TRY(c, "wbinvd", "invd");
		break;
	case INSN_WBINVD:
		TRY(c, "", "wbinvd");
		break;
	case INSN_VMRUN:
		TRY(c, "", "vmrun");
		break;
	case INSN_VMLOAD:
		/*
		 * A vmload that really ran would load the page's segment
		 * and system-call state: let it be this CPU's own, if a
		 * vmsave can put it there.
		 */
		asm volatile("1:	vmsave\n"
			     "2:\n"
			     FIXUP(1b)
			     : [err] "+r"(ignored), "+a"(c->rax)
			     : : "memory");
		TRY(c, "", "vmload");
		break;
	case INSN_VMSAVE:
		TRY(c, "", "vmsave");
		break;
	case INSN_STGI:
		TRY(c, "", "stgi");
		break;
	case INSN_CLGI:
		/* A clgi that ran must not leave interrupts blocked. */
		asm volatile("1:	clgi\n"
			     "3:	stgi\n"
			     "2:\n"
			     FIXUP(1b)
			     FIXUP(3b)
			     : [err] "+r"(c->err)
			     : : "memory", "cc");
		break;
	case INSN_SKINIT:
		TRY(c, "", "skinit");
		break;
	case INSN_INVLPGA:
		TRY(c, "", "invlpga");
		break;
	case INSN_VMMCALL:
		TRY(c, "", "vmmcall");
		break;
	}
}

/* insn NAME [CPU] */
static int cmd_insn(const struct attack_cmd *cmd, struct attack_result *res)
{
	struct insn_call c = { .which = -1 };
	u64 cpu = -1;
	int i;

	if (cmd->argc < 2)
		return attack_error(res, "insn takes a name");
	for (i = 0; i < ARRAY_SIZE(insn_names); i++)
		if (!strcmp(cmd->argv[1], insn_names[i]))
			c.which = i;
	if (c.which < 0)
		return attack_error(res, "unknown instruction %s", cmd->argv[1]);
	if (attack_numbers(cmd, 2, 0, 1, &cpu, res))
		return res->status;

	memset(attack_page, 0, PAGE_SIZE);
	switch (c.which) {
	case INSN_VMRUN:
	case INSN_VMLOAD:
	case INSN_VMSAVE:
	case INSN_SKINIT:
		c.rax = virt_to_phys(attack_page);
		break;
	case INSN_INVLPGA:
		c.rax = (unsigned long)attack_page;	/* ASID 0 in ecx */
		break;
	case INSN_VMMCALL:
		c.rax = -1;	/* no such hypercall */
		break;
	}
	if (attack_on_cpu(cpu, insn_on_cpu, &c, res))
		return res->status;
	res->status = c.err;
	res->v[0] = c.rax;
	res->v[1] = c.rcx;
	res->v[2] = c.rdx;
	return c.err;
}

struct msr_call {
	u32 msr;
	u64 value;
	bool write;
	int err;
};

static void msr_on_cpu(void *arg)
{
	struct msr_call *c = arg;

	if (c->write)
		c->err = wrmsrl_safe(c->msr, c->value);
	else
		c->err = rdmsrl_safe(c->msr, &c->value);
}

/* rdmsr MSR [CPU] -> ok VALUE 0 0 0; wrmsr MSR VALUE [CPU] -> ok 0 0 0 0 */
static int cmd_msr(const struct attack_cmd *cmd, struct attack_result *res,
		   bool write)
{
	u64 v[3] = { 0, -1, -1 };	/* MSR, VALUE or CPU, CPU */
	struct msr_call c = { .write = write };

	if (attack_numbers(cmd, 1, write ? 2 : 1, write ? 3 : 2, v, res))
		return res->status;
	if (v[0] > U32_MAX)
		return attack_error(res, "no MSR 0x%llx", v[0]);
	c.msr = v[0];
	if (write)
		c.value = v[1];
	if (attack_on_cpu(write ? v[2] : v[1], msr_on_cpu, &c, res))
		return res->status;
	res->status = c.err ? -EFAULT : 0;
	if (!write && !c.err)
		res->v[0] = c.value;
	return res->status;
}

int attack_arch_command(const struct attack_cmd *cmd,
			struct attack_result *res)
{
	if (!strcmp(cmd->argv[0], "rdmsr"))
		return cmd_msr(cmd, res, false);
	if (!strcmp(cmd->argv[0], "wrmsr"))
		return cmd_msr(cmd, res, true);
	if (!strcmp(cmd->argv[0], "insn"))
		return cmd_insn(cmd, res);
	return -ENOENT;
}

int attack_arch_init(void)
{
	/* Below 4 GiB: skinit takes only eax. */
	attack_page = (void *)get_zeroed_page(GFP_KERNEL | GFP_DMA32);
	return attack_page ? 0 : -ENOMEM;
}

void attack_arch_exit(void)
{
	free_page((unsigned long)attack_page);
}
