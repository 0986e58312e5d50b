/*
 * stats_conf.c: the options that shape an aggregation: grouping
 * dimensions (-g), cell patterns (-c), ratio formulas (-r) and user
 * mappings (--map).  Each is also kept in a canonical text form, which
 * a partial state carries so that --merge can refuse partials made
 * with different options.
 */
#include <stdlib.h>
#include <string.h>

#include "gip.h"
#include "stats.h"

/*
 * The named ratios.  Each is numerator/denominator, each side a sum of
 * cells (a term may be subtracted).  gip-stats(1) lists them.
 */
static const struct {
	const char	*name, *expr, *what;
} named[] = {
	{ "carry_out", "t3.carry_out.total/t3.new.total+t3.carry_in.total",
	    "share of requests carried over to next year" },
	{ "correction", "t4.review.correct/t4.review.total",
	    "administrative reviews that corrected the agency (复议纠错率)" },
	{ "correction_decided",
	    "t4.review.correct/t4.review.total-t4.review.pending",
	    "corrections among decided reviews" },
	{ "denial", "t3.deny_secret.total+t3.deny_law.total+"
	    "t3.deny_safety.total+t3.deny_third.total+t3.deny_internal.total+"
	    "t3.deny_process.total+t3.deny_case.total+t3.deny_query.total"
	    "/t3.total.total", "requests refused (不予公开)" },
	{ "disclosure", "t3.open.total/t3.total.total",
	    "requests answered with full disclosure (予以公开)" },
	{ "dispute", "t4.review.total+t4.direct.total+t4.after.total"
	    "/t3.new.total", "reviews and lawsuits per new request (争议转化率)" },
	{ "litigation", "t4.direct.total+t4.after.total/t3.new.total",
	    "lawsuits per new request" },
	{ "litigation_correction",
	    "t4.direct.correct+t4.after.correct/t4.direct.total+t4.after.total",
	    "lawsuits that corrected the agency" },
	{ "review", "t4.review.total/t3.new.total",
	    "administrative reviews per new request" },
	{ "substantive", "t3.open.total+t3.partial.total/t3.total.total",
	    "full or partial disclosure (实质公开率)" },
	{ "unable", "t3.unable_nohold.total+t3.unable_create.total+"
	    "t3.unable_unclear.total/t3.total.total",
	    "requests that could not be answered (无法提供)" },
};

static const struct {
	const char		*name;
	enum stats_dimkind	 kind;
} builtin_dims[] = {
	{ "doc", DIM_DOC }, { "year", DIM_YEAR }, { "agency", DIM_AGENCY },
	{ "template", DIM_TEMPLATE }, { "table", DIM_TABLE },
	{ "row", DIM_ROW }, { "column", DIM_COLUMN }, { "col", DIM_COLUMN },
};

static int
is_ident(const char *s, size_t n)
{
	size_t	 i;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_' ||
		    s[i] == '-'))
			return 0;
	return 1;
}

/* Append to a comma-separated canonical list. */
static void
spec_add(char **spec, const char *s, size_t n)
{
	size_t	 old = *spec == NULL ? 0 : strlen(*spec);

	*spec = gip_xrealloc(*spec, old + n + 2);
	if (old > 0)
		(*spec)[old++] = ',';
	memcpy(*spec + old, s, n);
	(*spec)[old + n] = '\0';
}

/* -g: keep the text; dims are resolved once the maps are known. */
int
stats_conf_dims(struct stats_conf *c, const char *s)
{
	free(c->dimspec);
	c->dimspec = gip_xstrdup(s);
	return 0;
}

