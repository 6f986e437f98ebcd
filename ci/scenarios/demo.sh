# SPDX-License-Identifier: GPL-2.0
#
# `make demo`: show warden on a stock kernel: the driver, the CLI, and where
# the architecture can be enabled (arm64, x86), the hypervisor under Linux,
# and where cells exist (arm64) two cells beside it.  Where
# it cannot be enabled yet, `warden enable` says so rather than pretending.
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
if warden enable /etc/warden/qemu-$arch.cell; then
	step "Linux goes on as the root cell: warden cell list; warden info"
	warden cell list
	warden info
	step "a checksum on every CPU under the hypervisor"
	for c in $(seq 0 $(($(nproc) - 1))); do
		taskset -c $c sh -c "head -c 1048576 /dev/zero | md5sum"
	done
	I=/usr/lib/warden/inmates
	step "a cell: warden cell create /etc/warden/qemu-$arch-demo.cell"
	if warden cell create /etc/warden/qemu-$arch-demo.cell; then
		echo "CPUs Linux has now: $(cat /sys/devices/system/cpu/online)"
		step "warden cell load demo $I/tiny.bin -s 'hello=demo'; warden cell start demo"
		warden cell load demo $I/tiny.bin -s "hello=demo" &&
			warden cell start demo
		sleep 1
		warden cell list
		step "the timer demo in a second cell, while the root is busy"
		warden cell create /etc/warden/qemu-$arch-demo2.cell &&
			warden cell load demo2 $I/timer.bin -s "seconds=3" &&
			warden cell start demo2
		taskset -c 0 sh -c "head -c 4194304 /dev/zero | md5sum"
		sleep 3
		warden cell stats demo2
		step "warden cell destroy demo; warden cell destroy demo2"
		warden cell destroy demo
		warden cell destroy demo2
		echo "CPUs Linux has now: $(cat /sys/devices/system/cpu/online)"
	fi
	step "warden console"
	warden console
	step "warden disable"
	warden disable
fi
rmmod warden
echo
echo "demo finished"
