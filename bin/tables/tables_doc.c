/*
 * tables_doc.c: the status records of a document (table "doc"), so
 * that no report that went in vanishes from the output: which standard
 * tables were found (or why none: no table, image tables, excerpt), how
 * many cells were read, how many prose facts, and where the template
 * came from.  They are written after the cells and the facts, in the
 * same eleven fields (see gip(7)).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gip.h"
#include "tables.h"

enum { D_TABLES, D_CELLS, D_FACTS, D_TEMPLATE, D_MAX };

/* The records in the order of gip_doc_keys (lib/schema.c). */
_Static_assert(D_MAX == GIP_NDOC, "the records of gip_doc_keys");

/* Headings of sections 二, 三 and 四 as the templates word them. */
static const char *const table_heads[] = {
	"主动公开政府信息情况", "收到和处理政府信息公开申请情况",
	"行政复议、行政诉讼情况", "行政复议和行政诉讼情况", NULL
};

/* Traces of tables that were pictures: links, alt texts, captions. */
static const char *const image_marks[] = {
	".jpg", ".jpeg", ".png", ".gif", ".JPG", ".PNG", "[图片]", "<img",
	"（图片）", NULL
};

/*
 * Is there room for one more line of n bytes (TB_MAXDOC)?  The first
 * line that does not fit ends what is read of the document: one
 * warning, and the rest skipped.
 */
int
tb_doc_room(struct tb_doc *d, size_t n, unsigned long src)
{
	if (d->cut)
		return 0;
	if (n < TB_MAXDOC && d->text.len + d->nline + n + 1 <= TB_MAXDOC)
		return 1;
	d->cut = 1;
	gip_diag(strcmp(d->name, "-") == 0 ? "<stdin>" : d->name, src,
	    GIP_WARNING, "document longer than %zu MiB: its tables and "
	    "facts read from the text before this line", TB_MAXDOC >> 20);
	return 0;
}

static int
text_has(const struct tb_doc *d, const char *const *w)
{
	size_t	 k;

	for (k = 0; w[k] != NULL; k++)
		if (d->text.len > 0 && tb_search(d->text.p, d->text.len, w[k],
		    strlen(w[k])) != NULL)
			return 1;
	return 0;
}

/* The last text line ends a sentence or a signature block. */
static int
ends_whole(const struct tb_doc *d)
{
	static const char *const ends[] = { "。", "日", "）", ")", NULL };
	const struct tb_line *l;
	size_t		 li, k, n;

	for (li = d->nline; li > 0; li--) {
		l = &d->lines[li - 1];
		for (n = l->len; n > 0 && (d->text.p[l->off + n - 1] == ' ' ||
		    d->text.p[l->off + n - 1] == '\t'); n--)
			;
		if (n == 0)
			continue;
		for (k = 0; ends[k] != NULL; k++)
			if (n >= strlen(ends[k]) && memcmp(d->text.p + l->off + n -
			    strlen(ends[k]), ends[k], strlen(ends[k])) == 0)
				return 1;
		return 0;
	}
	return 0;
}

/*
 * Why no table was found.  "excerpt": the text never reaches the
 * sections of the tables (二, 三, 四 by sec frames, or by their
 * headings in plain text) and is short (under 4 KiB) or stops mid-sentence;
 * "image tables": it reaches them but they hold no table,
 * and either the text shows traces of images or the sections are
 * bare (at most a few short lines, as when the tables were pictures);
 * otherwise "no table".
 */
static const char *
why_none(const struct tb_doc *d)
{
	size_t	 li, lines = 0, chars = 0;
	int	 heads = 0, framed = 0;

	for (li = 0; li < d->nline; li++) {
		framed |= d->lines[li].sec >= 0;
		if (d->lines[li].sec < 2 || d->lines[li].sec > 4)
			continue;
		heads = 1;
		if (d->lines[li].len > 0) {
			lines++;
			chars += d->lines[li].len;
		}
	}
	/* sec frames, when there are, know the headings from a mention */
	if (!heads && (framed || !text_has(d, table_heads)) &&
	    (d->text.len < 4096 ||
	    !ends_whole(d)))
		return "excerpt";
	if (text_has(d, image_marks) || (heads && lines <= 6 &&
	    chars <= 600))
		return "image tables";
	return "no table";
}

static void
add(struct tb_doc *d, int k, int st, const char *val, const char *raw)
{
	static const char *keys[D_MAX];
	struct tb_rec	 rec;

	tb_rec_init(&rec, "doc", gip_doc_keys[k][0], gip_doc_keys[k][1],
	    &keys[k]);
	rec.status = st;
	rec.voff = d->vals.len;
	gip_buf_adds(&d->vals, val);
	rec.vlen = d->vals.len - rec.voff;
	rec.roff = d->msg.len;
	gip_buf_adds(&d->msg, raw);
	rec.rlen = d->msg.len - rec.roff;
	rec.rbuf = TBR_MSG;
	tb_rec_add(d, &rec);
}

/*
 * The template a report on year y follows when no table shows it: the
 * 2021 template from reports on 2021, 2019 for 2019 and 2020, none
 * before (the 2008 条例's free form).
 */
static const char *
tmpl_of_year(const char *year)
{
	const char	*errstr;
	long long	 y;

	if (year == NULL)
		return NULL;
	y = gip_strtonum(year, 1000, 9999, &errstr);
	if (errstr != NULL)
		return NULL;
	return y >= 2021 ? "2021" : y >= 2019 ? "2019" : "pre2019";
}

void
tb_doc_status(struct tb_doc *d)
{
	static const char *const tabs[] = { "t2", "t3", "t4" };
	char		 num[32];
	const char	*basis;
	unsigned	 found = 0;
	size_t		 i, cells = 0, facts = 0, nrec = d->nrec;
	int		 t, ntab = 0;

	for (i = 0; i < nrec; i++) {
		const struct tb_rec *r = &d->recs[i];

		if (strcmp(r->table, "narr") == 0) {
			facts += r->line > 0;
			continue;
		}
		for (t = 0; t < 3; t++)
			if (strcmp(r->table, tabs[t]) == 0)
				found |= 1u << t;
		cells += r->status != TBS_MISSING;
	}
	/* the template: from the tables, else the meta frame, else the year */
	if (found != 0)
		basis = "tables";
	else if (d->tmplname != NULL && strcmp(d->tmplname, "unknown") != 0)
		basis = d->tbasis != NULL ? d->tbasis : "meta";
	else if ((d->tmplname = tmpl_of_year(d->year)) != NULL)
		basis = "year";
	else
		basis = "none";
	gip_buf_reset(&d->tmp);
	for (t = 0; t < 3; t++)
		if (found & (1u << t)) {
			if (ntab++ > 0)
				gip_buf_addc(&d->tmp, ' ');
			gip_buf_adds(&d->tmp, tabs[t]);
		}
	snprintf(num, sizeof(num), "%d", ntab);
	add(d, D_TABLES, TBS_NUM, num, ntab > 0 ? d->tmp.p : why_none(d));
	snprintf(num, sizeof(num), "%zu", cells);
	add(d, D_CELLS, TBS_NUM, num, "");
	snprintf(num, sizeof(num), "%zu", facts);
	add(d, D_FACTS, TBS_NUM, num, "");
	add(d, D_TEMPLATE, TBS_TEXT, "", basis);
}
