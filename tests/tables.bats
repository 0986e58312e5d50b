#!/usr/bin/env bats
# gip-tables: every layout fixture against its hand-made expected
# records (tests/fixtures/tables/mkfixtures.py writes both from truth
# tables), the seeds' known numbers, the output forms, and the edge cases.

load helpers

TF="$FIXTURES/tables"

# the fixtures' .tsv hold the cells and facts; the doc status records
# every document ends with are tested on their own below
fixture() {
	cd "$TF"
	run --separate-stderr gip-tables "$1.txt"
	diff -u "$1.tsv" <(printf '%s\n' "$output" | awk -F'\t' '$5 != "doc"')
}

@test "tables: usage matches --help and the man page" {
	run gip-tables --help
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "usage: gip-tables [-Hjvw] [file ...]" ]
	syn=$(mandoc -T ascii "$REPO/man/gip-tables.1" | sed 's/.\x08//g' | sed -n '/^SYNOPSIS/{n;p;}' | sed 's/^ *//')
	[ "$syn" = "gip-tables [-Hjvw] [file ...]" ]
	run gip-tables --version
	[ "$status" -eq 0 ]
	[[ "$output" == "gip-tables "* ]]
}

@test "tables: bad option and conflicting options exit 2 with usage" {
	run --separate-stderr gip-tables -x
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"usage: gip-tables"* ]]
	run --separate-stderr gip-tables --json --wide "$TF/tsv-shifted.txt"
	[ "$status" -eq 2 ]
	[ -z "$output" ]
}

@test "tables: tab-separated rows shifted left and right" {
	fixture tsv-shifted
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
}

@test "tables: full-width digits and thousands separators" {
	fixture fullwidth
	[ "$status" -eq 0 ]
	[ "$(cell t2 license decisions)" = "1234 num １,２３４" ]
	[ "$(cell t2 norm valid)" = "1042 num 1,042" ]
}

@test "tables: space-separated, labels wrapped, numbers on a later line" {
	fixture space-wrapped
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
}

@test "tables: markdown pipes, ragged rows, <br> in headers" {
	fixture markdown
	[ "$status" -eq 0 ]
}

@test "tables: HTML rows with spans expanded; blank and marks kept apart" {
	fixture html-spans
	[ "$status" -eq 0 ]
	[ "$(cell t3 open natural)" = "21 num 21" ]
	[ "$(cell t3 open total)" = " blank " ]
	[ "$(cell t3 deny_case commercial)" = " na -" ]
	[ "$(cell t3 ignore_mass natural)" = " na 无" ]
	[ "$(cell t2 norm made)" = " na —" ]
	[ "$(cell t2 coercion decisions)" = " na /" ]
	[ "$(cell t2 fee amount)" = "0 num 0" ]
	[ "$(cell t4 review keep)" = " blank " ]
	[ "$(cell t4 review correct)" = "1 num 1" ]
}

@test "tables: one cell per line" {
	fixture cell-per-line
	[ "$status" -eq 0 ]
}

@test "tables: pdftotext -layout: footers, vertical labels, page break" {
	fixture pdf-layout
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[ "$(cell t3 other_nocorrect commercial)" = "1 num 1" ]
}

@test "tables: 2019 template: 22 cells, signed deltas, amounts in 元" {
	fixture t2019
	[ "$status" -eq 0 ]
	[ "$(cell t2 license delta)" = "4 num +4" ]
	[ "$(cell t2 othersvc delta)" = "-3 num -3" ]
	[ "$(cell t2 procure amount)" = "251000 num 251000元" ]
	[ "$(cell t3 other total)" = "4 num 4" ]
	[ "$(printf '%s\n' "$output" | cut -f4 | sort -u)" = "2019" ]
	[ "$(printf '%s\n' "$output" | awk -F'\t' '$5 == "t2"' | wc -l)" -eq 22 ]
	[ "$(printf '%s\n' "$output" | awk -F'\t' '$5 == "t3"' | wc -l)" -eq 161 ]
}

@test "tables: framed stream: meta frames, a broken row, the next document" {
	fixture framed
	[ "$status" -eq 1 ]
	[ "$stderr" = "gip-tables: b.html:135: error: t3 deny_law (2.其他法律行政法规禁止公开): too few values: 6 of 7 values" ]
	# 200 cells and 4 doc status records each
	[ "$(printf '%s\n' "$output" | cut -f1 | sort | uniq -c | awk '{print $1}' | tr '\n' ' ')" = "204 204 " ]
}

