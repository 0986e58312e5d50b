/*
 * check_rule_year.c: the year rule: the report year against the
 * template, the statistics period the text states, and the publication
 * date against the deadline of the 条例.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gip.h"
#include "check.h"
#include "check_rule.h"

/* Does s end with the bytes of w? */
static int
ends_with(const char *s, const char *w)
{
	size_t	 n = strlen(s), k = strlen(w);

	return n >= k && memcmp(s + n - k, w, k) == 0;
}

/*
 * The year against the statistics period the text states: a mismatch
 * means the year (gip-sections takes the title's) or the copied text
 * is stale, not that a number is wrong: a warning.
 */
static void
year_period(struct ctx *x, long long y, const char *ys)
{
	const struct narr	*nr = NULL;
	const char		*raw;
	size_t			 i;
	char			 a[32];

	for (i = 0; i < x->d->nnarr && nr == NULL; i++)
		if (x->d->narr[i].kid == NARR_PERIOD)
			nr = &x->d->narr[i];
	if (nr == NULL)
		return;
	raw = check_doc_text(x->d, nr->raw);
	gip_buf_reset(&x->msg);
	if (nr->st == CST_TEXT) {
		gip_buf_printf(&x->msg, "the statistics period (“%s”) is not "
		    "within one calendar year; the report year %s is not "
		    "confirmed", raw, ys);
		check_finding(x, -1, (struct finding){ .rule = R_YEAR,
		    .sev = SEV_WARNING, .table = "narr", .row = "period",
		    .col = "year", .expected = ys, .actual = raw,
		    .line = nr->line });
		return;
	}
	if (nr->st != CST_NUM || nr->fl != 0 || nr->v == y * GIP_DEC_SCALE)
		return;
	gip_dec_fmt(nr->v, a);
	gip_buf_printf(&x->msg, "the text states the statistics period of %s "
	    "(“%s”), but the report year is %s: one of them is wrong", a, raw,
	    ys);
	check_finding(x, -1, (struct finding){ .rule = R_YEAR,
	    .sev = SEV_WARNING, .table = "narr", .row = "period",
	    .col = "year", .expected = ys, .actual = a, .line = nr->line });
}

/*
 * The deadlines of the 条例, and the latest date (in year + 2) a
 * publication is taken as late rather than as of a wrong year.
 */
#define DEADLINE_2008	MMDD(3, 31)	/* 2008 条例 第三十一条 */
#define DEADLINE_GOV	MMDD(3, 31)	/* 2019 条例 第四十九条 */
#define DEADLINE_DEPT	MMDD(1, 31)	/* same, a department's */
#define YEAR_END	MMDD(12, 31)
#define LATE_LIMIT	MMDD(3, 31)	/* 15 months after the year */

/*
 * The publication date: after the reported year, by the deadline of
 * the 条例 (2008 条例 第三十一条: 31 March; 2019 条例 第四十九条, for
 * the reports on 2019 on: 31 January for a department, 31 March for a
 * people's government's consolidated report).  An agency of no known
 * name gets the later date.  More than 15 months after the year is
 * more likely a wrong year than a late report.
 */
static void
year_published(struct ctx *x, long long y)
{
	const char	*pub = x->d->published, *ag = x->d->agency, *why;
	int		 py, pm, pd, n = 0, dm;
	long long	 date, dl;
	char		 e[80], dls[32];

	if (pub == NULL || sscanf(pub, "%4d-%2d-%2d%n", &py, &pm, &pd, &n) !=
	    3 || pub[n] != '\0' || pm < 1 || pm > 12 || pd < 1 || pd > 31)
		return;
	date = YMD(py, MMDD(pm, pd));
	if (y < YEAR_T2019) {
		dm = DEADLINE_2008;
		why = "(2008 条例, 第三十一条)";
	} else if (*ag == '\0' || ends_with(ag, "人民政府")) {
		dm = DEADLINE_GOV;
		why = "for a people's government's report (条例 第四十九条)";
	} else {
		dm = DEADLINE_DEPT;
		why = "for a department's report (条例 第四十九条)";
	}
	dl = YMD(y + 1, dm);
	snprintf(dls, sizeof(dls), "%lld-%02d-%02d", y + 1, dm / 100,
	    dm % 100);
	snprintf(e, sizeof(e), "%lld-01-01..%s", y + 1, dls);
	gip_buf_reset(&x->msg);
	if (date <= YMD(y, YEAR_END))
		gip_buf_printf(&x->msg, "published %s, before the reported "
		    "year %lld ended", pub, y);
	else if (date > YMD(y + 2, LATE_LIMIT))
		gip_buf_printf(&x->msg, "published %s, more than 15 months "
		    "after the reported year %lld ended: the year may be "
		    "wrong", pub, y);
	else if (date > dl)
		gip_buf_printf(&x->msg, "published %s, after %s, the deadline "
		    "%s", pub, dls, why);
	else
		return;
	check_finding(x, -1, (struct finding){ .rule = R_YEAR,
	    .sev = SEV_WARNING, .table = "narr", .row = "published",
	    .col = "date", .expected = e, .actual = pub });
}

void
check_rule_year(struct ctx *x)
{
	const char	*ys = x->d->year, *errstr, *t = x->d->tmpl;
	long long	 y;
	int		 cur = check_this_year(x->ck);
	char		 e[64];

	gip_buf_reset(&x->msg);
	if (*ys == '\0') {
		gip_buf_adds(&x->msg, "the report year is unknown");
		check_finding(x, -1, (struct finding){ .rule = R_YEAR,
		    .sev = SEV_WARNING });
		return;
	}
	y = gip_strtonum(ys, 1000, 9999, &errstr);
	if (errstr != NULL || y < YEAR_FIRST || y > cur + 1) {
		snprintf(e, sizeof(e), "%d..%d", YEAR_FIRST, cur + 1);
		gip_buf_printf(&x->msg, "report year %s is outside %s (reports "
		    "under the 条例 begin with %d)", ys, e, YEAR_FIRST);
		check_finding(x, -1, (struct finding){ .rule = R_YEAR,
		    .sev = SEV_WARNING, .expected = e, .actual = ys });
		return;
	}
	e[0] = '\0';
	if (strcmp(t, "2021") == 0 && y < YEAR_T2021)
		snprintf(e, sizeof(e), "%d..", YEAR_T2021);
	else if (strcmp(t, "2019") == 0 && (y < YEAR_T2019 ||
	    y >= YEAR_T2021))
		snprintf(e, sizeof(e), "%d..%d", YEAR_T2019, YEAR_T2021 - 1);
	else if (strcmp(t, "pre2019") == 0 && y >= YEAR_T2019)
		snprintf(e, sizeof(e), "%d..%d", YEAR_FIRST, YEAR_T2019 - 1);
	if (e[0] != '\0') {
		gip_buf_printf(&x->msg, "report year %s%s", ys,
		    strcmp(t, "2021") == 0 ?
		    " predates the 2021 template (国办公开办函〔2021〕30号, "
		    "used from the 2021 reports on)" :
		    strcmp(t, "2019") == 0 ?
		    " is not a year of the 2019 template (国办公开办函"
		    "〔2019〕60号, used for the 2019 and 2020 reports)" :
		    " needs the standard tables, but the report has none "
		    "(template pre2019)");
		check_finding(x, -1, (struct finding){ .rule = R_YEAR,
		    .sev = SEV_WARNING, .expected = e, .actual = ys });
	}
	year_period(x, y, ys);
	year_published(x, y);
}
