/*
 * normalize_text.c: the sink.  It takes valid UTF-8 text and writes it
 * as normalized lines of the framed stream: line breaks unified, white
 * space and invisible characters mapped, full-width forms and
 * traditional characters folded, trailing spaces and runs of blank
 * lines removed, and a "line" frame wherever the output line numbers
 * stop matching the source.  Nothing is held back but a count of
 * pending spaces, so a line of any length streams through; the output
 * buffer is flushed early when one line grows past SPILL (such a line
 * could not be written atomically anyway).
 */
#include <string.h>

#include "gip.h"
#include "normalize.h"

#define SPILL	(1024 * 1024)

/* byte classes of the scanner: 0 copies, anything else is looked at */
enum { C_COPY, C_CTRL, C_SPACE, C_TAB, C_LF, C_CR, C_LEAD, C_HAN };

static uint32_t	 cp3(const unsigned char *);

static unsigned char	 cls[256];
/* length of a character starting with this byte that is always copied */
static unsigned char	 skip[256];
/*
 * The Han characters U+3400..U+9FFF that the traditional folding looks
 * at, a bit per character, a word per 64 (a lead and a second byte of
 * UTF-8): those of the tables of normalize_t2s.c (t2s_mask); of them,
 * the traditional ones (t2s_src); and those a word rule wants before a
 * character when it is not traditional itself (t2s_prev).
 */
#define T2S_WORDS	((0xA000 - 0x3000) / 64)
static uint64_t		 t2s_mask[T2S_WORDS];
static uint64_t		 t2s_src[T2S_WORDS];
static uint64_t		 t2s_prev[T2S_WORDS];

/* Kangxi radicals U+2F00..U+2FD5 as the ideographs NFKC gives */
static const unsigned short kangxi[214] = {
	0x4e00, 0x4e28, 0x4e36, 0x4e3f, 0x4e59, 0x4e85, 0x4e8c, 0x4ea0,
	0x4eba, 0x513f, 0x5165, 0x516b, 0x5182, 0x5196, 0x51ab, 0x51e0,
	0x51f5, 0x5200, 0x529b, 0x52f9, 0x5315, 0x531a, 0x5338, 0x5341,
	0x535c, 0x5369, 0x5382, 0x53b6, 0x53c8, 0x53e3, 0x56d7, 0x571f,
	0x58eb, 0x5902, 0x590a, 0x5915, 0x5927, 0x5973, 0x5b50, 0x5b80,
	0x5bf8, 0x5c0f, 0x5c22, 0x5c38, 0x5c6e, 0x5c71, 0x5ddb, 0x5de5,
	0x5df1, 0x5dfe, 0x5e72, 0x5e7a, 0x5e7f, 0x5ef4, 0x5efe, 0x5f0b,
	0x5f13, 0x5f50, 0x5f61, 0x5f73, 0x5fc3, 0x6208, 0x6236, 0x624b,
	0x652f, 0x6534, 0x6587, 0x6597, 0x65a4, 0x65b9, 0x65e0, 0x65e5,
	0x66f0, 0x6708, 0x6728, 0x6b20, 0x6b62, 0x6b79, 0x6bb3, 0x6bcb,
	0x6bd4, 0x6bdb, 0x6c0f, 0x6c14, 0x6c34, 0x706b, 0x722a, 0x7236,
	0x723b, 0x723f, 0x7247, 0x7259, 0x725b, 0x72ac, 0x7384, 0x7389,
	0x74dc, 0x74e6, 0x7518, 0x751f, 0x7528, 0x7530, 0x758b, 0x7592,
	0x7676, 0x767d, 0x76ae, 0x76bf, 0x76ee, 0x77db, 0x77e2, 0x77f3,
	0x793a, 0x79b8, 0x79be, 0x7a74, 0x7acb, 0x7af9, 0x7c73, 0x7cf8,
	0x7f36, 0x7f51, 0x7f8a, 0x7fbd, 0x8001, 0x800c, 0x8012, 0x8033,
	0x807f, 0x8089, 0x81e3, 0x81ea, 0x81f3, 0x81fc, 0x820c, 0x821b,
	0x821f, 0x826e, 0x8272, 0x8278, 0x864d, 0x866b, 0x8840, 0x884c,
	0x8863, 0x897e, 0x898b, 0x89d2, 0x8a00, 0x8c37, 0x8c46, 0x8c55,
	0x8c78, 0x8c9d, 0x8d64, 0x8d70, 0x8db3, 0x8eab, 0x8eca, 0x8f9b,
	0x8fb0, 0x8fb5, 0x9091, 0x9149, 0x91c6, 0x91cc, 0x91d1, 0x9577,
	0x9580, 0x961c, 0x96b6, 0x96b9, 0x96e8, 0x9751, 0x975e, 0x9762,
	0x9769, 0x97cb, 0x97ed, 0x97f3, 0x9801, 0x98a8, 0x98db, 0x98df,
	0x9996, 0x9999, 0x99ac, 0x9aa8, 0x9ad8, 0x9adf, 0x9b25, 0x9b2f,
	0x9b32, 0x9b3c, 0x9b5a, 0x9ce5, 0x9e75, 0x9e7f, 0x9ea5, 0x9ebb,
	0x9ec3, 0x9ecd, 0x9ed1, 0x9ef9, 0x9efd, 0x9f0e, 0x9f13, 0x9f20,
	0x9f3b, 0x9f4a, 0x9f52, 0x9f8d, 0x9f9c, 0x9fa0
};