@test "tables: narrative facts, strict patterns, only for the standard templates" {
	fixture narrative
	[ "$status" -eq 0 ]
}

@test "tables: a long prose line of repeated keys and digits: no hang, no limit" {
	# 20000 times 行政复议1件 (not about disclosure), 无行政诉讼 (a number
	# in its clause), 收到 with no 申请, 行政许可 with no unit, 结转:
	# once a rescan of the sentence each (minutes); the patterns are
	# possessive, so PCRE2's match limit is never reached either
	f=$BATS_TEST_TMPDIR/long.txt
	printf '\036doc\tlong\n\036meta\ttemplate\t2021\n一、总体情况\n' >"$f"
	awk 'BEGIN { for (i = 0; i < 20000; i++)
		printf "行政复议1件无行政诉讼收到公开文件行政许可1结转"
		print "。全年因政府信息公开被申请行政复议3件。" }' >>"$f"
	start=$SECONDS
	run --separate-stderr timeout 60 gip-tables "$f"
	[ "$status" -eq 0 ]
	[ $((SECONDS - start)) -le 5 ]
	if [ -n "$stderr" ]; then
		# had a pattern hit the limit: said once, and nothing taken
		[ "$stderr" = "gip-tables: long:2: warning: prose pattern match limit reached; no fact taken from this line" ]
		[ "$(printf '%s\n' "$output" | awk -F'\t' '$5 == "narr"' | wc -l)" -eq 0 ]
	else
		[ "$(printf '%s\n' "$output" | awk -F'\t' '$5 != "doc"' | cut -f5-11)" = "$(printf 'narr\treview\ttotal\t3\tnum\t行政复议3件\t2')" ]
	fi
}

@test "tables: prose with bytes that are not UTF-8" {
	f=$BATS_TEST_TMPDIR/bad.txt
	printf '\036doc\tbad\n\036meta\ttemplate\t2021\n' >"$f"
	printf '本年度\377行政许可\3775个，行政处罚\3003起，行政强制3次。\n' >>"$f"
	printf '未收到\377\300政府信息公开申请。\n' >>"$f"
	run --separate-stderr gip-tables "$f"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[ "$(printf '%s\n' "$output" | awk -F'\t' '$5 != "doc"' | cut -f5-11)" = "$(printf 'narr\tcoercion\tdecisions\t3\tnum\t行政强制3次\t1\nnarr\tnew\ttotal\t0\tnum\t未收到\357\277\275\357\277\275政府信息公开申请\t2')" ]
}

@test "tables: non-standard tables are not taken for standard ones" {
	cd "$TF"
	run --separate-stderr gip-tables nonstandard.txt "$SEEDS"/004_*.txt
	[ "$status" -eq 0 ]
	[ -z "$(printf '%s\n' "$output" | awk -F'\t' '$5 ~ /^t[234]$/')" ]
	[ -z "$stderr" ]
	# each says so in its doc record; the prose still gives its facts
	[ "$(printf '%s\n' "$output" | awk -F'\t' '$5 == "doc" && $6 == "tables" { print $8 " " $10 }' | paste -sd ,)" = "0 excerpt,0 no table" ]
	[ "$(cell narr new total | sort -u)" = "0 num 未收到公民要求政府信息公开的相关申请" ]
}

@test "tables: seed 000: 行政许可 425, 行政处罚 34, prose facts" {
	run --separate-stderr gip-tables "$SEEDS"/000_*.txt
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[ "$(cell t2 license decisions)" = "425 num 425" ]
	[ "$(cell t2 penalty decisions)" = "34 num 34" ]
	[ "$(cell narr license decisions)" = "425 num 行政许可425个" ]
	[ "$(cell narr penalty decisions)" = "34 num 行政处罚案件34起" ]
	[ "$(cell narr new total)" = "0 num 未接到依申请公开文件申请" ]
	# every other cell reads 0 as written
	[ "$(printf '%s\n' "$output" | awk -F'\t' '$5 != "narr" && $5 != "doc" && !($8 == "0" && $9 == "num" && $10 == "0")' | wc -l)" -eq 2 ]
	[ "$(printf '%s\n' "$output" | awk -F'\t' '$6 == "other_misc" && $7 == "natural" {print $11}')" = 86 ]
	[ "$(printf '%s\n' "$output" | awk -F'\t' '$6 == "total" && $7 == "natural" {print $11}')" = 88 ]
}

