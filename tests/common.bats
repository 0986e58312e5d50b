#!/usr/bin/env bats
# Conventions every tool keeps (gip(7)): --help, --version, usage
# errors, missing files, write errors, closed pipes, quiet success.

load helpers

tools() {
	local t
	for t in gip-normalize gip-sections gip-tables gip-check gip-stats; do
		[ -x "$GIP_BIN/$t" ] && echo "$t"
	done
	return 0
}

# an input every tool accepts: text for the text tools, records for
# the record tools
sample() {
	case $1 in
	gip-check|gip-stats)
		printf 'a.txt\t某局\t2022\t2021\tt2\tlicense\tdecisions\t5\tnum\t5\t3\n' ;;
	*)	printf '一、总体情况\n本机关2022年未收到申请。\n' ;;
	esac
}

@test "every tool: --help prints the usage on stdout and exits 0" {
	for t in $(tools); do
		run --separate-stderr "$t" --help
		[ "$status" -eq 0 ]
		[[ "${lines[0]}" == "usage: $t "* ]]
		[ -z "$stderr" ]
	done
}

@test "every tool: -h and -V are --help and --version, and the man page lists them" {
	for t in $(tools); do
		[ "$("$t" -h)" = "$("$t" --help)" ]
		[ "$("$t" -V)" = "$("$t" --version)" ]
		"$t" --help | grep -q -- '-h, --help'
		"$t" --help | grep -q -- '-V, --version'
		grep -q '^\.It Fl h , -help$' "$REPO/man/$t.1"
		grep -q '^\.It Fl V , -version$' "$REPO/man/$t.1"
	done
}

@test "every tool: the usage line matches the man page SYNOPSIS" {
	command -v mandoc >/dev/null || skip "mandoc not installed"
	for t in $(tools); do
		usage=$("$t" --help | grep -E "^(usage: |       )$t " | sed 's/^usage://; s/^ *//' | tr -s ' \n' '  ' | sed 's/ *$//')
		syn=$(mandoc -T ascii -O width=300 "$REPO/man/$t.1" | sed 's/.\x08//g' |
		    sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' | sed '1d;$d' | tr -s ' \n' '  ' | sed 's/^ *//; s/ *$//')
		echo "usage:    $usage"
		echo "synopsis: $syn"
		[ "$usage" = "$syn" ]
	done
}

@test "every tool: --version names the tool and the version" {
	for t in $(tools); do
		run "$t" --version
		[ "$status" -eq 0 ]
		[[ "$output" =~ ^$t\ [0-9]+\.[0-9]+\.[0-9]+$ ]]
	done
}

@test "every tool: an unknown option is a usage error, status 2" {
	for t in $(tools); do
		run --separate-stderr "$t" --no-such-option
		[ "$status" -eq 2 ]
		[ -z "$output" ]
		[[ "$stderr" == *"usage: $t "* ]]
	done
}

@test "every tool: a missing file is reported, the others processed, status 1" {
	for t in $(tools); do
		sample "$t" > "$BATS_TEST_TMPDIR/good"
		run --separate-stderr "$t" "$BATS_TEST_TMPDIR/good"
		good_out=$output
		run --separate-stderr "$t" "$BATS_TEST_TMPDIR/nope" "$BATS_TEST_TMPDIR/good"
		echo "$t: status $status: $stderr"
		[ "$status" -eq 1 ]
		[[ "$stderr" == *"$t: $BATS_TEST_TMPDIR/nope: No such file or directory"* ]]
		[ -n "$output" ] || [ -z "$good_out" ]
	done
}

@test "every tool: a directory operand is reported, status 1" {
	for t in $(tools); do
		run --separate-stderr "$t" "$BATS_TEST_TMPDIR"
		[ "$status" -eq 1 ]
		[[ "$stderr" == *"$t: $BATS_TEST_TMPDIR: Is a directory"* ]]
	done
}

@test "every tool: a write error gives a clear message and status 2" {
	for t in $(tools); do
		case $t in
		gip-check|gip-stats) sample "$t" > "$BATS_TEST_TMPDIR/in" ;;
		*) cat "$SEEDS/000_6152f4f472c67e79.txt" > "$BATS_TEST_TMPDIR/in" ;;
		esac
		# enough output that it must be written before exit
		for i in $(seq 50); do cat "$BATS_TEST_TMPDIR/in"; done > "$BATS_TEST_TMPDIR/big"
		run bash -c "$t '$BATS_TEST_TMPDIR/big' > /dev/full"
		echo "$t: status $status: $output"
		[ "$status" -eq 2 ]
		[[ "$output" == *"$t: write error: No space left on device"* ]]
	done
}

