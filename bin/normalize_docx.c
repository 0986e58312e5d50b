/*
 * normalize_docx.c: Word documents (DOCX, and WPS documents saved as
 * DOCX).  libzip finds word/document.xml in the archive and libxml2's
 * streaming reader walks it; the body is handed to the HTML converter
 * as the HTML it means (<p>, <table>, <tr>, <td colspan=n>), so that a
 * Word table comes out in the very rows and cells an HTML table does:
 * w:gridSpan is a colspan, a w:vMerge continuation is the empty cell a
 * rowspan leaves, w:gridBefore and w:gridAfter are empty cells.  Only
 * the body is read: page headers and footers (page numbers) are other
 * parts, as are footnotes and comments.  Deleted and moved-away text
 * and the fallback copy of text boxes (mc:Fallback) are skipped, and so
 * are field codes (w:instrText; their results are text).
 *
 * A source "line" of a DOCX is its paragraph or table row: one line
 * break is written to the converter after each top-level paragraph and
 * each row.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>
#include <zip.h>

#include "gip.h"
#include "normalize.h"

#define W_NS	"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define MC_NS	"http://schemas.openxmlformats.org/markup-compatibility/2006"
#define FLUSHAT	(32 * 1024)
#define MAXDEPTH 64		/* tables deeper than this lose w:gridAfter */
#define MAXSPAN	1000		/* as HTML's colspan */

struct docx {
	xmlTextReaderPtr r;
	struct nz_html	*h;
	struct gip_buf	 b;		/* HTML waiting for the converter */
	int		 intext;	/* inside w:t */
	int		 ntbl;		/* tables open */
	unsigned	 after[MAXDEPTH];	/* w:gridAfter of each open row */
	int		 td;		/* a <td> waits for its w:gridSpan */
	unsigned	 span;
	char		 err[256];	/* the first XML error */
};

static void
flush(struct docx *x)
{
	if (x->b.len > 0)
		nz_html_text(x->h, x->b.p, x->b.len);
	x->b.len = 0;
}

/* Out with the pending cell start, before anything inside the cell. */
static void
put(struct docx *x, const char *s)
{
	if (x->td) {
		x->td = 0;
		if (x->span > 1)
			gip_buf_printf(&x->b, "<td colspan=%u>", x->span);
		else
			gip_buf_adds(&x->b, "<td>");
	}
	gip_buf_adds(&x->b, s);
	if (x->b.len >= FLUSHAT)
		flush(x);
}

static void
text(struct docx *x, const char *p)
{
	const char	*q;

	put(x, "");
	for (; *p != '\0'; p = q) {
		q = p + strcspn(p, "&<");
		gip_buf_add(&x->b, p, (size_t)(q - p));
		if (*q == '&')
			gip_buf_adds(&x->b, "&amp;");
		else if (*q == '<')
			gip_buf_adds(&x->b, "&lt;");
		else
			break;
		q++;
	}
	if (x->b.len >= FLUSHAT)
		flush(x);
}

/* w:val of the current element, as a count (1 when absent or bad) */
static unsigned
val(struct docx *x, const xmlChar *ns)
{
	xmlChar		*v;
	long long	 n;
	const char	*e;

	if ((v = xmlTextReaderGetAttributeNs(x->r, BAD_CAST "val", ns)) == NULL)
		return 1;
	n = gip_strtonum((const char *)v, 0, MAXSPAN, &e);
	xmlFree(v);
	return e != NULL ? 1 : (unsigned)n;
}

