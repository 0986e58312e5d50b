#!/bin/sh
# gip-stats throughput: a synthetic gip-tables record stream of N
# documents (default 6000, 200 cells each: about 1.2 million records,
# 100 MB), aggregated per cell, per year with a ratio, and split in two
# partials merged back.  Prints records/s, MB/s and peak RSS; the goal
# is at least 1,000,000 records/s.  GIP_BENCH_STATS_DOCS=... sets N.
# Then the default table against its peer, bench/peer-stats.awk under
# mawk (the same statistics less the quantiles), in paired runs (target
# at most 0.25 of its time); and the memory each document adds: peak
# RSS on 100,000 and 400,000 one-record documents (target at most 32
# bytes per document).
cd "$(dirname "$0")/.." || exit 2
N=${GIP_BENCH_STATS_DOCS:-6000}
bin=${GIP_BIN:-bin}
[ -x "$bin/gip-stats" ] || make -s "$bin/gip-stats" || exit 2
mkdir -p build/bench
f=build/bench/stats-records-$N.tsv
if [ ! -f "$f" ]; then
	# Cells as gip-tables writes them (t2 2021, t3 25 rows x 7
	# columns, t4 3 x 5), numbers from a fixed LCG so the file is the
	# same on every run.
	awk -v n="$N" 'BEGIN {
		split("new carry_in open partial deny_secret deny_law deny_safety deny_third deny_internal deny_process deny_case deny_query unable_nohold unable_create unable_unclear ignore_petition ignore_repeat ignore_pub ignore_mass ignore_confirm other_nocorrect other_nofee other_misc total carry_out", r3, " ")
		split("natural commercial research social legal org_other total", c3, " ")
		split("review direct after", r4, " ")
		split("keep correct other pending total", c4, " ")
		split("reg.made reg.repealed reg.valid norm.made norm.repealed norm.valid license.decisions penalty.decisions coercion.decisions fee.amount", t2, " ")
		seed = 42
		for (d = 1; d <= n; d++) {
			doc = sprintf("corpus/r%06d.txt", d)
			ag = sprintf("第%d区人民政府", d % 300)
			yr = 2019 + d % 6
			tp = yr < 2021 ? "2019" : "2021"
			pre = doc "\t" ag "\t" yr "\t" tp "\t"
			for (i = 1; i <= 10; i++) {
				split(t2[i], rc, ".")
				seed = (seed * 1103515245 + 12345) % 2147483648
				v = seed % 5000
				if (i == 10)
					v = v "." seed % 100
				print pre "t2\t" rc[1] "\t" rc[2] "\t" v "\tnum\t" v "\t" 20 + i
			}
			for (i = 1; i <= 25; i++)
				for (j = 1; j <= 7; j++) {
					seed = (seed * 1103515245 + 12345) % 2147483648
					v = seed % 3000
					st = "num"
					if (seed % 97 == 0) { v = ""; st = "blank" }
					print pre "t3\t" r3[i] "\t" c3[j] "\t" v "\t" st "\t" v "\t" 40 + i
				}
			for (i = 1; i <= 3; i++)
				for (j = 1; j <= 5; j++) {
					seed = (seed * 1103515245 + 12345) % 2147483648
					v = seed % 400
					print pre "t4\t" r4[i] "\t" c4[j] "\t" v "\tnum\t" v "\t80"
				}
		}
	}' > "$f" || exit 2
fi
recs=$(wc -l < "$f")
bytes=$(wc -c < "$f")
. bench/lib.sh

# run LABEL CMD...: wall time, records/s, MB/s, peak RSS of CMD
run() {
	label=$1
	shift
	start=$(date +%s.%N)
	if [ -n "$tm" ]; then
		$tm -f %M -o build/bench/stats-rss.$$ "$@" > build/bench/stats-out.$$
		rss=$(tail -1 build/bench/stats-rss.$$)
	else
		"$@" > build/bench/stats-out.$$
		rss="?"
	fi
	end=$(date +%s.%N)
	awk -v l="$label" -v s="$start" -v e="$end" -v n="$recs" -v b="$bytes" \
	    -v r="$rss" 'BEGIN {
		t = e - s
		printf "%-34s %6.2f s %10.0f records/s %7.1f MB/s  peak RSS %s KB\n",
		    l, t, n / t, b / 1e6 / t, r
	}'
}

echo "gip-stats: $recs records, $(echo "$bytes" | awk '{ printf "%.1f", $1 / 1e6 }') MB, $N documents"
run "per cell (default)" "$bin/gip-stats" "$f"
run "-g year,table,row,column" "$bin/gip-stats" -g year,table,row,column "$f"
run "-g agency -c t3.*.total" "$bin/gip-stats" -g agency -c 't3.*.total' "$f"
run "-r all -g year" "$bin/gip-stats" -r all -g year "$f"
run "--partial" "$bin/gip-stats" --partial "$f"
cp build/bench/stats-out.$$ build/bench/stats-part.$$
# the merge reads the state, not the records: figures per state line
recs=$(wc -l < build/bench/stats-part.$$)
bytes=$(wc -c < build/bench/stats-part.$$)
run "--merge of it ($recs state lines)" "$bin/gip-stats" --merge build/bench/stats-part.$$
recs=$(wc -l < "$f")
bytes=$(wc -c < "$f")
run "cat (floor)" cat "$f"
if command -v mawk > /dev/null; then
	paired "${GIP_BENCH_PAIRS:-9}" "gip-stats / mawk bench/peer-stats.awk" \
	    "$bin/gip-stats $f" "mawk -f bench/peer-stats.awk $f" cpu
	echo "target: <= 0.25"
fi
# memory per document: documents of one record each, values from a
# small set, so that only the documents grow
for n in 100000 400000; do
	awk -v n=$n 'BEGIN { for (d = 1; d <= n; d++)
		printf "corpus/r%07d.txt\tA%d\t2022\t2021\tt3\tnew\ttotal\t%d\tnum\t%d\t5\n",
		    d, d % 300, d % 50, d % 50 }' > build/bench/stats-docs-$n.tsv
done
r1=$(rss "$bin/gip-stats" build/bench/stats-docs-100000.tsv)
r2=$(rss "$bin/gip-stats" build/bench/stats-docs-400000.tsv)
awk -v a="${r1%% *}" -v b="${r2%% *}" 'BEGIN {
	printf "memory per document: %.1f bytes (peak RSS %d KB at 100,000 documents, %d KB at 400,000); target <= 32\n",
	    (b - a) * 1024 / 300000, a, b }'
rm -f build/bench/stats-docs-100000.tsv build/bench/stats-docs-400000.tsv
rm -f build/bench/stats-rss.$$ build/bench/stats-out.$$ build/bench/stats-part.$$
