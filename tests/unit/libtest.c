/*
 * libtest: drives lib/ functions from the bats suite (tests/lib.bats).
 *
 *	libtest tsv		split each stdin line as TSV, print the
 *				field count and the fields re-escaped
 *	libtest utf8 HEX...	decode the bytes, print code points and
 *				lengths (BAD for an invalid subpart)
 *	libtest stream [file]	print the items of a framed stream
 *	libtest out N ID	write N lines of varied length through
 *				gip_out; each line says its own length
 *	libtest re PAT SUBJ	match, print the groups or "no match" or
 *				"limit" (the match limit was hit)
 *	libtest reads FILE	read FILE ("-": stdin) line by line; print
 *				the bytes read and the read(2) calls made
 *				(syscr of /proc/self/io), "no proc" if that
 *				cannot be read
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gip.h"

static int
do_tsv(void)
{
	struct gip_reader rd;
	struct gip_out	 o;
	char		*f[32];
	size_t		 l[32];
	int		 n, i;

	gip_out_init(&o, STDOUT_FILENO);
	if (gip_reader_open(&rd, "-") == -1)
		return 2;
	while (gip_reader_next(&rd) == 1) {
		n = gip_tsv_split(rd.buf, rd.len, f, l, 32);
		gip_tsv_fieldf(&o, "%d", n);
		for (i = 0; i < n && i < 32; i++)
			gip_tsv_field(&o, f[i], l[i]);
		gip_tsv_end_row(&o);
	}
	gip_reader_close(&rd);
	return gip_out_close(&o) == 0 ? 0 : 2;
}

static int
do_utf8(int argc, char **argv)
{
	char		 bytes[256];
	size_t		 n = 0, i, k;
	uint32_t	 cp;
	int		 a;

	for (a = 0; a < argc && n < sizeof(bytes); a++)
		bytes[n++] = (char)strtoul(argv[a], NULL, 16);
	for (i = 0; i < n; i += k) {
		k = gip_utf8_decode(bytes + i, n - i, &cp);
		if (cp == GIP_UTF8_BAD)
			printf("BAD/%zu ", k);
		else
			printf("U+%04X/%zu ", (unsigned)cp, k);
	}
	printf("valid=%zu\n", gip_utf8_valid(bytes, n));
	return 0;
}

static int
do_stream(const char *path)
{
	struct gip_reader rd;
	struct gip_stream s;
	int		 it, i;

	if (gip_reader_open(&rd, path) == -1)
		return 2;
	gip_stream_init(&s, &rd);
	while ((it = gip_stream_next(&s)) > 0) {
		switch (it) {
		case GIP_ITEM_DOC:
			printf("DOC %s\n", s.docname);
			break;
		case GIP_ITEM_TEXT:
			printf("TEXT %lu %.*s\n", s.line, (int)s.textlen, s.text);
			break;
		default:
			printf("FRAME %lu", s.line);
			for (i = 0; i < s.nfield; i++)
				printf(" [%s]", s.fields[i]);
			printf("\n");
			break;
		}
	}
	gip_stream_free(&s);
	gip_reader_close(&rd);
	return it < 0 ? 2 : 0;
}

/* Lines of 20 to about 3000 bytes: "ID LEN xxxx...". */
static int
do_out(int n, const char *id)
{
	struct gip_out	 o;
	char		 head[64];
	int		 i, len, hl, j;

	gip_out_init(&o, STDOUT_FILENO);
	for (i = 0; i < n; i++) {
		len = 20 + (i * 7919) % 3000;
		hl = snprintf(head, sizeof(head), "%s %d ", id, len);
		gip_out_write(&o, head, (size_t)hl);
		for (j = hl; j < len; j++)
			gip_out_putc(&o, 'a' + j % 26);
		gip_out_endline(&o);
	}
	return gip_out_close(&o) == 0 ? 0 : 2;
}

static void
match_print(struct gip_re *re, const char *subj)
{
	size_t		 ov[8];
	int		 rc, i;

	rc = gip_re_match(re, subj, strlen(subj), 0, ov, 4);
	if (rc < 0)
		printf("limit\n");
	else if (rc == 0)
		printf("no match\n");
	else {
		for (i = 0; i < rc && i < 4; i++)
			printf("%s[%.*s]", i ? " " : "", (int)(ov[2 * i + 1] - ov[2 * i]),
			    subj + ov[2 * i]);
		printf("\n");
	}
}

static int
do_re(const char *pat, const char *subj)
{
	struct gip_re	*re;

	re = gip_re_compile(pat, 0);
	match_print(re, subj);
	gip_re_free(re);
	return 0;
}

/*
 * The pattern compiled to bytes and loaded from them; then from the
 * bytes spoiled (another PCRE2's, say), which compiles the source.
 */
static int
do_reload(const char *pat, const char *subj)
{
	struct gip_re	*re;
	unsigned char	*b;
	size_t		 n;

	b = gip_re_serialize(pat, 0, &n);
	re = gip_re_load(b, pat, 0);
	match_print(re, subj);
	gip_re_free(re);
	b[0] ^= 0xff;
	re = gip_re_load(b, pat, 0);
	match_print(re, subj);
	gip_re_free(re);
	free(b);
	return 0;
}

