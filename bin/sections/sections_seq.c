/*
 * sections_seq.c: choose the headings among the candidates, then check
 * the result.
 *
 * The top-level numbers of a report run 一, 二, 三 ... in order, so the
 * headings are the increasing sequence of candidates that scores best:
 * each candidate brings its own score (its words name the section its
 * number says: high; some section: lower; none: low), a step of one
 * gains, a gap costs per number skipped, and starting above 一 costs
 * too.  A stray 三、 in a list, or a table row 四、结转下年度继续办理
 * that slipped through, loses against the heading that fits the
 * sequence.  Dynamic programming over (candidate, number) keeps this
 * linear in the candidates: the best sequence ending in each number
 * seen so far is all that is needed.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gip.h"
#include "sections.h"

#define STEP_GAIN	3
#define GAP_COST	3

static const char *const cn_ord[SEC_NSTD + 1] = {
	"", "一", "二", "三", "四", "五", "六"
};

static int
start_score(int ord)
{
	return ord == 1 ? STEP_GAIN : -GAP_COST * (ord - 1);
}

static int
step_score(int from, int to)
{
	return to == from + 1 ? STEP_GAIN : -GAP_COST * (to - from - 1);
}

static void
sec_push(struct sec_doc *d, const struct sec_head *h)
{
	if (d->nsec == d->seccap) {
		d->seccap = d->seccap ? d->seccap * 2 : 16;
		d->sec = gip_xreallocarray(d->sec, d->seccap, sizeof(*d->sec));
	}
	d->sec[d->nsec++] = *h;
}

/*
 * A list 一、…八、 inside section 六 would carry the sequence on to 七
 * and 八.  A heading that names no section and follows an unchosen
 * candidate numbered one less than itself, since the last chosen
 * heading, continues that list instead.
 */
static int
list_item(const struct sec_doc *d, size_t last, size_t i)
{
	size_t	 j;

	if (d->cand[i].std != 0)
		return 0;
	for (j = last + 1; j < i; j++)
		if (d->cand[j].ord == d->cand[i].ord - 1)
			return 1;
	return 0;
}

static int
by_line(const void *a, const void *b)
{
	const struct sec_head *x = a, *y = b;

	return x->li < y->li ? -1 : x->li > y->li;
}

/*
 * A heading whose words and number agree on a standard section that
 * the sequence left out is out of order (四 before 三), not prose: put
 * it back, and sec_check() will say so.
 */
static void
misplaced(struct sec_doc *d)
{
	int		 seen[SEC_NSTD + 1];
	size_t		 i, n = d->nsec;
	const struct sec_head *c;

	if (n == 0)
		return;
	memset(seen, 0, sizeof(seen));
	for (i = 0; i < n; i++)
		seen[d->sec[i].std] = 1;
	for (i = 0; i < d->ncand; i++) {
		c = &d->cand[i];
		if (c->std == 0 || c->std != c->ord || c->implied ||
		    c->score < 10 || seen[c->std])
			continue;
		seen[c->std] = 1;
		sec_push(d, c);
	}
	if (d->nsec > n)
		qsort(d->sec, d->nsec, sizeof(*d->sec), by_line);
}

void
sec_choose(struct sec_doc *d)
{
	int		 bestord[SEC_MAXORD + 1];
	size_t		 bestidx[SEC_MAXORD + 1] = { 0 };
	int		*best;
	size_t		*prev, *chain, i, top, n, last;
	int		 o, q, s, t;

	d->nsec = 0;
	if (d->ncand == 0)
		return;
	best = gip_xreallocarray(NULL, d->ncand, sizeof(*best));
	prev = gip_xreallocarray(NULL, d->ncand, sizeof(*prev));
	for (o = 0; o <= SEC_MAXORD; o++)
		bestord[o] = INT_MIN;
	for (i = 0; i < d->ncand; i++) {
		o = d->cand[i].ord;
		s = start_score(o);
		prev[i] = (size_t)-1;
		for (q = 1; q < o; q++) {
			if (bestord[q] == INT_MIN)
				continue;
			t = bestord[q] + step_score(q, o);
			if (t > s) {
				s = t;
				prev[i] = bestidx[q];
			}
		}
		best[i] = s + d->cand[i].score;
		if (best[i] > bestord[o]) {
			bestord[o] = best[i];
			bestidx[o] = i;
		}
	}
	top = (size_t)-1;
	for (i = 0; i < d->ncand; i++)
		if (best[i] > 0 && (top == (size_t)-1 || best[i] > best[top]))
			top = i;
	/* Walk back along prev[]; chain[] then holds it reversed. */
	chain = gip_xreallocarray(NULL, d->ncand, sizeof(*chain));
	n = 0;
	for (i = top; i != (size_t)-1; i = prev[i])
		chain[n++] = i;
	for (last = (size_t)-1; n > 0; ) {
		i = chain[--n];
		if (last != (size_t)-1 && list_item(d, last, i))
			continue;
		sec_push(d, &d->cand[i]);
		last = i;
	}
	free(chain);
	free(best);
	free(prev);
	misplaced(d);
}

