/*
 * gip-check: apply the arithmetic and consistency rules of the annual
 * report tables to gip-tables' records (TSV or JSON Lines, any number
 * of documents, interleaved or not) and write one finding per line.
 * With --pass the records go on unchanged to stdout and the findings
 * to a file, so that gip-check can sit in the middle of a pipeline.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "gip.h"
#include "check.h"

#define OPT_WINDOW	0x200
#define OPT_ANYORDER	0x201



static const struct option longopts[] = {
	{ "any-order", no_argument, NULL, OPT_ANYORDER },
	{ "header", no_argument, NULL, 'H' },
	{ "json", no_argument, NULL, 'j' },
	{ "output", required_argument, NULL, 'o' },
	{ "pass", no_argument, NULL, 'p' },
	{ "skip", required_argument, NULL, 'R' },
	{ "rules", required_argument, NULL, 'r' },
	{ "summary", no_argument, NULL, 's' },
	{ "severity", required_argument, NULL, 'W' },
	{ "window", required_argument, NULL, OPT_WINDOW },
	GIP_LONGOPTS_STD,
	{ NULL, 0, NULL, 0 }
};

static const struct gip_tool tool = {
	"gip-check",
	"[-Hjps] [-o file] [-R rules] [-r rules] [-W level] [--any-order] "
	    "[--window=ndocs] [file ...]",
	"\nCheck gip-tables records (TSV or JSON Lines), one finding a line.\n"
	"  -H, --header         write a header line (TSV)\n"
	"  -j, --json           write findings as JSON Lines\n"
	"  -o, --output=FILE    write findings to FILE (replaced atomically)\n"
	"  -p, --pass           copy the input to stdout; findings go to -o\n"
	"  -R, --skip=RULES     skip these rules (comma-separated)\n"
	"  -r, --rules=RULES    apply only these rules (comma-separated)\n"
	"  -s, --summary        print counts per rule on stderr\n"
	"  -W, --severity=LEVEL report findings of LEVEL and above:\n"
	"                       warning (default) or error\n"
	"      --any-order      records in any order: every document is\n"
	"                       checked at the end of the input\n"
	"      --window=NDOCS   check a document when NDOCS others are in\n"
	"                       flight; a record of it after is an error\n"
	"                       (default: none, exact for any interleaving)\n"
	"      --progress       documents, MB and rates on stderr\n"
	"  -h, --help, -V, --version\n"
	"Rules: year complete value t3-balance t3-rows t3-outcome t4-total\n"
	"       narrative continuity (see gip-check(1)).\n"
	"Exit status: 0 no error finding, 1 error findings or a file that could"
	" not be read,\n2 trouble\n"
	"(usage, unreadable or malformed input, write error).\n",
	"HR:W:jo:pr:s",
	longopts
};

static int	 process(struct gip_reader *, void *);
static void	 do_line(struct check *, struct gip_reader *, char *, size_t);
static void	 do_json(struct check *, struct gip_reader *, const char *,
		    size_t);
static char	*member(struct check *, const char *);
static unsigned	 parse_rules(const char *);
static int	 open_output(const char *, char **);
static void	 cleanup(void);
static void	 print_summary(const struct check *);

/* -o's temporary, until renamed; read by the signal handler */
static char *volatile tmpname;

/*
 * A document is complete (check_docs.c): run the rules on it, and keep
 * what the continuity rule needs at the end.
 */
static void
doc_checked(struct doc *d, void *arg)
{
	struct check	*ck = arg;
	struct summ	 s;

	memset(&s, 0, sizeof(s));
	check_doc(ck, d, &s);
	if (s.doc == NULL)
		return;
	if (ck->nsumm == ck->summcap) {
		ck->summcap = ck->summcap ? ck->summcap * 2 : 64;
		ck->summ = gip_xreallocarray(ck->summ, ck->summcap,
		    sizeof(*ck->summ));
	}
	s.seq = ck->nsumm;
	ck->summ[ck->nsumm++] = s;
}

/* A top-level member of the JSON document as text, or "". */
static char *
member(struct check *ck, const char *name)
{
	return gip_jsonin_text(&ck->jin, gip_jsonin_root(&ck->jin), name);
}

