/*
 * check_docs.c: the state gip-check keeps per document, and when it
 * lets go of it.
 *
 * Records of one document may be spread over the input (parallel runs
 * writing into one pipe interleave whole lines), so each document in
 * flight has its own cell array, found by name in a hash table.  A
 * document is checked when it has not been seen for a while: the
 * documents in flight form a recency list, and when a new document
 * would make more than `window' of them, the least recently seen one is
 * checked and its memory reused; at the end of the input the rest are
 * checked, oldest first.  Input whose documents are contiguous (one
 * gip-tables) thus needs one document of memory at a time; N parallel
 * writers need about N.  A record for a document already checked means
 * the window was too small: it is reported and dropped, never checked
 * as a second, partial document.
 */
#include <stdlib.h>
#include <string.h>

#include "gip.h"
#include "check.h"

/* The schema's cells by key; one entry per (table, row, col). */
struct key {
	const char		*table, *row, *col;
	uint64_t		 hash;		/* hash3 of the three */
	const struct gip_cell	*cell[2];	/* 2021, 2019 */
};

#define KEYMAX	512
#define KHASH	1024			/* a power of two, > 2 * KEYMAX */

static struct key	 keys[KEYMAX];
static int		 nkeys;
static short		 khash[KHASH];	/* kid + 1, 0 = empty */

/* A set of 64-bit hashes, open-addressed (0 stands for 1). */
struct hset {
	uint64_t	*v;
	size_t		 cap, n;
};

struct docs {
	struct doc	**ht;
	size_t		  htcap, n;
	struct doc	 *oldest, *newest, *last, *spare;
	size_t		  window;
	struct hset	  done;		/* documents checked */
	struct hset	  late;		/* ... and then seen again */
	unsigned long	  ndropped;
	check_done_fn	 *done_fn;	/* a document is complete */
	void		 *done_arg;
	unsigned long	  ndocs;
	int		  nextk;	/* the key after the last record's */
};

static uint64_t	 hash3(const char *, const char *, const char *);
static int	 same(const char *, const char *);
static uint64_t	 hash_name(const char *);
static void	 hset_add(struct hset *, uint64_t);
static int	 hset_has(const struct hset *, uint64_t);
static struct doc *doc_find(struct docs *, const char *, uint64_t);
static struct doc *doc_new(struct docs *, const struct gip_record *,
		    uint64_t);
static void	 doc_release(struct docs *, struct doc *);
static void	 touch(struct docs *, struct doc *);
static int	 parse_status(const char *);

/* A cell's three keys, with a separator byte after each part. */
static uint64_t
hash3(const char *a, const char *b, const char *c)
{
	char		 buf[256];
	const char	*s[3] = { a, b, c };
	size_t		 n = 0, l;
	int		 i;

	for (i = 0; i < 3; i++) {
		l = strlen(s[i]);
		if (n + l + 1 > sizeof(buf))	/* no such key: any hash */
			break;
		memcpy(buf + n, s[i], l);
		n += l;
		buf[n++] = '\xff';
	}
	return gip_hash64(buf, n);
}

/* strcmp(a, b) == 0, inline: the names are short. */
static int
same(const char *a, const char *b)
{
	while (*a == *b && *a != '\0') {
		a++;
		b++;
	}
	return *a == *b;
}

static uint64_t
hash_name(const char *s)
{
	return gip_hash64(s, strlen(s));
}

void
check_keys_init(void)
{
	const struct gip_cell	*c;
	size_t			 n, i;
	int			 k, t;
	uint64_t		 h;

	c = gip_schema(&n);
	for (i = 0; i < n; i++) {
		k = check_key_find(c[i].table, c[i].row, c[i].col);
		if (k < 0) {
			if (nkeys == KEYMAX)
				gip_errx(GIP_EXIT_TROUBLE, "schema too large");
			k = nkeys++;
			keys[k].table = c[i].table;
			keys[k].row = c[i].row;
			keys[k].col = c[i].col;
			keys[k].hash = h = hash3(c[i].table, c[i].row,
			    c[i].col);
			while (khash[h & (KHASH - 1)] != 0)
				h++;
			khash[h & (KHASH - 1)] = (short)(k + 1);
		}
		for (t = 0; t < 2; t++)
			if ((c[i].tmpl & (t == 0 ? GIP_T2021 : GIP_T2019)) &&
			    keys[k].cell[t] == NULL)
				keys[k].cell[t] = &c[i];
	}
}

