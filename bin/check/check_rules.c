/*
 * check_rules.c: the rules gip-check applies to one document, in the
 * order of their findings (the rules themselves are in check_rule_*.c,
 * continuity in check_continuity.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gip.h"
#include "check.h"
#include "check_rule.h"

static unsigned	 infer_tmpl(const struct doc *);

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
		check_rule_year(&x);
	if (x.tm != 0) {
		if (check_rule_on(ck, R_COMPLETE) &&
		    strcmp(d->tmpl, "pre2019") != 0 && !check_no_table(&x))
			check_rule_complete(&x);
		if (check_rule_on(ck, R_VALUE))
			check_rule_value(&x);
		/* a table not read at all is one complete finding */
		if ((x.usable & TB_T3) && check_rule_on(ck, R_BALANCE))
			check_rule_balance(&x);
		if ((x.usable & TB_T3) && check_rule_on(ck, R_ROWS))
			check_rule_rows(&x);
		if ((x.usable & TB_T3) && check_rule_on(ck, R_OUTCOME))
			check_rule_outcome(&x);
		if ((x.usable & TB_T4) && check_rule_on(ck, R_T4))
			check_rule_t4(&x);
		if (check_rule_on(ck, R_NARR))
			check_rule_narr(&x);
		if (check_rule_on(ck, R_CONT))
			check_summarize(&x, s);
	}
	gip_buf_free(&x.msg);
	gip_buf_free(&x.name);
	gip_buf_free(&x.what);
}
