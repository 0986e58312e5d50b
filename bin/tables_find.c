/*
 * tables_find.c: find tables 二, 三 and 四 in a lexed document and read
 * their cells.
 *
 * Rows are found by their labels in the label stream, in the template's
 * order, each search starting where the previous row's label ended and
 * never reaching past a sentence or far down the page.  A row's values
 * are the value cells after its label and before the next row's label;
 * they are counted, and a row with the wrong count is reported, never
 * guessed.  Table 四 has no row labels: its fifteen values follow the
 * header, whose cells use only the header's own words.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>

#include "gip.h"
#include "tables.h"

#define MAXV		16	/* values of the widest row (table 四: 15) */
#define WIN_LINES	80	/* how far down a row's label may be */
#define WIN_CELLS	600
#define PRE_TEXT	6	/* label pieces allowed before the values */
#define PRE_LINES	8
#define MAXCAND		12	/* table starts tried per template */

struct rowspec {
	const char	*row;
	const char	*keys[6];	/* the earliest of these */
	const char	*fall[3];	/* only when no key is found */
	int		 fallneed;	/* fallbacks need the previous row */
};

struct tabspec {
	const char	*table;
	unsigned	 tmpl;
	int		 anchored;	/* labels begin a cell (table 二) */
	const struct rowspec *rows;
	size_t		 nrow;
	size_t		 minrows;	/* rows located to call it a table */
	const char	*hdr[10];	/* header words, one needed (二) */
};

struct rowres {
	int		 found, ok;
	size_t		 keypos, keycell;
	size_t		 nval, got;
	size_t		 v[MAXV];
	const char	*why;		/* reason when !ok */
};

struct tabres {
	const struct tabspec *spec;
	struct rowres	 r[32];
	size_t		 located, good;
	size_t		 first, last;	/* first and last rows located */
	size_t		 startcell;
	int		 present;
};

/* Table 三: see gip-tables(1) for the labels the keys stand for. */
#define T3HEAD \
	{ "new", { "本年新收", "本年度新收", "新收政府信息公开申请", NULL }, \
	    { NULL }, 0 }, \
	{ "carry_in", { "上年结转", "上年度结转", "上一年结转", NULL }, \
	    { NULL }, 0 }, \
	{ "open", { "予以公开", NULL }, { NULL }, 0 }, \
	{ "partial", { "部分公开", NULL }, { NULL }, 0 }, \
	{ "deny_secret", { "国家秘密", NULL }, { NULL }, 0 }, \
	{ "deny_law", { "其他法律行政法规", "禁止公开", NULL }, { NULL }, 0 }, \
	{ "deny_safety", { "危及", "三安全一稳定", NULL }, { NULL }, 0 }, \
	{ "deny_third", { "保护第三方", "第三方合法权益", NULL }, { NULL }, \
	    0 }, \
	{ "deny_internal", { "三类内部事务", "内部事务信息", NULL }, \
	    { NULL }, 0 }, \
	{ "deny_process", { "四类过程性", "过程性信息", NULL }, { NULL }, 0 }, \
	{ "deny_case", { "行政执法案卷", "执法案卷", NULL }, { NULL }, 0 }, \
	{ "deny_query", { "行政查询事项", "查询事项", NULL }, \
	    { "行政查询", NULL }, 0 }, \
	{ "unable_nohold", { "本机关不掌握", "不掌握相关", NULL }, \
	    { "不掌握", NULL }, 0 }, \
	{ "unable_create", { "没有现成信息", "另行制作", NULL }, { NULL }, 0 }, \
	{ "unable_unclear", { "补正后申请", "仍不明确", NULL }, { NULL }, 0 }, \
	{ "ignore_petition", { "信访举报投诉", "信访举报", NULL }, { NULL }, \
	    0 }, \
	{ "ignore_repeat", { "重复申请", NULL }, { NULL }, 0 }, \
	{ "ignore_pub", { "要求提供公开出版物", "公开出版物", NULL }, \
	    { NULL }, 0 }, \
	{ "ignore_mass", { "无正当理由大量", "大量反复", NULL }, { NULL }, 0 }, \
	{ "ignore_confirm", { "要求行政机关确认", "确认或重新出具", \
	    "重新出具", NULL }, { NULL }, 0 }

