#!/usr/bin/env bats
# gip-check: each rule triggered and not triggered, the input forms,
# the options and the edge cases.  Fixtures in tests/fixtures/check are
# hand-made gip-tables records; good.tsv is one consistent 2021 report
# (its sums are worked out in tests/fixtures/check/README), and every
# other file breaks one thing in a copy of it.

load helpers

setup() {
	F="$FIXTURES/check"
	export SOURCE_DATE_EPOCH=1767225600	# 2026-01-01
}

# fields 2,3,4,5,6,7,8 (rule .. actual) of every finding
keys() {
	cut -f 2-8
}

@test "consistent 2021 and 2019 reports: no finding, exit 0, quiet" {
	run --separate-stderr gip-check "$F/good.tsv" "$F/good2019.tsv"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ -z "$stderr" ]
}

@test "JSON Lines input gives the same result as TSV" {
	run --separate-stderr gip-check "$F/good.jsonl"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ -z "$stderr" ]
	# and a broken cell is found in JSON too
	jq -c '.tables.t4.review.total.value = 6' "$F/good.jsonl" > "$BATS_TEST_TMPDIR/t4.jsonl"
	run gip-check "$BATS_TEST_TMPDIR/t4.jsonl"
	[ "$status" -eq 1 ]
	[ "$(printf '%s\n' "$output" | keys)" = "$(printf 't4-total\terror\tt4\treview\ttotal\t5\t6')" ]
}

@test "t3-balance: per column, with the Chinese labels" {
	run gip-check "$F/balance.tsv"
	[ "$status" -eq 1 ]
	[ "${#lines[@]}" -eq 2 ]
	[ "$(printf '%s\n' "${lines[0]}" | keys)" = "$(printf 't3-balance\terror\tt3\tnew+carry_in=total+carry_out\tnatural\t43\t44')" ]
	[ "$(printf '%s\n' "${lines[1]}" | cut -f 6-8)" = "$(printf 'total\t53\t54')" ]
	[[ "${lines[0]}" == *"自然人: 一、本年新收政府信息公开申请数量 (40) + 二、上年结转政府信息公开申请数量 (3) = 43, but 三、本年度办理结果（七）总计 (41) + 四、结转下年度继续办理 (3) = 44"* ]]
	[ "$(printf '%s\n' "${lines[0]}" | cut -f 1,10)" = "$(printf 'balance.txt\t93')" ]
}

@test "t3-rows: a request filed in the wrong column (totals still agree)" {
	run gip-check "$F/rows.tsv"
	[ "$status" -eq 1 ]
	[ "$(printf '%s\n' "$output" | keys)" = "$(printf 't3-rows\terror\tt3\topen\ttotal\t25\t24\nt3-rows\terror\tt3\tunable_nohold\ttotal\t7\t8')" ]
	[[ "${lines[1]}" == *"三、本年度办理结果（四）无法提供 1.本机关不掌握相关政府信息: 自然人 (5) + "*", but 总计 (8)"* ]]
}

@test "t3-outcome: (七)总计 against the twenty outcome rows" {
	run gip-check "$F/outcome.tsv"
	[ "$status" -eq 1 ]
	[ "$(printf '%s\n' "$output" | keys)" = "$(printf 't3-outcome\terror\tt3\ttotal\tnatural\t42\t41\nt3-outcome\terror\tt3\ttotal\ttotal\t51\t50')" ]
	[[ "${lines[0]}" == *"（六）其他处理1–3 = 42, but 三、本年度办理结果（七）总计 (41)"* ]]
}

@test "t3-outcome: the 2019 template's single (六)其他处理 row" {
	awk -F'\t' -v OFS='\t' '$5 == "t3" && $6 == "other" && $7 == "natural" { $8 = 2; $10 = 2 } { print }' \
	    "$F/good2019.tsv" > "$BATS_TEST_TMPDIR/o19.tsv"
	run gip-check -r t3-outcome "$BATS_TEST_TMPDIR/o19.tsv"
	[ "$status" -eq 1 ]
	[ "$(printf '%s\n' "$output" | keys)" = "$(printf 't3-outcome\terror\tt3\ttotal\tnatural\t42\t41')" ]
	[[ "$output" == *"（五）不予处理1–5 + （六）其他处理 = 42"* ]]
}

@test "t4-total: 行政复议 总计" {
	run gip-check "$F/t4.tsv"
	[ "$status" -eq 1 ]
	[ "$output" = "$(printf 't4.txt\tt4-total\terror\tt4\treview\ttotal\t5\t6\t行政复议: 结果维持 (3) + 结果纠正 (1) + 其他结果 (0) + 尚未审结 (1) = 5, but 总计 (6)\t103')" ]
}

@test "t4-total: the two 行政诉讼 groups" {
	awk -F'\t' -v OFS='\t' '$5 == "t4" && ($6 == "direct" || $6 == "after") && $7 == "keep" { $8 += 1; $10 = $8 } { print }' \
	    "$F/good.tsv" > "$BATS_TEST_TMPDIR/lit.tsv"
	run gip-check "$BATS_TEST_TMPDIR/lit.tsv"
	[ "$status" -eq 1 ]
	[ "$(printf '%s\n' "$output" | cut -f 5,7,8)" = "$(printf 'direct\t4\t3\nafter\t3\t2')" ]
	[[ "${lines[0]}" == *"行政诉讼 未经复议直接起诉: 结果维持 (3)"* ]]
}

@test "value: negative, fractional, too many decimals are errors; blank, na, text warnings" {
	run gip-check -r value "$F/value.tsv"
	[ "$status" -eq 1 ]
	[ "$(printf '%s\n' "$output" | cut -f 3,5,6,8)" = "$(printf '%s\n' \
	    "warning	reg	made	若干" \
	    "error	reg	valid	1,2" \
	    "error	norm	valid	2.5" \
	    "warning	license	decisions	—" \
	    "error	penalty	decisions	-3" \
	    "warning	coercion	decisions	" \
	    "error	fee	amount	12.50631")" ]
	[[ "$output" == *"第二十条第（六）项 行政处罚 / 本年处理决定数量: negative value: “-3”"* ]]
}

@test "value: fee decimals, 2019 signed 本年增/减 and money are fine" {
	run gip-check -r value "$F/good.tsv" "$F/good2019.tsv"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	grep -q '	delta	-2	num' "$F/good2019.tsv"
	grep -q '	amount	12.5063	num' "$F/good.tsv"
}

