#!/usr/bin/env bats
# gip-tables on the shapes real reports take (../shared/realworld/ shows
# them; each fixture names the report it copies).  The real-* fixtures
# and their expected records are written by
# tests/fixtures/tables/mkreal.py from the truth tables, never from
# gip-tables; only the table records (t2, t3, t4) are compared.

load helpers

TF="$FIXTURES/tables"
REAL="$REPO/../shared/realworld"

# real_fixture NAME: the table records of NAME.txt are NAME.tsv
real_fixture() {
	cd "$TF"
	run --separate-stderr gip-tables "$1.txt"
	diff -u "$1.tsv" <(printf '%s\n' "$output" | awk -F'\t' '$5 ~ /^t[234]$/')
}

@test "tables-real: pipe rows without a leading pipe, trailing filler (002, 020)" {
	real_fixture real-pipe-rows
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
}

@test "tables-real: one cell a line ending in ' |', filler lines, blank cells (006, 016)" {
	real_fixture real-cell-pipe
	[ "$status" -eq 0 ]
}

@test "tables-real: one cell a paragraph, numbers indented, 2019 template (009)" {
	real_fixture real-cell-para
	[ "$status" -eq 0 ]
}

@test "tables-real: table 四's header one character a line, labels with typos" {
	real_fixture real-vertical
	[ "$status" -eq 0 ]
}

@test "tables-real: a page break in table 三: page number and header again" {
	real_fixture real-pipe-break
	[ "$status" -eq 0 ]
}

@test "tables-real: a table cut off by the end of the text: truncated, not unreadable" {
	real_fixture real-pipe-cut
	[ "$status" -eq 1 ]
	# one diagnostic for the cut, not one a row
	[ "$(printf '%s\n' "$stderr" | grep -c truncated)" -eq 1 ]
	[[ "$stderr" == *"real-pipe-cut.txt:18: error: t3 deny_case"* ]]
}

@test "tables-real: an excerpt that ends inside a number: that cell's row is truncated" {
	# 行政许可 | 1234 cut to "12", table 三's 8 cut to "8" or not: unknown
	head -10 "$TF/real-pipe-rows.txt" >"$BATS_TEST_TMPDIR/a.txt"
	printf '行政许可 | 12' >>"$BATS_TEST_TMPDIR/a.txt"
	run --separate-stderr gip-tables "$BATS_TEST_TMPDIR/a.txt"
	[ "$status" -eq 1 ]
	[ "$(cell t2 license decisions)" = " missing truncated" ]
	[ "$(cell t2 norm valid)" = "42 num 42" ]
	# a 总计 of 10 cut to "1" no longer adds up
	head -23 "$TF/real-pipe-rows.txt" >"$BATS_TEST_TMPDIR/b.txt"
	printf '二、上年结转政府信息公开申请数量 | 6 | 1 | 0 | 0 | 3 | 0 | 1' >>"$BATS_TEST_TMPDIR/b.txt"
	run --separate-stderr gip-tables "$BATS_TEST_TMPDIR/b.txt"
	[ "$(cell t3 carry_in total)" = " missing truncated" ]
	[ "$(cell t3 new total)" = "75 num 75" ]
	# a closing pipe says the cell is whole (gip-check says it is wrong)
	printf ' |' >>"$BATS_TEST_TMPDIR/b.txt"
	run --separate-stderr gip-tables "$BATS_TEST_TMPDIR/b.txt"
	[ "$(cell t3 carry_in total)" = "1 num 1" ]
	# a 总计 that adds up vouches for itself
	head -23 "$TF/real-pipe-rows.txt" >"$BATS_TEST_TMPDIR/b.txt"
	printf '二、上年结转政府信息公开申请数量 | 6 | 1 | 0 | 0 | 1 | 0 | 8' >>"$BATS_TEST_TMPDIR/b.txt"
	run --separate-stderr gip-tables "$BATS_TEST_TMPDIR/b.txt"
	[ "$(cell t3 carry_in total)" = "8 num 8" ]
	# glued cells: the run the text ends in
	awk '{ i = index($0, "行政许可2629"); if (i) { print substr($0, 1, i - 1) "行政许可26"; exit } print }' \
	    "$TF/real-glued.txt" >"$BATS_TEST_TMPDIR/c.txt"
	run --separate-stderr gip-tables "$BATS_TEST_TMPDIR/c.txt"
	[ "$(cell t2 license decisions)" = " missing truncated" ]
	[ "$(cell t2 reg made)" = "0 num 0" ]
}

