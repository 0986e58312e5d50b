/*
 * check_emit.c: gip-check's findings: which rules are on, and each
 * finding at or above the threshold written as TSV or JSON and counted.
 * The rules (check_rules.c) call here; this file calls no other of
 * gip-check's.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "gip.h"
#include "check.h"

const char *const check_rule_names[R_NRULES] = {
	"year", "complete", "value", "t3-balance", "t3-rows", "t3-outcome",
	"t4-total", "narrative", "continuity"
};

static const char *const sev_names[] = { "warning", "error" };

int
check_rule_on(const struct check *ck, enum rule r)
{
	return (ck->rules & (1u << r)) != 0;
}

int
check_this_year(const struct check *ck)
{
	return ck->year;
}

/* A finding at or above the threshold, as TSV or JSON. */
void
check_emit(struct check *ck, const struct finding *f)
{
	struct gip_out	*o = &ck->out;
	const char	*opt[5];
	static const char *const optn[5] = { "table", "row", "col",
	    "expected", "actual" };
	int		 i;

	if (!check_rule_on(ck, f->rule) || f->sev < ck->threshold)
		return;
	ck->count[f->rule][f->sev]++;
	if (!ck->json) {
		gip_tsv_fields(o, f->doc);
		gip_tsv_fields(o, check_rule_names[f->rule]);
		gip_tsv_fields(o, sev_names[f->sev]);
		gip_tsv_fields(o, f->table);
		gip_tsv_fields(o, f->row);
		gip_tsv_fields(o, f->col);
		gip_tsv_fields(o, f->expected);
		gip_tsv_fields(o, f->actual);
		gip_tsv_fields(o, f->msg);
		if (f->line > 0)
			gip_tsv_fieldf(o, "%lu", f->line);
		else
			gip_tsv_field(o, "", 0);
		gip_tsv_end_row(o);
		return;
	}
	opt[0] = f->table;
	opt[1] = f->row;
	opt[2] = f->col;
	opt[3] = f->expected;
	opt[4] = f->actual;
	gip_out_puts(o, "{\"doc\":");
	gip_json_strs(o, f->doc);
	gip_out_puts(o, ",\"rule\":");
	gip_json_strs(o, check_rule_names[f->rule]);
	gip_out_puts(o, ",\"severity\":");
	gip_json_strs(o, sev_names[f->sev]);
	for (i = 0; i < 5; i++) {
		gip_out_printf(o, ",\"%s\":", optn[i]);
		gip_json_strs(o, *opt[i] != '\0' ? opt[i] : NULL);
	}
	gip_out_puts(o, ",\"message\":");
	gip_json_strs(o, f->msg);
	if (f->line > 0)
		gip_out_printf(o, ",\"line\":%lu}", f->line);
	else
		gip_out_puts(o, ",\"line\":null}");
	gip_out_endline(o);
}
