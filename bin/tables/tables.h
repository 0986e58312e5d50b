/*
 * tables.h: the private interface between the parts of gip-tables.
 *
 * A document is kept whole up to TB_MAXDOC (memory is bounded by the
 * largest single document, and by that): its lines, the cells the lexer
 * cut them into, and the "label stream", the normalized text of all
 * label cells end to end, in which the row labels are searched so that
 * a label wrapped over several lines or cells is still found.
 */
#ifndef TABLES_H
#define TABLES_H

#include <stddef.h>
#include <stdint.h>

/*
 * The text of a document read, in bytes (a line's newline counted):
 * reports are far shorter (the real ones here, 2 to 20 KB); what
 * is longer is reports run together (`cat *.txt | gip-tables`), whose
 * tables are read from the first reports anyway (tables_find.c tries
 * the first few places a table starts).  The rest is skipped with a
 * warning, so that memory stays bounded: 2.5 to 4 bytes a byte of this
 * (21 MB on reports, 32 MB on table fixtures run together).
 */
#define TB_MAXDOC	((size_t)8 << 20)

/* cell kinds */
#define TB_TEXT		0	/* a label or any other text */
#define TB_NUM		1	/* a number (value in doc->vals) */
#define TB_NA		2	/* —, -, /, 无 ... */
#define TB_EMPTY	3	/* an empty TSV or pipe-table cell */

/* cell flags */
#define TBF_CAND	0x01	/* may be a table value (see lex) */
#define TBF_PROSE	0x02	/* a sentence, never part of a table */
#define TBF_LEADE	0x04	/* EMPTY before any number on its line */
#define TBF_TRAILE	0x08	/* EMPTY after every number on its line */
#define TBF_DROP	0x10	/* text kept out of the label stream */
#define TBF_ETAIL	0x20	/* EMPTY after the last text of its line */
#define TBF_LONE	0x40	/* EMPTY alone on its line ("|"): a real cell */

/* units glued to a number */
#define TBU_NONE	0
#define TBU_COUNT	1	/* 件 个 项 ... */
#define TBU_YUAN	2	/* 元 */
#define TBU_WAN		3	/* 万元 */

/*
 * Lines and cells in 24 and 28 bytes (the seeds have some 10,000 lines
 * and 28,000 cells a MB, table fixtures more cells): offsets,
 * lengths and indexes are 32 bits, as a document is at most TB_MAXDOC
 * bytes, a cell at least a byte or a separator, and the label stream
 * and the values shorter than the text.
 */
struct tb_line {
	unsigned long	 src;		/* source line number */
	uint32_t	 off, len;	/* in doc->text */
	uint32_t	 cell0;		/* index of its first cell */
	signed char	 sec;		/* standard section (sec frames), -1 */
	char		 mode;		/* '\t', '|' or ' ' */
};

struct tb_cell {
	uint32_t	 line;		/* index into doc->lines */
	uint32_t	 roff, rlen;	/* raw text, in doc->text */
	uint32_t	 noff, nlen;	/* TEXT: doc->stream; NUM: doc->vals */
	unsigned char	 kind, flags, unit, dec; /* dec: has decimals */
	unsigned char	 sign;		/* NUM: '+', '-' or 0 */
};
_Static_assert(TB_MAXDOC < UINT32_MAX / 4, "32-bit offsets in a document");

/* statuses of a reading */
#define TBS_NUM		0
#define TBS_BLANK	1
#define TBS_NA		2
#define TBS_TEXT	3
#define TBS_MISSING	4
#define TBS_YEAR	5	/* a year, not a count (narr period year) */
#define TBS_DATE	6	/* a date, in raw (narr published date) */

extern const char *const tb_status_names[];

/* raw text source of a record */
#define TBR_TEXT	0	/* doc->text */
#define TBR_MSG		1	/* doc->msg */

/* one output record */
struct tb_rec {
	const char	*table, *row, *col;
	const char	*keys;		/* "\ttable\trow\tcol", made once */
	int		 status;
	size_t		 voff, vlen;	/* value, in doc->vals */
	size_t		 roff, rlen;	/* raw */
	int		 rbuf;		/* TBR_* */
	unsigned long	 line;
};

struct tb_doc {
	char		*name;
	char		*agency, *year, *tmpl;	/* from meta frames, or NULL */
	char		*published;	/* meta published, YYYY-MM-DD */
	char		*tbasis;	/* meta template_basis, or NULL */
	int		 cursec;
	struct gip_buf	 text;
	struct tb_line	*lines;
	size_t		 nline, capline;
	struct tb_cell	*cells;
	size_t		 ncell, capcell;
	struct gip_buf	 stream;
	uint32_t	*tcell;		/* cells in the stream, in order */
	size_t		 ntcell, captcell;
	struct gip_buf	 vals;
	struct gip_buf	 msg;
	struct gip_buf	 tmp;		/* scratch */
	struct tb_rec	*recs;
	size_t		 nrec, caprec;
	const char	*tmplname;	/* template used: "2021", "2019" */
	int		 failed;	/* a table could not be read whole */
	int		 cut;		/* lines past TB_MAXDOC skipped */
	unsigned long	 serial;	/* counts the documents read */
};

