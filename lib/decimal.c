/*
 * decimal.c: the one decimal type of the reading tools (gip-check,
 * gip-stats): an int64_t in millionths (GIP_DEC_SCALE).  Parsing and
 * printing are exact inverses, so numbers go through a tool, a partial
 * state or a finding unchanged.  What a tool accepts (how many
 * decimals, how large) is its own rule, decided from the flags the
 * parser returns.
 */
#include "gip.h"

/* The integer part beyond which one more digit could overflow. */
#define IMAX	((INT64_MAX / GIP_DEC_SCALE - 9) / 10)

/*
 * "[+-]digits[.digits]": *v gets the value, the decimals beyond the
 * sixth dropped (GIP_DEC_MORE when one of them is not 0).  Returns 0 or
 * GIP_DEC_* flags: BAD (not such a number; *v is 0), BIG (the integer
 * part does not fit; *v is the fraction alone, unsigned), DOT (a point
 * with no decimal after it, "5.").
 */
int
gip_dec_parse(const char *s, int64_t *v)
{
	int64_t	 ip = 0, fp = 0, scale = GIP_DEC_SCALE;
	int	 neg = 0, fl = 0, nd = 0, nf = 0;

	*v = 0;
	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	for (; *s >= '0' && *s <= '9'; s++, nd++) {
		if (ip > IMAX)
			fl |= GIP_DEC_BIG;
		else
			ip = ip * 10 + (*s - '0');
	}
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++, nf++) {
			if (scale > 1) {
				scale /= 10;
				fp += (*s - '0') * scale;
			} else if (*s != '0')
				fl |= GIP_DEC_MORE;
		}
		if (nf == 0)
			fl |= GIP_DEC_DOT;
	}
	if (*s != '\0' || nd + nf == 0)
		return GIP_DEC_BAD;
	if (fl & GIP_DEC_BIG) {
		*v = fp;
		return fl;
	}
	*v = ip * GIP_DEC_SCALE + fp;
	if (neg)
		*v = -*v;
	return fl;
}

/*
 * A sum of decimals (gip_dec_sum_add, inline in gip.h): norm() gives
 * its canonical form, frac in 0..SCALE-1.
 */
static struct gip_dec_sum
norm(const struct gip_dec_sum *s)
{
	struct gip_dec_sum	 n;

	n.whole = s->whole + s->frac / GIP_DEC_SCALE;
	n.frac = s->frac % GIP_DEC_SCALE;
	if (n.frac < 0) {
		n.frac += GIP_DEC_SCALE;
		n.whole--;
	}
	return n;
}

int
gip_dec_sum_eq(const struct gip_dec_sum *a, const struct gip_dec_sum *b)
{
	struct gip_dec_sum	 x, y;

	if (a->whole == 0 && b->whole == 0)	/* the usual case */
		return a->frac == b->frac;
	x = norm(a);
	y = norm(b);
	return x.whole == y.whole && x.frac == y.frac;
}

/* s with the fewest decimals that keep it exact, into buf (GIP_DEC_LEN). */
char *
gip_dec_sum_fmt(const struct gip_dec_sum *sum, char *buf)
{
	struct gip_dec_sum	 n1 = norm(sum), *s = &n1;
	uint64_t		 w;
	int64_t			 f = s->frac;
	int			 n;

	if (s->whole < 0) {
		/* -(whole + frac): the magnitude's parts */
		w = (uint64_t)0 - (uint64_t)s->whole;
		if (f > 0) {
			w--;
			f = GIP_DEC_SCALE - f;
		}
		n = snprintf(buf, GIP_DEC_LEN, "-%llu", (unsigned long long)w);
	} else
		n = snprintf(buf, GIP_DEC_LEN, "%llu",
		    (unsigned long long)s->whole);
	if (f != 0) {
		n += snprintf(buf + n, GIP_DEC_LEN - (size_t)n, ".%06d",
		    (int)f);
		while (buf[n - 1] == '0')
			buf[--n] = '\0';
	}
	return buf;
}

char *
gip_dec_fmt(int64_t v, char *buf)
{
	struct gip_dec_sum	 s = { 0, v };

	return gip_dec_sum_fmt(&s, buf);
}
