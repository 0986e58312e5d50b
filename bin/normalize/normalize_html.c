/*
 * normalize_html.c: HTML to lines of text, streaming.  A small
 * tokenizer (text, tags, comments, raw text, character references)
 * runs over the decoded UTF-8 a chunk at a time; script, style and
 * template contents and comments are dropped, tags stripped, and block
 * elements end the line.  Each table row becomes one line of
 * tab-separated cells: a cell with colspan n is followed by n-1 empty
 * cells, and the positions a rowspan covers in later rows get empty
 * cells, so that every value stays in its column.  A <br> or a block
 * inside a cell becomes a space.  A table nested in a cell turns the
 * outer table into layout: its cells are then plain blocks, and the
 * inner table keeps its rows.  Only rows are held in memory.
 */
#include <stdlib.h>
#include <string.h>

#include "gip.h"
#include "normalize.h"

#define TAGMAX		4096	/* tag bytes kept: the name and attributes */
#define ENTMAX		32
#define MAXDEPTH	32	/* deeper tables are treated as blocks */
#define MAXCOLSPAN	1000	/* the limits of the HTML standard */
#define MAXROWSPAN	65534

enum state { S_TEXT, S_LT, S_TAG, S_BANG, S_COMMENT, S_BOGUS, S_RAW,
	S_ENTITY };

struct cell {
	size_t		 off, len;	/* text in the row buffer */
	unsigned	 colspan, rowspan;
};

struct table {
	int		 layout;	/* a table nested inside: cells are blocks */
	int		 inrow, incell;
	unsigned long	 rowline;	/* source line of the <tr> */
	struct gip_buf	 text;		/* the cells of the current row */
	struct cell	*cells;
	size_t		 ncell, capcell;
	unsigned	*span;		/* rows each column stays covered */
	size_t		 nspan;
};

struct nz_html {
	struct nz_sink	*s;
	enum state	 st;
	unsigned long	 line;
	int		 cr;
	struct gip_buf	 tag;		/* the tag being read, after '<' */
	unsigned long	 tagline;
	char		 quote;		/* inside a quoted attribute value */
	char		 lastc;		/* last non-space byte of the tag */
	int		 bang;		/* dashes seen after "<!" */
	int		 dashes;	/* dashes seen in a comment */
	char		 raw[24];	/* "</script" while in raw text */
	size_t		 rawlen, rawmatch;
	char		 ent[ENTMAX + 1];
	size_t		 entlen;
	int		 pre;
	struct table	*tab;		/* the stack of open tables */
	size_t		 ntab, captab;
};

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static int
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_alnum(int c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/*
 * Bytes that end a run in nz_html_text: in text, < & and the line ends;
 * in a tag, > the quotes and white space.  One look a byte.
 */
#define END_TEXT(c)	((c) == '<' || (c) == '&' || (c) == '\n' || \
			    (c) == '\r')
#define END_TAG(c)	((c) == '>' || (c) == '"' || (c) == '\'' || \
			    (c) == ' ' || (c) == '\t' || (c) == '\n' || \
			    (c) == '\r' || (c) == '\f')
#define ENDS(c)		(END_TEXT(c) | END_TAG(c) << 1)
#define ENDS4(c)	ENDS(c), ENDS((c) + 1), ENDS((c) + 2), ENDS((c) + 3)
#define ENDS16(c)	ENDS4(c), ENDS4((c) + 4), ENDS4((c) + 8), \
			    ENDS4((c) + 12)
#define ENDS64(c)	ENDS16(c), ENDS16((c) + 16), ENDS16((c) + 32), \
			    ENDS16((c) + 48)
static const unsigned char ends[256] = {
	ENDS64(0), ENDS64(64), ENDS64(128), ENDS64(192)
};

/* gip_buf_add and _addc, without the calls when there is room */
static void
add(struct gip_buf *b, const char *p, size_t n)
{
	if (b->cap - b->len > n) {
		memcpy(b->p + b->len, p, n);
		b->len += n;
		b->p[b->len] = '\0';
	} else
		gip_buf_add(b, p, n);
}