static void
do_json(struct check *ck, struct gip_reader *rd, const char *p, size_t n)
{
	struct gip_record	*recs, doc;
	const struct gip_jnode	*root;
	struct doc		*d;
	size_t			 nrec, i;
	const char		*file = gip_reader_display(rd), *pub;

	if (gip_jsonin_records(&ck->jin, p, n, &recs, &nrec) == -1) {
		gip_diag(file, rd->lineno, GIP_ERROR, "%s", ck->jin.err);
		ck->trouble = 1;
		return;
	}
	/* a finding (or anything else) is not an empty document */
	root = gip_jsonin_root(&ck->jin);
	if (gip_jsonin_get(&ck->jin, root, "tables") == NULL ||
	    gip_jsonin_get(&ck->jin, root, "rule") != NULL) {
		gip_diag(file, rd->lineno, GIP_ERROR, "not a gip-tables "
		    "document (\"tables\" and no \"rule\" expected)");
		ck->trouble = 1;
		return;
	}
	/* the document counts even without a single cell (pre2019) */
	memset(&doc, 0, sizeof(doc));
	doc.doc = member(ck, "doc");
	doc.agency = member(ck, "agency");
	doc.year = member(ck, "year");
	doc.tmpl = member(ck, "template");
	if ((d = check_docs_open(ck->docs, &doc, file, rd->lineno)) ==
	    NULL) {
		ck->trouble = 1;
		return;
	}
	pub = member(ck, "published");
	if (*pub != '\0' && d->published == NULL)
		d->published = gip_xstrdup(pub);
	for (i = 0; i < nrec; i++)
		if (check_docs_add(ck->docs, &recs[i], file, rd->lineno) ==
		    -1)
			ck->trouble = 1;
	ck->nrec += nrec;
	/* the line is the whole document */
	check_docs_close(ck->docs, doc.doc);
}

static void
do_line(struct check *ck, struct gip_reader *rd, char *p, size_t n)
{
	struct gip_record	 r;
	size_t			 i;

	if (gip_line_trim(rd->lineno, &p, &n))
		return;
	for (i = 0; p[i] == ' ' || p[i] == '\t'; i++)
		;
	if (p[i] == '{') {
		do_json(ck, rd, p, n);
		return;
	}
	switch (gip_record_parse_tsv(p, n, &r)) {
	case 0:
		return;
	case 1:
		ck->nrec++;
		switch (check_docs_add(ck->docs, &r, gip_reader_display(rd),
		    rd->lineno)) {
		case -1:
			ck->trouble = 1;
			break;
		case 1:
			check_docs_close(ck->docs, r.doc);
			break;
		default:
			break;
		}
		return;
	default:
		gip_diag(gip_reader_display(rd), rd->lineno, GIP_ERROR,
		    "not a record (%d columns expected, or a JSON object)",
		    GIP_RECORD_NCOL);
		ck->trouble = 1;
		return;
	}
}

static int
process(struct gip_reader *rd, void *arg)
{
	struct check	*ck = arg;
	int		 r;

	while ((r = gip_reader_next(rd)) == 1) {
		if (ck->passing) {
			gip_out_write(&ck->pass, rd->buf, rd->len);
			gip_out_endline(&ck->pass);
		}
		do_line(ck, rd, rd->buf, rd->len);
	}
	if (r == -1) {
		gip_warn("%s", gip_reader_display(rd));
		ck->unreadable = 1;
	}
	return GIP_EXIT_OK;
}

/* A rule that does not exist, and the names nearest to it. */
static void
unknown_rule(const char *s, size_t len)
{
	struct gip_buf	 b;
	char		*word = gip_xstrndup(s, len);

	memset(&b, 0, sizeof(b));
	gip_suggest(&b, word, check_rule_names, R_NRULES);
	gip_warnx("unknown rule: %s (closest: %s; all: see gip-check(1))",
	    word, b.p);
	gip_buf_free(&b);
	free(word);
}

