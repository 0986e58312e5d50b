/*
 * stats_num.c: exact decimal numbers for gip-stats.  Values are kept
 * as integers in millionths; parsing and printing are exact inverses,
 * so a partial state read back gives the very same numbers, and every
 * division rounds half away from zero in integer arithmetic.
 */
#include <stdint.h>
#include <string.h>

#include "gip.h"
#include "stats.h"

/*
 * "[+-]digits[.digits]" with at most six decimals (more are accepted
 * only when they are zeros).  Returns 0, or -1 when s is not such a
 * number or does not fit.
 */
int
stats_num_parse(const char *s, int64_t *out)
{
	int64_t	 ip = 0, fp = 0, scale = STATS_SCALE;
	int	 neg = 0, digits = 0;

	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; *s >= '0' && *s <= '9'; s++, digits++) {
		if (ip > (INT64_MAX / STATS_SCALE - 9) / 10)
			return -1;
		ip = ip * 10 + (*s - '0');
	}
	if (*s == '.') {
		s++;
		for (; *s >= '0' && *s <= '9'; s++, digits++) {
			if (scale > 1) {
				scale /= 10;
				fp += (*s - '0') * scale;
			} else if (*s != '0')
				return -1;
		}
	}
	if (*s != '\0' || digits == 0)
		return -1;
	*out = ip * STATS_SCALE + fp;
	if (neg)
		*out = -*out;
	return 0;
}

/* Print v with the fewest decimals that keep it exact; returns length. */
size_t
stats_num_fmt(char *buf, int64_t v)
{
	uint64_t	 u, ip, fp;
	char		 tmp[STATS_NUMLEN];
	size_t		 n = 0, t = 0;
	int		 i;

	if (v < 0) {
		buf[n++] = '-';
		u = (uint64_t)0 - (uint64_t)v;
	} else
		u = (uint64_t)v;
	ip = u / STATS_SCALE;
	fp = u % STATS_SCALE;
	do {
		tmp[t++] = (char)('0' + ip % 10);
		ip /= 10;
	} while (ip > 0);
	while (t > 0)
		buf[n++] = tmp[--t];
	if (fp != 0) {
		buf[n++] = '.';
		for (i = 0; i < 6 && fp != 0; i++) {
			fp *= 10;
			buf[n++] = (char)('0' + fp / STATS_SCALE);
			fp %= STATS_SCALE;
		}
	}
	buf[n] = '\0';
	return n;
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
