/*
 * gip.h: the small library shared by the gip-* tools.
 *
 * Prototypes are grouped by the source file that defines them.  Nothing
 * here keeps hidden global state except the program name used in
 * diagnostics, which main() sets once.
 */
#ifndef GIP_H
#define GIP_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <limits.h>

#if defined(__GNUC__)
#define GIP_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define GIP_NORETURN __attribute__((noreturn))
#else
#define GIP_PRINTF(a, b)
#define GIP_NORETURN
#endif

#define GIP_VERSION "0.1.0"

/* One exit-code table for the whole suite (see gip(7)). */
enum gip_exit {
	GIP_EXIT_OK = 0,	/* success */
	GIP_EXIT_FINDINGS = 1,	/* findings, or a per-file failure */
	GIP_EXIT_TROUBLE = 2	/* usage, system or output error */
};

/* util.c: allocation that exits 2 on failure, growing buffers, numbers */
struct gip_buf {
	char	*p;
	size_t	 len, cap;
};

void	*gip_xmalloc(size_t);
void	*gip_xcalloc(size_t, size_t);
void	*gip_xrealloc(void *, size_t);
void	*gip_xreallocarray(void *, size_t, size_t);
char	*gip_xstrdup(const char *);
char	*gip_xstrndup(const char *, size_t);
void	 gip_buf_grow(struct gip_buf *, size_t);
void	 gip_buf_printf(struct gip_buf *, const char *, ...) GIP_PRINTF(2, 3);
void	 gip_buf_vprintf(struct gip_buf *, const char *, va_list);
void	 gip_buf_reset(struct gip_buf *);
void	 gip_buf_free(struct gip_buf *);
long long gip_strtonum(const char *, long long, long long, const char **);

/*
 * decimal.c: exact decimals, integers in millionths, for gip-check
 * and gip-stats (one representation, one parser, one printer).
 */
#define GIP_DEC_SCALE	1000000LL
#define GIP_DEC_PLACES	6
#define GIP_DEC_LEN	32		/* room for a formatted number */
#define GIP_DEC_BAD	0x1		/* not a number */
#define GIP_DEC_BIG	0x2		/* integer part beyond int64_t */
#define GIP_DEC_MORE	0x4		/* a non-zero 7th or later decimal */
#define GIP_DEC_DOT	0x8		/* "5.": a point, no decimal */

/* A sum of decimals, beyond int64_t millionths: whole units + frac. */
struct gip_dec_sum {
	int64_t	 whole, frac;
};

int	 gip_dec_parse(const char *, int64_t *);
char	*gip_dec_fmt(int64_t, char *);
int	 gip_dec_sum_eq(const struct gip_dec_sum *, const struct gip_dec_sum *);
char	*gip_dec_sum_fmt(const struct gip_dec_sum *, char *);

/*
 * Most sums fit in frac alone, so adding is one addition (inline: the
 * rules add every operand); only when frac would leave +-2^62 are its
 * whole units moved to whole.
 */
static inline void
gip_dec_sum_add(struct gip_dec_sum *s, int64_t v)
{
	int64_t	 t;

	if (__builtin_add_overflow(s->frac, v, &t) ||
	    t > ((int64_t)1 << 62) || t < -((int64_t)1 << 62)) {
		s->whole += s->frac / GIP_DEC_SCALE + v / GIP_DEC_SCALE;
		t = s->frac % GIP_DEC_SCALE + v % GIP_DEC_SCALE;
	}
	s->frac = t;
}

/*
 * Appending is the inner loop of several tools, often a byte at a
 * time: inline, with a call only when the buffer must grow.  The
 * buffer stays NUL-terminated.
 */
