# SPDX-License-Identifier: GPL-2.0
"""Model <-> image bytes.  Packing lays the arrays out in a fixed order right
after the fixed part, so that the same model always gives the same bytes.
Unpacking refuses what hypervisor/config-check.c refuses about the layout
(header, CRC, offsets, reserved fields, names); the rules on the content
are in rules.py, shared with TOML input."""
import zlib

from . import abi
from .model import Cell, ConfigError, System
from .values import NAME_RE


def seal(image):
    """Fill in total_size and the CRC of a finished image."""
    abi.HEADER.pack_into(image, 0, {'total_size': len(image), 'crc32': 0})
    abi.HEADER.pack_into(image, 0, {'crc32': zlib.crc32(image)})
    return bytes(image)


def header(magic, arch, layout):
    return {'magic': magic, 'version': abi.CONFIG_VERSION, 'arch': arch,
            'header_size': layout.size}


def irq_windows(irqchips):
    """{address, lines} entries -> struct warden_irqchip values, sorted."""
    windows = {}
    for chip in irqchips:
        for line in chip['lines']:
            base = line - line % abi.IRQCHIP_WINDOW
            bitmap = windows.setdefault((chip['address'], base), [0, 0])
            bit = line - base
            bitmap[bit // 64] |= 1 << (bit % 64)
    return [{'address': a, 'pin_base': b, 'pin_bitmap': m}
            for (a, b), m in sorted(windows.items())]


def pack_arrays(fixed, layout, arrays):
    """Append arrays [(descriptor field, entry layout, entries)] after the
    fixed part and point their descriptors at them."""
    body = bytearray()
    for name, entry, items in arrays:
        offset = layout.size + len(body) if items else 0
        fixed[name] = {'offset': offset, 'count': len(items)}
        for item in items:
            body += entry.pack(item)
    return bytearray(layout.pack(fixed)) + body


def pack_cell(cell):
    flags = cell.flags | (abi.CELL_ROOT if cell.root else 0)
    fixed = {
        'header': header(abi.CELL_MAGIC, cell.arch, abi.CELL),
        'name': cell.name.encode(), 'system_name': cell.system_name.encode(),
        'cpu_set': sum(1 << cpu for cpu in cell.cpus), 'flags': flags,
        'cpu_reset_address': cell.cpu_reset_address, 'console': cell.console,
    }
    return seal(pack_arrays(fixed, abi.CELL, [
        ('memory_regions', abi.REGION, cell.regions),
        ('irqchips', abi.IRQCHIP, irq_windows(cell.irqchips)),
        ('pio_ranges', abi.PIO, cell.pio)]))


def pack_system(system):
    name, _ = abi.PLATFORMS[system.arch]
    fixed = {
        'header': header(abi.SYSTEM_MAGIC, system.arch, abi.SYSTEM),
        'name': system.name.encode(), **system.hypervisor,
        'debug_console': system.debug_console, 'pci': system.pci,
        'platform': {name: system.platform},
    }
    image = pack_arrays(fixed, abi.SYSTEM,
                        [('iommu_units', abi.IOMMU, system.iommus)])
    root = pack_cell(system.root)
    abi.SYSTEM.pack_into(image, 0, {'root_cell_offset': len(image),
                                    'root_cell_size': len(root)})
    return seal(image + root)


def pack(config):
    return pack_system(config) if isinstance(config, System) \
        else pack_cell(config)


class Unpacker:
    def __init__(self, file, data, where):
        self.file, self.data, self.where = file, data, where

    def fail(self, key, message):
        raise ConfigError([f'{self.file}: {self.where}.{key}: {message}'])

    def header(self, magic, layout, arch=None):
        data = self.data
        if len(data) < abi.HEADER.size:
            self.fail('header', 'shorter than the header (truncated file)')
        hdr = abi.HEADER.unpack(data)
        kinds = {abi.SYSTEM_MAGIC: 'a system', abi.CELL_MAGIC: 'a cell'}
        if hdr['magic'] != magic:
            self.fail('header.magic', f'{kinds.get(hdr["magic"], "not a")} '
                      f'configuration where {kinds[magic]} one was expected')
        if hdr['version'] != abi.CONFIG_VERSION:
            self.fail('header.version', f'format version {hdr["version"]}; '
                      f'this tool reads version {abi.CONFIG_VERSION}')
        if hdr['arch'] not in abi.ARCH_NAMES or \
           (arch is not None and hdr['arch'] != arch):
            self.fail('header.arch', f'unknown or unexpected architecture '
                      f'{hdr["arch"]}')
        if hdr['total_size'] != len(data):
            self.fail('header.total_size', f'says {hdr["total_size"]} bytes, '
                      f'the image has {len(data)} (truncated or padded)')
        if len(data) > abi.CONFIG_MAX_SIZE:
            self.fail('header.total_size', 'image too large')
        if not layout.size <= hdr['header_size'] <= len(data) or \
           hdr['header_size'] % 8:
            self.fail('header.header_size', f'{hdr["header_size"]} is out '
                      'of range')
        crc = zlib.crc32(data[:abi.CRC_OFFSET] + bytes(4) +
                         data[abi.CRC_OFFSET + 4:])
        if hdr['crc32'] != crc:
            self.fail('header.crc32', f'{hdr["crc32"]:#010x}, but the image '
                      f'sums to {crc:#010x}: the file is corrupt')
        if hdr['reserved']:
            self.fail('header.reserved', 'not zero')
        return hdr

    def spans(self, hdr, spans):
        """[(key, offset, length)]: each inside the image, after the fixed
        part, and clear of the others."""
        seen = []
        for key, offset, length in spans:
            inside = offset % 8 == 0 and offset >= hdr['header_size'] and \
                offset + length <= hdr['total_size']
            if (length and not inside) or (not length and offset):
                self.fail(key, f'{length} bytes at offset {offset:#x} do not '
                          'fit the image')
            for start, end in seen:
                if length and offset < end and start < offset + length:
                    self.fail(key, 'overlaps another array')
            seen.append((offset, offset + length))

    def arrays(self, hdr, fixed, specs, extra=()):
        """specs: [(descriptor, entry layout, limit)] -> lists of entries;
        extra: more (key, offset, length) spans that must not overlap."""
        for name, entry, limit in specs:
            if fixed[name]['count'] > limit:
                self.fail(name, f'{fixed[name]["count"]} entries, at most '
                          f'{limit} allowed')
        self.spans(hdr, [(name, fixed[name]['offset'],
                          fixed[name]['count'] * entry.size)
                         for name, entry, limit in specs] + list(extra))
        return [[entry.unpack(self.data, fixed[name]['offset'] +
                              i * entry.size)
                 for i in range(fixed[name]['count'])]
                for name, entry, limit in specs]

    def name(self, key, raw, may_be_empty=False):
        text, nul, tail = raw.partition(b'\0')
        if not nul or tail.strip(b'\0') or not (text or may_be_empty) or \
           (text and not NAME_RE.fullmatch(text.decode('latin-1'))):
            self.fail(key, 'not a NUL-terminated name of A-Z a-z 0-9 . _ -')
        return text.decode('ascii')

    def zero(self, key, values):
        if any(values):
            self.fail(key, 'reserved field not zero')


def unpack_lines(u, windows):
    """struct warden_irqchip entries -> {address, lines} per chip."""
    chips = {}
    previous = None
    for i, w in enumerate(windows):
        key = (w['address'], w['pin_base'])
        if w['reserved'] or not w['address'] or \
           w['pin_base'] % abi.IRQCHIP_WINDOW or not any(w['pin_bitmap']) or \
           (previous is not None and key <= previous):
            u.fail(f'irqchips[{i}]', 'reserved field set, address zero, '
                   'window misaligned or empty, or windows out of order')
        previous = key
        lines = chips.setdefault(w['address'], set())
        for bit in range(abi.IRQCHIP_WINDOW):
            if w['pin_bitmap'][bit // 64] >> (bit % 64) & 1:
                lines.add(w['pin_base'] + bit)
    return [{'address': a, 'lines': lines} for a, lines in chips.items()]


def unpack_cell(file, data, where='cell', root=False, arch=None):
    u = Unpacker(file, data, where)
    hdr = u.header(abi.CELL_MAGIC, abi.CELL, arch)
    fixed = abi.CELL.unpack(data)
    cell = Cell(file=file, where=where, arch=hdr['arch'], root=root)
    cell.name = u.name('name', fixed['name'])
    cell.system_name = u.name('system_name', fixed['system_name'], True)
    cell.cpus = {n for n in range(abi.MAX_CPUS) if fixed['cpu_set'] >> n & 1}
    if fixed['flags'] & ~abi.CELL_KNOWN or \
       bool(fixed['flags'] & abi.CELL_ROOT) != root:
        u.fail('flags', f'{fixed["flags"]:#x}: unknown flags, or the root '
               'flag where it does not belong')
    cell.flags = fixed['flags'] & ~abi.CELL_ROOT
    cell.cpu_reset_address = fixed['cpu_reset_address']
    u.zero('reserved', fixed['reserved'] + fixed['console']['reserved'] +
           [a['offset'] | a['count'] for a in fixed['reserved_arrays']])
    cell.console = {k: v for k, v in fixed['console'].items()
                    if k != 'reserved'}
    cell.regions, windows, cell.pio = u.arrays(hdr, fixed, [
        ('memory_regions', abi.REGION, abi.MAX_MEMORY_REGIONS),
        ('irqchips', abi.IRQCHIP, abi.MAX_IRQCHIPS),
        ('pio_ranges', abi.PIO, abi.MAX_PIO_RANGES)])
    cell.irqchips = unpack_lines(u, windows)
    return cell


def unpack_system(file, data):
    u = Unpacker(file, data, 'system')
    hdr = u.header(abi.SYSTEM_MAGIC, abi.SYSTEM)
    fixed = abi.SYSTEM.unpack(data)
    system = System(file=file, arch=hdr['arch'])
    system.name = u.name('name', fixed['name'])
    system.hypervisor = {k: fixed[k] for k in ('hypervisor_phys',
                                               'hypervisor_size')}
    u.zero('reserved', fixed['reserved'] + [fixed['pci']['reserved']] +
           fixed['debug_console']['reserved'])
    system.debug_console = {k: v for k, v in fixed['debug_console'].items()
                            if k != 'reserved'}
    system.pci = {k: v for k, v in fixed['pci'].items() if k != 'reserved'}
    member, layout = abi.PLATFORMS[hdr['arch']]
    u.zero('platform', fixed['platform']['raw'][layout.size // 8:])
    system.platform = fixed['platform'][member]
    offset, size = fixed['root_cell_offset'], fixed['root_cell_size']
    if not size:
        u.fail('root_cell_size', 'zero: the root cell is missing')
    system.iommus, = u.arrays(hdr, fixed, [
        ('iommu_units', abi.IOMMU, abi.MAX_IOMMU_UNITS)],
        [('root_cell_offset', offset, size)])
    for i, unit in enumerate(system.iommus):
        u.zero(f'iommu_units[{i}]', [unit.pop('reserved')])
    system.root = unpack_cell(file, data[offset:offset + size], 'root-cell',
                              True, hdr['arch'])
    return system


def unpack(file, data):
    if data[:4] == abi.SYSTEM_MAGIC.to_bytes(4, 'little'):
        return unpack_system(file, data)
    return unpack_cell(file, data)
