/*
 * check_rule.h: what the files of gip-check's rules share: the context
 * of one check, the cells' names for messages, the sum check, and the
 * findings.  Calls go one way: check_rules.c (which runs the rules on a
 * document) to the rule files, the rule files to check_terms.c.
 */
#ifndef CHECK_RULE_H
#define CHECK_RULE_H

#define NCOL3	7
#define MAXTERM	32

/* The years of the 条例 and of the templates. */
#define YEAR_FIRST	2008	/* the 2008 条例: the first reports */
#define YEAR_T2019	2019	/* the 2019 条例 and its template */
#define YEAR_T2021	2021	/* the 2021 template */

/* A day of the year as the number mmdd, a date as yyyymmdd. */
#define MMDD(m, d)	((m) * 100 + (d))
#define YMD(y, mmdd)	((long long)(y) * 10000 + (mmdd))

/* Table 三's columns, the total last. */
extern const char *const check_cols3[NCOL3];

/* How check_sum_rule names its terms. */
enum naming {
	NAME_ROW,		/* the row: "二、上年结转..." */
	NAME_COL		/* the column: "自然人" */
};

/* What one check of a document is working on. */
struct ctx {
	struct check	*ck;
	struct doc	*d;
	unsigned	 tm;		/* effective template */
	unsigned	 usable;	/* TB_* with a readable cell */
	struct gip_buf	 msg, name, what;
};

/* A number the sums can take (inline: it is asked of every operand). */
static inline int
check_isnum(const struct cval *c)
{
	return c->st == CST_NUM && (c->fl & (CV_BAD | CV_BIG)) == 0;
}

/* check_terms.c */
int	 check_key(const char *, const char *, const char *);
const char *check_cellname(struct ctx *, int);
void	 check_rowname(struct gip_buf *, const struct gip_cell *);
void	 check_describe(struct ctx *, struct gip_buf *, int);
void	 check_finding(struct ctx *, int, struct finding);
void	 check_sum_rule(struct ctx *, enum rule, const char *, const char *,
	    enum naming, const char *, const int *, int, const int *, int);

/* check_rule_year.c */
void	 check_rule_year(struct ctx *);

/* check_rule_complete.c */
int	 check_no_table(struct ctx *);
void	 check_rule_complete(struct ctx *);
void	 check_rule_value(struct ctx *);

/* check_rule_sums.c: the arithmetic of tables 三 and 四 */
void	 check_rule_balance(struct ctx *);
void	 check_rule_rows(struct ctx *);
void	 check_rule_outcome(struct ctx *);
void	 check_rule_t4(struct ctx *);

/* check_rule_narr.c */
void	 check_rule_narr(struct ctx *);

/* check_continuity.c */
void	 check_summarize(struct ctx *, struct summ *);

#endif /* CHECK_RULE_H */