static unsigned
parse_rules(const char *s)
{
	unsigned	 set = 0;
	size_t		 len;
	int		 i;

	while (*s != '\0') {
		len = strcspn(s, ",");
		if (len == 3 && strncmp(s, "all", 3) == 0)
			set |= (1u << R_NRULES) - 1;
		else if (len > 0) {
			for (i = 0; i < R_NRULES; i++)
				if (strlen(check_rule_names[i]) == len &&
				    strncmp(s, check_rule_names[i], len) == 0)
					break;
			if (i == R_NRULES) {
				unknown_rule(s, len);
				gip_usage(&tool);
			}
			set |= 1u << i;
		}
		s += len;
		if (*s == ',')
			s++;
	}
	return set;
}

static void
cleanup(void)
{
	if (tmpname != NULL)
		unlink(tmpname);
}

/* Killed while writing -o: leave no temporary behind, then die of sig. */
static void
on_signal(int sig)
{
	if (tmpname != NULL)
		unlink(tmpname);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Catch the signals that end a pipeline, unless they were ignored. */
static void
catch_signals(void)
{
	static const int sigs[] = { SIGHUP, SIGINT, SIGPIPE, SIGTERM };
	struct sigaction sa, old;
	size_t		 i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;
		sigaction(sigs[i], &sa, NULL);
	}
}

/*
 * A temporary next to path, renamed over it when all went well.  A
 * path that exists and is not a regular file (/dev/null, a FIFO) is
 * written directly: renaming over it would replace the device.
 */
static int
open_output(const char *path, char **tmp)
{
	struct stat	 st;
	sigset_t	 all, saved;
	const char	*slash;
	mode_t		 mask;
	int		 fd;
	size_t		 dlen;

	*tmp = NULL;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if ((fd = open(path, O_WRONLY)) == -1)
			gip_err(GIP_EXIT_TROUBLE, "%s", path);
		return fd;
	}
	slash = strrchr(path, '/');
	dlen = slash == NULL ? 0 : (size_t)(slash - path) + 1;
	*tmp = gip_xmalloc(dlen + sizeof(".gip-check.XXXXXX"));
	memcpy(*tmp, path, dlen);
	memcpy(*tmp + dlen, ".gip-check.XXXXXX",
	    sizeof(".gip-check.XXXXXX"));
	if (atexit(cleanup) != 0)
		gip_errx(GIP_EXIT_TROUBLE, "atexit");
	/* no signal between the file's creation and tmpname knowing it */
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &saved);
	catch_signals();
	if ((fd = mkstemp(*tmp)) != -1)
		tmpname = *tmp;
	sigprocmask(SIG_SETMASK, &saved, NULL);
	if (fd == -1)
		gip_err(GIP_EXIT_TROUBLE, "%s", path);
	/*
	 * mkstemp makes it 0600; give it the mode a new file would get.
	 * umask(2) can only be read by setting it, so set it back.
	 */
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) == -1)
		gip_err(GIP_EXIT_TROUBLE, "%s", *tmp);
	return fd;
}

static void
print_summary(const struct check *ck)
{
	unsigned long	 e = 0, w = 0;
	int		 i;

	for (i = 0; i < R_NRULES; i++) {
		e += ck->count[i][SEV_ERROR];
		w += ck->count[i][SEV_WARNING];
	}
	gip_warnx("summary: %lu documents, %lu records, errors %lu, "
	    "warnings %lu", check_docs_count(ck->docs), ck->nrec, e, w);
	for (i = 0; i < R_NRULES; i++)
		if (check_rule_on(ck, i))
			gip_warnx("summary: %s: errors %lu, warnings %lu",
			    check_rule_names[i], ck->count[i][SEV_ERROR],
			    ck->count[i][SEV_WARNING]);
}

