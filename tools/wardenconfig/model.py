# SPDX-License-Identifier: GPL-2.0
"""A configuration in memory, whether it came from TOML or from a compiled
image.  Dicts use the C field names of cell-config.h so that abi.Layout can
pack them as they are."""
from dataclasses import dataclass, field


class ConfigError(Exception):
    """Input that cannot be used; each line reads "FILE: KEY.PATH: why"."""

    def __init__(self, lines):
        super().__init__('\n'.join(lines))
        self.lines = lines


@dataclass
class Cell:
    file: str
    where: str                  # TOML table: "cell" or "root-cell"
    arch: int
    root: bool
    name: str = ''
    system_name: str = ''
    cpus: set = field(default_factory=set)
    flags: int = 0              # WARDEN_CELL_* without WARDEN_CELL_ROOT
    cpu_reset_address: int = 0
    console: dict = field(default_factory=dict)
    regions: list = field(default_factory=list)
    irqchips: list = field(default_factory=list)   # {address, lines: set}
    pio: list = field(default_factory=list)

    def label(self):
        return f"{self.file}: cell '{self.name}'"


@dataclass
class System:
    file: str
    arch: int
    name: str = ''
    hypervisor: dict = field(default_factory=dict)  # phys, size
    debug_console: dict = field(default_factory=dict)
    pci: dict = field(default_factory=dict)
    iommus: list = field(default_factory=list)
    platform: dict = field(default_factory=dict)
    root: Cell = None

    def label(self):
        return f"{self.file}: system '{self.name}'"
