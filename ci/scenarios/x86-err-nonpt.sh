# SPDX-License-Identifier: GPL-2.0
# arch: x86
# qemu-run: --qemu-args "-cpu qemu64,+svm,-npt"
#
# An SVM CPU without nested paging (NPT), which the hypervisor needs for
# the cells' address spaces.
# Enable must refuse with its reason, before it takes anything, and Linux
# goes on as it was.
. /ci/lib.sh

enable_refused "the CPU has no nested paging (NPT)"
finish
