#!/bin/sh
# gip-tables throughput on two corpora of at least 100 MB of normalized
# text each, built under build/bench/: "reports", the five seed reports
# repeated as framed documents (the mix of prose and tables of real
# reports), and "layouts", the seeds with every table fixture (one table
# layout after another: denser in tables than any report).  Read in the
# record, --json and --wide forms.  Prints MB/s and records/s (best of 3
# runs) and the peak RSS, also on a tenth of the corpus, to show that
# memory follows the largest document, not the input.
# GIP_BIN=dir picks the binary (default bin/); GIP_BENCH_MB the size.
cd "$(dirname "$0")/.." || exit 2
bin=${GIP_BIN:-bin}/gip-tables
[ -x "$bin" ] || make -s "$bin" || exit 2
mb=${GIP_BENCH_MB:-100}
mkdir -p build/bench
. bench/lib.sh

# corpus NAME FILE...: repeat the files as framed documents to $mb MB
corpus() {
	name=$1
	shift
	out=build/bench/tables-$name.txt
	if [ ! -f "$out" ] || [ "$(wc -c < "$out")" -lt $((mb * 1000000)) ]; then
		framed_corpus "$out" "$mb" "$@"
	fi
	echo "$out"
}

for name in reports layouts; do
	if [ $name = reports ]; then
		c=$(corpus reports examples/seeds/*.txt)
	else
		c=$(corpus layouts examples/seeds/*.txt tests/fixtures/tables/*.txt)
	fi
	bytes=$(wc -c < "$c")
	docs=$(grep -c "$(printf '^\036doc')" "$c")
	records=$("$bin" "$c" 2> /dev/null | wc -l)
	echo "corpus $name: $bytes bytes, $docs documents, $records records ($c)"
	for mode in "" -j -w; do
		t=$(best "$bin" $mode "$c")
		printf '  gip-tables %-3s %7.1f MB/s  %9.0f records/s  (%.2f s)\n' \
		    "$mode" "$(echo "$bytes / 1000000 / $t" | bc -l)" \
		    "$(echo "$records / $t" | bc -l)" "$t"
	done
	small=build/bench/tables-$name-small.txt
	head -c $((bytes / 10)) "$c" | sed '$d' > "$small"
	echo "  peak RSS: $(rss "$bin" "$c") KB on the corpus," \
	    "$(rss "$bin" "$small") KB on a tenth of it"
done
