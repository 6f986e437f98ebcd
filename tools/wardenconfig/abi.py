# SPDX-License-Identifier: GPL-2.0
"""The binary format of include/warden/cell-config.h as layout tables.

Everything warden-config packs or unpacks goes through these tables, and
tests/python/test_abi_layout.py compiles a C program against the header to
compare every size, offset and constant with them: change both together.
"""
import struct

# The constants of cell-config.h, without their WARDEN_ prefix.
CONFIG_VERSION = 1
SYSTEM_MAGIC = 0x53595357
CELL_MAGIC = 0x4c454357
ARCH_ARM64 = 1
ARCH_X86 = 2
ARCH_RISCV = 3
PAGE_SIZE = 0x1000
NAME_LEN = 32
MAX_CPUS = 64
CONFIG_MAX_SIZE = 0x100000
MAX_MEMORY_REGIONS = 1024
MAX_IRQCHIPS = 64
MAX_PIO_RANGES = 256
MAX_IOMMU_UNITS = 16
IRQCHIP_WINDOW = 128
PIO_LIMIT = 0x10000
CONSOLE_NONE = 0
CONSOLE_HYPERVISOR = 1
CONSOLE_PL011 = 2
CONSOLE_8250_MMIO = 3
CONSOLE_8250_PIO = 4
CONSOLE_SBI = 5
MEM_READ = 1 << 0
MEM_WRITE = 1 << 1
MEM_EXECUTE = 1 << 2
MEM_DMA = 1 << 3
MEM_IO = 1 << 4
MEM_COMM = 1 << 5
MEM_LOADABLE = 1 << 6
MEM_ROOT_SHARED = 1 << 7
MEM_KNOWN = 0xff
CELL_ROOT = 1 << 0
CELL_PASSIVE_COMM = 1 << 1
CELL_KNOWN = 0x3
IOMMU_AMD_VI = 1
IOMMU_INTEL_VTD = 2
IOMMU_ARM_SMMUV3 = 3
IOMMU_RISCV = 4
IRQCHIP_PLIC = 1
IRQCHIP_APLIC = 2

# Every constant above, under its C name; the layout test compares them.
CONSTANTS = {'WARDEN_' + k: v for k, v in list(globals().items())
             if k.isupper() and isinstance(v, int)}

ARCHES = {'arm64': ARCH_ARM64, 'x86': ARCH_X86, 'riscv': ARCH_RISCV}
ARCH_NAMES = {v: k for k, v in ARCHES.items()}

# TOML names of the flag bits, in bit order.
MEM_FLAGS = {'read': MEM_READ, 'write': MEM_WRITE, 'execute': MEM_EXECUTE,
             'dma': MEM_DMA, 'io': MEM_IO, 'comm': MEM_COMM,
             'loadable': MEM_LOADABLE, 'root-shared': MEM_ROOT_SHARED}
CELL_FLAGS = {'passive-comm': CELL_PASSIVE_COMM}
CONSOLE_TYPES = {'none': CONSOLE_NONE, 'hypervisor': CONSOLE_HYPERVISOR,
                 'pl011': CONSOLE_PL011, '8250-mmio': CONSOLE_8250_MMIO,
                 '8250-pio': CONSOLE_8250_PIO, 'sbi': CONSOLE_SBI}
IOMMU_TYPES = {'amd-vi': IOMMU_AMD_VI, 'intel-vtd': IOMMU_INTEL_VTD,
               'arm-smmuv3': IOMMU_ARM_SMMUV3, 'riscv': IOMMU_RISCV}
IRQCHIP_TYPES = {'plic': IRQCHIP_PLIC, 'aplic': IRQCHIP_APLIC}

_SCALARS = {'u8': 'B', 'u16': 'H', 'u32': 'I', 'u64': 'Q'}


