// SPDX-License-Identifier: GPL-2.0
/*
 * wild: thousands of hypercalls with random codes and arguments, and
 * random firmware calls (SMC and HVC #0) with random function IDs, from a
 * seeded generator, so that a failure can be replayed:
 *   seed=N   the generator's seed (default 1)
 *   count=M  calls of each kind (default 4000)
 * Calls that legitimately stop or suspend the cell are left out.  The cell
 * must survive everything, and every call only the root may make must
 * answer -EPERM; unknown numbers -ENOSYS.
 */
#include <inmate.h>
#include <warden/hypercall.h>

#define EPERM		1
#define EINVAL		22
#define ENOSYS		38

static unsigned long rng;

/* Arguments: mostly "interesting" values, sometimes anything. */
static unsigned long rnd_arg(void)
{
	static const unsigned long edge[] = {
		0, 1, 2, 3, 0xff, 0x1000, 0x40000000, 0x70000000, 0x71000000,
		0x7fffffff, 0x80000000, 0xffffffffUL, 0xfffffffffffff000UL,
		0x8000000000000000UL, ~0UL,
	};
	unsigned long r = test_random(&rng);

	if (r & 1)
		return edge[(r >> 1) % (sizeof(edge) / sizeof(edge[0]))];
	return test_random(&rng);
}

static unsigned long rnd_code(void)
{
	unsigned long r = test_random(&rng);

	switch (r & 3) {
	case 0:
	case 1:
		return (r >> 2) % 24;		/* near the real ones */
	case 2:
		return (r >> 2) & 0xffff;
	default:
		return test_random(&rng);
	}
}

static int root_only(unsigned long code)
{
	return code == WARDEN_HC_DISABLE || code == WARDEN_HC_CELL_STATE ||
	       code == WARDEN_HC_CPU_STATE ||
	       (code >= WARDEN_HC_CELL_CREATE &&
		code <= WARDEN_HC_CELL_FAILED_CPUS);
}

/* Function IDs whose effect on the cell is to stop or wait: skipped. */
static int stops_cell(unsigned long fn)
{
	switch (fn & 0xffffffff) {
	case 0x84000001: case 0xc4000001:	/* CPU_SUSPEND */
	case 0x84000002:			/* CPU_OFF */
	case 0x84000008:			/* SYSTEM_OFF */
	case 0x84000009:			/* SYSTEM_RESET */
	case 0x8400000b:			/* CPU_FREEZE */
	case 0x8400000c: case 0xc400000c:	/* CPU_DEFAULT_SUSPEND */
	case 0x8400000e: case 0xc400000e:	/* SYSTEM_SUSPEND */
	case 0x84000012: case 0xc4000012:	/* SYSTEM_RESET2 */
	case 0x84000015: case 0xc4000015:	/* SYSTEM_OFF2 */
	case 0x95c1ba5e:			/* PSCI 0.1 CPU_SUSPEND */
	case 0x95c1ba5f:			/* PSCI 0.1 CPU_OFF */
		return 1;
	}
	return 0;
}

/* A function ID from the SMCCC ranges firmware answers, or anything. */
static unsigned long rnd_fn(void)
{
	static const unsigned long base[] = {
		0x84000000, 0xc4000000,		/* PSCI */
		0x80000000, 0x80008000,		/* SMCCC arch, workarounds */
		0x82000000, 0xc2000000,		/* SiP */
		0x83000000, 0xc3000000,		/* OEM */
		0xb2000000, 0xf2000000,		/* trusted OS */
		0x86000000, 0xc6000000,		/* standard hypervisor */
		0x95c1ba5e,			/* PSCI 0.1 */
	};
	unsigned long r, fn;

	do {
		r = test_random(&rng);
		if ((r & 7) == 7)
			fn = test_random(&rng);
		else
			fn = base[(r >> 3) % (sizeof(base) / sizeof(base[0]))] +
			     ((r >> 8) & 0x1f);
		if (r & (1UL << 40))
			fn |= test_random(&rng) << 32;	/* upper half: must not matter */
	} while (stops_cell(fn));
	return fn;
}

static long fw_call(int smc, unsigned long fn, unsigned long a1,
		    unsigned long a2, unsigned long a3)
{
	register unsigned long x0 asm("x0") = fn;
	register unsigned long x1 asm("x1") = a1;
	register unsigned long x2 asm("x2") = a2;
	register unsigned long x3 asm("x3") = a3;

	if (smc)
		asm volatile("smc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
			     : : "memory");
	else
		asm volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
			     : : "memory");
	return (long)x0;
}

static long hvc_imm_ffff(unsigned long code)
{
	register unsigned long x0 asm("x0") = code;

	asm volatile("hvc #0xffff" : "+r"(x0) : : "memory");
	return (long)x0;
}

void inmate_main(void)
{
	unsigned long seed = cmdline_number("seed", 1);
	unsigned long count = cmdline_number("count", 4000);
	unsigned long n, code, a1, a2, fn;
	unsigned long perm_bad = 0, nosys_bad = 0, info_bad = 0, fw = 0;
	unsigned long first_code = 0, first_a1 = 0;
	long ret, first_ret = 0;

	rng = seed * 0x9e3779b97f4a7c15UL + 1;
	printk("wild: seed %lu, %lu calls of each kind\n", seed, count);
	for (n = 0; n < count; n++) {
		code = rnd_code();
		a1 = rnd_arg();
		a2 = rnd_arg();
		if (code == WARDEN_HC_DEBUG_CONSOLE_PUTC)
			a1 = a1 & 1 ? 0 : a1 | 0x100;	/* dropped: no output */
		ret = hypercall(code, a1, a2);
		if (root_only(code) && ret != -EPERM) {
			if (!perm_bad++) {
				first_code = code;
				first_a1 = a1;
				first_ret = ret;
			}
		} else if (code == WARDEN_HC_GET_INFO) {
			/* Answered, or root-only: either is no harm. */
			if (ret != -EPERM && ret != -EINVAL && ret < 0)
				info_bad++;
		} else if (code > WARDEN_HC_CELL_FAILED_CPUS ||
			   (code > WARDEN_HC_CPU_STATE &&
			    code < WARDEN_HC_DEBUG_CONSOLE_PUTC)) {
			if (ret != -ENOSYS)
				nosys_bad++;
		}
	}
	test_check("wild-root-only-eperm", !perm_bad,
		   "%lu root-only calls not refused, first: code %lu arg %lx -> %ld",
		   perm_bad, first_code, first_a1, first_ret);
	test_check("wild-unknown-enosys", !nosys_bad,
		   "%lu unknown codes not -ENOSYS", nosys_bad);
	test_check("wild-get-info", !info_bad, "%lu odd results", info_bad);

	for (n = 0; n < count; n++) {
		fn = rnd_fn();
		a1 = rnd_arg();
		a2 = rnd_arg();
		fw_call(n & 1, fn, a1, a2, rnd_arg());
		fw++;
	}
	test_check("wild-firmware-survived", fw == count, "%lu calls", fw);
	ret = hvc_imm_ffff(WARDEN_HC_CELL_DESTROY);
	test_check("wild-other-immediate", ret == -ENOSYS,
		   "hvc #0xffff returned %ld", ret);
	test_check("wild-still-running", 1, "unreachable");
	test_summary("wild");
	for (;;)
		cpu_wait_for_interrupt();
}
