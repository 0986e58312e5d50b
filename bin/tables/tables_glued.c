/*
 * tables_glued.c: tables whose cells a crawler glued together.
 *
 * A page flattened to one line of text keeps the tables' labels and
 * numbers but loses the separators between the cells: "规章000行政规范性
 * 文件77132470".  Here each row is found by its label in the line, its
 * run of digits follows the label, and the run is cut into the row's
 * cells in every way numbers allow (no number but 0 itself starts with
 * 0; a space is always a cut).  A reading is kept only where the
 * template's arithmetic leaves exactly one: table 三's 总计 column is
 * the sum of the others, each group of table 四 adds up to its 总计, and
 * table 三's 总计 row and 勾稽关系 tie its rows together.  A run with more
 * than one reading is "ambiguous", one with none "unreadable": never a
 * guess.  A line whose runs are cut by spaces everywhere (a whole report
 * on one line) is read the same way, with one reading a row.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "gip.h"
#include "tables.h"

#define MAXRUN		40	/* digits in one run */
#define MAXREAD		64	/* readings kept of one row */
#define MAXDIG		9	/* digits of one cell */
#define LABEL_GAP	90	/* a row's label after its key, to the run */
#define HEADER_GAP	200	/* table 四's header, to its run */
#define ROW_SKIP	400	/* from a row, or the header, to the next row */
#define MAXSTEPS	2000000	/* cuts tried in one run */

/* The line, normalized as labels are, with a map back to its text. */
struct gline {
	struct gip_buf	 n;
	size_t		*beg, *end;	/* raw extent of each byte of n */
	unsigned char	*spc;		/* white space stood before it */
	size_t		 cap;
	size_t		 line;		/* index in d->lines */
	unsigned long	 serial;	/* of the document */
};

/* One reading of a row: its values and where each starts in the run. */
struct reading {
	long long	 v[MAXV];
	unsigned char	 b[MAXV + 1];
};

struct grow {
	int		 found;		/* label and run found */
	size_t		 run, len;	/* the run in n: digits and '.' */
	char		 dg[MAXRUN + 1];	/* its digits */
	size_t		 at[MAXRUN];	/* n offset of each digit */
	unsigned char	 cut[MAXRUN];	/* a space before digit k */
	size_t		 ndg;
	int		 dec;		/* the run has a decimal point */
	size_t		 intlen;	/* digits before it */
	struct reading	*rd;
	size_t		 nrd;
	int		 many;		/* more readings than kept */
	const char	*why;
};

struct gtab {
	const struct tabspec *sp;
	struct grow	 r[32];
	size_t		 located, endpos;
};

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static void
gl_build(struct gline *g, const struct tb_doc *d, size_t li)
{
	const struct tb_line *l = &d->lines[li];
	const unsigned char *s = (const unsigned char *)d->text.p + l->off;
	size_t		 i = 0, k, j, before;
	int		 space = 0;
	uint32_t	 cp;

	/* each table asks in turn: build the line once */
	if (g->serial == d->serial && g->line == li && g->n.p != NULL)
		return;
	gip_buf_reset(&g->n);
	g->line = li;
	g->serial = d->serial;
	while (i < l->len) {
		k = gip_utf8_decode((const char *)s + i, l->len - i, &cp);
		if (k == 0)
			k = 1;
		if (cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0) {
			space = 1;
			i += k;
			continue;
		}
		before = g->n.len;
		tb_norm(&g->n, (const char *)s + i, k);
		if (g->n.len + 1 > g->cap) {
			g->cap = g->n.len * 2 + 256;
			g->beg = gip_xreallocarray(g->beg, g->cap, sizeof(size_t));
			g->end = gip_xreallocarray(g->end, g->cap, sizeof(size_t));
			g->spc = gip_xreallocarray(g->spc, g->cap, 1);
		}
		for (j = before; j < g->n.len; j++) {
			g->beg[j] = l->off + i;
			g->end[j] = l->off + i + k;
			g->spc[j] = j == before && space;
		}
		if (g->n.len > before)
			space = 0;
		i += k;
	}
	gip_buf_addc(&g->n, '\0');
	g->n.len--;
}

