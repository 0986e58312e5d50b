/*
 * tables_find.c: find tables 二, 三 and 四 in a lexed document, tell
 * the template, and turn every cell into a record.
 *
 * Rows are found by their labels in the label stream, in the template's
 * order, each search starting where the previous row's label ended and
 * never reaching past a sentence or far down the page.  A row's values
 * are read by tables_rows.c: the value cells after its label and before
 * the next row's label, counted; a row with the wrong count is
 * reported, never guessed.  Table 四 has no row labels: its fifteen
 * values follow the header, whose cells use only the header's words.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>

#include "gip.h"
#include "tables.h"

#define WIN_LINES	80	/* how far down a row's label may be */
#define WIN_CELLS	600
#define MAXCAND		12	/* table starts tried per template */



/* The text cell holding stream position pos. */
size_t
tb_stream_cell(const struct tb_doc *d, size_t pos)
{
	size_t	 lo = 0, hi = d->ntcell, mid;

	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (d->cells[d->tcell[mid]].noff <= pos)
			lo = mid;
		else
			hi = mid;
	}
	return d->tcell[lo];
}

/* Stream position of the first text cell at or after cell index ci. */
static size_t
stream_at(const struct tb_doc *d, size_t ci)
{
	size_t	 lo = 0, hi = d->ntcell, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (d->tcell[mid] < ci)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < d->ntcell ? d->cells[d->tcell[lo]].noff : d->stream.len;
}

/* How far a search that starts at cell ci may look. */
static size_t
window(const struct tb_doc *d, size_t ci, size_t *resume)
{
	size_t	 i, line0 = d->cells[ci].line;

	/* the end only moves forward as ci does: go on from the last one */
	i = *resume > ci + 1 ? *resume : ci + 1;
	for (; i < d->ncell; i++) {
		if (d->cells[i].flags & TBF_PROSE)
			break;
		if (d->cells[i].line - line0 > WIN_LINES ||
		    i - ci > WIN_CELLS)
			break;
	}
	*resume = i;
	return stream_at(d, i);
}

/* Is the text before pos in its cell nothing but an ordinal? */
static int
anchored_at(const struct tb_doc *d, size_t pos)
{
	const struct tb_cell *c = &d->cells[tb_stream_cell(d, pos)];
	const char	*p = d->stream.p + c->noff;
	size_t		 n = pos - c->noff, i = 0;

	if (n == 0)
		return 1;
	while (i < n && p[i] >= '0' && p[i] <= '9')
		i++;
	if (i > 0 && i < n && p[i] == '.')
		return i + 1 == n;
	if (p[0] == '(' && p[n - 1] == ')')
		return n <= 8;
	/* 一、 二、 ... */
	return n <= 9 && n >= 6 && memcmp(p + n - 3, "、", 3) == 0;
}

/* Earliest occurrence of any key in [from, lim); SIZE_MAX if none. */
static size_t
find_keys(const struct tb_doc *d, const char *const *keys, size_t from,
    size_t lim, int anchored, size_t *klen)
{
	size_t		 best = SIZE_MAX, k, pos;
	const char	*hit;
	int		 i;

	for (i = 0; i < 6 && keys[i] != NULL; i++) {
		k = strlen(keys[i]);
		pos = from;
		/* only an earlier hit than the best so far matters */
		if (best != SIZE_MAX && best + k < lim)
			lim = best + k;
		while (pos < lim && lim - pos >= k) {
			hit = tb_search(d->stream.p + pos, lim - pos, keys[i], k);
			if (hit == NULL)
				break;
			pos = (size_t)(hit - d->stream.p);
			if (!anchored || anchored_at(d, pos)) {
				if (pos < best) {
					best = pos;
					*klen = k;
				}
				break;
			}
			pos++;
		}
	}
	return best;
}

/*
 * Do the rows read so far sit in the header's columns?  Converters that
 * shift some rows a cell left or right (seeds 000, 002) make column
 * positions worthless; an HTML grid expanded whole keeps them.  At
 * least three rows on one tab or pipe line each, and none against.
 */