/* A character of U+3000..U+9FFF, by code point or by its UTF-8 bytes */
#define T2S_BIT(m, cp)	((m)[((cp) >> 6) - 0xC0] >> ((cp) & 0x3F) & 1)
#define T2S_BYTES(m, p)	((m)[((((p)[0] & 0x0F) << 6) | \
			    ((p)[1] & 0x3F)) - 0xC0] >> ((p)[2] & 0x3F) & 1)

static void
t2s_mark(uint64_t *m, uint32_t cp)
{
	m[(cp >> 6) - 0xC0] |= (uint64_t)1 << (cp & 0x3F);
}

static void
init_classes(void)
{
	size_t	 i;
	int	 c;

	if (cls['\n'] == C_LF)
		return;
	for (i = 0; i < nz_t2s_nchar; i++) {
		t2s_mark(t2s_mask, nz_t2s_char[i][0]);
		t2s_mark(t2s_src, nz_t2s_char[i][0]);
	}
	for (i = 0; i < nz_t2s_nword; i++) {
		t2s_mark(t2s_mask, nz_t2s_word[i][0]);
		t2s_mark(t2s_prev, nz_t2s_word[i][1]);
	}
	for (c = 0; c < 0x20; c++)
		cls[c] = C_CTRL;
	cls[0x7F] = C_CTRL;
	cls[' '] = C_SPACE;
	cls['\t'] = C_TAB;
	cls['\n'] = C_LF;
	cls['\r'] = C_CR;
	cls[0xC2] = cls[0xE2] = cls[0xE3] = cls[0xEF] = C_LEAD;
	for (c = 0xE4; c <= 0xE9; c++)
		cls[c] = C_HAN;		/* looked at only when folding */
	for (c = 0x21; c < 0x7F; c++)
		skip[c] = 1;
	for (c = 0x80; c <= 0xBF; c++)
		skip[c] = 1;		/* reached only after a word step */
	for (c = 0xC3; c <= 0xDF; c++)
		skip[c] = 2;
	for (c = 0xE0; c <= 0xEE; c++)
		skip[c] = c == 0xE2 || c == 0xE3 ? 0 : 3;
	for (c = 0xF0; c <= 0xF4; c++)
		skip[c] = 4;
}

