/*
 * stream.c: the framed text stream of gip(7).  Reading hides the "doc"
 * and "line" frames behind GIP_ITEM_DOC and s->line; writing keeps a
 * text line's source line number with the fewest frames.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "gip.h"

void
gip_stream_init(struct gip_stream *s, struct gip_reader *rd)
{
	memset(s, 0, sizeof(*s));
	s->rd = rd;
	s->next_line = 1;
}

void
gip_stream_free(struct gip_stream *s)
{
	free(s->docname);
	s->docname = NULL;
}

static void
new_doc(struct gip_stream *s, const char *name)
{
	free(s->docname);
	s->docname = gip_xstrdup(name);
	s->started = 1;
	s->next_line = 1;
	s->line = 0;
}

static int
text_item(struct gip_stream *s)
{
	s->text = s->rd->buf;
	s->textlen = s->rd->len;
	s->line = s->next_line++;
	return GIP_ITEM_TEXT;
}

/* A gip stream starts with a doc frame: RS "doc", then TAB or the end. */
static int
is_doc_frame(const struct gip_reader *rd)
{
	return rd->len >= 4 && memcmp(rd->buf, "\036doc", 4) == 0 &&
	    (rd->len == 4 || rd->buf[4] == '\t');
}

/*
 * A line of a plain file that begins with the frame byte: drop the
 * leading RS bytes, as gip-normalize drops control characters, so that
 * a file cannot name itself another document or forge its metadata,
 * nor pass a frame on to the next tool.  Said once per input.
 */
static void
unframe(struct gip_stream *s)
{
	struct gip_reader *rd = s->rd;
	size_t		 i;

	for (i = 0; i < rd->len && rd->buf[i] == GIP_FRAME_MARK; i++)
		;
	memmove(rd->buf, rd->buf + i, rd->len - i + 1);
	rd->len -= i;
	if (!s->unframed)
		gip_diag(gip_reader_display(rd), rd->lineno, GIP_WARNING,
		    "frame byte 0x1E in a file that is not a gip stream "
		    "(it does not start with a doc frame): taken as text, "
		    "the byte removed");
	s->unframed = 1;
}

int
gip_stream_next(struct gip_stream *s)
{
	struct gip_reader *rd = s->rd;
	const char	*errstr;
	long long	 n;
	int		 r, nf;

	if (s->pending) {
		s->pending = 0;
		if (rd->len > 0 && rd->buf[0] == GIP_FRAME_MARK) {
			s->line = s->next_line;
			return GIP_ITEM_FRAME;
		}
		return text_item(s);
	}
	for (;;) {
		if ((r = gip_reader_next(rd)) < 0) {
			gip_diag(gip_reader_display(rd), rd->lineno + 1,
			    GIP_ERROR, "read error: %s", strerror(errno));
			return -1;
		}
		if (r == 0)
			return GIP_ITEM_END;
		if (s->kind == GIP_STREAM_UNKNOWN)
			s->kind = is_doc_frame(rd) ? GIP_STREAM_FRAMED :
			    GIP_STREAM_PLAIN;
		if (s->kind == GIP_STREAM_PLAIN && rd->len > 0 &&
		    rd->buf[0] == GIP_FRAME_MARK)
			unframe(s);
		if (rd->len == 0 || rd->buf[0] != GIP_FRAME_MARK) {
			if (!s->started) {
				/* Plain text: one document named after the file. */
				new_doc(s, rd->name);
				s->pending = 1;
				return GIP_ITEM_DOC;
			}
			return text_item(s);
		}
		nf = gip_tsv_split(rd->buf + 1, rd->len - 1, s->fields,
		    s->lens, GIP_MAXFIELDS);
		s->nfield = nf > GIP_MAXFIELDS ? GIP_MAXFIELDS : nf;
		if (strcmp(s->fields[0], "doc") == 0) {
			new_doc(s, nf > 1 ? s->fields[1] : "");
			return GIP_ITEM_DOC;
		}
		if (strcmp(s->fields[0], "line") == 0) {
			if (nf > 1) {
				n = gip_strtonum(s->fields[1], 1, LLONG_MAX,
				    &errstr);
				if (errstr == NULL)
					s->next_line = (unsigned long)n;
			}
			continue;
		}
		if (!s->started) {
			new_doc(s, rd->name);
			s->pending = 1;
			return GIP_ITEM_DOC;
		}
		s->line = s->next_line;
		return GIP_ITEM_FRAME;
	}
}

void
gip_frame_begin(struct gip_out *o, const char *keyword)
{
	gip_out_putc(o, GIP_FRAME_MARK);
	gip_out_puts(o, keyword);
	o->nfield = 1;
}

void
gip_frame_doc(struct gip_out *o, const char *name)
{
	gip_frame_begin(o, "doc");
	gip_tsv_fields(o, name);
	gip_tsv_end_row(o);
}

void
gip_frame_line(struct gip_out *o, unsigned long line)
{
	char	 num[24];
	size_t	 k = sizeof(num);

	/* the digits by hand: a frame a few lines, printf cost more */
	do
		num[--k] = (char)('0' + line % 10);
	while ((line /= 10) > 0);
	gip_frame_begin(o, "line");
	gip_tsv_field(o, num + k, sizeof(num) - k);
	gip_tsv_end_row(o);
}

void
gip_frame_text(struct gip_out *o, unsigned long *next, unsigned long line,
    const char *p, size_t n)
{
	if (line != *next)
		gip_frame_line(o, line);
	gip_out_write(o, p, n);
	gip_out_endline(o);
	*next = line + 1;
}
