/*
 * tables_narr.c: numbers the prose states for quantities of the
 * tables ("行政许可425个", "本年度共新收政府信息公开申请170件",
 * "未收到政府信息公开申请"), so that gip-check can compare them with
 * the grid.  The patterns are strict: a key, a few filler words, an
 * exact number and a unit; "约", "余", "多" and anything unexpected
 * between them make the phrase no fact.  The first statement of each
 * quantity is kept.
 */
#define _GNU_SOURCE
#include <string.h>

#include "gip.h"
#include "tables.h"

enum { N_LICENSE, N_PENALTY, N_COERCION, N_FEE, N_NEW, N_CARRYIN,
    N_CARRYOUT, N_REVIEW, N_LITIG, N_MAX };

const char *const tb_narr_keys[][2] = {
	{ "license", "decisions" },
	{ "penalty", "decisions" },
	{ "coercion", "decisions" },
	{ "fee", "amount" },
	{ "new", "total" },
	{ "carry_in", "total" },
	{ "carry_out", "total" },
	{ "review", "total" },
	{ "litigation", "total" },
};
const size_t tb_nnarr = N_MAX;

#define SPAN_MAX	60	/* bytes between a verb and its 申请 */

struct fact {
	int		 have;
	size_t		 voff, vlen, roff, rlen;
	unsigned long	 line;
};

struct para {
	struct gip_buf	 b;
	size_t		*off;		/* offset in b of each line */
	size_t		*li;		/* its line index */
	size_t		 n, cap;
	int		 prose;		/* a line of it is a sentence */
};

static const char *const fill_count[] = { "共计", "共", "累计", "合计",
    "总计", "数量为", "数量", "数为", "为", "：", ":", "达", "办理", "作出",
    "做出", "办结", "处理", NULL };
static const char *const units_count[] = { "件", "个", "项", "家", "起",
    "次", "宗", "例", "条", NULL };
static const char *const units_case[] = { "件", "起", "宗", "个", "次",
    NULL };
static const char *const units_appl[] = { "件", "个", "条", "宗", NULL };

static size_t
lit(const char *p, size_t n, size_t i, const char *s)
{
	size_t	 k = strlen(s);

	if (i <= n && n - i >= k && memcmp(p + i, s, k) == 0)
		return i + k;
	return SIZE_MAX;
}

static size_t
skip_sp(const char *p, size_t n, size_t i)
{
	for (;;) {
		if (i < n && p[i] == ' ')
			i++;
		else if (lit(p, n, i, "\xe3\x80\x80") != SIZE_MAX)
			i += 3;
		else if (lit(p, n, i, "\xc2\xa0") != SIZE_MAX)
			i += 2;
		else
			return i;
	}
}

static size_t
words(const char *p, size_t n, size_t i, const char *const *w, int max)
{
	size_t	 j;
	int	 k, m;

	for (m = 0; m < max; m++) {
		i = skip_sp(p, n, i);
		for (k = 0; w[k] != NULL; k++)
			if ((j = lit(p, n, i, w[k])) != SIZE_MAX)
				break;
		if (w[k] == NULL)
			break;
		i = j;
	}
	return skip_sp(p, n, i);
}

static size_t
one_of(const char *p, size_t n, size_t i, const char *const *w)
{
	size_t	 j;
	int	 k;

	for (k = 0; w[k] != NULL; k++)
		if ((j = lit(p, n, i, w[k])) != SIZE_MAX)
			return j;
	return SIZE_MAX;
}

/*
 * An exact number at i: digits with optional separators and decimals,
 * then optional space.  Writes the normalized number to vals.
 */
