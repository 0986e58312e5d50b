/*
 * stats_state.c: partial states (--partial) and their merge (--merge).
 *
 * A state is TSV, one fact per line, the first field a tag (see
 * gip-stats(1), PARTIAL STATE).  Everything in it adds up exactly:
 * counts and sums add, minima and maxima combine, and the value
 * multisets (value, count) add, so medians and p90 after a merge are
 * the ones a single run computes.  Documents at the edges of a part's
 * input may continue in another part; their contributions travel as E
 * lines (a group and a document id, counted once however many parts
 * name them) and P lines (a document's ratio operands, added up before
 * the ratio is taken).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gip.h"
#include "stats.h"

#define MAXF	4096		/* fields in a state line we look at */

static void	 put_u(struct gip_out *, uint64_t);
static void	 put_v(struct gip_out *, int64_t);
static void	 put_values(struct gip_out *, char, const struct stats_group *,
		    const struct stats_vent *, const size_t *, const size_t *);

static void
put_u(struct gip_out *o, uint64_t u)
{
	gip_tsv_fieldf(o, "%llu", (unsigned long long)u);
}

static void
put_v(struct gip_out *o, int64_t v)
{
	char	 buf[STATS_NUMLEN];

	gip_tsv_field(o, buf, stats_num_fmt(buf, v));
}

/* The group's key (escaped already) as the next fields of the line. */
static void
put_key(struct gip_out *o, const struct stats_group *g)
{
	gip_out_putc(o, '\t');
	gip_out_write(o, g->key, g->keylen);
	o->nfield++;
}

static void
put_values(struct gip_out *o, char kind, const struct stats_group *g,
    const struct stats_vent *v, const size_t *start, const size_t *cnt)
{
	size_t	 i;

	for (i = start[g->id]; i < start[g->id] + cnt[g->id]; i++) {
		gip_tsv_fields(o, "V");
		gip_tsv_field(o, &kind, 1);
		put_key(o, g);
		put_v(o, v[i].value);
		put_u(o, v[i].count);
		gip_tsv_end_row(o);
	}
}

static int
cmp_str(const void *a, const void *b)
{
	const struct stats_strent *x = *(struct stats_strent *const *)a;
	const struct stats_strent *y = *(struct stats_strent *const *)b;
	size_t	 n = x->len < y->len ? x->len : y->len;
	int	 c;

	if ((c = memcmp(x->s, y->s, n)) != 0)
		return c;
	return (x->len > y->len) - (x->len < y->len);
}