@test "value: warnings alone exit 0; -W error hides them" {
	awk -F'\t' -v OFS='\t' '$5 == "t2" && $6 == "coercion" { $8 = ""; $9 = "blank"; $10 = "" } { print }' \
	    "$F/good.tsv" > "$BATS_TEST_TMPDIR/w.tsv"
	run gip-check "$BATS_TEST_TMPDIR/w.tsv"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | cut -f 2,3,5)" = "$(printf 'value\twarning\tcoercion')" ]
	run gip-check -W error "$BATS_TEST_TMPDIR/w.tsv"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

@test "not assessable: a '/' operand is a warning once per sum, never 0" {
	run gip-check "$F/notassess.tsv"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | cut -f 2-6)" = "$(printf '%s\n' \
	    "value	warning	t3	new	natural" \
	    "t3-balance	warning	t3	new+carry_in=total+carry_out	natural" \
	    "t3-rows	warning	t3	new	total")" ]
	[[ "${lines[1]}" == *"自然人: not assessable: 一、本年新收政府信息公开申请数量 / 自然人 is “/” (not applicable)"* ]]
}

@test "complete: missing table, absent cell, unreadable cell" {
	run gip-check -r complete "$F/complete.tsv"
	[ "$status" -eq 1 ]
	[ "$(printf '%s\n' "$output" | cut -f 3-8,10)" = "$(printf '%s\n' \
	    "error	t4			15 cells	0 cells	" \
	    "error	t2	fee	amount		no number in the cell	58" \
	    "error	t3	ignore_mass	legal			88")" ]
	[[ "${lines[0]}" == *"表四 政府信息公开行政复议、行政诉讼情况 is missing (the 2021 template requires it)"* ]]
}

@test "complete: an unreadable table and an unreadable row are one finding each" {
	run gip-check -r complete "$F/unread.tsv"
	[ "$status" -eq 1 ]
	[ "$(printf '%s\n' "$output" | cut -f 3-8,10)" = "$(printf '%s\n' \
	    "error	t4			15 cells	0 cells	103" \
	    "error	t3	deny_case		7 cells	0 cells	80")" ]
	[[ "${lines[0]}" == *"表四 政府信息公开行政复议、行政诉讼情况 could not be read: 行政复议 / 结果维持 is unreadable (header not found)"* ]]
	[[ "${lines[1]}" == *"三、本年度办理结果（三）不予公开 7.属于行政执法案卷: row not read: unreadable (row not found)"* ]]
	# table 四's sums are not attempted; table 三's say which cell stops them
	run gip-check -r t4-total,t3-outcome "$F/unread.tsv"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | cut -f 2 | sort -u)" = "t3-outcome" ]
}

@test "complete: a 2019 cell in a 2021 report is a warning; pre2019 needs no tables" {
	printf 'x.txt\tA\t2022\t2021\tt3\tother\tnatural\t1\tnum\t1\t80\n' > "$BATS_TEST_TMPDIR/x.tsv"
	tail -n +2 "$F/good.tsv" | sed 's/^wsjk-2022.txt/x.txt/; s/\t某区卫生健康委员会\t/\tA\t/' >> "$BATS_TEST_TMPDIR/x.tsv"
	run gip-check -r complete "$BATS_TEST_TMPDIR/x.tsv"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | cut -f 3-6)" = "$(printf 'warning\tt3\tother\tnatural')" ]
	echo '{"doc":"old.txt","agency":"A","year":"2015","template":"pre2019","tables":{}}' > "$BATS_TEST_TMPDIR/old.jsonl"
	run gip-check "$BATS_TEST_TMPDIR/old.jsonl"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

@test "narrative: seed 001's 行政许可500家 and 行政处罚18家 against 5 and 5" {
	run gip-check "$F/narr.tsv"
	[ "$status" -eq 1 ]
	[ "$(printf '%s\n' "$output" | cut -f 2-8,10)" = "$(printf '%s\n' \
	    "narrative	error	t2	penalty	decisions	5	18	17" \
	    "narrative	error	t2	license	decisions	5	500	17")" ]
	[[ "${lines[1]}" == *"the text says 第二十条第（五）项 行政许可 / 本年处理决定数量 is 500 (“行政许可500家”), but the table says 5 (line 49)"* ]]
}

@test "narrative: 行政诉讼 against the two litigation totals; a blank cell is a warning" {
	{
		cat "$F/good.tsv"
		printf 'wsjk-2022.txt\tA\t2022\t2021\tnarr\tlitigation\ttotal\t5\tnum\t行政诉讼5件\t20\n'
		printf 'wsjk-2022.txt\tA\t2022\t2021\tnarr\tlitigation\ttotal\t7\tnum\t行政诉讼案件7件\t21\n'
	} > "$BATS_TEST_TMPDIR/lit.tsv"
	run gip-check "$BATS_TEST_TMPDIR/lit.tsv"
	[ "$status" -eq 1 ]
	[ "$(printf '%s\n' "$output" | cut -f 2-8,10)" = "$(printf 'narrative\terror\tt4\tdirect+after\ttotal\t5\t7\t21')" ]
	[[ "$output" == *"the text says 行政诉讼 未经复议直接起诉 / 总计 + 行政诉讼 复议后起诉 / 总计 is 7 (“行政诉讼案件7件”), but the table says 3 + 2 = 5 (line 103)"* ]]
	awk -F'\t' -v OFS='\t' '$6 == "license" && $5 == "t2" { $8 = ""; $9 = "blank"; $10 = "" } { print }' "$F/good.tsv" > "$BATS_TEST_TMPDIR/b.tsv"
	run gip-check -r narrative "$BATS_TEST_TMPDIR/b.tsv"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | cut -f 2,3,5,8)" = "$(printf 'narrative\twarning\tlicense\t1258')" ]
	[[ "$output" == *"but the table cell is blank (line 49)"* ]]
}

@test "narrative: agreeing facts and facts about no cell are quiet" {
	grep -c '	narr	' "$F/good.tsv"
	printf 'wsjk-2022.txt\t某区卫生健康委员会\t2022\t2021\tnarr\tsomething\telse\t7\tnum\t7件\t9\n' > "$BATS_TEST_TMPDIR/n.tsv"
	run gip-check "$F/good.tsv" "$BATS_TEST_TMPDIR/n.tsv"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

@test "continuity: 上年结转 against last year's 结转下年度, per column" {
	run gip-check "$F/prev.tsv" "$F/good.tsv"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | cut -f 1-8,10)" = "$(printf '%s\n' \
	    "wsjk-2022.txt	continuity	warning	t3	carry_in	natural	2	3	71" \
	    "wsjk-2022.txt	continuity	warning	t3	carry_in	legal	1	0	71")" ]
	[[ "${lines[0]}" == *"二、上年结转政府信息公开申请数量 / 自然人 (3) differs from 四、结转下年度继续办理 / 自然人 (2) of the 2021 report wsjk-2021.txt (line 94)"* ]]
	# the order of the documents does not matter
	run gip-check "$F/good.tsv" "$F/prev.tsv"
	[ "${#lines[@]}" -eq 2 ]
}

