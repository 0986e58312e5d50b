/*
 * check_docs.c: the documents gip-check has in hand, and when each is
 * complete.
 *
 * gip-tables writes a document's doc records last, `doc template
 * basis' the very last (gip(7)): a document is complete, and handed
 * to the rules, when that record comes.  Parallel writers interleave
 * whole lines, so the documents in flight are those being written, one
 * per writer.  A document whose records are not closed that way
 * (records made by hand, or the JSON of a document, which is one line
 * and complete at its end) is complete at the end of the input.
 *
 * Every document seen has an entry in a hash table (lib/htab.c) by a
 * 64-bit hash of its name (two names with one hash, a chance of 2^-64
 * a pair, would be taken for one document).  At most CHECK_HOT
 * documents are in memory, the least recently seen of more going to
 * an unlinked temporary file (lib/spill.c) as a part: the cells and
 * facts read since it was last in memory, chained to its earlier
 * parts.  When the document is complete its parts are read back and
 * merged in input order, the way its records would have been added
 * one by one, so that its findings are those of its records in one
 * piece: memory stays bounded by the documents in flight and the
 * largest document, and the result does not depend on the
 * interleaving.
 *
 * A record of a document that was already checked is an error: it is
 * reported once per document and dropped, never checked as a second,
 * partial document.  With --window, documents are checked instead of
 * written out when more than that many are in flight; a record that
 * comes after is such an error, so that the window can make a run
 * fail, never quietly differ.  With --any-order no record closes a
 * document: every one is checked at the end of the input, for records
 * in any order (sorted, shuffled).
 */
#include <stdlib.h>
#include <string.h>

#include "gip.h"
#include "check.h"

/* A document's entry; 24 bytes whatever its size. */
struct dent {
	uint64_t	 hash;		/* of its name (lib/htab.c's key) */
	uint64_t	 part;		/* 1 + offset of its last part written
					   out, or 0 */
	uint32_t	 serial;	/* order of first appearance, from 1 */
	uint32_t	 info;		/* D_* | slot << D_SHIFT while D_HOT */
};
#define D_HOT		0x01		/* a part in memory, ds->slot[info >>
					   D_SHIFT] */
#define D_DONE		0x02		/* checked */
#define D_SHUT		0x04		/* ... closed by its records */
#define D_LATE		0x08		/* ... and seen again, said */
#define D_WARNED	0x10		/* unknown-cell warning given */
#define D_SHIFT		5

/* A part written out: this header, its texts, cells, facts, strings. */
struct part {
	uint64_t	 prev;		/* 1 + offset of the one before, 0 */
	uint64_t	 len;		/* all of it, this header included */
	uint32_t	 nname, nagency, nyear, ntmpl, npub;
	int32_t		 found;
	uint32_t	 why;
	uint32_t	 tables;
	uint32_t	 ncell, nnarr;
	uint64_t	 nstrs;
};

/* Bytes read at once where a part starts: most parts are smaller. */
#define PART_PEEK	16384

/* A cell of a part: its key and what was kept of it. */
struct pcell {
	int32_t		 k;
	struct cval	 c;
};

struct docs {
	struct gip_htab	  tab;		/* struct dent, every document */
	struct doc	**slot;		/* documents in memory, by slot */
	size_t		  nslot;
	struct doc	 *free;		/* unused ones, chained by newer */
	struct doc	 *oldest, *newest, *last;	/* in memory */
	size_t		  n;
	size_t		  hot;		/* in memory at most, else written */
	size_t		  window;	/* --window: checked beyond; 0 */
	int		  anyorder;	/* --any-order: nothing closes */
	struct gip_spill  spill;
	struct gip_buf	  io;		/* a part, written or read */
	unsigned long	  ndropped, nlate;
	check_done_fn	 *done_fn;	/* a document is complete */
	void		 *done_arg;
	unsigned long	  ndocs;
	int		  nextk;	/* the key after the last record's */
};