@test "tables: seed 001: the table says 5 and 5, the prose 500 and 18" {
	run --separate-stderr gip-tables "$SEEDS"/001_*.txt
	[ "$status" -eq 0 ]
	[ "$(cell t2 license decisions)" = "5 num 5" ]
	[ "$(cell t2 penalty decisions)" = "5 num 5" ]
	[ "$(cell narr license decisions)" = "500 num 行政许可500家" ]
	[ "$(cell narr penalty decisions)" = "18 num 行政处罚18家" ]
	[ "$(printf '%s\n' "$output" | awk -F'\t' '$6 == "other_nocorrect" && $7 == "natural" {print $11}')" = 145 ]
	[ "$(printf '%s\n' "$output" | awk -F'\t' '$5 == "t3" && $9 == "num"' | wc -l)" -eq 175 ]
	[ "$(printf '%s\n' "$output" | awk -F'\t' '$5 == "t4" && $9 == "num"' | wc -l)" -eq 15 ]
}

@test "tables: seed 002: 605, 93, 2 and no applications" {
	run --separate-stderr gip-tables "$SEEDS"/002_*.txt
	[ "$status" -eq 0 ]
	[ "$(cell t2 license decisions)" = "605 num 605" ]
	[ "$(cell t2 penalty decisions)" = "93 num 93" ]
	[ "$(cell t2 coercion decisions)" = "2 num 2" ]
	[ "$(cell narr new total)" = "0 num 未收到政府信息公开申请" ]
	[ "$(printf '%s\n' "$output" | awk -F'\t' '$6 == "other_misc" && $7 == "total" {print $8 $9 $11}')" = "0num81" ]
	[ "$(printf '%s\n' "$output" | awk -F'\t' '$6 == "total" && $7 == "total" {print $8 $9 $11}')" = "0num82" ]
}

@test "tables: seed 003: markdown, 136 and 6" {
	run --separate-stderr gip-tables "$SEEDS"/003_*.txt
	[ "$status" -eq 0 ]
	[ "$(cell t2 license decisions)" = "136 num 136" ]
	[ "$(cell t2 penalty decisions)" = "6 num 6" ]
	[ "$(printf '%s\n' "$output" | awk -F'\t' '$5 ~ /^t[234]$/' | wc -l)" -eq 200 ]
	[ "$(printf '%s\n' "$output" | awk -F'\t' '$5 == "narr"' | wc -l)" -eq 0 ]
}

@test "tables: the statistics period stated in the prose" {
	# period LINE: the narr period record of LINE put before seed 002's
	# text, as "value status raw line"
	period() {
		{ printf '%s\n' "$1"; cat "$SEEDS"/002_*.txt; } > "$BATS_TEST_TMPDIR/p.txt"
		gip-tables "$BATS_TEST_TMPDIR/p.txt" | awk -F'\t' '$5 == "narr" && $6 == "period" && $7 == "year" { print $8 " " $9 " " $10 " " $11 }'
	}
	[ "$(period '本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。')" = "2022 year 统计期限自2022年1月1日起至2022年12月31日止 1" ]
	[ "$(period '统计期限为2022年1月1日至12月31日。')" = "2022 year 统计期限为2022年1月1日至12月31日 1" ]
	[ "$(period '所列政府信息公开数据统计期限为 2018 年 1 月 1 日至 2018 年 12 月 31 日。')" = "2018 year 统计期限为 2018 年 1 月 1 日至 2018 年 12 月 31 日 1" ]
	[ "$(period '本报告中所列数据统计时段为2022年1月至12月。')" = "2022 year 统计时段为2022年1月至12月 1" ]
	[ "$(period '本报告统计时间为2022年度，数据来源于各科室。')" = "2022 year 统计时间为2022年度 1" ]
	[ "$(period '统计期限为２０２１年１月１日—２０２１年１２月３１日。')" = "2021 year 统计期限为２０２１年１月１日—２０２１年１２月３１日 1" ]
	# not within one calendar year: the phrase as text, no value
	[ "$(period '数据统计期限为2021年7月1日至2022年6月30日。')" = " text 统计期限为2021年7月1日至2022年6月30日 1" ]
	[ "$(period '统计期间为2022年7月1日至6月30日。')" = " text 统计期间为2022年7月1日至6月30日 1" ]
	# no period: a cut-off date, a year alone, no 统计
	[ -z "$(period '统计时间截至2022年12月31日。')" ]
	[ -z "$(period '统计期限为2022年。')" ]
	[ -z "$(period '本报告数据自2022年1月1日至2022年12月31日。')" ]
	# the first statement is kept
	[ "$(period '统计期限为2022年度。统计期限为2021年度。')" = "2022 year 统计期限为2022年度 1" ]
	# a pre-2019 report states its facts too (seed 004)
	run gip-tables "$SEEDS"/004_*.txt
	[ "$(cell narr period year)" = "2018 year 统计期限为 2018 年 1 月 1 日至 2018 年 12 月 31 日" ]
}

