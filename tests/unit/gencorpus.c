/*
 * gencorpus: synthetic annual reports with known numbers, for tests and
 * benchmarks.  Each report has random values that satisfy every rule of
 * gip-check(1) (the 勾稽 balance, row and outcome totals, table 四
 * totals, narrative = table), rendered in one of the layouts gip-tables
 * claims to read and in one of the encodings gip-normalize reads.  The
 * true values are written beside them, as gip-tables records.
 *
 *	gencorpus [-n count] [-s seed] [-l layouts] [-e encodings]
 *	    [-t templates] [-b rule:every] -o dir
 *
 * -t 2019,2021 makes one report in three a 2019-template one (years
 * 2019-2020, tab, pipe or HTML layout); the default is 2021 only.
 *
 * Reports are dir/rNNNNNN.{txt,html}; dir/truth.tsv holds one line per
 * cell: doc table row col value (doc as gip-normalize names it).
 * -b breaks a rule on every Nth report (bal, row, sum, t4, narr) and
 * lists those in dir/broken.tsv: doc rule.
 */
#define _GNU_SOURCE	/* memmem */
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gip.h"

#define NCOL	7	/* applicant columns of table 三, 总计 last */

enum layout { L_TAB, L_SPACE, L_PIPE, L_HTML, L_CELL, L_PDF, L_COUNT };
static const char *const layout_names[L_COUNT] = {
	"tab", "space", "pipe", "html", "cell", "pdf"
};

enum enc { E_UTF8, E_BOM, E_GB, E_UTF16, E_COUNT };
static const char *const enc_names[E_COUNT] = {
	"utf8", "bom", "gb18030", "utf16"
};

struct t3row {
	const char	*key;
	const char	*group;		/* (三) etc., first row of a group */
	const char	*label;
	unsigned	 tmpl;
};

static const struct t3row t3rows[] = {
	{ "new", NULL, "一、本年新收政府信息公开申请数量", 3 },
	{ "carry_in", NULL, "二、上年结转政府信息公开申请数量", 3 },
	{ "open", "三、本年度办理结果", "（一）予以公开", 3 },
	{ "partial", NULL, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 3 },
	{ "deny_secret", "（三）不予公开", "1.属于国家秘密", 3 },
	{ "deny_law", NULL, "2.其他法律行政法规禁止公开", 3 },
	{ "deny_safety", NULL, "3.危及“三安全一稳定”", 3 },
	{ "deny_third", NULL, "4.保护第三方合法权益", 3 },
	{ "deny_internal", NULL, "5.属于三类内部事务信息", 3 },
	{ "deny_process", NULL, "6.属于四类过程性信息", 3 },
	{ "deny_case", NULL, "7.属于行政执法案卷", 3 },
	{ "deny_query", NULL, "8.属于行政查询事项", 3 },
	{ "unable_nohold", "（四）无法提供", "1.本机关不掌握相关政府信息", 3 },
	{ "unable_create", NULL, "2.没有现成信息需要另行制作", 3 },
	{ "unable_unclear", NULL, "3.补正后申请内容仍不明确", 3 },
	{ "ignore_petition", "（五）不予处理", "1.信访举报投诉类申请", 3 },
	{ "ignore_repeat", NULL, "2.重复申请", 3 },
	{ "ignore_pub", NULL, "3.要求提供公开出版物", 3 },
	{ "ignore_mass", NULL, "4.无正当理由大量反复申请", 3 },
	{ "ignore_confirm", NULL, "5.要求行政机关确认或重新出具已获取信息", 3 },
	{ "other_nocorrect", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", 1 },
	{ "other_nofee", NULL, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", 1 },
	{ "other_misc", NULL, "3.其他", 1 },
	{ "other", NULL, "（六）其他处理", 2 },
	{ "total", NULL, "（七）总计", 3 },
	{ "carry_out", NULL, "四、结转下年度继续办理", 3 },
};
#define NT3	(sizeof(t3rows) / sizeof(t3rows[0]))

static const char *const t3cols[NCOL] = {
	"natural", "commercial", "research", "social", "legal", "org_other",
	"total"
};
static const char *const t4rows[3] = { "review", "direct", "after" };
static const char *const t4cols[5] = {
	"keep", "correct", "other", "pending", "total"
};

static const char *const agencies[] = {
	"惠农区卫生健康局", "平罗县教育局", "银川市自然资源局",
	"中宁县民政局", "石嘴山市交通运输局", "吴忠市市场监督管理局",
	"固原市人力资源和社会保障局", "贺兰县农业农村局",
};

struct report {
	char		 name[64];
	const char	*agency;
	int		 year;
	unsigned	 tmpl;		/* 1 = 2021, 2 = 2019 */
	long		 t3[NT3][NCOL];
	long		 t4[3][5];
	long		 reg[3], norm[3], license, penalty, coercion;
	/* table 二 of the 2019 template: prev, delta, decisions */
	long		 o_reg[3], o_norm[3], o_lic[3], o_svc[3], o_pen[3];
	long		 o_coer[3], o_fee[2], o_count, o_amount;
	char		 fee[32];
	long		 narr_new, narr_license;
	enum layout	 layout;
	enum enc	 enc;
};

static uint64_t rng;

static unsigned long
rnd(unsigned long n)
{
	/* xorshift64*: fast, and the same everywhere for a given seed */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return n == 0 ? 0 : (unsigned long)((rng * 2685821657736338717ULL) >> 33) % n;
}

/* Mostly zeros, sometimes large: what real tables look like. */
static long
count(void)
{
	unsigned long r = rnd(100);

	if (r < 55)
		return 0;
	if (r < 90)
		return (long)rnd(10);
	if (r < 98)
		return (long)rnd(200);
	return (long)rnd(5000);
}

static int
row_of(const char *key)
{
	size_t	 i;

	for (i = 0; i < NT3; i++)
		if (strcmp(t3rows[i].key, key) == 0)
			return (int)i;
	abort();
}

static int
in_tmpl(const struct report *r, size_t i)
{
	return (t3rows[i].tmpl & r->tmpl) != 0;
}

static void
fill(struct report *r)
{
	size_t	 i;
	int	 c, g, k, tot = row_of("total"), nw = row_of("new");
	int	 ci = row_of("carry_in"), co = row_of("carry_out");

	memset(r->t3, 0, sizeof(r->t3));
	for (c = 0; c < NCOL - 1; c++) {
		for (i = row_of("open"); (int)i < tot; i++)
			if (in_tmpl(r, i)) {
				r->t3[i][c] = count();
				r->t3[tot][c] += r->t3[i][c];
			}
		r->t3[co][c] = count();
		r->t3[ci][c] = count();
		if (r->t3[ci][c] > r->t3[tot][c] + r->t3[co][c])
			r->t3[ci][c] = r->t3[tot][c] + r->t3[co][c];
		r->t3[nw][c] = r->t3[tot][c] + r->t3[co][c] - r->t3[ci][c];
	}
	for (i = 0; i < NT3; i++)
		for (c = 0; c < NCOL - 1; c++)
			r->t3[i][NCOL - 1] += r->t3[i][c];
	for (g = 0; g < 3; g++) {
		r->t4[g][4] = 0;
		for (k = 0; k < 4; k++) {
			r->t4[g][k] = count() / 3;
			r->t4[g][4] += r->t4[g][k];
		}
	}
	for (k = 0; k < 3; k++) {
		r->reg[k] = count() / 4;
		r->norm[k] = count();
	}
	r->license = count() * 3;
	r->penalty = count();
	r->coercion = count() / 2;
	if (rnd(3) == 0)
		snprintf(r->fee, sizeof(r->fee), "0");
	else
		snprintf(r->fee, sizeof(r->fee), "%lu.%04lu", rnd(500),
		    rnd(10000));
	for (k = 0; k < 3; k++) {
		r->o_reg[k] = count() / 4;
		r->o_norm[k] = count();
		r->o_lic[k] = count();
		r->o_svc[k] = count();
		r->o_pen[k] = count();
		r->o_coer[k] = count();
	}
	/* 本年增/减 is signed */
	r->o_lic[1] -= (long)rnd(5);
	r->o_svc[1] -= (long)rnd(3);
	r->o_fee[0] = count();
	r->o_fee[1] = (long)rnd(7) - 3;
	r->o_count = count();
	r->o_amount = count() * 1000;
	if (r->tmpl == 2)
		r->license = r->o_lic[2];
	r->narr_new = r->t3[nw][NCOL - 1];
	r->narr_license = r->license;
}

/* a signed 2019 增/减 cell as reports write it */
static const char *
signed_str(long v)
{
	static char	 buf[4][32];
	static int	 k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), v > 0 ? "+%ld" : "%ld", v);
	return buf[k];
}