class Layout:
    """A C struct or union: natural alignment, no implicit padding.

    Fields are (name, type) or (name, (type, count)); a type is a scalar
    name ('u8'..'u64') or another Layout.  Values are dicts keyed by field
    name; u8 arrays are bytes, other arrays lists; missing fields are zero.
    """

    def __init__(self, c_name, fields, union=False):
        self.c_name = c_name
        self.fields = []
        end = align = 0
        for name, ftype in fields:
            ftype, count = ftype if isinstance(ftype, tuple) else (ftype, 1)
            if isinstance(ftype, Layout):
                esize, ealign = ftype.size, ftype.align
            else:
                esize = ealign = struct.calcsize(_SCALARS[ftype])
            offset = 0 if union else end
            assert offset % ealign == 0, f'{c_name}.{name}: padding'
            self.fields.append((name, ftype, count, offset, esize * count))
            end = max(end, offset + esize * count)
            align = max(align, ealign)
        assert end % align == 0, f'{c_name}: tail padding'
        self.size, self.align = end, align
        self.by_name = {f[0]: f for f in self.fields}

    def max_value(self, name):
        """The largest value a scalar field holds."""
        return (1 << (8 * self.by_name[name][4] // self.by_name[name][2])) - 1

    def pack_into(self, buf, base, values):
        for name, ftype, count, offset, size in self.fields:
            value = values.get(name)
            if value is None:
                continue
            at = base + offset
            if isinstance(ftype, Layout):
                items = [value] if count == 1 else value
                for i, item in enumerate(items):
                    ftype.pack_into(buf, at + i * ftype.size, item)
            elif ftype == 'u8' and count > 1:
                buf[at:at + len(value)] = value
            else:
                items = [value] if count == 1 else value
                struct.pack_into(f'<{len(items)}{_SCALARS[ftype]}', buf, at,
                                 *items)

    def pack(self, values):
        buf = bytearray(self.size)
        self.pack_into(buf, 0, values)
        return bytes(buf)

    def unpack(self, buf, base=0):
        values = {}
        for name, ftype, count, offset, size in self.fields:
            at = base + offset
            if isinstance(ftype, Layout):
                items = [ftype.unpack(buf, at + i * ftype.size)
                         for i in range(count)]
            elif ftype == 'u8' and count > 1:
                values[name] = bytes(buf[at:at + size])
                continue
            else:
                items = list(struct.unpack_from(
                    f'<{count}{_SCALARS[ftype]}', buf, at))
            values[name] = items[0] if count == 1 else items
        return values


HEADER = Layout('struct warden_config_header', [
    ('magic', 'u32'), ('version', 'u16'), ('arch', 'u16'),
    ('header_size', 'u32'), ('total_size', 'u32'), ('crc32', 'u32'),
    ('reserved', 'u32')])
ARRAY = Layout('struct warden_array', [('offset', 'u32'), ('count', 'u32')])
CONSOLE = Layout('struct warden_console', [
    ('address', 'u64'), ('size', 'u32'), ('type', 'u16'), ('io_width', 'u8'),
    ('reg_shift', 'u8'), ('reserved', ('u32', 2))])
REGION = Layout('struct warden_memory_region', [
    ('phys_start', 'u64'), ('virt_start', 'u64'), ('size', 'u64'),
    ('flags', 'u64')])
IRQCHIP = Layout('struct warden_irqchip', [
    ('address', 'u64'), ('pin_base', 'u32'), ('reserved', 'u32'),
    ('pin_bitmap', ('u64', 2))])
PIO = Layout('struct warden_pio_range', [('base', 'u32'), ('size', 'u32')])
CELL = Layout('struct warden_cell', [
    ('header', HEADER), ('name', ('u8', NAME_LEN)),
    ('system_name', ('u8', NAME_LEN)), ('cpu_set', 'u64'), ('flags', 'u64'),
    ('cpu_reset_address', 'u64'), ('console', CONSOLE),
    ('memory_regions', ARRAY), ('irqchips', ARRAY), ('pio_ranges', ARRAY),
    ('reserved_arrays', (ARRAY, 3)), ('reserved', ('u64', 4))])
PCI = Layout('struct warden_pci', [
    ('ecam_base', 'u64'), ('domain', 'u16'), ('bus_start', 'u8'),
    ('bus_end', 'u8'), ('reserved', 'u32')])
IOMMU = Layout('struct warden_iommu', [
    ('base', 'u64'), ('size', 'u32'), ('type', 'u16'), ('reserved', 'u16')])
PLATFORM_ARM64 = Layout('struct warden_platform_arm64', [
    ('gicd_base', 'u64'), ('gicr_base', 'u64'), ('gicr_size', 'u64'),
    ('gic_version', 'u32'), ('maintenance_irq', 'u32')])
PLATFORM_X86 = Layout('struct warden_platform_x86', [
    ('ioapic_base', 'u64'), ('lapic_base', 'u64'), ('ioapic_pins', 'u32'),
    ('pm_timer_port', 'u32'), ('tsc_khz', 'u32'), ('apic_khz', 'u32')])
PLATFORM_RISCV = Layout('struct warden_platform_riscv', [
    ('irqchip_base', 'u64'), ('irqchip_size', 'u64'), ('clint_base', 'u64'),
    ('clint_size', 'u64'), ('timebase_frequency', 'u64'),
    ('irqchip_type', 'u32'), ('max_irq', 'u32')])
PLATFORM = Layout('union warden_platform', [
    ('arm64', PLATFORM_ARM64), ('x86', PLATFORM_X86),
    ('riscv', PLATFORM_RISCV), ('raw', ('u64', 12))], union=True)
SYSTEM = Layout('struct warden_system', [
    ('header', HEADER), ('name', ('u8', NAME_LEN)),
    ('hypervisor_phys', 'u64'), ('hypervisor_size', 'u64'),
    ('debug_console', CONSOLE), ('pci', PCI), ('iommu_units', ARRAY),
    ('root_cell_offset', 'u32'), ('root_cell_size', 'u32'),
    ('platform', PLATFORM), ('reserved', ('u64', 4))])

LAYOUTS = [HEADER, ARRAY, CONSOLE, REGION, IRQCHIP, PIO, CELL, PCI, IOMMU,
           PLATFORM_ARM64, PLATFORM_X86, PLATFORM_RISCV, PLATFORM, SYSTEM]
PLATFORMS = {ARCH_ARM64: ('arm64', PLATFORM_ARM64),
             ARCH_X86: ('x86', PLATFORM_X86),
             ARCH_RISCV: ('riscv', PLATFORM_RISCV)}
CRC_OFFSET = HEADER.by_name['crc32'][3]
