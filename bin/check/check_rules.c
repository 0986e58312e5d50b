/*
 * check_rules.c: the rules gip-check applies to one document, and the
 * continuity rule across documents.  Cells are named in messages with
 * the template's own labels (gip_schema), so that a person can find
 * them in the report.  An operand that is not a number makes a sum
 * not assessable: that is said once per sum, as a warning, and the
 * operand is never taken as 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gip.h"
#include "check.h"

#define NCOL3	7
#define MAXTERM	32
#define MAXPREV	4	/* copies of last year's report compared with */

static const char *const cols3[NCOL3] = {
	"natural", "commercial", "research", "social", "legal", "org_other",
	"total"
};

/* Table 三's outcome leaves: (一), (二), (三)1-8, (四)1-3, (五)1-5. */
static const char *const leaves[] = {
	"open", "partial",
	"deny_secret", "deny_law", "deny_safety", "deny_third",
	"deny_internal", "deny_process", "deny_case", "deny_query",
	"unable_nohold", "unable_create", "unable_unclear",
	"ignore_petition", "ignore_repeat", "ignore_pub", "ignore_mass",
	"ignore_confirm"
};
static const char *const other2021[] = {
	"other_nocorrect", "other_nofee", "other_misc"
};
static const char *const t4rows[] = { "review", "direct", "after" };
static const char *const t4parts[] = { "keep", "correct", "other",
	"pending" };

/* How sum_rule names its terms. */
enum naming {
	NAME_ROW,		/* the row: "二、上年结转..." */
	NAME_COL		/* the column: "自然人" */
};

/* What one check of a document is working on. */
struct ctx {
	struct check	*ck;
	struct doc	*d;
	unsigned	 tm;		/* effective template */
	unsigned	 usable;	/* TB_* with a readable cell */
	struct gip_buf	 msg, name, what;
};

static void	 emit(struct ctx *, enum rule, enum sev, int, const char *,
		    const char *, const char *, const char *, const char *,
		    unsigned long);
static const char *cellname(struct ctx *, int);
static void	 termname(struct ctx *, int, enum naming);
static int	 key(const char *, const char *, const char *);
static int	 isnum(const struct cval *);
static void	 describe(struct ctx *, struct gip_buf *, int);
static void	 sum_rule(struct ctx *, enum rule, const char *,
		    const char *, enum naming, const char *, const int *,
		    int, const int *, int);
static unsigned	 infer_tmpl(const struct doc *);
static void	 rule_year(struct ctx *);
static unsigned long row_line(const struct ctx *, int);
static int	 first_gap(const struct ctx *, int);
static void	 rowname(struct gip_buf *, const struct gip_cell *);
static void	 rule_complete(struct ctx *);
static int	 no_table(struct ctx *);
static void	 rule_value(struct ctx *);
static void	 rule_balance(struct ctx *);
static void	 rule_rows(struct ctx *);
static void	 rule_outcome(struct ctx *);
static void	 rule_t4(struct ctx *);
static void	 rule_narr(struct ctx *);
static void	 summarize(struct ctx *, struct summ *);
static int	 summ_cmp(const void *, const void *);
static void	 carry(struct ctx *, const struct summ *, const struct summ *,
		    int);

/* A value as text: "12", "96171.6", "-3". */
char *
check_fmt(int64_t v, char *buf)
{
	uint64_t	 u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	int		 n, fr;

	n = snprintf(buf, 32, "%s%llu", v < 0 ? "-" : "",
	    (unsigned long long)(u / CHECK_SCALE));
	if ((fr = (int)(u % CHECK_SCALE)) != 0) {
		n += snprintf(buf + n, 32 - (size_t)n, ".%04d", fr);
		while (buf[n - 1] == '0')
			buf[--n] = '\0';
	}
	return buf;
}

/*
 * The rules name their cells with string constants (literals, the
 * schema's strings) and ask for the same few hundred for every
 * document: the answer is kept by the addresses of the names, so that
 * a document costs no hashing or comparing of names.  Never pass a
 * name from a buffer that changes.
 */
#define KEYMEMO	2048		/* a power of two, > 2 * the names asked */

static int
key(const char *table, const char *row, const char *col)
{
	static struct {
		const char	*table, *row, *col;
		int		 k;
	}		 memo[KEYMEMO];
	static int	 nmemo;
	uintptr_t	 h;
	int		 k;

	h = ((uintptr_t)table * 31 + (uintptr_t)row) * 31 + (uintptr_t)col;
	h ^= h >> 17;
	for (h &= KEYMEMO - 1; memo[h].row != NULL; h = (h + 1) &
	    (KEYMEMO - 1))
		if (memo[h].row == row && memo[h].col == col &&
		    memo[h].table == table)
			return memo[h].k;
	if ((k = check_key_find(table, row, col)) < 0)
		gip_errx(GIP_EXIT_TROUBLE, "schema lacks %s/%s/%s", table,
		    row, col);
	if (2 * (nmemo + 1) <= KEYMEMO) {
		memo[h].table = table;
		memo[h].row = row;
		memo[h].col = col;
		memo[h].k = k;
		nmemo++;
	}
	return k;
}

