# SPDX-License-Identifier: GPL-2.0
# arch: x86
# qemu-run: --qemu-args "-cpu qemu64,-svm"
#
# A CPU without SVM (AMD-V) (qemu64 has it unless told otherwise).
# Enable must refuse with its reason, before it takes anything, and Linux
# goes on as it was.
. /ci/lib.sh

enable_refused "the CPU has no SVM (AMD-V)"
finish
