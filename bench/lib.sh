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
