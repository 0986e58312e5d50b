/*
 * check_rule_complete.c: the complete rule (every cell of the template
 * read) and the value rule (each value what its cell allows).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gip.h"
#include "check.h"
#include "check_rule.h"

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
int
check_no_table(struct ctx *x)
{
	const char	*errstr, *why;
	long long	 y;

	if (x->d->found != 0)
		return 0;
	y = gip_strtonum(x->d->year, 1000, 9999, &errstr);
	if (errstr != NULL ? x->tm == 0 : y < YEAR_T2019)
		return 0;
	why = x->d->why != 0 ? check_doc_text(x->d, x->d->why) : "";
	gip_buf_reset(&x->msg);
	if (*why == '\0')
		why = "no table";
	gip_buf_printf(&x->msg, "no standard table found (%s): the %s "
	    "template requires tables 二, 三 and 四", why,
	    x->tm == GIP_T2019 ? "2019" : "2021");
	check_finding(x, -1, (struct finding){ .rule = R_COMPLETE,
	    .sev = SEV_ERROR, .expected = "3 tables", .actual = why });
	return 1;
}

/*
 * The rows of the template tm (runs of its schema cells with one table
 * and row), the key of each cell, and the cells each table needs:
 * found once per template, not for every document (the comparisons of
 * names were half of the rule's time).
 */
#define MAXCELLS	512

struct plan {
	size_t		 row[MAXCELLS], end[MAXCELLS];	/* schema cells */
	int		 key[MAXCELLS];			/* of each */
	int		 nrow, need[3];
};

static const struct plan *
plan(unsigned tm)
{
	static struct plan	 p[4];
	static int		 done[4];
	const struct gip_cell	*c;
	struct plan		*t = &p[tm & 3];
	size_t			 n, i, j;

	if (done[tm & 3])
		return t;
	c = gip_schema(&n);
	if (n > MAXCELLS)
		gip_errx(GIP_EXIT_TROUBLE, "schema too large");
	for (i = 0; i < n; i++) {
		t->key[i] = check_key(c[i].table, c[i].row, c[i].col);
		if (c[i].tmpl & tm)
			t->need[c[i].table[1] - '2']++;
	}
	for (i = 0; i < n; i = j) {
		j = i + 1;
		if (!(c[i].tmpl & tm))
			continue;
		while (j < n && (c[j].tmpl & tm) &&
		    strcmp(c[j].table, c[i].table) == 0 &&
		    strcmp(c[j].row, c[i].row) == 0)
			j++;
		t->row[t->nrow] = i;
		t->end[t->nrow++] = j;
	}
	done[tm & 3] = 1;
	return t;
}

/*
 * A table absent or wholly unreadable is one finding; a row of which
 * no cell could be read is one finding; otherwise one per cell.
 */
