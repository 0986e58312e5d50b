/*
 * tables_out.c: the three output forms of gip-tables: records (TSV),
 * one JSON object per document, and one wide TSV line per document.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "gip.h"
#include "tables.h"

const char *const tb_status_names[] = {
	"num", "blank", "na", "text", "missing", "year", "date"
};

void
tb_rec_add(struct tb_doc *d, const struct tb_rec *r)
{
	if (d->nrec == d->caprec) {
		d->caprec = d->caprec ? d->caprec * 2 : 256;
		d->recs = gip_xreallocarray(d->recs, d->caprec,
		    sizeof(*d->recs));
	}
	d->recs[d->nrec++] = *r;
}

/* Keep a message in the document; returns its offset in d->msg. */
size_t
tb_msg(struct tb_doc *d, const char *fmt, ...)
{
	va_list	 ap;
	size_t	 off = d->msg.len;

	va_start(ap, fmt);
	gip_buf_vprintf(&d->msg, fmt, ap);
	va_end(ap);
	return off;
}

/*
 * The three key columns of a record as one string; callers make it
 * once per cell and keep it for the life of the process.
 */
const char *
tb_keys(const char *table, const char *row, const char *col)
{
	struct gip_buf	 b = { NULL, 0, 0 };

	gip_buf_addc(&b, '\t');
	gip_buf_adds(&b, table);
	gip_buf_addc(&b, '\t');
	gip_buf_adds(&b, row);
	gip_buf_addc(&b, '\t');
	gip_buf_adds(&b, col);
	return b.p;
}

/*
 * A record of table.row.col, all else zero; *keys caches its key
 * string (made on first use).
 */
void
tb_rec_init(struct tb_rec *rec, const char *table, const char *row,
    const char *col, const char **keys)
{
	memset(rec, 0, sizeof(*rec));
	rec->table = table;
	rec->row = row;
	rec->col = col;
	if (*keys == NULL)
		*keys = tb_keys(table, row, col);
	rec->keys = *keys;
}

static const char *
raw_of(const struct tb_doc *d, const struct tb_rec *r)
{
	return (r->rbuf == TBR_MSG ? d->msg.p : d->text.p) + r->roff;
}

static void
field_opt(struct gip_out *o, const char *s)
{
	gip_tsv_fields(o, s == NULL ? "" : s);
}

/* --labels: the template's wording beside the keys (lib/schema.c) */
int tb_labels;

static const char *
row_label(const struct gip_cell *s)
{
	return s == NULL ? "" : s->row_label;
}

static const char *
col_label(const struct gip_cell *s)
{
	return s == NULL ? "" : s->col_label;
}

void
tb_out_header(struct gip_out *o)
{
	int	 i;

	if (!tb_labels) {
		gip_record_write_header(o);
		return;
	}
	for (i = 0; i < GIP_RECORD_NCOL; i++)
		gip_tsv_fields(o, gip_record_columns[i]);
	gip_tsv_fields(o, "row_label");
	gip_tsv_fields(o, "col_label");
	gip_tsv_end_row(o);
}

static void
add_key(struct gip_buf *b, const char *s)
{
	size_t	 n = strlen(s);

	gip_buf_grow(b, n + 1);
	b->p[b->len] = '\t';
	memcpy(b->p + b->len + 1, s, n);
	b->len += n + 1;
	b->p[b->len] = '\0';
}


/*
 * Each record is put together in one buffer and written at once; the
 * four document columns are escaped once per document.
 */
