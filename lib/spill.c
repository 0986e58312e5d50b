/*
 * spill.c: where gip-check and gip-stats keep the state of documents
 * they are not working on, so that memory stays bounded whatever the
 * number of documents and the order of their records: an unlinked
 * temporary file in TMPDIR (gone when the process ends, however it
 * ends), written through a large buffer, a block of bytes appended at
 * a time and read back by its offset.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gip.h"

#define SPILL_BUFSIZ	((size_t)1 << 20)	/* a write per MB */

/* An unlinked temporary file in TMPDIR (or /tmp), open for both. */
int
gip_tmpfd(void)
{
	const char	*dir = getenv("TMPDIR");
	char		*path;
	size_t		 n;
	int		 fd;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	n = strlen(dir) + strlen(gip_getprogname()) + 16;
	path = gip_xmalloc(n);
	snprintf(path, n, "%s/%s.XXXXXX", dir, gip_getprogname());
	if ((fd = mkstemp(path)) == -1)
		gip_err(GIP_EXIT_TROUBLE, "%s", path);
	unlink(path);
	free(path);
	return fd;
}

/* Append n bytes; returns where they start. */
uint64_t
gip_spill_put(struct gip_spill *sp, const void *p, size_t n)
{
	uint64_t	 off;

	if (sp->fp == NULL) {
		if ((sp->fp = fdopen(gip_tmpfd(), "w+")) == NULL)
			gip_err(GIP_EXIT_TROUBLE, "spill file");
		sp->io = gip_xmalloc(SPILL_BUFSIZ);
		setvbuf(sp->fp, sp->io, _IOFBF, SPILL_BUFSIZ);
	}
	if (n > 0 && fwrite(p, 1, n, sp->fp) != n)
		gip_err(GIP_EXIT_TROUBLE, "spill file");
	off = sp->end;
	sp->end += n;
	return off;
}

/* Read back n bytes written at off (the buffer flushed first). */
void
gip_spill_get(struct gip_spill *sp, void *p, size_t n, uint64_t off)
{
	ssize_t	 r;

	if (n == 0)
		return;
	if (sp->fp == NULL || off + n > sp->end)
		gip_errx(GIP_EXIT_TROUBLE, "spill file: no such block");
	if (fflush(sp->fp) == EOF)
		gip_err(GIP_EXIT_TROUBLE, "spill file");
	if ((r = pread(fileno(sp->fp), p, n, (off_t)off)) == -1)
		gip_err(GIP_EXIT_TROUBLE, "spill file");
	if (r != (ssize_t)n)
		gip_errx(GIP_EXIT_TROUBLE, "spill file: short read");
}

void
gip_spill_close(struct gip_spill *sp)
{
	if (sp->fp != NULL)
		fclose(sp->fp);
	free(sp->io);
	memset(sp, 0, sizeof(*sp));
}
