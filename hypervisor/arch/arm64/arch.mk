# SPDX-License-Identifier: GPL-2.0
# arm64: compiler flags, objects and link address of the hypervisor image.
arch-cflags := -mgeneral-regs-only -mstrict-align
arch-objs := entry.o console.o
LINK_BASE := 0
