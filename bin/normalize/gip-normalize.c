/*
 * gip-normalize: turn reports in any of the encodings and layouts they
 * are found in (UTF-8, UTF-16, GB18030, Big5, HTML pages) into clean
 * UTF-8 text in the framed stream of gip(7): one "doc" frame per input
 * file, then its text, with "line" frames keeping each line's source
 * line.  Traditional characters are folded to simplified (not -T).
 * The encoding is chosen on the first NZ_WINDOW bytes; the rest
 * streams through in chunks of that size, so memory stays small
 * whatever the size of a file or of a line.  PDF, DOCX and old Word
 * or WPS files are recognised by their first bytes and converted first
 * (normalize_office.c).  Names may come in a NUL-separated list
 * (--files0-from), and stdin may be given a name (--label).
 */
#define _GNU_SOURCE		/* memmem */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gip.h"
#include "normalize.h"

struct ctx {
	struct gip_out	 out;
	struct nz_office office;	/* how to convert PDF, DOCX, .doc */
	const char	*from;		/* -f */
	const char	*label;		/* --label: the name of stdin */
	int		 keep;		/* -k */
	int		 strict;	/* -s */
	int		 trad;		/* -T */
	int		 verbose;	/* -v */
	unsigned char	*in;		/* NZ_WINDOW and room for a carry */
};

/* the state of one document on its way through */
struct doc {
	const char	*name;		/* for diagnostics */
	struct nz_sink	 sink;
	struct nz_html	*html;
	size_t		 nbad;
	unsigned long	 badline;
};

#define INCAP	NZ_WINDOW

/* long options without a short one */
#define OPT_FILES0	0x200
#define OPT_LABEL	0x201
/* seconds a converter may take, unless GIP_TIMEOUT says otherwise */
#define TIMEOUT		60

static int	 process(struct gip_reader *, void *);
static int	 each_listed(const char *, struct ctx *);

static const struct option longopts[] = {
	{ "files0-from", 1, NULL, OPT_FILES0 },
	{ "from", 1, NULL, 'f' },
	{ "keep-width", 0, NULL, 'k' },
	{ "label", 1, NULL, OPT_LABEL },
	{ "null", 0, NULL, '0' },
	{ "strict", 0, NULL, 's' },
	{ "traditional", 0, NULL, 'T' },
	{ "verbose", 0, NULL, 'v' },
	GIP_LONGOPTS_STD,
	{ NULL, 0, NULL, 0 }
};

static const struct gip_tool tool = {
	"gip-normalize",
	"[-0ksTv] [-f encoding] [--files0-from=list] [--label=name] [file ...]",
	"\n"
	"  -0, --null           read a NUL-separated list of file names from\n"
	"                       stdin (as --files0-from=-)\n"
	"  -f, --from=ENC       read every input as ENC (utf-8, gbk, gb18030,\n"
	"                       big5, utf-16le, utf-16be, or any iconv name)\n"
	"      --files0-from=F  read the names of the files from F, each\n"
	"                       ended by a NUL (find -print0); - is stdin\n"
	"  -k, --keep-width     do not fold full-width forms to ASCII\n"
	"      --label=NAME     name the document read from stdin NAME\n"
	"  -s, --strict         invalid bytes make the file fail (status 1)\n"
	"  -T, --traditional    do not fold traditional characters to\n"
	"                       simplified\n"
	"  -v, --verbose        report the encoding of each document\n"
	"      --progress       documents, MB and rates on stderr\n"
	"  -h, --help           print this help and exit\n"
	"  -V, --version        print the version and exit\n"
	"PDF goes through pdftotext -layout (poppler-utils), DOCX is read\n"
	"directly, .doc and .wps through antiword or catdoc.\n"
	"Exit status: 0 success, 1 a file could not be read or converted,\n"
	"or was empty or not text (or had invalid bytes, with -s), 2 usage\n"
	"or output error.\n",
	"0f:ksTv",
	longopts
};

