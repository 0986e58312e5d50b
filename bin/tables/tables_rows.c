/*
 * tables_rows.c: read the values of a row once its label is found.
 *
 * The candidates are the value cells after the label; they are fitted
 * to the row's width by dropping the spacer cells at the edges of tab
 * and pipe rows, by the header's columns where a spanned HTML cell left
 * empty cells between the values, and, in space-aligned text, by the
 * columns of the table's complete rows.  What cannot be fitted without
 * guessing is not read.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>

#include "gip.h"
#include "tables.h"

/*
 * Is cell ci where the text ends, with nothing after it on its line (no
 * closing pipe)?  An excerpt cut there may have cut the number too.
 * Callers let a row's sums vouch for it (a 总计 cut short no longer adds
 * up).
 */
int
tb_cut_value(const struct tb_doc *d, size_t ci)
{
	const struct tb_cell *c = &d->cells[ci];
	const struct tb_line *l = &d->lines[c->line];
	size_t		 i, end = l->off + l->len;

	if (c->kind != TB_NUM)
		return 0;
	for (i = ci + 1; i < d->ncell; i++)
		if (d->cells[i].kind != TB_EMPTY)
			return 0;
	for (i = c->roff + c->rlen; i < end; i++)
		if (d->text.p[i] != ' ')
			return 0;
	for (i = c->line + 1; i < d->nline; i++)
		if (d->lines[i].len > 0)
			return 0;
	return 1;
}

/* Where a cell is on its line: 0 for the line's first cell. */
size_t
tb_pos_in_line(const struct tb_doc *d, size_t ci)
{
	return ci - d->lines[d->cells[ci].line].cell0;
}

/*
 * Text that opens another block (a heading 四、…, a caption 第二十条…,
 * another row's 2.) ends the search for a row's values: they are not
 * beyond it.
 */
static int
new_block(const struct tb_doc *d, const struct tb_cell *c)
{
	static const char num[] = "一二三四五六七八九十";
	const char	*p = d->stream.p + c->noff;
	size_t		 i = 0;

	if (c->nlen >= 12 && memcmp(p, "第二十条", 12) == 0)
		return 1;
	/* another row's ordinal, 2. ... (its label was not recognized) */
	if (c->nlen >= 3 && p[0] >= '1' && p[0] <= '9' && p[1] == '.')
		return 1;
	while (i + 3 <= c->nlen && memmem(num, sizeof(num) - 1, p + i, 3) !=
	    NULL && (i / 3) < 3)
		i += 3;
	return i > 0 && i + 3 <= c->nlen && memcmp(p + i, "、", 3) == 0;
}

static void by_columns(const struct tb_doc *, struct rowres *,
    const size_t *, size_t, const long *);
static int with_subtotal(const struct tb_doc *, struct rowres *,
    const size_t *, size_t, long, int);

/*
 * The values of one row: candidate cells after its label cell, before
 * the next row's label (bound), stopping at the first text once values
 * began; then fitted to the row's width (tb_trim_place, by_columns).
 */
void
tb_collect(const struct tb_doc *d, struct rowres *rr, size_t bound, long hpos,
    const long *hcols, int sub)
{
	const struct tb_cell *c, *key = &d->cells[rr->keycell];
	size_t		 i, n = 0, ntext = 0, keyline, lastline = 0, v[64];
	int		 started = 0, perline = 1;

	keyline = d->cells[rr->keycell].line;
	for (i = rr->keycell + 1; i < bound && i < d->ncell; i++) {
		c = &d->cells[i];
		if (c->kind == TB_TEXT) {
			if ((c->flags & TBF_DROP) && !(c->flags & TBF_PROSE))
				continue;
			/* a spanned label repeated in each of its cells */
			if (!started && c->nlen == key->nlen && memcmp(d->stream.p +
			    c->noff, d->stream.p + key->noff, c->nlen) == 0)
				continue;
			if (started || (c->flags & TBF_PROSE) ||
			    ++ntext > PRE_TEXT || new_block(d, c))
				break;
			continue;
		}
		if (!(c->flags & TBF_CAND))
			continue;
		if (!started && c->line - keyline > PRE_LINES)
			break;
		/*
		 * Values one a line, as a cell a line gives them, end at the
		 * next label: more of them before it (text flowed a column at a
		 * time, a stray number) make the row too long, not cut short.
		 */
		if (c->line == keyline || (started && c->line == lastline))
			perline = 0;
		if (started && n >= rr->nval && c->line != lastline &&
		    !perline)
			break;
		if (n == sizeof(v) / sizeof(v[0]))
			break;
		v[n++] = i;
		started = 1;
		lastline = c->line;
	}
	if (n == 0) {
		/* a row left all blank: the empty cells of its own line */
		for (i = rr->keycell + 1; i < d->ncell &&
		    d->cells[i].line == keyline; i++)
			if ((d->cells[i].flags & TBF_ETAIL) && n < 64)
				v[n++] = i;
		if (n < rr->nval)
			n = 0;
	}
	if (sub >= 0 && with_subtotal(d, rr, v, n, hpos, sub))
		return;
	/*
	 * A row left blank in a table of a cell a line, with one "|" more
	 * than its cells (006.txt): blank whichever they are.  A "|" beside
	 * a value is a cell, never dropped.
	 */
	for (i = 0; perline && i < n && d->cells[v[i]].kind == TB_EMPTY &&
	    (d->cells[v[i]].flags & TBF_LONE); i++)
		;
	if (perline && n > rr->nval && i == n)
		n = rr->nval;
	tb_trim_place(d, rr, v, n, hpos);
	if (!rr->ok && hcols != NULL && n > 0)
		by_columns(d, rr, v, n, hcols);
}

