# SPDX-License-Identifier: GPL-2.0
# x86: compiler flags, objects and link address of the hypervisor image.
# The image runs 1:1 at whatever physical address the configuration gives
# it, so its code must be position independent (-fpie: RIP-relative; the
# Makefile checks that no absolute address ends up in it).
arch-cflags := -m64 -mno-red-zone -mno-sse -mno-mmx -mno-sse2 -mno-avx \
	-mcmodel=small -fpie
arch-objs := entry.o setup.o exits.o apic.o decode.o console.o
LINK_BASE := 0
pic-image := y