int
main(int argc, char *argv[])
{
	struct ctx	 c;
	struct nz_detect d;
	const char	*files0 = NULL, *e, *errstr;
	int		 ch, rv;

	gip_setprogname(argv[0]);
	memset(&c, 0, sizeof(c));
	c.office.timeout = TIMEOUT;
	if ((e = getenv("GIP_TIMEOUT")) != NULL && *e != '\0') {
		c.office.timeout = (unsigned)gip_strtonum(e, 1, 86400, &errstr);
		if (errstr != NULL)
			gip_errx(GIP_EXIT_TROUBLE, "GIP_TIMEOUT is %s: %s",
			    errstr, e);
	}
	while ((ch = gip_getopt(argc, argv, &tool)) != -1) {
		switch (ch) {
		case '0':
			files0 = "-";
			break;
		case OPT_FILES0:
			files0 = optarg;
			break;
		case OPT_LABEL:
			c.label = optarg;
			break;
		case 'f':
			c.from = optarg;
			break;
		case 'k':
			c.keep = 1;
			break;
		case 's':
			c.strict = 1;
			break;
		case 'T':
			c.trad = 1;
			break;
		case 'v':
			c.verbose = 1;
			break;
		default:
			gip_usage(&tool);
		}
	}
	argc -= optind;
	argv += optind;
	if (files0 != NULL && argc > 0) {
		gip_warnx("file operands cannot be combined with "
		    "--files0-from: '%s'", argv[0]);
		gip_usage(&tool);
	}
	if (c.from != NULL && nz_label(c.from, strlen(c.from), &d) == -1)
		gip_errx(GIP_EXIT_TROUBLE, "unknown encoding: %s", c.from);

	c.in = gip_xmalloc(INCAP);
	gip_out_init(&c.out, STDOUT_FILENO);
	c.office.out = &c.out;
	c.office.fold = !c.keep;
	c.office.t2s = !c.trad;
	c.office.verbose = c.verbose;
	if (files0 != NULL)
		rv = each_listed(files0, &c);
	else
		rv = gip_each_input(argc, argv, process, &c);
	free(c.in);
	return gip_out_close(&c.out) ? GIP_EXIT_TROUBLE : rv;
}

/*
 * The files named in a list, each name ended by a NUL (the last may
 * lack it), as du and wc read --files0-from; one name at a time, so
 * that find can name millions.  A bad entry is reported with its
 * number in the list and the rest are still processed.
 */
static int
each_listed(const char *list, struct ctx *c)
{
	FILE		*fp = stdin;
	char		*name = NULL, *one[1];
	const char	*lname = list;
	size_t		 cap = 0;
	ssize_t		 len;
	unsigned long	 n = 0;
	int		 r, rv = GIP_EXIT_OK, fromstdin;

	if ((fromstdin = strcmp(list, "-") == 0))
		lname = "<stdin>";
	else if ((fp = fopen(list, "r")) == NULL)
		gip_err(GIP_EXIT_TROUBLE, "%s", list);
	while ((len = getdelim(&name, &cap, '\0', fp)) != -1) {
		n++;
		if (len > 0 && name[len - 1] == '\0')
			len--;
		if (len == 0) {
			gip_diag(lname, n, GIP_ERROR,
			    "invalid zero-length file name");
			r = GIP_EXIT_FINDINGS;
		} else if (fromstdin && strcmp(name, "-") == 0) {
			gip_diag(lname, n, GIP_ERROR, "'-' names the standard "
			    "input, which holds the list of names");
			r = GIP_EXIT_FINDINGS;
		} else {
			one[0] = name;
			r = gip_each_input(1, one, process, c);
		}
		if (r > rv)
			rv = r;
	}
	if (ferror(fp)) {
		gip_warn("%s", lname);
		rv = GIP_EXIT_TROUBLE;
	}
	free(name);
	if (!fromstdin)
		fclose(fp);
	return rv;
}

/* The extension of a file name, in lower case, or "". */
static void
extension(const char *name, char *buf, size_t size)
{
	const char	*dot = strrchr(name, '.'), *slash = strrchr(name, '/');
	size_t		 i;

	buf[0] = '\0';
	if (dot == NULL || (slash != NULL && dot < slash) || dot == name ||
	    strlen(dot + 1) >= size)
		return;
	for (i = 0; dot[1 + i] != '\0'; i++)
		buf[i] = dot[1 + i] >= 'A' && dot[1 + i] <= 'Z' ?
		    (char)(dot[1 + i] + ('a' - 'A')) : dot[1 + i];
	buf[i] = '\0';
}

