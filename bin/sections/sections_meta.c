/*
 * sections_meta.c: the metadata of one report.
 *
 * - agency: from the title (惠农区卫生健康局 2022 年政府信息公开工作年度
 *   报告 -> the text before the year; 2022年XX政府信息公开… -> the text
 *   between; a crawler's "标题:" or a breadcrumb before it skipped; a
 *   title wrapped over two lines joined), else the line just above a
 *   title that starts with the year, else a title inside a sentence
 *   (现公布XX2017年政府信息公开工作年度报告), else the signature above
 *   the closing date, else the office that compiled it (由XX编制) or a
 *   name above a date at the top.  A place (开远市) becomes its
 *   government when the text names it (开远市人民政府); chrome and
 *   pronouns never are an agency.
 * - year, the year reported on: the title's year, else the end of the
 *   统计期限 (…至2022年12月31日), else a paragraph opening 2022年，…,
 *   else the year before publication, else a clause opening 2022年，.
 * - published: a date labelled 发布日期/发布时间/成文日期 near the top,
 *   else a line that is only a date, near the top or at the end.
 * - template, from the labels of the tables, else from the year
 *   (find_template(); meta.tbasis says which).
 * - hash: XXH64 over the text lines, each followed by "\n".
 */
#define _GNU_SOURCE		/* memmem(3), in POSIX.1-2024 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "gip.h"
#include "sections.h"

#define TOP_LINES	40	/* where titles and dates are looked for */
#define END_LINES	12	/* the closing signature and date */
#define TITLE_MAXCHARS	80

static const char *const tmpl_names[] = {
	"unknown", "2021", "2019", "pre2019"
};

const char *
sec_tmpl_name(int t)
{
	return tmpl_names[t];
}

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * Labels only the 2021 format prints: table 二's header (the first
 * N21T2), then the sub-items of table 三's (六)其他处理.
 */
#define N21T2	3
static const char *const marks2021[] = {
	"本年制发件数", "本年废止件数", "现行有效件数", "逾期不补正",
	"逾期未按收费通知"
};

/* Labels only the 2019 format prints (table 二 header and rows). */
static const char *const marks2019[] = {
	"本年新制作数量", "本年新公开数量", "对外公开总数量",
	"上一年项目数量", "采购总金额", "政府集中采购"
};

/* A table 三 (本年新收) whose (六)其他处理 has no sub-items: 2019. */
static const char *const marks2019t3[] = { "本年新收", "其他处理" };

/*
 * XXH64 (seed 0) of the text lines, each with its newline: one buffer.
 * The value is that of "xxhsum -H1" on the text, and its low 32 bits
 * are the content checksum of "zstd --check".
 */
uint64_t
sec_hash(const struct sec_doc *d)
{
	return gip_xxh64(d->text.p, d->text.len);
}

/* A digit, ASCII or full-width, at p[*i]: its value, advancing *i. */
static int
digit_at(const char *p, size_t n, size_t *i)
{
	const unsigned char *u = (const unsigned char *)p + *i;

	if (*i < n && u[0] >= '0' && u[0] <= '9') {
		(*i)++;
		return u[0] - '0';
	}
	if (*i + 3 <= n && u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 &&
	    u[2] <= 0x99) {
		*i += 3;
		return u[2] - 0x90;
	}
	return -1;
}

/* A number of 1..maxd digits at p[*i], or -1 (nothing consumed). */
static int
number_at(const char *p, size_t n, size_t *i, int maxd)
{
	size_t	 j = *i, k;
	int	 v = 0, nd = 0, c;

	for (;;) {
		k = j;
		if ((c = digit_at(p, n, &k)) < 0)
			break;
		if (++nd > maxd)
			return -1;
		v = v * 10 + c;
		j = k;
	}
	if (nd == 0)
		return -1;
	*i = j;
	return v;
}

static void
skip_blank(const char *p, size_t n, size_t *i)
{
	while (*i < n) {
		if (p[*i] == ' ' || p[*i] == '\t')
			(*i)++;
		else if (*i + 3 <= n && memcmp(p + *i, "\xE3\x80\x80", 3) == 0)
			*i += 3;
		else
			break;
	}
}

/* The literal w at p[*i], blanks before it skipped; advances on match. */
static int
lit(const char *p, size_t n, size_t *i, const char *w)
{
	size_t	 j = *i, k = strlen(w);

	skip_blank(p, n, &j);
	if (j + k > n || memcmp(p + j, w, k) != 0)
		return 0;
	*i = j + k;
	return 1;
}

