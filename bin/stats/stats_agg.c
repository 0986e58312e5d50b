/*
 * stats_agg.c: folding records and findings into groups.
 *
 * Memory follows the groups: a group keeps counts, sums, extremes and
 * its multiset of values, never the documents.  Documents are known
 * by a 64-bit hash of their name in a compact table (hash, serial,
 * group: 16 bytes), which joins gip-check findings (they carry no year
 * or agency) to their document's group.
 *
 * Counting is exact whatever the interleaving: each document keeps the
 * set of group counters it has counted and its ratio operands until
 * the end of the input.  The STATS_HOT most recently seen documents
 * keep them in memory; the others are "dormant", their state written
 * to an unlinked temporary file (the spill), where it starts written
 * at 8 times its serial in another (the index), and read back when a
 * line of theirs comes again, so that memory stays bounded by the hot
 * documents, whatever their number or order.  Ratios are settled at
 * the end.  With --window, documents are settled instead when --window
 * others were seen after them, and a record that comes later is an
 * error that ends the run: the window can make a run fail, never make
 * it quietly different.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gip.h"
#include "stats.h"

static struct stats_group *doc_group(struct stats *, const char *,
		    const char *, const char *, const char *);
static void	 map_misses(struct stats *, const char *, const char *);
static struct stats_doc *find_doc(struct stats *, const char *, int);
static struct stats_open *open_doc(struct stats *, struct stats_doc *,
		    const char *);
static void	 touch(struct stats *, struct stats_open *);
static void	 close_doc(struct stats *, struct stats_open *, int);
static void	 spill_doc(struct stats *, struct stats_open *);
static void	 unspill_doc(struct stats *, struct stats_doc *,
		    struct stats_open *);
static int	 set_add(struct stats_open *, uint64_t);
static void	 set_of_list(struct stats_open *);
static void	 count(struct stats *, struct stats_open *,
		    struct stats_group *, struct stats_dcount *, int);
static struct stats_cell *cell_info(struct stats *, const char *,
		    const char *, const char *);
static void	 key_dims(struct stats *, const struct stats_group *,
		    const char *, const char *, const char *);
static void	 do_finding(struct stats *, struct stats_doc *,
		    const struct stats_finding *);
static struct stats_group *doc_dgroup(struct stats *, struct stats_doc *);

#define MAX_COMPLAINTS	10

void
stats_init(struct stats *st, struct stats_conf *c, int partial, int merging,
    size_t window)
{
	memset(st, 0, sizeof(*st));
	st->conf = c;
	st->partial = partial;
	st->merging = merging;
	/*
	 * A partial counts exactly within its part (no settling window)
	 * and leaves open the documents at its two ends, which may go on
	 * in another part: --window of them (default 16; 0: all).
	 */
	if (partial && !merging) {
		st->edgewin = window == STATS_NOWINDOW ? 16 : window;
		st->window = 0;
	} else
		st->window = window == STATS_NOWINDOW ? 0 : window;
	st->hot = st->edgewin > STATS_HOT ? st->edgewin : STATS_HOT;
}

/* A bad line: the first few are told, the rest summed up at the end. */
void
stats_bad(struct stats *st, const char *file, unsigned long line,
    const char *what, const char *detail)
{
	if (st->bad++ < MAX_COMPLAINTS)
		gip_diag(file, line, GIP_WARNING, "%s%s%s", what,
		    detail != NULL ? ": " : "", detail != NULL ? detail : "");
}

/*
 * The D group of a document: its per-document dims (year, agency,
 * map fields ...) in -g order.  Also remembers where each field sits
 * in the key, for building the longer keys of cells and findings.
 */
static struct stats_group *
doc_group(struct stats *st, const char *doc, const char *agency,
    const char *year, const char *tmpl)
{
	struct stats_conf *c = st->conf;
	struct stats_group *g;
	const char	*v;
	size_t		 len, *off, *flen;
	int		 i, n, isnew;

	gip_buf_reset(&st->key);
	for (i = n = 0; i < c->ndim; i++) {
		if (c->dims[i].docpos < 0)
			continue;
		switch (c->dims[i].kind) {
		case DIM_DOC:
			v = doc;
			break;
		case DIM_YEAR:
			v = year;
			break;
		case DIM_AGENCY:
			v = agency;
			break;
		case DIM_TEMPLATE:
			v = tmpl;
			break;
		default:
			v = stats_map_value(&c->maps[c->dims[i].map], doc,
			    agency, c->dims[i].mapcol, &len);
			if (v == NULL)
				v = "";
			break;
		}
		stats_key_field(&st->key, v, strlen(v), n++);
	}
	if (st->key.p == NULL)
		gip_buf_grow(&st->key, 1);
	g = stats_gtab_get(&st->dg, st->key.p, st->key.len, &isnew);
	if (!isnew)
		return g;
	if (g->id >= (UINT32_MAX >> DOC_SHIFT) - 1)
		gip_errx(GIP_EXIT_TROUBLE, "too many document groups");
	off = gip_xcalloc((size_t)c->ndocdim + 1, sizeof(*off));
	flen = gip_xcalloc((size_t)c->ndocdim + 1, sizeof(*flen));
	for (i = 0, len = 0; i < c->ndocdim; i++) {
		off[i] = len;
		while (len < g->keylen && g->key[len] != '\t')
			len++;
		flen[i] = len - off[i];
		len++;
	}
	g->foff = off;
	g->flen = flen;
	g->rgroups = gip_xcalloc((size_t)(c->nratio > 0 ? c->nratio : 1),
	    sizeof(*g->rgroups));
	return g;
}

