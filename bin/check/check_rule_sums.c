/*
 * check_rule_sums.c: the arithmetic of tables 三 and 四: 三's balance
 * (new + carried in = total + carried out), its row totals and its
 * outcome total; 四's totals.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gip.h"
#include "check.h"
#include "check_rule.h"

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

#define NLEAF	(sizeof(leaves) / sizeof(leaves[0]))

/*
 * The keys of the cells these rules add, by column: looked up once,
 * not for every document (check_key's memo was 3% of gip-check).
 */
static struct sumkeys {
	int	 bal[NCOL3][4];		/* new, carry_in; total, carry_out */
	int	 leaf[NCOL3][NLEAF];
	int	 other[NCOL3];		/* 2019 */
	int	 other2021[NCOL3][3];
	int	 total[NCOL3];
	int	 t4[3][5];		/* the four parts, then the total */
} sk;

static const struct sumkeys *
sumkeys(void)
{
	static int	 done;
	size_t		 j;
	int		 i;

	if (done)
		return &sk;
	for (i = 0; i < NCOL3; i++) {
		sk.bal[i][0] = check_key("t3", "new", check_cols3[i]);
		sk.bal[i][1] = check_key("t3", "carry_in", check_cols3[i]);
		sk.bal[i][2] = check_key("t3", "total", check_cols3[i]);
		sk.bal[i][3] = check_key("t3", "carry_out", check_cols3[i]);
		for (j = 0; j < NLEAF; j++)
			sk.leaf[i][j] = check_key("t3", leaves[j],
			    check_cols3[i]);
		sk.other[i] = check_key("t3", "other", check_cols3[i]);
		for (j = 0; j < 3; j++)
			sk.other2021[i][j] = check_key("t3", other2021[j],
			    check_cols3[i]);
		sk.total[i] = check_key("t3", "total", check_cols3[i]);
	}
	for (i = 0; i < 3; i++) {
		for (j = 0; j < 4; j++)
			sk.t4[i][j] = check_key("t4", t4rows[i], t4parts[j]);
		sk.t4[i][4] = check_key("t4", t4rows[i], "total");
	}
	done = 1;
	return &sk;
}

void
check_rule_balance(struct ctx *x)
{
	const struct sumkeys	*k = sumkeys();
	const struct gip_cell	*c;
	int			 i, l[2], r[2];

	for (i = 0; i < NCOL3; i++) {
		l[0] = k->bal[i][0];
		l[1] = k->bal[i][1];
		r[0] = k->bal[i][2];
		r[1] = k->bal[i][3];
		c = check_key_cell(x->tm, r[0]);
		check_sum_rule(x, R_BALANCE, c->col_label,
		    "new+carry_in=total+carry_out", NAME_ROW, NULL, l, 2, r, 2);
	}
}

/* Do the cells add up, all of them numbers?  (No message made.) */
static int
holds(const struct ctx *x, const int *lhs, int nl, const int *rhs, int nr)
{
	const struct cval *c;
	struct gip_dec_sum sl = { 0, 0 }, sr = { 0, 0 };
	int		 i;

	for (i = 0; i < nl + nr; i++) {
		c = &x->d->cells[i < nl ? lhs[i] : rhs[i - nl]];
		if (!check_isnum(c))
			return 0;
		if (i < nl)
			gip_dec_sum_add(&sl, c->v);
		else
			gip_dec_sum_add(&sr, c->v);
	}
	return gip_dec_sum_eq(&sl, &sr);
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
			t->k[t->n][j] = check_key("t3", c[i].row,
			    check_cols3[j]);
		t->n++;
	}
	done[tm & 3] = 1;
	return t;
}

void
check_rule_rows(struct ctx *x)
{
	const struct rows3	*t = rows3(x->tm);
	int			 i;

	for (i = 0; i < t->n; i++) {
		/* most rows add up: their names are made for a finding */
		if (holds(x, t->k[i], NCOL3 - 1, &t->k[i][NCOL3 - 1], 1))
			continue;
		gip_buf_reset(&x->what);
		check_rowname(&x->what, t->cell[i]);
		check_sum_rule(x, R_ROWS, x->what.p, NULL, NAME_COL, NULL,
		    t->k[i], NCOL3 - 1, &t->k[i][NCOL3 - 1], 1);
	}
}

void
check_rule_outcome(struct ctx *x)
{
	const struct sumkeys	*k = sumkeys();
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
		for (j = 0; j < (int)NLEAF; j++)
			l[nl++] = k->leaf[i][j];
		if (x->tm == GIP_T2019)
			l[nl++] = k->other[i];
		else
			for (j = 0; j < 3; j++)
				l[nl++] = k->other2021[i][j];
		r[0] = k->total[i];
		c = check_key_cell(x->tm, r[0]);
		check_sum_rule(x, R_OUTCOME, c->col_label, NULL, NAME_ROW,
		    terms, l, nl, r, 1);
	}
}

void
check_rule_t4(struct ctx *x)
{
	const struct sumkeys	*k = sumkeys();
	const struct gip_cell	*c;
	int			 i, j, l[4], r[1];

	for (i = 0; i < 3; i++) {
		for (j = 0; j < 4; j++)
			l[j] = k->t4[i][j];
		r[0] = k->t4[i][4];
		if (holds(x, l, 4, r, 1))
			continue;
		c = check_key_cell(x->tm, r[0]);
		gip_buf_reset(&x->what);
		if (c->group != NULL)
			gip_buf_printf(&x->what, "%s ", c->group);
		gip_buf_adds(&x->what, c->row_label);
		check_sum_rule(x, R_T4, x->what.p, NULL, NAME_COL, NULL, l, 4,
		    r, 1);
	}
}
