# SPDX-License-Identifier: GPL-2.0
# arm64 inmates: library objects, the programs, and the "-bare" link for
# running a program in QEMU without the hypervisor (RAM at 0x40000000,
# PL011 at 0x09000000).
arch-lib-objs := entry.o console.o gic.o timer.o smp.o
arch-progs := tiny timer smp isolation hypercalls irqs comm
BARE_BASE := 0x40000000
BARE_UART := 0x09000000
