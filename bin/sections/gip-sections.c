/*
 * gip-sections: find the top-level sections and the metadata of each
 * report in a text stream (framed by gip-normalize, or plain UTF-8).
 * By default the stream passes through with "meta" frames after each
 * "doc" frame and a "sec" frame before each heading line; -l lists the
 * sections, -m prints the metadata, -s prints one section's text.
 * A document is held in memory whole, and only one at a time.
 */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gip.h"
#include "sections.h"

static int	 process(struct gip_reader *, void *);
static void	 finish(struct sec_opts *, struct sec_doc *);

static const char *const cn_digits[SEC_NSTD + 1] = {
	"", "一", "二", "三", "四", "五", "六"
};

static const struct option longopts[] = {
	{ "header", 0, NULL, 'H' },
	{ "json", 0, NULL, 'j' },
	{ "list", 0, NULL, 'l' },
	{ "meta", 0, NULL, 'm' },
	{ "section", 1, NULL, 's' },
	GIP_LONGOPTS_STD,
	{ NULL, 0, NULL, 0 }
};

static const struct gip_tool tool = {
	"gip-sections",
	"[-Hj] [-l | -m | -s section] [file ...]",
	"\n"
	"  -H, --header         print a header line before TSV output\n"
	"  -j, --json           JSON Lines for -l (the default with -j) or -m\n"
	"  -l, --list           one line per section: doc std name heading\n"
	"                       first last chars\n"
	"  -m, --meta           one line per document: doc agency year\n"
	"                       template published hash\n"
	"  -s, --section=N|NAME print only that section's text, plain: a\n"
	"                       standard number 0-6 or 一-六, a name\n"
	"                       (总体情况, 复议, 概述 ...), or heading words\n"
	"      --progress       documents, MB and rates on stderr\n"
	"  -h, --help           print this help and exit\n"
	"  -V, --version        print the version and exit\n"
	"Exit status: 0 success, warnings included (missing or misplaced\n"
	"sections), 1 a file could not be read, 2 usage or output error.\n",
	"Hjlms:",
	longopts
};

int
main(int argc, char *argv[])
{
	struct sec_opts	 op;
	const char	*sarg = NULL, *errstr;
	long long	 n;
	int		 c, rv, lflag = 0, mflag = 0;

	gip_setprogname(argv[0]);
	memset(&op, 0, sizeof(op));
	while ((c = gip_getopt(argc, argv, &tool)) != -1) {
		switch (c) {
		case 'H':
			op.header = 1;
			break;
		case 'j':
			op.json = 1;
			break;
		case 'l':
			lflag = 1;
			break;
		case 'm':
			mflag = 1;
			break;
		case 's':
			sarg = optarg;
			break;
		default:
			gip_usage(&tool);
		}
	}
	argc -= optind;
	argv += optind;
	if (lflag + mflag + (sarg != NULL) > 1 ||
	    (sarg != NULL && (*sarg == '\0' || op.json)) ||
	    (op.header && (op.json || lflag + mflag == 0)))
		gip_usage(&tool);

	op.mode = lflag || (op.json && !mflag) ? 'l' : mflag ? 'm' :
	    sarg != NULL ? 's' : 0;
	op.want = -1;
	if (sarg != NULL) {
		/* a number, 一..六, a section's name or words, heading words */
		n = gip_strtonum(sarg, 0, SEC_NSTD, &errstr);
		for (c = 1; errstr != NULL && c <= SEC_NSTD; c++)
			if (strcmp(sarg, cn_digits[c]) == 0) {
				n = c;
				errstr = NULL;
			}
		if (errstr == NULL)
			op.want = (int)n;
		else if ((op.want = sec_std_of(sarg, strlen(sarg))) == 0) {
			op.want = -1;
			op.want_name = sarg;
		}
	}
	gip_out_init(&op.out, STDOUT_FILENO);
	if (op.header)
		sec_output_header(&op);
	rv = gip_each_input(argc, argv, process, &op);
	return gip_out_close(&op.out) ? GIP_EXIT_TROUBLE : rv;
}