static void
element(struct docx *x, const char *name, const xmlChar *ns, int empty)
{
	unsigned	 n;

	if (strcmp(name, "t") == 0)
		x->intext = !empty;
	else if (strcmp(name, "p") == 0)
		put(x, "<p>");
	else if (strcmp(name, "tab") == 0)
		put(x, " ");
	else if (strcmp(name, "br") == 0 || strcmp(name, "cr") == 0)
		put(x, "<br>");
	else if (strcmp(name, "noBreakHyphen") == 0)
		put(x, "-");
	else if (strcmp(name, "tbl") == 0) {
		put(x, "<table>");
		x->ntbl++;
	} else if (strcmp(name, "tr") == 0) {
		put(x, "<tr>");
		if (x->ntbl > 0 && x->ntbl <= MAXDEPTH)
			x->after[x->ntbl - 1] = 0;
	} else if (strcmp(name, "tc") == 0) {
		put(x, "");
		x->td = 1;
		x->span = 1;
	} else if (strcmp(name, "gridSpan") == 0 && x->td)
		x->span = val(x, ns);
	else if (strcmp(name, "gridBefore") == 0)
		for (n = val(x, ns); n > 0; n--)
			put(x, "<td></td>");
	else if (strcmp(name, "gridAfter") == 0 && x->ntbl > 0 &&
	    x->ntbl <= MAXDEPTH)
		x->after[x->ntbl - 1] = val(x, ns);
}

static void
end(struct docx *x, const char *name)
{
	unsigned	 n;

	if (strcmp(name, "t") == 0)
		x->intext = 0;
	else if (strcmp(name, "p") == 0)
		put(x, x->ntbl == 0 ? "</p>\n" : "</p>");
	else if (strcmp(name, "tc") == 0)
		put(x, "</td>");
	else if (strcmp(name, "tr") == 0) {
		if (x->ntbl > 0 && x->ntbl <= MAXDEPTH)
			for (n = x->after[x->ntbl - 1]; n > 0; n--)
				put(x, "<td></td>");
		put(x, "</tr>\n");
	} else if (strcmp(name, "tbl") == 0) {
		put(x, "</table>\n");
		if (x->ntbl > 0)
			x->ntbl--;
	}
}

static int
is_w(const xmlChar *ns)
{
	return ns != NULL && (strcmp((const char *)ns, W_NS) == 0 ||
	    strcmp((const char *)ns, W_STRICT) == 0);
}

/* parts of the tree with no text of the document in them */
static int
skipped(const char *name, const xmlChar *ns)
{
	static const char *const w[] = { "pPr", "rPr", "sectPr", "tblPr",
	    "tblGrid", "del", "moveFrom", "instrText", "delText",
	    "footnoteReference", "endnoteReference", NULL };
	size_t	 i;

	if (strcmp((const char *)ns, MC_NS) == 0)
		return strcmp(name, "Fallback") == 0;
	if (!is_w(ns))
		return 0;
	for (i = 0; w[i] != NULL; i++)
		if (strcmp(name, w[i]) == 0)
			return 1;
	return 0;
}

static void
on_error(void *arg, const char *msg, xmlParserSeverities sev,
    xmlTextReaderLocatorPtr loc)
{
	struct docx	*x = arg;
	size_t		 n;

	if (x->err[0] != '\0' || (sev != XML_PARSER_SEVERITY_ERROR &&
	    sev != XML_PARSER_SEVERITY_VALIDITY_ERROR))
		return;
	snprintf(x->err, sizeof(x->err), "word/document.xml:%d: %s",
	    xmlTextReaderLocatorLineNumber(loc), msg);
	n = strlen(x->err);
	while (n > 0 && (x->err[n - 1] == '\n' || x->err[n - 1] == ' '))
		x->err[--n] = '\0';
}

static int
zread(void *ctx, char *buf, int len)
{
	zip_int64_t	 r;

	r = zip_fread(ctx, buf, (zip_uint64_t)len);
	return r < 0 ? -1 : (int)r;
}

/* Why a zip without word/document.xml is not read. */
static const char *
not_docx(zip_t *za)
{
	if (zip_name_locate(za, "xl/workbook.xml", ZIP_FL_NOCASE) >= 0)
		return "an Excel workbook (XLSX), not a Word document";
	if (zip_name_locate(za, "ppt/presentation.xml", ZIP_FL_NOCASE) >= 0)
		return "a PowerPoint file (PPTX), not a Word document";
	if (zip_name_locate(za, "content.xml", 0) >= 0)
		return "an OpenDocument file; not read (save it as DOCX)";
	return "a ZIP archive without word/document.xml, not a DOCX";
}