static size_t
find_in(const struct gline *g, const char *k, size_t from, size_t lim)
{
	const char	*hit;
	size_t		 kn = strlen(k);

	if (from >= lim || lim - from < kn)
		return SIZE_MAX;
	hit = tb_search(g->n.p + from, lim - from, k, kn);
	return hit == NULL ? SIZE_MAX : (size_t)(hit - g->n.p);
}

/* Earliest of a row's keys in [from, lim); its end in *kend. */
static size_t
find_row(const struct gline *g, const char *const *keys, size_t from,
    size_t lim, size_t *kend)
{
	size_t	 best = SIZE_MAX, pos;
	int	 i;

	for (i = 0; i < 6 && keys[i] != NULL; i++) {
		pos = find_in(g, keys[i], from, lim);
		if (pos < best) {
			best = pos;
			*kend = pos + strlen(keys[i]);
		}
	}
	return best;
}

/* Does a label start at n offset i (a Han character or a parenthesis)? */
static int
is_label(const struct gline *g, size_t i)
{
	const unsigned char *u = (const unsigned char *)g->n.p;

	return i < g->n.len && (u[i] == '(' || (u[i] >= 0xE4 && u[i] <= 0xE9));
}

/* A count's unit or a date right after digits: prose, not a cell. */
static int
unit_after(const char *p)
{
	static const char *const u[] = { "件", "条", "个", "项", "次", "人",
	    "家", "起", "宗", "份", "例", "篇", "年", "月", "日", "元", "万",
	    "%", "％", "余", "多", NULL };
	int	 i;

	for (i = 0; u[i] != NULL; i++)
		if (strncmp(p, u[i], strlen(u[i])) == 0)
			return 1;
	return 0;
}

/*
 * The run of digits that follows a row's label at kend, before lim: its
 * digits, the spaces among them and a decimal point.  A digit before
 * "." or "、" and a label is the next row's ordinal ("00000002.其他"),
 * not a value.
 */
static int
take_run(const struct gline *g, size_t kend, size_t lim, size_t gap,
    struct grow *gr)
{
	const char	*p = g->n.p;
	const unsigned char *u = (const unsigned char *)p;
	size_t		 i, a, e;

	for (i = kend; i < lim && !is_digit(p[i]); i++)
		if (i - kend > gap || strncmp(p + i, "。", 3) == 0 ||
		    strncmp(p + i, "；", 3) == 0 || p[i] == ';')
			return 0;
	if (i >= lim)
		return 0;
	a = i;
	gr->dec = 0;
	for (e = a; e < lim; e++) {
		if (is_digit(p[e]))
			continue;
		if (p[e] == '.' && e + 1 < lim && is_digit(p[e + 1]) &&
		    !g->spc[e + 1] && !gr->dec) {
			gr->dec = 1;
			gr->intlen = e - a;
			continue;
		}
		break;
	}
	if (e < lim && (p[e] == '.' || strncmp(p + e, "、", 3) == 0) &&
	    e - a >= 2 && !gr->dec && is_label(g, e + (p[e] == '.' ? 1 : 3))) {
		e--;			/* the next row's ordinal */
	} else if (e < lim && !g->spc[e] && (unit_after(p + e) ||
	    !(p[e] == '(' || (u[e] >= 0xE4 && u[e] <= 0xE9))))
		return 0;	/* a count, a list, a date: prose, not cells */
	gr->run = a;
	gr->len = e - a;
	gr->ndg = 0;
	for (i = a; i < e; i++) {
		if (!is_digit(p[i]))
			continue;
		if (gr->ndg == MAXRUN)
			return -1;
		gr->cut[gr->ndg] = gr->ndg > 0 && g->spc[i];
		gr->at[gr->ndg] = i;
		gr->dg[gr->ndg++] = p[i];
	}
	gr->dg[gr->ndg] = '\0';
	return 1;
}