static size_t
number(struct tb_doc *d, const char *p, size_t n, size_t i, int decok,
    size_t *voff, size_t *vlen)
{
	size_t		 j = i, e, off = d->vals.len;
	unsigned char	 unit, dec, sign;

	while (j < n && ((p[j] >= '0' && p[j] <= '9') || p[j] == ',' ||
	    p[j] == '.' || lit(p, n, j, "，") == j + 3 ||
	    (lit(p, n, j, "\xef\xbc") == j + 2 && j + 2 < n &&
	    (unsigned char)p[j + 2] >= 0x90 &&
	    (unsigned char)p[j + 2] <= 0x99)))
		j += (unsigned char)p[j] < 0x80 ? 1 : 3;
	/* a sentence's comma or full stop is not part of the number */
	while (j > i && (p[j - 1] == ',' || p[j - 1] == '.'))
		j--;
	if (j >= 3 && j - 3 >= i && lit(p, n, j - 3, "，") == j)
		j -= 3;
	if (j == i)
		return SIZE_MAX;
	if (!tb_number(p + i, j - i, &d->vals, &unit, &dec, &sign) ||
	    (dec && !decok))
		return SIZE_MAX;
	*voff = off;
	*vlen = d->vals.len - off;
	e = skip_sp(p, n, j);
	/* approximations: 10余件, 100多件 */
	if (lit(p, n, e, "余") != SIZE_MAX || lit(p, n, e, "多") != SIZE_MAX)
		return SIZE_MAX;
	return e;
}

static size_t
line_of(const struct para *pa, size_t pos)
{
	size_t	 lo = 0, hi = pa->n, mid;

	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (pa->off[mid] <= pos)
			lo = mid;
		else
			hi = mid;
	}
	return pa->li[lo];
}

/* Is pos in section 四 (政府信息公开行政复议、行政诉讼情况), by sec frames? */
static int
in_sec4(const struct tb_doc *d, const struct para *pa, size_t pos)
{
	return d->lines[line_of(pa, pos)].sec == 4;
}

static void
keep(struct tb_doc *d, struct fact *f, const struct para *pa, size_t a,
    size_t b, size_t voff, size_t vlen)
{
	if (f->have)
		return;
	f->have = 1;
	f->voff = voff;
	f->vlen = vlen;
	f->roff = d->msg.len;
	gip_buf_add(&d->msg, pa->b.p + a, b - a);
	f->rlen = b - a;
	f->line = d->lines[line_of(pa, a)].src;
}

/* Sentences end at 。; clauses also at ； and ，. */
static int
is_stop(const char *p, size_t n, size_t i, int comma)
{
	return lit(p, n, i, "。") != SIZE_MAX || (comma &&
	    (lit(p, n, i, "；") != SIZE_MAX || p[i] == ';' ||
	    lit(p, n, i, "，") != SIZE_MAX || p[i] == ','));
}

static void
sentence(const char *p, size_t n, size_t pos, size_t *a, size_t *b)
{
	size_t	 i;

	for (i = pos; i > 0 && !(i >= 3 && is_stop(p, n, i - 3, 0)); i--)
		;
	*a = i;
	for (i = pos; i < n && !is_stop(p, n, i, 0); i++)
		;
	*b = i;
}

static int
has(const char *p, size_t a, size_t b, const char *w)
{
	return b > a && tb_search(p + a, b - a, w, strlen(w)) != NULL;
}

static int
blacklisted(const char *p, size_t a, size_t b)
{
	static const char *const bad[] = { "法人", "组织", "企业", "自然人",
	    "复议", "诉讼", "投诉", "举报", "信访", "建议", "提案", "因",
	    "，", "。", "；", ",", ";", "0", "1", "2", "3", "4", "5", "6", "7",
	    "8", "9", NULL };
	int	 i;

	for (i = 0; bad[i] != NULL; i++)
		if (has(p, a, b, bad[i]))
			return 1;
	return 0;
}

/* "行政许可425个", "行政处罚案件34起", "行政事业性收费1.5万元" ... */
static void
after_xingzheng(struct tb_doc *d, const struct para *pa, size_t at,
    struct fact *f)
{
	static const char *const lic[] = { "决定", "案件", NULL };
	static const char *const pen[] = { "决定", "案件", NULL };
	static const char *const coe[] = { "措施", "决定", "案件", NULL };
	static const char *const rev[] = { "案件", "申请", NULL };
	const char	*p = pa->b.p;
	size_t		 n = pa->b.len, i, e, voff, vlen, sa, sb;
	int		 which;

