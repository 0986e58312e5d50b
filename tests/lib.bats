#!/usr/bin/env bats
# The shared library, driven through tests/unit/libtest.c.

load helpers

setup() {
	[ -x "$GIP_LIBTEST" ] || skip "libtest not built (make test builds it)"
}

@test "tsv: splitting unescapes, keeps empty fields, counts extra fields" {
	run "$GIP_LIBTEST" tsv < <(printf 'a\tb\\tc\t\t\\\\x\\n\n\n')
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$(printf '4\ta\tb\\tc\t\t\\\\x\\n')" ]
	[ "${lines[1]}" = "$(printf '1\t')" ]
}

@test "tsv: a field with tab, newline, CR and backslash round-trips" {
	printf 'x\\ty\\nz\\r\\\\\tlast\n' > "$BATS_TEST_TMPDIR/in"
	run "$GIP_LIBTEST" tsv < "$BATS_TEST_TMPDIR/in"
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '2\t'; cat "$BATS_TEST_TMPDIR/in")" ]
}

@test "utf8: valid sequences decode to their code points" {
	run "$GIP_LIBTEST" utf8 41 e4 b8 80 f0 a0 80 80 c2 a0
	[ "$output" = "U+0041/1 U+4E00/3 U+20000/4 U+00A0/2 valid=10" ]
}

@test "utf8: overlong, surrogate, out of range and truncated are rejected" {
	run "$GIP_LIBTEST" utf8 c0 80
	[ "$output" = "BAD/1 BAD/1 valid=0" ]
	run "$GIP_LIBTEST" utf8 e0 80 80
	[ "$output" = "BAD/1 BAD/1 BAD/1 valid=0" ]
	run "$GIP_LIBTEST" utf8 ed a0 80
	[ "$output" = "BAD/1 BAD/1 BAD/1 valid=0" ]
	run "$GIP_LIBTEST" utf8 f4 90 80 80
	[ "$output" = "BAD/1 BAD/1 BAD/1 BAD/1 valid=0" ]
	# a 3-byte sequence cut after two bytes is one maximal subpart
	run "$GIP_LIBTEST" utf8 41 e4 b8
	[ "$output" = "U+0041/1 BAD/2 valid=1" ]
	run "$GIP_LIBTEST" utf8 ff 41
	[ "$output" = "BAD/1 U+0041/1 valid=0" ]
}

@test "stream: plain text is one document named after the file" {
	printf 'a\n\nb' > "$BATS_TEST_TMPDIR/plain.txt"
	run "$GIP_LIBTEST" stream "$BATS_TEST_TMPDIR/plain.txt"
	[ "${lines[0]}" = "DOC $BATS_TEST_TMPDIR/plain.txt" ]
	[ "${lines[1]}" = "TEXT 1 a" ]
	[ "${lines[2]}" = "TEXT 2 " ]
	[ "${lines[3]}" = "TEXT 3 b" ]
	[ "${#lines[@]}" -eq 4 ]
}

@test "stream: doc and line frames set names and source line numbers" {
	printf '\036doc\tx\\ty.txt\nA\n\036line\t10\nB\nC\n\036meta\tyear\t2022\n\036doc\tz\nD\n' > "$BATS_TEST_TMPDIR/f"
	run "$GIP_LIBTEST" stream "$BATS_TEST_TMPDIR/f"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$(printf 'DOC x\ty.txt')" ]
	[ "${lines[1]}" = "TEXT 1 A" ]
	[ "${lines[2]}" = "TEXT 10 B" ]
	[ "${lines[3]}" = "TEXT 11 C" ]
	[ "${lines[4]}" = "FRAME 12 [meta] [year] [2022]" ]
	[ "${lines[5]}" = "DOC z" ]
	[ "${lines[6]}" = "TEXT 1 D" ]
}

@test "stream: stdin is named -" {
	run "$GIP_LIBTEST" stream < <(printf 'x\n')
	[ "${lines[0]}" = "DOC -" ]
}