/* tables_lex.c */
void	 tb_lex(struct tb_doc *);
const char *tb_search(const char *, size_t, const char *, size_t);
size_t	 tb_norm(struct gip_buf *, const char *, size_t);
int	 tb_number(const char *, size_t, struct gip_buf *, unsigned char *,
	    unsigned char *, unsigned char *);

/* the templates' rows (tables_spec.c), one table's reading (tables_find.c) */
#define MAXV		16	/* values of the widest row (table 四: 15) */
#define PRE_TEXT	8	/* label pieces allowed before the values */
#define PRE_LINES	10

struct rowspec {
	const char	*row;
	const char	*keys[6];	/* the earliest of these */
	const char	*fall[3];	/* only when no key is found */
	int		 fallneed;	/* fallbacks need the previous row */
};

struct tabspec {
	const char	*table;
	unsigned	 tmpl;
	int		 anchored;	/* labels begin a cell (table 二) */
	const struct rowspec *rows;
	size_t		 nrow;
	size_t		 minrows;	/* rows located to call it a table */
	const char	*hdr[10];	/* header words, one needed (二) */
	const char	*cut[4];	/* header words that let two rows do */
};

struct rowres {
	int		 found, ok;
	size_t		 keypos, keycell;
	size_t		 nval, got;
	size_t		 v[MAXV];	/* value cells; SIZE_MAX: blank */
	const char	*why;		/* reason when !ok */
};

struct tabres {
	const struct tabspec *spec;
	struct rowres	 r[32];
	size_t		 located, good;
	size_t		 first, last;	/* first and last rows located */
	size_t		 lastpos;	/* stream position of the last */
	int		 present;
};

void	 tb_find(struct tb_doc *);
size_t	 tb_stream_cell(const struct tb_doc *, size_t);

/* tables_spec.c: the templates' rows, and the records of schema cells */
const struct tabspec *tb_spec(const char *, unsigned);
size_t	 tb_width(const struct tabspec *, size_t);
int	 tb_row_of(const struct tabspec *, const struct gip_cell *);
const char *tb_cell_keys(const struct gip_cell *);
void	 tb_rec_cell(struct tb_rec *, const struct gip_cell *);
void	 tb_emit_missing(struct tb_doc *, const struct gip_cell *,
	    const char *, unsigned long);

/* tables_glued.c */
int	 tb_glued(struct tb_doc *, int);

/* tables_rows.c */
int	 tb_cut_value(const struct tb_doc *, size_t);
int	 tb_adds_up(const struct tb_doc *, const struct rowres *);
size_t	 tb_pos_in_line(const struct tb_doc *, size_t);
void	 tb_collect(const struct tb_doc *, struct rowres *, size_t, long,
	    const long *, int);
int	 tb_t3_subtotal(const struct tb_doc *, size_t);
void	 tb_trim_place(const struct tb_doc *, struct rowres *,
	    const size_t *, size_t, long);
long	 tb_header_pos(const struct tb_doc *, size_t, const char *);
int	 tb_t2_header_cols(const struct tb_doc *, size_t, size_t, long *);
int	 tb_t3_header_cols(const struct tb_doc *, size_t, long *);
void	 tb_realign(const struct tb_doc *, struct tabres *);

/* tables_narr.c */
void	 tb_narr(struct tb_doc *);

/* tables_doc.c */
int	 tb_doc_room(struct tb_doc *, size_t, unsigned long);
void	 tb_doc_status(struct tb_doc *);

/* tables_out.c */
void	 tb_rec_add(struct tb_doc *, const struct tb_rec *);
void	 tb_rec_init(struct tb_rec *, const char *, const char *,
	    const char *, const char **);
const char *tb_keys(const char *, const char *, const char *);
size_t	 tb_msg(struct tb_doc *, const char *, ...) GIP_PRINTF(2, 3);
extern int tb_labels;
void	 tb_out_header(struct gip_out *);
void	 tb_out_tsv(struct gip_out *, const struct tb_doc *);
void	 tb_out_json(struct gip_out *, const struct tb_doc *);
void	 tb_out_wide_header(struct gip_out *);
void	 tb_out_wide(struct gip_out *, const struct tb_doc *);

#endif /* TABLES_H */
