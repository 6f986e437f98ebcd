# SPDX-License-Identifier: GPL-2.0
"""The warden configuration tool; tools/warden-config is its front end."""
