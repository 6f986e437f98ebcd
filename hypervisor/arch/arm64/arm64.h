/* SPDX-License-Identifier: GPL-2.0 */
/* Internals of the arm64 hypervisor, shared by its files. */
#ifndef _ARM64_H
#define _ARM64_H

#include <asm/sysregs.h>
#include <warden/cell.h>
#include <warden/percpu.h>

/* A cell's x0-x30 as the exception vectors save them (entry.S). */
struct regs {
	u64 x[31];
	u64 pad;
};

#define MPIDR_AFF_MASK		0xff00ffffffUL

/* entry.S */
extern char hyp_vectors[], arch_cpu_start_entry[];
void __attribute__((noreturn)) arch_leave(long ret, struct regs *frame);

/* traps.c */
void inject_abort(bool instruction, u64 far);
void inject_undef(void);
void skip_instruction(void);
void __attribute__((noreturn)) park_cpu(void);

/* gic.c */
int gic_init(void);
int gic_map(struct paging *hv);
int gic_cell_init(struct cell *cell);
int gic_cpu_init(struct per_cpu *pc, bool cold);
void gic_cpu_exit(struct per_cpu *pc, bool keep_sgis);
void gic_handle_irq(void);
void gic_handle_fiq(void);
void gic_send_sgi(u64 sgi1r);
void gic_cell_exit(struct cell *cell);
void gic_send_park(struct per_cpu *pc);

/* psci.c */
void psci_root(struct regs *regs);
void psci_cell(struct regs *regs);
void __attribute__((noreturn)) cpu_park_self(void);
void __attribute__((noreturn)) cpu_power_off(void);

/* setup.c */
void cpu_virt_init(struct per_cpu *pc);
void cpu_virt_exit(struct per_cpu *pc);

#endif /* _ARM64_H */
