#!/bin/sh
# gip-tables' prose reader: what it costs per process and per byte.
# The patterns are compiled at build time and loaded (then JIT-compiled
# once used often) only where a report could match them, so a process
# pays for the few it meets: per-process
# time on a report with tables (seed 000) and on the prose-only fixture
# (every fact, 4 documents), best of 3 loops of 200 runs; the
# instructions of one run under callgrind when valgrind is installed
# (deterministic: noise-free on a shared machine); and the throughput on
# a corpus of the prose fixture repeated to GIP_BENCH_MB (default 20) MB.
# GIP_BIN=dir picks the binary (default bin/).
cd "$(dirname "$0")/.." || exit 2
bin=${GIP_BIN:-bin}/gip-tables
[ -x "$bin" ] || make -s "$bin" || exit 2
mb=${GIP_BENCH_MB:-20}
mkdir -p build/bench
. bench/lib.sh

loop() {
	i=0
	while [ $i -lt 200 ]; do
		"$bin" "$1" > /dev/null 2>&1
		i=$((i + 1))
	done
}

for f in examples/seeds/000_6152f4f472c67e79.txt tests/fixtures/tables/prose.txt; do
	t=$(best loop "$f")
	printf '%s: %.0f us per process' "$f" "$(echo "$t * 1000000 / 200" | bc -l)"
	if command -v valgrind > /dev/null; then
		valgrind --tool=callgrind --callgrind-out-file=build/bench/prose.cg \
		    "$bin" "$f" > /dev/null 2>&1
		printf ', %s instructions' "$(sed -n 's/^summary: //p' build/bench/prose.cg)"
	fi
	echo
done
c=build/bench/prose-corpus.txt
if [ ! -f "$c" ] || [ "$(wc -c < "$c")" -lt $((mb * 1000000)) ]; then
	: > "$c"
	while [ "$(wc -c < "$c")" -lt $((mb * 1000000)) ]; do
		cat tests/fixtures/tables/prose.txt tests/fixtures/tables/prose.txt \
		    tests/fixtures/tables/prose.txt tests/fixtures/tables/prose.txt >> "$c"
	done
fi
bytes=$(wc -c < "$c")
t=$(best "$bin" "$c")
printf 'prose corpus: %d bytes, %.1f MB/s, %d records (%.2f s)\n' "$bytes" \
    "$(echo "$bytes / 1000000 / $t" | bc -l)" "$("$bin" "$c" | wc -l)" "$t"
