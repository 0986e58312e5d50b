/*
 * jsonin.c: a small JSON reader, enough to read back the --json output
 * of the gip tools (RFC 8259: objects, arrays, strings, numbers, true,
 * false, null), and the conversion of one gip-tables --json document
 * into records.
 *
 * The parser is iterative: containers are kept on an explicit stack, so
 * deep nesting costs heap, not C stack, and is still capped at
 * GIP_JSONIN_MAXDEPTH.  Every byte is looked at a bounded number of
 * times.  Nodes live in one array (indices, so it may grow); strings
 * and number texts are copied, unescaped and NUL-terminated, into one
 * buffer sized before parsing, so their pointers stay valid.
 *
 * Why not jansson (libjansson-dev 2.14, Debian 12), measured with
 * bench/jsonin.sh: turning 2,000 gip-tables --json documents (404,000
 * cells, 24.5 MB, the first lines of bench/check.sh's corpus) into
 * records took 0.07 to 0.08 s here and 0.42 to 0.58 s with json_loadb
 * and json_object_foreach (6 to 7 times slower: jansson allocates a
 * node per value and hashes every object's keys).  And
 * jansson keeps a number only as an int64 or a double: a value such as
 * 0.1 would reach lib/decimal.c through binary floating point, and an
 * integer beyond int64 makes the whole line fail, where gip-check must
 * read the number's text exactly and report the one cell out of range.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gip.h"

static int	 vfail(struct gip_jsonin *, size_t, const char *, va_list)
		    GIP_PRINTF(3, 0);
static int	 fail(struct gip_jsonin *, size_t, const char *, ...)
		    GIP_PRINTF(3, 4);
static int	 bad(struct gip_jsonin *, const char *, ...) GIP_PRINTF(2, 3);
static size_t	 new_node(struct gip_jsonin *, enum gip_jtype, size_t);
static int	 hex4(const char *, size_t, size_t, uint32_t *);
static int	 scan_string(struct gip_jsonin *, const char *, size_t,
		    size_t *, const char **, size_t *);
static int	 scan_number(struct gip_jsonin *, const char *, size_t,
		    size_t *);
static size_t	 skip_ws(const char *, size_t, size_t);
static const char *node_text(struct gip_jsonin *, const struct gip_jnode *,
		    const char *);

/* The error message says where: "byte N: what" (N counts from 1). */
static int
vfail(struct gip_jsonin *j, size_t off, const char *fmt, va_list ap)
{
	int	 n = 0;

	j->erroff = off;
	if (off != GIP_JSONIN_NOOFF)
		n = snprintf(j->err, sizeof(j->err), "byte %zu: ", off + 1);
	if (n < 0 || (size_t)n >= sizeof(j->err))
		n = 0;
	vsnprintf(j->err + n, sizeof(j->err) - (size_t)n, fmt, ap);
	return -1;
}

static int
fail(struct gip_jsonin *j, size_t off, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vfail(j, off, fmt, ap);
	va_end(ap);
	return -1;
}

/* A well-formed text that is not a tables document: no offset. */
static int
bad(struct gip_jsonin *j, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vfail(j, GIP_JSONIN_NOOFF, fmt, ap);
	va_end(ap);
	return -1;
}

static size_t
new_node(struct gip_jsonin *j, enum gip_jtype type, size_t parent)
{
	struct gip_jnode *n;
	size_t		  cap;

	if (j->nnode == j->nodecap) {
		cap = j->nodecap ? j->nodecap * 2 : 256;
		j->nodes = gip_xreallocarray(j->nodes, cap, sizeof(*j->nodes));
		j->nodecap = cap;
	}
	n = &j->nodes[j->nnode];
	memset(n, 0, sizeof(*n));
	n->type = type;
	n->parent = parent;
	return j->nnode++;
}

static size_t
skip_ws(const char *p, size_t n, size_t i)
{
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\n' ||
	    p[i] == '\r'))
		i++;
	return i;
}

static int
hex4(const char *p, size_t n, size_t i, uint32_t *v)
{
	size_t	 k;
	int	 c, d;

	if (n - i < 4)
		return -1;
	*v = 0;
	for (k = 0; k < 4; k++) {
		c = (unsigned char)p[i + k];
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -1;
		*v = *v << 4 | (uint32_t)d;
	}
	return 0;
}

