# SPDX-License-Identifier: GPL-2.0
"""warden-config check: one small bad configuration per finding."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from confighelp import ToolCase  # noqa: E402

SYSTEM = '''
arch = "arm64"

[system]
name = "board"

[system.hypervisor]
phys = "0x70000000"
size = "16 MiB"

[system.platform]
gicd = "0x08000000"
gicr = "0x080a0000"
gicr-size = "512 KiB"

[root-cell]
cpus = "0-3"

[[root-cell.regions]]
phys = "0x40000000"
size = "768 MiB"
flags = ["read", "write", "execute", "dma"]

[[root-cell.regions]]
phys = "0x71000000"
size = "240 MiB"
flags = ["read", "write", "dma"]

[[root-cell.irqchips]]
address = "0x08000000"
lines = ["32-95"]
'''

COMM = '''
[[cell.regions]]
virt = "0x80000000"
size = "4 KiB"
flags = ["read", "write", "comm"]
'''


def cell(name='one', cpus='[3]', phys='0x71000000', size='4 MiB',
         flags='"read", "write", "execute", "loadable"', arch='arm64',
         console='type = "hypervisor"', comm=COMM, extra=''):
    text = f'''
arch = "{arch}"

[cell]
name = "{name}"
cpus = {cpus}
'''
    if console:
        text += f'\n[cell.console]\n{console}\n'
    return text + f'''
[[cell.regions]]
phys = "{phys}"
virt = "0x0"
size = "{size}"
flags = [{flags}]
''' + comm + extra


class Check(ToolCase):
    def check(self, *cells):
        """Check SYSTEM with cells; return the finding lines (may be [])."""
        paths = [self.write(f'cell{i}.toml', text)
                 for i, text in enumerate(cells)]
        result = self.tool('check', self.write('system.toml', SYSTEM), *paths)
        if result.returncode == 0:
            self.assertIn('no findings', result.stdout)
            return []
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertRegex(result.stderr, r'\d+ findings?')
        return result.stdout.splitlines()

    def finding(self, *cells, want):
        """Exactly the findings that mention want; there must be one."""
        lines = self.check(*cells)
        hits = [line for line in lines if all(w in line for w in want)]
        self.assertTrue(hits, f'no finding with {want} in {lines}')
        return hits[0]

    def test_clean(self):
        self.assertEqual(self.check(cell(), cell('two', '[2]', '0x71400000')),
                         [])

    def test_overlap_inside_a_cell(self):
        extra = ('\n[[cell.regions]]\nphys = "0x71200000"\n'
                 'virt = "0x00400000"\nsize = "4 MiB"\nflags = ["read"]\n')
        line = self.finding(cell(extra=extra), want=[
            "cell0.toml: cell 'one'", 'cell.regions[2] (phys 0x71200000-',
            'overlaps cell.regions[0] (phys 0x71000000-0x713fffff)'])
        self.assertIn('shrink or move', line)

    def test_overlap_with_the_hypervisor(self):
        line = self.finding(cell(phys='0x70f00000'), want=[
            'cell.regions[0]', 'hypervisor memory 0x70000000-0x70ffffff',
            'system.toml'])
        self.assertIn('move the region to 0x71000000 or above', line)

    def test_cells_sharing_a_cpu(self):
        line = self.finding(cell(), cell('two', '[3]', '0x71400000'), want=[
            "cell 'two'", 'cell.cpus', 'CPUs 3 also belong to',
            "cell 'one'"])
        self.assertIn('cell0.toml', line)

    def test_cells_sharing_memory(self):
        self.finding(cell(), cell('two', '[2]', phys='0x71200000'), want=[
            "cell1.toml: cell 'two'", 'cell.regions[0] (phys 0x71200000',
            "of cell 'one' (", 'root-shared'])

    def test_root_shared_memory_may_be_shared(self):
        shared = '"read", "write", "root-shared"'
        extra = ('\n[[cell.regions]]\nphys = "0x72000000"\nvirt = '
                 '"0x01000000"\nsize = "1 MiB"\nflags = [' + shared + ']\n')
        self.assertEqual(self.check(cell(extra=extra),
                                    cell('two', '[2]', '0x71400000',
                                         extra=extra)), [])

    def test_cpu_zero(self):
        self.finding(cell(cpus='[0]'), want=['takes CPU 0'])

    def test_all_root_cpus(self):
        self.finding(cell(cpus='"0-3"'), want=['takes all CPUs of the root'])

    def test_cpu_the_root_lacks(self):
        self.finding(cell(cpus='[7]'), want=['CPUs 7 are not CPUs of the '
                                             "root cell 'board'"])

    def test_unaligned_region(self):
        self.finding(cell(size='0x1800'), want=[
            'cell.regions[0].size', '0x00001800 is not a multiple of the page '
            'size'])
        self.finding(cell(phys='0x71000800'), want=['cell.regions[0].phys'])

    def test_interrupt_line_owned_twice(self):
        lines = '\n[[cell.irqchips]]\naddress = "0x08000000"\nlines = [{}]\n'
        self.finding(cell(extra=lines.format('40, 41')),
                     cell('two', '[2]', '0x71400000',
                          extra=lines.format('"41-43"')),
                     want=['cell.irqchips[0].lines', 'line 41 of 0x08000000',
                           "also owned by cell 'one'"])

    def test_interrupt_line_not_of_the_root(self):
        extra = '\n[[cell.irqchips]]\naddress = "0x08000000"\nlines = [200]\n'
        self.finding(cell(extra=extra), want=['line 200 is not a line of'])

    def test_interrupt_controller_not_of_the_system(self):
        extra = '\n[[cell.irqchips]]\naddress = "0x09000000"\nlines = [40]\n'
        self.finding(cell(extra=extra), want=['irqchips[0].address',
                                              'not the interrupt controller'])

    def test_console_missing(self):
        self.finding(cell(console=''), want=['cell.console: missing',
                                             'type = "hypervisor"'])

    def test_console_device_not_mapped(self):
        console = ('type = "pl011"\naddress = "0x09000000"\n'
                   'size = "4 KiB"')
        self.finding(cell(console=console), want=['cell.console',
                                                  'not in an "io" region'])

    def test_comm_region_missing(self):
        self.finding(cell(comm=''), want=['no comm region'])

    def test_other_architecture(self):
        self.finding(cell(arch='riscv'), want=['the cell is for riscv',
                                               "system 'board'", 'arm64'])

    def test_memory_outside_the_root_cell(self):
        self.finding(cell(phys='0x90000000'), want=[
            'cell.regions[0] (phys 0x90000000-0x903fffff)',
            "is not memory of the root cell 'board'"])

    def test_meant_for_another_system(self):
        text = cell().replace('[cell]\n', '[cell]\nsystem = "other"\n')
        self.finding(text, want=["meant for system 'other', not 'board'"])

    def test_duplicate_names(self):
        self.finding(cell(), cell('one', '[2]', '0x71400000'),
                     want=['cell.name', 'also the name of the cell in'])

    def test_system_given_as_a_cell(self):
        out = self.fails('check', self.write('system.toml', SYSTEM),
                         self.write('again.toml', SYSTEM))
        self.assertIn('again.toml: a system configuration', out)

    def test_cell_given_first(self):
        out = self.fails('check', self.write('cell.toml', cell()))
        self.assertIn('check takes the system configuration first', out)

    def test_findings_on_compiled_cells(self):
        bad = self.compile(self.write('bad.toml', cell(cpus='[0]')))
        result = self.tool('check', self.write('system.toml', SYSTEM), bad)
        self.assertEqual(result.returncode, 1)
        self.assertIn("bad.cell: cell 'one': cell.cpus: takes CPU 0",
                      result.stdout)

    def test_cell_region_over_the_gic(self):
        extra = ('\n[[cell.regions]]\nphys = "0x08000000"\n'
                 'size = "64 KiB"\nflags = ["read", "write", "io"]\n')
        line = self.finding(cell(extra=extra), want=[
            "cell0.toml: cell 'one': cell.regions[2] (phys "
            '0x08000000-0x0800ffff): covers the GIC distributor at '
            "0x08000000-0x0800ffff of system 'board' (",
            'system.toml: system.platform.gicd), which the hypervisor '
            'emulates'])
        self.assertTrue(line.endswith('remove the region from '
                                      '[[cell.regions]]'), line)

    def test_root_region_over_the_gic(self):
        extra = ('\n[[root-cell.regions]]\nphys = "0x08100000"\n'
                 'size = "64 KiB"\nflags = ["read", "write", "io"]\n')
        result = self.tool('check', self.write('system.toml', SYSTEM + extra))
        self.assertEqual(result.returncode, 1)
        self.assertIn("system.toml: system 'board': root-cell.regions[2] "
                      '(phys 0x08100000-0x0810ffff): covers the GIC '
                      'redistributors at 0x080a0000-0x0811ffff '
                      '(system.platform.gicr, gicr-size), which the '
                      'hypervisor emulates: remove the region from '
                      '[[root-cell.regions]]', result.stdout)

    def test_dma_is_not_enforced(self):
        """A note per "dma" region; notes are not findings."""
        text = cell(flags='"read", "write", "dma", "loadable"')
        self.write('system.toml', SYSTEM)
        self.write('cell0.toml', text)
        result = self.tool('check', 'system.toml', 'cell0.toml')
        self.assertEqual(result.returncode, 0, result.stdout)
        notes = [line for line in result.stdout.splitlines()
                 if ': note: ' in line]
        why = ('note: "dma" is not enforced: warden programs no IOMMU yet, '
               'so a device the cell drives can reach any memory, not '
               'only this region')
        self.assertEqual(notes, [
            "system.toml: cell 'board': root-cell.regions[0] (phys "
            f'0x40000000-0x6fffffff): {why}',
            "system.toml: cell 'board': root-cell.regions[1] (phys "
            f'0x71000000-0x7fffffff): {why}',
            "cell0.toml: cell 'one': cell.regions[0] (phys "
            f'0x71000000-0x713fffff): {why}'])
        self.assertIn('no findings', result.stdout)

    def test_iommu_is_a_finding(self):
        unit = ('\n[[system.iommu]]\ntype = "arm-smmuv3"\n'
                'base = "0x09050000"\nsize = "128 KiB"\n')
        text = SYSTEM.replace('\n[root-cell]\n', unit + '\n[root-cell]\n')
        result = self.tool('check', self.write('system.toml', text))
        self.assertEqual(result.returncode, 1)
        self.assertIn("system.toml: system 'board': system.iommu: not "
                      'supported yet', result.stdout)
