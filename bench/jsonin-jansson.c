/*
 * jsonin-jansson.c: lib/jsonin.c against jansson on gip-check's JSON
 * intake (bench/jsonin.sh): each line of gip-tables --json parsed and
 * its cells walked as records, by either; the time is printed.
 * usage: jsonin-jansson jsonin|jansson FILE
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gip.h"

static double
now(void)
{
	struct timespec	 t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* What jansson gives of a cell, as gip-check would take it. */
static size_t
cell(json_t *c)
{
	json_t		*v = json_object_get(c, "value");
	const char	*st, *raw;

	st = json_string_value(json_object_get(c, "status"));
	raw = json_string_value(json_object_get(c, "raw"));
	(void)json_integer_value(json_object_get(c, "line"));
	if (json_is_integer(v))
		(void)json_integer_value(v);
	else if (json_is_real(v))
		(void)json_real_value(v);
	return (st != NULL ? strlen(st) : 0) + (raw != NULL ? strlen(raw) : 0);
}

int
main(int argc, char *argv[])
{
	struct gip_jsonin j;
	struct gip_record *recs;
	json_error_t	 e;
	json_t		*root, *t, *r, *c;
	const char	*tk, *rk, *ck;
	FILE		*fp;
	char		*line = NULL, **lines = NULL;
	size_t		 cap = 0, *lens = NULL, nl = 0, i, nr, nrec = 0;
	ssize_t		 n;
	double		 t0;

	if (argc != 3 || (fp = fopen(argv[2], "r")) == NULL) {
		fprintf(stderr, "usage: jsonin-jansson jsonin|jansson FILE\n");
		return 2;
	}
	while ((n = getline(&line, &cap, fp)) > 0) {
		lines = gip_xreallocarray(lines, nl + 1, sizeof(*lines));
		lens = gip_xreallocarray(lens, nl + 1, sizeof(*lens));
		lines[nl] = gip_xmalloc((size_t)n);
		memcpy(lines[nl], line, (size_t)n);
		lens[nl++] = (size_t)n;
	}
	t0 = now();
	if (strcmp(argv[1], "jsonin") == 0) {
		memset(&j, 0, sizeof(j));
		for (i = 0; i < nl; i++) {
			if (gip_jsonin_records(&j, lines[i], lens[i], &recs,
			    &nr) == -1)
				return 1;
			nrec += nr;
		}
		gip_jsonin_free(&j);
	} else
		for (i = 0; i < nl; i++) {
			if ((root = json_loadb(lines[i], lens[i], 0, &e)) ==
			    NULL)
				return 1;
			json_object_foreach(json_object_get(root, "tables"),
			    tk, t)
				json_object_foreach(t, rk, r)
					json_object_foreach(r, ck, c) {
						cell(c);
						nrec++;
					}
			json_decref(root);
		}
	printf("%-7s %.3f s, %zu lines, %zu cells\n", argv[1], now() - t0, nl,
	    nrec);
	return 0;
}