#define T3TAIL \
	{ "total", { "(七)总计", "七.总计", "七、总计", NULL }, \
	    { "总计", "合计", NULL }, 0 }, \
	{ "carry_out", { "结转下年度", "结转下一年度", "下年度继续办理", \
	    "结转至下年度", NULL }, { NULL }, 0 }

static const struct rowspec t3_2021[] = {
	T3HEAD,
	{ "other_nocorrect", { "申请人无正当理由逾期", "逾期不补正", NULL },
	    { NULL }, 0 },
	{ "other_nofee", { "申请人逾期未按", "缴纳费用", NULL },
	    { "收费通知", NULL }, 0 },
	{ "other_misc", { "3.其他", NULL }, { "其他", NULL }, 1 },
	T3TAIL
};

static const struct rowspec t3_2019[] = {
	T3HEAD,
	{ "other", { "(六)其他处理", "六.其他处理", "六、其他处理", NULL },
	    { "其他处理", NULL }, 0 },
	T3TAIL
};

static const struct rowspec t2_2021[] = {
	{ "reg", { "规章", NULL }, { NULL }, 0 },
	{ "norm", { "行政规范性文件", NULL }, { "规范性文件", NULL }, 0 },
	{ "license", { "行政许可", NULL }, { NULL }, 0 },
	{ "penalty", { "行政处罚", NULL }, { NULL }, 0 },
	{ "coercion", { "行政强制", NULL }, { NULL }, 0 },
	{ "fee", { "行政事业性收费", NULL }, { NULL }, 0 },
};

static const struct rowspec t2_2019[] = {
	{ "reg", { "规章", NULL }, { NULL }, 0 },
	{ "norm", { "规范性文件", NULL }, { "行政规范性文件", NULL }, 0 },
	{ "license", { "行政许可", NULL }, { NULL }, 0 },
	{ "othersvc", { "其他对外管理服务事项", "对外管理服务事项", NULL },
	    { NULL }, 0 },
	{ "penalty", { "行政处罚", NULL }, { NULL }, 0 },
	{ "coercion", { "行政强制", NULL }, { NULL }, 0 },
	{ "fee", { "行政事业性收费", NULL }, { NULL }, 0 },
	{ "procure", { "政府集中采购", "集中采购", NULL }, { NULL }, 0 },
};

#define NROW(a)	(sizeof(a) / sizeof((a)[0]))

static const struct tabspec specs[] = {
	{ "t2", GIP_T2021, 1, t2_2021, NROW(t2_2021), 2,
	    { "本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量",
	    "本年收费金额", "第二十条", NULL } },
	{ "t2", GIP_T2019, 1, t2_2019, NROW(t2_2019), 2,
	    { "本年新制作数量", "本年新公开数量", "对外公开总数量",
	    "上一年项目数量", "处理决定数量", "本年增", "采购项目数量",
	    "采购总金额", "第二十条", NULL } },
	{ "t3", GIP_T2021, 0, t3_2021, NROW(t3_2021), 4, { NULL } },
	{ "t3", GIP_T2019, 0, t3_2019, NROW(t3_2019), 4, { NULL } },
};
#define NSPEC	NROW(specs)

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
 * The values of one row: candidate cells after its label cell, before
 * the next row's label, stopping at the first text once values began.
 */
/*
 * Text that opens another block (a heading 四、…, a caption 第二十条…)
 * ends the search for a row's values: they are not beyond it.
 */
