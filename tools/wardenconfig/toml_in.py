# SPDX-License-Identifier: GPL-2.0
"""TOML -> model.  Collects every structural error (unknown or missing keys,
wrong types, bad numbers) before giving up, so that one run shows them all.
Semantic rules (overlaps, alignment, ...) are in rules.py."""
import difflib
import re
import tomllib

from . import abi, schema
from .model import Cell, ConfigError, System
from .values import Enum, describe, parse_name, parse_ranges


class Reader:
    def __init__(self, file):
        self.file = file
        self.errors = []

    def error(self, path, message):
        self.errors.append(f'{self.file}: {path}: {message}')

    def table(self, value, path, keys):
        """Check that value is a table with no key outside keys."""
        if value is None:
            self.error(path, 'missing')
            return {}
        if not isinstance(value, dict):
            self.error(path, f'expected a table, got {describe(value)}')
            return {}
        for key in value:
            if key not in keys:
                close = difflib.get_close_matches(key, keys, 1)
                hint = f" (did you mean '{close[0]}'?)" if close else \
                       f' (known keys: {", ".join(keys)})'
                self.error(f'{path}.{key}', 'unknown key' + hint)
        return value

    def tables(self, parent, key, path):
        """An optional array of tables."""
        value = parent.get(key, [])
        if not isinstance(value, list) or \
           not all(isinstance(item, dict) for item in value):
            self.error(f'{path}.{key}', f'expected an array of tables '
                       f'([[{path}.{key}]]), got {describe(value)}')
            return []
        return value

    def value(self, table, key, path, parse, default=schema.REQUIRED):
        """Parse table[key]; None after an error or if a required key is
        missing."""
        if key not in table:
            if default is schema.REQUIRED:
                self.error(f'{path}.{key}', 'missing')
                return None
            return default
        try:
            return parse(table[key])
        except ValueError as e:
            self.error(f'{path}.{key}', str(e))
            return None

    def field(self, table, path, f, layout):
        """One schema.Field, checked against the width of its C field."""
        value = self.value(table, f.key, path, f.kind.parse, f.default)
        if value is not None and value > layout.max_value(f.name):
            self.error(f'{path}.{f.key}', f'{value:#x} is out of range '
                       f'(at most {layout.max_value(f.name):#x})')
            return None
        return value

    def fields(self, table, path, fields, layout):
        """Read the keys described by fields into a dict of C fields."""
        table = self.table(table, path, [f.key for f in fields])
        result = {}
        for f in fields:
            value = self.field(table, path, f, layout)
            if value is not None:
                result[f.name] = value
        return result


def read_console(r, table, path):
    console = r.fields(table, path, schema.CONSOLE, abi.CONSOLE)
    console.setdefault('io_width',
                       schema.IO_WIDTH.get(console.get('type'), 0))
    return console


def read_region(r, table, path):
    region = r.fields(table, path, schema.REGION, abi.REGION)
    if 'phys_start' not in region:
        if region.get('flags', 0) & abi.MEM_COMM:
            region['phys_start'] = 0
        elif 'phys' not in table:
            r.error(f'{path}.phys', 'missing (only comm regions have none)')
    region.setdefault('virt_start', region.get('phys_start'))
    return region


def read_irqchip(r, table, path):
    table = r.table(table, path, ['address', 'lines'])
    address = r.field(table, path, schema.IRQCHIP_ADDRESS, abi.IRQCHIP)
    lines = r.value(table, 'lines', path,
                    lambda v: parse_ranges(v, 'interrupt line'))
    return {'address': address or 0, 'lines': lines or set()}


