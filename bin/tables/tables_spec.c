/*
 * tables_spec.c: the templates' tables 二 and 三 as rows to look for
 * (each row's label keys, in the template's order), and, once, where
 * each cell of lib/schema.c falls in them; the records of schema cells.
 * Shared by the grid reader (tables_find.c) and the reader of glued
 * cells (tables_glued.c).
 */
#include <string.h>

#include "gip.h"
#include "tables.h"

/* Table 三: see gip-tables(1) for the labels the keys stand for. */
#define T3HEAD \
	{ "new", { "本年新收", "本年度新收", "新收政府信息公开申请", NULL }, \
	    { NULL }, 0 }, \
	{ "carry_in", { "上年结转", "上年度结转", "上一年结转", NULL }, \
	    { NULL }, 0 }, \
	{ "open", { "予以公开", NULL }, { NULL }, 0 }, \
	{ "partial", { "部分公开", NULL }, { NULL }, 0 }, \
	{ "deny_secret", { "国家秘密", NULL }, { NULL }, 0 }, \
	{ "deny_law", { "其他法律行政法规", "禁止公开", NULL }, { NULL }, 0 }, \
	{ "deny_safety", { "危及", "三安全一稳定", NULL }, { NULL }, 0 }, \
	{ "deny_third", { "保护第三方", "第三方合法权益", NULL }, { NULL }, \
	    0 }, \
	{ "deny_internal", { "三类内部事务", "内部事务信息", NULL }, \
	    { NULL }, 0 }, \
	{ "deny_process", { "四类过程性", "过程性信息", NULL }, { NULL }, 0 }, \
	{ "deny_case", { "行政执法案卷", "执法案卷", NULL }, { NULL }, 0 }, \
	{ "deny_query", { "行政查询事项", "查询事项", NULL }, \
	    { "行政查询", NULL }, 0 }, \
	{ "unable_nohold", { "本机关不掌握", "不掌握相关", NULL }, \
	    { "不掌握", NULL }, 0 }, \
	{ "unable_create", { "没有现成信息", "另行制作", NULL }, { NULL }, 0 }, \
	{ "unable_unclear", { "补正后申请", "仍不明确", NULL }, { NULL }, 0 }, \
	{ "ignore_petition", { "信访举报投诉", "信访举报", NULL }, { NULL }, \
	    0 }, \
	{ "ignore_repeat", { "重复申请", NULL }, { NULL }, 0 }, \
	{ "ignore_pub", { "要求提供公开出版物", "公开出版物", NULL }, \
	    { NULL }, 0 }, \
	{ "ignore_mass", { "无正当理由大量", "大量反复", NULL }, { NULL }, 0 }, \
	{ "ignore_confirm", { "要求行政机关确认", "确认或重新出具", \
	    "重新出具", NULL }, { NULL }, 0 }

#define T3TAIL \
	{ "total", { "(七)总计", "七.总计", "七、总计", NULL }, \
	    { "总计", "合计", NULL }, 0 }, \
	{ "carry_out", { "结转下年度", "结转下一年度", "下年度继续办理", \
	    "结转至下年度", NULL }, { NULL }, 0 }

static const struct rowspec t3_2021[] = {
	T3HEAD,
	{ "other_nocorrect", { "申请人无正当理由逾期", "逾期不补正", NULL },
	    { NULL }, 0 },
	{ "other_nofee", { "申请人逾期未按", "缴纳费用", NULL },
	    { "收费通知", NULL }, 0 },
	{ "other_misc", { "3.其他", NULL }, { "其他", NULL }, 1 },
	T3TAIL
};

static const struct rowspec t3_2019[] = {
	T3HEAD,
	{ "other", { "(六)其他处理", "六.其他处理", "六、其他处理", NULL },
	    { "其他处理", NULL }, 0 },
	T3TAIL
};

static const struct rowspec t2_2021[] = {
	{ "reg", { "规章", NULL }, { NULL }, 0 },
	{ "norm", { "行政规范性文件", "行政规范性檔案", NULL },
	    { "规范性文件", "规范性檔案", NULL }, 0 },
	{ "license", { "行政许可", NULL }, { NULL }, 0 },
	{ "penalty", { "行政处罚", NULL }, { NULL }, 0 },
	{ "coercion", { "行政强制", NULL }, { NULL }, 0 },
	{ "fee", { "行政事业性收费", NULL }, { NULL }, 0 },
};