int
main(int argc, char *argv[])
{
	struct check	 ck;
	const char	*output = NULL, *errstr, *sde;
	char		*tmp = NULL;
	size_t		 window = 0;
	unsigned	 only = 0, skip = 0;
	time_t		 now;
	struct tm	*tm;
	size_t		 n;
	int		 c, fd, rv, errors, i, anyorder = 0;

	gip_setprogname(tool.name);
	memset(&ck, 0, sizeof(ck));
	ck.threshold = SEV_WARNING;
	while ((c = gip_getopt(argc, argv, &tool)) != -1) {
		switch (c) {
		case 'H':
			ck.header = 1;
			break;
		case 'R':
			skip |= parse_rules(optarg);
			break;
		case 'W':
			if (strcmp(optarg, "warning") == 0)
				ck.threshold = SEV_WARNING;
			else if (strcmp(optarg, "error") == 0)
				ck.threshold = SEV_ERROR;
			else {
				gip_warnx("-W: %s: not error or warning",
				    optarg);
				gip_usage(&tool);
			}
			break;
		case 'j':
			ck.json = 1;
			break;
		case 'o':
			output = optarg;
			break;
		case 'p':
			ck.passing = 1;
			break;
		case 'r':
			only |= parse_rules(optarg);
			break;
		case 's':
			ck.summary = 1;
			break;
		case OPT_ANYORDER:
			anyorder = 1;
			break;
		case OPT_WINDOW:
			window = (size_t)gip_strtonum(optarg, 0, 1000000,
			    &errstr);
			if (errstr != NULL) {
				gip_warnx("--window: %s: %s", optarg, errstr);
				gip_usage(&tool);
			}
			break;
		default:
			gip_usage(&tool);
		}
	}
	argc -= optind;
	argv += optind;
	if ((ck.passing && (output == NULL || strcmp(output, "-") == 0)) ||
	    (ck.header && ck.json)) {
		gip_warnx(ck.header && ck.json ?
		    "--header and --json exclude each other" :
		    "--pass needs -o FILE (not stdout) for the findings");
		gip_usage(&tool);
	}
	ck.rules = (only ? only : (1u << R_NRULES) - 1) & ~skip;

	/* SOURCE_DATE_EPOCH makes the year rule reproducible */
	now = time(NULL);
	if ((sde = getenv("SOURCE_DATE_EPOCH")) != NULL && *sde != '\0') {
		now = (time_t)gip_strtonum(sde, 0, LLONG_MAX, &errstr);
		if (errstr != NULL)
			gip_errx(GIP_EXIT_TROUBLE, "SOURCE_DATE_EPOCH: %s",
			    errstr);
	}
	tm = gmtime(&now);
	ck.year = tm != NULL ? tm->tm_year + 1900 : 2100;

	fd = STDOUT_FILENO;
	if (output != NULL && strcmp(output, "-") != 0)
		fd = open_output(output, &tmp);
	gip_out_init(&ck.out, fd);
	if (ck.passing)
		gip_out_init(&ck.pass, STDOUT_FILENO);
	if (ck.header)
		gip_finding_write_header(&ck.out);
	check_keys_init();
	ck.docs = check_docs_new(window, CHECK_HOT, anyorder, doc_checked,
	    &ck);

	rv = gip_each_input(argc, argv, process, &ck);
	check_docs_finish(ck.docs);
	check_continuity(&ck, ck.summ, ck.nsumm);

	errors = 0;
	for (i = 0; i < R_NRULES; i++)
		if (ck.count[i][SEV_ERROR] > 0)
			errors = 1;
	if (ck.summary)
		print_summary(&ck);
	check_docs_free(ck.docs);
	for (n = 0; n < ck.nsumm; n++) {
		free(ck.summ[n].doc);
		free(ck.summ[n].agency);
	}
	free(ck.summ);
	gip_jsonin_free(&ck.jin);

	if (ck.passing && gip_out_close(&ck.pass) == -1)
		return GIP_EXIT_TROUBLE;
	if (tmp != NULL) {
		gip_out_flush(&ck.out);
		if (fsync(ck.out.fd) == -1 && errno != EINVAL) {
			gip_warn("%s", output);
			return GIP_EXIT_TROUBLE;
		}
	}
	if (gip_out_close(&ck.out) == -1)
		return GIP_EXIT_TROUBLE;
	if (tmp != NULL) {
		if (rename(tmp, output) == -1) {
			gip_warn("%s", output);
			return GIP_EXIT_TROUBLE;
		}
		tmpname = NULL;
		free(tmp);
	}
	/* a file that could not be read: 1, as in every tool (gip(7)) */
	if (rv == GIP_EXIT_TROUBLE || ck.trouble)
		return GIP_EXIT_TROUBLE;
	return errors || rv != GIP_EXIT_OK || ck.unreadable ?
	    GIP_EXIT_FINDINGS : GIP_EXIT_OK;
}
