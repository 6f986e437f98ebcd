# SPDX-License-Identifier: GPL-2.0
"""Values of the TOML format: numbers, sizes, named flags and enumerations,
CPU and interrupt-line lists.  Each kind parses a TOML value into an integer
(raising ValueError with a message for the user) and formats it back as a
TOML literal, which dump relies on to reproduce the same bytes."""
import re

UNITS = {'B': 1, 'KiB': 1 << 10, 'MiB': 1 << 20, 'GiB': 1 << 30,
         'TiB': 1 << 40}
NAME_RE = re.compile(r'[A-Za-z0-9._-]{1,31}')


def describe(value):
    """How to name a TOML value of the wrong type."""
    kinds = ((bool, 'a boolean'), (int, 'an integer'), (float, 'a float'),
             (str, 'a string'), (list, 'an array'), (dict, 'a table'))
    for kind, text in kinds:
        if isinstance(value, kind):
            return text
    return 'a date or time'


def parse_int(value):
    if isinstance(value, str):
        try:
            number = int(value.strip().replace('_', ''), 0)
        except ValueError:
            raise ValueError(f'"{value}" is not a number') from None
    elif isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        raise ValueError('expected an integer or a string like "0x1000", '
                         f'got {describe(value)}')
    if number < 0:
        raise ValueError(f'{value} is negative')
    return number


def parse_size(value):
    """An integer, "0x1000", "4096" or a number with a unit: "16 MiB"."""
    if isinstance(value, str) and not re.match(r'\s*0[xXoObB]', value):
        match = re.fullmatch(r'\s*([0-9][0-9_]*)\s*([A-Za-z]+)\s*', value)
        if match:
            unit = UNITS.get(match.group(2))
            if unit is None:
                raise ValueError(f'unknown unit "{match.group(2)}" in '
                                 f'"{value}" (use {", ".join(UNITS)})')
            return int(match.group(1).replace('_', '')) * unit
    return parse_int(value)


def format_size(value):
    for unit in reversed(UNITS):
        if value >= UNITS[unit] >= 1024 and value % UNITS[unit] == 0:
            return f'"{value // UNITS[unit]} {unit}"'
    return str(value) if value < 1024 else f'"{value:#x}"'


def parse_name(value):
    if not isinstance(value, str) or not NAME_RE.fullmatch(value):
        raise ValueError('must be a string of 1 to 31 characters from '
                         'A-Z a-z 0-9 . _ -')
    return value


def parse_ranges(value, what):
    """[1, 2], "1-3", "0,2-3" or [0, "4-7"] -> a set of numbers."""
    if isinstance(value, str):
        items = value.split(',')
    elif isinstance(value, list):
        items = value
    else:
        raise ValueError(f'expected a list like [1, 2] or a string like '
                         f'"1-3", got {describe(value)}')
    numbers = set()
    for item in items:
        if isinstance(item, str) and '-' in item:
            low, high = (parse_int(part) for part in item.split('-', 1))
            if low > high:
                raise ValueError(f'range "{item}" runs backwards')
            span = range(low, high + 1)
        else:
            span = [parse_int(item)]
        for number in span:
            if number in numbers:
                raise ValueError(f'{what} {number} is listed twice')
            numbers.add(number)
    return numbers


def runs(numbers):
    """Sorted numbers -> (first, last) of each run of consecutive ones."""
    result = []
    for number in sorted(numbers):
        if result and result[-1][1] == number - 1:
            result[-1][1] = number
        else:
            result.append([number, number])
    return result


def cpu_text(cpus):
    return ','.join(f'{a}' if a == b else f'{a}-{b}' for a, b in runs(cpus))


def format_cpus(cpus):
    return f'"{cpu_text(cpus)}"'


def hex_text(value):
    return f'0x{value:08x}'


def format_lines(lines):
    parts = []
    for first, last in runs(lines):
        if last - first >= 2:
            parts.append(f'"{first}-{last}"')
        else:
            parts.extend(str(n) for n in range(first, last + 1))
    return f'[{", ".join(parts)}]'


class Number:
    """An integer written as hex ("hex"), a size ("size") or decimal."""

    def __init__(self, style):
        self.style = style

    def parse(self, value):
        return parse_size(value) if self.style == 'size' else parse_int(value)

    def format(self, value):
        if self.style == 'hex':
            return f'"{hex_text(value)}"' if value else '"0x0"'
        return format_size(value) if self.style == 'size' else str(value)


class Enum:
    def __init__(self, names, what):
        self.names, self.what = names, what
        self.values = {v: k for k, v in names.items()}

    def parse(self, value):
        if not isinstance(value, str) or value not in self.names:
            raise ValueError(f'unknown {self.what} {value!r} (one of: '
                             f'{", ".join(self.names)})')
        return self.names[value]

    def format(self, value):
        return f'"{self.values[value]}"'


class Flags:
    def __init__(self, names, what):
        self.names, self.what = names, what

    def parse(self, value):
        if not isinstance(value, list):
            raise ValueError(f'expected a list of {self.what}s like '
                             f'["{next(iter(self.names))}"], got '
                             f'{describe(value)}')
        bits = 0
        for name in value:
            if not isinstance(name, str) or name not in self.names:
                raise ValueError(f'unknown {self.what} {name!r} (known: '
                                 f'{", ".join(self.names)})')
            if bits & self.names[name]:
                raise ValueError(f'{self.what} "{name}" is listed twice')
            bits |= self.names[name]
        return bits

    def format(self, value):
        names = [f'"{k}"' for k, v in self.names.items() if value & v]
        return f'[{", ".join(names)}]'


HEX = Number('hex')
SIZE = Number('size')
DEC = Number('dec')
