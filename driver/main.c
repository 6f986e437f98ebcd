// SPDX-License-Identifier: GPL-2.0
/*
 * warden driver: /dev/warden, through which the `warden` CLI enables and
 * disables the hypervisor, manages cells (cell.c) and reads the console.
 *
 * Every request is checked here before it reaches the hypervisor, and every
 * refusal is explained: in dmesg and to the caller (WARDEN_GET_ERROR).  A
 * refused or failed enable leaves Linux as it was.
 */
#include <linux/capability.h>
#include <linux/cpu.h>
#include <linux/firmware.h>
#include <linux/fs.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <warden/config-check.h>
#include <warden/hypercall.h>
#include "warden.h"

#define WARDEN_FIRMWARE		"warden.bin"
#define CONFIG_MAX_SIZE		WARDEN_CONFIG_MAX_SIZE
/* Pages the hypervisor needs beyond its image and per-CPU areas, at least. */
#define MIN_POOL_PAGES		64

DEFINE_MUTEX(warden_lock);
bool warden_enabled;
const struct warden_system *warden_system;

/*
 * The hypervisor memory, reserved in /proc/iomem from enable until the
 * next enable or the driver's removal, so that its console can be read
 * after a disable.
 */
static struct resource *hv_res;
static struct warden_console_ring *console;
static u64 console_size;

int warden_error(struct warden_file *wf, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(wf->error, sizeof(wf->error), fmt, ap);
	va_end(ap);
	pr_err("warden: %s\n", wf->error);
	return err;
}

static void release_memory(void)
{
	if (console)
		memunmap(console);
	console = NULL;
	if (hv_res)
		release_mem_region(hv_res->start, resource_size(hv_res));
	hv_res = NULL;
	vfree(warden_system);
	warden_system = NULL;
}

/* Copy a configuration image from user space; the caller vfree()s it. */
void *warden_copy_config(struct warden_file *wf, void __user *arg, u64 *size)
{
	struct warden_config_buf cb;
	void *image;

	if (copy_from_user(&cb, arg, sizeof(cb)))
		return ERR_PTR(-EFAULT);
	if (cb.size == 0 || cb.size > CONFIG_MAX_SIZE)
		return ERR_PTR(warden_error(wf, -EINVAL,
			"configuration of %llu bytes: must be 1 to %d bytes",
			cb.size, CONFIG_MAX_SIZE));
	image = vmalloc(cb.size);
	if (!image)
		return ERR_PTR(-ENOMEM);
	if (copy_from_user(image, u64_to_user_ptr(cb.addr), cb.size)) {
		vfree(image);
		return ERR_PTR(-EFAULT);
	}
	*size = cb.size;
	return image;
}

/* The hypervisor image must be ours and built for this architecture. */
static int check_firmware(struct warden_file *wf, const struct firmware *fw)
{
	const struct warden_header *hdr = (const void *)fw->data;

	if (fw->size < sizeof(*hdr) ||
	    memcmp(hdr->magic, WARDEN_HEADER_MAGIC, sizeof(hdr->magic)))
		return warden_error(wf, -ENOEXEC,
			"/lib/firmware/%s is not a warden hypervisor image",
			WARDEN_FIRMWARE);
	if (hdr->version != WARDEN_HEADER_VERSION)
		return warden_error(wf, -ENOEXEC,
			"/lib/firmware/%s has header version %u, this driver needs %u: install matching driver and image",
			WARDEN_FIRMWARE, hdr->version, WARDEN_HEADER_VERSION);
	if (hdr->arch != warden_arch_number)
		return warden_error(wf, -ENOEXEC,
			"/lib/firmware/%s was built for another architecture (%u), this is %s",
			WARDEN_FIRMWARE, hdr->arch, warden_arch_name);
	if (hdr->image_size < fw->size || hdr->entry >= fw->size ||
	    !PAGE_ALIGNED(hdr->image_size) ||
	    hdr->console_offset + hdr->console_size > hdr->image_size)
		return warden_error(wf, -ENOEXEC,
			"/lib/firmware/%s: inconsistent image header",
			WARDEN_FIRMWARE);
	return 0;
}

