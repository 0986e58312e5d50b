/*
 * gip-normalize: turn reports in any of the encodings and layouts they
 * are found in (UTF-8, UTF-16, GB18030, Big5, HTML pages) into clean
 * UTF-8 text in the framed stream of gip(7): one "doc" frame per input
 * file, then its text, with "line" frames keeping each line's source
 * line.  Traditional characters are folded to simplified (not -T).
 * The encoding is chosen on the first NZ_WINDOW bytes; the rest
 * streams through in chunks of that size, so memory stays small
 * whatever the size of a file or of a line.
 */
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
	const char	*from;		/* -f */
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

static int	 process(struct gip_reader *, void *);

static const struct option longopts[] = {
	{ "from", 1, NULL, 'f' },
	{ "keep-width", 0, NULL, 'k' },
	{ "strict", 0, NULL, 's' },
	{ "traditional", 0, NULL, 'T' },
	{ "verbose", 0, NULL, 'v' },
	GIP_LONGOPTS_STD,
	{ NULL, 0, NULL, 0 }
};

static const struct gip_tool tool = {
	"gip-normalize",
	"[-ksTv] [-f encoding] [file ...]",
	"\n"
	"  -f, --from=ENC       read every input as ENC (utf-8, gbk, gb18030,\n"
	"                       big5, utf-16le, utf-16be, or any iconv name)\n"
	"  -k, --keep-width     do not fold full-width forms to ASCII\n"
	"  -s, --strict         invalid bytes make the file fail (status 1)\n"
	"  -T, --traditional    do not fold traditional characters to\n"
	"                       simplified\n"
	"  -v, --verbose        report the encoding of each document\n"
	"      --help           print this help and exit\n"
	"      --version        print the version and exit\n"
	"Exit status: 0 success, 1 a file could not be read or was not\n"
	"text (or had invalid bytes, with -s), 2 usage or output error.\n",
	"f:ksTv",
	longopts
};

int
main(int argc, char *argv[])
{
	struct ctx	 c;
	struct nz_detect d;
	int		 ch, rv;

	gip_setprogname(argv[0]);
	memset(&c, 0, sizeof(c));
	while ((ch = gip_getopt(argc, argv, &tool)) != -1) {
		switch (ch) {
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
	if (c.from != NULL && nz_label(c.from, strlen(c.from), &d) == -1)
		gip_errx(GIP_EXIT_TROUBLE, "unknown encoding: %s", c.from);

	c.in = gip_xmalloc(INCAP);
	gip_out_init(&c.out, STDOUT_FILENO);
	rv = gip_each_input(argc, argv, process, &c);
	free(c.in);
	return gip_out_close(&c.out) ? GIP_EXIT_TROUBLE : rv;
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
	const char	*t;
	size_t		 n, off, used, len;
	int		 eof = 0, err = 0, rv = GIP_EXIT_OK;

	memset(&dc, 0, sizeof(dc));
	dc.name = gip_reader_display(rd);
	n = fill(rd->fp, c->in, 0, NZ_WINDOW, &eof, &err);
	if (err != 0 && n == 0) {
		errno = err;
		gip_warn("%s", dc.name);
		return GIP_EXIT_FINDINGS;
	}
	if (nz_detect(c->in, n, eof, c->from, &d) == -1) {
		gip_diag(dc.name, 0, GIP_ERROR, "%s", d.why);
		return GIP_EXIT_FINDINGS;
	}
	if (d.binary != NULL) {
		gip_diag(dc.name, 0, GIP_ERROR, "%s", d.binary);
		return GIP_EXIT_FINDINGS;
	}
	if (nz_dec_open(&dec, &d) == -1) {
		gip_diag(dc.name, 0, GIP_ERROR, "cannot decode %s", d.name);
		return GIP_EXIT_FINDINGS;
	}
	off = d.bom;
	used = nz_dec_run(&dec, c->in + off, n - off, eof, &t, &len);
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
	gip_frame_doc(&c->out, rd->name);
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