/* Break one rule so that gip-check must find it. */
static void
breakrule(struct report *r, const char *rule)
{
	if (strcmp(rule, "bal") == 0) {
		/* new and its row total move together: only the balance breaks */
		r->t3[row_of("new")][0]++;
		r->t3[row_of("new")][NCOL - 1]++;
		r->narr_new++;
	} else if (strcmp(rule, "row") == 0)
		r->t3[row_of("carry_out")][NCOL - 1] += 2;
	else if (strcmp(rule, "sum") == 0) {
		r->t3[row_of("open")][1]++;
		r->t3[row_of("open")][NCOL - 1]++;
	} else if (strcmp(rule, "t4") == 0)
		r->t4[1][4]++;
	else if (strcmp(rule, "narr") == 0)
		r->narr_license = r->license + 7;
	else {
		fprintf(stderr, "gencorpus: unknown rule %s\n", rule);
		exit(2);
	}
}

/* ---- rendering into a buffer, UTF-8 ---- */

static struct gip_buf out;

static void
put(const char *fmt, ...)
{
	va_list	 ap;
	char	 tmp[1024];
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	gip_buf_add(&out, tmp, (size_t)n);
}

static const char *
heading_tmpl_year(const struct report *r)
{
	static char buf[32];

	snprintf(buf, sizeof(buf), "%d", r->year);
	return buf;
}

static void
prose_head(const struct report *r)
{
	put("%s %s 年政府信息公开工作年度报告\n\n", r->agency,
	    heading_tmpl_year(r));
	put("本报告根据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限自 "
	    "%d 年 1 月 1 日起至 %d 年 12 月 31 日止。\n\n", r->year, r->year);
	put("一、总体情况\n\n");
	put("%d年，本机关认真贯彻落实政务公开工作要求。全年共办理行政许可%ld件。"
	    "本年度共新收政府信息公开申请%ld件。\n\n", r->year,
	    r->narr_license, r->narr_new);
	put("二、主动公开政府信息情况\n\n");
}

static void
prose_tail(const struct report *r)
{
	put("五、存在的主要问题及改进情况\n\n");
	put("一是公开内容还需进一步细化；二是解读形式较为单一。\n\n");
	put("六、其他需要报告的事项\n\n本机关%d年未收取信息处理费。\n",
	    r->year);
}

/* the fee cell as written: 0 or a decimal */
static const char *
feestr(const struct report *r)
{
	return r->fee;
}