@test "continuity: matching years, other agencies and gaps are quiet" {
	run gip-check "$F/prevok.tsv" "$F/good.tsv"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	sed 's/某区卫生健康委员会/另一个委员会/' "$F/prev.tsv" > "$BATS_TEST_TMPDIR/other.tsv"
	run gip-check "$BATS_TEST_TMPDIR/other.tsv" "$F/good.tsv"
	[ -z "$output" ]
	sed 's/\t2021\t2021\t/\t2020\t2021\t/' "$F/prev.tsv" > "$BATS_TEST_TMPDIR/gap.tsv"
	run gip-check -r continuity "$BATS_TEST_TMPDIR/gap.tsv" "$F/good.tsv"
	[ -z "$output" ]
}

@test "year: template against year, range, unknown" {
	run gip-check "$F/year.tsv"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | cut -f 2,3,7,8)" = "$(printf 'year\twarning\t2021..\t2019')" ]
	[[ "$output" == *"predates the 2021 template"* ]]
	sed 's/\t2019\t2021\t/\t2031\t2021\t/' "$F/year.tsv" > "$BATS_TEST_TMPDIR/y.tsv"
	run gip-check -r year "$BATS_TEST_TMPDIR/y.tsv"
	[ "$(printf '%s\n' "$output" | cut -f 7,8)" = "$(printf '2008..2027\t2031')" ]
	sed 's/\t2019\t2021\t/\t\t2021\t/' "$F/year.tsv" > "$BATS_TEST_TMPDIR/y.tsv"
	run gip-check -r year "$BATS_TEST_TMPDIR/y.tsv"
	[[ "$output" == *"the report year is unknown"* ]]
	run gip-check -r year "$F/good.tsv" "$F/good2019.tsv"
	[ -z "$output" ]
}

@test "year: publication date from a JSON document" {
	jq -c '.published = "2022-06-30"' "$F/good.jsonl" > "$BATS_TEST_TMPDIR/p.jsonl"
	run gip-check -r year "$BATS_TEST_TMPDIR/p.jsonl"
	[ "$status" -eq 0 ]
	[[ "$output" == *"published 2022-06-30, before the reported year 2022 ended"* ]]
	jq -c '.published = "2023-01-20"' "$F/good.jsonl" > "$BATS_TEST_TMPDIR/p.jsonl"
	run gip-check -r year "$BATS_TEST_TMPDIR/p.jsonl"
	[ -z "$output" ]
}

# narr ROW COL VALUE STATUS RAW LINE [AGENCY]: a prose fact of good.tsv's
# document, appended to a copy of it in $BATS_TEST_TMPDIR/n.tsv
narr() {
	cp "$F/good.tsv" "$BATS_TEST_TMPDIR/n.tsv"
	printf 'wsjk-2022.txt\t%s\t2022\t2021\tnarr\t%s\t%s\t%s\t%s\t%s\t%s\n' \
	    "${7:-某区卫生健康委员会}" "$1" "$2" "$3" "$4" "$5" "$6" >> "$BATS_TEST_TMPDIR/n.tsv"
	if [ -n "$7" ]; then
		sed -i "s/某区卫生健康委员会/$7/" "$BATS_TEST_TMPDIR/n.tsv"
	fi
}

@test "year: the statistics period the text states against the year" {
	narr period year 2022 num '统计期限为2022年1月1日至2022年12月31日' 5
	run --separate-stderr gip-check "$BATS_TEST_TMPDIR/n.tsv"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ -z "$stderr" ]
	# last year's period copied into this year's report
	narr period year 2021 num '统计期限为2021年1月1日至2021年12月31日' 5
	run --separate-stderr gip-check "$BATS_TEST_TMPDIR/n.tsv"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | keys)" = "$(printf 'year\twarning\tnarr\tperiod\tyear\t2022\t2021')" ]
	[ "$(printf '%s\n' "$output" | cut -f9,10)" = "$(printf 'the text states the statistics period of 2021 (“统计期限为2021年1月1日至2021年12月31日”), but the report year is 2022: one of them is wrong\t5')" ]
	run gip-check -R year "$BATS_TEST_TMPDIR/n.tsv"
	[ -z "$output" ]
	# across two calendar years: the year is not confirmed
	narr period year '' text '统计期限为2021年7月1日至2022年6月30日' 7
	run gip-check "$BATS_TEST_TMPDIR/n.tsv"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | keys)" = "$(printf 'year\twarning\tnarr\tperiod\tyear\t2022\t统计期限为2021年7月1日至2022年6月30日')" ]
	[[ "$output" == *"is not within one calendar year; the report year 2022 is not confirmed"* ]]
	# the period is no cell: not compared by the narrative rule
	narr period year 2021 num '统计期限为2021年度' 5
	run gip-check -r narrative,complete,value "$BATS_TEST_TMPDIR/n.tsv"
	[ -z "$output" ]
}

@test "year: the publication date against the year and the deadline" {
	# pub DATE [AGENCY]: the year findings as "expected actual message"
	pub() {
		narr published date '' text "$1" '' "$2"
		gip-check -r year "$BATS_TEST_TMPDIR/n.tsv" | cut -f4-9
	}
	[ -z "$(pub 2023-01-20)" ]
	[ -z "$(pub 2023-01-31)" ]
	[ "$(pub 2023-02-01)" = "$(printf "narr\tpublished\tdate\t2023-01-01..2023-01-31\t2023-02-01\tpublished 2023-02-01, after 2023-01-31, the deadline for a department's report (条例 第四十九条)")" ]
	# a people's government's consolidated report: 31 March
	[ -z "$(pub 2023-03-31 某区人民政府)" ]
	[ "$(pub 2023-04-01 某区人民政府 | cut -f4-)" = "$(printf "2023-01-01..2023-03-31\t2023-04-01\tpublished 2023-04-01, after 2023-03-31, the deadline for a people's government's report (条例 第四十九条)")" ]
	[ "$(pub 2022-12-31 | cut -f6)" = "published 2022-12-31, before the reported year 2022 ended" ]
	[[ "$(pub 2024-03-31)" == *"after 2023-01-31, the deadline"* ]]
	[ "$(pub 2024-04-01 | cut -f6)" = "published 2024-04-01, more than 15 months after the reported year 2022 ended: the year may be wrong" ]
	# not a date: nothing to compare
	[ -z "$(pub 2024-13-01)" ]
	# warnings only
	narr published date '' text 2023-02-01 ''
	run gip-check "$BATS_TEST_TMPDIR/n.tsv"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 1 ]
	# the same fact in a JSON document
	jq -c '.tables.narr.published.date = {"value":null,"status":"text","raw":"2023-02-01","line":null}' "$F/good.jsonl" > "$BATS_TEST_TMPDIR/p.jsonl"
	[ "$(gip-check "$BATS_TEST_TMPDIR/p.jsonl" | cut -f2-)" = "$(gip-check "$BATS_TEST_TMPDIR/n.tsv" | cut -f2-)" ]
	# before 2019 (the 2008 条例): 31 March for every agency
	printf 'old.txt\t某局\t2015\tpre2019\tnarr\tpublished\tdate\t\ttext\t2016-03-31\t\n' > "$BATS_TEST_TMPDIR/o.tsv"
	run gip-check "$BATS_TEST_TMPDIR/o.tsv"
	[ -z "$output" ]
	sed -i 's/2016-03-31/2016-04-05/' "$BATS_TEST_TMPDIR/o.tsv"
	run gip-check "$BATS_TEST_TMPDIR/o.tsv"
	[ "$(printf '%s\n' "$output" | cut -f9)" = "published 2016-04-05, after 2016-03-31, the deadline (2008 条例, 第三十一条)" ]
}