static int
isnum(const struct cval *c)
{
	return c->st == CST_NUM && (c->fl & (CV_BAD | CV_BIG)) == 0;
}

/*
 * "三、本年度办理结果（七）总计 / 自然人": the group, the row and the
 * column as the template prints them.
 */
static const char *
cellname(struct ctx *x, int k)
{
	const struct gip_cell	*c;
	struct gip_buf		*b = &x->name;

	gip_buf_reset(b);
	if ((c = check_key_cell(x->tm, k)) == NULL)
		c = check_key_cell(0, k);	/* the other template's */
	if (c == NULL) {
		gip_buf_adds(b, check_key_table(k));
		gip_buf_addc(b, '/');
		gip_buf_adds(b, check_key_row(k));
		gip_buf_addc(b, '/');
		gip_buf_adds(b, check_key_col(k));
		return b->p;
	}
	rowname(b, c);
	gip_buf_adds(b, " / ");
	gip_buf_adds(b, c->col_label);
	return b->p;
}

/*
 * "三、本年度办理结果（三）不予公开 1.属于国家秘密": a row as printed;
 * "（七）总计" follows its group directly, "1.属于" after a space.
 */
static void
rowname(struct gip_buf *b, const struct gip_cell *c)
{
	if (c->group != NULL) {
		gip_buf_adds(b, c->group);
		if (strncmp(c->row_label, "（", strlen("（")) != 0)
			gip_buf_addc(b, ' ');
	}
	gip_buf_adds(b, c->row_label);
}

/* table, row and col, when not NULL, override cell k's keys. */
static void
emit(struct ctx *x, enum rule r, enum sev sev, int k, const char *table,
    const char *row, const char *col, const char *expected,
    const char *actual, unsigned long line)
{
	struct finding	 f;

	f.doc = x->d->name;
	f.rule = r;
	f.sev = sev;
	f.table = table != NULL ? table : k >= 0 ? check_key_table(k) : "";
	f.row = row != NULL ? row : k >= 0 ? check_key_row(k) : "";
	f.col = col != NULL ? col : k >= 0 ? check_key_col(k) : "";
	f.expected = expected != NULL ? expected : "";
	f.actual = actual != NULL ? actual : "";
	f.msg = x->msg.p != NULL ? x->msg.p : "";
	f.line = line;
	check_emit(x->ck, &f);
}

/* Why cell k is not a number: "blank", "“—”", "unreadable (why)"... */
static void
describe(struct ctx *x, struct gip_buf *b, int k)
{
	const struct cval	*c = &x->d->cells[k];
	const char		*t = check_doc_text(x->d, c->text);

	switch (c->st) {
	case CST_NONE:
		gip_buf_adds(b, "absent from the input");
		return;
	case CST_BLANK:
		gip_buf_adds(b, "blank");
		return;
	case CST_NA:
		gip_buf_adds(b, "“");
		gip_buf_adds(b, t);
		gip_buf_adds(b, "” (not applicable)");
		return;
	case CST_TEXT:
		gip_buf_adds(b, "text “");
		gip_buf_adds(b, t);
		gip_buf_adds(b, "”");
		return;
	case CST_MISSING:
		gip_buf_adds(b, "unreadable");
		if (*t != '\0') {
			gip_buf_adds(b, " (");
			gip_buf_adds(b, t);
			gip_buf_adds(b, ")");
		}
		return;
	default:
		gip_buf_adds(b, c->fl & CV_BIG ? "out of range: “" :
		    "not a number: “");
		gip_buf_adds(b, t);
		gip_buf_adds(b, "”");
		return;
	}
}

static void
termname(struct ctx *x, int k, enum naming how)
{
	const struct gip_cell	*c;

	if ((c = check_key_cell(x->tm, k)) == NULL) {
		gip_buf_adds(&x->msg, cellname(x, k));
		return;
	}
	if (how == NAME_COL)
		gip_buf_adds(&x->msg, c->col_label);
	else
		rowname(&x->msg, c);
}

/*
 * The check lhs = rhs, each side a sum of cells.  what names the check
 * ("自然人", "行政复议"); terms, when not NULL, replaces the list of
 * left-hand terms (table 三's twenty outcome rows).  The finding names
 * rhs[0], with row overriding its key when not NULL.
 */