static void
addc(struct gip_buf *b, int c)
{
	if (b->cap - b->len > 1) {
		b->p[b->len++] = (char)c;
		b->p[b->len] = '\0';
	} else
		gip_buf_addc(b, c);
}

struct nz_html *
nz_html_new(struct nz_sink *s)
{
	struct nz_html	*h;

	h = gip_xcalloc(1, sizeof(*h));
	h->s = s;
	h->line = 1;
	s->collapse = 1;
	s->count = 0;
	s->src = 1;
	return h;
}

/* the innermost table that still has rows and cells, or NULL */
static struct table *
grid(struct nz_html *h)
{
	if (h->ntab == 0 || h->tab[h->ntab - 1].layout)
		return NULL;
	return &h->tab[h->ntab - 1];
}

static void
sink_mode(struct nz_html *h)
{
	h->s->collapse = h->pre == 0;
}

/* Text goes to the open cell, or straight to the sink. */
static void
text(struct nz_html *h, const char *p, size_t n)
{
	struct table	*t = grid(h);
	size_t		 i;

	if (t != NULL && t->inrow && !t->incell) {
		for (i = 0; i < n && is_space((unsigned char)p[i]); i++)
			;
		if (i == n)
			return;
		/* text between cells: an implied cell */
		if (t->ncell == t->capcell)
			t->cells = gip_xreallocarray(t->cells,
			    t->capcell = t->capcell * 2 + 8,
			    sizeof(*t->cells));
		t->cells[t->ncell].off = t->text.len;
		t->cells[t->ncell].colspan = 1;
		t->cells[t->ncell].rowspan = 1;
		t->ncell++;
		t->incell = 1;
	}
	if (t != NULL && t->incell) {
		add(&t->text, p, n);
		return;
	}
	h->s->src = h->line;
	nz_sink_text(h->s, p, n);
}

/* A block boundary: a space inside a cell, else a new line. */
static void
brk(struct nz_html *h)
{
	struct table	*t = grid(h);

	if (t != NULL && t->incell)
		addc(&t->text, ' ');
	else
		nz_sink_eol(h->s);
}

static void
span_grow(struct table *t, size_t n)
{
	if (n <= t->nspan)
		return;
	t->span = gip_xreallocarray(t->span, n, sizeof(*t->span));
	memset(t->span + t->nspan, 0, (n - t->nspan) * sizeof(*t->span));
	t->nspan = n;
}

/* Write the row as one line, expanding the spans; then forget it. */
static void
row_end(struct nz_html *h, struct table *t)
{
	struct nz_sink	*s = h->s;
	struct cell	*c;
	size_t		 i, k, col = 0, last = 0;
	int		 covered = 0;

	if (!t->inrow)
		return;
	t->inrow = t->incell = 0;
	for (k = 0; k < t->nspan; k++)
		if (t->span[k] > 0) {
			covered = 1;
			last = k + 1;
		}
	if (t->ncell == 0 && !covered)
		return;
	nz_sink_eol(s);
	s->src = t->rowline;
	s->collapse = 1;
	for (i = 0; i < t->ncell; i++) {
		c = &t->cells[i];
		if (i == t->ncell - 1)
			c->len = t->text.len - c->off;
		else
			c->len = t->cells[i + 1].off - c->off;
		while (col < t->nspan && t->span[col] > 0) {
			if (col > 0)
				nz_sink_tab(s);
			col++;
		}
		if (col > 0)
			nz_sink_tab(s);
		nz_sink_text(s, t->text.p + c->off, c->len);
		span_grow(t, col + c->colspan);
		for (k = 0; k < c->colspan; k++) {
			if (k > 0)
				nz_sink_tab(s);
			t->span[col + k] = c->rowspan;
		}
		col += c->colspan;
	}
	for (; col < last; col++)
		nz_sink_tab(s);
	nz_sink_eol(s);
	for (k = 0; k < t->nspan; k++)
		if (t->span[k] > 0)
			t->span[k]--;
	t->ncell = 0;
	t->text.len = 0;
	sink_mode(h);
}

