#!/bin/sh
# gip-normalize throughput: the seeds and the CRLF variant repeated into
# a UTF-8 corpus of at least 100 MB (build/bench/normalize-utf8.txt) and
# the same text in GB18030 (build/bench/normalize-gb18030.txt, at least
# 100 MB too).  On the same files in the same run it times cat (the
# floor) and iconv -f GB18030 -t UTF-8 (the reference for GB18030),
# and prints MB/s of input (best of 3) and peak RSS.  Then the start-up
# cost: one run on one 14 KB seed, repeated; and many small files in one
# run: the seeds and the CRLF variant copied round into 2,000 files
# (build/bench/normalize-small/, about 14 KB each) against the same
# bytes in one file, for gip-normalize and cat (ecosystem.md, implication
# 2: at most 10 times as long).  Last, GB18030 against iconv in paired
# runs on every GB18030 corpus: the seeds' text above, and 3,000
# table-dense synthetic reports of every layout (tests/unit/gencorpus.c)
# in one file; and the same text in UTF-8, to show what decoding adds
# to the rest of the normalization (target: at least 0.90 of iconv's
# speed).
# GIP_BIN=dir picks the binary (default bin/); GIP_BENCH_MB the size;
# GIP_BENCH_PAIRS the number of paired runs (default 9).
cd "$(dirname "$0")/.." || exit 2
bin=${GIP_BIN:-bin}/gip-normalize
[ -x "$bin" ] || make -s "$bin" || exit 2
mb=${GIP_BENCH_MB:-100}
mkdir -p build/bench
u8=build/bench/normalize-utf8.txt
gb=build/bench/normalize-gb18030.txt
if [ ! -f "$gb" ] || [ "$(wc -c < "$gb")" -lt $((mb * 1000000)) ]; then
	block=build/bench/normalize-block.txt
	cat examples/seeds/*.txt examples/variants/004.crlf.txt > "$block"
	# GB18030 is about 0.7 of the UTF-8 size: make both >= mb
	reps=$(( mb * 1000000 * 10 / 7 / $(wc -c < "$block") + 1 ))
	i=0
	while [ $i -lt $reps ]; do
		cat "$block"
		i=$((i + 1))
	done > "$u8"
	iconv -f UTF-8 -t GB18030 "$u8" > "$gb" || exit 2
fi

. bench/lib.sh


# run LABEL FILE COMMAND...: the command reads FILE as its last operand
run() {
	label=$1; file=$2; shift 2
	best=$(best "$@" "$file")
	r=$(rss "$@" "$file")
	awk -v l="$label" -v t="$best" -v b="$(wc -c < "$file")" -v r="$r" \
	    'BEGIN { printf "%-36s %7.3f s %8.1f MB/s  peak RSS %s KB\n",
	    l, t, b / 1e6 / t, r }'
	last=$best
}

echo "corpus: $(wc -c < "$u8") bytes UTF-8 ($u8), $(wc -c < "$gb") bytes GB18030"
run "cat, UTF-8" "$u8" cat
run "gip-normalize, UTF-8" "$u8" "$bin"
tu=$last
run "cat, GB18030" "$gb" cat
run "iconv -f GB18030 -t UTF-8" "$gb" iconv -f GB18030 -t UTF-8
run "gip-normalize, GB18030" "$gb" "$bin"
# (GB18030 against iconv: the paired runs at the end)
awk -v tu="$tu" -v b="$(wc -c < "$u8")" 'BEGIN {
	printf "target: UTF-8 %.0f MB/s (>= 300)\n", b / 1e6 / tu }'

# start-up: N runs on one small file, against cat
seed=examples/seeds/000_6152f4f472c67e79.txt
n=200
for c in "$bin" cat; do
	s=$(date +%s.%N)
	i=0
	while [ $i -lt $n ]; do
		"$c" "$seed" > /dev/null
		i=$((i + 1))
	done
	e=$(date +%s.%N)
	awk -v c="$c" -v s="$s" -v e="$e" -v n=$n 'BEGIN {
		printf "start-up, one 14 KB file: %-24s %.2f ms per run\n",
		    c, (e - s) * 1000 / n }'
done

# many small files against the same bytes in one file
dir=build/bench/normalize-small
one=build/bench/normalize-small.txt
nsmall=2000
if [ ! -f "$dir/$(printf %04d $((nsmall - 1))).txt" ]; then
	rm -rf "$dir"
	mkdir -p "$dir"
	i=0
	while [ $i -lt $nsmall ]; do
		for f in examples/seeds/*.txt examples/variants/004.crlf.txt; do
			[ $i -lt $nsmall ] || break
			cp "$f" "$dir/$(printf %04d $i).txt"
			i=$((i + 1))
		done
	done
fi
cat "$dir"/*.txt > "$one"
echo "small files: $nsmall files, $(wc -c < "$one") bytes ($dir)"
for c in "$bin" cat; do
	tm=$(best "$c" "$dir"/*.txt)
	t1=$(best "$c" "$one")
	awk -v c="${c##*/}" -v n=$nsmall -v tm="$tm" -v t1="$t1" 'BEGIN {
		printf "%-14s %d files %7.3f s, one file %7.3f s: %.1fx" \
		    " (target <= 10x)\n", c, n, tm, t1, tm / t1 }'
done

# GB18030 against iconv, paired, on every GB18030 corpus
gen=build/tests/gencorpus
[ -x "$gen" ] || make -s "$gen" || exit 2
gd=build/bench/normalize-gen
if [ ! -f "$gd.gb18030.txt" ]; then
	rm -rf "$gd" && mkdir -p "$gd"
	"$gen" -n 3000 -s 11 -l tab,pipe,html,space,cell -e gb18030 \
	    -o "$gd" > /dev/null || exit 2
	find "$gd" -name 'r*' | sort | xargs cat > "$gd.gb18030.txt"
	rm -rf "$gd"
fi
iconv -f GB18030 -t UTF-8 "$gd.gb18030.txt" > "$gd.utf8.txt" || exit 2
for c in "$gb:$u8" "$gd.gb18030.txt:$gd.utf8.txt"; do
	g=${c%%:*} u=${c#*:}
	echo "GB18030 corpus $g ($(wc -c < "$g") bytes)"
	paired "${GIP_BENCH_PAIRS:-9}" "  gip-normalize / iconv -f GB18030 -t UTF-8" \
	    "$bin $g" "iconv -f GB18030 -t UTF-8 $g" cpu
	awk -v r="$ratio" 'BEGIN { printf "  speed: %.2f of iconv'"'"'s (target >= 0.90)\n", 1 / r }'
	paired "${GIP_BENCH_PAIRS:-9}" "  gip-normalize, GB18030 / the same text in UTF-8" \
	    "$bin $g" "$bin $u" cpu
done
