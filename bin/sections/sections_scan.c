/*
 * sections_scan.c: find the lines that could be top-level headings.
 *
 * A candidate is a line that, once leading blanks and markdown (#, *,
 * >) are stripped, starts with a Chinese number and a separator
 * (三、 三. 三， 三． 三： or a blank), or is exactly a standard section
 * name.  Table rows (tabs, pipes, trailing numbers), the table-三 row
 * labels that look like headings (一、本年新收… 四、结转下年度…) and
 * long prose are refused here; the choice among the rest is a matter
 * of sequence (sections_seq.c).  Everything is plain byte matching on
 * UTF-8: no locale, no regular expressions, one look at each line.
 */
#define _GNU_SOURCE		/* memmem(3), in POSIX.1-2024 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gip.h"
#include "sections.h"

#define HEAD_MAXCHARS	40	/* a heading is short */
#define PLAIN_MAXCHARS	30	/* ... shorter still if it names nothing */
#define WRAP_MAXCHARS	14	/* the second line of a wrapped heading */

static const char *const std_names[SEC_NSTD + 1] = {
	"",
	"总体情况",
	"主动公开政府信息情况",
	"收到和处理政府信息公开申请情况",
	"政府信息公开行政复议、行政诉讼情况",
	"存在的主要问题及改进情况",
	"其他需要报告的事项"
};

/*
 * Keywords that map a heading to a standard section, tried in this
 * order: 复议/诉讼 before 申请 because of 因政府信息公开申请行政复议…,
 * 问题 before 申请 and 公开 for the same reason.  The pre-2019 words
 * (概述, 依申请公开, 存在的问题和不足, 工作计划) map where the meaning
 * allows; anything else maps to 0.
 */
static const struct {
	const char	*word;
	int		 std;
} keywords[] = {
	{ "其他需要报告", 6 }, { "其它需要报告", 6 }, { "其他需报告", 6 },
	{ "需要报告的事项", 6 }, { "其他事项", 6 }, { "其它事项", 6 },
	{ "复议", 4 }, { "诉讼", 4 },
	{ "问题", 5 }, { "不足", 5 }, { "改进", 5 }, { "工作计划", 5 },
	{ "工作打算", 5 }, { "下一步", 5 }, { "工作思路", 5 },
	{ "收到和处理", 3 }, { "收到及处理", 3 }, { "依申请", 3 },
	{ "公开申请", 3 }, { "申请公开", 3 },
	{ "主动公开", 2 },
	{ "总体情况", 1 }, { "概述", 1 }, { "概况", 1 }, { "总体", 1 },
	{ "基本情况", 1 }
};

/* Labels of table 三 written like headings: rows, never sections. */
static const char *const traps[] = {
	"新收", "结转", "本年度办理", "继续办理", "申请数量"
};

/* Whole lines that are a heading without a number. */
static const struct {
	const char	*text;
	int		 std;
} bare[] = {
	{ "总体情况", 1 }, { "概述", 1 },
	{ "主动公开政府信息情况", 2 },
	{ "收到和处理政府信息公开申请情况", 3 },
	{ "政府信息公开行政复议、行政诉讼情况", 4 },
	{ "存在的主要问题及改进情况", 5 },
	{ "其他需要报告的事项", 6 }
};

/* Chinese digits 一..十 as UTF-8 (all three bytes long). */
static const char *const cn_digits[10] = {
	"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"
};

const char *
sec_std_name(int std)
{
	return std >= 1 && std <= SEC_NSTD ? std_names[std] : "";
}

