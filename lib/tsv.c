/* tsv.c: the suite's one TSV dialect (linear TSV escapes). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "gip.h"

void
gip_tsv_field(struct gip_out *o, const char *p, size_t n)
{
	size_t	 i, run;

	if (o->nfield++ > 0)
		gip_out_putc(o, '\t');
	for (i = 0; i < n; i = run + 1) {
		for (run = i; run < n; run++)
			if (p[run] == '\\' || p[run] == '\t' ||
			    p[run] == '\n' || p[run] == '\r')
				break;
		gip_out_write(o, p + i, run - i);
		if (run == n)
			break;
		switch (p[run]) {
		case '\\':
			gip_out_write(o, "\\\\", 2);
			break;
		case '\t':
			gip_out_write(o, "\\t", 2);
			break;
		case '\n':
			gip_out_write(o, "\\n", 2);
			break;
		default:
			gip_out_write(o, "\\r", 2);
			break;
		}
	}
}

void
gip_tsv_fields(struct gip_out *o, const char *s)
{
	gip_tsv_field(o, s == NULL ? "" : s, s == NULL ? 0 : strlen(s));
}

void
gip_tsv_fieldf(struct gip_out *o, const char *fmt, ...)
{
	va_list	 ap;
	char	 buf[512];
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if ((size_t)n >= sizeof(buf))
		n = sizeof(buf) - 1;
	gip_tsv_field(o, buf, (size_t)n);
}

void
gip_tsv_end_row(struct gip_out *o)
{
	gip_out_endline(o);
}

/* Unescape in place between p and end; returns the new length. */
static size_t
unescape(char *p, size_t n)
{
	size_t	 i, j;

	for (i = j = 0; i < n; i++) {
		if (p[i] == '\\' && i + 1 < n) {
			switch (p[i + 1]) {
			case 't':
				p[j++] = '\t';
				i++;
				continue;
			case 'n':
				p[j++] = '\n';
				i++;
				continue;
			case 'r':
				p[j++] = '\r';
				i++;
				continue;
			case '\\':
				p[j++] = '\\';
				i++;
				continue;
			default:
				break;
			}
		}
		p[j++] = p[i];
	}
	return j;
}

int
gip_tsv_split(char *p, size_t n, char **fields, size_t *lens, int max)
{
	size_t	 start, i, len;
	int	 nf = 0;

	for (start = i = 0; ; i++) {
		if (i < n && p[i] != '\t')
			continue;
		if (nf < max) {
			len = unescape(p + start, i - start);
			p[start + len] = '\0';
			fields[nf] = p + start;
			if (lens != NULL)
				lens[nf] = len;
		}
		nf++;
		if (i >= n)
			break;
		start = i + 1;
	}
	return nf;
}