static int
is_digit_before(const char *p, size_t i)
{
	const unsigned char *u = (const unsigned char *)p;

	if (i >= 1 && u[i - 1] >= '0' && u[i - 1] <= '9')
		return 1;
	return i >= 3 && u[i - 3] == 0xEF && u[i - 2] == 0xBC &&
	    u[i - 1] >= 0x90 && u[i - 1] <= 0x99;
}

/* A year 1990..2099 at p[*i], not inside a longer number. */
static int
year_at(const char *p, size_t n, size_t *i)
{
	size_t	 j = *i;
	int	 y;

	if (is_digit_before(p, j) || (y = number_at(p, n, &j, 4)) < 1990 ||
	    y > 2099)
		return 0;
	*i = j;
	return y;
}

/*
 * A date at p[*i]: 2022年1月10日, 2022-01-10, 2022/1/10, 2022.1.10,
 * blanks allowed between the parts.
 */
static int
date_at(const char *p, size_t n, size_t *i, int *y, int *m, int *dd)
{
	size_t	 j = *i;
	int	 cjk;
	char	 sep[2] = { 0, 0 };

	if ((*y = year_at(p, n, &j)) == 0)
		return 0;
	if (lit(p, n, &j, "年"))
		cjk = 1;
	else if (j < n && (p[j] == '-' || p[j] == '/' || p[j] == '.')) {
		sep[0] = p[j++];
		cjk = 0;
	} else
		return 0;
	skip_blank(p, n, &j);
	if ((*m = number_at(p, n, &j, 2)) < 1 || *m > 12)
		return 0;
	if (cjk ? !lit(p, n, &j, "月") : !lit(p, n, &j, sep))
		return 0;
	skip_blank(p, n, &j);
	if ((*dd = number_at(p, n, &j, 2)) < 1 || *dd > 31)
		return 0;
	if (cjk && !lit(p, n, &j, "日") && !lit(p, n, &j, "号"))
		return 0;
	*i = j;
	return 1;
}

/* The cleaned text of line li. */
static const char *
clean_line(const struct sec_doc *d, size_t li, size_t *len)
{
	const char	*p = d->text.p + sec_off(d, li);
	size_t		 b, e;

	e = sec_clean(p, d->lines[li].len, &b);
	*len = e - b;
	return p + b;
}

static int
is_text(const struct sec_doc *d, size_t li)
{
	return d->lines[li].kind == SEC_TEXT &&
	    !sec_blank(d->text.p + sec_off(d, li), d->lines[li].len);
}

/* A line that is a date and nothing else. */
static int
date_line(const struct sec_doc *d, size_t li, int *y, int *m, int *dd)
{
	const char	*p;
	size_t		 n, i = 0;

	if (!is_text(d, li))
		return 0;
	p = clean_line(d, li, &n);
	return date_at(p, n, &i, y, m, dd) && (skip_blank(p, n, &i), i == n);
}

static int
has(const char *p, size_t n, const char *w)
{
	return memmem(p, n, w, strlen(w)) != NULL;
}

static int
at(const char *p, size_t n, size_t i, const char *w)
{
	size_t	 k = strlen(w);

	return i + k <= n && memcmp(p + i, w, k) == 0;
}

/* Short, no sentence punctuation, no digits: could be an agency name. */
static int
name_like(const char *p, size_t n)
{
	size_t	 i, c = sec_nchar(p, n);

	if (c < 2 || c > 40 || has(p, n, "，") || has(p, n, "。") ||
	    has(p, n, "：") || has(p, n, ":") || has(p, n, "、"))
		return 0;
	for (i = 0; i < n; i++)
		if ((p[i] >= '0' && p[i] <= '9') || p[i] == '\t' || p[i] == '|')
			return 0;
	return 1;
}

/* Page chrome and pronouns are never an agency. */
static int
not_agency(const char *p, size_t n)
{
	static const char *const w[] = { "当前位置", "当前页面", "首页", "位置：",
	    "登录", "注册", ">", "|", "＞", "》", "《", "http", "以下", "（",
	    "(", NULL };
	static const char *const pron[] = { "本", "我", "该", "其", NULL };
	size_t	 k;

	for (k = 0; w[k] != NULL; k++)
		if (has(p, n, w[k]))
			return 1;
	for (k = 0; pron[k] != NULL; k++)
		if (n >= 3 && memcmp(p, pron[k], 3) == 0)
			return 1;
	return 0;
}

