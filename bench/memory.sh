#!/bin/sh
# Memory on one big document, and gip-tables' start-up.  The seeds
# concatenated without frames to at least GIP_BENCH_BIGMB MB (default
# 50) are one document, as `cat a.txt b.txt | gip-normalize` makes;
# each tool reads the previous one's output of it, and its peak RSS is
# printed against the size of that input (target: at most 1.2 bytes per
# byte; gip-tables reads 8 MiB of a document, so its figure falls as
# the document grows).  Then the whole pipeline on one document of 1 GB
# (below).  GIP_BENCH_PAIRS sets the number of paired runs (default 5).
# Then gip-tables on one small report, sectioned, against cat on the
# same file, in paired runs (target: at most 1.3 times cat's process
# time).
cd "$(dirname "$0")/.." || exit 2
mb=${GIP_BENCH_BIGMB:-50}
mkdir -p build/bench
. bench/lib.sh
big=build/bench/big-doc
if [ ! -f "$big.txt" ] || [ "$(wc -c < "$big.txt")" -lt $((mb * 1000000)) ]; then
	cat examples/seeds/*.txt > "$big.block"
	reps=$(( mb * 1000000 / $(wc -c < "$big.block") + 1 ))
	i=0
	while [ $i -lt $reps ]; do
		cat "$big.block"
		i=$((i + 1))
	done > "$big.txt"
	rm -f "$big.block"
fi
bin/gip-normalize "$big.txt" > "$big.norm" 2> /dev/null
bin/gip-sections "$big.norm" > "$big.sec" 2> /dev/null
echo "one document of $(wc -c < "$big.txt") bytes ($big.txt)"
# (gip-check and gip-stats hold a document's records, a few hundred
# lines whatever its size: bench/check.sh and stats.sh measure them)
for step in "gip-normalize:txt" "gip-sections:norm" "gip-tables:sec"; do
	t=${step%%:*} in=$big.${step#*:}
	r=$(rss "bin/$t" "$in")
	awk -v t="$t" -v r="${r%% *}" -v b="$(wc -c < "$in")" 'BEGIN {
		printf "%-14s input %6.1f MB  peak RSS %8.1f MB  %5.2f bytes per byte (target <= 1.2)\n",
		    t, b / 1e6, r / 1024, r * 1024 / b }'
done
rm -f "$big.norm" "$big.sec"

# the whole pipeline on one document of GIP_BENCH_PIPEMB MB (default
# 1000; target: under 2 GB of peak RSS, the four processes added up).
# Each process is timed on its own; the document is made on the fly
# (the seeds repeated, no frames) and normalized into a file, which the
# rest of the pipeline reads.
if [ -x /usr/bin/time ]; then
	pmb=${GIP_BENCH_PIPEMB:-1000}
	cat examples/seeds/*.txt > "$big.block"
	reps=$(( pmb * 1000000 / $(wc -c < "$big.block") + 1 ))
	t="/usr/bin/time -f %M -o"
	i=0
	while [ $i -lt $reps ]; do
		cat "$big.block"
		i=$((i + 1))
	done | $t "$big.rn" bin/gip-normalize > "$big.norm"
	$t "$big.rs" bin/gip-sections "$big.norm" 2> /dev/null |
	    $t "$big.rt" bin/gip-tables 2> /dev/null | $t "$big.rc" bin/gip-check > /dev/null
	awk -v b="$(wc -c < "$big.norm")" -v n="$(tail -1 "$big.rn")" \
	    -v s="$(tail -1 "$big.rs")" -v t="$(tail -1 "$big.rt")" \
	    -v c="$(tail -1 "$big.rc")" 'BEGIN {
		printf "pipeline, one document of %.0f MB: peak RSS normalize %.1f MB, sections %.1f MB (%.2f bytes per byte), tables %.1f MB, check %.1f MB; %.0f MB in all (target < 2048)\n",
		    b / 1e6, n / 1024, s / 1024, s * 1024 / b, t / 1024, c / 1024, (n + s + t + c) / 1024 }'
	rm -f "$big.block" "$big.norm" "$big.rn" "$big.rs" "$big.rt" "$big.rc"
else
	echo "(no /usr/bin/time: the pipeline not measured)"
fi

# start-up: one small report, sectioned, against cat on the same file.
# Process time: the CPU time (user + system) of the process alone, 100
# runs started from python (no shell between), in paired sets, the
# order alternating; the target's measure, and the one the other users
# of a shared machine disturb least.  Then wall time of 100 runs in a
# shell loop, and, with valgrind, the instructions of one run (exact).
small=build/bench/small-report.sec
bin/gip-normalize examples/seeds/000_6152f4f472c67e79.txt | bin/gip-sections > "$small"
python3 - "${GIP_BENCH_PAIRS:-5}" "$small" <<'PY'
import resource, subprocess, sys
def cpu(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    for _ in range(100):
        subprocess.run(cmd, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime + after.ru_stime - before.ru_utime -
        before.ru_stime) * 1000
pairs, small = int(sys.argv[1]), sys.argv[2]
a, b = ["bin/gip-tables", small], ["cat", small]
r, ta, tb = [], [], []
for i in range(pairs):
    if i % 2 == 0:
        x = cpu(a); y = cpu(b)
    else:
        y = cpu(b); x = cpu(a)
    r.append(x / y); ta.append(x); tb.append(y)
med = lambda v: sorted(v)[len(v) // 2]
print("gip-tables / cat, one small report, 100 runs: %.2f (process time, "
      "median of %d pairs, range %.2f-%.2f); %.3f ms vs %.3f ms a run" %
      (med(r), pairs, min(r), max(r), med(ta) / 100, med(tb) / 100))
PY
loop="i=0; while [ \$i -lt 100 ]; do"
paired "${GIP_BENCH_PAIRS:-5}" "gip-tables / cat, one small report ($(wc -c < "$small") bytes), 100 runs in a shell loop" \
    "$loop bin/gip-tables $small; i=\$((i + 1)); done" \
    "$loop cat $small; i=\$((i + 1)); done"
if command -v valgrind > /dev/null 2>&1; then
	for c in bin/gip-tables cat; do
		valgrind --tool=callgrind --callgrind-out-file=/dev/null $c "$small" 2>&1 > /dev/null |
		    awk -v c="$c" '/Collected/ { printf "instructions, one run of %s: %.2f M\n", c, $4 / 1e6 }'
	done
fi
echo "target: <= 1.3 (process time)"