/*
 * The string starting at the quote p[*ip]: unescape it into j->str and
 * leave *ip after the closing quote.  Raw bytes must be valid UTF-8.
 * A \u escape of a lone surrogate becomes U+FFFD, as jq does; \u0000
 * is kept as a NUL byte (*lenp counts it).
 */
static int
scan_string(struct gip_jsonin *j, const char *p, size_t n, size_t *ip,
    const char **sp, size_t *lenp)
{
	char		*out, *o;
	size_t		 i = *ip + 1, run, ok;
	uint32_t	 cp, lo;
	unsigned char	 c;

	out = o = j->str + j->strused;
	for (;;) {
		for (run = i; run < n; run++) {
			c = (unsigned char)p[run];
			if (c == '"' || c == '\\' || c < 0x20)
				break;
		}
		if (run > i) {
			if ((ok = gip_utf8_valid(p + i, run - i)) != run - i)
				return fail(j, i + ok, "invalid UTF-8 in "
				    "string");
			memcpy(o, p + i, run - i);
			o += run - i;
		}
		i = run;
		if (i >= n)
			return fail(j, *ip, "unterminated string");
		c = (unsigned char)p[i];
		if (c == '"')
			break;
		if (c < 0x20)
			return fail(j, i, "control character 0x%02x in string",
			    c);
		if (i + 1 >= n)
			return fail(j, *ip, "unterminated string");
		switch (p[i + 1]) {
		case '"':
		case '\\':
		case '/':
			*o++ = p[i + 1];
			break;
		case 'b':
			*o++ = '\b';
			break;
		case 'f':
			*o++ = '\f';
			break;
		case 'n':
			*o++ = '\n';
			break;
		case 'r':
			*o++ = '\r';
			break;
		case 't':
			*o++ = '\t';
			break;
		case 'u':
			if (hex4(p, n, i + 2, &cp) == -1)
				return fail(j, i, "bad \\u escape");
			i += 4;
			if (cp >= 0xD800 && cp <= 0xDBFF && n - i >= 8 &&
			    p[i + 2] == '\\' && p[i + 3] == 'u' &&
			    hex4(p, n, i + 4, &lo) == 0 &&
			    lo >= 0xDC00 && lo <= 0xDFFF) {
				cp = 0x10000 + ((cp - 0xD800) << 10) +
				    (lo - 0xDC00);
				i += 6;
			} else if (cp >= 0xD800 && cp <= 0xDFFF)
				cp = 0xFFFD;
			o += gip_utf8_encode(cp, o);
			break;
		default:
			return fail(j, i, "bad escape \\%c", p[i + 1] >= 0x20 &&
			    p[i + 1] < 0x7f ? p[i + 1] : '?');
		}
		i += 2;
	}
	*lenp = (size_t)(o - out);
	*o++ = '\0';
	j->strused = (size_t)(o - j->str);
	*sp = out;
	*ip = i + 1;
	return 0;
}

/* RFC 8259 number grammar; the text is copied as it is. */
static int
scan_number(struct gip_jsonin *j, const char *p, size_t n, size_t *ip)
{
	size_t	 i = *ip, start = *ip;
	char	*out;

#define DIGIT(k) ((k) < n && p[k] >= '0' && p[k] <= '9')
	if (i < n && p[i] == '-')
		i++;
	if (!DIGIT(i))
		return fail(j, start, "bad number");
	if (p[i] == '0')
		i++;
	else
		while (DIGIT(i))
			i++;
	if (i < n && p[i] == '.') {
		if (!DIGIT(i + 1))
			return fail(j, i, "bad number");
		for (i++; DIGIT(i); i++)
			;
	}
	if (i < n && (p[i] == 'e' || p[i] == 'E')) {
		i++;
		if (i < n && (p[i] == '+' || p[i] == '-'))
			i++;
		if (!DIGIT(i))
			return fail(j, i, "bad number");
		while (DIGIT(i))
			i++;
	}
#undef DIGIT
	out = j->str + j->strused;
	memcpy(out, p + start, i - start);
	out[i - start] = '\0';
	j->strused += i - start + 1;
	j->nodes[j->nnode - 1].s = out;
	j->nodes[j->nnode - 1].len = i - start;
	*ip = i;
	return 0;
}

