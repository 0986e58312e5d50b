/*
 * normalize_decode.c: the input encodings to valid UTF-8, chunk by
 * chunk.  UTF-8 is validated in place and copied only when it needs
 * repair; UTF-16 and GB18030 have decoders of their own (GB18030 by a
 * table of its two-byte codes that iconv fills once, because going
 * through iconv(3) costs more than all the rest of the normalization),
 * and so has Big5-HKSCS, which detection tries on every document that
 * is not UTF-8; anything else named with -f or <meta> goes through
 * iconv.
 * Every invalid sequence becomes one U+FFFD and is counted.
 */
#include <errno.h>
#include <iconv.h>
#include <string.h>

#include "gip.h"
#include "normalize.h"

#define REPL	"\xEF\xBF\xBD"

/* two-byte GB18030: lead 81..FE, trail 40..7E or 80..FE; 0 is invalid */
#define GB_NLEAD	126
#define GB_NTRAIL	190
static uint32_t	 gbtab[GB_NLEAD * GB_NTRAIL];
static int	 gbtab_state;		/* 0 not built, 1 built, -1 failed */
/*
 * The same codes in the BMP, already in UTF-8, by lead and any trail
 * byte: the bytes, first in the low byte, and their number in the top
 * one; 0 for a code the loop leaves to the slow path (invalid, four
 * bytes, or beyond the BMP).  One lookup and no branch per character.
 */
static uint32_t	 gbu8[GB_NLEAD * 256];
static iconv_t	 gb4cd = (iconv_t)-1;	/* four-byte codes in the BMP */

/* two-byte Big5-HKSCS: lead 81..FE, any trail byte */
#define B5_NLEAD	126
#define B5_NTRAIL	256
#define B5_BAD		0xFFFFFFFFu
static uint32_t	 b5tab[B5_NLEAD * B5_NTRAIL];
static int	 b5tab_state;

static void
bad(struct nz_dec *d)
{
	if (d->nbad++ == 0)
		d->firstbad = d->out.len;
	gip_buf_add(&d->out, REPL, 3);
}

static void
put_cp(struct nz_dec *d, uint32_t cp)
{
	gip_buf_grow(&d->out, 4);
	d->out.len += gip_utf8_encode(cp, d->out.p + d->out.len);
}

/* a code point from four bytes of UTF-32LE */
static uint32_t
le32(const unsigned char *b)
{
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
	    (uint32_t)b[3] << 24;
}

/*
 * Fill tab[0..nt) with the two-byte codes lead + trails[0..nt) as cd
 * (to UTF-32LE) decodes them: all of them in one iconv call, restarted
 * after each code iconv rejects (which gets rejected); a row whose
 * output does not come out one code point per code is redone code by
 * code, and a code that is neither one code point nor rejected gets 0.
 */
static void
build_row(iconv_t cd, int lead, const unsigned char *trails, int nt,
    uint32_t *tab, uint32_t rejected)
{
	unsigned char	 row[256 * 2];
	uint32_t	 cps[256 * 2];
	char		*ip, *op;
	size_t		 il, ol, r;
	int		 i, k, t;

	for (i = 0; i < nt; i++) {
		row[2 * i] = (unsigned char)lead;
		row[2 * i + 1] = trails[i];
	}
	for (i = 0; i < nt; ) {
		ip = (char *)row + 2 * i;
		il = (size_t)(nt - i) * 2;
		op = (char *)cps;
		ol = sizeof(cps);
		r = iconv(cd, &ip, &il, &op, &ol);
		k = (int)((op - (char *)cps) / 4);
		if (k * 2 != (int)(ip - ((char *)row + 2 * i)) ||
		    (r == (size_t)-1 && errno != EILSEQ)) {
			/* not one code point per code: go slowly */
			for (; i < nt; i++) {
				iconv(cd, NULL, NULL, NULL, NULL);
				ip = (char *)row + 2 * i;
				il = 2;
				op = (char *)cps;
				ol = sizeof(cps);
				r = iconv(cd, &ip, &il, &op, &ol);
				if (r != (size_t)-1 && il == 0 &&
				    op - (char *)cps == 4)
					tab[i] = le32((unsigned char *)cps);
				else if (r == (size_t)-1 && errno == EILSEQ &&
				    il == 2 && op == (char *)cps)
					tab[i] = rejected;
				else
					tab[i] = 0;
			}
			iconv(cd, NULL, NULL, NULL, NULL);
			break;
		}
		for (t = 0; t < k; t++)
			tab[i + t] = le32((unsigned char *)&cps[t]);
		i += k;
		if (r == (size_t)-1) {
			tab[i++] = rejected;	/* skip the rejected code */
			iconv(cd, NULL, NULL, NULL, NULL);
		}
	}
}

