/*
 * normalize.h: the private interface between the parts of gip-normalize.
 *
 * A document flows through three stages: a decoder turns the input
 * encoding into valid UTF-8 (normalize_decode.c), chosen by
 * normalize_detect.c on a bounded prefix window; then either the text
 * sink alone (plain text) or the HTML converter feeding it
 * (normalize_html.c); the sink (normalize_text.c) applies the
 * whitespace, width and script policy and writes the framed stream,
 * folding traditional characters with the tables of normalize_t2s.c.
 */
#ifndef NORMALIZE_H
#define NORMALIZE_H

#include <sys/types.h>

/* the decision is made on this much of each document */
#define NZ_WINDOW	(64 * 1024)

enum nz_enc {
	NZ_UTF8,
	NZ_UTF16LE,
	NZ_UTF16BE,
	NZ_GB18030,
	NZ_BIG5,		/* iconv's BIG5-HKSCS, by a table it fills */
	NZ_ICONV		/* any other iconv name (-f, <meta>) */
};

/* normalize_detect.c */
struct nz_detect {
	enum nz_enc	 enc;
	char		 name[64];	/* iconv name of the encoding */
	size_t		 bom;		/* bytes of byte order mark to skip */
	const char	*binary;	/* not text: the message */
	char		 why[256];	/* how it was chosen, for -v */
	size_t		 valid;		/* leading bytes found valid UTF-8,
					   whole characters: not checked again */
};

/*
 * Choose the encoding of a document from its first n bytes (all of it
 * when eof).  force is the -f label or NULL.  Returns 0, or -1 when a
 * label names no encoding iconv knows (d->why says which).
 */
int	 nz_detect(const unsigned char *, size_t, int, const char *,
	    struct nz_detect *);
struct nz_dec;
/*
 * The decoder nz_detect ran over the same window (p, n, eof) for the
 * encoding it chose, after that run: 1 with *dec, the text and the
 * bytes used, as nz_dec_open and nz_dec_run would give them; 0 when
 * there is none (open one).
 */
int	 nz_detect_decoded(const struct nz_detect *, const unsigned char *,
	    size_t, int, struct nz_dec *, const char **, size_t *, size_t *);
/* map a charset label (-f, <meta>) to an encoding; -1 if unknown */
int	 nz_label(const char *, size_t, struct nz_detect *);
/* 1 when the (decoded, UTF-8) start of a document looks like HTML */
int	 nz_is_html(const char *, size_t);
/* 1 for the most frequent Han characters (simplified and traditional) */
int	 nz_common_han(uint32_t);

/* normalize_decode.c */
struct nz_dec {
	enum nz_enc	 enc;
	void		*cd;		/* iconv_t, when iconv is used */
	struct gip_buf	 out;		/* converted text */
	size_t		 nbad;		/* replacements made by the last run */
	size_t		 firstbad;	/* offset in the output of the first */
	size_t		 valid;		/* of the next run's input, known
					   valid UTF-8 (nz_detect's) */
};

int	 nz_dec_open(struct nz_dec *, const struct nz_detect *);
/*
 * Convert in[0..n) to UTF-8, replacing each invalid sequence with
 * U+FFFD.  *textp and *textlen receive the text (possibly pointing into
 * in itself, for valid UTF-8).  Returns the number of input bytes used;
 * the rest is an incomplete sequence to present again with more input,
 * unless eof, when everything is used.
 */
size_t	 nz_dec_run(struct nz_dec *, const unsigned char *, size_t, int,
	    const char **, size_t *);
void	 nz_dec_close(struct nz_dec *);

/* normalize_text.c: the sink */
struct nz_sink {
	struct gip_out	*out;
	int		 fold;		/* width folding (not -k) */
	int		 t2s;		/* traditional folding (not -T) */
	int		 collapse;	/* HTML: white space is one space */
	int		 count;		/* count source lines (plain text) */
	unsigned long	 src;		/* source line of the next byte */
	unsigned long	 lsrc;		/* source line of the line being built */
	unsigned long	 next;		/* provenance, as for gip_frame_text */
	size_t		 spaces;	/* spaces waiting for more content */
	int		 inl;		/* the current line has content */
	int		 aftertab;	/* drop spaces at the start of a cell */
	int		 blank;		/* a blank line is waiting */
	int		 any;		/* a line was written */
	int		 cr;		/* the last byte was a CR */
	size_t		 nnul;		/* NUL bytes dropped */
	unsigned long	 nulline;	/* line of the first */
	uint32_t	 lastcp;	/* the last character folded, as written */
	size_t		 lastend;	/* where it ends in the output */
};