@test "every tool: empty input is not an error" {
	for t in $(tools); do
		run --separate-stderr "$t" < /dev/null
		echo "$t: status $status: $stderr"
		[ "$status" -eq 0 ]
		[ -z "$stderr" ]
	done
}

@test "every tool: reading a file, - and stdin give the same output" {
	for t in $(tools); do
		case $t in
		gip-check|gip-stats) sample "$t" > "$BATS_TEST_TMPDIR/in" ;;
		*) cat "$SEEDS/000_6152f4f472c67e79.txt" > "$BATS_TEST_TMPDIR/in" ;;
		esac
		a=$("$t" - < "$BATS_TEST_TMPDIR/in" 2>/dev/null || true)
		b=$("$t" < "$BATS_TEST_TMPDIR/in" 2>/dev/null || true)
		[ -n "$a" ]
		[ "$a" = "$b" ]
	done
}

@test "every tool: --progress counts documents and MB on stderr, plain lines off a terminal" {
	for t in $(tools); do
		case $t in
		gip-normalize) set -- "$SEEDS"/*.txt ;;
		gip-sections|gip-tables)
			gip-normalize "$SEEDS"/*.txt > "$BATS_TEST_TMPDIR/in"
			set -- "$BATS_TEST_TMPDIR/in" ;;
		*)	for s in "$SEEDS"/*.txt; do gip-normalize "$s" | gip-sections | gip-tables; done > "$BATS_TEST_TMPDIR/in"
			set -- "$BATS_TEST_TMPDIR/in" ;;
		esac
		bytes=$(cat "$@" | wc -c)
		# the output is the same with it
		[ "$("$t" --progress "$@" 2>/dev/null)" = "$("$t" "$@" 2>/dev/null)" ] || [ "$t" = gip-check ]
		# off a terminal: no \r, and by default one line, at the end
		run --separate-stderr "$t" --progress "$@"
		echo "$t: $stderr"
		[ "$(printf '%s\n' "$stderr" | grep -c "^$t: [0-9]* documents, ")" -eq 1 ]
		[[ "$stderr" != *$'\r'* ]]
		last=$(printf '%s\n' "$stderr" | grep "^$t: [0-9]* documents, " | tail -1)
		[[ "$last" == "$t: 5 documents, $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB, "*" MB/s, "*" documents/s, "*" s" ]]
		# GIP_PROGRESS_EVERY=0: a line at every document (and every 256
		# lines read), counting up
		GIP_PROGRESS_EVERY=0 run --separate-stderr "$t" --progress "$@"
		[ "$(printf '%s\n' "$stderr" | grep "^$t: " | sed 's/ documents.*//; s/.*: //' | uniq | paste -sd ' ')" = "1 2 3 4 5" ]
	done
}

@test "--progress on a terminal: one line rewritten in place" {
	command -v script >/dev/null || skip "script (bsdutils) not installed"
	gip-normalize "$SEEDS"/*.txt > "$BATS_TEST_TMPDIR/in"
	GIP_PROGRESS_EVERY=0 script -qec "gip-sections --progress $BATS_TEST_TMPDIR/in > /dev/null" /dev/null > "$BATS_TEST_TMPDIR/tty"
	# an update per document at least, each starting with \r and
	# clearing the rest of the line, all on one line ended at the end
	[ "$(grep -o $'\r'gip-sections "$BATS_TEST_TMPDIR/tty" | wc -l)" -ge 6 ]
	[ "$(grep -c 'documents' "$BATS_TEST_TMPDIR/tty")" -eq 1 ]
	[[ "$(tr '\r' '\n' < "$BATS_TEST_TMPDIR/tty" | grep documents | tail -1)" == "gip-sections: 5 documents, "* ]]
	grep -q $'\033\\[K' "$BATS_TEST_TMPDIR/tty"
}
