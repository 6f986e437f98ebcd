# SPDX-License-Identifier: GPL-2.0
# x86 inmates: only what builds today; interrupts, timer and SMP come with
# the architecture's cells issue.
arch-lib-objs := entry.o console.o
arch-progs := tiny