/* Does the text end with the run (an excerpt cut inside it)? */
static int
ends_text(const struct tb_doc *d, const struct gline *g, const struct grow *gr)
{
	size_t	 i;

	if (gr->run + gr->len != g->n.len)
		return 0;
	for (i = g->line + 1; i < d->nline; i++)
		if (d->lines[i].len > 0)
			return 0;
	return 1;
}

/* The arithmetic a row's reading must satisfy. */
static int
adds_up(const char *table, const long long *v, size_t n)
{
	long long	 s = 0;
	size_t		 j, g;

	if (strcmp(table, "t3") == 0 && n == 7) {
		for (j = 0; j < 6; j++)
			s += v[j];
		return s == v[6];
	}
	if (strcmp(table, "t4") == 0 && n == 15) {
		for (g = 0; g < 15; g += 5)
			if (v[g] + v[g + 1] + v[g + 2] + v[g + 3] != v[g + 4])
				return 0;
		return 1;
	}
	return 1;
}

struct splitter {
	struct grow	*gr;
	const char	*table;
	size_t		 nval;
	struct reading	 cur;
	struct reading	 only;		/* the first cut, whatever the sums */
	size_t		 nsplit;	/* cuts, whatever the sums */
	long		 steps;
};

static void
split(struct splitter *sp, size_t i, size_t part)
{
	struct grow	*gr = sp->gr;
	size_t		 len, left = sp->nval - part - 1;
	long long	 x = 0;

	/* a run that can be cut too many ways is ambiguous: stop early */
	if (gr->many || ++sp->steps > MAXSTEPS) {
		gr->many = 1;
		return;
	}
	sp->cur.b[part] = (unsigned char)i;
	for (len = 1; len <= MAXDIG && i + len + left <= gr->ndg; len++) {
		if (len > 1 && (gr->dg[i] == '0' || gr->cut[i + len - 1]))
			break;
		x = x * 10 + (gr->dg[i + len - 1] - '0');
		sp->cur.v[part] = x;
		if (gr->ndg - (i + len) > left * MAXDIG)
			continue;
		if (left > 0) {
			/* the next part starts a cut, if there is one */
			split(sp, i + len, part + 1);
			continue;
		}
		if (i + len != gr->ndg)
			continue;
		sp->cur.b[sp->nval] = (unsigned char)gr->ndg;
		if (sp->nsplit++ == 0)
			sp->only = sp->cur;
		if (!adds_up(sp->table, sp->cur.v, sp->nval))
			continue;
		if (gr->nrd == MAXREAD) {
			gr->many = 1;
			return;
		}
		gr->rd[gr->nrd++] = sp->cur;
	}
}

/* Every reading of a row's run as nval cells. */
static void
readings(struct grow *gr, const char *table, size_t nval, unsigned flags)
{
	struct splitter	 sp;

	gr->nrd = 0;
	gr->many = 0;
	if (gr->rd == NULL)
		gr->rd = gip_xreallocarray(NULL, MAXREAD, sizeof(*gr->rd));
	if (gr->dec) {
		/* a decimal: the one cell of a money row, whole */
		if (nval == 1 && (flags & GIP_CELL_DECIMAL) &&
		    !(gr->dg[0] == '0' && gr->intlen > 1)) {
			gr->rd[0].b[0] = 0;
			gr->rd[0].b[1] = (unsigned char)gr->ndg;
			gr->nrd = 1;
		}
		return;
	}
	memset(&sp, 0, sizeof(sp));
	sp.gr = gr;
	sp.table = table;
	sp.nval = nval;
	if (nval > 0 && nval <= MAXV && gr->ndg >= nval)
		split(&sp, 0, 0);
	/*
	 * One way to cut the run (a digit a cell, or spaces between all
	 * cells): that is the reading, even where the report's own sums
	 * are wrong (gip-check says so).
	 */
	if (sp.nsplit == 1 && !gr->many) {
		gr->rd[0] = sp.only;
		gr->nrd = 1;
	}
}