void	 nz_sink_init(struct nz_sink *, struct gip_out *, int, int);
void	 nz_sink_text(struct nz_sink *, const char *, size_t);
void	 nz_sink_tab(struct nz_sink *);
void	 nz_sink_eol(struct nz_sink *);
void	 nz_sink_end(struct nz_sink *);

/* normalize_t2s.c, made by bin/normalize/mkt2s.sh */
extern const uint16_t nz_t2s_char[][2];
extern const size_t nz_t2s_nchar;
extern const uint16_t nz_t2s_word[][4];
extern const size_t nz_t2s_nword;

/* normalize_html.c */
struct nz_html;

struct nz_html *nz_html_new(struct nz_sink *);
void	 nz_html_text(struct nz_html *, const char *, size_t);
/* the source line the converter has reached */
unsigned long nz_html_line(const struct nz_html *);
void	 nz_html_end(struct nz_html *);
void	 nz_html_free(struct nz_html *);

/* normalize_conv.c: an outside converter, run as a child */
struct nz_conv {
	struct gip_buf	 out;		/* all of its standard output */
	struct gip_buf	 err;		/* the start of its standard error */
	pid_t		 pid;
	int		 status;	/* exit status, -1 if it did not exit */
	int		 signo;		/* the signal that ended it */
	int		 timedout;	/* killed at the time limit */
	int		 notfound;	/* not on PATH */
	int		 errnum;	/* a system error running it */
	int		 readerr;	/* errno reading the document */
};

/*
 * Run argv (looked up on PATH) with head[0..nhead) and then the rest of
 * the file (unless eof) on its standard input, for at most timeout
 * seconds.  Returns 0 when it exited with status 0.
 */
int	 nz_conv_run(struct nz_conv *, char *const [], const unsigned char *,
	    size_t, FILE *, int, unsigned);
/* why it failed, in one line */
void	 nz_conv_why(const struct nz_conv *, const char *, char *, size_t);
void	 nz_conv_free(struct nz_conv *);

/*
 * normalize_docx.c: the body of word/document.xml, as HTML.  Open finds
 * it in a DOCX (a zip) held in memory; run gives paragraphs as <p> and
 * tables as rows and cells with their spans to the HTML converter.
 * Both fail (NULL, -1) with a message in why.
 */
struct nz_docx;

struct nz_docx *nz_docx_open(const void *, size_t, char *, size_t);
int	 nz_docx_run(struct nz_docx *, struct nz_html *, char *, size_t);
void	 nz_docx_close(struct nz_docx *);

/* normalize_office.c: documents that need converting first */
enum nz_fmt {
	NZ_FMT_TEXT,		/* text or HTML, in any encoding */
	NZ_FMT_PDF,
	NZ_FMT_ZIP,		/* DOCX, or another zip */
	NZ_FMT_OLE2		/* .doc, .wps (and .xls) */
};

struct nz_office {
	struct gip_out	*out;
	int		 fold, t2s;	/* as for nz_sink_init */
	int		 verbose;
	unsigned	 timeout;	/* seconds a converter may take */
};

/* the format of a document, by its first bytes */
enum nz_fmt nz_format(const unsigned char *, size_t);
/*
 * Convert a document of format fmt (not text) whose first n bytes are
 * in head and the rest in fp (unless eof): writes its doc frame named
 * name and its text, or nothing and an error naming display.  Returns
 * the exit status for the document.
 */
int	 nz_office(const struct nz_office *, enum nz_fmt, const char *,
	    const char *, const unsigned char *, size_t, FILE *, int);

#endif /* NORMALIZE_H */
