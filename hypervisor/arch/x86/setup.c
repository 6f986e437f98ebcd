// SPDX-License-Identifier: GPL-2.0
/*
 * x86 (AMD SVM): taking a CPU over from Linux, the host's own GDT and IDT,
 * the root cell's VMCB, and giving a CPU back (Documentation/x86.md).
 */
#include <warden/arch.h>
#include <warden/sections.h>
#include <warden/printk.h>
#include "msrpm.h"
#include "x86.h"

_Static_assert(ARCH_NUMBER == WARDEN_ARCH_X86, "arch number");
_Static_assert(HEADER_NUM_CPUS == __builtin_offsetof(struct warden_header,
						      num_cpus), "header");

#define GDT_CS		0x08
#define GDT_DS		0x10
#define WINDOWS		0x8000000000ULL	/* per-CPU pages for cell memory */


/* Flat 64-bit code and data: all the host needs. */
static const u64 gdt[3] = { 0, 0x00af9b000000ffffULL, 0x00cf93000000ffffULL };
static u64 idt[32 * 2];

struct desc_ptr {
	u16 limit;
	u64 base;
} __attribute__((packed));

void arch_cpu_relax(void)
{
	asm volatile("pause" : : : "memory");
}

static void load_host_tables(void)
{
	struct desc_ptr g = { sizeof(gdt) - 1, (unsigned long)gdt };
	struct desc_ptr i = { sizeof(idt) - 1, (unsigned long)idt };
	unsigned long tmp;

	asm volatile("lgdt %1\n\t"
		     "pushq %2\n\t"
		     "lea 1f(%%rip), %0\n\t"
		     "pushq %0\n\t"
		     "lretq\n"
		     "1:\tmov %3, %k0\n\t"
		     "mov %k0, %%ss\n\t"
		     "mov %k0, %%ds\n\t"
		     "mov %k0, %%es\n\t"
		     "lidt %4"
		     : "=&r"(tmp) : "m"(g), "i"(GDT_CS), "i"(GDT_DS), "m"(i)
		     : "memory");
}

/* Interrupt gates to the stubs in entry.S; addresses known at run time. */
static void idt_init(void)
{
	unsigned int v;
	u64 a;

	for (v = 0; v < 32; v++) {
		a = (unsigned long)exception_stubs + 16 * v;
		idt[2 * v] = (a & 0xffff) | ((u64)GDT_CS << 16) |
			     (0x8eULL << 40) | ((a >> 16 & 0xffff) << 48);
		idt[2 * v + 1] = a >> 32;
	}
}

struct exception_frame {
	u64 regs[15];
	u64 vector, error, rip, cs, rflags, rsp, ss;
};

void __attribute__((noreturn)) park_forever(void)
{
	for (;;)
		asm volatile("cli; hlt");
}

/*
 * An exception in the hypervisor.  A #GP on a guarded MSR access is the
 * one expected kind: it resumes at the fixup.  Anything else is a bug.
 */
void host_exception(struct exception_frame *f)
{
	u64 cr2;

	if (f->vector == 13 && (f->rip == (unsigned long)msr_insn_rd ||
				f->rip == (unsigned long)msr_insn_wr)) {
		f->rip = (unsigned long)msr_fixup;
		return;
	}
	asm volatile("mov %%cr2, %0" : "=r"(cr2));
	printk("warden: CPU %u: exception %llu (error 0x%llx) in the "
	       "hypervisor at 0x%llx, cr2 0x%llx: CPU stopped\n",
	       this_cpu()->cpu, f->vector, f->error, f->rip, cr2);
	park_forever();
}

int arch_map_devices(struct paging *hv)
{
	u64 lapic = system_config->platform.x86.lapic_base;

	return paging_map(hv, lapic, lapic, PAGE_SIZE,
			  MAP_READ | MAP_WRITE | MAP_DEVICE);
}

/* Nothing global: the driver checked SVM and NPT on every CPU. */
int arch_init(void)
{
	return 0;
}

/* Set bits for port range [base, base + size) in an I/O permission map. */
static void iopm_set(u8 *map, u32 base, u32 size, bool trap)
{
	u32 p;

	for (p = base; p < base + size && p < WARDEN_PIO_LIMIT; p++)
		if (trap)
			map[p / 8] |= 1 << (p % 8);
		else
			map[p / 8] &= ~(1 << (p % 8));
}

int arch_cell_init(struct cell *cell)
{
	const struct warden_pio_range *pio = warden_cell_pio_ranges(cell->config);
	struct arch_cell *a = &cell->arch;
	unsigned int n;

	if (cell != &root_cell) {
		printk("warden: cell \"%s\": cells other than the root cell "
		       "are not supported on x86 yet\n", cell_name(cell));
		return -EOPNOTSUPP;
	}
	a->iopm = page_alloc(&mem_pool, 3);
	a->msrpm = page_alloc(&mem_pool, 2);
	if (!a->iopm || !a->msrpm)
		return -ENOMEM;
	/* Ports: only what the configuration gives the cell. */
	memset(a->iopm, 0xff, 3 * PAGE_SIZE);
	for (n = 0; n < cell->config->pio_ranges.count; n++)
		iopm_set(a->iopm, pio[n].base, pio[n].size, false);
	/*
	 * MSRs: every access exits but the short list in msrpm.h; exits.c
	 * decides on the rest, from an allow-list of its own.
	 */
	msrpm_build(a->msrpm);
	return apic_cell_init(cell);
}

