// SPDX-License-Identifier: GPL-2.0
/*
 * x86 glue of the Linux driver: how the driver hands CPUs to the
 * hypervisor on AMD SVM (Documentation/x86.md).
 *
 * Linux maps the hypervisor memory only non-executable (memremap), and the
 * kernel functions that would map it executable are not exported.  So the
 * driver builds small page tables of its own (the "entry tables"): the
 * hypervisor memory and the handover blocks 1:1, and the trampoline below
 * at the address it has in Linux.  The trampoline, in the module's own
 * text, records the CPU's state in its handover block, switches CR3 to the
 * entry tables and jumps to the hypervisor; the way back is the same in
 * reverse.
 */
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/objtool.h>
#include <linux/smp.h>
#include <linux/vmalloc.h>
#include <asm/apicdef.h>
#include <asm/cpufeature.h>
#include <asm/linkage.h>
#include <asm/msr.h>
#include <asm/nospec-branch.h>
#include <asm/processor.h>
#include <warden/arch/x86.h>
#include <warden/hypercall.h>
#include "../warden.h"

const char warden_arch_name[] = "x86";
const u32 warden_arch_number = WARDEN_ARCH_X86;

#define HANDOVER_CPUS	64
#define ENTRY_TABLES	16
#define PTE_P		0x1ULL
#define PTE_RW		0x2ULL
#define PTE_PS		0x80ULL
#define PTE_ADDR	0x000ffffffffff000ULL
#define MSR_VM_CR	0xc0010114
#define VM_CR_SVMDIS	(1ULL << 4)

static struct x86_handover handover[HANDOVER_CPUS];
static u64 entry_tables[ENTRY_TABLES][512] __aligned(PAGE_SIZE);
static unsigned int tables_used;

long warden_x86_enter(struct x86_handover *h, u64 entry);
extern char warden_x86_leave[], warden_x86_tramp_start[],
	warden_x86_tramp_end[];

#define S(x) #x
#define XS(x) S(x)
#define HO(f) XS(HO_##f)

/* Access rights of segment register i (0 = cs ... 3 = es), 0 if null. */
#define LAR(i) \
	"	movzwl " XS(HO_SEL) "+2*" #i "(%rdi), %eax\n" \
	"	lar %eax, %eax\n" \
	"	jz 3" #i "f\n" \
	"	xor %eax, %eax\n" \
	"3" #i ":	mov %eax, " XS(HO_AR) "+4*" #i "(%rdi)\n"

asm(
"	.pushsection .text\n"
"	.balign 64\n"
"warden_x86_tramp_start:\n"
/*
 * long warden_x86_enter(h, entry): interrupts are off.  Comes back at 1:
 * as the root cell's guest (rax = 0) or unchanged (rax = -errno).
 */
"	.globl warden_x86_enter\n"
"	.type warden_x86_enter, @function\n"
"warden_x86_enter:\n"
"	push %rbx\n	push %rbp\n	push %r12\n	push %r13\n"
"	push %r14\n	push %r15\n	pushfq\n"
"	mov %rsp, " HO(RSP) "(%rdi)\n"
"	lea 1f(%rip), %rax\n	mov %rax, " HO(RIP) "(%rdi)\n"
"	mov (%rsp), %rax\n	mov %rax, " HO(RFLAGS) "(%rdi)\n"
"	mov %cr3, %rax\n	mov %rax, " HO(CR3) "(%rdi)\n"
"	sgdt " HO(GDT) "(%rdi)\n	sidt " HO(IDT) "(%rdi)\n"
"	mov %cs, " HO(SEL) "(%rdi)\n	mov %ss, " HO(SEL) "+2(%rdi)\n"
"	mov %ds, " HO(SEL) "+4(%rdi)\n	mov %es, " HO(SEL) "+6(%rdi)\n"
LAR(0) LAR(1) LAR(2) LAR(3)
/* From here on the global interrupt flag keeps even NMIs out. */
"	mov $0xc0000080, %ecx\n	rdmsr\n	bts $12, %eax\n	wrmsr\n"
"	clgi\n"
"	mov " HO(BOOT_CR3) "(%rdi), %rax\n"
"	mov " HO(PHYS) "(%rdi), %rdi\n"
"	mov %rax, %cr3\n"
ANNOTATE_RETPOLINE_SAFE
"	jmp *%rsi\n"
"	int3\n"
"1:	popfq\n	pop %r15\n	pop %r14\n	pop %r13\n	pop %r12\n"
"	pop %rbp\n	pop %rbx\n"
ASM_RET
"	.size warden_x86_enter, . - warden_x86_enter\n"
/*
 * From the hypervisor, on the entry tables: rdi = the handover block (at
 * Linux's address), rsi = Linux's CR3.  Load everything the block says
 * and go on where it says, with SVM off.
 */
"	.globl warden_x86_leave\n"
"	.type warden_x86_leave, @function\n"
"warden_x86_leave:\n"
"	mov %rsi, %cr3\n"
"	lgdt " HO(GDT) "(%rdi)\n	lidt " HO(IDT) "(%rdi)\n"
"	mov " HO(SEL) "+2(%rdi), %ss\n	mov " HO(SEL) "+4(%rdi), %ds\n"
"	mov " HO(SEL) "+6(%rdi), %es\n"
"	mov " HO(RSP) "(%rdi), %rsp\n"
"	stgi\n"
"	mov $0xc0000080, %ecx\n	rdmsr\n	btr $12, %eax\n	wrmsr\n"
"	movzwl " HO(SEL) "(%rdi), %eax\n	push %rax\n	push " HO(RIP) "(%rdi)\n"
"	push " HO(RFLAGS) "(%rdi)\n	popfq\n"
"	mov 0(%rdi), %rax\n	mov 8(%rdi), %rcx\n	mov 16(%rdi), %rdx\n"
"	mov 24(%rdi), %rbx\n	mov 40(%rdi), %rbp\n	mov 48(%rdi), %rsi\n"
"	mov 64(%rdi), %r8\n	mov 72(%rdi), %r9\n	mov 80(%rdi), %r10\n"
"	mov 88(%rdi), %r11\n	mov 96(%rdi), %r12\n	mov 104(%rdi), %r13\n"
"	mov 112(%rdi), %r14\n	mov 120(%rdi), %r15\n	mov 56(%rdi), %rdi\n"
"	lretq\n"
"	int3\n"
"	.size warden_x86_leave, . - warden_x86_leave\n"
"warden_x86_tramp_end:\n"
"	.popsection\n");

