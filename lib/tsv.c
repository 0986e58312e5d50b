/* tsv.c: the suite's one TSV dialect (linear TSV escapes). */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "gip.h"

void
gip_tsv_escape(struct gip_buf *b, const char *p, size_t n)
{
	size_t	 i, run;

	for (i = 0; i < n; i = run + 1) {
		for (run = i; run < n; run++)
			if (p[run] == '\\' || p[run] == '\t' ||
			    p[run] == '\n' || p[run] == '\r')
				break;
		gip_buf_add(b, p + i, run - i);
		if (run == n)
			break;
		switch (p[run]) {
		case '\\':
			gip_buf_add(b, "\\\\", 2);
			break;
		case '\t':
			gip_buf_add(b, "\\t", 2);
			break;
		case '\n':
			gip_buf_add(b, "\\n", 2);
			break;
		default:
			gip_buf_add(b, "\\r", 2);
			break;
		}
	}
	if (b->p == NULL)
		gip_buf_grow(b, 0);
}

void
gip_tsv_field(struct gip_out *o, const char *p, size_t n)
{
	size_t	 i;

	if (o->csv) {
		if (o->nfield++ > 0)
			gip_out_putc(o, ',');
		for (i = 0; i < n; i++)
			if (p[i] == ',' || p[i] == '"' || p[i] == '\r' ||
			    p[i] == '\n')
				break;
		if (i == n) {
			gip_out_write(o, p, n);
			return;
		}
		gip_out_putc(o, '"');
		for (i = 0; i < n; i++) {
			if (p[i] == '"')
				gip_out_putc(o, '"');
			gip_out_putc(o, p[i]);
		}
		gip_out_putc(o, '"');
		return;
	}
	if (o->nfield++ > 0)
		gip_out_putc(o, '\t');
	gip_tsv_escape(&o->buf, p, n);
}

void
gip_tsv_fields(struct gip_out *o, const char *s)
{
	gip_tsv_field(o, s == NULL ? "" : s, s == NULL ? 0 : strlen(s));
}

void
gip_tsv_fieldf(struct gip_out *o, const char *fmt, ...)
{
	struct gip_buf	 b = { NULL, 0, 0 };
	va_list		 ap, again;
	char		 small[128];
	int		 n;

	/* numbers, mostly: no allocation unless the text is long */
	va_start(ap, fmt);
	va_copy(again, ap);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	if (n >= 0 && (size_t)n < sizeof(small))
		gip_tsv_field(o, small, (size_t)n);
	else {
		gip_buf_vprintf(&b, fmt, again);
		gip_tsv_field(o, b.p == NULL ? "" : b.p, b.len);
		gip_buf_free(&b);
	}
	va_end(again);
	va_end(ap);
}

void
gip_tsv_end_row(struct gip_out *o)
{
	if (o->csv)
		gip_out_putc(o, '\r');
	gip_out_endline(o);
}

size_t
gip_tsv_unescape(const char *p, size_t n, char *out)
{
	const char	*bs;
	size_t		 i, j;

	/* most fields have no escape at all */
	if ((bs = memchr(p, '\\', n)) == NULL) {
		if (out != p)
			memmove(out, p, n);
		out[n] = '\0';
		return n;
	}
	j = (size_t)(bs - p);
	if (out != p)
		memmove(out, p, j);
	for (i = j; i < n; i++) {
		if (p[i] == '\\' && i + 1 < n) {
			switch (p[i + 1]) {
			case 't':
				out[j++] = '\t';
				i++;
				continue;
			case 'n':
				out[j++] = '\n';
				i++;
				continue;
			case 'r':
				out[j++] = '\r';
				i++;
				continue;
			case '\\':
				out[j++] = '\\';
				i++;
				continue;
			default:
				break;
			}
		}
		out[j++] = p[i];
	}
	out[j] = '\0';
	return j;
}

/* Field nf, from q to the tab at tab (or the end), unless max are. */
static inline void
field(char *q, char *tab, int nf, char **fields, size_t *lens, int max)
{
	if (nf >= max)
		return;
	fields[nf] = q;
	if (lens != NULL)
		lens[nf] = (size_t)(tab - q);
	*tab = '\0';
}

/* The fields from q (a field with a backslash) on, one by one. */
static int
split_escaped(char *p, size_t n, char *q, int nf, char **fields,
    size_t *lens, int max)
{
	char	*tab;
	size_t	 start, stop, len;

	for (start = (size_t)(q - p);; start = stop + 1) {
		tab = memchr(p + start, '\t', n - start);
		stop = tab == NULL ? n : (size_t)(tab - p);
		if (nf < max) {
			len = gip_tsv_unescape(p + start, stop - start,
			    p + start);
			fields[nf] = p + start;
			if (lens != NULL)
				lens[nf] = len;
		}
		nf++;
		if (tab == NULL)
			return nf;
	}
}

#if defined(__SSE2__)
#include <emmintrin.h>