static long long int_of(const struct tb_doc *, size_t);

/*
 * Do the values of a row of table 三 (seven) or 四 (fifteen) add up: its
 * 总计 the sum of the columns before it?
 */
int
tb_adds_up(const struct tb_doc *d, const struct rowres *rr)
{
	long long	 x, s = 0;
	size_t		 j, w = rr->nval == 15 ? 5 : rr->nval;

	if (rr->nval != 7 && rr->nval != 15)
		return 0;
	for (j = 0; j < rr->nval; j++) {
		if (rr->v[j] == SIZE_MAX || (x = int_of(d, rr->v[j])) < 0)
			return 0;
		if (j % w == w - 1) {
			if (x != s)
				return 0;
			s = 0;
		} else
			s += x;
	}
	return 1;
}

/* The integer a value cell holds, or -1. */
static long long
int_of(const struct tb_doc *d, size_t ci)
{
	const struct tb_cell *c = &d->cells[ci];
	long long	 v = 0;
	size_t		 i;

	if (c->kind != TB_NUM || c->sign != 0 || c->dec || c->nlen > 15)
		return -1;
	for (i = 0; i < c->nlen; i++)
		v = v * 10 + (d->vals.p[c->noff + i] - '0');
	return v;
}

/*
 * Table 三 with an extra 法人或其他组织小计 column (its header says so):
 * a row of eight values loses the subtotal, at index sub, which must be
 * the sum of the five kinds when all are numbers -- the check that the
 * columns are where the header puts them.  A row of seven (the subtotal
 * left out) is read as usual.
 */
static int
with_subtotal(const struct tb_doc *d, struct rowres *rr, const size_t *v,
    size_t n, long hpos, int sub)
{
	struct rowres	 r8 = *rr;
	long long	 sum = 0, x, st;
	size_t		 j, k, org = sub == 1 ? 2 : 1;

	r8.nval = rr->nval + 1;
	r8.ok = 0;
	tb_trim_place(d, &r8, v, n, hpos);
	if (!r8.ok)
		return 0;
	st = int_of(d, r8.v[sub]);
	for (j = org; j < org + 5; j++) {
		if ((x = int_of(d, r8.v[j])) < 0) {
			st = -1;
			break;
		}
		sum += x;
	}
	if (st >= 0 && st != sum) {
		rr->got = r8.nval;
		rr->why = "the 小计 column does not add up";
		return 1;
	}
	for (j = k = 0; j < r8.nval; j++)
		if ((int)j != sub)
			rr->v[k++] = r8.v[j];
	rr->got = rr->nval;
	rr->ok = 1;
	return 1;
}

/*
 * A tab or pipe row from an HTML table whose cells span columns has
 * empty cells between its values.  Where the header names the columns,
 * take the cells under the header's labels; every other cell of the
 * row must be empty.
 */