/*
 * The root cell is Linux as it runs: all of its CPUs must be online (the
 * hypervisor takes them over one by one) and no other CPU may be.
 */
static int check_cpus(struct warden_file *wf, const struct warden_cell *root)
{
	unsigned int cpu;

	for (cpu = 0; cpu < WARDEN_MAX_CPUS; cpu++) {
		bool in_root = root->cpu_set & BIT_ULL(cpu);

		if (in_root && !cpu_present(cpu))
			return warden_error(wf, -ENODEV,
				"CPU %u of the root cell does not exist here: the configuration is for another machine",
				cpu);
		if (in_root && !cpu_online(cpu))
			return warden_error(wf, -EBUSY,
				"CPU %u of the root cell is offline: bring it online (echo 1 > /sys/devices/system/cpu/cpu%u/online) before enabling",
				cpu, cpu);
		if (!in_root && cpu_online(cpu))
			return warden_error(wf, -EINVAL,
				"CPU %u is online but not in the root cell of the configuration",
				cpu);
	}
	return 0;
}

struct ram_check {
	const struct warden_cell *root;
	u64 lowest;
	struct resource *uncovered;
};

/* Is this range of System RAM inside one of the root cell's regions? */
static int check_ram_range(struct resource *res, void *arg)
{
	struct ram_check *rc = arg;
	const struct warden_memory_region *r = warden_cell_regions(rc->root);
	u32 n;

	rc->lowest = min_t(u64, rc->lowest, res->start);
	for (n = 0; n < rc->root->memory_regions.count; n++)
		if (res->start >= r[n].phys_start &&
		    res->end < r[n].phys_start + r[n].size &&
		    (r[n].flags & WARDEN_MEM_WRITE))
			return 0;
	if (!rc->uncovered)
		rc->uncovered = res;
	return 0;
}

/*
 * The hypervisor memory must be RAM that Linux does not use, and all the
 * RAM Linux uses must stay the root cell's, or Linux would fault on it.
 */
static int reserve_memory(struct warden_file *wf,
			  const struct warden_system *sys)
{
	struct ram_check rc = { warden_system_root_cell(sys), U64_MAX, NULL };
	u64 phys = sys->hypervisor_phys, size = sys->hypervisor_size;

	walk_iomem_res_desc(IORES_DESC_NONE,
			    IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY, 0,
			    U64_MAX, &rc, check_ram_range);
	if (region_intersects(phys, size, IORESOURCE_SYSTEM_RAM,
			      IORES_DESC_NONE) != REGION_DISJOINT) {
		char param[64];

		warden_arch_mem_param(param, sizeof(param), phys, size,
				      rc.lowest);
		return warden_error(wf, -EBUSY,
			"the hypervisor memory 0x%llx-0x%llx is System RAM that Linux uses: boot with %s",
			phys, phys + size - 1, param);
	}
	if (rc.uncovered)
		return warden_error(wf, -EINVAL,
			"System RAM %pR is not a writable region of the root cell: Linux would lose it",
			rc.uncovered);
	release_memory();
	hv_res = request_mem_region(phys, size, "warden hypervisor");
	if (!hv_res)
		return warden_error(wf, -EBUSY,
			"the hypervisor memory 0x%llx-0x%llx is in use by another driver",
			phys, phys + size - 1);
	return 0;
}

/*
 * Copy image and configuration into the hypervisor memory.  It is mapped
 * uncached here, and every line the caches hold of it (from an earlier
 * run) is dropped first: the CPUs read it with their MMU off, and nothing
 * may later be written back over what they write then.
 */
