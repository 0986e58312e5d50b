#!/bin/sh
# gip-check throughput: tests/fixtures/check/good.tsv (one consistent
# 2021 report, 202 records) and balance.tsv (one error) repeated as
# distinct documents, two years per agency so that the continuity rule
# has work, into build/bench/check-records.tsv (GIP_BENCH_DOCS
# documents, default 10000: about 2 million records, 190 MB).  Checked
# as contiguous TSV, as TSV interleaved the way 4 parallel writers
# interleave (chunks of 40 lines), and as JSON Lines.  Prints records/s
# and MB/s (best of 3) and peak RSS; the budget is 1,000,000 records/s.
# The corpus has no doc records, so no document is closed before the
# end and all but 256 go through gip-check's temporary file; the same
# records closed by doc records, as gip-tables writes them, are checked
# as they come.
# Then gip-check, all its rules, against its peer on the same records:
# bench/peer-check.awk under mawk, three of the rules (table 三's
# balance and row totals, table 四's totals), in paired runs; the
# target is at most 0.25 of the peer's time, on the records closed as
# gip-tables writes them (also printed: the same without doc records).
# GIP_BIN=dir picks the binary (default bin/); GIP_BENCH_PAIRS the
# number of paired runs (default 9).
cd "$(dirname "$0")/.." || exit 2
bin=${GIP_BIN:-bin}/gip-check
[ -x "$bin" ] || make -s "$bin" || exit 2
docs=${GIP_BENCH_DOCS:-10000}
mkdir -p build/bench
tsv=build/bench/check-records.tsv
mix=build/bench/check-records-mix.tsv
json=build/bench/check-records.jsonl
fix=tests/fixtures/check

if [ ! -f "$tsv" ] || [ ! -f "$mix" ] || [ ! -f "$json" ] ||
    [ "$(head -1 "$tsv" | cut -f 1)" != "wsjk-2022.txt#$docs" ]; then
	# every 10th document has a t3-balance error
	awk -F'\t' -v OFS='\t' -v n="$docs" -v tsv="$tsv" -v mix="$mix" '
	FNR == 1 && $1 == "doc" { next }
	FILENAME ~ /good/ { good[++ng] = $0; next }
	{ bad[++nb] = $0 }
	function doc(i, j,   f, k, s) {
		split(i % 10 == 0 ? bad[j] : good[j], f, "\t")
		f[1] = "wsjk-2022.txt#" i
		f[2] = f[2] "#" int((i + 1) / 2)
		f[3] = i % 2 ? "2021" : "2022"
		s = f[1]
		for (k = 2; k <= 11; k++)
			s = s OFS f[k]
		return s
	}
	END {
		# the first line names the size, so a stale corpus is rebuilt
		for (i = n; i >= 1; i--)
			for (j = 1; j <= ng; j++)
				print doc(i, j) > tsv
		for (i = 1; i <= n; i += 4)
			for (o = 1; o <= ng; o += 40)
				for (d = i; d < i + 4 && d <= n; d++)
					for (j = o; j < o + 40 && j <= ng; j++)
						print doc(d, j) > mix
	}' "$fix/good.tsv" "$fix/balance.tsv"
	awk -v n="$docs" '{ line = $0 } END {
		for (i = n; i >= 1; i--) {
			s = line
			sub(/"doc":"wsjk-2022.txt"/, "\"doc\":\"wsjk-2022.txt#" i "\"", s)
			if (match(s, /"agency":"[^"]*"/))
				s = substr(s, 1, RSTART + RLENGTH - 2) "#" \
				    int((i + 1) / 2) substr(s, RSTART + RLENGTH - 1)
			sub(/"year":"2022"/, "\"year\":\"" (i % 2 ? 2021 : 2022) "\"", s)
			print s
		}
	}' "$fix/good.jsonl" > "$json"
fi

# the same records closed as gip-tables closes a document: its doc
# records last (gip(7)), so that gip-check checks each one as it ends
closed=build/bench/check-records-closed.tsv
if [ ! -f "$closed" ] || [ "$tsv" -nt "$closed" ]; then
	awk -F'\t' -v OFS='\t' '
	function shut() {
		if (d == "")
			return
		print d, a, y, t, "doc", "tables", "found", 3, "num", "t2 t3 t4", ""
		print d, a, y, t, "doc", "cells", "read", 200, "num", "", ""
		print d, a, y, t, "doc", "narr", "facts", 0, "num", "", ""
		print d, a, y, t, "doc", "template", "basis", "", "text", "tables", ""
	}
	$1 != d { shut(); d = $1; a = $2; y = $3; t = $4 }
	{ print }
	END { shut() }' "$tsv" > "$closed"
fi

. bench/lib.sh


run() {
	label=$1; file=$2; shift 2
	best=$(best "$@" "$file")
	r=$(rss "$@" "$file")
	bytes=$(wc -c < "$file")
	awk -v l="$label" -v t="$best" -v b="$bytes" -v n="$nrec" -v r="$r" 'BEGIN {
		printf "%-32s %7.3f s %10.0f records/s %7.1f MB/s  peak RSS %s KB\n",
		    l, t, n / t, b / 1e6 / t, r }'
}

nrec=$(wc -l < "$tsv")
echo "corpus: $nrec records, $docs documents ($tsv, $(wc -c < "$tsv") bytes)"
run "gip-check (contiguous TSV)" "$tsv" "$bin"
run "gip-check (closed by doc records)" "$closed" "$bin"
run "gip-check (4 writers interleaved)" "$mix" "$bin"
run "gip-check --window=1 (contiguous)" "$tsv" "$bin" --window=1
run "gip-check -p -o /dev/null" "$tsv" "$bin" -p -o /dev/null
run "gip-check (JSON Lines)" "$json" "$bin"
run "wc -l (floor)" "$tsv" wc -l

if command -v mawk > /dev/null; then
	# on the records as gip-tables writes them (closed), and on the
	# same without doc records, which gip-check spills to a file
	paired "${GIP_BENCH_PAIRS:-9}" "gip-check / mawk bench/peer-check.awk" \
	    "$bin $closed" "mawk -f bench/peer-check.awk $closed" cpu
	echo "target: <= 0.25"
	paired "${GIP_BENCH_PAIRS:-9}" \
	    "gip-check / mawk bench/peer-check.awk, no doc records" \
	    "$bin $tsv" "mawk -f bench/peer-check.awk $tsv" cpu
	echo "target: <= 0.25"
else
	echo "no mawk: the peer comparison is skipped"
fi
