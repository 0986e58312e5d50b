/*
 * gip-stats: aggregate the records of gip-tables and the findings of
 * gip-check over many reports, grouped by year, agency, template,
 * cell or user-mapped fields.  Reports cell statistics (documents,
 * coverage, sum, mean, min, max, median, p90), per-document ratios, or
 * the share of documents failing each rule, as TSV, JSON Lines, an
 * aligned table or a bar chart.  --partial and --merge split the work
 * over processes or hosts with a result identical to one run.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gip.h"
#include "stats.h"

#define OPT_LIST_RATIOS	0x200
#define OPT_WINDOW	0x201
#define OPT_POOL	0x202
#define OPT_NO_HEADER	0x203
#define OPT_LABELS	0x204
#define OPT_CSV		0x205
#define OPT_BOM		0x206

struct run {
	struct stats	 st;
	struct stats_conf conf;
	struct gip_jsonin json;
	char		*hdr;		/* --merge: the first H line */
	int		 verbose;
	unsigned long	 nrec, nfind;
};

static int	 process(struct gip_reader *, void *);
static void	 json_line(struct run *, char *, size_t, const char *,
		    unsigned long);
static int	 tsv_line(struct run *, char *, size_t, const char *,
		    unsigned long);
static void	 state_line(struct run *, char *, size_t, const char *,
		    unsigned long);
static int	 is_severity(const char *);

static const struct option longopts[] = {
	{ "chart", optional_argument, NULL, 'C' },
	{ "cell", required_argument, NULL, 'c' },
	{ "docs", no_argument, NULL, 'd' },
	{ "findings", no_argument, NULL, 'f' },
	{ "group", required_argument, NULL, 'g' },
	{ "header", no_argument, NULL, 'H' },
	{ "no-header", no_argument, NULL, OPT_NO_HEADER },
	{ "json", no_argument, NULL, 'j' },
	{ "merge", no_argument, NULL, 'M' },
	{ "map", required_argument, NULL, 'm' },
	{ "pretty", no_argument, NULL, 'P' },
	{ "partial", no_argument, NULL, 'p' },
	{ "ratio", required_argument, NULL, 'r' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "window", required_argument, NULL, OPT_WINDOW },
	{ "list-ratios", no_argument, NULL, OPT_LIST_RATIOS },
	{ "pool", no_argument, NULL, OPT_POOL },
	{ "labels", no_argument, NULL, OPT_LABELS },
	{ "csv", no_argument, NULL, OPT_CSV },
	{ "bom", no_argument, NULL, OPT_BOM },
	GIP_LONGOPTS_STD,
	{ NULL, 0, NULL, 0 }
};

static const struct gip_tool tool = {
	"gip-stats",
	"[-dfHjPpv] [-C[column]] [-c cells] [-g fields] [-m file] "
	    "[-r ratios] [--window=ndocs] [file ...]\n"
	"-M [-HjPpv] [-C[column]] [file ...]",
	"\nAggregate gip-tables records and gip-check findings.\n"
	"  -C, --chart[=COLUMN]  bar chart of one column (default sum, pooled"
	" or share)\n"
	"  -c, --cell=CELLS      cells: t3.new.total,t3.*.total,t4 ... "
	"(default t2,t3,t4)\n"
	"  -d, --docs            the reports that went in, and the share with"
	" tables\n"
	"  -f, --findings        share of documents failing each gip-check"
	" rule\n"
	"  -g, --group=FIELDS    year,agency,template,doc,table,row,col and"
	" --map\n"
	"                        fields (default table,row,col for cells;"
	" a list\n                        without them gets them added,"
	" unless one cell\n                        is selected or --pool"
	" is given)\n"
	"  -H, --header          a header line (the default)\n"
	"      --no-header       no header line\n"
	"  -j, --json            JSON Lines\n"
	"  -M, --merge           combine partial states (the result, or with"
	" -p a state)\n"
	"  -m, --map=FILE        TSV joining doc or agency to more fields\n"
	"  -P, --pretty          aligned table for people\n"
	"  -p, --partial         write a mergeable partial state\n"
	"  -r, --ratio=RATIOS    per-document ratios: names, all, or"
	" NAME=A+B/C\n"
	"  -v, --verbose         counts on stderr at the end\n"
	"      --window=NDOCS    settle a document when NDOCS others followed"
	" it;\n                        its later records are an error"
	" (default: exact)\n"
	"      --labels          row_label and col_label beside row and col\n"
	"      --csv             CSV (RFC 4180) instead of TSV, for"
	" spreadsheets\n"
	"      --bom             a UTF-8 byte order mark first (for Excel)\n"
	"      --list-ratios     the named ratios and their formulas\n"
	"      --pool            with -g and no table,row,col: add the"
	" selected cells\n                        together\n"
	"      --progress        documents, MB and rates on stderr\n"
	"  -h, --help, -V, --version\n"
	"Exit status: 0 success; 1 an input could not be read or had bad"
	" lines;\n"
	"2 usage or system error.  COLUMNS sets the chart width.\n",
	"C::c:dfg:HjMm:Ppr:v",
	longopts
};