@test "tables-real: cells glued together read where the sums leave one reading (flat105)" {
	real_fixture real-glued
	[ "$status" -eq 1 ]
	# 行政规范性文件 77132470 has many readings: missing, never a guess
	[[ "$stderr" == *"t2 norm (行政规范性文件): ambiguous"* ]]
	cd "$TF"
	grep -q "	t2	norm	made		missing	ambiguous	" real-glued.tsv
	# table 三's rows with two readings are settled by the 总计 row
	grep -q "	t3	open	natural	21	num	" real-glued.tsv
}

@test "tables-real: a whole report on one line, cells apart by spaces (030)" {
	real_fixture real-oneline
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
}

@test "tables-real: a whole report on one line, cells apart by ' | '" {
	real_fixture real-oneline-pipe
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
}

@test "tables-real: numbers in sentences are not taken for glued cells" {
	{
		printf '依据《条例》第二十条第（一）项的规定，本机关主动公开规章2、行政规范性文件3、'
		printf '行政许可15，行政处罚8起，行政强制3%%，行政事业性收费2023年停止征收；'
		printf '申请人情况：自然人1,2人。本年新收政府信息公开申请数量12，较上年增长。'
		printf '%s\n' "$(printf '这是一个很长的句子，%.0s' $(seq 30))"
	} >"$BATS_TEST_TMPDIR/prose.txt"
	run --separate-stderr gip-tables "$BATS_TEST_TMPDIR/prose.txt"
	[ "$(printf '%s\n' "$output" | awk -F'\t' '$5 ~ /^t[234]$/ && $9 == "num"' | wc -l)" -eq 0 ]
}

@test "tables-real: a run glued too long to try every cut is ambiguous, quickly" {
	{
		printf '四、政府信息公开行政复议、行政诉讼情况 行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计'
		printf '未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计'
		printf '123456789112345678911234567891五、存在的主要问题及改进情况。%s\n' \
		    "$(printf '这是一个很长的句子，%.0s' $(seq 40))"
	} >"$BATS_TEST_TMPDIR/long.txt"
	run --separate-stderr timeout 10 gip-tables "$BATS_TEST_TMPDIR/long.txt"
	[ "$status" -eq 1 ]
	[ "$(printf '%s\n' "$output" | awk -F'\t' '$5 == "t4" && $9 == "missing" && $10 == "ambiguous"' | wc -l)" -eq 15 ]
	[ "$(printf '%s\n' "$output" | awk -F'\t' '$5 != "doc" && $9 == "num"' | wc -l)" -eq 0 ]
}

@test "tables-real: an HTML page exported from Word: <p>/<span>, spacer cells, blank 总计" {
	command -v gip-normalize >/dev/null || skip "gip-normalize not built"
	run --separate-stderr sh -c 'gip-normalize "$1" | gip-tables | cut -f5-10' sh "$TF/real-word.html"
	[ "$status" -eq 0 ]
	diff -u "$TF/real-word.cells" <(printf '%s\n' "$output" | awk -F'\t' '$1 ~ /^t[234]$/')
}

@test "tables-real: a 2019 table 二 from Word: label cells spanning two columns, spacer cells, split headers" {
	# written by hand (real-word19.cells read off the HTML by hand)
	command -v gip-normalize >/dev/null || skip "gip-normalize not built"
	run --separate-stderr sh -c 'gip-normalize "$1" | gip-tables | cut -f5-10' sh "$TF/real-word19.html"
	diff -u "$TF/real-word19.cells" <(printf '%s\n' "$output" | awk -F'\t' '$1 ~ /^t[234]$/')
}

@test "tables-real: a mirror site's traditional characters and pinyin read as the original (018)" {
	command -v gip-normalize >/dev/null || skip "gip-normalize not built"
	cd "$TF"
	run sh -c 'gip-normalize real-mirror.txt | gip-tables | cut -f5-10'
	mirror=$output
	run sh -c 'gip-normalize real-pipe-rows.txt | gip-tables | cut -f5-10'
	[ "$mirror" = "$output" ]
	[ "$(printf '%s\n' "$output" | awk -F'\t' '$5 == "num"' | wc -l)" -ge 190 ]
}