/* Table 二 of the 2019 template: five sub-tables, 22 cells. */
static void
render_t2_2019(const struct report *r, const char *sep, const char *L,
    const char *R, int pipes)
{
#define ROW(...) do { put("%s", L); put(__VA_ARGS__); put("%s\n", R); } while (0)
	ROW("第二十条第（一）项%s%s%s", sep, sep, sep);
	if (pipes)
		put("|---|---|---|---|\n");
	ROW("信息内容%s本年新制作数量%s本年新公开数量%s对外公开总数量", sep, sep, sep);
	ROW("规章%s%ld%s%ld%s%ld", sep, r->o_reg[0], sep, r->o_reg[1], sep, r->o_reg[2]);
	ROW("规范性文件%s%ld%s%ld%s%ld", sep, r->o_norm[0], sep, r->o_norm[1], sep, r->o_norm[2]);
	ROW("第二十条第（五）项%s%s%s", sep, sep, sep);
	ROW("信息内容%s上一年项目数量%s本年增/减%s处理决定数量", sep, sep, sep);
	ROW("行政许可%s%ld%s%s%s%ld", sep, r->o_lic[0], sep, signed_str(r->o_lic[1]), sep, r->o_lic[2]);
	ROW("其他对外管理服务事项%s%ld%s%s%s%ld", sep, r->o_svc[0], sep, signed_str(r->o_svc[1]), sep, r->o_svc[2]);
	ROW("第二十条第（六）项%s%s%s", sep, sep, sep);
	ROW("信息内容%s上一年项目数量%s本年增/减%s处理决定数量", sep, sep, sep);
	ROW("行政处罚%s%ld%s%s%s%ld", sep, r->o_pen[0], sep, signed_str(r->o_pen[1]), sep, r->o_pen[2]);
	ROW("行政强制%s%ld%s%s%s%ld", sep, r->o_coer[0], sep, signed_str(r->o_coer[1]), sep, r->o_coer[2]);
	ROW("第二十条第（八）项%s%s%s", sep, sep, sep);
	ROW("信息内容%s上一年项目数量%s本年增/减%s", sep, sep, sep);
	ROW("行政事业性收费%s%ld%s%s%s", sep, r->o_fee[0], sep, signed_str(r->o_fee[1]), sep);
	ROW("第二十条第（九）项%s%s%s", sep, sep, sep);
	ROW("信息内容%s采购项目数量%s采购总金额%s", sep, sep, sep);
	ROW("政府集中采购%s%ld%s%ld%s", sep, r->o_count, sep, r->o_amount, sep);
#undef ROW
}

