// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 glue of the Linux driver: how the driver hands CPUs to the
 * hypervisor and talks to it.
 *
 * Linux, booted at EL2 without KVM (kvm-arm.mode=none), leaves its hyp
 * stub at EL2.  The stub's HVC_SOFT_RESTART call branches to an address at
 * EL2 without touching VBAR_EL2: that is how each CPU enters the
 * hypervisor (Documentation/arm64.md), which so learns the stub's vectors
 * and can put them back on disable.
 */
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/sizes.h>
#include <linux/module.h>
#include <asm/cacheflush.h>
#include <asm/cputype.h>
#include <asm/sysreg.h>
#include <asm/virt.h>
#include <warden/arch/arm64.h>
#include <warden/hypercall.h>
#include "../warden.h"

const char warden_arch_name[] = "arm64";
const u32 warden_arch_number = WARDEN_ARCH_ARM64;

/* Every register a call into Linux's stub may change (asm/virt.h). */
#define STUB_CLOBBERS "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", \
	"x13", "x14", "x15", "x16", "x17", "x18", "x30", "memory", "cc"

static unsigned long stub_call(unsigned long x0_in, unsigned long x1_in)
{
	register unsigned long x0 asm("x0") = x0_in;
	register unsigned long x1 asm("x1") = x1_in;
	register unsigned long x2 asm("x2"), x3 asm("x3"), x4 asm("x4");

	asm volatile("hvc #0"
		     : "+r"(x0), "+r"(x1), "=r"(x2), "=r"(x3), "=r"(x4)
		     : : STUB_CLOBBERS);
	return x0;
}

#define ID_AA64PFR0_EL2	(0xfUL << 8)

struct el2_probe {
	bool at_el2;		/* the kernel runs at EL2 (VHE) */
	bool no_el2;		/* the CPU has no EL2 */
	unsigned long answer;	/* the stub's answer to an unknown call */
};

static void probe_el2(void *arg)
{
	struct el2_probe *p = arg;

	p->at_el2 = read_sysreg(CurrentEL) == CurrentEL_EL2;
	p->no_el2 = !(read_sysreg(id_aa64pfr0_el1) & ID_AA64PFR0_EL2);
	/* hvc with no EL2, or from EL2 itself, would not reach a stub. */
	if (!p->at_el2 && !p->no_el2)
		p->answer = stub_call(HVC_STUB_HCALL_NR, 0);
}

/*
 * Has KVM come up?  Without guests, KVM in nVHE mode gives EL2 back to the
 * stub, so the probe below finds the stub; but KVM takes EL2 again when a
 * guest starts, and would find the hypervisor there.  KVM creates its
 * debugfs directory only once it has initialised; the variable is
 * exported, and looked up by name so that the driver also loads on a
 * kernel without KVM.
 */
static bool kvm_is_up(void)
{
	void **dir = __symbol_get("kvm_debugfs_dir");
	bool up = dir && *dir;

	if (dir)
		__symbol_put("kvm_debugfs_dir");
	return up;
}

/*
 * Enabling needs EL2 held by Linux's own stub, reached with hvc: refuse
 * when there is no EL2, when the kernel itself runs there (VHE), and when
 * KVM owns it or may take it.  The stub answers an unknown call with
 * HVC_STUB_ERR, KVM's handlers (while it holds EL2) with something else.
 * Every CPU is asked: one could have been started apart from the others.
 */
/*
 * LPIs make the redistributors read and write tables at the physical
 * addresses in PROPBASER/PENDBASER: a DMA engine the hypervisor does not
 * validate.  Is GICR_CTLR.EnableLPIs set on any redistributor?
 */
#define GICR_CTLR_ENABLE_LPIS	1
#define GICR_TYPER_OFF		0x8
#define GICR_TYPER_VLPIS_BIT	(1U << 1)
#define GICR_TYPER_LAST_BIT	(1U << 4)

static bool lpis_enabled(const struct warden_system *sys)
{
	const struct warden_platform_arm64 *p = &sys->platform.arm64;
	void __iomem *gicr = ioremap(p->gicr_base, p->gicr_size);
	u64 off = 0;
	bool on = false;
	u32 typer;

	if (!gicr)
		return false;	/* the hypervisor checks again */
	while (off + SZ_128K <= p->gicr_size && !on) {
		on = readl_relaxed(gicr + off) & GICR_CTLR_ENABLE_LPIS;
		typer = readl_relaxed(gicr + off + GICR_TYPER_OFF);
		if (typer & GICR_TYPER_LAST_BIT)
			break;
		off += typer & GICR_TYPER_VLPIS_BIT ? SZ_256K : SZ_128K;
	}
	iounmap(gicr);
	return on;
}

