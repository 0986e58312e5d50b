/*
 * tables_narr.c: numbers the prose states for quantities of the
 * tables ("行政许可425个", "本年度共新收政府信息公开申请170件",
 * "予以公开及部分公开42件", "未收到政府信息公开申请"), in every report
 * whatever its template, so that gip-check can compare them with the
 * grid, and the one count no cell holds (主动公开政府信息N条).  The
 * patterns are strict: a key, a few filler words, an exact number and a
 * unit; "约", "余", "多" and anything unexpected between them make the
 * phrase no fact; outcomes count only in a sentence about applications,
 * reviews and lawsuits only in one about information disclosure.  The
 * first statement of each quantity is kept.
 *
 * A paragraph's lines are joined and searched for the words that start
 * a fact (trigs[]); at each, the PCRE2 patterns of that word are
 * matched anchored there, each loaded when first worth trying (the
 * patterns are in tables_narr_pats.h, compiled at build time by
 * mknarr.c).  Every pattern is possessive (a filler list is tried in
 * order and never revisited), so none can backtrack more than its
 * subject is long.
 *
 * Two facts are about the year, not a cell: the statistics period the
 * prose states ("统计期限自2022年1月1日起至2022年12月31日止": the year,
 * or the phrase as text when it is not within one calendar year), and
 * the publication date of gip-sections' meta frame, as text.
 */
#define _GNU_SOURCE
#include <string.h>

#include "gip.h"
#include "tables.h"
#include "tables_narr_pats.h"

enum { N_LICENSE, N_PENALTY, N_COERCION, N_FEE, N_NEW, N_CARRYIN,
    N_CARRYOUT, N_OPEN, N_PARTIAL, N_OPENPART, N_DENY, N_UNABLE, N_IGNORE,
    N_OTHER, N_DONE, N_REVIEW, N_LITIG, N_PROACTIVE, N_PERIOD, N_PUBLISHED,
    N_MAX };

/* The facts in the order of gip_narr_keys (lib/schema.c). */
_Static_assert(N_MAX == GIP_NNARR, "the facts of gip_narr_keys");

#define SPAN_MAX	60	/* bytes back from a key to its negation */
#define SPAN_VERB	120	/* bytes between a verb and its 申请 */

static struct gip_re *period_re;

/*
 * The words that start a fact, searched in this order: the first
 * statement of a quantity wins, the verbs of 新收 before 依申请公开 N件.
 */
enum { T_XZ, T_NEW, T_RECV, T_BYREQ, T_CARRY, T_DEFER, T_OUT, T_DONE,
    T_CASE, T_PROACT, T_PERIOD };

static const struct {
	const char	*word;
	int		 trig;
} trigs[] = {
	{ "行政", T_XZ }, { "新收", T_NEW }, { "收到", T_RECV },
	{ "接到", T_RECV }, { "受理", T_RECV }, { "接收", T_RECV },
	{ "依申", T_BYREQ }, { "结转", T_CARRY }, { "顺延", T_DEFER },
	{ "予以", T_OUT }, { "同意", T_OUT }, { "部分", T_OUT },
	{ "不予", T_OUT }, { "不同", T_OUT }, { "无法", T_OUT },
	{ "其他", T_OUT }, { "办结", T_DONE }, { "答复", T_DONE },
	{ "复议", T_CASE }, { "诉讼", T_CASE }, { "主动", T_PROACT },
	{ "统计", T_PERIOD },
};

#define P_DEC		0x1	/* the number may have decimals */
#define P_DISCL		0x2	/* only about information disclosure */
#define P_SPAN		0x4	/* 申请 within SPAN_VERB bytes of the verb */
#define P_APPL		0x8	/* only in a sentence about applications */
#define P_NUMFIRST	0x10	/* groups 2 and 3 swapped: "收到70件申请" */
#define P_NEGATED	0x20	/* 未收到 …: no number */

/* Each compiled when first worth trying (see narr_re). */
static struct pat {
	int		 trig, which, flags;
	const char	*key;		/* one of these at the trigger ('|'
					   between), tested before compiling */
	const char	*src;
	struct gip_re	*re;
} pats[] = {
#define PAT(t, w, f, k, s)	{ t, w, f, k, s, NULL },
	NARR_PATTERNS
#undef PAT
};

#define NPAT	(sizeof(pats) / sizeof(pats[0]))