void
nz_sink_init(struct nz_sink *s, struct gip_out *out, int fold, int t2s)
{
	init_classes();
	memset(s, 0, sizeof(*s));
	s->out = out;
	s->fold = fold;
	s->t2s = t2s;
	s->count = 1;
	s->src = 1;
	s->next = 1;
}

/* Send a line that has grown too long on its way, unfinished. */
static void
spill(struct nz_sink *s)
{
	if (s->out->buf.len - s->out->lstart > SPILL) {
		gip_out_flush(s->out);
		s->lastcp = 0;
	}
}

/* Start a line (or go on with it) before content: blank line, frame. */
static void
begin(struct nz_sink *s)
{
	static const char sp[64] = "                                "
	    "                                ";
	size_t	 n;

	if (!s->inl) {
		if (s->blank && s->any) {
			gip_out_endline(s->out);
			s->next++;
		}
		s->blank = 0;
		s->inl = 1;
		s->lsrc = s->src;
		if (s->lsrc != s->next)
			gip_frame_line(s->out, s->lsrc);
		if (s->collapse)
			s->spaces = 0;
	}
	if (s->collapse && s->spaces > 1)
		s->spaces = 1;
	while (s->spaces > 0) {
		n = s->spaces < sizeof(sp) ? s->spaces : sizeof(sp);
		gip_out_write(s->out, sp, n);
		s->spaces -= n;
		spill(s);
	}
	s->aftertab = 0;
}

/*
 * A pinyin letter at b[i-k..i) (k = 1 or 2), read backwards: a-z, or a
 * vowel with a tone mark or ü (then *tone is set).
 */
static size_t
pinyin_back(const unsigned char *b, size_t i, int *tone)
{
	unsigned char	 c;

	if (i >= 1 && b[i - 1] >= 'a' && b[i - 1] <= 'z')
		return 1;
	if (i < 2 || (b[i - 1] & 0xC0) != 0x80)
		return 0;
	c = b[i - 1];
	switch (b[i - 2]) {
	case 0xC3:	/* à á è é ì í ò ó ù ú ü */
		if (c == 0xA0 || c == 0xA1 || c == 0xA8 || c == 0xA9 ||
		    c == 0xAC || c == 0xAD || c == 0xB2 || c == 0xB3 ||
		    c == 0xB9 || c == 0xBA || c == 0xBC)
			break;
		return 0;
	case 0xC4:	/* ā ē ě ī */
		if (c == 0x81 || c == 0x93 || c == 0x9B || c == 0xAB)
			break;
		return 0;
	case 0xC5:	/* ō ū */
		if (c == 0x8D || c == 0xAB)
			break;
		return 0;
	case 0xC7:	/* ǎ ǐ ǒ ǔ ǖ ǘ ǚ ǜ */
		if (c >= 0x8E && c <= 0x9C && c % 2 == 0)
			break;
		return 0;
	default:
		return 0;
	}
	*tone = 1;
	return 2;
}

/*
 * Mirror sites annotate characters with their pinyin: 報(bào)告.  When
 * the line so far ends in a Han character, "(", one pinyin syllable
 * with a tone mark and ")", drop the annotation.  Returns its length.
 */
static size_t
pinyin_tail(const unsigned char *b, size_t from, size_t len)
{
	size_t	 i = len - 1, k, nl = 0;
	int	 tone = 0;
	uint32_t cp;

	while ((k = pinyin_back(b, i, &tone)) > 0 && nl < 7) {
		i -= k;
		nl++;
	}
	if (nl == 0 || nl > 6 || !tone || i < from + 4 || b[i - 1] != '(')
		return 0;
	i--;
	if ((b[i - 3] & 0xF0) != 0xE0)
		return 0;
	cp = cp3(b + i - 3);
	if (cp < 0x3400 || cp > 0x9FFF)
		return 0;
	return len - i;
}