static void
by_columns(const struct tb_doc *d, struct rowres *rr, const size_t *v,
    size_t n, const long *hcols)
{
	size_t	 line = d->cells[v[0]].line, c0, cend, j, k, pick[MAXV];

	if (d->lines[line].mode == ' ')
		return;
	for (k = 0; k < n; k++)
		if (d->cells[v[k]].line != line)
			return;
	c0 = d->lines[line].cell0;
	cend = line + 1 < d->nline ? d->lines[line + 1].cell0 : d->ncell;
	for (j = 0; j < rr->nval; j++) {
		if (hcols[j] < 0 || c0 + (size_t)hcols[j] >= cend)
			return;
		pick[j] = c0 + (size_t)hcols[j];
		if (d->cells[pick[j]].kind == TB_TEXT)
			return;
	}
	for (k = 0; k < n; k++) {
		for (j = 0; j < rr->nval && pick[j] != v[k]; j++)
			;
		if (j == rr->nval && d->cells[v[k]].kind != TB_EMPTY)
			return;
	}
	memcpy(rr->v, pick, rr->nval * sizeof(pick[0]));
	rr->got = rr->nval;
	rr->ok = 1;
}

/* Positions of the text cells of the line holding cell ci, from 1 on. */
static size_t
line_texts(const struct tb_doc *d, size_t line, long *pos, size_t max)
{
	size_t	 c0 = d->lines[line].cell0, cend, i, n = 0;

	cend = line + 1 < d->nline ? d->lines[line + 1].cell0 : d->ncell;
	for (i = c0 + 1; i < cend; i++)
		if (d->cells[i].kind == TB_TEXT && n < max)
			pos[n++] = (long)(i - c0);
	return n;
}

/* Table 二: the header line above a row names its value columns. */
int
tb_t2_header_cols(const struct tb_doc *d, size_t keycell, size_t nval,
    long *cols)
{
	static const char *const w[] = { "本年制发件数", "本年废止件数",
	    "现行有效件数", "本年处理决定数量", "本年收费金额", "本年新制作数量",
	    "本年新公开数量", "对外公开总数量", "上一年项目数量", "处理决定数量",
	    "本年增", "采购项目数量", "采购总金额", NULL };
	const struct tb_cell *c;
	size_t		 line = d->cells[keycell].line, l, i, c0, cend;
	int		 k;

	for (l = line; l > 0 && line - l < 8; l--) {
		if (d->lines[l - 1].mode == ' ')
			continue;
		c0 = d->lines[l - 1].cell0;
		cend = d->lines[l].cell0;
		for (i = c0; i < cend; i++) {
			c = &d->cells[i];
			if (c->kind != TB_TEXT || (c->flags & TBF_DROP))
				continue;
			for (k = 0; w[k] != NULL; k++)
				if (tb_search(d->stream.p + c->noff, c->nlen, w[k],
				    strlen(w[k])) != NULL)
					break;
			if (w[k] != NULL)
				return line_texts(d, l - 1, cols, MAXV) == nval;
		}
	}
	return 0;
}

/*
 * Table 三's header may add a 法人或其他组织小计 column: its index among
 * the values (1 before the five kinds, 6 after them), or -1.
 */
int
tb_t3_subtotal(const struct tb_doc *d, size_t ci)
{
	const struct tb_cell *c;
	size_t		 i, stop;
	long		 psub = -1, pkind = -1;

	stop = ci > 400 ? ci - 400 : 0;
	for (i = ci; i > stop; i--) {
		c = &d->cells[i - 1];
		if (c->kind != TB_TEXT || (c->flags & TBF_DROP))
			continue;
		if (psub < 0 && tb_search(d->stream.p + c->noff, c->nlen,
		    "小计", 6) != NULL)
			psub = (long)c->noff;
		if (pkind < 0 && tb_search(d->stream.p + c->noff, c->nlen,
		    "商业企业", 12) != NULL)
			pkind = (long)c->noff;
	}
	if (psub < 0 || pkind < 0)
		return -1;
	return psub < pkind ? 1 : 6;
}

/* Table 三: the columns of 自然人, the five 法人 kinds and 总计. */
int
tb_t3_header_cols(const struct tb_doc *d, size_t ci, long *cols)
{
	static const char *const w[] = { "自然人", "商业企业", "科研机构",
	    "社会公益", "法律服务", "其他", "总计" };
	const struct tb_cell *c;
	size_t		 i, stop, j, k;

	for (j = 0; j < 7; j++)
		cols[j] = -1;
	stop = ci > 400 ? ci - 400 : 0;
	for (i = ci; i > stop; i--) {
		c = &d->cells[i - 1];
		if (c->kind != TB_TEXT || (c->flags & TBF_DROP) ||
		    d->lines[c->line].mode == ' ')
			continue;
		for (j = 0; j < 7; j++) {
			k = strlen(w[j]);
			if (cols[j] < 0 && c->nlen >= k && memcmp(d->stream.p +
			    c->noff, w[j], k) == 0 && (j < 5 || c->nlen == k))
				cols[j] = (long)tb_pos_in_line(d, i - 1);
		}
	}
	for (j = 0; j < 7; j++)
		if (cols[j] < 0 || (j > 0 && cols[j] <= cols[j - 1]))
			return 0;
	return 1;
}


