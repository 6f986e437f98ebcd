// SPDX-License-Identifier: GPL-2.0
/* tiny: the smallest inmate: a greeting, its command line, then idle. */
#include <inmate.h>

void inmate_main(void)
{
	printk("tiny: hello from a warden cell\n");
	printk("tiny: command line: '%s'\n", inmate_cmdline);
	for (;;)
		cpu_wait_for_interrupt();
}
