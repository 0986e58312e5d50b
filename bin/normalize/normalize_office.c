/*
 * normalize_office.c: the documents that are not text: PDF through
 * poppler's pdftotext -layout, DOCX through normalize_docx.c, and the
 * old binary Word and WPS files (OLE2) through antiword or catdoc.  A
 * document's doc frame and text are written only once its converter
 * has succeeded (for DOCX, once the archive opens), so a failure leaves
 * no half document in the stream: one error line naming the file, and
 * the status 1 of a per-file failure.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "gip.h"
#include "normalize.h"

/* how to install each converter on Debian */
#define PDF_PKG	"poppler-utils"
#define DOC_PKG	"antiword"

enum nz_fmt
nz_format(const unsigned char *p, size_t n)
{
	size_t	 i, lim = n < 1024 ? n : 1024;

	/* the header may follow up to 1 KiB of junk, as readers allow */
	for (i = 0; i + 5 <= lim; i++)
		if (p[i] == '%' && memcmp(p + i, "%PDF-", 5) == 0)
			return NZ_FMT_PDF;
	if (n >= 4 && memcmp(p, "PK\x03\x04", 4) == 0)
		return NZ_FMT_ZIP;
	if (n >= 8 && memcmp(p, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		return NZ_FMT_OLE2;
	return NZ_FMT_TEXT;
}

/* Give converted UTF-8 text to the sink, bad bytes replaced. */
static void
plain(struct nz_sink *s, const char *name, const char *p, size_t n)
{
	struct nz_detect d;
	struct nz_dec	 dec;
	const char	*t;
	size_t		 len;

	memset(&d, 0, sizeof(d));
	d.enc = NZ_UTF8;
	strcpy(d.name, "UTF-8");
	if (nz_dec_open(&dec, &d) == -1)
		gip_errx(GIP_EXIT_TROUBLE, "cannot decode UTF-8");
	nz_dec_run(&dec, (const unsigned char *)p, n, 1, &t, &len);
	nz_sink_text(s, t, len);
	if (dec.nbad > 0)
		gip_diag(name, 0, GIP_WARNING, "%zu invalid UTF-8 byte "
		    "sequence%s from the converter replaced with U+FFFD",
		    dec.nbad, dec.nbad == 1 ? "" : "s");
	nz_dec_close(&dec);
}

/* 1 when the text has nothing but white space and page breaks */
static int
no_text(const char *p, size_t n, size_t *pages)
{
	size_t	 i;
	int	 blank = 1;

	*pages = 0;
	for (i = 0; i < n; i++) {
		if (p[i] == '\f')
			(*pages)++;
		else if (p[i] != ' ' && p[i] != '\n' && p[i] != '\r' &&
		    p[i] != '\t')
			blank = 0;
	}
	return blank;
}

static int
conv_failed(const struct nz_conv *cv, const char *display,
    const char *what, const char *prog, const char *pkg)
{
	char	 why[512];

	if (cv->readerr != 0) {
		errno = cv->readerr;
		gip_warn("%s", display);
	} else if (cv->notfound && strcmp(pkg, DOC_PKG) == 0)
		gip_diag(display, 0, GIP_ERROR, "%s: needs antiword or catdoc, "
		    "neither of which is installed (Debian: apt-get install "
		    "antiword)", what);
	else if (cv->notfound)
		gip_diag(display, 0, GIP_ERROR, "%s: needs %s, which is not "
		    "installed (Debian: apt-get install %s)", what, prog, pkg);
	else {
		nz_conv_why(cv, prog, why, sizeof(why));
		gip_diag(display, 0, GIP_ERROR, "%s: %s", what, why);
	}
	return GIP_EXIT_FINDINGS;
}

static int
convert(const struct nz_office *o, enum nz_fmt fmt, const char *name,
    const char *display, const unsigned char *head, size_t n, FILE *fp,
    int eof)
{
	static char *const pdf[] = { "pdftotext", "-layout", "-enc", "UTF-8",
	    "-", "-", NULL };
	static char *const aw[] = { "antiword", "-w", "0", "-m", "UTF-8.txt",
	    "-", NULL };
	static char *const cd[] = { "catdoc", "-w", "-d", "utf-8", NULL };
	struct nz_conv	 cv;
	struct nz_sink	 sink;
	const char	*what = fmt == NZ_FMT_PDF ? "PDF" : "Word/WPS (OLE2)";
	char *const	*argv = fmt == NZ_FMT_PDF ? pdf : aw;
	size_t		 pages;
	int		 r;

	r = nz_conv_run(&cv, argv, head, n, fp, eof, o->timeout);
	if (r == -1 && cv.notfound && fmt == NZ_FMT_OLE2) {
		/* antiword is not there (nothing was read): catdoc */
		nz_conv_free(&cv);
		argv = cd;
		r = nz_conv_run(&cv, argv, head, n, fp, eof, o->timeout);
	}
	if (r == -1) {
		r = conv_failed(&cv, display, what, argv[0],
		    fmt == NZ_FMT_PDF ? PDF_PKG : DOC_PKG);
		nz_conv_free(&cv);
		return r;
	}
	if (no_text(cv.out.p, cv.out.len, &pages)) {
		if (fmt == NZ_FMT_PDF)
			gip_diag(display, 0, GIP_ERROR, "PDF with no text in "
			    "its %zu page%s (scanned images?): it needs OCR",
			    pages, pages == 1 ? "" : "s");
		else
			gip_diag(display, 0, GIP_ERROR, "%s: %s found no text",
			    what, argv[0]);
		nz_conv_free(&cv);
		return GIP_EXIT_FINDINGS;
	}
	if (o->verbose)
		gip_diag(display, 0, GIP_NOTE, "%s, by %s", what, argv[0]);
	gip_frame_doc(o->out, name);
	nz_sink_init(&sink, o->out, o->fold, o->t2s);
	plain(&sink, display, cv.out.p, cv.out.len);
	nz_sink_end(&sink);
	nz_conv_free(&cv);
	return GIP_EXIT_OK;
}

static int
docx(const struct nz_office *o, const char *name, const char *display,
    const unsigned char *head, size_t n, FILE *fp, int eof)
{
	struct gip_buf	 all;
	struct nz_docx	*d;
	struct nz_sink	 sink;
	struct nz_html	*h;
	char		 why[512], tmp[16384];
	size_t		 r;
	int		 rv = GIP_EXIT_OK;

	/* a zip is read from its end: the whole document is needed */
	memset(&all, 0, sizeof(all));
	gip_buf_add(&all, head, n);
	while (!eof && (r = fread(tmp, 1, sizeof(tmp), fp)) > 0)
		gip_buf_add(&all, tmp, r);
	if (!eof && ferror(fp)) {
		gip_warn("%s", display);
		gip_buf_free(&all);
		return GIP_EXIT_FINDINGS;
	}
	if ((d = nz_docx_open(all.p, all.len, why, sizeof(why))) == NULL) {
		gip_diag(display, 0, GIP_ERROR, "%s", why);
		gip_buf_free(&all);
		return GIP_EXIT_FINDINGS;
	}
	if (o->verbose)
		gip_diag(display, 0, GIP_NOTE, "DOCX, word/document.xml");
	gip_frame_doc(o->out, name);
	nz_sink_init(&sink, o->out, o->fold, o->t2s);
	h = nz_html_new(&sink);
	if (nz_docx_run(d, h, why, sizeof(why)) == -1) {
		gip_diag(display, nz_html_line(h), GIP_ERROR,
		    "%s; the text stops here", why);
		rv = GIP_EXIT_FINDINGS;
	}
	nz_html_end(h);
	nz_html_free(h);
	nz_sink_end(&sink);
	nz_docx_close(d);
	gip_buf_free(&all);
	return rv;
}

int
nz_office(const struct nz_office *o, enum nz_fmt fmt, const char *name,
    const char *display, const unsigned char *head, size_t n, FILE *fp,
    int eof)
{
	if (fmt == NZ_FMT_ZIP)
		return docx(o, name, display, head, n, fp, eof);
	return convert(o, fmt, name, display, head, n, fp, eof);
}
