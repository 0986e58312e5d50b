/*
 * tables_lex.c: cut a document's lines into cells.
 *
 * A line with a tab is split on tabs, a line that starts with '|' on
 * pipes (markdown), any other line on runs of white space, where
 * neighbouring text tokens are joined again into one label cell.  Each
 * cell is a number, a "not applicable" mark, an empty cell or text.
 * Label text is normalized into the document's label stream; sentences
 * are marked as prose and kept out of it.
 */
#include <string.h>

#include "gip.h"
#include "tables.h"

/*
 * What a byte can start: 1 a one-byte space, 2 maybe a longer one (C2,
 * E2-EF), 0 none.  ws_len is asked of every byte of a space-separated
 * line: one look here settles nearly all of them.
 */
#define WS_ROW(b)	((b) == ' ' || (b) == '\r' || (b) == '\f' || \
			    (b) == '\v' ? 1 : (b) == 0xC2 || ((b) >= 0xE2 && \
			    (b) <= 0xEF) ? 2 : 0)
#define WS4(b)		WS_ROW(b), WS_ROW((b) + 1), WS_ROW((b) + 2), \
			    WS_ROW((b) + 3)
#define WS16(b)		WS4(b), WS4((b) + 4), WS4((b) + 8), WS4((b) + 12)
#define WS64(b)		WS16(b), WS16((b) + 16), WS16((b) + 32), \
			    WS16((b) + 48)
static const unsigned char ws_start[256] = {
	WS64(0), WS64(64), WS64(128), WS64(192)
};

/* Length of the white-space character at p, or 0. */
static inline size_t
ws_len(const unsigned char *p, size_t n)
{
	if (ws_start[*p] != 2)
		return ws_start[*p];
	if (n >= 2 && p[0] == 0xC2 && p[1] == 0xA0)
		return 2;
	if (n >= 3 && p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80)
		return 3;
	if (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 &&
	    (p[2] >= 0x82 && p[2] <= 0x8B))
		return 3;
	if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		return 3;
	return 0;
}

static void
trim(const char **pp, size_t *np)
{
	const unsigned char *p = (const unsigned char *)*pp;
	size_t		 n = *np, k;

	while (n > 0 && (k = ws_len(p, n)) > 0) {
		p += k;
		n -= k;
	}
	/* trailing: step back over the few encodings ws_len knows */
	for (;;) {
		if (n >= 1 && ws_len(p + n - 1, 1) == 1)
			n--;
		else if (n >= 2 && ws_len(p + n - 2, 2) == 2)
			n -= 2;
		else if (n >= 3 && ws_len(p + n - 3, 3) == 3)
			n -= 3;
		else
			break;
	}
	*pp = (const char *)p;
	*np = n;
}

/* Full-width digit at p?  Returns its value or -1. */
static int
fwdigit(const unsigned char *p, size_t n)
{
	if (n >= 3 && p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 &&
	    p[2] <= 0x99)
		return p[2] - 0x90;
	return -1;
}

/* One digit (ASCII or full width): value, and *len its bytes; or -1. */
static int
digit(const unsigned char *p, size_t n, size_t *len)
{
	int	 d;

	if (n >= 1 && p[0] >= '0' && p[0] <= '9') {
		*len = 1;
		return p[0] - '0';
	}
	if ((d = fwdigit(p, n)) >= 0) {
		*len = 3;
		return d;
	}
	return -1;
}

static int
starts(const unsigned char *p, size_t n, const char *s)
{
	size_t	 k = strlen(s);

	return n >= k && memcmp(p, s, k) == 0;
}

/*
 * Is p..n one number, as tables write them?  An optional sign, digits
 * (ASCII or full width) with optional thousands separators, optional
 * decimals, an optional unit.  On success the normalized number (ASCII,
 * no separators, no '+') is appended to vals.
 */