@test "interleaved documents give the same findings as contiguous ones" {
	cat "$F/balance.tsv" "$F/t4.tsv" "$F/good2019.tsv" > "$BATS_TEST_TMPDIR/seq.tsv"
	paste -d '\n' "$F/balance.tsv" "$F/t4.tsv" "$F/good2019.tsv" | grep -v '^$' > "$BATS_TEST_TMPDIR/mix.tsv"
	[ "$(wc -l < "$BATS_TEST_TMPDIR/mix.tsv")" -eq 602 ]
	gip-check "$BATS_TEST_TMPDIR/seq.tsv" | sort > "$BATS_TEST_TMPDIR/a" || true
	gip-check "$BATS_TEST_TMPDIR/mix.tsv" | sort > "$BATS_TEST_TMPDIR/b" || true
	[ "$(wc -l < "$BATS_TEST_TMPDIR/a")" -eq 3 ]
	cmp "$BATS_TEST_TMPDIR/a" "$BATS_TEST_TMPDIR/b"
	# contiguous input works with a window of one document
	run gip-check --window=1 "$BATS_TEST_TMPDIR/seq.tsv"
	[ "$status" -eq 1 ]
	[ "${#lines[@]}" -eq 3 ]
}

@test "a document seen again after it was checked: reported once, dropped, exit 2" {
	paste -d '\n' "$F/balance.tsv" "$F/t4.tsv" | grep -v '^$' > "$BATS_TEST_TMPDIR/mix.tsv"
	run --separate-stderr gip-check --window=1 "$BATS_TEST_TMPDIR/mix.tsv"
	[ "$status" -eq 2 ]
	[ "$(printf '%s\n' "$stderr" | grep -c 'records after the document was checked are dropped')" -eq 1 ]
	[[ "$stderr" == *"records of 1 documents dropped"* ]]
}

@test "--pass copies the input unchanged and writes findings to -o" {
	cat "$F/good.jsonl" "$F/t4.tsv" > "$BATS_TEST_TMPDIR/in"
	printf 'crlf.txt\tA\t2022\t2021\tt2\treg\tmade\t0\tnum\t0\t1\r\n' >> "$BATS_TEST_TMPDIR/in"
	run --separate-stderr gip-check --pass -o "$BATS_TEST_TMPDIR/findings.tsv" "$BATS_TEST_TMPDIR/in"
	[ "$status" -eq 1 ]
	[ "$output" = "$(cat "$BATS_TEST_TMPDIR/in")" ]
	gip-check -p -o "$BATS_TEST_TMPDIR/f2" < "$BATS_TEST_TMPDIR/in" | cmp - "$BATS_TEST_TMPDIR/in"
	grep -q '^t4.txt	t4-total	error' "$BATS_TEST_TMPDIR/findings.tsv"
	cmp "$BATS_TEST_TMPDIR/findings.tsv" "$BATS_TEST_TMPDIR/f2"
	ls -a "$BATS_TEST_TMPDIR" | { ! grep -q gip-check; }
}

@test "--pass without -o is a usage error" {
	run --separate-stderr gip-check -p "$F/good.tsv"
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	[[ "$stderr" == *"usage: gip-check"* ]]
	run --separate-stderr gip-check -p -o - "$F/good.tsv"
	[ "$status" -eq 2 ]
	[ -z "$output" ]
}

@test "--json: one valid object per finding, nulls for empty fields" {
	run gip-check --json "$F/complete.tsv" "$F/narr.tsv"
	[ "$status" -eq 1 ]
	printf '%s\n' "$output" | jq -e . > /dev/null
	[ "$(printf '%s\n' "$output" | jq -r 'select(.table == "t4") | [.rule, .severity, (.row == null), .expected, (.line == null)] | @tsv')" = "$(printf 'complete\terror\ttrue\t15 cells\ttrue')" ]
	[ "$(printf '%s\n' "$output" | jq -r 'select(.rule == "narrative") | .actual' | paste -sd ,)" = "18,500" ]
}

@test "--header writes the ten field names first" {
	run gip-check -H "$F/t4.tsv"
	[ "${lines[0]}" = "$(printf 'doc\trule\tseverity\ttable\trow\tcol\texpected\tactual\tmessage\tline')" ]
	[ "${#lines[@]}" -eq 2 ]
	run gip-check -H -j "$F/t4.tsv"
	[ "$status" -eq 2 ]
}

@test "-r and -R select and skip rules; unknown rule is a usage error" {
	cat "$F/balance.tsv" "$F/t4.tsv" "$F/narr.tsv" > "$BATS_TEST_TMPDIR/all.tsv"
	run gip-check -r t4-total,narrative "$BATS_TEST_TMPDIR/all.tsv"
	[ "$(printf '%s\n' "$output" | cut -f 2 | paste -sd ,)" = "t4-total,narrative,narrative" ]
	run gip-check -R t4-total,narrative "$BATS_TEST_TMPDIR/all.tsv"
	[ "$(printf '%s\n' "$output" | cut -f 2 | paste -sd ,)" = "t3-balance,t3-balance" ]
	run gip-check -R all "$BATS_TEST_TMPDIR/all.tsv"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	run --separate-stderr gip-check -r t3-nonsense "$F/good.tsv"
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"unknown rule: t3-nonsense"* ]]
}