/*
 * Pattern k (NPAT: the period's) as mknarr compiled it at build time,
 * which costs a copy where compiling cost more than reading a small
 * report (seed 000: 0.8 M of gip-tables' 2.1 M instructions); compiled
 * here only when those bytes are not of this source or this PCRE2.
 */
static struct gip_re *
narr_re(size_t k, const char *src)
{
	const unsigned char *bytes = NULL;

	if (narr_code[k].hash == gip_xxh64(src, strlen(src)))
		bytes = narr_code[k].bytes;
	return gip_re_load(bytes, src, GIP_RE_ANCHORED);
}

/*
 * What negated_case asks of the clause after a key, read once per
 * clause (see clause()): where each word last starts (plus one; 0: nowhere).
 */
enum { C_DISCL, C_DIGIT, C_JIU, C_BAISU, C_CHEXIAO, C_LITIG, C_REVIEW,
    C_MAX };

struct fact {
	int		 have;
	int		 st;		/* TBS_NUM, TBS_TEXT, TBS_YEAR, TBS_DATE */
	size_t		 voff, vlen, roff, rlen;
	unsigned long	 line;
};

struct para {
	struct gip_buf	 b;
	size_t		*off;		/* offset in b of each line */
	size_t		*li;		/* its line index */
	size_t		 n, cap;
	int		 prose;		/* a line of it is a sentence */
	size_t		 sa, sb;	/* the last sentence looked at */
	int		 sdiscl;	/* it names 信息公开 */
	int		 sappl;		/* it or the one before names 申请 */
	size_t		*bad;		/* lines where a pattern gave up */
	size_t		 nbad, capbad;
	const char	*shown;		/* the document, for diagnostics */
	struct gip_buf	 tmp;
	size_t		 cat, ce;	/* the clause read last: key, end */
	size_t		 clast[C_MAX];
};

static size_t
lit(const char *p, size_t n, size_t i, const char *s)
{
	size_t	 k = strlen(s);

	if (i <= n && n - i >= k && memcmp(p + i, s, k) == 0)
		return i + k;
	return SIZE_MAX;
}

static int	 is_stop(const char *, size_t, size_t, int);

/* Does one of the '|'-separated literals of keys start at i? */
static int
key_at(const char *p, size_t n, size_t i, const char *keys)
{
	const char	*k, *e;
	size_t		 len;

	for (k = keys; *k != '\0'; k = *e == '|' ? e + 1 : e) {
		e = strchr(k, '|');
		if (e == NULL)
			e = k + strlen(k);
		len = (size_t)(e - k);
		if (i <= n && n - i >= len && memcmp(p + i, k, len) == 0)
			return 1;
	}
	return 0;
}

/*
 * What a pattern at at needs before it is worth compiling: a number
 * in its clause (the count), 申请 there (the verbs' object), or a
 * negation just before (the negated forms).  Most trigger words in a
 * report stand in sentences that state no count; compiling a pattern
 * costs more than reading a report (callgrind: seed 000 7.9M
 * instructions with every pattern met compiled, 4.9M so).
 */
