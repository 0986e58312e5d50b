/*
 * stats_out.c: the final table of gip-stats, as TSV, JSON Lines, an
 * aligned table for people (--pretty) or a bar chart (--chart).  The
 * table is built once as text, in key byte order; the four writers
 * only lay it out, so they always agree on the numbers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gip.h"
#include "stats.h"

struct otab {
	const char	**names;
	int		 ncol, nkey;
	int		*numeric;
	struct gip_buf	 text;
	size_t		*off, *len;
	unsigned char	*null;
	size_t		 nrow, cap;	/* cap in cells */
	size_t		 ncell;
};

static const char *const cell_cols[] = {
	"docs", "covered", "values", "sum", "mean", "min", "max", "median",
	"p90"
};
static const char *const ratio_cols[] = {
	"ratio", "docs", "assessable", "zero_den", "not_assessable", "pooled",
	"mean", "min", "max", "median", "p90"
};
static const char *const doc_cols[] = {
	"docs", "tables", "coverage"
};
static const char *const finding_cols[] = {
	"rule", "severity", "docs", "failing", "share", "findings"
};

/* Blocks for eighths of a cell, left to right. */
static const char *const eighths[] = {
	"", "\xe2\x96\x8f", "\xe2\x96\x8e", "\xe2\x96\x8d", "\xe2\x96\x8c",
	"\xe2\x96\x8b", "\xe2\x96\x8a", "\xe2\x96\x89", "\xe2\x96\x88"
};

static void
ot_cell(struct otab *t, const char *p, size_t n, int isnull)
{
	if (t->ncell == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		t->off = gip_xreallocarray(t->off, t->cap, sizeof(*t->off));
		t->len = gip_xreallocarray(t->len, t->cap, sizeof(*t->len));
		t->null = gip_xreallocarray(t->null, t->cap, 1);
	}
	t->off[t->ncell] = t->text.len;
	t->len[t->ncell] = n;
	t->null[t->ncell] = (unsigned char)isnull;
	gip_buf_add(&t->text, p, n);
	t->ncell++;
}

static void
ot_u(struct otab *t, uint64_t u)
{
	char	 buf[STATS_NUMLEN];
	int	 n;

	n = snprintf(buf, sizeof(buf), "%llu", (unsigned long long)u);
	ot_cell(t, buf, (size_t)n, 0);
}

static void
ot_v(struct otab *t, int64_t v, int have)
{
	char	 buf[STATS_NUMLEN];

	if (!have) {
		ot_cell(t, "", 0, 1);
		return;
	}
	ot_cell(t, buf, stats_num_fmt(buf, v), 0);
}

/* The group key's fields (already escaped) as the first cells. */
static void
ot_key(struct otab *t, const struct stats_group *g, int nfield)
{
	size_t	 i, start = 0;
	int	 k = 0;

	for (i = 0; i <= g->keylen && k < nfield; i++)
		if (i == g->keylen || g->key[i] == '\t') {
			ot_cell(t, g->key + start, i - start, 0);
			start = i + 1;
			k++;
		}
	for (; k < nfield; k++)
		ot_cell(t, "", 0, 0);
	t->nrow++;
}

/* Field k of a group's key (keys of cells need no unescaping). */
static char *
key_field(const struct stats_group *g, int k)
{
	size_t	 i, start = 0;

	for (i = 0; i <= g->keylen; i++)
		if (i == g->keylen || g->key[i] == '\t') {
			if (k-- == 0)
				return gip_xstrndup(g->key + start, i - start);
			start = i + 1;
		}
	return gip_xstrdup("");
}

/* --labels: row_label and col_label of the table, row, col dims. */
static void
ot_labels(struct otab *t, const struct stats_group *g, const int *lab)
{
	const struct gip_cell *s;
	const char	*l;
	char		*f[3];
	int		 k;

	for (k = 0; k < 3; k++)
		f[k] = lab[k] >= 0 ? key_field(g, lab[k]) : NULL;
	s = gip_schema_labels(NULL, f[0], f[1], f[2]);
	for (k = 1; k < 3; k++) {
		if (lab[k] < 0)
			continue;
		l = s == NULL ? "" : k == 1 ? s->row_label : s->col_label;
		ot_cell(t, l, strlen(l), 0);
	}
	for (k = 0; k < 3; k++)
		free(f[k]);
}

