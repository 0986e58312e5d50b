/*
 * normalize_decode.c: the input encodings to valid UTF-8, chunk by
 * chunk.  UTF-8 is validated in place and copied only when it needs
 * repair; UTF-16 and GB18030 have decoders of their own (GB18030 by a
 * table of its two-byte codes that iconv fills once, because going
 * through iconv(3) costs more than all the rest of the normalization);
 * Big5-HKSCS and anything named with -f or <meta> go through iconv.
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
static iconv_t	 gb4cd = (iconv_t)-1;	/* four-byte codes in the BMP */

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

/*
 * Fill gbtab from iconv, one lead byte at a time: each row is one
 * iconv call to UTF-32LE; a code iconv rejects stays 0.  A row whose
 * output does not come out one code point per code is redone code by
 * code.
 */
static int
gb_build(void)
{
	unsigned char	 row[GB_NTRAIL * 2];
	uint32_t	 cps[GB_NTRAIL * 2];
	iconv_t		 cd;
	char		*ip, *op;
	size_t		 il, ol, r;
	int		 lead, t, i, k;

	if (gbtab_state != 0)
		return gbtab_state;
	gbtab_state = -1;
	if ((cd = iconv_open("UTF-32LE", "GB18030")) == (iconv_t)-1)
		return -1;
	for (lead = 0; lead < GB_NLEAD; lead++) {
		for (i = 0, t = 0x40; t <= 0xFE; t++) {
			if (t == 0x7F)
				continue;
			row[2 * i] = (unsigned char)(0x81 + lead);
			row[2 * i + 1] = (unsigned char)t;
			i++;
		}
		for (i = 0; i < GB_NTRAIL; ) {
			ip = (char *)row + 2 * i;
			il = (size_t)(GB_NTRAIL - i) * 2;
			op = (char *)cps;
			ol = sizeof(cps);
			r = iconv(cd, &ip, &il, &op, &ol);
			k = (int)((op - (char *)cps) / 4);
			if (k * 2 != (int)(ip - ((char *)row + 2 * i))) {
				/* not one code point per code: go slowly */
				for (; i < GB_NTRAIL; i++) {
					ip = (char *)row + 2 * i;
					il = 2;
					op = (char *)cps;
					ol = sizeof(cps);
					if (iconv(cd, &ip, &il, &op, &ol) !=
					    (size_t)-1 && op - (char *)cps == 4)
						gbtab[lead * GB_NTRAIL + i] =
						    cps[0];
					iconv(cd, NULL, NULL, NULL, NULL);
				}
				break;
			}
			for (t = 0; t < k; t++) {
				unsigned char *b = (unsigned char *)&cps[t];
				gbtab[lead * GB_NTRAIL + i + t] =
				    (uint32_t)b[0] | (uint32_t)b[1] << 8 |
				    (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
			}
			i += k;
			if (r == (size_t)-1) {
				i++;		/* skip the rejected code */
				iconv(cd, NULL, NULL, NULL, NULL);
			}
		}
	}
	iconv_close(cd);
	gb4cd = iconv_open("UTF-8", "GB18030");
	gbtab_state = 1;
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
				*o++ = (char)p[i++];
				continue;
			}
			if (i + 1 >= n || p[i] == 0x80 || p[i] == 0xFF ||
			    p[i + 1] < 0x40 || p[i + 1] == 0x7F ||
			    p[i + 1] == 0xFF)
				break;
			b = p[i + 1];
			cp = gbtab[(p[i] - 0x81) * GB_NTRAIL + b - 0x40 -
			    (b > 0x7F)];
			if (cp == 0 || cp >= 0x10000)
				break;
			if (cp < 0x800) {
				*o++ = (char)(0xC0 | cp >> 6);
				*o++ = (char)(0x80 | (cp & 0x3F));
			} else {
				*o++ = (char)(0xE0 | cp >> 12);
				*o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
				*o++ = (char)(0x80 | (cp & 0x3F));
			}
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

	gip_buf_grow(&d->out, n * 2 + 16);
	while (i + 1 < n) {
		u = be ? (uint32_t)p[i] << 8 | p[i + 1] :
		    (uint32_t)p[i + 1] << 8 | p[i];
		if (u < 0x80) {
			gip_buf_addc(&d->out, (int)u);
			i += 2;
			continue;
		}
		if (u >= 0xD800 && u <= 0xDBFF) {
			if (i + 3 >= n) {
				if (!eof)
					break;
				bad(d);
				i += 2;
				continue;
			}
			v = be ? (uint32_t)p[i + 2] << 8 | p[i + 3] :
			    (uint32_t)p[i + 3] << 8 | p[i + 2];
			if (v < 0xDC00 || v > 0xDFFF) {
				bad(d);
				i += 2;
				continue;
			}
			put_cp(d, 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00));
			i += 4;
			continue;
		}
		if (u >= 0xDC00 && u <= 0xDFFF)
			bad(d);
		else
			put_cp(d, u);
		i += 2;
	}
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

int
nz_dec_open(struct nz_dec *d, const struct nz_detect *det)
{
	memset(d, 0, sizeof(*d));
	d->enc = det->enc;
	d->cd = (void *)(iconv_t)-1;
	if (d->enc == NZ_GB18030 && gb_build() == 1)
		return 0;
	if (d->enc == NZ_GB18030 || d->enc == NZ_BIG5 || d->enc == NZ_ICONV) {
		d->cd = (void *)iconv_open("UTF-8", det->name);
		if ((iconv_t)d->cd == (iconv_t)-1)
			return -1;
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
		iconv_close((iconv_t)d->cd);
	gip_buf_free(&d->out);
}
