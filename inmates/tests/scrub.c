// SPDX-License-Identifier: GPL-2.0
/*
 * scrub: the memory a cell leaves behind must not reach the next owner.
 * Without arguments it fills its RAM beyond its own image (code, command
 * line, data, stacks) with 0x5a5a5a5a and reports; the root then checks
 * that it reads 0 there after shutdown and destroy.  check=1 only checks
 * that all of that RAM reads 0, as it must in a freshly created cell.
 *   ram=SIZE   the cell's RAM (default 4 MiB)
 */
#include <inmate.h>

#define PATTERN		0x5a5a5a5a5a5a5a5aUL

extern char __stack_top[];

void inmate_main(void)
{
	unsigned long ram = cmdline_number("ram", 0x400000);
	unsigned long start = ((unsigned long)__stack_top + 0xfff) & ~0xfffUL;
	unsigned long a, dirty = 0, first = 0;

	if (cmdline_number("check", 0)) {
		for (a = start; a < ram; a += 8)
			if (*(volatile unsigned long *)a && !dirty++)
				first = a;
		test_check("scrub-fresh-ram-zero", !dirty,
			   "%lu words not 0, first at %lx: %lx", dirty, first,
			   *(volatile unsigned long *)first);
		test_summary("scrub");
		for (;;)
			cpu_wait_for_interrupt();
	}
	for (a = start; a < ram; a += 8)
		*(volatile unsigned long *)a = PATTERN;
	for (a = start; a < ram; a += 8)
		if (*(volatile unsigned long *)a != PATTERN && !dirty++)
			first = a;
	printk("scrub: wrote %lx-%lx\n", start, ram - 1);
	test_check("scrub-pattern-written", !dirty,
		   "%lu words did not keep it, first at %lx", dirty, first);
	test_summary("scrub");
	for (;;)
		cpu_wait_for_interrupt();
}
