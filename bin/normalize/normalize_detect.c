/*
 * normalize_detect.c: which encoding a document is in, and whether it
 * is HTML.  The order: a byte order mark; -f; a binary file format; the
 * NUL pattern of UTF-16; a charset declared by <meta> or <?xml?>; then
 * statistics.  Valid UTF-8 with enough multibyte characters is UTF-8
 * (legacy Chinese text is almost never valid UTF-8 over more than a few
 * characters).  Otherwise the window is decoded as UTF-8, GB18030 and
 * Big5-HKSCS, and the decoding with the best score wins: twice the
 * common Han characters (below) it yields, less its invalid sequences: every
 * GB2312 byte pair is also a valid Big5 pair and the reverse, so
 * validity alone cannot tell them apart.  A near tie between GB18030
 * and Big5 goes by the share of trail bytes below 0xA1, which GB2312
 * never uses and Big5 often does.
 */
#include <iconv.h>
#include <string.h>

#include "gip.h"
#include "normalize.h"

/*
 * The 500 most frequent characters of modern written Chinese and
 * their traditional forms (676 code points, sorted).  In the seed
 * reports 77-83% of all Han characters are among them; in a wrong
 * decoding, almost none are.
 */
static const unsigned short common_han[] = {
	0x4e00, 0x4e07, 0x4e09, 0x4e0a, 0x4e0b, 0x4e0d, 0x4e0e, 0x4e13, 0x4e14, 0x4e16,
	0x4e1a, 0x4e1c, 0x4e24, 0x4e26, 0x4e2a, 0x4e2d, 0x4e3a, 0x4e3b, 0x4e48, 0x4e49,
	0x4e4b, 0x4e4e, 0x4e5d, 0x4e5f, 0x4e66, 0x4e7e, 0x4e86, 0x4e89, 0x4e8b, 0x4e8c,
	0x4e8e, 0x4e94, 0x4e9a, 0x4e9b, 0x4e9e, 0x4ea4, 0x4ea7, 0x4eb2, 0x4eba, 0x4ec0,
	0x4ec5, 0x4eca, 0x4ece, 0x4ed6, 0x4ee3, 0x4ee4, 0x4ee5, 0x4eec, 0x4ef6, 0x4ef7,
	0x4efb, 0x4f01, 0x4f1a, 0x4f20, 0x4f3c, 0x4f46, 0x4f4d, 0x4f4f, 0x4f53, 0x4f55,
	0x4f5c, 0x4f60, 0x4f7f, 0x4f86, 0x4fbf, 0x4fdd, 0x4fe1, 0x500b, 0x5011, 0x5019,
	0x505a, 0x5099, 0x50b3, 0x50c5, 0x50cf, 0x50f9, 0x513f, 0x5143, 0x5148, 0x5149,
	0x514b, 0x5152, 0x515a, 0x5165, 0x5167, 0x5168, 0x5169, 0x516b, 0x516c, 0x516d,
	0x5171, 0x5173, 0x5175, 0x5176, 0x5177, 0x5185, 0x518d, 0x5199, 0x519b, 0x519c,
	0x51b3, 0x51b5, 0x51c6, 0x51e0, 0x51fa, 0x51fb, 0x5206, 0x5207, 0x5217, 0x5219,
	0x5225, 0x5229, 0x522b, 0x5230, 0x5236, 0x5247, 0x524d, 0x529b, 0x529e, 0x529f,
	0x52a0, 0x52a1, 0x52a8, 0x52d5, 0x52d9, 0x5305, 0x5316, 0x5317, 0x533a, 0x533b,
	0x5340, 0x5341, 0x534e, 0x5355, 0x5357, 0x5373, 0x5374, 0x537b, 0x5386, 0x539f,
	0x53bb, 0x53c8, 0x53ca, 0x53cd, 0x53d1, 0x53d6, 0x53d7, 0x53d8, 0x53e3, 0x53e6,
	0x53ea, 0x53eb, 0x53ef, 0x53f0, 0x53f2, 0x53f7, 0x53f8, 0x5403, 0x5404, 0x5408,
	0x540c, 0x540d, 0x540e, 0x5411, 0x5417, 0x5427, 0x542c, 0x544a, 0x5458, 0x5462,
	0x5468, 0x547d, 0x548c, 0x54c1, 0x54e1, 0x5546, 0x554f, 0x55ab, 0x55ae, 0x55ce,
	0x5668, 0x56db, 0x56de, 0x56e0, 0x56e2, 0x56fd, 0x56fe, 0x570b, 0x5716, 0x5718,
	0x5728, 0x5730, 0x573a, 0x57ce, 0x57fa, 0x5831, 0x5834, 0x589e, 0x58eb, 0x58f0,
	0x5904, 0x5907, 0x590d, 0x5916, 0x591a, 0x5927, 0x5929, 0x592a, 0x592b, 0x5931,
	0x5934, 0x5973, 0x5979, 0x597d, 0x5982, 0x59cb, 0x59d4, 0x5b50, 0x5b57, 0x5b58,
	0x5b66, 0x5b78, 0x5b83, 0x5b89, 0x5b8c, 0x5b98, 0x5b9a, 0x5b9e, 0x5bb6, 0x5bb9,
	0x5be6, 0x5beb, 0x5bf9, 0x5bfc, 0x5c06, 0x5c07, 0x5c08, 0x5c0d, 0x5c0e, 0x5c0f,
	0x5c11, 0x5c14, 0x5c31, 0x5c3d, 0x5c40, 0x5c55, 0x5c71, 0x5de5, 0x5df1, 0x5df2,
	0x5e02, 0x5e03, 0x5e08, 0x5e26, 0x5e2b, 0x5e36, 0x5e38, 0x5e72, 0x5e73, 0x5e74,
	0x5e76, 0x5e7e, 0x5e7f, 0x5e94, 0x5e9c, 0x5ea6, 0x5ee3, 0x5efa, 0x5f00, 0x5f0f,
	0x5f15, 0x5f20, 0x5f35, 0x5f37, 0x5f3a, 0x5f53, 0x5f62, 0x5f71, 0x5f80, 0x5f88,
	0x5f8c, 0x5f97, 0x5f9e, 0x5fb7, 0x5fc3, 0x5fc5, 0x5feb, 0x5ff5, 0x600e, 0x601d,
	0x6027, 0x603b, 0x606f, 0x60c5, 0x60f3, 0x610f, 0x611b, 0x611f, 0x61c9, 0x6210,
	0x6211, 0x6216, 0x6218, 0x6230, 0x6240, 0x624b, 0x624d, 0x6253, 0x627e, 0x6280,
	0x628a, 0x62a5, 0x62c9, 0x6301, 0x6307, 0x636e, 0x63a5, 0x63d0, 0x64ca, 0x64da,
	0x652f, 0x6536, 0x6539, 0x653e, 0x653f, 0x6559, 0x6570, 0x6574, 0x6578, 0x6587,
	0x65ad, 0x65af, 0x65b0, 0x65b7, 0x65b9, 0x65bc, 0x65e0, 0x65e5, 0x65e9, 0x65f6,
	0x660e, 0x6613, 0x662f, 0x663e, 0x6642, 0x66f4, 0x66f8, 0x66fe, 0x6700, 0x6703,
	0x6708, 0x6709, 0x670d, 0x671b, 0x671f, 0x672a, 0x672c, 0x672f, 0x673a, 0x6743,
	0x674e, 0x6761, 0x6765, 0x6771, 0x6781, 0x6797, 0x679c, 0x67e5, 0x6807, 0x6837,
	0x6839, 0x683c, 0x689d, 0x696d, 0x6975, 0x6a19, 0x6a23, 0x6a5f, 0x6b0a, 0x6b21,
	0x6b63, 0x6b64, 0x6b65, 0x6b77, 0x6b7b, 0x6bcf, 0x6bd4, 0x6c11, 0x6c14, 0x6c23,
	0x6c34, 0x6c42, 0x6c7a, 0x6c92, 0x6ca1, 0x6cbb, 0x6cc1, 0x6cd5, 0x6ce8, 0x6d3b,
	0x6d41, 0x6d4e, 0x6d77, 0x6d88, 0x6df1, 0x6e05, 0x6e96, 0x6ee1, 0x6eff, 0x6fdf,
	0x706b, 0x70b9, 0x7121, 0x7136, 0x7167, 0x722d, 0x7231, 0x7232, 0x723e, 0x7247,
	0x7269, 0x7279, 0x738b, 0x73b0, 0x73fe, 0x7406, 0x751f, 0x7522, 0x7528, 0x7531,
	0x7535, 0x754c, 0x7576, 0x75c5, 0x767c, 0x767d, 0x767e, 0x7684, 0x76e1, 0x76ee,
	0x76f4, 0x76f8, 0x770b, 0x771f, 0x773c, 0x7740, 0x77e5, 0x77f3, 0x7814, 0x786e,
	0x78ba, 0x793a, 0x793e, 0x795e, 0x79bb, 0x79cd, 0x79d1, 0x79f0, 0x7a0b, 0x7a2e,
	0x7a31, 0x7a76, 0x7a7a, 0x7a81, 0x7acb, 0x7b11, 0x7b2c, 0x7b49, 0x7b97, 0x7ba1,
	0x7c7b, 0x7cbe, 0x7cfb, 0x7d04, 0x7d1a, 0x7d44, 0x7d50, 0x7d66, 0x7d71, 0x7d93,
	0x7dda, 0x7e3d, 0x7ea6, 0x7ea7, 0x7ebf, 0x7ec4, 0x7ecf, 0x7ed3, 0x7ed9, 0x7edf,
	0x7f57, 0x7f85, 0x7f8e, 0x7fa9, 0x8001, 0x8003, 0x8005, 0x800c, 0x8054, 0x806f,
	0x8072, 0x807d, 0x80fd, 0x81ea, 0x81f3, 0x81fa, 0x8207, 0x8272, 0x82b1, 0x82f1,
	0x83ef, 0x842c, 0x843d, 0x8655, 0x865f, 0x884c, 0x8853, 0x8868, 0x88ab, 0x88c5,
	0x88cf, 0x88dd, 0x897f, 0x8981, 0x8986, 0x898b, 0x898f, 0x8996, 0x89aa, 0x89ba,
	0x89c0, 0x89c1, 0x89c2, 0x89c4, 0x89c6, 0x89c9, 0x89e3, 0x8a00, 0x8a08, 0x8a18,
	0x8a2d, 0x8a31, 0x8a71, 0x8a72, 0x8a8d, 0x8a9e, 0x8aaa, 0x8abf, 0x8ac7, 0x8acb,
	0x8ad6, 0x8b49, 0x8b58, 0x8b70, 0x8b8a, 0x8b93, 0x8ba1, 0x8ba4, 0x8ba9, 0x8bae,
	0x8bb0, 0x8bb8, 0x8bba, 0x8bbe, 0x8bc1, 0x8bc6, 0x8bdd, 0x8be5, 0x8bed, 0x8bf4,
	0x8bf7, 0x8c03, 0x8c08, 0x8c61, 0x8cbb, 0x8cc7, 0x8cea, 0x8d28, 0x8d39, 0x8d44,
	0x8d70, 0x8d77, 0x8d8a, 0x8def, 0x8eab, 0x8eca, 0x8ecd, 0x8f03, 0x8f15, 0x8f49,
	0x8f66, 0x8f6c, 0x8f7b, 0x8f83, 0x8fa6, 0x8fb2, 0x8fb9, 0x8fbe, 0x8fc7, 0x8fd0,
	0x8fd1, 0x8fd8, 0x8fd9, 0x8fdb, 0x8fdc, 0x8fde, 0x9009, 0x9019, 0x901a, 0x9020,
	0x9023, 0x9032, 0x904b, 0x904e, 0x9053, 0x9054, 0x9060, 0x9078, 0x9084, 0x908a,
	0x90a3, 0x90e8, 0x90fd, 0x91ab, 0x91cc, 0x91cd, 0x91cf, 0x91d1, 0x9577, 0x957f,
	0x9580, 0x958b, 0x9593, 0x95dc, 0x95e8, 0x95ee, 0x95f4, 0x961f, 0x963f, 0x9645,
	0x9662, 0x9664, 0x968a, 0x968f, 0x969b, 0x96a8, 0x96be, 0x96c6, 0x96e2, 0x96e3,
	0x96fb, 0x9700, 0x9752, 0x975e, 0x9762, 0x9808, 0x9818, 0x982d, 0x984c, 0x985e,
	0x986f, 0x987b, 0x9886, 0x9898, 0x98a8, 0x98ce, 0x98db, 0x98de, 0x9996, 0x99ac,
	0x9a6c, 0x9ad4, 0x9ad8, 0x9ebc, 0x9ede, 0x9ee8
};

