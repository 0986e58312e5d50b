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

/*
 * One line of the document, in input order: 12 bytes, as a line of a
 * report is some 100 (memory is the text and this).  The offset keeps
 * its low 32 bits (sec_off() adds the rest), the source line its
 * distance from the first line's (sec_src()); a document of lines
 * longer than 4 GiB or of more than 2^32 lines is refused.
 */
struct sec_line {
	uint32_t	 off;		/* text: in doc->text; frame: frames */
	uint32_t	 len;		/* frame: nfield */
	unsigned int	 src : 31;	/* source line, less doc->src0 */
#define SEC_SRCFAR	0x7fffffffu	/* ... or not that: in doc->far */
	unsigned int	 kind : 1;	/* enum sec_kind */
};

/*
 * A heading: a candidate, or a chosen one.  40 bytes: a document of
 * reports run together has one candidate in some 20 lines.  Line
 * indexes fit 32 bits (sec_line), numbers are at most SEC_MAXORD,
 * scores small, a heading's text at most a few lines.
 */
struct sec_head {
	size_t		 hoff;		/* its text in doc->heads (sec_heads) */
	uint32_t	 hlen;
	uint32_t	 li;		/* index of its first line */
	uint32_t	 nl;		/* lines it spans (2+ when wrapped) */
	int8_t		 ord;		/* its own number (一 is 1) */
	int8_t		 std;		/* standard section, 0 none */
	int16_t		 score;		/* plausibility as a heading */
	uint8_t		 implied;	/* no number written: ord from std */
	/* filled for chosen headings */
	uint32_t	 last;		/* index of its last non-blank line */
	unsigned long	 nchar;		/* characters of its text */
};
_Static_assert(SEC_MAXORD <= INT8_MAX, "sec_head.ord");

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
	unsigned long	 src0;		/* source line of lines[0] */
	struct sec_far {		/* lines before src0 or far after */
		size_t		 li;	/* ("line" frames set any number) */
		unsigned long	 src;
	}		*far;
	size_t		 nfar, farcap;
	size_t		*wrap[2];	/* by kind: lines where off passes */
	size_t		 nwrap[2], wrapcap[2];	/* a multiple of 2^32 */
	struct sec_head	*cand;		/* candidates, in line order */
	size_t		 ncand, candcap;
	struct sec_head	*sec;		/* the chosen sections */
	size_t		 nsec, seccap;
	struct sec_meta	 meta;
};

/* Source line (provenance) of line li. */
static inline unsigned long
sec_src(const struct sec_doc *d, size_t li)
{
	size_t	 lo = 0, hi = d->nfar, mid;

	if (d->lines[li].src != SEC_SRCFAR)
		return d->src0 + d->lines[li].src;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (d->far[mid].li <= li)
			lo = mid;
		else
			hi = mid;
	}
	return d->far[lo].src;
}

/* Offset of line li's bytes, in doc->text (doc->frames for a frame). */
static inline uint64_t
sec_off(const struct sec_doc *d, size_t li)
{
	const size_t	*w = d->wrap[d->lines[li].kind];
	size_t		 lo = 0, hi = d->nwrap[d->lines[li].kind], mid;

	/* the lines where the offset passed 2^32, 2^33 ...: how many before */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (w[mid] <= li)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (uint64_t)lo << 32 | d->lines[li].off;
}

/* sections_scan.c */
int	 sec_blank(const char *, size_t);
void	 sec_scan(struct sec_doc *);
void	 sec_heads(struct sec_doc *);
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