/* Note documents that a used map does not know, for one warning. */
static void
map_misses(struct stats *st, const char *doc, const char *agency)
{
	struct stats_map *m;
	const char	*k;
	int		 i;

	for (i = 0; i < st->conf->nmap; i++) {
		m = &st->conf->maps[i];
		if (!m->used)
			continue;
		k = m->on_agency ? agency : doc;
		if (stats_strtab_get(m->rows, k, strlen(k), NULL) != NULL)
			continue;
		if (m->unmatched++ == 0)
			m->first_unmatched = gip_xstrdup(k);
	}
}

/* The document of this name; created when absent if create. */
static struct stats_doc *
find_doc(struct stats *st, const char *id, int create)
{
	struct stats_doc *d;
	int	 isnew = 0;

	d = stats_dtab_get(&st->docs, stats_hash(id, strlen(id)),
	    create ? &isnew : NULL);
	if (isnew && gip_progress_on)
		gip_progress_add(1, 0);
	return d;
}

/* The D group of a document, in flight or not; NULL before any. */
static struct stats_group *
doc_dgroup(struct stats *st, struct stats_doc *d)
{
	uint32_t	 p = d->info >> DOC_SHIFT;

	if (d->info & DOC_OPEN)
		return st->slots[p]->dgroup;
	return p == 0 ? NULL : st->dg.all[p - 1];
}

/*
 * In a partial state, the first --window documents of the input may
 * have begun in another part: their counts and operands travel
 * unsettled.  (A document in flight at a part's start is among them
 * when no document is more than --window documents apart; the merge
 * fails when one is.)
 */
static int
edge_start(const struct stats *st, const struct stats_open *o)
{
	return st->partial && !st->merging &&
	    (st->edgewin == 0 || o->serial <= st->edgewin);
}

static struct stats_open *
open_doc(struct stats *st, struct stats_doc *d, const char *id)
{
	struct stats_open *o;
	size_t		 len = strlen(id);

	if ((o = st->free) != NULL) {
		st->free = o->next;
		memset(o->ops, 0, (size_t)st->conf->nratio * sizeof(*o->ops));
		gip_htab_clear(&o->set);
		o->nlist = 0;
	} else {
		if (st->nslots >= (UINT32_MAX >> DOC_SHIFT))
			gip_errx(GIP_EXIT_TROUBLE, "too many documents in "
			    "flight");
		o = gip_xcalloc(1, sizeof(*o));
		gip_htab_init(&o->set, sizeof(uint64_t));
		o->ops = gip_xcalloc((size_t)(st->conf->nratio > 0 ?
		    st->conf->nratio : 1), sizeof(*o->ops));
		if (st->nslots == st->slotcap) {
			st->slotcap = st->slotcap ? st->slotcap * 2 : 32;
			st->slots = gip_xreallocarray(st->slots, st->slotcap,
			    sizeof(*st->slots));
		}
		o->slot = (uint32_t)st->nslots;
		st->slots[st->nslots++] = o;
	}
	if (len + 1 > o->idcap) {
		free(o->id);
		o->idcap = len + 1 > 64 ? len + 1 : 64;
		o->id = gip_xmalloc(o->idcap);
	}
	memcpy(o->id, id, len + 1);
	o->hash = d->hash;
	o->serial = d->serial;
	o->dgroup = doc_dgroup(st, d);
	d->info = (d->info & (DOC_OPEN - 1)) | DOC_OPEN |
	    o->slot << DOC_SHIFT;
	o->flags = OPEN_LIST;
	o->prev = NULL;
	o->next = st->head;
	if (st->head != NULL)
		st->head->prev = o;
	st->head = o;
	if (st->tail == NULL)
		st->tail = o;
	if (d->info & DOC_SPILLED)
		unspill_doc(st, d, o);
	if (st->window > 0 && ++st->nopen > st->window)
		close_doc(st, st->tail, 0);
	else if (st->window == 0 && ++st->nopen > st->hot)
		spill_doc(st, st->tail);
	return o;
}

