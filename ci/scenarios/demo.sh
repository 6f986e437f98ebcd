# SPDX-License-Identifier: GPL-2.0
#
# `make demo`: show warden on a stock kernel.  Today that is the driver and
# the CLI; the hypervisor cannot be enabled on this architecture yet, and the
# demo says so rather than pretending.
. /ci/lib.sh

step() { echo; echo "### $*"; }
arch=$(uname -m | sed 's/aarch64/arm64/; s/x86_64/x86/; s/riscv64/riscv/')

step "the stock kernel, booted with the reservation the configs assume"
uname -a
cat /proc/cmdline
step "modprobe warden"
modprobe warden && ls -l /dev/warden
step "warden --version; warden --help"
warden --version
warden --help
step "the installed configurations"
ls -l /etc/warden/ /usr/share/warden/configs/
step "warden cell list (not enabled yet)"
warden cell list
step "warden enable /etc/warden/qemu-$arch.cell"
warden enable /etc/warden/qemu-$arch.cell
rmmod warden
echo
echo "demo finished"