int
gip_jsonin_parse(struct gip_jsonin *j, const char *p, size_t n)
{
	size_t		 i, cur, node, depth = 0;
	size_t		*last = NULL;		/* last child, per depth */
	size_t		 lastcap = 0;
	const char	*key = NULL;
	size_t		 keylen = 0;
	int		 rv = -1, want_value = 1;
	struct gip_jnode *pn;

	j->nnode = 0;
	j->err[0] = '\0';
	j->erroff = 0;
	/* Unescaped text never outgrows its source; +1 per number's NUL. */
	if (n > (SIZE_MAX - 2) / 2)
		return fail(j, 0, "input too large");
	if (j->strcap < 2 * n + 2) {
		free(j->str);
		j->strcap = 2 * n + 2;
		j->str = gip_xmalloc(j->strcap);
	}
	j->strused = 0;
	cur = (size_t)-1;	/* the open container, none yet */
	i = skip_ws(p, n, 0);
	for (;;) {
		if (want_value) {
			if (i >= n) {
				fail(j, i, "unexpected end of input");
				goto out;
			}
			node = new_node(j, GIP_JNULL, cur);
			pn = &j->nodes[node];
			pn->key = key;
			pn->keylen = keylen;
			key = NULL;
			if (cur != (size_t)-1) {
				if (last[depth - 1] == 0)
					j->nodes[cur].kid = node;
				else
					j->nodes[last[depth - 1]].next = node;
				last[depth - 1] = node;
				j->nodes[cur].nkid++;
			}
			switch (p[i]) {
			case '{':
			case '[':
				pn->type = p[i] == '{' ? GIP_JOBJ : GIP_JARR;
				if (depth >= GIP_JSONIN_MAXDEPTH) {
					fail(j, i, "nesting deeper than %d",
					    GIP_JSONIN_MAXDEPTH);
					goto out;
				}
				if (depth == lastcap) {
					lastcap = lastcap ? lastcap * 2 : 16;
					last = gip_xreallocarray(last, lastcap,
					    sizeof(*last));
				}
				last[depth++] = 0;
				cur = node;
				i = skip_ws(p, n, i + 1);
				if (i < n && p[i] == (pn->type == GIP_JOBJ ?
				    '}' : ']')) {
					i++;
					goto close;
				}
				if (pn->type == GIP_JOBJ)
					goto member;
				continue;
			case '"':
				pn->type = GIP_JSTR;
				if (scan_string(j, p, n, &i, &pn->s,
				    &pn->len) == -1)
					goto out;
				break;
			case 't':
			case 'f':
			case 'n':
				pn->type = p[i] == 't' ? GIP_JTRUE :
				    p[i] == 'f' ? GIP_JFALSE : GIP_JNULL;
				pn->s = pn->type == GIP_JTRUE ? "true" :
				    pn->type == GIP_JFALSE ? "false" : "null";
				pn->len = strlen(pn->s);
				if (n - i < pn->len ||
				    memcmp(p + i, pn->s, pn->len) != 0) {
					fail(j, i, "unexpected character '%c'",
					    p[i]);
					goto out;
				}
				i += pn->len;
				break;
			default:
				pn->type = GIP_JNUM;
				if (p[i] != '-' && (p[i] < '0' || p[i] > '9')) {
					if ((unsigned char)p[i] >= 0x20 &&
					    (unsigned char)p[i] < 0x7f)
						fail(j, i, "unexpected "
						    "character '%c'", p[i]);
					else
						fail(j, i, "unexpected byte "
						    "0x%02x",
						    (unsigned char)p[i]);
					goto out;
				}
				if (scan_number(j, p, n, &i) == -1)
					goto out;
				break;
			}
			want_value = 0;
		}
		/* After a value: a comma, the container's end, or the end. */
		i = skip_ws(p, n, i);
		if (cur == (size_t)-1)
			break;
		if (i >= n) {
			fail(j, i, "unexpected end of input in %s",
			    j->nodes[cur].type == GIP_JOBJ ? "object" :
			    "array");
			goto out;
		}
		if (p[i] == ',') {
			i = skip_ws(p, n, i + 1);
			want_value = 1;
			if (j->nodes[cur].type == GIP_JOBJ)
				goto member;
			continue;
		}
		if (p[i] != (j->nodes[cur].type == GIP_JOBJ ? '}' : ']')) {
			fail(j, i, "expected ',' or '%c'",
			    j->nodes[cur].type == GIP_JOBJ ? '}' : ']');
			goto out;
		}
		i++;
close:
		depth--;
		cur = j->nodes[cur].parent;
		want_value = 0;
		continue;
member:
		/* An object member: "key" ':' then the value. */
		if (i >= n || p[i] != '"') {
			fail(j, i, "expected a string key");
			goto out;
		}
		if (scan_string(j, p, n, &i, &key, &keylen) == -1)
			goto out;
		i = skip_ws(p, n, i);
		if (i >= n || p[i] != ':') {
			fail(j, i, "expected ':' after key");
			goto out;
		}
		i = skip_ws(p, n, i + 1);
		want_value = 1;
	}
	if (i < n) {
		fail(j, i, "trailing data after the value");
		goto out;
	}
	rv = 0;
out:
	free(last);
	if (rv == -1)
		j->nnode = 0;
	return rv;
}