/* Fill gbtab from iconv, one lead byte at a time; invalid codes are 0. */
static int
gb_build(void)
{
	unsigned char	 trails[GB_NTRAIL];
	char		 u[4] = { 0 };
	iconv_t		 cd;
	uint32_t	 cp;
	size_t		 n;
	int		 lead, t, i;

	if (gbtab_state != 0)
		return gbtab_state;
	gbtab_state = -1;
	if ((cd = iconv_open("UTF-32LE", "GB18030")) == (iconv_t)-1)
		return -1;
	for (i = 0, t = 0x40; t <= 0xFE; t++)
		if (t != 0x7F)
			trails[i++] = (unsigned char)t;
	for (lead = 0; lead < GB_NLEAD; lead++)
		build_row(cd, 0x81 + lead, trails, GB_NTRAIL,
		    gbtab + lead * GB_NTRAIL, 0);
	iconv_close(cd);
	for (lead = 0; lead < GB_NLEAD; lead++)
		for (i = 0; i < GB_NTRAIL; i++) {
			cp = gbtab[lead * GB_NTRAIL + i];
			if (cp == 0 || cp >= 0x10000)
				continue;
			n = gip_utf8_encode(cp, u);
			gbu8[lead * 256 + trails[i]] = (uint32_t)n << 24 |
			    (uint32_t)(unsigned char)u[0] |
			    (uint32_t)(unsigned char)u[1] << 8 |
			    (uint32_t)(n > 2 ? (unsigned char)u[2] : 0) << 16;
		}
	gb4cd = iconv_open("UTF-8", "GB18030");
	gbtab_state = 1;
	return 1;
}

/*
 * The same for Big5-HKSCS, with every trail byte: misread GB18030 is
 * full of a lead byte before ASCII.  A code iconv rejects is B5_BAD; 0
 * means "ask iconv" (the four HKSCS codes that are two code points).
 */
static int
b5_build(void)
{
	unsigned char	 trails[B5_NTRAIL], ascii[0x80];
	uint32_t	 cps[0x80];
	iconv_t		 cd;
	char		*ip, *op;
	size_t		 il, ol;
	int		 lead, i;

	if (b5tab_state != 0)
		return b5tab_state;
	b5tab_state = -1;
	if ((cd = iconv_open("UTF-32LE", "BIG5-HKSCS")) == (iconv_t)-1)
		return -1;
	/* run_big5 copies ASCII: it must be ASCII */
	for (i = 0; i < 0x80; i++)
		ascii[i] = (unsigned char)i;
	ip = (char *)ascii;
	il = sizeof(ascii);
	op = (char *)cps;
	ol = sizeof(cps);
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 ||
	    op - (char *)cps != sizeof(cps)) {
		iconv_close(cd);
		return -1;
	}
	for (i = 0; i < 0x80; i++)
		if (le32((unsigned char *)&cps[i]) != (uint32_t)i) {
			iconv_close(cd);
			return -1;
		}
	for (i = 0; i < B5_NTRAIL; i++)
		trails[i] = (unsigned char)i;
	for (lead = 0; lead < B5_NLEAD; lead++)
		build_row(cd, 0x81 + lead, trails, B5_NTRAIL,
		    b5tab + lead * B5_NTRAIL, B5_BAD);
	iconv_close(cd);
	b5tab_state = 1;
	return 1;
}

/* A four-byte GB18030 code (already checked for form). */
static void
gb4(struct nz_dec *d, const unsigned char *p)
{
	unsigned long	 lin;
	char		 ob[8], *ip = (char *)(uintptr_t)p, *op = ob;
	size_t		 il = 4, ol = sizeof(ob);

	lin = (((unsigned long)(p[0] - 0x81) * 10 + (p[1] - 0x30)) * 126 +
	    (p[2] - 0x81)) * 10 + (p[3] - 0x30);
	if (p[0] >= 0x90) {
		if (lin - 189000 + 0x10000 <= 0x10FFFF)
			put_cp(d, (uint32_t)(lin - 189000 + 0x10000));
		else
			bad(d);
		return;
	}
	if (gb4cd != (iconv_t)-1 &&
	    iconv(gb4cd, &ip, &il, &op, &ol) != (size_t)-1 && il == 0)
		gip_buf_add(&d->out, ob, (size_t)(op - ob));
	else
		bad(d);
	if (gb4cd != (iconv_t)-1)
		iconv(gb4cd, NULL, NULL, NULL, NULL);
}

