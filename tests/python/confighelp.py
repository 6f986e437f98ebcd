# SPDX-License-Identifier: GPL-2.0
"""Shared by the warden-config tests: run the tool as users do, in a
temporary directory, and insist that it never shows a traceback."""
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / 'tools' / 'warden-config'
CONFIGS = ROOT / 'configs'
ARCHES = ('arm64', 'x86', 'riscv')


def shipped_tomls():
    return sorted(CONFIGS.glob('*/*.toml'))


class ToolCase(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self._tmp.cleanup)
        self.dir = Path(self._tmp.name)

    def write(self, name, text):
        path = self.dir / name
        path.write_text(text) if isinstance(text, str) \
            else path.write_bytes(text)
        return str(path)

    def tool(self, *args):
        result = subprocess.run([sys.executable, str(TOOL), *map(str, args)],
                                capture_output=True, text=True, cwd=self.dir)
        self.assertNotIn('Traceback', result.stderr + result.stdout)
        self.assertNotIn('internal error', result.stderr)
        return result

    def ok(self, *args):
        result = self.tool(*args)
        self.assertEqual(result.returncode, 0, result.stderr + result.stdout)
        return result

    def fails(self, *args):
        """Run, expect exit status 1, return stdout + stderr."""
        result = self.tool(*args)
        self.assertEqual(result.returncode, 1, result.stdout)
        return result.stdout + result.stderr

    def compile(self, toml_path, name=None):
        out = self.dir / (name or Path(toml_path).stem + '.cell')
        self.ok('compile', toml_path, '-o', out)
        return out
