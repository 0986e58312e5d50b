/* util.c: allocation that exits on failure, growing buffers, numbers. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gip.h"

void *
gip_xmalloc(size_t n)
{
	void	*p;

	if ((p = malloc(n == 0 ? 1 : n)) == NULL)
		gip_errx(GIP_EXIT_TROUBLE, "out of memory");
	return p;
}

void *
gip_xcalloc(size_t n, size_t size)
{
	void	*p;

	if ((p = calloc(n == 0 ? 1 : n, size == 0 ? 1 : size)) == NULL)
		gip_errx(GIP_EXIT_TROUBLE, "out of memory");
	return p;
}

void *
gip_xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n == 0 ? 1 : n)) == NULL)
		gip_errx(GIP_EXIT_TROUBLE, "out of memory");
	return p;
}

void *
gip_xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		gip_errx(GIP_EXIT_TROUBLE, "out of memory");
	return gip_xrealloc(p, n * size);
}

char *
gip_xstrdup(const char *s)
{
	return gip_xstrndup(s, strlen(s));
}

char *
gip_xstrndup(const char *s, size_t n)
{
	char	*p;

	p = gip_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Make room for n more bytes plus a NUL, doubling to stay linear. */
void
gip_buf_grow(struct gip_buf *b, size_t n)
{
	size_t	 need, cap;

	if (n > SIZE_MAX - b->len - 1)
		gip_errx(GIP_EXIT_TROUBLE, "out of memory");
	need = b->len + n + 1;
	if (need <= b->cap)
		return;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	b->p = gip_xrealloc(b->p, cap);
	b->cap = cap;
}

/* Append formatted text, of any length. */
void
gip_buf_vprintf(struct gip_buf *b, const char *fmt, va_list ap)
{
	va_list	 again;
	char	 small[256];
	int	 n;

	/* most texts are short: format once on the stack */
	va_copy(again, ap);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	if (n > 0 && (size_t)n < sizeof(small))
		gip_buf_add(b, small, (size_t)n);
	else if (n > 0) {
		gip_buf_grow(b, (size_t)n);
		vsnprintf(b->p + b->len, (size_t)n + 1, fmt, again);
		b->len += (size_t)n;
	}
	va_end(again);
}

void
gip_buf_printf(struct gip_buf *b, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	gip_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
gip_buf_reset(struct gip_buf *b)
{
	b->len = 0;
	if (b->p != NULL)
		b->p[0] = '\0';
}

void
gip_buf_free(struct gip_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

/* strtonum(3) as OpenBSD has it: decimal only, range-checked. */
long long
gip_strtonum(const char *s, long long min, long long max, const char **errstr)
{
	long long	 v;
	char		*end;

	*errstr = NULL;
	if (min > max) {
		*errstr = "invalid";
		return 0;
	}
	errno = 0;
	v = strtoll(s, &end, 10);
	if (s == end || *end != '\0' || *s == ' ' || *s == '\t') {
		*errstr = "invalid";
		return 0;
	}
	if ((errno == ERANGE && v == LLONG_MIN) || v < min) {
		*errstr = "too small";
		return 0;
	}
	if ((errno == ERANGE && v == LLONG_MAX) || v > max) {
		*errstr = "too large";
		return 0;
	}
	return v;
}