static size_t
run_gb18030(struct nz_dec *d, const unsigned char *p, size_t n, int eof)
{
	size_t		 i = 0;
	uint64_t	 w;
	uint32_t	 cp;
	unsigned char	 b;
	char		*o;

	/* room for the worst case (3 bytes out per byte in) up front */
	gip_buf_grow(&d->out, n * 3 + 16);
	while (i < n) {
		o = d->out.p + d->out.len;
		/* ASCII and two-byte codes, the bulk, without calls */
		while (i < n) {
			if (p[i] < 0x80) {
				/* ASCII eight bytes at a time (tables are) */
				while (n - i >= 8) {
					memcpy(&w, p + i, 8);
					if (w & 0x8080808080808080ULL)
						break;
					memcpy(o, &w, 8);
					o += 8;
					i += 8;
				}
				while (i < n && p[i] < 0x80)
					*o++ = (char)p[i++];
				continue;
			}
			if (i + 1 >= n || p[i] == 0x80 || p[i] == 0xFF ||
			    (cp = gbu8[(p[i] - 0x81) * 256 + p[i + 1]]) == 0)
				break;
			/* three bytes written, as many kept as it has */
			o[0] = (char)(cp & 0xFF);
			o[1] = (char)(cp >> 8 & 0xFF);
			o[2] = (char)(cp >> 16 & 0xFF);
			o += cp >> 24;
			i += 2;
		}
		d->out.len = (size_t)(o - d->out.p);
		if (i >= n)
			break;
		/* the rest, one code at a time */
		b = p[i];
		if (b == 0x80) {		/* the euro, as in CP936 */
			put_cp(d, 0x20AC);
			i++;
			continue;
		}
		if (b == 0xFF) {
			bad(d);
			i++;
			continue;
		}
		if (i + 1 >= n) {
			if (!eof)
				break;
			bad(d);
			i++;
			continue;
		}
		b = p[i + 1];
		if (b >= 0x30 && b <= 0x39) {
			if (i + 3 >= n && !eof)
				break;
			if (i + 3 >= n || p[i + 2] < 0x81 || p[i + 2] > 0xFE ||
			    p[i + 3] < 0x30 || p[i + 3] > 0x39) {
				bad(d);
				i++;
				continue;
			}
			gb4(d, p + i);
			i += 4;
			continue;
		}
		if (b < 0x40 || b == 0x7F || b == 0xFF) {
			bad(d);
			i++;
			continue;
		}
		cp = gbtab[(p[i] - 0x81) * GB_NTRAIL + b - 0x40 - (b > 0x7F)];
		if (cp == 0) {
			bad(d);
			i += b < 0x80 ? 1 : 2;
			continue;
		}
		put_cp(d, cp);
		i += 2;
	}
	return i;
}

static size_t
run_utf16(struct nz_dec *d, const unsigned char *p, size_t n, int eof)
{
	size_t		 i = 0;
	uint32_t	 u, v;
	int		 be = d->enc == NZ_UTF16BE;
	char		*o;

	/* room for the worst case (3 bytes out per 2 in, or a U+FFFD) */
	gip_buf_grow(&d->out, n * 2 + 16);
	o = d->out.p + d->out.len;
	while (i + 1 < n) {
		u = be ? (uint32_t)p[i] << 8 | p[i + 1] :
		    (uint32_t)p[i + 1] << 8 | p[i];
		if (u < 0x80) {
			*o++ = (char)u;
			i += 2;
			continue;
		}
		if (u < 0x800) {
			*o++ = (char)(0xC0 | u >> 6);
			*o++ = (char)(0x80 | (u & 0x3F));
			i += 2;
			continue;
		}
		if (u < 0xD800 || u > 0xDFFF) {
			*o++ = (char)(0xE0 | u >> 12);
			*o++ = (char)(0x80 | ((u >> 6) & 0x3F));
			*o++ = (char)(0x80 | (u & 0x3F));
			i += 2;
			continue;
		}
		/* surrogates */
		d->out.len = (size_t)(o - d->out.p);
		if (u <= 0xDBFF) {
			if (i + 3 >= n) {
				if (!eof)
					break;
				bad(d);
				i += 2;
			} else {
				v = be ? (uint32_t)p[i + 2] << 8 | p[i + 3] :
				    (uint32_t)p[i + 3] << 8 | p[i + 2];
				if (v < 0xDC00 || v > 0xDFFF) {
					bad(d);
					i += 2;
				} else {
					put_cp(d, 0x10000 +
					    ((u - 0xD800) << 10) + (v - 0xDC00));
					i += 4;
				}
			}
		} else {
			bad(d);			/* a low one alone */
			i += 2;
		}
		o = d->out.p + d->out.len;
	}
	d->out.len = (size_t)(o - d->out.p);
	if (eof && i < n) {
		bad(d);
		i = n;
	}
	return i;
}

