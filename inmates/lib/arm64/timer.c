// SPDX-License-Identifier: GPL-2.0
/* arm64 inmate timer: the EL1 virtual timer, PPI 27. */
#include <inmate.h>

#define CNTV_CTL_ENABLE		(1 << 0)
#define TIMER_VIRT_PPI		27

unsigned long long timer_now(void)
{
	unsigned long v;

	asm volatile("isb; mrs %0, cntvct_el0" : "=r"(v));
	return v;
}

unsigned long long timer_frequency(void)
{
	unsigned long v;

	asm volatile("mrs %0, cntfrq_el0" : "=r"(v));
	return v;
}

void timer_set_deadline(unsigned long long ticks)
{
	asm volatile("msr cntv_cval_el0, %0; msr cntv_ctl_el0, %1; isb"
		     : : "r"(ticks), "r"((unsigned long)CNTV_CTL_ENABLE));
}

void timer_stop(void)
{
	asm volatile("msr cntv_ctl_el0, xzr; isb");
}

unsigned int timer_irq(void)
{
	return TIMER_VIRT_PPI;
}
