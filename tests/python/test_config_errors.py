# SPDX-License-Identifier: GPL-2.0
"""Bad input: every error is a "FILE: KEY.PATH: what" (or FILE:LINE:) line,
exit status 1, and never a traceback (ToolCase checks that)."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from confighelp import CONFIGS, ToolCase  # noqa: E402

GOOD = '''arch = "arm64"

[cell]
name = "demo"
cpus = [3]

[cell.console]
type = "hypervisor"

[[cell.regions]]
phys = "0x71000000"
virt = "0x0"
size = "4 MiB"
flags = ["read", "write", "execute", "loadable"]

[[cell.regions]]
virt = "0x80000000"
size = "4 KiB"
flags = ["read", "write", "comm"]
'''
LINE = re.compile(r'^\S+?(:\d+)?: .+')


class Errors(ToolCase):
    def compile_error(self, text, *want):
        """Compile text; it must fail with lines that contain want."""
        path = self.write('bad.toml', text)
        out = self.fails('compile', path, '-o', self.dir / 'out.cell')
        self.assertFalse((self.dir / 'out.cell').exists())
        for line in out.splitlines():
            self.assertRegex(line, LINE)
            self.assertTrue(line.startswith(path), line)
        for piece in want:
            self.assertIn(piece, out)
        return out

    def edit(self, old, new):
        self.assertIn(old, GOOD)
        return GOOD.replace(old, new)

    def test_good_compiles(self):
        self.compile(self.write('good.toml', GOOD))

    def test_syntax_error_has_a_line_number(self):
        out = self.compile_error(self.edit('"demo"', '"demo'))
        self.assertRegex(out, r'bad\.toml:4: ')

    def test_duplicate_key_has_a_line_number(self):
        out = self.compile_error(GOOD + 'size = "8 MiB"\n')
        self.assertRegex(out, r'bad\.toml:20: Cannot overwrite a value')

    def test_missing_file(self):
        out = self.fails('compile', 'nowhere.toml', '-o', 'x.cell')
        self.assertIn('nowhere.toml: cannot read: No such file', out)

    def test_unknown_key_suggests(self):
        self.compile_error(self.edit('flags = ["read", "write", "execute", '
                                     '"loadable"]', 'flag = ["read"]'),
                           "cell.regions[0].flag: unknown key (did you mean "
                           "'flags'?)", 'cell.regions[0].flags: missing')

    def test_unknown_top_level_and_table_keys(self):
        self.compile_error('colour = 1\n' + self.edit('cpus', 'nr = 1\ncpus'),
                           '(top level).colour: unknown key',
                           'cell.nr: unknown key')

    def test_wrong_types(self):
        self.compile_error(self.edit('cpus = [3]', 'cpus = true'),
                           'cell.cpus: expected a list like [1, 2] or a '
                           'string like "1-3", got a boolean')
        self.compile_error(self.edit('virt = "0x0"', 'virt = 1.5'),
                           'cell.regions[0].virt: expected an integer or a '
                           'string like "0x1000", got a float')
        self.compile_error(self.edit('type = "hypervisor"', 'type = 3'),
                           "cell.console.type: unknown console type 3")
        self.compile_error(self.edit('[cell.console]\ntype = "hypervisor"',
                                     'console = "hypervisor"'),
                           'cell.console: expected a table, got a string')
        self.compile_error(self.edit('cpus = [3]', 'cpus = [3]\nirqchips = 5'),
                           'cell.irqchips: expected an array of tables')

    def test_bad_sizes_and_numbers(self):
        self.compile_error(self.edit('"4 MiB"', '"4 MB"'),
                           'cell.regions[0].size: unknown unit "MB" in '
                           '"4 MB" (use B, KiB, MiB, GiB, TiB)')
        self.compile_error(self.edit('"0x71000000"', '"0x71zz0000"'),
                           'cell.regions[0].phys: "0x71zz0000" is not a '
                           'number')
        self.compile_error(self.edit('"0x0"', '-4096'),
                           'cell.regions[0].virt: -4096 is negative')

    def test_out_of_range(self):
        self.compile_error(self.edit('"0x0"', '"0x10000000000000000"'),
                           'cell.regions[0].virt: 0x10000000000000000 is '
                           'out of range (at most 0xffffffffffffffff)')
        self.compile_error(self.edit('type = "hypervisor"',
                                     'type = "pl011"\nio-width = 300'),
                           'cell.console.io-width: 0x12c is out of range')
        self.compile_error(self.edit('cpus = [3]', 'cpus = "3,64"'),
                           'cell.cpus: CPU 64 is out of range (0..63)')

    def test_unknown_and_repeated_flags(self):
        self.compile_error(self.edit('"loadable"', '"exec"'),
                           "cell.regions[0].flags: unknown memory flag "
                           "'exec' (known: read, write, execute")
        self.compile_error(self.edit('"loadable"', '"read"'),
                           'cell.regions[0].flags: memory flag "read" is '
                           'listed twice')
        self.compile_error(self.edit('cpus = [3]', 'cpus = [3]\nflags = '
                                     '["root"]'),
                           "cell.flags: unknown cell flag 'root'")

    def test_duplicates(self):
        self.compile_error(self.edit('cpus = [3]', 'cpus = [3, "2-3"]'),
                           'cell.cpus: CPU 3 is listed twice')
        chips = ('\n[[cell.irqchips]]\naddress = "0x08000000"\nlines = [40]\n'
                 * 2)
        self.compile_error(GOOD + chips, 'cell.irqchips[1].address: also '
                           'the address of irqchips[0]')

    def test_missing_keys(self):
        self.compile_error(self.edit('size = "4 MiB"\n', ''),
                           'cell.regions[0].size: missing')
        self.compile_error(self.edit('phys = "0x71000000"\n', ''),
                           'cell.regions[0].phys: missing (only comm '
                           'regions have none)')
        self.compile_error(self.edit('arch = "arm64"\n', ''),
                           '(top level).arch: missing')
        self.compile_error('arch = "arm64"\n',
                           'neither a [system] nor a [cell] table')

    def test_bad_names(self):
        self.compile_error(self.edit('"demo"', '"de mo"'),
                           'cell.name: must be a string of 1 to 31 '
                           'characters')
        self.compile_error(self.edit('"demo"', '"' + 'x' * 32 + '"'),
                           'cell.name: must be')

    def test_unknown_architecture(self):
        self.compile_error(self.edit('"arm64"', '"sparc"'),
                           "(top level).arch: unknown architecture 'sparc' "
                           "(one of: arm64, x86, riscv)")

    def test_system_errors(self):
        system = (CONFIGS / 'arm64' / 'qemu-arm64.toml').read_text()
        self.compile_error(system.replace('[root-cell]', '[root-cells]'),
                           "(top level).root-cells: unknown key (did you "
                           "mean 'root-cell'?)", 'root-cell.cpus: missing')
        self.compile_error(system.replace('gicd = ', 'gicdd = '),
                           "system.platform.gicdd: unknown key (did you "
                           "mean 'gicd'?)", 'system.platform.gicd: missing')
        self.compile_error(system.replace('cpus = "0-3"', 'cpus = "0-3"\n'
                                          'system = "x"'),
                           'root-cell.system: unknown key')

    def test_many_errors_at_once(self):
        out = self.compile_error(self.edit('cpus = [3]', 'cpus = [99]')
                                 .replace('"4 MiB"', '"4 Mib"'))
        self.assertEqual(len(out.splitlines()), 2)

    def test_semantic_errors_refuse_to_compile(self):
        self.compile_error(self.edit('"4 MiB"', '"0x1800"'),
                           'cell.regions[0].size: 0x00001800 is not a '
                           'multiple of the page size (4 KiB)')
        ram = GOOD[GOOD.index('[[cell.regions]]'):GOOD.index('\n[[cell.regions]]\nvirt')]
        self.compile_error(GOOD + ram,
                           'cell.regions[2] (virt 0x00000000-0x003fffff): '
                           'overlaps cell.regions[0]')
        self.compile_error(self.edit('type = "hypervisor"', 'type = "sbi"'),
                           'cell.console.type: "sbi" exists on riscv only')
        self.compile_error(GOOD + '\n[[cell.pio]]\nbase = 0\nsize = 8\n',
                           'cell.pio: I/O ports exist on x86 only')

    def test_not_toml_at_all(self):
        path = self.write('junk.toml', b'\xff\xfe\x00junk')
        out = self.fails('compile', path, '-o', 'x.cell')
        self.assertIn('junk.toml: neither UTF-8 TOML nor a compiled '
                      'configuration', out)

    def test_corrupt_and_truncated_images(self):
        image = self.compile(self.write('good.toml', GOOD)).read_bytes()
        flipped = bytearray(image)
        flipped[100] ^= 0x10
        out = self.fails('dump', self.write('flipped.cell', bytes(flipped)))
        self.assertIn('flipped.cell: cell.header.crc32: ', out)
        self.assertIn('the file is corrupt', out)
        out = self.fails('dump', self.write('short.cell', image[:-8]))
        self.assertIn('short.cell: cell.header.total_size: says', out)
        out = self.fails('check', self.write('short.cell', image[:10]))
        self.assertIn('shorter than the header', out)

    def test_unwritable_output(self):
        out = self.fails('compile', self.write('good.toml', GOOD), '-o',
                         self.dir / 'no' / 'such' / 'dir.cell')
        self.assertIn('cannot write: No such file or directory', out)

    def test_help(self):
        for args in ([], ['compile'], ['check'], ['dump']):
            with self.subTest(args=args):
                out = self.tool(*args, '--help')
                self.assertEqual(out.returncode, 0)
                self.assertIn('usage: warden-config', out.stdout)


class Isolation(ToolCase):
    """What compile refuses because the hypervisor could not keep it
    isolated: the same bad cases as tests/unit/test_config.c."""

    def system(self, arch, extra='', replace=None):
        text = (CONFIGS / arch / f'qemu-{arch}.toml').read_text()
        if replace:
            self.assertIn(replace[0], text)
            text = text.replace(*replace)
        return self.write(f'{arch}.toml', text + extra)

    def refused(self, path, want):
        out = self.fails('compile', path, '-o', self.dir / 'out.cell')
        self.assertFalse((self.dir / 'out.cell').exists())
        self.assertIn(f'{path}: {want}', out.splitlines())
        return out

    def root_region(self, phys, size):
        return (f'\n[[root-cell.regions]]\nphys = "{phys}"\nsize = "{size}"'
                '\nflags = ["read", "write", "io"]\n')

    def last_root_index(self, arch):
        text = (CONFIGS / arch / f'qemu-{arch}.toml').read_text()
        return text.count('[[root-cell.regions]]')

    def test_root_region_over_the_gic_distributor(self):
        n = self.last_root_index('arm64')
        self.refused(self.system('arm64', self.root_region('0x08000000',
                                                           '64 KiB')),
                     f'root-cell.regions[{n}] (phys 0x08000000-0x0800ffff): '
                     'covers the GIC distributor at 0x08000000-0x0800ffff '
                     '(system.platform.gicd), which the hypervisor '
                     'emulates: remove the region from [[root-cell.regions]]')
        # Part of it is as bad as all of it.
        self.refused(self.system('arm64', self.root_region('0x07fff000',
                                                           '8 KiB')),
                     f'root-cell.regions[{n}] (phys 0x07fff000-0x08000fff): '
                     'covers the GIC distributor at 0x08000000-0x0800ffff '
                     '(system.platform.gicd), which the hypervisor '
                     'emulates: remove the region from [[root-cell.regions]]')

    def test_root_region_over_the_gic_redistributors(self):
        n = self.last_root_index('arm64')
        self.refused(self.system('arm64', self.root_region('0x080c0000',
                                                           '128 KiB')),
                     f'root-cell.regions[{n}] (phys 0x080c0000-0x080dffff): '
                     'covers the GIC redistributors at 0x080a0000-0x0811ffff '
                     '(system.platform.gicr, gicr-size), which the '
                     'hypervisor emulates: remove the region from '
                     '[[root-cell.regions]]')

    def test_root_region_next_to_the_gic_is_fine(self):
        self.compile(self.system('arm64', self.root_region('0x08010000',
                                                           '4 KiB')))
        self.compile(self.system('arm64', self.root_region('0x08120000',
                                                           '4 KiB')))

    def test_root_region_over_the_local_apic(self):
        n = self.last_root_index('x86')
        self.refused(self.system('x86', self.root_region('0xfee00000',
                                                         '4 KiB')),
                     f'root-cell.regions[{n}] (phys 0xfee00000-0xfee00fff): '
                     'covers the local APIC page at 0xfee00000-0xfee00fff '
                     '(system.platform.lapic), which the hypervisor '
                     'emulates: remove the region from [[root-cell.regions]]')
        self.compile(self.system('x86', self.root_region('0xfee01000',
                                                         '4 KiB')))

    def test_iommu_refused(self):
        unit = ('\n[[system.iommu]]\ntype = "arm-smmuv3"\n'
                'base = "0x09050000"\nsize = "128 KiB"\n')
        path = self.system('arm64', replace=('\n[root-cell]\n',
                                             unit + '\n[root-cell]\n'))
        self.refused(path, 'system.iommu: not supported yet (warden does '
                     'not program IOMMUs, so nothing would keep DMA in '
                     'bounds): remove [[system.iommu]]')

    def test_cell_without_comm_region_refused(self):
        text = GOOD[:GOOD.index('\n[[cell.regions]]\nvirt')]
        self.refused(self.write('nocomm.toml', text),
                     'cell.regions: no comm region (a cell needs one: the '
                     'root asks it to stop through it): add one with virt = '
                     '"0x80000000", size = "4 KiB", flags = ["read", '
                     '"write", "comm"]')