static int
same_cell(const struct tb_doc *d, size_t a, size_t b)
{
	const struct tb_cell *x = &d->cells[a], *y = &d->cells[b];

	return x->kind == y->kind && x->rlen == y->rlen &&
	    memcmp(d->text.p + x->roff, d->text.p + y->roff, x->rlen) == 0;
}

/*
 * TSV and pipe rows carry spacer cells at their edges (spanned columns,
 * trailing tabs).  Drop as many as the row has too many values.  When
 * both ends could go and the choice matters (a spanned cell before the
 * values and a blank 总计 after them), the header's column position of
 * the first value decides; without one the row is not read.
 */
void
tb_trim_place(const struct tb_doc *d, struct rowres *rr, const size_t *v,
    size_t n, long hpos)
{
	size_t	 L = 0, T = 0, excess, lo, hi, a, k, pick = SIZE_MAX;
	int	 same = 1;

	rr->got = n;
	if (n < rr->nval) {
		rr->why = n == 0 ? "no values after the label" :
		    "too few values";
		memcpy(rr->v, v, n * sizeof(v[0]));	/* for realign() */
		return;
	}
	while (L < n && d->cells[v[L]].kind == TB_EMPTY &&
	    (d->cells[v[L]].flags & TBF_LEADE))
		L++;
	while (T < n && d->cells[v[n - 1 - T]].kind == TB_EMPTY &&
	    (d->cells[v[n - 1 - T]].flags & TBF_TRAILE))
		T++;
	excess = n - rr->nval;
	lo = excess > T ? excess - T : 0;
	hi = L < excess ? L : excess;
	if (lo > hi) {
		rr->why = "too many values";
		return;
	}
	for (a = lo + 1; a <= hi && same; a++)
		for (k = 0; k < rr->nval; k++)
			if (!same_cell(d, v[lo + k], v[a + k]))
				same = 0;
	if (same)
		pick = lo;
	else if (hpos >= 0) {
		for (a = lo; a <= hi; a++)
			if ((long)tb_pos_in_line(d, v[a]) == hpos &&
			    d->cells[v[a]].line == d->cells[v[a + rr->nval -
			    1]].line) {
				if (pick != SIZE_MAX) {
					pick = SIZE_MAX;
					break;
				}
				pick = a;
			}
	}
	if (pick == SIZE_MAX) {
		rr->why = "blank cells that cannot be placed";
		rr->got = rr->nval;
		return;
	}
	memcpy(rr->v, v + pick, rr->nval * sizeof(v[0]));
	rr->got = rr->nval;
	rr->ok = 1;
}

/*
 * The column of a header cell (自然人) in the TSV or pipe rows above
 * cell ci, or -1.
 */
long
tb_header_pos(const struct tb_doc *d, size_t ci, const char *word)
{
	const struct tb_cell *c;
	size_t		 i, k = strlen(word), stop;

	stop = ci > 400 ? ci - 400 : 0;
	for (i = ci; i > stop; i--) {
		c = &d->cells[i - 1];
		if (c->kind != TB_TEXT || (c->flags & TBF_DROP) ||
		    d->lines[c->line].mode == ' ')
			continue;
		if (c->nlen >= k && memcmp(d->stream.p + c->noff, word, k) == 0)
			return (long)tb_pos_in_line(d, i - 1);
	}
	return -1;
}

/*
 * Where a cell sits on its line: its left and right edges counted in
 * characters (e[0], e[1]) and in display columns, a CJK character
 * counting two (e[2], e[3]).
 */
static void
edges(const struct tb_doc *d, size_t ci, long *e)
{
	const struct tb_cell *c = &d->cells[ci];
	const unsigned char *p = (const unsigned char *)d->text.p +
	    d->lines[c->line].off;
	size_t		 i, end = c->roff + c->rlen - d->lines[c->line].off;
	size_t		 beg = c->roff - d->lines[c->line].off;
	long		 n = 0, w = 0;

	for (i = 0; i < end; i++) {
		if (i == beg) {
			e[0] = n;
			e[2] = w;
		}
		if ((p[i] & 0xC0) == 0x80)
			continue;
		n++;
		w += p[i] >= 0xE0 ? 2 : 1;
	}
	e[1] = n;
	e[3] = w;
}