static int
grid_ok(const struct tb_doc *d, const struct tabres *tr, long hpos,
    const long *cols)
{
	const struct rowres *rr;
	size_t		 r, j, n = 0;

	if (hpos < 0 && cols == NULL)
		return 0;
	for (r = 0; r < tr->spec->nrow; r++) {
		rr = &tr->r[r];
		if (!rr->ok || rr->nval == 0 || rr->v[0] == SIZE_MAX ||
		    d->lines[d->cells[rr->v[0]].line].mode == ' ')
			continue;
		for (j = 1; j < rr->nval; j++)
			if (rr->v[j] == SIZE_MAX || d->cells[rr->v[j]].line !=
			    d->cells[rr->v[0]].line)
				break;
		if (j < rr->nval)
			continue;
		for (j = 0; j < rr->nval; j++)
			if ((cols != NULL && (long)tb_pos_in_line(d,
			    rr->v[j]) != cols[j]) || (j == 0 && hpos >= 0 &&
			    (long)tb_pos_in_line(d, rr->v[0]) != hpos))
				return 0;
		n++;
	}
	return n >= 3;
}

/*
 * A table cut off by the end of an excerpt after its first rows: its
 * header words just before the first row vouch for it.
 */
static int
cut_header(const struct tb_doc *d, const struct tabres *tr)
{
	size_t		 c = tr->r[tr->first].keypos, a, i;

	a = c > 300 ? c - 300 : 0;
	for (i = 0; i < 4 && tr->spec->cut[i] != NULL; i++)
		if (tb_search(d->stream.p + a, c - a, tr->spec->cut[i],
		    strlen(tr->spec->cut[i])) != NULL)
			return 1;
	return 0;
}

/*
 * Does the text end right after cell ci, inside the table?  Nothing but
 * values and a few short labels (a caption, a header, a label cut in
 * two: "行政") may follow; no sentence.
 */
static int
cut_after(const struct tb_doc *d, size_t ci)
{
	size_t		 i, ntext = 0;
	const struct tb_cell *c;

	if (d->ncell - ci > 3 * MAXV)
		return 0;
	for (i = ci + 1; i < d->ncell; i++) {
		c = &d->cells[i];
		if (c->kind != TB_TEXT)
			continue;
		if ((c->flags & TBF_PROSE) || ++ntext > 6 || c->nlen > 60 ||
		    c->line > d->cells[ci].line + 3 * MAXV)
			return 0;
	}
	return 1;
}

/*
 * Does the text end in this row (nothing but empty cells after its
 * values) where it may have cut it short: a value cut ("858" to "85"),
 * or cells lost with the spacer cells still there to fill the count?
 * Its sums vouch for it (a 总计 no longer adds up when cut), and so does
 * a pipe closing its last value with no blank among its values.  Tab
 * and space rows have no end of their own.
 */
static int
row_cut(const struct tb_doc *d, const struct rowres *rr)
{
	const struct tb_cell *c;
	size_t	 j, i, last;

	for (last = j = 0; j < rr->nval; j++)
		if (rr->v[j] != SIZE_MAX && rr->v[j] > last)
			last = rr->v[j];
	for (i = last + 1; i < d->ncell; i++)
		if (d->cells[i].kind != TB_EMPTY)
			return 0;
	if (tb_adds_up(d, rr))
		return 0;
	for (j = 0; j < rr->nval; j++)
		if (rr->v[j] == SIZE_MAX || d->cells[rr->v[j]].kind == TB_EMPTY)
			return 1;
	c = &d->cells[rr->v[rr->nval - 1]];
	return d->lines[c->line].mode != '|' || tb_cut_value(d, rr->v[rr->nval - 1]);
}

/*
 * A table the text ends in (an excerpt): the row it ends in is
 * "truncated" unless whole, and so is every row after the last located.
 */
