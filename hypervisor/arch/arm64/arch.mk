# SPDX-License-Identifier: GPL-2.0
# arm64: compiler flags, objects and link address of the hypervisor image.
# The image runs wherever it is copied, so its code must only use
# PC-relative addressing (-mcmodel=small; the Makefile checks that no
# absolute address ends up in it).  No libgcc: atomics must be inline.
arch-cflags := -mgeneral-regs-only -mstrict-align -mcmodel=small \
	-mno-outline-atomics
arch-objs := entry.o setup.o traps.o gic.o psci.o console.o
LINK_BASE := 0
pic-image := y