void
tb_out_tsv(struct gip_out *o, const struct tb_doc *d)
{
	static struct gip_out pre;	/* only its buffer is used */
	static struct gip_buf line;
	const struct tb_rec *r;
	const struct gip_cell *s;
	char		 num[24];
	size_t		 i, k;
	unsigned long	 v;

	if (d->nrec == 0)
		return;
	gip_buf_reset(&pre.buf);
	pre.nfield = 0;
	gip_tsv_fields(&pre, d->name);
	field_opt(&pre, d->agency);
	field_opt(&pre, d->year);
	field_opt(&pre, d->tmplname);
	for (i = 0; i < d->nrec; i++) {
		r = &d->recs[i];
		gip_buf_reset(&line);
		gip_buf_add(&line, pre.buf.p, pre.buf.len);
		if (r->keys != NULL)
			gip_buf_adds(&line, r->keys);
		else {
			add_key(&line, r->table);
			add_key(&line, r->row);
			add_key(&line, r->col);
		}
		gip_buf_addc(&line, '\t');
		gip_buf_add(&line, d->vals.p == NULL ? "" : d->vals.p + r->voff,
		    r->vlen);
		add_key(&line, tb_status_names[r->status]);
		gip_buf_addc(&line, '\t');
		gip_tsv_escape(&line, raw_of(d, r), r->rlen);
		gip_buf_addc(&line, '\t');
		for (k = sizeof(num), v = r->line; v > 0 && k > 0; v /= 10)
			num[--k] = (char)('0' + v % 10);
		gip_buf_add(&line, num + k, sizeof(num) - k);
		if (tb_labels) {
			s = gip_schema_labels(d->tmplname, r->table, r->row,
			    r->col);
			gip_buf_addc(&line, '\t');
			gip_tsv_escape(&line, row_label(s),
			    strlen(row_label(s)));
			gip_buf_addc(&line, '\t');
			gip_tsv_escape(&line, col_label(s),
			    strlen(col_label(s)));
		}
		gip_out_write(o, line.p, line.len);
		gip_out_endline(o);
	}
}

static void
json_opt(struct gip_out *o, const char *s)
{
	if (s == NULL || *s == '\0')
		gip_out_puts(o, "null");
	else
		gip_json_strs(o, s);
}

/*
 * Records come grouped by table, then row (schema order), so the
 * nesting is written as they come.
 */
void
tb_out_json(struct gip_out *o, const struct tb_doc *d)
{
	const struct tb_rec *r, *p = NULL;
	const struct gip_cell *s;
	size_t		 i;

	gip_out_puts(o, "{\"doc\":");
	gip_json_strs(o, d->name);
	gip_out_puts(o, ",\"agency\":");
	json_opt(o, d->agency);
	gip_out_puts(o, ",\"year\":");
	json_opt(o, d->year);
	gip_out_puts(o, ",\"template\":");
	json_opt(o, d->tmplname);
	gip_out_puts(o, ",\"tables\":{");
	for (i = 0; i < d->nrec; i++, p = r) {
		r = &d->recs[i];
		if (p == NULL || strcmp(p->table, r->table) != 0) {
			if (p != NULL)
				gip_out_puts(o, "}},");
			gip_json_strs(o, r->table);
			gip_out_puts(o, ":{");
			gip_json_strs(o, r->row);
			gip_out_puts(o, ":{");
		} else if (strcmp(p->row, r->row) != 0) {
			gip_out_puts(o, "},");
			gip_json_strs(o, r->row);
			gip_out_puts(o, ":{");
		} else
			gip_out_putc(o, ',');
		gip_json_strs(o, r->col);
		gip_out_puts(o, ":{\"value\":");
		if (r->status == TBS_NUM || r->status == TBS_YEAR)
			gip_out_write(o, d->vals.p + r->voff, r->vlen);
		else
			gip_out_puts(o, "null");
		gip_out_puts(o, ",\"status\":");
		gip_json_strs(o, tb_status_names[r->status]);
		gip_out_puts(o, ",\"raw\":");
		gip_json_str(o, raw_of(d, r), r->rlen);
		gip_out_puts(o, ",\"line\":");
		if (r->line > 0)
			gip_out_printf(o, "%lu", r->line);
		else
			gip_out_puts(o, "null");
		if (tb_labels) {
			s = gip_schema_labels(d->tmplname, r->table, r->row,
			    r->col);
			gip_out_puts(o, ",\"row_label\":");
			json_opt(o, row_label(s));
			gip_out_puts(o, ",\"col_label\":");
			json_opt(o, col_label(s));
		}
		gip_out_putc(o, '}');
	}
	if (p != NULL)
		gip_out_puts(o, "}}");
	gip_out_puts(o, "}}");
	gip_out_endline(o);
}

