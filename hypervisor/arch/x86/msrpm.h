/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The SVM MSR permission map (MSRPM) and the MSRs a cell reaches without
 * an exit.  AMD64 APM volume 2, 15.11 "MSR Intercepts": the map is 8 KiB;
 * each MSR has two bits, the even one for RDMSR and the odd one for WRMSR
 * (set: #VMEXIT), in three ranges of 0x2000 MSRs, 2 KiB each:
 *
 *	bytes 0x0000-0x07ff	MSRs 0x0000_0000-0x0000_1fff
 *	bytes 0x0800-0x0fff	MSRs 0xc000_0000-0xc000_1fff
 *	bytes 0x1000-0x17ff	MSRs 0xc001_0000-0xc001_1fff
 *	bytes 0x1800-0x1fff	reserved
 *
 * Every other MSR exits whatever the map says.  Pure functions, so that
 * tests/unit/test_x86_msrpm.c checks them against that table on the host.
 */
#ifndef _X86_MSRPM_H
#define _X86_MSRPM_H

#include <warden/lib.h>

#define MSRPM_SIZE	0x2000
#define MSRPM_USED	0x1800		/* from here on: reserved */
#define MSRPM_READ	1
#define MSRPM_WRITE	2
#define MSRPM_RW	(MSRPM_READ | MSRPM_WRITE)

/*
 * Where the MSR's two bits are: byte *byte, read bit *shift, write bit
 * *shift + 1.  false for an MSR outside the three ranges, which always
 * exits.
 */
static inline bool msrpm_pos(u32 msr, u32 *byte, unsigned int *shift)
{
	static const u32 range_base[3] = { 0x00000000, 0xc0000000, 0xc0010000 };
	unsigned int r;

	for (r = 0; r < 3; r++) {
		if (msr - range_base[r] < 0x2000) {
			u32 n = msr - range_base[r];

			*byte = r * 0x800 + n / 4;
			*shift = 2 * (n % 4);
			return true;
		}
	}
	*byte = 0;
	*shift = 0;
	return false;
}

/* Does access rw (MSRPM_READ or MSRPM_WRITE) of msr exit with this map? */
static inline bool msrpm_intercepts(const u8 *map, u32 msr, unsigned int rw)
{
	unsigned int shift;
	u32 byte;

	if (!msrpm_pos(msr, &byte, &shift))
		return true;
	return map[byte] & (rw << shift);
}

/*
 * What the root cell's CPUs reach directly.  Each is either state that
 * SVM keeps per guest or state the hypervisor never uses, so that the
 * cell changes nothing but itself:
 *  - FS/GS/KERNEL_GS base, STAR/LSTAR/CSTAR/SFMASK, SYSENTER_CS/ESP/EIP:
 *    Linux's, written at every context switch (the bases) and when a CPU
 *    comes up.  The hypervisor never runs VMLOAD/VMSAVE and uses neither
 *    FS/GS nor system calls: the registers are Linux's throughout.
 *  - TSC_AUX: the value RDTSCP/RDPID give the cell (Linux: the CPU number).
 *  - TSC (read only): the same as RDTSC, which is not intercepted either.
 *  - TSC_DEADLINE: arms the CPU's local APIC timer, which is Linux's (the
 *    hypervisor has no timer); its interrupt goes to Linux.
 *  - APIC_BASE (read only): writes are checked (exits.c).
 *  - EFER (read only): reads come from the VMCB (with SVME, as it is);
 *    writes are checked (exits.c).
 *  - APERF/MPERF (read only): this CPU's cycle counters, read at every
 *    scheduler tick where the CPU has them.
 *  - SPEC_CTRL and PRED_CMD (write): the CPU's speculation controls,
 *    written at context switches where mitigations use them; they only
 *    restrict speculation, and the hypervisor sets none of its own.
 * PAT is not here: under nested paging the cell's PAT is the VMCB's
 * G_PAT, which exits.c reads and writes (QEMU does not redirect RDMSR).
 */
struct msr_passthrough {
	u32 msr;
	unsigned int rw;
};

#define MSR_PT_TSC		0x00000010
#define MSR_PT_APIC_BASE	0x0000001b
#define MSR_PT_SPEC_CTRL	0x00000048
#define MSR_PT_PRED_CMD		0x00000049
#define MSR_PT_SYSENTER_CS	0x00000174
#define MSR_PT_SYSENTER_ESP	0x00000175
#define MSR_PT_SYSENTER_EIP	0x00000176
#define MSR_PT_MPERF		0x000000e7
#define MSR_PT_APERF		0x000000e8
#define MSR_PT_TSC_DEADLINE	0x000006e0
#define MSR_PT_EFER		0xc0000080
#define MSR_PT_STAR		0xc0000081
#define MSR_PT_LSTAR		0xc0000082
#define MSR_PT_CSTAR		0xc0000083
#define MSR_PT_SFMASK		0xc0000084
#define MSR_PT_FS_BASE		0xc0000100
#define MSR_PT_GS_BASE		0xc0000101
#define MSR_PT_KERNEL_GS_BASE	0xc0000102
#define MSR_PT_TSC_AUX		0xc0000103

static const struct msr_passthrough msr_passthrough[] = {
	{ MSR_PT_TSC, MSRPM_READ },
	{ MSR_PT_APIC_BASE, MSRPM_READ },
	{ MSR_PT_SPEC_CTRL, MSRPM_RW },
	{ MSR_PT_PRED_CMD, MSRPM_WRITE },
	{ MSR_PT_MPERF, MSRPM_READ },
	{ MSR_PT_APERF, MSRPM_READ },
	{ MSR_PT_SYSENTER_CS, MSRPM_RW },
	{ MSR_PT_SYSENTER_ESP, MSRPM_RW },
	{ MSR_PT_SYSENTER_EIP, MSRPM_RW },
	{ MSR_PT_TSC_DEADLINE, MSRPM_RW },
	{ MSR_PT_EFER, MSRPM_READ },
	{ MSR_PT_STAR, MSRPM_RW },
	{ MSR_PT_LSTAR, MSRPM_RW },
	{ MSR_PT_CSTAR, MSRPM_RW },
	{ MSR_PT_SFMASK, MSRPM_RW },
	{ MSR_PT_FS_BASE, MSRPM_RW },
	{ MSR_PT_GS_BASE, MSRPM_RW },
	{ MSR_PT_KERNEL_GS_BASE, MSRPM_RW },
	{ MSR_PT_TSC_AUX, MSRPM_RW },
};

/* The map of a cell: everything exits but the list above. */
static inline void msrpm_build(u8 *map)
{
	unsigned int n, shift;
	u32 byte;

	memset(map, 0xff, MSRPM_SIZE);
	for (n = 0; n < ARRAY_SIZE(msr_passthrough); n++)
		if (msrpm_pos(msr_passthrough[n].msr, &byte, &shift))
			map[byte] &= ~(msr_passthrough[n].rw << shift);
}

#endif /* _X86_MSRPM_H */