/*
 * The value at 0-based rank k of a sorted multiset of (value, count)
 * pairs.
 */
static int64_t
rank_value(const struct stats_vent *v, size_t n, uint64_t k)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (k < v[i].count)
			return v[i].value;
		k -= v[i].count;
	}
	return n > 0 ? v[n - 1].value : 0;
}

/*
 * The pct-th percentile with linear interpolation between closest
 * ranks (Hyndman-Fan type 7, the default of R and NumPy): h =
 * (n-1)*pct/100, result = x[floor h] + (h - floor h)(x[floor h + 1] -
 * x[floor h]), rounded to millionths.  The median is pct 50.
 */
static int64_t
percentile(const struct stats_vent *v, size_t nv, uint64_t n, int pct)
{
	uint64_t	 h = (n - 1) * (uint64_t)pct, lo = h / 100;
	int64_t		 rem = (int64_t)(h % 100), a, b, d;

	a = rank_value(v, nv, lo);
	if (rem == 0)
		return a;
	b = rank_value(v, nv, lo + 1);
	d = b - a;
	return a + d / 100 * rem + stats_div_round(d % 100 * rem, 100);
}

static void
ot_quantiles(struct otab *t, const struct stats_group *g,
    const struct stats_vent *v, size_t nv)
{
	int64_t	 mean = 0;

	if (g->values > 0)
		mean = stats_div_round(g->sum, (int64_t)g->values);
	ot_v(t, mean, g->values > 0);
	ot_v(t, g->min, g->values > 0);
	ot_v(t, g->max, g->values > 0);
	ot_v(t, g->values > 0 ? percentile(v, nv, g->values, 50) : 0,
	    g->values > 0);
	ot_v(t, g->values > 0 ? percentile(v, nv, g->values, 90) : 0,
	    g->values > 0);
}

/* The D group that a findings key projects to, if any. */
static const struct stats_group *
doc_projection(struct stats *st, const struct stats_group *g,
    struct gip_buf *b)
{
	const struct stats_conf *c = st->conf;
	size_t	 i, start = 0;
	int	 k = 0, n = 0;

	gip_buf_reset(b);
	for (i = 0; i <= g->keylen && k < c->ndim; i++) {
		if (i < g->keylen && g->key[i] != '\t')
			continue;
		if (c->dims[k].docpos >= 0) {
			if (n++ > 0)
				gip_buf_addc(b, '\t');
			gip_buf_add(b, g->key + start, i - start);
		}
		start = i + 1;
		k++;
	}
	if (b->p == NULL)
		gip_buf_grow(b, 1);
	return stats_gtab_get(&st->dg, b->p, b->len, NULL);
}