static void
render_tab(const struct report *r, const char *sep, int pipes)
{
	size_t	 i;
	int	 c, g, k;
	const char *L = pipes ? "| " : "", *R = pipes ? " |" : "";

	prose_head(r);
#define ROW(...) do { put("%s", L); put(__VA_ARGS__); put("%s\n", R); } while (0)
	if (r->tmpl == 2) {
		render_t2_2019(r, sep, L, R, pipes);
		goto t3;
	}
	ROW("第二十条第（一）项%s%s%s", sep, sep, sep);
	if (pipes)
		put("|---|---|---|---|\n");
	ROW("信息内容%s本年制发件数%s本年废止件数%s现行有效件数", sep, sep, sep);
	ROW("规章%s%ld%s%ld%s%ld", sep, r->reg[0], sep, r->reg[1], sep, r->reg[2]);
	ROW("行政规范性文件%s%ld%s%ld%s%ld", sep, r->norm[0], sep, r->norm[1], sep, r->norm[2]);
	ROW("第二十条第（五）项%s%s%s", sep, sep, sep);
	ROW("信息内容%s本年处理决定数量%s%s", sep, sep, sep);
	ROW("行政许可%s%ld%s%s", sep, r->license, sep, sep);
	ROW("第二十条第（六）项%s%s%s", sep, sep, sep);
	ROW("信息内容%s本年处理决定数量%s%s", sep, sep, sep);
	ROW("行政处罚%s%ld%s%s", sep, r->penalty, sep, sep);
	ROW("行政强制%s%ld%s%s", sep, r->coercion, sep, sep);
	ROW("第二十条第（八）项%s%s%s", sep, sep, sep);
	ROW("信息内容%s本年收费金额（单位：万元）%s%s", sep, sep, sep);
	ROW("行政事业性收费%s%s%s%s", sep, feestr(r), sep, sep);
t3:
	put("\n三、收到和处理政府信息公开申请情况\n\n");
	ROW("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）%s%s申请人情况%s%s%s%s%s%s总计",
	    sep, sep, sep, sep, sep, sep, sep, sep);
	if (pipes)
		put("|---|---|---|---|---|---|---|---|---|\n");
	ROW("%s%s自然人%s法人或其他组织%s%s%s%s%s", sep, sep, sep, sep, sep, sep, sep, sep);
	ROW("%s%s%s商业企业%s科研机构%s社会公益组织%s法律服务机构%s其他%s", sep, sep, sep, sep, sep, sep, sep, sep);
	for (i = 0; i < NT3; i++) {
		if (!in_tmpl(r, i))
			continue;
		put("%s", L);
		if (t3rows[i].key[0] == 'n' || strcmp(t3rows[i].key, "carry_in") == 0 ||
		    strcmp(t3rows[i].key, "carry_out") == 0)
			put("%s%s", t3rows[i].label, sep);
		else if (strcmp(t3rows[i].key, "total") == 0)
			put("%s", t3rows[i].label);	/* shifted left */
		else if (strcmp(t3rows[i].key, "open") == 0)
			put("%s%s%s", t3rows[i].group, sep, t3rows[i].label);
		else if (strcmp(t3rows[i].key, "partial") == 0 ||
		    strcmp(t3rows[i].key, "other") == 0)
			put("%s%s", sep, t3rows[i].label);
		else if (t3rows[i].group != NULL)
			put("%s%s%s%s", sep, t3rows[i].group, sep, t3rows[i].label);
		else
			put("%s%s%s", sep, sep, t3rows[i].label);
		for (c = 0; c < NCOL; c++)
			put("%s%ld", sep, r->t3[i][c]);
		put("%s\n", R);
	}
	put("\n四、政府信息公开行政复议、行政诉讼情况\n\n");
	ROW("行政复议%s%s%s%s%s行政诉讼%s%s%s%s%s%s%s%s%s", sep, sep, sep, sep, sep, sep, sep, sep, sep, sep, sep, sep, sep, sep);
	if (pipes)
		put("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
	ROW("结果维持%s结果纠正%s其他结果%s尚未审结%s总计%s未经复议直接起诉%s%s%s%s%s复议后起诉%s%s%s%s",
	    sep, sep, sep, sep, sep, sep, sep, sep, sep, sep, sep, sep, sep, sep);
	ROW("%s%s%s%s%s结果维持%s结果纠正%s其他结果%s尚未审结%s总计%s结果维持%s结果纠正%s其他结果%s尚未审结%s总计",
	    sep, sep, sep, sep, sep, sep, sep, sep, sep, sep, sep, sep, sep, sep);
	put("%s", L);
	for (g = 0; g < 3; g++)
		for (k = 0; k < 5; k++)
			put("%s%ld", g + k == 0 ? "" : sep, r->t4[g][k]);
	put("%s\n\n", R);
#undef ROW
	prose_tail(r);
}

/* Split a label after about half its characters (UTF-8 safe). */
static void
split_label(const char *s, char *a, char *b, size_t cap)
{
	size_t	 n = strlen(s), half = 0, i, k;
	uint32_t cp;
	size_t	 chars = 0, seen = 0;

	for (i = 0; i < n; i += gip_utf8_decode(s + i, n - i, &cp))
		chars++;
	for (i = 0; i < n; i += k, seen++) {
		if (seen == chars / 2) {
			half = i;
			break;
		}
		k = gip_utf8_decode(s + i, n - i, &cp);
	}
	if (half == 0 || half >= cap || n - half >= cap)
		half = n < cap ? n : cap - 1;
	memcpy(a, s, half);
	a[half] = '\0';
	snprintf(b, cap, "%s", s + half);
}

/*
 * Space-separated, as PDF-to-text gives it (seed 001): labels longer
 * than 16 characters wrap over two lines with blank lines between, the
 * numbers on the second part.
 */
static void
render_space(const struct report *r)
{
	size_t	 i;
	int	 c, g, k;
	char	 a[512], b[512];

	prose_head(r);
	put("第二十条第（一）项\n\n信息内容 本年制发件数 本年废止件数 现行有效件数\n\n");
	put("规章 %ld %ld %ld\n\n", r->reg[0], r->reg[1], r->reg[2]);
	put("行政规范性文件 %ld %ld %ld\n\n", r->norm[0], r->norm[1], r->norm[2]);
	put("第二十条第（五）项\n\n信息内容 本年处理决定数量\n\n行政许可 %ld\n\n", r->license);
	put("第二十条第（六）项\n\n信息内容 本年处理决定数量\n\n行政处罚 %ld\n\n行政强制 %ld\n\n",
	    r->penalty, r->coercion);
	put("第二十条第（八）项\n\n信息内容 本年收费金额（单位：万元）\n\n行政事业性收费 %s\n\n",
	    feestr(r));
	put("三、收到和处理政府信息公开申请情况\n\n"
	    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n\n"
	    "申请人情况\n\n自然人\n\n法人或其他组织\n\n总计\n商业企业 科研机构\n\n社会公益\n\n组织\n\n"
	    "法律服务\n\n机构\n其他\n\n");
	for (i = 0; i < NT3; i++) {
		if (!in_tmpl(r, i))
			continue;
		if (t3rows[i].group != NULL && strcmp(t3rows[i].key, "open") == 0)
			put("三、本年度办理\n\n结果\n\n");
		else if (t3rows[i].group != NULL) {
			split_label(t3rows[i].group, a, b, sizeof(a));
			put("%s\n\n%s\n\n", a, b);
		}
		if (strlen(t3rows[i].label) > 48) {
			split_label(t3rows[i].label, a, b, sizeof(a));
			put("%s\n\n%s\n", a, b);
		} else
			put("%s ", t3rows[i].label);
		for (c = 0; c < NCOL; c++)
			put("%ld%s", r->t3[i][c], c == NCOL - 1 ? "\n\n" : " ");
	}
	put("四、政府信息公开行政复议、行政诉讼情况\n\n行政复议 行政诉讼\n\n"
	    "结果维持 结果纠正 其他结果 尚未审结 总计\n未经复议直接起诉 复议后起诉\n\n"
	    "结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计\n\n");
	for (g = 0; g < 3; g++)
		for (k = 0; k < 5; k++)
			put("%ld%s", r->t4[g][k], g == 2 && k == 4 ? "\n\n" : " ");
	prose_tail(r);
}

/* One cell per line, as some HTML-to-text conversions give it. */
static void
render_cell(const struct report *r)
{
	size_t	 i;
	int	 c, g, k;

	prose_head(r);
	put("第二十条第（一）项\n信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n");
	put("规章\n%ld\n%ld\n%ld\n", r->reg[0], r->reg[1], r->reg[2]);
	put("行政规范性文件\n%ld\n%ld\n%ld\n", r->norm[0], r->norm[1], r->norm[2]);
	put("第二十条第（五）项\n信息内容\n本年处理决定数量\n行政许可\n%ld\n", r->license);
	put("第二十条第（六）项\n信息内容\n本年处理决定数量\n行政处罚\n%ld\n行政强制\n%ld\n",
	    r->penalty, r->coercion);
	put("第二十条第（八）项\n信息内容\n本年收费金额（单位：万元）\n行政事业性收费\n%s\n\n",
	    feestr(r));
	put("三、收到和处理政府信息公开申请情况\n\n"
	    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n"
	    "申请人情况\n自然人\n法人或其他组织\n总计\n商业企业\n科研机构\n社会公益组织\n"
	    "法律服务机构\n其他\n");
	for (i = 0; i < NT3; i++) {
		if (!in_tmpl(r, i))
			continue;
		if (t3rows[i].group != NULL)
			put("%s\n", t3rows[i].group);
		put("%s\n", t3rows[i].label);
		for (c = 0; c < NCOL; c++)
			put("%ld\n", r->t3[i][c]);
	}
	put("\n四、政府信息公开行政复议、行政诉讼情况\n\n行政复议\n行政诉讼\n"
	    "结果维持\n结果纠正\n其他结果\n尚未审结\n总计\n未经复议直接起诉\n复议后起诉\n");
	for (g = 0; g < 2; g++)
		put("结果维持\n结果纠正\n其他结果\n尚未审结\n总计\n");
	for (g = 0; g < 3; g++)
		for (k = 0; k < 5; k++)
			put("%ld\n", r->t4[g][k]);
	put("\n");
	prose_tail(r);
}

/* Pad with spaces to a display width (Han characters count two). */
static void
pad(const char *s, int width)
{
	size_t	 n = strlen(s), i, k;
	uint32_t cp;
	int	 w = 0;

	for (i = 0; i < n; i += k) {
		k = gip_utf8_decode(s + i, n - i, &cp);
		w += cp >= 0x1100 ? 2 : 1;
	}
	put("%s", s);
	for (; w < width; w++)
		put(" ");
}

/* The seven numbers of a row, right-aligned in columns. */
static void
numbers(const long *v, int n)
{
	int	 c;

	for (c = 0; c < n; c++)
		put("%8ld", v[c]);
}

/*
 * What `pdftotext -layout` makes of the tables: columns aligned with
 * spaces, long labels wrapped over three lines with the numbers on the
 * middle one, the rowspan label of 三 printed down the left edge one
 * character per line, and a page footer inside table 三.
 */
static void
render_pdf(const struct report *r)
{
	static const char *const vert[] = {
		"三、", "本", "年", "度", "办", "理", "结", "果"
	};
	size_t	 i, nvert = sizeof(vert) / sizeof(vert[0]), v = 0;
	int	 g, k, row = 0;
	char	 a[512], b[512], c1[512], c2[512];

	prose_head(r);
	put("        第二十条第（一）项\n");
	put("   信息内容        本年制发件数    本年废止件数    现行有效件数\n");
	put("   规章          %12ld%16ld%16ld\n", r->reg[0], r->reg[1], r->reg[2]);
	put("   行政规范性文件%12ld%16ld%16ld\n", r->norm[0], r->norm[1], r->norm[2]);
	put("        第二十条第（五）项\n");
	put("   信息内容        本年处理决定数量\n");
	put("   行政许可      %12ld\n", r->license);
	put("        第二十条第（六）项\n");
	put("   信息内容        本年处理决定数量\n");
	put("   行政处罚      %12ld\n   行政强制      %12ld\n", r->penalty, r->coercion);
	put("        第二十条第（八）项\n");
	put("   信息内容        本年收费金额（单位：万元）\n");
	put("   行政事业性收费%12s\n\n", feestr(r));
	put("三、收到和处理政府信息公开申请情况\n\n");
	put("   （本列数据的勾稽关系为：第一项加         申请人情况\n");
	put("   第二项之和，等于第三项加第四项之           自然人      法人或其他组织                              总计\n");
	put("   和）                                          商业企业 科研机构 社会公益组织 法律服务机构 其他\n");
	for (i = 0; i < NT3; i++) {
		if (!in_tmpl(r, i))
			continue;
		if (strcmp(t3rows[i].key, "open") == 0)
			v = 0;
		if (strcmp(t3rows[i].key, "deny_case") == 0)
			put("\n                                 - %d -\n\n", 2);
		/* the vertical label: one character before each early row */
		if (row >= 2 && v < nvert && strcmp(t3rows[i].key, "carry_out") != 0)
			put("%s\n", vert[v++]);
		if (t3rows[i].group != NULL && t3rows[i].label[0] != '\xef')
			put("   %s\n", t3rows[i].group);
		if (strlen(t3rows[i].label) > 60) {
			split_label(t3rows[i].label, a, b, sizeof(a));
			split_label(b, c1, c2, sizeof(c1));
			put("   %s\n   ", a);
			pad(c1, 44);
			numbers(r->t3[i], NCOL);
			put("\n   %s\n", c2);
		} else {
			put("   ");
			pad(t3rows[i].label, 44);
			numbers(r->t3[i], NCOL);
			put("\n");
		}
		row++;
	}
	put("\n四、政府信息公开行政复议、行政诉讼情况\n\n");
	put("              行政复议                                        行政诉讼\n");
	put(" 结果   结果   其他   尚未          未经复议直接起诉                 复议后起诉\n");
	put(" 维持   纠正   结果   审结   总计   结果 结果 其他 尚未 总计   结果 结果 其他 尚未 总计\n");
	put("                                    维持 纠正 结果 审结        维持 纠正 结果 审结\n");
	for (g = 0; g < 3; g++)
		for (k = 0; k < 5; k++)
			put("%6ld", r->t4[g][k]);
	put("\n\n");
	prose_tail(r);
}

/* HTML as crawled: rowspan and colspan as in the official template. */
static void
render_html(const struct report *r)
{
	size_t	 i;
	int	 c, g, k, span;

	put("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
	    "<title>%s</title><style>td{border:1px}</style></head><body>\n",
	    r->agency);
	put("<h1>%s %d 年政府信息公开工作年度报告</h1>\n", r->agency, r->year);
	put("<p>本报告所列数据的统计期限自 %d 年 1 月 1 日起至 %d 年 12 月 31 日止。</p>\n",
	    r->year, r->year);
	put("<p>一、总体情况</p>\n<p>%d年，全年共办理行政许可%ld件。本年度共新收政府信息公开申请%ld件。</p>\n",
	    r->year, r->narr_license, r->narr_new);
	put("<p>二、主动公开政府信息情况</p>\n<table>\n");
	if (r->tmpl == 2) {
		put("<tr><td colspan=\"4\">第二十条第（一）项</td></tr>\n");
		put("<tr><td>信息内容</td><td>本年新<br/>制作数量</td><td>本年新<br/>公开数量</td><td>对外公开<br/>总数量</td></tr>\n");
		put("<tr><td>规章</td><td>%ld</td><td>%ld</td><td>%ld</td></tr>\n", r->o_reg[0], r->o_reg[1], r->o_reg[2]);
		put("<tr><td>规范性文件</td><td>%ld</td><td>%ld</td><td>%ld</td></tr>\n", r->o_norm[0], r->o_norm[1], r->o_norm[2]);
		put("<tr><td colspan=\"4\">第二十条第（五）项</td></tr>\n");
		put("<tr><td>信息内容</td><td>上一年项目数量</td><td>本年增/减</td><td>处理决定数量</td></tr>\n");
		put("<tr><td>行政许可</td><td>%ld</td><td>%s</td><td>%ld</td></tr>\n", r->o_lic[0], signed_str(r->o_lic[1]), r->o_lic[2]);
		put("<tr><td>其他对外管理服务事项</td><td>%ld</td><td>%s</td><td>%ld</td></tr>\n", r->o_svc[0], signed_str(r->o_svc[1]), r->o_svc[2]);
		put("<tr><td colspan=\"4\">第二十条第（六）项</td></tr>\n");
		put("<tr><td>信息内容</td><td>上一年项目数量</td><td>本年增/减</td><td>处理决定数量</td></tr>\n");
		put("<tr><td>行政处罚</td><td>%ld</td><td>%s</td><td>%ld</td></tr>\n", r->o_pen[0], signed_str(r->o_pen[1]), r->o_pen[2]);
		put("<tr><td>行政强制</td><td>%ld</td><td>%s</td><td>%ld</td></tr>\n", r->o_coer[0], signed_str(r->o_coer[1]), r->o_coer[2]);
		put("<tr><td colspan=\"4\">第二十条第（八）项</td></tr>\n");
		put("<tr><td>信息内容</td><td>上一年项目数量</td><td colspan=\"2\">本年增/减</td></tr>\n");
		put("<tr><td>行政事业性收费</td><td>%ld</td><td colspan=\"2\">%s</td></tr>\n", r->o_fee[0], signed_str(r->o_fee[1]));
		put("<tr><td colspan=\"4\">第二十条第（九）项</td></tr>\n");
		put("<tr><td>信息内容</td><td>采购项目数量</td><td colspan=\"2\">采购总金额</td></tr>\n");
		put("<tr><td>政府集中采购</td><td>%ld</td><td colspan=\"2\">%ld</td></tr>\n", r->o_count, r->o_amount);
		goto t3;
	}
	put("<tr><td colspan=\"4\">第二十条第（一）项</td></tr>\n");
	put("<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>\n");
	put("<tr><td>规章</td><td>%ld</td><td>%ld</td><td>%ld</td></tr>\n", r->reg[0], r->reg[1], r->reg[2]);
	put("<tr><td>行政规范性文件</td><td>%ld</td><td>%ld</td><td>%ld</td></tr>\n", r->norm[0], r->norm[1], r->norm[2]);
	put("<tr><td colspan=\"4\">第二十条第（五）项</td></tr>\n");
	put("<tr><td>信息内容</td><td colspan=\"3\">本年处理决定数量</td></tr>\n");
	put("<tr><td>行政许可</td><td colspan=\"3\">%ld</td></tr>\n", r->license);
	put("<tr><td colspan=\"4\">第二十条第（六）项</td></tr>\n");
	put("<tr><td>信息内容</td><td colspan=\"3\">本年处理决定数量</td></tr>\n");
	put("<tr><td>行政处罚</td><td colspan=\"3\">%ld</td></tr>\n", r->penalty);
	put("<tr><td>行政强制</td><td colspan=\"3\">%ld</td></tr>\n", r->coercion);
	put("<tr><td colspan=\"4\">第二十条第（八）项</td></tr>\n");
	put("<tr><td>信息内容</td><td colspan=\"3\">本年收费金额（单位：万元）</td></tr>\n");
	put("<tr><td>行政事业性收费</td><td colspan=\"3\">%s</td></tr>\n", feestr(r));
t3:
	put("</table>\n<p>三、收到和处理政府信息公开申请情况</p>\n<table>\n");
	put("<tr><td colspan=\"3\" rowspan=\"3\">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>"
	    "<td colspan=\"7\">申请人情况</td></tr>\n");
	put("<tr><td rowspan=\"2\">自然人</td><td colspan=\"5\">法人或其他组织</td><td rowspan=\"2\">总计</td></tr>\n");
	put("<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>\n");
	for (i = 0; i < NT3; i++) {
		if (!in_tmpl(r, i))
			continue;
		put("<tr>");
		if (strcmp(t3rows[i].key, "new") == 0 ||
		    strcmp(t3rows[i].key, "carry_in") == 0 ||
		    strcmp(t3rows[i].key, "carry_out") == 0)
			put("<td colspan=\"3\">%s</td>", t3rows[i].label);
		else {
			if (strcmp(t3rows[i].key, "open") == 0)
				put("<td rowspan=\"%d\">三、本年度办理<br/>结果</td>",
				    r->tmpl == 1 ? 22 : 20);
			if (t3rows[i].group != NULL &&
			    strncmp(t3rows[i].label, "（", 3) != 0) {
				span = strncmp(t3rows[i].key, "deny", 4) == 0 ? 8 :
				    strncmp(t3rows[i].key, "unable", 6) == 0 ? 3 :
				    strncmp(t3rows[i].key, "ignore", 6) == 0 ? 5 : 3;
				put("<td rowspan=\"%d\">%s</td><td>%s</td>", span,
				    t3rows[i].group, t3rows[i].label);
			} else if (strncmp(t3rows[i].label, "（", 3) == 0)
				put("<td colspan=\"2\">%s</td>", t3rows[i].label);
			else
				put("<td>%s</td>", t3rows[i].label);
		}
		for (c = 0; c < NCOL; c++)
			put("<td>%ld</td>", r->t3[i][c]);
		put("</tr>\n");
	}
	put("</table>\n<p>四、政府信息公开行政复议、行政诉讼情况</p>\n<table>\n");
	put("<tr><td colspan=\"5\">行政复议</td><td colspan=\"10\">行政诉讼</td></tr>\n");
	put("<tr><td rowspan=\"2\">结果维持</td><td rowspan=\"2\">结果纠正</td><td rowspan=\"2\">其他结果</td>"
	    "<td rowspan=\"2\">尚未审结</td><td rowspan=\"2\">总计</td>"
	    "<td colspan=\"5\">未经复议直接起诉</td><td colspan=\"5\">复议后起诉</td></tr>\n");
	put("<tr>");
	for (g = 0; g < 2; g++)
		put("<td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td>");
	put("</tr>\n<tr>");
	for (g = 0; g < 3; g++)
		for (k = 0; k < 5; k++)
			put("<td>%ld</td>", r->t4[g][k]);
	put("</tr>\n</table>\n<p>五、存在的主要问题及改进情况</p>\n<p>一是公开内容还需进一步细化。</p>\n"
	    "<p>六、其他需要报告的事项</p>\n<p>本机关%d年未收取信息处理费。</p>\n</body></html>\n",
	    r->year);
}

/*
 * Write the table numbers as some reports do: with thousands separators
 * (1,234) or in full-width digits (１２３).  Only whole numbers standing
 * between cell separators (tab, space, pipe, a tag) change, and only on
 * lines that are not prose, so years, dates, ordinals and the numbers in
 * sentences stay as they are.  The true values are the same.
 */
static void
decorate(int mode)
{
	struct gip_buf	 b = { NULL, 0, 0 };
	size_t		 i = 0, ls, le, j, k, d;
	const char	*p;

	while (i < out.len) {
		ls = i;
		p = memchr(out.p + i, '\n', out.len - i);
		le = p == NULL ? out.len : (size_t)(p - out.p);
		if (memmem(out.p + ls, le - ls, "。", 3) != NULL ||
		    memmem(out.p + ls, le - ls, "年", 3) != NULL) {
			gip_buf_add(&b, out.p + ls, le - ls);
			goto next;
		}
		for (j = ls; j < le; ) {
			if (out.p[j] < '0' || out.p[j] > '9' ||
			    (j > ls && strchr("\t |>", out.p[j - 1]) == NULL)) {
				gip_buf_addc(&b, out.p[j++]);
				continue;
			}
			for (k = j; k < le && out.p[k] >= '0' && out.p[k] <= '9'; k++)
				continue;
			if (k < le && strchr("\t |<", out.p[k]) == NULL) {
				gip_buf_add(&b, out.p + j, k - j);
				j = k;
				continue;
			}
			for (d = j; d < k; d++) {
				if (mode == 2) {
					/* U+FF10 + digit */
					gip_buf_addc(&b, (char)0xEF);
					gip_buf_addc(&b, (char)0xBC);
					gip_buf_addc(&b, (char)(0x90 + out.p[d] - '0'));
					continue;
				}
				if (d > j && (k - d) % 3 == 0)
					gip_buf_addc(&b, ',');
				gip_buf_addc(&b, out.p[d]);
			}
			j = k;
		}
next:
		if (p != NULL)
			gip_buf_addc(&b, '\n');
		i = le + 1;
	}
	gip_buf_free(&out);
	out = b;
}

/* ---- output ---- */

static void
write_file(const char *path, const char *p, size_t n)
{
	FILE	*fp;

	if ((fp = fopen(path, "wb")) == NULL ||
	    fwrite(p, 1, n, fp) != n || fclose(fp) != 0) {
		fprintf(stderr, "gencorpus: %s: %s\n", path, strerror(errno));
		exit(2);
	}
}

static void
encode_write(const char *path, enum enc e)
{
	iconv_t		 cd;
	struct gip_buf	 b = { 0 };
	char		*in = out.p, *o;
	size_t		 inleft = out.len, outleft, done;

	if (e == E_UTF8) {
		write_file(path, out.p, out.len);
		return;
	}
	if (e == E_BOM) {
		gip_buf_add(&b, "\xEF\xBB\xBF", 3);
		gip_buf_add(&b, out.p, out.len);
		write_file(path, b.p, b.len);
		gip_buf_free(&b);
		return;
	}
	cd = iconv_open(e == E_GB ? "GB18030" : "UTF-16", "UTF-8");
	if (cd == (iconv_t)-1) {
		perror("gencorpus: iconv_open");
		exit(2);
	}
	gip_buf_grow(&b, out.len * 2 + 16);
	o = b.p;
	outleft = b.cap - 1;
	if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1) {
		perror("gencorpus: iconv");
		exit(2);
	}
	done = (size_t)(o - b.p);
	iconv_close(cd);
	write_file(path, b.p, done);
	gip_buf_free(&b);
}

