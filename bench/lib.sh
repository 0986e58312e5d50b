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

# ms CLOCK CMD: milliseconds of one run of the shell command CMD (a
# string, run by sh -c so that it may hold pipes and redirections):
# wall time, or with CLOCK cpu the CPU time (user + system) of all its
# processes, which the other users of a shared machine disturb far
# less (python3 reads it, to the microsecond, from getrusage)
ms() {
	if [ "$1" = cpu ]; then
		python3 -c 'import resource, subprocess, sys
subprocess.run(["sh", "-c", sys.argv[1]], stdout=subprocess.DEVNULL,
    stderr=subprocess.DEVNULL)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(int((r.ru_utime + r.ru_stime) * 1000 + 0.5))' "$2"
		return
	fi
	ms_s=$(date +%s%N)
	sh -c "$2" > /dev/null 2>&1
	ms_e=$(date +%s%N)
	echo $(( (ms_e - ms_s) / 1000000 ))
}

# paired N LABEL CMD PEER [cpu]: N paired runs of the shell commands
# CMD and PEER, one after the other (the order alternating), so that
# both see the same load on a shared machine; wall times, or CPU times
# with cpu.  Prints the ratio CMD/PEER, the median of the N pairs and
# their range, then both medians; sets $ratio, $cmd_ms and $peer_ms.
paired() {
	pd_n=$1 pd_label=$2 pd_cmd=$3 pd_peer=$4 pd_clock=${5:-wall}
	pd_tmp=build/bench/paired.$$
	: > "$pd_tmp"
	pd_i=0
	while [ $pd_i -lt "$pd_n" ]; do
		if [ $((pd_i % 2)) -eq 0 ]; then
			pd_a=$(ms "$pd_clock" "$pd_cmd")
			pd_b=$(ms "$pd_clock" "$pd_peer")
		else
			pd_b=$(ms "$pd_clock" "$pd_peer")
			pd_a=$(ms "$pd_clock" "$pd_cmd")
		fi
		echo "$pd_a $pd_b" >> "$pd_tmp"
		pd_i=$((pd_i + 1))
	done
	set -- $(awk '
	function median(x, n,   i, j, t) {
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && x[j - 1] > x[j]; j--) {
				t = x[j]; x[j] = x[j - 1]; x[j - 1] = t
			}
		return n % 2 ? x[(n + 1) / 2] : (x[n / 2] + x[n / 2 + 1]) / 2
	}
	{ a[NR] = $1; b[NR] = $2; r[NR] = $2 > 0 ? $1 / $2 : 0 }
	END {
		lo = hi = r[1]
		for (i = 2; i <= NR; i++) {
			if (r[i] < lo) lo = r[i]
			if (r[i] > hi) hi = r[i]
		}
		printf "%.3f %.3f %.3f %d %d\n", median(r, NR), lo, hi,
		    median(a, NR), median(b, NR)
	}' "$pd_tmp")
	rm -f "$pd_tmp"
	ratio=$1 cmd_ms=$4 peer_ms=$5
	printf '%s: %.2f (%s time, median of %d pairs, range %.2f-%.2f); %d ms vs %d ms\n' \
	    "$pd_label" "$1" "$pd_clock" "$pd_n" "$2" "$3" "$4" "$5"
}
