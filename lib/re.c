/*
 * re.c: the only file that sees PCRE2.  Patterns are compiled once with
 * UTF and UCP (or at build time, and loaded: gip_re_load), and
 * JIT-compiled, when the platform allows, once they are used often (see
 * JIT_AFTER); subjects are
 * validated UTF-8 by the caller, so matching skips PCRE2's own check,
 * and a match limit turns pathological backtracking into an error.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "gip.h"

struct gip_re {
	pcre2_code		*code;
	int			 jit;		/* JIT-compiled */
	unsigned		 uses;		/* matches tried before */
};

/*
 * One match data (sized for the pattern with the most groups) and one
 * context for all patterns: each match data grows its own 20 KB of
 * backtracking frames, new pages touched a pattern (matches do not
 * nest: gip_re_match copies the offsets out).
 */
static pcre2_match_data		*md;
static pcre2_match_context	*mc;

/*
 * JIT compiling costs more than a small report's matches (a third of
 * gip-tables' instructions on one report): a pattern is JIT-compiled
 * only once it has been tried this many times.
 */
#define JIT_AFTER	256

static pcre2_code *
compile(const char *pattern, unsigned flags)
{
	pcre2_code	*code;
	PCRE2_UCHAR	 msg[256];
	PCRE2_SIZE	 off;
	uint32_t	 opts = PCRE2_UTF | PCRE2_UCP;
	int		 errcode;

	if (flags & GIP_RE_CASELESS)
		opts |= PCRE2_CASELESS;
	if (flags & GIP_RE_ANCHORED)
		opts |= PCRE2_ANCHORED;
	code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	    opts, &errcode, &off, NULL);
	if (code == NULL) {
		pcre2_get_error_message(errcode, msg, sizeof(msg));
		gip_errx(GIP_EXIT_TROUBLE, "pattern error at offset %zu: %s: %s",
		    (size_t)off, (const char *)msg, pattern);
	}
	return code;
}

static struct gip_re *
wrap(pcre2_code *code)
{
	struct gip_re	*re;

	uint32_t	 ngroup = 0;

	re = gip_xcalloc(1, sizeof(*re));
	re->code = code;
	pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &ngroup);
	if (md == NULL || pcre2_get_ovector_count(md) < ngroup + 1) {
		pcre2_match_data_free(md);
		if ((md = pcre2_match_data_create(ngroup + 1, NULL)) == NULL)
			gip_errx(GIP_EXIT_TROUBLE, "out of memory");
	}
	if (mc == NULL) {
		if ((mc = pcre2_match_context_create(NULL)) == NULL)
			gip_errx(GIP_EXIT_TROUBLE, "out of memory");
		pcre2_set_match_limit(mc, 1000000);
		pcre2_set_depth_limit(mc, 10000);
	}
	return re;
}

struct gip_re *
gip_re_compile(const char *pattern, unsigned flags)
{
	return wrap(compile(pattern, flags));
}

/*
 * The pattern as gip_re_serialize wrote it, when those bytes are of
 * this PCRE2 (its version and build: pcre2_serialize_decode checks);
 * else, or with no bytes, compiled from the source.
 */
struct gip_re *
gip_re_load(const unsigned char *bytes, const char *pattern, unsigned flags)
{
	pcre2_code	*code;

	if (bytes != NULL && pcre2_serialize_decode(&code, 1, bytes, NULL) == 1)
		return wrap(code);
	return gip_re_compile(pattern, flags);
}

/*
 * The pattern compiled, as bytes for gip_re_load (free them with
 * free()); at build time, so that a tool need not compile at start-up.
 */
unsigned char *
gip_re_serialize(const char *pattern, unsigned flags, size_t *len)
{
	const pcre2_code *code;
	uint8_t		*bytes, *copy;
	PCRE2_SIZE	 n;

	code = compile(pattern, flags);
	if (pcre2_serialize_encode(&code, 1, &bytes, &n, NULL) < 0)
		gip_errx(GIP_EXIT_TROUBLE, "cannot serialize a pattern: %s",
		    pattern);
	copy = gip_xmalloc(n);
	memcpy(copy, bytes, n);
	pcre2_serialize_free(bytes);
	pcre2_code_free((pcre2_code *)code);
	*len = n;
	return copy;
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
		    md, mc);
	else
		rc = pcre2_match(re->code, (PCRE2_SPTR)subj, len, start,
		    PCRE2_NO_UTF_CHECK, md, mc);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc == PCRE2_ERROR_NOMEMORY)
		gip_errx(GIP_EXIT_TROUBLE, "out of memory matching a pattern");
	if (rc < 0)
		return -1;
	if (rc == 0)
		rc = (int)pcre2_get_ovector_count(md);
	v = pcre2_get_ovector_pointer(md);
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
	pcre2_code_free(re->code);
	free(re);
}