@test "tables: the publication date of the meta frame, in every form" {
	f=$BATS_TEST_TMPDIR/pub.txt
	{ printf '\036doc\tp\n\036meta\tyear\t2021\n\036meta\ttemplate\t2021\n\036meta\tpublished\t2022-01-10\n'; cat "$SEEDS"/003_*.txt; } > "$f"
	run --separate-stderr gip-tables "$f"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | awk -F'\t' '$5 == "narr"' | cut -f5-11)" = "$(printf 'narr\tpublished\tdate\t\tdate\t2022-01-10\t')" ]
	run gip-tables --json "$f"
	[ "$(printf '%s\n' "$output" | jq -c '.tables.narr')" = '{"published":{"date":{"value":null,"status":"date","raw":"2022-01-10","line":null}}}' ]
	run gip-tables --wide "$f"
	col=$(printf '%s\n' "${lines[0]}" | tr '\t' '\n' | grep -nx 'narr.published.date' | cut -d: -f1)
	[ "$(printf '%s\n' "${lines[1]}" | cut -f"$col")" = 2022-01-10 ]
	col=$(printf '%s\n' "${lines[0]}" | tr '\t' '\n' | grep -nx 'narr.period.year' | cut -d: -f1)
	[ -n "$col" ]
	[ -z "$(printf '%s\n' "${lines[1]}" | cut -f"$col")" ]
	# not YYYY-MM-DD: no fact
	sed -i 's/2022-01-10/2022-1-10/' "$f"
	run gip-tables "$f"
	[ -z "$(printf '%s\n' "$output" | awk -F'\t' '$5 == "narr"')" ]
	# and the period in JSON and wide form
	run gip-tables --json "$SEEDS"/000_*.txt
	[ "$(printf '%s\n' "$output" | jq -c '.tables.narr.period.year')" = '{"value":2022,"status":"year","raw":"统计期限从 2022 年 1 月 1 日到 2022 年 12 月 31 日止","line":5}' ]
	run gip-tables --wide "$SEEDS"/000_*.txt
	[ "$(printf '%s\n' "${lines[1]}" | cut -f"$col")" = 2022 ]
}

@test "tables: --header, --json, --wide" {
	cd "$TF"
	run gip-tables --header tsv-shifted.txt
	[ "${lines[0]}" = "$(printf 'doc\tagency\tyear\ttemplate\ttable\trow\tcol\tvalue\tstatus\traw\tline')" ]
	run --separate-stderr gip-tables --json framed.txt html-spans.txt
	[ "${#lines[@]}" -eq 3 ]
	[ "$(printf '%s\n' "${lines[0]}" | jq -c '[.doc, .agency, .year, .template, .tables.t3.new.natural]')" = '["a.html","某某市某某局","2022","2021",{"value":57,"status":"num","raw":"57","line":30}]' ]
	[ "$(printf '%s\n' "${lines[1]}" | jq -c '.tables.t3.deny_law.natural')" = '{"value":null,"status":"missing","raw":"too few values: 6 of 7 values","line":135}' ]
	[ "$(printf '%s\n' "${lines[1]}" | jq -r '.agency')" = null ]
	[ "$(printf '%s\n' "${lines[2]}" | jq -c '[.tables.t3.open.total.status, .tables.t2.fee.amount.value, .tables.t4.after.total.value]')" = '["blank",0,2]' ]
	[ "$(printf '%s\n' "${lines[2]}" | jq '[.tables | del(.doc) | .[] | .[] | .[]] | length')" -eq 200 ]
	[ "$(printf '%s\n' "${lines[2]}" | jq -c '.tables.doc.tables.found')" = '{"value":3,"status":"num","raw":"t2 t3 t4","line":null}' ]
	run --separate-stderr gip-tables --wide framed.txt t2019.txt
	[ "${#lines[@]}" -eq 4 ]
	n=$(printf '%s\n' "${lines[0]}" | awk -F'\t' '{print NF}')
	for i in 1 2 3; do
		[ "$(printf '%s\n' "${lines[$i]}" | awk -F'\t' '{print NF}')" -eq "$n" ]
	done
	col=$(printf '%s\n' "${lines[0]}" | tr '\t' '\n' | grep -nx 't3.deny_law.natural' | cut -d: -f1)
	[ "$(printf '%s\n' "${lines[1]}" | cut -f"$col")" = 2 ]
	[ "$(printf '%s\n' "${lines[2]}" | cut -f"$col")" = "?" ]
	col=$(printf '%s\n' "${lines[0]}" | tr '\t' '\n' | grep -nx 't2.procure.amount' | cut -d: -f1)
	[ "$(printf '%s\n' "${lines[3]}" | cut -f"$col")" = 251000 ]
}