static void
set_agency(struct sec_meta *m, const char *p, size_t n)
{
	static const char *const verbs[] = { "特向社会公布", "现予公布",
	    "现公布", "现发布", "现将", "公布", "发布", "印发", NULL };
	size_t	 b, e, k;

	e = sec_clean(p, n, &b);
	p += b;
	n = e - b;
	/* "现公布泰州市人民政府2017年…": the verb is no part of the name */
	for (k = 0; verbs[k] != NULL; k++)
		if (n > strlen(verbs[k]) && memcmp(p, verbs[k],
		    strlen(verbs[k])) == 0) {
			p += strlen(verbs[k]);
			n -= strlen(verbs[k]);
			break;
		}
	if (n >= 6 && memcmp(p, "关于", 6) == 0) {
		p += 6;
		n -= 6;
	}
	while (n >= 6 && memcmp(p + n - 6, "关于", 6) == 0)
		n -= 6;
	if (n >= 3 && memcmp(p + n - 3, "的", 3) == 0)
		n -= 3;
	e = sec_clean(p, n, &b);
	if (e - b == 0 || e - b >= sizeof(m->agency) ||
	    not_agency(p + b, e - b))
		return;
	memcpy(m->agency, p + b, e - b);
	m->agency[e - b] = '\0';
}

/* The title: a short line naming the 信息公开 report. */
static int
is_title(const char *p, size_t n)
{
	return sec_nchar(p, n) <= TITLE_MAXCHARS && has(p, n, "报告") &&
	    (has(p, n, "信息公开") || has(p, n, "政务公开")) &&
	    !has(p, n, "根据") && !has(p, n, "。") && !has(p, n, "《");
}

/*
 * A crawler's label before the title ("标题: …") and a breadcrumb
 * ("当前位置：首页 > 政务公开 > XX局2022年…报告"): skipped.
 */
static const char *
strip_label(const char *p, size_t *n)
{
	static const char *const seps[] = { ">", "＞", "»", "›", NULL };
	const char	*q;
	size_t		 s, l;

	for (s = 0; seps[s] != NULL; s++) {
		l = strlen(seps[s]);
		for (q = p + *n; q >= p + l; q--)
			if (memcmp(q - l, seps[s], l) == 0) {
				*n -= (size_t)(q - p);
				p = q;
				while (*n > 0 && *p == ' ') {
					p++;
					(*n)--;
				}
				break;
			}
	}
	static const char *const w[] = { "标题", "题目", "文章标题", "名称",
	    NULL };
	size_t	 k, i;

	for (k = 0; w[k] != NULL; k++) {
		i = strlen(w[k]);
		if (*n <= i || memcmp(p, w[k], i) != 0)
			continue;
		if (!lit(p, *n, &i, "：") && !lit(p, *n, &i, ":"))
			continue;
		skip_blank(p, *n, &i);
		*n -= i;
		return p + i;
	}
	return p;
}

/*
 * The year and the agency in a title's text: "惠农区卫生健康局 2022 年
 * 政府信息公开工作年度报告" (the text before the year), "2022年度惠农区
 * 卫生健康局政府信息公开…" (between), "XX局政府信息公开工作年度报告
 * （2022年）" (before 政府信息公开).
 */
static void
parse_title(struct sec_meta *m, const char *p, size_t n)
{
	size_t	 i, j, ys;
	int	 y;

	for (i = 0, y = 0; i < n; i++) {
		ys = i;
		if ((y = year_at(p, n, &i)) != 0 &&
		    (skip_blank(p, n, &i), lit(p, n, &i, "年")))
			break;
		i = ys;
		y = 0;
	}
	if (y != 0)
		m->year = y;
	else
		ys = n;
	for (j = 0; j < ys; j++)
		if (at(p, n, j, "政府信息公开") || at(p, n, j, "政务公开") ||
		    at(p, n, j, "信息公开"))
			break;
	set_agency(m, p, j);
	if (m->agency[0] == '\0' && y != 0) {
		lit(p, n, &i, "度");
		for (j = i; j < n; j++)
			if (at(p, n, j, "政府信息公开") ||
			    at(p, n, j, "政务公开") || at(p, n, j, "信息公开"))
				break;
		if (j < n && j > i)
			set_agency(m, p + i, j - i);
	}
}