/* A dormant document's state in the spill file. */
struct spill_head {
	uint32_t	 flags;		/* OPEN_* */
	uint32_t	 setn;		/* counter ids that follow */
	uint32_t	 idlen;		/* then its name */
};

/* Where a dormant document's state starts, from the index. */
static uint64_t
spill_where(struct stats *st, const struct stats_doc *d)
{
	uint64_t	 off;

	if (pread(st->spillidx, &off, sizeof(off), (off_t)d->serial *
	    (off_t)sizeof(off)) != (ssize_t)sizeof(off))
		gip_err(GIP_EXIT_TROUBLE, "spill index");
	return off;
}

/* Unlink a document from the in-flight list and free its slot. */
static void
unlink_open(struct stats *st, struct stats_open *o)
{
	if (st->lastdoc == o)
		st->lastdoc = NULL;
	if (st->counting == o)
		st->counting = NULL;
	if (o->prev != NULL)
		o->prev->next = o->next;
	else
		st->head = o->next;
	if (o->next != NULL)
		o->next->prev = o->prev;
	else
		st->tail = o->prev;
	o->next = st->free;
	st->free = o;
	st->nopen--;
}

/* The least recently seen document goes dormant: its state to disk. */
static void
spill_doc(struct stats *st, struct stats_open *o)
{
	struct stats_doc *d = stats_dtab_get(&st->docs, o->hash, NULL);
	struct spill_head h;
	struct gip_buf	*b = &st->spillbuf;
	uint64_t	*set, off;
	size_t		 i, k;
	const void	*p;

	if (st->spill.fp == NULL)
		st->spillidx = gip_tmpfd();
	h.flags = o->flags;
	h.setn = (uint32_t)(o->set.n + o->nlist);
	h.idlen = (uint32_t)strlen(o->id);
	gip_buf_reset(b);
	gip_buf_add(b, &h, sizeof(h));
	gip_buf_add(b, o->ops, (size_t)st->conf->nratio * sizeof(*o->ops));
	gip_buf_grow(b, h.setn * sizeof(*set));
	set = (uint64_t *)(void *)(b->p + b->len);
	memcpy(set, o->list, o->nlist * sizeof(*set));
	for (i = 0, k = o->nlist; i < o->set.cap; i++)
		if ((p = gip_htab_slot(&o->set, i)) != NULL)
			memcpy(&set[k++], p, sizeof(*set));
	b->len += k * sizeof(*set);
	gip_buf_add(b, o->id, h.idlen);
	off = gip_spill_put(&st->spill, b->p, b->len);
	if (pwrite(st->spillidx, &off, sizeof(off), (off_t)d->serial *
	    (off_t)sizeof(off)) != (ssize_t)sizeof(off))
		gip_err(GIP_EXIT_TROUBLE, "spill index");
	d->info = (d->info & (DOC_OPEN - 1)) | DOC_SPILLED |
	    (o->dgroup != NULL ? o->dgroup->id + 1 : 0) << DOC_SHIFT;
	unlink_open(st, o);
}

/* A dormant document seen again: its state back from disk. */
static void
unspill_doc(struct stats *st, struct stats_doc *d, struct stats_open *o)
{
	struct spill_head h;
	uint64_t	 off = spill_where(st, d), cid;
	size_t		 n = (size_t)st->conf->nratio * sizeof(*o->ops);
	uint32_t	 i;

	gip_spill_get(&st->spill, &h, sizeof(h), off);
	off += sizeof(h);
	if (n > 0)
		gip_spill_get(&st->spill, o->ops, n, off);
	off += n;
	o->flags = h.flags & ~(unsigned)OPEN_LIST;
	d->info &= ~(uint32_t)DOC_SPILLED;
	if (st->settling)
		return;
	gip_buf_reset(&st->spillbuf);
	gip_buf_grow(&st->spillbuf, (size_t)h.setn * sizeof(cid));
	gip_spill_get(&st->spill, st->spillbuf.p, (size_t)h.setn * sizeof(cid),
	    off);
	for (i = 0; i < h.setn; i++) {
		memcpy(&cid, st->spillbuf.p + (size_t)i * sizeof(cid),
		    sizeof(cid));
		set_add(o, cid - 1);
	}
}

/* The name of a dormant document, from its state, into st->key. */
static void
spill_name(struct stats *st, const struct stats_doc *d)
{
	struct spill_head h;
	uint64_t	 off = spill_where(st, d);

	gip_spill_get(&st->spill, &h, sizeof(h), off);
	off += sizeof(h) + (size_t)st->conf->nratio *
	    sizeof(struct stats_operands) + (uint64_t)h.setn * 8;
	gip_buf_reset(&st->key);
	gip_buf_grow(&st->key, (size_t)h.idlen + 1);
	gip_spill_get(&st->spill, st->key.p, h.idlen, off);
	st->key.p[h.idlen] = '\0';
	st->key.len = h.idlen;
}

