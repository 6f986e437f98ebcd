// SPDX-License-Identifier: GPL-2.0
/*
 * The local APIC of the root cell's CPUs (xAPIC mode, Documentation/x86.md).
 *
 * Linux keeps its APIC: interrupts, timer and IPIs go straight to it.  The
 * APIC page is mapped read-only into the cell, so that only writes trap;
 * they go on to the APIC, except the two that would take a CPU from under
 * the hypervisor: INIT and STARTUP (SIPI) IPIs.  Those are emulated, for a
 * CPU of the same cell only:
 *  - a CPU going offline soft-disables its APIC (SVR) and then halts with
 *    interrupts off; from the SVR write on, HLT traps, and that HLT parks
 *    the CPU in the hypervisor (cpu_stopped());
 *  - a SIPI to a parked CPU starts it in real mode at the SIPI's vector,
 *    as INIT and SIPI would on bare metal (cpu_started()).
 * When the hypervisor is disabled, parked CPUs go back to Linux as they
 * were: halted, interrupts off, waiting for the real INIT/SIPI.
 */
#include <warden/hypercall.h>
#include <warden/mmio.h>
#include <warden/printk.h>
#include "x86.h"

#define APIC_ID		0x20
#define APIC_SVR	0xf0
#define APIC_SVR_ENABLE	BIT(8)
#define APIC_ICR	0x300
#define APIC_ICR2	0x310
#define ICR_MODE(v)	(((v) >> 8) & 7)
#define MODE_SMI	2
#define MODE_INIT	5
#define MODE_STARTUP	6
#define ICR_LOGICAL	BIT(11)
#define ICR_SHORTHAND	(3UL << 18)

static u8 *apic_base(void)
{
	return (u8 *)(unsigned long)system_config->platform.x86.lapic_base;
}

static u32 apic_read(unsigned int reg)
{
	return mmio_read(apic_base() + reg, 4);
}

static void apic_write(unsigned int reg, u32 value)
{
	mmio_write(apic_base() + reg, 4, value);
}

static struct per_cpu *cpu_by_apic_id(struct cell *cell, u32 id)
{
	struct per_cpu *pc;
	unsigned int cpu;

	for (cpu = 0; cpu < num_cpus; cpu++) {
		pc = per_cpu(cpu);
		if (pc->cell == cell && pc->arch.apic_id == id)
			return pc;
	}
	return NULL;
}

/* INIT, SIPI and SMI never reach the hardware: see above. */
static void icr_write(struct per_cpu *pc, u32 icr)
{
	unsigned int mode = ICR_MODE(icr);
	struct per_cpu *target;

	if (mode != MODE_INIT && mode != MODE_STARTUP && mode != MODE_SMI) {
		apic_write(APIC_ICR, icr);
		return;
	}
	target = NULL;
	if (!(icr & (ICR_LOGICAL | ICR_SHORTHAND)))
		target = cpu_by_apic_id(pc->cell, apic_read(APIC_ICR2) >> 24);
	if (!target || mode == MODE_SMI) {
		printk("warden: cell \"%s\" CPU %u: IPI 0x%x to APIC 0x%x "
		       "dropped\n", cell_name(pc->cell), pc->cpu, icr,
		       apic_read(APIC_ICR2) >> 24);
		return;
	}
	/* INIT needs nothing: the CPU is reset when the SIPI starts it. */
	if (mode == MODE_STARTUP && target->arch.apic_off)
		__atomic_store_n(&target->arch.sipi, SIPI_PENDING | (icr & 0xff),
				 __ATOMIC_RELEASE);
}

static void set_hlt_trap(struct per_cpu *pc, bool on)
{
	if (on)
		pc->arch.vmcb->intercept1 |= INTERCEPT_HLT;
	else
		pc->arch.vmcb->intercept1 &= ~INTERCEPT_HLT;
}