static void
sum_rule(struct ctx *x, enum rule r, const char *what, const char *row,
    enum naming how, const char *terms, const int *lhs, int nl,
    const int *rhs, int nr)
{
	int64_t		 sl = 0, sr = 0;
	int		 i, bad = -1, nbad = 0;
	char		 e[32], a[32], v[32];
	const struct cval *c;

	for (i = 0; i < nl + nr; i++) {
		c = &x->d->cells[i < nl ? lhs[i] : rhs[i - nl]];
		if (!isnum(c)) {
			if (bad < 0)
				bad = i < nl ? lhs[i] : rhs[i - nl];
			nbad++;
		} else if (i < nl)
			sl += c->v;
		else
			sr += c->v;
	}
	c = &x->d->cells[rhs[0]];
	gip_buf_reset(&x->msg);
	gip_buf_adds(&x->msg, what);
	if (bad >= 0) {
		gip_buf_adds(&x->msg, ": not assessable: ");
		gip_buf_adds(&x->msg, cellname(x, bad));
		gip_buf_adds(&x->msg, " is ");
		describe(x, &x->msg, bad);
		if (nbad > 1) {
			snprintf(v, sizeof(v), " (and %d more)", nbad - 1);
			gip_buf_adds(&x->msg, v);
		}
		emit(x, r, SEV_WARNING, rhs[0], NULL, row, NULL, NULL, NULL,
		    c->line);
		return;
	}
	if (sl == sr)
		return;
	gip_buf_adds(&x->msg, ": ");
	for (i = 0; i < nl + nr; i++) {
		if (i == nl)
			gip_buf_adds(&x->msg, ", but ");
		else if (i > 0)
			gip_buf_adds(&x->msg, " + ");
		if (i < nl && terms != NULL) {
			gip_buf_adds(&x->msg, terms);
			i = nl - 1;
		} else {
			termname(x, i < nl ? lhs[i] : rhs[i - nl], how);
			gip_buf_adds(&x->msg, " (");
			gip_buf_adds(&x->msg, check_fmt(x->d->cells[i < nl ?
			    lhs[i] : rhs[i - nl]].v, v));
			gip_buf_adds(&x->msg, ")");
		}
		if (i == nl - 1 || (i == nl + nr - 1 && nr > 1)) {
			gip_buf_adds(&x->msg, " = ");
			gip_buf_adds(&x->msg, check_fmt(i < nl ? sl : sr, v));
		}
	}
	emit(x, r, SEV_ERROR, rhs[0], NULL, row, NULL, check_fmt(sl, e),
	    check_fmt(sr, a), c->line);
}

