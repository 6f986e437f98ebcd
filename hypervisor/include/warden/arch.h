/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The architecture boundary: everything the core needs from an
 * architecture, and nothing else.  Each hypervisor/arch/<arch>/ provides
 * these functions and the headers <asm/arch-defs.h> (ARCH_NUMBER,
 * ARCH_NAME, MAX_CPUS, PERCPU_SIZE), <asm/paging.h> (page-table entry
 * format, see warden/paging.h), <asm/percpu.h> (struct arch_per_cpu and
 * this_cpu()) and <asm/cell.h> (struct arch_cell).
 * Core code includes this header and never tests which architecture it is
 * built for.
 *
 * The order in which the core calls the hooks when the driver hands over
 * CPUs (see setup.c):
 *   first CPU, translation off: arch_map_devices() while early_init()
 *     builds the hypervisor's page tables; the arch then turns them on;
 *   first CPU: arch_init(), then arch_cell_init() for the root cell;
 *   every CPU: arch_cpu_init(), after which it returns to its cell.
 * Everything else (traps, interrupts, the cells' power management, giving
 * a CPU back on disable) is the architecture's, which calls back into the
 * core through warden/control.h.
 *
 * Cells other than the root (cell.c, on a root CPU in a hypercall, one at
 * a time under control.c's mgmt_lock, with the root's other CPUs held
 * through arch_cpu_kick() where ARCH_BREAK_BEFORE_MAKE is 1):
 * arch_cell_init() when one is created, arch_cell_flush() after the core
 * unmapped memory from a cell or mapped the root's back (which may merge
 * tables into blocks) and between break and make of a live root entry,
 * arch_cpu_start() / arch_cpu_park() as cells start and stop, and
 * arch_cell_exit() when one is destroyed.  The core maps root memory it
 * must read (a cell configuration) or zero (scrub) at TEMP_MAP_BASE
 * (<asm/arch-defs.h>) of the hypervisor's address space, pushes what it
 * wrote to memory with arch_dcache_flush() and calls arch_flush_hv_tlb()
 * after unmapping it.  <asm/arch-defs.h> also says whether live
 * second-stage entries need break-before-make (ARCH_BREAK_BEFORE_MAKE).
 */
#ifndef _WARDEN_ARCH_H
#define _WARDEN_ARCH_H

#include <warden/lib.h>
#include <asm/arch-defs.h>

struct cell;
struct paging;
struct per_cpu;

/*
 * Write one character to the hypervisor's debug console (the UART of the
 * system configuration).  Called with translation off too, and before the
 * configuration is known (then it may drop the character: the console
 * ring still gets it).  Callers serialise.
 */
void arch_console_putc(char c);

/* Milliseconds since some fixed point: for rate limits, not for timing. */
u64 arch_time_ms(void);

/* Called in spin loops: let a sibling thread or the bus breathe. */
void arch_cpu_relax(void);

/*
 * Translation off, first CPU: map into the hypervisor's address space the
 * devices the architecture drives itself (arm64: the GIC), beyond the
 * hypervisor memory and debug console that the core maps.
 */
int arch_map_devices(struct paging *hv);

/*
 * Translation on, first CPU, before any cell exists: global setup of the
 * architecture (discover the interrupt controller, ...).  0 or -errno.
 */
int arch_init(void);

/*
 * The core has built cell->mem from the cell's memory regions: add what
 * the architecture must (arm64: the VMID, and for the root cell the GIC
 * and the console ring, see Documentation/arm64.md).  For any other cell
 * (its CPUs are off and already have pc->cell == cell), also check and
 * take from the root cell the interrupt lines the configuration gives it
 * and the per-CPU interrupt controller parts of its CPUs (arm64: their
 * redistributors); the core flushes the root afterwards.  0 or -errno,
 * with a console line saying why; on error nothing is taken.
 */
int arch_cell_init(struct cell *cell);

/* The reverse of arch_cell_init() for a non-root cell, whose CPUs are off. */
void arch_cell_exit(struct cell *cell);

/*
 * Mappings were removed from cell->mem, or tables of it replaced by
 * blocks and freed: drop whatever TLB entries (walk caches included) of
 * that address space any CPU may hold.  Called on a CPU of the root cell.
 */
void arch_cell_flush(struct cell *cell);

/* Mappings were removed from the hypervisor's address space. */
void arch_flush_hv_tlb(void);

/*
 * Switch pc on (it is off, see arch_cpu_park()) into pc->cell, entering it
 * at entry of the cell's address space as from reset (arm64: EL1, MMU
 * off).  Called from another CPU; the CPU calls cpu_started() itself.
 * 0 or -errno.
 */
int arch_cpu_start(struct per_cpu *pc, u64 entry);

/*
 * Stop pc, a CPU of a non-root cell, wherever it is: it leaves its cell
 * and ends up off (cpu_stopped()), to be started again with
 * arch_cpu_start().  The request is latched: the CPU cannot mask it, and
 * a CPU its cell switches on meanwhile goes off instead of entering the
 * cell; only arch_cpu_start() lifts it.  With wait, return 0 only once it
 * is off; -ETIMEDOUT if it is not off after a bound the hardware should
 * never need (the caller must then treat it as running).  A CPU that is
 * off already is left so.  Called from another CPU.
 */
int arch_cpu_park(struct per_cpu *pc, bool wait);

/*
 * Interrupt pc (a root CPU, not the caller) so that it enters the
 * hypervisor soon and calls cpu_hold_point(), whatever its cell masks.
 */
void arch_cpu_kick(struct per_cpu *pc);

/*
 * Clean and invalidate [va, va + size) of the hypervisor's address space
 * to the point of coherency, so that memory read with caches off (a cell
 * from reset) sees what was written through va.  No-op where the caches
 * are coherent with such reads.
 */
void arch_dcache_flush(void *va, unsigned long size);

/*
 * Take over the calling CPU for pc->cell: save what Linux set up, trap
 * what the hypervisor must see, switch on second-stage translation.  On
 * success the CPU returns to Linux's code as part of the cell; on error
 * (-errno) nothing has changed and the CPU is given back.
 */
int arch_cpu_init(struct per_cpu *pc);

#endif /* _WARDEN_ARCH_H */