/* -g: a field that is neither built in nor in a map, and the nearest. */
static void
unknown_field(const struct stats_conf *c, const char *p, size_t n)
{
	const char	**names;
	struct gip_buf	 b;
	char		*word = gip_xstrndup(p, n);
	size_t		 nn = 0, i;
	int		 m, k;

	names = gip_xcalloc(sizeof(builtin_dims) / sizeof(builtin_dims[0]) +
	    64, sizeof(*names));
	for (i = 0; i < sizeof(builtin_dims) / sizeof(builtin_dims[0]); i++)
		names[nn++] = builtin_dims[i].name;
	for (m = 0; m < c->nmap; m++)
		for (k = 0; k < c->maps[m].ncol && nn < sizeof(builtin_dims) /
		    sizeof(builtin_dims[0]) + 64; k++)
			names[nn++] = c->maps[m].names[k];
	memset(&b, 0, sizeof(b));
	gip_suggest(&b, word, names, nn);
	gip_warnx("-g: unknown field: %s (closest: %s%s)", word, b.p,
	    c->nmap == 0 ? "; other fields come from --map" : "");
	gip_buf_free(&b);
	free(names);
	free(word);
}

static int
resolve_dims(struct stats_conf *c)
{
	const char	*p, *e;
	size_t		 n, i;
	int		 m, k = 0, j;
	char		*spec = c->dimspec;

	c->dimspec = NULL;
	c->ndim = c->ndocdim = 0;
	for (p = spec; p != NULL && *p != '\0'; p = *e ? e + 1 : e) {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		n = (size_t)(e - p);
		if (n == 0)
			continue;
		c->dims = gip_xreallocarray(c->dims, (size_t)c->ndim + 1,
		    sizeof(*c->dims));
		memset(&c->dims[c->ndim], 0, sizeof(*c->dims));
		for (i = 0; i < sizeof(builtin_dims) / sizeof(builtin_dims[0]);
		    i++)
			if (strlen(builtin_dims[i].name) == n &&
			    memcmp(builtin_dims[i].name, p, n) == 0)
				break;
		if (i < sizeof(builtin_dims) / sizeof(builtin_dims[0])) {
			c->dims[c->ndim].kind = builtin_dims[i].kind;
			c->dims[c->ndim].name = builtin_dims[i].kind ==
			    DIM_COLUMN ? "col" : builtin_dims[i].name;
		} else {
			for (m = 0; m < c->nmap; m++) {
				for (k = 0; k < c->maps[m].ncol; k++)
					if (strlen(c->maps[m].names[k]) == n &&
					    memcmp(c->maps[m].names[k], p, n)
					    == 0)
						break;
				if (k < c->maps[m].ncol)
					break;
			}
			if (m == c->nmap && c->lenient) {
				c->owned = gip_xreallocarray(c->owned,
				    (size_t)c->nowned + 1, sizeof(char *));
				c->owned[c->nowned] = gip_xstrndup(p, n);
				c->dims[c->ndim].kind = DIM_MAP;
				c->dims[c->ndim].name = c->owned[c->nowned++];
			} else if (m == c->nmap) {
				unknown_field(c, p, n);
				free(spec);
				return -1;
			} else {
				c->dims[c->ndim].kind = DIM_MAP;
				c->dims[c->ndim].name = c->maps[m].names[k];
				c->dims[c->ndim].map = m;
				c->dims[c->ndim].mapcol = k;
				c->maps[m].used = 1;
			}
		}
		for (j = 0; j < c->ndim; j++)
			if (strcmp(c->dims[j].name, c->dims[c->ndim].name)
			    == 0) {
				gip_warnx("-g: field given twice: %s",
				    c->dims[j].name);
				free(spec);
				return -1;
			}
		switch (c->dims[c->ndim].kind) {
		case DIM_TABLE:
		case DIM_ROW:
		case DIM_COLUMN:
			c->dims[c->ndim].docpos = -1;
			break;
		default:
			c->dims[c->ndim].docpos = c->ndocdim++;
			break;
		}
		spec_add(&c->dimspec, c->dims[c->ndim].name,
		    strlen(c->dims[c->ndim].name));
		c->ndim++;
	}
	free(spec);
	if (c->dimspec == NULL)
		c->dimspec = gip_xstrdup("");
	return 0;
}

