/*
 * schema.c: the cells of the standard tables, as constant data.  The
 * keys are ASCII and stable (documented in gip-tables(1)); the labels
 * are the templates' own wording, used in messages so that a person
 * can find the cell in the report.
 */
#include <string.h>

#include "gip.h"

#define B	(GIP_T2021 | GIP_T2019)
#define N	GIP_T2021
#define O	GIP_T2019
#define DEC	GIP_CELL_DECIMAL
#define SGN	GIP_CELL_SIGNED

#define G2	"第二十条第（一）项"

/* Table 三: every row has the same seven applicant columns. */
#define T3(row, group, label, tmpl) \
	{ "t3", row, "natural", group, label, "自然人", tmpl, 0 }, \
	{ "t3", row, "commercial", group, label, "商业企业", tmpl, 0 }, \
	{ "t3", row, "research", group, label, "科研机构", tmpl, 0 }, \
	{ "t3", row, "social", group, label, "社会公益组织", tmpl, 0 }, \
	{ "t3", row, "legal", group, label, "法律服务机构", tmpl, 0 }, \
	{ "t3", row, "org_other", group, label, "其他", tmpl, 0 }, \
	{ "t3", row, "total", group, label, "总计", tmpl, 0 }

/* Table 四: three groups of the same five results. */
#define T4(row, group, label) \
	{ "t4", row, "keep", group, label, "结果维持", B, 0 }, \
	{ "t4", row, "correct", group, label, "结果纠正", B, 0 }, \
	{ "t4", row, "other", group, label, "其他结果", B, 0 }, \
	{ "t4", row, "pending", group, label, "尚未审结", B, 0 }, \
	{ "t4", row, "total", group, label, "总计", B, 0 }

#define R3	"三、本年度办理结果"
#define DENY	R3 "（三）不予公开"
#define UNABLE	R3 "（四）无法提供"
#define IGNORE	R3 "（五）不予处理"
#define OTHER	R3 "（六）其他处理"