static const struct rowspec t2_2019[] = {
	{ "reg", { "规章", NULL }, { NULL }, 0 },
	{ "norm", { "规范性文件", "规范性檔案", NULL },
	    { "行政规范性文件", "行政规范性檔案", NULL }, 0 },
	{ "license", { "行政许可", NULL }, { NULL }, 0 },
	{ "othersvc", { "其他对外管理服务事项", "对外管理服务事项", NULL },
	    { NULL }, 0 },
	{ "penalty", { "行政处罚", NULL }, { NULL }, 0 },
	{ "coercion", { "行政强制", NULL }, { NULL }, 0 },
	{ "fee", { "行政事业性收费", NULL }, { NULL }, 0 },
	{ "procure", { "政府集中采购", "集中采购", NULL }, { NULL }, 0 },
};

#define NROW(a)	(sizeof(a) / sizeof((a)[0]))

static const struct tabspec specs[] = {
	{ "t2", GIP_T2021, 1, t2_2021, NROW(t2_2021), 2,
	    { "本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量",
	    "本年收费金额", "第二十条", NULL }, { NULL } },
	{ "t2", GIP_T2019, 1, t2_2019, NROW(t2_2019), 2,
	    { "本年新制作数量", "本年新公开数量", "对外公开总数量",
	    "上一年项目数量", "处理决定数量", "本年增", "采购项目数量",
	    "采购总金额", "第二十条", NULL }, { NULL } },
	{ "t3", GIP_T2021, 0, t3_2021, NROW(t3_2021), 4, { NULL },
	    { "申请人情况", "自然人", "勾稽关系", NULL } },
	{ "t3", GIP_T2019, 0, t3_2019, NROW(t3_2019), 4, { NULL },
	    { "申请人情况", "自然人", "勾稽关系", NULL } },
};
#define NSPEC	NROW(specs)

/*
 * Per template, once: each row's number of schema cells (its expected
 * values), and for each schema cell its row in the template, or -1.
 */
static size_t	 width[NSPEC][32];
static int	*rowof[NSPEC];
static const char **keystr;	/* tb_keys() of each schema cell */
static const struct gip_cell *schema0;

static void
spec_init(void)
{
	const struct gip_cell *s;
	size_t		 n, i, k, r;

	if (rowof[0] != NULL)
		return;
	s = gip_schema(&n);
	schema0 = s;
	keystr = gip_xreallocarray(NULL, n, sizeof(*keystr));
	for (i = 0; i < n; i++)
		keystr[i] = tb_keys(s[i].table, s[i].row, s[i].col);
	for (k = 0; k < NSPEC; k++) {
		rowof[k] = gip_xreallocarray(NULL, n, sizeof(int));
		for (i = 0; i < n; i++) {
			rowof[k][i] = -1;
			if (!(s[i].tmpl & specs[k].tmpl) ||
			    strcmp(s[i].table, specs[k].table) != 0)
				continue;
			/* a row's cells follow each other in the schema */
			if (i > 0 && rowof[k][i - 1] >= 0 &&
			    strcmp(s[i - 1].row, s[i].row) == 0)
				r = (size_t)rowof[k][i - 1];
			else
				for (r = 0; r < specs[k].nrow; r++)
					if (strcmp(specs[k].rows[r].row,
					    s[i].row) == 0)
						break;
			if (r == specs[k].nrow)
				continue;
			rowof[k][i] = (int)r;
			width[k][r]++;
		}
	}
}

/* The template's rows of a table ("t2", "t3") in template tmpl. */
const struct tabspec *
tb_spec(const char *table, unsigned tmpl)
{
	size_t	 k;

	spec_init();
	for (k = 0; k < NSPEC; k++)
		if (specs[k].tmpl == tmpl && strcmp(specs[k].table, table) == 0)
			return &specs[k];
	return NULL;
}

/* The number of values of row r of a template's table. */
size_t
tb_width(const struct tabspec *sp, size_t r)
{
	return width[sp - specs][r];
}

/* Row of schema cell sc in the template's table, or -1. */
int
tb_row_of(const struct tabspec *sp, const struct gip_cell *sc)
{
	return rowof[sp - specs][sc - schema0];
}

/* A record of schema cell sc, its keys made once. */
void
tb_rec_cell(struct tb_rec *rec, const struct gip_cell *sc)
{
	const char	*keys = tb_cell_keys(sc);

	tb_rec_init(rec, sc->table, sc->row, sc->col, &keys);
}

/* The record keys of schema cell sc, made once. */
const char *
tb_cell_keys(const struct gip_cell *sc)
{
	spec_init();
	return keystr[sc - schema0];
}

/* A cell that could not be read, and why. */
void
tb_emit_missing(struct tb_doc *d, const struct gip_cell *sc, const char *why,
    unsigned long line)
{
	struct tb_rec	 rec;

	tb_rec_cell(&rec, sc);
	rec.status = TBS_MISSING;
	rec.rbuf = TBR_MSG;
	rec.roff = tb_msg(d, "%s", why);
	rec.rlen = strlen(why);
	rec.line = line;
	tb_rec_add(d, &rec);
}
