/*
 * out.c: the output buffer.  Lines are built in place after the whole
 * lines already waiting; a write(2) never carries more than PIPE_BUF
 * bytes of whole lines, which POSIX makes atomic on a pipe, so parallel
 * writers into one pipe interleave only at line boundaries.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gip.h"

void
gip_out_init(struct gip_out *o, int fd)
{
	memset(o, 0, sizeof(*o));
	o->fd = fd;
	gip_buf_grow(&o->buf, PIPE_BUF);
}

/* A broken pipe means the reader is gone (| head): leave quietly. */
static void
write_all(struct gip_out *o, const char *p, size_t n)
{
	ssize_t	 w;

	while (n > 0) {
		w = write(o->fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EPIPE)
				exit(GIP_EXIT_TROUBLE);
			gip_err(GIP_EXIT_TROUBLE, "write error");
		}
		p += w;
		n -= (size_t)w;
	}
}

void
gip_out_write(struct gip_out *o, const void *p, size_t n)
{
	gip_buf_add(&o->buf, p, n);
}

void
gip_out_puts(struct gip_out *o, const char *s)
{
	gip_buf_add(&o->buf, s, strlen(s));
}

void
gip_out_putc(struct gip_out *o, int c)
{
	gip_buf_addc(&o->buf, c);
}

void
gip_out_printf(struct gip_out *o, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	gip_buf_vprintf(&o->buf, fmt, ap);
	va_end(ap);
}

void
gip_out_endline(struct gip_out *o)
{
	size_t	 linelen;

	gip_buf_addc(&o->buf, '\n');
	o->nfield = 0;
	if (o->buf.len <= PIPE_BUF) {
		o->lstart = o->buf.len;
		return;
	}
	/* Too much for one atomic write: send the earlier lines first. */
	if (o->lstart > 0) {
		write_all(o, o->buf.p, o->lstart);
		linelen = o->buf.len - o->lstart;
		memmove(o->buf.p, o->buf.p + o->lstart, linelen);
		o->buf.len = linelen;
	}
	/* A single line over PIPE_BUF cannot be atomic; write it alone. */
	if (o->buf.len > PIPE_BUF) {
		write_all(o, o->buf.p, o->buf.len);
		o->buf.len = 0;
	}
	o->lstart = o->buf.len;
}

void
gip_out_flush(struct gip_out *o)
{
	if (o->buf.len > 0)
		write_all(o, o->buf.p, o->buf.len);
	o->buf.len = 0;
	o->lstart = 0;
}

int
gip_out_close(struct gip_out *o)
{
	gip_out_flush(o);
	gip_buf_free(&o->buf);
	if (close(o->fd) == -1 && errno != EBADF && errno != EINTR) {
		gip_warn("write error");
		return -1;
	}
	return 0;
}