static int
new_block(const struct tb_doc *d, const struct tb_cell *c)
{
	static const char num[] = "一二三四五六七八九十";
	const char	*p = d->stream.p + c->noff;
	size_t		 i = 0;

	if (c->nlen >= 12 && memcmp(p, "第二十条", 12) == 0)
		return 1;
	while (i + 3 <= c->nlen && memmem(num, sizeof(num) - 1, p + i, 3) !=
	    NULL && (i / 3) < 3)
		i += 3;
	return i > 0 && i + 3 <= c->nlen && memcmp(p + i, "、", 3) == 0;
}

static void trim_place(const struct tb_doc *, struct rowres *,
    const size_t *, size_t, long);

static void
collect(const struct tb_doc *d, struct rowres *rr, size_t bound, long hpos)
{
	const struct tb_cell *c;
	size_t		 i, n = 0, ntext = 0, keyline, lastline = 0, v[64];
	int		 started = 0;

	keyline = d->cells[rr->keycell].line;
	for (i = rr->keycell + 1; i < bound && i < d->ncell; i++) {
		c = &d->cells[i];
		if (c->kind == TB_TEXT) {
			if ((c->flags & TBF_DROP) && !(c->flags & TBF_PROSE))
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
		if (started && n >= rr->nval && c->line != lastline)
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
	trim_place(d, rr, v, n, hpos);
}

static size_t
pos_in_line(const struct tb_doc *d, size_t ci)
{
	return ci - d->lines[d->cells[ci].line].cell0;
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
static void
trim_place(const struct tb_doc *d, struct rowres *rr, const size_t *v,
    size_t n, long hpos)
{
	size_t	 L = 0, T = 0, excess, lo, hi, a, k, pick = SIZE_MAX;
	int	 same = 1;

	rr->got = n;
	if (n < rr->nval) {
		rr->why = n == 0 ? "no values after the label" :
		    "too few values";
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
			if ((long)pos_in_line(d, v[a]) == hpos &&
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
 * Per template, once: each row's number of schema cells (its expected
 * values), and for each schema cell its row in the template, or -1.
 */
static size_t	 width[NSPEC][32];
static int	*rowof[NSPEC];

static void
spec_init(void)
{
	const struct gip_cell *s;
	size_t		 n, i, k, r;

	if (rowof[0] != NULL)
		return;
	s = gip_schema(&n);
	for (k = 0; k < NSPEC; k++) {
		rowof[k] = gip_xreallocarray(NULL, n, sizeof(int));
		for (i = 0; i < n; i++) {
			rowof[k][i] = -1;
			if (!(s[i].tmpl & specs[k].tmpl) ||
			    strcmp(s[i].table, specs[k].table) != 0)
				continue;
			for (r = 0; r < specs[k].nrow; r++)
				if (strcmp(specs[k].rows[r].row, s[i].row) == 0)
					break;
			if (r == specs[k].nrow)
				continue;
			rowof[k][i] = (int)r;
			width[k][r]++;
		}
	}
}

/*
 * The column of a header cell (自然人) in the TSV or pipe rows above
 * cell ci, or -1.
 */
static long
header_pos(const struct tb_doc *d, size_t ci, const char *word)
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
			return (long)pos_in_line(d, i - 1);
	}
	return -1;
}

/* Read one table from stream position p0 with one template's rows. */
static void
parse_from(const struct tb_doc *d, const struct tabspec *sp, size_t p0,
    struct tabres *tr)
{
	struct rowres	*rr;
	size_t		 r, q, pos = p0, lim, c, c2, klen = 0, k2, prevcell;
	size_t		 last = SIZE_MAX, i;
	int		 prevfound = 0;
	long		 hpos = -1;
	size_t		 resume = 0;

	memset(tr, 0, sizeof(*tr));
	tr->spec = sp;
	prevcell = tb_stream_cell(d, p0);
	tr->startcell = prevcell;
	for (r = 0; r < sp->nrow; r++) {
		rr = &tr->r[r];
		rr->nval = width[sp - specs][r];
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
	if (r < sp->nrow && strcmp(sp->table, "t3") == 0)
		hpos = header_pos(d, tr->r[r].keycell, "自然人");
	for (r = 0; r < sp->nrow; r++) {
		rr = &tr->r[r];
		if (!rr->found)
			continue;
		for (q = r + 1; q < sp->nrow && !tr->r[q].found; q++)
			;
		collect(d, rr, q < sp->nrow ? tr->r[q].keycell : d->ncell,
		    hpos);
		if (rr->ok)
			tr->good++;
		last = rr->keypos;
	}
	tr->present = tr->located >= sp->minrows;
	if (tr->present && sp->hdr[0] != NULL) {
		/* table 二's row names are common words: want its header */
		c = tr->r[0].found ? tr->r[0].keypos : p0;
		for (r = 0; r < sp->nrow && !tr->r[r].found; r++)
			;
		if (r < sp->nrow)
			c = tr->r[r].keypos;
		c = c > 600 ? c - 600 : 0;
		for (i = 0; sp->hdr[i] != NULL; i++)
			if (last != SIZE_MAX && memmem(d->stream.p + c,
			    last - c, sp->hdr[i], strlen(sp->hdr[i])) != NULL)
				break;
		if (sp->hdr[i] == NULL)
			tr->present = 0;
	}
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
			if (score(&tr) > score(best))
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

	memset(&rec, 0, sizeof(rec));
	rec.table = sc->table;
	rec.row = sc->row;
	rec.col = sc->col;
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

static void
emit_missing(struct tb_doc *d, const struct gip_cell *sc, const char *why,
    unsigned long line)
{
	struct tb_rec	 rec;

	memset(&rec, 0, sizeof(rec));
	rec.table = sc->table;
	rec.row = sc->row;
	rec.col = sc->col;
	rec.status = TBS_MISSING;
	rec.rbuf = TBR_MSG;
	rec.roff = tb_msg(d, "%s", why);
	rec.rlen = strlen(why);
	rec.line = line;
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

	s = gip_schema(&n);
	for (i = 0; i < n; i++) {
		if (!(s[i].tmpl & tmpl) ||
		    rowof[tr->spec - specs][i] < 0)
			continue;
		r = (size_t)rowof[tr->spec - specs][i];
		if (r != last) {
			j = 0;
			last = r;
		}
		rr = &tr->r[r];
		line = src_line(d, rr->keycell);
		if (rr->ok) {
			emit_value(d, &s[i], rr->v[j++]);
			continue;
		}
		if (rr->found && strncmp(rr->why, "too", 3) == 0)
			snprintf(why, sizeof(why), "%s: %zu of %zu values",
			    rr->why, rr->got, rr->nval);
		else
			snprintf(why, sizeof(why), "%s", rr->why);
		if (j++ == 0) {
			gip_diag(d->name, line, GIP_ERROR,
			    "%s %s (%s): %s", s[i].table, s[i].row,
			    s[i].row_label, why);
			d->failed = 1;
		}
		emit_missing(d, &s[i], why, line);
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
	static const char set[] = "行政复议诉讼结果维持纠正其他尚未审结总计合小经"
	    "直接起后件数单位情况";
	const char	*p = d->stream.p + c->noff;
	size_t		 i, k, n = c->nlen;
	uint32_t	 cp;
	char		 enc[4];

	if (c->kind != TB_TEXT || (c->flags & TBF_DROP) || n == 0)
		return 0;
	for (i = 0; i < n; i += k) {
		k = gip_utf8_decode(p + i, n - i, &cp);
		if (cp == '(' || cp == ')' || cp == ':' || cp == '/' ||
		    cp == 0x3001)
			continue;
		if (k < 3 || cp == GIP_UTF8_BAD)
			return 0;
		gip_utf8_encode(cp, enc);
		if (memmem(set, sizeof(set) - 1, enc, 3) == NULL)
			return 0;
	}
	return 1;
}

static int
run_has(const struct tb_doc *d, size_t a, size_t b, const char *w)
{
	size_t	 i, k = strlen(w);
	const struct tb_cell *c;

	for (i = a; i < b; i++) {
		c = &d->cells[i];
		if (c->kind == TB_TEXT && !(c->flags & TBF_DROP) &&
		    memmem(d->stream.p + c->noff, c->nlen, w, k) != NULL)
			return 1;
	}
	return 0;
}

/* Table 四: a header run, then 15 values in template order. */
static void
find_t4(struct tb_doc *d)
{
	const struct gip_cell *s;
	struct rowres	 rr, first;
	size_t		 i, a, b, n, k, j = 0;
	int		 have = 0;
	long		 hpos;
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
		hpos = -1;
		for (k = a; k < b; k++)
			if (d->cells[k].kind == TB_TEXT &&
			    d->lines[d->cells[k].line].mode != ' ' &&
			    memmem(d->stream.p + d->cells[k].noff,
			    d->cells[k].nlen, "维持", 6) != NULL) {
				hpos = (long)pos_in_line(d, k);
				break;
			}
		memset(&rr, 0, sizeof(rr));
		rr.nval = 15;
		rr.keycell = a;
		{
			size_t	 v[64], m = 0, lastline = 0;

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
				if (m >= 15 && c->line != lastline)
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
			trim_place(d, &rr, v, m, hpos);
		}
		if (!have || (rr.ok && !first.ok)) {
			first = rr;
			have = 1;
		}
		if (rr.ok)
			break;
	}
	if (!have)
		return;
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
			emit_missing(d, &s[i], why, src_line(d, first.keycell));
		}
	}
}

/*
 * Which template the tables follow: the labels decide (table 三's
 * (六), then table 二's header and rows); the meta frame only breaks a
 * tie.
 */
void
tb_find(struct tb_doc *d)
{
	struct tabres	 t2[2], t3[2];
	unsigned	 tmpl = 0, meta;
	int		 k2, k3;
	long		 s0, s1;

	spec_init();
	parse_best(d, &specs[0], &t2[0]);
	parse_best(d, &specs[1], &t2[1]);
	parse_best(d, &specs[2], &t3[0]);
	parse_best(d, &specs[3], &t3[1]);
	meta = gip_schema_tmpl(d->tmpl);
	s0 = score(&t3[0]);
	s1 = score(&t3[1]);
	if (s0 != s1 && (s0 >= 0 || s1 >= 0))
		tmpl = s0 > s1 ? GIP_T2021 : GIP_T2019;
	if (tmpl == 0) {
		s0 = score(&t2[0]);
		s1 = score(&t2[1]);
		if (s0 != s1 && (s0 >= 0 || s1 >= 0))
			tmpl = s0 > s1 ? GIP_T2021 : GIP_T2019;
	}
	if (tmpl != 0)
		d->tmplname = tmpl == GIP_T2021 ? "2021" : "2019";
	else {
		/* no evidence in the labels: the meta frame, else 2021 */
		tmpl = meta != 0 ? meta : GIP_T2021;
		d->tmplname = d->tmpl;
	}
	k2 = tmpl == GIP_T2021 ? 0 : 1;
	k3 = tmpl == GIP_T2021 ? 0 : 1;
	if ((t2[k2].present || t3[k3].present) && d->tmplname == NULL)
		d->tmplname = tmpl == GIP_T2021 ? "2021" : "2019";
	if (t2[k2].present)
		emit_grid(d, &t2[k2], tmpl);
	if (t3[k3].present)
		emit_grid(d, &t3[k3], tmpl);
	find_t4(d);
	if (d->tmplname == NULL && d->nrec > 0)
		d->tmplname = "unknown";
}
