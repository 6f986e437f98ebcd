# SPDX-License-Identifier: GPL-2.0
"""The Python layout tables (tools/wardenconfig/abi.py) against the C header
(include/warden/cell-config.h): a C program generated from the Python tables
prints what the compiler makes of every struct, field and constant."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from confighelp import ROOT  # noqa: E402

sys.path.insert(0, str(ROOT / 'tools'))
from wardenconfig import abi  # noqa: E402


def expectations():
    """{label: (C expression, value)} from the Python side."""
    out = {}
    for layout in abi.LAYOUTS:
        t = layout.c_name
        out[f'sizeof({t})'] = (f'sizeof({t})', layout.size)
        for name, _, _, offset, size in layout.fields:
            out[f'{t}.{name} offset'] = (f'offsetof({t}, {name})', offset)
            out[f'{t}.{name} size'] = (f'sizeof(((const {t} *)0)->{name})',
                                       size)
    for name, value in abi.CONSTANTS.items():
        out[name] = (f'(unsigned long long)({name})', value)
    return out


def c_program(expected):
    lines = ['#include <stddef.h>', '#include <stdio.h>',
             '#include <warden/cell-config.h>', 'int main(void)', '{']
    for label, (expression, _) in expected.items():
        lines.append(f'\tprintf("%s=%llu\\n", "{label}", '
                     f'(unsigned long long)({expression}));')
    return '\n'.join(lines + ['\treturn 0;', '}', ''])


@unittest.skipUnless(shutil.which('cc'), 'needs a C compiler')
class AbiLayout(unittest.TestCase):
    def measure(self, expected):
        with tempfile.TemporaryDirectory() as tmp:
            source, binary = f'{tmp}/layout.c', f'{tmp}/layout'
            with open(source, 'w') as f:
                f.write(c_program(expected))
            build = subprocess.run(['cc', '-Wall', '-I', str(ROOT / 'include'),
                                    '-o', binary, source],
                                   capture_output=True, text=True)
            self.assertEqual(build.returncode, 0, build.stderr)
            run = subprocess.run([binary], capture_output=True, text=True,
                                 check=True)
        return dict(line.split('=') for line in run.stdout.splitlines())

    def test_c_matches_python(self):
        expected = expectations()
        measured = self.measure(expected)
        for label, (_, value) in expected.items():
            with self.subTest(label):
                self.assertEqual(int(measured[label]), value)

    def test_every_struct_is_covered(self):
        header = (ROOT / 'include' / 'warden' / 'cell-config.h').read_text()
        c_types = {f'{kind} {name}' for kind, name in
                   re.findall(r'^(struct|union) (\w+) \{', header, re.M)}
        self.assertEqual(c_types, {layout.c_name for layout in abi.LAYOUTS})

    def test_every_constant_is_covered(self):
        header = (ROOT / 'include' / 'warden' / 'cell-config.h').read_text()
        names = set(re.findall(r'^#define (WARDEN_\w+)\s+\S', header, re.M))
        self.assertEqual(names, set(abi.CONSTANTS))
