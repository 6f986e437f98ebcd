// SPDX-License-Identifier: GPL-2.0
/*
 * timer: program the timer every period_us microseconds (command line,
 * default 1000) and print, once a second of timer time, the latency from
 * the programmed expiry to the handler: min/avg/max in nanoseconds.
 * seconds=N stops after N lines (default 0: forever).
 */
#include <inmate.h>

static unsigned long long period, expiry, freq;
static unsigned long long lat_min, lat_max, lat_sum, samples, ticks;
static unsigned long lines, max_lines;

static unsigned long long to_ns(unsigned long long t)
{
	return t * 1000000000ULL / freq;
}

static void report(void)
{
	printk("timer: latency min/avg/max %llu/%llu/%llu ns over %llu ticks\n",
	       to_ns(lat_min), to_ns(lat_sum / samples), to_ns(lat_max),
	       samples);
	lat_min = ~0ULL;
	lat_max = lat_sum = samples = 0;
	lines++;
}

static void handle(unsigned int irq)
{
	unsigned long long now = timer_now(), lat;

	if (irq != timer_irq())
		return;
	lat = now - expiry;
	if (lat < lat_min)
		lat_min = lat;
	if (lat > lat_max)
		lat_max = lat;
	lat_sum += lat;
	samples++;
	if (++ticks * period >= freq) {
		ticks = 0;
		report();
	}
	if (max_lines && lines >= max_lines) {
		timer_stop();
		printk("timer: done\n");
		return;
	}
	expiry += period;
	if (expiry < now)		/* fell behind: skip, don't storm */
		expiry = now + period;
	timer_set_deadline(expiry);
}

void inmate_main(void)
{
	unsigned long period_us = cmdline_number("period_us", 1000);

	max_lines = cmdline_number("seconds", 0);
	freq = timer_frequency();
	period = freq * period_us / 1000000;
	lat_min = ~0ULL;
	printk("timer: period %lu us, counter at %llu Hz\n", period_us, freq);
	irq_init(handle);
	irq_enable(timer_irq());
	expiry = timer_now() + period;
	timer_set_deadline(expiry);
	irq_local_enable();
	for (;;)
		cpu_wait_for_interrupt();
}
