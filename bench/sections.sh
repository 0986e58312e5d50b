#!/bin/sh
# gip-sections throughput: the five seeds repeated as framed documents
# into a corpus of at least 100 MB (build/bench/sections-corpus.txt),
# sectioned in the default (stream), -l and -m modes.  Prints MB/s (best
# of 3 runs) and peak RSS; the RSS on a tenth of the corpus is printed
# too, to show that memory follows the largest document, not the input.
# GIP_BIN=dir picks the binary (default bin/); GIP_BENCH_MB the size.
cd "$(dirname "$0")/.." || exit 2
bin=${GIP_BIN:-bin}/gip-sections
[ -x "$bin" ] || make -s "$bin" || exit 2
mb=${GIP_BENCH_MB:-100}
mkdir -p build/bench
. bench/lib.sh
corpus=build/bench/sections-corpus.txt
small=build/bench/sections-corpus-small.txt
if [ ! -f "$corpus" ] || [ "$(wc -c < "$corpus")" -lt $((mb * 1000000)) ]; then
	framed_corpus "$corpus" "$mb" examples/seeds/*.txt
	head -c $((mb * 100000)) "$corpus" | awk '/^\036doc/ { n++ } { print }' > "$small"
fi
bytes=$(wc -c < "$corpus")
docs=$(grep -c "$(printf '^\036doc')" "$corpus")
echo "corpus: $bytes bytes, $docs documents ($corpus)"

run() {
	label=$1; shift
	best=$(BENCH_STDIN=$corpus best "$@")
	r=$(rss "$@" "$corpus")
	rs=$(rss "$@" "$small")
	awk -v l="$label" -v t="$best" -v b="$bytes" -v r="$r" -v rs="$rs" 'BEGIN {
		printf "%-24s %7.3f s %8.1f MB/s  peak RSS %s KB (%s KB on 1/10)\n",
		    l, t, b / 1e6 / t, r, rs }'
}

run "gip-sections (stream)" "$bin"
run "gip-sections -l" "$bin" -l
run "gip-sections -m" "$bin" -m
run "cat (floor)" cat