/* Bytes of the blank character at p: space, tab, CR, U+3000, NBSP. */
static size_t
blank_at(const char *p, size_t n)
{
	const unsigned char *u = (const unsigned char *)p;

	if (n == 0)
		return 0;
	if (u[0] == ' ' || u[0] == '\t' || u[0] == '\r')
		return 1;
	if (n >= 3 && u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)
		return 3;
	if (n >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	return 0;
}

/* Bytes of the blank character ending at p + n. */
static size_t
blank_before(const char *p, size_t n)
{
	const unsigned char *u = (const unsigned char *)p;

	if (n == 0)
		return 0;
	if (u[n - 1] == ' ' || u[n - 1] == '\t' || u[n - 1] == '\r')
		return 1;
	if (n >= 3 && u[n - 3] == 0xE3 && u[n - 2] == 0x80 && u[n - 1] == 0x80)
		return 3;
	if (n >= 2 && u[n - 2] == 0xC2 && u[n - 1] == 0xA0)
		return 2;
	return 0;
}

int
sec_blank(const char *p, size_t n)
{
	size_t	 i, k;

	for (i = 0; i < n; i += k)
		if ((k = blank_at(p + i, n - i)) == 0)
			return 0;
	return 1;
}

/*
 * The line without its blanks and markdown at both ends: # headings,
 * ** bold, > quotes.  Returns the end offset; *b gets the start.
 */
size_t
sec_clean(const char *p, size_t n, size_t *b)
{
	size_t	 i = 0, k;

	for (;;) {
		if ((k = blank_at(p + i, n - i)) > 0)
			i += k;
		else if (i < n && (p[i] == '#' || p[i] == '*' || p[i] == '>'))
			i++;
		else
			break;
	}
	for (;;) {
		if ((k = blank_before(p + i, n - i)) > 0)
			n -= k;
		else if (n > i && (p[n - 1] == '#' || p[n - 1] == '*'))
			n--;
		else
			break;
	}
	*b = i;
	return n;
}

/*
 * Code points: every byte that is not a UTF-8 continuation byte
 * (10xxxxxx), counted eight bytes at a time: a continuation byte has
 * bit 7 set and bit 6 clear.
 */
size_t
sec_nchar(const char *p, size_t n)
{
	uint64_t w, m = 0x8080808080808080ULL;
	size_t	 i = 0, c = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, p + i, 8);
		w = (w & ~(w << 1) & m) >> 7;
		c += 8 - (size_t)((w * 0x0101010101010101ULL) >> 56);
	}
	for (; i < n; i++)
		c += ((unsigned char)p[i] & 0xC0) != 0x80;
	return c;
}

static int
has(const char *p, size_t n, const char *w)
{
	return memmem(p, n, w, strlen(w)) != NULL;
}

static int
ends(const char *p, size_t n, const char *w)
{
	size_t	 k = strlen(w);

	return n >= k && memcmp(p + n - k, w, k) == 0;
}

int
sec_std_of(const char *p, size_t n)
{
	size_t	 i;

	for (i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++)
		if (has(p, n, keywords[i].word))
			return keywords[i].std;
	return 0;
}

static int
is_trap(const char *p, size_t n)
{
	size_t	 i;

	for (i = 0; i < sizeof(traps) / sizeof(traps[0]); i++)
		if (has(p, n, traps[i]))
			return 1;
	return 0;
}

/* The Chinese digit at p (1..10), or 0. */
static int
cn_digit(const char *p, size_t n)
{
	int	 d;

	if (n < 3)
		return 0;
	for (d = 0; d < 10; d++)
		if (memcmp(p, cn_digits[d], 3) == 0)
			return d + 1;
	return 0;
}

/*
 * A Chinese number 一..九十九 at p; *len gets its bytes.  Returns 0 when
 * there is none.
 */
static int
cn_number(const char *p, size_t n, size_t *len)
{
	int	 a, b, c;

	if ((a = cn_digit(p, n)) == 0)
		return 0;
	b = cn_digit(p + 3, n - 3);
	if (a == 10) {			/* 十, 十一.. */
		if (b >= 1 && b <= 9) {
			*len = 6;
			return 10 + b;
		}
		*len = 3;
		return 10;
	}
	if (b == 10) {			/* 二十, 二十一.. */
		c = cn_digit(p + 6, n - 6);
		if (c >= 1 && c <= 9) {
			*len = 9;
			return a * 10 + c;
		}
		*len = 6;
		return a * 10;
	}
	if (b != 0)			/* 一二: not a number we write */
		return 0;
	*len = 3;
	return a;
}

/* Bytes of a heading separator at p: 、 ， ． ： , . : or a blank. */
static size_t
sep_at(const char *p, size_t n)
{
	size_t	 k;

	if ((k = blank_at(p, n)) > 0)
		return k;
	if (n >= 1 && (p[0] == '.' || p[0] == ',' || p[0] == ':'))
		return 1;
	if (n >= 3 && (memcmp(p, "、", 3) == 0 || memcmp(p, "，", 3) == 0 ||
	    memcmp(p, "．", 3) == 0 || memcmp(p, "：", 3) == 0))
		return 3;
	return 0;
}

/*
 * The number that opens a heading: 三、 三. 三， or 第三部分 第三章,
 * with the separator.  *k gets the bytes of the number, *sep those of
 * the separator that follows (0 after 部分/章, which need none).
 */
static int
numbered(const char *p, size_t n, size_t *k, size_t *sep)
{
	size_t	 j;
	int	 ord;

	if (n >= 3 && memcmp(p, "第", 3) == 0) {
		if ((ord = cn_number(p + 3, n - 3, &j)) == 0)
			return 0;
		j += 3;
		if (j + 6 <= n && memcmp(p + j, "部分", 6) == 0)
			j += 6;
		else if (j + 3 <= n && memcmp(p + j, "章", 3) == 0)
			j += 3;
		else
			return 0;
		*k = j;
		*sep = sep_at(p + j, n - j);
		return ord;
	}
	if ((ord = cn_number(p, n, k)) == 0 || (*sep = sep_at(p + *k,
	    n - *k)) == 0)
		return 0;
	return ord;
}