static void
truth(FILE *fp, const struct report *r)
{
	size_t	 i;
	int	 c, g, k;
	static const char *const rc[3] = { "made", "repealed", "valid" };

	static const char *const oc[3] = { "made", "published", "public_total" };
	static const char *const pc[3] = { "prev", "delta", "decisions" };

	if (r->tmpl == 2) {
		for (k = 0; k < 3; k++) {
			fprintf(fp, "%s\tt2\treg\t%s\t%ld\n", r->name, oc[k], r->o_reg[k]);
			fprintf(fp, "%s\tt2\tnorm\t%s\t%ld\n", r->name, oc[k], r->o_norm[k]);
			fprintf(fp, "%s\tt2\tlicense\t%s\t%ld\n", r->name, pc[k], r->o_lic[k]);
			fprintf(fp, "%s\tt2\tothersvc\t%s\t%ld\n", r->name, pc[k], r->o_svc[k]);
			fprintf(fp, "%s\tt2\tpenalty\t%s\t%ld\n", r->name, pc[k], r->o_pen[k]);
			fprintf(fp, "%s\tt2\tcoercion\t%s\t%ld\n", r->name, pc[k], r->o_coer[k]);
		}
		fprintf(fp, "%s\tt2\tfee\tprev\t%ld\n", r->name, r->o_fee[0]);
		fprintf(fp, "%s\tt2\tfee\tdelta\t%ld\n", r->name, r->o_fee[1]);
		fprintf(fp, "%s\tt2\tprocure\tcount\t%ld\n", r->name, r->o_count);
		fprintf(fp, "%s\tt2\tprocure\tamount\t%ld\n", r->name, r->o_amount);
		goto t3;
	}
	for (k = 0; k < 3; k++)
		fprintf(fp, "%s\tt2\treg\t%s\t%ld\n", r->name, rc[k], r->reg[k]);
	for (k = 0; k < 3; k++)
		fprintf(fp, "%s\tt2\tnorm\t%s\t%ld\n", r->name, rc[k], r->norm[k]);
	fprintf(fp, "%s\tt2\tlicense\tdecisions\t%ld\n", r->name, r->license);
	fprintf(fp, "%s\tt2\tpenalty\tdecisions\t%ld\n", r->name, r->penalty);
	fprintf(fp, "%s\tt2\tcoercion\tdecisions\t%ld\n", r->name, r->coercion);
	fprintf(fp, "%s\tt2\tfee\tamount\t%s\n", r->name, r->fee);
t3:
	for (i = 0; i < NT3; i++)
		if (in_tmpl(r, i))
			for (c = 0; c < NCOL; c++)
				fprintf(fp, "%s\tt3\t%s\t%s\t%ld\n", r->name,
				    t3rows[i].key, t3cols[c], r->t3[i][c]);
	for (g = 0; g < 3; g++)
		for (k = 0; k < 5; k++)
			fprintf(fp, "%s\tt4\t%s\t%s\t%ld\n", r->name, t4rows[g],
			    t4cols[k], r->t4[g][k]);
}

