/* line.c: reading lines of any length from a file or stdin. */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gip.h"

/*
 * stdio's default 4 KiB reads cost more than the parsing.  glibc
 * ignores setvbuf's size when the buffer is NULL, so the buffer is
 * ours: one per open file, and one for stdin, which lives as long as
 * stdin itself.  setvbuf is allowed only before the first read, and
 * stdin may be named twice ("- -"), hence the flag.
 */
#define READ_BUF	(1 << 16)	/* gip_reader_next's reads too */

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

/*
 * Lines are read with read(2) into lbuf (READ_BUF bytes), found with
 * memchr and copied to buf, which grows to the longest line (a line
 * longer than lbuf is gathered in buf, piece by piece).  getline(3) did
 * the same with a lock and more bookkeeping: 10% of gip-check.  The
 * copy pays: splitting and comparing the fields of a line where read(2)
 * put it made gip-check 10% slower than this, with every size of lbuf
 * tried (16 to 128 KiB).  The reader reads the descriptor under fp,
 * never through fp: a tool reads a file by lines or through fp
 * (gip-normalize), not both.
 */

/*
 * The line does not fit in memory.  That is no end of input: what
 * follows would be lost without a word.
 */
static void
oom(const struct gip_reader *r)
{
	gip_diag(gip_reader_display(r), r->lineno + 1, GIP_ERROR,
	    "out of memory reading this line (%zu bytes held): %s",
	    r->cap, strerror(ENOMEM));
	exit(GIP_EXIT_TROUBLE);
}

/*
 * The line is copied from lbuf to buf in 16-byte pieces (bytes past its
 * end too: buf and lbuf have SLACK to spare), not with memcpy:
 * memcpy's overlapping stores made the next loads of the line (its
 * last byte, gip_tsv_split's blocks) wait for them (store forwarding
 * fails), 5% of gip-check.  gip_tsv_split reads GIP_TSV_PAD bytes
 * past the line.
 */
#define PIECE	16
#define SLACK	(GIP_TSV_PAD > PIECE ? GIP_TSV_PAD : PIECE)

/* Room in buf for n bytes and SLACK. */
static void
room(struct gip_reader *r, size_t n)
{
	size_t	 cap = r->cap == 0 ? 256 : r->cap;
	char	*nbuf;

	while (cap <= n + SLACK) {
		if (cap > SIZE_MAX / 2)
			oom(r);
		cap *= 2;
	}
	if ((nbuf = realloc(r->buf, cap)) == NULL)
		oom(r);
	r->buf = nbuf;
	r->cap = cap;
}

/*
 * What lbuf holds from pos, up to a newline, added to the line in buf
 * (which holds len): the bytes added; *nl set if a newline ended them.
 */
#ifdef __SSE2__
#include <emmintrin.h>

/* The newline found in the pieces as they are copied: one pass. */
static size_t
take(struct gip_reader *r, size_t len, int *nl)
{
	const __m128i	 nls = _mm_set1_epi8('\n');
	const char	*src = r->lbuf + r->pos;
	size_t		 avail = r->end - r->pos, i;
	__m128i		 x;
	unsigned	 m;

	for (i = 0; i < avail; i += PIECE) {
		if (len + i + PIECE + SLACK >= r->cap)
			room(r, len + i + PIECE);
		x = _mm_loadu_si128((const __m128i *)(const void *)(src + i));
		_mm_storeu_si128((__m128i *)(void *)(r->buf + len + i), x);
		m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, nls));
		if (avail - i < PIECE)
			m &= (1u << (avail - i)) - 1;
		if (m != 0) {
			*nl = 1;
			return i + (size_t)__builtin_ctz(m);
		}
	}
	*nl = 0;
	return avail;
}
#else
static size_t
take(struct gip_reader *r, size_t len, int *nl)
{
	const char	*src = r->lbuf + r->pos, *end;
	size_t		 n = r->end - r->pos, i;

	if ((end = memchr(src, '\n', n)) != NULL)
		n = (size_t)(end - src);
	*nl = end != NULL;
	if (len + n + SLACK >= r->cap)
		room(r, len + n);
	if (n > 512)
		memcpy(r->buf + len, src, n);
	else
		for (i = 0; i < n; i += PIECE)
			memcpy(r->buf + len + i, src + i, PIECE);
	return n;
}
#endif

int
gip_reader_next(struct gip_reader *r)
{
	size_t	 len = 0, n;
	ssize_t	 got;
	int	 nl;

	if (r->lbuf == NULL)
		r->lbuf = gip_xmalloc(READ_BUF + SLACK);
	for (;;) {
		n = take(r, len, &nl);
		len += n;
		if (nl) {
			r->pos += n + 1;
			break;
		}
		/* a line longer than what is left: its start, and read on */
		r->pos = r->end = 0;
		do
			got = read(fileno(r->fp), r->lbuf, READ_BUF);
		while (got == -1 && errno == EINTR);
		if (got > 0) {
			r->end = (size_t)got;
			continue;
		}
		if (got == -1 || len == 0) {
			r->len = 0;
			return got == -1 ? -1 : 0;
		}
		/* a last line without a newline */
		break;
	}
	if (len + SLACK >= r->cap)
		room(r, len);
	r->buf[len] = '\0';
	r->len = len;
	if (gip_progress_on) {
		n = len + (size_t)nl;
		gip_reader_bytes += (uint64_t)n;
		gip_progress_add(0, (uint64_t)n);
	}
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
	free(r->lbuf);
	free(r->buf);
	r->lbuf = r->buf = NULL;
	r->pos = r->end = r->cap = r->len = 0;
}

const char *
gip_reader_display(const struct gip_reader *r)
{
	return r->is_stdin ? "<stdin>" : r->name;
}