/* Seen again: first in line. */
static void
touch(struct stats *st, struct stats_open *o)
{
	if (st->head == o)
		return;
	o->prev->next = o->next;
	if (o->next != NULL)
		o->next->prev = o->prev;
	else
		st->tail = o->prev;
	o->prev = NULL;
	o->next = st->head;
	st->head->prev = o;
	st->head = o;
}

/* Counter ids: group id and which counter of it. */
#define CID_CDOCS	0
#define CID_CCOVERED	1
#define CID_DDOCS	2
#define CID_FFAILING	3
#define CID_DTABLED	4
static const char cid_kind[] = { 'C', 'c', 'D', 'F', 't' };

/*
 * Add a counter id to a document's set (lib/htab.c, the id + 1 its
 * own hash: the table scrambles it); 0 when it was there.
 */
static int
set_add(struct stats_open *o, uint64_t cid)
{
	size_t	 it = GIP_HTAB_START;

	if (gip_htab_find(&o->set, cid + 1, &it) != NULL)
		return 0;
	gip_htab_add(&o->set, cid + 1);
	return 1;
}

static struct stats_gtab *
cid_table(struct stats *st, int which)
{
	return which <= CID_CCOVERED ? &st->cg : which == CID_DDOCS ||
	    which == CID_DTABLED ? &st->dg : &st->fg;
}

/*
 * While no other document has counted since o's first count, every
 * counter o counted still has o's serial as its last (count): one whose
 * last is another was not counted by o, and o's counter ids need no
 * lookup, only a list (OPEN_LIST; for records of one document after
 * another, always).  When another document counts in between, the
 * list goes into the set.
 */
static void
list_add(struct stats_open *o, uint64_t cid)
{
	if (o->nlist == o->listcap) {
		o->listcap = o->listcap ? o->listcap * 2 : 256;
		o->list = gip_xreallocarray(o->list, o->listcap,
		    sizeof(*o->list));
	}
	o->list[o->nlist++] = cid + 1;
}

static void
set_of_list(struct stats_open *o)
{
	size_t	 i;

	o->flags &= ~(unsigned)OPEN_LIST;
	for (i = 0; i < o->nlist; i++)
		set_add(o, o->list[i] - 1);
	o->nlist = 0;
}

/* Count the document of o in counter dc of group g, once. */
static void
count(struct stats *st, struct stats_open *o, struct stats_group *g,
    struct stats_dcount *dc, int which)
{
	uint32_t	 serial = o->serial;

	if (dc->last == serial)
		return;
	dc->last = serial;
	if (st->counting != o) {
		st->counting = o;
		if (o->nlist > 0)
			set_of_list(o);
	}
	if (o->flags & OPEN_LIST)
		list_add(o, (uint64_t)g->id << 3 | (uint64_t)which);
	else if (!set_add(o, (uint64_t)g->id << 3 | (uint64_t)which))
		return;
	if (edge_start(st, o))
		stats_edge_add(st, cid_kind[which], g->key, g->keylen,
		    o->id);
	else
		dc->n++;
}

static struct stats_dcount *
cid_counter(struct stats_group *g, int which)
{
	switch (which) {
	case CID_CDOCS:
	case CID_DDOCS:
		return &g->docs;
	case CID_CCOVERED:
		return &g->covered;
	case CID_DTABLED:
		return &g->tabled;
	default:
		return &g->failing;
	}
}

/* An E line: a document's contribution to a counter, settled later. */
void
stats_edge_add(struct stats *st, char kind, const char *key, size_t keylen,
    const char *doc)
{
	struct gip_buf	 b;
	int		 isnew;

	memset(&b, 0, sizeof(b));
	gip_buf_add(&b, "E\t", 2);
	gip_buf_addc(&b, kind);
	gip_buf_addc(&b, '\t');
	gip_buf_add(&b, key, keylen);
	stats_key_field(&b, doc, strlen(doc), 1);
	stats_strtab_get(&st->edges, b.p, b.len, &isnew);
	gip_buf_free(&b);
}

/* A P line: a document's ratio operands, added up before dividing. */
void
stats_pending_add(struct stats *st, const char *keydoc, size_t len,
    const struct stats_operands *in)
{
	struct stats_strent *e;
	struct stats_operands *op;
	int		 isnew;

	e = stats_strtab_get(&st->pending, keydoc, len, &isnew);
	if (isnew)
		e->val = gip_xcalloc(1, sizeof(struct stats_operands));
	op = e->val;
	if (stats_add(&op->num, in->num) == -1 ||
	    stats_add(&op->den, in->den) == -1)
		gip_errx(GIP_EXIT_TROUBLE, "ratio operands too large");
	op->nummask |= in->nummask;
	op->denmask |= in->denmask;
}