void
check_rule_complete(struct ctx *x)
{
	const struct gip_cell	*c;
	static const char *const names[] = {
	    "表二 主动公开政府信息情况",
	    "表三 收到和处理政府信息公开申请情况",
	    "表四 政府信息公开行政复议、行政诉讼情况" };
	const struct plan	*p = plan(x->tm);
	size_t			 n, i, j, m;
	int			 k, t, r, nbad, first;
	char			 e[32];
	struct cval		*v;

	c = gip_schema(&n);
	for (t = 0; t < 3; t++) {
		if (p->need[t] == 0 || (x->usable & (1u << t)))
			continue;
		gip_buf_reset(&x->msg);
		gip_buf_adds(&x->msg, names[t]);
		first = first_gap(x, t);
		if (!(x->d->tables & (1u << t)) || first < 0)
			gip_buf_printf(&x->msg, " is missing (the %s template "
			    "requires it)", x->tm == GIP_T2021 ? "2021" :
			    "2019");
		else {
			gip_buf_printf(&x->msg, " could not be read: %s is ",
			    check_cellname(x, first));
			check_describe(x, &x->msg, first);
		}
		snprintf(e, sizeof(e), "%d cells", p->need[t]);
		check_finding(x, -1, (struct finding){ .rule = R_COMPLETE,
		    .sev = SEV_ERROR, .table = tabkeys[t], .expected = e,
		    .actual = "0 cells",
		    .line = first < 0 ? 0 : x->d->cells[first].line });
	}
	for (r = 0; r < p->nrow; r++) {
		i = p->row[r];
		j = p->end[r];
		if (!(x->usable & (1u << (c[i].table[1] - '2'))))
			continue;
		nbad = 0;
		first = -1;
		for (m = i; m < j; m++) {
			v = &x->d->cells[p->key[m]];
			if (v->st == CST_NONE || v->st == CST_MISSING) {
				nbad++;
				if (first < 0 || (x->d->cells[first].st ==
				    CST_NONE && v->st == CST_MISSING))
					first = p->key[m];
			}
		}
		if (nbad == 0)
			continue;
		if (nbad > 1 && (size_t)nbad == j - i) {
			v = &x->d->cells[first];
			gip_buf_reset(&x->msg);
			check_rowname(&x->msg, &c[i]);
			if (v->st == CST_NONE)
				gip_buf_adds(&x->msg, ": no record for this "
				    "row");
			else {
				gip_buf_adds(&x->msg, ": row not read: ");
				check_describe(x, &x->msg, first);
			}
			snprintf(e, sizeof(e), "%d cells", nbad);
			check_finding(x, first, (struct finding){
			    .rule = R_COMPLETE, .sev = SEV_ERROR, .col = "",
			    .expected = e, .actual = "0 cells",
			    .line = v->line > 0 ? v->line :
			    row_line(x, first) });
			continue;
		}
		for (m = i; m < j; m++) {
			k = p->key[m];
			v = &x->d->cells[k];
			if (v->st != CST_NONE && v->st != CST_MISSING)
				continue;
			gip_buf_reset(&x->msg);
			gip_buf_printf(&x->msg, "%s: ", check_cellname(x, k));
			if (v->st == CST_NONE)
				gip_buf_adds(&x->msg, "no record for this "
				    "cell");
			else
				check_describe(x, &x->msg, k);
			check_finding(x, k, (struct finding){
			    .rule = R_COMPLETE, .sev = SEV_ERROR,
			    .actual = v->st == CST_NONE ? NULL :
			    check_doc_text(x->d, v->text),
			    .line = v->st == CST_NONE ? row_line(x, k) :
			    v->line });
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
		gip_buf_printf(&x->msg, "%s: not a cell of the %s template",
		    check_cellname(x, k), x->tm == GIP_T2021 ? "2021" : "2019");
		check_finding(x, k, (struct finding){ .rule = R_COMPLETE,
		    .sev = SEV_WARNING, .line = v->line });
	}
}

void
check_rule_value(struct ctx *x)
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
		/* most cells: a plain number, said once */
		if (v->st == CST_NUM && v->fl == 0 && !v->conflict)
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
				act = gip_dec_fmt(v->v, buf);
			gip_buf_reset(&x->msg);
			gip_buf_printf(&x->msg, "%s: %s", check_cellname(x, k),
			    what);
			if (*act != '\0')
				gip_buf_printf(&x->msg, ": “%s”", act);
			check_finding(x, k, (struct finding){ .rule = R_VALUE,
			    .sev = sev, .expected = exp, .actual = act,
			    .line = v->line });
		}
		if (v->conflict) {
			gip_buf_reset(&x->msg);
			gip_buf_printf(&x->msg, "%s: the input holds different "
			    "records for this cell; the one of the earliest "
			    "line is used", check_cellname(x, k));
			check_finding(x, k, (struct finding){ .rule = R_VALUE,
			    .sev = SEV_WARNING, .line = v->line });
		}
	}
}