static const char *
doc_display(const struct sec_doc *d)
{
	return strcmp(d->name, "-") == 0 ? "<stdin>" : d->name;
}

static void
warn(const struct sec_doc *d, unsigned long line, const char *fmt, const char *a,
    const char *b)
{
	gip_diag(doc_display(d), line, GIP_WARNING, fmt, a, b);
}

/* Source line of the last text line, for warnings about the end. */
static unsigned long
last_src(const struct sec_doc *d)
{
	size_t	 i;

	for (i = d->nlines; i > 0; i--)
		if (d->lines[i - 1].kind == SEC_TEXT)
			return sec_src(d, i - 1);
	return 0;
}

/*
 * Give each section its extent (to the last non-blank line before the
 * next heading) and size; map unnamed headings of a standard report by
 * their number; warn about missing and misplaced sections.
 */
void
sec_check(struct sec_doc *d)
{
	struct sec_head	*h;
	const struct sec_line *l;
	size_t		 i, j, end;
	int		 seen[SEC_NSTD + 1], nstd = 0, maxstd = 0, k;

	memset(seen, 0, sizeof(seen));
	for (i = 0; i < d->nsec; i++)
		nstd += d->sec[i].std != 0 && d->sec[i].std == d->sec[i].ord;
	for (i = 0; i < d->nsec; i++) {
		h = &d->sec[i];
		if (h->std == 0 && d->meta.tmpl != SEC_TPRE2019 && nstd >= 3 &&
		    h->ord <= SEC_NSTD)
			h->std = h->ord;
		end = i + 1 < d->nsec ? d->sec[i + 1].li : d->nlines;
		h->last = h->li;
		h->nchar = 0;
		for (j = h->li; j < end; j++) {
			l = &d->lines[j];
			if (l->kind != SEC_TEXT)
				continue;
			h->nchar += sec_nchar(d->text.p + sec_off(d, j), l->len);
			if (!sec_blank(d->text.p + sec_off(d, j), l->len))
				h->last = j;
		}
	}
	if (d->nlines == 0 || d->nsec == 0) {
		for (i = 0; i < d->nlines; i++)
			if (d->lines[i].kind == SEC_TEXT &&
			    !sec_blank(d->text.p + sec_off(d, i),
			    d->lines[i].len))
				break;
		warn(d, 0, "%s%s", i < d->nlines ?
		    "no section heading found" : "empty document", "");
		return;
	}
	for (i = 0; i < d->nsec; i++) {
		h = &d->sec[i];
		if (h->std == 0)
			continue;
		if (h->std < maxstd)
			warn(d, sec_src(d, h->li),
			    "section %s out of order: %s",
			    cn_ord[h->std], sec_std_name(h->std));
		if (h->std > maxstd)
			maxstd = h->std;
		seen[h->std] = 1;
	}
	/* The 2008 条例 fixed no sections: nothing is missing there. */
	if (d->meta.tmpl == SEC_TPRE2019)
		return;
	for (k = 1; k <= SEC_NSTD; k++) {
		if (seen[k])
			continue;
		for (i = 0; i < d->nsec; i++)
			if (d->sec[i].std > k)
				break;
		warn(d, i < d->nsec ? sec_src(d, d->sec[i].li) : last_src(d),
		    "missing section %s: %s", cn_ord[k], sec_std_name(k));
	}
}