@test "--summary counts per rule on stderr" {
	run --separate-stderr gip-check -s "$F/balance.tsv" "$F/notassess.tsv" "$F/good2019.tsv"
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"gip-check: summary: 3 documents, 602 records, errors 2, warnings 3"* ]]
	[[ "$stderr" == *"gip-check: summary: t3-balance: errors 2, warnings 1"* ]]
	[[ "$stderr" == *"gip-check: summary: t3-rows: errors 0, warnings 1"* ]]
}

@test "stdin, '-' and a file operand give the same output" {
	a=$(gip-check "$F/balance.tsv" || true)
	b=$(gip-check - < "$F/balance.tsv" || true)
	c=$(gip-check < "$F/balance.tsv" || true)
	[ -n "$a" ]
	[ "$a" = "$b" ]
	[ "$a" = "$c" ]
}

@test "CRLF, a BOM and no final newline change nothing" {
	{ printf '\357\273\277'; sed 's/$/\r/' "$F/t4.tsv"; } > "$BATS_TEST_TMPDIR/crlf.tsv"
	head -c -1 "$F/t4.tsv" > "$BATS_TEST_TMPDIR/nonl.tsv"
	a=$(gip-check "$F/t4.tsv" || true)
	[ "$(gip-check "$BATS_TEST_TMPDIR/crlf.tsv" || true)" = "$a" ]
	[ "$(gip-check "$BATS_TEST_TMPDIR/nonl.tsv" || true)" = "$a" ]
}

@test "empty input: no output, exit 0" {
	run --separate-stderr gip-check < /dev/null
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ -z "$stderr" ]
}

@test "a malformed line is reported with file and line, the rest is checked, exit 2" {
	{ head -3 "$F/t4.tsv"; printf 'only\tthree\tfields\n'; tail -n +4 "$F/t4.tsv"; } > "$BATS_TEST_TMPDIR/bad.tsv"
	run --separate-stderr gip-check "$BATS_TEST_TMPDIR/bad.tsv"
	[ "$status" -eq 2 ]
	[ "$stderr" = "gip-check: $BATS_TEST_TMPDIR/bad.tsv:4: error: not a record (11 columns expected, or a JSON object)" ]
	[ "$(printf '%s\n' "$output" | cut -f 2)" = "t4-total" ]
}

@test "malformed JSON: byte offset in the message, exit 2" {
	printf '{"doc":"a","tables":{"t3":{"new":{"natural":{"value":1,}}}}}\n' > "$BATS_TEST_TMPDIR/bad.jsonl"
	run --separate-stderr gip-check "$BATS_TEST_TMPDIR/bad.jsonl"
	[ "$status" -eq 2 ]
	[ "$stderr" = "gip-check: $BATS_TEST_TMPDIR/bad.jsonl:1: error: byte 56: expected a string key" ]
	printf '{"doc":"a","tables":{"t3":[1]}}\n{"doc":"b","agency":"\\ud800x"\n' > "$BATS_TEST_TMPDIR/bad.jsonl"
	run --separate-stderr gip-check "$BATS_TEST_TMPDIR/bad.jsonl"
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"bad.jsonl:1: error: tables.t3: not an object"* ]]
	[[ "$stderr" == *"bad.jsonl:2: error: byte 30: unexpected end of input in object"* ]]
}

@test "JSON: escapes, surrogate pairs and arrays of prose facts" {
	jq -c '.doc = "PLACEHOLDER" | .tables.narr = {"license": {"decisions": [{"value": 1258, "status": "num", "raw": "a", "line": 3}, {"value": 9, "status": "num", "raw": "b", "line": 4}]}}' \
	    "$F/good.jsonl" | sed 's/"PLACEHOLDER"/"d\\u00e9\\ud83d\\ude00\\t\\"x\\""/' > "$BATS_TEST_TMPDIR/e.jsonl"
	grep -qF '"doc":"d\u00e9\ud83d\ude00\t\"x\""' "$BATS_TEST_TMPDIR/e.jsonl"
	run gip-check -j "$BATS_TEST_TMPDIR/e.jsonl"
	[ "$status" -eq 1 ]
	[ "${#lines[@]}" -eq 1 ]
	[ "$(printf '%s\n' "$output" | jq -r '[.doc, .expected, .actual, .line] | @tsv')" = "$(printf 'd\303\251\360\237\230\200\\t"x"\t1258\t9\t4')" ]
}

@test "JSON: numbers kept as written, null values, nesting limit" {
	jq -c '.tables.t2.fee.amount.value = 12.50631 | .tables.t2.penalty.decisions.value = null | .tables.t2.penalty.decisions.status = "blank" | .tables.t2.penalty.decisions.raw = "" | .tables.t2.penalty.decisions.line = null' \
	    "$F/good.jsonl" > "$BATS_TEST_TMPDIR/n.jsonl"
	grep -q '"value":12.50631' "$BATS_TEST_TMPDIR/n.jsonl"
	run gip-check -r value "$BATS_TEST_TMPDIR/n.jsonl"
	[ "$status" -eq 1 ]
	[ "$(printf '%s\n' "$output" | cut -f 3,5,8,10)" = "$(printf 'warning\tpenalty\t\t\nerror\tfee\t12.50631\t58')" ]
	# 100000 nested arrays: a clean error, no crash
	{ printf '{"doc":"deep","tables":'; head -c 100000 /dev/zero | tr '\0' '['; echo; } > "$BATS_TEST_TMPDIR/deep.jsonl"
	run --separate-stderr gip-check "$BATS_TEST_TMPDIR/deep.jsonl"
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"deep.jsonl:1: error: byte 535: nesting deeper than 512"* ]]
}

@test "unknown status is an error; unknown cell a warning once per document" {
	sed '5s/\tnum\t/\tnumber\t/' "$F/good.tsv" > "$BATS_TEST_TMPDIR/s.tsv"
	run --separate-stderr gip-check "$BATS_TEST_TMPDIR/s.tsv"
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"s.tsv:5: error: unknown status \"number\""* ]]
	{ cat "$F/good.tsv"; printf 'wsjk-2022.txt\tx\t2022\t2021\tt3\tnew\tbogus\t1\tnum\t1\t1\n'; printf 'wsjk-2022.txt\tx\t2022\t2021\tt9\tnew\tbogus\t1\tnum\t1\t1\n'; } > "$BATS_TEST_TMPDIR/u.tsv"
	run --separate-stderr gip-check "$BATS_TEST_TMPDIR/u.tsv"
	[ "$status" -eq 0 ]
	[ "$stderr" = "gip-check: $BATS_TEST_TMPDIR/u.tsv:204: warning: wsjk-2022.txt: unknown cell t3/new/bogus ignored" ]
}

