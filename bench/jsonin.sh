#!/bin/sh
# lib/jsonin.c against jansson (libjansson-dev) on gip-check's JSON
# intake: the first 2,000 documents of bench/check.sh's JSON Lines
# corpus (404,000 cells), parsed and walked as records, best of 3 each.
# The figures behind the comment at the top of lib/jsonin.c; skipped
# without jansson.
cd "$(dirname "$0")/.." || exit 2
pkg-config --exists jansson 2> /dev/null || {
	echo "no jansson (libjansson-dev): skipped"
	exit 0
}
json=build/bench/check-records.jsonl
[ -f "$json" ] || GIP_BENCH_PAIRS=1 sh bench/check.sh > /dev/null || exit 2
make -s build/lib/libgip.a || exit 2
mkdir -p build/bench
head -2000 "$json" > build/bench/jsonin-2000.jsonl
cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Ilib \
    $(pkg-config --cflags jansson) -o build/bench/jsonin-jansson \
    bench/jsonin-jansson.c build/lib/libgip.a $(pkg-config --libs jansson) \
    -lpcre2-8 -lm || exit 2
for w in jsonin jansson; do
	for i in 1 2 3; do
		build/bench/jsonin-jansson $w build/bench/jsonin-2000.jsonl
	done | sort -k2,2g | head -1
done