/* The ratio group of a document group (created on first use). */
static struct stats_group *
ratio_group(struct stats *st, struct stats_group *dg, int i)
{
	if (dg->rgroups[i] != NULL)
		return dg->rgroups[i];
	gip_buf_reset(&st->key);
	gip_buf_add(&st->key, dg->key, dg->keylen);
	stats_key_field(&st->key, st->conf->ratios[i].name,
	    strlen(st->conf->ratios[i].name), st->conf->ndocdim);
	dg->rgroups[i] = stats_gtab_get(&st->rg, st->key.p, st->key.len,
	    NULL);
	return dg->rgroups[i];
}

static uint64_t
full_mask(int n)
{
	return n >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << n) - 1;
}

/* A document's ratio, from its operands: counted, divided or not. */
void
stats_ratio_done(struct stats *st, struct stats_group *g,
    const struct stats_operands *op, const struct stats_ratio *r)
{
	int64_t	 v;

	if (op->nummask != full_mask(r->nnum) ||
	    op->denmask != full_mask(r->nden)) {
		g->na++;
		return;
	}
	if (op->den == 0) {
		g->zero_den++;
		return;
	}
	if (stats_ratio_value(op->num, op->den, &v) == -1 ||
	    stats_add(&g->pnum, op->num) == -1 ||
	    stats_add(&g->pden, op->den) == -1 ||
	    stats_add(&g->sum, v) == -1)
		gip_errx(GIP_EXIT_TROUBLE, "ratio %s: numbers too large",
		    r->name);
	if (g->values == 0 || v < g->min)
		g->min = v;
	if (g->values == 0 || v > g->max)
		g->max = v;
	g->values++;
	stats_vtab_add(&st->vt, 'R', g->id, v, 1);
}

/*
 * A document leaves the window: settle its ratios, or, in a partial
 * state, keep what may continue in another part (the first -w
 * documents, and at the end every document still in flight).
 */
static void
close_doc(struct stats *st, struct stats_open *o, int at_end)
{
	struct stats_conf *c = st->conf;
	struct stats_doc *d = stats_dtab_get(&st->docs, o->hash, NULL);
	struct stats_group *g;
	struct stats_dcount *dc;
	const void	*p;
	uint64_t	 key;
	size_t		 i;
	int		 r, which, isnew;

	if (o->flags & OPEN_RECORDS) {
		d->info |= DOC_RECDONE;
		for (r = 0; r < c->nratio && c->view == VIEW_RATIOS; r++) {
			g = ratio_group(st, o->dgroup, r);
			if (edge_start(st, o) || (st->partial && at_end)) {
				gip_buf_reset(&st->key);
				gip_buf_add(&st->key, g->key, g->keylen);
				stats_key_field(&st->key, o->id, strlen(o->id),
				    1);
				stats_pending_add(st, st->key.p, st->key.len,
				    &o->ops[r]);
			} else
				stats_ratio_done(st, g, &o->ops[r],
				    &c->ratios[r]);
		}
	}
	/* counted whole here: the merge checks no other part has it */
	if (st->partial && !st->merging && !at_end && !edge_start(st, o))
		stats_dtab_get(&st->settled, o->hash, &isnew);
	if (st->partial && at_end && !edge_start(st, o))
		set_of_list(o);
	if (st->partial && at_end && !edge_start(st, o))
		for (i = 0; i < o->set.cap; i++) {
			if ((p = gip_htab_slot(&o->set, i)) == NULL)
				continue;
			memcpy(&key, p, sizeof(key));
			which = (int)((key - 1) & 7);
			g = cid_table(st, which)->all[(key - 1) >> 3];
			dc = cid_counter(g, which);
			dc->n--;
			stats_edge_add(st, cid_kind[which], g->key, g->keylen,
			    o->id);
		}
	d->info = (d->info & (DOC_OPEN - 1)) |
	    (o->dgroup != NULL ? o->dgroup->id + 1 : 0) << DOC_SHIFT;
	unlink_open(st, o);
}

