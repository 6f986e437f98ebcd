// SPDX-License-Identifier: GPL-2.0
/*
 * psciloop: for a two-CPU cell.  The first CPU switches the other on with
 * PSCI CPU_ON as fast as it can; the other switches itself off with
 * CPU_OFF as soon as it runs.  A shutdown from the root then races CPU
 * starts and stops; it must still leave no CPU of the cell running.
 *   cpu=MPIDR   the other CPU (default 3, or 2 when running on 3)
 */
#include <inmate.h>

#define PSCI_CPU_OFF		0x84000002UL
#define PSCI_ALREADY_ON		(-4L)
#define PSCI_ON_PENDING		(-5L)

static long psci(unsigned long fn)
{
	register unsigned long x0 asm("x0") = fn;

	asm volatile("hvc #0" : "+r"(x0) : : "x1", "x2", "x3", "memory");
	return (long)x0;
}

void secondary_main(unsigned int index)
{
	psci(PSCI_CPU_OFF);
	printk("psciloop: CPU_OFF returned\n");
	inmate_halt();
}

void inmate_main(void)
{
	unsigned long other = cpu_hw_id() == 3 ? 2 : 3;
	unsigned long started = 0, busy = 0, refused = 0;
	long ret;

	other = cmdline_number("cpu", other);
	printk("psciloop: looping, CPU_ON of %lx\n", other);
	for (;;) {
		ret = smp_start_cpu(other, 1);
		if (!ret)
			started++;
		else if (ret == PSCI_ALREADY_ON || ret == PSCI_ON_PENDING)
			busy++;
		else if (!refused++)
			printk("psciloop: CPU_ON returned %ld\n", ret);
		if (started == 100 && !ret)
			printk("psciloop: 100 starts (%lu busy)\n", busy);
	}
}