/* -c: "t3.new.total", "t3.*.total", "t3.new", "t3", comma-separated. */
int
stats_conf_cells(struct stats_conf *c, const char *s)
{
	const char	*p, *e, *d;
	struct gip_buf	 b;
	size_t		 n;
	int		 parts;

	for (p = s; *p != '\0'; p = *e ? e + 1 : e) {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		n = (size_t)(e - p);
		if (n == 0)
			continue;
		memset(&b, 0, sizeof(b));
		gip_buf_add(&b, p, n);
		for (parts = 1, d = b.p; (d = strchr(d, '.')) != NULL; d++)
			parts++;
		if (parts > 3 || strstr(b.p, "..") != NULL ||
		    b.p[0] == '.' || b.p[b.len - 1] == '.') {
			gip_warnx("-c: bad cell pattern: %s (want "
			    "TABLE[.ROW[.COLUMN]], * for any)", b.p);
			gip_buf_free(&b);
			return -1;
		}
		for (; parts < 3; parts++)
			gip_buf_adds(&b, ".*");
		c->cells = gip_xreallocarray(c->cells, (size_t)c->ncell + 1,
		    sizeof(*c->cells));
		c->cells[c->ncell++] = b.p;
		spec_add(&c->cellspec, b.p, b.len);
	}
	return 0;
}

/* One component against one pattern component ("*" matches all). */
static int
part_match(const char *pat, size_t plen, const char *s)
{
	if (plen == 1 && pat[0] == '*')
		return 1;
	return strlen(s) == plen && memcmp(pat, s, plen) == 0;
}

int
stats_cell_match(const struct stats_conf *c, const char *table,
    const char *row, const char *col)
{
	const char	*p, *d1, *d2;
	int		 i;

	for (i = 0; i < c->ncell; i++) {
		p = c->cells[i];
		d1 = strchr(p, '.');
		d2 = strchr(d1 + 1, '.');
		if (part_match(p, (size_t)(d1 - p), table) &&
		    part_match(d1 + 1, (size_t)(d2 - d1 - 1), row) &&
		    part_match(d2 + 1, strlen(d2 + 1), col))
			return 1;
	}
	return 0;
}

/* One side of a formula: cell ("+"|"-") cell ... */
static int
parse_side(const char *p, size_t n, struct stats_term *t, int *nt,
    struct gip_buf *canon)
{
	size_t	 i, start;
	int	 sign = 1, dots;
	char	*cell, *d1, *d2;

	*nt = 0;
	for (i = start = 0; i <= n; i++) {
		if (i < n && p[i] != '+' && p[i] != '-')
			continue;
		if (i == start || *nt == STATS_MAXTERMS)
			return -1;
		cell = gip_xstrndup(p + start, i - start);
		for (dots = 0, d1 = cell; (d1 = strchr(d1, '.')) != NULL; d1++)
			dots++;
		d1 = strchr(cell, '.');
		if (dots != 2 || d1 == cell || d1[1] == '.' ||
		    (d2 = strchr(d1 + 1, '.'))[1] == '\0') {
			free(cell);
			return -1;
		}
		*d1++ = '\0';
		*d2++ = '\0';
		t[*nt].table = cell;
		t[*nt].row = gip_xstrdup(d1);
		t[*nt].col = gip_xstrdup(d2);
		t[*nt].sign = sign;
		if (*nt > 0)
			gip_buf_addc(canon, sign > 0 ? '+' : '-');
		gip_buf_add(canon, p + start, i - start);
		(*nt)++;
		if (i < n)
			sign = p[i] == '+' ? 1 : -1;
		start = i + 1;
	}
	return 0;
}

