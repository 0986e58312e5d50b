/*
 * hash.c: the suite's one hash, xxHash (libxxhash-dev's xxhash.h, used
 * inline: no library to link).  XXH3 for table keys, short names and
 * cells, where it is fastest; XXH64 (seed 0) where a stable, published
 * value is wanted (gip-sections' hash, that of "xxhsum -H1").
 */
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "gip.h"

uint64_t
gip_hash64(const void *p, size_t n)
{
	return XXH3_64bits(p, n);
}

uint64_t
gip_xxh64(const void *p, size_t n)
{
	return XXH64(p, n, 0);
}
