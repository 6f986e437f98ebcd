// SPDX-License-Identifier: GPL-2.0
/*
 * memset and memcpy: the compiler emits calls to them for struct copies
 * and clears even with -fno-builtin, and there is no libc.  No access is
 * ever unaligned: before the MMU is on, memory is Device memory, where an
 * unaligned access faults.  memset clears whole pages, so it stores words
 * where it can; copies are small and go byte by byte.
 */
#include <warden/lib.h>

void *memset(void *s, int c, unsigned long n)
{
	unsigned long word = (unsigned char)c * 0x0101010101010101UL;
	unsigned char *p = s;

	for (; n && !IS_ALIGNED((unsigned long)p, sizeof(long)); n--)
		*p++ = (unsigned char)c;
	for (; n >= sizeof(long); n -= sizeof(long), p += sizeof(long))
		*(unsigned long *)p = word;
	while (n--)
		*p++ = (unsigned char)c;
	return s;
}

void *memcpy(void *dst, const void *src, unsigned long n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}