/* One linear equation over table 三's rows, column by column. */
struct equation {
	size_t		 row[32];
	int		 sign[32];
	size_t		 n;
};

struct solver {
	struct gtab	*gt;
	const struct equation *eq;
	size_t		 und[4], nund;	/* terms whose row has several readings */
	size_t		 pick[4];
	unsigned char	 used[4][MAXREAD];
	long		 tries;
};

/* Try every combination of the open rows' readings; mark those that fit. */
static void
combine(struct solver *so, size_t k, const long long *acc)
{
	const struct grow *gr;
	long long	 next[7];
	size_t		 i, c;
	int		 sg;

	if (so->tries-- <= 0)
		return;
	if (k == so->nund) {
		for (c = 0; c < 7; c++)
			if (acc[c] != 0)
				return;
		for (i = 0; i < so->nund; i++)
			so->used[i][so->pick[i]] = 1;
		return;
	}
	gr = &so->gt->r[so->eq->row[so->und[k]]];
	sg = so->eq->sign[so->und[k]];
	for (i = 0; i < gr->nrd; i++) {
		for (c = 0; c < 7; c++)
			next[c] = acc[c] + sg * gr->rd[i].v[c];
		so->pick[k] = i;
		combine(so, k + 1, next);
	}
}

/*
 * Keep, of each row with several readings, those that some combination
 * satisfying the equation uses.  Returns whether anything was dropped.
 */
static int
solve(struct gtab *gt, const struct equation *eq)
{
	struct solver	 so;
	long long	 base[7];
	size_t		 i, j, k, c;
	int		 changed = 0;

	memset(&so, 0, sizeof(so));
	memset(base, 0, sizeof(base));
	so.gt = gt;
	so.eq = eq;
	so.tries = 100000;
	for (i = 0; i < eq->n; i++) {
		const struct grow *gr = &gt->r[eq->row[i]];

		if (!gr->found || gr->why != NULL || gr->nrd == 0 || gr->many)
			return 0;
		if (gr->nrd == 1) {
			for (c = 0; c < 7; c++)
				base[c] += eq->sign[i] * gr->rd[0].v[c];
			continue;
		}
		if (so.nund == 4)
			return 0;
		so.und[so.nund++] = i;
	}
	if (so.nund == 0)
		return 0;
	combine(&so, 0, base);
	if (so.tries <= 0)
		return 0;
	for (i = 0; i < so.nund; i++) {
		struct grow *gr = &gt->r[eq->row[so.und[i]]];

		for (j = k = 0; j < gr->nrd; j++)
			if (so.used[i][j])
				gr->rd[k++] = gr->rd[j];
		/* no combination fits: the table does not add up; leave it */
		if (k == 0)
			return changed;
		if (k < gr->nrd)
			changed = 1;
		gr->nrd = k;
	}
	return changed;
}

/*
 * Table 三's rows tie together: 总计 is the sum of the outcome rows, and
 * new + carried over = 总计 + carried forward, column by column.  Rows
 * with several readings keep those that fit these with the other rows.
 */
static void
t3_tie(struct gtab *gt)
{
	size_t		 nrow = gt->sp->nrow, r, open, total;
	struct equation	 eq[2];
	int		 changed = 1;

	for (open = 0; open < nrow &&
	    strcmp(gt->sp->rows[open].row, "open") != 0; open++)
		;
	for (total = 0; total < nrow &&
	    strcmp(gt->sp->rows[total].row, "total") != 0; total++)
		;
	if (open >= nrow || total + 1 >= nrow)
		return;
	memset(eq, 0, sizeof(eq));
	eq[0].row[eq[0].n] = total;
	eq[0].sign[eq[0].n++] = 1;
	for (r = open; r < total; r++) {
		eq[0].row[eq[0].n] = r;
		eq[0].sign[eq[0].n++] = -1;
	}
	eq[1].row[0] = 0, eq[1].sign[0] = 1;
	eq[1].row[1] = 1, eq[1].sign[1] = 1;
	eq[1].row[2] = total, eq[1].sign[2] = -1;
	eq[1].row[3] = total + 1, eq[1].sign[3] = -1;
	eq[1].n = 4;
	while (changed)
		changed = solve(gt, &eq[0]) | solve(gt, &eq[1]);
}