/* Twice the left edge (how 0), the middle (1) or the right edge (2). */
static long
place(const long *e, int wide, int how)
{
	const long *x = e + 2 * wide;

	return how == 0 ? 2 * x[0] : how == 1 ? x[0] + x[1] : 2 * x[1];
}

static int
one_space_line(const struct tb_doc *d, const size_t *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (v[i] == SIZE_MAX || v[0] == SIZE_MAX ||
		    d->cells[v[i]].line != d->cells[v[0]].line ||
		    d->lines[d->cells[v[0]].line].mode != ' ' ||
		    d->cells[v[i]].kind == TB_EMPTY)
			return 0;
	return n > 0;
}

/*
 * Space-aligned text (pdftotext -layout) loses empty cells, so a row
 * with a blank cell has too few values.  Where the table's complete
 * rows put each column at one place, and each value of the short row
 * sits clearly in one column, the columns left over are blank.  No
 * clear columns, no reading.
 */
void
tb_realign(const struct tb_doc *d, struct tabres *tr)
{
	struct rowres	*rr;
	long		 lo[MAXV], hi[MAXV], mid[MAXV], x, gap, best, dist;
	long		 e[32][MAXV][4];
	size_t		 r, j, k, n, nval = 0, nmodel, v[MAXV], pick;
	int		 wide, how, mode, ok;

	for (r = 0; r < tr->spec->nrow; r++)
		if (tr->r[r].found && !tr->r[r].ok && tr->r[r].got > 0 &&
		    tr->r[r].got < tr->r[r].nval &&
		    one_space_line(d, tr->r[r].v, tr->r[r].got))
			break;
	if (r == tr->spec->nrow)
		return;
	/* each value's edges, once */
	for (r = 0; r < tr->spec->nrow; r++) {
		rr = &tr->r[r];
		n = rr->ok ? rr->nval : rr->got;
		if (rr->found && n <= MAXV && one_space_line(d, rr->v, n))
			for (j = 0; j < n; j++)
				edges(d, rr->v[j], e[r][j]);
	}
	for (mode = 0; mode < 6; mode++) {
		wide = mode / 3;
		how = mode % 3;
		nmodel = 0;
		ok = 1;
		for (r = 0; r < tr->spec->nrow && ok; r++) {
			rr = &tr->r[r];
			if (!rr->ok || !one_space_line(d, rr->v, rr->nval))
				continue;
			if (nmodel == 0)
				nval = rr->nval;
			else if (rr->nval != nval)
				continue;
			for (j = 0; j < nval; j++) {
				x = place(e[r][j], wide, how);
				if (nmodel == 0 || x < lo[j])
					lo[j] = x;
				if (nmodel == 0 || x > hi[j])
					hi[j] = x;
				/* a column is one place: within 2 characters */
				if (hi[j] - lo[j] > 4)
					ok = 0;
			}
			nmodel++;
		}
		if (!ok || nmodel < 3)
			continue;
		gap = LONG_MAX;
		for (j = 0; j < nval; j++) {
			mid[j] = (lo[j] + hi[j]) / 2;
			if (j > 0 && mid[j] - mid[j - 1] < gap)
				gap = mid[j] - mid[j - 1];
		}
		if (gap < 8)
			continue;
		for (r = 0; r < tr->spec->nrow; r++) {
			rr = &tr->r[r];
			if (!rr->found || rr->ok || rr->got == 0 ||
			    rr->got >= rr->nval || rr->nval != nval ||
			    !one_space_line(d, rr->v, rr->got))
				continue;
			for (j = 0; j < nval; j++)
				v[j] = SIZE_MAX;
			for (k = 0; k < rr->got; k++) {
				x = place(e[r][k], wide, how);
				best = LONG_MAX;
				pick = 0;
				for (j = 0; j < nval; j++) {
					dist = x > mid[j] ? x - mid[j] : mid[j] - x;
					if (dist < best) {
						best = dist;
						pick = j;
					}
				}
				/* clearly in one column, and one value a column */
				if (best > gap / 4 || v[pick] != SIZE_MAX)
					break;
				v[pick] = rr->v[k];
			}
			if (k < rr->got)
				continue;
			memcpy(rr->v, v, sizeof(v[0]) * nval);
			rr->ok = 1;
			tr->good++;
		}
	}
}