static void
mark_cut(const struct tb_doc *d, struct tabres *tr)
{
	struct rowres	*rr;
	size_t		 r;
	int		 cut = 0;

	for (r = 0; r < tr->spec->nrow; r++) {
		rr = &tr->r[r];
		if (rr->ok && rr->nval > 0 && row_cut(d, rr)) {
			rr->ok = 0;
			rr->why = "truncated";
			tr->good--;
			cut = 1;
		}
	}
	if (tr->located == 0 ||
	    !(cut || cut_after(d, tr->r[tr->last].keycell)))
		return;
	for (r = tr->last; r < tr->spec->nrow; r++)
		if (!tr->r[r].ok)
			tr->r[r].why = "truncated";
}

/*
 * Labels listed one after another with no value between them, then
 * numbers: text that flowed a column at a time (pdftotext without
 * -layout).  The numbers after such a block are not the next row's,
 * unless its sums say so.
 */
static void
apart(const struct tb_doc *d, struct tabres *tr)
{
	struct rowres	*rr;
	size_t		 r, empty = 0;

	for (r = 0; r < tr->spec->nrow; r++) {
		rr = &tr->r[r];
		if (!rr->found)
			continue;
		if (rr->got == 0) {
			empty++;
			continue;
		}
		if (rr->ok && empty >= 2 && !tb_adds_up(d, rr)) {
			rr->ok = 0;
			rr->why = "labels apart from their values";
			tr->good--;
		}
		empty = 0;
	}
}

/* Read one table from stream position p0 with one template's rows. */
static void
parse_from(const struct tb_doc *d, const struct tabspec *sp, size_t p0,
    struct tabres *tr)
{
	struct rowres	*rr;
	size_t		 r, q, pos = p0, lim, c, c2, klen = 0, k2, prevcell;
	size_t		 last = SIZE_MAX;
	int		 prevfound = 0;
	long		 hpos = -1, cols3[7], cols2[MAXV];
	const long	*hc;
	size_t		 resume = 0;
	int		 have3 = 0, sub = -1, use;

	memset(tr, 0, sizeof(*tr));
	tr->spec = sp;
	prevcell = tb_stream_cell(d, p0);
	for (r = 0; r < sp->nrow; r++) {
		rr = &tr->r[r];
		rr->nval = tb_width(sp, r);
		rr->why = "row not found";
		rr->keycell = prevcell;
		lim = window(d, prevcell, &resume);
		c = find_keys(d, sp->rows[r].keys, pos, lim, sp->anchored,
		    &klen);
		if (c == SIZE_MAX && sp->rows[r].fall[0] != NULL &&
		    (!sp->rows[r].fallneed || prevfound))
			c = find_keys(d, sp->rows[r].fall, pos, lim,
			    sp->anchored, &klen);
		/* a later row's label first: this row is not there */
		for (q = r + 1; c != SIZE_MAX && q < sp->nrow && q <= r + 2;
		    q++) {
			c2 = find_keys(d, sp->rows[q].keys, pos, c,
			    sp->anchored, &k2);
			if (c2 != SIZE_MAX)
				c = SIZE_MAX;
		}
		prevfound = c != SIZE_MAX;
		if (c == SIZE_MAX)
			continue;
		rr->found = 1;
		rr->keypos = c;
		rr->keycell = tb_stream_cell(d, c);
		pos = c + klen;
		prevcell = rr->keycell;
		tr->located++;
	}
	for (r = 0; r < sp->nrow; r++)
		if (tr->r[r].found)
			tr->last = r;
	for (r = 0; r < sp->nrow && !tr->r[r].found; r++)
		;
	tr->first = r < sp->nrow ? r : 0;
	if (r < sp->nrow && strcmp(sp->table, "t3") == 0) {
		hpos = tb_header_pos(d, tr->r[r].keycell, "自然人");
		have3 = tb_t3_header_cols(d, tr->r[r].keycell, cols3);
		sub = tb_t3_subtotal(d, tr->r[r].keycell);
	}
	/* first without column positions, which shifted rows belie */
	for (r = 0; r < sp->nrow; r++) {
		rr = &tr->r[r];
		if (!rr->found)
			continue;
		for (q = r + 1; q < sp->nrow && !tr->r[q].found; q++)
			;
		tb_collect(d, rr, q < sp->nrow ? tr->r[q].keycell : d->ncell,
		    -1, NULL, sub);
		if (rr->ok)
			tr->good++;
		last = rr->keypos;
	}
	/* then the header's columns, where the rows read agree with them */
	use = strcmp(sp->table, "t2") == 0 || grid_ok(d, tr, hpos,
	    have3 ? cols3 : NULL);
	for (r = 0; r < sp->nrow && use; r++) {
		rr = &tr->r[r];
		if (!rr->found || rr->ok)
			continue;
		for (q = r + 1; q < sp->nrow && !tr->r[q].found; q++)
			;
		hc = NULL;
		if (have3)
			hc = cols3;
		else if (strcmp(sp->table, "t2") == 0 &&
		    tb_t2_header_cols(d, rr->keycell, rr->nval, cols2))
			hc = cols2;
		tb_collect(d, rr, q < sp->nrow ? tr->r[q].keycell : d->ncell,
		    hpos, hc, sub);
		if (rr->ok)
			tr->good++;
	}
	apart(d, tr);
	tr->present = tr->located >= sp->minrows ||
	    (tr->located >= 2 && tr->first == 0 && cut_header(d, tr));
	tr->lastpos = last;
}