static void
add_line(struct sec_doc *d, int kind, size_t off, size_t len,
    unsigned long src)
{
	struct sec_line	*l;

	if (d->nlines == d->linecap) {
		d->linecap = d->linecap ? d->linecap * 2 : 256;
		d->lines = gip_xreallocarray(d->lines, d->linecap,
		    sizeof(*d->lines));
	}
	if (d->nlines == 0)
		d->src0 = src;
	if (len > UINT32_MAX || d->nlines >= UINT32_MAX) {
		gip_diag(strcmp(d->name, "-") == 0 ? "<stdin>" : d->name, src,
		    GIP_ERROR, "%s", len > UINT32_MAX ?
		    "line longer than 4 GiB" : "more than 2^32 lines");
		exit(GIP_EXIT_TROUBLE);
	}
	if (src < d->src0 || src - d->src0 >= SEC_SRCFAR) {
		if (d->nfar == d->farcap) {
			d->farcap = d->farcap * 2 + 4;
			d->far = gip_xreallocarray(d->far, d->farcap,
			    sizeof(*d->far));
		}
		d->far[d->nfar].li = d->nlines;
		d->far[d->nfar++].src = src;
	}
	/* offsets grow by at most 2^32 a line: note where they pass one */
	if (off >> 32 > d->nwrap[kind]) {
		if (d->nwrap[kind] == d->wrapcap[kind]) {
			d->wrapcap[kind] = d->wrapcap[kind] * 2 + 4;
			d->wrap[kind] = gip_xreallocarray(d->wrap[kind],
			    d->wrapcap[kind], sizeof(*d->wrap[kind]));
		}
		d->wrap[kind][d->nwrap[kind]++] = d->nlines;
	}
	l = &d->lines[d->nlines++];
	l->kind = kind;
	l->off = (uint32_t)off;
	l->len = (uint32_t)len;
	l->src = src < d->src0 || src - d->src0 >= SEC_SRCFAR ? SEC_SRCFAR :
	    (unsigned int)(src - d->src0);
}

/* An unknown frame, kept in place: its fields, each length first. */
static void
add_frame(struct sec_doc *d, const struct gip_stream *s)
{
	size_t	 off = d->frames.len;
	int	 k;

	for (k = 0; k < s->nfield; k++) {
		gip_buf_add(&d->frames, &s->lens[k], sizeof(s->lens[k]));
		gip_buf_add(&d->frames, s->fields[k], s->lens[k]);
	}
	add_line(d, SEC_FRAME, off, (size_t)s->nfield, s->line);
}

static void
start(struct sec_doc *d, const char *name)
{
	if (gip_progress_on)
		gip_progress_add(1, 0);
	free(d->name);
	d->name = gip_xstrdup(name);
	d->nlines = d->nwrap[SEC_TEXT] = d->nwrap[SEC_FRAME] = d->nfar = 0;
	gip_buf_reset(&d->text);
	gip_buf_reset(&d->frames);
}

static void
finish(struct sec_opts *op, struct sec_doc *d)
{
	if (d->name == NULL)
		return;
	sec_scan(d);
	sec_choose(d);
	sec_heads(d);
	sec_meta(d);
	sec_check(d);
	sec_output(op, d);
	free(d->name);
	d->name = NULL;
}

static void
doc_free(struct sec_doc *d)
{
	free(d->name);
	gip_buf_free(&d->text);
	gip_buf_free(&d->frames);
	gip_buf_free(&d->heads);
	free(d->lines);
	free(d->wrap[SEC_TEXT]);
	free(d->wrap[SEC_FRAME]);
	free(d->far);
	free(d->cand);
	free(d->sec);
}

static int
process(struct gip_reader *rd, void *ctx)
{
	struct sec_opts	*op = ctx;
	struct sec_doc	 d;
	struct gip_stream s;
	int		 r, rv = GIP_EXIT_OK;

	memset(&d, 0, sizeof(d));
	gip_stream_init(&s, rd);
	for (;;) {
		r = gip_stream_next(&s);
		if (r == GIP_ITEM_TEXT) {
			/* Lines are kept with their newline: the text is then
			 * one buffer to hash and search. */
			add_line(&d, SEC_TEXT, d.text.len, s.textlen, s.line);
			gip_buf_add(&d.text, s.text, s.textlen);
			gip_buf_addc(&d.text, '\n');
			continue;
		}
		if (r == GIP_ITEM_FRAME) {
			/* Our own frames from an earlier run are redone. */
			if (strcmp(s.fields[0], "meta") != 0 &&
			    strcmp(s.fields[0], "sec") != 0)
				add_frame(&d, &s);
			continue;
		}
		/* Warnings leave the status alone: the output is complete,
		 * and xargs would take status 1 for a failed run. */
		if (d.name != NULL)
			finish(op, &d);
		if (r == GIP_ITEM_DOC)
			start(&d, s.docname);
		else {
			if (r < 0)
				rv = GIP_EXIT_FINDINGS;
			break;
		}
	}
	gip_stream_free(&s);
	doc_free(&d);
	return rv;
}