/* What this run does with a cell key: selected by -c? ratio terms? */
static struct stats_cell *
cell_info(struct stats *st, const char *table, const char *row,
    const char *col)
{
	struct stats_conf *c = st->conf;
	struct stats_strent *e;
	struct stats_cell *ci;
	struct stats_term *t;
	size_t		 lt, lr, lc;
	int		 i, j, side, isnew;

	/* Records come in the order of the templates: guess the next. */
	if (st->prevcell != NULL && (ci = st->prevcell->next) != NULL &&
	    strcmp(ci->col, col) == 0 && strcmp(ci->row, row) == 0 &&
	    strcmp(ci->table, table) == 0)
		return st->prevcell = ci;
	lt = strlen(table);
	lr = strlen(row);
	lc = strlen(col);
	gip_buf_reset(&st->key);
	gip_buf_add(&st->key, table, lt + 1);
	gip_buf_add(&st->key, row, lr + 1);
	gip_buf_add(&st->key, col, lc);
	e = stats_strtab_get(&st->cellcache, st->key.p, st->key.len, &isnew);
	if (!isnew) {
		ci = e->val;
		if (st->prevcell != NULL)
			st->prevcell->next = ci;
		return st->prevcell = ci;
	}
	ci = gip_xcalloc(1, sizeof(*ci));
	e->val = ci;
	ci->table = e->s;
	ci->row = e->s + lt + 1;
	ci->col = e->s + lt + lr + 2;
	if (st->prevcell != NULL)
		st->prevcell->next = ci;
	st->prevcell = ci;
	ci->selected = stats_cell_match(c, table, row, col);
	for (i = 0; i < c->nratio; i++)
		for (side = 0; side < 2; side++)
			for (j = 0; j < (side ? c->ratios[i].nden :
			    c->ratios[i].nnum); j++) {
				t = side ? &c->ratios[i].den[j] :
				    &c->ratios[i].num[j];
				if (strcmp(t->table, table) != 0 ||
				    strcmp(t->row, row) != 0 ||
				    strcmp(t->col, col) != 0)
					continue;
				ci->refs = gip_xreallocarray(ci->refs,
				    (size_t)ci->nref + 1, sizeof(*ci->refs));
				ci->refs[ci->nref].ratio = i;
				ci->refs[ci->nref].den = side;
				ci->refs[ci->nref].term = j;
				ci->refs[ci->nref].sign = t->sign;
				ci->nref++;
			}
	return ci;
}

/* The key of a cell or finding group: -g dims in order, into st->key. */
static void
key_dims(struct stats *st, const struct stats_group *dg, const char *table,
    const char *row, const char *col)
{
	struct stats_conf *c = st->conf;
	const struct stats_dim *dim;
	const char	*v;
	int		 i;

	gip_buf_reset(&st->key);
	for (i = 0; i < c->ndim; i++) {
		dim = &c->dims[i];
		if (dim->docpos >= 0) {
			if (i > 0)
				gip_buf_addc(&st->key, '\t');
			gip_buf_add(&st->key, dg->key + dg->foff[dim->docpos],
			    dg->flen[dim->docpos]);
			continue;
		}
		v = dim->kind == DIM_TABLE ? table : dim->kind == DIM_ROW ?
		    row : col;
		stats_key_field(&st->key, v, strlen(v), i);
	}
	if (st->key.p == NULL)
		gip_buf_grow(&st->key, 1);
}

