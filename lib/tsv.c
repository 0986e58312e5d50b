/* tsv.c: the suite's one TSV dialect (linear TSV escapes). */
#include <stdarg.h>
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

/*
 * The tabs of a line, eight bytes at a time: the bytes of w equal to
 * a tab get their high bit set (exactly: no carry crosses a byte).
 */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SWAR_TABS	1
#define LOW7		0x7F7F7F7F7F7F7F7FULL

static uint64_t
tabs_in(uint64_t w)
{
	uint64_t	 t = w ^ 0x0909090909090909ULL;

	return ~(((t & LOW7) + LOW7) | t | LOW7);
}
#endif

/* Field nf, from q to the tab at tab (or the end), unless max are. */
static void
field(char *q, char *tab, int nf, char **fields, size_t *lens, int max)
{
	if (nf >= max)
		return;
	fields[nf] = q;
	if (lens != NULL)
		lens[nf] = (size_t)(tab - q);
	*tab = '\0';
}

int
gip_tsv_split(char *p, size_t n, char **fields, size_t *lens, int max)
{
	char	*tab, *q, *end = p + n;
	size_t	 start = 0, stop, len;
	int	 nf = 0;
#ifdef SWAR_TABS
	uint64_t w, m;
	size_t	 i;
#endif

	/* one look for a backslash saves one per field (most lines) */
	if (memchr(p, '\\', n) == NULL) {
		q = p;
#ifdef SWAR_TABS
		/* fields are a few bytes: a call to memchr each costs more */
		for (i = 0; i + 8 <= n; i += 8) {
			memcpy(&w, p + i, 8);
			for (m = tabs_in(w); m != 0; m &= m - 1) {
				tab = p + i + __builtin_ctzll(m) / 8;
				field(q, tab, nf++, fields, lens, max);
				q = tab + 1;
			}
		}
#endif
		for (;; q = tab + 1) {
			if ((tab = memchr(q, '\t', (size_t)(end - q))) == NULL)
				tab = end;
			field(q, tab, nf++, fields, lens, max);
			if (tab == end)
				return nf;
		}
	}
	for (;;) {
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
			break;
		start = stop + 1;
	}
	return nf;
}
