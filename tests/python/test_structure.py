# SPDX-License-Identifier: GPL-2.0
"""The layout of the source tree that Documentation/architecture.md
promises: the hypervisor is freestanding (no Linux header, nothing of the
driver's), the driver's architecture glue lives in driver/arch/, and the
shared ABI headers in include/warden/ carry the licence the README gives
them."""
import re
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARCHES = ('arm64', 'x86', 'riscv')
DUAL_SPDX = '/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */'
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)
SOURCES = ('.c', '.h', '.S')


def sources(top):
    return sorted(p for p in (ROOT / top).rglob('*')
                  if p.is_file() and p.suffix in SOURCES)


def includes(path):
    """(kind, name) of every #include in path: kind is '<' or '"'."""
    return INCLUDE.findall(path.read_text(errors='replace'))


def rel(path):
    return str(path.relative_to(ROOT))


def hypervisor_include_dirs(path):
    """Where the hypervisor's build finds <...> for the file at path."""
    parts = path.relative_to(ROOT / 'hypervisor').parts
    archs = [parts[1]] if parts[0] == 'arch' else ARCHES
    return [ROOT / 'include', ROOT / 'hypervisor/include'] + \
        [ROOT / 'hypervisor/arch' / a / 'include' for a in archs]


def names_driver(path, kind, name):
    """Does this include of a hypervisor file reach into driver/?  By its
    name, or because driver/ is the only place that has it (as -I made
    the driver's "warden.h" visible to the old glue)."""
    if 'driver/' in name:
        return True
    local = (path.parent / name).resolve()
    if kind == '"' and local.is_file():
        return (ROOT / 'driver') in local.parents
    if any((d / name).is_file() for d in hypervisor_include_dirs(path)):
        return False
    return (ROOT / 'driver' / name).is_file()


class HypervisorIsFreestanding(unittest.TestCase):
    def test_no_linux_headers(self):
        bad = [f'{rel(p)}: <{n}>' for p in sources('hypervisor')
               for k, n in includes(p) if n.startswith('linux/')]
        self.assertEqual(bad, [], 'the hypervisor includes Linux headers')

    def test_asm_headers_are_its_own(self):
        # <asm/...> in the hypervisor means arch/<arch>/include/asm/.
        bad = [f'{rel(p)}: <{n}>' for p in sources('hypervisor')
               for k, n in includes(p)
               if k == '<' and n.startswith('asm/') and not any(
                   (d / n).is_file() for d in hypervisor_include_dirs(p))]
        self.assertEqual(bad, [], 'asm/ headers not the hypervisor\'s')

    def test_nothing_of_the_driver(self):
        bad = [f'{rel(p)}: {n}' for p in sources('hypervisor')
               for k, n in includes(p) if names_driver(p, k, n)]
        self.assertEqual(bad, [], 'the hypervisor includes driver files')


class DriverGlue(unittest.TestCase):
    def test_glue_in_driver_arch(self):
        missing = [a for a in ARCHES
                   if not (ROOT / 'driver/arch' / f'{a}.c').is_file()]
        self.assertEqual(missing, [], 'no driver/arch/<arch>.c for these')

    def test_no_driver_c_in_hypervisor(self):
        found = [rel(p) for p in (ROOT / 'hypervisor/arch').rglob('driver.c')]
        self.assertEqual(found, [], 'driver glue left in hypervisor/arch/')


class AbiLicence(unittest.TestCase):
    def test_readme_names_the_licence(self):
        readme = ' '.join((ROOT / 'README.md').read_text().split())
        self.assertIn('`include/warden/` are GPL-2.0 OR BSD-2-Clause',
                      readme)

    def test_headers_dual_licensed(self):
        headers = sorted((ROOT / 'include/warden').rglob('*.h'))
        self.assertTrue(headers)
        bad = [rel(h) for h in headers
               if h.read_text().splitlines()[:1] != [DUAL_SPDX]]
        self.assertEqual(bad, [], f'first line is not {DUAL_SPDX}')


if __name__ == '__main__':
    unittest.main()