/* Table 二's row names are common words: want a header word near. */
static int
has_header(const struct tb_doc *d, const struct tabres *tr)
{
	const struct tabspec *sp = tr->spec;
	size_t		 c, i;

	if (sp->hdr[0] == NULL)
		return 1;
	if (tr->lastpos == SIZE_MAX)
		return 0;
	c = tr->r[tr->first].keypos;
	c = c > 600 ? c - 600 : 0;
	for (i = 0; sp->hdr[i] != NULL; i++)
		if (tb_search(d->stream.p + c, tr->lastpos - c, sp->hdr[i],
		    strlen(sp->hdr[i])) != NULL)
			return 1;
	return 0;
}

static long
score(const struct tabres *tr)
{
	if (!tr->present)
		return -1;
	return 1000 + 2 * (long)tr->good + (long)tr->located -
	    2 * (long)(tr->spec->nrow - tr->located);
}

/* Try each plausible start of the table; keep the best reading. */
static void
parse_best(const struct tb_doc *d, const struct tabspec *sp,
    struct tabres *best)
{
	struct tabres	 tr;
	size_t		 pos, klen, lim = d->stream.len, r, n;

	memset(best, 0, sizeof(*best));
	best->spec = sp;
	if (d->ntcell == 0)
		return;
	for (r = 0; r < 3 && r < sp->nrow; r++) {
		/* later rows start a search only when the first row failed */
		if (r > 0 && best->present && best->r[0].found &&
		    2 * best->good >= sp->nrow)
			break;
		pos = 0;
		for (n = 0; n < MAXCAND; n++) {
			pos = find_keys(d, sp->rows[r].keys, pos, lim,
			    sp->anchored, &klen);
			if (pos == SIZE_MAX)
				break;
			/* a start inside a table already read adds nothing */
			if (best->present && pos >= best->r[best->first].keypos &&
			    pos <= best->r[best->last].keypos) {
				pos += klen;
				continue;
			}
			parse_from(d, sp, pos, &tr);
			if (score(&tr) > score(best) && has_header(d, &tr))
				*best = tr;
			pos += klen;
		}
	}
}

static unsigned long
src_line(const struct tb_doc *d, size_t ci)
{
	return ci < d->ncell ? d->lines[d->cells[ci].line].src : 0;
}

