# SPDX-License-Identifier: GPL-2.0
# riscv inmates: only what builds today; interrupts, timer and SMP come with
# the architecture's cells issue.
arch-lib-objs := entry.o console.o
arch-progs := tiny