static const struct gip_cell cells[] = {
	/* Table 二, 2021 template */
	{ "t2", "reg", "made", "第二十条第（一）项", "规章", "本年制发件数", N, 0 },
	{ "t2", "reg", "repealed", "第二十条第（一）项", "规章", "本年废止件数", N, 0 },
	{ "t2", "reg", "valid", "第二十条第（一）项", "规章", "现行有效件数", N, 0 },
	{ "t2", "norm", "made", "第二十条第（一）项", "行政规范性文件", "本年制发件数", N, 0 },
	{ "t2", "norm", "repealed", "第二十条第（一）项", "行政规范性文件", "本年废止件数", N, 0 },
	{ "t2", "norm", "valid", "第二十条第（一）项", "行政规范性文件", "现行有效件数", N, 0 },
	{ "t2", "license", "decisions", "第二十条第（五）项", "行政许可", "本年处理决定数量", N, 0 },
	{ "t2", "penalty", "decisions", "第二十条第（六）项", "行政处罚", "本年处理决定数量", N, 0 },
	{ "t2", "coercion", "decisions", "第二十条第（六）项", "行政强制", "本年处理决定数量", N, 0 },
	{ "t2", "fee", "amount", "第二十条第（八）项", "行政事业性收费", "本年收费金额（单位：万元）", N, DEC },

	/* Table 二, 2019 template */
	{ "t2", "reg", "made", "第二十条第（一）项", "规章", "本年新制作数量", O, 0 },
	{ "t2", "reg", "published", "第二十条第（一）项", "规章", "本年新公开数量", O, 0 },
	{ "t2", "reg", "public_total", "第二十条第（一）项", "规章", "对外公开总数量", O, 0 },
	{ "t2", "norm", "made", "第二十条第（一）项", "规范性文件", "本年新制作数量", O, 0 },
	{ "t2", "norm", "published", "第二十条第（一）项", "规范性文件", "本年新公开数量", O, 0 },
	{ "t2", "norm", "public_total", "第二十条第（一）项", "规范性文件", "对外公开总数量", O, 0 },
	{ "t2", "license", "prev", "第二十条第（五）项", "行政许可", "上一年项目数量", O, 0 },
	{ "t2", "license", "delta", "第二十条第（五）项", "行政许可", "本年增/减", O, SGN },
	{ "t2", "license", "decisions", "第二十条第（五）项", "行政许可", "处理决定数量", O, 0 },
	{ "t2", "othersvc", "prev", "第二十条第（五）项", "其他对外管理服务事项", "上一年项目数量", O, 0 },
	{ "t2", "othersvc", "delta", "第二十条第（五）项", "其他对外管理服务事项", "本年增/减", O, SGN },
	{ "t2", "othersvc", "decisions", "第二十条第（五）项", "其他对外管理服务事项", "处理决定数量", O, 0 },
	{ "t2", "penalty", "prev", "第二十条第（六）项", "行政处罚", "上一年项目数量", O, 0 },
	{ "t2", "penalty", "delta", "第二十条第（六）项", "行政处罚", "本年增/减", O, SGN },
	{ "t2", "penalty", "decisions", "第二十条第（六）项", "行政处罚", "处理决定数量", O, 0 },
	{ "t2", "coercion", "prev", "第二十条第（六）项", "行政强制", "上一年项目数量", O, 0 },
	{ "t2", "coercion", "delta", "第二十条第（六）项", "行政强制", "本年增/减", O, SGN },
	{ "t2", "coercion", "decisions", "第二十条第（六）项", "行政强制", "处理决定数量", O, 0 },
	{ "t2", "fee", "prev", "第二十条第（八）项", "行政事业性收费", "上一年项目数量", O, 0 },
	{ "t2", "fee", "delta", "第二十条第（八）项", "行政事业性收费", "本年增/减", O, SGN },
	{ "t2", "procure", "count", "第二十条第（九）项", "政府集中采购", "采购项目数量", O, 0 },
	{ "t2", "procure", "amount", "第二十条第（九）项", "政府集中采购", "采购总金额", O, DEC },

	/* Table 三 */
	T3("new", NULL, "一、本年新收政府信息公开申请数量", B),
	T3("carry_in", NULL, "二、上年结转政府信息公开申请数量", B),
	T3("open", R3, "（一）予以公开", B),
	T3("partial", R3, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", B),
	T3("deny_secret", DENY, "1.属于国家秘密", B),
	T3("deny_law", DENY, "2.其他法律行政法规禁止公开", B),
	T3("deny_safety", DENY, "3.危及“三安全一稳定”", B),
	T3("deny_third", DENY, "4.保护第三方合法权益", B),
	T3("deny_internal", DENY, "5.属于三类内部事务信息", B),
	T3("deny_process", DENY, "6.属于四类过程性信息", B),
	T3("deny_case", DENY, "7.属于行政执法案卷", B),
	T3("deny_query", DENY, "8.属于行政查询事项", B),
	T3("unable_nohold", UNABLE, "1.本机关不掌握相关政府信息", B),
	T3("unable_create", UNABLE, "2.没有现成信息需要另行制作", B),
	T3("unable_unclear", UNABLE, "3.补正后申请内容仍不明确", B),
	T3("ignore_petition", IGNORE, "1.信访举报投诉类申请", B),
	T3("ignore_repeat", IGNORE, "2.重复申请", B),
	T3("ignore_pub", IGNORE, "3.要求提供公开出版物", B),
	T3("ignore_mass", IGNORE, "4.无正当理由大量反复申请", B),
	T3("ignore_confirm", IGNORE, "5.要求行政机关确认或重新出具已获取信息", B),
	T3("other_nocorrect", OTHER, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", N),
	T3("other_nofee", OTHER, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", N),
	T3("other_misc", OTHER, "3.其他", N),
	T3("other", R3, "（六）其他处理", O),
	T3("total", R3, "（七）总计", B),
	T3("carry_out", NULL, "四、结转下年度继续办理", B),

	/* Table 四 */
	T4("review", NULL, "行政复议"),
	T4("direct", "行政诉讼", "未经复议直接起诉"),
	T4("after", "行政诉讼", "复议后起诉"),
};

/*
 * The prose facts (table narr), in gip-tables' order.
 * Keys: a grid cell's row and column (t2/t3/t4), or for the facts that
 * are sums of cells (open_partial, deny, unable, ignore, other in the
 * 2021 template, litigation) and the one that has no cell (proactive)
 * a row of their own; see gip-tables(1).  gip-tables reads them in
 * this order (its enum of facts).
 */
const char *const gip_narr_keys[GIP_NNARR][2] = {
	{ "license", "decisions" },
	{ "penalty", "decisions" },
	{ "coercion", "decisions" },
	{ "fee", "amount" },
	{ "new", "total" },
	{ "carry_in", "total" },
	{ "carry_out", "total" },
	{ "open", "total" },
	{ "partial", "total" },
	{ "open_partial", "total" },
	{ "deny", "total" },
	{ "unable", "total" },
	{ "ignore", "total" },
	{ "other", "total" },
	{ "total", "total" },
	{ "review", "total" },
	{ "litigation", "total" },
	{ "proactive", "items" },
	{ "period", "year" },
	{ "published", "date" },
};

/* The status records of a document (table doc), in gip-tables' order. */
const char *const gip_doc_keys[GIP_NDOC][2] = {
	{ "tables", "found" },
	{ "cells", "read" },
	{ "narr", "facts" },
	{ "template", "basis" },
};

/*
 * Every key gip-tables writes (cells, facts, status records), cut to
 * its first depth parts (1: "t3", 2: "t3.new", 3: "t3.new.total"),
 * each once, in the order above.  Built once; kept to the end.
 */
const char *const *
gip_schema_keys(int depth, size_t *n)
{
	static char	**keys[3];
	static size_t	 nkeys[3];
	struct gip_buf	 b;
	const char	*k[3];
	size_t		 total, i, j;
	int		 d;

	if (depth < 1 || depth > 3)
		depth = 3;
	d = depth - 1;
	if (keys[d] != NULL) {
		*n = nkeys[d];
		return (const char *const *)keys[d];
	}
	total = sizeof(cells) / sizeof(cells[0]) + GIP_NNARR + GIP_NDOC;
	keys[d] = gip_xcalloc(total, sizeof(char *));
	memset(&b, 0, sizeof(b));
	for (i = 0; i < total; i++) {
		if (i < sizeof(cells) / sizeof(cells[0])) {
			k[0] = cells[i].table;
			k[1] = cells[i].row;
			k[2] = cells[i].col;
		} else if ((j = i - sizeof(cells) / sizeof(cells[0])) <
		    GIP_NNARR) {
			k[0] = "narr";
			k[1] = gip_narr_keys[j][0];
			k[2] = gip_narr_keys[j][1];
		} else {
			k[0] = "doc";
			k[1] = gip_doc_keys[j - GIP_NNARR][0];
			k[2] = gip_doc_keys[j - GIP_NNARR][1];
		}
		gip_buf_reset(&b);
		gip_buf_printf(&b, "%s%s%s%s%s", k[0], d > 0 ? "." : "",
		    d > 0 ? k[1] : "", d > 1 ? "." : "", d > 1 ? k[2] : "");
		for (j = 0; j < nkeys[d]; j++)
			if (strcmp(keys[d][j], b.p) == 0)
				break;
		if (j == nkeys[d])
			keys[d][nkeys[d]++] = gip_xstrdup(b.p);
	}
	gip_buf_free(&b);
	*n = nkeys[d];
	return (const char *const *)keys[d];
}

const struct gip_cell *
gip_schema(size_t *n)
{
	*n = sizeof(cells) / sizeof(cells[0]);
	return cells;
}

const struct gip_cell *
gip_schema_find(unsigned tmpl, const char *table, const char *row,
    const char *col)
{
	size_t	 i;

	for (i = 0; i < sizeof(cells) / sizeof(cells[0]); i++)
		if ((cells[i].tmpl & tmpl) != 0 &&
		    strcmp(cells[i].table, table) == 0 &&
		    strcmp(cells[i].row, row) == 0 &&
		    strcmp(cells[i].col, col) == 0)
			return &cells[i];
	return NULL;
}

/*
 * The cell whose labels a key has (--labels of gip-tables and
 * gip-stats): in template tmpl (a name; NULL: any), else in any; a
 * NULL table, row or col matches every one.  A prose fact (narr) has
 * the labels of the cell it states, if any.
 */
const struct gip_cell *
gip_schema_labels(const char *tmpl, const char *table, const char *row,
    const char *col)
{
	static const char *const grids[] = { "t3", "t2", "t4" };
	const struct gip_cell *s;
	unsigned	 tm = gip_schema_tmpl(tmpl), m;
	size_t		 i;
	int		 pass;

	if (table != NULL && strcmp(table, "narr") == 0) {
		for (i = 0; i < 3; i++)
			if ((s = gip_schema_labels(tmpl, grids[i], row, col)) !=
			    NULL)
				return s;
		return NULL;
	}
	for (pass = tm != 0 ? 0 : 1; pass < 2; pass++) {
		m = pass == 0 ? tm : GIP_T2021 | GIP_T2019;
		for (i = 0; i < sizeof(cells) / sizeof(cells[0]); i++)
			if ((cells[i].tmpl & m) != 0 &&
			    (table == NULL || strcmp(cells[i].table, table) == 0) &&
			    (row == NULL || strcmp(cells[i].row, row) == 0) &&
			    (col == NULL || strcmp(cells[i].col, col) == 0))
				return &cells[i];
	}
	return NULL;
}

unsigned
gip_schema_tmpl(const char *s)
{
	if (s == NULL)
		return 0;
	if (strcmp(s, "2021") == 0)
		return GIP_T2021;
	if (strcmp(s, "2019") == 0)
		return GIP_T2019;
	return 0;
}