/*
 * The first part of a title wrapped by PDF extraction: a short line
 * with no punctuation just above the rest ("宿州市人民政府2016年" /
 * "政府信息公开工作年度报告").
 */
static int
title_head(const struct sec_doc *d, size_t li, const char **q, size_t *qn)
{
	if (li == 0 || !is_text(d, li - 1))
		return 0;
	*q = clean_line(d, li - 1, qn);
	return sec_nchar(*q, *qn) <= 30 && !has(*q, *qn, "，") &&
	    !has(*q, *qn, "。") && !has(*q, *qn, "：") && !has(*q, *qn, ":") &&
	    !has(*q, *qn, "、") && !not_agency(*q, *qn) &&
	    (has(*q, *qn, "年") || name_like(*q, *qn));
}

/*
 * The words end a title, not the name of a rule or format about
 * reports ("…年度报告制度", "…年度报告格式"): the line ends, or
 * punctuation or a blank follows.
 */
static int
title_end(const char *p, size_t n, size_t i)
{
	static const char *const ok[] = { " ", "》", "”", "\"", "。", "，",
	    "（", "(", "、", "；", ",", NULL };
	size_t	 k;

	if (i >= n)
		return 1;
	for (k = 0; ok[k] != NULL; k++)
		if (at(p, n, i, ok[k]))
			return 1;
	return 0;
}

/*
 * A title inside a longer line: "现公布泰州市人民政府2017年政府信息公开
 * 工作年度报告。", a whole report on one line.  The text before the
 * words, back to punctuation or a wide gap, is read as a title.
 */
static void
embedded_title(struct sec_doc *d, size_t top)
{
	static const char *const w[] = { "政府信息公开工作年度报告",
	    "政务公开工作年度报告", "政府信息公开年度报告", NULL };
	static const char *const stops[] = { "，", "。", "：", "、", "（",
	    "“", "《", "》", "；", ",", ":", "(", ")", "）", ">", "|", NULL };
	const char	*p, *h;
	size_t		 li, n, e, b, k, s, c;

	for (li = 0; li < top; li++) {
		if (!is_text(d, li))
			continue;
		p = clean_line(d, li, &n);
		for (k = 0; w[k] != NULL; k++)
			if ((h = memmem(p, n, w[k], strlen(w[k]))) != NULL)
				break;
		if (w[k] == NULL || !title_end(p, n, (size_t)(h - p) +
		    strlen(w[k])))
			continue;
		for (e = (size_t)(h - p); e > 0 && p[e - 1] == ' '; e--)
			;
		for (b = e, c = 0; b > 0 && c < 40; c++) {
			for (s = 0; stops[s] != NULL; s++)
				if (b >= strlen(stops[s]) && memcmp(p + b -
				    strlen(stops[s]), stops[s],
				    strlen(stops[s])) == 0)
					break;
			if (stops[s] != NULL || (b >= 2 && p[b - 1] == ' ' &&
			    p[b - 2] == ' '))
				break;
			/* back one character */
			do
				b--;
			while (b > 0 && ((unsigned char)p[b] & 0xc0) == 0x80);
		}
		if (c == 40 || e == b)
			continue;
		parse_title(&d->meta, p + b, (size_t)(h - p) + strlen(w[k]) - b);
		if (d->meta.agency[0] != '\0' || d->meta.year != 0)
			return;
	}
}

static void
find_title(struct sec_doc *d, size_t top)
{
	struct sec_meta	*m = &d->meta;
	const char	*p = NULL, *q;
	size_t		 li, n = 0, pi, qn;
	struct gip_buf	 b = { NULL, 0, 0 };

	for (li = 0; li < top; li++) {
		if (!is_text(d, li))
			continue;
		p = clean_line(d, li, &n);
		p = strip_label(p, &n);
		if (is_title(p, n))
			break;
	}
	if (li == top) {
		embedded_title(d, top);
		return;
	}
	parse_title(m, p, n);
	/* wrapped: the title's own start names no agency */
	if (m->agency[0] == '\0' && title_head(d, li, &q, &qn)) {
		gip_buf_add(&b, q, qn);
		gip_buf_add(&b, p, n);
		parse_title(m, b.p, b.len);
		gip_buf_free(&b);
	}
	if (m->agency[0] != '\0')
		return;
	/* The agency on its own line above: 平罗县卫生健康局 / 2024 年… */
	for (pi = li; pi > 0 && li - pi < 4; pi--) {
		if (!is_text(d, pi - 1))
			continue;
		q = clean_line(d, pi - 1, &qn);
		if (name_like(q, qn))
			set_agency(m, q, qn);
		break;
	}
	/* ... or below it */
	for (pi = li + 1; m->agency[0] == '\0' && pi < d->nlines &&
	    pi - li < 4; pi++) {
		if (!is_text(d, pi))
			continue;
		q = clean_line(d, pi, &qn);
		if (name_like(q, qn) && sec_std_of(q, qn) == 0)
			set_agency(m, q, qn);
		break;
	}
}

