// SPDX-License-Identifier: GPL-2.0
/* tiny: the smallest inmate; greets through the console, then halts. */
#include <inmate.h>

void inmate_main(void)
{
	printk("tiny: hello from cell\n");
	inmate_halt();
}