@test "tables: ambiguous spacer cells without a header are not guessed" {
	printf '一、本年新收政府信息公开申请数量\t\t5\t0\t0\t0\t0\t5\t\n' >"$BATS_TEST_TMPDIR/a.txt"
	printf '二、上年结转政府信息公开申请数量\t\t1\t0\t0\t0\t0\t0\t1\n' >>"$BATS_TEST_TMPDIR/a.txt"
	printf '三、本年度办理结果\t(一)予以公开\t6\t0\t0\t0\t0\t0\t6\n' >>"$BATS_TEST_TMPDIR/a.txt"
	printf '\t(二)部分公开\t0\t0\t0\t0\t0\t0\t0\n' >>"$BATS_TEST_TMPDIR/a.txt"
	run --separate-stderr gip-tables "$BATS_TEST_TMPDIR/a.txt"
	[ "$status" -eq 1 ]
	[ "$(cell t3 new natural)" = " missing blank cells that cannot be placed" ]
	[ "$(cell t3 carry_in natural)" = "1 num 1" ]
	[ "$(cell t3 open total)" = "6 num 6" ]
	[[ "$stderr" == *"a.txt:1: error: t3 new"* ]]
	[[ "$stderr" == *"t3 deny_secret (1.属于国家秘密): truncated"* ]]
}

@test "tables: a row left all blank in a TSV table" {
	awk 'BEGIN{OFS=FS="\t"} /^\t\t3\.要求提供公开出版物/ {print "\t\t3.要求提供公开出版物\t\t\t\t\t\t\t"; next} {print}' \
	    "$TF/t2019.txt" >"$BATS_TEST_TMPDIR/b.txt"
	run --separate-stderr gip-tables "$BATS_TEST_TMPDIR/b.txt"
	[ "$status" -eq 0 ]
	[ "$(cell t3 ignore_pub natural)" = " blank " ]
	[ "$(cell t3 ignore_pub total)" = " blank " ]
	[ "$(cell t3 ignore_mass natural)" = "0 num 0" ]
}

@test "tables: edge cases: empty input, CRLF, no final newline, NUL, long line" {
	run --separate-stderr gip-tables </dev/null
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	sed 's/$/\r/' "$TF/tsv-shifted.txt" | head -c -1 >"$BATS_TEST_TMPDIR/crlf.txt"
	run --separate-stderr gip-tables "$BATS_TEST_TMPDIR/crlf.txt"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | awk -F'\t' '$5 != "doc"' | cut -f5- | cut -f1-5)" = "$(cut -f5- "$TF/tsv-shifted.tsv" | cut -f1-5)" ]
	{ printf 'a\0b\n'; head -c 2000000 /dev/zero | tr '\0' 'x'; printf '\n'; cat "$TF/markdown.txt"; } >"$BATS_TEST_TMPDIR/odd.txt"
	run --separate-stderr gip-tables "$BATS_TEST_TMPDIR/odd.txt"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | awk -F'\t' '$5 == "t3" && $9 == "num"' | wc -l)" -eq 175 ]
	printf '\xff\xfe\x80 行政许可\t\xc0\xaf\n' | gip-tables >/dev/null
}