/*
 * Locate a table's rows in the line from its anchor on, and read each
 * row's run.
 */
static void
read_rows(const struct tb_doc *d, const struct gline *g, struct gtab *gt,
    size_t from, size_t lim)
{
	const struct tabspec *sp = gt->sp;
	const struct gip_cell *s;
	size_t		 r, q, pos = from, kpos, kend = 0, k2, nsch, i;
	int		 prevfound = 0, t;
	unsigned	 flags;

	s = gip_schema(&nsch);
	for (r = 0; r < sp->nrow; r++) {
		struct grow *gr = &gt->r[r];

		gr->found = 0;
		gr->why = "row not found";
		kpos = find_row(g, sp->rows[r].keys, pos, lim, &kend);
		if (kpos == SIZE_MAX && sp->rows[r].fall[0] != NULL &&
		    (!sp->rows[r].fallneed || prevfound))
			kpos = find_row(g, sp->rows[r].fall, pos, lim, &kend);
		prevfound = 0;
		if (kpos == SIZE_MAX || kpos - pos > ROW_SKIP)
			continue;
		/* a later row's label before this one's: not there */
		for (q = r + 1; q < sp->nrow && q <= r + 2; q++)
			if (find_row(g, sp->rows[q].keys, pos, kpos, &k2) !=
			    SIZE_MAX)
				break;
		if (q < sp->nrow && q <= r + 2)
			continue;
		t = take_run(g, kend, lim, LABEL_GAP, gr);
		if (t == 0)
			continue;
		/* the next row's label before the run: no values here */
		for (q = r + 1; t > 0 && q < sp->nrow && q <= r + 2; q++)
			if (find_row(g, sp->rows[q].keys, kend, gr->run, &k2) !=
			    SIZE_MAX)
				t = 0;
		if (t == 0)
			continue;
		prevfound = 1;
		gr->found = 1;
		gr->why = NULL;
		gt->located++;
		pos = gr->run + gr->len;
		gt->endpos = pos;
		if (t < 0) {
			gr->why = "unreadable";
			continue;
		}
		/* the text ends in the run: its last cell may be cut short */
		if (ends_text(d, g, gr)) {
			gr->why = "truncated";
			continue;
		}
		flags = 0;
		for (i = 0; i < nsch; i++)
			if (tb_row_of(sp, &s[i]) == (int)r) {
				flags = s[i].flags;
				break;
			}
		readings(gr, sp->table, tb_width(sp, r), flags);
	}
	if (strcmp(sp->table, "t3") == 0)
		t3_tie(gt);
	for (r = 0; r < sp->nrow; r++) {
		struct grow *gr = &gt->r[r];

		if (!gr->found || gr->why != NULL)
			continue;
		if (gr->many || gr->nrd > 1)
			gr->why = "ambiguous";
		else if (gr->nrd == 0)
			gr->why = "unreadable";
		else
			gr->why = NULL;
	}
}

static void
emit_num(struct tb_doc *d, const struct gline *g, const struct gip_cell *sc,
    const struct grow *gr, size_t j)
{
	const struct reading *rd = &gr->rd[0];
	struct tb_rec	 rec;
	size_t		 a = rd->b[j], b = rd->b[j + 1], na, nb;

	tb_rec_cell(&rec, sc);
	rec.status = TBS_NUM;
	rec.rbuf = TBR_TEXT;
	rec.voff = d->vals.len;
	na = gr->at[a];
	nb = gr->at[b - 1] + 1;
	if (gr->dec) {
		na = gr->run;
		nb = gr->run + gr->len;
	}
	gip_buf_add(&d->vals, g->n.p + na, nb - na);
	rec.vlen = nb - na;
	rec.roff = g->beg[na];
	rec.rlen = g->end[nb - 1] - g->beg[na];
	rec.line = d->lines[g->line].src;
	tb_rec_add(d, &rec);
}