@test "two records disagreeing about one cell: a warning, the earliest line is used, whatever the order" {
	# both of line 103: the smaller value (5, which adds up) is kept
	{ cat "$F/good.tsv"; grep '	t4	review	total	' "$F/t4.tsv" | sed 's/^t4.txt/wsjk-2022.txt/'; } > "$BATS_TEST_TMPDIR/d.tsv"
	run gip-check "$BATS_TEST_TMPDIR/d.tsv"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | cut -f 2,3,5,6)" = "$(printf 'value\twarning\treview\ttotal')" ]
	# the 6 of an earlier line is kept, in either order: 3+1+0+1 is not 6
	d6=$(grep '	t4	review	total	' "$F/t4.tsv" | sed 's/^t4.txt/wsjk-2022.txt/; s/\t103$/\t102/')
	{ cat "$F/good.tsv"; printf '%s\n' "$d6"; } > "$BATS_TEST_TMPDIR/d.tsv"
	run gip-check "$BATS_TEST_TMPDIR/d.tsv"
	[ "$status" -eq 1 ]
	[ "$(printf '%s\n' "$output" | cut -f 2,3,5,6)" = "$(printf 'value\twarning\treview\ttotal\nt4-total\terror\treview\ttotal')" ]
	a=$output
	{ printf '%s\n' "$d6"; cat "$F/good.tsv"; } > "$BATS_TEST_TMPDIR/d.tsv"
	run gip-check "$BATS_TEST_TMPDIR/d.tsv"
	[ "$output" = "$a" ]
	# the same record twice is fine
	{ cat "$F/good.tsv"; tail -1 "$F/good.tsv"; } > "$BATS_TEST_TMPDIR/d.tsv"
	run gip-check "$BATS_TEST_TMPDIR/d.tsv"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

@test "a missing file among good ones: reported, the others checked, exit 1" {
	run --separate-stderr gip-check "$F/t4.tsv" "$BATS_TEST_TMPDIR/nope" "$F/balance.tsv"
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"nope: No such file or directory"* ]]
	[ "$(printf '%s\n' "$output" | cut -f 1 | sort -u | paste -sd ,)" = "balance.txt,t4.txt" ]
}

@test "bad option: usage on stderr, exit 2; --help and --version" {
	run --separate-stderr gip-check -x
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"usage: gip-check [-Hjps] [-o file] [-R rules] [-r rules] [-W level] [--any-order] [--window=ndocs] [file ...]"* ]]
	run gip-check --help
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "usage: gip-check [-Hjps] [-o file] [-R rules] [-r rules] [-W level] [--any-order] [--window=ndocs] [file ...]" ]
	run gip-check --version
	[ "$status" -eq 0 ]
	[[ "$output" == "gip-check "* ]]
	run gip-check -W fatal "$F/good.tsv"
	[ "$status" -eq 2 ]
}

@test "the usage line matches the man page SYNOPSIS" {
	command -v mandoc || skip "mandoc not installed"
	syn=$(mandoc -T ascii "$REPO/man/gip-check.1" | sed 's/.\x08//g' | sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' | sed '1d;$d' | tr -s ' \n' ' ' | sed 's/^ //; s/ $//')
	use=$(gip-check --help | head -1 | sed 's/^usage: //')
	[ "$syn" = "$use" ]
}

@test "write error: /dev/full gives exit 2; closed stdout too" {
	run bash -c 'gip-check "$1" > /dev/full' _ "$F/t4.tsv"
	[ "$status" -eq 2 ]
	[[ "$output" == *"write error"* ]]
	run bash -c 'gip-check -p -o /dev/null "$1" > /dev/full' _ "$F/t4.tsv"
	[ "$status" -eq 2 ]
	run bash -c 'gip-check "$1" >&-' _ "$F/t4.tsv"
	[ "$status" -eq 2 ]
}

@test "-o replaces the file atomically, and leaves it alone on trouble" {
	echo old > "$BATS_TEST_TMPDIR/out"
	run gip-check -o "$BATS_TEST_TMPDIR/out" "$F/t4.tsv"
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "$(cut -f 2 "$BATS_TEST_TMPDIR/out")" = "t4-total" ]
	run gip-check -o "$BATS_TEST_TMPDIR/nodir/out" "$F/t4.tsv"
	[ "$status" -eq 2 ]
	# not a regular file: written in place, never replaced
	run gip-check -o /dev/null "$F/t4.tsv"
	[ "$status" -eq 1 ]
	[ -c /dev/null ]
	mkfifo "$BATS_TEST_TMPDIR/fifo"
	cat "$BATS_TEST_TMPDIR/fifo" > "$BATS_TEST_TMPDIR/fromfifo" &
	run gip-check -o "$BATS_TEST_TMPDIR/fifo" "$F/t4.tsv"
	wait
	[ "$status" -eq 1 ]
	[ -p "$BATS_TEST_TMPDIR/fifo" ]
	[ "$(cut -f 2 "$BATS_TEST_TMPDIR/fromfifo")" = "t4-total" ]
}

@test "a long line (over 1 MB) is read whole" {
	big=$(head -c 1100000 /dev/zero | tr '\0' 'x')
	printf 'big.txt\tA\t2022\t2021\tt2\treg\tmade\t1.5\tnum\t%s\t7\n' "$big" > "$BATS_TEST_TMPDIR/big.tsv"
	run gip-check -r value "$BATS_TEST_TMPDIR/big.tsv"
	[ "$status" -eq 1 ]
	[ "$(printf '%s\n' "$output" | cut -f 2,5,6,8,10)" = "$(printf 'value\treg\tmade\t1.5\t7')" ]
}

@test "output is the same under C and C.UTF-8" {
	a=$(LC_ALL=C gip-check "$F/narr.tsv" "$F/value.tsv" || true)
	b=$(LC_ALL=C.UTF-8 gip-check "$F/narr.tsv" "$F/value.tsv" || true)
	[ -n "$a" ]
	[ "$a" = "$b" ]
}

# 1000 documents from the fixtures, renamed, some with a cell twice;
# every other one ends with gip-tables' doc records (closed), the
# others are not closed
many_docs() {
	for f in balance complete good good2019 narr notassess outcome prev \
	    prevok rows t4 unread value year; do
		printf '%s\n' "$F/$f.tsv"
	done | xargs awk -F'\t' -v OFS='\t' '
	FNR == 1 { nf++ } $1 == "doc" { next } { rec[nf, ++n[nf]] = $0 }
	END {
		for (i = 1; i <= 1000; i++) {
			f = i % nf + 1
			for (j = 1; j <= n[f]; j++) {
				split(rec[f, j], x, "\t")
				x[1] = "d" i ".txt"
				x[2] = ag = x[2] "#" int(i / 28)
				s = x[1]
				for (k = 2; k <= 11; k++)
					s = s OFS x[k]
				print s
			}
			# the same cell twice: another value (a value finding),
			# or the same record again
			if (i % 5 == 0) {
				split(rec[f, 3], x, "\t")
				print "d" i ".txt", ag, x[3], x[4], x[5], x[6], x[7], x[8] + 7, x[9], x[8] + 7, x[11] + 1
			}
			if (i % 7 == 0) {
				split(rec[f, 9], x, "\t")
				print "d" i ".txt", ag, x[3], x[4], x[5], x[6], x[7], x[8], x[9], x[10], x[11]
			}
			if (i % 2 == 0) {
				print "d" i ".txt", ag, x[3], x[4], "doc", "tables", "found", 3, "num", "t2 t3 t4", ""
				print "d" i ".txt", ag, x[3], x[4], "doc", "template", "basis", "", "text", "tables", ""
			}
		}
	}'
}