/* Offset of the first sentence stop (。；：;:) in p, or n; *k its bytes. */
static size_t
stop_at(const char *p, size_t n, size_t *k)
{
	size_t	 i;

	*k = 0;
	for (i = 0; i < n; i++) {
		if (p[i] == ';' || p[i] == ':') {
			*k = 1;
			return i;
		}
		if (i + 3 <= n && (memcmp(p + i, "。", 3) == 0 ||
		    memcmp(p + i, "；", 3) == 0 || memcmp(p + i, "：", 3) == 0)) {
			*k = 3;
			return i;
		}
	}
	return n;
}

/* A table row: a tab or pipe inside, or a number standing at the end. */
static int
is_row(const char *p, size_t n)
{
	size_t	 i = n;

	if (memchr(p, '\t', n) != NULL || memchr(p, '|', n) != NULL)
		return 1;
	while (i > 0 && p[i - 1] >= '0' && p[i - 1] <= '9')
		i--;
	return i < n && i > 0 && blank_before(p, i) > 0;
}

/* The digits, letters or CJK brackets that may not open a continuation. */
static int
opens_item(const char *p, size_t n)
{
	size_t	 k;

	if (n == 0)
		return 1;
	if ((p[0] >= '0' && p[0] <= '9') || p[0] == '(' ||
	    (n >= 3 && (memcmp(p, "（", 3) == 0 || memcmp(p, "第", 3) == 0)))
		return 1;
	return cn_number(p, n, &k) > 0 && sep_at(p + k, n - k) > 0;
}

static int
has_digit(const char *p, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (p[i] >= '0' && p[i] <= '9')
			return 1;
	return 0;
}

/*
 * Append heading text to doc->heads: bold markers dropped, invalid
 * UTF-8 replaced by U+FFFD so that the JSON and frames stay valid.
 */
static void
head_add(struct sec_doc *d, const char *p, size_t n)
{
	size_t	 i, k;
	uint32_t cp;

	for (i = 0; i < n; i += k) {
		if (p[i] == '*' && i + 1 < n && p[i + 1] == '*') {
			k = 2;
			continue;
		}
		k = gip_utf8_decode(p + i, n - i, &cp);
		if (cp == GIP_UTF8_BAD)
			gip_buf_add(&d->heads, "\xEF\xBF\xBD", 3);
		else
			gip_buf_add(&d->heads, p + i, k);
	}
}

static struct sec_head *
cand_new(struct sec_doc *d)
{
	struct sec_head	*c;

	if (d->ncand == d->candcap) {
		d->candcap = d->candcap ? d->candcap * 2 : 16;
		d->cand = gip_xreallocarray(d->cand, d->candcap,
		    sizeof(*d->cand));
	}
	c = &d->cand[d->ncand++];
	memset(c, 0, sizeof(*c));
	return c;
}

/* Index of the next non-blank text line after li, skipping at most 2. */
static size_t
next_text(const struct sec_doc *d, size_t li)
{
	size_t	 i;
	int	 skipped = 0;

	for (i = li + 1; i < d->nlines && skipped <= 2; i++) {
		if (d->lines[i].kind != SEC_TEXT)
			continue;
		if (!sec_blank(d->text.p + sec_off(d, i), d->lines[i].len))
			return i;
		skipped++;
	}
	return (size_t)-1;
}

/*
 * A heading cut over two lines by PDF extraction: 四、政府信息公开行政
 * 复议、行政诉讼情况.  Join the next short line when that makes the
 * heading name a section it did not name alone, or completes a
 * heading that stops short of its 情况/事项.  Returns the index of the
 * continuation line, or -1.
 */
static size_t
wrapped(struct sec_doc *d, size_t li, const char *t, size_t tn, int std,
    int *jstd)
{
	const char	*p, *q;
	size_t		 ni, b, e, cn, sk;
	char		 buf[512];

	if ((ni = next_text(d, li)) == (size_t)-1)
		return (size_t)-1;
	p = d->text.p + sec_off(d, ni);
	e = sec_clean(p, d->lines[ni].len, &b);
	q = p + b;
	e -= b;
	cn = sec_nchar(q, e);
	if (cn == 0 || cn > WRAP_MAXCHARS || is_row(q, e) ||
	    opens_item(q, e) || has_digit(q, e) || stop_at(q, e, &sk) < e ||
	    tn + e > sizeof(buf))
		return (size_t)-1;
	memcpy(buf, t, tn);
	memcpy(buf + tn, q, e);
	if (is_trap(buf, tn + e))
		return (size_t)-1;
	*jstd = sec_std_of(buf, tn + e);
	if (std == 0 && *jstd != 0)
		return ni;
	if (std != 0 && *jstd == std && cn <= 6 &&
	    (ends(q, e, "情况") || ends(q, e, "事项")) &&
	    !ends(t, tn, "情况") && !ends(t, tn, "事项"))
		return ni;
	return (size_t)-1;
}

