# SPDX-License-Identifier: GPL-2.0
"""Model -> TOML text that compiles back to the same bytes."""
from . import abi, schema
from .model import System
from .values import format_cpus, format_lines


def assignments(fields, values):
    return [f'{f.key} = {f.kind.format(values.get(f.name, 0))}'
            for f in fields]


def table(header, body):
    return ['', header] + body


def console(con):
    if con['type'] in schema.DEVICE_CONSOLES:
        return assignments(schema.CONSOLE, con)
    return assignments(schema.CONSOLE[:1], con)


def region(r):
    phys, virt = schema.REGION[0], schema.REGION[1]
    fields = schema.REGION[2:]
    if r['virt_start'] != r['phys_start']:
        fields = [virt] + fields
    if r['phys_start'] or not r['flags'] & abi.MEM_COMM:
        fields = [phys] + fields
    return assignments(fields, r)


def cell_text(cell):
    where = cell.where
    out = table(f'[{where}]', [f'name = "{cell.name}"'])
    if cell.system_name:
        out.append(f'system = "{cell.system_name}"')
    out.append(f'cpus = {format_cpus(cell.cpus)}')
    if cell.flags:
        out.append(f'flags = {schema.CELL_FLAGS.format(cell.flags)}')
    if cell.cpu_reset_address:
        out += assignments([schema.RESET], vars(cell))
    if cell.console['type'] != abi.CONSOLE_NONE:
        out += table(f'[{where}.console]', console(cell.console))
    for r in cell.regions:
        out += table(f'[[{where}.regions]]', region(r))
    for chip in cell.irqchips:
        out += table(f'[[{where}.irqchips]]',
                     assignments([schema.IRQCHIP_ADDRESS], chip) +
                     [f'lines = {format_lines(chip["lines"])}'])
    for p in cell.pio:
        out += table(f'[[{where}.pio]]', assignments(schema.PIO, p))
    return out


def system_text(system):
    out = table('[system]', [f'name = "{system.name}"'])
    out += table('[system.hypervisor]',
                 assignments(schema.HYPERVISOR, system.hypervisor))
    if system.debug_console['type'] != abi.CONSOLE_NONE:
        out += table('[system.debug-console]', console(system.debug_console))
    out += table('[system.platform]',
                 assignments(schema.PLATFORM[system.arch], system.platform))
    if system.pci.get('ecam_base'):
        out += table('[system.pci]', assignments(schema.PCI, system.pci))
    for unit in system.iommus:
        out += table('[[system.iommu]]', assignments(schema.IOMMU, unit))
    return out + cell_text(system.root)


def dump(config, source):
    out = [f'# Dumped by warden-config from {source}.',
           f'arch = "{abi.ARCH_NAMES[config.arch]}"']
    out += system_text(config) if isinstance(config, System) \
        else cell_text(config)
    return '\n'.join(out) + '\n'
