/*
 * input.c: what every main shares: option parsing with --help and
 * --version, the usage message, and the loop over the input files.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gip.h"

/* Print "usage: NAME LINE", one line per line of the synopsis. */
static void
print_usage(FILE *fp, const struct gip_tool *t)
{
	const char	*p, *nl;
	int		 first = 1;

	for (p = t->synopsis; ; p = nl + 1) {
		nl = strchr(p, '\n');
		fprintf(fp, "%s %s %.*s\n", first ? "usage:" : "      ",
		    t->name, nl == NULL ? (int)strlen(p) : (int)(nl - p), p);
		first = 0;
		if (nl == NULL)
			break;
	}
}

void
gip_usage(const struct gip_tool *t)
{
	print_usage(stderr, t);
	exit(GIP_EXIT_TROUBLE);
}

int
gip_getopt(int argc, char **argv, const struct gip_tool *t)
{
	int	 c;

	static char	 opts[128];

	/* -h and -V are --help and --version in every tool */
	if (opts[0] == '\0')
		snprintf(opts, sizeof(opts), "hV%s", t->shortopts);
	/* our own messages: glibc's would name argv[0] as typed */
	opterr = 0;
	while ((c = getopt_long(argc, argv, opts, t->longopts, NULL)) ==
	    GIP_OPT_PROGRESS)
		gip_progress_enable();
	switch (c) {
	case 'h':
	case GIP_OPT_HELP:
		print_usage(stdout, t);
		if (t->help != NULL)
			fputs(t->help, stdout);
		exit(fflush(stdout) == 0 && !ferror(stdout) ?
		    GIP_EXIT_OK : GIP_EXIT_TROUBLE);
	case 'V':
	case GIP_OPT_VERSION:
		printf("%s %s\n", t->name, GIP_VERSION);
		exit(fflush(stdout) == 0 && !ferror(stdout) ?
		    GIP_EXIT_OK : GIP_EXIT_TROUBLE);
	case '?':
	case ':':
		if (optind > 0 && optind <= argc &&
		    strncmp(argv[optind - 1], "--", 2) == 0)
			gip_warnx("unknown option, or wrong use of its "
			    "argument: '%s'", argv[optind - 1]);
		else if (optopt > 0 && strchr(t->shortopts, optopt) != NULL)
			gip_warnx("option requires an argument -- '%c'", optopt);
		else
			gip_warnx("unknown option -- '%c'", optopt);
		gip_usage(t);
	default:
		return c;
	}
}

int
gip_each_input(int argc, char **argv, gip_input_fn *fn, void *ctx)
{
	static char	 dash[] = "-";
	static char	*stdin_only[] = { dash };
	struct gip_reader rd;
	uint64_t	 read0;
	off_t		 pos;
	int		 i, r, status = GIP_EXIT_OK;

	if (argc == 0) {
		argc = 1;
		argv = stdin_only;
	}
	for (i = 0; i < argc; i++) {
		if (gip_reader_open(&rd, argv[i]) == -1) {
			gip_warn("%s", argv[i]);
			if (status < GIP_EXIT_FINDINGS)
				status = GIP_EXIT_FINDINGS;
			continue;
		}
		read0 = gip_reader_bytes;
		r = fn(&rd, ctx);
		/* a tool that reads its files whole: their size */
		if (gip_progress_on && gip_reader_bytes == read0 &&
		    (pos = ftello(rd.fp)) > 0)
			gip_progress_add(0, (uint64_t)pos);
		gip_reader_close(&rd);
		if (r > status)
			status = r;
	}
	return status;
}
