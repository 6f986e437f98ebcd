# SPDX-License-Identifier: GPL-2.0
# Makes tests/python importable for `python3 -m unittest discover -t .`.