@test "tables: stdin is named -, a missing file does not stop the others" {
	run --separate-stderr gip-tables - <"$TF/markdown.txt"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | cut -f1 | sort -u)" = "-" ]
	cd "$TF"
	run --separate-stderr gip-tables nonexistent.txt markdown.txt
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"nonexistent.txt"* ]]
	[ "$(printf '%s\n' "$output" | wc -l)" -eq 204 ]
}

@test "tables: write errors exit 2, a closed pipe ends quietly" {
	run gip-tables "$TF/tsv-shifted.txt" >/dev/full
	run sh -c 'gip-tables "$1" >/dev/full' sh "$TF/tsv-shifted.txt"
	[ "$status" -eq 2 ]
	run sh -c 'gip-tables "$1" "$1" "$1" | head -1' sh "$TF/tsv-shifted.txt"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 1 ]
}

@test "tables: the pipeline gives the same cells as plain text" {
	command -v gip-normalize >/dev/null && command -v gip-sections >/dev/null || skip "gip-normalize or gip-sections not built"
	for f in "$SEEDS"/00[0-3]_*.txt "$TF"/tsv-shifted.txt "$TF"/pdf-layout.txt; do
		# only the pipeline knows the publication date (meta frame)
		a=$(gip-normalize "$f" | gip-sections 2>/dev/null | gip-tables | awk -F'\t' '$5 != "narr" || $6 != "published"' | cut -f5-9,11)
		b=$(gip-tables "$f" | cut -f5-9,11)
		[ "$a" = "$b" ]
	done
	run sh -c 'gip-normalize "$1" | gip-sections | gip-tables' sh "$SEEDS"/000_*.txt
	[ "$(printf '%s\n' "${lines[0]}" | cut -f1-4)" = "$(printf '%s\t惠农区卫生健康局\t2022\t2021' "$SEEDS"/000_*.txt)" ]
	# pre-2019: no table, the prose facts and the doc records
	run sh -c 'gip-normalize "$1" | gip-sections | gip-tables' sh "$SEEDS"/004_*.txt
	[ -z "$(printf '%s\n' "$output" | awk -F'\t' '$5 ~ /^t[234]$/')" ]
	[ "$(printf '%s\n' "$output" | awk -F'\t' '$5 == "doc"' | cut -f4-10 | paste -sd '|')" = "$(printf 'pre2019\tdoc\ttables\tfound\t0\tnum\tno table|pre2019\tdoc\tcells\tread\t0\tnum\t|pre2019\tdoc\tnarr\tfacts\t2\tnum\t|pre2019\tdoc\ttemplate\tbasis\t\ttext\tyear')" ]
}

@test "tables: table 四 five values a line, transposed, and one value short" {
	fixture t4-variants
	[ "$status" -eq 1 ]
	[ "$stderr" = "gip-tables: short:2: error: t4: too few values: 14 of 15 values" ]
}

@test "tables: pdftotext -layout with blank cells read by their columns" {
	fixture pdf-blank
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[ "$(cell t3 deny_law total)" = " blank " ]
	[ "$(cell t3 ignore_pub natural)" = " blank " ]
	[ "$(cell t3 ignore_pub commercial)" = "0 num 0" ]
	# a value between two columns is not placed
	sed 's/^\(    3.要求提供公开出版物 *\)     0/\1  0/' "$TF/pdf-blank.txt" >"$BATS_TEST_TMPDIR/p.txt"
	run --separate-stderr gip-tables "$BATS_TEST_TMPDIR/p.txt"
	[ "$status" -eq 1 ]
	[ "$(cell t3 ignore_pub natural)" = " missing too few values: 5 of 7 values" ]
}

@test "tables: traditional script (a Big5 mirror of seed 001) reads the same" {
	command -v gip-normalize >/dev/null || skip "gip-normalize not built"
	a=$(gip-normalize "$REPO"/examples/variants/001.big5.txt | gip-tables | awk -F'\t' '$5 != "narr"' | cut -f5-9)
	b=$(gip-tables "$SEEDS"/001_*.txt | awk -F'\t' '$5 != "narr"' | cut -f5-9)
	[ -n "$a" ]
	[ "$a" = "$b" ]
}