/* A number attribute of the tag (colspan, rowspan), or def. */
static unsigned
num_attr(const char *p, size_t n, const char *name, unsigned def,
    unsigned max)
{
	size_t		 i = 0, j, k, nl = strlen(name);
	unsigned long	 v;
	char		 q;
	int		 match;

	while (i < n && !is_space((unsigned char)p[i]))
		i++;				/* the tag name */
	while (i < n) {
		while (i < n && (is_space((unsigned char)p[i]) || p[i] == '/'))
			i++;
		for (k = i; k < n && !is_space((unsigned char)p[k]) &&
		    p[k] != '=' && p[k] != '/'; k++)
			;
		match = k - i == nl;
		for (j = 0; match && j < nl; j++)
			match = lower((unsigned char)p[i + j]) == name[j];
		i = k;
		while (i < n && is_space((unsigned char)p[i]))
			i++;
		if (i >= n || p[i] != '=')
			continue;
		i++;
		while (i < n && is_space((unsigned char)p[i]))
			i++;
		q = 0;
		if (i < n && (p[i] == '"' || p[i] == '\''))
			q = p[i++];
		k = i;
		while (k < n && (q ? p[k] != q : !is_space((unsigned char)p[k])))
			k++;
		if (match) {
			while (i < k && is_space((unsigned char)p[i]))
				i++;
			if (i == k || p[i] < '0' || p[i] > '9')
				return def;
			for (v = 0; i < k && p[i] >= '0' && p[i] <= '9'; i++)
				if ((v = v * 10 + (unsigned long)(p[i] - '0')) >
				    max)
					v = max;
			return (unsigned)v;
		}
		i = k + (q != 0);
	}
	return def;
}

static void
cell_start(struct nz_html *h, struct table *t, const char *p, size_t n)
{
	struct cell	*c;
	unsigned	 rs;

	if (!t->inrow) {
		t->inrow = 1;
		t->rowline = h->tagline;
		t->ncell = 0;
		t->text.len = 0;
	}
	if (t->ncell == t->capcell)
		t->cells = gip_xreallocarray(t->cells,
		    t->capcell = t->capcell * 2 + 8, sizeof(*t->cells));
	c = &t->cells[t->ncell++];
	c->off = t->text.len;
	c->colspan = c->rowspan = 1;
	t->incell = 1;
	if (memchr(p, '=', n) == NULL)
		return;			/* no attribute values: <td> */
	c->colspan = num_attr(p, n, "colspan", 1, MAXCOLSPAN);
	if (c->colspan == 0)
		c->colspan = 1;
	rs = num_attr(p, n, "rowspan", 1, MAXROWSPAN);
	c->rowspan = rs == 0 ? MAXROWSPAN : rs;
}

static void
table_push(struct nz_html *h)
{
	struct table	*t = grid(h);

	if (t != NULL && t->inrow) {
		row_end(h, t);
		t->layout = 1;
	}
	nz_sink_eol(h->s);
	if (h->ntab == h->captab)
		h->tab = gip_xreallocarray(h->tab, h->captab = h->captab * 2 + 4,
		    sizeof(*h->tab));
	memset(&h->tab[h->ntab++], 0, sizeof(*h->tab));
}

static void
table_pop(struct nz_html *h)
{
	struct table	*t;

	if (h->ntab == 0)
		return;
	t = &h->tab[h->ntab - 1];
	row_end(h, t);
	gip_buf_free(&t->text);
	free(t->cells);
	free(t->span);
	h->ntab--;
	nz_sink_eol(h->s);
}

static int
name_in(const char *name, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(name, *list) == 0)
			return 1;
	return 0;
}

/* what a tag does */
enum kind { K_OTHER, K_RAW, K_TEXTAREA, K_BR, K_TABLE, K_TR, K_CELL,
	K_SECTION, K_PRE, K_BLOCK };

