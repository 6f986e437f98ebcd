# SPDX-License-Identifier: GPL-2.0
# riscv: compiler flags, objects and link address of the hypervisor image.
arch-cflags := -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany -mno-relax
arch-objs := entry.o console.o setup.o
LINK_BASE := 0