/* Emit one reading: the cell's status from what was written. */
static void
emit_value(struct tb_doc *d, const struct gip_cell *sc, size_t ci)
{
	const struct tb_cell *c = &d->cells[ci];
	struct tb_rec	 rec;
	const char	*v;
	size_t		 i;

	tb_rec_cell(&rec, sc);
	rec.roff = c->roff;
	rec.rlen = c->rlen;
	rec.rbuf = TBR_TEXT;
	rec.line = src_line(d, ci);
	switch (c->kind) {
	case TB_EMPTY:
		rec.status = TBS_BLANK;
		break;
	case TB_NA:
		rec.status = TBS_NA;
		break;
	case TB_NUM:
		rec.status = TBS_NUM;
		rec.voff = c->noff;
		rec.vlen = c->nlen;
		v = d->vals.p + c->noff;
		if (c->sign != 0 && !(sc->flags & GIP_CELL_SIGNED))
			rec.status = TBS_TEXT;
		if ((c->unit == TBU_YUAN || c->unit == TBU_WAN) &&
		    !(sc->flags & GIP_CELL_DECIMAL))
			rec.status = TBS_TEXT;
		/* the fee is in 万元: a sum in 元 is not its value */
		if (c->unit == TBU_YUAN && strcmp(sc->row, "fee") == 0)
			rec.status = TBS_TEXT;
		if (c->dec && !(sc->flags & GIP_CELL_DECIMAL)) {
			for (i = 0; i < c->nlen && v[i] != '.'; i++)
				;
			rec.vlen = i;
			for (i++; i < c->nlen; i++)
				if (v[i] != '0')
					rec.status = TBS_TEXT;
		}
		break;
	default:
		rec.status = TBS_TEXT;
		break;
	}
	if (rec.status != TBS_NUM)
		rec.vlen = 0;
	tb_rec_add(d, &rec);
}

/* A cell left empty in space-aligned text (see realign()). */
static void
emit_blank(struct tb_doc *d, const struct gip_cell *sc,
    const struct rowres *rr)
{
	struct tb_rec	 rec;
	size_t		 j;

	tb_rec_cell(&rec, sc);
	rec.status = TBS_BLANK;
	rec.rbuf = TBR_TEXT;
	for (j = 0; j < rr->nval && rr->v[j] == SIZE_MAX; j++)
		;
	rec.line = src_line(d, j < rr->nval ? rr->v[j] : rr->keycell);
	tb_rec_add(d, &rec);
}

/* All cells of a grid table in schema order, and a diagnostic a row. */
static void
emit_grid(struct tb_doc *d, const struct tabres *tr, unsigned tmpl)
{
	const struct gip_cell *s;
	const struct rowres *rr;
	char		 why[160];
	size_t		 n, i, r, j = 0, last = SIZE_MAX;
	unsigned long	 line;
	int		 cut = 0;	/* one diagnostic for a cut table */

	s = gip_schema(&n);
	for (i = 0; i < n; i++) {
		if (!(s[i].tmpl & tmpl) ||
		    tb_row_of(tr->spec, &s[i]) < 0)
			continue;
		r = (size_t)tb_row_of(tr->spec, &s[i]);
		if (r != last) {
			j = 0;
			last = r;
		}
		rr = &tr->r[r];
		line = src_line(d, rr->keycell);
		if (rr->ok && rr->v[j] == SIZE_MAX) {
			emit_blank(d, &s[i], rr);
			j++;
			continue;
		}
		if (rr->ok) {
			emit_value(d, &s[i], rr->v[j++]);
			continue;
		}
		if (rr->found && strncmp(rr->why, "too", 3) == 0)
			snprintf(why, sizeof(why), "%s: %zu of %zu values",
			    rr->why, rr->got, rr->nval);
		else
			snprintf(why, sizeof(why), "%s", rr->why);
		if (j++ == 0 && !cut) {
			gip_diag(d->name, line, GIP_ERROR,
			    "%s %s (%s): %s", s[i].table, s[i].row,
			    s[i].row_label, why);
			d->failed = 1;
			cut = strcmp(rr->why, "truncated") == 0;
		}
		tb_emit_missing(d, &s[i], why, line);
	}
}

