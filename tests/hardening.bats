#!/usr/bin/env bats
# Failure behaviour and parallel safety of the whole pipeline.

load helpers

need() {
	for t in "$@"; do
		[ -x "$GIP_BIN/$t" ] || skip "$t not built"
	done
}

@test "parallel: xargs -P4 into one pipe gives whole lines, the same as a serial run" {
	need gip-normalize gip-sections gip-tables
	[ -x "$GIP_GENCORPUS" ] || skip "gencorpus not built"
	d="$BATS_TEST_TMPDIR/par"
	mkdir -p "$d"
	"$GIP_GENCORPUS" -n 80 -s 11 -l tab,pipe,html,space,cell -e utf8,gb18030 -o "$d"
	ls "$d"/r* > "$d/list"
	gip-normalize $(cat "$d/list") | gip-sections | gip-tables | LC_ALL=C sort > "$d/serial"
	xargs -P4 -n 3 sh -c 'gip-normalize "$@" | gip-sections | gip-tables' sh < "$d/list" | cat > "$d/par.raw"
	LC_ALL=C sort "$d/par.raw" > "$d/par"
	# every line has the 11 fields of a record
	[ "$(awk -F'\t' 'NF != 11' "$d/par.raw" | wc -l)" -eq 0 ]
	[ -s "$d/serial" ]
	cmp "$d/serial" "$d/par"
}

@test "SIGPIPE: the pipeline into head ends quietly" {
	need gip-normalize gip-sections gip-tables
	run --separate-stderr bash -c "gip-normalize '$SEEDS'/*.txt | gip-sections | gip-tables | head -n 1"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 1 ]
	[ -z "$stderr" ]
}

@test "a file that shrinks while it is read does not crash a tool" {
	need gip-normalize
	f="$BATS_TEST_TMPDIR/shrink.txt"
	for i in $(seq 4000); do cat "$SEEDS/000_6152f4f472c67e79.txt"; done > "$f"
	gip-normalize "$f" > /dev/null 2>"$BATS_TEST_TMPDIR/err" &
	pid=$!
	sleep 0.05
	: > "$f"
	st=0
	wait $pid || st=$?
	[ "$st" -le 1 ]
	! grep -q Sanitizer "$BATS_TEST_TMPDIR/err"
}

@test "an unreadable file in a list is reported and the rest processed" {
	need gip-normalize
	# root reads every file: run the tool as nobody then
	as=""
	if [ "$(id -u)" -eq 0 ]; then
		command -v setpriv >/dev/null || skip "root, and no setpriv"
		as="setpriv --reuid=nobody --regid=nogroup --clear-groups"
		$as test -x "$GIP_BIN/gip-normalize" || skip "nobody cannot run $GIP_BIN"
	fi
	d=$(mktemp -d /tmp/gip-perm.XXXXXX)
	chmod 755 "$d"
	cp "$SEEDS/000_6152f4f472c67e79.txt" "$d/ok.txt"
	chmod 644 "$d/ok.txt"
	printf 'x\n' > "$d/secret.txt"
	chmod 000 "$d/secret.txt"
	run --separate-stderr $as "$GIP_BIN/gip-normalize" "$d/secret.txt" "$d/ok.txt"
	rm -rf "$d"
	echo "$stderr"
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"secret.txt: Permission denied"* ]]
	[[ "$output" == *"惠农区卫生健康局"* ]]
}

@test "valgrind: the pipeline on the seeds is clean" {
	need gip-normalize gip-sections gip-tables gip-check
	command -v valgrind >/dev/null || skip "valgrind not installed"
	[ -z "$GIP_SANITIZED" ] || skip "sanitizer build"
	vg="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite"
	run bash -c "$vg gip-normalize '$SEEDS'/*.txt > '$BATS_TEST_TMPDIR/n'"
	[ "$status" -eq 0 ]
	run bash -c "$vg gip-sections '$BATS_TEST_TMPDIR/n' > '$BATS_TEST_TMPDIR/s'"
	[ "$status" -eq 0 ]
	run bash -c "$vg gip-tables '$BATS_TEST_TMPDIR/s' > '$BATS_TEST_TMPDIR/t'"
	[ "$status" -le 1 ]
	[[ "$output" != *"=="* ]]
	run bash -c "$vg gip-check '$BATS_TEST_TMPDIR/t' > /dev/null"
	[ "$status" -le 1 ]
	[[ "$output" != *"=="* ]]
}

# big_input MB: MB megabytes of real report text on stdout, as framed
# documents of 14 KB each (a 1 MB block repeated)
big_input() {
	local blk="$BATS_TEST_TMPDIR/block" i
	if [ ! -f "$blk" ]; then
		for i in $(seq 70); do
			printf '\036doc\tr%d.txt\n' "$i"
			# the seed has no final newline
			cat "$SEEDS/000_6152f4f472c67e79.txt"
			echo
		done > "$blk"
	fi
	for i in $(seq "$1"); do cat "$blk"; done
}