# The sixteen real reports of ../shared/realworld/ and their gold.
realworld() {
	[ -d "$REAL/docs" ] || skip "no ../shared/realworld here"
	gip-normalize "$REAL"/docs/* 2>/dev/null | gip-sections 2>/dev/null |
	    gip-tables 2>/dev/null | awk -F'\t' -v OFS='\t' \
	    '{ n = split($1, p, "/"); print p[n], $5, $6, $7, $8, $9 }' \
	    >"$BATS_TEST_TMPDIR/got.tsv"
}

@test "tables-real: every gold cell of tables 二, 三 and 四 of the real reports is read" {
	realworld
	# gold: doc table row col value; a number wants num, '/' na, blank blank
	run awk -F'\t' 'NR == FNR { got[$1 FS $2 FS $3 FS $4] = $6 FS $5; next }
	    FNR > 1 && $2 ~ /^t[234]$/ {
		k = $1 FS $2 FS $3 FS $4
		want = $5 == "blank" ? "blank" FS : ($5 == "/" ? "na" FS : "num" FS $5)
		n++
		if (got[k] != want) { print "miss", k, want, got[k]; bad++ }
	    } END { print n " cells, " bad + 0 " missed" }' "$BATS_TEST_TMPDIR/got.tsv" "$REAL/gold.tsv"
	printf '%s\n' "$output"
	[ "${lines[${#lines[@]}-1]}" = "353 cells, 0 missed" ]
}

@test "tables-real: no number read from the real reports differs from the gold" {
	realworld
	run awk -F'\t' 'NR == FNR { if (FNR > 1) gold[$1 FS $2 FS $3 FS $4] = $5; next }
	    $6 == "num" && ($1 FS $2 FS $3 FS $4) in gold {
		n++
		g = gold[$1 FS $2 FS $3 FS $4]
		if (g + 0 != $5 + 0 || g !~ /^[0-9.]+$/) { print "WRONG", $0, g; bad++ }
	    } END { print n + 0 " numbers, " bad + 0 " wrong" }' "$REAL/gold.tsv" "$BATS_TEST_TMPDIR/got.tsv"
	printf '%s\n' "$output"
	[[ "${lines[${#lines[@]}-1]}" == *" numbers, 0 wrong" ]]
	[ "${lines[${#lines[@]}-1]%% *}" -ge 320 ]
}

@test "tables-real: every excerpt cut anywhere reads no wrong number" {
	# each 29th cut of each real-shaped fixture and real report: a cell
	# the text ends in is missing (truncated), never a number cut short
	cd "$TF"
	set -- real-pipe-rows real-cell-pipe real-cell-para real-vertical real-glued \
	    real-oneline real-pipe-break pdf-layout markdown html-spans t2019 \
	    subtotal dup-spans tsv-shifted space-wrapped cell-per-line
	args=
	for f; do args="$args $f.txt=$f.tsv"; done
	if [ -d "$REAL/docs" ]; then
		for f in 002 006 009 016 020 026 flat105; do
			args="$args $REAL/docs/$f.txt=$REAL/gold.tsv#$f.txt"
		done
	fi
	run python3 prefixtest.py 29 "$GIP_BIN" $args
	printf '%s\n' "$output" | tail -5
	[ "$status" -eq 0 ]
	[[ "${lines[${#lines[@]}-1]}" == *" numbers, 0 wrong" ]]
}

@test "tables-real: pdftotext without -layout (a column at a time): no wrong number" {
	command -v pdftotext >/dev/null || skip "no pdftotext (poppler-utils)"
	command -v gip-normalize >/dev/null || skip "gip-normalize not built"
	# the office fixtures' PDFs; their truth is report.cells
	for pdf in report report-web; do
		pdftotext "$FIXTURES/normalize/$pdf.pdf" - | gip-normalize | gip-sections 2>/dev/null |
		    gip-tables 2>/dev/null | awk -F'\t' '$5 ~ /^t[234]$/ && $9 == "num"' |
		    cut -f5-8 >"$BATS_TEST_TMPDIR/$pdf.cells"
		run awk -F'\t' 'NR == FNR { t[$1 FS $2 FS $3] = $4; next }
		    { n++ } t[$1 FS $2 FS $3] != $4 { print "WRONG", $0, t[$1 FS $2 FS $3]; bad++ }
		    END { print n + 0 " numbers, " bad + 0 " wrong" }' \
		    "$FIXTURES/normalize/report.cells" "$BATS_TEST_TMPDIR/$pdf.cells"
		printf '%s: %s\n' "$pdf" "$output"
		[[ "${lines[${#lines[@]}-1]}" == *" numbers, 0 wrong" ]]
	done
}

@test "tables-real: page numbers, footers and stray lines among a table's lines: no wrong number" {
	cd "$TF"
	run python3 junktest.py "$GIP_BIN/gip-tables" 11 400
	printf '%s\n' "$output" | tail -5
	[ "$status" -eq 0 ]
	[ "${lines[${#lines[@]}-1]}" = "400 documents, 0 wrong" ]
}