static inline void
gip_buf_add(struct gip_buf *b, const void *p, size_t n)
{
	if (b->cap - b->len <= n)
		gip_buf_grow(b, n);
	if (n > 0)
		memcpy(b->p + b->len, p, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static inline void
gip_buf_addc(struct gip_buf *b, int c)
{
	if (b->cap - b->len < 2)
		gip_buf_grow(b, 1);
	b->p[b->len++] = (char)c;
	b->p[b->len] = '\0';
}

static inline void
gip_buf_adds(struct gip_buf *b, const char *s)
{
	gip_buf_add(b, s, strlen(s));
}

/* diag.c: diagnostics on stderr */
enum gip_level {
	GIP_NOTE,		/* -v chatter */
	GIP_WARNING,		/* data problem, output still valid */
	GIP_ERROR		/* data problem, this document failed */
};

void	 gip_setprogname(const char *);
const char *gip_getprogname(void);
/* "gip-TOOL: FILE:LINE: level: message"; line 0 omits ":LINE" */
void	 gip_diag(const char *, unsigned long, enum gip_level, const char *,
	    ...) GIP_PRINTF(4, 5);
/* "gip-TOOL: message" (process-level, like warnx/errx) */
void	 gip_warnx(const char *, ...) GIP_PRINTF(1, 2);
void	 gip_errx(int, const char *, ...) GIP_PRINTF(2, 3) GIP_NORETURN;
/* the same, with ": strerror(errno)" appended */
void	 gip_warn(const char *, ...) GIP_PRINTF(1, 2);
void	 gip_err(int, const char *, ...) GIP_PRINTF(2, 3) GIP_NORETURN;

/*
 * out.c: the output buffer.  Bytes are appended to the current line;
 * gip_out_endline() closes it.  Whole lines are batched into write(2)
 * calls of at most PIPE_BUF bytes, so that several processes writing to
 * one pipe never tear a line (a single line longer than PIPE_BUF cannot
 * be helped and is written on its own).  A write error other than EPIPE
 * ends the process with status 2; EPIPE ends it quietly, as SIGPIPE
 * would.  nfield counts the TSV fields of the current line.
 */
struct gip_out {
	int		 fd;
	int		 nfield;
	struct gip_buf	 buf;		/* whole lines, then the current one */
	size_t		 lstart;	/* where the current line starts */
	int		 csv;		/* gip_tsv_field writes RFC 4180 */
};

void	 gip_out_init(struct gip_out *, int);
void	 gip_out_write(struct gip_out *, const void *, size_t);
void	 gip_out_puts(struct gip_out *, const char *);
void	 gip_out_putc(struct gip_out *, int);
void	 gip_out_printf(struct gip_out *, const char *, ...) GIP_PRINTF(2, 3);
void	 gip_out_endline(struct gip_out *);
void	 gip_out_flush(struct gip_out *);
/* flush and close; returns 0, or -1 after reporting a write error */
int	 gip_out_close(struct gip_out *);

/*
 * tsv.c: the one TSV dialect.  In a field, backslash, tab, newline and
 * carriage return are written \\ \t \n \r; nothing else is escaped.
 * gip_tsv_field() writes the separating tab itself.
 */
void	 gip_tsv_field(struct gip_out *, const char *, size_t);
/* escape one field onto the end of a buffer (no separator) */
void	 gip_tsv_escape(struct gip_buf *, const char *, size_t);
/*
 * Unescape n bytes at p into out, which may be p itself; out gets a
 * NUL and the new length is returned (never more than n).
 */
size_t	 gip_tsv_unescape(const char *, size_t, char *);
void	 gip_tsv_fields(struct gip_out *, const char *);	/* NUL-terminated */
void	 gip_tsv_fieldf(struct gip_out *, const char *, ...) GIP_PRINTF(2, 3);
void	 gip_tsv_end_row(struct gip_out *);
/*
 * With o->csv set, the field functions above write CSV (RFC 4180)
 * instead, for spreadsheets: fields separated by commas, a field with
 * a comma, quote, CR or LF quoted, its quotes doubled; rows end in CRLF.
 */
/*
 * Split one TSV line in place: fields[i] points into the line, each
 * unescaped and NUL-terminated, with its length in lens[i] (lens may be
 * NULL).  Returns the number of fields, which may exceed max (only the
 * first max are stored).  The line must be followed by GIP_TSV_PAD
 * readable bytes, as gip_reader_next's lines are: the bytes past the
 * line are read (and ignored) to take it in whole blocks.
 */
#define GIP_TSV_PAD	64
int	 gip_tsv_split(char *, size_t, char **, size_t *, int);

/* json.c: JSON string escaping (the quotes are written too) */
void	 gip_json_str(struct gip_out *, const char *, size_t);
void	 gip_json_strs(struct gip_out *, const char *);

/* utf8.c: our own locale-free UTF-8 */
#define GIP_UTF8_BAD	0xFFFFFFFFu
/*
 * Decode one code point at p (n > 0 bytes available).  Returns the
 * number of bytes used, at least 1.  On an invalid or truncated
 * sequence, *cp is GIP_UTF8_BAD and the return value is the length of
 * the maximal invalid subpart (as WHATWG and Unicode recommend).
 * Overlong forms, surrogates and values above U+10FFFF are invalid.
 */
size_t	 gip_utf8_decode(const char *, size_t, uint32_t *);
/* offset of the first invalid byte, or n when all is valid UTF-8 */
size_t	 gip_utf8_valid(const char *, size_t);
/*
 * Encode cp into out (4 bytes room); returns the length.  Inline, as
 * gip_is_han: decoders call them for every character.
 */
static inline size_t
gip_utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/*
 * 1 for CJK unified ideographs (the Han test used across the suite):
 * the basic block, extension A, compatibility, extensions B-H
 */
static inline int
gip_is_han(uint32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) ||
	    (cp >= 0x3400 && cp <= 0x4DBF) ||
	    (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0x20000 && cp <= 0x323AF);
}

/*
 * line.c: reading lines of any length.  The newline is stripped by
 * length; a final line without a newline is returned too; NUL bytes
 * pass through (use len, never strlen).
 */
struct gip_reader {
	FILE		*fp;
	const char	*name;		/* as given, "-" for stdin */
	char		*buf;		/* the line, NUL-terminated */
	size_t		 cap, len;
	unsigned long	 lineno;
	int		 is_stdin;
	char		*iobuf;		/* stdio's buffer, for files */
	char		*lbuf;		/* what read(2) got; pos to end unread */
	size_t		 pos, end;
};

/* open path ("-" is stdin); -1 with errno set on failure (EISDIR too) */
int	 gip_reader_open(struct gip_reader *, const char *);
/* 1: a line in buf/len; 0: end of input; -1: read error (errno) */
int	 gip_reader_next(struct gip_reader *);
void	 gip_reader_close(struct gip_reader *);
/* the name to print in diagnostics: "<stdin>" for "-" */
const char *gip_reader_display(const struct gip_reader *);

/*
 * stream.c: the text stream format of gip(7).  A frame line begins with
 * GIP_FRAME_MARK (ASCII RS, 0x1E), then a keyword, then tab-separated
 * TSV-escaped fields:
 *
 *	RS "doc"  TAB name		a document starts; its text follows
 *	RS "line" TAB n			the next text line is line n of the source
 *	RS "meta" TAB key TAB value	document metadata (gip-sections)
 *	RS "sec"  TAB fields...		a section boundary (gip-sections)
 *
 * Normalized text never contains control characters other than tab and
 * newline, so no text line can be taken for a frame.  Frames count only
 * in a gip stream, one whose first line is a doc frame; any other input
 * is plain text, one document named after the file, and a line of it
 * that begins with RS loses those bytes (with a warning) rather than
 * being taken for a frame.
 */
#define GIP_FRAME_MARK	'\036'
#define GIP_MAXFIELDS	16

enum gip_item {
	GIP_ITEM_END = 0,	/* end of this input */
	GIP_ITEM_DOC,		/* a new document; see s->docname */
	GIP_ITEM_TEXT,		/* a text line */
	GIP_ITEM_FRAME		/* a frame other than doc and line */
};

enum gip_stream_kind {
	GIP_STREAM_UNKNOWN = 0,	/* nothing read yet */
	GIP_STREAM_FRAMED,	/* the first line is a doc frame */
	GIP_STREAM_PLAIN	/* anything else: one document, no frames */
};

struct gip_stream {
	struct gip_reader *rd;
	enum gip_stream_kind kind;
	int		 unframed;	/* a plain line's RS was removed */
	char		*docname;	/* current document's name */
	unsigned long	 line;		/* source line of the current item */
	unsigned long	 next_line;	/* source line of the next text line */
	int		 started;	/* a document has been announced */
	int		 pending;	/* the read line is yet to be returned */
	/* the current item */
	const char	*text;		/* GIP_ITEM_TEXT: the line */
	size_t		 textlen;
	int		 nfield;	/* GIP_ITEM_FRAME: fields[0] is keyword */
	char		*fields[GIP_MAXFIELDS];
	size_t		 lens[GIP_MAXFIELDS];
};

void	 gip_stream_init(struct gip_stream *, struct gip_reader *);
/* one item; -1 on a read error (already reported) */
int	 gip_stream_next(struct gip_stream *);
void	 gip_stream_free(struct gip_stream *);
/* writers: each emits one whole frame line */
void	 gip_frame_doc(struct gip_out *, const char *);
void	 gip_frame_line(struct gip_out *, unsigned long);
/* start a frame with a keyword; add fields with gip_tsv_field, end
 * with gip_tsv_end_row */
void	 gip_frame_begin(struct gip_out *, const char *);
/*
 * Pass a text line through, keeping provenance: writes a "line" frame
 * first when line differs from *next, then the text; *next becomes
 * line + 1.  Start *next at 1 after each doc frame.
 */
void	 gip_frame_text(struct gip_out *, unsigned long *, unsigned long,
	    const char *, size_t);

/*
 * input.c: the common frame of every main: options, --help, --version,
 * and the loop over file operands (none, or "-", is stdin).
 */
#define GIP_OPT_HELP	0x100
#define GIP_OPT_VERSION	0x101
#define GIP_OPT_PROGRESS 0x102
/*
 * progress.c: --progress (every tool): documents, MB and rates on
 * stderr.  Readers count bytes; tools count documents with
 * gip_progress_add(1, 0).
 */
extern int gip_progress_on;
void	 gip_progress_enable(void);
void	 gip_progress_add(uint64_t, uint64_t);
extern uint64_t gip_reader_bytes;

#define GIP_LONGOPTS_STD \
	{ "help", 0, NULL, GIP_OPT_HELP }, \
	{ "version", 0, NULL, GIP_OPT_VERSION }, \
	{ "progress", 0, NULL, GIP_OPT_PROGRESS }

struct option;
struct gip_tool {
	const char	*name;		/* "gip-normalize" */
	const char	*synopsis;	/* usage line(s) after "usage: name " */
	const char	*help;		/* option list for --help */
	const char	*shortopts;
	const struct option *longopts;	/* must end with GIP_LONGOPTS_STD, {0} */
};

/*
 * getopt_long with the suite's conventions: --help prints usage and
 * help on stdout and exits 0; --version prints "name VERSION" and exits
 * 0; an unknown option prints the usage on stderr and exits 2.  Returns
 * the option character, or -1 at the end of the options.
 */
int	 gip_getopt(int, char **, const struct gip_tool *);
void	 gip_usage(const struct gip_tool *) GIP_NORETURN;
/*
 * Call fn on each operand, opened.  An operand that cannot be opened
 * (missing, unreadable, a directory) is reported as "gip-x: NAME:
 * reason" and gives status 1; the others are still processed.  Returns
 * the worst of those statuses and of fn's return values.
 */
typedef int gip_input_fn(struct gip_reader *, void *);
int	 gip_each_input(int, char **, gip_input_fn *, void *);

/* re.c: PCRE2, compiled once with UTF and UCP, JIT when available */
struct gip_re;

#define GIP_RE_CASELESS	0x1
#define GIP_RE_ANCHORED	0x2

/* exits 2 with pcre2's message and offset: patterns are ours */
struct gip_re *gip_re_compile(const char *, unsigned);
/* compiled at build time: gip_re_serialize's bytes, else compiled */
struct gip_re *gip_re_load(const unsigned char *, const char *, unsigned);
unsigned char *gip_re_serialize(const char *, unsigned, size_t *);
/*
 * Match subject (valid UTF-8, checked by the caller) from offset start.
 * ov receives 2*nov offsets.  Returns the number of pairs set (> 0), 0
 * for no match, -1 when the match or depth limit was hit (the caller
 * reports it; no hang).
 */
int	 gip_re_match(struct gip_re *, const char *, size_t, size_t,
	    size_t *, int);
void	 gip_re_free(struct gip_re *);

/*
 * schema.c: the standard tables as data, shared by gip-tables, gip-check
 * and gip-stats.  Every cell has a stable ASCII key (table, row, col)
 * and its Chinese labels as the templates print them.  Listed in the
 * canonical order of the templates; gip-tables(1) documents the keys.
 */
#define GIP_T2021	0x1	/* 国办公开办函〔2021〕30号, reports on 2021 on */
#define GIP_T2019	0x2	/* 国办公开办函〔2019〕60号, reports on 2019-2020 */

#define GIP_CELL_DECIMAL 0x1	/* may have decimals (money) */
#define GIP_CELL_SIGNED	0x2	/* may be negative (2019 本年增/减) */

struct gip_cell {
	const char	*table;		/* "t2", "t3", "t4" */
	const char	*row;		/* "new", "deny_secret", "review", ... */
	const char	*col;		/* "natural", "total", "keep", ... */
	const char	*group;		/* label of the row's group, or NULL */
	const char	*row_label;	/* "1.属于国家秘密" */
	const char	*col_label;	/* "自然人" */
	unsigned	 tmpl;		/* GIP_T2021 and/or GIP_T2019 */
	unsigned	 flags;		/* GIP_CELL_* */
};

/* all cells of all templates, in canonical order; *n gets the count */
const struct gip_cell *gip_schema(size_t *);
/* the cell with these keys in template tmpl, or NULL */
const struct gip_cell *gip_schema_find(unsigned, const char *, const char *,
	    const char *);
/* "2021" -> GIP_T2021, "2019" -> GIP_T2019, else 0 */
unsigned gip_schema_tmpl(const char *);
/* the cell whose labels a key has (NULL keys match any; narr: its cell) */
const struct gip_cell *gip_schema_labels(const char *, const char *,
	    const char *, const char *);
/* the keys (row, col) of the prose facts and of the status records */
#define GIP_NNARR	20
#define GIP_NDOC	4
extern const char *const gip_narr_keys[GIP_NNARR][2];
extern const char *const gip_doc_keys[GIP_NDOC][2];
/* every key written, cut to depth parts ("t3", "t3.new", "t3.new.total") */
const char *const *gip_schema_keys(int, size_t *);

/* hash.c: xxHash; gip_hash64 for tables, gip_xxh64 = "xxhsum -H1" */
uint64_t gip_hash64(const void *, size_t);
uint64_t gip_xxh64(const void *, size_t);

/*
 * htab.c: the one hash table: entries of size bytes, each starting with
 * its uint64_t hash (0 is stored as 1); the caller compares its keys.
 * A lookup walks the entries of one hash: *it starts at GIP_HTAB_START.
 * An add may move every entry.
 */
struct gip_htab {
	unsigned char	*slot;
	size_t		 size, cap, n;
};
#define GIP_HTAB_START	((size_t)-1)
void	 gip_htab_init(struct gip_htab *, size_t);
void	*gip_htab_find(const struct gip_htab *, uint64_t, size_t *);
void	*gip_htab_add(struct gip_htab *, uint64_t);
void	*gip_htab_slot(const struct gip_htab *, size_t);
void	 gip_htab_clear(struct gip_htab *);
void	 gip_htab_free(struct gip_htab *);

/*
 * spill.c: documents' state on disk, in an unlinked temporary file:
 * blocks appended (put returns the offset) and read back by offset.
 * Zero the struct to start.
 */
struct gip_spill {
	FILE		*fp;
	char		*io;
	uint64_t	 end;
};
int	 gip_tmpfd(void);
uint64_t gip_spill_put(struct gip_spill *, const void *, size_t);
void	 gip_spill_get(struct gip_spill *, void *, size_t, uint64_t);
void	 gip_spill_close(struct gip_spill *);

/* suggest.c: the nearest of n names to a word, appended to a buffer */
void	 gip_suggest(struct gip_buf *, const char *, const char *const *,
	    size_t);

/*
 * record.c: the record stream of gip(7), written by gip-tables and read
 * by gip-check and gip-stats.  One cell per TSV line, these columns:
 *
 *	doc agency year template table row col value status raw line
 *
 * status is one of num, blank, na, text, missing, year, date (see
 * gip-tables(1));
 * value is the number when status is num, else empty.
 */
#define GIP_RECORD_NCOL	11
extern const char *const gip_record_columns[GIP_RECORD_NCOL];
/* a gip-check finding: doc rule severity table row col expected actual
 * message line */
#define GIP_FINDING_NCOL 10
extern const char *const gip_finding_columns[GIP_FINDING_NCOL];
void	 gip_finding_write_header(struct gip_out *);
/*
 * A line of a record or finding stream as both readers take it: a BOM
 * on the first line and a CR before the LF dropped; 1 when what is
 * left is blank (spaces and tabs only), to be skipped.
 */
int	 gip_line_trim(unsigned long, char **, size_t *);

struct gip_record {
	char		*doc, *agency, *year, *tmpl, *table, *row, *col;
	char		*value, *status, *raw;
	unsigned long	 line;
};

/*
 * Parse one TSV record line in place.  Returns 1 for a record, 0 for the
 * header line (a line equal to the column names), -1 if malformed.
 */
int	 gip_record_parse_tsv(char *, size_t, struct gip_record *);
/* (records are written by gip-tables, a line per buffer: tables_out.c) */
void	 gip_record_write_header(struct gip_out *);

/*
 * jsonin.c: a small JSON reader (RFC 8259), for reading back --json
 * output.  Zero a struct gip_jsonin, call gip_jsonin_parse() (or
 * gip_jsonin_records()) once per JSON text, as often as needed, then
 * gip_jsonin_free().  The parser is iterative (nesting is capped at
 * GIP_JSONIN_MAXDEPTH, no recursion) and linear in the input.  On
 * failure it returns -1 and err holds a one-line message, "byte N: what"
 * (N counts from 1; erroff = N - 1) for a syntax error.
 *
 * Nodes: node 0 is the root; walk with gip_jsonin_kid (first child)
 * and gip_jsonin_next (next sibling); gip_jsonin_get finds an object
 * member by name (first match, linear).  s/len hold a string
 * (unescaped UTF-8, NUL-terminated; \u escapes and surrogate pairs
 * decoded, a lone surrogate becomes U+FFFD, \u0000 stays a NUL byte
 * counted in len) or a number's text as written (never converted), or
 * "true"/"false"/"null".  Raw bytes in strings must be valid UTF-8.
 * Everything points into j and stays valid until the next parse.
 *
 * gip_jsonin_records() parses one line of `gip-tables --json` (one
 * document: {"doc","agency","year","template","tables":{TABLE:{ROW:
 * {COL:{"value","status","raw","line"}}}}}) into records, in the order
 * written; a COL may also hold an array of such cells (several prose
 * facts for one cell).  A null or absent member becomes "" (line 0);
 * numbers are kept as text ("96171.6"); an absent status is "num" when
 * value is a number, else "missing".  Returns 0 with *recs and *nrec set
 * (pointing into j), or -1 with err set.
 */
#define GIP_JSONIN_MAXDEPTH	512
#define GIP_JSONIN_NOOFF	((size_t)-1)	/* erroff of a non-syntax error */

enum gip_jtype {
	GIP_JNULL, GIP_JFALSE, GIP_JTRUE, GIP_JNUM, GIP_JSTR, GIP_JARR,
	GIP_JOBJ
};

struct gip_jnode {
	enum gip_jtype	 type;
	const char	*key;		/* member name in an object, or NULL */
	size_t		 keylen;
	const char	*s;		/* scalar text, see above */
	size_t		 len;
	size_t		 nkid;		/* number of elements or members */
	size_t		 kid, next;	/* node indices; 0 = none */
	size_t		 parent;	/* the root's is (size_t)-1 */
};

struct gip_jsonin {
	struct gip_jnode *nodes;
	size_t		 nnode, nodecap;
	char		*str;		/* unescaped strings and numbers */
	size_t		 strused, strcap;
	struct gip_record *recs;
	size_t		 nrec, reccap;
	char		 empty[1];
	size_t		 erroff;
	char		 err[160];
};

int	 gip_jsonin_parse(struct gip_jsonin *, const char *, size_t);
const struct gip_jnode *gip_jsonin_root(const struct gip_jsonin *);
const struct gip_jnode *gip_jsonin_kid(const struct gip_jsonin *,
	    const struct gip_jnode *);
const struct gip_jnode *gip_jsonin_next(const struct gip_jsonin *,
	    const struct gip_jnode *);
const struct gip_jnode *gip_jsonin_get(const struct gip_jsonin *,
	    const struct gip_jnode *, const char *);
/* a member of an object as text: a string or a number, else "" */
char	*gip_jsonin_text(struct gip_jsonin *, const struct gip_jnode *,
	    const char *);
int	 gip_jsonin_records(struct gip_jsonin *, const char *, size_t,
	    struct gip_record **, size_t *);
void	 gip_jsonin_free(struct gip_jsonin *);

#endif /* GIP_H */