@test "tables: an HTML page as [SH19] through gip-normalize: spans, blank 总计" {
	command -v gip-normalize >/dev/null || skip "gip-normalize not built"
	run --separate-stderr sh -c 'gip-normalize "$1" | gip-tables | awk -F"\t" "\$5 != \"doc\"" | cut -f5-10' sh "$TF/sh19.html"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	diff -u "$TF/sh19.cells" <(printf '%s\n' "$output")
}

@test "tables: spanned cells repeated in every position they cover" {
	fixture dup-spans
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
}

@test "tables: an extra 小计 column is dropped, and must add up" {
	fixture subtotal
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	sed 's/^\(一、本年新收政府信息公开申请数量\t\t\t57\t8\t2\t1\t3\t4\t\)18/\119/' \
	    "$TF/subtotal.txt" >"$BATS_TEST_TMPDIR/s.txt"
	run --separate-stderr gip-tables "$BATS_TEST_TMPDIR/s.txt"
	[ "$status" -eq 1 ]
	[ "$(cell t3 new total)" = " missing the 小计 column does not add up" ]
	[ "$(cell t3 carry_in total)" = "8 num 8" ]
}

@test "tables: random tables in every layout: missing maybe, wrong never" {
	command -v python3 >/dev/null || skip "python3 not installed"
	cd "$BATS_TEST_TMPDIR"
	run python3 "$TF/proptest.py" "$(command -v gip-tables)" 7 150
	[ "$status" -eq 0 ]
	[[ "${lines[${#lines[@]}-1]}" == "wrong 0 missing "*" docs 150" ]]
}

@test "tables: --labels beside the keys in records, JSON and wide; --csv and --bom for spreadsheets" {
	f="$SEEDS"/000_6152f4f472c67e79.txt
	run gip-tables -H --labels "$f"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$(printf 'doc\tagency\tyear\ttemplate\ttable\trow\tcol\tvalue\tstatus\traw\tline\trow_label\tcol_label')" ]
	# the labels of lib/schema.c, by template; a fact has its cell's
	[ "$(printf '%s\n' "$output" | awk -F'\t' '$5 == "t3" && $6 == "open" && $7 == "legal"' | cut -f 8,12,13)" = "$(printf '0\t（一）予以公开\t法律服务机构')" ]
	[ "$(printf '%s\n' "$output" | awk -F'\t' '$5 == "narr" && $6 == "license"' | cut -f 12,13)" = "$(printf '行政许可\t本年处理决定数量')" ]
	[ "$(printf '%s\n' "$output" | awk -F'\t' '$5 == "narr" && $6 == "period"' | cut -f 12,13)" = "$(printf '\t')" ]
	# every record has the two columns; without --labels, the eleven
	[ "$(printf '%s\n' "$output" | awk -F'\t' 'NF != 13' | wc -l)" -eq 0 ]
	[ "$(gip-tables "$f" | awk -F'\t' 'NF != 11' | wc -l)" -eq 0 ]
	run gip-tables --json --labels "$f"
	[ "$(printf '%s\n' "$output" | jq -c '.tables.t3.new.total | [.row_label, .col_label]')" = '["一、本年新收政府信息公开申请数量","总计"]' ]
	[ "$(printf '%s\n' "$output" | jq -c '.tables.narr.period.year.row_label')" = null ]
	# wide: two more header lines, then one line per document
	run gip-tables -w --labels "$f"
	[ "${#lines[@]}" -eq 4 ]
	[ "$(printf '%s\n' "${lines[1]}" | cut -f 1-5)" = "$(printf 'row_label\t\t\t\t规章')" ]
	[ "$(printf '%s\n' "${lines[2]}" | cut -f 1,5)" = "$(printf 'col_label\t本年制发件数')" ]
	[ "$(printf '%s\n' "${lines[0]}" | awk -F'\t' '{ print NF }')" = "$(printf '%s\n' "${lines[1]}" | awk -F'\t' '{ print NF }')" ]
	# CSV (RFC 4180): commas, quotes doubled, CRLF; read back by a CSV reader
	printf '\036doc\ta,"b".txt\n' > "$BATS_TEST_TMPDIR/q.txt"
	cat "$f" >> "$BATS_TEST_TMPDIR/q.txt"
	gip-tables -w --csv --bom "$BATS_TEST_TMPDIR/q.txt" > "$BATS_TEST_TMPDIR/q.csv"
	[ "$(head -c 3 "$BATS_TEST_TMPDIR/q.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ]
	[ "$(sed -n 2p "$BATS_TEST_TMPDIR/q.csv" | cut -c 1-12)" = '"a,""b"".txt' ]
	[ "$(awk 'END { print NR }' "$BATS_TEST_TMPDIR/q.csv")" -eq 2 ]
	[ "$(grep -c $'\r$' "$BATS_TEST_TMPDIR/q.csv")" -eq 2 ]
	# the same cells as the TSV, field by field (no field of this
	# report holds a comma but the name)
	[ "$(tail -1 "$BATS_TEST_TMPDIR/q.csv" | tr -d '\r' | sed 's/^"a,""b"".txt"//' | tr , '\t')" = "$(gip-tables -w "$BATS_TEST_TMPDIR/q.txt" | tail -1 | sed 's/^a,"b".txt//')" ]
	# not with records or JSON
	run --separate-stderr gip-tables --csv "$f"
	[ "$status" -eq 2 ]
	run --separate-stderr gip-tables -j --bom "$f"
	[ "$status" -eq 2 ]
}