static void
put(struct nz_sink *s, const char *p, size_t n)
{
	const char	*q;
	size_t		 k;

	if (!s->inl || s->spaces > 0)
		begin(s);
	s->aftertab = 0;
	/* unless -T, pinyin annotations go: see pinyin_tail() */
	while (s->t2s && (q = memchr(p, ')', n)) != NULL) {
		gip_out_write(s->out, p, (size_t)(q - p) + 1);
		n -= (size_t)(q - p) + 1;
		p = q + 1;
		k = pinyin_tail((const unsigned char *)s->out->buf.p,
		    s->out->lstart, s->out->buf.len);
		if (k > 0) {
			s->out->buf.len -= k;
			s->lastcp = 0;
		}
	}
	gip_out_write(s->out, p, n);
	spill(s);
}

static void
space(struct nz_sink *s)
{
	if (!s->aftertab)
		s->spaces++;
}

void
nz_sink_tab(struct nz_sink *s)
{
	s->spaces = 0;
	if (!s->inl)
		begin(s);
	gip_out_write(s->out, "\t", 1);
	s->aftertab = 1;
	spill(s);
}

void
nz_sink_eol(struct nz_sink *s)
{
	s->spaces = 0;
	s->aftertab = 0;
	s->lastcp = 0;
	if (s->inl) {
		gip_out_endline(s->out);
		s->next = s->lsrc + 1;
		s->inl = 0;
		s->any = 1;
	} else if (s->any && !s->collapse)
		s->blank = 1;
}

void
nz_sink_end(struct nz_sink *s)
{
	if (s->inl)
		nz_sink_eol(s);
	s->blank = 0;
}

/* A line break in the source: a new line, counted in plain text. */
static void
newline(struct nz_sink *s)
{
	if (s->collapse) {
		space(s);
		return;
	}
	nz_sink_eol(s);
	if (s->count)
		s->src++;
}

/*
 * A break that is not a source line (FF, VT, NEL, U+2028, U+2029): it
 * ends a line with content, and makes no blank line.
 */
static void
softbreak(struct nz_sink *s)
{
	if (s->collapse)
		space(s);
	else if (s->inl)
		nz_sink_eol(s);
}

static void
put_cp(struct nz_sink *s, uint32_t cp)
{
	char	 b[4];

	put(s, b, gip_utf8_encode(cp, b));
}

/*
 * U+FF01..U+FF5E to ASCII, except the four marks that are plain
 * Chinese sentence punctuation and matter to no parser: ，；！？.
 */
static int
foldable(uint32_t cp)
{
	return cp != 0xFF0C && cp != 0xFF1B && cp != 0xFF01 && cp != 0xFF1F;
}

static uint32_t
cp3(const unsigned char *p)
{
	return ((uint32_t)(p[0] & 0x0F) << 12) |
	    ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
}