static void
usage(void)
{
	gip_usage(&tool);
}

int
main(int argc, char *argv[])
{
	struct run	 run;
	struct gip_out	 out;
	enum stats_format fmt = FMT_TSV;
	const char	*chart = NULL, *dims = NULL, *errstr;
	size_t		 window = STATS_NOWINDOW;
	int		 c, rv, noheader = 0, partial = 0, merge = 0;
	int		 nfmt = 0, shaping = 0, list = 0, docs = 0;
	int		 csv = 0, bom = 0;

	gip_setprogname(argv[0]);
	memset(&run, 0, sizeof(run));
	while ((c = gip_getopt(argc, argv, &tool)) != -1) {
		switch (c) {
		case 'C':
			fmt = FMT_CHART;
			chart = optarg;
			nfmt++;
			break;
		case 'c':
			if (stats_conf_cells(&run.conf, optarg) == -1)
				usage();
			shaping = 1;
			break;
		case 'd':
			docs = 1;
			shaping = 1;
			break;
		case 'f':
			run.conf.view = VIEW_FINDINGS;
			shaping = 1;
			break;
		case 'g':
			dims = optarg;
			shaping = 1;
			break;
		case 'H':
			/* a header, as in every tool (the default here) */
			noheader = 0;
			break;
		case OPT_NO_HEADER:
			noheader = 1;
			break;
		case 'j':
			fmt = FMT_JSON;
			nfmt++;
			break;
		case 'M':
			merge = 1;
			break;
		case 'm':
			if (stats_conf_map(&run.conf, optarg) == -1)
				exit(GIP_EXIT_TROUBLE);
			shaping = 1;
			break;
		case 'P':
			fmt = FMT_PRETTY;
			nfmt++;
			break;
		case 'p':
			partial = 1;
			nfmt++;
			break;
		case 'r':
			if (stats_conf_ratios(&run.conf, optarg) == -1)
				usage();
			shaping = 1;
			break;
		case 'v':
			run.verbose = 1;
			break;
		case OPT_WINDOW:
			window = (size_t)gip_strtonum(optarg, 0, 1000000,
			    &errstr);
			if (errstr != NULL) {
				gip_warnx("--window %s: %s", optarg, errstr);
				usage();
			}
			break;
		case OPT_LIST_RATIOS:
			list = 1;
			break;
		case OPT_POOL:
			run.conf.pool = 1;
			shaping = 1;
			break;
		case OPT_LABELS:
			/* output only: also with --merge */
			run.conf.labels = 1;
			break;
		case OPT_CSV:
			csv = 1;
			break;
		case OPT_BOM:
			bom = 1;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;

	if (nfmt > 1 || (merge && shaping) ||
	    (run.conf.view == VIEW_FINDINGS && run.conf.nratio > 0) ||
	    (docs && (run.conf.view == VIEW_FINDINGS ||
	    run.conf.nratio > 0))) {
		gip_warnx("%s", nfmt > 1 ? "choose one of -C, -j, -P, -p" :
		    merge ? "-c, -d, -f, -g, -m, -r shape the partials; --merge "
		    "takes them from there" : "-d, -f and -r are different "
		    "tables");
		usage();
	}
	if ((csv || bom) && (fmt != FMT_TSV || partial)) {
		gip_warnx("--csv and --bom are for the TSV table");
		usage();
	}
	if (docs)
		run.conf.view = VIEW_DOCS;
	gip_out_init(&out, STDOUT_FILENO);
	out.csv = csv;
	/* Excel reads BOM-less UTF-8 as the local code page */
	if (bom)
		gip_out_puts(&out, "\xef\xbb\xbf");
	if (list) {
		stats_list_ratios(&out);
		return gip_out_close(&out) == -1 ? GIP_EXIT_TROUBLE :
		    GIP_EXIT_OK;
	}
	if (run.conf.nratio > 0)
		run.conf.view = VIEW_RATIOS;
	if (!merge) {
		if (dims != NULL)
			stats_conf_dims(&run.conf, dims);
		if (stats_conf_finish(&run.conf) == -1)
			usage();
	}
	stats_init(&run.st, &run.conf, partial, merge, window);

	rv = gip_each_input(argc, argv, process, &run);

	if (merge && run.hdr == NULL) {
		gip_warnx("no partial state in the input (want the output of "
		    "gip-stats --partial)");
		rv = GIP_EXIT_FINDINGS;
	} else {
		if (merge && !partial)
			stats_merge_settle(&run.st);
		else if (!merge)
			stats_finish(&run.st);
		if (partial)
			stats_state_write(&run.st, &out);
		else if (stats_output(&run.st, &out, fmt, !noheader,
		    chart) == -1)
			rv = GIP_EXIT_TROUBLE;
	}
	stats_summary(&run.st);
	if (run.st.bad > 0 && rv < GIP_EXIT_FINDINGS)
		rv = GIP_EXIT_FINDINGS;
	if (run.verbose)
		gip_warnx("%lu records, %lu findings, %zu documents, %zu "
		    "groups, %lu bad lines", run.nrec, run.nfind,
		    stats_dtab_count(&run.st.docs), run.st.cg.n + run.st.rg.n +
		    run.st.fg.n, run.st.bad);
	if (gip_out_close(&out) == -1)
		rv = GIP_EXIT_TROUBLE;
	stats_free(&run.st);
	stats_conf_free(&run.conf);
	gip_jsonin_free(&run.json);
	free(run.hdr);
	return rv;
}

static int
process(struct gip_reader *rd, void *arg)
{
	struct run	*run = arg;
	const char	*name = gip_reader_display(rd);
	char		*p;
	size_t		 n;
	int		 r;

	while ((r = gip_reader_next(rd)) == 1) {
		p = rd->buf;
		n = rd->len;
		if (gip_line_trim(rd->lineno, &p, &n))
			continue;
		if (run->st.merging)
			state_line(run, p, n, name, rd->lineno);
		else if (p[0] == '{')
			json_line(run, p, n, name, rd->lineno);
		else if (tsv_line(run, p, n, name, rd->lineno) == -1)
			return GIP_EXIT_FINDINGS;
	}
	if (r == -1) {
		gip_warn("%s", name);
		return GIP_EXIT_FINDINGS;
	}
	return GIP_EXIT_OK;
}

/* One parse: a gip-tables document, or a finding (no tables). */
static void
json_line(struct run *run, char *p, size_t n, const char *file,
    unsigned long line)
{
	struct gip_jsonin *j = &run->json;
	const struct gip_jnode *root;
	struct gip_record *recs;
	struct stats_finding f;
	size_t		 nrec, i;
	int		 tables, rule;

	if (gip_jsonin_records(&run->json, p, n, &recs, &nrec) == -1) {
		stats_bad(&run->st, file, line, "bad JSON", run->json.err);
		return;
	}
	root = gip_jsonin_root(&run->json);
	tables = gip_jsonin_get(&run->json, root, "tables") != NULL;
	rule = gip_jsonin_get(&run->json, root, "rule") != NULL;
	if (tables && !rule) {
		for (i = 0; i < nrec; i++)
			stats_record(&run->st, &recs[i], file, line);
		run->nrec += nrec;
	} else if (rule && !tables &&
	    is_severity(gip_jsonin_text(j, root, "severity"))) {
		f.doc = gip_jsonin_text(j, root, "doc");
		f.rule = gip_jsonin_text(j, root, "rule");
		f.severity = gip_jsonin_text(j, root, "severity");
		f.table = gip_jsonin_text(j, root, "table");
		f.row = gip_jsonin_text(j, root, "row");
		f.col = gip_jsonin_text(j, root, "col");
		stats_finding(&run->st, &f, file, line);
		run->nfind++;
	} else
		stats_bad(&run->st, file, line, "JSON that is neither a "
		    "gip-tables document (\"tables\", no \"rule\") nor a "
		    "gip-check finding (\"rule\" and a \"severity\" of "
		    "warning or error, no \"tables\")", NULL);
}


static int
is_header(char **f, const char *const *names, int n)
{
	int	 i;

	for (i = 0; i < n; i++)
		if (strcmp(f[i], names[i]) != 0)
			return 0;
	return 1;
}

/*
 * What a TSV line is, by its third column, which no line can have in
 * both kinds: a record's is the year (digits, or nothing), a finding's
 * is its severity (warning or error).  The field count must then be
 * that kind's.  Counting fields alone took a record that lost a field
 * for a finding and dropped its cell without a word.
 */
static int
is_severity(const char *s)
{
	return (*s == 'w' && strcmp(s, "warning") == 0) ||
	    (*s == 'e' && strcmp(s, "error") == 0);
}

static int
is_year_field(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* 0, or -1: the file is a partial state, to be skipped. */
static int
tsv_line(struct run *run, char *p, size_t n, const char *file,
    unsigned long line)
{
	char			*f[GIP_RECORD_NCOL + 1];
	char			 what[160];
	struct gip_record	 r;
	struct stats_finding	 fd;
	int			 nf, finding;

	if (stats_is_state(p, n)) {
		stats_bad(&run->st, file, line, "a partial state, skipped; "
		    "read it with --merge", NULL);
		return -1;
	}
	nf = gip_tsv_split(p, n, f, NULL, GIP_RECORD_NCOL + 1);
	/* both headers begin with "doc": one byte tells most lines */
	if (nf == GIP_RECORD_NCOL && f[0][0] == 'd' &&
	    is_header(f, gip_record_columns, GIP_RECORD_NCOL))
		return 0;
	if (nf == GIP_FINDING_NCOL && f[0][0] == 'd' &&
	    is_header(f, gip_finding_columns, GIP_FINDING_NCOL))
		return 0;
	if (nf < 3 || (!(finding = is_severity(f[2])) &&
	    !is_year_field(f[2]))) {
		stats_bad(&run->st, file, line, "neither a gip-tables record "
		    "(a year or nothing in column 3) nor a gip-check finding "
		    "(warning or error in column 3)", NULL);
		return 0;
	}
	if (nf != (finding ? GIP_FINDING_NCOL : GIP_RECORD_NCOL)) {
		snprintf(what, sizeof(what), "%d fields in a gip-%s line; "
		    "want %d", nf, finding ? "check finding" : "tables record",
		    finding ? GIP_FINDING_NCOL : GIP_RECORD_NCOL);
		stats_bad(&run->st, file, line, what, NULL);
		return 0;
	}
	if (!finding) {
		r.doc = f[0];
		r.agency = f[1];
		r.year = f[2];
		r.tmpl = f[3];
		r.table = f[4];
		r.row = f[5];
		r.col = f[6];
		r.value = f[7];
		r.status = f[8];
		r.raw = f[9];
		r.line = 0;
		stats_record(&run->st, &r, file, line);
		run->nrec++;
	} else {
		fd.doc = f[0];
		fd.rule = f[1];
		fd.severity = f[2];
		fd.table = f[3];
		fd.row = f[4];
		fd.col = f[5];
		stats_finding(&run->st, &fd, file, line);
		run->nfind++;
	}
	return 0;
}

/* --merge: the partials must come from the same options. */
static void
state_line(struct run *run, char *p, size_t n, const char *file,
    unsigned long line)
{
	char	*f[8];
	int	 r;

	r = stats_state_line(&run->st, p, n);
	if (r == -1) {
		stats_bad(&run->st, file, line, "not a line of a gip-stats "
		    "partial state", NULL);
		return;
	}
	if (r == 0)
		return;
	if (run->hdr != NULL) {
		if (strcmp(run->hdr, p) != 0)
			gip_errx(GIP_EXIT_TROUBLE, "%s:%lu: partial made with "
			    "other options than the first one read", file,
			    line);
		return;
	}
	run->hdr = gip_xstrndup(p, n);
	gip_tsv_split(p, n, f, NULL, 8);
	if (strcmp(f[2], STATS_PARTIAL_VERSION) != 0)
		gip_errx(GIP_EXIT_TROUBLE, "%s:%lu: partial state version %s;"
		    " this gip-stats reads version %s", file, line, f[2],
		    STATS_PARTIAL_VERSION);
	if (stats_conf_header(&run->conf, f[3], f[4], f[5], f[6]) == -1)
		gip_errx(GIP_EXIT_TROUBLE, "%s:%lu: bad partial state header",
		    file, line);
}