/*
 * Where no title names it: the office that compiled the report ("由江苏
 * 省公安厅编制"), or a name just above a date at the top (a title cut
 * off: "广州市人民政府" / "2013年3月").
 */
static void
find_compiler(struct sec_doc *d, size_t top)
{
	const char	*p, *q, *r;
	size_t		 li, n, i, qn;
	int		 y, mo;

	for (li = 0; li < top && d->meta.agency[0] == '\0'; li++) {
		if (!is_text(d, li))
			continue;
		p = clean_line(d, li, &n);
		if ((q = memmem(p, n, "由", 3)) != NULL && (r = memmem(q, n -
		    (size_t)(q - p), "编制", 6)) != NULL && r - q <= 3 + 60 &&
		    name_like(q + 3, (size_t)(r - q) - 3))
			set_agency(&d->meta, q + 3, (size_t)(r - q) - 3);
		if (d->meta.agency[0] != '\0' || li + 1 >= top || li > 6 ||
		    !name_like(p, n) || !is_text(d, li + 1))
			continue;
		q = clean_line(d, li + 1, &qn);
		i = 0;
		if ((y = year_at(q, qn, &i)) != 0 && lit(q, qn, &i, "年") &&
		    (skip_blank(q, qn, &i), (mo = number_at(q, qn, &i, 2)) >=
		    1) && mo <= 12 && lit(q, qn, &i, "月"))
			set_agency(&d->meta, p, n);
	}
}

/*
 * A title naming a place ("开远市2025年…") where the text names its
 * government ("开远市人民政府"): the government is the agency.
 */
static void
place_to_office(struct sec_doc *d)
{
	static const char *const place[] = { "市", "县", "区", "省", "州",
	    "旗", "盟", "镇", "乡", NULL };
	struct sec_meta	*m = &d->meta;
	char		 want[sizeof(m->agency) + 16];
	size_t		 n = strlen(m->agency), k;

	for (k = 0; place[k] != NULL; k++)
		if (n >= 3 && memcmp(m->agency + n - 3, place[k], 3) == 0)
			break;
	if (place[k] == NULL || n + 13 > sizeof(m->agency))
		return;
	snprintf(want, sizeof(want), "%s人民政府", m->agency);
	if (d->text.len > 0 && memmem(d->text.p, d->text.len, want,
	    strlen(want)) != NULL)
		memcpy(m->agency, want, strlen(want) + 1);
}

/* The closing signature: the name above the final date. */
static void
find_signature(struct sec_doc *d)
{
	const char	*q;
	size_t		 li, qn, lo;
	int		 y, mo, dd;

	lo = d->nlines > END_LINES ? d->nlines - END_LINES : 0;
	for (li = d->nlines; li > lo; li--)
		if (date_line(d, li - 1, &y, &mo, &dd))
			break;
	if (li == lo)
		return;
	for (li--; li > lo; li--) {
		if (!is_text(d, li - 1))
			continue;
		q = clean_line(d, li - 1, &qn);
		if (name_like(q, qn))
			set_agency(&d->meta, q, qn);
		return;
	}
}