static void
build(struct stats *st, struct otab *t)
{
	const struct stats_conf *c = st->conf;
	const char *const *cols;
	struct stats_group **v, *g;
	const struct stats_group *dg;
	struct stats_gtab *gt;
	struct stats_vent *ve;
	struct gip_buf	 b;
	size_t		 nve, i, j, ncols, *start, *cnt;
	char		 kind;
	int64_t		 x;
	int		 k, nk, nlab, lab[3];

	memset(&b, 0, sizeof(b));
	switch (c->view) {
	case VIEW_CELLS:
		cols = cell_cols;
		ncols = sizeof(cell_cols) / sizeof(cell_cols[0]);
		gt = &st->cg;
		kind = 'C';
		break;
	case VIEW_RATIOS:
		cols = ratio_cols;
		ncols = sizeof(ratio_cols) / sizeof(ratio_cols[0]);
		gt = &st->rg;
		kind = 'R';
		break;
	case VIEW_DOCS:
		cols = doc_cols;
		ncols = sizeof(doc_cols) / sizeof(doc_cols[0]);
		gt = &st->dg;
		kind = 'D';
		break;
	default:
		cols = finding_cols;
		ncols = sizeof(finding_cols) / sizeof(finding_cols[0]);
		gt = &st->fg;
		kind = 'F';
		break;
	}
	nk = c->ndim + (c->view == VIEW_RATIOS ? 1 :
	    c->view == VIEW_FINDINGS ? 2 : 0);
	/* --labels: the template's wording of the row and column dims */
	for (k = 0; k < 3; k++)
		lab[k] = -1;
	for (k = 0, nlab = 0; c->labels && k < c->ndim; k++) {
		if (c->dims[k].kind == DIM_TABLE)
			lab[0] = k;
		else if (c->dims[k].kind == DIM_ROW)
			lab[1] = k, nlab++;
		else if (c->dims[k].kind == DIM_COLUMN)
			lab[2] = k, nlab++;
	}
	t->nkey = nk + nlab;
	t->ncol = c->ndim + nlab + (int)ncols;
	t->names = gip_xcalloc((size_t)t->ncol, sizeof(*t->names));
	t->numeric = gip_xcalloc((size_t)t->ncol, sizeof(*t->numeric));
	for (k = 0; k < c->ndim; k++)
		t->names[k] = c->dims[k].name;
	k = c->ndim;
	if (lab[1] >= 0)
		t->names[k++] = "row_label";
	if (lab[2] >= 0)
		t->names[k++] = "col_label";
	for (i = 0; i < ncols; i++) {
		t->names[k + (int)i] = cols[i];
		t->numeric[k + (int)i] = k + (int)i >= t->nkey;
	}

	ve = stats_vtab_sorted(&st->vt, &nve);
	start = gip_xcalloc(gt->n + 1, sizeof(*start));
	cnt = gip_xcalloc(gt->n + 1, sizeof(*cnt));
	for (i = 0; i < nve; i++) {
		if (ve[i].kind != kind || ve[i].gid >= gt->n)
			continue;
		if (cnt[ve[i].gid]++ == 0)
			start[ve[i].gid] = i;
	}
	v = stats_gtab_sorted(gt);
	for (j = 0; j < gt->n; j++) {
		g = v[j];
		ot_key(t, g, nk);
		if (nlab > 0)
			ot_labels(t, g, lab);
		switch (c->view) {
		case VIEW_CELLS:
			/*
			 * docs: the reports that went in (of the group's
			 * document fields); coverage: the share of them
			 * in which a standard table was found.
			 */
			dg = doc_projection(st, g, &b);
			ot_u(t, dg->docs.n);
			ot_u(t, g->covered.n);
			ot_u(t, g->values);
			ot_v(t, g->sum, 1);
			ot_quantiles(t, g, ve + start[g->id], cnt[g->id]);
			break;
		case VIEW_DOCS:
			/* coverage: the reports with a standard table */
			ot_u(t, g->docs.n);
			ot_u(t, g->tabled.n);
			if (g->docs.n > 0 && stats_ratio_value(
			    (int64_t)g->tabled.n, (int64_t)g->docs.n, &x) == 0)
				ot_v(t, x, 1);
			else
				ot_v(t, 0, 0);
			break;
		case VIEW_RATIOS:
			ot_u(t, g->values + g->zero_den + g->na);
			ot_u(t, g->values);
			ot_u(t, g->zero_den);
			ot_u(t, g->na);
			if (g->pden != 0 &&
			    stats_ratio_value(g->pnum, g->pden, &x) == 0)
				ot_v(t, x, 1);
			else
				ot_v(t, 0, 0);
			ot_quantiles(t, g, ve + start[g->id], cnt[g->id]);
			break;
		default:
			dg = doc_projection(st, g, &b);
			ot_u(t, dg->docs.n);
			ot_u(t, g->failing.n);
			if (dg->docs.n > 0 && stats_ratio_value(
			    (int64_t)g->failing.n, (int64_t)dg->docs.n, &x) == 0)
				ot_v(t, x, 1);
			else
				ot_v(t, 0, 0);
			ot_u(t, g->findings);
			break;
		}
	}
	free(v);
	free(start);
	free(cnt);
	free(ve);
	gip_buf_free(&b);
}

