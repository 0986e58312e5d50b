/*
 * sections_out.c: write one analysed document in the chosen form: the
 * framed stream with meta and sec frames, the section list (TSV or JSON
 * Lines), the metadata, or one section's plain text.
 */
#define _GNU_SOURCE		/* memmem(3), in POSIX.1-2024 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "gip.h"
#include "sections.h"

static void
meta_frame(struct gip_out *o, const char *key, const char *val)
{
	if (val == NULL || *val == '\0')
		return;
	gip_frame_begin(o, "meta");
	gip_tsv_fields(o, key);
	gip_tsv_fields(o, val);
	gip_tsv_end_row(o);
}

/* The metadata as strings; empty when unknown. */
struct meta_str {
	char	 year[16], published[16], hash[20];
};

static void
meta_strings(const struct sec_meta *m, struct meta_str *s)
{
	s->year[0] = s->published[0] = '\0';
	if (m->year != 0)
		snprintf(s->year, sizeof(s->year), "%d", m->year);
	if (m->pub_y != 0)
		snprintf(s->published, sizeof(s->published), "%04d-%02d-%02d",
		    m->pub_y, m->pub_m, m->pub_d);
	snprintf(s->hash, sizeof(s->hash), "%016llx",
	    (unsigned long long)m->hash);
}

static void
write_frame(struct gip_out *o, const struct sec_doc *d, size_t li)
{
	const struct sec_line *l = &d->lines[li];
	const char	*p = d->frames.p + sec_off(d, li);
	size_t		 k, len;

	gip_out_putc(o, GIP_FRAME_MARK);
	o->nfield = 0;
	for (k = 0; k < l->len; k++) {
		memcpy(&len, p, sizeof(len));
		p += sizeof(len);
		gip_tsv_field(o, p, len);
		p += len;
	}
	gip_tsv_end_row(o);
}

static void
out_stream(struct sec_opts *op, const struct sec_doc *d)
{
	struct gip_out	*o = &op->out;
	const struct sec_line *l;
	const struct sec_head *h;
	struct meta_str	 ms;
	unsigned long	 next = 1;
	size_t		 i, k = 0;

	meta_strings(&d->meta, &ms);
	gip_frame_doc(o, d->name);
	meta_frame(o, "agency", d->meta.agency);
	meta_frame(o, "year", ms.year);
	meta_frame(o, "template", sec_tmpl_name(d->meta.tmpl));
	meta_frame(o, "template_basis", d->meta.tbasis != NULL ?
	    d->meta.tbasis : "");
	meta_frame(o, "published", ms.published);
	meta_frame(o, "hash", ms.hash);
	for (i = 0; i < d->nlines; i++) {
		l = &d->lines[i];
		if (k < d->nsec && d->sec[k].li == i) {
			h = &d->sec[k++];
			gip_frame_begin(o, "sec");
			gip_tsv_fieldf(o, "%d", h->std);
			gip_tsv_fields(o, sec_std_name(h->std));
			gip_tsv_field(o, d->heads.p + h->hoff, h->hlen);
			gip_tsv_end_row(o);
		}
		if (l->kind == SEC_FRAME)
			write_frame(o, d, i);
		else
			gip_frame_text(o, &next, sec_src(d, i), d->text.p + sec_off(d, i),
			    l->len);
	}
}

static void
out_list(struct sec_opts *op, const struct sec_doc *d)
{
	struct gip_out	*o = &op->out;
	const struct sec_head *h;
	size_t		 i;

	for (i = 0; i < d->nsec; i++) {
		h = &d->sec[i];
		if (op->json) {
			gip_out_puts(o, "{\"doc\":");
			gip_json_strs(o, d->name);
			gip_out_printf(o, ",\"std\":%d,\"name\":", h->std);
			gip_json_strs(o, sec_std_name(h->std));
			gip_out_puts(o, ",\"heading\":");
			gip_json_str(o, d->heads.p + h->hoff, h->hlen);
			gip_out_printf(o, ",\"first\":%lu,\"last\":%lu,"
			    "\"chars\":%lu}", sec_src(d, h->li),
			    sec_src(d, h->last), h->nchar);
			gip_out_endline(o);
			continue;
		}
		o->nfield = 0;
		gip_tsv_fields(o, d->name);
		gip_tsv_fieldf(o, "%d", h->std);
		gip_tsv_fields(o, sec_std_name(h->std));
		gip_tsv_field(o, d->heads.p + h->hoff, h->hlen);
		gip_tsv_fieldf(o, "%lu", sec_src(d, h->li));
		gip_tsv_fieldf(o, "%lu", sec_src(d, h->last));
		gip_tsv_fieldf(o, "%lu", h->nchar);
		gip_tsv_end_row(o);
	}
}

