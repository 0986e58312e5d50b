/*
 * check_terms.c: what gip-check's rules share: the keys of cells,
 * their names in messages (the template's own labels, gip_schema, so
 * that a person can find them in the report), a value as text, the
 * check that two sums of cells agree, and a finding.  An operand that
 * is not a number makes a sum not assessable: that is said once per
 * sum, as a warning, and the operand is never taken as 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gip.h"
#include "check.h"
#include "check_rule.h"

const char *const check_cols3[NCOL3] = {
	"natural", "commercial", "research", "social", "legal", "org_other",
	"total"
};

static void	 termname(struct ctx *, int, enum naming);

/*
 * The rules name their cells with string constants (literals, the
 * schema's strings) and ask for the same few hundred for every
 * document: the answer is kept by the addresses of the names, so that
 * a document costs no hashing or comparing of names.  Never pass a
 * name from a buffer that changes.  A fixed array, not lib/htab.c:
 * asked of every operand of every rule, the generic table cost gip-check
 * 5% more CPU (paired runs on bench/check.sh's closed records).
 */
#define KEYMEMO	2048		/* a power of two, > 2 * the names asked */

int
check_key(const char *table, const char *row, const char *col)
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

/*
 * "三、本年度办理结果（七）总计 / 自然人": the group, the row and the
 * column as the template prints them.
 */
const char *
check_cellname(struct ctx *x, int k)
{
	const struct gip_cell	*c;
	struct gip_buf		*b = &x->name;

	gip_buf_reset(b);
	if ((c = check_key_cell(x->tm, k)) == NULL)
		c = check_key_cell(0, k);	/* the other template's */
	if (c == NULL) {
		gip_buf_printf(b, "%s/%s/%s", check_key_table(k),
		    check_key_row(k), check_key_col(k));
		return b->p;
	}
	check_rowname(b, c);
	gip_buf_printf(b, " / %s", c->col_label);
	return b->p;
}

/*
 * "三、本年度办理结果（三）不予公开 1.属于国家秘密": a row as printed;
 * "（七）总计" follows its group directly, "1.属于" after a space.
 */
void
check_rowname(struct gip_buf *b, const struct gip_cell *c)
{
	if (c->group != NULL) {
		gip_buf_adds(b, c->group);
		if (strncmp(c->row_label, "（", strlen("（")) != 0)
			gip_buf_addc(b, ' ');
	}
	gip_buf_adds(b, c->row_label);
}

/*
 * Finding f about cell k (-1: none), its message x->msg: the table,
 * row and col f leaves NULL are cell k's keys; other NULLs are empty.
 */
void
check_finding(struct ctx *x, int k, struct finding f)
{
	f.doc = x->d->name;
	if (f.table == NULL)
		f.table = k >= 0 ? check_key_table(k) : "";
	if (f.row == NULL)
		f.row = k >= 0 ? check_key_row(k) : "";
	if (f.col == NULL)
		f.col = k >= 0 ? check_key_col(k) : "";
	if (f.expected == NULL)
		f.expected = "";
	if (f.actual == NULL)
		f.actual = "";
	f.msg = x->msg.p != NULL ? x->msg.p : "";
	check_emit(x->ck, &f);
}

/* Why cell k is not a number: "blank", "“—”", "unreadable (why)"... */
void
check_describe(struct ctx *x, struct gip_buf *b, int k)
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
		gip_buf_printf(b, "“%s” (not applicable)", t);
		return;
	case CST_TEXT:
		gip_buf_printf(b, "text “%s”", t);
		return;
	case CST_MISSING:
		gip_buf_adds(b, "unreadable");
		if (*t != '\0')
			gip_buf_printf(b, " (%s)", t);
		return;
	default:
		gip_buf_printf(b, "%s: “%s”", c->fl & CV_BIG ? "out of range" :
		    "not a number", t);
		return;
	}
}

static void
termname(struct ctx *x, int k, enum naming how)
{
	const struct gip_cell	*c;

	if ((c = check_key_cell(x->tm, k)) == NULL) {
		gip_buf_adds(&x->msg, check_cellname(x, k));
		return;
	}
	if (how == NAME_COL)
		gip_buf_adds(&x->msg, c->col_label);
	else
		check_rowname(&x->msg, c);
}

/*
 * The check lhs = rhs, each side a sum of cells.  what names the check
 * ("自然人", "行政复议"); terms, when not NULL, replaces the list of
 * left-hand terms (table 三's twenty outcome rows).  The finding names
 * rhs[0], with row overriding its key when not NULL.
 */
void
check_sum_rule(struct ctx *x, enum rule r, const char *what, const char *row,
    enum naming how, const char *terms, const int *lhs, int nl,
    const int *rhs, int nr)
{
	struct gip_dec_sum sl = { 0, 0 }, sr = { 0, 0 };
	int		 i, bad = -1, nbad = 0;
	char		 e[32], a[32], v[32];
	const struct cval *c;

	for (i = 0; i < nl + nr; i++) {
		c = &x->d->cells[i < nl ? lhs[i] : rhs[i - nl]];
		if (!check_isnum(c)) {
			if (bad < 0)
				bad = i < nl ? lhs[i] : rhs[i - nl];
			nbad++;
		} else if (i < nl)
			gip_dec_sum_add(&sl, c->v);
		else
			gip_dec_sum_add(&sr, c->v);
	}
	c = &x->d->cells[rhs[0]];
	gip_buf_reset(&x->msg);
	gip_buf_adds(&x->msg, what);
	if (bad >= 0) {
		gip_buf_printf(&x->msg, ": not assessable: %s is ",
		    check_cellname(x, bad));
		check_describe(x, &x->msg, bad);
		if (nbad > 1)
			gip_buf_printf(&x->msg, " (and %d more)", nbad - 1);
		check_finding(x, rhs[0], (struct finding){ .rule = r,
		    .sev = SEV_WARNING, .row = row, .line = c->line });
		return;
	}
	if (gip_dec_sum_eq(&sl, &sr))
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
			gip_buf_printf(&x->msg, " (%s)", gip_dec_fmt(x->d->cells[
			    i < nl ? lhs[i] : rhs[i - nl]].v, v));
		}
		if (i == nl - 1 || (i == nl + nr - 1 && nr > 1))
			gip_buf_printf(&x->msg, " = %s",
			    gip_dec_sum_fmt(i < nl ? &sl : &sr, v));
	}
	check_finding(x, rhs[0], (struct finding){ .rule = r,
	    .sev = SEV_ERROR, .row = row, .expected = gip_dec_sum_fmt(&sl, e),
	    .actual = gip_dec_sum_fmt(&sr, a), .line = c->line });
}
