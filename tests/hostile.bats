#!/usr/bin/env bats
# Hostile inputs and a hostile environment (issue 12): nothing may be
# lost without a word.  Each test names the class of input it covers;
# man/gip.7 (HOSTILE INPUTS) lists what each class gets.

load helpers

F="$REPO/tests/fixtures"

need() {
	for t in "$@"; do
		[ -x "$GIP_BIN/$t" ] || skip "$t not built"
	done
}

# every stderr line has the one diagnostic shape of gip(7)
diag_shaped() {
	local l
	while IFS= read -r l; do
		[[ "$l" =~ ^gip-[a-z]+:\ [^:]+(:[0-9]+)?:\ (note|warning|error):\ . ]] ||
		    { echo "badly shaped: $l"; return 1; }
	done <<< "$1"
}

# --- 1. running out of memory is no end of input --------------------

@test "out of memory: a 150 MB line under ulimit -v is an error, exit 2, never a quiet end of input" {
	need gip-sections gip-tables gip-check gip-stats
	[ -z "$GIP_SANITIZED" ] || skip "ASan reserves more address space than ulimit -v allows"
	d=$BATS_TEST_TMPDIR
	head -c 150000000 /dev/zero | tr '\0' x > "$d/line"
	# a text stream: the line is in the second of three documents
	{ printf '\036doc\ta.txt\n一、总体情况\n本机关共收到申请12件。\n\036doc\tb.txt\n'
	  cat "$d/line"; printf '\n\036doc\tc.txt\n一、总体情况\n' ; } > "$d/big.gip"
	# a record stream: the line between two documents' records
	{ head -20 "$F/check/prev.tsv"; cat "$d/line"; printf '\n'; sed -n '2,21p' "$F/check/good.tsv"; } > "$d/big.tsv"
	rm "$d/line"
	for tf in sections:big.gip:5 tables:big.gip:5 check:big.tsv:21 stats:big.tsv:21; do
		IFS=: read -r t f l <<< "$tf"
		run --separate-stderr bash -c "ulimit -v 200000; gip-$t '$d/$f'"
		echo "gip-$t: $status: $stderr"
		[ "$status" -eq 2 ]
		[[ "$stderr" == *"gip-$t: $d/$f:$l: error: "* ]]
	done
	# through a pipe, a 40 MB line under a lower limit (below any line cap)
	{ head -3 "$F/stats/records.tsv"; head -c 40000000 /dev/zero | tr '\0' x; printf '\n'; tail -2 "$F/stats/records.tsv"; } > "$d/mid.tsv"
	for t in stats check; do
		run --separate-stderr bash -c "ulimit -v 60000; cat '$d/mid.tsv' | gip-$t"
		echo "gip-$t: $status: $stderr"
		[ "$status" -eq 2 ]
		[[ "$stderr" == *"gip-$t: <stdin>:4: error: out of memory"* ]]
		diag_shaped "$stderr"
	done
}

# --- 2. frames only in a gip stream ---------------------------------

forged() {
	# a plain report whose middle claims to be another document
	{ sed -n '1,60p' "$SEEDS/000_6152f4f472c67e79.txt"
	  printf '\036doc\tforged.txt\n\036meta\tyear\t1999\n\036meta\ttemplate\t2021\n'
	  sed -n '61,$p' "$SEEDS/000_6152f4f472c67e79.txt"; } > "$1"
}

@test "forged frames: a plain file cannot name itself another document (gip-tables)" {
	need gip-tables
	f=$BATS_TEST_TMPDIR/report.txt
	forged "$f"
	run --separate-stderr gip-tables "$f"
	echo "$stderr"
	[ "$status" -le 1 ]
	[[ "$output" != *forged.txt* ]]
	[[ "$output" != *1999* ]]
	# every record is the file's own
	[ "$(printf '%s\n' "$output" | cut -f1 | sort -u)" = "$f" ]
	[[ "$stderr" == *"gip-tables: $f:61: warning: frame byte 0x1E in a file that is not a gip stream"* ]]
	diag_shaped "$stderr"
}