static void
fmt_why(char *buf, size_t sz, const struct rowres *rr)
{
	if (strncmp(rr->why, "too", 3) == 0)
		snprintf(buf, sz, "%s: %zu of %zu values", rr->why, rr->got,
		    rr->nval);
	else
		snprintf(buf, sz, "%s", rr->why);
}

/* Table 四's header: only the words of its header cells. */
static int
t4_header(const struct tb_doc *d, const struct tb_cell *c)
{
	/* 行政复议诉讼结果维持纠正其他尚未审结总计合小经直接起后件数单位情况 */
	static const uint32_t set[] = {
		0x4ED6, 0x4EF6, 0x4F4D, 0x5176, 0x51B5, 0x5355, 0x5408, 0x540E,
		0x590D, 0x5BA1, 0x5C0F, 0x5C1A, 0x603B, 0x60C5, 0x6301, 0x63A5,
		0x653F, 0x6570, 0x672A, 0x679C, 0x6B63, 0x76F4, 0x7EA0, 0x7ECF,
		0x7ED3, 0x7EF4, 0x884C, 0x8BA1, 0x8BAE, 0x8BBC, 0x8BC9, 0x8D77
	};
	static unsigned char bits[(0xA000 - 0x4E00) / 8];
	const char	*p = d->stream.p + c->noff;
	size_t		 i, k, n = c->nlen;
	uint32_t	 cp;

	if (bits[(set[0] - 0x4E00) / 8] == 0)
		for (i = 0; i < sizeof(set) / sizeof(set[0]); i++)
			bits[(set[i] - 0x4E00) / 8] |= 1 << ((set[i] - 0x4E00) % 8);
	/* a header written one character a line (is_vertical() drops it) */
	if (c->kind == TB_TEXT && (c->flags & TBF_DROP) &&
	    !(c->flags & TBF_PROSE) && c->rlen == 3) {
		p = d->text.p + c->roff;
		n = 3;
	} else if (c->kind != TB_TEXT || (c->flags & TBF_DROP) || n == 0)
		return 0;
	for (i = 0; i < n; i += k) {
		k = gip_utf8_decode(p + i, n - i, &cp);
		if (cp == '(' || cp == ')' || cp == ':' || cp == '/' ||
		    cp == 0x3001)
			continue;
		if (cp < 0x4E00 || cp >= 0xA000 ||
		    !(bits[(cp - 0x4E00) / 8] & (1 << ((cp - 0x4E00) % 8))))
			return 0;
	}
	return 1;
}

/*
 * Does the text of cells a..b hold w, in one cell or over the single
 * characters of a header written vertically?
 */
static int
run_has(const struct tb_doc *d, size_t a, size_t b, const char *w)
{
	size_t	 i, k = strlen(w), m = 0;
	const struct tb_cell *c;
	char	 chars[96];

	for (i = a; i < b; i++) {
		c = &d->cells[i];
		if (c->kind == TB_TEXT && !(c->flags & TBF_DROP) &&
		    memmem(d->stream.p + c->noff, c->nlen, w, k) != NULL)
			return 1;
		if (c->kind == TB_TEXT && !(c->flags & TBF_PROSE) &&
		    c->rlen == 3) {
			if (m + 3 > sizeof(chars))
				memmove(chars, chars + 3, m -= 3);
			memcpy(chars + m, d->text.p + c->roff, 3);
			m += 3;
			if (m >= k && memcmp(chars + m - k, w, k) == 0)
				return 1;
		} else
			m = 0;
	}
	return 0;
}

/*
 * Values after the text at cell k, before any more text: the text
 * stands among a table's values (a page's header or footer), so where
 * they stop is not known.
 */