int
check_nkeys(void)
{
	return nkeys;
}

int
check_key_find(const char *table, const char *row, const char *col)
{
	uint64_t	 h, h0;
	int		 k;

	h0 = hash3(table, row, col);
	for (h = h0; (k = khash[h & (KHASH - 1)]) != 0; h++)
		if (keys[k - 1].hash == h0 && same(keys[k - 1].row, row) &&
		    same(keys[k - 1].col, col) &&
		    same(keys[k - 1].table, table))
			return k - 1;
	return -1;
}

/* Prose facts name a grid cell by row and col; rows are unique. */
int
check_key_narr(const char *row, const char *col)
{
	static const char *const tabs[] = { "t2", "t3", "t4" };
	int		 i, k;

	for (i = 0; i < 3; i++)
		if ((k = check_key_find(tabs[i], row, col)) >= 0)
			return k;
	return -1;
}

const char *
check_key_table(int k)
{
	return keys[k].table;
}

const char *
check_key_row(int k)
{
	return keys[k].row;
}

const char *
check_key_col(int k)
{
	return keys[k].col;
}

/* The cell in template tmpl (0: whichever has it), or NULL. */
const struct gip_cell *
check_key_cell(unsigned tmpl, int k)
{
	if (tmpl == GIP_T2021)
		return keys[k].cell[0];
	if (tmpl == GIP_T2019)
		return keys[k].cell[1];
	return keys[k].cell[0] != NULL ? keys[k].cell[0] : keys[k].cell[1];
}

/*
 * A number as gip-tables writes it: an optional sign, digits, an
 * optional fraction; nothing else.  Returns CV_* flags (CV_NEG etc.);
 * *v gets the value (lib/decimal.c, millionths), cut to CHECK_PLACES
 * decimals.
 */
int
check_parse_value(const char *s, int64_t *v)
{
	int64_t	 cut, whole;
	int	 d, fl = 0;

	d = gip_dec_parse(s, v);
	if (d & (GIP_DEC_BAD | GIP_DEC_DOT)) {
		*v = 0;
		return CV_BAD;
	}
	/* the decimals past CHECK_PLACES are dropped, and said */
	cut = *v % CHECK_UNIT;
	if (cut != 0 || (d & GIP_DEC_MORE))
		fl |= CV_DEC5;
	whole = *v / GIP_DEC_SCALE;
	if ((d & GIP_DEC_BIG) || whole > CHECK_VMAX || whole < -CHECK_VMAX) {
		*v = 0;
		return fl | CV_BIG;
	}
	*v -= cut;
	if (*v != whole * GIP_DEC_SCALE || (fl & CV_DEC5))
		fl |= CV_FRAC;
	if (*v < 0)
		fl |= CV_NEG;
	return fl;
}

static int
parse_status(const char *s)
{
	/* once per record: compared inline */
	switch (*s) {
	case 'y':
		/* a year (narr period year): a number, not a count */
		if (same(s, "year"))
			return CST_NUM;
		break;
	case 'd':
		if (same(s, "date"))
			return CST_TEXT;
		break;
	case 'n':
		if (same(s, "num"))
			return CST_NUM;
		if (same(s, "na"))
			return CST_NA;
		break;
	case 'b':
		if (same(s, "blank"))
			return CST_BLANK;
		break;
	case 't':
		if (same(s, "text"))
			return CST_TEXT;
		break;
	case 'm':
		if (same(s, "missing"))
			return CST_MISSING;
		break;
	default:
		break;
	}
	return -1;
}

uint32_t
check_doc_str(struct doc *d, const char *s)
{
	size_t	 off = d->strs.len;

	if (off >= UINT32_MAX - 1)
		return 0;
	gip_buf_add(&d->strs, s, strlen(s) + 1);
	return (uint32_t)off + 1;
}

const char *
check_doc_text(const struct doc *d, uint32_t t)
{
	return t == 0 ? "" : d->strs.p + t - 1;
}