static int
walk(struct docx *x)
{
	const xmlChar	*ns;
	const char	*name;
	int		 r, type, have = 0;

	for (;;) {
		if (!have && (r = xmlTextReaderRead(x->r)) != 1)
			break;
		have = 0;
		type = xmlTextReaderNodeType(x->r);
		if (type == XML_READER_TYPE_TEXT ||
		    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
		    type == XML_READER_TYPE_CDATA) {
			if (x->intext)
				text(x, (const char *)
				    xmlTextReaderConstValue(x->r));
			continue;
		}
		if (type != XML_READER_TYPE_ELEMENT &&
		    type != XML_READER_TYPE_END_ELEMENT)
			continue;
		ns = xmlTextReaderConstNamespaceUri(x->r);
		name = (const char *)xmlTextReaderConstLocalName(x->r);
		if (ns == NULL || name == NULL)
			continue;
		if (type == XML_READER_TYPE_ELEMENT && skipped(name, ns)) {
			if (xmlTextReaderIsEmptyElement(x->r))
				continue;
			/* past the subtree, onto the node after it */
			if ((r = xmlTextReaderNext(x->r)) != 1)
				break;
			have = 1;
			continue;
		}
		if (!is_w(ns))
			continue;
		if (type == XML_READER_TYPE_ELEMENT) {
			element(x, name, ns, xmlTextReaderIsEmptyElement(x->r));
			if (xmlTextReaderIsEmptyElement(x->r))
				end(x, name);
		} else
			end(x, name);
	}
	return r;
}

struct nz_docx {
	zip_t		*za;
	zip_file_t	*zf;
};

struct nz_docx *
nz_docx_open(const void *data, size_t len, char *why, size_t whysize)
{
	struct nz_docx	*d;
	zip_error_t	 ze;
	zip_source_t	*src;
	zip_t		*za;
	zip_file_t	*zf;
	zip_int64_t	 idx;

	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(data, len, 0, &ze)) == NULL ||
	    (za = zip_open_from_source(src, ZIP_RDONLY, &ze)) == NULL) {
		snprintf(why, whysize, "not a readable ZIP archive (DOCX): %s",
		    zip_error_strerror(&ze));
		if (src != NULL)
			zip_source_free(src);
		zip_error_fini(&ze);
		return NULL;
	}
	zip_error_fini(&ze);
	if ((idx = zip_name_locate(za, "word/document.xml",
	    ZIP_FL_NOCASE)) < 0) {
		snprintf(why, whysize, "%s", not_docx(za));
		zip_discard(za);
		return NULL;
	}
	if ((zf = zip_fopen_index(za, (zip_uint64_t)idx, 0)) == NULL) {
		snprintf(why, whysize, "word/document.xml: %s",
		    zip_strerror(za));
		zip_discard(za);
		return NULL;
	}
	d = gip_xmalloc(sizeof(*d));
	d->za = za;
	d->zf = zf;
	return d;
}

int
nz_docx_run(struct nz_docx *d, struct nz_html *h, char *why, size_t whysize)
{
	struct docx	 x;
	int		 r;

	memset(&x, 0, sizeof(x));
	x.h = h;
	x.r = xmlReaderForIO(zread, NULL, d->zf, "word/document.xml", NULL,
	    XML_PARSE_NONET | XML_PARSE_COMPACT);
	if (x.r == NULL) {
		snprintf(why, whysize, "word/document.xml: cannot read");
		return -1;
	}
	xmlTextReaderSetErrorHandler(x.r, on_error, &x);
	r = walk(&x);
	flush(&x);
	gip_buf_free(&x.b);
	xmlFreeTextReader(x.r);
	if (r != 0) {
		snprintf(why, whysize, "%s", x.err[0] != '\0' ? x.err :
		    "word/document.xml: malformed XML");
		return -1;
	}
	return 0;
}

void
nz_docx_close(struct nz_docx *d)
{
	if (d == NULL)
		return;
	zip_fclose(d->zf);
	zip_discard(d->za);
	free(d);
}