static unsigned
parse_set(const char *arg, const char *const *names, int n)
{
	unsigned	 set = 0;
	char		*copy = gip_xstrdup(arg), *tok, *save;
	int		 i;

	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < n; i++)
			if (strcmp(tok, names[i]) == 0)
				break;
		if (i == n) {
			fprintf(stderr, "gencorpus: unknown name %s\n", tok);
			exit(2);
		}
		set |= 1u << i;
	}
	free(copy);
	return set;
}

static int
pick(unsigned set, int n)
{
	int	 k, i, have = 0;

	for (i = 0; i < n; i++)
		have += (set >> i) & 1;
	k = (int)rnd((unsigned long)have);
	for (i = 0; i < n; i++)
		if ((set >> i) & 1 && k-- == 0)
			return i;
	return 0;
}

int
main(int argc, char **argv)
{
	struct report	 r;
	FILE		*tf, *bf;
	char		 path[4096], *brk = NULL, *every;
	const char	*dir = NULL;
	unsigned	 layouts = 1u << L_TAB | 1u << L_PIPE | 1u << L_HTML;
	unsigned	 encs = 1u << E_UTF8;
	long		 n = 10, i, nbreak = 0;
	unsigned	 tmpls = 1;
	unsigned long	 k;
	int		 ch;

	rng = 0x9E3779B97F4A7C15ULL;
	while ((ch = getopt(argc, argv, "b:e:l:n:o:s:t:")) != -1) {
		switch (ch) {
		case 't':
			tmpls = strstr(optarg, "2019") != NULL ? 2 : 0;
			tmpls |= strstr(optarg, "2021") != NULL ? 1 : 0;
			break;
		case 'b':
			brk = optarg;
			break;
		case 'e':
			encs = parse_set(optarg, enc_names, E_COUNT);
			break;
		case 'l':
			layouts = parse_set(optarg, layout_names, L_COUNT);
			break;
		case 'n':
			n = atol(optarg);
			break;
		case 'o':
			dir = optarg;
			break;
		case 's':
			rng ^= strtoull(optarg, NULL, 10) * 0xD1B54A32D192ED03ULL;
			if (rng == 0)
				rng = 1;
			break;
		default:
			goto usage;
		}
	}
	if (dir == NULL)
		goto usage;
	if (brk != NULL) {
		if ((every = strchr(brk, ':')) == NULL)
			goto usage;
		*every++ = '\0';
		nbreak = atol(every);
	}
	snprintf(path, sizeof(path), "%s/truth.tsv", dir);
	if ((tf = fopen(path, "w")) == NULL) {
		perror(path);
		return 2;
	}
	snprintf(path, sizeof(path), "%s/broken.tsv", dir);
	if ((bf = fopen(path, "w")) == NULL) {
		perror(path);
		return 2;
	}
	for (i = 0; i < n; i++) {
		memset(&r, 0, sizeof(r));
		r.layout = (enum layout)pick(layouts, L_COUNT);
		r.enc = (enum enc)pick(encs, E_COUNT);
		r.agency = agencies[rnd(sizeof(agencies) / sizeof(agencies[0]))];
		r.year = 2021 + (int)rnd(4);
		r.tmpl = 1;
		/* one in three 2019-template reports when both are asked for */
		if (tmpls == 2 || (tmpls == 3 && rnd(3) == 0)) {
			r.tmpl = 2;
			r.year = 2019 + (int)rnd(2);
			/* 2019 tables are rendered in these layouts only */
			if (r.layout != L_HTML && r.layout != L_PIPE)
				r.layout = L_TAB;
		}
		snprintf(r.name, sizeof(r.name), "%s/r%06ld.%s", dir, i,
		    r.layout == L_HTML ? "html" : "txt");
		fill(&r);
		if (nbreak > 0 && i % nbreak == nbreak - 1) {
			breakrule(&r, brk);
			fprintf(bf, "%s\t%s\n", r.name, brk);
		}
		gip_buf_reset(&out);
		switch (r.layout) {
		case L_HTML:
			render_html(&r);
			break;
		case L_PIPE:
			render_tab(&r, " | ", 1);
			break;
		case L_SPACE:
			render_space(&r);
			break;
		case L_CELL:
			render_cell(&r);
			break;
		case L_PDF:
			render_pdf(&r);
			break;
		default:
			render_tab(&r, "\t", 0);
			break;
		}
		/* one report in four with separators, one in six full width */
		k = rnd(12);
		if (k < 3)
			decorate(1);
		else if (k < 5)
			decorate(2);
		encode_write(r.name, r.enc);
		truth(tf, &r);
	}
	if (fclose(tf) != 0 || fclose(bf) != 0) {
		perror("gencorpus");
		return 2;
	}
	return 0;
usage:
	fprintf(stderr, "usage: gencorpus [-n count] [-s seed] [-l layouts] "
	    "[-e encodings] [-t templates] [-b rule:every] -o dir\n");
	return 2;
}