@test "out: four writers into one pipe never tear a line" {
	run bash -c 'for i in 1 2 3 4; do echo $i; done |
	    xargs -P4 -I{} "$GIP_LIBTEST" out 3000 w{} | cat > "$BATS_TEST_TMPDIR/all"'
	[ "$status" -eq 0 ]
	[ "$(wc -l < "$BATS_TEST_TMPDIR/all")" -eq 12000 ]
	# every line is whole: its length is the one it announces
	run awk '{ if (length($0) != $2 || $1 !~ /^w[1-4]$/) bad++ } END { print bad + 0 }' "$BATS_TEST_TMPDIR/all"
	[ "$output" = "0" ]
	for i in 1 2 3 4; do
		[ "$(grep -c "^w$i " "$BATS_TEST_TMPDIR/all")" -eq 3000 ]
	done
}

@test "out: a write error (/dev/full) is reported with status 2" {
	run bash -c '"$GIP_LIBTEST" out 10 x > /dev/full' 
	[ "$status" -eq 2 ]
	[[ "$output" == *"write error: No space left on device"* ]]
}

@test "out: a closed pipe ends quietly" {
	run bash -c '"$GIP_LIBTEST" out 100000 x | head -n 1'
	[ "$status" -eq 0 ]
	[[ "$output" == "x "* ]]
}

@test "re: UTF-8 patterns match Han text and report their groups" {
	run "$GIP_LIBTEST" re '行政许可(\d+)(个|件)' '全年办理行政许可425个。'
	[ "$output" = "[行政许可425个] [425] [个]" ]
	run "$GIP_LIBTEST" re '^\w+$' '总计'
	[ "$output" = "[总计]" ]
	run "$GIP_LIBTEST" re '行政处罚(\d+)' '行政许可5'
	[ "$output" = "no match" ]
}

@test "re: a pattern compiled at build time loads as it compiles; bytes of another PCRE2 are compiled" {
	run "$GIP_LIBTEST" reload '行政许可(\d+)(个|件)' '全年办理行政许可425个。'
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '%s\n' '[行政许可425个] [425] [个]' '[行政许可425个] [425] [个]')" ]
	run "$GIP_LIBTEST" reload '行政处罚(\d+)' '行政许可5'
	[ "$output" = "$(printf 'no match\nno match')" ]
}

@test "re: catastrophic backtracking hits the match limit instead of hanging" {
	subject="$(printf 'a%.0s' $(seq 40))b"
	run timeout 10 "$GIP_LIBTEST" re '^(a+)+$' "$subject"
	[ "$status" -eq 0 ]
	[ "$output" = "limit" ]
}

@test "reader: files and stdin are read 64 KiB at a time, not stdio's 4 KiB" {
	# 1.4 MB of lines: 22 reads of 64 KiB and one at the end; 4 KiB
	# reads would be 346
	awk 'BEGIN { for (i = 0; i < 20000; i++)
		printf "%070d\n", i }' > "$BATS_TEST_TMPDIR/big"
	run "$GIP_LIBTEST" reads "$BATS_TEST_TMPDIR/big"
	[ "$status" -eq 0 ]
	[ "$output" != "no proc" ] || skip "no /proc/self/io"
	read -r bytes calls <<< "$output"
	[ "$bytes" -eq 1420000 ]
	[ "$calls" -ge 2 ]
	[ "$calls" -le $((bytes / 65536 + 3)) ]
	run "$GIP_LIBTEST" reads - < "$BATS_TEST_TMPDIR/big"
	read -r bytes calls <<< "$output"
	[ "$bytes" -eq 1420000 ]
	[ "$calls" -le $((bytes / 65536 + 3)) ]
}

