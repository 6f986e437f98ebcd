// SPDX-License-Identifier: GPL-2.0
/*
 * warden driver: /dev/warden, through which the `warden` CLI enables and
 * disables the hypervisor and manages cells.
 *
 * Every request is checked here before it reaches the hypervisor, and every
 * refusal is explained: in dmesg and to the caller (WARDEN_GET_ERROR).
 */
#include <linux/firmware.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include "warden.h"

#define WARDEN_FIRMWARE		"warden.bin"
#define CONFIG_MAX_SIZE		(1024 * 1024)

DEFINE_MUTEX(warden_lock);
bool warden_enabled;

int warden_error(struct warden_file *wf, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(wf->error, sizeof(wf->error), fmt, ap);
	va_end(ap);
	pr_err("warden: %s\n", wf->error);
	return err;
}

/* Copy a configuration image from user space; the caller vfree()s it. */
static void *copy_config(struct warden_file *wf, void __user *arg, u64 *size)
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
	return 0;
}

static int warden_enable(struct warden_file *wf, void __user *arg)
{
	const struct firmware *fw;
	void *config;
	u64 size;
	int err;

	if (warden_enabled)
		return warden_error(wf, -EBUSY,
			"the hypervisor is already enabled: run 'warden disable' first");
	config = copy_config(wf, arg, &size);
	if (IS_ERR(config))
		return PTR_ERR(config);
	err = warden_arch_check(wf);
	if (err)
		goto out;
	err = request_firmware(&fw, WARDEN_FIRMWARE, warden_root_dev);
	if (err) {
		err = warden_error(wf, err,
			"cannot load /lib/firmware/%s (error %d): is warden installed?",
			WARDEN_FIRMWARE, err);
		goto out;
	}
	err = check_firmware(wf, fw);
	release_firmware(fw);
out:
	vfree(config);
	return err;
}

static int warden_not_enabled(struct warden_file *wf)
{
	return warden_error(wf, -ENODEV,
		"the hypervisor is not enabled: run 'warden enable SYSTEM.cell' first");
}

static long warden_ioctl(struct file *file, unsigned int cmd,
			 unsigned long arg)
{
	struct warden_file *wf = file->private_data;
	void __user *uarg = (void __user *)arg;
	struct warden_info info = {};
	long err;

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
		err = warden_enabled ? -EOPNOTSUPP : warden_not_enabled(wf);
		break;
	case WARDEN_INFO:
		if (!warden_enabled) {
			err = warden_not_enabled(wf);
			break;
		}
		info.enabled = 1;
		err = copy_to_user(uarg, &info, sizeof(info)) ? -EFAULT : 0;
		break;
	default:
		err = -ENOTTY;
	}
	mutex_unlock(&warden_lock);
	return err;
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
}

module_init(warden_init);
module_exit(warden_exit);
MODULE_DESCRIPTION("warden static partitioning hypervisor driver");
MODULE_LICENSE("GPL");
MODULE_FIRMWARE(WARDEN_FIRMWARE);