int
tb_number(const char *s, size_t n, struct gip_buf *vals, unsigned char *unit,
    unsigned char *dec, unsigned char *sign)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t		 i = 0, k, start = vals->len, ndig = 0, group = 0;
	int		 d, seps = 0, lead0 = 0;

	*unit = TBU_NONE;
	*dec = 0;
	*sign = 0;
	if (n == 3 && memcmp(p, "零", 3) == 0) {
		gip_buf_addc(vals, '0');
		return 1;
	}
	if (i < n && (p[i] == '+' || p[i] == '-')) {
		*sign = p[i];
		i++;
	} else if (starts(p, n, "＋")) {
		*sign = '+';
		i += 3;
	} else if (starts(p, n, "－") || starts(p, n, "−")) {
		*sign = '-';
		i += 3;
	}
	if (*sign == '-')
		gip_buf_addc(vals, '-');
	while (i < n) {
		if ((d = digit(p + i, n - i, &k)) >= 0) {
			if (ndig == 0 && d == 0)
				lead0 = 1;
			gip_buf_addc(vals, '0' + d);
			ndig++;
			group++;
			i += k;
			continue;
		}
		if ((p[i] == ',' || starts(p + i, n - i, "，")) && ndig > 0) {
			/* a thousands separator: 1-3 digits before, 3 after */
			if ((seps == 0 && group > 3) || (seps > 0 && group != 3))
				goto no;
			k = p[i] == ',' ? 1 : 3;
			seps++;
			group = 0;
			i += k;
			continue;
		}
		break;
	}
	if (ndig == 0 || (seps > 0 && group != 3))
		goto no;
	/* "007" is not a number; "0.5" is */
	if (lead0 && ndig > 1)
		goto no;
	if (i < n && (p[i] == '.' || starts(p + i, n - i, "．"))) {
		k = p[i] == '.' ? 1 : 3;
		if (i + k >= n || digit(p + i + k, n - i - k, &k) < 0)
			goto no;
		i += p[i] == '.' ? 1 : 3;
		gip_buf_addc(vals, '.');
		*dec = 1;
		while (i < n && (d = digit(p + i, n - i, &k)) >= 0) {
			gip_buf_addc(vals, '0' + d);
			i += k;
		}
	}
	if (i < n) {
		static const char *const counts[] = { "件", "个", "项", "条",
		    "次", "家", "起", "宗", "份", "人", "例", "篇", NULL };
		int	 j;

		if (n - i == 6 && memcmp(p + i, "万元", 6) == 0)
			*unit = TBU_WAN;
		else if (n - i == 3 && memcmp(p + i, "元", 3) == 0)
			*unit = TBU_YUAN;
		else {
			for (j = 0; counts[j] != NULL; j++)
				if (n - i == 3 && memcmp(p + i, counts[j], 3) == 0)
					break;
			if (counts[j] == NULL)
				goto no;
			*unit = TBU_COUNT;
		}
	}
	if (ndig > 15)
		goto no;
	return 1;
no:
	vals->len = start;
	if (vals->p != NULL)
		vals->p[start] = '\0';
	return 0;
}

static int
is_na(const char *p, size_t n)
{
	static const char *const marks[] = { "-", "--", "---", "—", "——",
	    "–", "――", "―", "－", "－－", "/", "／", "\\", "无", "空",
	    "不适用", "N/A", "n/a", "NA", "×", "╱", "一一", NULL };
	int	 i;

	if (n > 9)
		return 0;
	for (i = 0; marks[i] != NULL; i++)
		if (strlen(marks[i]) == n && memcmp(marks[i], p, n) == 0)
			return 1;
	return 0;
}

/*
 * memmem for short UTF-8 keys in Chinese text, where the first bytes
 * (E4..E9) are everywhere: look for the key's last byte instead.
 */
const char *
tb_search(const char *h, size_t hn, const char *k, size_t kn)
{
	const char	*p = h, *e = h + hn, *q;
	unsigned char	 last;

	if (kn == 0 || hn < kn)
		return kn == 0 ? h : NULL;
	last = (unsigned char)k[kn - 1];
	p = h + kn - 1;
	while (p < e && (q = memchr(p, last, (size_t)(e - p))) != NULL) {
		/* the byte before is as telling: test it before memcmp */
		if ((kn < 2 || q[-1] == k[kn - 2]) &&
		    memcmp(q - (kn - 1), k, kn - 1) == 0)
			return q - (kn - 1);
		p = q + 1;
	}
	return NULL;
}