static int
add_ratio(struct stats_conf *c, const char *name, size_t nlen,
    const char *expr)
{
	struct stats_ratio *r;
	struct gip_buf	 canon;
	const char	*slash;
	int		 i;

	for (i = 0; i < c->nratio; i++)
		if (strlen(c->ratios[i].name) == nlen &&
		    memcmp(c->ratios[i].name, name, nlen) == 0)
			return 0;
	slash = strchr(expr, '/');
	if (slash == NULL || strchr(slash + 1, '/') != NULL) {
		gip_warnx("-r: %.*s: want NAME=CELL[+CELL...]/CELL[+CELL...]",
		    (int)nlen, name);
		return -1;
	}
	c->ratios = gip_xreallocarray(c->ratios, (size_t)c->nratio + 1,
	    sizeof(*c->ratios));
	r = &c->ratios[c->nratio];
	memset(r, 0, sizeof(*r));
	memset(&canon, 0, sizeof(canon));
	gip_buf_add(&canon, name, nlen);
	gip_buf_addc(&canon, '=');
	if (parse_side(expr, (size_t)(slash - expr), r->num, &r->nnum,
	    &canon) == -1 || (gip_buf_addc(&canon, '/'),
	    parse_side(slash + 1, strlen(slash + 1), r->den, &r->nden,
	    &canon)) == -1) {
		gip_warnx("-r: %.*s: bad cell in formula %s (want "
		    "TABLE.ROW.COLUMN joined by + or -)", (int)nlen, name,
		    expr);
		for (i = 0; i < r->nnum; i++) {
			free(r->num[i].table);
			free(r->num[i].row);
			free(r->num[i].col);
		}
		gip_buf_free(&canon);
		return -1;
	}
	r->name = gip_xstrndup(name, nlen);
	r->def = canon.p;
	c->nratio++;
	return 0;
}

static void
unknown_ratio(const char *item)
{
	const char	*names[sizeof(named) / sizeof(named[0])];
	struct gip_buf	 b;
	size_t		 i;

	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		names[i] = named[i].name;
	memset(&b, 0, sizeof(b));
	gip_suggest(&b, item, names, sizeof(named) / sizeof(named[0]));
	gip_warnx("-r: unknown ratio: %s (closest: %s; see --list-ratios, "
	    "or give NAME=FORMULA)", item, b.p);
	gip_buf_free(&b);
}

/* -r: named ratios, "all", or NAME=FORMULA; comma-separated. */
int
stats_conf_ratios(struct stats_conf *c, const char *s)
{
	const char	*p, *e, *eq;
	char		*item;
	size_t		 n, i;
	int		 rv = 0;

	for (p = s; *p != '\0' && rv == 0; p = *e ? e + 1 : e) {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		n = (size_t)(e - p);
		if (n == 0)
			continue;
		item = gip_xstrndup(p, n);
		if ((eq = strchr(item, '=')) != NULL) {
			if (!is_ident(item, (size_t)(eq - item))) {
				gip_warnx("-r: bad ratio name: %.*s",
				    (int)(eq - item), item);
				rv = -1;
			} else
				rv = add_ratio(c, item, (size_t)(eq - item),
				    eq + 1);
		} else if (strcmp(item, "all") == 0) {
			for (i = 0; i < sizeof(named) / sizeof(named[0]) &&
			    rv == 0; i++)
				rv = add_ratio(c, named[i].name,
				    strlen(named[i].name), named[i].expr);
		} else {
			for (i = 0; i < sizeof(named) / sizeof(named[0]); i++)
				if (strcmp(named[i].name, item) == 0)
					break;
			if (i == sizeof(named) / sizeof(named[0])) {
				unknown_ratio(item);
				rv = -1;
			} else
				rv = add_ratio(c, named[i].name,
				    strlen(named[i].name), named[i].expr);
		}
		free(item);
	}
	return rv;
}

void
stats_list_ratios(struct gip_out *o)
{
	size_t	 i;

	gip_tsv_fields(o, "ratio");
	gip_tsv_fields(o, "formula");
	gip_tsv_fields(o, "meaning");
	gip_tsv_end_row(o);
	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
		gip_tsv_fields(o, named[i].name);
		gip_tsv_fields(o, named[i].expr);
		gip_tsv_fields(o, named[i].what);
		gip_tsv_end_row(o);
	}
}

