/* record.c: the record stream between gip-tables, gip-check, gip-stats. */
#include <string.h>

#include "gip.h"

const char *const gip_record_columns[GIP_RECORD_NCOL] = {
	"doc", "agency", "year", "template", "table", "row", "col",
	"value", "status", "raw", "line"
};

/* Up to 9 digits, the common line number, else 0 (strtonum's job). */
static unsigned long
small_number(const char *s)
{
	unsigned long	 v = 0;
	int		 i;

	for (i = 0; s[i] >= '0' && s[i] <= '9'; i++) {
		if (i == 9)
			return 0;
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	return s[i] == '\0' ? v : 0;
}

int
gip_record_parse_tsv(char *p, size_t n, struct gip_record *r)
{
	char		*f[GIP_RECORD_NCOL];
	const char	*errstr;
	long long	 line;
	int		 nf, i;

	nf = gip_tsv_split(p, n, f, NULL, GIP_RECORD_NCOL);
	if (nf != GIP_RECORD_NCOL)
		return -1;
	/* the header line: its first byte tells most records from it */
	if (f[0][0] == 'd') {
		for (i = 0; i < GIP_RECORD_NCOL; i++)
			if (strcmp(f[i], gip_record_columns[i]) != 0)
				break;
		if (i == GIP_RECORD_NCOL)
			return 0;
	}
	r->doc = f[0];
	r->agency = f[1];
	r->year = f[2];
	r->tmpl = f[3];
	r->table = f[4];
	r->row = f[5];
	r->col = f[6];
	r->value = f[7];
	r->status = f[8];
	r->raw = f[9];
	r->line = 0;
	if (*f[10] != '\0' && (r->line = small_number(f[10])) == 0) {
		line = gip_strtonum(f[10], 0, LONG_MAX, &errstr);
		if (errstr != NULL)
			return -1;
		r->line = (unsigned long)line;
	}
	return 1;
}

static void
write_header(struct gip_out *o, const char *const *cols, int n)
{
	int	 i;

	for (i = 0; i < n; i++)
		gip_tsv_fields(o, cols[i]);
	gip_tsv_end_row(o);
}

void
gip_record_write_header(struct gip_out *o)
{
	write_header(o, gip_record_columns, GIP_RECORD_NCOL);
}

const char *const gip_finding_columns[GIP_FINDING_NCOL] = {
	"doc", "rule", "severity", "table", "row", "col", "expected",
	"actual", "message", "line"
};

void
gip_finding_write_header(struct gip_out *o)
{
	write_header(o, gip_finding_columns, GIP_FINDING_NCOL);
}

int
gip_line_trim(unsigned long lineno, char **pp, size_t *np)
{
	char	*p = *pp;
	size_t	 n = *np, i;

	if (lineno == 1 && n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) {
		p += 3;
		n -= 3;
	}
	if (n > 0 && p[n - 1] == '\r')
		p[--n] = '\0';
	*pp = p;
	*np = n;
	for (i = 0; i < n && (p[i] == ' ' || p[i] == '\t'); i++)
		;
	return i == n;
}