void
stats_record(struct stats *st, const struct gip_record *r, const char *file,
    unsigned long line)
{
	struct stats_conf *c = st->conf;
	struct stats_doc *d;
	struct stats_open *o = st->lastdoc;
	struct stats_cell *ci;
	struct stats_group *g;
	struct stats_operands *op;
	int64_t		 v = 0;
	size_t		 n;
	int		 isnum, i;

	if (o == NULL || strcmp(o->id, r->doc) != 0) {
		d = find_doc(st, r->doc, 1);
		if (d->info & DOC_OPEN)
			o = st->slots[d->info >> DOC_SHIFT];
		else if (d->info & DOC_RECDONE) {
			gip_diag(file, line, GIP_ERROR, "records of %s more "
			    "than --window=%zu documents apart; without "
			    "--window every interleaving is counted exactly",
			    r->doc, st->window);
			exit(GIP_EXIT_TROUBLE);
		} else
			o = open_doc(st, d, r->doc);
		st->lastdoc = o;
	}
	touch(st, o);
	if (!(o->flags & OPEN_RECORDS)) {
		o->flags |= OPEN_RECORDS;
		stats_dtab_get(&st->docs, o->hash, NULL)->info |= DOC_RECORDS;
		o->dgroup = doc_group(st, r->doc, r->agency, r->year, r->tmpl);
		map_misses(st, r->doc, r->agency);
		/* every document that went in, by its doc records too */
		count(st, o, o->dgroup, &o->dgroup->docs, CID_DDOCS);
	}
	/* gip-tables' status record: the report had a standard table */
	if (r->table[0] == 'd' && strcmp(r->table, "doc") == 0 &&
	    strcmp(r->row, "tables") == 0 &&
	    strcmp(r->col, "found") == 0 && strcmp(r->status, "num") == 0 &&
	    strcmp(r->value, "0") != 0 && *r->value != '\0')
		count(st, o, o->dgroup, &o->dgroup->tabled, CID_DTABLED);
	if (c->view == VIEW_FINDINGS || c->view == VIEW_DOCS)
		return;
	/* asked of every record: no call */
	isnum = r->status[0] == 'n' && r->status[1] == 'u' &&
	    r->status[2] == 'm' && r->status[3] == '\0';
	if (isnum && stats_num_parse(r->value, &v) == -1) {
		stats_bad(st, file, line, "status num but not a number",
		    r->value);
		isnum = 0;
	}
	ci = cell_info(st, r->table, r->row, r->col);
	if (c->view == VIEW_RATIOS) {
		if (!isnum)
			return;
		for (i = 0; i < ci->nref; i++) {
			op = &o->ops[ci->refs[i].ratio];
			if (ci->refs[i].den) {
				op->denmask |= (uint64_t)1 << ci->refs[i].term;
				if (stats_add(&op->den, ci->refs[i].sign * v)
				    == -1)
					goto toolarge;
			} else {
				op->nummask |= (uint64_t)1 << ci->refs[i].term;
				if (stats_add(&op->num, ci->refs[i].sign * v)
				    == -1)
					goto toolarge;
			}
		}
		return;
	}
	if (!ci->selected)
		return;
	/* The C group of a cell is fixed by the document's D group. */
	if (o->dgroup->id >= ci->nbyd) {
		n = ci->nbyd;
		ci->nbyd = o->dgroup->id + 16;
		ci->byd = gip_xreallocarray(ci->byd, ci->nbyd,
		    sizeof(*ci->byd));
		memset(ci->byd + n, 0, (ci->nbyd - n) * sizeof(*ci->byd));
	}
	if ((g = ci->byd[o->dgroup->id]) == NULL) {
		key_dims(st, o->dgroup, r->table, r->row, r->col);
		g = stats_gtab_get(&st->cg, st->key.p, st->key.len, NULL);
		ci->byd[o->dgroup->id] = g;
	}
	count(st, o, g, &g->docs, CID_CDOCS);
	if (!isnum)
		return;
	count(st, o, g, &g->covered, CID_CCOVERED);
	if (stats_add(&g->sum, v) == -1)
		goto toolarge;
	if (g->values == 0 || v < g->min)
		g->min = v;
	if (g->values == 0 || v > g->max)
		g->max = v;
	g->values++;
	stats_vtab_add(&st->vt, 'C', g->id, v, 1);
	return;
toolarge:
	gip_diag(file, line, GIP_ERROR, "sum too large for %s.%s.%s",
	    r->table, r->row, r->col);
	exit(GIP_EXIT_TROUBLE);
}

/*
 * Findings of a document may come in batches (gip-check writes its
 * continuity findings after all documents), so a document whose
 * findings were settled is simply taken in again.
 */
static void
do_finding(struct stats *st, struct stats_doc *d,
    const struct stats_finding *f)
{
	struct stats_open *o;
	struct stats_group *g;
	int		 n = st->conf->ndim;

	if (d->info & DOC_OPEN) {
		o = st->slots[d->info >> DOC_SHIFT];
		touch(st, o);
	} else
		o = open_doc(st, d, f->doc);
	key_dims(st, o->dgroup, f->table, f->row, f->col);
	stats_key_field(&st->key, f->rule, strlen(f->rule), n);
	stats_key_field(&st->key, f->severity, strlen(f->severity), n + 1);
	g = stats_gtab_get(&st->fg, st->key.p, st->key.len, NULL);
	g->findings++;
	count(st, o, g, &g->failing, CID_FFAILING);
}

/*
 * A finding joins its document through the id table; findings that
 * arrive before any record of their document wait until the end.
 */
void
stats_finding(struct stats *st, const struct stats_finding *f,
    const char *file, unsigned long line)
{
	struct stats_doc *d;
	struct stats_buffered *b;

	if (st->conf->view != VIEW_FINDINGS)
		return;
	d = find_doc(st, f->doc, 0);
	if (d != NULL && (d->info & DOC_RECORDS)) {
		do_finding(st, d, f);
		return;
	}
	if (st->nlater == st->latercap) {
		st->latercap = st->latercap ? st->latercap * 2 : 64;
		st->later = gip_xreallocarray(st->later, st->latercap,
		    sizeof(*st->later));
	}
	b = &st->later[st->nlater++];
	b->doc = gip_xstrdup(f->doc);
	b->rule = gip_xstrdup(f->rule);
	b->severity = gip_xstrdup(f->severity);
	b->table = gip_xstrdup(f->table);
	b->row = gip_xstrdup(f->row);
	b->col = gip_xstrdup(f->col);
	b->file = file;
	b->line = line;
}

