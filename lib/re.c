/*
 * re.c: the only file that sees PCRE2.  Patterns are compiled once with
 * UTF and UCP, and JIT-compiled, when the platform allows, once they are
 * used often (see JIT_AFTER); subjects are
 * validated UTF-8 by the caller, so matching skips PCRE2's own check,
 * and a match limit turns pathological backtracking into an error.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>

#include "gip.h"

struct gip_re {
	pcre2_code		*code;
	pcre2_match_data	*md;
	pcre2_match_context	*mc;
	int			 jit;		/* JIT-compiled */
	unsigned		 uses;		/* matches tried before */
};

/*
 * JIT compiling costs more than a small report's matches (a third of
 * gip-tables' instructions on one report): a pattern is JIT-compiled
 * only once it has been tried this many times.
 */
#define JIT_AFTER	256

struct gip_re *
gip_re_compile(const char *pattern, unsigned flags)
{
	struct gip_re	*re;
	PCRE2_UCHAR	 msg[256];
	PCRE2_SIZE	 off;
	uint32_t	 opts = PCRE2_UTF | PCRE2_UCP;
	int		 errcode;

	if (flags & GIP_RE_CASELESS)
		opts |= PCRE2_CASELESS;
	if (flags & GIP_RE_ANCHORED)
		opts |= PCRE2_ANCHORED;
	re = gip_xcalloc(1, sizeof(*re));
	re->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	    opts, &errcode, &off, NULL);
	if (re->code == NULL) {
		pcre2_get_error_message(errcode, msg, sizeof(msg));
		gip_errx(GIP_EXIT_TROUBLE, "pattern error at offset %zu: %s: %s",
		    (size_t)off, (const char *)msg, pattern);
	}
	re->md = pcre2_match_data_create_from_pattern(re->code, NULL);
	re->mc = pcre2_match_context_create(NULL);
	if (re->md == NULL || re->mc == NULL)
		gip_errx(GIP_EXIT_TROUBLE, "out of memory");
	pcre2_set_match_limit(re->mc, 1000000);
	pcre2_set_depth_limit(re->mc, 10000);
	return re;
}

int
gip_re_match(struct gip_re *re, const char *subj, size_t len, size_t start,
    size_t *ov, int nov)
{
	PCRE2_SIZE	*v;
	int		 rc, i;

	if (!re->jit && re->uses < JIT_AFTER && ++re->uses == JIT_AFTER)
		re->jit = pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE) == 0;
	if (re->jit)
		rc = pcre2_jit_match(re->code, (PCRE2_SPTR)subj, len, start, 0,
		    re->md, re->mc);
	else
		rc = pcre2_match(re->code, (PCRE2_SPTR)subj, len, start,
		    PCRE2_NO_UTF_CHECK, re->md, re->mc);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc == PCRE2_ERROR_NOMEMORY)
		gip_errx(GIP_EXIT_TROUBLE, "out of memory matching a pattern");
	if (rc < 0)
		return -1;
	if (rc == 0)
		rc = (int)pcre2_get_ovector_count(re->md);
	v = pcre2_get_ovector_pointer(re->md);
	for (i = 0; i < nov; i++) {
		if (i < rc && v[2 * i] != PCRE2_UNSET) {
			ov[2 * i] = v[2 * i];
			ov[2 * i + 1] = v[2 * i + 1];
		} else
			ov[2 * i] = ov[2 * i + 1] = (size_t)-1;
	}
	return rc;
}

void
gip_re_free(struct gip_re *re)
{
	if (re == NULL)
		return;
	pcre2_match_data_free(re->md);
	pcre2_match_context_free(re->mc);
	pcre2_code_free(re->code);
	free(re);
}
