/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The error numbers the hypervisor returns to the driver: Linux's values,
 * so that the driver passes them on unchanged.  Also for assembly.
 */
#ifndef _WARDEN_ERRNO_H
#define _WARDEN_ERRNO_H

#define EPERM		1
#define ENOENT		2
#define EIO		5
#define ENOMEM		12
#define EBUSY		16
#define EINVAL		22
#define ENOSYS		38
#define EOPNOTSUPP	95
#define ETIMEDOUT	110

#endif /* _WARDEN_ERRNO_H */