/* They switch page tables and stacks: not for objtool's stack checks. */
void warden_x86_leave_fn(void) __asm__("warden_x86_leave");
STACK_FRAME_NON_STANDARD(warden_x86_enter);
STACK_FRAME_NON_STANDARD(warden_x86_leave_fn);

/* Physical address of module memory (not in the direct map). */
static u64 module_phys(const void *p)
{
	return page_to_phys(vmalloc_to_page(p)) + offset_in_page(p);
}

static u64 *table_at(u64 pte)
{
	unsigned int i;

	for (i = 0; i < tables_used; i++)
		if (module_phys(entry_tables[i]) == (pte & PTE_ADDR))
			return entry_tables[i];
	return NULL;
}

/* Map one 4 KiB or (large) 2 MiB page into the entry tables. */
static int entry_map(u64 va, u64 pa, bool large)
{
	unsigned int level, last = large ? 2 : 3;
	u64 *t = entry_tables[0], *pte;

	for (level = 0; level < last; level++) {
		pte = &t[(va >> (39 - 9 * level)) & 511];
		if (!(*pte & PTE_P)) {
			if (tables_used == ENTRY_TABLES)
				return -ENOMEM;
			memset(entry_tables[tables_used], 0, PAGE_SIZE);
			*pte = module_phys(entry_tables[tables_used++]) |
			       PTE_P | PTE_RW;
		} else if (*pte & PTE_PS) {
			return -EINVAL;
		}
		t = table_at(*pte);
	}
	t[(va >> (39 - 9 * last)) & 511] = pa | PTE_P | PTE_RW |
					   (large ? PTE_PS : 0);
	return 0;
}

static int build_entry_tables(const struct warden_system *sys)
{
	u64 p, va;
	int err = 0;

	memset(entry_tables[0], 0, PAGE_SIZE);
	tables_used = 1;
	for (p = 0; !err && p < sys->hypervisor_size; p += PMD_SIZE)
		err = entry_map(sys->hypervisor_phys + p,
				sys->hypervisor_phys + p, true);
	for (p = 0; !err && p < sizeof(handover); p += PAGE_SIZE)
		err = entry_map(module_phys((u8 *)handover + p),
				module_phys((u8 *)handover + p), false);
	va = (unsigned long)warden_x86_tramp_start & PAGE_MASK;
	for (; !err && va < (unsigned long)warden_x86_tramp_end; va += PAGE_SIZE)
		err = entry_map(va, module_phys((void *)va), false);
	return err;
}

struct cpu_probe {
	bool svme;		/* EFER.SVME already set: someone uses SVM */
	bool x2apic;
};

static void probe_cpu(void *arg)
{
	struct cpu_probe *p = arg;
	u64 v;

	rdmsrl(MSR_EFER, v);
	p->svme = v & EFER_SVME;
	rdmsrl(MSR_IA32_APICBASE, v);
	p->x2apic = v & X2APIC_ENABLE;
}

/*
 * Refuse, before any resource is taken, what this backend cannot run on:
 * another vendor, no SVM or no nested paging, SVM locked off by the
 * firmware, SVM already in use (KVM), an x2APIC, a configuration whose
 * hypervisor memory the entry tables cannot map.
 */
