# SPDX-License-Identifier: GPL-2.0
"""Rules on what a configuration says.

image_problems() mirrors hypervisor/config-check.c: the hypervisor refuses
an image that breaks one of them, so compile refuses it too.  cell_advice()
and Checker are what `check` adds: what makes a cell unusable, or two
configurations clash on one system.  Problems are (path, message) pairs;
findings are finished lines that name the files and cells involved."""
from . import abi, schema
from .model import System
from .values import cpu_text, hex_text

PAGE = abi.PAGE_SIZE
ACCESS = abi.MEM_READ | abi.MEM_WRITE | abi.MEM_EXECUTE
COMM_FLAGS = abi.MEM_READ | abi.MEM_WRITE | abi.MEM_COMM
GICD_SIZE = 0x10000
# Interrupt lines a cell may own, per architecture (arm64: SPIs only).
LINE_LIMITS = {abi.ARCH_ARM64: (32, 1019), abi.ARCH_X86: (0, 239),
               abi.ARCH_RISCV: (1, 1023)}


def span(start, size):
    return f'{hex_text(start)}-{hex_text(start + size - 1)}'


def overlaps(a, a_size, b, b_size):
    return a < b + b_size and b < a + a_size


def wraps(start, size):
    """As in the C validator: the end must be representable in 64 bits."""
    return start + size >= 1 << 64


def covered(start, size, ranges):
    """Is start .. start + size - 1 inside the union of (start, size)s?"""
    end = start + size
    for first, length in sorted(ranges):
        if first <= start < first + length:
            start = first + length
    return start >= end


def console_problems(con, path, arch, in_cell):
    kind = con.get('type', abi.CONSOLE_NONE)
    address, size = con.get('address', 0), con.get('size', 0)
    width, shift = con.get('io_width', 0), con.get('reg_shift', 0)
    if kind not in abi.CONSOLE_TYPES.values():
        return [(f'{path}.type', f'unknown console type {kind}')]
    if kind == abi.CONSOLE_HYPERVISOR and not in_cell:
        return [(f'{path}.type', '"hypervisor" is for cells; the debug '
                 'console needs a device')]
    if kind == abi.CONSOLE_SBI and arch != abi.ARCH_RISCV:
        return [(f'{path}.type', '"sbi" exists on riscv only')]
    if kind not in schema.DEVICE_CONSOLES:
        if address or size or width or shift:
            return [(path, 'address, size, io-width and reg-shift do not '
                     'apply to this console type: remove them')]
        return []
    if not size or wraps(address, size):
        return [(f'{path}.size', 'must not be zero or run past 2^64')]
    if kind != abi.CONSOLE_8250_PIO:
        if width not in (1, 2, 4):
            return [(f'{path}.io-width', f'{width}: must be 1, 2 or 4')]
        if shift > 3:
            return [(f'{path}.reg-shift', f'{shift}: must be 0..3')]
        return []
    if arch != abi.ARCH_X86:
        return [(f'{path}.type', '"8250-pio" exists on x86 only')]
    if address + size > abi.PIO_LIMIT:
        return [(f'{path}.address', f'ports {span(address, size)} go '
                 'beyond port 0xffff')]
    if width != 1 or shift:
        return [(f'{path}.io-width', '8250-pio takes io-width 1 and '
                 'reg-shift 0')]
    return []


def region_problems(cell, i, r):
    path = f'{cell.where}.regions[{i}]'
    flags, size = r['flags'], r['size']
    out = []
    if flags & ~abi.MEM_KNOWN:
        out.append((f'{path}.flags', f'unknown flag bits {hex_text(flags)}'))
    if not flags & ACCESS:
        out.append((f'{path}.flags', 'gives no access: add "read", "write" '
                    'or "execute"'))
    if not size:
        out.append((f'{path}.size', 'must not be zero'))
    for key, value in (('phys', r['phys_start']), ('virt', r['virt_start']),
                       ('size', size)):
        if value % PAGE:
            out.append((f'{path}.{key}', f'{hex_text(value)} is not a '
                        'multiple of the page size (4 KiB)'))
    if wraps(r['phys_start'], size) or wraps(r['virt_start'], size):
        out.append((f'{path}.size', 'runs past the end of the address '
                    'space'))
    if flags & abi.MEM_COMM:
        if cell.root:
            out.append((f'{path}.flags', 'the root cell has no comm region'))
        if r['phys_start']:
            out.append((f'{path}.phys', 'a comm region has no phys: the '
                        'hypervisor provides the page; remove phys'))
        if size != PAGE or flags & ~COMM_FLAGS:
            out.append((path, 'a comm region is one page (size = "4 KiB") '
                        'with flags from "read", "write", "comm"'))
    if cell.root and flags & (abi.MEM_LOADABLE | abi.MEM_ROOT_SHARED):
        out.append((f'{path}.flags', '"loadable" and "root-shared" are for '
                    'non-root cells'))
    if cell.root and r['virt_start'] != r['phys_start']:
        out.append((f'{path}.virt', 'the root cell maps memory 1:1: remove '
                    'virt or make it equal to phys'))
    return out