/* the simplified form of a character (itself when there is none) */
static uint32_t
t2s_char(uint32_t cp)
{
	size_t	 lo = 0, hi = nz_t2s_nchar, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (nz_t2s_char[mid][0] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < nz_t2s_nchar && nz_t2s_char[lo][0] == cp ?
	    nz_t2s_char[lo][1] : cp;
}

/* the first word rule for this character (nz_t2s_nword when none) */
static size_t
t2s_word(uint32_t cp)
{
	size_t	 lo = 0, hi = nz_t2s_nword, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (nz_t2s_word[mid][0] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Is the character just written, on this line, cp as written in the
 * input?  Either the last one folded (lastcp), or one copied as it was.
 */
static int
before(const struct nz_sink *s, uint32_t cp)
{
	const unsigned char *e;
	size_t	 len = s->out->buf.len;

	if (!s->inl || s->spaces > 0 || len - s->out->lstart < 3)
		return 0;
	if (s->lastcp != 0 && s->lastend == len)
		return s->lastcp == cp;
	e = (const unsigned char *)s->out->buf.p + len - 3;
	return (e[0] & 0xF0) == 0xE0 && cp3(e) == cp;
}

/*
 * A Han character that may be traditional: its simplified form, or the
 * form it takes in a word with the one before, which is rewritten in
 * place if need be (the tables hold three-byte characters only).
 */
static void
han(struct nz_sink *s, uint32_t cp)
{
	uint32_t	 to = t2s_char(cp);
	size_t		 i;

	for (i = t2s_word(cp); i < nz_t2s_nword && nz_t2s_word[i][0] == cp;
	    i++)
		if (before(s, nz_t2s_word[i][1])) {
			gip_utf8_encode(nz_t2s_word[i][2],
			    s->out->buf.p + s->out->buf.len - 3);
			to = nz_t2s_word[i][3];
			break;
		}
	put_cp(s, to);
	s->lastcp = cp;
	s->lastend = s->out->buf.len;
}

/* An ideograph that width folding made: folded further unless -T. */
static void
ideograph(struct nz_sink *s, uint32_t cp)
{
	if (s->t2s)
		han(s, cp);
	else
		put_cp(s, cp);
}

/* Is this character (lead C2, E2, E3 or EF) changed or dropped? */
static int
special(const struct nz_sink *s, const unsigned char *p)
{
	uint32_t	 cp;

	if (p[0] == 0xC2)
		return p[1] <= 0xA0 || p[1] == 0xAD;
	cp = cp3(p);
	if (cp >= 0x3400 && cp <= 0x9FFF)
		return s->t2s && T2S_BIT(t2s_mask, cp);
	if (cp >= 0x2000 && cp <= 0x206F)
		return cp <= 0x200F || (cp >= 0x2028 && cp <= 0x202F) ||
		    cp >= 0x205F;
	if (cp == 0x3000 || cp == 0xFEFF)
		return 1;
	if (!s->fold)
		return 0;
	return (cp >= 0xFF01 && cp <= 0xFF5E && foldable(cp)) ||
	    (cp >= 0x2F00 && cp <= 0x2FD5) || cp == 0x2E9F || cp == 0x2EF3;
}

/* The 3-byte characters starting E2, E3 or EF that are not copied. */
static size_t
lead3(struct nz_sink *s, const unsigned char *p)
{
	uint32_t	 cp = cp3(p);

	if ((cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
	    cp == 0x3000)
		space(s);
	else if ((cp >= 0x200B && cp <= 0x200F) ||
	    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) ||
	    cp == 0xFEFF)
		;
	else if (cp == 0x2028 || cp == 0x2029)
		softbreak(s);
	else if (s->t2s && cp >= 0x3400 && cp <= 0x9FFF && T2S_BIT(t2s_mask, cp))
		han(s, cp);
	else if (s->fold && cp >= 0xFF01 && cp <= 0xFF5E && foldable(cp)) {
		char c = (char)(cp - 0xFF01 + 0x21);
		put(s, &c, 1);
	} else if (s->fold && cp >= 0x2F00 && cp <= 0x2FD5)
		ideograph(s, kangxi[cp - 0x2F00]);
	else if (s->fold && cp == 0x2E9F)
		ideograph(s, 0x6BCD);
	else if (s->fold && cp == 0x2EF3)
		ideograph(s, 0x9F9F);
	else
		put(s, (const char *)p, 3);
	return 3;
}

/*
 * Where the next byte that may need attention is: a control, a space,
 * DEL, or the lead bytes C2, E2, E3, EF.  Eight bytes at a time (the
 * bit tricks of "Bit Twiddling Hacks": a byte less than n, a byte equal
 * to b); the lowest flag is always a true one.  None of these bytes is
 * ever inside a character, so the result is a character boundary.
 */
#define ONES	0x0101010101010101ULL
#define HIGHS	0x8080808080808080ULL
#define LESS(w, n)	(((w) - ONES * (n)) & ~(w) & HIGHS)
#define EQ(w, b)	LESS((w) ^ (ONES * (b)), 1)

static const unsigned char *
next_attention(const unsigned char *q, const unsigned char *end)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t	 w, m;

	while (end - q >= 8) {
		memcpy(&w, q, 8);
		m = LESS(w, 0x21) | EQ(w, 0x7F) | EQ(w, 0xC2) | EQ(w, 0xE2) |
		    EQ(w, 0xE3) | EQ(w, 0xEF);
		if (m != 0)
			return q + __builtin_ctzll(m) / 8;
		q += 8;
	}
#endif
	while (q < end && skip[*q] != 0)
		q += skip[*q];
	return q;
}

/*
 * The same when folding traditional characters, which stops at those
 * of the tables too: a character at a time, but eight bytes of plain
 * ASCII at once.  The run copied as it is starts at p; a character
 * that only a word rule wants is passed over unless the one before it
 * in the run may start such a word (at the start of the run, it may).
 */
static const unsigned char *
next_han(const unsigned char *p, const unsigned char *q,
    const unsigned char *end)
{
	uint64_t	 w;

	while (q < end) {
		if (*q >= 0xE4 && *q <= 0xE9) {
			if (T2S_BYTES(t2s_mask, q) && (T2S_BYTES(t2s_src, q) ||
			    q - p < 3 || (q[-3] >= 0xE3 && q[-3] <= 0xE9 &&
			    T2S_BYTES(t2s_prev, q - 3))))
				return q;
			q += 3;
		} else if (skip[*q] == 0)
			return q;
		else if (*q < 0x80 && end - q >= 8 &&
		    (memcpy(&w, q, 8), (w & HIGHS) == 0) &&
		    (LESS(w, 0x21) | EQ(w, 0x7F)) == 0)
			q += 8;
		else
			q += skip[*q];
	}
	return q;
}

/*
 * The scanner.  Runs of characters that stay as they are are copied in
 * one piece (the input is valid UTF-8, and a chunk ends at a character
 * boundary).
 */
void
nz_sink_text(struct nz_sink *s, const char *text, size_t n)
{
	const unsigned char *p = (const unsigned char *)text;
	const unsigned char *end = p + n, *q;

	while (p < end) {
		for (q = p; (q = s->t2s ? next_han(p, q, end) :
		    next_attention(q, end)) < end; )
			if (cls[*q] == C_LEAD && !special(s, q))
				q += *q == 0xC2 ? 2 : 3;
			else if (*q == ' ' && q > p && !s->collapse &&
			    end - q > 1 && skip[q[1]] != 0)
				q++;	/* one space inside the run: keep it */
			else
				break;
		if (q > p) {
			s->cr = 0;
			put(s, (const char *)p, (size_t)(q - p));
			p = q;
			if (p == end)
				break;
		}
		switch (cls[*p]) {
		case C_LF:
			if (s->cr)
				s->cr = 0;
			else
				newline(s);
			p++;
			continue;
		case C_CR:
			newline(s);
			s->cr = 1;
			p++;
			continue;
		default:
			break;
		}
		s->cr = 0;
		switch (cls[*p]) {
		case C_SPACE:
			space(s);
			p++;
			break;
		case C_TAB:
			if (s->collapse)
				space(s);
			else
				nz_sink_tab(s);
			p++;
			break;
		case C_CTRL:
			if (*p == '\f' || *p == '\v')
				softbreak(s);
			else if (*p == '\0') {
				if (s->nnul++ == 0)
					s->nulline = s->src;
			}
			p++;
			break;
		case C_HAN:
			han(s, cp3(p));
			p += 3;
			break;
		default:
			/* C_LEAD: C2, E2, E3 or EF */
			if (*p == 0xC2) {
				if (p[1] == 0xA0)
					space(s);
				else if (p[1] == 0x85)
					softbreak(s);
				else if (p[1] >= 0xA0 && p[1] != 0xAD)
					put(s, (const char *)p, 2);
				p += 2;
			} else
				p += lead3(s, p);
			break;
		}
	}
}