/* No template named: the one whose own cells are present. */
static unsigned
infer_tmpl(const struct doc *d)
{
	int	 k, n = check_nkeys(), any = 0;

	for (k = 0; k < n; k++) {
		if (d->cells[k].st == CST_NONE)
			continue;
		any = 1;
		if (check_key_cell(GIP_T2021, k) == NULL)
			return GIP_T2019;
	}
	return any ? GIP_T2021 : 0;
}

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
		gip_buf_adds(&x->msg, "the statistics period (“");
		gip_buf_adds(&x->msg, raw);
		gip_buf_adds(&x->msg, "”) is not within one calendar year; "
		    "the report year ");
		gip_buf_adds(&x->msg, ys);
		gip_buf_adds(&x->msg, " is not confirmed");
		emit(x, R_YEAR, SEV_WARNING, -1, "narr", "period", "year", ys,
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
	emit(x, R_YEAR, SEV_WARNING, -1, "narr", "period", "year", ys, a,
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
	emit(x, R_YEAR, SEV_WARNING, -1, "narr", "published", "date", e, pub,
	    0);
}

static void
rule_year(struct ctx *x)
{
	const char	*ys = x->d->year, *errstr, *t = x->d->tmpl;
	long long	 y;
	int		 cur = check_this_year(x->ck);
	char		 e[64];

	gip_buf_reset(&x->msg);
	if (*ys == '\0') {
		gip_buf_adds(&x->msg, "the report year is unknown");
		emit(x, R_YEAR, SEV_WARNING, -1, NULL, NULL, NULL, NULL, NULL,
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
		emit(x, R_YEAR, SEV_WARNING, -1, NULL, NULL, NULL, e, ys, 0);
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
		emit(x, R_YEAR, SEV_WARNING, -1, NULL, NULL, NULL, e, ys, 0);
	}
	year_period(x, y, ys);
	year_published(x, y);
}

/* An absent cell has no line: give its row's, when a neighbour has one. */
static unsigned long
row_line(const struct ctx *x, int k)
{
	int	 j, n = check_nkeys();

	for (j = 0; j < n; j++)
		if (x->d->cells[j].line > 0 &&
		    strcmp(check_key_row(j), check_key_row(k)) == 0 &&
		    strcmp(check_key_table(j), check_key_table(k)) == 0)
			return x->d->cells[j].line;
	return 0;
}

static const char *const tabkeys[] = { "t2", "t3", "t4" };

/* The first unreadable or absent cell of table t (0..2), or -1. */
static int
first_gap(const struct ctx *x, int t)
{
	int	 k, n = check_nkeys();

	for (k = 0; k < n; k++)
		if (check_key_table(k)[1] - '2' == t &&
		    check_key_cell(x->tm, k) != NULL &&
		    (check_key_cell(x->tm, k)->tmpl & x->tm) &&
		    x->d->cells[k].st == CST_MISSING)
			return k;
	return -1;
}

/*
 * A report after 2018 in which gip-tables found no standard table at
 * all (its doc record says 0) is one finding, with gip-tables' reason:
 * "no table", "image tables" or "excerpt".  1 if so: the per-table
 * findings would only repeat it.  Before 2019 (by year, else by
 * template) there were no tables to find.
 */
static int
no_table(struct ctx *x)
{
	const char	*errstr, *why;
	long long	 y;

	if (x->d->found != 0)
		return 0;
	y = gip_strtonum(x->d->year, 1000, 9999, &errstr);
	if (errstr != NULL ? x->tm == 0 : y < 2019)
		return 0;
	why = x->d->why != 0 ? check_doc_text(x->d, x->d->why) : "";
	gip_buf_reset(&x->msg);
	gip_buf_adds(&x->msg, "no standard table found (");
	gip_buf_adds(&x->msg, *why != '\0' ? why : "no table");
	gip_buf_adds(&x->msg, "): the ");
	gip_buf_adds(&x->msg, x->tm == GIP_T2019 ? "2019" : "2021");
	gip_buf_adds(&x->msg, " template requires tables 二, 三 and 四");
	emit(x, R_COMPLETE, SEV_ERROR, -1, "", NULL, NULL, "3 tables",
	    *why != '\0' ? why : "no table", 0);
	return 1;
}

/*
 * A table absent or wholly unreadable is one finding; a row of which
 * no cell could be read is one finding; otherwise one per cell.
 */
static void
rule_complete(struct ctx *x)
{
	const struct gip_cell	*c;
	static const char *const names[] = {
	    "表二 主动公开政府信息情况",
	    "表三 收到和处理政府信息公开申请情况",
	    "表四 政府信息公开行政复议、行政诉讼情况" };
	size_t			 n, i, j, m;
	int			 k, t, need[3] = { 0 }, nbad, first;
	char			 e[32];
	struct cval		*v;

	c = gip_schema(&n);
	for (i = 0; i < n; i++)
		if (c[i].tmpl & x->tm)
			need[c[i].table[1] - '2']++;
	for (t = 0; t < 3; t++) {
		if (need[t] == 0 || (x->usable & (1u << t)))
			continue;
		gip_buf_reset(&x->msg);
		gip_buf_adds(&x->msg, names[t]);
		first = first_gap(x, t);
		if (!(x->d->tables & (1u << t)) || first < 0) {
			gip_buf_adds(&x->msg, " is missing (the ");
			gip_buf_adds(&x->msg, x->tm == GIP_T2021 ? "2021" :
			    "2019");
			gip_buf_adds(&x->msg, " template requires it)");
		} else {
			gip_buf_adds(&x->msg, " could not be read: ");
			gip_buf_adds(&x->msg, cellname(x, first));
			gip_buf_adds(&x->msg, " is ");
			describe(x, &x->msg, first);
		}
		snprintf(e, sizeof(e), "%d cells", need[t]);
		emit(x, R_COMPLETE, SEV_ERROR, -1, tabkeys[t], NULL, NULL, e,
		    "0 cells", first < 0 ? 0 : x->d->cells[first].line);
	}
	for (i = 0; i < n; i = j) {
		j = i + 1;
		if (!(c[i].tmpl & x->tm))
			continue;
		while (j < n && (c[j].tmpl & x->tm) &&
		    strcmp(c[j].table, c[i].table) == 0 &&
		    strcmp(c[j].row, c[i].row) == 0)
			j++;
		if (!(x->usable & (1u << (c[i].table[1] - '2'))))
			continue;
		nbad = 0;
		first = -1;
		for (m = i; m < j; m++) {
			v = &x->d->cells[key(c[m].table, c[m].row, c[m].col)];
			if (v->st == CST_NONE || v->st == CST_MISSING) {
				nbad++;
				if (first < 0 || (x->d->cells[first].st ==
				    CST_NONE && v->st == CST_MISSING))
					first = key(c[m].table, c[m].row,
					    c[m].col);
			}
		}
		if (nbad == 0)
			continue;
		if (nbad > 1 && (size_t)nbad == j - i) {
			v = &x->d->cells[first];
			gip_buf_reset(&x->msg);
			rowname(&x->msg, &c[i]);
			if (v->st == CST_NONE)
				gip_buf_adds(&x->msg, ": no record for this "
				    "row");
			else {
				gip_buf_adds(&x->msg, ": row not read: ");
				describe(x, &x->msg, first);
			}
			snprintf(e, sizeof(e), "%d cells", nbad);
			emit(x, R_COMPLETE, SEV_ERROR, first, NULL, NULL, "",
			    e, "0 cells", v->line > 0 ? v->line :
			    row_line(x, first));
			continue;
		}
		for (m = i; m < j; m++) {
			k = key(c[m].table, c[m].row, c[m].col);
			v = &x->d->cells[k];
			if (v->st != CST_NONE && v->st != CST_MISSING)
				continue;
			gip_buf_reset(&x->msg);
			gip_buf_adds(&x->msg, cellname(x, k));
			gip_buf_adds(&x->msg, ": ");
			if (v->st == CST_NONE)
				gip_buf_adds(&x->msg, "no record for this "
				    "cell");
			else
				describe(x, &x->msg, k);
			emit(x, R_COMPLETE, SEV_ERROR, k, NULL, NULL, NULL,
			    NULL, v->st == CST_NONE ? NULL :
			    check_doc_text(x->d, v->text), v->st == CST_NONE ?
			    row_line(x, k) : v->line);
		}
	}
	/* cells the records have but the template has not */
	n = (size_t)check_nkeys();
	for (k = 0; k < (int)n; k++) {
		v = &x->d->cells[k];
		if (v->st == CST_NONE || ((c = check_key_cell(x->tm, k)) !=
		    NULL && (c->tmpl & x->tm) != 0))
			continue;
		gip_buf_reset(&x->msg);
		gip_buf_adds(&x->msg, cellname(x, k));
		gip_buf_adds(&x->msg, ": not a cell of the ");
		gip_buf_adds(&x->msg, x->tm == GIP_T2021 ? "2021" : "2019");
		gip_buf_adds(&x->msg, " template");
		emit(x, R_COMPLETE, SEV_WARNING, k, NULL, NULL, NULL, NULL,
		    NULL, v->line);
	}
}

static void
rule_value(struct ctx *x)
{
	const struct gip_cell	*c;
	const struct cval	*v;
	const char		*what = NULL, *exp, *act;
	int			 k, n = check_nkeys();
	enum sev		 sev;
	char			 buf[32];

	for (k = 0; k < n; k++) {
		v = &x->d->cells[k];
		if (v->st == CST_NONE || v->st == CST_MISSING)
			continue;
		if ((c = check_key_cell(x->tm, k)) == NULL)
			continue;
		exp = c->flags & GIP_CELL_DECIMAL ?
		    "number >= 0, at most 4 decimals" :
		    c->flags & GIP_CELL_SIGNED ? "integer" : "integer >= 0";
		act = check_doc_text(x->d, v->text);
		sev = SEV_ERROR;
		what = NULL;
		switch (v->st) {
		case CST_BLANK:
			what = "blank cell instead of a number";
			sev = SEV_WARNING;
			break;
		case CST_NA:
			what = "not-applicable mark instead of a number";
			sev = SEV_WARNING;
			break;
		case CST_TEXT:
			what = "text instead of a number";
			sev = SEV_WARNING;
			break;
		default:
			if (v->fl & CV_BAD)
				what = "status num, but the value is not a "
				    "number";
			else if (v->fl & CV_BIG)
				what = "value out of range";
			else if ((v->fl & CV_NEG) &&
			    !(c->flags & GIP_CELL_SIGNED))
				what = "negative value";
			else if ((v->fl & CV_FRAC) &&
			    !(c->flags & GIP_CELL_DECIMAL))
				what = "not a whole number";
			else if (v->fl & CV_DEC5)
				what = "more than 4 decimals";
			break;
		}
		if (what != NULL) {
			if (v->st == CST_NUM && *act == '\0')
				act = check_fmt(v->v, buf);
			gip_buf_reset(&x->msg);
			gip_buf_adds(&x->msg, cellname(x, k));
			gip_buf_adds(&x->msg, ": ");
			gip_buf_adds(&x->msg, what);
			if (*act != '\0') {
				gip_buf_adds(&x->msg, ": “");
				gip_buf_adds(&x->msg, act);
				gip_buf_adds(&x->msg, "”");
			}
			emit(x, R_VALUE, sev, k, NULL, NULL, NULL, exp, act,
			    v->line);
		}
		if (v->conflict) {
			gip_buf_reset(&x->msg);
			gip_buf_adds(&x->msg, cellname(x, k));
			gip_buf_adds(&x->msg, ": the input holds different "
			    "records for this cell; the one of the earliest "
			    "line is used");
			emit(x, R_VALUE, SEV_WARNING, k, NULL, NULL, NULL,
			    NULL, NULL, v->line);
		}
	}
}

static void
rule_balance(struct ctx *x)
{
	const struct gip_cell	*c;
	int			 i, l[2], r[2];

	for (i = 0; i < NCOL3; i++) {
		l[0] = key("t3", "new", cols3[i]);
		l[1] = key("t3", "carry_in", cols3[i]);
		r[0] = key("t3", "total", cols3[i]);
		r[1] = key("t3", "carry_out", cols3[i]);
		c = check_key_cell(x->tm, r[0]);
		sum_rule(x, R_BALANCE, c->col_label,
		    "new+carry_in=total+carry_out", NAME_ROW, NULL, l, 2, r, 2);
	}
}

/* Do the cells add up, all of them numbers?  (No message made.) */
static int
holds(const struct ctx *x, const int *lhs, int nl, const int *rhs, int nr)
{
	const struct cval *c;
	int64_t		 sl = 0, sr = 0;
	int		 i;

	for (i = 0; i < nl + nr; i++) {
		c = &x->d->cells[i < nl ? lhs[i] : rhs[i - nl]];
		if (!isnum(c))
			return 0;
		if (i < nl)
			sl += c->v;
		else
			sr += c->v;
	}
	return sl == sr;
}

/*
 * Table 三's rows in template tm (a schema cell each, its 自然人 one)
 * and the keys of their cells, the total last: found once.
 */
#define MAXROW3	32

struct rows3 {
	const struct gip_cell *cell[MAXROW3];
	int		 k[MAXROW3][NCOL3];
	int		 n;
};

static const struct rows3 *
rows3(unsigned tm)
{
	static struct rows3	 r[4];
	static int		 done[4];
	const struct gip_cell	*c;
	struct rows3		*t = &r[tm & 3];
	size_t			 n, i;
	int			 j;

	if (done[tm & 3])
		return t;
	c = gip_schema(&n);
	for (i = 0; i < n; i++) {
		if (strcmp(c[i].table, "t3") != 0 || !(c[i].tmpl & tm) ||
		    strcmp(c[i].col, "natural") != 0)
			continue;
		if (t->n == MAXROW3)
			gip_errx(GIP_EXIT_TROUBLE, "schema: too many rows");
		t->cell[t->n] = &c[i];
		for (j = 0; j < NCOL3; j++)
			t->k[t->n][j] = key("t3", c[i].row, cols3[j]);
		t->n++;
	}
	done[tm & 3] = 1;
	return t;
}

static void
rule_rows(struct ctx *x)
{
	const struct rows3	*t = rows3(x->tm);
	int			 i;

	for (i = 0; i < t->n; i++) {
		/* most rows add up: their names are made for a finding */
		if (holds(x, t->k[i], NCOL3 - 1, &t->k[i][NCOL3 - 1], 1))
			continue;
		gip_buf_reset(&x->what);
		rowname(&x->what, t->cell[i]);
		sum_rule(x, R_ROWS, x->what.p, NULL, NAME_COL, NULL, t->k[i],
		    NCOL3 - 1, &t->k[i][NCOL3 - 1], 1);
	}
}

static void
rule_outcome(struct ctx *x)
{
	const struct gip_cell	*c;
	int			 i, j, nl, l[MAXTERM], r[1];
	const char		*terms;

	terms = x->tm == GIP_T2019 ?
	    "（一）予以公开 + （二）部分公开 + （三）不予公开1–8 + "
	    "（四）无法提供1–3 + （五）不予处理1–5 + （六）其他处理" :
	    "（一）予以公开 + （二）部分公开 + （三）不予公开1–8 + "
	    "（四）无法提供1–3 + （五）不予处理1–5 + （六）其他处理1–3";
	for (i = 0; i < NCOL3; i++) {
		nl = 0;
		for (j = 0; j < (int)(sizeof(leaves) / sizeof(leaves[0])); j++)
			l[nl++] = key("t3", leaves[j], cols3[i]);
		if (x->tm == GIP_T2019)
			l[nl++] = key("t3", "other", cols3[i]);
		else
			for (j = 0; j < 3; j++)
				l[nl++] = key("t3", other2021[j], cols3[i]);
		r[0] = key("t3", "total", cols3[i]);
		c = check_key_cell(x->tm, r[0]);
		sum_rule(x, R_OUTCOME, c->col_label, NULL, NAME_ROW, terms, l,
		    nl, r, 1);
	}
}

static void
rule_t4(struct ctx *x)
{
	const struct gip_cell	*c;
	int			 i, j, l[4], r[1];

	for (i = 0; i < 3; i++) {
		for (j = 0; j < 4; j++)
			l[j] = key("t4", t4rows[i], t4parts[j]);
		r[0] = key("t4", t4rows[i], "total");
		if (holds(x, l, 4, r, 1))
			continue;
		c = check_key_cell(x->tm, r[0]);
		gip_buf_reset(&x->what);
		if (c->group != NULL) {
			gip_buf_adds(&x->what, c->group);
			gip_buf_addc(&x->what, ' ');
		}
		gip_buf_adds(&x->what, c->row_label);
		sum_rule(x, R_T4, x->what.p, NULL, NAME_COL, NULL, l, 4, r, 1);
	}
}

/*
 * A prose fact against its grid cell, or against the sum of cells it
 * stands for (行政诉讼 = 未经复议直接起诉 总计 + 复议后起诉 总计,
 * 予以公开及部分公开 = (一) + (二), 不予公开 = the eight of (三) ...).
 */
static void
rule_narr(struct ctx *x)
{
	const struct narr	*nr;
	const struct cval	*v;
	const char		*sname;
	size_t			 i;
	int			 ks[MAXSUM], nk, j, bad;
	int64_t			 sum;
	char			 e[32], a[32], ln[32];

	for (i = 0; i < x->d->nnarr; i++) {
		nr = &x->d->narr[i];
		sname = NULL;
		if (nr->kid >= 0 && check_key_cell(x->tm, nr->kid) != NULL) {
			ks[0] = nr->kid;
			nk = 1;
		} else if (nr->sum >= 0) {
			const struct narrsum *ns = &check_narrsums[nr->sum];

			for (nk = 0; ns->rows[nk] != NULL; nk++)
				ks[nk] = key(ns->table, ns->rows[nk], ns->col);
			sname = ns->name;
		} else
			continue;
		if (nr->st != CST_NUM || (nr->fl & (CV_BAD | CV_BIG)) ||
		    check_key_cell(x->tm, ks[0]) == NULL ||
		    !(x->usable & (1u << (check_key_table(ks[0])[1] - '2'))))
			continue;
		sum = 0;
		bad = -1;
		for (j = 0; j < nk; j++) {
			v = &x->d->cells[ks[j]];
			if (check_key_cell(x->tm, ks[j]) == NULL)
				continue;
			if (!isnum(v)) {
				if (bad < 0)
					bad = ks[j];
			} else
				sum += v->v;
		}
		if (bad < 0 && sum == nr->v)
			continue;
		gip_buf_reset(&x->msg);
		gip_buf_adds(&x->msg, "the text says ");
		for (j = 0; j < nk; j++) {
			if (j > 0)
				gip_buf_adds(&x->msg, " + ");
			gip_buf_adds(&x->msg, cellname(x, ks[j]));
		}
		gip_buf_adds(&x->msg, " is ");
		gip_buf_adds(&x->msg, check_fmt(nr->v, a));
		if (nr->raw != 0 && *check_doc_text(x->d, nr->raw) != '\0') {
			gip_buf_adds(&x->msg, " (“");
			gip_buf_adds(&x->msg, check_doc_text(x->d, nr->raw));
			gip_buf_adds(&x->msg, "”)");
		}
		gip_buf_adds(&x->msg, ", but the table ");
		if (bad >= 0) {
			gip_buf_adds(&x->msg, "cell ");
			if (nk > 1) {
				gip_buf_adds(&x->msg, cellname(x, bad));
				gip_buf_adds(&x->msg, " ");
			}
			gip_buf_adds(&x->msg, "is ");
			describe(x, &x->msg, bad);
		} else {
			gip_buf_adds(&x->msg, "says ");
			for (j = 0; nk > 1 && j < nk; j++) {
				gip_buf_adds(&x->msg, j > 0 ? " + " : "");
				gip_buf_adds(&x->msg,
				    check_fmt(x->d->cells[ks[j]].v, e));
			}
			if (nk > 1)
				gip_buf_adds(&x->msg, " = ");
			gip_buf_adds(&x->msg, check_fmt(sum, e));
		}
		v = &x->d->cells[bad >= 0 ? bad : ks[0]];
		if (v->line > 0) {
			snprintf(ln, sizeof(ln), " (line %lu)", v->line);
			gip_buf_adds(&x->msg, ln);
		}
		emit(x, R_NARR, bad < 0 ? SEV_ERROR : SEV_WARNING, ks[0], NULL,
		    sname, NULL, bad < 0 ? e : check_doc_text(x->d, v->text),
		    a, nr->line);
	}
}

static void
summarize(struct ctx *x, struct summ *s)
{
	const char	*errstr;
	long long	 y;
	int		 i;
	struct cval	*c;

	if (*x->d->agency == '\0' || !(x->d->tables & TB_T3))
		return;
	y = gip_strtonum(x->d->year, 1000, 9999, &errstr);
	if (errstr != NULL)
		return;
	s->doc = gip_xstrdup(x->d->name);
	s->agency = gip_xstrdup(x->d->agency);
	s->year = (int)y;
	for (i = 0; i < NCOL3; i++) {
		c = &x->d->cells[key("t3", "carry_in", cols3[i])];
		s->inok[i] = (unsigned char)isnum(c);
		s->in[i] = c->v;
		s->inline_[i] = c->line;
		c = &x->d->cells[key("t3", "carry_out", cols3[i])];
		s->outok[i] = (unsigned char)isnum(c);
		s->out[i] = c->v;
		s->outline[i] = c->line;
	}
}

void
check_doc(struct check *ck, struct doc *d, struct summ *s)
{
	struct ctx	 x;
	int		 k, n;

	memset(&x, 0, sizeof(x));
	x.ck = ck;
	x.d = d;
	if ((x.tm = gip_schema_tmpl(d->tmpl)) == 0)
		x.tm = infer_tmpl(d);
	n = check_nkeys();
	for (k = 0; k < n; k++)
		if (d->cells[k].st != CST_NONE && d->cells[k].st != CST_MISSING)
			x.usable |= 1u << (check_key_table(k)[1] - '2');
	if (check_rule_on(ck, R_YEAR))
		rule_year(&x);
	if (x.tm != 0) {
		if (check_rule_on(ck, R_COMPLETE) &&
		    strcmp(d->tmpl, "pre2019") != 0 && !no_table(&x))
			rule_complete(&x);
		if (check_rule_on(ck, R_VALUE))
			rule_value(&x);
		/* a table not read at all is one complete finding */
		if ((x.usable & TB_T3) && check_rule_on(ck, R_BALANCE))
			rule_balance(&x);
		if ((x.usable & TB_T3) && check_rule_on(ck, R_ROWS))
			rule_rows(&x);
		if ((x.usable & TB_T3) && check_rule_on(ck, R_OUTCOME))
			rule_outcome(&x);
		if ((x.usable & TB_T4) && check_rule_on(ck, R_T4))
			rule_t4(&x);
		if (check_rule_on(ck, R_NARR))
			rule_narr(&x);
		if (check_rule_on(ck, R_CONT))
			summarize(&x, s);
	}
	gip_buf_free(&x.msg);
	gip_buf_free(&x.name);
	gip_buf_free(&x.what);
}

static int
summ_cmp(const void *a, const void *b)
{
	const struct summ	*p = a, *q = b;
	int			 c;

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
	if ((c = memcmp(p->out, q->out, sizeof(p->out))) != 0)
		return c;
	if ((c = memcmp(p->in, q->in, sizeof(p->in))) != 0)
		return c;
	return p->seq < q->seq ? -1 : p->seq > q->seq;
}

/* One column of one pair of consecutive years. */
static void
carry(struct ctx *x, const struct summ *cur, const struct summ *prev, int c)
{
	char	 e[32], a[32], v[64];
	int	 kin = key("t3", "carry_in", cols3[c]);

	if (!cur->inok[c] || !prev->outok[c] || cur->in[c] == prev->out[c])
		return;
	x->d->name = cur->doc;
	gip_buf_reset(&x->msg);
	gip_buf_adds(&x->msg, cellname(x, kin));
	gip_buf_adds(&x->msg, " (");
	gip_buf_adds(&x->msg, check_fmt(cur->in[c], a));
	gip_buf_adds(&x->msg, ") differs from ");
	gip_buf_adds(&x->msg, cellname(x, key("t3", "carry_out", cols3[c])));
	gip_buf_adds(&x->msg, " (");
	gip_buf_adds(&x->msg, check_fmt(prev->out[c], e));
	snprintf(v, sizeof(v), ") of the %d report ", prev->year);
	gip_buf_adds(&x->msg, v);
	gip_buf_adds(&x->msg, prev->doc);
	if (prev->outline[c] > 0) {
		snprintf(v, sizeof(v), " (line %lu)", prev->outline[c]);
		gip_buf_adds(&x->msg, v);
	}
	emit(x, R_CONT, SEV_WARNING, kin, NULL, NULL, NULL, e, a,
	    cur->inline_[c]);
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