# filler N: N bytes of lines of x (1,000 bytes a line, newlines counted)
filler() {
	awk -v n="$1" 'BEGIN {
		x = "x"; while (length(x) < 1000) x = x x
		while (n > 0) { k = n > 1000 ? 1000 : n; print substr(x, 1, k - 1); n -= k }
	}'
}

@test "tables: a document is read up to 8 MiB, the rest skipped with one warning" {
	seed="$SEEDS/000_6152f4f472c67e79.txt"
	f="$BATS_TEST_TMPDIR/long.txt"
	# filler, then the seed with its final newline: 8 MiB exactly
	{ filler $(( 8388608 - $(wc -c < "$seed") - 1 )); cat "$seed"; echo; } > "$f"
	[ "$(wc -c < "$f")" -eq 8388608 ]
	n=$(wc -l < "$f")
	gip-tables "$seed" | awk -F'\t' '$5 ~ /^t/' | cut -f 5-10 > "$BATS_TEST_TMPDIR/want"
	[ "$(wc -l < "$BATS_TEST_TMPDIR/want")" -eq 200 ]
	run --separate-stderr gip-tables "$f"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	diff "$BATS_TEST_TMPDIR/want" <(printf '%s\n' "$output" | awk -F'\t' '$5 ~ /^t/' | cut -f 5-10)
	# its first record is on the seed's line 45, after the filler
	[ "$(printf '%s\n' "${lines[0]}" | cut -f 11)" -eq $(( n - 114 + 45 )) ]
	# a byte more: the last line no longer fits, and is the one named
	{ printf x; cat "$f"; } > "$f.2"
	run --separate-stderr gip-tables "$f.2"
	[ "$status" -eq 0 ]
	[ "$stderr" = "gip-tables: $f.2:$n: warning: document longer than 8 MiB: its tables and facts read from the text before this line" ]
	diff "$BATS_TEST_TMPDIR/want" <(printf '%s\n' "$output" | awk -F'\t' '$5 ~ /^t/' | cut -f 5-10)
	# the tables after the limit are not read: the document has none
	# (the filler, 8,389 lines, fills it)
	{ filler 8388608; cat "$seed"; } | gip-tables > "$BATS_TEST_TMPDIR/out" 2> "$BATS_TEST_TMPDIR/err"
	[ "$(awk -F'\t' '$5 ~ /^t/' "$BATS_TEST_TMPDIR/out" | wc -l)" -eq 0 ]
	[ "$(awk -F'\t' '$5 == "doc" && $6 == "tables" { print $8 }' "$BATS_TEST_TMPDIR/out")" = 0 ]
	[ "$(cat "$BATS_TEST_TMPDIR/err")" = "gip-tables: <stdin>:8390: warning: document longer than 8 MiB: its tables and facts read from the text before this line" ]
	# the next document of a stream is read whole again
	{ printf '\036doc\tbig\n'; filler 9000000; printf '\036doc\tsmall\n'; cat "$seed"; echo; } > "$f"
	run --separate-stderr gip-tables "$f"
	[ "$status" -eq 0 ]
	[ "$stderr" = "gip-tables: big:8389: warning: document longer than 8 MiB: its tables and facts read from the text before this line" ]
	diff <(gip-tables "$seed" | cut -f 5-11) <(printf '%s\n' "$output" | awk -F'\t' '$1 == "small"' | cut -f 5-11)
}