static void
raw_field(struct gip_out *o, const char *p, size_t n)
{
	static struct gip_buf	 b;

	/* CSV: the text unescaped, then quoted as RFC 4180 wants */
	if (o->csv) {
		gip_buf_reset(&b);
		gip_buf_grow(&b, n + 1);
		gip_tsv_field(o, b.p, gip_tsv_unescape(p, n, b.p));
		return;
	}
	if (o->nfield++ > 0)
		gip_out_putc(o, '\t');
	gip_out_write(o, p, n);
}

static void
write_tsv(struct otab *t, struct gip_out *o, int header)
{
	size_t	 r, i;
	int	 k;

	if (header) {
		for (k = 0; k < t->ncol; k++)
			gip_tsv_fields(o, t->names[k]);
		gip_tsv_end_row(o);
	}
	for (r = 0, i = 0; r < t->nrow; r++) {
		for (k = 0; k < t->ncol; k++, i++)
			raw_field(o, t->text.p + t->off[i], t->len[i]);
		gip_tsv_end_row(o);
	}
}

static void
write_json(struct otab *t, struct gip_out *o)
{
	struct gip_buf	 u;
	size_t		 r, i;
	int		 k;

	memset(&u, 0, sizeof(u));
	for (r = 0, i = 0; r < t->nrow; r++) {
		gip_out_putc(o, '{');
		for (k = 0; k < t->ncol; k++, i++) {
			if (k > 0)
				gip_out_putc(o, ',');
			gip_json_strs(o, t->names[k]);
			gip_out_putc(o, ':');
			if (t->null[i])
				gip_out_puts(o, "null");
			else if (t->numeric[k])
				gip_out_write(o, t->text.p + t->off[i],
				    t->len[i]);
			else {
				gip_buf_grow(&u, t->len[i]);
				u.len = gip_tsv_unescape(t->text.p + t->off[i],
				    t->len[i], u.p);
				gip_json_str(o, u.p, u.len);
			}
		}
		gip_out_putc(o, '}');
		gip_out_endline(o);
	}
	gip_buf_free(&u);
}

static void
pad(struct gip_out *o, size_t n)
{
	while (n-- > 0)
		gip_out_putc(o, ' ');
}

/* Display widths of every column (header included when hdr). */
static size_t *
col_widths(struct otab *t, int hdr, int ncol)
{
	size_t	*w, r, cw;
	int	 k;

	w = gip_xcalloc((size_t)ncol + 1, sizeof(*w));
	for (k = 0; k < ncol; k++)
		w[k] = hdr ? stats_width(t->names[k], strlen(t->names[k])) : 0;
	for (r = 0; r < t->nrow; r++)
		for (k = 0; k < ncol; k++) {
			cw = stats_width(t->text.p +
			    t->off[r * (size_t)t->ncol + (size_t)k],
			    t->len[r * (size_t)t->ncol + (size_t)k]);
			if (cw > w[k])
				w[k] = cw;
		}
	return w;
}

static void
pretty_cell(struct gip_out *o, const char *p, size_t n, size_t w,
    int right, int last)
{
	size_t	 cw = stats_width(p, n);

	if (right)
		pad(o, w - cw);
	gip_out_write(o, p, n);
	if (!right && !last)
		pad(o, w - cw);
}

