/*
 * stats_tab.c: the hash tables of gip-stats.  Open addressing with
 * linear probing on 64-bit FNV-1a hashes, doubled at half load, so
 * every lookup is O(1) on average and memory follows the number of
 * groups (and distinct values), never the number of records.
 */
#include <stdlib.h>
#include <string.h>

#include "gip.h"
#include "stats.h"

uint64_t
stats_hash(const char *p, size_t n)
{
	uint64_t	 h = 14695981039346656037ULL;
	size_t		 i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static void
gtab_grow(struct stats_gtab *t)
{
	struct stats_group **old = t->slot;
	size_t		 oldcap = t->cap, i, j;

	t->cap = oldcap ? oldcap * 2 : 64;
	t->slot = gip_xcalloc(t->cap, sizeof(*t->slot));
	for (i = 0; i < oldcap; i++) {
		if (old[i] == NULL)
			continue;
		for (j = old[i]->hash & (t->cap - 1); t->slot[j] != NULL;
		    j = (j + 1) & (t->cap - 1))
			continue;
		t->slot[j] = old[i];
	}
	free(old);
}

static size_t
dtab_pos(uint64_t h, size_t cap)
{
	h *= 0x9E3779B97F4A7C15ULL;
	return (size_t)(h ^ (h >> 32)) & (cap - 1);
}

static void
dtab_grow(struct stats_dtab *t)
{
	struct stats_doc *old = t->slot;
	size_t		 oldcap = t->cap, i, j;

	t->cap = oldcap ? oldcap * 2 : 256;
	t->slot = gip_xcalloc(t->cap, sizeof(*t->slot));
	for (i = 0; i < oldcap; i++) {
		if (old[i].hash == 0)
			continue;
		for (j = dtab_pos(old[i].hash, t->cap); t->slot[j].hash != 0;
		    j = (j + 1) & (t->cap - 1))
			continue;
		t->slot[j] = old[i];
	}
	free(old);
}

/*
 * The document with this name hash; with isnew, created when absent
 * (*isnew = 1) with the next serial, else NULL when absent.  Entries
 * move when the table grows: hold none across a creation.  Kept at
 * most 3/4 full (its 16-byte entries are the only per-document cost).
 */
struct stats_doc *
stats_dtab_get(struct stats_dtab *t, uint64_t h, int *isnew)
{
	size_t		 j;

	if (h == 0)
		h = 1;
	if (isnew != NULL)
		*isnew = 0;
	if (t->cap != 0)
		for (j = dtab_pos(h, t->cap); t->slot[j].hash != 0;
		    j = (j + 1) & (t->cap - 1))
			if (t->slot[j].hash == h)
				return &t->slot[j];
	if (isnew == NULL)
		return NULL;
	if (t->n >= UINT32_MAX - 1)
		gip_errx(GIP_EXIT_TROUBLE, "too many documents");
	if ((t->n + 1) * 4 > t->cap * 3)
		dtab_grow(t);
	for (j = dtab_pos(h, t->cap); t->slot[j].hash != 0;
	    j = (j + 1) & (t->cap - 1))
		continue;
	t->slot[j].hash = h;
	t->slot[j].serial = (uint32_t)++t->n;
	t->slot[j].info = 0;
	*isnew = 1;
	return &t->slot[j];
}

/* The group with this key, created (zeroed) when absent (*isnew = 1). */
struct stats_group *
stats_gtab_get(struct stats_gtab *t, const char *key, size_t len, int *isnew)
{
	struct stats_group *g;
	uint64_t	 h = stats_hash(key, len);
	size_t		 j;

	if (isnew != NULL)
		*isnew = 0;
	if (t->cap != 0)
		for (j = h & (t->cap - 1); (g = t->slot[j]) != NULL;
		    j = (j + 1) & (t->cap - 1))
			if (g->hash == h && g->keylen == len &&
			    memcmp(g->key, key, len) == 0)
				return g;
	if ((t->n + 1) * 2 > t->cap)
		gtab_grow(t);
	g = gip_xcalloc(1, sizeof(*g));
	g->key = gip_xstrndup(key, len);
	g->keylen = len;
	g->hash = h;
	g->id = (uint32_t)t->n;
	for (j = h & (t->cap - 1); t->slot[j] != NULL;
	    j = (j + 1) & (t->cap - 1))
		continue;
	t->slot[j] = g;
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
	free(t->slot);
	memset(t, 0, sizeof(*t));
}

static void
strtab_grow(struct stats_strtab *t)
{
	struct stats_strent **old = t->slot;
	size_t		 oldcap = t->cap, i, j;

	t->cap = oldcap ? oldcap * 2 : 64;
	t->slot = gip_xcalloc(t->cap, sizeof(*t->slot));
	for (i = 0; i < oldcap; i++) {
		if (old[i] == NULL)
			continue;
		for (j = old[i]->hash & (t->cap - 1); t->slot[j] != NULL;
		    j = (j + 1) & (t->cap - 1))
			continue;
		t->slot[j] = old[i];
	}
	free(old);
}

/* The entry for s, created when absent (*isnew = 1); s may hold NULs. */
struct stats_strent *
stats_strtab_get(struct stats_strtab *t, const char *s, size_t len,
    int *isnew)
{
	struct stats_strent *e;
	uint64_t	 h = stats_hash(s, len);
	size_t		 j;

	if (isnew != NULL)
		*isnew = 0;
	if (t->cap != 0)
		for (j = h & (t->cap - 1); (e = t->slot[j]) != NULL;
		    j = (j + 1) & (t->cap - 1))
			if (e->hash == h && e->len == len &&
			    memcmp(e->s, s, len) == 0)
				return e;
	if (isnew == NULL)
		return NULL;
	if ((t->n + 1) * 2 > t->cap)
		strtab_grow(t);
	e = gip_xcalloc(1, sizeof(*e));
	e->s = gip_xstrndup(s, len);
	e->len = len;
	e->hash = h;
	e->serial = (uint32_t)++t->n;
	for (j = h & (t->cap - 1); t->slot[j] != NULL;
	    j = (j + 1) & (t->cap - 1))
		continue;
	t->slot[j] = e;
	*isnew = 1;
	return e;
}

void
stats_strtab_free(struct stats_strtab *t, void (*freeval)(void *))
{
	size_t	 i;

	for (i = 0; i < t->cap; i++) {
		if (t->slot[i] == NULL)
			continue;
		if (freeval != NULL && t->slot[i]->val != NULL)
			freeval(t->slot[i]->val);
		free(t->slot[i]->s);
		free(t->slot[i]);
	}
	free(t->slot);
	memset(t, 0, sizeof(*t));
}

static uint64_t
vhash(char kind, uint32_t gid, int64_t v)
{
	uint64_t	 h = (uint64_t)v * 0x9E3779B97F4A7C15ULL;

	h ^= ((uint64_t)gid << 1 | (kind == 'R')) * 0xC2B2AE3D27D4EB4FULL;
	return h ^ (h >> 29);
}

static void
vtab_grow(struct stats_vtab *t)
{
	struct stats_vent *old = t->slot;
	size_t		 oldcap = t->cap, i, j;

	t->cap = oldcap ? oldcap * 2 : 1024;
	t->slot = gip_xcalloc(t->cap, sizeof(*t->slot));
	for (i = 0; i < oldcap; i++) {
		if (old[i].count == 0)
			continue;
		for (j = vhash(old[i].kind, old[i].gid, old[i].value) &
		    (t->cap - 1); t->slot[j].count != 0;
		    j = (j + 1) & (t->cap - 1))
			continue;
		t->slot[j] = old[i];
	}
	free(old);
}

/* Add count occurrences of value v to group gid's multiset. */
void
stats_vtab_add(struct stats_vtab *t, char kind, uint32_t gid, int64_t v,
    uint64_t count)
{
	struct stats_vent *e;
	size_t		 j;

	if ((t->n + 1) * 2 > t->cap)
		vtab_grow(t);
	for (j = vhash(kind, gid, v) & (t->cap - 1);
	    (e = &t->slot[j])->count != 0; j = (j + 1) & (t->cap - 1))
		if (e->value == v && e->gid == gid && e->kind == kind) {
			e->count += count;
			return;
		}
	e->kind = kind;
	e->gid = gid;
	e->value = v;
	e->count = count;
	t->n++;
}

static int
cmp_vent(const void *a, const void *b)
{
	const struct stats_vent *x = a, *y = b;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->gid != y->gid)
		return x->gid < y->gid ? -1 : 1;
	return (x->value > y->value) - (x->value < y->value);
}

/* All entries sorted by kind, group, value (caller frees). */
struct stats_vent *
stats_vtab_sorted(struct stats_vtab *t, size_t *n)
{
	struct stats_vent *v;
	size_t		 i, k = 0;

	v = gip_xreallocarray(NULL, t->n ? t->n : 1, sizeof(*v));
	for (i = 0; i < t->cap; i++)
		if (t->slot[i].count != 0)
			v[k++] = t->slot[i];
	qsort(v, k, sizeof(*v), cmp_vent);
	*n = k;
	return v;
}

void
stats_vtab_free(struct stats_vtab *t)
{
	free(t->slot);
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
