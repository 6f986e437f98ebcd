# SPDX-License-Identifier: GPL-2.0
# arch: arm64
# qemu-run: --append "mem=1G"
#
# Without the mem= reservation Linux uses the hypervisor memory: enable
# must refuse, name the kernel parameter, and change nothing.
. /ci/lib.sh

enable_refused "boot with mem=768M"
finish
