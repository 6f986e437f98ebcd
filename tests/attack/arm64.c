// SPDX-License-Identifier: GPL-2.0
/*
 * warden_attack on arm64: the hypercall is hvc #WARDEN_HVC_IMM; `smc`
 * and `hvc` issue smc #0 and hvc #0 with x0-x3 of the caller's choosing.
 *
 * An exception these raise at EL1 cannot be caught (an undefined
 * instruction in the kernel is fatal), so the commands refuse what would
 * be undefined: hvc without EL2 or from EL2 itself, smc without firmware
 * to take it.
 */
#include <linux/arm-smccc.h>
#include <linux/errno.h>
#include <linux/of.h>
#include <linux/string.h>
#include <asm/sysreg.h>
#include <asm/virt.h>
#include <warden/arch/arm64.h>
#include <warden/hypercall.h>
#include "attack.h"

/*
 * What the other side may change besides x0-x3: Linux's hyp stub may
 * change x4-x18 (asm/virt.h), SMCCC 1.0 firmware x4-x17.  Assume the
 * worst of a hypervisor under test too.
 */
#define CALL_CLOBBERS "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", \
	"x13", "x14", "x15", "x16", "x17", "x18", "x30", "memory", "cc"

#define ID_AA64PFR0_EL2_MASK	(0xfUL << 8)
#define ID_AA64PFR0_EL3_MASK	(0xfUL << 12)

static bool have_el2, smc_ok;

#define DEFINE_CALL(name, insn)						\
static void name(u64 r[4])						\
{									\
	register unsigned long x0 asm("x0") = r[0];			\
	register unsigned long x1 asm("x1") = r[1];			\
	register unsigned long x2 asm("x2") = r[2];			\
	register unsigned long x3 asm("x3") = r[3];			\
	register unsigned long x4 asm("x4") = 0;			\
									\
	asm volatile(insn						\
		     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4)	\
		     : : CALL_CLOBBERS);				\
	r[0] = x0;							\
	r[1] = x1;							\
	r[2] = x2;							\
	r[3] = x3;							\
}

DEFINE_CALL(call_smc, "smc #0")
DEFINE_CALL(call_hvc, "hvc #0")
DEFINE_CALL(call_warden, WARDEN_HVC_INSN)

/*
 * Linux's hyp stub ignores the immediate: while it holds EL2, a warden
 * hypercall with a code it knows (0 to HVC_STUB_HCALL_NR) would be one of
 * its calls, HVC_SOFT_RESTART jumping to arg1 at EL2.  The stub answers
 * an unknown call with HVC_STUB_ERR, warden's root with -1.
 */
static bool stub_at_el2(void)
{
	u64 r[4] = { 0x10, 0, 0, 0 };

	call_hvc(r);
	return r[0] == HVC_STUB_ERR;
}

static bool hvc_allowed(void)
{
	return have_el2 && read_sysreg(CurrentEL) != CurrentEL_EL2;
}

int attack_arch_hc(unsigned long code, unsigned long arg1,
		   unsigned long arg2, u64 out[4])
{
	if (!hvc_allowed())
		return -ENODEV;
	if (code <= HVC_STUB_HCALL_NR && stub_at_el2())
		return -EBUSY;
	out[0] = code;
	out[1] = arg1;
	out[2] = arg2;
	out[3] = 0;
	call_warden(out);
	return 0;
}

struct raw_call {
	void (*fn)(u64 r[4]);
	u64 r[4];
};

static void raw_on_cpu(void *arg)
{
	struct raw_call *c = arg;

	c->fn(c->r);
}

/* smc|hvc X0 [X1 [X2 [X3 [CPU]]]] */
static int cmd_raw(const struct attack_cmd *cmd, struct attack_result *res,
		   void (*fn)(u64 r[4]))
{
	u64 v[5] = { 0, 0, 0, 0, -1 };
	struct raw_call c = { .fn = fn };

	if (attack_numbers(cmd, 1, 1, 5, v, res))
		return res->status;
	if (fn == call_hvc && !hvc_allowed())
		return attack_error(res, "hvc would not reach EL2 (no EL2, or Linux runs there)");
	if (fn == call_smc && !smc_ok)
		return attack_error(res, "no firmware takes smc here (no EL3, PSCI not by smc)");
	memcpy(c.r, v, sizeof(c.r));
	if (attack_on_cpu(v[4], raw_on_cpu, &c, res))
		return res->status;
	memcpy(res->v, c.r, sizeof(res->v));
	res->status = 0;
	return 0;
}

int attack_arch_command(const struct attack_cmd *cmd,
			struct attack_result *res)
{
	if (!strcmp(cmd->argv[0], "smc"))
		return cmd_raw(cmd, res, call_smc);
	if (!strcmp(cmd->argv[0], "hvc"))
		return cmd_raw(cmd, res, call_hvc);
	return -ENOENT;
}

/* Does PSCI, as the device tree describes it, use smc? */
static bool psci_by_smc(void)
{
	struct device_node *np = of_find_node_by_name(NULL, "psci");
	const char *method;
	bool smc = false;

	if (np && !of_property_read_string(np, "method", &method))
		smc = !strcmp(method, "smc");
	of_node_put(np);
	return smc;
}

int attack_arch_init(void)
{
	u64 pfr0 = read_sysreg(id_aa64pfr0_el1);

	have_el2 = pfr0 & ID_AA64PFR0_EL2_MASK;
	smc_ok = (pfr0 & ID_AA64PFR0_EL3_MASK) ||
		 arm_smccc_1_1_get_conduit() == SMCCC_CONDUIT_SMC ||
		 psci_by_smc();
	return 0;
}

void attack_arch_exit(void)
{
}
