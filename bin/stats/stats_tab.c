/*
 * stats_tab.c: the tables of gip-stats: groups, strings and documents
 * in lib/htab.c's hash table (so every lookup is O(1) on average and
 * memory follows the number of groups, never the number of records),
 * and the multisets of values.
 */
#include <stdlib.h>
#include <string.h>

#include "gip.h"
#include "stats.h"

uint64_t
stats_hash(const char *p, size_t n)
{
	return gip_hash64(p, n);
}

/* An index entry of a group or string table: a hash and its owner. */
struct ient {
	uint64_t	 hash;
	void		*p;
};

/*
 * The document with this name hash; with isnew, created when absent
 * (*isnew = 1) with the next serial, else NULL when absent.  Entries
 * move when the table grows: hold none across a creation.  Its 16-byte
 * entries are the only per-document cost: lib/htab.c keeps them at
 * most 3/4 full and grows them by half, so at least 1/2 full, 21 to 32
 * bytes per document, and growing them, in place, 1/8 bytes more a
 * slot.
 */
struct stats_doc *
stats_dtab_get(struct stats_dtab *t, uint64_t h, int *isnew)
{
	struct stats_doc *d;
	size_t		 it = GIP_HTAB_START;

	if (t->t.size == 0)
		gip_htab_init(&t->t, sizeof(struct stats_doc));
	if (isnew != NULL)
		*isnew = 0;
	if ((d = gip_htab_find(&t->t, h, &it)) != NULL || isnew == NULL)
		return d;
	if (t->t.n >= UINT32_MAX - 1)
		gip_errx(GIP_EXIT_TROUBLE, "too many documents");
	d = gip_htab_add(&t->t, h);
	d->serial = (uint32_t)t->t.n;
	*isnew = 1;
	return d;
}

/* The document in slot i (< stats_dtab_cap), or NULL. */
struct stats_doc *
stats_dtab_slot(struct stats_dtab *t, size_t i)
{
	return gip_htab_slot(&t->t, i);
}

size_t
stats_dtab_cap(const struct stats_dtab *t)
{
	return t->t.cap;
}

size_t
stats_dtab_count(const struct stats_dtab *t)
{
	return t->t.n;
}

void
stats_dtab_free(struct stats_dtab *t)
{
	gip_htab_free(&t->t);
}

/* The group with this key, created (zeroed) when absent (*isnew = 1). */
struct stats_group *
stats_gtab_get(struct stats_gtab *t, const char *key, size_t len, int *isnew)
{
	struct stats_group *g;
	struct ient	*e;
	uint64_t	 h = stats_hash(key, len);
	size_t		 it = GIP_HTAB_START;

	if (t->idx.size == 0)
		gip_htab_init(&t->idx, sizeof(struct ient));
	if (isnew != NULL)
		*isnew = 0;
	while ((e = gip_htab_find(&t->idx, h, &it)) != NULL) {
		g = e->p;
		if (g->keylen == len && memcmp(g->key, key, len) == 0)
			return g;
	}
	g = gip_xcalloc(1, sizeof(*g));
	g->key = gip_xstrndup(key, len);
	g->keylen = len;
	g->hash = h;
	g->id = (uint32_t)t->n;
	((struct ient *)gip_htab_add(&t->idx, h))->p = g;
	if (t->n == t->allcap) {
		t->allcap = t->allcap ? t->allcap * 2 : 64;
		t->all = gip_xreallocarray(t->all, t->allcap, sizeof(*t->all));
	}
	t->all[t->n++] = g;
	if (isnew != NULL)
		*isnew = 1;
	return g;
}

/* Byte order of the keys: the output order (LC_ALL=C sort). */
static int
cmp_group(const void *a, const void *b)
{
	const struct stats_group *x = *(struct stats_group *const *)a;
	const struct stats_group *y = *(struct stats_group *const *)b;
	size_t	 n = x->keylen < y->keylen ? x->keylen : y->keylen;
	int	 c;

	if ((c = memcmp(x->key, y->key, n)) != 0)
		return c;
	return (x->keylen > y->keylen) - (x->keylen < y->keylen);
}

/* A sorted copy of the groups (caller frees); NULL when empty. */
struct stats_group **
stats_gtab_sorted(struct stats_gtab *t)
{
	struct stats_group **v;

	if (t->n == 0)
		return NULL;
	v = gip_xreallocarray(NULL, t->n, sizeof(*v));
	memcpy(v, t->all, t->n * sizeof(*v));
	qsort(v, t->n, sizeof(*v), cmp_group);
	return v;
}

