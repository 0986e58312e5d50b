/*
 * stats_num.c: exact decimal numbers for gip-stats.  Values are
 * lib/decimal.c's, integers in millionths; parsing and printing are
 * exact inverses, so a partial state read back gives the very same
 * numbers, and every division rounds half away from zero in integer
 * arithmetic.
 */
#include <stdint.h>
#include <string.h>

#include "gip.h"
#include "stats.h"

/*
 * A number as gip-stats takes it (lib/decimal.c): at most six decimals
 * (more are accepted only when they are zeros), an integer part that
 * fits.  Returns 0, or -1 when s is not such a number.
 */
int
stats_num_parse(const char *s, int64_t *out)
{
	int64_t	 v;

	if (gip_dec_parse(s, &v) & (GIP_DEC_BAD | GIP_DEC_BIG | GIP_DEC_MORE))
		return -1;
	*out = v;
	return 0;
}

/* Print v with the fewest decimals that keep it exact; returns length. */
size_t
stats_num_fmt(char *buf, int64_t v)
{
	return strlen(gip_dec_fmt(v, buf));
}

/* a / b rounded half away from zero (b > 0). */
int64_t
stats_div_round(int64_t a, int64_t b)
{
	int64_t	 q = a / b, r = a % b;

	if (r < 0)
		r = -r;
	if (r >= b - r)
		q += a < 0 ? -1 : 1;
	return q;
}

/*
 * num / den in millionths, rounded half away from zero; both operands
 * are in millionths too, so the scale cancels.  Returns -1 when the
 * result does not fit.
 */
int
stats_ratio_value(int64_t num, int64_t den, int64_t *out)
{
#ifdef __SIZEOF_INT128__
	__extension__ __int128 n = num, d = den, q, r;

	if (d < 0) {
		n = -n;
		d = -d;
	}
	n *= STATS_SCALE;
	q = n / d;
	r = n % d;
	if (r < 0)
		r = -r;
	if (r >= d - r)
		q += n < 0 ? -1 : 1;
	if (q > INT64_MAX || q < -INT64_MAX)
		return -1;
	*out = (int64_t)q;
	return 0;
#else
	long double q = (long double)num / (long double)den * STATS_SCALE;

	if (q > (long double)INT64_MAX || q < -(long double)INT64_MAX)
		return -1;
	*out = (int64_t)(q < 0 ? q - 0.5L : q + 0.5L);
	return 0;
#endif
}

/* *acc += v; -1 on overflow (acc unchanged). */
int
stats_add(int64_t *acc, int64_t v)
{
	int64_t	 r;

	if (__builtin_add_overflow(*acc, v, &r))
		return -1;
	*acc = r;
	return 0;
}