/*
 * traditional -> simplified, for the characters of the labels (opencc
 * s2t, s2tw, s2hk, s2twp, characters and phrases)
 */
static const uint32_t t2s[][2] = {
	{ 0x5167, 0x5185 }, { 0x52D9, 0x52A1 }, { 0x5340, 0x533A },
	{ 0x55AE, 0x5355 }, { 0x570B, 0x56FD }, { 0x57F7, 0x6267 },
	{ 0x5831, 0x62A5 }, { 0x5BE9, 0x5BA1 }, { 0x5C0D, 0x5BF9 },
	{ 0x5C6C, 0x5C5E }, { 0x5EE2, 0x5E9F }, { 0x5F37, 0x5F3A },
	{ 0x5F8C, 0x540E }, { 0x5FA9, 0x590D }, { 0x63A1, 0x91C7 },
	{ 0x6557, 0x8D25 }, { 0x6578, 0x6570 }, { 0x65BC, 0x4E8E },
	{ 0x6703, 0x4F1A }, { 0x689D, 0x6761 }, { 0x696D, 0x4E1A },
	{ 0x69CB, 0x6784 }, { 0x6A5F, 0x673A }, { 0x6B0A, 0x6743 },
	{ 0x6C7A, 0x51B3 }, { 0x6C92, 0x6CA1 }, { 0x6CC1, 0x51B5 },
	{ 0x6E1B, 0x51CF }, { 0x70BA, 0x4E3A }, { 0x7121, 0x65E0 },
	{ 0x7232, 0x4E3A }, { 0x7372, 0x83B7 }, { 0x73FE, 0x73B0 },
	{ 0x7522, 0x4EA7 }, { 0x7576, 0x5F53 }, { 0x767C, 0x53D1 },
	{ 0x78BA, 0x786E }, { 0x7955, 0x79D8 }, { 0x7A69, 0x7A33 },
	{ 0x7B87, 0x4E2A }, { 0x7BC4, 0x8303 }, { 0x7CFE, 0x7EA0 },
	{ 0x7D04, 0x7EA6 }, { 0x7D0D, 0x7EB3 }, { 0x7D44, 0x7EC4 },
	{ 0x7D50, 0x7ED3 }, { 0x7D93, 0x7ECF }, { 0x7DAD, 0x7EF4 },
	{ 0x7E3D, 0x603B }, { 0x7E54, 0x7EC7 }, { 0x7E73, 0x7F34 },
	{ 0x7E7C, 0x7EE7 }, { 0x7E8C, 0x7EED }, { 0x7F70, 0x7F5A },
	{ 0x8209, 0x4E3E }, { 0x842C, 0x4E07 }, { 0x8655, 0x5904 },
	{ 0x88DC, 0x8865 }, { 0x88FD, 0x5236 }, { 0x8907, 0x590D },
	{ 0x8986, 0x590D }, { 0x898F, 0x89C4 }, { 0x8A08, 0x8BA1 },
	{ 0x8A1F, 0x8BBC }, { 0x8A2A, 0x8BBF }, { 0x8A31, 0x8BB8 },
	{ 0x8A34, 0x8BC9 }, { 0x8A62, 0x8BE2 }, { 0x8A8D, 0x8BA4 },
	{ 0x8ACB, 0x8BF7 }, { 0x8B70, 0x8BAE }, { 0x8B77, 0x62A4 },
	{ 0x8B8A, 0x53D8 }, { 0x8CBB, 0x8D39 }, { 0x8CFC, 0x8D2D },
	{ 0x8F49, 0x8F6C }, { 0x8FA6, 0x529E }, { 0x9019, 0x8FD9 },
	{ 0x904E, 0x8FC7 }, { 0x9054, 0x8FBE }, { 0x9055, 0x8FDD },
	{ 0x9069, 0x9002 }, { 0x92B7, 0x9500 }, { 0x958B, 0x5F00 },
	{ 0x95DC, 0x5173 }, { 0x9801, 0x9875 }, { 0x9805, 0x9879 },
	{ 0x984D, 0x989D }, { 0x985E, 0x7C7B }, { 0x9918, 0x4F59 }
};