@test "tsv: fields of every length, across eight-byte boundaries, and more fields than asked for" {
	# lines of 1 to 40 fields of 0 to 17 bytes; libtest keeps 32
	awk 'BEGIN { for (n = 1; n <= 40; n++) {
		s = ""
		for (i = 1; i <= n; i++)
			s = s (i > 1 ? "\t" : "") substr("abcdefghijklmnopq", 1, (i * 7 + n) % 18)
		print s
	} }' > "$BATS_TEST_TMPDIR/in"
	run "$GIP_LIBTEST" tsv < "$BATS_TEST_TMPDIR/in"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 40 ]
	awk -F'\t' -v OFS='\t' '{ printf "%d", NF
		for (i = 1; i <= NF && i <= 32; i++) printf "\t%s", $i
		print "" }' "$BATS_TEST_TMPDIR/in" > "$BATS_TEST_TMPDIR/want"
	[ "$output" = "$(cat "$BATS_TEST_TMPDIR/want")" ]
}

@test "tsv: a backslash escape in any field, at any byte of an eight-byte word" {
	# each line: n fields, one of them with an escape at offset o
	awk 'BEGIN { for (n = 1; n <= 12; n++) for (e = 1; e <= n; e++)
		for (o = 0; o < 9; o++) {
			s = ""
			for (i = 1; i <= n; i++) {
				f = substr("abcdefghijklmnop", 1, (i * 5 + n) % 11)
				if (i == e)
					f = substr("xxxxxxxxx", 1, o) "\\t\\n\\\\" f
				s = s (i > 1 ? "\t" : "") f
			}
			print s
		} }' > "$BATS_TEST_TMPDIR/in"
	run "$GIP_LIBTEST" tsv < "$BATS_TEST_TMPDIR/in"
	[ "$status" -eq 0 ]
	# the escapes come back as they went in (written escaped again)
	awk -F'\t' '{ print NF "\t" $0 }' "$BATS_TEST_TMPDIR/in" > "$BATS_TEST_TMPDIR/want"
	[ "$output" = "$(cat "$BATS_TEST_TMPDIR/want")" ]
	[ "${#lines[@]}" -eq 702 ]
}

@test "reader: lines longer than the read buffer, empty lines, a last line without a newline" {
	awk 'BEGIN { for (i = 0; i < 12; i++) {
		n = i * 23456 % 200000
		s = sprintf("%d:", i)
		while (length(s) < n)
			s = s "0123456789abcdef"
		print substr(s, 1, n > 0 ? n : 0)
		if (i % 4 == 0)
			print ""
	} printf "last" }' > "$BATS_TEST_TMPDIR/in"
	run "$GIP_LIBTEST" tsv < "$BATS_TEST_TMPDIR/in"
	[ "$status" -eq 0 ]
	awk '{ print "1\t" $0 }' "$BATS_TEST_TMPDIR/in" > "$BATS_TEST_TMPDIR/want"
	[ "$output" = "$(cat "$BATS_TEST_TMPDIR/want")" ]
	run "$GIP_LIBTEST" tsv < /dev/null
	[ "$output" = "" ]
}

@test "htab: every entry found once, through colliding hashes (0 among them) and many growths" {
	for n in 1 200 100000; do
		run "$GIP_LIBTEST" htab $n
		[ "$status" -eq 0 ]
		# n entries, at most 3/4 full
		[ "${lines[0]%% *}" -eq $n ]
		[ $((4 * n)) -le $((3 * ${lines[0]#* })) ]
	done
}

@test "spill: blocks of 0 to 70000 bytes read back right, between writes, in an unlinked file" {
	run env TMPDIR="$BATS_TEST_TMPDIR" "$GIP_LIBTEST" spill 500
	[ "$status" -eq 0 ]
	[ "$output" -gt 10000000 ]
	# the temporary file is gone
	[ -z "$(ls "$BATS_TEST_TMPDIR")" ]
	run env TMPDIR=/nonexistent "$GIP_LIBTEST" spill 2
	[ "$status" -eq 2 ]
	[[ "$output" == *"/nonexistent/libtest."* ]]
}