static int
more_after(const struct tb_doc *d, size_t k)
{
	size_t	 i, ntext = 0;

	for (i = k; i < d->ncell && ntext <= 2; i++) {
		if (d->cells[i].kind == TB_TEXT) {
			if (d->cells[i].flags & TBF_PROSE)
				return 0;
			ntext++;
			continue;
		}
		if (d->cells[i].flags & TBF_CAND)
			return ntext > 0;
	}
	return 0;
}

/* Table 四: a header run, then 15 values in template order. */
static int
find_t4(struct tb_doc *d)
{
	const struct gip_cell *s;
	struct rowres	 rr, first;
	size_t		 i, a, b, n, k, j = 0;
	int		 have = 0;
	const struct tb_cell *c;

	memset(&first, 0, sizeof(first));
	for (i = 0; i < d->ncell; i = b) {
		if (!t4_header(d, &d->cells[i])) {
			b = i + 1;
			continue;
		}
		a = i;
		for (b = i; b < d->ncell; b++) {
			c = &d->cells[b];
			if (t4_header(d, c) || (c->kind == TB_EMPTY &&
			    !(c->flags & TBF_CAND)) ||
			    (c->kind == TB_TEXT && (c->flags & TBF_DROP) &&
			    !(c->flags & TBF_PROSE)))
				continue;
			break;
		}
		if (!run_has(d, a, b, "复议") || !(run_has(d, a, b, "维持") ||
		    run_has(d, a, b, "纠正") || run_has(d, a, b, "审结")))
			continue;
		/* the values: skip header words met among them */
		memset(&rr, 0, sizeof(rr));
		rr.nval = 15;
		rr.keycell = a;
		{
			size_t	 v[64], m = 0, lastline = 0;
			int	 perline = 1;

			for (k = b; k < d->ncell; k++) {
				c = &d->cells[k];
				if (c->kind == TB_TEXT) {
					if (t4_header(d, c) || ((c->flags &
					    TBF_DROP) && !(c->flags &
					    TBF_PROSE)))
						continue;
					break;
				}
				if (!(c->flags & TBF_CAND))
					continue;
				/* one value a line: they end at the next text */
				if (m > 0 && c->line == lastline)
					perline = 0;
				if (m >= 15 && c->line != lastline && !perline)
					break;
				if (m == 0 && c->line - d->cells[b - 1].line >
				    PRE_LINES)
					break;
				if (m == 64)
					break;
				v[m++] = k;
				lastline = c->line;
			}
			rr.found = 1;
			/*
			 * a stray number among values one a line (a page's)
			 * makes too many: where it stands no sum can tell
			 */
			/* one row: no other to vouch for a position */
			tb_trim_place(d, &rr, v, m, -1);
			/* values one a line go on past a line of text */
			if (rr.ok && perline && more_after(d, k) &&
			    !tb_adds_up(d, &rr)) {
				rr.ok = 0;
				rr.why = "values on both sides of a line of text";
			}
			if (m == 0)
				rr.why = "no values after the header";
			if (rr.ok && row_cut(d, &rr)) {
				rr.ok = 0;
				rr.why = "truncated";
			}
		}
		if (!have || (rr.ok && !first.ok)) {
			first = rr;
			have = 1;
		}
		if (rr.ok)
			break;
	}
	if (!have)
		return 0;
	/* a header with no values in cells: the values may be glued */
	if (!first.ok && tb_glued(d, 4))
		return 1;
	s = gip_schema(&n);
	for (i = 0; i < n; i++) {
		if (strcmp(s[i].table, "t4") != 0)
			continue;
		if (first.ok) {
			emit_value(d, &s[i], first.v[j++]);
			continue;
		}
		if (j++ == 0) {
			char	 why[160];

			fmt_why(why, sizeof(why), &first);
			gip_diag(d->name, src_line(d, first.keycell), GIP_ERROR,
			    "t4: %s", why);
			d->failed = 1;
		}
		{
			char	 why[160];

			fmt_why(why, sizeof(why), &first);
			tb_emit_missing(d, &s[i], why, src_line(d, first.keycell));
		}
	}
	return 1;
}

