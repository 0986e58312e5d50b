#!/bin/sh
# End-to-end benchmark: the whole pipeline (normalize | sections | tables
# | check) over N synthetic reports (default 50000) in every layout and
# encoding, in one process chain and under xargs -P2, with cat and iconv
# over the same files as the floor.  Prints wall time, reports/s, MB/s
# and peak RSS per process, and the CPU time of each stage; then the
# chain against xargs cat in paired runs (target: at most 2 times its
# wall time), with reports/s per core.  Also writes
# build/bench/pipeline.txt.
# GIP_BENCH_N=... sets the number of reports, GIP_BENCH_PAIRS the
# paired runs (default 3).
cd "$(dirname "$0")/.." || exit 2
N=${GIP_BENCH_N:-50000}
gen=build/tests/gencorpus
[ -x "$gen" ] || make -s "$gen" || exit 2
d=build/bench/corpus-$N
if [ ! -f "$d/truth.tsv" ]; then
	rm -rf "$d" && mkdir -p "$d"
	"$gen" -n "$N" -s 42 -l tab,pipe,html,space,cell -e utf8,bom,gb18030,utf16 -o "$d" || exit 2
fi
list=build/bench/files-$N
find "$d" -name 'r*' -print0 | sort -z > "$list"
bytes=$(xargs -0 cat < "$list" | wc -c)
mb=$(echo "$bytes" | awk '{ printf "%.1f", $1 / 1e6 }')
. bench/lib.sh

# run LABEL CMD: wall seconds and the largest RSS of any process in it
run() {
	label=$1; shift
	start=$(date +%s.%N)
	if [ -n "$tm" ]; then
		sh -c "$*" 2> build/bench/rss.$$ > /dev/null
		rss=$(grep -o 'RSS=[0-9]*' build/bench/rss.$$ | cut -d= -f2 | sort -n | tail -1)
	else
		sh -c "$*" > /dev/null
		rss="?"
	fi
	end=$(date +%s.%N)
	awk -v l="$label" -v s="$start" -v e="$end" -v n="$N" -v b="$bytes" -v r="$rss" 'BEGIN {
		t = e - s
		printf "%-28s %8.2f s %10.0f reports/s %8.1f MB/s  peak RSS %s KB\n", l, t, n / t, b / 1e6 / t, r
	}' | tee -a build/bench/pipeline.txt
}

T="$tm -f RSS=%M"
: > build/bench/pipeline.txt
echo "corpus: $N reports, $mb MB ($d)" | tee -a build/bench/pipeline.txt
run "cat" "xargs -0 $T cat < $list"
run "iconv (GB18030 reading)" "xargs -0 $T iconv -c -f GB18030 -t UTF-8 < $list"
run "pipeline, 1 process each" "xargs -0 $T bin/gip-normalize < $list | $T bin/gip-sections | $T bin/gip-tables | $T bin/gip-check"
run "pipeline, xargs -P2" "xargs -0 -n 5000 -P2 sh -c '$T bin/gip-normalize \"\$@\" | $T bin/gip-sections | $T bin/gip-tables | $T bin/gip-check' sh < $list"

# CPU seconds (user + system) of each stage of the chain
C="$tm -f CPU=%U+%S"
if [ -n "$tm" ]; then
	sh -c "xargs -0 $C bin/gip-normalize < $list | $C -o build/bench/cpu.sections.$$ bin/gip-sections | $C -o build/bench/cpu.tables.$$ bin/gip-tables | $C -o build/bench/cpu.check.$$ bin/gip-check > /dev/null" 2> build/bench/cpu.normalize.$$
	for st in normalize sections tables check; do
		grep -o 'CPU=[0-9.+]*' build/bench/cpu.$st.$$ | cut -d= -f2 |
		    awk -v st="$st" -F+ '{ s += $1 + $2 } END {
			printf "CPU %-10s %6.2f s\n", st, s }'
		rm -f build/bench/cpu.$st.$$
	done | tee -a build/bench/pipeline.txt
fi
cores=$(nproc 2> /dev/null || echo 1)
# (not in a pipe: paired sets $cmd_ms)
paired "${GIP_BENCH_PAIRS:-3}" "pipeline, 1 process each / xargs cat" \
    "xargs -0 bin/gip-normalize < $list | bin/gip-sections | bin/gip-tables | bin/gip-check" \
    "xargs -0 cat < $list" > build/bench/paired.out.$$
tee -a build/bench/pipeline.txt < build/bench/paired.out.$$
rm -f build/bench/paired.out.$$
awk -v n="$N" -v t="$cmd_ms" -v c="$cores" 'BEGIN {
	printf "target: <= 2; %.0f reports/s, %.0f per core (%d cores)\n",
	    n * 1000 / t, n * 1000 / t / c, c }' | tee -a build/bench/pipeline.txt