static int load_hypervisor(struct warden_file *wf, const struct firmware *fw,
			   const struct warden_system *sys, u64 config_size,
			   u32 num_cpus)
{
	const struct warden_header *fw_hdr = (const void *)fw->data;
	u64 fixed = fw_hdr->image_size + (u64)num_cpus * fw_hdr->percpu_size;
	struct warden_header *hdr;
	void *mem;

	if (fixed + PAGE_ALIGN(config_size) +
	    MIN_POOL_PAGES * PAGE_SIZE > sys->hypervisor_size)
		return warden_error(wf, -ENOMEM,
			"hypervisor memory of %llu KiB too small: the image, %u per-CPU areas and the configuration need %llu KiB, plus a pool",
			sys->hypervisor_size >> 10, num_cpus,
			(fixed + PAGE_ALIGN(config_size)) >> 10);
	mem = memremap(sys->hypervisor_phys, sys->hypervisor_size,
		       MEMREMAP_WC);
	if (!mem)
		return warden_error(wf, -ENOMEM,
			"cannot map the hypervisor memory at 0x%llx",
			sys->hypervisor_phys);
	warden_arch_flush(mem, sys->hypervisor_size);
	memcpy(mem, fw->data, fw->size);
	/* bss and the per-CPU areas start out zeroed. */
	memset(mem + fw->size, 0, fixed - fw->size);
	memcpy(mem + fixed, sys, config_size);
	hdr = mem;
	hdr->phys_base = sys->hypervisor_phys;
	hdr->config_size = config_size;
	hdr->num_cpus = num_cpus;
	warden_arch_flush(mem, fixed + config_size);
	memunmap(mem);
	return 0;
}

struct enter_arg {
	phys_addr_t entry;
	bool first;
	int result;
};

static void enter_one(void *arg)
{
	struct enter_arg *ea = arg;

	ea->result = warden_arch_enter(ea->entry, smp_processor_id(),
				       ea->first);
}

static void disable_one(void *arg)
{
	*(long *)arg = warden_arch_disable_cpu();
}

/* Give back the CPUs in done, after a failure: the last one ends it. */
static void leave_cpus(const struct cpumask *done)
{
	unsigned int cpu;
	long ret;

	for_each_cpu(cpu, done)
		smp_call_function_single(cpu, disable_one, &ret, 1);
}

/* The last line the hypervisor printed, to explain a failure. */
const char *warden_last_console_line(char *buf, size_t len)
{
	u64 written, pos, start;
	size_t n = 0;

	buf[0] = '\0';
	if (!console)
		return buf;
	written = smp_load_acquire(&console->written);
	if (!written || console->size == 0 ||
	    console->size > console_size - sizeof(*console))
		return buf;
	start = written > console->size ? written - console->size : 0;
	pos = written - 1;
	while (pos > start && console->data[pos % console->size] == '\n')
		pos--;
	while (pos > start && console->data[(pos - 1) % console->size] != '\n')
		pos--;
	for (; pos < written && n + 1 < len; pos++) {
		char c = console->data[pos % console->size];

		if (c != '\n')
			buf[n++] = c;
	}
	buf[n] = '\0';
	return buf;
}

static void map_console(const struct warden_header *hdr, u64 phys)
{
	console_size = hdr->console_size;
	console = memremap(phys + hdr->console_offset, console_size,
			   MEMREMAP_WB);
}

static int start_cpus(struct warden_file *wf, const struct firmware *fw,
		      const struct warden_system *sys)
{
	const struct warden_header *hdr = (const void *)fw->data;
	struct enter_arg ea = { sys->hypervisor_phys + hdr->entry, true, 0 };
	cpumask_var_t done;
	unsigned int cpu;
	char line[160];

	if (!zalloc_cpumask_var(&done, GFP_KERNEL))
		return -ENOMEM;
	for_each_online_cpu(cpu) {
		smp_call_function_single(cpu, enter_one, &ea, 1);
		if (ea.result)
			break;
		cpumask_set_cpu(cpu, done);
		ea.first = false;
	}
	if (ea.result) {
		leave_cpus(done);
		free_cpumask_var(done);
		map_console(hdr, sys->hypervisor_phys);
		return warden_error(wf, ea.result,
			"the hypervisor did not start on CPU %u (error %d): %s",
			cpu, ea.result,
			warden_last_console_line(line, sizeof(line)));
	}
	free_cpumask_var(done);
	map_console(hdr, sys->hypervisor_phys);
	return 0;
}

