/*
 * gip-tables: extract the standard tables 二, 三 and 四 of government
 * information disclosure annual reports, one record per cell, with the
 * numbers the prose states for the same quantities.
 *
 * Input is the framed text stream (gip-normalize, gip-sections) or plain
 * text.  Each document is read whole, cut into cells (tables_lex.c),
 * searched for the tables (tables_find.c) and for narrative facts
 * (tables_narr.c), and written in one of three forms (tables_out.c).
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gip.h"
#include "tables.h"

#define F_HEADER	0x1
#define F_JSON		0x2
#define F_WIDE		0x4
#define F_VERBOSE	0x8
#define F_BOM		0x10
#define F_CSV		0x20

#define OPT_LABELS	0x200
#define OPT_BOM		0x201
#define OPT_CSV		0x202

struct ctx {
	struct gip_out	 out;
	int		 flags;
	struct tb_doc	 doc;
	int		 open;
};

static int	 process(struct gip_reader *, void *);

static const struct option longopts[] = {
	{ "header", 0, NULL, 'H' },
	{ "json", 0, NULL, 'j' },
	{ "verbose", 0, NULL, 'v' },
	{ "wide", 0, NULL, 'w' },
	{ "labels", 0, NULL, OPT_LABELS },
	{ "bom", 0, NULL, OPT_BOM },
	{ "csv", 0, NULL, OPT_CSV },
	GIP_LONGOPTS_STD,
	{ NULL, 0, NULL, 0 }
};

static const struct gip_tool tool = {
	"gip-tables",
	"[-Hjvw] [file ...]",
	"  -H, --header   write the column names first (records)\n"
	"  -j, --json     one JSON object per document\n"
	"  -v, --verbose  report each document's tables on stderr\n"
	"  -w, --wide     one line per document, one column per cell\n"
	"      --labels   the template's row and column labels beside the"
	" keys\n"
	"      --csv      -w as CSV (RFC 4180) for spreadsheets\n"
	"      --bom      a UTF-8 byte order mark first (for Excel)\n"
	"      --progress documents, MB and rates on stderr\n"
	"  -h, --help     print this help\n"
	"  -V, --version  print the version\n",
	"Hjvw",
	longopts
};

static void
doc_start(struct ctx *c, const char *name)
{
	struct tb_doc	*d = &c->doc;

	if (gip_progress_on)
		gip_progress_add(1, 0);
	free(d->name);
	free(d->agency);
	free(d->year);
	free(d->tmpl);
	free(d->published);
	free(d->tbasis);
	d->name = gip_xstrdup(name);
	d->agency = d->year = d->tmpl = d->published = d->tbasis = NULL;
	d->cursec = -1;
	gip_buf_reset(&d->text);
	gip_buf_reset(&d->stream);
	gip_buf_reset(&d->vals);
	gip_buf_reset(&d->msg);
	d->nline = d->ncell = d->ntcell = d->nrec = 0;
	d->tmplname = NULL;
	d->failed = d->cut = 0;
	d->serial++;
	c->open = 1;
}

static void
add_line(struct tb_doc *d, const char *p, size_t n, unsigned long src)
{
	struct tb_line	*l;

	if (!tb_doc_room(d, n, src))
		return;
	if (d->nline == d->capline) {
		d->capline = d->capline ? d->capline * 2 : 256;
		d->lines = gip_xreallocarray(d->lines, d->capline,
		    sizeof(*d->lines));
	}
	l = &d->lines[d->nline++];
	l->off = d->text.len;
	l->len = n;
	l->src = src;
	/* in a byte; what is no standard section stays none */
	l->sec = d->cursec < -1 ? -1 : d->cursec > 127 ? 127 : d->cursec;
	gip_buf_add(&d->text, p, n);
}

static void
meta(struct tb_doc *d, struct gip_stream *s)
{
	char	**slot = NULL;

	if (s->nfield < 3)
		return;
	if (strcmp(s->fields[1], "agency") == 0)
		slot = &d->agency;
	else if (strcmp(s->fields[1], "year") == 0)
		slot = &d->year;
	else if (strcmp(s->fields[1], "template") == 0)
		slot = &d->tmpl;
	else if (strcmp(s->fields[1], "published") == 0)
		slot = &d->published;
	else if (strcmp(s->fields[1], "template_basis") == 0)
		slot = &d->tbasis;
	if (slot == NULL)
		return;
	/* a record's year is digits or nothing: gip(7) tells records
	 * from findings by it */
	if (slot == &d->year && strspn(s->fields[2], "0123456789") !=
	    s->lens[2])
		return;
	free(*slot);
	*slot = s->lens[2] > 0 ? gip_xstrndup(s->fields[2], s->lens[2]) :
	    NULL;
}