#define HAN_LO	0x4E00
#define HAN_HI	0x9FFF
static unsigned char	 common_bits[(HAN_HI - HAN_LO + 1) / 8 + 1];
static int		 common_ready;

/* how much of the window the byte-level sniffers look at */
#define SNIFF	4096

/* the bytes of a word, for tests eight bytes at a time */
#define ONES	0x0101010101010101ULL
#define HIGHS	0x8080808080808080ULL

static void
common_init(void)
{
	size_t	 i, c;

	if (common_ready)
		return;
	for (i = 0; i < sizeof(common_han) / sizeof(common_han[0]); i++) {
		c = common_han[i] - HAN_LO;
		common_bits[c / 8] |= (unsigned char)(1u << (c % 8));
	}
	common_ready = 1;
}

/* cp in HAN_LO..HAN_HI, the bits ready */
#define COMMON(cp)	(common_bits[((cp) - HAN_LO) / 8] >> \
			    (((cp) - HAN_LO) % 8) & 1)

int
nz_common_han(uint32_t cp)
{
	common_init();
	if (cp < HAN_LO || cp > HAN_HI)
		return 0;
	return COMMON(cp);
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* case-insensitive prefix test of an ASCII word */
static int
prefix(const char *p, size_t n, const char *word)
{
	size_t	 i;

	for (i = 0; word[i] != '\0'; i++)
		if (i >= n || lower((unsigned char)p[i]) != word[i])
			return 0;
	return 1;
}

/*
 * case-insensitive search; returns the offset or n.  A word that starts
 * with a byte that has no case (all the "<..." ones) goes by memchr.
 */
static size_t
find(const char *p, size_t n, const char *word)
{
	const char	*q;
	size_t		 i, k = strlen(word);

	if (word[0] < 'a' || word[0] > 'z') {
		for (i = 0; i + k <= n; i = (size_t)(q - p) + 1) {
			if ((q = memchr(p + i, word[0], n - k + 1 - i)) == NULL)
				break;
			if (prefix(q, n - (size_t)(q - p), word))
				return (size_t)(q - p);
		}
		return n;
	}
	for (i = 0; i + k <= n; i++)
		if (lower((unsigned char)p[i]) == word[0] &&
		    prefix(p + i, n - i, word))
			return i;
	return n;
}

/*
 * Labels as browsers read them (WHATWG): the GB family is decoded as
 * GB18030 and big5 as Big5-HKSCS.  Other labels go to iconv as given.
 */
int
nz_label(const char *s, size_t n, struct nz_detect *d)
{
	static const char *const gb[] = { "gb18030", "gbk", "gb2312", "x-gbk",
	    "cp936", "ms936", "windows-936", "chinese", "csgb2312", "euc-cn",
	    "gb_2312", "gb_2312-80", "iso-ir-58", "csiso58gb231280", NULL };
	static const char *const b5[] = { "big5", "big5-hkscs", "cn-big5",
	    "csbig5", "x-x-big5", "cp950", "big5hkscs", NULL };
	static const char *const u8[] = { "utf-8", "utf8",
	    "unicode-1-1-utf-8", NULL };
	char		 buf[sizeof(d->name)];
	size_t		 i;
	iconv_t		 cd;

	while (n > 0 && is_space((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && is_space((unsigned char)s[n - 1]))
		n--;
	if (n == 0 || n >= sizeof(buf))
		return -1;
	for (i = 0; i < n; i++)
		buf[i] = (char)lower((unsigned char)s[i]);
	buf[n] = '\0';
	d->bom = 0;
	for (i = 0; gb[i] != NULL; i++)
		if (strcmp(buf, gb[i]) == 0) {
			d->enc = NZ_GB18030;
			strcpy(d->name, "GB18030");
			return 0;
		}
	for (i = 0; b5[i] != NULL; i++)
		if (strcmp(buf, b5[i]) == 0) {
			d->enc = NZ_BIG5;
			strcpy(d->name, "BIG5-HKSCS");
			return 0;
		}
	for (i = 0; u8[i] != NULL; i++)
		if (strcmp(buf, u8[i]) == 0) {
			d->enc = NZ_UTF8;
			strcpy(d->name, "UTF-8");
			return 0;
		}
	if (strcmp(buf, "utf-16le") == 0 || strcmp(buf, "utf16le") == 0) {
		d->enc = NZ_UTF16LE;
		strcpy(d->name, "UTF-16LE");
		return 0;
	}
	if (strcmp(buf, "utf-16be") == 0 || strcmp(buf, "utf16be") == 0 ||
	    strcmp(buf, "utf-16") == 0 || strcmp(buf, "utf16") == 0) {
		d->enc = NZ_UTF16BE;
		strcpy(d->name, "UTF-16BE");
		return 0;
	}
	for (i = 0; i < n; i++)
		buf[i] = buf[i] >= 'a' && buf[i] <= 'z' ?
		    (char)(buf[i] - ('a' - 'A')) : buf[i];
	if ((cd = iconv_open("UTF-8", buf)) == (iconv_t)-1)
		return -1;
	iconv_close(cd);
	d->enc = NZ_ICONV;
	memcpy(d->name, buf, n + 1);
	return 0;
}

/* Known binary formats, by their first bytes. */
static const char *
magic(const unsigned char *p, size_t n)
{
	static const struct {
		const char	*bytes;
		size_t		 len;
		const char	*what;
	} m[] = {
		{ "\x89PNG\r\n\x1a\n", 8, "PNG image, not text" },
		{ "\xFF\xD8\xFF", 3, "JPEG image, not text" },
		{ "GIF87a", 6, "GIF image, not text" },
		{ "GIF89a", 6, "GIF image, not text" },
		{ "%PDF-", 5, "PDF document, not text" },
		{ "PK\x03\x04", 4, "ZIP archive or Office document, not text" },
		{ "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8,
		    "OLE2 file (.doc, .xls), not text" },
		{ "\x1F\x8B", 2, "gzip data, not text" },
		{ "\x7F" "ELF", 4, "ELF executable, not text" },
		{ "Rar!\x1A\x07", 6, "RAR archive, not text" },
		{ "7z\xBC\xAF\x27\x1C", 6, "7-Zip archive, not text" },
		{ "BZh", 3, "bzip2 data, not text" },
		{ "\xFD" "7zXZ", 5, "xz data, not text" },
		{ "{\\rtf", 5, "RTF document, not text" },
	};
	size_t	 i;

	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++)
		if (n >= m[i].len && memcmp(p, m[i].bytes, m[i].len) == 0)
			return m[i].what;
	if (n >= 12 && memcmp(p, "RIFF", 4) == 0 &&
	    memcmp(p + 8, "WEBP", 4) == 0)
		return "WebP image, not text";
	return NULL;
}

/*
 * UTF-16 without a byte order mark: ASCII characters (digits, line
 * breaks) put a NUL in every other byte, mostly on one side.  Not all
 * on one side: 开 is U+5F00.  So the side only suggests; the decision
 * goes by the common Han characters of each decoding (see detect).
 */
static int
nul_pattern(const unsigned char *p, size_t n)
{
	size_t	 i, k, even = 0, odd = 0;

	uint64_t w;

	if (n > SNIFF)
		n = SNIFF;
	/* text has no NUL: eight bytes without one skipped at once */
	for (i = 0; n - i >= 8; i += 8) {
		memcpy(&w, p + i, 8);
		if (((w - ONES) & ~w & HIGHS) == 0)
			continue;
		for (k = i; k < i + 8; k += 2) {
			even += p[k] == 0;
			odd += p[k + 1] == 0;
		}
	}
	for (; i + 1 < n; i += 2) {
		even += p[i] == 0;
		odd += p[i + 1] == 0;
	}
	if (odd >= 4 && odd >= 3 * even && odd * 50 >= n / 2)
		return NZ_UTF16LE;
	if (even >= 4 && even >= 3 * odd && even * 50 >= n / 2)
		return NZ_UTF16BE;
	return -1;
}

/* More than a tenth control bytes: not text in any ASCII-based code. */
static int
controls(const unsigned char *p, size_t n)
{
	/* 1 for the controls text does not have (all but TAB..CR, ESC) */
	static const unsigned char ctl[256] = {
		1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1,
		1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1
	};
	size_t	 i, k, c = 0;
	uint64_t w;

	if (n > SNIFF)
		n = SNIFF;
	/* eight bytes none below 0x20 (exact for bounds up to 128) at once */
	for (i = 0; n - i >= 8; i += 8) {
		memcpy(&w, p + i, 8);
		if (((w - 0x20 * ONES) & ~w & HIGHS) == 0)
			continue;
		for (k = i; k < i + 8; k++)
			c += ctl[p[k]];
	}
	for (; i < n; i++)
		c += ctl[p[i]];
	return c * 10 > n;
}

/* The value of an attribute-like "key=value" after offset i, or 0. */
static size_t
attr_value(const char *p, size_t n, size_t i, const char **val)
{
	size_t	 k;
	char	 q = 0;

	while (i < n && is_space((unsigned char)p[i]))
		i++;
	if (i >= n || p[i] != '=')
		return 0;
	i++;
	while (i < n && is_space((unsigned char)p[i]))
		i++;
	if (i < n && (p[i] == '"' || p[i] == '\''))
		q = p[i++];
	for (k = i; k < n && p[k] != q && p[k] != '>' && p[k] != ';' &&
	    p[k] != '/' && !is_space((unsigned char)p[k]) &&
	    !(q == 0 && (p[k] == '"' || p[k] == '\'')); k++)
		;
	*val = p + i;
	return k - i;
}

/* <?xml encoding="..."?> or the first <meta ... charset=...>. */
static size_t
declared(const char *p, size_t n, const char **val)
{
	size_t	 i, end, k, len;

	if (prefix(p, n, "<?xml")) {
		for (end = 0; end < n && p[end] != '>'; end++)
			;
		k = find(p, end, "encoding");
		if (k < end && (len = attr_value(p, end, k + 8, val)) > 0)
			return len;
	}
	for (i = 0; i < n; i = end) {
		k = find(p + i, n - i, "<meta");
		if (k == n - i)
			break;
		i += k + 5;
		for (end = i; end < n && p[end] != '>'; end++)
			;
		k = find(p + i, end - i, "charset");
		if (k < end - i &&
		    (len = attr_value(p, end, i + k + 7, val)) > 0)
			return len;
	}
	return 0;
}

struct score {
	size_t	 common, han, nonascii, bad;
	long	 value;
};

/*
 * The decodings of the window already tried, by nz_detect (which
 * empties it): a declaration that fails falls back on the statistics,
 * which try the same ones again.
 */
static struct tried {
	enum nz_enc	 enc;
	char		 name[sizeof(((struct nz_detect *)0)->name)];
	int		 rv;
	struct score	 sc;
	int		 kept;		/* dec, t, len, used below */
	struct nz_dec	 dec;		/* the decoder after its run */
	const char	*t;
	size_t		 len, used;
}			 tried[6];
static size_t		 ntried;

/*
 * The window they decoded: the decoder of the encoding chosen is handed
 * to gip-normalize with its output (nz_detect_decoded), which would
 * otherwise decode the same bytes again.
 */
static const unsigned char *win_p;
static size_t		 win_n;
static int		 win_eof;

static void
forget_tried(void)
{
	size_t	 i;

	for (i = 0; i < ntried; i++)
		if (tried[i].kept) {
			nz_dec_close(&tried[i].dec);
			tried[i].kept = 0;
		}
	ntried = 0;
}

int
nz_detect_decoded(const struct nz_detect *d, const unsigned char *p,
    size_t n, int eof, struct nz_dec *dec, const char **text, size_t *len,
    size_t *used)
{
	size_t	 i;

	if (d->bom != 0 || p != win_p || n != win_n || eof != win_eof)
		return 0;
	for (i = 0; i < ntried; i++)
		if (tried[i].kept && tried[i].enc == d->enc &&
		    strcmp(tried[i].name, d->name) == 0) {
			*dec = tried[i].dec;
			*text = tried[i].t;
			*len = tried[i].len;
			*used = tried[i].used;
			tried[i].kept = 0;
			return 1;
		}
	return 0;
}

/* the Han counts of one non-ASCII character */
#define COUNT(cp, han, common) do {					\
	if ((cp) >= HAN_LO && (cp) <= HAN_HI) {				\
		(han)++;						\
		(common) += COMMON(cp);					\
	} else if (gip_is_han(cp))					\
		(han)++;						\
} while (0)

/* Skip ASCII from i on, eight bytes at a time while they last. */
static size_t
skip_ascii(const unsigned char *p, size_t i, size_t n)
{
	uint64_t	 w;

	while (n - i >= 8) {
		memcpy(&w, p + i, 8);
		if (w & HIGHS)
			break;
		i += 8;
	}
	return i;
}

/*
 * Count the characters of UTF-8 as its decoding gives them, without
 * making it: an invalid sequence (the maximal subpart, as in
 * normalize_decode.c) is one bad sequence and one non-ASCII character,
 * its U+FFFD; one cut short by the end of the window ends the count
 * unless eof.
 */
static void
count_utf8(const unsigned char *p, size_t n, int eof, struct score *sc)
{
	size_t		 i = 0, k, common = 0, han = 0, nonascii = 0, bad = 0;
	uint32_t	 cp;

	while (i < n) {
		if (p[i] < 0x80) {
			i = skip_ascii(p, i + 1, n);
			continue;
		}
		/*
		 * What legacy double-byte text is full of, bytes that no
		 * character starts with (80-C1, F5-FF): each one bad
		 * sequence, a run of them in one loop (count_utf8 is asked
		 * only of text that is not valid UTF-8).
		 */
		if (p[i] < 0xC2 || p[i] > 0xF4) {
			k = i;
			do
				i++;
			while (i < n && p[i] >= 0x80 && (p[i] < 0xC2 ||
			    p[i] > 0xF4));
			nonascii += i - k;
			bad += i - k;
			continue;
		}
		/*
		 * Inline: the three-byte forms with no special range, and
		 * a two-byte lead gone wrong.
		 */
		if (n - i > 2 && p[i] >= 0xE1 && p[i] <= 0xEF &&
		    p[i] != 0xED && (p[i + 1] & 0xC0) == 0x80 &&
		    (p[i + 2] & 0xC0) == 0x80) {
			cp = (uint32_t)(p[i] & 0x0F) << 12 |
			    (uint32_t)(p[i + 1] & 0x3F) << 6 | (p[i + 2] & 0x3F);
			k = 3;
		} else if (p[i] <= 0xDF && n - i > 1 &&
		    (p[i + 1] & 0xC0) != 0x80) {
			cp = GIP_UTF8_BAD;
			k = 1;
		} else {
			k = gip_utf8_decode((const char *)p + i, n - i, &cp);
			if (cp == GIP_UTF8_BAD && i + k == n && !eof &&
			    p[i] >= 0xC2 && p[i] <= 0xF4)
				break;
		}
		i += k;
		nonascii++;
		if (cp == GIP_UTF8_BAD)
			bad++;
		else
			COUNT(cp, han, common);
	}
	sc->common += common;
	sc->han += han;
	sc->nonascii += nonascii;
	sc->bad += bad;
}

/* The same for the output of a decoder, which is valid UTF-8. */
static void
count_text(const unsigned char *p, size_t n, struct score *sc)
{
	size_t		 i = 0, common = 0, han = 0, nonascii = 0;
	uint32_t	 cp;

	while (i < n) {
		if (p[i] < 0x80) {
			i = skip_ascii(p, i + 1, n);
			continue;
		}
		nonascii++;
		if (p[i] < 0xE0) {
			i += 2;
			continue;		/* no Han below U+0800 */
		}
		if (p[i] < 0xF0) {
			cp = (uint32_t)(p[i] & 0x0F) << 12 |
			    (uint32_t)(p[i + 1] & 0x3F) << 6 | (p[i + 2] & 0x3F);
			i += 3;
		} else {
			cp = (uint32_t)(p[i] & 0x07) << 18 |
			    (uint32_t)(p[i + 1] & 0x3F) << 12 |
			    (uint32_t)(p[i + 2] & 0x3F) << 6 | (p[i + 3] & 0x3F);
			i += 4;
		}
		COUNT(cp, han, common);
	}
	sc->common += common;
	sc->han += han;
	sc->nonascii += nonascii;
}

/*
 * Is the window valid UTF-8 (but for a character cut short by its end,
 * unless eof)?  Then *nonascii gets its non-ASCII characters.  Most
 * documents are, and then the counts of try_decoding are not needed.
 */
static int
valid_utf8(const unsigned char *p, size_t n, int eof, size_t *nonascii,
    size_t *end)
{
	size_t		 i = 0, k, na = 0;
	uint32_t	 cp;

	while (i < n) {
		if (p[i] < 0x80) {
			i = skip_ascii(p, i + 1, n);
			continue;
		}
		if (n - i > 2 && p[i] >= 0xE1 && p[i] <= 0xEF &&
		    p[i] != 0xED && (p[i + 1] & 0xC0) == 0x80 &&
		    (p[i + 2] & 0xC0) == 0x80)
			k = 3;
		else {
			k = gip_utf8_decode((const char *)p + i, n - i, &cp);
			if (cp == GIP_UTF8_BAD) {
				if (i + k < n || eof || p[i] < 0xC2 ||
				    p[i] > 0xF4)
					return 0;
				break;		/* cut short: not counted */
			}
		}
		i += k;
		na++;
	}
	*nonascii = na;
	*end = i;
	return 1;
}

/* Decode the window one way and count what came out. */
static int
try_decoding(const unsigned char *p, size_t n, int eof, enum nz_enc enc,
    const char *name, struct score *sc)
{
	struct nz_detect dd;
	struct nz_dec	 dec;
	struct tried	*tr = NULL;
	const char	*t = NULL;
	size_t		 len = 0, used = 0, i;
	int		 rv = 0, open = 0;

	for (i = 0; i < ntried; i++)
		if (tried[i].enc == enc && strcmp(tried[i].name, name) == 0) {
			*sc = tried[i].sc;
			return tried[i].rv;
		}
	memset(sc, 0, sizeof(*sc));
	if (enc == NZ_UTF8)
		count_utf8(p, n, eof, sc);
	else {
		memset(&dd, 0, sizeof(dd));
		dd.enc = enc;
		strcpy(dd.name, name);
		if (nz_dec_open(&dec, &dd) == -1)
			rv = -1;
		else {
			used = nz_dec_run(&dec, p, n, eof, &t, &len);
			count_text((const unsigned char *)t, len, sc);
			sc->bad = dec.nbad;
			/* U+FFFD came from bad bytes */
			sc->nonascii -= sc->bad;
			open = 1;
		}
	}
	sc->value = 2 * (long)sc->common - (long)sc->bad;
	if (ntried < sizeof(tried) / sizeof(tried[0])) {
		tr = &tried[ntried++];
		tr->enc = enc;
		strcpy(tr->name, name);
		tr->rv = rv;
		tr->sc = *sc;
		tr->kept = open;
		if (open) {
			tr->dec = dec;
			tr->t = t;
			tr->len = len;
			tr->used = used;
		}
	} else if (open)
		nz_dec_close(&dec);
	return rv;
}

/* share of double-byte pairs whose trail byte is below 0xA1, in % */
static size_t
low_trails(const unsigned char *p, size_t n)
{
	size_t	 i, pairs = 0, low = 0;

	for (i = 0; i + 1 < n; i++)
		if (p[i] >= 0x81 && p[i] <= 0xFE) {
			pairs++;
			low += p[i + 1] < 0xA1;
			i++;
		}
	return pairs == 0 ? 0 : low * 100 / pairs;
}

static void
set(struct nz_detect *d, enum nz_enc enc, const char *name)
{
	d->enc = enc;
	strcpy(d->name, name);
}

static void
statistics(const unsigned char *p, size_t n, int eof, struct nz_detect *d)
{
	struct score	 u8, gb, b5, *legacy;
	size_t		 lt, na, end;

	if (valid_utf8(p, n, eof, &na, &end) && (na == 0 || na >= 16)) {
		set(d, NZ_UTF8, "UTF-8");
		d->valid = end;
		if (na == 0)
			snprintf(d->why, sizeof(d->why), "ASCII");
		else
			snprintf(d->why, sizeof(d->why),
			    "valid UTF-8, %zu non-ASCII characters", na);
		return;
	}
	try_decoding(p, n, eof, NZ_UTF8, "UTF-8", &u8);
	try_decoding(p, n, eof, NZ_GB18030, "GB18030", &gb);
	if (try_decoding(p, n, eof, NZ_BIG5, "BIG5-HKSCS", &b5) == -1)
		b5.value = -1 - 4 * (long)n;
	lt = low_trails(p, n);
	if (gb.value > b5.value + 2)
		legacy = &gb;
	else if (b5.value > gb.value + 2)
		legacy = &b5;
	else
		legacy = lt > 10 ? &b5 : &gb;
	if (u8.value >= legacy->value)
		set(d, NZ_UTF8, "UTF-8");
	else if (legacy == &gb)
		set(d, NZ_GB18030, "GB18030");
	else
		set(d, NZ_BIG5, "BIG5-HKSCS");
	snprintf(d->why, sizeof(d->why), "common Han: UTF-8 %zu, GB18030 %zu, "
	    "Big5 %zu; invalid: %zu, %zu, %zu; low trail bytes %zu%%",
	    u8.common, gb.common, b5.common, u8.bad, gb.bad, b5.bad, lt);
	/* mostly undecodable whichever way: not Chinese text */
	/*
	 * Not Chinese text: mostly invalid whichever way, or Han characters
	 * that are hardly ever the common ones (real text: over half).
	 */
	if (d->enc != NZ_UTF8 && ((legacy->bad >= 8 &&
	    legacy->bad * 3 > legacy->nonascii) ||
	    (legacy->han >= 100 && legacy->common * 100 < legacy->han * 15)))
		d->binary = "no known encoding fits (try -f)";
}

/*
 * A declared charset is followed unless the bytes say otherwise: valid
 * UTF-8 with non-ASCII characters is UTF-8 (crawlers re-encode pages
 * and keep the old <meta>), and a declaration whose decoding has
 * invalid sequences gives way to the statistics when they score better.
 */
static int
by_declaration(const unsigned char *p, size_t n, int eof, const char *val,
    size_t len, struct nz_detect *d)
{
	struct score	 dc, sc;
	struct nz_detect dd, st;
	size_t		 na, end;
	int		 known;

	memset(&dd, 0, sizeof(dd));
	known = nz_label(val, len, &dd) == 0;
	if (known && (dd.enc == NZ_UTF16LE || dd.enc == NZ_UTF16BE))
		set(&dd, NZ_UTF8, "UTF-8");	/* as browsers read it */
	if (valid_utf8(p, n, eof, &na, &end) && na > 0) {
		set(d, NZ_UTF8, "UTF-8");
		d->valid = end;
		snprintf(d->why, sizeof(d->why), known && dd.enc == NZ_UTF8 ?
		    "declared %.*s" : "declared %.*s, but the text is valid "
		    "UTF-8", (int)len, val);
		return 0;
	}
	if (!known) {
		snprintf(d->why, sizeof(d->why),
		    "unknown declared encoding: %.*s", (int)len, val);
		return -1;
	}
	set(d, dd.enc, dd.name);
	snprintf(d->why, sizeof(d->why), "declared %.*s", (int)len, val);
	if (try_decoding(p, n, eof, dd.enc, dd.name, &dc) == -1 || dc.bad == 0)
		return 0;
	memset(&st, 0, sizeof(st));
	statistics(p, n, eof, &st);
	if (st.binary != NULL || st.enc == dd.enc ||
	    try_decoding(p, n, eof, st.enc, st.name, &sc) == -1 ||
	    sc.value <= dc.value)
		return 0;
	set(d, st.enc, st.name);
	snprintf(d->why, sizeof(d->why), "declared %.*s, but %zu invalid "
	    "sequences in it; %.150s", (int)(len < 32 ? len : 32), val, dc.bad,
	    st.why);
	return 0;
}

int
nz_detect(const unsigned char *p, size_t n, int eof, const char *force,
    struct nz_detect *d)
{
	const char	*val;
	size_t		 len;
	int		 e;

	memset(d, 0, sizeof(*d));
	set(d, NZ_UTF8, "UTF-8");
	common_init();
	forget_tried();
	win_p = p;
	win_n = n;
	win_eof = eof;
	if (force != NULL) {
		if (nz_label(force, strlen(force), d) == -1) {
			snprintf(d->why, sizeof(d->why),
			    "unknown encoding: %s", force);
			return -1;
		}
		/* "utf-16" alone: the byte order mark says which */
		if (d->enc == NZ_UTF16BE && n >= 2 && p[0] == 0xFF &&
		    p[1] == 0xFE && !prefix(force + strlen(force) - 2, 2, "be"))
			set(d, NZ_UTF16LE, "UTF-16LE");
		if ((d->enc == NZ_UTF8 && n >= 3 &&
		    memcmp(p, "\xEF\xBB\xBF", 3) == 0))
			d->bom = 3;
		else if ((d->enc == NZ_UTF16LE && n >= 2 && p[0] == 0xFF &&
		    p[1] == 0xFE) || (d->enc == NZ_UTF16BE && n >= 2 &&
		    p[0] == 0xFE && p[1] == 0xFF))
			d->bom = 2;
		snprintf(d->why, sizeof(d->why), "-f %s", force);
		return 0;
	}
	if (n == 0) {
		snprintf(d->why, sizeof(d->why), "empty");
		return 0;
	}
	if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
		d->bom = 3;
		snprintf(d->why, sizeof(d->why), "byte order mark");
		return 0;
	}
	if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
		set(d, NZ_UTF16LE, "UTF-16LE");
		d->bom = 2;
		snprintf(d->why, sizeof(d->why), "byte order mark");
		return 0;
	}
	if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
		set(d, NZ_UTF16BE, "UTF-16BE");
		d->bom = 2;
		snprintf(d->why, sizeof(d->why), "byte order mark");
		return 0;
	}
	if ((d->binary = magic(p, n)) != NULL)
		return 0;
	if ((e = nul_pattern(p, n)) != -1) {
		struct score	 le, be;

		try_decoding(p, n, eof, NZ_UTF16LE, "UTF-16LE", &le);
		try_decoding(p, n, eof, NZ_UTF16BE, "UTF-16BE", &be);
		if (le.value > be.value)
			e = NZ_UTF16LE;
		else if (be.value > le.value)
			e = NZ_UTF16BE;
		set(d, (enum nz_enc)e, e == NZ_UTF16LE ? "UTF-16LE" :
		    "UTF-16BE");
		snprintf(d->why, sizeof(d->why), "NUL byte pattern; common Han:"
		    " UTF-16LE %zu, UTF-16BE %zu", le.common, be.common);
		return 0;
	}
	if (controls(p, n)) {
		d->binary = "binary data, not text";
		return 0;
	}
	if ((len = declared((const char *)p, n, &val)) > 0)
		return by_declaration(p, n, eof, val, len, d);
	statistics(p, n, eof, d);
	return 0;
}

/*
 * HTML by content: the text starts (after white space) with a tag that
 * begins HTML documents or fragments, or an <html> or <!doctype html>
 * appears early.  A Markdown file with an odd <br> is not HTML.
 */
int
nz_is_html(const char *p, size_t n)
{
	static const char *const start[] = { "<!doctype html", "<html",
	    "<head", "<body", "<meta", "<title", "<table", "<div", "<p>",
	    "<p ", "<!--", "<style", "<script", "<link", "<h1", "<h2", "<h3",
	    "<span", "<center", "<font", "<base", "<form", "<tr", "<td",
	    "<ul", "<ol", "<br", NULL };
	size_t	 i;

	if (n > SNIFF)
		n = SNIFF;
	if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
		p += 3;
		n -= 3;
	}
	while (n > 0 && is_space((unsigned char)*p)) {
		p++;
		n--;
	}
	for (i = 0; start[i] != NULL; i++)
		if (prefix(p, n, start[i]))
			return 1;
	if (prefix(p, n, "<?xml") && find(p, n, "<html") < n)
		return 1;
	return find(p, n, "<html") < n || find(p, n, "<!doctype html") < n;
}