@test "forged frames: gip-sections passes no frame of a plain file on" {
	need gip-sections gip-tables
	f=$BATS_TEST_TMPDIR/report.txt
	forged "$f"
	run --separate-stderr gip-sections "$f"
	[ "$status" -le 1 ]
	# one document, its own doc frame, and the forged lines became text
	[ "$(printf '%s\n' "$output" | grep -c $'^\036doc\t')" -eq 1 ]
	[ "$(printf '%s\n' "$output" | grep -c $'^\036meta\tyear\t1999')" -eq 0 ]
	[ "$(printf '%s\n' "$output" | grep -c $'^doc\tforged.txt$')" -eq 1 ]
	[[ "$stderr" == *"$f:61: warning: frame byte 0x1E"* ]]
	# downstream, still one document
	[ "$(gip-sections "$f" 2>/dev/null | gip-tables | cut -f1 | sort -u)" = "$f" ]
	# a gip stream (it starts with a doc frame) keeps its frames
	printf '\036doc\tx.txt\nhello\n\036doc\ty.txt\nworld\n' > "$BATS_TEST_TMPDIR/s.gip"
	run --separate-stderr gip-sections "$BATS_TEST_TMPDIR/s.gip"
	[ "$(printf '%s\n' "$output" | grep -c $'^\036doc\t')" -eq 2 ]
	[[ "$stderr" != *"0x1E"* ]]
}

# --- 3. records and findings told apart ------------------------------

@test "mistyped records: a record that lost a field is a diagnostic, not a finding" {
	need gip-stats
	d=$BATS_TEST_TMPDIR
	# line 4 lost its raw column: 10 fields, once read as a finding
	{ head -3 "$F/stats/records.tsv"
	  printf 'reports/x-2023.txt\tX市人民政府\t2023\t2021\tt3\tnew\tnatural\t77\tnum\t41\n'
	  tail -2 "$F/stats/records.tsv"; } > "$d/rec.tsv"
	run --separate-stderr gip-stats -c t3.new "$d/rec.tsv"
	echo "$stderr"
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"gip-stats: $d/rec.tsv:4: warning: 10 fields in a gip-tables record line; want 11"* ]]
	diag_shaped "$stderr"
	# and no finding was made of it
	run --separate-stderr gip-stats -f "$d/rec.tsv"
	[ "$status" -eq 1 ]
	[[ "$output" != *X市* ]]
	[[ "$output" != *2023$'\t'* ]]
	# a finding that gained a field is said too
	{ head -2 "$F/stats/findings.tsv"; sed -n 3p "$F/stats/findings.tsv" | sed 's/$/\textra/'; } > "$d/f.tsv"
	run --separate-stderr gip-stats -f "$d/f.tsv"
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"$d/f.tsv:3: warning: 11 fields in a gip-check finding line; want 10"* ]]
	# a line that is neither
	printf 'a\tb\tc\td\te\tf\tg\th\ti\tj\n' > "$d/n.tsv"
	run --separate-stderr gip-stats "$d/n.tsv"
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"$d/n.tsv:1: warning: neither a gip-tables record"* ]]
	# the well-formed ones are still all read, records and findings mixed
	cat "$F/stats/records.tsv" "$F/stats/findings.tsv" > "$d/mix.tsv"
	run --separate-stderr gip-stats -v -f "$d/mix.tsv"
	[ "$status" -eq 0 ]
	[[ "$stderr" == *"$(grep -vc '^doc' "$F/stats/records.tsv") records, $(grep -vc '^doc' "$F/stats/findings.tsv") findings"* ]]
}

