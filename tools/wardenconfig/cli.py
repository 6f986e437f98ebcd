# SPDX-License-Identifier: GPL-2.0
"""warden-config: compile, check and dump warden configurations."""
import argparse
import os
import sys

from . import abi, binary, rules, toml_in
from .dump import dump
from .model import ConfigError, System

DESCRIPTION = '''Compile TOML cell and system configurations into the binary
images the hypervisor reads, check that cells fit their system, and dump
images back to TOML.  See Documentation/config-format.md.'''


def load(path):
    """A TOML file or a compiled image -> System or Cell."""
    try:
        with open(path, 'rb') as f:
            data = f.read()
    except OSError as e:
        raise ConfigError([f'{path}: cannot read: {e.strerror}']) from None
    magics = (abi.SYSTEM_MAGIC, abi.CELL_MAGIC)
    if int.from_bytes(data[:4], 'little') in magics:
        return binary.unpack(path, data)
    return toml_in.parse(path, data)


def refuse_problems(config, path):
    problems = rules.image_problems(config)
    if problems:
        raise ConfigError([f'{path}: {key}: {why}' for key, why in problems])


def write(path, data, mode):
    try:
        with open(path, mode) as f:
            f.write(data)
    except OSError as e:
        raise ConfigError([f'{path}: cannot write: {e.strerror}']) from None


def cmd_compile(args):
    config = load(args.input)
    refuse_problems(config, args.input)
    image = binary.pack(config)
    # Write next to the target and rename, so a failed run leaves no
    # half-written image for the build to pick up.
    temp = f'{args.output}.tmp{os.getpid()}'
    write(temp, image, 'wb')
    os.replace(temp, args.output)
    return 0


def cmd_check(args):
    system = load(args.system)
    if not isinstance(system, System):
        raise ConfigError([f'{args.system}: a cell configuration; check '
                           'takes the system configuration first'])
    cells, errors = [], []
    for path in args.cells:
        try:
            cell = load(path)
        except ConfigError as e:
            errors += e.lines
            continue
        if isinstance(cell, System):
            errors.append(f'{path}: a system configuration; only the first '
                          'file may be one')
        else:
            cells.append(cell)
    checker = rules.Checker(system, cells)
    findings = checker.run()
    for line in errors + findings + checker.notes:
        print(line)
    count = len(errors) + len(findings)
    if count:
        print(f'{count} finding{"s" if count > 1 else ""}', file=sys.stderr)
        return 1
    print(f'{args.system}: system \'{system.name}\' with '
          f'{len(cells)} cell{"" if len(cells) == 1 else "s"}: no findings')
    return 0


def cmd_dump(args):
    config = load(args.input)
    refuse_problems(config, args.input)
    text = dump(config, os.path.basename(args.input))
    if args.output:
        write(args.output, text, 'w')
    else:
        sys.stdout.write(text)
    return 0


def parser():
    top = argparse.ArgumentParser(prog='warden-config',
                                  description=DESCRIPTION)
    sub = top.add_subparsers(dest='command', required=True,
                             metavar='COMMAND')
    p = sub.add_parser('compile', help='compile a TOML configuration',
                       description='Compile a system or cell configuration '
                       '(TOML) into a binary image.')
    p.add_argument('input', metavar='IN.toml')
    p.add_argument('-o', '--output', metavar='OUT.cell', required=True)
    p.set_defaults(run=cmd_compile)
    p = sub.add_parser('check', help='check cells against their system',
                       description='Check a system configuration and the '
                       'cells meant to run on it together, TOML or '
                       'compiled. Exit status 0: no findings; 1: findings.')
    p.add_argument('system', metavar='SYSTEM')
    p.add_argument('cells', metavar='CELL', nargs='*')
    p.set_defaults(run=cmd_check)
    p = sub.add_parser('dump', help='print a compiled image as TOML',
                       description='Print a compiled image as TOML; '
                       'compiling the output gives the same bytes.')
    p.add_argument('input', metavar='FILE.cell')
    p.add_argument('-o', '--output', metavar='OUT.toml')
    p.set_defaults(run=cmd_dump)
    return top


def main(argv=None):
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except ConfigError as e:
        for line in e.lines:
            print(line, file=sys.stderr)
        return 1
    except Exception as e:      # a bug here must still not greet users
        print(f'warden-config: internal error: {e!r}', file=sys.stderr)
        return 1
