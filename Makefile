# SPDX-License-Identifier: GPL-2.0
#
# warden: build, install, test, demo.
#
#   make [ARCH=arm64|x86|riscv] [KDIR=...]   build everything for ARCH
#   make install DESTDIR=...                install to the standard places
#   make test [ARCH=...]                    unit, Python and QEMU tests
#   make demo [ARCH=...]                    boot QEMU and show warden working
#   make bench ARCH=...                     benchmarks (figures, not tests)
#   make fuzz                               fuzz the config validator
#   make attack [ARCH=...]                  the tests' attack module (only
#                                           built, never installed)
#
# Without ARCH, the build is for the running machine and its kernel
# (/lib/modules/$(uname -r)/build).  With ARCH, it cross-builds against the
# stock Debian kernel headers that ci/fetch downloads into ~/.cache/warden.

SRC := $(CURDIR)
VERSION := $(shell cat $(SRC)/VERSION)
HOST_ARCH := $(shell uname -m | sed -e 's/aarch64/arm64/' \
	-e 's/x86_64/x86/' -e 's/riscv64/riscv/')
ALL_ARCHS := arm64 x86 riscv
CACHE := $(or $(WARDEN_CACHE),$(HOME)/.cache/warden)

ifeq ($(origin ARCH),command line)
  ifeq ($(filter $(ARCH),$(ALL_ARCHS)),)
    $(error ARCH=$(ARCH): must be one of $(ALL_ARCHS))
  endif
  CROSS := 1
else
  ARCH := $(HOST_ARCH)
endif
export ARCH

cross-arm64 := aarch64-linux-gnu-
cross-x86 := x86_64-linux-gnu-
cross-riscv := riscv64-linux-gnu-
ifeq ($(ARCH),$(HOST_ARCH))
  CROSS_COMPILE ?=
else
  CROSS_COMPILE ?= $(cross-$(ARCH))
endif

B := $(SRC)/build/$(ARCH)

# Kernel headers: KDIR= wins; a cross build uses the fetched ones.
ifeq ($(CROSS),1)
  FETCH_ENV := $(CACHE)/$(ARCH)/env
  KDIR ?= $(shell sed -n 's/^KDIR=//p' $(FETCH_ENV) 2>/dev/null)
  KDIR_DEP := $(FETCH_ENV)
else
  KDIR ?= /lib/modules/$(shell uname -r)/build
endif
KREL = $(shell sed -n 's/.*UTS_RELEASE "\(.*\)"/\1/p' \
	$(KDIR)/include/generated/utsrelease.h 2>/dev/null)

# For every module: the driver and the tests' attack module.
KBUILD_COMMON = -C $(KDIR) ARCH=$(ARCH) CROSS_COMPILE=$(CROSS_COMPILE) \
	WARDEN_SRC=$(SRC)
# riscv: trixie's headers ask for gcc-14 and pahole; bookworm has gcc-12.
ifeq ($(ARCH),riscv)
  KBUILD_COMMON += CC=$(CROSS_COMPILE)gcc CONFIG_DEBUG_INFO_BTF_MODULES=
endif
KBUILD_ARGS = $(KBUILD_COMMON) M=$(B)/driver