/* End of input: the waiting findings, then every document in flight. */
void
stats_finish(struct stats *st)
{
	struct stats_buffered *b;
	struct stats_finding f;
	struct stats_doc *d;
	struct stats_group *g;
	char		*name;
	size_t		 i;
	int		 isnew;

	for (i = 0; i < st->nlater; i++) {
		b = &st->later[i];
		d = find_doc(st, b->doc, 1);
		if (doc_dgroup(st, d) == NULL) {
			g = doc_group(st, b->doc, "", "", "");
			if (d->info & DOC_OPEN)
				st->slots[d->info >> DOC_SHIFT]->dgroup = g;
			else
				d->info |= (g->id + 1) << DOC_SHIFT;
			if (st->orphans++ == 0)
				gip_diag(b->file, b->line, GIP_WARNING,
				    "findings for %s, which has no records; "
				    "its document fields are empty", b->doc);
		}
		f.doc = b->doc;
		f.rule = b->rule;
		f.severity = b->severity;
		f.table = b->table;
		f.row = b->row;
		f.col = b->col;
		do_finding(st, d, &f);
	}
	/*
	 * The documents seen last may go on in another part: in a partial
	 * state the --window most recent are left open, the others
	 * counted whole.
	 */
	for (i = 0; st->head != NULL; i++)
		close_doc(st, st->head, !st->partial || st->edgewin == 0 ||
		    i < st->edgewin);
	/*
	 * The dormant documents: only their ratio operands are needed to
	 * settle them, unless their counts become E lines (--window=0).
	 */
	st->settling = !st->partial || st->edgewin != 0;
	for (i = 0; st->spill.fp != NULL && i < stats_dtab_cap(&st->docs);
	    i++) {
		d = stats_dtab_slot(&st->docs, i);
		if (d == NULL || !(d->info & DOC_SPILLED))
			continue;
		/* nothing of its state is needed: only a partial's S line */
		if (st->settling && st->conf->view != VIEW_RATIOS) {
			if (st->partial && d->serial > st->edgewin)
				stats_dtab_get(&st->settled, d->hash, &isnew);
			continue;
		}
		spill_name(st, d);
		name = gip_xstrdup(st->key.p);
		close_doc(st, open_doc(st, d, name), !st->partial ||
		    st->edgewin == 0);
		free(name);
	}
}

/* The warnings that sum up a run, once, at the end. */
void
stats_summary(struct stats *st)
{
	struct stats_map *m;
	int		 i;

	for (i = 0; i < st->conf->nmap; i++) {
		m = &st->conf->maps[i];
		if (m->used && m->unmatched > 0)
			gip_warnx("%s: %lu document%s not in the map (first:"
			    " %s); %s empty", m->path, m->unmatched,
			    m->unmatched == 1 ? "" : "s", m->first_unmatched,
			    m->unmatched == 1 ? "its fields are" :
			    "their fields are");
	}
	if (st->bad > MAX_COMPLAINTS)
		gip_warnx("%lu more bad lines not shown",
		    st->bad - MAX_COMPLAINTS);
	if (st->orphans > 1)
		gip_warnx("%lu documents with findings but no records",
		    st->orphans);
}

static void
free_open(struct stats_open *o)
{
	struct stats_open *next;

	for (; o != NULL; o = next) {
		next = o->next;
		free(o->id);
		gip_htab_free(&o->set);
		free(o->list);
		free(o->ops);
		free(o);
	}
}

static void
free_cell(void *p)
{
	struct stats_cell *ci = p;

	free(ci->refs);
	free(ci->byd);
	free(ci);
}

void
stats_free(struct stats *st)
{
	size_t	 i;

	stats_gtab_free(&st->dg);
	stats_gtab_free(&st->cg);
	stats_gtab_free(&st->rg);
	stats_gtab_free(&st->fg);
	stats_vtab_free(&st->vt);
	stats_dtab_free(&st->docs);
	stats_dtab_free(&st->settled);
	free(st->slots);
	stats_strtab_free(&st->cellcache, free_cell);
	stats_strtab_free(&st->edges, NULL);
	stats_strtab_free(&st->pending, free);
	for (i = 0; i < st->nlater; i++) {
		free(st->later[i].doc);
		free(st->later[i].rule);
		free(st->later[i].severity);
		free(st->later[i].table);
		free(st->later[i].row);
		free(st->later[i].col);
	}
	free(st->later);
	free_open(st->head);
	free_open(st->free);
	gip_buf_free(&st->key);
	gip_buf_free(&st->spillbuf);
	if (st->spill.fp != NULL)
		close(st->spillidx);
	gip_spill_close(&st->spill);
}
