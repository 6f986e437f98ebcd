// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit test of the SVM MSR permission map (hypervisor/arch/x86/
 * msrpm.h) against the table of the AMD64 APM, volume 2, 15.11: byte and
 * bit of the first and last MSR of each range and of the SVM MSRs, the
 * reserved last quarter, MSRs outside the ranges, and the root cell's map.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "../../hypervisor/arch/x86/msrpm.h"

struct apm_row {
	u32 msr;
	u32 byte;
	unsigned int shift;
};

/* Worked out by hand from the APM's table, not from the code. */
static const struct apm_row apm[] = {
	{ 0x00000000, 0x000, 0 },	/* first of range 0 */
	{ 0x00000001, 0x000, 2 },
	{ 0x00000003, 0x000, 6 },
	{ 0x00000004, 0x001, 0 },
	{ 0x0000001b, 0x006, 6 },	/* APIC_BASE */
	{ 0x00000277, 0x09d, 6 },	/* PAT */
	{ 0x00001fff, 0x7ff, 6 },	/* last of range 0 */
	{ 0xc0000000, 0x800, 0 },	/* first of range 1 */
	{ 0xc0000080, 0x820, 0 },	/* EFER */
	{ 0xc0000081, 0x820, 2 },	/* STAR */
	{ 0xc0000100, 0x840, 0 },	/* FS_BASE */
	{ 0xc0001fff, 0xfff, 6 },	/* last of range 1 */
	{ 0xc0010000, 0x1000, 0 },	/* first of range 2 */
	{ 0xc0010010, 0x1004, 0 },	/* SYSCFG */
	{ 0xc001001a, 0x1006, 4 },	/* TOP_MEM */
	{ 0xc0010114, 0x1045, 0 },	/* VM_CR */
	{ 0xc0010117, 0x1045, 6 },	/* VM_HSAVE_PA */
	{ 0xc0011fff, 0x17ff, 6 },	/* last of range 2 */
};

static void apm_table(void **state)
{
	unsigned int n, shift;
	u32 byte;

	for (n = 0; n < ARRAY_SIZE(apm); n++) {
		assert_true(msrpm_pos(apm[n].msr, &byte, &shift));
		assert_int_equal(byte, apm[n].byte);
		assert_int_equal(shift, apm[n].shift);
	}
}

/* Nothing in any range lands in the reserved quarter or past the map. */
static void nothing_past_0x1800(void **state)
{
	static const u32 base[3] = { 0x00000000, 0xc0000000, 0xc0010000 };
	unsigned int r, shift;
	u32 n, byte, highest = 0;

	for (r = 0; r < 3; r++)
		for (n = 0; n < 0x2000; n++) {
			assert_true(msrpm_pos(base[r] + n, &byte, &shift));
			assert_true(byte < MSRPM_USED);
			assert_true(shift <= 6 && shift % 2 == 0);
			/* ranges do not overlap: each byte is its range's */
			assert_int_equal(byte / 0x800, r);
			if (byte > highest)
				highest = byte;
		}
	assert_int_equal(highest, MSRPM_USED - 1);
}

/* Just outside each range, and far away: no bits, always intercepted. */
static void outside_always_intercepted(void **state)
{
	static const u32 outside[] = {
		0x00002000, 0x40000000, 0x4b564d00, 0xbfffffff,
		0xc0002000, 0xc0002004, 0xc000ffff, 0xc0012000,
		0xc0020000, 0xffffffff,
	};
	u8 map[MSRPM_SIZE];
	unsigned int n, shift;
	u32 byte;

	memset(map, 0, sizeof(map));	/* even with a map that allows all */
	for (n = 0; n < ARRAY_SIZE(outside); n++) {
		assert_false(msrpm_pos(outside[n], &byte, &shift));
		assert_true(msrpm_intercepts(map, outside[n], MSRPM_READ));
		assert_true(msrpm_intercepts(map, outside[n], MSRPM_WRITE));
	}
}

/* The root's map: the SVM and platform MSRs exit, the list passes. */
static void root_map(void **state)
{
	static const u32 trapped[] = {
		0xc0010114, 0xc0010117,			/* VM_CR, VM_HSAVE_PA */
		0xc0010010, 0xc001001a, 0xc001001d,	/* SYSCFG, TOP_MEM(2) */
		0xc0010016, 0xc0010017, 0xc0010018, 0xc0010019, /* IORRs */
		0xc0010015,				/* HWCR */
		0x000000fe, 0x00000200, 0x0000020f, 0x00000250, 0x00000258,
		0x00000259, 0x00000268, 0x0000026f, 0x000002ff,	/* MTRRs */
		0x00000277,				/* PAT (G_PAT) */
		0x00000079, 0x0000008b,			/* microcode */
		0x00000179, 0x0000017b, 0x00000400,	/* machine check */
		0x00000800, 0x00000830,			/* x2APIC */
		0xc0010020,				/* PATCH_LOADER */
		0xc0010000, 0xc0010004,			/* perf counters */
	};
	u8 map[MSRPM_SIZE];
	unsigned int n, shift;
	u32 byte;

	msrpm_build(map);
	for (n = 0; n < ARRAY_SIZE(trapped); n++) {
		assert_true(msrpm_intercepts(map, trapped[n], MSRPM_READ));
		assert_true(msrpm_intercepts(map, trapped[n], MSRPM_WRITE));
	}
	/* EFER and APIC_BASE: reads pass, writes are checked */
	assert_false(msrpm_intercepts(map, 0xc0000080, MSRPM_READ));
	assert_true(msrpm_intercepts(map, 0xc0000080, MSRPM_WRITE));
	assert_false(msrpm_intercepts(map, 0x1b, MSRPM_READ));
	assert_true(msrpm_intercepts(map, 0x1b, MSRPM_WRITE));
	/* the TSC may be read, not written */
	assert_false(msrpm_intercepts(map, 0x10, MSRPM_READ));
	assert_true(msrpm_intercepts(map, 0x10, MSRPM_WRITE));
	/* Linux's fast paths */
	assert_false(msrpm_intercepts(map, 0xc0000100, MSRPM_WRITE));
	assert_false(msrpm_intercepts(map, 0xc0000102, MSRPM_READ));
	assert_false(msrpm_intercepts(map, 0xc0000082, MSRPM_WRITE));
	assert_false(msrpm_intercepts(map, 0x176, MSRPM_WRITE));
	/* every pass-through entry is an MSR the map has bits for */
	for (n = 0; n < ARRAY_SIZE(msr_passthrough); n++)
		assert_true(msrpm_pos(msr_passthrough[n].msr, &byte, &shift));
	/* the reserved quarter stays all ones */
	for (n = MSRPM_USED; n < MSRPM_SIZE; n++)
		assert_int_equal(map[n], 0xff);
	/* and the pass-through list is all that is clear */
	for (n = 0, byte = 0; n < MSRPM_USED; n++)
		byte += 8 - __builtin_popcount(map[n]);
	for (n = 0, shift = 0; n < ARRAY_SIZE(msr_passthrough); n++)
		shift += __builtin_popcount(msr_passthrough[n].rw);
	assert_int_equal(byte, shift);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(apm_table),
		cmocka_unit_test(nothing_past_0x1800),
		cmocka_unit_test(outside_always_intercepted),
		cmocka_unit_test(root_map),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