# 1 GB normally; 100 MB under the sanitizers, which are 3-10 times slower
big_mb() {
	[ -n "$GIP_SANITIZED" ] && echo 100 || echo 1000
}

peak_rss_kb() {
	sed -n 's/^RSS=//p' "$1" | sort -n | tail -1
}

@test "a 1 GB input: gip-normalize streams it in bounded memory" {
	need gip-normalize
	[ -x /usr/bin/time ] || skip "/usr/bin/time not installed"
	# one single document of 1 GB on stdin, no frames
	run bash -c "$(declare -f big_input); SEEDS='$SEEDS' BATS_TEST_TMPDIR='$BATS_TEST_TMPDIR' big_input $(big_mb) | tr -d '\036' |
	    /usr/bin/time -f RSS=%M -o '$BATS_TEST_TMPDIR/rss' gip-normalize | wc -l"
	[ "$status" -eq 0 ]
	# about 7000 lines a megabyte
	[ "$output" -gt $(( $(big_mb) * 5000 )) ]
	rss=$(peak_rss_kb "$BATS_TEST_TMPDIR/rss")
	echo "peak RSS $rss KB"
	[ -n "$GIP_SANITIZED" ] || [ "$rss" -lt 32768 ]
}

@test "a 1 GB stream: gip-sections and gip-tables keep memory bounded by one document" {
	need gip-sections gip-tables
	[ -x /usr/bin/time ] || skip "/usr/bin/time not installed"
	run bash -c "$(declare -f big_input); SEEDS='$SEEDS' BATS_TEST_TMPDIR='$BATS_TEST_TMPDIR' big_input $(big_mb) |
	    /usr/bin/time -f RSS=%M -a -o '$BATS_TEST_TMPDIR/rss' gip-sections |
	    /usr/bin/time -f RSS=%M -a -o '$BATS_TEST_TMPDIR/rss' gip-tables | wc -l"
	[ "$status" -eq 0 ]
	# every document gives its records: 70 documents per MB
	[ "$output" -gt $(( $(big_mb) * 70 * 200 )) ]
	rss=$(peak_rss_kb "$BATS_TEST_TMPDIR/rss")
	echo "peak RSS $rss KB"
	[ -n "$GIP_SANITIZED" ] || [ "$rss" -lt 32768 ]
}

@test "one 1 GB document: the pipeline in under 2 GB, gip-sections at most 1.2 bytes a byte" {
	need gip-normalize gip-sections gip-tables gip-check
	[ -x /usr/bin/time ] || skip "/usr/bin/time not installed"
	# the framed input with its frames removed: one document (cat a b)
	t="/usr/bin/time -f RSS=%M -o"
	run bash -c "$(declare -f big_input); SEEDS='$SEEDS' BATS_TEST_TMPDIR='$BATS_TEST_TMPDIR' big_input $(big_mb) | tr -d '\036' |
	    $t '$BATS_TEST_TMPDIR/n' gip-normalize > '$BATS_TEST_TMPDIR/norm'"
	[ "$status" -eq 0 ]
	bytes=$(wc -c < "$BATS_TEST_TMPDIR/norm")
	run bash -c "$t '$BATS_TEST_TMPDIR/s' gip-sections '$BATS_TEST_TMPDIR/norm' 2> /dev/null |
	    $t '$BATS_TEST_TMPDIR/t' gip-tables | $t '$BATS_TEST_TMPDIR/c' gip-check | wc -l"
	rm -f "$BATS_TEST_TMPDIR/norm"
	[ "$status" -eq 0 ]
	# the tables of the first reports, read from its first 8 MiB
	[[ "$stderr$output" == *"document longer than 8 MiB"* ]]
	sum=0
	for p in n s t c; do
		r=$(peak_rss_kb "$BATS_TEST_TMPDIR/$p")
		echo "$p: peak RSS $r KB"
		sum=$((sum + r))
	done
	echo "sum $sum KB, $bytes bytes"
	[ "$bytes" -gt $(( $(big_mb) * 990000 )) ]
	[ -n "$GIP_SANITIZED" ] && return
	[ "$sum" -lt $((2 * 1024 * 1024)) ]
	[ "$(peak_rss_kb "$BATS_TEST_TMPDIR/s")" -le $((bytes * 12 / 10 / 1024)) ]
	[ "$(peak_rss_kb "$BATS_TEST_TMPDIR/t")" -lt 65536 ]
}

@test "adversarial lines (long runs, nested brackets, many numbers) finish quickly" {
	need gip-sections gip-tables
	f="$REPO/tests/fuzz/hostile/tables.txt"
	run timeout 20 sh -c "gip-sections '$f' | gip-tables > /dev/null"
	[ "$status" -le 1 ]
	run timeout 20 sh -c "gip-sections '$REPO/tests/fuzz/hostile/pathological.txt' | gip-tables > /dev/null"
	[ "$status" -le 1 ]
}
