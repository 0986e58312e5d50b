/*
 * check.h: gip-check's private interfaces, shared by gip-check.c (main,
 * input), check_docs.c (per-document state, which hands each complete
 * document to a callback), check_rules.c and the files it uses
 * (check_rule.h: the rules) and check_emit.c (the findings).  Calls go
 * one way: gip-check.c to the others, the rules to check_docs.c and
 * check_emit.c.
 */
#ifndef CHECK_H
#define CHECK_H

#include <stdint.h>

/* The rules, in the order their findings are written for a document. */
enum rule {
	R_YEAR, R_COMPLETE, R_VALUE, R_BALANCE, R_ROWS, R_OUTCOME,
	R_T4, R_NARR, R_CONT, R_NRULES
};

enum sev { SEV_WARNING, SEV_ERROR };

/* What a record said about a cell (CST_NONE: no record came). */
enum cst { CST_NONE, CST_NUM, CST_BLANK, CST_NA, CST_TEXT, CST_MISSING };

/* Problems of a num value, found when it is read. */
#define CV_NEG	0x01		/* below zero */
#define CV_FRAC	0x02		/* a non-zero fractional part */
#define CV_DEC5	0x04		/* more than 4 decimals (rounded away) */
#define CV_BAD	0x08		/* status num, but not a number */
#define CV_BIG	0x10		/* beyond CHECK_VMAX */

/*
 * Values are lib/decimal.c's (integers in millionths), cut to 4
 * decimals (CHECK_UNIT: the smallest step) and at most CHECK_VMAX in
 * whole units.
 */
#define CHECK_PLACES	4
#define CHECK_UNIT	(GIP_DEC_SCALE / 10000)
#define CHECK_VMAX	((int64_t)1000000000000)	/* 10^12 */

struct cval {
	int64_t		 v;		/* scaled, when st is CST_NUM */
	unsigned long	 line;		/* source line in the report */
	uint32_t	 text;		/* 1 + offset in doc->strs, or 0 */
	unsigned char	 st, fl;
	unsigned char	 conflict;	/* two records disagreed */
};

/* A fact stated in the prose (table narr). */
#define NARR_NONE	(-1)	/* about no cell we know */
#define NARR_PERIOD	(-3)	/* the statistics period: the year rule */

/*
 * The prose facts that are sums of cells: their narr row, the name of
 * the sum in findings (the row field), the table and column, and the
 * rows added.  其他处理 is one cell in the 2019 template (narr other
 * total names it) and three in the 2021 one.
 */
#define MAXSUM	8
struct narrsum {
	const char	*row, *name, *table, *col;
	const char	*rows[MAXSUM + 1];
};
extern const struct narrsum check_narrsums[];

struct narr {
	int		 kid;		/* its grid cell, or NARR_* */
	int		 sum;		/* a sum of cells (check_narr_sum), -1 */
	int64_t		 v;
	unsigned long	 line;
	uint32_t	 raw;		/* 1 + offset in doc->strs, or 0 */
	uint32_t	 text;		/* the value as written, same */
	unsigned char	 st, fl;
};

#define TB_T2	0x1
#define TB_T3	0x2
#define TB_T4	0x4

struct doc {
	char		*name, *agency, *year, *tmpl, *published;
	uint64_t	 hash;		/* of name */
	uint32_t	 serial;	/* order of first appearance */
	uint32_t	 slot;		/* its place among those in memory */
	struct cval	*cells;		/* one per key, see check_nkeys */
	uint16_t	*used;		/* the keys of those with a record */
	size_t		 nused;
	struct narr	*narr;
	size_t		 nnarr, narrcap;
	struct gip_buf	 strs;		/* raw texts, NUL-separated */
	unsigned	 tables;	/* TB_* seen */
	int		 found;		/* doc tables found: -1 no record */
	uint32_t	 why;		/* its raw (the reason for 0), as text */
	struct doc	*older, *newer;	/* recency list */
};

/* Documents kept in memory at most; the others go to a temporary file. */
#define CHECK_HOT	256

/* strcmp(a, b) == 0, inline: the names are short. */
static inline int
check_same(const char *a, const char *b)
{
	while (*a == *b && *a != '\0') {
		a++;
		b++;
	}
	return *a == *b;
}

/* A document's table 三 carry-over rows, kept for the continuity rule. */
struct summ {
	char		*doc, *agency;
	int		 year;
	int64_t		 in[7], out[7];
	unsigned long	 inline_[7], outline[7];
	unsigned char	 inok[7], outok[7];
	unsigned long	 seq;
};

struct finding {
	const char	*doc;
	enum rule	 rule;
	enum sev	 sev;
	const char	*table, *row, *col;
	const char	*expected, *actual;
	const char	*msg;
	unsigned long	 line;
};

/* The state of a run (gip-check.c); its findings go out in check_emit.c. */
struct check {
	struct gip_out	 out;		/* findings */
	struct gip_out	 pass;		/* --pass: the records */
	struct docs	*docs;
	struct gip_jsonin jin;
	unsigned	 rules;		/* 1 << enum rule, enabled */
	enum sev	 threshold;
	int		 json, header, passing, summary;
	int		 trouble;	/* a bad line or record seen */
	int		 unreadable;	/* a file that could not be read */
	int		 year;		/* this year, for the year rule */
	unsigned long	 nrec;
	unsigned long	 count[R_NRULES][2];
	struct summ	*summ;		/* for continuity, at the end */
	size_t		 nsumm, summcap;
};

/* check_emit.c */
extern const char *const check_rule_names[R_NRULES];
void	 check_emit(struct check *, const struct finding *);
int	 check_rule_on(const struct check *, enum rule);
int	 check_this_year(const struct check *);

/* check_keys.c: the schema index; check_docs.c: the documents in hand */
struct docs;
struct gip_record;

void	 check_keys_init(void);
int	 check_nkeys(void);
int	 check_key_find(const char *, const char *, const char *);
int	 check_key_next(int, const char *, const char *, const char *);
int	 check_key_narr(const char *, const char *);
int	 check_narr_sum(const char *, const char *);
const char *check_key_table(int);
const char *check_key_row(int);
const char *check_key_col(int);
const struct gip_cell *check_key_cell(unsigned, int);

/* called with each document once it is complete (the rules run there) */
typedef void check_done_fn(struct doc *, void *);
struct docs *check_docs_new(size_t, size_t, int, check_done_fn *, void *);
struct doc *check_docs_open(struct docs *, const struct gip_record *,
	    const char *, unsigned long);
/* 1: the document's last record; 0; -1 (reported): bad record */
int	 check_docs_add(struct docs *, const struct gip_record *,
	    const char *, unsigned long);
void	 check_docs_close(struct docs *, const char *);
void	 check_doc_narr(struct doc *, const struct narr *);
void	 check_docs_finish(struct docs *);
void	 check_docs_free(struct docs *);
unsigned long check_docs_count(const struct docs *);
uint32_t check_doc_str(struct doc *, const char *);
const char *check_doc_text(const struct doc *, uint32_t);
int	 check_parse_value(const char *, int64_t *);

/* check_rules.c, check_continuity.c */
void	 check_doc(struct check *, struct doc *, struct summ *);
void	 check_continuity(struct check *, struct summ *, size_t);

#endif /* CHECK_H */