/* Count the words of a list found in the label stream. */
static int
words_in(const struct tb_doc *d, const char *const *w)
{
	int	 i, n = 0;

	for (i = 0; w[i] != NULL; i++)
		if (tb_search(d->stream.p, d->stream.len, w[i],
		    strlen(w[i])) != NULL)
			n++;
	return n;
}

/*
 * Which template the tables follow: the labels decide, first table 三's
 * (六) (three sub-rows in 2021, one row in 2019), then the header words
 * and rows only one template has in table 二; the meta frame only when
 * the labels say nothing, and 2021 (the current one) when neither does.
 */
void
tb_find(struct tb_doc *d)
{
	static const char *const w2021[] = { "本年制发件数", "本年废止件数",
	    "现行有效件数", "本年处理决定数量", "本年收费金额", "行政规范性文件",
	    NULL };
	static const char *const w2019[] = { "本年新制作数量", "本年新公开数量",
	    "对外公开总数量", "上一年项目数量", "本年增", "采购项目数量",
	    "采购总金额", "其他对外管理服务事项", "政府集中采购", NULL };
	struct tabres	 t2[2], t3[2];
	unsigned	 tmpl = 0, meta;
	int		 k, n21, n19;

	memset(t2, 0, sizeof(t2));
	/* rows 20 and 21 of the 2021 rows are (六) 1. and 2. */
	parse_best(d, tb_spec("t3", GIP_T2021), &t3[0]);
	if (t3[0].present && (t3[0].r[20].found || t3[0].r[21].found))
		tmpl = GIP_T2021;
	else {
		/*
		 * 2019's one (六)其他处理 row, with its values: the 2021 rows
		 * may be cut off right after the same words
		 */
		parse_best(d, tb_spec("t3", GIP_T2019), &t3[1]);
		if (t3[1].present && t3[1].r[20].ok)
			tmpl = GIP_T2019;
	}
	/* table 二 in the template decided, or in both to decide */
	if (tmpl != GIP_T2019)
		parse_best(d, tb_spec("t2", GIP_T2021), &t2[0]);
	if (tmpl != GIP_T2021)
		parse_best(d, tb_spec("t2", GIP_T2019), &t2[1]);
	meta = gip_schema_tmpl(d->tmpl);
	if (tmpl == 0 && (t2[0].present || t2[1].present)) {
		n21 = words_in(d, w2021);
		n19 = words_in(d, w2019);
		if (n21 != n19)
			tmpl = n21 > n19 ? GIP_T2021 : GIP_T2019;
	}
	if (tmpl == 0)
		tmpl = meta != 0 ? meta : GIP_T2021;
	k = tmpl == GIP_T2021 ? 0 : 1;
	if (t2[k].present || t3[k].present)
		d->tmplname = tmpl == GIP_T2021 ? "2021" : "2019";
	else
		d->tmplname = d->tmpl;
	/*
	 * Only for the tables kept: it costs.  A table not found in cells,
	 * or found with no row read, may be one line of glued cells.
	 */
	if (t2[k].present) {
		tb_realign(d, &t2[k]);
		mark_cut(d, &t2[k]);
	}
	if ((!t2[k].present || t2[k].good == 0) && tb_glued(d, 1))
		;
	else if (t2[k].present)
		emit_grid(d, &t2[k], tmpl);
	if (t3[k].present) {
		tb_realign(d, &t3[k]);
		mark_cut(d, &t3[k]);
	}
	if ((!t3[k].present || t3[k].good == 0) && tb_glued(d, 2))
		;
	else if (t3[k].present)
		emit_grid(d, &t3[k], tmpl);
	if (!find_t4(d))
		tb_glued(d, 4);
	if (d->tmplname == NULL && d->nrec > 0)
		d->tmplname = "unknown";
}