	if ((i = lit(p, n, at, "行政许可")) != SIZE_MAX) {
		which = N_LICENSE;
		i = words(p, n, i, lic, 1);
	} else if ((i = lit(p, n, at, "行政处罚")) != SIZE_MAX) {
		which = N_PENALTY;
		i = words(p, n, i, pen, 1);
	} else if ((i = lit(p, n, at, "行政强制")) != SIZE_MAX) {
		which = N_COERCION;
		i = words(p, n, i, coe, 1);
	} else if ((i = lit(p, n, at, "行政事业性收费")) != SIZE_MAX) {
		which = N_FEE;
	} else if ((i = lit(p, n, at, "行政复议")) != SIZE_MAX) {
		which = N_REVIEW;
		i = words(p, n, i, rev, 1);
	} else if ((i = lit(p, n, at, "行政诉讼")) != SIZE_MAX) {
		which = N_LITIG;
		i = words(p, n, i, rev, 1);
	} else
		return;
	if (f[which].have)
		return;
	if (which == N_REVIEW || which == N_LITIG) {
		/* only about information disclosure: said, or section 四 */
		sentence(p, n, at, &sa, &sb);
		if (!has(p, sa, sb, "信息公开") && !in_sec4(d, pa, at))
			return;
	}
	i = words(p, n, i, fill_count, 3);
	if ((e = number(d, p, n, i, which == N_FEE, &voff, &vlen)) ==
	    SIZE_MAX)
		return;
	if (which == N_FEE)
		e = lit(p, n, e, "万元");
	else
		e = one_of(p, n, e, which >= N_REVIEW ? units_case :
		    units_count);
	if (e == SIZE_MAX)
		return;
	keep(d, &f[which], pa, at, e, voff, vlen);
}

/*
 * "未发生因政府信息公开引起的行政复议、行政诉讼案件": a negation in the
 * same clause, before the key, about information disclosure.
 */
static void
negated_case(struct tb_doc *d, const struct para *pa, size_t at,
    struct fact *f)
{
	static const char *const neg[] = { "未发生", "没有发生", "未收到",
	    "没有收到", "未出现", "没有出现", "未产生", "未涉及", "未有",
	    "没有", "无", NULL };
	const char	*p = pa->b.p;
	size_t		 n = pa->b.len, a, i, j, e, voff;
	int		 k, rev, lit2;

	rev = lit(p, n, at, "行政复议") != SIZE_MAX;
	if (!rev && lit(p, n, at, "行政诉讼") == SIZE_MAX)
		return;
	/* the clause start, at most SPAN_MAX bytes back */
	for (a = at; a > 0 && at - a < SPAN_MAX && !(a >= 3 &&
	    is_stop(p, n, a - 3, 1)) && p[a - 1] != ',' && p[a - 1] != ';';
	    a--)
		;
	for (i = a; i < at; i++) {
		for (k = 0; neg[k] != NULL; k++)
			if ((j = lit(p, n, i, neg[k])) != SIZE_MAX)
				break;
		if (neg[k] != NULL)
			break;
	}
	if (i >= at)
		return;
	if (has(p, i, at, "纠") || has(p, i, at, "败") || has(p, i, at,
	    "撤销") || has(p, i, at, "违法") || has(p, i, at, "改变"))
		return;
	/* the clause must be about disclosure and state no number */
	for (e = at; e < n && !is_stop(p, n, e, 1); e++)
		;
	if (!has(p, a, e, "信息公开") && !in_sec4(d, pa, at))
		return;
	for (j = at; j < e; j++)
		if (p[j] >= '0' && p[j] <= '9')
			return;
	if (has(p, at, e, "纠") || has(p, at, e, "败诉") || has(p, at, e,
	    "撤销"))
		return;
	voff = d->vals.len;
	gip_buf_addc(&d->vals, '0');
	lit2 = has(p, at, e, rev ? "行政诉讼" : "行政复议");
	if (rev || lit2)
		keep(d, &f[N_REVIEW], pa, i, e, voff, 1);
	if (!rev || lit2)
		keep(d, &f[N_LITIG], pa, i, e, voff, 1);
}

