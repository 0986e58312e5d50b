/*
 * tables_narr_pats.h: the PCRE2 patterns of the prose reader
 * (tables_narr.c), apart so that mknarr.c can compile them at build
 * time: compiling one costs more than reading a short report, and
 * gip-tables starts once a report under xargs -n 1.
 */
#ifndef TABLES_NARR_PATS_H
#define TABLES_NARR_PATS_H

#include <stdint.h>

/*
 * Pieces of the patterns.  SP is the space normalize leaves in prose;
 * FILL(w, k) is up to k filler words, each after optional space, the
 * first of the list that matches taken; NUM the longest run of digits
 * and separators, which must not end in one (tb_number reads it); the
 * units end the phrase, so 余 and 多 after a number make no fact.
 */
#define SP		"[ \\x{3000}\\x{a0}]*+"
#define OPT(w)		SP "(?:" w ")?+" SP
#define FILL(w, k)	"(?:" SP "(?:" w ")){0," #k "}+" SP
#define NUM		"([0-9,.，\\x{ff10}-\\x{ff19}]++)(?<![,.，])" SP
#define W_COUNT		"共计|共|累计|合计|总计|数量为|数量|数为|为|：|:|达|" \
			"办理|作出|做出|办结|处理"
#define W_APPL		"共计|共|合计|总计|数量为|数量|为|：|:"
#define W_TAIL		"政府信息公开申请|的申请|申请|共计|共|合计|为|：|:|的"
#define U_COUNT		"(?:件|个|项|家|起|次|宗|例|条)"
#define U_CASE		"(?:件|起|宗|个|次)"
#define U_APPL		"(?:件|个|条|宗)"
/*
 * UPTO(w): the object of 收到 up to the word w: no party, no other
 * procedure, no number, no clause end.  SPAN_VERB bytes hold at most 54
 * characters; the bytes are counted in try_at().
 */
#define OBJ		"(?!法人|组织|企业|自然人|复议|诉讼|投诉|举报|信访|" \
			"建议|提案)[^因，。；,;0-9]"
/* every applicant at once is no party: "收到公民、法人和其他组织提出的…" */
#define ALL_PARTIES	"(?:公民|自然人)、法人(?:和|或者|或|及)其他组织"
#define UPTO(w)		"(?:" ALL_PARTIES "|(?!" w ")" OBJ "){0,54}+"
#define NEG		"未|没有"
/* NEG captured as group 1: a lookbehind's branches have fixed lengths */
#define NEG_G1		"(?|(?<=(未))|(?<=(没有)))"
#define NOT_CAUSE	"(?!提起|引起|引发|而)"
#define LAST_YEAR	"上年度|上一年度|上一年|上年"
#define LAST_YEAR_G1	"(?|(?<=(上年度))|(?<=(上一年度))|(?<=(上一年))|" \
			"(?<=(上年)))"

/*
 * The statistics period: a year and 度 or 全年, or two dates, the
 * second's year optional ("至12月31日"), the days optional.  Groups: 1
 * the year, 2 度 or 全年, 3 the first month, 4 the second year, 5 the
 * second month.
 */
#define DIG		"[0-9\\x{ff10}-\\x{ff19}]"
#define PERIOD_SRC	"统计(?:期限|时限|时间段|时间|时段|区间|周期|期间)" \
			FILL("为|是|：|:|从|自|由", 2) \
			"(" DIG "{4}+)" SP "年" SP \
			"(?:(度|全年)|(" DIG "{1,2}+)" SP "月" SP \
			"(?:" DIG "{1,2}+" SP "[日号]" SP ")?+(?:起" SP ")?+" \
			"(?:至|到|—|－|-|~|～)" SP \
			"(?:(" DIG "{4}+)" SP "年" SP ")?+" \
			"(" DIG "{1,2}+)" SP "月(?:" SP DIG "{1,2}+" SP \
			"[日号])?+(?:" SP "止)?+)"