# The records of every document spread over the whole stream, each
# document's own in order (as parallel writers interleave them).
interleave() {
	awk -F'\t' 'BEGIN { srand(7) } { t[$1] += rand(); printf "%.9f\t%s\n", t[$1], $0 }' "$1" |
	    LC_ALL=C sort -t '	' -k1,1g | cut -f 2-
}

@test "exact for any interleaving: 1000 documents spread over the stream, far more than are kept in memory" {
	many_docs > "$BATS_TEST_TMPDIR/seq.tsv"
	[ "$(cut -f1 "$BATS_TEST_TMPDIR/seq.tsv" | sort -u | wc -l)" -eq 1000 ]
	interleave "$BATS_TEST_TMPDIR/seq.tsv" > "$BATS_TEST_TMPDIR/mix.tsv"
	# really spread: the first 1000 lines hold records of most documents
	[ "$(head -1000 "$BATS_TEST_TMPDIR/mix.tsv" | cut -f1 | sort -u | wc -l)" -gt 500 ]
	run --separate-stderr gip-check "$BATS_TEST_TMPDIR/seq.tsv"
	[ "$status" -eq 1 ]
	[ -z "$stderr" ]
	printf '%s\n' "$output" | LC_ALL=C sort > "$BATS_TEST_TMPDIR/a"
	[ "$(wc -l < "$BATS_TEST_TMPDIR/a")" -gt 1000 ]
	[ "$(cut -f1 "$BATS_TEST_TMPDIR/a" | sort -u | wc -l)" -gt 700 ]
	[ "$(grep -c 'different records for this cell' "$BATS_TEST_TMPDIR/a")" -eq 200 ]
	run --separate-stderr gip-check "$BATS_TEST_TMPDIR/mix.tsv"
	[ "$status" -eq 1 ]
	[ -z "$stderr" ]
	printf '%s\n' "$output" | LC_ALL=C sort > "$BATS_TEST_TMPDIR/b"
	cmp "$BATS_TEST_TMPDIR/a" "$BATS_TEST_TMPDIR/b"
	# the same bytes, run after run
	gip-check "$BATS_TEST_TMPDIR/mix.tsv" > "$BATS_TEST_TMPDIR/c" || true
	[ "$(printf '%s\n' "$output")" = "$(cat "$BATS_TEST_TMPDIR/c")" ]
	# JSON findings too
	gip-check -j "$BATS_TEST_TMPDIR/seq.tsv" | LC_ALL=C sort > "$BATS_TEST_TMPDIR/ja" || true
	gip-check -j "$BATS_TEST_TMPDIR/mix.tsv" | LC_ALL=C sort > "$BATS_TEST_TMPDIR/jb" || true
	cmp "$BATS_TEST_TMPDIR/ja" "$BATS_TEST_TMPDIR/jb"
}

@test "findings order: a closed document when its doc template basis record comes, the others at the end in input order" {
	# b.txt closed first, though a.txt came first; continuity last
	awk -F'\t' -v OFS='\t' '$1 != "doc" { $1 = "a.txt"; print }' "$F/balance.tsv" > "$BATS_TEST_TMPDIR/in.tsv"
	awk -F'\t' -v OFS='\t' '$1 != "doc" { $1 = "b.txt"; print }' "$F/t4.tsv" >> "$BATS_TEST_TMPDIR/in.tsv"
	printf 'b.txt\tA\t2022\t2021\tdoc\ttemplate\tbasis\t\ttext\ttables\t\n' >> "$BATS_TEST_TMPDIR/in.tsv"
	run gip-check "$BATS_TEST_TMPDIR/in.tsv"
	[ "$status" -eq 1 ]
	[ "$(printf '%s\n' "$output" | cut -f1 | uniq | paste -sd ' ')" = "b.txt a.txt" ]
	# without the closing record: input order
	grep -v '	doc	template' "$BATS_TEST_TMPDIR/in.tsv" > "$BATS_TEST_TMPDIR/in2.tsv"
	run gip-check "$BATS_TEST_TMPDIR/in2.tsv"
	[ "$(printf '%s\n' "$output" | cut -f1 | uniq | paste -sd ' ')" = "a.txt b.txt" ]
}

@test "records after a document's last record: an error, exit 2; --any-order checks every order exactly" {
	many_docs > "$BATS_TEST_TMPDIR/seq.tsv"
	shuf --random-source=<(yes) "$BATS_TEST_TMPDIR/seq.tsv" > "$BATS_TEST_TMPDIR/shuf.tsv"
	gip-check "$BATS_TEST_TMPDIR/seq.tsv" | LC_ALL=C sort > "$BATS_TEST_TMPDIR/a" || true
	run --separate-stderr gip-check "$BATS_TEST_TMPDIR/shuf.tsv"
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"records after the end of the document (its doc template basis record, or its JSON line) are dropped; for records in any order, use --any-order"* ]]
	[[ "$stderr" == *"records of "*" documents dropped"* ]]
	run --separate-stderr gip-check --any-order "$BATS_TEST_TMPDIR/shuf.tsv"
	[ "$status" -eq 1 ]
	[ -z "$stderr" ]
	printf '%s\n' "$output" | LC_ALL=C sort > "$BATS_TEST_TMPDIR/b"
	cmp "$BATS_TEST_TMPDIR/a" "$BATS_TEST_TMPDIR/b"
}

@test "--window is an opt-in that fails loudly on interleaved input, never quietly differs" {
	many_docs > "$BATS_TEST_TMPDIR/seq.tsv"
	interleave "$BATS_TEST_TMPDIR/seq.tsv" > "$BATS_TEST_TMPDIR/mix.tsv"
	run --separate-stderr gip-check --window=16 "$BATS_TEST_TMPDIR/mix.tsv"
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"more than 16 documents interleaved; raise --window, or leave it out"* ]]
	# on contiguous input it gives the same findings
	gip-check "$BATS_TEST_TMPDIR/seq.tsv" | LC_ALL=C sort > "$BATS_TEST_TMPDIR/a" || true
	gip-check --window=1 "$BATS_TEST_TMPDIR/seq.tsv" | LC_ALL=C sort > "$BATS_TEST_TMPDIR/b" || true
	[ -s "$BATS_TEST_TMPDIR/a" ]
	cmp "$BATS_TEST_TMPDIR/a" "$BATS_TEST_TMPDIR/b"
}