static void
find_published(struct sec_doc *d, size_t top)
{
	struct sec_meta	*m = &d->meta;
	static const char *const labels[] = {
		"发布日期", "发布时间", "成文日期", "印发日期"
	};
	const char	*p, *q;
	size_t		 li, n, i, k, lo;
	int		 y, mo, dd;

	for (li = 0; li < top; li++) {
		if (!is_text(d, li))
			continue;
		p = clean_line(d, li, &n);
		if (n > 200 || (memmem(p, n, "日期", 6) == NULL &&
		    memmem(p, n, "时间", 6) == NULL))
			continue;
		for (k = 0; k < sizeof(labels) / sizeof(labels[0]); k++) {
			if ((q = memmem(p, n, labels[k], 12)) == NULL)
				continue;
			i = (size_t)(q - p) + 12;
			if (!lit(p, n, &i, "："))
				lit(p, n, &i, ":");
			skip_blank(p, n, &i);
			if (date_at(p, n, &i, &y, &mo, &dd))
				goto found;
		}
	}
	for (li = 0; li < top; li++)
		if (date_line(d, li, &y, &mo, &dd))
			goto found;
	lo = d->nlines > END_LINES ? d->nlines - END_LINES : 0;
	if (lo < top)
		lo = top;
	for (li = d->nlines; li > lo; li--)
		if (date_line(d, li - 1, &y, &mo, &dd))
			goto found;
	return;
found:
	m->pub_y = y;
	m->pub_m = mo;
	m->pub_d = dd;
}

/*
 * The year from the statistics period, "…统计期限为2018年1月1日至2018年
 * 12月31日", or from a paragraph opening with the year.
 */
static void
find_year(struct sec_doc *d, size_t top)
{
	const char	*p;
	size_t		 li, n, i, j, k;
	int		 y, mo, dd, y1 = 0;

	for (li = 0; li < top; li++) {
		if (!is_text(d, li))
			continue;
		p = clean_line(d, li, &n);
		y1 = 0;
		for (i = 0; i < n; i++) {
			j = i;
			if (!date_at(p, n, &j, &y, &mo, &dd))
				continue;
			if (mo == 1 && dd == 1) {
				y1 = y;
				/* "自2017年1月1日起至12月31日止" */
				k = j;
				lit(p, n, &k, "起");
				if ((lit(p, n, &k, "至") || lit(p, n, &k, "到")) &&
				    (skip_blank(p, n, &k), number_at(p, n, &k,
				    2) == 12) && lit(p, n, &k, "月") &&
				    (skip_blank(p, n, &k), number_at(p, n, &k,
				    2) == 31) && lit(p, n, &k, "日")) {
					d->meta.year = y;
					return;
				}
			}
			else if (y1 != 0 && mo == 12 && dd == 31 && y == y1) {
				d->meta.year = y;
				return;
			}
			i = j - 1;
		}
	}
	for (li = 0; li < top; li++) {
		if (!is_text(d, li))
			continue;
		p = clean_line(d, li, &n);
		i = 0;
		if ((y = year_at(p, n, &i)) != 0 && lit(p, n, &i, "年") &&
		    (lit(p, n, &i, "，") || lit(p, n, &i, ",") ||
		    lit(p, n, &i, "度，") || lit(p, n, &i, "以来"))) {
			d->meta.year = y;
			return;
		}
	}
	if (d->meta.pub_y != 0) {
		d->meta.year = d->meta.pub_y - 1;
		return;
	}
	/*
	 * No date either: "…坚持依法公开,2022年,我局…", a clause opening
	 * with the year.
	 */
	for (li = 0; li < top; li++) {
		if (!is_text(d, li))
			continue;
		p = clean_line(d, li, &n);
		for (i = 0; i < n; i++) {
			if (i > 0 && !(i >= 3 && (at(p, n, i - 3, "，") ||
			    at(p, n, i - 3, "。") || at(p, n, i - 3, "；"))) &&
			    p[i - 1] != ',' && p[i - 1] != ';')
				continue;
			j = i;
			if ((y = year_at(p, n, &j)) != 0 && lit(p, n, &j, "年") &&
			    (lit(p, n, &j, "，") || lit(p, n, &j, ","))) {
				d->meta.year = y;
				return;
			}
		}
	}
}

/*
 * How many of the labels occur in the text lines [from, to), searched
 * as one stretch of the text buffer (lines end in newlines there).
 */
static int
count_marks(const struct sec_doc *d, const char *const *marks, size_t nm,
    size_t from, size_t to)
{
	const char	*p;
	size_t		 k, n;
	int		 c = 0;

	while (from < to && d->lines[from].kind != SEC_TEXT)
		from++;
	while (to > from && d->lines[to - 1].kind != SEC_TEXT)
		to--;
	if (from == to)
		return 0;
	p = d->text.p + sec_off(d, from);
	n = sec_off(d, to - 1) + d->lines[to - 1].len - sec_off(d, from);
	for (k = 0; k < nm; k++)
		c += memmem(p, n, marks[k], strlen(marks[k])) != NULL;
	return c;
}