/* "新收/收到 … 申请 170件", and "未收到 … 申请" for none. */
static void
received(struct tb_doc *d, const struct para *pa, size_t at,
    struct fact *f)
{
	static const char *const appl[] = { "共计", "共", "合计", "总计",
	    "数量为", "数量", "为", "：", ":", NULL };
	const char	*p = pa->b.p;
	size_t		 n = pa->b.len, i, s, e, a = at, voff, vlen, lim;
	const char	*q;
	int		 neg = 0, isnew;

	isnew = lit(p, n, at, "新收") != SIZE_MAX;
	if (at >= 3 && lit(p, n, at - 3, "未") != SIZE_MAX) {
		neg = 1;
		a = at - 3;
	} else if (at >= 6 && lit(p, n, at - 6, "没有") != SIZE_MAX) {
		neg = 1;
		a = at - 6;
	}
	if (f[N_NEW].have)
		return;
	/* the 申请 that ends the object: "依申请公开文件申请" */
	s = at + 6;
	for (i = s; ; i = (size_t)(q - p) + 6) {
		lim = s + SPAN_MAX < n ? s + SPAN_MAX : n;
		if (i >= lim || (q = tb_search(p + i, lim - i, "申请", 6)) ==
		    NULL)
			return;
		if (blacklisted(p, s, (size_t)(q - p)))
			return;
		if (isnew || has(p, s, (size_t)(q - p), "公开"))
			break;
	}
	i = (size_t)(q - p);
	e = i + 6;
	if (neg) {
		if (lit(p, n, e, "提起") != SIZE_MAX || lit(p, n, e, "引起") !=
		    SIZE_MAX || lit(p, n, e, "引发") != SIZE_MAX ||
		    lit(p, n, e, "而") != SIZE_MAX)
			return;
		voff = d->vals.len;
		gip_buf_addc(&d->vals, '0');
		keep(d, &f[N_NEW], pa, a, e, voff, 1);
		return;
	}
	e = words(p, n, e, appl, 2);
	if ((e = number(d, p, n, e, 0, &voff, &vlen)) == SIZE_MAX ||
	    (e = one_of(p, n, e, units_appl)) == SIZE_MAX)
		return;
	keep(d, &f[N_NEW], pa, at, e, voff, vlen);
}

/* "上年结转15件", "结转下年度继续办理3件" */
static void
carried(struct tb_doc *d, const struct para *pa, size_t at,
    struct fact *f)
{
	static const char *const in[] = { "上年度", "上一年度", "上一年",
	    "上年", NULL };
	static const char *const to[] = { "至", "到", NULL };
	static const char *const year[] = { "下年度", "下一年度", "下年", NULL };
	static const char *const cont[] = { "继续办理", "办理", NULL };
	static const char *const tail[] = { "政府信息公开申请", "的申请", "申请",
	    "共计", "共", "合计", "为", "：", ":", "的", NULL };
	const char	*p = pa->b.p;
	size_t		 n = pa->b.len, a = at, e, voff, vlen, j;
	int		 k, which = -1;

	for (k = 0; in[k] != NULL; k++) {
		j = strlen(in[k]);
		if (at >= j && memcmp(p + at - j, in[k], j) == 0) {
			which = N_CARRYIN;
			a = at - j;
			e = at + 6;
			break;
		}
	}
	if (which < 0) {
		e = words(p, n, at + 6, to, 1);
		if ((e = one_of(p, n, e, year)) == SIZE_MAX)
			return;
		e = words(p, n, e, cont, 1);
		which = N_CARRYOUT;
	}
	if (f[which].have)
		return;
	e = words(p, n, e, tail, 3);
	if ((e = number(d, p, n, e, 0, &voff, &vlen)) == SIZE_MAX ||
	    (e = one_of(p, n, e, units_appl)) == SIZE_MAX)
		return;
	keep(d, &f[which], pa, a, e, voff, vlen);
}

/*
 * Find the words that start a fact: 行政, then 新收, 收到, 接到, then
 * 结转.  tb_search skips through the text quickly, so a pass a word
 * costs less than one careful pass.
 */