static uint64_t	 hash_name(const char *);
static struct dent *entry(struct docs *, uint64_t);
static struct doc *doc_get(struct docs *);
static void	 doc_put(struct docs *, struct doc *);
static void	 lru_add(struct docs *, struct doc *);
static void	 lru_del(struct docs *, struct doc *);
static void	 touch(struct docs *, struct doc *);
static void	 part_write(struct docs *, struct doc *);
static void	 part_merge(struct doc *, const char *);
static struct doc *doc_whole(struct docs *, struct dent *, struct doc *);
static void	 complete(struct docs *, struct dent *, unsigned);
static void	 cell_put(struct doc *, int, const struct cval *,
		    const char *);
static int	 parse_status(const char *);

static uint64_t
hash_name(const char *s)
{
	return gip_hash64(s, strlen(s));
}

/* The entry of the document with name hash h, or NULL. */
static struct dent *
entry(struct docs *ds, uint64_t h)
{
	size_t	 it = GIP_HTAB_START;

	return gip_htab_find(&ds->tab, h, &it);
}

static int
parse_status(const char *s)
{
	/* once per record: compared inline */
	switch (*s) {
	case 'y':
		/* a year (narr period year): a number, not a count */
		if (check_same(s, "year"))
			return CST_NUM;
		break;
	case 'd':
		if (check_same(s, "date"))
			return CST_TEXT;
		break;
	case 'n':
		if (check_same(s, "num"))
			return CST_NUM;
		if (check_same(s, "na"))
			return CST_NA;
		break;
	case 'b':
		if (check_same(s, "blank"))
			return CST_BLANK;
		break;
	case 't':
		if (check_same(s, "text"))
			return CST_TEXT;
		break;
	case 'm':
		if (check_same(s, "missing"))
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

/*
 * done is called with each document once it is complete (the rules
 * run there: this file only keeps documents).  window: see --window
 * (0: none); hot: documents kept in memory at most (at least 1);
 * anyorder: no record closes a document.
 */
struct docs *
check_docs_new(size_t window, size_t hot, int anyorder, check_done_fn *done,
    void *arg)
{
	struct docs	*ds;

	ds = gip_xcalloc(1, sizeof(*ds));
	gip_htab_init(&ds->tab, sizeof(struct dent));
	ds->window = window;
	ds->hot = hot > 0 ? hot : 1;
	ds->anyorder = anyorder;
	ds->done_fn = done;
	ds->done_arg = arg;
	return ds;
}

unsigned long
check_docs_count(const struct docs *ds)
{
	return ds->ndocs;
}

/* A document to fill: no name, no cells, no facts. */
static struct doc *
doc_get(struct docs *ds)
{
	struct doc	*d;

	if ((d = ds->free) != NULL) {
		ds->free = d->newer;
		while (d->nused > 0)
			memset(&d->cells[d->used[--d->nused]], 0,
			    sizeof(*d->cells));
		d->nnarr = 0;
		gip_buf_reset(&d->strs);
	} else {
		if (ds->nslot >= (UINT32_MAX >> D_SHIFT))
			gip_errx(GIP_EXIT_TROUBLE, "too many documents in "
			    "memory");
		d = gip_xcalloc(1, sizeof(*d));
		d->cells = gip_xcalloc((size_t)check_nkeys(),
		    sizeof(*d->cells));
		d->used = gip_xcalloc((size_t)check_nkeys(),
		    sizeof(*d->used));
		d->slot = (uint32_t)ds->nslot;
		ds->slot = gip_xreallocarray(ds->slot, ds->nslot + 1,
		    sizeof(*ds->slot));
		ds->slot[ds->nslot++] = d;
	}
	d->tables = 0;
	d->found = -1;
	d->why = 0;
	d->older = d->newer = NULL;
	return d;
}

static void
doc_put(struct docs *ds, struct doc *d)
{
	free(d->name);
	free(d->agency);
	free(d->year);
	free(d->tmpl);
	free(d->published);
	d->name = d->agency = d->year = d->tmpl = d->published = NULL;
	d->newer = ds->free;
	ds->free = d;
}

/* In memory, the most recently seen. */
static void
lru_add(struct docs *ds, struct doc *d)
{
	d->older = ds->newest;
	d->newer = NULL;
	if (ds->newest != NULL)
		ds->newest->newer = d;
	else
		ds->oldest = d;
	ds->newest = d;
	ds->n++;
}

static void
lru_del(struct docs *ds, struct doc *d)
{
	if (d->older != NULL)
		d->older->newer = d->newer;
	else
		ds->oldest = d->newer;
	if (d->newer != NULL)
		d->newer->older = d->older;
	else
		ds->newest = d->older;
	if (ds->last == d)
		ds->last = NULL;
	ds->n--;
}

static void
touch(struct docs *ds, struct doc *d)
{
	if (ds->newest == d)
		return;
	lru_del(ds, d);
	lru_add(ds, d);
}

/* d as a part (see struct part) in b, after the part at prev. */
static void
part_pack(const struct doc *d, struct gip_buf *b, uint64_t prev)
{
	struct part	 h;
	struct pcell	 pc;
	size_t		 i;

	memset(&h, 0, sizeof(h));
	h.prev = prev;
	h.nname = (uint32_t)strlen(d->name);
	h.nagency = (uint32_t)strlen(d->agency);
	h.nyear = (uint32_t)strlen(d->year);
	h.ntmpl = (uint32_t)strlen(d->tmpl);
	h.npub = d->published != NULL ? (uint32_t)strlen(d->published) : 0;
	h.found = d->found;
	h.why = d->why;
	h.tables = d->tables;
	h.nnarr = (uint32_t)d->nnarr;
	h.nstrs = d->strs.len;
	gip_buf_reset(b);
	gip_buf_add(b, &h, sizeof(h));
	gip_buf_add(b, d->name, h.nname);
	gip_buf_add(b, d->agency, h.nagency);
	gip_buf_add(b, d->year, h.nyear);
	gip_buf_add(b, d->tmpl, h.ntmpl);
	if (h.npub > 0)
		gip_buf_add(b, d->published, h.npub);
	memset(&pc, 0, sizeof(pc));
	for (i = 0; i < d->nused; i++) {
		pc.k = d->used[i];
		pc.c = d->cells[pc.k];
		gip_buf_add(b, &pc, sizeof(pc));
	}
	h.ncell = (uint32_t)d->nused;
	if (d->nnarr > 0)
		gip_buf_add(b, d->narr, d->nnarr * sizeof(*d->narr));
	if (d->strs.len > 0)
		gip_buf_add(b, d->strs.p, d->strs.len);
	h.len = b->len;
	memcpy(b->p, &h, sizeof(h));
}

/* The least recently seen document leaves memory: a part written out. */
static void
part_write(struct docs *ds, struct doc *d)
{
	struct dent	*e = entry(ds, d->hash);

	part_pack(d, &ds->io, e->part);
	e->part = gip_spill_put(&ds->spill, ds->io.p, ds->io.len) + 1;
	e->info &= ((1u << D_SHIFT) - 1) & ~(uint32_t)D_HOT;
	lru_del(ds, d);
	doc_put(ds, d);
}

static char *
part_str(const char **q, size_t n)
{
	char	*s = gip_xstrndup(*q, n);

	*q += n;
	return s;
}

/*
 * Part p added to w, as its records would have been: the texts and
 * the publication date of the first part that has them, the status of
 * the last, each cell's record chosen as check_docs_add chooses it,
 * the facts after w's.
 */
static void
part_merge(struct doc *w, const char *p)
{
	struct part	 h;
	struct pcell	 pc;
	struct narr	 nr;
	const char	*q, *strs, *cells, *narr;
	char		*s;
	uint32_t	 i;

	memcpy(&h, p, sizeof(h));
	q = p + sizeof(h);
	s = part_str(&q, h.nname);
	if (w->name == NULL) {
		w->name = s;
		w->agency = part_str(&q, h.nagency);
		w->year = part_str(&q, h.nyear);
		w->tmpl = part_str(&q, h.ntmpl);
	} else {
		free(s);
		q += h.nagency + h.nyear + h.ntmpl;
	}
	if (h.npub > 0 && w->published == NULL)
		w->published = gip_xstrndup(q, h.npub);
	q += h.npub;
	cells = q;
	narr = cells + (size_t)h.ncell * sizeof(pc);
	strs = narr + (size_t)h.nnarr * sizeof(nr);
#define PTEXT(t)	((t) == 0 ? "" : strs + (t) - 1)
	if (h.found != -1) {
		w->found = h.found;
		w->why = h.why != 0 ? check_doc_str(w, PTEXT(h.why)) : 0;
	}
	w->tables |= h.tables;
	for (i = 0; i < h.ncell; i++) {
		memcpy(&pc, cells + (size_t)i * sizeof(pc), sizeof(pc));
		cell_put(w, pc.k, &pc.c, PTEXT(pc.c.text));
	}
	for (i = 0; i < h.nnarr; i++) {
		memcpy(&nr, narr + (size_t)i * sizeof(nr), sizeof(nr));
		if (nr.raw != 0)
			nr.raw = check_doc_str(w, PTEXT(nr.raw));
		if (nr.text != 0)
			nr.text = check_doc_str(w, PTEXT(nr.text));
		check_doc_narr(w, &nr);
	}
#undef PTEXT
}

/*
 * The whole of e's document: its parts written out, then d, if any.
 * The parts are read newest first (each names the one before), a
 * read each when they are small, and merged oldest first.
 */
static struct doc *
doc_whole(struct docs *ds, struct dent *e, struct doc *d)
{
	struct part	 h;
	struct doc	*w;
	uint64_t	 off;
	size_t		*at = NULL, n = 0, cap = 0, pos = 0, peek;

	gip_buf_reset(&ds->io);
	for (off = e->part; off != 0; off = h.prev) {
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			at = gip_xreallocarray(at, cap, sizeof(*at));
		}
		at[n++] = pos;
		peek = ds->spill.end - (off - 1) < PART_PEEK ?
		    (size_t)(ds->spill.end - (off - 1)) : PART_PEEK;
		gip_buf_grow(&ds->io, peek);
		gip_spill_get(&ds->spill, ds->io.p + pos, peek, off - 1);
		memcpy(&h, ds->io.p + pos, sizeof(h));
		if (h.len > peek) {
			gip_buf_grow(&ds->io, h.len);
			gip_spill_get(&ds->spill, ds->io.p + pos + peek,
			    h.len - peek, off - 1 + peek);
		}
		ds->io.len = pos += h.len;
	}
	w = doc_get(ds);
	while (n-- > 0)
		part_merge(w, ds->io.p + at[n]);
	free(at);
	if (d != NULL) {
		part_pack(d, &ds->io, 0);
		part_merge(w, ds->io.p);
	}
	w->hash = e->hash;
	w->serial = e->serial;
	return w;
}

/* e's document is complete: checked, and let go of. */
static void
complete(struct docs *ds, struct dent *e, unsigned how)
{
	struct doc	*d = NULL, *w;

	if (e->info & D_HOT)
		d = ds->slot[e->info >> D_SHIFT];
	w = e->part != 0 ? doc_whole(ds, e, d) : d;
	ds->done_fn(w, ds->done_arg);
	e->info = (e->info & D_WARNED) | D_DONE | how;
	e->part = 0;
	if (d != NULL) {
		lru_del(ds, d);
		doc_put(ds, d);
	}
	if (w != d)
		doc_put(ds, w);
}

/* A record of a document already checked: said once, dropped. */
static void
late(struct docs *ds, struct dent *e, const struct gip_record *r,
    const char *file, unsigned long lineno)
{
	ds->ndropped++;
	if (e->info & D_LATE)
		return;
	e->info |= D_LATE;
	ds->nlate++;
	if (e->info & D_SHUT)
		gip_diag(file, lineno, GIP_ERROR, "%s: records after the end "
		    "of the document (its doc template basis record, or its "
		    "JSON line) are dropped; for records in any order, use "
		    "--any-order", r->doc);
	else
		gip_diag(file, lineno, GIP_ERROR, "%s: records after the "
		    "document was checked are dropped (more than %zu "
		    "documents interleaved; raise --window, or leave it out)",
		    r->doc, ds->window);
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
	struct dent	*e;
	uint64_t	 h;

	if (*r->doc == '\0') {
		gip_diag(file, lineno, GIP_ERROR, "record without a doc");
		return NULL;
	}
	if ((d = ds->last) != NULL && strcmp(d->name, r->doc) == 0)
		return d;
	h = hash_name(r->doc);
	if ((e = entry(ds, h)) == NULL) {
		if (gip_progress_on)
			gip_progress_add(1, 0);
		if (ds->ndocs >= UINT32_MAX - 1)
			gip_errx(GIP_EXIT_TROUBLE, "too many documents");
		e = gip_htab_add(&ds->tab, h);
		e->serial = (uint32_t)++ds->ndocs;
	} else if (e->info & D_DONE) {
		late(ds, e, r, file, lineno);
		return NULL;
	} else if (e->info & D_HOT) {
		d = ds->slot[e->info >> D_SHIFT];
		touch(ds, d);
		ds->last = d;
		return d;
	}
	/* new, or its earlier parts written out: a part in memory */
	d = doc_get(ds);
	d->name = gip_xstrdup(r->doc);
	d->agency = gip_xstrdup(r->agency);
	d->year = gip_xstrdup(r->year);
	d->tmpl = gip_xstrdup(r->tmpl);
	d->hash = h;
	d->serial = e->serial;
	e->info |= D_HOT | d->slot << D_SHIFT;
	lru_add(ds, d);
	if (ds->window > 0 && ds->n > ds->window)
		complete(ds, entry(ds, ds->oldest->hash), 0);
	else if (ds->window == 0 && ds->n > ds->hot)
		part_write(ds, ds->oldest);
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

/*
 * A record (or the cell of a part) for cell k: kept if it comes first
 * (cell_first); two that do not say the same thing are a conflict.
 */
static void
cell_put(struct doc *d, int k, const struct cval *in, const char *text)
{
	struct cval	*c = &d->cells[k];
	unsigned char	 conflict = in->conflict;

	if (c->st == CST_NONE)
		d->used[d->nused++] = (uint16_t)k;
	else {
		if (c->st != in->st || (in->st == CST_NUM &&
		    (c->v != in->v || c->fl != in->fl)))
			conflict = 1;
		conflict |= c->conflict;
		if (!cell_first(d, c, in->line, in->st, in->fl, in->v, text)) {
			c->conflict = conflict;
			return;
		}
	}
	c->st = in->st;
	c->fl = in->fl;
	c->v = in->v;
	c->line = in->line;
	c->conflict = conflict;
	c->text = *text != '\0' || in->st != CST_NUM ? check_doc_str(d, text) :
	    0;
}

/* A fact added to d's. */
void
check_doc_narr(struct doc *d, const struct narr *nr)
{
	if (d->nnarr == d->narrcap) {
		d->narrcap = d->narrcap ? d->narrcap * 2 : 8;
		d->narr = gip_xreallocarray(d->narr, d->narrcap,
		    sizeof(*d->narr));
	}
	d->narr[d->nnarr++] = *nr;
}

/*
 * Returns 0, 1 when r is its document's last record (`doc template
 * basis', gip(7)), or -1 (reported): bad status, no doc, doc already
 * checked.
 */
int
check_docs_add(struct docs *ds, const struct gip_record *r,
    const char *file, unsigned long lineno)
{
	struct doc	*d;
	struct dent	*e;
	struct narr	 nr;
	struct cval	 in;
	const char	*text;
	int		 k, st, fl;
	int64_t		 val;

	if ((st = parse_status(r->status)) < 0) {
		gip_diag(file, lineno, GIP_ERROR, "unknown status \"%s\"",
		    r->status);
		return -1;
	}
	if ((d = check_docs_open(ds, r, file, lineno)) == NULL)
		return -1;
	fl = 0;
	val = 0;
	if (st == CST_NUM)
		fl = check_parse_value(r->value, &val);
	/* gip-tables' status of the document (see gip(7)) */
	if (check_same(r->table, "doc")) {
		if (strcmp(r->row, "tables") == 0 &&
		    strcmp(r->col, "found") == 0 && st == CST_NUM) {
			d->found = (int)(val / GIP_DEC_SCALE);
			d->why = check_doc_str(d, r->raw);
		}
		return strcmp(r->row, gip_doc_keys[GIP_NDOC - 1][0]) == 0 &&
		    strcmp(r->col, gip_doc_keys[GIP_NDOC - 1][1]) == 0;
	}
	if (check_same(r->table, "narr")) {
		/* the year's facts name no cell (see gip-tables(1)) */
		if (strcmp(r->row, "published") == 0 &&
		    strcmp(r->col, "date") == 0) {
			if (d->published == NULL && *r->raw != '\0')
				d->published = gip_xstrdup(r->raw);
			return 0;
		}
		if (strcmp(r->row, "period") == 0 &&
		    strcmp(r->col, "year") == 0)
			nr.kid = NARR_PERIOD;
		else
			nr.kid = check_key_narr(r->row, r->col);
		nr.sum = check_narr_sum(r->row, r->col);
		nr.v = val;
		nr.st = (unsigned char)st;
		nr.fl = (unsigned char)fl;
		nr.line = r->line;
		nr.raw = check_doc_str(d, r->raw);
		nr.text = fl ? check_doc_str(d, r->value) : 0;
		check_doc_narr(d, &nr);
		return 0;
	}
	k = check_key_next(ds->nextk, r->table, r->row, r->col);
	ds->nextk = k + 1;
	if (k < 0) {
		e = entry(ds, d->hash);
		if (!(e->info & D_WARNED))
			gip_diag(file, lineno, GIP_WARNING, "%s: unknown cell "
			    "%s/%s/%s ignored", r->doc, r->table, r->row,
			    r->col);
		e->info |= D_WARNED;
		return 0;
	}
	d->tables |= r->table[1] == '2' ? TB_T2 : r->table[1] == '3' ?
	    TB_T3 : TB_T4;
	text = st != CST_NUM ? r->raw : fl != 0 ? r->value : "";
	in.v = val;
	in.line = r->line;
	in.text = 0;
	in.st = (unsigned char)st;
	in.fl = (unsigned char)fl;
	in.conflict = 0;
	cell_put(d, k, &in, text);
	return 0;
}

/*
 * The document named doc is complete (its last record, or the end of
 * its JSON line), unless --any-order: checked now.
 */
void
check_docs_close(struct docs *ds, const char *doc)
{
	struct dent	*e;

	if (ds->anyorder || (e = entry(ds, hash_name(doc))) == NULL ||
	    (e->info & D_DONE))
		return;
	complete(ds, e, D_SHUT);
}

struct pending {
	uint32_t	 serial;
	uint64_t	 hash;
};

static int
cmp_serial(const void *a, const void *b)
{
	const struct pending *x = a, *y = b;

	return (x->serial > y->serial) - (x->serial < y->serial);
}

/* The end of the input: the documents not yet checked, in input order. */
void
check_docs_finish(struct docs *ds)
{
	struct pending	*v;
	struct dent	*e;
	size_t		 i, n = 0;

	v = gip_xreallocarray(NULL, ds->tab.n + 1, sizeof(*v));
	for (i = 0; i < ds->tab.cap; i++)
		if ((e = gip_htab_slot(&ds->tab, i)) != NULL &&
		    !(e->info & D_DONE)) {
			v[n].serial = e->serial;
			v[n++].hash = e->hash;
		}
	qsort(v, n, sizeof(*v), cmp_serial);
	for (i = 0; i < n; i++)
		complete(ds, entry(ds, v[i].hash), 0);
	free(v);
	if (ds->ndropped > 0)
		gip_warnx("%lu records of %lu documents dropped: they came "
		    "after their document was checked", ds->ndropped,
		    ds->nlate);
}

void
check_docs_free(struct docs *ds)
{
	size_t	 i;

	if (ds == NULL)
		return;
	for (i = 0; i < ds->nslot; i++) {
		free(ds->slot[i]->name);
		free(ds->slot[i]->agency);
		free(ds->slot[i]->year);
		free(ds->slot[i]->tmpl);
		free(ds->slot[i]->published);
		free(ds->slot[i]->cells);
		free(ds->slot[i]->used);
		free(ds->slot[i]->narr);
		gip_buf_free(&ds->slot[i]->strs);
		free(ds->slot[i]);
	}
	free(ds->slot);
	gip_htab_free(&ds->tab);
	gip_spill_close(&ds->spill);
	gip_buf_free(&ds->io);
	free(ds);
}
