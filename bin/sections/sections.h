/*
 * sections.h: private to gip-sections.  A document is read whole into
 * a struct sec_doc; sections_scan.c finds the candidate headings,
 * sections_seq.c picks the heading sequence, sections_meta.c reads the
 * metadata and sections_out.c writes the chosen output.
 */
#ifndef SECTIONS_H
#define SECTIONS_H

#define SEC_NSTD	6	/* standard sections 1..6 */
#define SEC_MAXORD	99	/* highest heading number we believe */

enum sec_kind {
	SEC_TEXT,		/* a text line */
	SEC_FRAME		/* an unknown frame kept in place */
};

/* One line of the document, in input order. */
struct sec_line {
	size_t		 off, len;	/* text: bytes in doc->text */
	unsigned long	 src;		/* source line (provenance) */
	int		 kind;		/* enum sec_kind; frame: len = nfield */
};

/* A heading: a candidate, or a chosen one. */
struct sec_head {
	size_t		 li;		/* index of its first line */
	size_t		 nl;		/* lines it spans (2+ when wrapped) */
	int		 ord;		/* its own number (一 is 1) */
	int		 std;		/* standard section, 0 none */
	int		 score;		/* plausibility as a heading */
	int		 implied;	/* no number written: ord from std */
	size_t		 hoff, hlen;	/* heading text in doc->heads */
	/* filled for chosen headings */
	size_t		 last;		/* index of its last non-blank line */
	unsigned long	 nchar;		/* characters of its text */
};

enum sec_tmpl {
	SEC_TUNKNOWN,
	SEC_T2021,
	SEC_T2019,
	SEC_TPRE2019
};

struct sec_meta {
	char		 agency[256];
	int		 year;		/* 0: unknown */
	int		 pub_y, pub_m, pub_d;	/* pub_y 0: unknown */
	int		 tmpl;		/* enum sec_tmpl */
	const char	*tbasis;	/* what showed it: labels, headings, year */
	uint64_t	 hash;
};

struct sec_doc {
	char		*name;
	struct gip_buf	 text;		/* the text lines, back to back */
	struct gip_buf	 frames;	/* kept frames' fields */
	struct gip_buf	 heads;		/* heading texts */
	struct sec_line	*lines;
	size_t		 nlines, linecap;
	struct sec_head	*cand;		/* candidates, in line order */
	size_t		 ncand, candcap;
	struct sec_head	*sec;		/* the chosen sections */
	size_t		 nsec, seccap;
	struct sec_meta	 meta;
};

/* sections_scan.c */
int	 sec_blank(const char *, size_t);
void	 sec_scan(struct sec_doc *);
int	 sec_std_of(const char *, size_t);
const char *sec_std_name(int);
size_t	 sec_clean(const char *, size_t, size_t *);
size_t	 sec_nchar(const char *, size_t);

/* sections_seq.c */
void	 sec_choose(struct sec_doc *);
void	 sec_check(struct sec_doc *);

/* sections_meta.c */
void	 sec_meta(struct sec_doc *);
const char *sec_tmpl_name(int);
uint64_t sec_hash(const struct sec_doc *);

/* sections_out.c */
struct sec_opts {
	int		 mode;		/* 0 stream, 'l' list, 'm' meta, 's' */
	int		 json;
	int		 header;
	int		 want;		/* -s: the standard section, or -1 */
	const char	*want_name;	/* -s: else a heading containing this */
	struct gip_out	 out;
};
void	 sec_output(struct sec_opts *, struct sec_doc *);
void	 sec_output_header(struct sec_opts *);

#endif /* SECTIONS_H */