/* Every cell of a table read from the line, in schema order. */
static void
emit(struct tb_doc *d, const struct gline *g, const struct gtab *gt,
    unsigned tmpl, int cut)
{
	const struct gip_cell *s;
	const struct grow *gr;
	size_t		 n, i, j = 0, last = SIZE_MAX, r, lastrow = 0;
	int		 said = 0;
	unsigned long	 line = d->lines[g->line].src;

	for (r = 0; r < gt->sp->nrow; r++)
		if (gt->r[r].found)
			lastrow = r;
	s = gip_schema(&n);
	for (i = 0; i < n; i++) {
		int ro = tb_row_of(gt->sp, &s[i]);
		const char *why;

		if (!(s[i].tmpl & tmpl) || ro < 0)
			continue;
		r = (size_t)ro;
		if (r != last) {
			j = 0;
			last = r;
		}
		gr = &gt->r[r];
		if (gr->found && gr->why == NULL) {
			emit_num(d, g, &s[i], gr, j++);
			continue;
		}
		why = gr->why;
		if (cut && r >= lastrow && !gr->found)
			why = "truncated";
		if (j++ == 0 && !said) {
			gip_diag(d->name, line, GIP_ERROR, "%s %s (%s): %s%s",
			    s[i].table, s[i].row, s[i].row_label, why,
			    strcmp(why, "ambiguous") == 0 ?
			    " (cells glued together)" : "");
			d->failed = 1;
			said = strcmp(why, "truncated") == 0;
		}
		tb_emit_missing(d, &s[i], why, line);
	}
}

/* Table 四's fifteen cells from its one run. */
static void
emit_t4(struct tb_doc *d, const struct gline *g, const struct grow *gr)
{
	const struct gip_cell *s;
	size_t		 n, i, j = 0;
	unsigned long	 line = d->lines[g->line].src;
	const char	*why = gr->why != NULL ? gr->why : gr->many ||
	    gr->nrd > 1 ? "ambiguous" : gr->nrd == 0 ? "unreadable" : NULL;

	s = gip_schema(&n);
	for (i = 0; i < n; i++) {
		if (strcmp(s[i].table, "t4") != 0)
			continue;
		if (why == NULL) {
			emit_num(d, g, &s[i], gr, j++);
			continue;
		}
		if (j++ == 0) {
			gip_diag(d->name, line, GIP_ERROR, "t4: %s%s", why,
			    why[0] == 'a' ? " (cells glued together)" : "");
			d->failed = 1;
		}
		tb_emit_missing(d, &s[i], why, line);
	}
}

/*
 * Table 二 or 三 of the line, its rows between from and lim: written, if
 * found, with a reason for each cell not read.
 */
static int
glued_grid(struct tb_doc *d, const struct gline *g, const char *table,
    unsigned tmpl, size_t from, size_t lim)
{
	struct gtab	 gt;
	size_t		 r;
	int		 found;

	memset(&gt, 0, sizeof(gt));
	gt.sp = tb_spec(table, tmpl);
	read_rows(d, g, &gt, from, lim);
	found = gt.located >= gt.sp->minrows;
	if (found)
		emit(d, g, &gt, tmpl, lim == g->n.len &&
		    g->n.len - gt.endpos < 3 * LABEL_GAP);
	for (r = 0; r < gt.sp->nrow; r++)
		free(gt.r[r].rd);
	return found;
}

static size_t
first_of(const struct gline *g, const char *const *w, size_t from,
    size_t lim)
{
	size_t	 best = SIZE_MAX, p;
	int	 i;

	for (i = 0; w[i] != NULL; i++)
		if ((p = find_in(g, w[i], from, lim)) < best)
			best = p;
	return best;
}

