# SPDX-License-Identifier: GPL-2.0
"""Which TOML key holds which C field, in what notation.  The TOML reader
and dump both work from these tables, so they cannot drift apart."""
from . import abi
from .values import DEC, HEX, SIZE, Enum, Flags

REQUIRED = object()


class Field:
    def __init__(self, key, name, kind, default=REQUIRED):
        self.key, self.name, self.kind, self.default = key, name, kind, default


CONSOLE = [
    Field('type', 'type', Enum(abi.CONSOLE_TYPES, 'console type')),
    Field('address', 'address', HEX, 0),
    Field('size', 'size', SIZE, 0),
    Field('io-width', 'io_width', DEC, None),
    Field('reg-shift', 'reg_shift', DEC, 0),
]
# io-width when the TOML leaves it out.
IO_WIDTH = {abi.CONSOLE_PL011: 4, abi.CONSOLE_8250_MMIO: 1,
            abi.CONSOLE_8250_PIO: 1}
# Console types that name a device (and so an address and a size).
DEVICE_CONSOLES = set(IO_WIDTH)

REGION = [
    Field('phys', 'phys_start', HEX, None),     # not given for comm regions
    Field('virt', 'virt_start', HEX, None),     # default: phys
    Field('size', 'size', SIZE),
    Field('flags', 'flags', Flags(abi.MEM_FLAGS, 'memory flag')),
]
IRQCHIP_ADDRESS = Field('address', 'address', HEX)
PIO = [Field('base', 'base', HEX), Field('size', 'size', SIZE)]
CELL_FLAGS = Flags(abi.CELL_FLAGS, 'cell flag')
RESET = Field('cpu-reset-address', 'cpu_reset_address', HEX, 0)

HYPERVISOR = [Field('phys', 'hypervisor_phys', HEX),
              Field('size', 'hypervisor_size', SIZE)]
PCI = [Field('ecam', 'ecam_base', HEX),
       Field('bus-start', 'bus_start', DEC, 0),
       Field('bus-end', 'bus_end', DEC, 255),
       Field('domain', 'domain', DEC, 0)]
IOMMU = [Field('type', 'type', Enum(abi.IOMMU_TYPES, 'IOMMU type')),
         Field('base', 'base', HEX), Field('size', 'size', SIZE)]
PLATFORM = {
    abi.ARCH_ARM64: [
        Field('gic-version', 'gic_version', DEC, 3),
        Field('gicd', 'gicd_base', HEX),
        Field('gicr', 'gicr_base', HEX),
        Field('gicr-size', 'gicr_size', SIZE),
        Field('maintenance-irq', 'maintenance_irq', DEC, 25),
    ],
    abi.ARCH_X86: [
        Field('ioapic', 'ioapic_base', HEX),
        Field('ioapic-pins', 'ioapic_pins', DEC, 24),
        Field('lapic', 'lapic_base', HEX, 0xfee00000),
        Field('pm-timer-port', 'pm_timer_port', HEX, 0),
        Field('tsc-khz', 'tsc_khz', DEC, 0),
        Field('apic-khz', 'apic_khz', DEC, 0),
    ],
    abi.ARCH_RISCV: [
        Field('irqchip', 'irqchip_type',
              Enum(abi.IRQCHIP_TYPES, 'interrupt controller')),
        Field('irqchip-base', 'irqchip_base', HEX),
        Field('irqchip-size', 'irqchip_size', SIZE),
        Field('max-irq', 'max_irq', DEC),
        Field('clint', 'clint_base', HEX, 0),
        Field('clint-size', 'clint_size', SIZE, 0),
        Field('timebase-frequency', 'timebase_frequency', DEC),
    ],
}

SYSTEM_KEYS = ['name', 'hypervisor', 'debug-console', 'platform', 'pci',
               'iommu']
CELL_KEYS = ['name', 'system', 'cpus', 'flags', 'cpu-reset-address',
             'console', 'regions', 'irqchips', 'pio']
ROOT_CELL_KEYS = ['name', 'cpus', 'regions', 'irqchips', 'pio']
