# SPDX-License-Identifier: GPL-2.0
# x86: compiler flags, objects and link address of the hypervisor image.
arch-cflags := -m64 -mno-red-zone -mno-sse -mno-mmx -mno-sse2 -mno-avx -mcmodel=large
arch-objs := entry.o console.o setup.o
LINK_BASE := 0