/*
 * The simplified form of a traditional character of the labels (pages
 * mirrored in traditional script), or cp itself.
 */
static uint32_t
simplify(uint32_t cp)
{
	static unsigned char bits[(0xA000 - 0x4E00) / 8];
	static int	 ready;
	size_t		 lo = 0, hi = sizeof(t2s) / sizeof(t2s[0]), mid, i;

	if (!ready) {
		for (i = 0; i < hi; i++)
			bits[(t2s[i][0] - 0x4E00) / 8] |=
			    1 << ((t2s[i][0] - 0x4E00) % 8);
		ready = 1;
	}
	if (cp < 0x4E00 || cp >= 0xA000 ||
	    !(bits[(cp - 0x4E00) / 8] & (1 << ((cp - 0x4E00) % 8))))
		return cp;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (t2s[mid][0] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < sizeof(t2s) / sizeof(t2s[0]) && t2s[lo][0] == cp ?
	    t2s[lo][1] : cp;
}

/* Append normalized label text: see gip-tables(1), "Labels". */
size_t
tb_norm(struct gip_buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t		 i = 0, k, start = b->len;
	uint32_t	 cp;
	char		 enc[4];

	while (i < n) {
		/* most of it: CJK ideographs, copied as they are */
		if (p[i] >= 0xE4 && p[i] <= 0xE9) {
			for (k = i; k + 2 < n && p[k] >= 0xE4 && p[k] <= 0xE9 &&
			    (p[k + 1] & 0xC0) == 0x80 && (p[k + 2] & 0xC0) == 0x80;
			    k += 3) {
				cp = (uint32_t)(p[k] & 0x0F) << 12 |
				    (uint32_t)(p[k + 1] & 0x3F) << 6 |
				    (p[k + 2] & 0x3F);
				if (simplify(cp) != cp)
					break;
			}
			if (k > i) {
				gip_buf_add(b, s + i, k - i);
				i = k;
				continue;
			}
		}
		if (p[i] < 0x80) {
			unsigned char c = p[i];

			if (c == '<' && (n - i >= 4) &&
			    (p[i + 1] == 'b' || p[i + 1] == 'B') &&
			    (p[i + 2] == 'r' || p[i + 2] == 'R')) {
				for (k = i + 3; k < n && p[k] != '>'; k++)
					;
				if (k < n) {
					i = k + 1;
					continue;
				}
			}
			i++;
			if (c <= ' ' || c == '*' || c == '"' || c == '\'' ||
			    c == '|' || c == '#' || c == '`')
				continue;
			if (c == ',')
				c = 0;	/* written as the full-width comma */
			if (c == ';') {
				gip_buf_add(b, "；", 3);
				continue;
			}
			if (c == 0) {
				gip_buf_add(b, "，", 3);
				continue;
			}
			gip_buf_addc(b, c);
			continue;
		}
		k = gip_utf8_decode(s + i, n - i, &cp);
		i += k;
		switch (cp) {
		case 0x00A0: case 0x3000: case 0x200B: case 0x200C:
		case 0x200D: case 0xFEFF: case 0x201C: case 0x201D:
		case 0x2018: case 0x2019: case 0x300C: case 0x300D:
		case 0x300E: case 0x300F:
			continue;
		case 0xFF08:
			gip_buf_addc(b, '(');
			continue;
		case 0xFF09:
			gip_buf_addc(b, ')');
			continue;
		case 0xFF0E:
			gip_buf_addc(b, '.');
			continue;
		case 0xFF1A:
			gip_buf_addc(b, ':');
			continue;
		case 0x3001:	/* 、 after a digit is an ordinal dot */
			if (b->len > start && b->p[b->len - 1] >= '0' &&
			    b->p[b->len - 1] <= '9') {
				gip_buf_addc(b, '.');
				continue;
			}
			break;
		default:
			break;
		}
		if (cp == GIP_UTF8_BAD) {
			gip_buf_add(b, "\xEF\xBF\xBD", 3);
			continue;
		}
		cp = simplify(cp);
		if (cp >= 0xFF10 && cp <= 0xFF19) {
			gip_buf_addc(b, (int)('0' + cp - 0xFF10));
			continue;
		}
		if ((cp >= 0xFF21 && cp <= 0xFF3A) ||
		    (cp >= 0xFF41 && cp <= 0xFF5A)) {
			gip_buf_addc(b, (int)(cp - 0xFF21 + 'A'));
			continue;
		}
		gip_buf_add(b, enc, gip_utf8_encode(cp, enc));
	}
	return b->len - start;
}

/* Page footers inside tables: "-3-", "- 4 -", "第 3 页", "第3页 共9页". */
static int
is_footer(const char *s, size_t n)
{
	char		 buf[64];
	size_t		 i, k, m = 0;
	const unsigned char *p = (const unsigned char *)s;
	size_t		 j;

	/* quick: footers are short and start with a dash or 第 */
	if (n > 40 || !(p[0] == '-' || p[0] == 0xEF || p[0] == 0xE2 ||
	    starts(p, n, "第")))
		return 0;
	for (i = 0; i < n; ) {
		if ((k = ws_len(p + i, n - i)) > 0) {
			i += k;
			continue;
		}
		if (m + 4 >= sizeof(buf))
			return 0;
		buf[m++] = s[i++];
	}
	buf[m] = '\0';
	if (m == 0)
		return 0;
	i = 0;
	if (buf[0] == '-')
		k = 1;
	else if (starts((unsigned char *)buf, m, "－") ||
	    starts((unsigned char *)buf, m, "—") ||
	    starts((unsigned char *)buf, m, "–"))
		k = 3;
	else
		k = 0;
	if (k > 0) {
		for (j = k; j < m && buf[j] >= '0' && buf[j] <= '9'; j++)
			;
		if (j == k || j - k > 4)
			return 0;
		return (m - j == 1 && buf[j] == '-') || (m - j == 3 &&
		    (starts((unsigned char *)buf + j, 3, "－") ||
		    starts((unsigned char *)buf + j, 3, "—") ||
		    starts((unsigned char *)buf + j, 3, "–")));
	}
	if (!starts((unsigned char *)buf, m, "第"))
		return 0;
	for (j = 3; j < m && buf[j] >= '0' && buf[j] <= '9'; j++)
		;
	if (j == 3 || !starts((unsigned char *)buf + j, m - j, "页"))
		return 0;
	j += 3;
	if (j == m)
		return 1;
	if (buf[j] == ',' || buf[j] == '/')
		j++;
	else if (starts((unsigned char *)buf + j, m - j, "，") ||
	    starts((unsigned char *)buf + j, m - j, "、"))
		j += 3;
	if (!starts((unsigned char *)buf + j, m - j, "共"))
		return 0;
	for (i = j + 3; i < m && buf[i] >= '0' && buf[i] <= '9'; i++)
		;
	return i > j + 3 && m - i == 3 && starts((unsigned char *)buf + i,
	    3, "页");
}

/*
 * A pipe row without the leading pipe, as web pages flattened to text
 * leave them: "规章 | 0 | 0 | 0 |", or one cell a line, "规章 |".
 */
static int
is_piperow(const char *p, size_t n)
{
	const char	*q = p, *e = p + n;

	if (p[n - 1] == '|')
		return 1;
	while ((q = memchr(q, '|', (size_t)(e - q))) != NULL) {
		if (q > p && q + 1 < e && (q[-1] == ' ' || q[1] == ' '))
			return 1;
		q++;
	}
	return 0;
}

/*
 * "||", "|||": what a spanned cell leaves in a cell-a-line table; no
 * cell at all.
 */
static int
is_filler(const char *p, size_t n)
{
	size_t	 i;

	for (i = 0; i < n && p[i] == '|'; i++)
		;
	return n >= 2 && i == n;
}

static int
is_mdrule(const char *p, size_t n)
{
	size_t	 i;
	int	 dash = 0;

	for (i = 0; i < n; i++) {
		if (p[i] == '-')
			dash = 1;
		else if (p[i] != '|' && p[i] != ':' && p[i] != ' ' &&
		    p[i] != '\t')
			return 0;
	}
	return dash;
}

/*
 * A lone character of a rowspan label printed vertically (pdftotext
 * -layout): kept out of the label stream, where it would cut labels.
 */
static int
is_vertical(const char *p, size_t n)
{
	static const char set[] = "三四五六本年度办理结果不予公开无法提供处其他"
	    "申请人情况或组织商业企科研机构社会益律服务总计行政复议诉讼";
	size_t	 i;

	if (n != 3)
		return 0;
	for (i = 0; i + 3 <= sizeof(set) - 1; i += 3)
		if (memcmp(set + i, p, 3) == 0)
			return 1;
	return 0;
}

static struct tb_cell *
new_cell(struct tb_doc *d, size_t line, const char *p, size_t n)
{
	struct tb_cell	*c;

	if (d->ncell == d->capcell) {
		d->capcell = d->capcell ? d->capcell * 2 : 256;
		d->cells = gip_xreallocarray(d->cells, d->capcell,
		    sizeof(*d->cells));
	}
	c = &d->cells[d->ncell++];
	memset(c, 0, sizeof(*c));
	c->line = line;
	c->roff = (size_t)(p - d->text.p);
	c->rlen = n;
	return c;
}

/* Classify a trimmed token as NUM, NA, EMPTY or TEXT. */
static void
classify(struct tb_doc *d, struct tb_cell *c, const char *p, size_t n)
{
	size_t	 off = d->vals.len;

	if (n == 0) {
		c->kind = TB_EMPTY;
		return;
	}
	if (tb_number(p, n, &d->vals, &c->unit, &c->dec, &c->sign)) {
		c->kind = TB_NUM;
		c->noff = off;
		c->nlen = d->vals.len - off;
		return;
	}
	if (n == 6 && memcmp(p, "&nbsp;", 6) == 0) {
		c->kind = TB_EMPTY;
		return;
	}
	c->kind = is_na(p, n) ? TB_NA : TB_TEXT;
}

/* Sentences are prose: never labels, never beside table values. */
static int
is_prose(const char *p, size_t n)
{
	size_t	 i, han = 0;
	int	 comma = 0;
	const unsigned char *u = (const unsigned char *)p;

	/* most sentences have a 。: look for its lead byte first */
	for (i = 0; i + 2 < n; i++) {
		const unsigned char *q = memchr(u + i, 0xE3, n - i - 2);

		if (q == NULL)
			break;
		if (q[1] == 0x80 && q[2] == 0x82)
			return 1;
		i = (size_t)(q - u);
	}
	for (i = 0; i < n; i++) {
		if (u[i] == ';' || u[i] == '!' || u[i] == '?')
			return 1;
		if (u[i] == ',')
			comma = 1;
		if (u[i] < 0xE0 || i + 2 >= n)
			continue;
		if (u[i] == 0xE3 && u[i + 1] == 0x80 && u[i + 2] == 0x82)
			return 1;			/* 。 */
		if (u[i] == 0xEF && u[i + 1] == 0xBC && (u[i + 2] == 0x9B ||
		    u[i + 2] == 0x81 || u[i + 2] == 0x9F))
			return 1;			/* ；！？ */
		if (u[i] == 0xEF && u[i + 1] == 0xBC && u[i + 2] == 0x8C)
			comma = 1;
		if (u[i] >= 0xE4 && u[i] <= 0xE9)
			han++;
		i += 2;
	}
	return han >= 72 || (comma && han >= 40);
}

static void
add_text(struct tb_cell *c, const char *p, size_t n)
{
	c->kind = TB_TEXT;
	if (is_prose(p, n)) {
		c->flags |= TBF_PROSE | TBF_DROP;
		return;
	}
	if (is_vertical(p, n)) {
		c->flags |= TBF_DROP;
		return;
	}
}

/*
 * A leading 1..8 followed by a label on the same line is the row's
 * ordinal, never a value.
 */
static int
is_ordinal(const struct tb_doc *d, const struct tb_cell *c)
{
	const char	*v = d->vals.p + c->noff;

	return c->kind == TB_NUM && c->unit == TBU_NONE && !c->dec &&
	    c->sign == 0 && c->nlen == 1 && v[0] >= '1' && v[0] <= '8';
}

static int
han_start(const char *p, size_t n)
{
	const unsigned char *u = (const unsigned char *)p;

	return n >= 3 && ((u[0] >= 0xE4 && u[0] <= 0xE9) ||
	    starts(u, n, "（") || starts(u, n, "“")) ;
}

/* Split one line into cells; see the file comment. */
static void
lex_line(struct tb_doc *d, size_t li)
{
	const struct tb_line *l = &d->lines[li];
	const char	*s = d->text.p + l->off, *p, *e, *f;
	size_t		 n = l->len, first = d->ncell, i, k, fl;
	struct tb_cell	*c;
	int		 mode, prose = 0, havenum = 0, nolead = 0;
	const unsigned char *u;

	d->lines[li].cell0 = first;
	d->lines[li].mode = ' ';
	p = s;
	fl = n;
	trim(&p, &fl);
	if (fl == 0 || is_footer(p, fl))
		return;
	if (memchr(s, '\t', n) != NULL)
		mode = '\t';
	else if (*p == '|' || is_piperow(p, fl)) {
		if (is_mdrule(p, fl) || is_filler(p, fl))
			return;
		mode = '|';
	} else
		mode = ' ';
	d->lines[li].mode = mode;
	if (mode != ' ') {
		const char *end = s + n;

		e = s;
		if (mode == '|') {
			/* drop the edges outside the first and last pipe */
			nolead = *p != '|';
			e = nolead ? p : p + 1;
			end = p + fl;
			if (end > e && end[-1] == '|')
				end--;
			/* "|" alone: one blank cell of a cell-a-line table */
			if (fl == 1) {
				c = new_cell(d, li, p, 0);
				c->kind = TB_EMPTY;
				c->flags |= TBF_LONE | TBF_CAND;
				return;
			}
		}
		for (;;) {
			f = memchr(e, mode, (size_t)(end - e));
			if (f == NULL)
				f = end;
			p = e;
			k = (size_t)(f - e);
			/*
			 * Rows with no leading pipe write each cell as "x |",
			 * a blank one as " |": two pipes together ("| ||") are
			 * the filler of spanned columns, no cell.
			 */
			if (k == 0 && mode == '|' && nolead) {
				if (f == end)
					break;
				e = f + 1;
				continue;
			}
			trim(&p, &k);
			c = new_cell(d, li, p, k);
			classify(d, c, p, k);
			if (c->kind == TB_TEXT)
				add_text(c, p, k);
			if (f == end)
				break;
			e = f + 1;
		}
	} else if (is_prose(p, fl)) {
		/* a sentence: one cell, never cut (and quick) */
		c = new_cell(d, li, p, fl);
		c->kind = TB_TEXT;
		c->flags |= TBF_PROSE | TBF_DROP;
		return;
	} else {
		/* runs of white space; neighbouring text tokens join */
		u = (const unsigned char *)s;
		i = 0;
		c = NULL;
		while (i < n) {
			size_t	 a, b;
			struct tb_cell tmp;
			size_t	 voff = d->vals.len;

			while (i < n && (k = ws_len(u + i, n - i)) > 0)
				i += k;
			if (i >= n)
				break;
			a = i;
			while (i < n && ws_len(u + i, n - i) == 0)
				i++;
			b = i;
			memset(&tmp, 0, sizeof(tmp));
			classify(d, &tmp, s + a, b - a);
			if (tmp.kind == TB_TEXT && c != NULL &&
			    c->kind == TB_TEXT && c->line == li) {
				c->rlen = (size_t)(s + b - (d->text.p +
				    c->roff));
				continue;
			}
			if (tmp.kind != TB_NUM)
				d->vals.len = voff;
			c = new_cell(d, li, s + a, b - a);
			c->kind = tmp.kind;
			c->unit = tmp.unit;
			c->dec = tmp.dec;
			c->sign = tmp.sign;
			c->noff = tmp.noff;
			c->nlen = tmp.nlen;
		}
		for (i = first; i < d->ncell; i++)
			if (d->cells[i].kind == TB_TEXT)
				add_text(&d->cells[i], d->text.p +
				    d->cells[i].roff, d->cells[i].rlen);
	}
	/*
	 * An ordinal 1..8 before a label, with no value before it on the
	 * line ("1 属于国家秘密", "(三)不予公开<TAB>1<TAB>属于国家秘密")
	 */
	for (i = first; i < d->ncell; i++) {
		if (d->cells[i].kind == TB_EMPTY || d->cells[i].kind == TB_TEXT)
			continue;
		if (!is_ordinal(d, &d->cells[i]))
			break;
		for (k = i + 1; k < d->ncell && d->cells[k].kind == TB_EMPTY;
		    k++)
			;
		if (k < d->ncell && d->cells[k].kind == TB_TEXT &&
		    !(d->cells[k].flags & TBF_DROP) &&
		    han_start(d->text.p + d->cells[k].roff,
		    d->cells[k].rlen)) {
			d->cells[i].kind = TB_TEXT;
			d->cells[i].nlen = 0;
		} else
			break;
	}
	/* value candidates: see TBF_CAND */
	for (i = first; i < d->ncell; i++) {
		if (d->cells[i].flags & TBF_PROSE)
			prose = 1;
		if (d->cells[i].kind == TB_NUM || d->cells[i].kind == TB_NA)
			havenum = 1;
	}
	if (prose)
		return;
	for (i = d->ncell; i > first; i--)
		if (d->cells[i - 1].kind == TB_TEXT)
			break;
	/*
	 * Numbers anywhere on the line may be values; empty cells only
	 * after the line's last text, and only beside a number (else they
	 * are the spacers of header rows).
	 */
	for (k = first; k < d->ncell; k++) {
		c = &d->cells[k];
		if (c->kind == TB_NUM || c->kind == TB_NA)
			c->flags |= TBF_CAND;
		else if (c->kind == TB_EMPTY && k >= i) {
			c->flags |= TBF_ETAIL;
			if (havenum)
				c->flags |= TBF_CAND;
		}
	}
	for (k = i; k < d->ncell && d->cells[k].kind == TB_EMPTY; k++)
		d->cells[k].flags |= TBF_LEADE;
	for (k = d->ncell; k > i && d->cells[k - 1].kind == TB_EMPTY; k--)
		d->cells[k - 1].flags |= TBF_TRAILE;
}

/* Cut every line into cells and build the label stream. */
void
tb_lex(struct tb_doc *d)
{
	size_t		 li, i;
	struct tb_cell	*c;

	d->ncell = 0;
	d->ntcell = 0;
	gip_buf_reset(&d->stream);
	gip_buf_reset(&d->vals);
	for (li = 0; li < d->nline; li++)
		lex_line(d, li);
	for (i = 0; i < d->ncell; i++) {
		c = &d->cells[i];
		if (c->kind != TB_TEXT || (c->flags & TBF_DROP))
			continue;
		c->noff = d->stream.len;
		c->nlen = tb_norm(&d->stream, d->text.p + c->roff, c->rlen);
		if (c->nlen == 0)
			continue;
		if (d->ntcell == d->captcell) {
			d->captcell = d->captcell ? d->captcell * 2 : 256;
			d->tcell = gip_xreallocarray(d->tcell, d->captcell,
			    sizeof(*d->tcell));
		}
		d->tcell[d->ntcell++] = (uint32_t)i;
	}
}
