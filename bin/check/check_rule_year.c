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
int
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
void
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
		gip_buf_adds(&x->msg, "the statistics period (“");
		gip_buf_adds(&x->msg, raw);
		gip_buf_adds(&x->msg, "”) is not within one calendar year; "
		    "the report year ");
		gip_buf_adds(&x->msg, ys);
		gip_buf_adds(&x->msg, " is not confirmed");
		check_finding(x, R_YEAR, SEV_WARNING, -1, "narr", "period", "year", ys,
		    raw, nr->line);
		return;
	}
	if (nr->st != CST_NUM || nr->fl != 0 || nr->v == y * CHECK_SCALE)
		return;
	check_fmt(nr->v, a);
	gip_buf_adds(&x->msg, "the text states the statistics period of ");
	gip_buf_adds(&x->msg, a);
	gip_buf_adds(&x->msg, " (“");
	gip_buf_adds(&x->msg, raw);
	gip_buf_adds(&x->msg, "”), but the report year is ");
	gip_buf_adds(&x->msg, ys);
	gip_buf_adds(&x->msg, ": one of them is wrong");
	check_finding(x, R_YEAR, SEV_WARNING, -1, "narr", "period", "year", ys, a,
	    nr->line);
}

/*
 * The publication date: after the reported year, by the deadline of
 * the 条例 (2008 条例 第三十一条: 31 March; 2019 条例 第四十九条, for
 * the reports on 2019 on: 31 January for a department, 31 March for a
 * people's government's consolidated report).  An agency of no known
 * name gets the later date.  More than 15 months after the year is
 * more likely a wrong year than a late report.
 */
void
year_published(struct ctx *x, long long y)
{
	const char	*pub = x->d->published, *ag = x->d->agency, *why;
	int		 py, pm, pd, n = 0, dm;
	long long	 date, dl;
	char		 e[80], dls[32];

	if (pub == NULL || sscanf(pub, "%4d-%2d-%2d%n", &py, &pm, &pd, &n) !=
	    3 || pub[n] != '\0' || pm < 1 || pm > 12 || pd < 1 || pd > 31)
		return;
	date = (long long)py * 10000 + pm * 100 + pd;
	if (y < 2019) {
		dm = 331;
		why = "(2008 条例, 第三十一条)";
	} else if (*ag == '\0' || ends_with(ag, "人民政府")) {
		dm = 331;
		why = "for a people's government's report (条例 第四十九条)";
	} else {
		dm = 131;
		why = "for a department's report (条例 第四十九条)";
	}
	dl = (y + 1) * 10000 + dm;
	snprintf(dls, sizeof(dls), "%lld-%02d-%02d", y + 1, dm / 100,
	    dm % 100);
	snprintf(e, sizeof(e), "%lld-01-01..%s", y + 1, dls);
	gip_buf_reset(&x->msg);
	gip_buf_adds(&x->msg, "published ");
	gip_buf_adds(&x->msg, pub);
	if (date <= y * 10000 + 1231) {
		snprintf(dls, sizeof(dls), "%lld", y);
		gip_buf_adds(&x->msg, ", before the reported year ");
		gip_buf_adds(&x->msg, dls);
		gip_buf_adds(&x->msg, " ended");
	} else if (date > (y + 2) * 10000 + 331) {
		snprintf(dls, sizeof(dls), "%lld", y);
		gip_buf_adds(&x->msg, ", more than 15 months after the "
		    "reported year ");
		gip_buf_adds(&x->msg, dls);
		gip_buf_adds(&x->msg, " ended: the year may be wrong");
	} else if (date > dl) {
		gip_buf_adds(&x->msg, ", after ");
		gip_buf_adds(&x->msg, dls);
		gip_buf_adds(&x->msg, ", the deadline ");
		gip_buf_adds(&x->msg, why);
	} else
		return;
	check_finding(x, R_YEAR, SEV_WARNING, -1, "narr", "published", "date", e, pub,
	    0);
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
		check_finding(x, R_YEAR, SEV_WARNING, -1, NULL, NULL, NULL, NULL, NULL,
		    0);
		return;
	}
	y = gip_strtonum(ys, 1000, 9999, &errstr);
	if (errstr != NULL || y < 2008 || y > cur + 1) {
		snprintf(e, sizeof(e), "2008..%d", cur + 1);
		gip_buf_adds(&x->msg, "report year ");
		gip_buf_adds(&x->msg, ys);
		gip_buf_adds(&x->msg, " is outside ");
		gip_buf_adds(&x->msg, e);
		gip_buf_adds(&x->msg, " (reports under the 条例 begin "
		    "with 2008)");
		check_finding(x, R_YEAR, SEV_WARNING, -1, NULL, NULL, NULL, e, ys, 0);
		return;
	}
	e[0] = '\0';
	if (strcmp(t, "2021") == 0 && y < 2021)
		snprintf(e, sizeof(e), "2021..");
	else if (strcmp(t, "2019") == 0 && (y < 2019 || y > 2020))
		snprintf(e, sizeof(e), "2019..2020");
	else if (strcmp(t, "pre2019") == 0 && y >= 2019)
		snprintf(e, sizeof(e), "2008..2018");
	if (e[0] != '\0') {
		gip_buf_adds(&x->msg, "report year ");
		gip_buf_adds(&x->msg, ys);
		gip_buf_adds(&x->msg, strcmp(t, "2021") == 0 ?
		    " predates the 2021 template (国办公开办函〔2021〕30号, "
		    "used from the 2021 reports on)" :
		    strcmp(t, "2019") == 0 ?
		    " is not a year of the 2019 template (国办公开办函"
		    "〔2019〕60号, used for the 2019 and 2020 reports)" :
		    " needs the standard tables, but the report has none "
		    "(template pre2019)");
		check_finding(x, R_YEAR, SEV_WARNING, -1, NULL, NULL, NULL, e, ys, 0);
	}
	year_period(x, y, ys);
	year_published(x, y);
}