const struct gip_jnode *
gip_jsonin_root(const struct gip_jsonin *j)
{
	return j->nnode > 0 ? &j->nodes[0] : NULL;
}

const struct gip_jnode *
gip_jsonin_kid(const struct gip_jsonin *j, const struct gip_jnode *n)
{
	return n != NULL && n->kid != 0 ? &j->nodes[n->kid] : NULL;
}

const struct gip_jnode *
gip_jsonin_next(const struct gip_jsonin *j, const struct gip_jnode *n)
{
	return n != NULL && n->next != 0 ? &j->nodes[n->next] : NULL;
}

const struct gip_jnode *
gip_jsonin_get(const struct gip_jsonin *j, const struct gip_jnode *obj,
    const char *key)
{
	const struct gip_jnode *k;
	size_t			len = strlen(key);

	if (obj == NULL || obj->type != GIP_JOBJ)
		return NULL;
	for (k = gip_jsonin_kid(j, obj); k != NULL; k = gip_jsonin_next(j, k))
		if (k->keylen == len && memcmp(k->key, key, len) == 0)
			return k;
	return NULL;
}

void
gip_jsonin_free(struct gip_jsonin *j)
{
	free(j->nodes);
	free(j->str);
	free(j->recs);
	memset(j, 0, sizeof(*j));
}

/*
 * A scalar as record text: strings and numbers as they are, null and
 * absent as "".  The record fields are char *, so point into our own
 * writable copies (j->str, or j->empty).
 */
static const char *
node_text(struct gip_jsonin *j, const struct gip_jnode *n, const char *what)
{
	if (n == NULL || n->type == GIP_JNULL)
		return j->empty;
	if (n->type == GIP_JSTR || n->type == GIP_JNUM) {
		if (strlen(n->s) != n->len) {
			bad(j, "%s: NUL character in string", what);
			return NULL;
		}
		return n->s;
	}
	bad(j, "%s: not a string or number", what);
	return NULL;
}