/* read(2) calls so far, from /proc/self/io; -1 if not there */
static long
syscalls_read(void)
{
	char	 b[1024], *p;
	ssize_t	 n;
	int	 fd;

	if ((fd = open("/proc/self/io", O_RDONLY)) == -1)
		return -1;
	n = read(fd, b, sizeof(b) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	b[n] = '\0';
	if ((p = strstr(b, "syscr: ")) == NULL)
		return -1;
	return strtol(p + strlen("syscr: "), NULL, 10);
}

static int
do_reads(const char *path)
{
	struct gip_reader rd;
	unsigned long long bytes = 0;
	long		 before, after;

	before = syscalls_read();
	if (gip_reader_open(&rd, path) == -1)
		return 2;
	while (gip_reader_next(&rd) == 1)
		bytes += rd.len + 1;
	gip_reader_close(&rd);
	after = syscalls_read();
	if (before < 0 || after < 0) {
		printf("no proc\n");
		return 0;
	}
	/* less the read of /proc/self/io itself */
	printf("%llu %ld\n", bytes, after - before - 1);
	return 0;
}

/*
 * The hash table: n entries, keyed by number, their hashes drawn from
 * few values (0 among them) so that many collide; each must be found
 * once, with its payload, after every growth.  Prints "n cap".
 */
static int
do_htab(long n)
{
	struct gip_htab	 t;
	struct ent { uint64_t hash; long key, val; } *e;
	size_t		 it, i, seen;
	long		 k, found;

	gip_htab_init(&t, sizeof(struct ent));
	for (k = 0; k < n; k++) {
		e = gip_htab_add(&t, k % 3 == 0 ? (uint64_t)(k % 5) :
		    gip_hash64(&k, sizeof(k)));
		e->key = k;
		e->val = k * 7;
	}
	for (k = 0; k < n; k++) {
		found = 0;
		it = GIP_HTAB_START;
		while ((e = gip_htab_find(&t, k % 3 == 0 ? (uint64_t)(k % 5) :
		    gip_hash64(&k, sizeof(k)), &it)) != NULL)
			if (e->key == k && e->val == k * 7)
				found++;
		if (found != 1) {
			printf("key %ld found %ld times\n", k, found);
			return 1;
		}
	}
	for (i = 0, seen = 0; i < t.cap; i++)
		seen += gip_htab_slot(&t, i) != NULL;
	if (seen != t.n || t.n != (size_t)n || 4 * t.n > 3 * t.cap) {
		printf("%zu slots used, %zu entries, cap %zu\n", seen, t.n,
		    t.cap);
		return 1;
	}
	printf("%zu %zu\n", t.n, t.cap);
	gip_htab_free(&t);
	return 0;
}

/* The spill file: blocks of many sizes written, read back in any order. */
static int
do_spill(long n)
{
	struct gip_spill sp;
	uint64_t	*off;
	char		*b;
	long		 i, j, len;

	memset(&sp, 0, sizeof(sp));
	off = gip_xreallocarray(NULL, (size_t)n, sizeof(*off));
	b = gip_xmalloc(70000);
	for (i = 0; i < n; i++) {
		len = (i * 7919) % 70000;
		for (j = 0; j < len; j++)
			b[j] = (char)(i + j);
		off[i] = gip_spill_put(&sp, b, (size_t)len);
		/* read back an earlier one between writes */
		j = (i * 31) % (i + 1);
		len = (j * 7919) % 70000;
		gip_spill_get(&sp, b, (size_t)len, off[j]);
		for (len--; len >= 0; len--)
			if (b[len] != (char)(j + len)) {
				printf("block %ld byte %ld wrong\n", j, len);
				return 1;
			}
	}
	printf("%llu\n", (unsigned long long)sp.end);
	gip_spill_close(&sp);
	free(off);
	free(b);
	return 0;
}

int
main(int argc, char **argv)
{
	gip_setprogname("libtest");
	if (argc >= 2 && strcmp(argv[1], "tsv") == 0)
		return do_tsv();
	if (argc >= 2 && strcmp(argv[1], "utf8") == 0)
		return do_utf8(argc - 2, argv + 2);
	if (argc >= 2 && strcmp(argv[1], "stream") == 0)
		return do_stream(argc > 2 ? argv[2] : "-");
	if (argc == 4 && strcmp(argv[1], "out") == 0)
		return do_out(atoi(argv[2]), argv[3]);
	if (argc == 4 && strcmp(argv[1], "re") == 0)
		return do_re(argv[2], argv[3]);
	if (argc == 4 && strcmp(argv[1], "reload") == 0)
		return do_reload(argv[2], argv[3]);
	if (argc == 3 && strcmp(argv[1], "reads") == 0)
		return do_reads(argv[2]);
	if (argc == 3 && strcmp(argv[1], "htab") == 0)
		return do_htab(atol(argv[2]));
	if (argc == 3 && strcmp(argv[1], "spill") == 0)
		return do_spill(atol(argv[2]));
	fprintf(stderr, "usage: libtest tsv | utf8 HEX... | stream [file] | "
	    "out N ID | re PAT SUBJ | reload PAT SUBJ | reads FILE | htab N | "
	    "spill N\n");
	return 2;
}
