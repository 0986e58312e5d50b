/*
 * normalize_docx.c: Word documents (DOCX, and WPS documents saved as
 * DOCX).  libzip finds word/document.xml in the archive and expat
 * parses it as it is inflated; the body is handed to the HTML converter
 * as the HTML it means (<p>, <table>, <tr>, <td colspan=n>), so that a
 * Word table comes out in the very rows and cells an HTML table does:
 * w:gridSpan is a colspan, a w:vMerge continuation is the empty cell a
 * rowspan leaves, w:gridBefore and w:gridAfter are empty cells.  Only
 * the body is read: page headers and footers (page numbers) are other
 * parts, as are footnotes and comments.  Deleted and moved-away text
 * and the fallback copy of text boxes (mc:Fallback) are skipped, and so
 * are field codes (w:instrText; their results are text).
 *
 * Why expat and not libxml2's reader (both do the job): libxml2 brings
 * ICU and libstdc++, which cost every run of gip-normalize 1.1 ms of
 * dynamic linking (measured: 0.82 ms to start an empty program, 1.94
 * with libxml2, 0.86 with expat), doubling the start-up of the tool on
 * the plain text files that are most of its work.  (libzip's own cost,
 * 0.7 ms of relocations for its libcrypto, is paid only by runs that
 * meet a DOCX: libzip is loaded then, with dlopen(3), not at start-up.)
 *
 * A source "line" of a DOCX is its paragraph or table row: one line
 * break is written to the converter after each top-level paragraph and
 * each row.
 */
#include <stdlib.h>
#include <string.h>

#include <dlfcn.h>
#include <expat.h>
#include <zip.h>

#include "gip.h"
#include "normalize.h"

/* expat joins a name to its namespace with this: "URI\001local" */
#define NSSEP	'\001'
#define W_NS	"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define MC_NS	"http://schemas.openxmlformats.org/markup-compatibility/2006"
#define READCAP	(64 * 1024)

/* the libzip of the headers we are built with (Debian: libzip4) */
#if LIBZIP_VERSION_MAJOR != 1
#error "libzip 1.x expected: set NZ_LIBZIP to its soname"
#endif
#ifndef NZ_LIBZIP
#define NZ_LIBZIP	"libzip.so.4"
#endif

/* libzip's functions, found at the first DOCX */
static struct {
	void		*dl;
	void		(*error_init)(zip_error_t *);
	void		(*error_fini)(zip_error_t *);
	const char	*(*error_strerror)(zip_error_t *);
	zip_source_t	*(*source_buffer_create)(const void *, zip_uint64_t,
			    int, zip_error_t *);
	void		(*source_free)(zip_source_t *);
	zip_t		*(*open_from_source)(zip_source_t *, int,
			    zip_error_t *);
	zip_int64_t	(*name_locate)(zip_t *, const char *, zip_flags_t);
	zip_file_t	*(*fopen_index)(zip_t *, zip_uint64_t, zip_flags_t);
	const char	*(*strerror)(zip_t *);
	zip_int64_t	(*fread)(zip_file_t *, void *, zip_uint64_t);
	const char	*(*file_strerror)(zip_file_t *);
	int		(*fclose)(zip_file_t *);
	void		(*discard)(zip_t *);
} zl;
#define FLUSHAT	(32 * 1024)
#define MAXDEPTH 64		/* tables deeper than this lose w:gridAfter */
#define MAXSPAN	1000		/* as HTML's colspan */