static bool apic_access(struct cell *cell, struct mmio_access *a)
{
	struct per_cpu *pc = this_cpu();
	unsigned int reg = a->address & (PAGE_SIZE - 1);

	/* The APIC takes aligned 32-bit accesses only. */
	if (a->size != 4 || (reg & 0xf))
		return false;
	if (!a->write) {
		a->value = apic_read(reg);
		return true;
	}
	if (reg == APIC_ICR) {
		icr_write(pc, a->value);
		return true;
	}
	if (reg == APIC_SVR) {
		pc->arch.apic_off = !(a->value & APIC_SVR_ENABLE);
		set_hlt_trap(pc, pc->arch.apic_off);
	}
	apic_write(reg, a->value);
	return true;
}

/*
 * The root cell gets its APIC page read-only and the IOAPIC as it is (it
 * owns every line of it in this version), and sees the console ring.
 */
int apic_cell_init(struct cell *cell)
{
	extern char __console_start[], __console_end[];
	const struct warden_platform_x86 *p = &system_config->platform.x86;
	int err;

	err = paging_map(&cell->mem, p->lapic_base, p->lapic_base, PAGE_SIZE,
			 MAP_READ | MAP_DEVICE);
	if (!err)
		err = paging_map(&cell->mem, p->ioapic_base, p->ioapic_base,
				 PAGE_SIZE, MAP_READ | MAP_WRITE | MAP_DEVICE);
	if (!err)
		err = paging_map(&cell->mem, virt_to_phys(__console_start),
				 virt_to_phys(__console_start),
				 __console_end - __console_start, MAP_READ);
	if (!err)
		err = mmio_register(cell, p->lapic_base, PAGE_SIZE,
				    apic_access);
	return err;
}

void apic_cpu_init(struct per_cpu *pc)
{
	pc->arch.apic_id = apic_read(APIC_ID) >> 24;
	pc->arch.apic_off = false;
	pc->arch.sipi = 0;
}

/*
 * HLT trapped: the CPU is going offline if interrupts are off (else it is
 * an ordinary HLT, done as a no-op).  Park it until a SIPI starts it, or
 * until the hypervisor goes.
 */
void apic_park(struct per_cpu *pc)
{
	struct vmcb *v = pc->arch.vmcb;
	u32 sipi;

	if (v->rflags & X86_EFLAGS_IF) {
		v->rip += 1;
		return;
	}
	cpu_stopped(pc);
	__atomic_store_n(&pc->arch.parked, true, __ATOMIC_RELEASE);
	for (;;) {
		sipi = __atomic_exchange_n(&pc->arch.sipi, 0, __ATOMIC_ACQUIRE);
		if (sipi)
			break;
		if (__atomic_load_n(&pc->arch.release, __ATOMIC_ACQUIRE)) {
			/* Back to Linux at its HLT, interrupts off. */
			__atomic_store_n(&pc->arch.parked, false,
					 __ATOMIC_RELEASE);
			cpu_exit_to_linux(pc);
		}
		arch_cpu_relax();
	}
	start_cpu(pc, sipi & 0xff);
	pc->arch.apic_off = false;
	set_hlt_trap(pc, false);
	__atomic_store_n(&pc->arch.parked, false, __ATOMIC_RELEASE);
	cpu_started(pc);
}

/*
 * The calling CPU leaves (disable).  If it is the last one running, the
 * parked CPUs must leave too, before the driver may reuse the memory.
 */
void apic_release_parked(struct per_cpu *self)
{
	struct per_cpu *pc;
	unsigned int cpu;

	for (cpu = 0; cpu < num_cpus; cpu++) {
		pc = per_cpu(cpu);
		if (pc != self && pc->cell &&
		    pc->state == WARDEN_CPU_STATE_RUNNING)
			return;
	}
	for (cpu = 0; cpu < num_cpus; cpu++) {
		pc = per_cpu(cpu);
		if (pc == self || !__atomic_load_n(&pc->arch.parked,
						    __ATOMIC_ACQUIRE))
			continue;
		__atomic_store_n(&pc->arch.release, true, __ATOMIC_RELEASE);
		while (__atomic_load_n(&pc->arch.parked, __ATOMIC_ACQUIRE))
			arch_cpu_relax();
	}
}