int warden_arch_check(struct warden_file *wf, const struct warden_system *sys)
{
	struct el2_probe p;
	int cpu;

	if (lpis_enabled(sys))
		return warden_error(wf, -EOPNOTSUPP,
			"Linux uses GIC LPIs (GICR_CTLR.EnableLPIs), whose tables the GIC reads and writes anywhere in memory: boot Linux with irqchip.gicv3_nolpi=1");

	if (kvm_is_up())
		return warden_error(wf, -EBUSY,
			"KVM has initialised and takes EL2 for its guests: boot with kvm-arm.mode=none");

	for_each_online_cpu(cpu) {
		memset(&p, 0, sizeof(p));
		smp_call_function_single(cpu, probe_el2, &p, 1);
		if (p.at_el2)
			return warden_error(wf, -EOPNOTSUPP,
				"Linux runs at EL2 (VHE) on CPU %d, where the hypervisor must run: boot Linux at EL1 with id_aa64mmfr1.vh=0 kvm-arm.mode=none",
				cpu);
		if (p.no_el2)
			return warden_error(wf, -ENODEV,
				"CPU %d has no EL2 (QEMU: -machine virt,virtualization=on)",
				cpu);
		if (p.answer != HVC_STUB_ERR)
			return warden_error(wf, -EBUSY,
				"EL2 on CPU %d is not Linux's hyp stub (it answered 0x%lx): KVM owns it; boot with kvm-arm.mode=none",
				cpu, p.answer);
	}
	return 0;
}

/*
 * Called on the CPU itself, interrupts off: enter the hypervisor at entry
 * (physical) through the stub.  Returns 0 when the CPU came back as part
 * of the root cell.
 */
int warden_arch_enter(phys_addr_t entry, unsigned int cpu, bool first)
{
	register unsigned long x0 asm("x0") = HVC_SOFT_RESTART;
	register unsigned long x1 asm("x1") = entry;
	register unsigned long x2 asm("x2") = cpu;	/* arrives in x0 */
	register unsigned long x3 asm("x3") = first;	/* arrives in x1 */
	register unsigned long x4 asm("x4") = 0;

	asm volatile("hvc #0"
		     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4)
		     : : STUB_CLOBBERS);
	return (int)x0;
}

long warden_arch_hypercall(unsigned long code, unsigned long arg1,
			   unsigned long arg2)
{
	return warden_hypercall(code, arg1, arg2);
}

/* WARDEN_HC_DISABLE hands the CPU back with x0-x18 clobbered. */
long warden_arch_disable_cpu(void)
{
	register unsigned long x0 asm("x0") = WARDEN_HC_DISABLE;
	register unsigned long x1 asm("x1"), x2 asm("x2"), x3 asm("x3");
	register unsigned long x4 asm("x4");

	asm volatile(WARDEN_HVC_INSN
		     : "+r"(x0), "=r"(x1), "=r"(x2), "=r"(x3), "=r"(x4)
		     : : STUB_CLOBBERS);
	return (long)x0;
}

/*
 * Write back and drop every cached line of [addr, addr + size) to the
 * point of coherency, then the instruction caches: CPUs enter the image
 * with their MMU off, reading memory, not caches (Linux's helpers for
 * this are not exported to modules).
 */
void warden_arch_flush(void *addr, size_t size)
{
	unsigned long line = 4 << ((read_cpuid_cachetype() >> 16) & 0xf);
	unsigned long p = (unsigned long)addr & ~(line - 1);
	unsigned long end = (unsigned long)addr + size;

	for (; p < end; p += line)
		asm volatile("dc civac, %0" : : "r"(p) : "memory");
	asm volatile("dsb ish\n\tic ialluis\n\tdsb ish\n\tisb" : : : "memory");
}

/* Linux's RAM starts below the hypervisor memory: mem= keeps it there. */
void warden_arch_mem_param(char *buf, size_t len, u64 phys, u64 size,
			   u64 lowest_ram)
{
	if (lowest_ram < phys)
		snprintf(buf, len, "mem=%lluM to keep Linux below it",
			 (phys - lowest_ram) >> 20);
	else
		snprintf(buf, len, "mem= or memmap= to keep Linux out of it");
}