static void
write_pretty(struct otab *t, struct gip_out *o, int header)
{
	size_t	*w, r, i;
	int	 k;

	w = col_widths(t, header, t->ncol);
	if (header) {
		for (k = 0; k < t->ncol; k++) {
			if (k > 0)
				gip_out_puts(o, "  ");
			pretty_cell(o, t->names[k], strlen(t->names[k]), w[k],
			    t->numeric[k], k == t->ncol - 1);
		}
		gip_out_endline(o);
	}
	for (r = 0, i = 0; r < t->nrow; r++) {
		for (k = 0; k < t->ncol; k++, i++) {
			if (k > 0)
				gip_out_puts(o, "  ");
			pretty_cell(o, t->null[i] ? "-" : t->text.p + t->off[i],
			    t->null[i] ? 1 : t->len[i], w[k], t->numeric[k],
			    k == t->ncol - 1);
		}
		gip_out_endline(o);
	}
	free(w);
}

/* Terminal width from COLUMNS, else 80. */
static size_t
term_width(void)
{
	const char	*s = getenv("COLUMNS"), *errstr;
	long long	 n;

	if (s == NULL || *s == '\0')
		return 80;
	n = gip_strtonum(s, 20, 1000, &errstr);
	return errstr != NULL ? 80 : (size_t)n;
}

/* The number in cell i; -1 when it is null. */
static int
cell_value(const struct otab *t, size_t i, int64_t *v)
{
	char	 buf[STATS_NUMLEN];

	if (t->null[i] || t->len[i] >= sizeof(buf))
		return -1;
	memcpy(buf, t->text.p + t->off[i], t->len[i]);
	buf[t->len[i]] = '\0';
	return stats_num_parse(buf, v);
}

static void
blocks(struct gip_out *o, uint64_t e8)
{
	uint64_t	 i;

	for (i = 0; i < e8 / 8; i++)
		gip_out_puts(o, eighths[8]);
	gip_out_puts(o, eighths[e8 % 8]);
}

/*
 * A horizontal bar per row, to scale from zero: a bar's length is
 * its value over the largest magnitude, in eighths of a cell.  With
 * negative values an axis splits the area and both sides share the
 * same unit (negative bars in whole cells, as Unicode has no
 * right-aligned eighths).
 */
static int
write_chart(struct otab *t, struct gip_out *o, const char *colname,
    const char *dims)
{
	size_t		*w, r, i, lw = 0, vw = 0, area, nw = 0, pw, n;
	int64_t		 v, maxpos = 0, maxneg = 0, span;
	char		 buf[STATS_NUMLEN];
	int		 k, col = -1;

	for (k = t->nkey; k < t->ncol; k++)
		if (strcmp(t->names[k], colname) == 0)
			col = k;
	if (col < 0) {
		gip_warnx("--chart: no column %s in this table", colname);
		return -1;
	}
	w = col_widths(t, 0, t->nkey);
	for (k = 0; k < t->nkey; k++)
		lw += w[k] + (k > 0 ? 2 : 0);
	for (r = 0; r < t->nrow; r++) {
		i = r * (size_t)t->ncol + (size_t)col;
		if (t->len[i] > vw)
			vw = t->len[i];
		if (cell_value(t, i, &v) == -1)
			continue;
		if (v > maxpos)
			maxpos = v;
		if (v < 0 && -v > maxneg)
			maxneg = -v;
	}
	area = term_width();
	area = area > lw + vw + 4 + 10 ? area - lw - vw - 4 : 10;
	span = maxpos + maxneg;
	if (maxneg > 0)
		nw = (size_t)((double)area * (double)maxneg / (double)span +
		    0.5);
	pw = area - nw;
	stats_num_fmt(buf, span > 0 ? stats_div_round(span, (int64_t)area) :
	    0);
	gip_out_printf(o, "%s by %s: %s%s = %s", colname, *dims ? dims :
	    "all", maxneg > 0 ? "zero at the axis, " : "zero at the left, ",
	    eighths[8], buf);
	gip_out_endline(o);
	for (r = 0; r < t->nrow; r++) {
		for (k = 0; k < t->nkey; k++) {
			i = r * (size_t)t->ncol + (size_t)k;
			if (k > 0)
				gip_out_puts(o, "  ");
			pretty_cell(o, t->text.p + t->off[i], t->len[i], w[k],
			    0, 0);
		}
		gip_out_puts(o, "  ");
		i = r * (size_t)t->ncol + (size_t)col;
		if (cell_value(t, i, &v) == -1)
			v = 0;
		if (maxneg > 0) {
			n = v < 0 ? (size_t)((double)area * (double)-v /
			    (double)span + 0.5) : 0;
			if (n > nw)
				n = nw;
			pad(o, nw - n);
			blocks(o, (uint64_t)n * 8);
			gip_out_puts(o, "\xe2\x94\x82");
		}
		if (v > 0) {
			n = (size_t)((double)area * 8 * (double)v /
			    (double)span + 0.5);
			blocks(o, n > pw * 8 ? pw * 8 : n);
		}
		gip_out_putc(o, ' ');
		if (t->null[i])
			gip_out_putc(o, '-');
		else
			gip_out_write(o, t->text.p + t->off[i], t->len[i]);
		gip_out_endline(o);
	}
	free(w);
	return 0;
}