static int
add_cell(struct gip_jsonin *j, const struct gip_record *doc,
    const char *table, const char *row, const char *col,
    const struct gip_jnode *cell)
{
	struct gip_record	*r;
	const struct gip_jnode	*v, *st, *raw, *ln;
	const char		*val, *sts, *raws, *lns, *errstr;
	size_t			 cap;

	if (cell->type != GIP_JOBJ)
		return bad(j, "tables.%s.%s.%s: not an object", table,
		    row, col);
	v = gip_jsonin_get(j, cell, "value");
	st = gip_jsonin_get(j, cell, "status");
	raw = gip_jsonin_get(j, cell, "raw");
	ln = gip_jsonin_get(j, cell, "line");
	if ((val = node_text(j, v, "value")) == NULL ||
	    (sts = node_text(j, st, "status")) == NULL ||
	    (raws = node_text(j, raw, "raw")) == NULL ||
	    (lns = node_text(j, ln, "line")) == NULL)
		return -1;
	if (st == NULL || st->type == GIP_JNULL)
		sts = v != NULL && v->type == GIP_JNUM ? "num" : "missing";
	if (j->nrec == j->reccap) {
		cap = j->reccap ? j->reccap * 2 : 256;
		j->recs = gip_xreallocarray(j->recs, cap, sizeof(*j->recs));
		j->reccap = cap;
	}
	r = &j->recs[j->nrec];
	*r = *doc;
	r->table = (char *)table;
	r->row = (char *)row;
	r->col = (char *)col;
	r->value = (char *)val;
	r->status = (char *)sts;
	r->raw = (char *)raws;
	r->line = 0;
	if (*lns != '\0') {
		r->line = (unsigned long)gip_strtonum(lns, 0, LONG_MAX,
		    &errstr);
		if (errstr != NULL)
			return bad(j, "tables.%s.%s.%s: line %s", table,
			    row, col, errstr);
	}
	j->nrec++;
	return 0;
}

int
gip_jsonin_records(struct gip_jsonin *j, const char *p, size_t n,
    struct gip_record **recs, size_t *nrec)
{
	const struct gip_jnode	*root, *tabs, *t, *r, *c, *e;
	struct gip_record	 doc;
	static const char *const docf[] = { "doc", "agency", "year",
	    "template" };
	const char		*s[4];
	size_t			 k;

	*recs = NULL;
	*nrec = 0;
	j->nrec = 0;
	j->empty[0] = '\0';
	if (gip_jsonin_parse(j, p, n) == -1)
		return -1;
	root = gip_jsonin_root(j);
	if (root->type != GIP_JOBJ)
		return bad(j, "not a JSON object");
	for (k = 0; k < 4; k++)
		if ((s[k] = node_text(j, gip_jsonin_get(j, root, docf[k]),
		    docf[k])) == NULL)
			return -1;
	if (*s[0] == '\0')
		return bad(j, "no \"doc\" member");
	memset(&doc, 0, sizeof(doc));
	doc.doc = (char *)s[0];
	doc.agency = (char *)s[1];
	doc.year = (char *)s[2];
	doc.tmpl = (char *)s[3];
	tabs = gip_jsonin_get(j, root, "tables");
	if (tabs == NULL || tabs->type == GIP_JNULL)
		goto done;
	if (tabs->type != GIP_JOBJ)
		return bad(j, "\"tables\" is not an object");
	for (t = gip_jsonin_kid(j, tabs); t != NULL;
	    t = gip_jsonin_next(j, t)) {
		if (t->type != GIP_JOBJ)
			return bad(j, "tables.%s: not an object", t->key);
		for (r = gip_jsonin_kid(j, t); r != NULL;
		    r = gip_jsonin_next(j, r)) {
			if (r->type != GIP_JOBJ)
				return bad(j, "tables.%s.%s: not an "
				    "object", t->key, r->key);
			for (c = gip_jsonin_kid(j, r); c != NULL;
			    c = gip_jsonin_next(j, c)) {
				/* several facts for a cell (narr): array */
				if (c->type != GIP_JARR) {
					if (add_cell(j, &doc, t->key, r->key,
					    c->key, c) == -1)
						return -1;
					continue;
				}
				for (e = gip_jsonin_kid(j, c); e != NULL;
				    e = gip_jsonin_next(j, e))
					if (add_cell(j, &doc, t->key, r->key,
					    c->key, e) == -1)
						return -1;
			}
		}
	}
done:
	*recs = j->recs;
	*nrec = j->nrec;
	return 0;
}

/*
 * A member of obj as text, as both readers take the fields of a
 * document or a finding: a string or a number; "" when absent, null,
 * true, false, an array or an object.
 */
char *
gip_jsonin_text(struct gip_jsonin *j, const struct gip_jnode *obj,
    const char *name)
{
	const struct gip_jnode *n = gip_jsonin_get(j, obj, name);

	if (n == NULL || (n->type != GIP_JSTR && n->type != GIP_JNUM))
		return j->empty;
	return (char *)n->s;
}