static const struct {
	const char	*name;
	enum kind	 kind;
} kinds[] = {
	{ "script", K_RAW }, { "style", K_RAW }, { "template", K_RAW },
	{ "noembed", K_RAW }, { "iframe", K_RAW }, { "xmp", K_RAW },
	{ "textarea", K_TEXTAREA }, { "br", K_BR }, { "table", K_TABLE },
	{ "tr", K_TR }, { "td", K_CELL }, { "th", K_CELL },
	{ "thead", K_SECTION }, { "tbody", K_SECTION }, { "tfoot", K_SECTION },
	{ "pre", K_PRE }, { "address", K_BLOCK }, { "article", K_BLOCK },
	{ "aside", K_BLOCK }, { "blockquote", K_BLOCK }, { "body", K_BLOCK },
	{ "caption", K_BLOCK }, { "center", K_BLOCK }, { "dd", K_BLOCK },
	{ "details", K_BLOCK }, { "div", K_BLOCK }, { "dl", K_BLOCK },
	{ "dt", K_BLOCK }, { "fieldset", K_BLOCK }, { "figcaption", K_BLOCK },
	{ "figure", K_BLOCK }, { "footer", K_BLOCK }, { "form", K_BLOCK },
	{ "h1", K_BLOCK }, { "h2", K_BLOCK }, { "h3", K_BLOCK },
	{ "h4", K_BLOCK }, { "h5", K_BLOCK }, { "h6", K_BLOCK },
	{ "head", K_BLOCK }, { "header", K_BLOCK }, { "hr", K_BLOCK },
	{ "html", K_BLOCK }, { "legend", K_BLOCK }, { "li", K_BLOCK },
	{ "main", K_BLOCK }, { "menu", K_BLOCK }, { "nav", K_BLOCK },
	{ "ol", K_BLOCK }, { "option", K_BLOCK }, { "p", K_BLOCK },
	{ "section", K_BLOCK }, { "summary", K_BLOCK }, { "title", K_BLOCK },
	{ "ul", K_BLOCK },
};

#define NKIND	(sizeof(kinds) / sizeof(kinds[0]))
_Static_assert(NKIND < 64, "the kinds fill at most half the slots");

/*
 * A name of up to 15 bytes, zero-padded to 16, as two words: every tag
 * costs a lookup, and comparing words is cheaper than strcmp.
 */
struct key {
	uint64_t	 w[2];
};

static struct key	 keys[NKIND];

/*
 * An open-addressing table of the kinds by key (index + 1; 0 empty):
 * a linear search of the 55 names was 7% of the time on HTML reports.
 */
#define NSLOT	128
static unsigned char	 slots[NSLOT];

static size_t
slot_of(struct key k)
{
	return (size_t)(((k.w[0] ^ k.w[1] * 0x9E3779B97F4A7C15ULL) *
	    0x9E3779B97F4A7C15ULL) >> 57);
}

static struct key
key_of(const char *name, size_t n)
{
	char		 b[16];
	struct key	 k;

	memset(b, 0, sizeof(b));
	memcpy(b, name, n);
	memcpy(k.w, b, sizeof(b));
	return k;
}

static enum kind
kind_of(const char *name, size_t n)
{
	struct key	 k;
	size_t		 i, j;

	if (keys[0].w[0] == 0)
		for (i = 0; i < NKIND; i++) {
			keys[i] = key_of(kinds[i].name, strlen(kinds[i].name));
			for (j = slot_of(keys[i]); slots[j] != 0;
			    j = (j + 1) % NSLOT)
				;
			slots[j] = (unsigned char)(i + 1);
		}
	k = key_of(name, n);
	for (j = slot_of(k); slots[j] != 0; j = (j + 1) % NSLOT) {
		i = slots[j] - 1;
		if (keys[i].w[0] == k.w[0] && keys[i].w[1] == k.w[1])
			return kinds[i].kind;
	}
	return K_OTHER;
}