/*
 * UTF-8: find the valid prefix; when all of it is valid, the text is
 * the input itself.  Otherwise copy with repairs from the first error.
 * The checks are those of Unicode table 3-7, and an error replaces the
 * maximal invalid subpart, as gip_utf8_decode does.
 */
static size_t
utf8_seq(const unsigned char *p, size_t n, int *isbad)
{
	unsigned char	 lo = 0x80, hi = 0xBF, c = p[0];
	size_t		 need, k;

	*isbad = 1;
	if (c >= 0xC2 && c <= 0xDF)
		need = 1;
	else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else
		return 1;
	for (k = 1; k <= need; k++) {
		if (k >= n) {
			*isbad = -1;		/* cut short: more may come */
			return k;
		}
		if (p[k] < lo || p[k] > hi)
			return k;
		lo = 0x80;
		hi = 0xBF;
	}
	*isbad = 0;
	return need + 1;
}

static size_t
run_utf8(struct nz_dec *d, const unsigned char *p, size_t n, int eof,
    const char **text, size_t *len)
{
	size_t		 i = 0, k, mark;
	int		 isbad, copying = 0;

	/* what nz_detect found valid: the loop would only step over it */
	if (d->valid <= n)
		i = d->valid;
	d->valid = 0;
	mark = 0;
	while (i < n) {
		if (p[i] < 0x80) {
			i++;
			/* ASCII eight bytes at a time */
			while (n - i >= 8) {
				uint64_t w;

				memcpy(&w, p + i, 8);
				if (w & 0x8080808080808080ULL)
					break;
				i += 8;
			}
			continue;
		}
		/* most Han and CJK punctuation: E1..EC, EE, EF lead bytes */
		if (n - i > 2 && ((p[i] >= 0xE1 && p[i] <= 0xEC) ||
		    p[i] >= 0xEE) && p[i] <= 0xEF && (p[i + 1] & 0xC0) == 0x80 &&
		    (p[i + 2] & 0xC0) == 0x80) {
			i += 3;
			continue;
		}
		k = utf8_seq(p + i, n - i, &isbad);
		if (isbad == 0) {
			i += k;
			continue;
		}
		if (isbad < 0 && !eof)
			break;
		if (!copying) {
			copying = 1;
			gip_buf_grow(&d->out, n + n / 2 + 16);
		}
		gip_buf_add(&d->out, p + mark, i - mark);
		bad(d);
		i += k;
		mark = i;
	}
	if (!copying) {
		*text = (const char *)p;
		*len = i;
		return i;
	}
	gip_buf_add(&d->out, p + mark, i - mark);
	*text = d->out.p;
	*len = d->out.len;
	return i;
}

static size_t
run_iconv(struct nz_dec *d, const unsigned char *p, size_t n, int eof)
{
	char	*ip = (char *)(uintptr_t)p, *op;
	size_t	 il = n, ol, r;

	for (;;) {
		gip_buf_grow(&d->out, il * 4 + 64);
		op = d->out.p + d->out.len;
		ol = d->out.cap - d->out.len;
		r = iconv(d->cd, &ip, &il, &op, &ol);
		d->out.len = (size_t)(op - d->out.p);
		if (r != (size_t)-1 || il == 0)
			break;
		if (errno == E2BIG)
			continue;
		if (errno == EINVAL && !eof)
			break;
		/* EILSEQ, or an incomplete sequence at the end */
		bad(d);
		iconv(d->cd, NULL, NULL, NULL, NULL);
		ip++;
		il--;
		if (errno == EINVAL) {
			ip += il;
			il = 0;
		}
	}
	if (eof) {
		/* a stateful decoder may still hold a character */
		gip_buf_grow(&d->out, 64);
		op = d->out.p + d->out.len;
		ol = d->out.cap - d->out.len;
		iconv(d->cd, NULL, NULL, &op, &ol);
		d->out.len = (size_t)(op - d->out.p);
	}
	return n - il;
}

/*
 * Open iconv descriptors and the largest output buffer are kept from
 * one decoder to the next: detection tries several decodings of every
 * document, and a run has thousands of small ones.
 */
#define NCACHE	4
static struct {
	char	 name[sizeof(((struct nz_detect *)0)->name)];
	iconv_t	 cd;
	int	 busy;
}		 cds[NCACHE];
static struct gip_buf spare;