static int
worth_trying(const char *p, size_t n, size_t at, const struct pat *pt)
{
	size_t	 e, i;
	int	 digit = 0;

	if (pt->flags & P_NEGATED)
		return (at >= 3 && memcmp(p + at - 3, "未", 3) == 0) ||
		    (at >= 6 && memcmp(p + at - 6, "没有", 6) == 0);
	/* a pattern spans at most SPAN_VERB and a few words: bounded */
	for (e = at; e < n && e - at < 2 * SPAN_VERB && !is_stop(p, n, e, 1);
	    e++)
		if (!digit && ((p[e] >= '0' && p[e] <= '9') || (e + 2 < n &&
		    (unsigned char)p[e] == 0xef && (unsigned char)p[e + 1] ==
		    0xbc && (unsigned char)p[e + 2] >= 0x90 &&
		    (unsigned char)p[e + 2] <= 0x99)))
			digit = 1;
	if (!digit)
		return 0;
	if (pt->flags & (P_SPAN | P_NUMFIRST))
		for (i = at; i + 6 <= e; i++)
			if (memcmp(p + i, "申请", 6) == 0)
				return 1;
	return !(pt->flags & (P_SPAN | P_NUMFIRST));
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

static int
is_bad(const struct para *pa, size_t li)
{
	size_t	 k;

	for (k = 0; k < pa->nbad; k++)
		if (pa->bad[k] == li)
			return 1;
	return 0;
}

static void
keep(struct tb_doc *d, struct fact *f, const struct para *pa, size_t a,
    size_t b, size_t voff, size_t vlen)
{
	if (f->have || (pa->nbad > 0 && is_bad(pa, line_of(pa, a))))
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

/*
 * Is the 行政复议 or 行政诉讼 at pos about information disclosure: said
 * in its sentence, or in section 四?  A pattern cannot see the section;
 * the sentence is remembered, as a line may hold many keys.
 */
static int
about_disclosure(const struct tb_doc *d, struct para *pa, size_t pos)
{
	if (pos < pa->sa || pos >= pa->sb) {
		sentence(pa->b.p, pa->b.len, pos, &pa->sa, &pa->sb);
		pa->sdiscl = has(pa->b.p, pa->sa, pa->sb, "信息公开") ||
		    has(pa->b.p, pa->sa, pa->sb, "依申请公开");
		pa->sappl = has(pa->b.p, pa->sa, pa->sb, "申请");
		/*
		 * "全年办结128件，其中予以公开56件…" after the 申请 sentence;
		 * not "12345热线共办结3000件。" after it
		 */
		if (!pa->sappl && pa->sa >= 3 && has(pa->b.p, pa->sa, pa->sb,
		    "公开")) {
			size_t	 a, b;

			sentence(pa->b.p, pa->b.len, pa->sa - 3, &a, &b);
			pa->sappl = has(pa->b.p, a, b, "申请");
		}
	}
	return pa->sdiscl || in_sec4(d, pa, pos);
}

/*
 * Is the outcome at pos about applications: in section 三, or 申请 in
 * its sentence, or in the one before when its own names 公开 ("予以公开"
 * of a list of proactive items is not)?
 */
static int
about_applications(const struct tb_doc *d, struct para *pa, size_t pos)
{
	if (d->lines[line_of(pa, pos)].sec == 3)
		return 1;
	about_disclosure(d, pa, pos);
	return pa->sappl;
}

static void
clause(struct para *pa, size_t a, size_t at)
{
	static const char *const w[C_MAX] = { "信息公开", NULL, "纠", "败诉",
	    "撤销", "行政诉讼", "行政复议" };
	const char	*p = pa->b.p, *q;
	size_t		 n = pa->b.len, e, i, k;

	for (e = at; e < n && !is_stop(p, n, e, 1); e++)
		;
	pa->cat = at;
	pa->ce = e;
	for (k = 0; k < C_MAX; k++) {
		pa->clast[k] = 0;
		if (w[k] == NULL)
			continue;
		for (i = a; (q = tb_search(p + i, e - i, w[k], strlen(w[k]))) !=
		    NULL; i = (size_t)(q - p) + 1)
			pa->clast[k] = (size_t)(q - p) + 1;
	}
	for (i = e; i > a; i--)
		if (p[i - 1] >= '0' && p[i - 1] <= '9') {
			pa->clast[C_DIGIT] = i;
			break;
		}
}

/*
 * "未发生因政府信息公开引起的行政复议、行政诉讼案件": a negation in the
 * same clause, before the key, about information disclosure.  Kept by
 * hand: the negation is looked for at most SPAN_MAX bytes back, which a
 * PCRE2 lookbehind (fixed length, in characters) cannot express, and
 * the clause after the key is read once for all the keys in it.
 */
static void
negated_case(struct tb_doc *d, struct para *pa, size_t at, struct fact *f)
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
	if (f[N_REVIEW].have && f[N_LITIG].have)
		return;
	/* the clause start, at most SPAN_MAX bytes back */
	for (a = at; a > 0 && at - a < SPAN_MAX && !(a >= 3 &&
	    is_stop(p, n, a - 3, 1)) && p[a - 1] != ',' && p[a - 1] != ';';
	    a--)
		;
	/* 未, 没 and 无 all begin with byte E6 */
	for (i = a; i < at; i++) {
		if ((unsigned char)p[i] != 0xe6)
			continue;
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
	/*
	 * The clause must be about disclosure and state no number.  A
	 * later key of the clause starts its own clause no earlier.
	 */
	if (at <= pa->cat || at >= pa->ce)
		clause(pa, a, at);
	e = pa->ce;
	if (pa->clast[C_DISCL] <= a && !in_sec4(d, pa, at))
		return;
	if (pa->clast[C_DIGIT] > at || pa->clast[C_JIU] > at ||
	    pa->clast[C_BAISU] > at || pa->clast[C_CHEXIAO] > at)
		return;
	voff = d->vals.len;
	gip_buf_addc(&d->vals, '0');
	lit2 = pa->clast[rev ? C_LITIG : C_REVIEW] > at;
	if (rev || lit2)
		keep(d, &f[N_REVIEW], pa, i, e, voff, 1);
	if (!rev || lit2)
		keep(d, &f[N_LITIG], pa, i, e, voff, 1);
}


/*
 * A pattern hit PCRE2's match limit: say so once for the line, and take
 * no fact from it (one taken already is dropped: it may be the wrong
 * reading of the same words).
 */
static void
gave_up(struct tb_doc *d, struct para *pa, size_t at, struct fact *f)
{
	size_t	 li = line_of(pa, at), k;

	if (is_bad(pa, li))
		return;
	if (pa->nbad == pa->capbad) {
		pa->capbad = pa->capbad ? pa->capbad * 2 : 4;
		pa->bad = gip_xreallocarray(pa->bad, pa->capbad,
		    sizeof(*pa->bad));
	}
	pa->bad[pa->nbad++] = li;
	gip_diag(pa->shown, d->lines[li].src, GIP_WARNING,
	    "prose pattern match limit reached; no fact taken from this line");
	for (k = 0; k < N_MAX; k++)
		if (f[k].have && f[k].line == d->lines[li].src)
			f[k].have = 0;
}

/* Match the patterns of trigger word t at at; keep what they state. */
static void
try_at(struct tb_doc *d, struct para *pa, int t, size_t at, struct fact *f)
{
	const char	*p = pa->b.p;
	size_t		 n = pa->b.len, ov[8], voff, vlen, k;
	unsigned char	 unit, dec, sign;
	int		 rc;

	for (k = 0; k < NPAT; k++) {
		if (pats[k].trig != t || f[pats[k].which].have ||
		    (pats[k].key != NULL && !key_at(p, n, at, pats[k].key)) ||
		    !worth_trying(p, n, at, &pats[k]))
			continue;
		/* loaded when first needed: most documents need few */
		if (pats[k].re == NULL)
			pats[k].re = narr_re(k, pats[k].src);
		if ((rc = gip_re_match(pats[k].re, p, n, at, ov, 4)) < 0) {
			gave_up(d, pa, at, f);
			continue;
		}
		if (rc == 0)
			continue;
		/* 申请 within SPAN_MAX bytes after the verb */
		if ((pats[k].flags & P_SPAN) && ov[5] - (at + 6) > SPAN_VERB)
			continue;
		if ((pats[k].flags & P_DISCL) && !about_disclosure(d, pa, at))
			continue;
		if ((pats[k].flags & P_APPL) && !about_applications(d, pa, at))
			continue;
		if (pats[k].flags & P_NUMFIRST) {
			ov[6] = ov[4];
			ov[7] = ov[5];
		}
		if (ov[6] == (size_t)-1) {
			voff = d->vals.len;
			gip_buf_addc(&d->vals, '0');
			vlen = 1;
		} else {
			voff = d->vals.len;
			if (!tb_number(p + ov[6], ov[7] - ov[6], &d->vals,
			    &unit, &dec, &sign) ||
			    (dec && !(pats[k].flags & P_DEC)))
				continue;
			vlen = d->vals.len - voff;
		}
		keep(d, &f[pats[k].which], pa, ov[2], ov[1], voff, vlen);
	}
}

/* Digits, ASCII or full-width, as a number. */
static int
digits(const char *p, size_t a, size_t b)
{
	int	 v = 0;

	while (a < b) {
		if (p[a] >= '0' && p[a] <= '9')
			v = v * 10 + (p[a++] - '0');
		else {
			/* EF BC 90..99: U+FF10..U+FF19 */
			v = v * 10 + ((unsigned char)p[a + 2] - 0x90);
			a += 3;
		}
	}
	return v;
}

/* Does a word of the period start at at (统计 found)? */
static int
period_key(const char *p, size_t n, size_t at)
{
	static const char *const w[] = { "期", "时", "区间", "周期", NULL };
	size_t	 k;

	for (k = 0; w[k] != NULL; k++)
		if (lit(p, n, at + 6, w[k]) != SIZE_MAX)
			return 1;
	return 0;
}

/*
 * The statistics period at at: its year when it lies within one
 * calendar year, else the phrase as text (no value).
 */
static void
period_at(struct tb_doc *d, struct para *pa, size_t at, struct fact *f)
{
	const char	*p = pa->b.p;
	size_t		 ov[12], voff, vlen = 0;
	int		 rc, y1, y2, st = TBS_YEAR;

	if (period_re == NULL)
		period_re = narr_re(NPAT, PERIOD_SRC);
	if ((rc = gip_re_match(period_re, p, pa->b.len, at, ov, 6)) < 0) {
		gave_up(d, pa, at, f);
		return;
	}
	if (rc == 0)
		return;
	y1 = digits(p, ov[2], ov[3]);
	if (ov[4] == (size_t)-1) {
		y2 = ov[8] == (size_t)-1 ? y1 : digits(p, ov[8], ov[9]);
		if (y2 != y1 || (ov[8] == (size_t)-1 && digits(p, ov[6],
		    ov[7]) > digits(p, ov[10], ov[11])))
			st = TBS_TEXT;
	}
	voff = d->vals.len;
	if (st == TBS_YEAR) {
		gip_buf_printf(&d->vals, "%04d", y1);
		vlen = d->vals.len - voff;
	}
	keep(d, &f[N_PERIOD], pa, at, ov[1], voff, vlen);
	f[N_PERIOD].st = st;
}

/*
 * gip_utf8_valid, with three-byte characters that cannot be overlong or
 * surrogates (lead E1-EC, EE, EF: all of Han and the CJK punctuation)
 * taken inline: a call per character showed in the profile.
 */
static int
all_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t		 i = 0;

	while (i < n) {
		if (p[i] < 0x80)
			i++;
		else if (p[i] >= 0xe1 && p[i] <= 0xef && p[i] != 0xed &&
		    n - i >= 3 && (p[i + 1] & 0xc0) == 0x80 &&
		    (p[i + 2] & 0xc0) == 0x80)
			i += 3;
		else
			return gip_utf8_valid(s + i, n - i) == n - i;
	}
	return 1;
}

/*
 * Patterns match without PCRE2's UTF check, and plain input is not
 * validated upstream: bytes that are not UTF-8 become U+FFFD, one per
 * maximal invalid sequence.  0 if the paragraph was valid.
 */
static int
sanitize(struct para *pa)
{
	const char	*p;
	size_t		 m, i, k, n, end;
	uint32_t	 cp;

	if (all_valid(pa->b.p, pa->b.len))
		return 0;
	gip_buf_reset(&pa->tmp);
	for (m = 0; m < pa->n; m++) {
		end = m + 1 < pa->n ? pa->off[m + 1] : pa->b.len;
		p = pa->b.p + pa->off[m];
		n = end - pa->off[m];
		pa->off[m] = pa->tmp.len;
		while ((i = gip_utf8_valid(p, n)) < n) {
			gip_buf_add(&pa->tmp, p, i);
			gip_buf_add(&pa->tmp, "\xef\xbf\xbd", 3);
			k = gip_utf8_decode(p + i, n - i, &cp);
			p += i + k;
			n -= i + k;
		}
		gip_buf_add(&pa->tmp, p, n);
	}
	gip_buf_reset(&pa->b);
	gip_buf_add(&pa->b, pa->tmp.p, pa->tmp.len);
	return 1;
}

/* Does a pattern of 行政 (or negated_case) start at at?  They come first. */
static int
xz_key(const char *p, size_t n, size_t at)
{
	size_t	 k;

	for (k = 0; k < NPAT && pats[k].trig == T_XZ; k++)
		if (lit(p, n, at, pats[k].key) != SIZE_MAX)
			return 1;
	return 0;
}

/* A digit, ASCII or full-width, ending at p[i - 1]: its length, or 0. */
static size_t
digit_before(const char *p, size_t a, size_t i)
{
	const unsigned char *u = (const unsigned char *)p;

	if (i > a && u[i - 1] >= '0' && u[i - 1] <= '9')
		return 1;
	if (i >= a + 3 && u[i - 3] == 0xef && u[i - 2] == 0xbc &&
	    u[i - 1] >= 0x90 && u[i - 1] <= 0x99)
		return 3;
	return 0;
}

static size_t
skip_sp_back(const char *p, size_t a, size_t i)
{
	while (i > a && p[i - 1] == ' ')
		i--;
	return i;
}

/*
 * The number before 结转 or 顺延 (carried forward): "1件结转下年度继续
 * 办理", "2件申请因需征求第三方意见顺延至下年度".  After the word must
 * come 下年度; before it, in its clause, exactly one number, with an
 * application unit; for 结转 only 申请 may stand between them.
 */
static void
carry_before(struct tb_doc *d, struct para *pa, int t, size_t at,
    struct fact *f)
{
	static const char *const tail[] = { "政府信息公开申请", "的申请",
	    "申请", NULL };
	const char	*p = pa->b.p;
	size_t		 n = pa->b.len, i, e, cs, ns = 0, ne = 0, k, voff, ye;
	unsigned char	 unit, dec, sign;
	int		 nnum = 0;

	if (f[N_CARRYOUT].have)
		return;
	i = at + 6;
	while (i < n && p[i] == ' ')
		i++;
	if (lit(p, n, i, "至") != SIZE_MAX || lit(p, n, i, "到") != SIZE_MAX)
		i += 3;
	if ((ye = lit(p, n, i, "下年度")) == SIZE_MAX && (ye = lit(p, n, i,
	    "下一年度")) == SIZE_MAX && (ye = lit(p, n, i, "下年")) == SIZE_MAX)
		return;
	/* the clause, at most SPAN_VERB bytes back */
	for (cs = at; cs > 0 && at - cs < SPAN_VERB && !(cs >= 3 &&
	    is_stop(p, n, cs - 3, 1)) && p[cs - 1] != ',' && p[cs - 1] != ';';
	    cs--)
		;
	if (at - cs >= SPAN_VERB)
		return;
	for (i = at; i > cs; ) {
		if ((k = digit_before(p, cs, i)) == 0) {
			i--;
			continue;
		}
		for (e = i; (k = digit_before(p, cs, i)) > 0; i -= k)
			;
		if (nnum++ == 0) {
			ns = i;
			ne = e;
		}
	}
	for (e = ne; e < at && p[e] == ' '; e++)
		;
	if (nnum != 1 || (lit(p, n, e, "件") == SIZE_MAX && lit(p, n, e,
	    "宗") == SIZE_MAX && lit(p, n, e, "个") == SIZE_MAX))
		return;
	e += 3;
	if (t == T_CARRY) {
		i = skip_sp_back(p, e, at);
		for (k = 0; tail[k] != NULL && i > e; k++)
			if (i - e >= strlen(tail[k]) && memcmp(p + i -
			    strlen(tail[k]), tail[k], strlen(tail[k])) == 0) {
				i -= strlen(tail[k]);
				break;
			}
		if (skip_sp_back(p, e, i) != e)
			return;
	} else if (!about_applications(d, pa, at))
		return;
	voff = d->vals.len;
	if (!tb_number(p + ns, ne - ns, &d->vals, &unit, &dec, &sign) || dec)
		return;
	keep(d, &f[N_CARRYOUT], pa, ns, ye, voff, d->vals.len - voff);
}

#define NTRIG	(sizeof(trigs) / sizeof(trigs[0]))

/* Where the trigger words are in a paragraph, in text order. */
static struct hit {
	unsigned char	 k;		/* index in trigs[] */
	size_t		 at;
} *hits;
static size_t	 nhits, caphits;

/*
 * One pass over the paragraph finds every trigger word (one search a
 * word cost 22 passes, a third of gip-tables' time on real reports):
 * each word's first character picks, through a table of the low bits of
 * its last two bytes, the few words that start with it.
 */
static void
find_hits(const char *s, size_t n)
{
	static unsigned char head[4096], next[NTRIG];
	static int	 ready;
	const unsigned char *p = (const unsigned char *)s;
	size_t		 i, k, a;
	unsigned	 j;

	if (!ready) {
		for (k = NTRIG; k-- > 0; ) {
			const unsigned char *w =
			    (const unsigned char *)trigs[k].word;

			j = ((unsigned)(w[1] & 0x3F) << 6) | (w[2] & 0x3F);
			next[k] = head[j];
			head[j] = (unsigned char)(k + 1);
		}
		ready = 1;
	}
	nhits = 0;
	for (i = 0; i + 6 <= n; i++) {
		if (p[i] < 0xE4 || p[i] > 0xE9)
			continue;
		j = ((unsigned)(p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
		a = i;
		/* no word starts inside a whole character: skip its tail */
		if ((p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80)
			i += 2;
		for (k = head[j]; k != 0; k = next[k - 1]) {
			if (memcmp(p + a, trigs[k - 1].word, 6) != 0)
				continue;
			if (nhits == caphits) {
				caphits = caphits ? caphits * 2 : 64;
				hits = gip_xreallocarray(hits, caphits,
				    sizeof(*hits));
			}
			hits[nhits].k = (unsigned char)(k - 1);
			hits[nhits++].at = a;
		}
	}
}

/*
 * Find the words that start a fact in the order of trigs[]: 行政, then
 * 新收, 收到, 接到 (the first statement of 新收 wins), then 结转.
 * tb_search skips through the text quickly; only there are patterns
 * run, and only then is the paragraph checked for UTF-8 (行政 is
 * everywhere, 行政许可 ... are not).
 */
static void
scan(struct tb_doc *d, struct para *pa, struct fact *f)
{
	const char	*p;
	size_t		 n, i, k, at, h;
	int		 checked = 0, t;

again:
	/*
	 * PCRE2's JIT reads whole words, a few bytes past the subject:
	 * make them defined (valgrind).
	 */
	gip_buf_grow(&pa->b, 16);
	memset(pa->b.p + pa->b.len, 0, 17);
	p = pa->b.p;
	n = pa->b.len;
	find_hits(p, n);
	for (k = 0; k < NTRIG; k++) {
		t = trigs[k].trig;
		if (((t == T_NEW || t == T_RECV || t == T_BYREQ) &&
		    f[N_NEW].have) || (t == T_PERIOD && f[N_PERIOD].have) ||
		    (t == T_DEFER && f[N_CARRYOUT].have))
			continue;
		/* its hits in text order, each at least a word after the last */
		for (h = 0, i = 0; h < nhits; h++) {
			if (hits[h].k != k || hits[h].at < i)
				continue;
			at = hits[h].at;
			i = at + 6;
			if ((t == T_XZ && !xz_key(p, n, at)) ||
			    (t == T_PERIOD && !period_key(p, n, at)))
				continue;
			if (!checked) {
				checked = 1;
				if (sanitize(pa))
					goto again;
			}
			if (t == T_PERIOD) {
				period_at(d, pa, at, f);
				if (f[N_PERIOD].have)
					break;
				continue;
			}
			try_at(d, pa, t, at, f);
			if (t == T_XZ)
				negated_case(d, pa, at, f);
			if (t == T_CARRY || t == T_DEFER)
				carry_before(d, pa, t, at, f);
		}
	}
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
	pa->sa = pa->sb = 0;
	pa->cat = pa->ce = 0;
	pa->nbad = 0;
}

/*
 * The publication date gip-sections found, as text: a date is not a
 * quantity (the value column holds numbers only).  No line: the meta
 * frame gives none.
 */
static void
published(struct tb_doc *d, struct fact *f)
{
	const char	*s = d->published;
	size_t		 i;

	if (s == NULL || strlen(s) != 10)
		return;
	for (i = 0; i < 10; i++)
		if ((i == 4 || i == 7) ? s[i] != '-' : s[i] < '0' || s[i] > '9')
			return;
	f->have = 1;
	f->st = TBS_DATE;
	f->voff = f->vlen = 0;
	f->roff = d->msg.len;
	f->rlen = 10;
	gip_buf_add(&d->msg, s, 10);
	f->line = 0;
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
	pa.shown = strcmp(d->name, "-") == 0 ? "<stdin>" : d->name;
	pa.sa = pa.sb = 0;
	pa.cat = pa.ce = 0;
	pa.nbad = 0;
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
	published(d, &f[N_PUBLISHED]);
	for (k = 0; k < N_MAX; k++) {
		if (!f[k].have)
			continue;
		tb_rec_init(&rec, "narr", gip_narr_keys[k][0],
		    gip_narr_keys[k][1], &keys[k]);
		rec.status = f[k].st;
		rec.voff = f[k].voff;
		rec.vlen = f[k].vlen;
		rec.roff = f[k].roff;
		rec.rlen = f[k].rlen;
		rec.rbuf = TBR_MSG;
		rec.line = f[k].line;
		tb_rec_add(d, &rec);
	}
}