/* The prose facts that are sums of cells (see check.h). */
const struct narrsum check_narrsums[] = {
	{ "litigation", "direct+after", "t4", "total",
	    { "direct", "after", NULL } },
	{ "open_partial", "open+partial", "t3", "total",
	    { "open", "partial", NULL } },
	{ "deny", "deny_*", "t3", "total",
	    { "deny_secret", "deny_law", "deny_safety", "deny_third",
	    "deny_internal", "deny_process", "deny_case", "deny_query",
	    NULL } },
	{ "unable", "unable_*", "t3", "total",
	    { "unable_nohold", "unable_create", "unable_unclear", NULL } },
	{ "ignore", "ignore_*", "t3", "total",
	    { "ignore_petition", "ignore_repeat", "ignore_pub",
	    "ignore_mass", "ignore_confirm", NULL } },
	{ "other", "other_*", "t3", "total",
	    { "other_nocorrect", "other_nofee", "other_misc", NULL } },
};

/* The sum a narr row and column stand for, or -1. */
int
check_narr_sum(const char *row, const char *col)
{
	size_t	 i;

	for (i = 0; i < sizeof(check_narrsums) / sizeof(check_narrsums[0]); i++)
		if (strcmp(check_narrsums[i].row, row) == 0 &&
		    strcmp(check_narrsums[i].col, col) == 0)
			return (int)i;
	return -1;
}


/*
 * done is called with each document once it is complete: when it
 * leaves the window, or at the end (the rules run there: this file
 * only keeps documents).
 */
struct docs *
check_docs_new(size_t window, check_done_fn *done, void *arg)
{
	struct docs	*ds;

	ds = gip_xcalloc(1, sizeof(*ds));
	ds->window = window;
	ds->done_fn = done;
	ds->done_arg = arg;
	ds->htcap = 64;
	ds->ht = gip_xcalloc(ds->htcap, sizeof(*ds->ht));
	return ds;
}

unsigned long
check_docs_count(const struct docs *ds)
{
	return ds->ndocs;
}

static void
hset_add(struct hset *hs, uint64_t h)
{
	uint64_t	*old;
	size_t		 oldcap, i, j;

	h = h == 0 ? 1 : h;
	if (2 * (hs->n + 1) > hs->cap) {
		old = hs->v;
		oldcap = hs->cap;
		hs->cap = oldcap ? oldcap * 2 : 256;
		hs->v = gip_xcalloc(hs->cap, sizeof(*hs->v));
		for (i = 0; i < oldcap; i++) {
			if (old[i] == 0)
				continue;
			for (j = old[i] & (hs->cap - 1); hs->v[j] != 0;
			    j = (j + 1) & (hs->cap - 1))
				;
			hs->v[j] = old[i];
		}
		free(old);
	}
	for (j = h & (hs->cap - 1); hs->v[j] != 0; j = (j + 1) & (hs->cap - 1))
		if (hs->v[j] == h)
			return;
	hs->v[j] = h;
	hs->n++;
}

static int
hset_has(const struct hset *hs, uint64_t h)
{
	size_t	 j;

	if (hs->cap == 0)
		return 0;
	h = h == 0 ? 1 : h;
	for (j = h & (hs->cap - 1); hs->v[j] != 0; j = (j + 1) & (hs->cap - 1))
		if (hs->v[j] == h)
			return 1;
	return 0;
}

static struct doc *
doc_find(struct docs *ds, const char *name, uint64_t h)
{
	struct doc	*d;

	for (d = ds->ht[h & (ds->htcap - 1)]; d != NULL; d = d->hnext)
		if (d->hash == h && strcmp(d->name, name) == 0)
			return d;
	return NULL;
}