def region_name(cell, i, space='phys'):
    r = cell.regions[i]
    start = r['phys_start'] if space == 'phys' else r['virt_start']
    return f'{cell.where}.regions[{i}] ({space} {span(start, r["size"])})'


def regions_problems(cell):
    out = []
    if len(cell.regions) > abi.MAX_MEMORY_REGIONS:
        out.append((f'{cell.where}.regions', f'more than '
                    f'{abi.MAX_MEMORY_REGIONS} regions'))
    comm = [i for i, r in enumerate(cell.regions)
            if r['flags'] & abi.MEM_COMM]
    if len(comm) > 1:
        out.append((f'{cell.where}.regions[{comm[1]}]', 'a second comm '
                    f'region (the first is regions[{comm[0]}])'))
    for i, r in enumerate(cell.regions):
        out += region_problems(cell, i, r)
        for j, q in enumerate(cell.regions[:i]):
            for space in ('virt', 'phys'):
                if space == 'phys' and (r['flags'] | q['flags']) & \
                   abi.MEM_COMM:
                    continue
                if overlaps(r[f'{space}_start'], r['size'],
                            q[f'{space}_start'], q['size']):
                    out.append((region_name(cell, i, space), 'overlaps '
                                f'{region_name(cell, j, space)} in the same '
                                'cell: shrink or move one of them'))
    if not cell.root and not comm:
        out.append((f'{cell.where}.regions', 'no comm region (a cell needs '
                    'one: the root asks it to stop through it): add one '
                    'with virt = "0x80000000", size = "4 KiB", flags = '
                    '["read", "write", "comm"]'))
    return out