static int warden_enable(struct warden_file *wf, void __user *arg)
{
	const struct warden_system *sys;
	const struct firmware *fw = NULL;
	const char *why;
	void *config;
	u32 num_cpus;
	u64 size;
	int err;

	if (warden_enabled)
		return warden_error(wf, -EBUSY,
			"the hypervisor is already enabled: run 'warden disable' first");
	config = warden_copy_config(wf, arg, &size);
	if (IS_ERR(config))
		return PTR_ERR(config);
	sys = config;
	if (warden_config_check(config, size, WARDEN_SYSTEM_MAGIC,
				warden_arch_number, &why)) {
		err = warden_error(wf, -EINVAL,
				   "invalid system configuration: %s", why);
		goto out;
	}
	err = request_firmware(&fw, WARDEN_FIRMWARE, warden_root_dev);
	if (err) {
		err = warden_error(wf, err,
			"cannot load /lib/firmware/%s (error %d): is warden installed?",
			WARDEN_FIRMWARE, err);
		goto out;
	}
	err = check_firmware(wf, fw);
	if (err)
		goto out;

	/* No CPU may come or go until each has been handed over. */
	cpus_read_lock();
	err = warden_arch_check(wf, sys);
	if (!err)
		err = check_cpus(wf, warden_system_root_cell(sys));
	if (!err)
		err = reserve_memory(wf, sys);
	if (!err) {
		num_cpus = fls64(warden_system_root_cell(sys)->cpu_set);
		err = load_hypervisor(wf, fw, sys, size, num_cpus);
		if (!err)
			err = start_cpus(wf, fw, sys);
		/* Give back what this attempt reserved. */
		if (err)
			release_memory();
	}
	if (!err) {
		warden_system = config;
		config = NULL;
		warden_enabled = true;
		__module_get(THIS_MODULE);
		err = warden_sysfs_cells_create();
		if (err)
			pr_warn("warden: no cells/ in sysfs (%d)\n", err);
		err = 0;
		pr_info("warden: enabled, Linux is the root cell \"%s\"\n",
			warden_system_root_cell(sys)->name);
	}
	cpus_read_unlock();
out:
	release_firmware(fw);
	vfree(config);
	return err;
}

static int warden_not_enabled(struct warden_file *wf)
{
	return warden_error(wf, -ENODEV,
		"the hypervisor is not enabled: run 'warden enable SYSTEM.cell' first");
}

static int warden_disable(struct warden_file *wf)
{
	unsigned int cpu;
	long ret = 0;

	if (!warden_enabled)
		return warden_not_enabled(wf);
	/* Refused rather than guessing what may be stopped (cells.md). */
	if (!list_empty(&warden_cells))
		return warden_error(wf, -EBUSY,
			"%zu cell(s) still exist (first: \"%s\"): destroy them first with 'warden cell destroy NAME'",
			list_count_nodes(&warden_cells),
			list_first_entry(&warden_cells, struct warden_cell_entry,
					 list)->config->name);
	cpus_read_lock();
	for_each_online_cpu(cpu) {
		smp_call_function_single(cpu, disable_one, &ret, 1);
		if (ret)
			break;
	}
	cpus_read_unlock();
	/* Only the first CPU can refuse (other cells exist): nothing changed. */
	if (ret)
		return warden_error(wf, ret,
			"the hypervisor refused to be disabled (error %ld)", ret);
	warden_sysfs_cells_remove();
	warden_enabled = false;
	module_put(THIS_MODULE);
	pr_info("warden: disabled\n");
	return 0;
}

static long warden_info(struct warden_file *wf, void __user *uarg)
{
	struct warden_info info = {};

	if (!warden_enabled)
		return warden_not_enabled(wf);
	info.enabled = 1;
	info.num_cells = warden_arch_hypercall(WARDEN_HC_GET_INFO,
					       WARDEN_INFO_NUM_CELLS, 0);
	info.mem_pool_used = warden_arch_hypercall(WARDEN_HC_GET_INFO,
					WARDEN_INFO_MEM_POOL_USED, 0);
	info.mem_pool_total = warden_arch_hypercall(WARDEN_HC_GET_INFO,
					WARDEN_INFO_MEM_POOL_SIZE, 0);
	return copy_to_user(uarg, &info, sizeof(info)) ? -EFAULT : 0;
}