static void
free_row(void *p)
{
	char	**v = p;
	size_t	 i;

	for (i = 0; v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

/* --map FILE: TSV, header "doc|agency TAB name...". */
int
stats_conf_map(struct stats_conf *c, const char *path)
{
	struct gip_reader rd;
	struct stats_map *m;
	struct stats_strent *e;
	char		**f = NULL, **row;
	size_t		 nalloc = 0;
	int		 nf, i, isnew, r, rv = 0;

	if (gip_reader_open(&rd, path) == -1) {
		gip_warn("%s", path);
		return -1;
	}
	c->maps = gip_xreallocarray(c->maps, (size_t)c->nmap + 1,
	    sizeof(*c->maps));
	m = &c->maps[c->nmap];
	memset(m, 0, sizeof(*m));
	m->path = path;
	m->rows = gip_xcalloc(1, sizeof(*m->rows));
	while ((r = gip_reader_next(&rd)) == 1) {
		if (rd.len > 0 && rd.buf[rd.len - 1] == '\r')
			rd.buf[--rd.len] = '\0';
		if (rd.len == 0)
			continue;
		nf = gip_tsv_split(rd.buf, rd.len, NULL, NULL, 0);
		if ((size_t)nf > nalloc) {
			nalloc = (size_t)nf;
			f = gip_xreallocarray(f, nalloc, sizeof(*f));
		}
		gip_tsv_split(rd.buf, rd.len, f, NULL, nf);
		if (m->names == NULL) {
			if (strcmp(f[0], "doc") == 0)
				m->on_agency = 0;
			else if (strcmp(f[0], "agency") == 0)
				m->on_agency = 1;
			else {
				gip_diag(path, rd.lineno, GIP_ERROR, "the "
				    "first column must be named doc or "
				    "agency, not %s", f[0]);
				rv = -1;
				break;
			}
			m->ncol = nf - 1;
			m->names = gip_xcalloc((size_t)nf, sizeof(char *));
			for (i = 1; i < nf; i++)
				m->names[i - 1] = gip_xstrdup(f[i]);
			continue;
		}
		e = stats_strtab_get(m->rows, f[0], strlen(f[0]), &isnew);
		if (!isnew) {
			gip_diag(path, rd.lineno, GIP_WARNING, "%s given "
			    "again; the first entry is used", f[0]);
			continue;
		}
		if (nf - 1 > m->ncol)
			gip_diag(path, rd.lineno, GIP_WARNING, "%d fields "
			    "for %d columns; the extra ones are ignored", nf,
			    m->ncol + 1);
		row = gip_xcalloc((size_t)m->ncol + 1, sizeof(*row));
		for (i = 0; i < m->ncol; i++)
			row[i] = gip_xstrdup(i + 1 < nf ? f[i + 1] : "");
		e->val = row;
	}
	if (r == -1) {
		gip_warn("%s", path);
		rv = -1;
	} else if (rv == 0 && m->names == NULL) {
		gip_warnx("%s: empty map (want a header line)", path);
		rv = -1;
	}
	free(f);
	gip_reader_close(&rd);
	c->nmap++;
	return rv;
}

/* The map's value for a document; NULL when it has no entry. */
const char *
stats_map_value(struct stats_map *m, const char *doc, const char *agency,
    int col, size_t *len)
{
	struct stats_strent *e;
	const char	*k = m->on_agency ? agency : doc;
	char		**row;

	e = stats_strtab_get(m->rows, k, strlen(k), NULL);
	if (e == NULL)
		return NULL;
	row = e->val;
	*len = strlen(row[col]);
	return row[col];
}

/* Does some key gip-tables writes match "t.r.c" (with "*")? */
static int
key_known(const char *table, size_t lt, const char *row, size_t lr,
    const char *col, size_t lc)
{
	const char *const *keys;
	const char	*k, *d1, *d2;
	size_t		 n, i;

	keys = gip_schema_keys(3, &n);
	for (i = 0; i < n; i++) {
		k = keys[i];
		d1 = strchr(k, '.');
		d2 = strchr(d1 + 1, '.');
		if ((lt == 1 && *table == '*') || ((size_t)(d1 - k) == lt &&
		    memcmp(k, table, lt) == 0))
			if ((lr == 1 && *row == '*') ||
			    ((size_t)(d2 - d1 - 1) == lr &&
			    memcmp(d1 + 1, row, lr) == 0))
				if ((lc == 1 && *col == '*') ||
				    (strlen(d2 + 1) == lc &&
				    memcmp(d2 + 1, col, lc) == 0))
					return 1;
	}
	return 0;
}

/* An unknown key: a usage error naming the known keys nearest to it. */
static void
unknown_key(const char *opt, const char *what, const char *key, int depth)
{
	const char *const *keys;
	struct gip_buf	 b;
	size_t		 n;

	keys = gip_schema_keys(depth, &n);
	memset(&b, 0, sizeof(b));
	gip_suggest(&b, key, keys, n);
	gip_warnx("%s: no %s %s in any table gip-tables writes (closest: %s;"
	    " see gip-tables(1))", opt, what, key, b.p);
	gip_buf_free(&b);
}

/*
 * -c patterns and ratio terms must name keys that exist: a typo would
 * otherwise select nothing and print an empty table, status 0.
 */
static int
check_cells(const struct stats_conf *c)
{
	const char	*p, *d1, *d2;
	char		*word;
	int		 i, j, side, depth;

	for (i = 0; i < c->ncell; i++) {
		p = c->cells[i];
		d1 = strchr(p, '.');
		d2 = strchr(d1 + 1, '.');
		if (key_known(p, (size_t)(d1 - p), d1 + 1,
		    (size_t)(d2 - d1 - 1), d2 + 1, strlen(d2 + 1)))
			continue;
		/* the pattern as given, without the ".*" added */
		word = gip_xstrdup(p);
		depth = 3;
		while (depth > 1 && strlen(word) >= 2 &&
		    strcmp(word + strlen(word) - 2, ".*") == 0) {
			word[strlen(word) - 2] = '\0';
			depth--;
		}
		unknown_key("-c", "cell", word, depth);
		free(word);
		return -1;
	}
	for (i = 0; i < c->nratio; i++)
		for (side = 0; side < 2; side++)
			for (j = 0; j < (side ? c->ratios[i].nden :
			    c->ratios[i].nnum); j++) {
				const struct stats_term *t = side ?
				    &c->ratios[i].den[j] : &c->ratios[i].num[j];
				struct gip_buf	 b;

				if (key_known(t->table, strlen(t->table),
				    t->row, strlen(t->row), t->col,
				    strlen(t->col)))
					continue;
				memset(&b, 0, sizeof(b));
				gip_buf_printf(&b, "%s.%s.%s", t->table,
				    t->row, t->col);
				unknown_key("-r", "cell", b.p, 3);
				gip_buf_free(&b);
				return -1;
			}
	return 0;
}

/* Does a -g list name table, row or column? */
static int
names_cell_dim(const char *spec)
{
	const char	*p, *e;
	size_t		 n;

	for (p = spec; *p != '\0'; p = *e ? e + 1 : e) {
		e = p + strcspn(p, ",");
		n = (size_t)(e - p);
		if ((n == 5 && memcmp(p, "table", 5) == 0) ||
		    (n == 3 && memcmp(p, "row", 3) == 0) ||
		    (n == 6 && memcmp(p, "column", 6) == 0) ||
		    (n == 3 && memcmp(p, "col", 3) == 0))
			return 1;
	}
	return 0;
}

/* Do the -c patterns select one cell (no "*", one pattern)? */
static int
one_cell(const struct stats_conf *c)
{
	return c->ncell == 1 && strchr(c->cells[0], '*') == NULL;
}

/* Defaults and cross-checks, once all options are in. */
int
stats_conf_finish(struct stats_conf *c)
{
	size_t	 n;
	int	 i;

	if (c->ncell == 0)
		stats_conf_cells(c, "t2,t3,t4");
	if (!c->lenient && check_cells(c) == -1)
		return -1;
	if (c->dimspec == NULL)
		c->dimspec = gip_xstrdup(c->view == VIEW_CELLS ?
		    "table,row,col" : "");
	else if (c->view == VIEW_CELLS && !c->lenient && !c->pool &&
	    !names_cell_dim(c->dimspec) && !one_cell(c)) {
		/* -g year: per year and cell, not one sum of every cell */
		n = strlen(c->dimspec);
		c->dimspec = gip_xrealloc(c->dimspec, n + 20);
		strcpy(c->dimspec + n, n > 0 ? ",table,row,col" :
		    "table,row,col");
	}
	if (resolve_dims(c) == -1)
		return -1;
	if (c->view == VIEW_RATIOS || c->view == VIEW_DOCS) {
		for (i = 0; i < c->ndim; i++)
			if (c->dims[i].docpos < 0) {
				gip_warnx("-g %s: %s are per document; "
				    "group them by document fields only",
				    c->dims[i].name, c->view == VIEW_DOCS ?
				    "documents" : "ratios");
				return -1;
			}
	}
	if (c->ratiospec == NULL) {
		for (i = 0; i < c->nratio; i++)
			spec_add(&c->ratiospec, c->ratios[i].def,
			    strlen(c->ratios[i].def));
		if (c->ratiospec == NULL)
			c->ratiospec = gip_xstrdup("");
	}
	return 0;
}

void
stats_conf_free(struct stats_conf *c)
{
	int	 i, j;

	free(c->dims);
	free(c->dimspec);
	for (i = 0; i < c->ncell; i++)
		free(c->cells[i]);
	free(c->cells);
	free(c->cellspec);
	for (i = 0; i < c->nratio; i++) {
		for (j = 0; j < c->ratios[i].nnum; j++) {
			free(c->ratios[i].num[j].table);
			free(c->ratios[i].num[j].row);
			free(c->ratios[i].num[j].col);
		}
		for (j = 0; j < c->ratios[i].nden; j++) {
			free(c->ratios[i].den[j].table);
			free(c->ratios[i].den[j].row);
			free(c->ratios[i].den[j].col);
		}
		free(c->ratios[i].name);
		free(c->ratios[i].def);
	}
	free(c->ratios);
	free(c->ratiospec);
	for (i = 0; i < c->nmap; i++) {
		for (j = 0; j < c->maps[i].ncol; j++)
			free(c->maps[i].names[j]);
		free(c->maps[i].names);
		stats_strtab_free(c->maps[i].rows, free_row);
		free(c->maps[i].rows);
		free(c->maps[i].first_unmatched);
	}
	free(c->maps);
	for (i = 0; i < c->nowned; i++)
		free(c->owned[i]);
	free(c->owned);
}

static const char *const view_names[] = { "cells", "ratios", "findings",
	"docs" };

const char *
stats_view_name(enum stats_view v)
{
	return view_names[v];
}

/*
 * The options of the partials, from their H line, for --merge: map
 * fields are known by name only there.
 */
int
stats_conf_header(struct stats_conf *c, const char *view, const char *dims,
    const char *cells, const char *ratios)
{
	int	 i;

	for (i = 0; i < 4; i++)
		if (strcmp(view, view_names[i]) == 0)
			break;
	if (i == 4)
		return -1;
	c->view = (enum stats_view)i;
	c->lenient = 1;
	if (stats_conf_dims(c, dims) == -1 ||
	    stats_conf_cells(c, cells) == -1 ||
	    stats_conf_ratios(c, ratios) == -1)
		return -1;
	return stats_conf_finish(c);
}