static const char *
default_chart(enum stats_view v)
{
	return v == VIEW_CELLS ? "sum" : v == VIEW_RATIOS ? "pooled" :
	    v == VIEW_DOCS ? "coverage" : "share";
}

int
stats_output(struct stats *st, struct gip_out *o, enum stats_format fmt,
    int header, const char *chartcol)
{
	struct otab	 t;
	int		 rv = 0;

	memset(&t, 0, sizeof(t));
	build(st, &t);
	switch (fmt) {
	case FMT_TSV:
		write_tsv(&t, o, header);
		break;
	case FMT_JSON:
		write_json(&t, o);
		break;
	case FMT_PRETTY:
		write_pretty(&t, o, header);
		break;
	case FMT_CHART:
		rv = write_chart(&t, o, chartcol != NULL ? chartcol :
		    default_chart(st->conf->view), st->conf->dimspec);
		break;
	}
	free(t.names);
	free(t.numeric);
	free(t.off);
	free(t.len);
	free(t.null);
	gip_buf_free(&t.text);
	return rv;
}

/*
 * Display width in a terminal, without the locale: East Asian wide
 * and full-width characters (Han, kana, Hangul, CJK punctuation,
 * full-width forms) take two columns, combining marks and zero-width
 * characters none, everything else one.  Invalid bytes count one.
 */
size_t
stats_width(const char *p, size_t n)
{
	size_t		 i = 0, w = 0, k;
	uint32_t	 c;

	while (i < n) {
		if ((unsigned char)p[i] < 0x80) {
			w += (unsigned char)p[i] >= 0x20;
			i++;
			continue;
		}
		k = gip_utf8_decode(p + i, n - i, &c);
		i += k;
		if (c == GIP_UTF8_BAD)
			w++;
		else if ((c >= 0x0300 && c <= 0x036F) ||
		    (c >= 0x200B && c <= 0x200F) || c == 0xFEFF ||
		    (c >= 0xFE00 && c <= 0xFE0F) || c < 0xA0)
			continue;
		else if ((c >= 0x1100 && c <= 0x115F) ||
		    (c >= 0x2E80 && c <= 0x303E) ||
		    (c >= 0x3041 && c <= 0x33FF) ||
		    (c >= 0x3400 && c <= 0x4DBF) ||
		    (c >= 0x4E00 && c <= 0x9FFF) ||
		    (c >= 0xA000 && c <= 0xA4CF) ||
		    (c >= 0xAC00 && c <= 0xD7A3) ||
		    (c >= 0xF900 && c <= 0xFAFF) ||
		    (c >= 0xFE30 && c <= 0xFE4F) ||
		    (c >= 0xFF00 && c <= 0xFF60) ||
		    (c >= 0xFFE0 && c <= 0xFFE6) ||
		    (c >= 0x1F300 && c <= 0x1F64F) ||
		    (c >= 0x1F900 && c <= 0x1F9FF) ||
		    (c >= 0x20000 && c <= 0x3FFFD) || gip_is_han(c))
			w += 2;
		else
			w++;
	}
	return w;
}
