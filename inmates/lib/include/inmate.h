/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The inmate library: what a bare-metal program in a cell can call.
 * Documentation/inmates.md says how to write one.
 */
#ifndef _INMATE_H
#define _INMATE_H

#include <warden/comm.h>
#include <warden/types.h>
#include <warden/printk.h>

#ifndef NULL
#define NULL ((void *)0)
#endif

/* The program's entry, called with a stack, a zeroed bss and vectors. */
void inmate_main(void);

/* Stop this CPU for good. */
void __attribute__((noreturn)) inmate_halt(void);

/*
 * Console output: through the hypervisor's debug-console hypercall in a
 * cell, or straight to the UART when the program runs without a
 * hypervisor (the "-bare" link, see inmates/Makefile).
 */
void arch_console_putc(char c);

unsigned long strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, unsigned long n);
void *memset(void *s, int c, unsigned long n);
void *memcpy(void *dst, const void *src, unsigned long n);

/*
 * The command line given with `warden cell load ... -s STRING`: words
 * "key=value" separated by blanks, at WARDEN_INMATE_CMDLINE of the image.
 */
extern char inmate_cmdline[];
/* The value of key as a number (decimal or 0x...), or def. */
unsigned long cmdline_number(const char *key, unsigned long def);
/* Copy the value of key into buf (NUL-terminated); def if absent. */
const char *cmdline_string(const char *key, char *buf, unsigned long size,
			   const char *def);

/*
 * Tests: one line per check, "PASS name" or "FAIL name: why", and a
 * summary "SUMMARY suite: N passed, N failed" from test_summary(), which
 * returns the number of failures.
 */
void test_check(const char *name, int ok, const char *why_fmt, ...)
	__attribute__((format(printf, 3, 4)));
int test_summary(const char *suite);

/* Device registers. */
static inline __u32 mmio_read32(unsigned long addr)
{
	return *(volatile __u32 *)addr;
}

static inline void mmio_write32(unsigned long addr, __u32 v)
{
	*(volatile __u32 *)addr = v;
}

static inline __u64 mmio_read64(unsigned long addr)
{
	return *(volatile __u64 *)addr;
}

static inline void mmio_write64(unsigned long addr, __u64 v)
{
	*(volatile __u64 *)addr = v;
}

/* xorshift64 on *state: the same sequence for the same seed (not 0). */
unsigned long test_random(unsigned long *state);

/* Interrupts: handler(irq) runs for each one, with interrupts masked. */
typedef void (*irq_handler_t)(unsigned int irq);
void irq_init(irq_handler_t handler);
/* arm64: this CPU's GIC redistributor (RD_base), found by affinity. */
unsigned long gic_redistributor(void);
void irq_enable(unsigned int irq);
void irq_local_enable(void);
void irq_local_disable(void);

/* The per-CPU timer: a free-running counter and a one-shot deadline. */
unsigned long long timer_now(void);		/* ticks */
unsigned long long timer_frequency(void);	/* ticks per second */
void timer_set_deadline(unsigned long long ticks);
void timer_stop(void);
unsigned int timer_irq(void);

void cpu_wait_for_interrupt(void);

/*
 * Start another CPU of the cell (hw_id: arm64 MPIDR affinity) at
 * secondary_main(index), with its own stack; index 1..MAX_INMATE_CPUS-1.
 * Returns 0 or the firmware's (PSCI's) negative error.
 */
long smp_start_cpu(unsigned long hw_id, unsigned int index);
void secondary_main(unsigned int index);
unsigned long cpu_hw_id(void);

/*
 * A hypercall (include/warden/hypercall.h, made as
 * include/warden/arch/<arch>.h says): its result, or a negative errno.  Cells other than the root may only use a few.
 */
long hypercall(unsigned long code, unsigned long arg1, unsigned long arg2);

/*
 * The cell's comm region (include/warden/comm.h), at comm= of the command
 * line, else 0x80000000.  While locked, the cell refuses to be shut down;
 * comm_shutdown_requested() says whether the root has asked meanwhile.
 */
struct warden_comm *comm_region(void);
void comm_lock(void);
void comm_unlock(void);
int comm_shutdown_requested(void);

#endif /* _INMATE_H */