static iconv_t
cd_open(const char *name)
{
	iconv_t	 cd;
	int	 i;

	for (i = 0; i < NCACHE && cds[i].name[0] != '\0'; i++)
		if (!cds[i].busy && strcmp(cds[i].name, name) == 0) {
			cds[i].busy = 1;
			return cds[i].cd;
		}
	if ((cd = iconv_open("UTF-8", name)) == (iconv_t)-1)
		return cd;
	if (i < NCACHE) {
		strcpy(cds[i].name, name);
		cds[i].cd = cd;
		cds[i].busy = 1;
	}
	return cd;
}

static void
cd_close(iconv_t cd)
{
	int	 i;

	for (i = 0; i < NCACHE && cds[i].name[0] != '\0'; i++)
		if (cds[i].busy && cds[i].cd == cd) {
			iconv(cd, NULL, NULL, NULL, NULL);
			cds[i].busy = 0;
			return;
		}
	iconv_close(cd);
}

/*
 * Big5-HKSCS by b5tab, up to the first code the table does not have
 * (0 in it, a byte that cannot lead, a code cut by the end of the
 * chunk): from there the rest of the chunk goes through iconv, which
 * is in its initial state then.
 */
static size_t
run_big5(struct nz_dec *d, const unsigned char *p, size_t n, int eof)
{
	size_t		 i = 0;
	uint32_t	 cp;
	char		*o;

	/* room for the worst case (3 bytes out per byte in) up front */
	gip_buf_grow(&d->out, n * 3 + 16);
	o = d->out.p + d->out.len;
	while (i < n) {
		if (p[i] < 0x80) {
			*o++ = (char)p[i++];
			continue;
		}
		if (i + 1 >= n || p[i] == 0x80 || p[i] == 0xFF)
			break;
		cp = b5tab[(p[i] - 0x81) * B5_NTRAIL + p[i + 1]];
		if (cp == 0)
			break;
		if (cp == B5_BAD) {
			/* as iconv has it: the lead byte is the bad one */
			d->out.len = (size_t)(o - d->out.p);
			bad(d);
			o = d->out.p + d->out.len;
			i++;
			continue;
		}
		o += gip_utf8_encode(cp, o);
		i += 2;
	}
	d->out.len = (size_t)(o - d->out.p);
	if (i < n)
		i += run_iconv(d, p + i, n - i, eof);
	return i;
}

int
nz_dec_open(struct nz_dec *d, const struct nz_detect *det)
{
	memset(d, 0, sizeof(*d));
	d->out = spare;
	memset(&spare, 0, sizeof(spare));
	d->enc = det->enc;
	if (det->enc == NZ_UTF8 && det->bom == 0)
		d->valid = det->valid;
	d->cd = (void *)(iconv_t)-1;
	if (d->enc == NZ_GB18030 && gb_build() == 1)
		return 0;
	if (d->enc == NZ_GB18030 || d->enc == NZ_BIG5 || d->enc == NZ_ICONV) {
		d->cd = (void *)cd_open(det->name);
		if ((iconv_t)d->cd == (iconv_t)-1) {
			nz_dec_close(d);
			return -1;
		}
		if (d->enc != NZ_BIG5 || b5_build() != 1)
			d->enc = NZ_ICONV;
	}
	return 0;
}

size_t
nz_dec_run(struct nz_dec *d, const unsigned char *p, size_t n, int eof,
    const char **text, size_t *len)
{
	size_t	 used;

	d->out.len = 0;
	d->nbad = 0;
	d->firstbad = 0;
	switch (d->enc) {
	case NZ_UTF8:
		return run_utf8(d, p, n, eof, text, len);
	case NZ_UTF16LE:
	case NZ_UTF16BE:
		used = run_utf16(d, p, n, eof);
		break;
	case NZ_GB18030:
		used = run_gb18030(d, p, n, eof);
		break;
	case NZ_BIG5:
		used = run_big5(d, p, n, eof);
		break;
	default:
		used = run_iconv(d, p, n, eof);
		break;
	}
	*text = d->out.p;
	*len = d->out.len;
	return used;
}

void
nz_dec_close(struct nz_dec *d)
{
	if ((iconv_t)d->cd != (iconv_t)-1)
		cd_close((iconv_t)d->cd);
	d->cd = (void *)(iconv_t)-1;
	if (d->out.cap > spare.cap) {
		gip_buf_free(&spare);
		spare = d->out;
	} else
		gip_buf_free(&d->out);
	memset(&d->out, 0, sizeof(d->out));
}