/* Read the document's tables and write them; 1 if one failed. */
static int
doc_end(struct ctx *c)
{
	struct tb_doc	*d = &c->doc;
	const char	*shown;

	if (!c->open)
		return GIP_EXIT_OK;
	c->open = 0;
	shown = strcmp(d->name, "-") == 0 ? "<stdin>" : d->name;
	{
		char	*keep = d->name;

		/* diagnostics name stdin as <stdin>, records as "-" */
		d->name = (char *)shown;
		tb_lex(d);
		tb_find(d);
		d->name = keep;
	}
	/* prose facts in every report, whatever its template */
	tb_narr(d);
	tb_doc_status(d);
	if (c->flags & F_VERBOSE)
		gip_diag(shown, 0, GIP_NOTE, "template %s, %zu records",
		    d->tmplname != NULL ? d->tmplname : "none", d->nrec);
	if (c->flags & F_JSON)
		tb_out_json(&c->out, d);
	else if (c->flags & F_WIDE)
		tb_out_wide(&c->out, d);
	else
		tb_out_tsv(&c->out, d);
	return d->failed ? GIP_EXIT_FINDINGS : GIP_EXIT_OK;
}

static int
process(struct gip_reader *rd, void *arg)
{
	struct ctx	*c = arg;
	struct gip_stream s;
	int		 it, rv = GIP_EXIT_OK, r;

	gip_stream_init(&s, rd);
	while ((it = gip_stream_next(&s)) != GIP_ITEM_END) {
		if (it < 0) {
			rv = GIP_EXIT_TROUBLE;
			break;
		}
		switch (it) {
		case GIP_ITEM_DOC:
			if ((r = doc_end(c)) > rv)
				rv = r;
			doc_start(c, s.docname);
			break;
		case GIP_ITEM_TEXT:
			add_line(&c->doc, s.text, s.textlen, s.line);
			break;
		case GIP_ITEM_FRAME:
			if (strcmp(s.fields[0], "meta") == 0)
				meta(&c->doc, &s);
			else if (strcmp(s.fields[0], "sec") == 0 &&
			    s.nfield > 1)
				c->doc.cursec = atoi(s.fields[1]);
			break;
		default:
			break;
		}
	}
	if ((r = doc_end(c)) > rv)
		rv = r;
	gip_stream_free(&s);
	return rv;
}

int
main(int argc, char *argv[])
{
	static struct ctx c;
	int		 ch, rv;

	gip_setprogname(argv[0]);
	while ((ch = gip_getopt(argc, argv, &tool)) != -1) {
		switch (ch) {
		case 'H':
			c.flags |= F_HEADER;
			break;
		case 'j':
			c.flags |= F_JSON;
			break;
		case 'v':
			c.flags |= F_VERBOSE;
			break;
		case 'w':
			c.flags |= F_WIDE;
			break;
		case OPT_LABELS:
			tb_labels = 1;
			break;
		case OPT_BOM:
			c.flags |= F_BOM;
			break;
		case OPT_CSV:
			c.flags |= F_CSV;
			break;
		default:
			gip_usage(&tool);
		}
	}
	argc -= optind;
	argv += optind;
	if ((c.flags & F_JSON) && (c.flags & (F_WIDE | F_HEADER | F_BOM)))
		gip_usage(&tool);
	if ((c.flags & F_CSV) && !(c.flags & F_WIDE)) {
		gip_warnx("--csv: with -w (a record stream is TSV)");
		gip_usage(&tool);
	}
	gip_out_init(&c.out, STDOUT_FILENO);
	c.out.csv = (c.flags & F_CSV) != 0;
	/* Excel reads BOM-less UTF-8 as the local code page */
	if (c.flags & F_BOM)
		gip_out_puts(&c.out, "\xef\xbb\xbf");
	if (c.flags & F_WIDE)
		tb_out_wide_header(&c.out);
	else if (c.flags & F_HEADER)
		tb_out_header(&c.out);
	rv = gip_each_input(argc, argv, process, &c);
	if (gip_out_close(&c.out) != 0)
		rv = GIP_EXIT_TROUBLE;
	return rv;
}
