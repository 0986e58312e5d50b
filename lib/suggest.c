/*
 * suggest.c: the known names closest to an unknown one, for usage
 * errors ("unknown cell t3.new.totl; closest: t3.new.total").
 */
#include <stdlib.h>
#include <string.h>

#include "gip.h"

#define SUGGEST_MAX	3	/* names offered */

/* Levenshtein distance, bytes; two rows. */
static size_t
distance(const char *a, const char *b)
{
	size_t	 la = strlen(a), lb = strlen(b), i, j, *prev, *cur, *t, d;

	prev = gip_xcalloc(lb + 1, sizeof(*prev));
	cur = gip_xcalloc(lb + 1, sizeof(*cur));
	for (j = 0; j <= lb; j++)
		prev[j] = j;
	for (i = 1; i <= la; i++) {
		cur[0] = i;
		for (j = 1; j <= lb; j++) {
			d = prev[j - 1] + (a[i - 1] != b[j - 1]);
			if (prev[j] + 1 < d)
				d = prev[j] + 1;
			if (cur[j - 1] + 1 < d)
				d = cur[j - 1] + 1;
			cur[j] = d;
		}
		t = prev;
		prev = cur;
		cur = t;
	}
	d = prev[lb];
	free(prev);
	free(cur);
	return d;
}

/*
 * Append to b the (at most three) names of names[0..n) nearest to
 * word, nearest first, comma-separated; of names as near, the first
 * in the list.
 */
void
gip_suggest(struct gip_buf *b, const char *word, const char *const *names,
    size_t n)
{
	size_t	 best[SUGGEST_MAX], bestd[SUGGEST_MAX], nbest = 0, i, k, d;

	for (i = 0; i < n; i++) {
		d = distance(word, names[i]);
		for (k = nbest; k > 0 && bestd[k - 1] > d; k--)
			if (k < SUGGEST_MAX) {
				best[k] = best[k - 1];
				bestd[k] = bestd[k - 1];
			}
		if (k < SUGGEST_MAX) {
			best[k] = i;
			bestd[k] = d;
			if (nbest < SUGGEST_MAX)
				nbest++;
		}
	}
	for (i = 0; i < nbest; i++) {
		if (i > 0)
			gip_buf_adds(b, ", ");
		gip_buf_adds(b, names[best[i]]);
	}
}
