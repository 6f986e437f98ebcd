// SPDX-License-Identifier: GPL-2.0
/*
 * hypercalls: every hypercall number and wild arguments from a non-root
 * cell must be refused (or, for the few a cell may make, answered) without
 * harm; so must PSCI calls for CPUs that are not the cell's and firmware
 * calls the cell may not make.
 */
#include <inmate.h>
#include <warden/hypercall.h>

#define EPERM		1
#define EINVAL		22
#define ENOSYS		38

#define PSCI_VERSION		0x84000000UL
#define PSCI_CPU_ON_64		0xc4000003UL
#define PSCI_AFFINITY_INFO_64	0xc4000004UL
#define PSCI_FEATURES		0x8400000aUL
#define PSCI_NOT_SUPPORTED	(-1L)
#define PSCI_INVALID_PARAMS	(-2L)
#define PSCI_DENIED		(-3L)

static long psci_hvc(unsigned long fn, unsigned long a1, unsigned long a2)
{
	register unsigned long x0 asm("x0") = fn;
	register unsigned long x1 asm("x1") = a1;
	register unsigned long x2 asm("x2") = a2;
	register unsigned long x3 asm("x3") = 0;

	asm volatile("hvc #0" : "+r"(x0) : "r"(x1), "r"(x2), "r"(x3)
		     : "memory");
	return (long)x0;
}

static long psci_smc(unsigned long fn, unsigned long a1)
{
	register unsigned long x0 asm("x0") = fn;
	register unsigned long x1 asm("x1") = a1;

	asm volatile("smc #0" : "+r"(x0) : "r"(x1) : "memory");
	return (long)x0;
}

static long hvc_other(void)
{
	register unsigned long x0 asm("x0") = 0;

	asm volatile("hvc #1" : "+r"(x0) : : "memory");
	return (long)x0;
}

static const unsigned long wild[] = {
	0, 1, 0x1000, 0x40000000, 0x70000000, 0x7fffffff, 0x80000000,
	0xffffffffUL, 0x8000000000000000UL, ~0UL,
};

static long expected(unsigned long code, unsigned long arg)
{
	switch (code) {
	case WARDEN_HC_DISABLE:
	case WARDEN_HC_CELL_STATE:
	case WARDEN_HC_CPU_STATE:
	case WARDEN_HC_GET_INFO:	/* the pool's figures are the root's */
	case WARDEN_HC_CELL_CREATE ... WARDEN_HC_CELL_FAILED_CPUS:
		return -EPERM;
	default:
		return -ENOSYS;
	}
}

void inmate_main(void)
{
	unsigned long code, n, bad = 0, first_code = 0, first_arg = 0;
	long ret, want, first_ret = 0;

	for (code = 0; code < 64; code++) {
		if (code == WARDEN_HC_DEBUG_CONSOLE_PUTC)
			continue;
		for (n = 0; n < sizeof(wild) / sizeof(wild[0]); n++) {
			ret = hypercall(code, wild[n], wild[sizeof(wild) /
						sizeof(wild[0]) - 1 - n]);
			want = expected(code, wild[n]);
			if (want == 0 ? ret < 0 : ret != want) {
				if (!bad++) {
					first_code = code;
					first_arg = wild[n];
					first_ret = ret;
				}
			}
		}
	}
	test_check("hypercall-numbers-0-63", !bad,
		   "%lu unexpected results, first: code %lu arg %lx -> %ld",
		   bad, first_code, first_arg, first_ret);
	for (n = 0, bad = 0; n < sizeof(wild) / sizeof(wild[0]); n++)
		if (hypercall(wild[n] | 0x100, wild[n], wild[n]) != -ENOSYS)
			bad++;
	test_check("hypercall-numbers-wild", !bad, "%lu not -ENOSYS", bad);
	test_check("hypercall-console-nul",
		   hypercall(WARDEN_HC_DEBUG_CONSOLE_PUTC, 0, 0) == 0 &&
		   hypercall(WARDEN_HC_DEBUG_CONSOLE_PUTC, 0x12300, 0) == 0,
		   "console refused a character it drops");
	test_check("hypercall-other-immediate", hvc_other() == -ENOSYS,
		   "hvc #1 did not return -ENOSYS");

	test_check("psci-version", psci_hvc(PSCI_VERSION, 0, 0) == 0x10000,
		   "not 1.0");
	test_check("psci-version-smc", psci_smc(PSCI_VERSION, 0) == 0x10000,
		   "not 1.0");
	ret = psci_hvc(PSCI_CPU_ON_64, 0, 0x1000);
	test_check("psci-cpu-on-root-cpu", ret == PSCI_DENIED,
		   "CPU_ON of CPU 0 returned %ld", ret);
	ret = psci_hvc(PSCI_CPU_ON_64, 0xff, 0x1000);
	test_check("psci-cpu-on-no-cpu", ret == PSCI_INVALID_PARAMS,
		   "CPU_ON of a CPU that does not exist returned %ld", ret);
	ret = psci_hvc(PSCI_CPU_ON_64, cpu_hw_id(), 0x1000);
	test_check("psci-cpu-on-self", ret < 0, "returned %ld", ret);
	ret = psci_hvc(PSCI_AFFINITY_INFO_64, cpu_hw_id(), 0);
	test_check("psci-affinity-self", ret == 0, "returned %ld", ret);
	ret = psci_hvc(PSCI_AFFINITY_INFO_64, 0, 0);
	test_check("psci-affinity-root-cpu", ret == PSCI_INVALID_PARAMS,
		   "returned %ld", ret);
	for (n = 0, bad = 0; n < sizeof(wild) / sizeof(wild[0]); n++) {
		if (psci_hvc(0xc4000000UL | (wild[n] & 0xfff0) | 0xe, wild[n],
			     wild[n]) != PSCI_NOT_SUPPORTED)
			bad++;
		if (psci_smc(0x82000000UL | (wild[n] & 0xffff), wild[n]) !=
		    PSCI_NOT_SUPPORTED)
			bad++;
	}
	test_check("firmware-calls-refused", !bad, "%lu answered", bad);
	ret = psci_hvc(PSCI_FEATURES, 0x84000005UL, 0);	/* CPU_SUSPEND */
	test_check("psci-features", ret == PSCI_NOT_SUPPORTED,
		   "CPU_SUSPEND: %ld", ret);
	test_check("still-running", 1, "unreachable");
	test_summary("hypercalls");
	for (;;)
		cpu_wait_for_interrupt();
}