/*
 * The VMCB of a CPU the driver hands over: the guest is Linux exactly as
 * the trampoline left it, returning from it with rax = 0.
 */
static void vmcb_init(struct per_cpu *pc)
{
	const struct x86_handover *l = &pc->arch.linux_state;
	struct vmcb *v = pc->arch.vmcb;
	struct vmcb_seg *seg[4] = { &v->cs, &v->ss, &v->ds, &v->es };
	struct cell *cell = pc->cell;
	unsigned int n;

	/*
	 * INIT: a real INIT (an IOAPIC entry or an MSI can send one; the
	 * cell's IPIs are emulated in apic.c) would reset the CPU from under
	 * the hypervisor.  INVD would throw away dirty lines of the
	 * hypervisor's memory too: it becomes WBINVD.  INVLPGA and the other
	 * SVM instructions are the hypervisor's (#UD, as without SVM).
	 * WBINVD is done as it is; it exits because QEMU (7.2) checks the
	 * WBINVD intercept for INVD: without it, INVD would not exit there.
	 */
	v->intercept1 = INTERCEPT_INIT | INTERCEPT_CPUID | INTERCEPT_INVD |
			INTERCEPT_INVLPGA | INTERCEPT_IOIO | INTERCEPT_MSR |
			INTERCEPT_SHUTDOWN;
	v->intercept2 = INTERCEPT_SVM_INSNS | INTERCEPT_WBINVD;
	v->iopm_pa = virt_to_phys(cell->arch.iopm);
	v->msrpm_pa = virt_to_phys(cell->arch.msrpm);
	v->asid = 1;
	v->tlb_control = 1;
	v->np_enable = 1;
	v->n_cr3 = virt_to_phys(cell->mem.root);

	for (n = 0; n < 4; n++) {
		seg[n]->sel = l->sel[n];
		/* lar: type..P in bits 8-15, AVL..G in 20-23 */
		seg[n]->attr = ((l->ar[n] >> 8) & 0xff) |
			       ((l->ar[n] >> 12) & 0xf00);
		seg[n]->limit = 0xffffffff;
	}
	v->gdtr.limit = l->gdt_limit;
	v->gdtr.base = l->gdt_base;
	v->idtr.limit = l->idt_limit;
	v->idtr.base = l->idt_base;
	v->cpl = 0;
	v->efer = rdmsr(MSR_EFER);
	asm volatile("mov %%cr0, %0" : "=r"(v->cr0));
	asm volatile("mov %%cr4, %0" : "=r"(v->cr4));
	v->cr3 = l->cr3;
	v->dr7 = 0x400;
	v->dr6 = 0xffff0ff0;
	v->rflags = l->rflags;
	v->rip = l->rip;
	v->rsp = l->regs[REG_RSP];
	v->rax = 0;
	v->g_pat = rdmsr(MSR_PAT);
}

int arch_cpu_init(struct per_cpu *pc)
{
	struct arch_per_cpu *a = &pc->arch;
	int err;

	a->vmcb = page_alloc(&mem_pool, 1);
	a->host_save = page_alloc(&mem_pool, 1);
	if (!a->vmcb || !a->host_save)
		return -ENOMEM;
	/* A page of its own to read the cell's memory through (exits.c). */
	a->window = WINDOWS + (u64)pc->cpu * PAGE_SIZE;
	err = paging_map(&hv_paging, a->window, 0, PAGE_SIZE, MAP_READ);
	if (err)
		return err;
	vmcb_init(pc);
	apic_cpu_init(pc);
	memset(a->regs, 0, sizeof(a->regs));
	a->regs[16] = virt_to_phys(a->vmcb);
	wrmsr(MSR_VM_HSAVE_PA, virt_to_phys(a->host_save));
	return 0;
}

/*
 * A CPU its cell started with INIT and SIPI (apic.c): the state of an x86
 * CPU after INIT, in real mode at vector:0000.
 */
void start_cpu(struct per_cpu *pc, unsigned int vector)
{
	struct vmcb *v = pc->arch.vmcb;
	struct vmcb_seg *data[3] = { &v->ss, &v->ds, &v->es };
	unsigned int n;

	v->cs = (struct vmcb_seg){ vector << 8, 0x9b, 0xffff,
				   (u64)vector << 12 };
	for (n = 0; n < 3; n++)
		*data[n] = (struct vmcb_seg){ 0, 0x93, 0xffff, 0 };
	v->gdtr = (struct vmcb_seg){ 0, 0, 0xffff, 0 };
	v->idtr = v->gdtr;
	v->cpl = 0;
	/* SVM wants EFER.SVME set in the guest, too (see handle_exit()). */
	v->efer = EFER_SVME;
	v->cr0 = 0x60000010;
	v->cr3 = 0;
	v->cr4 = 0;
	v->dr7 = 0x400;
	v->dr6 = 0xffff0ff0;
	v->rflags = 2;
	v->rip = 0;
	v->rsp = 0;
	v->rax = 0;
	v->g_pat = 0x0007040600070406ULL;
	v->tlb_control = 1;
	v->eventinj = 0;
	memset(pc->arch.regs, 0, 16 * sizeof(u64));
}