@test "a JSON line is a whole document: checked at its end; a record of it after is an error unless --any-order" {
	# 300 JSON documents among the TSV records of 1000 interleaved ones
	many_docs > "$BATS_TEST_TMPDIR/seq.tsv"
	for i in $(seq 300); do
		sed "s/\"doc\":\"wsjk-2022.txt\"/\"doc\":\"j$i.txt\"/" "$F/good.jsonl"
	done > "$BATS_TEST_TMPDIR/j.jsonl"
	{ interleave "$BATS_TEST_TMPDIR/seq.tsv"; cat "$BATS_TEST_TMPDIR/j.jsonl"; } |
	    awk 'BEGIN { srand(3) } { printf "%.9f\t%s\n", NR + (/^\{/ ? rand() * 1e6 : 0), $0 }' |
	    LC_ALL=C sort -t '	' -k1,1g | cut -f 2- > "$BATS_TEST_TMPDIR/mix"
	[ "$(grep -c '^{' "$BATS_TEST_TMPDIR/mix")" -eq 300 ]
	run --separate-stderr gip-check -s "$BATS_TEST_TMPDIR/mix"
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"summary: 1300 documents,"* ]]
	[ "$(printf '%s\n' "$stderr" | grep -vc summary)" -eq 0 ]
	printf '%s\n' "$output" | LC_ALL=C sort > "$BATS_TEST_TMPDIR/b"
	gip-check "$BATS_TEST_TMPDIR/seq.tsv" "$BATS_TEST_TMPDIR/j.jsonl" | LC_ALL=C sort > "$BATS_TEST_TMPDIR/a" || true
	cmp "$BATS_TEST_TMPDIR/a" "$BATS_TEST_TMPDIR/b"
	# a TSV record of a JSON document, after it
	{ cat "$F/good.jsonl"; grep -m1 'reg	made' "$F/good.tsv"; } > "$BATS_TEST_TMPDIR/late"
	run --separate-stderr gip-check "$BATS_TEST_TMPDIR/late"
	[ "$status" -eq 2 ]
	[[ "$stderr" == *":2: error: wsjk-2022.txt: records after the end of the document"* ]]
	run --separate-stderr gip-check --any-order "$BATS_TEST_TMPDIR/late"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
}

@test "memory stays bounded: 3000 unclosed documents shuffled together need no more than 300" {
	[ -z "$GIP_SANITIZED" ] || skip "sanitizer build"
	many_docs > "$BATS_TEST_TMPDIR/seq.tsv"
	# 3000 documents: the 1000 three times over, renamed
	for k in a b c; do
		sed "s/^d/$k/" "$BATS_TEST_TMPDIR/seq.tsv" | grep -v '	doc	'
	done > "$BATS_TEST_TMPDIR/big.tsv"
	interleave "$BATS_TEST_TMPDIR/big.tsv" > "$BATS_TEST_TMPDIR/big.mix"
	head -60000 "$BATS_TEST_TMPDIR/seq.tsv" | grep -v '	doc	' > "$BATS_TEST_TMPDIR/small.tsv"
	interleave "$BATS_TEST_TMPDIR/small.tsv" > "$BATS_TEST_TMPDIR/small.mix"
	st=0
	/usr/bin/time -f %M -o "$BATS_TEST_TMPDIR/rss.big" gip-check "$BATS_TEST_TMPDIR/big.mix" > "$BATS_TEST_TMPDIR/f.big" 2> "$BATS_TEST_TMPDIR/err" || st=$?
	# findings, and no record dropped
	[ "$st" -eq 1 ]
	[ ! -s "$BATS_TEST_TMPDIR/err" ]
	/usr/bin/time -f %M -o "$BATS_TEST_TMPDIR/rss.small" gip-check "$BATS_TEST_TMPDIR/small.mix" > /dev/null || true
	big=$(tail -1 "$BATS_TEST_TMPDIR/rss.big")
	small=$(tail -1 "$BATS_TEST_TMPDIR/rss.small")
	# every document in memory would take some 20 MB more
	[ "$big" -lt $((small + 4096)) ]
	# and every document is checked
	[ "$(cut -f1 "$BATS_TEST_TMPDIR/f.big" | sort -u | wc -l)" -gt 2100 ]
}

@test "gip-tables ends every document with doc template basis; gip-check checks each there, in any interleaving of writers" {
	# the seeds, and the real reports of ../shared/realworld when here
	real="$REPO/../shared/realworld/docs"
	[ -d "$real" ] || real=
	gip-normalize "$SEEDS"/* ${real:+"$real"/*} 2>/dev/null | gip-sections 2>/dev/null | gip-tables 2>/dev/null > "$BATS_TEST_TMPDIR/rec" || true
	[ "$(cut -f1 "$BATS_TEST_TMPDIR/rec" | sort -u | wc -l)" -ge 5 ]
	# the last record of every document, and only the last, closes it
	[ "$(awk -F'\t' '$5 == "doc" && $6 == "template" { n++ } END { print n }' "$BATS_TEST_TMPDIR/rec")" -eq "$(cut -f1 "$BATS_TEST_TMPDIR/rec" | sort -u | wc -l)" ]
	awk -F'\t' 'seen[$1] { exit 1 } $5 == "doc" && $6 == "template" && $7 == "basis" { seen[$1] = 1 }' "$BATS_TEST_TMPDIR/rec"
	# the documents' records interleaved, each one's order kept
	interleave "$BATS_TEST_TMPDIR/rec" > "$BATS_TEST_TMPDIR/mix"
	gip-check --any-order "$BATS_TEST_TMPDIR/rec" | LC_ALL=C sort > "$BATS_TEST_TMPDIR/a" || true
	run --separate-stderr gip-check "$BATS_TEST_TMPDIR/mix"
	[ -z "$stderr" ]
	[ "$(printf '%s\n' "$output" | LC_ALL=C sort)" = "$(cat "$BATS_TEST_TMPDIR/a")" ]
	# checked as they close: a document's findings before the next closes
	gip-check "$BATS_TEST_TMPDIR/rec" | cut -f1 | uniq | sort | uniq -d > "$BATS_TEST_TMPDIR/twice" || true
	[ ! -s "$BATS_TEST_TMPDIR/twice" ]
}
