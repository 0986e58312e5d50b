/*
 * check_keys.c: the schema's cells as gip-check numbers them (a key
 * per table, row and col, found by name through lib/htab.c), the prose
 * facts that are sums of cells, and a record's value as a number.
 */
#include <stdlib.h>
#include <string.h>

#include "gip.h"
#include "check.h"

/* The schema's cells by key; one entry per (table, row, col). */
struct key {
	const char		*table, *row, *col;
	const struct gip_cell	*cell[2];	/* 2021, 2019 */
};

#define KEYMAX	512

static struct key	 keys[KEYMAX];
static int		 nkeys;

/* Their index (lib/htab.c): hash3 of the keys, the key's number. */
struct kent {
	uint64_t	 hash;
	int		 k;
};
static struct gip_htab	 kindex;

static uint64_t	 hash3(const char *, const char *, const char *);

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

void
check_keys_init(void)
{
	const struct gip_cell	*c;
	size_t			 n, i;
	int			 k, t;
	uint64_t		 h;

	gip_htab_init(&kindex, sizeof(struct kent));
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
			h = hash3(c[i].table, c[i].row, c[i].col);
			((struct kent *)gip_htab_add(&kindex, h))->k = k;
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
	const struct kent *e;
	size_t		 it = GIP_HTAB_START;
	uint64_t	 h;

	h = hash3(table, row, col);
	while ((e = gip_htab_find(&kindex, h, &it)) != NULL)
		if (check_same(keys[e->k].row, row) && check_same(keys[e->k].col, col) &&
		    check_same(keys[e->k].table, table))
			return e->k;
	return -1;
}

/*
 * The key of a record's cell, tried first as k (records come in the
 * schema's order: the key after the previous record's); -1 if none.
 */
int
check_key_next(int k, const char *table, const char *row, const char *col)
{
	if (k >= 0 && k < nkeys && check_same(keys[k].col, col) &&
	    check_same(keys[k].row, row) && check_same(keys[k].table, table))
		return k;
	return check_key_find(table, row, col);
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
