// SPDX-License-Identifier: GPL-2.0
/*
 * smp: start the cell's second CPU (cpu=HW_ID on the command line, arm64:
 * its MPIDR; default 1 more than this CPU's) and let both report in.
 */
#include <inmate.h>

static volatile unsigned int arrived;

void secondary_main(unsigned int index)
{
	printk("smp: CPU %u (hw id %lx) is up\n", index, cpu_hw_id());
	__atomic_fetch_add(&arrived, 1, __ATOMIC_SEQ_CST);
	for (;;)
		cpu_wait_for_interrupt();
}

void inmate_main(void)
{
	unsigned long self = cpu_hw_id();
	unsigned long other = cmdline_number("cpu", self + 1);
	unsigned long long deadline;
	long err;

	printk("smp: CPU 0 (hw id %lx) starts hw id %lx\n", self, other);
	err = smp_start_cpu(other, 1);
	if (err) {
		printk("smp: CPU_ON failed: %ld\n", err);
		inmate_halt();
	}
	deadline = timer_now() + timer_frequency();
	while (!arrived && timer_now() < deadline)
		;
	printk(arrived ? "smp: both CPUs running\n" :
	       "smp: the second CPU did not arrive within a second\n");
	for (;;)
		cpu_wait_for_interrupt();
}