/* Look at one line; add it as a candidate if it could be a heading. */
static size_t
scan_line(struct sec_doc *d, size_t li)
{
	const char	*p = d->text.p + sec_off(d, li);
	const char	*t;
	size_t		 n, b, e, k, tn, hn, ci, i;
	struct sec_head	*c;
	int		 ord, std, jstd, score = 0, inl;

	e = sec_clean(p, d->lines[li].len, &b);
	if (e == b)
		return li;
	p += b;
	n = e - b;
	if ((ord = numbered(p, n, &k, &i)) == 0) {
		/* A whole line that is a standard name, unnumbered. */
		for (i = 0; i < sizeof(bare) / sizeof(bare[0]); i++)
			if (n == strlen(bare[i].text) &&
			    memcmp(p, bare[i].text, n) == 0)
				break;
		if (i == sizeof(bare) / sizeof(bare[0]))
			return li;
		c = cand_new(d);
		c->li = li;
		c->nl = 1;
		c->std = c->ord = bare[i].std;
		c->implied = 1;
		c->score = 6;
		c->hoff = (size_t)(p - (d->text.p + sec_off(d, li)));
		c->hlen = (uint32_t)n;
		return li;
	}
	k += i;
	while ((i = blank_at(p + k, n - k)) > 0)
		k += i;
	t = p + k;
	tn = n - k;
	while (tn >= 2 && t[0] == '*' && t[1] == '*') {
		t += 2;
		tn -= 2;
	}
	if (is_row(t, tn) || is_trap(t, tn))
		return li;
	/* 一、总体情况。2022年，… : the heading is the part before the stop. */
	hn = stop_at(t, tn, &i);
	inl = hn < tn && !sec_blank(t + hn + i, tn - hn - i);
	if (!inl)
		hn = tn;
	std = sec_std_of(t, hn);
	if (sec_nchar(t, hn) > (std ? HEAD_MAXCHARS : PLAIN_MAXCHARS))
		return li;
	if (inl)
		score -= 2;
	ci = (size_t)-1;
	jstd = 0;
	if (!inl && ord <= SEC_MAXORD && ((std == 0 && sec_nchar(t, hn) < 20) ||
	    (std != 0 && !ends(t, hn, "情况") && !ends(t, hn, "事项"))))
		ci = wrapped(d, li, t, hn, std, &jstd);
	if (ci != (size_t)-1)
		std = jstd;
	c = cand_new(d);
	c->li = li;
	c->nl = ci == (size_t)-1 ? 1 : ci - li + 1;
	c->ord = ord > SEC_MAXORD ? SEC_MAXORD : ord;
	c->std = std;
	c->score = score + (std == 0 ? 1 : std == ord ? 10 : 4);
	c->hoff = (size_t)(p - (d->text.p + sec_off(d, li)));
	c->hlen = (uint32_t)(inl ? (size_t)(t - p) + hn : n);
	return ci == (size_t)-1 ? li : ci;
}

/*
 * The texts of the chosen headings, in doc->heads: a candidate's hoff
 * and hlen are those of its text in its first line, as written (the
 * candidates of a long document are many, the chosen few).
 */
void
sec_heads(struct sec_doc *d)
{
	struct sec_head	*h;
	const char	*p;
	size_t		 i, b, e, ci;

	gip_buf_reset(&d->heads);
	for (i = 0; i < d->nsec; i++) {
		h = &d->sec[i];
		p = d->text.p + sec_off(d, h->li) + h->hoff;
		h->hoff = d->heads.len;
		head_add(d, p, h->hlen);
		/* a wrapped heading: the cleaned text of its last line */
		if (h->nl > 1) {
			ci = h->li + h->nl - 1;
			p = d->text.p + sec_off(d, ci);
			e = sec_clean(p, d->lines[ci].len, &b);
			head_add(d, p + b, e - b);
		}
		h->hlen = (uint32_t)(d->heads.len - h->hoff);
	}
}

void
sec_scan(struct sec_doc *d)
{
	size_t	 li, ni, j;

	d->ncand = 0;
	for (li = 0; li < d->nlines; li++)
		if (d->lines[li].kind == SEC_TEXT)
			li = scan_line(d, li);
	/* A heading straight followed by another heads nothing: a table
	 * of contents, or a list.  Make it a little less likely. */
	for (j = 0; j + 1 < d->ncand; j++) {
		ni = next_text(d, d->cand[j].li + d->cand[j].nl - 1);
		if (ni == d->cand[j + 1].li)
			d->cand[j].score -= 3;
	}
}