#define VERB		"(?:收到|接到|受理|接收)"
#define W_OUT		W_COUNT "|的|申请"
#define U_ITEM		"(?:条|件|篇|项|个)"
/* a conjunction after another outcome: the sum, not this outcome */
#define CONJ_BEFORE	"(?<!公开及|公开和|公开与|公开、|公开或|公开以及|公开或者)"
#define OUT(w)		"()" w "(?:申请)?+()" FILL(W_OUT, 3) NUM U_APPL

/*
 * PAT(trigger word, fact, flags, keys, source), in the order they are
 * tried.  Every pattern has three groups: 1 starts the phrase (empty at
 * the key, or the negation or year before it), 2 is the 申请 of P_SPAN,
 * 3 the number; with no number the phrase states none (0).  The keys:
 * one of these at the trigger ('|' between), tested before compiling.
 */
#define NARR_PATTERNS \
	PAT(T_XZ, N_LICENSE, 0, "行政许可", "()行政许可" OPT("决定|案件") \
	    "()" FILL(W_COUNT, 3) NUM U_COUNT) \
	PAT(T_XZ, N_PENALTY, 0, "行政处罚", "()行政处罚" OPT("决定|案件") \
	    "()" FILL(W_COUNT, 3) NUM U_COUNT) \
	PAT(T_XZ, N_COERCION, 0, "行政强制", "()行政强制" \
	    OPT("措施|决定|案件") "()" FILL(W_COUNT, 3) NUM U_COUNT) \
	PAT(T_XZ, N_FEE, P_DEC, "行政事业性收费", "()行政事业性收费" \
	    OPT("金额|收入|总额|总金额") "()" FILL(W_COUNT, 3) NUM "万元") \
	PAT(T_XZ, N_REVIEW, P_DISCL, "行政复议", "()行政复议" \
	    OPT("案件|申请") "()" FILL(W_COUNT, 3) NUM U_CASE) \
	PAT(T_XZ, N_LITIG, P_DISCL, "行政诉讼", "()行政诉讼" \
	    OPT("案件|申请") "()" FILL(W_COUNT, 3) NUM U_CASE) \
	/* 新收: the first 申请 ends the object */ \
	PAT(T_NEW, N_NEW, P_SPAN, NULL, "(?<!" NEG ")()新收" UPTO("申请") \
	    "(申请)" FILL(W_APPL, 2) NUM U_APPL) \
	PAT(T_NEW, N_NEW, P_SPAN | P_NEGATED, NULL, NEG_G1 "新收" UPTO("申请") \
	    "(申请)" \
	    NOT_CAUSE) \
	/* 收到, 接到 ...: the first 申请 after 公开: "依申请公开文件申请" */ \
	PAT(T_RECV, N_NEW, P_SPAN, NULL, "(?<!" NEG ")()" VERB \
	    UPTO("公开") "公开" UPTO("申请") "(申请)" FILL(W_APPL, 2) NUM \
	    U_APPL) \
	/* "共接到社会公众依申请公开184件", "受理并办理依申请公开5件" */ \
	PAT(T_RECV, N_NEW, P_SPAN, NULL, "(?<!" NEG ")()" VERB \
	    UPTO("依申请公开") "(依申请公开)" OPT("申请|事项") \
	    FILL(W_APPL, 2) NUM U_APPL) \
	/* "共收到70件申请", "受理5件政府信息公开申请" */ \
	PAT(T_RECV, N_NEW, P_NUMFIRST, NULL, "(?<!" NEG ")()(?:" VERB "|新收)" \
	    FILL("共计|共|各类|了|到", 2) NUM U_APPL \
	    "(?:政府信息公开|信息公开|依申请公开|公开)?+(申请)") \
	PAT(T_RECV, N_NEW, P_SPAN | P_NEGATED, NULL, NEG_G1 VERB UPTO("公开") \
	    "公开" UPTO("申请") "(申请)" NOT_CAUSE) \
	/* "依申请公开5件"; not what was done with them (办结依申请公开81件) */ \
	PAT(T_BYREQ, N_NEW, P_APPL, "依申请公开", "(?<!办结|答复|办理|完成|处理|结转|" \
	    "其中)()依申请公开" OPT("申请|事项|政府信息|信息") "()" FILL(W_APPL, 2) \
	    NUM U_APPL) \
	/* "上年结转15件", "结转下年度继续办理3件" */ \
	PAT(T_CARRY, N_CARRYIN, 0, NULL, LAST_YEAR_G1 "结转()" \
	    FILL(W_TAIL "|办理|继续办理", 3) NUM U_APPL) \
	PAT(T_CARRY, N_CARRYOUT, 0, NULL, "(?<!" LAST_YEAR ")()结转" \
	    OPT("至|到") "(?>下年度|下一年度|下年)" OPT("继续办理|办理") "()" \
	    FILL(W_TAIL, 3) NUM U_APPL) \
	/* outcomes: only in a sentence about applications */ \
	PAT(T_OUT, N_OPENPART, P_APPL, "予以公开|同意公开", \
	    "()(?<!不|部分)(?:予以|同意)?+公开(?:及|和|与|、|或者|或|以及)" \
	    "(?:予以|同意)?+部分公开(?:申请)?+()" FILL(W_OUT, 3) NUM U_APPL) \
	PAT(T_OUT, N_OPEN, P_APPL, "予以公开|同意公开|予以全部|同意全部", \
	    "(?<!不|部分)" \
	    OUT("(?:予以公开|同意公开|予以全部公开|同意全部公开)")) \
	PAT(T_OUT, N_PARTIAL, P_APPL, "部分公开|同意部分|部分同意", CONJ_BEFORE \
	    OUT("(?:同意部分公开|部分公开|部分同意公开)")) \
	PAT(T_OUT, N_DENY, P_APPL, "不予公开|不予以公开|不同意公开", OUT("(?:不予公开|不予以公开|不同意公开)")) \
	PAT(T_OUT, N_UNABLE, P_APPL, "无法提供", OUT("无法提供")) \
	PAT(T_OUT, N_IGNORE, P_APPL, "不予处理", OUT("不予处理")) \
	PAT(T_OUT, N_OTHER, P_APPL, "其他处理", OUT("其他处理")) \
	/* 办结, 答复: all of them, not those on time */ \
	PAT(T_DONE, N_DONE, P_APPL, NULL, "(?<!未|按时|按期|逾期|超期)()" \
	    "(?:办结|答复)" OPT("政府信息公开申请|依申请公开申请|依申请公开|" \
	    "申请|的申请") "()" FILL(W_COUNT, 3) NUM U_APPL) \
	/* 复议, 诉讼 without 行政 ("被申请复议2件") */ \
	PAT(T_CASE, N_REVIEW, P_DISCL, "复议", "(?<!行政)()复议" \
	    OPT("案件|申请") "()" FILL(W_COUNT, 3) NUM U_CASE) \
	PAT(T_CASE, N_LITIG, P_DISCL, "诉讼", "(?<!行政)()诉讼" OPT("案件") \
	    "()" FILL(W_COUNT, 3) NUM U_CASE) \
	/* the year's, not the total since the start (累计) */ \
	PAT(T_PROACT, N_PROACTIVE, 0, "主动公开", "(?<!累计|总计|历年)()主动公开" \
	    "(?:(?:(?!政府信息)[^、等，。；,;:：0-9]){0,12}+政府信息|" \
	    "(?:各类|各项|政务|相关)?+信息|文件)?+()" FILL(W_APPL "|达", 3) NUM \
	    U_ITEM)

/*
 * The patterns compiled by mknarr (pcre2_serialize_encode), NARR_PATTERNS
 * then PERIOD_SRC: the bytes, and the gip_xxh64 of the source they came
 * from (a stale build compiles the source instead).
 */
struct narr_code {
	const unsigned char	*bytes;
	uint64_t		 hash;
};
extern const struct narr_code narr_code[];

#endif
