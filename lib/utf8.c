/* utf8.c: a locale-free UTF-8 decoder, validator and encoder. */
#include "gip.h"

/*
 * Decode one code point.  The checks follow Unicode table 3-7 (well-
 * formed byte sequences), so overlongs and surrogates are rejected at
 * the second byte and the bad prefix length is the maximal subpart.
 */
size_t
gip_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char	 lo = 0x80, hi = 0xBF;
	uint32_t	 c;
	size_t		 need, i;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		need = 1;
		c = p[0] & 0x1F;
	} else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		need = 2;
		c = p[0] & 0x0F;
		if (p[0] == 0xE0)
			lo = 0xA0;
		else if (p[0] == 0xED)
			hi = 0x9F;
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		need = 3;
		c = p[0] & 0x07;
		if (p[0] == 0xF0)
			lo = 0x90;
		else if (p[0] == 0xF4)
			hi = 0x8F;
	} else {
		*cp = GIP_UTF8_BAD;
		return 1;
	}
	for (i = 1; i <= need; i++) {
		if (i >= n || p[i] < lo || p[i] > hi) {
			*cp = GIP_UTF8_BAD;
			return i;
		}
		c = (c << 6) | (p[i] & 0x3F);
		lo = 0x80;
		hi = 0xBF;
	}
	*cp = c;
	return need + 1;
}

size_t
gip_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t		 i = 0, k;
	uint32_t	 cp;

	while (i < n) {
		/* ASCII runs dominate even Chinese text (digits, tabs). */
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		k = gip_utf8_decode(s + i, n - i, &cp);
		if (cp == GIP_UTF8_BAD)
			return i;
		i += k;
	}
	return n;
}