void inject_exception(struct vmcb *vmcb, unsigned int vector, bool errcode)
{
	vmcb->eventinj = EVENT_VALID | EVENT_EXCEPTION | vector |
			 (errcode ? EVENT_ERRCODE : 0);
}

/*
 * Give the CPU back to Linux in the guest's current state: registers,
 * control registers, descriptor tables and segments as the guest had
 * them; SVM goes off in the trampoline.
 */
void __attribute__((noreturn)) cpu_exit_to_linux(struct per_cpu *pc)
{
	struct x86_handover *l = &pc->arch.linux_state;
	struct vmcb *v = pc->arch.vmcb;

	memcpy(l->regs, pc->arch.regs, sizeof(l->regs));
	l->regs[REG_RAX] = v->rax;
	l->regs[REG_RSP] = v->rsp;
	l->rip = v->rip;
	l->rflags = v->rflags;
	l->cr3 = v->cr3;
	l->gdt_limit = v->gdtr.limit;
	l->gdt_base = v->gdtr.base;
	l->idt_limit = v->idtr.limit;
	l->idt_base = v->idtr.base;
	l->sel[0] = v->cs.sel;
	l->sel[1] = v->ss.sel;
	l->sel[2] = v->ds.sel;
	l->sel[3] = v->es.sel;
	wrmsr(MSR_VM_HSAVE_PA, 0);
	wrmsr(MSR_EFER, v->efer | EFER_SVME);
	/* The cell's PAT lived in G_PAT (exits.c checked every write). */
	wrmsr(MSR_PAT, v->g_pat);
	asm volatile("mov %0, %%cr0" : : "r"(v->cr0) : "memory");
	asm volatile("mov %0, %%cr4" : : "r"(v->cr4) : "memory");
	asm volatile("mov %0, %%dr7" : : "r"(v->dr7));
	return_to_linux(l);
}

/* A CPU that could not be taken over goes back as it came, with err. */
static void __attribute__((noreturn)) give_back(struct per_cpu *pc, int err)
{
	struct x86_handover *l = &pc->arch.linux_state;
	u64 rsp = l->regs[REG_RSP];

	wrmsr(MSR_VM_HSAVE_PA, 0);
	memset(l->regs, 0, sizeof(l->regs));
	l->regs[REG_RAX] = (u64)(long)err;
	l->regs[REG_RSP] = rsp;
	return_to_linux(l);
}

/*
 * From arch_entry, on the CPU's own stack, still on the driver's entry
 * tables: keep the handover block, load the host's tables, build the
 * hypervisor's address space on the first CPU, switch to it and let the
 * core take the CPU.  Success ends in the guest loop.
 */
void __attribute__((noreturn)) x86_entry(const struct x86_handover *ho)
{
	struct per_cpu *pc = this_cpu();
	bool first = ho->first;
	int err;

	memcpy(&pc->arch.linux_state, ho, sizeof(*ho));
	pc->cpu = ho->cpu;
	if (first)
		idt_init();
	load_host_tables();
	if (first) {
		err = early_init();
		if (err)
			give_back(pc, err);
	}
	asm volatile("mov %0, %%cr3"
		     : : "r"(virt_to_phys(hv_paging.root)) : "memory");
	err = core_entry(pc, first);
	if (err)
		give_back(pc, err);
	vm_loop(pc->arch.regs);
}

/*
 * The hypervisor's mappings are not global: reloading CR3 drops them.
 * Only the calling CPU used what was unmapped (cell.c's temporary map).
 */
void arch_flush_hv_tlb(void)
{
	unsigned long cr3;

	asm volatile("mov %%cr3, %0; mov %0, %%cr3" : "=r"(cr3) : : "memory");
}

/*
 * Cells other than the root: not yet on this architecture, and
 * arch_cell_init() refuses them, so the core never gets further.
 */
void arch_cell_exit(struct cell *cell)
{
}

void arch_cell_flush(struct cell *cell)
{
}

int arch_cpu_start(struct per_cpu *pc, u64 entry)
{
	return -EOPNOTSUPP;
}

int arch_cpu_park(struct per_cpu *pc, bool wait)
{
	return 0;
}

/* Memory is coherent with every reader on x86. */
void arch_dcache_flush(void *va, unsigned long size)
{
}

/* Rate limits only: the TSC at an assumed 1 GHz is close enough. */
u64 arch_time_ms(void)
{
	u32 lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32 | lo) / 1000000;
}

/* Never called: ARCH_BREAK_BEFORE_MAKE is 0 (NPT changes live, flushed). */
void arch_cpu_kick(struct per_cpu *pc)
{
}