@test "mistyped records: JSON that is both or neither kind is a diagnostic" {
	need gip-stats
	d=$BATS_TEST_TMPDIR
	printf '%s\n' '{"doc":"a","rule":"value","severity":"error","tables":{}}' \
	    '{"doc":"a","rule":"value","severity":"2023"}' '{"doc":"a"}' > "$d/j.jsonl"
	run --separate-stderr gip-stats -f "$d/j.jsonl"
	[ "$status" -eq 1 ]
	for n in 1 2 3; do
		[[ "$stderr" == *"$d/j.jsonl:$n: warning: JSON that is neither"* ]]
	done
	diag_shaped "$stderr"
	run --separate-stderr gip-stats -f "$F/stats/findings.jsonl" "$F/stats/records.jsonl"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	# gip-check: a finding is no document without cells
	{ cat "$F/check/good.jsonl"; sed -n 1p "$F/stats/findings.jsonl"; } > "$d/cj.jsonl"
	run --separate-stderr gip-check "$d/cj.jsonl"
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"gip-check: $d/cj.jsonl:2: error: not a gip-tables document"* ]]
	[[ "$output" != *huaian* ]]
	diag_shaped "$stderr"
}

# --- 4. gip-check -o: file modes and signals -------------------------

@test "gip-check -o: the file gets the umask's mode" {
	need gip-check
	cd "$BATS_TEST_TMPDIR"
	(umask 077; gip-check -o f077.tsv "$F/check/balance.tsv" || true)
	(umask 022; gip-check -o f022.tsv "$F/check/balance.tsv" || true)
	(umask 027; gip-check -o f027.tsv "$F/check/balance.tsv" || true)
	[ "$(stat -c %a f077.tsv)" = 600 ]
	[ "$(stat -c %a f022.tsv)" = 644 ]
	[ "$(stat -c %a f027.tsv)" = 640 ]
	[ -s f022.tsv ]
}

@test "gip-check -o: killed by SIGTERM, SIGINT or SIGPIPE, it leaves no temporary behind" {
	need gip-check
	cd "$BATS_TEST_TMPDIR"
	for sig in TERM INT; do
		rm -f fifo; mkfifo fifo
		# (a shell starts background jobs with SIGINT ignored)
		env --default-signal=INT,TERM gip-check -o out.tsv < fifo 2>/dev/null &
		pid=$!
		exec 7> fifo
		cat "$F/check/good.tsv" >&7
		for i in $(seq 50); do
			ls -A | grep -q '^\.gip-check\.' && break
			sleep 0.1
		done
		ls -A | grep -q '^\.gip-check\.'
		kill -s "$sig" "$pid"
		rc=0; wait "$pid" || rc=$?
		exec 7>&-
		echo "$sig: status $rc"
		[ "$rc" -gt 128 ]
		[ -z "$(ls -A | grep '^\.gip-check\.')" ]
		[ ! -e out.tsv ]
	done
	# --pass into a reader that goes away: SIGPIPE
	for i in $(seq 300); do sed 's/^wsjk/'$i'-wsjk/' "$F/check/good.tsv"; done > many.tsv
	run bash -c "gip-check --pass -o out.tsv many.tsv | head -n 1"
	[ "$status" -eq 0 ]
	[ -z "$(ls -A | grep '^\.gip-check\.')" ]
}

# --- 5. output does not depend on input order -------------------------

@test "continuity: which reports of the year before are compared does not depend on input order" {
	need gip-check
	d=$BATS_TEST_TMPDIR
	# six copies of the 2021 report (one agency), told apart by name only
	for k in a b c d e f; do
		sed "s/^wsjk-2021.txt/wsjk-2021-$k.txt/" "$F/check/prev.tsv" > "$d/p$k.tsv"
	done
	gip-check -r continuity "$d"/p{a,b,c,d,e,f}.tsv "$F/check/good.tsv" | sort > "$d/fwd" || true
	gip-check -r continuity "$F/check/good.tsv" "$d"/p{f,e,d,c,b,a}.tsv | sort > "$d/rev" || true
	[ -s "$d/fwd" ]
	diff "$d/fwd" "$d/rev"
	for i in 1 2 3; do
		gip-check -r continuity $(printf '%s\n' "$d"/p?.tsv "$F/check/good.tsv" | shuf) | sort > "$d/shuf"
		diff "$d/fwd" "$d/shuf"
	done
}