def irqchip_problems(cell):
    low, high = LINE_LIMITS[cell.arch]
    out, seen = [], {}
    windows = {(chip['address'], line // abi.IRQCHIP_WINDOW)
               for chip in cell.irqchips for line in chip['lines']}
    if len(windows) > abi.MAX_IRQCHIPS:
        out.append((f'{cell.where}.irqchips', 'lines too scattered: more '
                    f'than {abi.MAX_IRQCHIPS} windows of 128 lines'))
    for i, chip in enumerate(cell.irqchips):
        path = f'{cell.where}.irqchips[{i}]'
        if not chip['address']:
            out.append((f'{path}.address', 'must not be zero'))
        if chip['address'] in seen:
            out.append((f'{path}.address', 'also the address of '
                        f'irqchips[{seen[chip["address"]]}]: merge their '
                        'lines into one entry'))
        seen.setdefault(chip['address'], i)
        if not chip['lines']:
            out.append((f'{path}.lines', 'empty: list lines or remove the '
                        'entry'))
        bad = sorted(n for n in chip['lines'] if not low <= n <= high)
        if bad:
            out.append((f'{path}.lines', f'line {bad[0]} is out of range: '
                        f'{abi.ARCH_NAMES[cell.arch]} cells own lines '
                        f'{low}..{high}'))
    return out


def pio_problems(cell):
    out = []
    if cell.pio and cell.arch != abi.ARCH_X86:
        return [(f'{cell.where}.pio', 'I/O ports exist on x86 only')]
    if len(cell.pio) > abi.MAX_PIO_RANGES:
        out.append((f'{cell.where}.pio', f'more than {abi.MAX_PIO_RANGES} '
                    'ranges'))
    for i, p in enumerate(cell.pio):
        path = f'{cell.where}.pio[{i}]'
        if not p['size'] or p['base'] + p['size'] > abi.PIO_LIMIT:
            out.append((path, 'empty, or goes beyond port 0xffff'))
        for j, q in enumerate(cell.pio[:i]):
            if overlaps(p['base'], p['size'], q['base'], q['size']):
                out.append((path, f'ports {span(p["base"], p["size"])} '
                            f'overlap pio[{j}]'))
    return out


def cell_problems(cell):
    out = []
    if not cell.cpus:
        out.append((f'{cell.where}.cpus', 'no CPU: a cell needs at least '
                    'one'))
    if cell.root and (cell.flags or cell.system_name or
                      cell.cpu_reset_address or
                      cell.console.get('type', 0) != abi.CONSOLE_NONE):
        out.append((cell.where, 'the root cell has no flags, system, '
                    'cpu-reset-address or console'))
    out += console_problems(cell.console, f'{cell.where}.console', cell.arch,
                            True)
    return out + regions_problems(cell) + irqchip_problems(cell) + \
        pio_problems(cell)


def nonzero_aligned(align):
    return lambda v: v and not v % align


PLATFORM_RULES = {
    abi.ARCH_ARM64: [
        ('gic_version', lambda v: v == 3, 'only GICv3 (3) is supported'),
        ('gicd_base', nonzero_aligned(0x10000), 'zero or not 64 KiB aligned'),
        ('gicr_base', nonzero_aligned(0x10000), 'zero or not 64 KiB aligned'),
        ('gicr_size', nonzero_aligned(0x20000),
         'zero or not a multiple of 128 KiB (one redistributor)'),
        ('maintenance_irq', lambda v: 16 <= v <= 31, 'not a PPI (16..31)'),
    ],
    abi.ARCH_X86: [
        ('ioapic_base', nonzero_aligned(PAGE), 'zero or not page aligned'),
        ('lapic_base', nonzero_aligned(PAGE), 'zero or not page aligned'),
        ('ioapic_pins', lambda v: 1 <= v <= 240, 'not 1..240'),
        ('pm_timer_port', lambda v: v <= abi.PIO_LIMIT - 4,
         'beyond the I/O port space'),
    ],
    abi.ARCH_RISCV: [
        ('irqchip_type', lambda v: v in abi.IRQCHIP_TYPES.values(),
         'neither "plic" nor "aplic"'),
        ('irqchip_base', nonzero_aligned(PAGE), 'zero or not page aligned'),
        ('irqchip_size', nonzero_aligned(PAGE), 'zero or not page aligned'),
        ('clint_base', lambda v: not v % PAGE, 'not page aligned'),
        ('clint_size', lambda v: not v % PAGE, 'not page aligned'),
        ('timebase_frequency', bool, 'must not be zero'),
        ('max_irq', lambda v: 1 <= v <= 1023, 'not 1..1023'),
    ],
}


def show(name, value):
    return hex_text(value) if name.endswith(('_base', '_size')) else value


def platform_problems(system):
    p = system.platform
    keys = {f.name: f.key for f in schema.PLATFORM[system.arch]}
    out = [(f'system.platform.{keys[name]}', f'{show(name, p[name])}: '
            f'{message}')
           for name, good, message in PLATFORM_RULES[system.arch]
           if not good(p[name])]
    if system.arch == abi.ARCH_ARM64:
        if wraps(p['gicd_base'], GICD_SIZE):
            out.append(('system.platform.gicd', 'runs past 2^64'))
        if wraps(p['gicr_base'], p['gicr_size']):
            out.append(('system.platform.gicr-size', 'runs past 2^64'))
    if system.arch == abi.ARCH_X86 and wraps(p['lapic_base'], PAGE):
        out.append(('system.platform.lapic', 'runs past 2^64'))
    if system.arch == abi.ARCH_RISCV:
        if wraps(p['irqchip_base'], p['irqchip_size']) or \
           wraps(p['clint_base'], p['clint_size']):
            out.append(('system.platform', 'irqchip or clint runs past 2^64'))
        if bool(p['clint_base']) != bool(p['clint_size']):
            out.append(('system.platform.clint-size', 'give both clint and '
                        'clint-size, or neither'))
    return out


def pci_problems(pci):
    ecam, domain = pci.get('ecam_base', 0), pci.get('domain', 0)
    first, last = pci.get('bus_start', 0), pci.get('bus_end', 0)
    if not ecam:
        return [('system.pci', 'bus range or domain without ecam')] \
            if domain or first or last else []
    if first > last:
        return [('system.pci.bus-end', f'{last} is below bus-start {first}')]
    if ecam % (1 << 20) or wraps(ecam, (last - first + 1) << 20):
        return [('system.pci.ecam', f'{hex_text(ecam)} is not 1 MiB '
                 'aligned, or the buses run past 2^64')]
    return []


def iommu_problems(system):
    """warden does not program IOMMUs yet: a unit would promise DMA
    isolation that nothing enforces."""
    if not system.iommus:
        return []
    return [('system.iommu', 'not supported yet (warden does not program '
             'IOMMUs, so nothing would keep DMA in bounds): remove '
             '[[system.iommu]]')]


def emulated_devices(system):
    """What the hypervisor emulates at a physical address, so that no cell
    may map it: (what, start, size, the keys that place it)."""
    p = system.platform
    if system.arch == abi.ARCH_ARM64:
        return [('the GIC distributor', p['gicd_base'], GICD_SIZE,
                 'system.platform.gicd'),
                ('the GIC redistributors', p['gicr_base'], p['gicr_size'],
                 'system.platform.gicr, gicr-size')]
    if system.arch == abi.ARCH_X86:
        return [('the local APIC page', p['lapic_base'], PAGE,
                 'system.platform.lapic')]
    return []


def emulated_problems(system, cell):
    """Regions of cell over an emulated device: mapped, the device would be
    the cell's past the emulation."""
    out = []
    for i, r in enumerate(cell.regions):
        if r['flags'] & abi.MEM_COMM:
            continue
        for what, start, size, keys in emulated_devices(system):
            if not overlaps(r['phys_start'], r['size'], start, size):
                continue
            where = f'({keys})' if cell.root else \
                f"of system '{system.name}' ({system.file}: {keys})"
            out.append((region_name(cell, i), f'covers {what} at '
                        f'{span(start, size)} {where}, which the '
                        'hypervisor emulates: remove the region from '
                        f'[[{cell.where}.regions]]'))
    return out


def system_irqchip(system):
    """The interrupt controller cells' lines refer to: (address, last line,
    where the system names it)."""
    p = system.platform
    if system.arch == abi.ARCH_ARM64:
        return p['gicd_base'], 1019, 'system.platform.gicd'
    if system.arch == abi.ARCH_X86:
        return p['ioapic_base'], p['ioapic_pins'] - 1, 'system.platform.ioapic'
    return p['irqchip_base'], p['max_irq'], 'system.platform.irqchip-base'


def system_problems(system):
    hv = system.hypervisor
    phys, size = hv['hypervisor_phys'], hv['hypervisor_size']
    out = []
    if not size or phys % PAGE or size % PAGE or wraps(phys, size):
        out.append(('system.hypervisor', 'phys and size must be non-zero '
                    'multiples of 4 KiB'))
    out += console_problems(system.debug_console, 'system.debug-console',
                            system.arch, False)
    out += pci_problems(system.pci) + iommu_problems(system)
    out += platform_problems(system)
    root = system.root
    for i, r in enumerate(root.regions):
        if overlaps(r['phys_start'], r['size'], phys, size):
            out.append((region_name(root, i), 'overlaps the hypervisor '
                        f'memory {span(phys, size)}: leave it out of the '
                        'root cell'))
    out += emulated_problems(system, root)
    address, last, where = system_irqchip(system)
    for i, chip in enumerate(root.irqchips):
        if chip['address'] != address:
            out.append((f'root-cell.irqchips[{i}].address',
                        f'{hex_text(chip["address"])} is not the interrupt '
                        f'controller of the system ({where} = '
                        f'{hex_text(address)})'))
        if any(line > last for line in chip['lines']):
            out.append((f'root-cell.irqchips[{i}].lines', f'lines above '
                        f'{last}, the last one the controller has'))
    return out


def image_problems(config):
    """(path, message) for everything the hypervisor would refuse."""
    if isinstance(config, System):
        return system_problems(config) + cell_problems(config.root)
    return cell_problems(config)


def cell_advice(cell):
    """What a non-root cell lacks to run as warden cells do."""
    out = []
    con = cell.console
    if con.get('type', 0) == abi.CONSOLE_NONE:
        out.append((f'{cell.where}.console', 'missing: add [cell.console] '
                    'with type = "hypervisor" (or the cell\'s own UART)'))
    elif con['type'] == abi.CONSOLE_8250_PIO:
        if not covered(con['address'], con['size'],
                       [(p['base'], p['size']) for p in cell.pio]):
            out.append((f'{cell.where}.console', f'ports '
                        f'{span(con["address"], con["size"])} are not in '
                        'the cell\'s pio ranges: add them'))
    elif con['type'] in schema.DEVICE_CONSOLES:
        io = [(r['virt_start'], r['size']) for r in cell.regions
              if r['flags'] & abi.MEM_IO]
        if not covered(con['address'], con['size'], io):
            out.append((f'{cell.where}.console', f'device at '
                        f'{span(con["address"], con["size"])} is not in an '
                        '"io" region of the cell: add one'))
    return out


DMA_NOTE = ('note: "dma" is not enforced: warden programs no IOMMU yet, so '
            'a device the cell drives can reach any memory, not only this '
            'region')


def dma_notes(cell):
    """(path, note) per region that claims DMA: nothing confines it."""
    return [(region_name(cell, i), DMA_NOTE)
            for i, r in enumerate(cell.regions) if r['flags'] & abi.MEM_DMA]


class Checker:
    """Findings about cells on a system: each line names the files, the
    cells, the regions or lines, and what to change.  notes are lines about
    what the configurations ask for and warden does not enforce: they are
    not findings."""

    def __init__(self, system, cells):
        self.system, self.cells, self.lines = system, cells, []
        self.root = system.root
        self.notes = [f'{cell.label()}: {path}: {note}'
                      for cell in [self.root] + cells
                      for path, note in dma_notes(cell)]

    def add(self, cell, path, message):
        self.lines.append(f'{cell.label()}: {path}: {message}')

    def run(self):
        for config, problems in [(self.system, image_problems(self.system))] \
                + [(c, image_problems(c)) for c in self.cells]:
            for path, message in problems:
                self.lines.append(f'{config.label()}: {path}: {message}')
        self.names()
        for cell in self.cells:
            if cell.arch != self.system.arch:
                self.add(cell, 'arch', f'the cell is for '
                         f'{abi.ARCH_NAMES[cell.arch]}, system '
                         f'\'{self.system.name}\' ({self.system.file}) is '
                         f'{abi.ARCH_NAMES[self.system.arch]}: use a '
                         'configuration written for that system')
                continue
            for path, message in cell_advice(cell):
                self.add(cell, path, message)
            self.fits_system(cell)
            self.fits_root(cell)
        self.clashes()
        return self.lines

    def names(self):
        seen = {}
        for cell in [self.root] + self.cells:
            if cell.name in seen:
                self.add(cell, f'{cell.where}.name', f'also the name of the '
                         f'cell in {seen[cell.name].file}: rename one')
            seen.setdefault(cell.name, cell)

    def fits_system(self, cell):
        system = self.system
        if cell.system_name and cell.system_name != system.name:
            self.add(cell, 'cell.system', f"meant for system "
                     f"'{cell.system_name}', not '{system.name}' "
                     f"({system.file}): use a cell written for it, or fix "
                     "the name")
        phys = system.hypervisor['hypervisor_phys']
        size = system.hypervisor['hypervisor_size']
        for i, r in enumerate(cell.regions):
            if not r['flags'] & abi.MEM_COMM and \
               overlaps(r['phys_start'], r['size'], phys, size):
                self.add(cell, region_name(cell, i), 'overlaps the '
                         f'hypervisor memory {span(phys, size)} of system '
                         f"'{system.name}' ({system.file}): move the region "
                         f'to {hex_text(phys + size)} or above')
        for path, message in emulated_problems(system, cell):
            self.add(cell, path, message)
        address, _, where = system_irqchip(system)
        for i, chip in enumerate(cell.irqchips):
            if chip['address'] != address:
                self.add(cell, f'cell.irqchips[{i}].address',
                         f'{hex_text(chip["address"])} is not the interrupt '
                         f'controller of system \'{system.name}\' '
                         f'({system.file}: {where} = {hex_text(address)})')

    def fits_root(self, cell):
        root = self.root
        label = f"root cell '{root.name}' ({root.file})"
        if 0 in cell.cpus:
            self.add(cell, 'cell.cpus', 'takes CPU 0, which stays with the '
                     'root cell: pick another CPU')
        foreign = cell.cpus - root.cpus
        if foreign:
            self.add(cell, 'cell.cpus', f'CPUs {cpu_text(foreign)} are not '
                     f'CPUs of the {label}: pick from {cpu_text(root.cpus)}')
        elif root.cpus <= cell.cpus:
            self.add(cell, 'cell.cpus', f'takes all CPUs of the {label}: '
                     'leave it at least one')
        ram = [(r['phys_start'], r['size']) for r in root.regions]
        for i, r in enumerate(cell.regions):
            if not r['flags'] & abi.MEM_COMM and \
               not covered(r['phys_start'], r['size'], ram):
                self.add(cell, region_name(cell, i), 'is not memory of the '
                         f'{label}: a cell\'s memory comes out of the root '
                         'cell\'s regions (on QEMU, the reserved area after '
                         'the hypervisor)')
        root_lines = {}
        for chip in root.irqchips:
            root_lines.setdefault(chip['address'], set()).update(chip['lines'])
        for i, chip in enumerate(cell.irqchips):
            extra = chip['lines'] - root_lines.get(chip['address'], set())
            if extra:
                self.add(cell, f'cell.irqchips[{i}].lines', f'line '
                         f'{min(extra)} is not a line of the {label}')
        ports = [(p['base'], p['size']) for p in root.pio]
        for i, p in enumerate(cell.pio):
            if not covered(p['base'], p['size'], ports):
                self.add(cell, f'cell.pio[{i}]', f'ports '
                         f'{span(p["base"], p["size"])} are not ports of the '
                         f'{label}')

    def clashes(self):
        """Two non-root cells that want the same thing."""
        taken = set()
        for n, cell in enumerate(self.cells):
            taken |= cell.cpus
            for other in self.cells[:n]:
                if cell.arch == other.arch == self.system.arch:
                    self.clash(cell, other)
        if self.cells and self.root.cpus <= taken:
            self.add(self.cells[-1], 'cell.cpus', 'together the cells take '
                     f'all CPUs of the root cell ({cpu_text(taken)}): '
                     'leave it at least one')

    def clash(self, cell, other):
        theirs = f"cell '{other.name}' ({other.file})"
        common = cell.cpus & other.cpus
        if common:
            self.add(cell, 'cell.cpus', f'CPUs {cpu_text(common)} also '
                     f'belong to {theirs}: give each cell its own CPUs')
        for i, r in enumerate(cell.regions):
            for j, q in enumerate(other.regions):
                if (r['flags'] | q['flags']) & abi.MEM_COMM or \
                   not overlaps(r['phys_start'], r['size'],
                                q['phys_start'], q['size']):
                    continue
                if r['flags'] & q['flags'] & abi.MEM_ROOT_SHARED:
                    continue
                self.add(cell, region_name(cell, i), 'overlaps '
                         f'{region_name(other, j)} of {theirs}: move one, or '
                         'mark both "root-shared" to share them')
        for i, chip in enumerate(cell.irqchips):
            for j, their in enumerate(other.irqchips):
                both = chip['lines'] & their['lines'] \
                    if chip['address'] == their['address'] else set()
                if both:
                    self.add(cell, f'cell.irqchips[{i}].lines', f'line '
                             f'{min(both)} of {hex_text(chip["address"])} '
                             f'is also owned by {theirs}, irqchips[{j}]: '
                             'an interrupt line has one owner')
        for i, p in enumerate(cell.pio):
            for j, q in enumerate(other.pio):
                if overlaps(p['base'], p['size'], q['base'], q['size']):
                    self.add(cell, f'cell.pio[{i}]', f'ports overlap pio[{j}] '
                             f'of {theirs}')
