/*
 * progress.c: --progress, for long runs: documents, megabytes and
 * their rates on the standard error, as pv and rsync --info=progress2
 * show them.  On a terminal one line rewritten in place (\r) every
 * second; otherwise (a log) a plain line every ten seconds; and a last
 * line at the end.  GIP_PROGRESS_EVERY sets the seconds between
 * updates (0: at every document).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "gip.h"

int gip_progress_on;

static struct {
	int		 tty;
	double		 every;
	double		 t0, last;
	uint64_t	 docs, bytes;
	unsigned	 calls;
	int		 shown;
} P;

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
show(int last)
{
	double	 t = now() - P.t0, mb = (double)P.bytes / 1e6;

	if (t <= 0)
		t = 1e-9;
	fprintf(stderr, "%s%s: %llu documents, %.1f MB, %.1f MB/s, %.0f "
	    "documents/s, %.1f s%s", P.tty ? "\r" : "", gip_getprogname(),
	    (unsigned long long)P.docs, mb, mb / t, (double)P.docs / t, t,
	    P.tty ? "\033[K" : "\n");
	if (P.tty && last)
		fputc('\n', stderr);
	fflush(stderr);
	P.shown = 1;
}

static void
at_end(void)
{
	show(1);
}

void
gip_progress_enable(void)
{
	const char	*e = getenv("GIP_PROGRESS_EVERY");

	if (gip_progress_on)
		return;
	gip_progress_on = 1;
	P.tty = isatty(STDERR_FILENO);
	P.every = P.tty ? 1 : 10;
	if (e != NULL && *e != '\0')
		P.every = atof(e);
	P.t0 = P.last = now();
	atexit(at_end);
}

/* Count n documents and b bytes; show them when it is time. */
void
gip_progress_add(uint64_t n, uint64_t b)
{
	double	 t;

	P.docs += n;
	P.bytes += b;
	/* the clock at most every 256 lines, unless a document ended */
	if (n == 0 && (++P.calls & 255) != 0)
		return;
	t = now();
	if (t - P.last >= P.every) {
		P.last = t;
		show(0);
	}
}