@test "the same cell twice with different values: the one kept does not depend on input order" {
	need gip-check
	d=$BATS_TEST_TMPDIR
	dup=$'wsjk-2022.txt\t某区卫生健康委员会\t2022\t2021\tt3\tnew\tnatural\t45\tnum\t45\t71'
	{ cat "$F/check/good.tsv"; printf '%s\n' "$dup"; } > "$d/a.tsv"
	{ sed -n 1p "$F/check/good.tsv"; printf '%s\n' "$dup"; sed 1d "$F/check/good.tsv"; } > "$d/b.tsv"
	run gip-check "$d/a.tsv"
	a=$output
	run gip-check "$d/b.tsv"
	[ "$output" = "$a" ]
	# the record of the earlier line (70: 40) is kept, so the table adds up
	[[ "$a" == *"different records for this cell; the one of the earliest line is used"* ]]
	[[ "$a" != *t3-balance* ]]
	[[ "$a" != *t3-rows* ]]
}

@test "input order and -P: every tool's output is the same set of lines" {
	need gip-normalize gip-sections gip-tables gip-check gip-stats
	[ -x "$GIP_GENCORPUS" ] || skip "gencorpus not built"
	d=$BATS_TEST_TMPDIR/c
	mkdir -p "$d"
	"$GIP_GENCORPUS" -n 24 -s 5 -l tab,pipe,html,space -e utf8,gb18030 -o "$d"
	ls "$d"/r* > "$d/list"
	[ "$(wc -l < "$d/list")" -ge 24 ]
	shuf "$d/list" > "$d/list2"
	for t in normalize; do
		gip-$t $(cat "$d/list") 2>/dev/null | LC_ALL=C sort > "$d/n1"
		gip-$t $(cat "$d/list2") 2>/dev/null | LC_ALL=C sort > "$d/n2"
		cmp "$d/n1" "$d/n2"
	done
	gip-normalize $(cat "$d/list") 2>/dev/null | gip-sections 2>/dev/null | LC_ALL=C sort > "$d/s1"
	gip-normalize $(cat "$d/list2") 2>/dev/null | gip-sections 2>/dev/null | LC_ALL=C sort > "$d/s2"
	cmp "$d/s1" "$d/s2"
	gip-normalize $(cat "$d/list") 2>/dev/null | gip-sections 2>/dev/null | gip-tables 2>/dev/null > "$d/rec"
	xargs -P3 -n 2 sh -c 'gip-normalize "$@" | gip-sections | gip-tables' sh < "$d/list2" 2>/dev/null | cat > "$d/recp"
	LC_ALL=C sort "$d/rec" > "$d/t1"
	LC_ALL=C sort "$d/recp" > "$d/t2"
	[ -s "$d/t1" ]
	cmp "$d/t1" "$d/t2"
	# records: documents in another order, from -P, and every line
	# shuffled (gip-check then with --any-order: no record closes a
	# document; gip-stats is exact whatever the order)
	cut -f1 "$d/rec" | awk '!seen[$0]++' | shuf > "$d/order"
	while IFS= read -r doc; do
		awk -F'\t' -v d="$doc" '$1 == d' "$d/rec"
	done < "$d/order" > "$d/recd"
	shuf "$d/rec" > "$d/recs"
	for r in rec recd recp recs; do
		w=; [ $r != recs ] || w="--any-order"
		gip-check $w "$d/$r" 2>/dev/null | LC_ALL=C sort > "$d/ck.$r" || true
		gip-stats -g year "$d/$r" > "$d/st.$r"
		gip-stats -r all -g agency "$d/$r" > "$d/sr.$r"
	done
	[ -s "$d/ck.rec" ]
	for r in recd recp recs; do
		cmp "$d/ck.rec" "$d/ck.$r"
		cmp "$d/st.rec" "$d/st.$r"
		cmp "$d/sr.rec" "$d/sr.$r"
	done
	# findings too, shuffled, into gip-stats
	gip-check "$d/rec" > "$d/find" || true
	shuf "$d/find" > "$d/finds"
	cat "$d/rec" "$d/find" | gip-stats -f -g year > "$d/f1"
	cat "$d/finds" "$d/recs" | gip-stats -f -g year > "$d/f2"
	cmp "$d/f1" "$d/f2"
}
