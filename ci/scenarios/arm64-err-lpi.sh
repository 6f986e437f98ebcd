# SPDX-License-Identifier: GPL-2.0
# arch: arm64
# qemu-run: --append "irqchip.gicv3_nolpi=0"
#
# Linux uses LPIs (the last irqchip.gicv3_nolpi= wins): the redistributors
# then read and write tables at addresses Linux chose, which no stage 2
# covers.  Enable must refuse, name irqchip.gicv3_nolpi=1, change nothing.
. /ci/lib.sh

check_output "Linux enabled LPIs" "ITS" dmesg
enable_refused "boot Linux with irqchip.gicv3_nolpi=1"
finish