static struct doc *
doc_new(struct docs *ds, const struct gip_record *r, uint64_t h)
{
	struct doc	*d, **nht, *e, *next;
	size_t		 i, cap;

	if (gip_progress_on)
		gip_progress_add(1, 0);
	if (2 * (ds->n + 1) > ds->htcap) {
		cap = ds->htcap * 2;
		nht = gip_xcalloc(cap, sizeof(*nht));
		for (i = 0; i < ds->htcap; i++)
			for (e = ds->ht[i]; e != NULL; e = next) {
				next = e->hnext;
				e->hnext = nht[e->hash & (cap - 1)];
				nht[e->hash & (cap - 1)] = e;
			}
		free(ds->ht);
		ds->ht = nht;
		ds->htcap = cap;
	}
	if ((d = ds->spare) != NULL) {
		ds->spare = NULL;
		memset(d->cells, 0, (size_t)nkeys * sizeof(*d->cells));
		d->nnarr = 0;
		gip_buf_reset(&d->strs);
	} else {
		d = gip_xcalloc(1, sizeof(*d));
		d->cells = gip_xcalloc((size_t)nkeys, sizeof(*d->cells));
	}
	d->name = gip_xstrdup(r->doc);
	d->agency = gip_xstrdup(r->agency);
	d->year = gip_xstrdup(r->year);
	d->tmpl = gip_xstrdup(r->tmpl);
	d->published = NULL;
	d->hash = h;
	d->tables = 0;
	d->found = -1;
	d->why = 0;
	d->nrec = 0;
	d->warned = 0;
	d->hnext = ds->ht[h & (ds->htcap - 1)];
	ds->ht[h & (ds->htcap - 1)] = d;
	d->older = ds->newest;
	d->newer = NULL;
	if (ds->newest != NULL)
		ds->newest->newer = d;
	else
		ds->oldest = d;
	ds->newest = d;
	ds->n++;
	ds->ndocs++;
	return d;
}

static void
touch(struct docs *ds, struct doc *d)
{
	if (ds->newest == d)
		return;
	if (d->older != NULL)
		d->older->newer = d->newer;
	else
		ds->oldest = d->newer;
	d->newer->older = d->older;
	d->older = ds->newest;
	d->newer = NULL;
	ds->newest->newer = d;
	ds->newest = d;
}

/* Hand d over as complete, and recycle its memory. */
static void
doc_release(struct docs *ds, struct doc *d)
{
	struct doc	**pp;

	ds->done_fn(d, ds->done_arg);
	hset_add(&ds->done, d->hash);
	for (pp = &ds->ht[d->hash & (ds->htcap - 1)]; *pp != d;
	    pp = &(*pp)->hnext)
		;
	*pp = d->hnext;
	if (d->older != NULL)
		d->older->newer = d->newer;
	else
		ds->oldest = d->newer;
	if (d->newer != NULL)
		d->newer->older = d->older;
	else
		ds->newest = d->older;
	ds->n--;
	if (ds->last == d)
		ds->last = NULL;
	free(d->name);
	free(d->agency);
	free(d->year);
	free(d->tmpl);
	free(d->published);
	if (ds->spare == NULL)
		ds->spare = d;
	else {
		free(d->cells);
		free(d->narr);
		gip_buf_free(&d->strs);
		free(d);
	}
}

/*
 * The document r belongs to, created if new; NULL (reported) when r
 * has no doc or its document was already checked.
 */
struct doc *
check_docs_open(struct docs *ds, const struct gip_record *r,
    const char *file, unsigned long lineno)
{
	struct doc	*d;
	uint64_t	 h;

	if (*r->doc == '\0') {
		gip_diag(file, lineno, GIP_ERROR, "record without a doc");
		return NULL;
	}
	if ((d = ds->last) != NULL && strcmp(d->name, r->doc) == 0)
		return d;
	h = hash_name(r->doc);
	if ((d = doc_find(ds, r->doc, h)) == NULL) {
		if (hset_has(&ds->done, h)) {
			if (!hset_has(&ds->late, h))
				gip_diag(file, lineno, GIP_ERROR, "%s: records "
				    "after the document was checked are "
				    "dropped (more than %zu documents "
				    "interleaved; raise --window)", r->doc,
				    ds->window);
			hset_add(&ds->late, h);
			ds->ndropped++;
			return NULL;
		}
		if (ds->window > 0 && ds->n >= ds->window)
			doc_release(ds, ds->oldest);
		d = doc_new(ds, r, h);
	}
	touch(ds, d);
	ds->last = d;
	return d;
}

/*
 * Of two records for one cell, the one to keep, whatever the input
 * order: the earlier source line, then the smaller status, value and
 * text.  1 if the new one (line, st, fl, val, text) comes first.
 */
static int
cell_first(const struct doc *d, const struct cval *c, unsigned long line,
    int st, int fl, int64_t val, const char *text)
{
	if (line != c->line)
		return line < c->line;
	if (st != c->st)
		return st < c->st;
	if (st == CST_NUM && val != c->v)
		return val < c->v;
	if (fl != c->fl)
		return fl < c->fl;
	return strcmp(text, check_doc_text(d, c->text)) < 0;
}