def read_cell(r, table, where, arch, root, default_name=''):
    cell = Cell(file=r.file, where=where, arch=arch, root=root)
    keys = schema.ROOT_CELL_KEYS if root else schema.CELL_KEYS
    table = r.table(table, where, keys)
    cell.name = r.value(table, 'name', where, parse_name,
                        default_name if root else schema.REQUIRED) or ''
    cell.system_name = r.value(table, 'system', where, parse_name, '')
    cpus = r.value(table, 'cpus', where, lambda v: parse_ranges(v, 'CPU'))
    for cpu in sorted(cpus or ()):
        if cpu >= abi.MAX_CPUS:
            r.error(f'{where}.cpus', f'CPU {cpu} is out of range '
                    f'(0..{abi.MAX_CPUS - 1})')
    cell.cpus = cpus or set()
    cell.flags = r.value(table, 'flags', where, schema.CELL_FLAGS.parse, 0)
    cell.cpu_reset_address = r.field(table, where, schema.RESET, abi.CELL)
    if 'console' in table:
        cell.console = read_console(r, table['console'], f'{where}.console')
    else:
        cell.console = {'type': abi.CONSOLE_NONE}
    cell.regions = [read_region(r, t, f'{where}.regions[{i}]')
                    for i, t in enumerate(r.tables(table, 'regions', where))]
    cell.irqchips = [read_irqchip(r, t, f'{where}.irqchips[{i}]')
                     for i, t in enumerate(r.tables(table, 'irqchips', where))]
    cell.pio = [r.fields(t, f'{where}.pio[{i}]', schema.PIO, abi.PIO)
                for i, t in enumerate(r.tables(table, 'pio', where))]
    return cell


def read_system(r, data, arch):
    system = System(file=r.file, arch=arch)
    table = r.table(data['system'], 'system', schema.SYSTEM_KEYS)
    system.name = r.value(table, 'name', 'system', parse_name)
    system.hypervisor = r.fields(table.get('hypervisor'), 'system.hypervisor',
                                 schema.HYPERVISOR, abi.SYSTEM)
    if 'debug-console' in table:
        system.debug_console = read_console(r, table['debug-console'],
                                            'system.debug-console')
    else:
        system.debug_console = {'type': abi.CONSOLE_NONE}
    platform = abi.PLATFORMS[arch][1]
    system.platform = r.fields(table.get('platform'), 'system.platform',
                               schema.PLATFORM[arch], platform)
    if 'pci' in table:
        system.pci = r.fields(table['pci'], 'system.pci', schema.PCI, abi.PCI)
    system.iommus = [r.fields(t, f'system.iommu[{i}]', schema.IOMMU, abi.IOMMU)
                     for i, t in enumerate(r.tables(table, 'iommu', 'system'))]
    if 'root-cell' not in data:
        r.error('root-cell', 'missing: a system configuration describes '
                'its root cell in a [root-cell] table')
        return system
    system.root = read_cell(r, data['root-cell'], 'root-cell', arch, True,
                            system.name or '')
    return system


def syntax_error(file, error):
    """tomllib says "what (at line L, column C)"; make it FILE:L: what."""
    text = str(error)
    match = re.fullmatch(r'(.*) \(at line (\d+), column (\d+)\)', text)
    if match:
        return f'{file}:{match[2]}: {match[1]} (column {match[3]})'
    return f'{file}: {text}'


def parse(file, data):
    """Bytes of a TOML file -> System or Cell, or ConfigError."""
    try:
        tree = tomllib.loads(data.decode('utf-8'))
    except UnicodeDecodeError:
        raise ConfigError([f'{file}: neither UTF-8 TOML nor a compiled '
                           'configuration']) from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError([syntax_error(file, e)]) from None
    r = Reader(file)
    kind = 'system' if 'system' in tree else 'cell'
    top = ['arch', 'system', 'root-cell'] if kind == 'system' else \
          ['arch', 'cell']
    r.table(tree, '(top level)', top)
    arch = r.value(tree, 'arch', '(top level)',
                   Enum(abi.ARCHES, 'architecture').parse)
    if kind == 'cell' and 'cell' not in tree:
        r.error('(top level)', 'neither a [system] nor a [cell] table')
    elif arch is not None:
        if kind == 'system':
            config = read_system(r, tree, arch)
        else:
            config = read_cell(r, tree['cell'], 'cell', arch, False)
    if r.errors:
        raise ConfigError(r.errors)
    return config