/* Which template: table 三's (六), then table 二's header words. */
static unsigned
glued_tmpl(const struct tb_doc *d, const struct gline *g)
{
	static const char *const w21[] = { "本年制发件数", "本年废止件数",
	    "现行有效件数", "逾期不补正", "缴纳费用", NULL };
	static const char *const w19[] = { "本年新制作数量", "本年新公开数量",
	    "对外公开总数量", "上一年项目数量", "其他对外管理服务事项", NULL };
	int	 a = first_of(g, w21, 0, g->n.len) != SIZE_MAX;
	int	 b = first_of(g, w19, 0, g->n.len) != SIZE_MAX;
	unsigned meta = gip_schema_tmpl(d->tmpl);

	if (a != b)
		return a ? GIP_T2021 : GIP_T2019;
	return meta != 0 ? meta : GIP_T2021;
}

/*
 * Tables (need: 1 table 二, 2 table 三, 4 table 四) not found in cells
 * that a line holds glued together.  Returns the tables read.
 */
int
tb_glued(struct tb_doc *d, int need)
{
	static const char *const a2[] = { "第二十条", NULL };
	static const char *const a3[] = { "勾稽关系", "申请人情况", NULL };
	static const char *const a3b[] = { "自然人", NULL };
	static const char *const a4[] = { "尚未审结", NULL };
	static struct gline g;	/* kept for the next table's call */
	struct gtab	 gt;
	size_t		 li, c, p2, p3, p4;
	unsigned	 tmpl;
	int		 got = 0;

	for (li = 0; li < d->nline && (need & ~got) != 0; li++) {
		const struct tb_line *l = &d->lines[li];

		if (l->len < 200)
			continue;
		c = l->cell0;
		if (c >= d->ncell || d->cells[c].line != li ||
		    !(d->cells[c].flags & TBF_PROSE))
			continue;
		/* header words of the tables wanted, not words of prose */
		if (!(((need & 1) && tb_search(d->text.p + l->off, l->len,
		    "信息内容", 12) != NULL) || ((need & 2) &&
		    tb_search(d->text.p + l->off, l->len, "申请人情况", 15) !=
		    NULL) || ((need & 4) && tb_search(d->text.p + l->off,
		    l->len, "尚未审结", 12) != NULL)))
			continue;
		gl_build(&g, d, li);
		tmpl = glued_tmpl(d, &g);
		p2 = first_of(&g, a2, 0, g.n.len);
		/* a table's own words, not the prose's ("涉及自然人80件") */
		if ((p3 = first_of(&g, a3, 0, g.n.len)) == SIZE_MAX)
			p3 = first_of(&g, a3b, 0, g.n.len);
		p4 = first_of(&g, a4, p3 == SIZE_MAX ? 0 : p3, g.n.len);
		if ((need & 1) && !(got & 1) && p2 != SIZE_MAX &&
		    glued_grid(d, &g, "t2", tmpl, p2,
		    p3 != SIZE_MAX && p3 > p2 ? p3 : g.n.len))
			got |= 1;
		if ((need & 2) && !(got & 2) && p3 != SIZE_MAX &&
		    glued_grid(d, &g, "t3", tmpl, p3,
		    p4 != SIZE_MAX ? p4 : g.n.len))
			got |= 2;
		if ((need & 4) && !(got & 4) && p4 != SIZE_MAX) {
			/* one run of fifteen after the header's words */
			memset(&gt, 0, sizeof(gt));
			if (take_run(&g, p4, g.n.len, HEADER_GAP, &gt.r[0]) > 0) {
				gt.r[0].found = 1;
				if (ends_text(d, &g, &gt.r[0]))
					gt.r[0].why = "truncated";
				else
					readings(&gt.r[0], "t4", 15, 0);
				emit_t4(d, &g, &gt.r[0]);
				got |= 4;
			}
			free(gt.r[0].rd);
		}
		if (got != 0 && d->tmplname == NULL && (got & 3))
			d->tmplname = tmpl == GIP_T2021 ? "2021" : "2019";
	}
	return got;
}