static void
json_or_null(struct gip_out *o, const char *s)
{
	if (*s == '\0')
		gip_out_puts(o, "null");
	else
		gip_json_strs(o, s);
}

static void
out_meta(struct sec_opts *op, const struct sec_doc *d)
{
	struct gip_out	*o = &op->out;
	struct meta_str	 ms;

	meta_strings(&d->meta, &ms);
	if (op->json) {
		gip_out_puts(o, "{\"doc\":");
		gip_json_strs(o, d->name);
		gip_out_puts(o, ",\"agency\":");
		json_or_null(o, d->meta.agency);
		gip_out_puts(o, ",\"year\":");
		json_or_null(o, ms.year);
		gip_out_puts(o, ",\"template\":");
		gip_json_strs(o, sec_tmpl_name(d->meta.tmpl));
		gip_out_puts(o, ",\"template_basis\":");
		json_or_null(o, d->meta.tbasis != NULL ? d->meta.tbasis : "");
		gip_out_puts(o, ",\"published\":");
		json_or_null(o, ms.published);
		gip_out_puts(o, ",\"hash\":");
		gip_json_strs(o, ms.hash);
		gip_out_puts(o, ",\"sections\":");
		gip_out_printf(o, "%zu}", d->nsec);
		gip_out_endline(o);
		return;
	}
	o->nfield = 0;
	gip_tsv_fields(o, d->name);
	gip_tsv_fields(o, d->meta.agency);
	gip_tsv_fields(o, ms.year);
	gip_tsv_fields(o, sec_tmpl_name(d->meta.tmpl));
	gip_tsv_fields(o, ms.published);
	gip_tsv_fields(o, ms.hash);
	gip_tsv_end_row(o);
}

static int
wanted(const struct sec_opts *op, const struct sec_doc *d,
    const struct sec_head *h)
{
	if (op->want >= 0)
		return h->std == op->want;
	return memmem(d->heads.p + h->hoff, h->hlen, op->want_name,
	    strlen(op->want_name)) != NULL;
}

static void
out_section(struct sec_opts *op, const struct sec_doc *d)
{
	struct gip_out	*o = &op->out;
	const struct sec_line *l;
	size_t		 i, j;

	for (i = 0; i < d->nsec; i++) {
		if (!wanted(op, d, &d->sec[i]))
			continue;
		for (j = d->sec[i].li; j <= d->sec[i].last; j++) {
			l = &d->lines[j];
			if (l->kind != SEC_TEXT)
				continue;
			gip_out_write(o, d->text.p + sec_off(d, j), l->len);
			gip_out_endline(o);
		}
	}
}

void
sec_output_header(struct sec_opts *op)
{
	static const char *const list_cols[] = {
		"doc", "std", "name", "heading", "first", "last", "chars"
	};
	static const char *const meta_cols[] = {
		"doc", "agency", "year", "template", "published", "hash"
	};
	const char *const *cols;
	size_t		 i, n;

	if (op->mode == 'l') {
		cols = list_cols;
		n = sizeof(list_cols) / sizeof(list_cols[0]);
	} else {
		cols = meta_cols;
		n = sizeof(meta_cols) / sizeof(meta_cols[0]);
	}
	op->out.nfield = 0;
	for (i = 0; i < n; i++)
		gip_tsv_fields(&op->out, cols[i]);
	gip_tsv_end_row(&op->out);
}

void
sec_output(struct sec_opts *op, struct sec_doc *d)
{
	switch (op->mode) {
	case 'l':
		out_list(op, d);
		break;
	case 'm':
		out_meta(op, d);
		break;
	case 's':
		out_section(op, d);
		break;
	default:
		out_stream(op, d);
		break;
	}
}