static long warden_cell_ioctl(struct warden_file *wf, unsigned int cmd,
			      void __user *uarg)
{
	switch (cmd) {
	case WARDEN_CELL_CREATE:
		return warden_cell_create(wf, uarg);
	case WARDEN_CELL_LOAD:
		return warden_cell_load(wf, uarg);
	case WARDEN_CELL_START:
		return warden_cell_start(wf, uarg);
	case WARDEN_CELL_SHUTDOWN:
		return warden_cell_shutdown(wf, uarg);
	default:
		return warden_cell_destroy(wf, uarg);
	}
}

static long warden_ioctl(struct file *file, unsigned int cmd,
			 unsigned long arg)
{
	struct warden_file *wf = file->private_data;
	void __user *uarg = (void __user *)arg;
	long err;

	/* Whatever mode the device node has: this is the machine's owner. */
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (cmd == WARDEN_GET_ERROR)
		return copy_to_user(uarg, wf->error, sizeof(wf->error)) ?
			-EFAULT : 0;
	wf->error[0] = '\0';

	mutex_lock(&warden_lock);
	switch (cmd) {
	case WARDEN_ENABLE:
		err = warden_enable(wf, uarg);
		break;
	case WARDEN_DISABLE:
		err = warden_disable(wf);
		break;
	case WARDEN_INFO:
		err = warden_info(wf, uarg);
		break;
	case WARDEN_CELL_CREATE:
	case WARDEN_CELL_LOAD:
	case WARDEN_CELL_START:
	case WARDEN_CELL_SHUTDOWN:
	case WARDEN_CELL_DESTROY:
		err = warden_enabled ? warden_cell_ioctl(wf, cmd, uarg) :
		      warden_not_enabled(wf);
		break;
	default:
		err = -ENOTTY;
	}
	mutex_unlock(&warden_lock);
	return err;
}

/*
 * read(): the hypervisor console, from the file position on, which counts
 * bytes since the hypervisor started.  What the ring no longer holds is
 * skipped; at the end of what is written, read() returns 0.
 */
static ssize_t warden_read(struct file *file, char __user *buf, size_t count,
			   loff_t *ppos)
{
	struct warden_file *wf = file->private_data;
	u64 written, pos = *ppos, size, off;
	size_t n, chunk;
	ssize_t ret;

	mutex_lock(&warden_lock);
	if (!console) {
		ret = warden_error(wf, -ENODATA,
			"no hypervisor console: the hypervisor has not run since the driver was loaded");
		goto out;
	}
	written = smp_load_acquire(&console->written);
	size = console->size;
	ret = 0;
	if (!size || size > console_size - sizeof(*console))
		goto out;
	if (pos > written)	/* a new run of the hypervisor */
		pos = 0;
	if (written - pos > size)
		pos = written - size;
	n = min_t(u64, count, written - pos);
	for (ret = 0; ret < n; ret += chunk, pos += chunk) {
		off = pos % size;
		chunk = min_t(u64, n - ret, size - off);
		if (copy_to_user(buf + ret, console->data + off, chunk)) {
			ret = -EFAULT;
			goto out;
		}
	}
	*ppos = pos;
out:
	mutex_unlock(&warden_lock);
	return ret;
}

static int warden_open(struct inode *inode, struct file *file)
{
	file->private_data = kzalloc(sizeof(struct warden_file), GFP_KERNEL);
	return file->private_data ? 0 : -ENOMEM;
}

static int warden_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static const struct file_operations warden_fops = {
	.owner = THIS_MODULE,
	.open = warden_open,
	.release = warden_release,
	.read = warden_read,
	.unlocked_ioctl = warden_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice warden_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "warden",
	.fops = &warden_fops,
};

static int __init warden_init(void)
{
	int err;

	err = warden_sysfs_init();
	if (err)
		return err;
	err = misc_register(&warden_misc);
	if (err) {
		warden_sysfs_exit();
		return err;
	}
	pr_info("warden: driver loaded (%s)\n", warden_arch_name);
	return 0;
}

static void __exit warden_exit(void)
{
	misc_deregister(&warden_misc);
	warden_sysfs_exit();
	release_memory();
}

module_init(warden_init);
module_exit(warden_exit);
MODULE_DESCRIPTION("warden static partitioning hypervisor driver");
MODULE_LICENSE("GPL");
MODULE_FIRMWARE(WARDEN_FIRMWARE);