/* The entries of a string table in byte order (caller frees). */
static struct stats_strent **
strtab_sorted(struct stats_strtab *t)
{
	struct stats_strent **v = stats_strtab_all(t);

	qsort(v, t->n, sizeof(*v), cmp_str);
	return v;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t	 x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* S lines: the documents counted whole in this part, by hash. */
static void
write_settled(struct stats *st, struct gip_out *o)
{
	struct stats_doc *d;
	uint64_t	*h;
	size_t		 i, n = 0;

	h = gip_xreallocarray(NULL, stats_dtab_count(&st->settled) + 1,
	    sizeof(*h));
	for (i = 0; i < stats_dtab_cap(&st->settled); i++)
		if ((d = stats_dtab_slot(&st->settled, i)) != NULL)
			h[n++] = d->hash;
	qsort(h, n, sizeof(*h), cmp_u64);
	for (i = 0; i < n; i++) {
		gip_tsv_fields(o, "S");
		gip_tsv_fieldf(o, "%016llx", (unsigned long long)h[i]);
		gip_tsv_end_row(o);
	}
	free(h);
}

static void
split_document(void)
{
	gip_errx(GIP_EXIT_TROUBLE, "merge: a document was counted whole in "
	    "one part and also has records in another (more than --window "
	    "documents from the part's ends); make the partial states with "
	    "--window=0");
}

void
stats_state_write(struct stats *st, struct gip_out *o)
{
	struct stats_conf *c = st->conf;
	struct stats_group **v, *g;
	struct stats_vent *ve;
	struct stats_strent **se;
	struct stats_operands *op;
	size_t		 nve, i, *start, *cnt, ng;
	char		 kind;
	struct stats_gtab *t;

	gip_tsv_fields(o, "H");
	gip_tsv_fields(o, "gip-stats");
	gip_tsv_fields(o, STATS_PARTIAL_VERSION);
	gip_tsv_fields(o, stats_view_name(c->view));
	gip_tsv_fields(o, c->dimspec);
	gip_tsv_fields(o, c->cellspec);
	gip_tsv_fields(o, c->ratiospec);
	gip_tsv_end_row(o);

	ve = stats_vtab_sorted(&st->vt, &nve);
	switch (c->view) {
	case VIEW_CELLS:
		t = &st->cg;
		kind = 'C';
		break;
	case VIEW_RATIOS:
		t = &st->rg;
		kind = 'R';
		break;
	default:
		t = &st->dg;
		kind = 'D';
		break;
	}
	ng = t->n;
	start = gip_xcalloc(ng + 1, sizeof(*start));
	cnt = gip_xcalloc(ng + 1, sizeof(*cnt));
	for (i = 0; i < nve; i++) {
		if (ve[i].kind != kind || ve[i].gid >= ng)
			continue;
		if (cnt[ve[i].gid]++ == 0)
			start[ve[i].gid] = i;
	}
	v = stats_gtab_sorted(t);
	for (i = 0; i < ng; i++) {
		g = v[i];
		gip_tsv_field(o, &kind, 1);
		put_key(o, g);
		switch (kind) {
		case 'C':
			put_u(o, g->docs.n);
			put_u(o, g->covered.n);
			put_u(o, g->values);
			put_v(o, g->sum);
			if (g->values > 0) {
				put_v(o, g->min);
				put_v(o, g->max);
			} else {
				gip_tsv_field(o, "", 0);
				gip_tsv_field(o, "", 0);
			}
			break;
		case 'R':
			put_u(o, g->values);
			put_v(o, g->sum);
			if (g->values > 0) {
				put_v(o, g->min);
				put_v(o, g->max);
			} else {
				gip_tsv_field(o, "", 0);
				gip_tsv_field(o, "", 0);
			}
			put_u(o, g->zero_den);
			put_u(o, g->na);
			put_v(o, g->pnum);
			put_v(o, g->pden);
			break;
		default:
			put_u(o, g->docs.n);
			put_u(o, g->tabled.n);
			break;
		}
		gip_tsv_end_row(o);
		put_values(o, kind, g, ve, start, cnt);
	}
	free(v);
	/* the documents that went in, for docs and coverage */
	if (c->view == VIEW_CELLS) {
		v = stats_gtab_sorted(&st->dg);
		for (i = 0; i < st->dg.n; i++) {
			g = v[i];
			gip_tsv_fields(o, "D");
			put_key(o, g);
			put_u(o, g->docs.n);
			put_u(o, g->tabled.n);
			gip_tsv_end_row(o);
		}
		free(v);
	}
	if (c->view == VIEW_FINDINGS) {
		v = stats_gtab_sorted(&st->fg);
		for (i = 0; i < st->fg.n; i++) {
			g = v[i];
			gip_tsv_fields(o, "F");
			put_key(o, g);
			put_u(o, g->findings);
			put_u(o, g->failing.n);
			gip_tsv_end_row(o);
		}
		free(v);
	}
	/* What is left unsettled: documents at the edges. */
	se = strtab_sorted(&st->edges);
	for (i = 0; i < st->edges.n; i++) {
		gip_out_write(o, se[i]->s, se[i]->len);
		gip_out_endline(o);
	}
	free(se);
	se = strtab_sorted(&st->pending);
	for (i = 0; i < st->pending.n; i++) {
		op = se[i]->val;
		gip_tsv_fields(o, "P");
		gip_out_putc(o, '\t');
		gip_out_write(o, se[i]->s, se[i]->len);
		o->nfield++;
		put_v(o, op->num);
		put_u(o, op->nummask);
		put_v(o, op->den);
		put_u(o, op->denmask);
		gip_tsv_end_row(o);
	}
	free(se);
	write_settled(st, o);
	free(start);
	free(cnt);
	free(ve);
}

/* Split at TABs without unescaping; returns the number of fields. */
static int
split_raw(char *p, size_t n, char **f, size_t *len, int max)
{
	size_t	 i, start = 0;
	int	 nf = 0;

	for (i = 0; i <= n; i++) {
		if (i < n && p[i] != '\t')
			continue;
		if (nf < max) {
			f[nf] = p + start;
			len[nf] = i - start;
		}
		nf++;
		start = i + 1;
	}
	return nf;
}

static int
parse_u(const char *p, size_t n, uint64_t *out)
{
	uint64_t	 u = 0;
	size_t		 i;

	if (n == 0 || n > 19)
		return -1;
	for (i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		u = u * 10 + (uint64_t)(p[i] - '0');
	}
	*out = u;
	return 0;
}

static int
parse_hex(const char *p, uint64_t *out)
{
	uint64_t	 u = 0;
	int		 i;

	for (i = 0; i < 16; i++) {
		if (p[i] >= '0' && p[i] <= '9')
			u = u << 4 | (uint64_t)(p[i] - '0');
		else if (p[i] >= 'a' && p[i] <= 'f')
			u = u << 4 | (uint64_t)(p[i] - 'a' + 10);
		else
			return -1;
	}
	*out = u;
	return 0;
}

static int
parse_v(const char *p, size_t n, int64_t *out)
{
	char	 buf[STATS_NUMLEN];

	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return stats_num_parse(buf, out);
}

/* min/max: empty when the group had no values. */
static int
parse_ov(const char *p, size_t n, int64_t *out, int *have)
{
	*have = n > 0;
	if (n == 0)
		return 0;
	return parse_v(p, n, out);
}

/* The key spans fields [from, to] of the line. */
static struct stats_group *
key_group(struct stats_gtab *t, char **f, size_t *len, int from, int to)
{
	const char	*k = from <= to ? f[from] : "";
	size_t		 klen = from <= to ? (size_t)(f[to] + len[to] - f[from])
			    : 0;

	return stats_gtab_get(t, k, klen, NULL);
}

static void
combine(struct stats_group *g, uint64_t values, int64_t sum, int64_t min,
    int64_t max, int have)
{
	if (stats_add(&g->sum, sum) == -1)
		gip_errx(GIP_EXIT_TROUBLE, "merge: sum too large");
	if (have && (g->values == 0 || min < g->min))
		g->min = min;
	if (have && (g->values == 0 || max > g->max))
		g->max = max;
	g->values += values;
}

/* The first line of a state; 1 when p is one. */
int
stats_is_state(const char *p, size_t n)
{
	return n >= 12 && memcmp(p, "H\tgip-stats\t", 12) == 0;
}

/*
 * One line of a partial state into the merge.  Returns 0, 1 for the
 * header (st->conf is then set up by the caller from it), or -1 for a
 * line that is not state.
 */
int
stats_state_line(struct stats *st, char *p, size_t n)
{
	char		*f[MAXF];
	size_t		 len[MAXF];
	struct stats_group *g;
	struct stats_operands op;
	uint64_t	 u1, u2, u3, u4, u5;
	int64_t		 v1, v2, v3, v4, v5;
	int		 nf, h1, h2, isnew;

	nf = split_raw(p, n, f, len, MAXF);
	if (nf > MAXF || len[0] != 1)
		goto bad;
	switch (f[0][0]) {
	case 'H':
		return nf == 7 ? 1 : -1;
	case 'C':
		if (nf < 7 || parse_u(f[nf - 6], len[nf - 6], &u1) ||
		    parse_u(f[nf - 5], len[nf - 5], &u2) ||
		    parse_u(f[nf - 4], len[nf - 4], &u3) ||
		    parse_v(f[nf - 3], len[nf - 3], &v1) ||
		    parse_ov(f[nf - 2], len[nf - 2], &v2, &h1) ||
		    parse_ov(f[nf - 1], len[nf - 1], &v3, &h2) || h1 != h2 ||
		    h1 != (u3 > 0))
			goto bad;
		g = key_group(&st->cg, f, len, 1, nf - 7);
		g->docs.n += u1;
		g->covered.n += u2;
		combine(g, u3, v1, v2, v3, h1);
		return 0;
	case 'R':
		if (nf < 10 || parse_u(f[nf - 8], len[nf - 8], &u1) ||
		    parse_v(f[nf - 7], len[nf - 7], &v1) ||
		    parse_ov(f[nf - 6], len[nf - 6], &v2, &h1) ||
		    parse_ov(f[nf - 5], len[nf - 5], &v3, &h2) || h1 != h2 ||
		    h1 != (u1 > 0) ||
		    parse_u(f[nf - 4], len[nf - 4], &u2) ||
		    parse_u(f[nf - 3], len[nf - 3], &u3) ||
		    parse_v(f[nf - 2], len[nf - 2], &v4) ||
		    parse_v(f[nf - 1], len[nf - 1], &v5))
			goto bad;
		g = key_group(&st->rg, f, len, 1, nf - 9);
		combine(g, u1, v1, v2, v3, h1);
		g->zero_den += u2;
		g->na += u3;
		if (stats_add(&g->pnum, v4) == -1 ||
		    stats_add(&g->pden, v5) == -1)
			gip_errx(GIP_EXIT_TROUBLE, "merge: sum too large");
		return 0;
	case 'D':
		if (nf < 3 || parse_u(f[nf - 2], len[nf - 2], &u1) ||
		    parse_u(f[nf - 1], len[nf - 1], &u2))
			goto bad;
		g = key_group(&st->dg, f, len, 1, nf - 3);
		g->docs.n += u1;
		g->tabled.n += u2;
		return 0;
	case 'F':
		if (nf < 5 || parse_u(f[nf - 2], len[nf - 2], &u1) ||
		    parse_u(f[nf - 1], len[nf - 1], &u2))
			goto bad;
		g = key_group(&st->fg, f, len, 1, nf - 3);
		g->findings += u1;
		g->failing.n += u2;
		return 0;
	case 'V':
		if (nf < 4 || len[1] != 1 || (f[1][0] != 'C' &&
		    f[1][0] != 'R') || parse_v(f[nf - 2], len[nf - 2], &v1) ||
		    parse_u(f[nf - 1], len[nf - 1], &u1) || u1 == 0)
			goto bad;
		g = key_group(f[1][0] == 'C' ? &st->cg : &st->rg, f, len, 2,
		    nf - 3);
		stats_vtab_add(&st->vt, f[1][0], g->id, v1, u1);
		return 0;
	case 'E':
		if (nf < 4 || len[1] != 1 || strchr("CcDFt", f[1][0]) == NULL)
			goto bad;
		stats_strtab_get(&st->edges, p, n, &isnew);
		return 0;
	case 'S':
		if (nf != 2 || len[1] != 16 || parse_hex(f[1], &u1) == -1)
			goto bad;
		stats_dtab_get(&st->settled, u1, &isnew);
		if (!isnew)
			split_document();
		return 0;
	case 'P':
		if (nf < 7 || parse_v(f[nf - 4], len[nf - 4], &v1) ||
		    parse_u(f[nf - 3], len[nf - 3], &u4) ||
		    parse_v(f[nf - 2], len[nf - 2], &v2) ||
		    parse_u(f[nf - 1], len[nf - 1], &u5))
			goto bad;
		op.num = v1;
		op.nummask = u4;
		op.den = v2;
		op.denmask = u5;
		stats_pending_add(st, f[1], (size_t)(f[nf - 5] + len[nf - 5] -
		    f[1]), &op);
		return 0;
	default:
		break;
	}
bad:
	return -1;
}

/*
 * End of a final merge: count each edge document once, and settle
 * the ratios of documents whose records were spread over parts.
 */
void
stats_merge_settle(struct stats *st)
{
	struct stats_conf *c = st->conf;
	struct stats_strent **se;
	struct stats_group *g;
	struct stats_gtab *t;
	char		*f[MAXF], *s;
	size_t		 len[MAXF], i, klen;
	int		 nf, r;

	se = strtab_sorted(&st->edges);
	for (i = 0; i < st->edges.n; i++) {
		s = gip_xstrndup(se[i]->s, se[i]->len);
		nf = split_raw(s, se[i]->len, f, len, MAXF);
		if (nf > MAXF) {
			free(s);
			continue;
		}
		switch (f[1][0]) {
		case 'C':
		case 'c':
			t = &st->cg;
			break;
		case 'D':
		case 't':
			t = &st->dg;
			break;
		default:
			t = &st->fg;
			break;
		}
		g = key_group(t, f, len, 2, nf - 2);
		/* an edge here, counted whole in another part: lost */
		klen = gip_tsv_unescape(f[nf - 1], len[nf - 1], f[nf - 1]);
		if (stats_dtab_count(&st->settled) > 0 &&
		    stats_dtab_get(&st->settled, stats_hash(f[nf - 1], klen),
		    NULL) != NULL)
			split_document();
		switch (f[1][0]) {
		case 'C':
		case 'D':
			g->docs.n++;
			break;
		case 'c':
			g->covered.n++;
			break;
		case 't':
			g->tabled.n++;
			break;
		default:
			g->failing.n++;
			break;
		}
		free(s);
	}
	free(se);
	se = strtab_sorted(&st->pending);
	for (i = 0; i < st->pending.n; i++) {
		/* key = group key fields, TAB, doc id: the ratio name is
		 * the last field before the doc. */
		s = gip_xstrndup(se[i]->s, se[i]->len);
		nf = split_raw(s, se[i]->len, f, len, MAXF);
		if (nf < 2 || nf > MAXF) {
			free(s);
			continue;
		}
		klen = (size_t)(f[nf - 2] + len[nf - 2] - s);
		f[nf - 2][len[nf - 2]] = '\0';
		for (r = 0; r < c->nratio; r++)
			if (strcmp(c->ratios[r].name, f[nf - 2]) == 0)
				break;
		if (r < c->nratio) {
			g = stats_gtab_get(&st->rg, se[i]->s, klen, NULL);
			stats_ratio_done(st, g, se[i]->val, &c->ratios[r]);
		}
		free(s);
	}
	free(se);
}