/*
 * The wide columns: every schema cell once, then the narrative facts,
 * then the document's status.
 */
struct widecol {
	const char	*table, *row, *col;
};

static struct widecol *wcols;
static size_t nwcol;

static void
wide_init(void)
{
	const struct gip_cell *s;
	size_t		 n, i, j;

	if (wcols != NULL)
		return;
	s = gip_schema(&n);
	wcols = gip_xreallocarray(NULL, n + GIP_NNARR + GIP_NDOC,
	    sizeof(*wcols));
	for (i = 0; i < n; i++) {
		for (j = 0; j < nwcol; j++)
			if (strcmp(wcols[j].table, s[i].table) == 0 &&
			    strcmp(wcols[j].row, s[i].row) == 0 &&
			    strcmp(wcols[j].col, s[i].col) == 0)
				break;
		if (j < nwcol)
			continue;
		wcols[nwcol].table = s[i].table;
		wcols[nwcol].row = s[i].row;
		wcols[nwcol].col = s[i].col;
		nwcol++;
	}
	for (i = 0; i < GIP_NNARR; i++) {
		wcols[nwcol].table = "narr";
		wcols[nwcol].row = gip_narr_keys[i][0];
		wcols[nwcol].col = gip_narr_keys[i][1];
		nwcol++;
	}
	for (i = 0; i < GIP_NDOC; i++) {
		wcols[nwcol].table = "doc";
		wcols[nwcol].row = gip_doc_keys[i][0];
		wcols[nwcol].col = gip_doc_keys[i][1];
		nwcol++;
	}
}

void
tb_out_wide_header(struct gip_out *o)
{
	const struct gip_cell *s;
	size_t	 i;
	int	 k;

	wide_init();
	gip_tsv_fields(o, "doc");
	gip_tsv_fields(o, "agency");
	gip_tsv_fields(o, "year");
	gip_tsv_fields(o, "template");
	for (i = 0; i < nwcol; i++)
		gip_tsv_fieldf(o, "%s.%s.%s", wcols[i].table, wcols[i].row,
		    wcols[i].col);
	gip_tsv_end_row(o);
	if (!tb_labels)
		return;
	/* two more header lines: each column's row and column labels */
	for (k = 0; k < 2; k++) {
		gip_tsv_fields(o, k == 0 ? "row_label" : "col_label");
		for (i = 0; i < 3; i++)
			gip_tsv_fields(o, "");
		for (i = 0; i < nwcol; i++) {
			s = gip_schema_labels(NULL, wcols[i].table, wcols[i].row,
			    wcols[i].col);
			gip_tsv_fields(o, k == 0 ? row_label(s) : col_label(s));
		}
		gip_tsv_end_row(o);
	}
}

/*
 * A number as itself, a blank or absent cell empty, a mark or text as
 * written, a cell that could not be read as "?".
 */
void
tb_out_wide(struct gip_out *o, const struct tb_doc *d)
{
	const struct tb_rec *r;
	size_t		 i, j, k = 0;

	wide_init();
	gip_tsv_fields(o, d->name);
	field_opt(o, d->agency);
	field_opt(o, d->year);
	field_opt(o, d->tmplname);
	for (i = 0; i < nwcol; i++) {
		r = NULL;
		/* records are in column order; look ahead from the last hit */
		for (j = 0; j < d->nrec; j++) {
			const struct tb_rec *q = &d->recs[(k + j) % d->nrec];

			if (strcmp(q->table, wcols[i].table) == 0 &&
			    strcmp(q->row, wcols[i].row) == 0 &&
			    strcmp(q->col, wcols[i].col) == 0) {
				r = q;
				k = (k + j + 1) % d->nrec;
				break;
			}
		}
		if (r == NULL || r->status == TBS_BLANK)
			gip_tsv_field(o, "", 0);
		else if (r->status == TBS_NUM || r->status == TBS_YEAR)
			gip_tsv_field(o, d->vals.p + r->voff, r->vlen);
		else if (r->status == TBS_MISSING)
			gip_tsv_field(o, "?", 1);
		else
			gip_tsv_field(o, raw_of(d, r), r->rlen);
	}
	gip_tsv_end_row(o);
}
