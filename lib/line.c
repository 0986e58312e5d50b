/* line.c: reading lines of any length from a file or stdin. */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gip.h"

/*
 * stdio's default 4 KiB reads cost more than the parsing.  glibc
 * ignores setvbuf's size when the buffer is NULL, so the buffer is
 * ours: one per open file, and one for stdin, which lives as long as
 * stdin itself.  setvbuf is allowed only before the first read, and
 * stdin may be named twice ("- -"), hence the flag.
 */
#define READ_BUF	(1 << 16)

static char	 stdin_buf[READ_BUF];
static int	 stdin_tuned;

int
gip_reader_open(struct gip_reader *r, const char *path)
{
	struct stat	 st;

	memset(r, 0, sizeof(*r));
	r->name = path;
	if (strcmp(path, "-") == 0) {
		r->fp = stdin;
		r->is_stdin = 1;
	} else if ((r->fp = fopen(path, "r")) == NULL)
		return -1;
	if (fstat(fileno(r->fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		if (!r->is_stdin)
			fclose(r->fp);
		r->fp = NULL;
		errno = EISDIR;
		return -1;
	}
	if (!r->is_stdin) {
		r->iobuf = gip_xmalloc(READ_BUF);
		setvbuf(r->fp, r->iobuf, _IOFBF, READ_BUF);
	} else if (!stdin_tuned) {
		setvbuf(r->fp, stdin_buf, _IOFBF, READ_BUF);
		stdin_tuned = 1;
	}
	return 0;
}

uint64_t gip_reader_bytes;	/* read by every reader, for --progress */

int
gip_reader_next(struct gip_reader *r)
{
	ssize_t	 n;

	errno = 0;
	n = getline(&r->buf, &r->cap, r->fp);
	if (n < 0) {
		r->len = 0;
		if (ferror(r->fp))
			return -1;
		if (feof(r->fp))
			return 0;
		/*
		 * Neither flag: glibc's getline could not grow the buffer
		 * (ENOMEM, or EOVERFLOW past SSIZE_MAX).  That is no end of
		 * input: what follows would be lost without a word.
		 */
		gip_diag(gip_reader_display(r), r->lineno + 1, GIP_ERROR,
		    "out of memory reading this line (%zu bytes held): %s",
		    r->cap, strerror(errno != 0 ? errno : ENOMEM));
		exit(GIP_EXIT_TROUBLE);
	}
	r->len = (size_t)n;
	if (gip_progress_on) {
		gip_reader_bytes += (uint64_t)n;
		gip_progress_add(0, (uint64_t)n);
	}
	if (r->len > 0 && r->buf[r->len - 1] == '\n')
		r->buf[--r->len] = '\0';
	r->lineno++;
	return 1;
}

void
gip_reader_close(struct gip_reader *r)
{
	if (r->fp != NULL && !r->is_stdin)
		fclose(r->fp);
	else if (r->fp != NULL)
		clearerr(r->fp);
	r->fp = NULL;
	free(r->iobuf);
	r->iobuf = NULL;
	free(r->buf);
	r->buf = NULL;
	r->cap = r->len = 0;
}

const char *
gip_reader_display(const struct gip_reader *r)
{
	return r->is_stdin ? "<stdin>" : r->name;
}
