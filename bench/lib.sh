# bench/lib.sh: measuring helpers the benchmarks share (sourced, not run).

tm=/usr/bin/time
[ -x $tm ] || tm=""

# rss CMD...: peak RSS in KB of one run of CMD, output discarded; with
# no /usr/bin/time (Debian package "time"), sampled from /proc
rss() {
	if [ -n "$tm" ]; then
		$tm -f %M "$@" 2>&1 > /dev/null | tail -1
	else
		"$@" > /dev/null 2>&1 & pid=$!
		peak=0
		while kill -0 $pid 2> /dev/null; do
			r=$(awk '/VmHWM/ { print $2 }' /proc/$pid/status 2> /dev/null)
			[ -n "$r" ] && [ "$r" -gt "$peak" ] && peak=$r
			sleep 0.05
		done
		echo "$peak (sampled)"
	fi
}

# best CMD...: the best wall time, in seconds, of three runs of CMD,
# output discarded; stdin comes from $BENCH_STDIN when it is set
best() {
	b=
	for i in 1 2 3; do
		s=$(date +%s.%N)
		if [ -n "$BENCH_STDIN" ]; then
			"$@" < "$BENCH_STDIN" > /dev/null 2>&1
		else
			"$@" > /dev/null 2>&1
		fi
		e=$(date +%s.%N)
		b=$(awk -v s="$s" -v e="$e" -v b="$b" 'BEGIN {
			t = e - s; if (b == "" || t < b) b = t; print b }')
	done
	echo "$b"
}

# framed_corpus OUT MB FILE...: the files as framed documents (a doc
# frame each, a final newline each), repeated to at least MB megabytes,
# the names made distinct with "#N"; files with frames of their own are
# left out
framed_corpus() {
	fc_out=$1 fc_mb=$2
	shift 2
	fc_block=$fc_out.block
	: > "$fc_block"
	for fc_f in "$@"; do
		grep -q "$(printf '\036')" "$fc_f" && continue
		printf '\036doc\t%s\n' "$fc_f" >> "$fc_block"
		sed -e '$a\' "$fc_f" >> "$fc_block"
	done
	fc_reps=$(( fc_mb * 1000000 / $(wc -c < "$fc_block") + 1 ))
	awk -v reps="$fc_reps" 'BEGIN { RS = "\001" } { b = $0 } END {
		for (i = 1; i <= reps; i++) {
			s = b
			gsub(/\036doc\t[^\n]*/, "&#" i, s)
			printf "%s", s
		}
	}' "$fc_block" > "$fc_out"
}
