/*
 * check_continuity.c: the continuity rule: each document's table 三
 * carry-over rows, kept (check_summarize), then compared across the
 * documents of one agency in consecutive years.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gip.h"
#include "check.h"
#include "check_rule.h"

#define MAXPREV	4	/* copies of last year's report compared with */

static int	 summ_cmp(const void *, const void *);
static void	 carry(struct ctx *, const struct summ *, const struct summ *,
		    int);

void
check_summarize(struct ctx *x, struct summ *s)
{
	static int	 in[NCOL3], out[NCOL3], done;
	const char	*errstr;
	long long	 y;
	int		 i;
	struct cval	*c;

	if (*x->d->agency == '\0' || !(x->d->tables & TB_T3))
		return;
	/* the cells' keys, looked up once */
	for (i = 0; i < NCOL3 && !done; i++) {
		in[i] = check_key("t3", "carry_in", check_cols3[i]);
		out[i] = check_key("t3", "carry_out", check_cols3[i]);
	}
	done = 1;
	y = gip_strtonum(x->d->year, 1000, 9999, &errstr);
	if (errstr != NULL)
		return;
	s->doc = gip_xstrdup(x->d->name);
	s->agency = gip_xstrdup(x->d->agency);
	s->year = (int)y;
	for (i = 0; i < NCOL3; i++) {
		c = &x->d->cells[in[i]];
		s->inok[i] = (unsigned char)check_isnum(c);
		s->in[i] = c->v;
		s->inline_[i] = c->line;
		c = &x->d->cells[out[i]];
		s->outok[i] = (unsigned char)check_isnum(c);
		s->out[i] = c->v;
		s->outline[i] = c->line;
	}
}

static int
summ_cmp(const void *a, const void *b)
{
	const struct summ	*p = a, *q = b;
	int			 c, i;

	if ((c = strcmp(p->agency, q->agency)) != 0)
		return c;
	if (p->year != q->year)
		return p->year < q->year ? -1 : 1;
	/*
	 * Then by what the documents are, never by when they came: the
	 * MAXPREV reports compared with must not depend on input order.
	 */
	if ((c = strcmp(p->doc, q->doc)) != 0)
		return c;
	for (i = 0; i < NCOL3; i++)
		if (p->out[i] != q->out[i])
			return p->out[i] < q->out[i] ? -1 : 1;
	for (i = 0; i < NCOL3; i++)
		if (p->in[i] != q->in[i])
			return p->in[i] < q->in[i] ? -1 : 1;
	return p->seq < q->seq ? -1 : p->seq > q->seq;
}

/* One column of one pair of consecutive years. */
static void
carry(struct ctx *x, const struct summ *cur, const struct summ *prev, int c)
{
	char	 e[32], a[32];
	int	 kin = check_key("t3", "carry_in", check_cols3[c]);

	if (!cur->inok[c] || !prev->outok[c] || cur->in[c] == prev->out[c])
		return;
	x->d->name = cur->doc;
	gip_buf_reset(&x->msg);
	/* the two names share one buffer: one at a time */
	gip_buf_printf(&x->msg, "%s (%s) differs from ", check_cellname(x,
	    kin), gip_dec_fmt(cur->in[c], a));
	gip_buf_printf(&x->msg, "%s (%s) of the %d report %s",
	    check_cellname(x, check_key("t3", "carry_out", check_cols3[c])),
	    gip_dec_fmt(prev->out[c], e), prev->year, prev->doc);
	if (prev->outline[c] > 0)
		gip_buf_printf(&x->msg, " (line %lu)", prev->outline[c]);
	check_finding(x, kin, (struct finding){ .rule = R_CONT,
	    .sev = SEV_WARNING, .expected = e, .actual = a,
	    .line = cur->inline_[c] });
}

/*
 * Year N's 二、上年结转 against year N-1's 四、结转下年度继续办理, per
 * column, for documents of the same agency (by exact name).  Sorted by
 * agency and year, the year N-1 documents are the run just before.
 * Several documents for one agency and year (the same report fetched
 * twice) are compared pairwise, up to MAXPREV of the earlier year (the
 * first by document name, whatever the input order), so that a
 * pathological input cannot make this quadratic.
 */
void
check_continuity(struct check *ck, struct summ *s, size_t n)
{
	struct ctx	 x;
	struct doc	 fake;
	size_t		 i, j, p0, p1, cur, prev;
	int		 c;

	if (n == 0)
		return;
	qsort(s, n, sizeof(*s), summ_cmp);
	memset(&x, 0, sizeof(x));
	memset(&fake, 0, sizeof(fake));
	x.ck = ck;
	x.d = &fake;
	x.tm = GIP_T2021;
	p0 = p1 = 0;	/* [p0, p1): the group before [i, j) */
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && s[j].year == s[i].year &&
		    strcmp(s[j].agency, s[i].agency) == 0; j++)
			;
		if (p1 > p0 && s[p0].year == s[i].year - 1 &&
		    strcmp(s[p0].agency, s[i].agency) == 0)
			for (cur = i; cur < j; cur++)
				for (prev = p0; prev < p1 &&
				    prev < p0 + MAXPREV; prev++)
					for (c = 0; c < NCOL3; c++)
						carry(&x, &s[cur], &s[prev], c);
		p0 = i;
		p1 = j;
	}
	gip_buf_free(&x.msg);
	gip_buf_free(&x.name);
}