/*
 * Sixty-four bytes at a time: SSE2 compares give a bit for every tab
 * and every backslash of a block, in one pass (a memchr for a backslash
 * first was a twentieth of gip-check, and a loop over the tabs of each
 * eight-byte word mispredicted its end at nearly every word).
 */
static inline uint64_t
block_eq(const char *s, __m128i c)
{
	uint64_t	 m0, m1, m2, m3;

	m0 = (uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(
	    _mm_loadu_si128((const __m128i *)s), c));
	m1 = (uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(
	    _mm_loadu_si128((const __m128i *)(s + 16)), c));
	m2 = (uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(
	    _mm_loadu_si128((const __m128i *)(s + 32)), c));
	m3 = (uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(
	    _mm_loadu_si128((const __m128i *)(s + 48)), c));
	return m0 | m1 << 16 | m2 << 32 | m3 << 48;
}

int
gip_tsv_split(char *p, size_t n, char **fields, size_t *lens, int max)
{
	const __m128i	 tabs = _mm_set1_epi8('\t'), bs = _mm_set1_epi8('\\');
	char		*q = p, *tab;
	size_t		 i;
	uint64_t	 m, in;
	int		 nf = 0;

	/*
	 * Whole blocks, the last one past the line (GIP_TSV_PAD): a
	 * block that overlapped the one before, so as to end with the
	 * line, was loaded while the reader's stores of the line were in
	 * flight and waited for them (a sixth of gip-stats' time).
	 */
	for (i = 0; i < n; i += 64) {
		in = n - i >= 64 ? ~0ULL : (1ULL << (n - i)) - 1;
		if ((block_eq(p + i, bs) & in) != 0)
			return split_escaped(p, n, q, nf, fields, lens, max);
		for (m = block_eq(p + i, tabs) & in; m != 0; m &= m - 1) {
			tab = p + i + __builtin_ctzll(m);
			field(q, tab, nf++, fields, lens, max);
			q = tab + 1;
		}
	}
	field(q, p + n, nf++, fields, lens, max);
	return nf;
}
#elif defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/*
 * Eight bytes at a time, in one pass that finds the tabs and watches
 * for a backslash (a memchr for it first cost a twentieth of
 * gip-check).  bytes_eq sets the high bit of each byte of w equal to
 * the byte of every_c (exactly: no carry crosses a byte).
 */
#define LOW7		0x7F7F7F7F7F7F7F7FULL
#define EVERY(c)	(0x0101010101010101ULL * (unsigned char)(c))

static inline uint64_t
bytes_eq(uint64_t w, uint64_t every_c)
{
	uint64_t	 t = w ^ every_c;

	return ~(((t & LOW7) + LOW7) | t | LOW7);
}

int
gip_tsv_split(char *p, size_t n, char **fields, size_t *lens, int max)
{
	char		*q = p, *tab;
	size_t		 i = 0;
	uint64_t	 w, m;
	int		 nf = 0;

	if (n >= 8)
		for (;;) {
			memcpy(&w, p + i, 8);
			if (bytes_eq(w, EVERY('\\')) != 0)
				return split_escaped(p, n, q, nf, fields,
				    lens, max);
			for (m = bytes_eq(w, EVERY('\t')); m != 0;
			    m &= m - 1) {
				tab = p + i + __builtin_ctzll(m) / 8;
				field(q, tab, nf++, fields, lens, max);
				q = tab + 1;
			}
			i += 8;
			if (i >= n)
				break;
			/* the last word ends the line: its new bytes only */
			if (n - i < 8) {
				memcpy(&w, p + n - 8, 8);
				w >>= (8 - (n - i)) * 8;
				if (bytes_eq(w, EVERY('\\')) != 0)
					return split_escaped(p, n, q, nf,
					    fields, lens, max);
				for (m = bytes_eq(w, EVERY('\t')); m != 0;
				    m &= m - 1) {
					tab = p + i + __builtin_ctzll(m) / 8;
					field(q, tab, nf++, fields, lens, max);
					q = tab + 1;
				}
				break;
			}
		}
	else
		for (; i < n; i++)
			if (p[i] == '\t') {
				field(q, p + i, nf++, fields, lens, max);
				q = p + i + 1;
			} else if (p[i] == '\\')
				return split_escaped(p, n, q, nf, fields,
				    lens, max);
	field(q, p + n, nf++, fields, lens, max);
	return nf;
}
#else
int
gip_tsv_split(char *p, size_t n, char **fields, size_t *lens, int max)
{
	char	*q = p;
	size_t	 i;
	int	 nf = 0;

	for (i = 0; i < n; i++)
		if (p[i] == '\t') {
			field(q, p + i, nf++, fields, lens, max);
			q = p + i + 1;
		} else if (p[i] == '\\')
			return split_escaped(p, n, q, nf, fields, lens, max);
	field(q, p + n, nf++, fields, lens, max);
	return nf;
}
#endif