/* A complete tag is in h->tag: act on it. */
static void
tag_done(struct nz_html *h)
{
	const char	*p = h->tag.p;
	size_t		 n = h->tag.len, i = 0, k;
	char		 name[16];
	int		 end = 0;
	enum kind	 kind;
	struct table	*t;

	if (n > 0 && p[0] == '/') {
		end = 1;
		i = 1;
	}
	for (k = 0; i < n && is_alnum((unsigned char)p[i]); i++)
		if (k < sizeof(name) - 1)
			name[k++] = (char)lower((unsigned char)p[i]);
	name[k] = '\0';
	if (k == 0)
		return;
	t = grid(h);
	kind = kind_of(name, k);
	if (!end && kind == K_TEXTAREA)
		return;
	if (!end && kind == K_RAW) {
		snprintf(h->raw, sizeof(h->raw), "</%s", name);
		h->rawlen = strlen(h->raw);
		h->rawmatch = 0;
		h->st = S_RAW;
		return;
	}
	switch (kind) {
	case K_BR:
		brk(h);
		break;
	case K_TABLE:
		if (end)
			table_pop(h);
		else if (h->ntab < MAXDEPTH)
			table_push(h);
		else
			brk(h);
		break;
	case K_TR:
		if (t == NULL)
			brk(h);
		else {
			row_end(h, t);
			if (!end) {
				t->inrow = 1;
				t->rowline = h->tagline;
			}
		}
		break;
	case K_CELL:
		if (t == NULL)
			brk(h);
		else if (end)
			t->incell = 0;
		else
			cell_start(h, t, p, n);
		break;
	case K_SECTION:
		if (t != NULL)
			row_end(h, t);
		break;
	case K_PRE:
		brk(h);
		if (end && h->pre > 0)
			h->pre--;
		else if (!end)
			h->pre++;
		sink_mode(h);
		break;
	case K_BLOCK:
		brk(h);
		break;
	default:
		/* K_OTHER, and an end tag of raw text or textarea */
		break;
	}
}

/* named character references: the common ones */
static const struct {
	const char	*name;
	unsigned short	 cp;
} entities[] = {
	{ "AElig", 0xC6 }, { "Alpha", 0x391 }, { "Beta", 0x392 },
	{ "Delta", 0x394 }, { "Gamma", 0x393 }, { "Omega", 0x3A9 },
	{ "Prime", 0x2033 }, { "Sigma", 0x3A3 }, { "acute", 0xB4 },
	{ "alpha", 0x3B1 }, { "amp", '&' }, { "apos", '\'' },
	{ "asymp", 0x2248 }, { "bdquo", 0x201E }, { "beta", 0x3B2 },
	{ "brvbar", 0xA6 }, { "bull", 0x2022 }, { "cedil", 0xB8 },
	{ "cent", 0xA2 }, { "circ", 0x2C6 }, { "copy", 0xA9 },
	{ "curren", 0xA4 }, { "dagger", 0x2020 }, { "darr", 0x2193 },
	{ "deg", 0xB0 }, { "delta", 0x3B4 }, { "divide", 0xF7 },
	{ "emsp", 0x2003 }, { "ensp", 0x2002 }, { "epsilon", 0x3B5 },
	{ "equiv", 0x2261 }, { "euro", 0x20AC }, { "frac12", 0xBD },
	{ "frac14", 0xBC }, { "frac34", 0xBE }, { "gamma", 0x3B3 },
	{ "ge", 0x2265 }, { "gt", '>' }, { "harr", 0x2194 },
	{ "hellip", 0x2026 }, { "iexcl", 0xA1 }, { "infin", 0x221E },
	{ "iquest", 0xBF }, { "lambda", 0x3BB }, { "laquo", 0xAB },
	{ "larr", 0x2190 }, { "ldquo", 0x201C }, { "le", 0x2264 },
	{ "lowast", 0x2217 }, { "lrm", 0x200E }, { "lsaquo", 0x2039 },
	{ "lsquo", 0x2018 }, { "lt", '<' }, { "macr", 0xAF },
	{ "mdash", 0x2014 }, { "micro", 0xB5 }, { "middot", 0xB7 },
	{ "minus", 0x2212 }, { "mu", 0x3BC }, { "nbsp", 0xA0 },
	{ "ndash", 0x2013 }, { "ne", 0x2260 }, { "not", 0xAC },
	{ "omega", 0x3C9 }, { "ordf", 0xAA }, { "ordm", 0xBA },
	{ "para", 0xB6 }, { "permil", 0x2030 }, { "pi", 0x3C0 },
	{ "plusmn", 0xB1 }, { "pound", 0xA3 }, { "prime", 0x2032 },
	{ "quot", '"' }, { "radic", 0x221A }, { "raquo", 0xBB },
	{ "rarr", 0x2192 }, { "rdquo", 0x201D }, { "reg", 0xAE },
	{ "rlm", 0x200F }, { "rsaquo", 0x203A }, { "rsquo", 0x2019 },
	{ "sbquo", 0x201A }, { "sdot", 0x22C5 }, { "sect", 0xA7 },
	{ "shy", 0xAD }, { "sigma", 0x3C3 }, { "sup1", 0xB9 },
	{ "sup2", 0xB2 }, { "sup3", 0xB3 }, { "szlig", 0xDF },
	{ "theta", 0x3B8 }, { "thinsp", 0x2009 }, { "times", 0xD7 },
	{ "trade", 0x2122 }, { "uarr", 0x2191 }, { "uml", 0xA8 },
	{ "yen", 0xA5 }, { "zwj", 0x200D }, { "zwnj", 0x200C },
};

