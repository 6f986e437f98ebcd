# SPDX-License-Identifier: GPL-2.0
"""Every shipped configuration compiles, dumps back to TOML that compiles to
the same bytes, and passes the checker with the cells of its system."""
import os
import re
import sys
import zlib

sys.path.insert(0, os.path.dirname(__file__))
from confighelp import (ARCHES, CONFIGS, ROOT, ToolCase,  # noqa: E402
                        shipped_tomls)


class RoundTrip(ToolCase):
    def test_configs_are_shipped(self):
        for arch in ARCHES:
            names = {p.name for p in (CONFIGS / arch).glob('*.toml')}
            for name in ('', '-demo', '-demo2'):
                self.assertIn(f'qemu-{arch}{name}.toml', names)

    def test_toml_cell_toml_cell(self):
        for toml in shipped_tomls():
            with self.subTest(config=toml.name):
                first = self.compile(toml, 'first.cell')
                text = self.ok('dump', first).stdout
                again = self.compile(self.write('dumped.toml', text),
                                     'again.cell')
                self.assertEqual(first.read_bytes(), again.read_bytes())
                # The same text, but for the comment naming the source.
                self.assertEqual(self.ok('dump', again).stdout
                                 .split('\n', 1)[1], text.split('\n', 1)[1])

    def test_header_and_crc(self):
        for toml in shipped_tomls():
            with self.subTest(config=toml.name):
                image = bytearray(self.compile(toml).read_bytes())
                self.assertIn(image[:4], (b'WSYS', b'WCEL'))
                self.assertEqual(int.from_bytes(image[12:16], 'little'),
                                 len(image))
                crc = int.from_bytes(image[16:20], 'little')
                image[16:20] = bytes(4)
                self.assertEqual(zlib.crc32(image), crc)

    def test_check_passes_on_each_system(self):
        for arch in ARCHES:
            with self.subTest(arch=arch):
                base = CONFIGS / arch / f'qemu-{arch}'
                out = self.ok('check', f'{base}.toml', f'{base}-demo.toml',
                              f'{base}-demo2.toml').stdout
                self.assertIn('no findings', out)

    def test_check_passes_with_the_smp_cell(self):
        # The SMP cell takes the demo cells' CPUs: it runs on its own.
        base = CONFIGS / 'arm64' / 'qemu-arm64'
        out = self.ok('check', f'{base}.toml', f'{base}-smp.toml').stdout
        self.assertIn('no findings', out)

    def test_check_takes_compiled_images(self):
        base = CONFIGS / 'arm64' / 'qemu-arm64'
        cells = [self.compile(f'{base}{n}.toml') for n in ('', '-demo',
                                                          '-demo2')]
        self.ok('check', *cells)

    def test_dump_is_stable_for_a_compiled_toml(self):
        toml = CONFIGS / 'x86' / 'qemu-x86.toml'
        text = self.ok('dump', toml).stdout
        self.assertIn('[[root-cell.pio]]', text)
        self.assertIn('arch = "x86"', text)


class Documentation(ToolCase):
    """The complete examples of Documentation/config-format.md compile."""

    def test_examples_compile(self):
        text = (ROOT / 'Documentation' / 'config-format.md').read_text()
        blocks = re.findall(r'```toml\n(.*?)```', text, re.S)
        complete = [b for b in blocks if b.startswith('arch = ')]
        self.assertGreaterEqual(len(complete), 2)
        for i, block in enumerate(complete):
            with self.subTest(example=i):
                self.compile(self.write(f'example{i}.toml', block))
