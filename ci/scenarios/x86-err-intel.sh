# SPDX-License-Identifier: GPL-2.0
# arch: x86
# qemu-run: --qemu-args "-cpu qemu64,vendor=GenuineIntel"
#
# An Intel CPU: only the AMD SVM backend exists.
# Enable must refuse with its reason, before it takes anything, and Linux
# goes on as it was.
. /ci/lib.sh

enable_refused "the VMX backend is not there yet"
finish