/* the C1 range of numeric references means Windows-1252 (HTML) */
static const unsigned short win1252[32] = {
	0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
	0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

/*
 * Decode h->ent (the text after '&').  Without the ';' only the few
 * names old pages use bare are taken.  Returns 0 when it is not a
 * reference, and the text is then literal.
 */
static int
entity(struct nz_html *h, int semi)
{
	static const char *const bare[] = { "amp", "lt", "gt", "quot",
	    "nbsp", "copy", "reg", NULL };
	unsigned long	 v = 0;
	uint32_t	 cp = 0;
	size_t		 i, lo, hi, mid;
	int		 hex = 0, c;
	char		 b[4];

	h->ent[h->entlen] = '\0';
	if (h->entlen > 1 && h->ent[0] == '#') {
		i = 1;
		if (h->ent[1] == 'x' || h->ent[1] == 'X') {
			hex = 1;
			i = 2;
		}
		if (i >= h->entlen)
			return 0;
		for (; i < h->entlen; i++) {
			c = (unsigned char)h->ent[i];
			if (c >= '0' && c <= '9')
				c -= '0';
			else if (hex && lower(c) >= 'a' && lower(c) <= 'f')
				c = lower(c) - 'a' + 10;
			else
				return 0;
			if (v <= 0x10FFFF)
				v = v * (hex ? 16 : 10) + (unsigned long)c;
		}
		if (v >= 0x80 && v <= 0x9F)
			cp = win1252[v - 0x80];
		else if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
			cp = 0xFFFD;
		else
			cp = (uint32_t)v;
	} else {
		if (!semi && !name_in(h->ent, bare))
			return 0;
		lo = 0;
		hi = sizeof(entities) / sizeof(entities[0]);
		while (lo < hi) {
			mid = (lo + hi) / 2;
			c = strcmp(h->ent, entities[mid].name);
			if (c == 0) {
				cp = entities[mid].cp;
				break;
			}
			if (c < 0)
				hi = mid;
			else
				lo = mid + 1;
		}
		if (cp == 0)
			return 0;
	}
	text(h, b, gip_utf8_encode(cp, b));
	return 1;
}

static void
entity_literal(struct nz_html *h)
{
	text(h, "&", 1);
	text(h, h->ent, h->entlen);
}

void
nz_html_text(struct nz_html *h, const char *buf, size_t n)
{
	const char	*p = buf, *end = buf + n, *q;
	size_t		 k;
	unsigned long	 oline;
	unsigned char	 c;
	int		 ocr, reread = 0;

	while (p < end) {
		if (h->st == S_TEXT) {
			for (q = p; q < end && !(ends[(unsigned char)*q] & 1);
			    q++)
				;
			if (q > p) {
				h->cr = 0;
				text(h, p, (size_t)(q - p));
				p = q;
				continue;
			}
		} else if (h->st == S_TAG) {
			/* a run of bytes that change nothing but lastc */
			for (q = p; q < end && !(ends[(unsigned char)*q] & 2);
			    q++)
				;
			if (q > p) {
				h->cr = 0;
				h->lastc = q[-1];
				k = (size_t)(q - p);
				if (h->tag.len < TAGMAX)
					add(&h->tag, p, k <
					    TAGMAX - h->tag.len ? k :
					    TAGMAX - h->tag.len);
				p = q;
				continue;
			}
		}
		c = (unsigned char)*p++;
		oline = h->line;
		ocr = h->cr;
		if (c == '\n') {
			if (!h->cr)
				h->line++;
			h->cr = 0;
		} else if (c == '\r') {
			h->line++;
			h->cr = 1;
		} else
			h->cr = 0;
		switch (h->st) {
		case S_TEXT:
			if (c == '<') {
				h->st = S_LT;
				h->tagline = h->line;
			} else if (c == '&') {
				h->st = S_ENTITY;
				h->entlen = 0;
			} else
				text(h, (const char *)p - 1, 1);
			break;
		case S_LT:
			h->tag.len = 0;
			h->quote = 0;
			h->lastc = 0;
			if (is_alpha(c) || c == '/') {
				addc(&h->tag, c);
				h->st = S_TAG;
			} else if (c == '!') {
				h->bang = 0;
				h->st = S_BANG;
			} else if (c == '?')
				h->st = S_BOGUS;
			else {
				h->st = S_TEXT;
				text(h, "<", 1);
				reread = 1;
			}
			break;
		case S_TAG:
			if (h->quote) {
				if (c == (unsigned char)h->quote)
					h->quote = 0;
			} else if (c == '>') {
				h->st = S_TEXT;
				tag_done(h);
				break;
			} else if ((c == '"' || c == '\'') && h->lastc == '=')
				h->quote = (char)c;
			if (!is_space(c))
				h->lastc = (char)c;
			if (h->tag.len < TAGMAX)
				addc(&h->tag, is_space(c) ? ' ' : c);
			break;
		case S_BANG:
			if (c == '-' && ++h->bang == 2) {
				h->dashes = 0;
				h->st = S_COMMENT;
			} else if (c != '-')
				h->st = c == '>' ? S_TEXT : S_BOGUS;
			break;
		case S_COMMENT:
			if (c == '>' && h->dashes >= 2)
				h->st = S_TEXT;
			else if (c == '-')
				h->dashes++;
			else
				h->dashes = 0;
			break;
		case S_BOGUS:
			if (c == '>')
				h->st = S_TEXT;
			break;
		case S_RAW:
			if (lower(c) == h->raw[h->rawmatch]) {
				if (++h->rawmatch == h->rawlen)
					h->st = S_BOGUS;
			} else
				h->rawmatch = c == '<';
			break;
		case S_ENTITY:
			if ((is_alnum(c) || (c == '#' && h->entlen == 0)) &&
			    h->entlen < ENTMAX) {
				h->ent[h->entlen++] = (char)c;
				break;
			}
			h->st = S_TEXT;
			if (c == ';' && entity(h, 1))
				break;
			if (c == ';' || !entity(h, 0))
				entity_literal(h);
			reread = 1;
			break;
		}
		if (reread) {
			/* c is to be read again, as text */
			reread = 0;
			p--;
			h->line = oline;
			h->cr = ocr;
		}
	}
}

unsigned long
nz_html_line(const struct nz_html *h)
{
	return h->line;
}

void
nz_html_end(struct nz_html *h)
{
	if (h->st == S_ENTITY && !entity(h, 0))
		entity_literal(h);
	else if (h->st == S_LT)
		text(h, "<", 1);
	while (h->ntab > 0)
		table_pop(h);
	h->st = S_TEXT;
}

void
nz_html_free(struct nz_html *h)
{
	while (h->ntab > 0) {
		h->ntab--;
		gip_buf_free(&h->tab[h->ntab].text);
		free(h->tab[h->ntab].cells);
		free(h->tab[h->ntab].span);
	}
	free(h->tab);
	gip_buf_free(&h->tag);
	free(h);
}
