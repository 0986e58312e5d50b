/*
 * htab.c: the suite's one hash table.  Open addressing with linear
 * probing over entries of a fixed size, each starting with its 64-bit
 * hash (0 marks an empty slot, so a hash of 0 is stored as 1).  The
 * caller keeps what else it wants in the entry and compares its own
 * keys: a lookup yields the entries whose hash is the one asked, in
 * turn.  Kept at most 3/4 full and grown by half, in place, so that a
 * table of many small entries (gip-stats' 16 bytes a document) costs
 * 21 to 32 bytes an entry and never twice its size while it grows.
 */
#include <stdlib.h>
#include <string.h>

#include "gip.h"

#define FIRSTCAP	256

static size_t	 pos(uint64_t, size_t);
static void	 grow(struct gip_htab *);

void
gip_htab_init(struct gip_htab *t, size_t size)
{
	memset(t, 0, sizeof(*t));
	t->size = size < sizeof(uint64_t) ? sizeof(uint64_t) : size;
}

/*
 * The table's size is not a power of two (it grows by half), so the
 * slot is the hash scaled to it (Lemire's multiply-shift; cap < 2^32).
 */
static size_t
pos(uint64_t h, size_t cap)
{
	h *= 0x9E3779B97F4A7C15ULL;
	return (size_t)(((h >> 32) * (uint64_t)cap) >> 32);
}

static uint64_t
hash_at(const struct gip_htab *t, size_t j)
{
	uint64_t	 h;

	memcpy(&h, t->slot + j * t->size, sizeof(h));
	return h;
}

/* The entry in slot i (i < cap), or NULL when the slot is empty. */
void *
gip_htab_slot(const struct gip_htab *t, size_t i)
{
	return hash_at(t, i) != 0 ? t->slot + i * t->size : NULL;
}

/*
 * The next entry whose hash is h, or NULL: *it starts at
 * GIP_HTAB_START and keeps the place between calls.
 */
void *
gip_htab_find(const struct gip_htab *t, uint64_t h, size_t *it)
{
	size_t		 j;
	uint64_t	 e;

	if (t->cap == 0)
		return NULL;
	h = h == 0 ? 1 : h;
	j = *it == GIP_HTAB_START ? pos(h, t->cap) :
	    *it + 1 == t->cap ? 0 : *it + 1;
	for (; (e = hash_at(t, j)) != 0; j = j + 1 == t->cap ? 0 : j + 1)
		if (e == h) {
			*it = j;
			return t->slot + j * t->size;
		}
	return NULL;
}

/*
 * Grown in place: realloc (mremap for a large table, no copy), then
 * each entry moved to its new slot, an entry not yet moved that sits
 * there taken along to be placed next.  A bitmap marks the slots
 * placed, so that the old and new tables are never both held.
 */
static void
grow(struct gip_htab *t)
{
	unsigned char	*done, *e, *x, *s;
	size_t		 oldcap = t->cap, i, j;
	uint64_t	 h;

	if (oldcap > (size_t)UINT32_MAX / 2)
		gip_errx(GIP_EXIT_TROUBLE, "hash table too large");
	t->cap = oldcap ? oldcap + oldcap / 2 : FIRSTCAP;
	t->slot = gip_xreallocarray(t->slot, t->cap, t->size);
	memset(t->slot + oldcap * t->size, 0, (t->cap - oldcap) * t->size);
	done = gip_xcalloc(t->cap / 8 + 1, 1);
	e = gip_xmalloc(2 * t->size);
	x = e + t->size;
	for (i = 0; i < oldcap; i++) {
		if (hash_at(t, i) == 0 || (done[i / 8] & 1 << i % 8))
			continue;
		memcpy(e, t->slot + i * t->size, t->size);
		memset(t->slot + i * t->size, 0, sizeof(h));
		for (;;) {
			memcpy(&h, e, sizeof(h));
			for (j = pos(h, t->cap); hash_at(t, j) != 0 &&
			    (done[j / 8] & 1 << j % 8);
			    j = j + 1 == t->cap ? 0 : j + 1)
				continue;
			s = t->slot + j * t->size;
			memcpy(x, s, t->size);
			memcpy(s, e, t->size);
			done[j / 8] |= 1 << j % 8;
			memcpy(&h, x, sizeof(h));
			if (h == 0)
				break;
			memcpy(e, x, t->size);
		}
	}
	free(e);
	free(done);
}

/*
 * A new entry for hash h, zeroed but for the hash (h, or 1 for 0).
 * Entries move when the table grows: hold no pointer across an add.
 */
void *
gip_htab_add(struct gip_htab *t, uint64_t h)
{
	size_t		 j;
	unsigned char	*s;

	h = h == 0 ? 1 : h;
	if ((t->n + 1) * 4 > t->cap * 3)
		grow(t);
	for (j = pos(h, t->cap); hash_at(t, j) != 0;
	    j = j + 1 == t->cap ? 0 : j + 1)
		continue;
	s = t->slot + j * t->size;
	memset(s, 0, t->size);
	memcpy(s, &h, sizeof(h));
	t->n++;
	return s;
}

/* Every entry removed; the memory kept for the next ones. */
void
gip_htab_clear(struct gip_htab *t)
{
	if (t->n > 0)
		memset(t->slot, 0, t->cap * t->size);
	t->n = 0;
}

void
gip_htab_free(struct gip_htab *t)
{
	free(t->slot);
	t->slot = NULL;
	t->cap = t->n = 0;
}