void
stats_gtab_free(struct stats_gtab *t)
{
	size_t	 i;

	for (i = 0; i < t->n; i++) {
		free(t->all[i]->key);
		free(t->all[i]->foff);
		free(t->all[i]->flen);
		free(t->all[i]->rgroups);
		free(t->all[i]);
	}
	free(t->all);
	gip_htab_free(&t->idx);
	memset(t, 0, sizeof(*t));
}

/* The entry for s, created when absent (*isnew = 1); s may hold NULs. */
struct stats_strent *
stats_strtab_get(struct stats_strtab *t, const char *s, size_t len,
    int *isnew)
{
	struct stats_strent *e;
	struct ient	*ie;
	uint64_t	 h = stats_hash(s, len);
	size_t		 it = GIP_HTAB_START;

	if (t->idx.size == 0)
		gip_htab_init(&t->idx, sizeof(struct ient));
	if (isnew != NULL)
		*isnew = 0;
	while ((ie = gip_htab_find(&t->idx, h, &it)) != NULL) {
		e = ie->p;
		if (e->len == len && memcmp(e->s, s, len) == 0)
			return e;
	}
	if (isnew == NULL)
		return NULL;
	e = gip_xcalloc(1, sizeof(*e));
	e->s = gip_xstrndup(s, len);
	e->len = len;
	e->hash = h;
	e->serial = (uint32_t)++t->n;
	((struct ient *)gip_htab_add(&t->idx, h))->p = e;
	*isnew = 1;
	return e;
}

/* The entries in no order (caller frees). */
struct stats_strent **
stats_strtab_all(const struct stats_strtab *t)
{
	struct stats_strent **v;
	struct ient	*ie;
	size_t		 i, k = 0;

	v = gip_xreallocarray(NULL, t->n ? t->n : 1, sizeof(*v));
	for (i = 0; i < t->idx.cap; i++)
		if ((ie = gip_htab_slot(&t->idx, i)) != NULL)
			v[k++] = ie->p;
	return v;
}

void
stats_strtab_free(struct stats_strtab *t, void (*freeval)(void *))
{
	struct stats_strent **v = stats_strtab_all(t);
	size_t		 i;

	for (i = 0; i < t->n; i++) {
		if (freeval != NULL && v[i]->val != NULL)
			freeval(v[i]->val);
		free(v[i]->s);
		free(v[i]);
	}
	free(v);
	gip_htab_free(&t->idx);
	memset(t, 0, sizeof(*t));
}

/*
 * LSD radix sort by value, a byte at a time, skipping the bytes all
 * the values share (the high ones, mostly): the batches are a few
 * thousand pairs, where it beats any comparison sort.
 */