static void
scan(struct tb_doc *d, const struct para *pa, struct fact *f)
{
	static const char *const recv[] = { "新收", "收到", "接到", NULL };
	const char	*p = pa->b.p, *q;
	size_t		 n = pa->b.len, i;
	int		 k;

	for (i = 0; (q = tb_search(p + i, n - i, "行政", 6)) != NULL;
	    i = (size_t)(q - p) + 6) {
		after_xingzheng(d, pa, (size_t)(q - p), f);
		negated_case(d, pa, (size_t)(q - p), f);
	}
	for (k = 0; recv[k] != NULL && !f[N_NEW].have; k++)
		for (i = 0; (q = tb_search(p + i, n - i, recv[k], 6)) != NULL;
		    i = (size_t)(q - p) + 6)
			received(d, pa, (size_t)(q - p), f);
	for (i = 0; (q = tb_search(p + i, n - i, "结转", 6)) != NULL;
	    i = (size_t)(q - p) + 6)
		carried(d, pa, (size_t)(q - p), f);
}

/*
 * Lines of prose: no tab, no pipe row, no table values.  2 for a line
 * with a sentence, 1 for other text (a wrapped line, a label).
 */
static int
prose_line(const struct tb_doc *d, size_t li, size_t *ci)
{
	const struct tb_line *l = &d->lines[li];
	const char	*p = d->text.p + l->off;
	size_t		 i;
	int		 ok = 1, any = 0;

	if (l->len == 0 || memchr(p, '\t', l->len) != NULL)
		ok = 0;
	for (i = 0; i < l->len && (p[i] == ' '); i++)
		;
	if (i < l->len && p[i] == '|')
		ok = 0;
	for (; *ci < d->ncell && d->cells[*ci].line == li; (*ci)++) {
		if (any == 0)
			any = 1;
		if (d->cells[*ci].flags & TBF_CAND)
			ok = 0;
		if (d->cells[*ci].flags & TBF_PROSE)
			any = 2;
	}
	return ok ? any : 0;
}

/* A paragraph with no sentence in it is labels, not prose. */
static void
flush(struct tb_doc *d, struct para *pa, struct fact *f)
{
	if (pa->b.len > 0 && pa->prose)
		scan(d, pa, f);
	gip_buf_reset(&pa->b);
	pa->n = 0;
	pa->prose = 0;
}

void
tb_narr(struct tb_doc *d)
{
	static struct para pa;
	static const char *keys[N_MAX];
	struct fact	 f[N_MAX];
	struct tb_rec	 rec;
	size_t		 li, ci = 0, k;
	int		 kind;

	memset(f, 0, sizeof(f));
	for (li = 0; li < d->nline; li++) {
		while (ci < d->ncell && d->cells[ci].line < li)
			ci++;
		if ((kind = prose_line(d, li, &ci)) == 0) {
			flush(d, &pa, f);
			continue;
		}
		if (kind == 2)
			pa.prose = 1;
		if (pa.n == pa.cap) {
			pa.cap = pa.cap ? pa.cap * 2 : 64;
			pa.off = gip_xreallocarray(pa.off, pa.cap,
			    sizeof(*pa.off));
			pa.li = gip_xreallocarray(pa.li, pa.cap,
			    sizeof(*pa.li));
		}
		pa.off[pa.n] = pa.b.len;
		pa.li[pa.n++] = li;
		gip_buf_add(&pa.b, d->text.p + d->lines[li].off,
		    d->lines[li].len);
	}
	flush(d, &pa, f);
	for (k = 0; k < N_MAX; k++) {
		if (!f[k].have)
			continue;
		memset(&rec, 0, sizeof(rec));
		rec.table = "narr";
		rec.row = tb_narr_keys[k][0];
		rec.col = tb_narr_keys[k][1];
		if (keys[k] == NULL)
			keys[k] = tb_keys(rec.table, rec.row, rec.col);
		rec.keys = keys[k];
		rec.status = TBS_NUM;
		rec.voff = f[k].voff;
		rec.vlen = f[k].vlen;
		rec.roff = f[k].roff;
		rec.rlen = f[k].rlen;
		rec.rbuf = TBR_MSG;
		rec.line = f[k].line;
		tb_rec_add(d, &rec);
	}
}