TOMLS := $(wildcard configs/$(ARCH)/*.toml)
CELLS := $(patsubst configs/$(ARCH)/%.toml,$(B)/configs/%.cell,$(TOMLS))
# Deliberately wrong cells for the error scenarios, installed apart.
TEST_TOMLS := $(wildcard tests/configs/$(ARCH)/*.toml)
TEST_CELLS := $(patsubst tests/configs/$(ARCH)/%.toml,$(B)/test-configs/%.cell,$(TEST_TOMLS))

all: driver hypervisor tools configs inmates

$(CACHE)/%/env:
	ci/host-deps
	ci/fetch $*

driver: $(KDIR_DEP)
	@test -d "$(KDIR)" || { echo "make: KDIR=$(KDIR): no kernel headers" \
		"there (install linux-headers-$$(uname -r) or pass KDIR=)"; \
		exit 1; }
	@# File by file: Kbuild writes its output next to each source.
	@mkdir -p $(B)/driver/arch
	@ln -sf $(SRC)/driver/Kbuild $(SRC)/driver/*.[ch] $(B)/driver/
	@ln -sf $(SRC)/driver/arch/*.c $(B)/driver/arch/
	$(MAKE) $(KBUILD_ARGS) modules

# The root-side attack module of the tests: not in all, never installed.
attack: $(KDIR_DEP)
	@test -d "$(KDIR)" || { echo "make: KDIR=$(KDIR): no kernel headers" \
		"there (install linux-headers-$$(uname -r) or pass KDIR=)"; \
		exit 1; }
	@mkdir -p $(B)/attack
	@ln -sf $(SRC)/tests/attack/Kbuild $(SRC)/tests/attack/*.[ch] \
		$(B)/attack/
	$(MAKE) $(KBUILD_COMMON) M=$(B)/attack modules

hypervisor:
	$(MAKE) -C hypervisor CROSS_COMPILE=$(CROSS_COMPILE) O=$(B)/hypervisor

inmates:
	$(MAKE) -C inmates CROSS_COMPILE=$(CROSS_COMPILE) O=$(B)/inmates

tools: $(B)/tools/warden

$(B)/tools/warden: tools/warden.c $(wildcard include/warden/*.h) VERSION
	@mkdir -p $(dir $@)
	$(CROSS_COMPILE)gcc -O2 -Wall -Wextra -Wno-unused-parameter -Werror -static -Iinclude \
		-DWARDEN_VERSION='"$(VERSION)"' -o $@ tools/warden.c

configs: $(CELLS) $(TEST_CELLS)

$(B)/test-configs/%.cell: tests/configs/$(ARCH)/%.toml tools/warden-config \
		$(wildcard tools/wardenconfig/*.py)
	@mkdir -p $(dir $@)
	python3 tools/warden-config compile $< -o $@

$(B)/configs/%.cell: configs/$(ARCH)/%.toml tools/warden-config \
		$(wildcard tools/wardenconfig/*.py)
	@mkdir -p $(dir $@)
	python3 tools/warden-config compile $< -o $@

install: all
	install -D -m 755 $(B)/tools/warden $(DESTDIR)/usr/sbin/warden
	install -D -m 755 tools/warden-config \
		$(DESTDIR)/usr/lib/warden/warden-config
	install -D -m 644 -t $(DESTDIR)/usr/lib/warden/wardenconfig \
		tools/wardenconfig/*.py
	install -D -m 644 $(B)/driver/warden.ko \
		$(DESTDIR)/lib/modules/$(KREL)/extra/warden.ko
	depmod -b $(or $(DESTDIR),/) $(KREL)
	install -D -m 644 $(B)/hypervisor/warden.bin \
		$(DESTDIR)/lib/firmware/warden.bin
	install -d $(DESTDIR)/etc/warden $(DESTDIR)/usr/share/warden/configs \
		$(DESTDIR)/usr/lib/warden/inmates
	$(if $(CELLS),install -m 644 $(CELLS) $(DESTDIR)/etc/warden/)
	$(if $(TOMLS),install -m 644 $(TOMLS) $(DESTDIR)/usr/share/warden/configs/)
	$(if $(TEST_CELLS),install -D -m 644 -t $(DESTDIR)/usr/share/warden/tests \
		$(TEST_CELLS))
	$(if $(wildcard $(B)/inmates/*.bin),install -m 644 \
		$(B)/inmates/*.bin $(DESTDIR)/usr/lib/warden/inmates/)

# Tests and demos install their own host packages (ci/host-deps).
test:
	ci/host-deps
	ci/run-tests $(if $(CROSS),$(ARCH),$(ALL_ARCHS))

demo:
	ci/host-deps
	ci/qemu-run --arch $(if $(CROSS),$(ARCH),arm64) ci/scenarios/demo.sh

bench:
	ci/host-deps
	ci/bench $(ARCH)

fuzz:
	ci/host-deps
	$(MAKE) -C tests/fuzz

clean:
	rm -rf build

.PHONY: all driver attack hypervisor inmates tools configs install test \
	demo bench fuzz clean