int
check_docs_add(struct docs *ds, const struct gip_record *r,
    const char *file, unsigned long lineno)
{
	struct doc	*d;
	struct cval	*c;
	struct narr	*nr;
	const char	*text;
	uint64_t	 v;
	int		 k, st, fl;
	int64_t		 val;

	if ((st = parse_status(r->status)) < 0) {
		gip_diag(file, lineno, GIP_ERROR, "unknown status \"%s\"",
		    r->status);
		return -1;
	}
	if ((d = check_docs_open(ds, r, file, lineno)) == NULL)
		return -1;
	d->nrec++;
	fl = 0;
	val = 0;
	if (st == CST_NUM)
		fl = check_parse_value(r->value, &val);
	/* gip-tables' status of the document (see gip(7)) */
	if (same(r->table, "doc")) {
		if (strcmp(r->row, "tables") == 0 &&
		    strcmp(r->col, "found") == 0 && st == CST_NUM) {
			d->found = (int)(val / GIP_DEC_SCALE);
			d->why = check_doc_str(d, r->raw);
		}
		return 0;
	}
	if (same(r->table, "narr")) {
		/* the year's facts name no cell (see gip-tables(1)) */
		if (strcmp(r->row, "published") == 0 &&
		    strcmp(r->col, "date") == 0) {
			if (d->published == NULL && *r->raw != '\0')
				d->published = gip_xstrdup(r->raw);
			return 0;
		}
		if (d->nnarr == d->narrcap) {
			d->narrcap = d->narrcap ? d->narrcap * 2 : 8;
			d->narr = gip_xreallocarray(d->narr, d->narrcap,
			    sizeof(*d->narr));
		}
		nr = &d->narr[d->nnarr++];
		if (strcmp(r->row, "period") == 0 &&
		    strcmp(r->col, "year") == 0)
			nr->kid = NARR_PERIOD;
		else
			nr->kid = check_key_narr(r->row, r->col);
		nr->sum = check_narr_sum(r->row, r->col);
		nr->v = val;
		nr->st = (unsigned char)st;
		nr->fl = (unsigned char)fl;
		nr->line = r->line;
		nr->raw = check_doc_str(d, r->raw);
		nr->text = fl ? check_doc_str(d, r->value) : 0;
		return 0;
	}
	/* records come in the schema's order: try the next key first */
	k = ds->nextk;
	if (k >= nkeys || !same(keys[k].col, r->col) ||
	    !same(keys[k].row, r->row) || !same(keys[k].table, r->table))
		k = check_key_find(r->table, r->row, r->col);
	ds->nextk = k + 1;
	if (k < 0) {
		if (!d->warned)
			gip_diag(file, lineno, GIP_WARNING, "%s: unknown cell "
			    "%s/%s/%s ignored", r->doc, r->table, r->row,
			    r->col);
		d->warned = 1;
		return 0;
	}
	d->tables |= r->table[1] == '2' ? TB_T2 : r->table[1] == '3' ?
	    TB_T3 : TB_T4;
	c = &d->cells[k];
	text = st != CST_NUM ? r->raw : fl != 0 ? r->value : "";
	if (c->st != CST_NONE) {
		/* the same cell twice: it must say the same thing */
		v = (uint64_t)val;
		if (c->st != st || (st == CST_NUM && ((uint64_t)c->v != v ||
		    c->fl != fl)))
			c->conflict = 1;
		if (!cell_first(d, c, r->line, st, fl, val, text))
			return 0;
	}
	c->st = (unsigned char)st;
	c->fl = (unsigned char)fl;
	c->v = val;
	c->line = r->line;
	c->text = *text != '\0' || st != CST_NUM ? check_doc_str(d, text) : 0;
	return 0;
}

void
check_docs_finish(struct docs *ds)
{
	while (ds->oldest != NULL)
		doc_release(ds, ds->oldest);
	if (ds->ndropped > 0)
		gip_warnx("%lu records of %zu documents dropped: they came "
		    "after their document was checked", ds->ndropped,
		    ds->late.n);
}

void
check_docs_free(struct docs *ds)
{
	if (ds == NULL)
		return;
	if (ds->spare != NULL) {
		free(ds->spare->cells);
		free(ds->spare->narr);
		gip_buf_free(&ds->spare->strs);
		free(ds->spare);
	}
	free(ds->done.v);
	free(ds->late.v);
	free(ds->ht);
	free(ds);
}
