# SPDX-License-Identifier: GPL-2.0
# arch: x86
# qemu-run: --no-reserve
#
# Without the memmap= reservation Linux uses the hypervisor memory: the
# message must name the parameter and the value the configuration needs.
# Enable must refuse with its reason, before it takes anything, and Linux
# goes on as it was.
. /ci/lib.sh

enable_refused 'boot with memmap=16M$0x30000000'
finish
