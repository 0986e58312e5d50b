/*
 * check_rule_narr.c: the narrative rule: a number stated in the prose
 * against the table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gip.h"
#include "check.h"
#include "check_rule.h"

/*
 * A prose fact against its grid cell, or against the sum of cells it
 * stands for (行政诉讼 = 未经复议直接起诉 总计 + 复议后起诉 总计,
 * 予以公开及部分公开 = (一) + (二), 不予公开 = the eight of (三) ...).
 */
void
check_rule_narr(struct ctx *x)
{
	const struct narr	*nr;
	const struct cval	*v;
	const char		*sname;
	size_t			 i;
	int			 ks[MAXSUM], nk, j, bad;
	struct gip_dec_sum	 sum, said;
	char			 e[32], a[32];

	for (i = 0; i < x->d->nnarr; i++) {
		nr = &x->d->narr[i];
		sname = NULL;
		if (nr->kid >= 0 && check_key_cell(x->tm, nr->kid) != NULL) {
			ks[0] = nr->kid;
			nk = 1;
		} else if (nr->sum >= 0) {
			const struct narrsum *ns = &check_narrsums[nr->sum];

			for (nk = 0; ns->rows[nk] != NULL; nk++)
				ks[nk] = check_key(ns->table, ns->rows[nk],
				    ns->col);
			sname = ns->name;
		} else
			continue;
		if (nr->st != CST_NUM || (nr->fl & (CV_BAD | CV_BIG)) ||
		    check_key_cell(x->tm, ks[0]) == NULL ||
		    !(x->usable & (1u << (check_key_table(ks[0])[1] - '2'))))
			continue;
		memset(&sum, 0, sizeof(sum));
		bad = -1;
		for (j = 0; j < nk; j++) {
			v = &x->d->cells[ks[j]];
			if (check_key_cell(x->tm, ks[j]) == NULL)
				continue;
			if (!check_isnum(v)) {
				if (bad < 0)
					bad = ks[j];
			} else
				gip_dec_sum_add(&sum, v->v);
		}
		memset(&said, 0, sizeof(said));
		gip_dec_sum_add(&said, nr->v);
		if (bad < 0 && gip_dec_sum_eq(&sum, &said))
			continue;
		gip_buf_reset(&x->msg);
		gip_buf_adds(&x->msg, "the text says ");
		for (j = 0; j < nk; j++)
			gip_buf_printf(&x->msg, "%s%s", j > 0 ? " + " : "",
			    check_cellname(x, ks[j]));
		gip_buf_printf(&x->msg, " is %s", gip_dec_fmt(nr->v, a));
		if (nr->raw != 0 && *check_doc_text(x->d, nr->raw) != '\0')
			gip_buf_printf(&x->msg, " (“%s”)",
			    check_doc_text(x->d, nr->raw));
		gip_buf_adds(&x->msg, ", but the table ");
		if (bad >= 0) {
			gip_buf_adds(&x->msg, "cell ");
			if (nk > 1)
				gip_buf_printf(&x->msg, "%s ",
				    check_cellname(x, bad));
			gip_buf_adds(&x->msg, "is ");
			check_describe(x, &x->msg, bad);
		} else {
			gip_buf_adds(&x->msg, "says ");
			for (j = 0; nk > 1 && j < nk; j++)
				gip_buf_printf(&x->msg, "%s%s", j > 0 ? " + " :
				    "", gip_dec_fmt(x->d->cells[ks[j]].v, e));
			if (nk > 1)
				gip_buf_adds(&x->msg, " = ");
			gip_buf_adds(&x->msg, gip_dec_sum_fmt(&sum, e));
		}
		v = &x->d->cells[bad >= 0 ? bad : ks[0]];
		if (v->line > 0)
			gip_buf_printf(&x->msg, " (line %lu)", v->line);
		check_finding(x, ks[0], (struct finding){ .rule = R_NARR,
		    .sev = bad < 0 ? SEV_ERROR : SEV_WARNING, .row = sname,
		    .expected = bad < 0 ? e : check_doc_text(x->d, v->text),
		    .actual = a, .line = nr->line });
	}
}