struct docx {
	XML_Parser	 p;
	struct nz_html	*h;
	struct gip_buf	 b;		/* HTML waiting for the converter */
	int		 intext;	/* inside w:t */
	int		 ntbl;		/* tables open */
	unsigned	 after[MAXDEPTH];	/* w:gridAfter of each open row */
	int		 td;		/* a <td> waits for its w:gridSpan */
	unsigned	 span;
	unsigned long	 skip;		/* depth inside a skipped element */
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

/* Text of w:t, escaped for the HTML converter. */
static void
text(void *arg, const XML_Char *p, int len)
{
	struct docx	*x = arg;
	size_t		 i, n = len > 0 ? (size_t)len : 0;

	if (!x->intext || x->skip > 0)
		return;
	put(x, "");
	for (i = 0; i < n; i++)
		if (p[i] == '&')
			gip_buf_adds(&x->b, "&amp;");
		else if (p[i] == '<')
			gip_buf_adds(&x->b, "&lt;");
		else
			gip_buf_addc(&x->b, p[i]);
	if (x->b.len >= FLUSHAT)
		flush(x);
}

/* w:val of an element, as a count (1 when absent or bad) */
static unsigned
val(const XML_Char **atts)
{
	long long	 n;
	const char	*e, *a;

	for (; atts[0] != NULL; atts += 2) {
		a = strchr(atts[0], NSSEP);
		if (strcmp(a != NULL ? a + 1 : atts[0], "val") != 0)
			continue;
		n = gip_strtonum(atts[1], 0, MAXSPAN, &e);
		return e != NULL ? 1 : (unsigned)n;
	}
	return 1;
}

static void
element(struct docx *x, const char *name, const XML_Char **atts)
{
	unsigned	 n;

	if (strcmp(name, "t") == 0)
		x->intext = 1;
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
		x->span = val(atts);
	else if (strcmp(name, "gridBefore") == 0)
		for (n = val(atts); n > 0; n--)
			put(x, "<td></td>");
	else if (strcmp(name, "gridAfter") == 0 && x->ntbl > 0 &&
	    x->ntbl <= MAXDEPTH)
		x->after[x->ntbl - 1] = val(atts);
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

/* namespace and local name of an expat name */
static const char *
split(const XML_Char *name, size_t *nslen)
{
	const char	*sep = strchr(name, NSSEP);

	if (sep == NULL) {
		*nslen = 0;
		return name;
	}
	*nslen = (size_t)(sep - name);
	return sep + 1;
}

static int
ns_is(const char *ns, size_t n, const char *uri)
{
	return n == strlen(uri) && memcmp(ns, uri, n) == 0;
}

static int
is_w(const char *ns, size_t n)
{
	return ns_is(ns, n, W_NS) || ns_is(ns, n, W_STRICT);
}

/* parts of the tree with no text of the document in them */
static int
skipped(const char *name, const char *ns, size_t n)
{
	static const char *const w[] = { "pPr", "rPr", "sectPr", "tblPr",
	    "tblGrid", "del", "moveFrom", "instrText", "delText",
	    "footnoteReference", "endnoteReference", NULL };
	size_t	 i;

	if (ns_is(ns, n, MC_NS))
		return strcmp(name, "Fallback") == 0;
	if (!is_w(ns, n))
		return 0;
	for (i = 0; w[i] != NULL; i++)
		if (strcmp(name, w[i]) == 0)
			return 1;
	return 0;
}

static void
on_start(void *arg, const XML_Char *qname, const XML_Char **atts)
{
	struct docx	*x = arg;
	const char	*name;
	size_t		 n;

	if (x->skip > 0) {
		x->skip++;
		return;
	}
	name = split(qname, &n);
	if (skipped(name, qname, n))
		x->skip = 1;
	else if (is_w(qname, n))
		element(x, name, atts);
}

static void
on_end(void *arg, const XML_Char *qname)
{
	struct docx	*x = arg;
	const char	*name;
	size_t		 n;

	if (x->skip > 0) {
		x->skip--;
		return;
	}
	name = split(qname, &n);
	if (is_w(qname, n))
		end(x, name);
}

/*
 * Load libzip once; -1 with the reason in why when it is not there.
 * (A function pointer is stored through a void ** as POSIX's dlsym
 * page shows, since ISO C has no cast between the two kinds.)
 */
static int
zl_load(char *why, size_t whysize)
{
	static const struct {
		const char	*name;
		void		*slot;
	} fn[] = {
		{ "zip_error_init", &zl.error_init },
		{ "zip_error_fini", &zl.error_fini },
		{ "zip_error_strerror", &zl.error_strerror },
		{ "zip_source_buffer_create", &zl.source_buffer_create },
		{ "zip_source_free", &zl.source_free },
		{ "zip_open_from_source", &zl.open_from_source },
		{ "zip_name_locate", &zl.name_locate },
		{ "zip_fopen_index", &zl.fopen_index },
		{ "zip_strerror", &zl.strerror },
		{ "zip_fread", &zl.fread },
		{ "zip_file_strerror", &zl.file_strerror },
		{ "zip_fclose", &zl.fclose },
		{ "zip_discard", &zl.discard },
	};
	size_t	 i;
	void	*dl;

	if (zl.dl != NULL)
		return 0;
	if ((dl = dlopen(NZ_LIBZIP, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		snprintf(why, whysize, "DOCX: needs libzip, which is not "
		    "installed (Debian: apt-get install libzip4): %s",
		    dlerror());
		return -1;
	}
	for (i = 0; i < sizeof(fn) / sizeof(fn[0]); i++)
		if ((*(void **)fn[i].slot = dlsym(dl, fn[i].name)) == NULL) {
			snprintf(why, whysize, "DOCX: %s: no %s", NZ_LIBZIP,
			    fn[i].name);
			dlclose(dl);
			return -1;
		}
	zl.dl = dl;
	return 0;
}

/* Why a zip without word/document.xml is not read. */
static const char *
not_docx(zip_t *za)
{
	if (zl.name_locate(za, "xl/workbook.xml", ZIP_FL_NOCASE) >= 0)
		return "an Excel workbook (XLSX), not a Word document";
	if (zl.name_locate(za, "ppt/presentation.xml", ZIP_FL_NOCASE) >= 0)
		return "a PowerPoint file (PPTX), not a Word document";
	if (zl.name_locate(za, "content.xml", 0) >= 0)
		return "an OpenDocument file; not read (save it as DOCX)";
	return "a ZIP archive without word/document.xml, not a DOCX";
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

	if (zl_load(why, whysize) == -1)
		return NULL;
	zl.error_init(&ze);
	if ((src = zl.source_buffer_create(data, len, 0, &ze)) == NULL ||
	    (za = zl.open_from_source(src, ZIP_RDONLY, &ze)) == NULL) {
		snprintf(why, whysize, "not a readable ZIP archive (DOCX): %s",
		    zl.error_strerror(&ze));
		if (src != NULL)
			zl.source_free(src);
		zl.error_fini(&ze);
		return NULL;
	}
	zl.error_fini(&ze);
	if ((idx = zl.name_locate(za, "word/document.xml",
	    ZIP_FL_NOCASE)) < 0) {
		snprintf(why, whysize, "%s", not_docx(za));
		zl.discard(za);
		return NULL;
	}
	if ((zf = zl.fopen_index(za, (zip_uint64_t)idx, 0)) == NULL) {
		snprintf(why, whysize, "word/document.xml: %s",
		    zl.strerror(za));
		zl.discard(za);
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
	zip_int64_t	 r;
	char		*buf;
	int		 rv = 0;

	memset(&x, 0, sizeof(x));
	x.h = h;
	/* no external entities are read: expat's default */
	if ((x.p = XML_ParserCreateNS("UTF-8", NSSEP)) == NULL)
		gip_errx(GIP_EXIT_TROUBLE, "out of memory");
	XML_SetUserData(x.p, &x);
	XML_SetElementHandler(x.p, on_start, on_end);
	XML_SetCharacterDataHandler(x.p, text);
	buf = gip_xmalloc(READCAP);
	do {
		if ((r = zl.fread(d->zf, buf, READCAP)) < 0) {
			snprintf(why, whysize, "word/document.xml: %s",
			    zl.file_strerror(d->zf));
			rv = -1;
			break;
		}
		if (XML_Parse(x.p, buf, (int)r, r == 0) == XML_STATUS_ERROR) {
			snprintf(why, whysize, "word/document.xml:%lu: %s",
			    (unsigned long)XML_GetCurrentLineNumber(x.p),
			    XML_ErrorString(XML_GetErrorCode(x.p)));
			rv = -1;
			break;
		}
	} while (r > 0);
	flush(&x);
	free(buf);
	gip_buf_free(&x.b);
	XML_ParserFree(x.p);
	return rv;
}

void
nz_docx_close(struct nz_docx *d)
{
	if (d == NULL)
		return;
	zl.fclose(d->zf);
	zl.discard(d->za);
	free(d);
}
