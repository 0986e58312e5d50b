/* diag.c: every message a tool writes on stderr goes through here. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gip.h"

/* The only process-wide state of the library: set once by main(). */
static const char *progname = "gip";

static const char *const level_names[] = { "note", "warning", "error" };

void
gip_setprogname(const char *argv0)
{
	const char	*p;

	if (argv0 == NULL || *argv0 == '\0')
		return;
	progname = (p = strrchr(argv0, '/')) != NULL ? p + 1 : argv0;
}

const char *
gip_getprogname(void)
{
	return progname;
}

/*
 * Build the message in one buffer and write it with one fputs, so that
 * parallel processes sharing stderr do not interleave halves of lines.
 */
static void
vmsg(const char *file, unsigned long line, const char *level, int errnum,
    const char *fmt, va_list ap)
{
	char	 buf[2048];
	size_t	 n;
	int	 r;

	r = snprintf(buf, sizeof(buf), "%s: ", progname);
	n = r < 0 ? 0 : (size_t)r;
	if (file != NULL && n < sizeof(buf)) {
		if (line > 0)
			r = snprintf(buf + n, sizeof(buf) - n, "%s:%lu: ",
			    file, line);
		else
			r = snprintf(buf + n, sizeof(buf) - n, "%s: ", file);
		n += r < 0 ? 0 : (size_t)r;
	}
	if (level != NULL && n < sizeof(buf)) {
		r = snprintf(buf + n, sizeof(buf) - n, "%s: ", level);
		n += r < 0 ? 0 : (size_t)r;
	}
	if (n < sizeof(buf)) {
		r = vsnprintf(buf + n, sizeof(buf) - n, fmt, ap);
		n += r < 0 ? 0 : (size_t)r;
	}
	if (errnum != 0 && n < sizeof(buf)) {
		r = snprintf(buf + n, sizeof(buf) - n, ": %s",
		    strerror(errnum));
		n += r < 0 ? 0 : (size_t)r;
	}
	if (n >= sizeof(buf) - 1)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	buf[n] = '\0';
	fputs(buf, stderr);
	fflush(stderr);
}

void
gip_diag(const char *file, unsigned long line, enum gip_level level,
    const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vmsg(file == NULL ? "<stdin>" : file, line,
	    level_names[level], 0, fmt, ap);
	va_end(ap);
}

void
gip_warnx(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vmsg(NULL, 0, NULL, 0, fmt, ap);
	va_end(ap);
}

void
gip_errx(int status, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vmsg(NULL, 0, NULL, 0, fmt, ap);
	va_end(ap);
	exit(status);
}

void
gip_warn(const char *fmt, ...)
{
	va_list	 ap;
	int	 e = errno;

	va_start(ap, fmt);
	vmsg(NULL, 0, NULL, e, fmt, ap);
	va_end(ap);
}

void
gip_err(int status, const char *fmt, ...)
{
	va_list	 ap;
	int	 e = errno;

	va_start(ap, fmt);
	vmsg(NULL, 0, NULL, e, fmt, ap);
	va_end(ap);
	exit(status);
}