static int
one_of(const char *s, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

/* Word's "save as web page", which is often published as .doc */
static int
word_html(const unsigned char *p, size_t n)
{
	return memmem(p, n, "urn:schemas-microsoft-com:office:word", 37) !=
	    NULL || memmem(p, n, "content=Word.Document", 21) != NULL;
}

/*
 * Content against name.  A .pdf, .doc, .docx or .wps that is text is
 * a failed download (an error page saved under the attachment's name,
 * the most common crawl failure): an error, unless it is Word's own
 * HTML.  A PDF or Word file under a text name (.html, .txt) is read as
 * what it is, with a warning.  Returns -1 when the file fails.
 */
static int
check_name(const char *name, const char *display, enum nz_fmt fmt,
    const unsigned char *p, size_t n)
{
	static const char *const bin[] = { "pdf", "doc", "docx", "wps", NULL };
	static const char *const txt[] = { "html", "htm", "shtml", "txt",
	    "text", NULL };
	static const char *const what[] = { "text", "a PDF document",
	    "a ZIP archive (DOCX)", "an OLE2 document (.doc, .wps)" };
	char		 ext[16];
	int		 html;

	extension(name, ext, sizeof(ext));
	if (fmt == NZ_FMT_TEXT && one_of(ext, bin)) {
		html = nz_is_html((const char *)p, n);
		if (html && strcmp(ext, "pdf") != 0 && word_html(p, n))
			return 0;
		gip_diag(display, 0, GIP_ERROR, "named .%s but %s, not a %s "
		    "file (a failed download?)", ext, html ? "an HTML page" :
		    "text", ext[0] == 'p' ? "PDF" : "Word");
		return -1;
	}
	if (fmt != NZ_FMT_TEXT && (one_of(ext, txt) ||
	    (one_of(ext, bin) && (fmt == NZ_FMT_PDF) != (ext[0] == 'p'))))
		gip_diag(display, 0, GIP_WARNING, "%s, named .%s; read as %s",
		    what[fmt], ext, fmt == NZ_FMT_PDF ? "PDF" : "such");
	return 0;
}

/* Read until want bytes are in buf, or the end; *err gets errno. */
static size_t
fill(FILE *fp, unsigned char *buf, size_t n, size_t want, int *eof,
    int *err)
{
	size_t	 r;

	while (n < want) {
		r = fread(buf + n, 1, want - n, fp);
		n += r;
		if (r == 0) {
			if (ferror(fp))
				*err = errno != 0 ? errno : EIO;
			*eof = 1;
			break;
		}
	}
	return n;
}

/* source line of byte off of decoded text (for errors before output) */
static unsigned long
line_at(const char *t, size_t off)
{
	unsigned long	 line = 1;
	size_t		 i;

	for (i = 0; i < off; i++)
		if (t[i] == '\n' || (t[i] == '\r' &&
		    (i + 1 >= off || t[i + 1] != '\n')))
			line++;
	return line;
}

static void
feed(struct doc *dc, const char *t, size_t n)
{
	if (dc->html != NULL)
		nz_html_text(dc->html, t, n);
	else
		nz_sink_text(&dc->sink, t, n);
}

/*
 * Pass one chunk of decoded text on, noting where the first
 * replacement character of the document went.  Returns -1 when -s
 * stops the document there.
 */
static int
chunk(struct ctx *c, struct doc *dc, const struct nz_dec *dec,
    const char *t, size_t n)
{
	if (dec->nbad == 0) {
		feed(dc, t, n);
		return 0;
	}
	feed(dc, t, dec->firstbad);
	if (dc->nbad == 0)
		dc->badline = dc->html != NULL ? nz_html_line(dc->html) :
		    dc->sink.src;
	dc->nbad += dec->nbad;
	if (c->strict)
		return -1;
	feed(dc, t + dec->firstbad, n - dec->firstbad);
	return 0;
}

static int
process(struct gip_reader *rd, void *arg)
{
	struct ctx	*c = arg;
	struct nz_detect d;
	struct nz_dec	 dec;
	struct doc	 dc;
	enum nz_fmt	 fmt;
	const char	*t, *name = rd->name;
	size_t		 n, off, used, len;
	int		 eof = 0, err = 0, rv = GIP_EXIT_OK;

	memset(&dc, 0, sizeof(dc));
	if (gip_progress_on)
		gip_progress_add(1, 0);
	dc.name = gip_reader_display(rd);
	if (c->label != NULL && strcmp(rd->name, "-") == 0)
		name = dc.name = c->label;
	n = fill(rd->fp, c->in, 0, NZ_WINDOW, &eof, &err);
	if (err != 0 && n == 0) {
		errno = err;
		gip_warn("%s", dc.name);
		return GIP_EXIT_FINDINGS;
	}
	if (n == 0 && strcmp(rd->name, "-") != 0) {
		gip_diag(dc.name, 0, GIP_ERROR,
		    "empty file (a failed download?)");
		return GIP_EXIT_FINDINGS;
	}
	fmt = nz_format(c->in, n);
	if (check_name(name, dc.name, fmt, c->in, n) == -1)
		return GIP_EXIT_FINDINGS;
	if (fmt != NZ_FMT_TEXT)
		return nz_office(&c->office, fmt, name, dc.name, c->in, n,
		    rd->fp, eof);
	if (nz_detect(c->in, n, eof, c->from, &d) == -1) {
		gip_diag(dc.name, 0, GIP_ERROR, "%s", d.why);
		return GIP_EXIT_FINDINGS;
	}
	if (d.binary != NULL) {
		gip_diag(dc.name, 0, GIP_ERROR, "%s", d.binary);
		return GIP_EXIT_FINDINGS;
	}
	off = d.bom;
	if (!nz_detect_decoded(&d, c->in, n, eof, &dec, &t, &len, &used)) {
		if (nz_dec_open(&dec, &d) == -1) {
			gip_diag(dc.name, 0, GIP_ERROR, "cannot decode %s",
			    d.name);
			return GIP_EXIT_FINDINGS;
		}
		used = nz_dec_run(&dec, c->in + off, n - off, eof, &t, &len);
	}
	if (c->strict && dec.nbad > 0) {
		/* caught in the window: nothing of it is written */
		gip_diag(dc.name, line_at(t, dec.firstbad), GIP_ERROR,
		    "invalid %s (%zu bad byte sequence%s); not converted",
		    d.name, dec.nbad, dec.nbad == 1 ? "" : "s");
		nz_dec_close(&dec);
		return GIP_EXIT_FINDINGS;
	}
	nz_sink_init(&dc.sink, &c->out, !c->keep, !c->trad);
	if (nz_is_html(t, len))
		dc.html = nz_html_new(&dc.sink);
	if (c->verbose)
		gip_diag(dc.name, 0, GIP_NOTE, "%s%s (%s)", d.name,
		    dc.html != NULL ? ", HTML" : "", d.why);
	gip_frame_doc(&c->out, name);
	for (;;) {
		if (chunk(c, &dc, &dec, t, len) == -1) {
			rv = GIP_EXIT_FINDINGS;
			break;
		}
		if (eof)
			break;
		n -= off + used;
		memmove(c->in, c->in + off + used, n);
		off = 0;
		n = fill(rd->fp, c->in, n, NZ_WINDOW, &eof, &err);
		used = nz_dec_run(&dec, c->in, n, eof, &t, &len);
	}
	if (dc.html != NULL) {
		nz_html_end(dc.html);
		nz_html_free(dc.html);
	}
	nz_sink_end(&dc.sink);
	nz_dec_close(&dec);
	if (err != 0) {
		errno = err;
		gip_warn("%s", dc.name);
		rv = GIP_EXIT_FINDINGS;
	}
	if (dc.nbad > 0 && c->strict)
		gip_diag(dc.name, dc.badline, GIP_ERROR,
		    "invalid %s; the text stops here", d.name);
	else if (dc.nbad > 0)
		gip_diag(dc.name, dc.badline, GIP_WARNING,
		    "%zu invalid %s byte sequence%s replaced with U+FFFD%s",
		    dc.nbad, d.name, dc.nbad == 1 ? "" : "s",
		    dc.nbad == 1 ? "" : ", the first on this line");
	if (dc.sink.nnul > 0)
		gip_diag(dc.name, dc.sink.nulline, GIP_WARNING,
		    "%zu NUL byte%s removed", dc.sink.nnul,
		    dc.sink.nnul == 1 ? "" : "s");
	return rv;
}