static void
vpair_sort(struct stats_vpair *a, size_t n, struct stats_vpair *tmp)
{
	struct stats_vpair *src = a, *dst = tmp, *sw;
	size_t		 cnt[256], i, sum, c;
	uint64_t	 k, lo, hi;
	int		 shift;

	if (n < 2)
		return;
	lo = hi = (uint64_t)a[0].value ^ (1ULL << 63);
	for (i = 1; i < n; i++) {
		k = (uint64_t)a[i].value ^ (1ULL << 63);
		lo &= k;
		hi |= k;
	}
	for (shift = 0; shift < 64; shift += 8) {
		if (((lo ^ hi) >> shift & 0xff) == 0)
			continue;	/* every value has the same byte */
		memset(cnt, 0, sizeof(cnt));
		for (i = 0; i < n; i++)
			cnt[((uint64_t)src[i].value ^ (1ULL << 63)) >> shift &
			    0xff]++;
		for (i = 0, sum = 0; i < 256; i++) {
			c = cnt[i];
			cnt[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			dst[cnt[((uint64_t)src[i].value ^ (1ULL << 63)) >>
			    shift & 0xff]++] = src[i];
		sw = src;
		src = dst;
		dst = sw;
	}
	if (src != a)
		memcpy(a, src, n * sizeof(*a));
}

/*
 * Merge the added pairs into the sorted run, equal values summed: in
 * place, from the back, the run grown to hold both.
 */
static void
bag_flush(struct stats_vtab *t, struct stats_bag *b)
{
	struct stats_vpair *r, *a;
	size_t		 i, j, k, n, cap;

	if (b->nadd == 0)
		return;
	if (t->ntmp < b->nadd) {
		free(t->tmp);
		t->ntmp = b->addcap;
		t->tmp = gip_xreallocarray(NULL, t->ntmp, sizeof(*t->tmp));
	}
	vpair_sort(b->add, b->nadd, t->tmp);
	/* equal values within the batch first, so that the run needs none */
	a = b->add;
	for (i = 1, n = 1; i < b->nadd; i++)
		if (a[i].value == a[n - 1].value)
			a[n - 1].count += a[i].count;
		else
			a[n++] = a[i];
	if (b->nrun + n > b->runcap) {
		cap = b->runcap ? b->runcap : 8;
		while (cap < b->nrun + n)
			cap *= 2;
		b->run = gip_xreallocarray(b->run, cap, sizeof(*b->run));
		b->runcap = (uint32_t)cap;
	}
	r = b->run;
	/* values of the batch already in the run: add their counts */
	for (i = 0, j = 0, k = 0; j < n; j++) {
		while (i < b->nrun && r[i].value < a[j].value)
			i++;
		if (i < b->nrun && r[i].value == a[j].value)
			r[i].count += a[j].count;
		else
			a[k++] = a[j];
	}
	/* the new ones merged in from the back */
	i = b->nrun;
	j = k;
	b->nrun += (uint32_t)k;
	for (n = b->nrun; j > 0; n--)
		if (i > 0 && r[i - 1].value > a[j - 1].value)
			r[n - 1] = r[--i];
		else
			r[n - 1] = a[--j];
	b->nadd = 0;
	/* the next batch: as many as the run, 8 to 4096 pairs */
	cap = b->nrun < 8 ? 8 : b->nrun > 4096 ? 4096 : b->nrun;
	if (cap > b->addcap) {
		b->add = gip_xreallocarray(b->add, cap, sizeof(*b->add));
		b->addcap = (uint32_t)cap;
	}
}

/* Add count occurrences of value v to group gid's multiset. */
void
stats_vtab_add(struct stats_vtab *t, char kind, uint32_t gid, int64_t v,
    uint64_t count)
{
	struct stats_bag *b;
	size_t		 w = kind == 'R', n;

	if (gid >= t->nbag[w]) {
		n = t->nbag[w] ? t->nbag[w] : 64;
		while (n <= gid)
			n *= 2;
		t->bag[w] = gip_xreallocarray(t->bag[w], n, sizeof(*b));
		memset(t->bag[w] + t->nbag[w], 0, (n - t->nbag[w]) *
		    sizeof(*b));
		t->nbag[w] = n;
	}
	b = &t->bag[w][gid];
	if (b->nadd == b->addcap) {
		if (b->addcap < 8) {
			b->add = gip_xreallocarray(b->add, 8, sizeof(*b->add));
			b->addcap = 8;
		} else
			bag_flush(t, b);
	}
	b->add[b->nadd].value = v;
	b->add[b->nadd++].count = count;
}

/* All entries sorted by kind, group, value (caller frees). */
struct stats_vent *
stats_vtab_sorted(struct stats_vtab *t, size_t *n)
{
	struct stats_vent *v;
	struct stats_bag *b;
	size_t		 w, i, j, k = 0, total = 0;

	for (w = 0; w < 2; w++)
		for (i = 0; i < t->nbag[w]; i++) {
			bag_flush(t, &t->bag[w][i]);
			total += t->bag[w][i].nrun;
		}
	v = gip_xreallocarray(NULL, total ? total : 1, sizeof(*v));
	for (w = 0; w < 2; w++)
		for (i = 0; i < t->nbag[w]; i++) {
			b = &t->bag[w][i];
			for (j = 0; j < b->nrun; j++, k++) {
				v[k].kind = w ? 'R' : 'C';
				v[k].gid = (uint32_t)i;
				v[k].value = b->run[j].value;
				v[k].count = b->run[j].count;
			}
		}
	*n = k;
	return v;
}

void
stats_vtab_free(struct stats_vtab *t)
{
	size_t	 w, i;

	for (w = 0; w < 2; w++) {
		for (i = 0; i < t->nbag[w]; i++) {
			free(t->bag[w][i].run);
			free(t->bag[w][i].add);
		}
		free(t->bag[w]);
	}
	free(t->tmp);
	memset(t, 0, sizeof(*t));
}

/* Append one key field, TSV-escaped, after a TAB unless nth is 0. */
void
stats_key_field(struct gip_buf *b, const char *p, size_t n, int nth)
{
	if (nth > 0)
		gip_buf_addc(b, '\t');
	gip_tsv_escape(b, p, n);
}