/*
 * The template, from evidence in this order:
 * - the labels only one format prints: table 二's header (本年制发件数 …
 *   in 2021, 本年新制作数量 … in 2019) and the 2021 sub-items of
 *   (六)其他处理 (逾期不补正 …); the format with more of them wins;
 * - a table 三 (本年新收) whose (六)其他处理 has no sub-items: 2019;
 * - a report year up to 2018: pre2019;
 * - no year, and headings that are not the six standard ones (numbers
 *   beyond 六, or three headings or more of which fewer than three
 *   name the section their number says): pre2019;
 * - otherwise unknown.
 * Only the lines of sections 二 and 三 are searched when they were
 * found, which is also where the tables are.
 */
static int
find_template(struct sec_doc *d)
{
	size_t	 i, f2 = 0, t2 = d->nlines, f3 = 0, t3 = d->nlines;
	int	 c21, c19, nstd = 0, maxord = 0;

	for (i = 0; i < d->nsec; i++) {
		nstd += d->sec[i].std != 0 && d->sec[i].std == d->sec[i].ord;
		if (d->sec[i].ord > maxord)
			maxord = d->sec[i].ord;
	}
	/* Search where the tables are, when the sections were found. */
	for (i = 0; nstd >= 3 && i < d->nsec; i++) {
		if (d->sec[i].std == 2) {
			f2 = d->sec[i].li;
			t2 = i + 1 < d->nsec ? d->sec[i + 1].li : d->nlines;
		}
		if (d->sec[i].std == 3) {
			f3 = d->sec[i].li;
			t3 = i + 1 < d->nsec ? d->sec[i + 1].li : d->nlines;
		}
	}
	/*
	 * No standard headings and a year up to 2018: the 2008 条例 had
	 * no tables to look for (and this spares a search of the whole
	 * text).
	 */
	d->meta.tbasis = "year";
	if (nstd < 3 && d->meta.year != 0 && d->meta.year <= 2018)
		return SEC_TPRE2019;
	d->meta.tbasis = "labels";
	/* Table 二's header settles it mostly; spare the other searches. */
	if ((c21 = count_marks(d, marks2021, N21T2, f2, t2)) >= 2)
		return SEC_T2021;
	c21 += count_marks(d, marks2021 + N21T2, NELEM(marks2021) - N21T2,
	    f3, t3);
	c19 = count_marks(d, marks2019, NELEM(marks2019), f2, t2);
	if (c21 > c19)
		return SEC_T2021;
	if (c19 > c21)
		return SEC_T2019;
	if (c21 > 0)
		return d->meta.year >= 2021 ? SEC_T2021 : SEC_T2019;
	if (count_marks(d, marks2019t3, NELEM(marks2019t3), f3, t3) ==
	    NELEM(marks2019t3))
		return SEC_T2019;
	d->meta.tbasis = "year";
	if (d->meta.year != 0 && d->meta.year <= 2018)
		return SEC_TPRE2019;
	/* Free-form headings; after 2018 they break the rules instead. */
	d->meta.tbasis = "headings";
	if (d->meta.year == 0 && (maxord > SEC_NSTD || (d->nsec >= 3 &&
	    nstd < 3)))
		return SEC_TPRE2019;
	/* no table shows it: the template of the report's year */
	d->meta.tbasis = "year";
	if (d->meta.year >= 2021)
		return SEC_T2021;
	if (d->meta.year >= 2019)
		return SEC_T2019;
	d->meta.tbasis = NULL;
	return SEC_TUNKNOWN;
}

void
sec_meta(struct sec_doc *d)
{
	struct sec_meta	*m = &d->meta;
	size_t		 top;

	memset(m, 0, sizeof(*m));
	top = d->nlines < TOP_LINES ? d->nlines : TOP_LINES;
	find_title(d, top);
	if (m->agency[0] == '\0')
		find_signature(d);
	if (m->agency[0] == '\0')
		find_compiler(d, top);
	place_to_office(d);
	find_published(d, top < 20 ? top : 20);
	if (m->year == 0)
		find_year(d, top);
	m->tmpl = find_template(d);
	m->hash = sec_hash(d);
}