int warden_arch_check(struct warden_file *wf, const struct warden_system *sys)
{
	const struct warden_cell *root = warden_system_root_cell(sys);
	struct cpu_probe p;
	u64 vm_cr;
	int cpu;

	if (boot_cpu_data.x86_vendor == X86_VENDOR_INTEL)
		return warden_error(wf, -EOPNOTSUPP,
			"this is an Intel CPU (%s): warden needs AMD SVM, the VMX backend is not there yet",
			boot_cpu_data.x86_vendor_id);
	if (boot_cpu_data.x86_vendor != X86_VENDOR_AMD &&
	    boot_cpu_data.x86_vendor != X86_VENDOR_HYGON)
		return warden_error(wf, -EOPNOTSUPP,
			"CPU vendor %s is not supported: warden needs AMD SVM",
			boot_cpu_data.x86_vendor_id);
	if (!boot_cpu_has(X86_FEATURE_SVM))
		return warden_error(wf, -ENODEV,
			"the CPU has no SVM (AMD-V) (QEMU: -cpu qemu64,+svm,+npt)");
	if (!rdmsrl_safe(MSR_VM_CR, &vm_cr) && (vm_cr & VM_CR_SVMDIS))
		return warden_error(wf, -ENODEV,
			"SVM is disabled by the firmware (VM_CR.SVMDIS is set): enable SVM/AMD-V in the firmware setup");
	if (!boot_cpu_has(X86_FEATURE_NPT))
		return warden_error(wf, -ENODEV,
			"the CPU has no nested paging (NPT), which warden needs (QEMU: -cpu qemu64,+svm,+npt)");
	if (fls64(root->cpu_set) > HANDOVER_CPUS)
		return warden_error(wf, -EINVAL,
			"the root cell has CPUs above %d, the most this driver supports",
			HANDOVER_CPUS - 1);
	for_each_online_cpu(cpu) {
		smp_call_function_single(cpu, probe_cpu, &p, 1);
		if (p.svme)
			return warden_error(wf, -EBUSY,
				"SVM is in use on CPU %d (EFER.SVME is set): unload kvm_amd first",
				cpu);
		if (p.x2apic)
			return warden_error(wf, -EOPNOTSUPP,
				"Linux runs the local APIC of CPU %d in x2APIC mode, which warden does not handle yet: boot with nox2apic",
				cpu);
	}
	if (!IS_ALIGNED(sys->hypervisor_phys | sys->hypervisor_size, PMD_SIZE))
		return warden_error(wf, -EINVAL,
			"the hypervisor memory 0x%llx, %llu KiB, must be 2 MiB aligned on x86",
			sys->hypervisor_phys, sys->hypervisor_size >> 10);
	if (build_entry_tables(sys))
		return warden_error(wf, -ENOMEM,
			"the entry page tables do not fit in %d pages",
			ENTRY_TABLES);
	return 0;
}

/* The kernel parameter that keeps Linux out of the hypervisor memory. */
void warden_arch_mem_param(char *buf, size_t len, u64 phys, u64 size,
			   u64 lowest_ram)
{
	snprintf(buf, len, "memmap=%lluM$0x%llx to keep Linux out of it",
		 size >> 20, phys);
}

static bool under_warden(void)
{
	unsigned int eax = WARDEN_CPUID_LEAF, ebx = 0, ecx = 0, edx = 0;

	native_cpuid(&eax, &ebx, &ecx, &edx);
	return ebx == WARDEN_CPUID_SIG_EBX;
}

/*
 * On the CPU itself, interrupts off.  The hypervisor must answer its
 * CPUID leaf afterwards: that is how we know the CPU really is a guest.
 */
int warden_arch_enter(phys_addr_t entry, unsigned int cpu, bool first)
{
	struct x86_handover *h = &handover[cpu];
	long ret;

	memset(h, 0, sizeof(*h));
	h->boot_cr3 = module_phys(entry_tables[0]);
	h->leave = (unsigned long)warden_x86_leave;
	h->self = (unsigned long)h;
	h->phys = module_phys(h);
	h->cpu = cpu;
	h->first = first;
	ret = warden_x86_enter(h, entry);
	if (!ret && !under_warden())
		pr_err("warden: CPU %u does not see the hypervisor's CPUID leaf\n",
		       cpu);
	return ret;
}

long warden_arch_hypercall(unsigned long code, unsigned long arg1,
			   unsigned long arg2)
{
	return warden_hypercall(code, arg1, arg2);
}

/*
 * WARDEN_HC_DISABLE: the hypervisor hands the CPU back with every
 * register as it was at the vmmcall, rax = 0.
 */
long warden_arch_disable_cpu(void)
{
	return warden_hypercall(WARDEN_HC_DISABLE, 0, 0);
}

/*
 * The driver writes the hypervisor memory through an uncached mapping;
 * the hypervisor reads it cached.  Drop every line an earlier run left in
 * the caches, so that none is written back over the new contents.
 */
void warden_arch_flush(void *addr, size_t size)
{
	unsigned long p = (unsigned long)addr & ~63UL;

	for (; p < (unsigned long)addr + size; p += 64)
		asm volatile("clflush (%0)" : : "r"(p) : "memory");
	asm volatile("mfence" : : : "memory");
}
