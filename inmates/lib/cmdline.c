// SPDX-License-Identifier: GPL-2.0
/* The command line: "key=value" words, written by `warden cell load -s`. */
#include <inmate.h>
#include <warden/inmate.h>

/* The value of key, or NULL: it ends at a blank or the end. */
static const char *find(const char *key)
{
	unsigned long len = strlen(key);
	const char *p = inmate_cmdline;
	const char *end = inmate_cmdline + WARDEN_INMATE_CMDLINE_SIZE;

	while (p < end && *p) {
		while (p < end && *p == ' ')
			p++;
		if (p + len < end && !strncmp(p, key, len) && p[len] == '=')
			return p + len + 1;
		while (p < end && *p && *p != ' ')
			p++;
	}
	return NULL;
}

unsigned long cmdline_number(const char *key, unsigned long def)
{
	const char *p = find(key);
	unsigned long v = 0, base = 10, digit;

	if (!p || *p == ' ' || !*p)
		return def;
	if (p[0] == '0' && p[1] == 'x') {
		base = 16;
		p += 2;
	}
	for (; *p && *p != ' '; p++) {
		if (*p >= '0' && *p <= '9')
			digit = *p - '0';
		else if (base == 16 && (*p | 0x20) >= 'a' && (*p | 0x20) <= 'f')
			digit = (*p | 0x20) - 'a' + 10;
		else
			return def;
		v = v * base + digit;
	}
	return v;
}

const char *cmdline_string(const char *key, char *buf, unsigned long size,
			   const char *def)
{
	const char *p = find(key);
	unsigned long n = 0;

	if (!p)
		return def;
	while (p[n] && p[n] != ' ' && n + 1 < size) {
		buf[n] = p[n];
		n++;
	}
	buf[n] = '\0';
	return buf;
}
