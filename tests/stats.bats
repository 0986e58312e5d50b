#!/usr/bin/env bats
# gip-stats: cell statistics, ratios, findings, mappings, the output
# forms, and partial states merged back to the single-run result.
# Fixtures in tests/fixtures/stats are hand-made (see README there):
# six reports of four agencies, 2019 to 2024, both templates, with
# blank, "/" and zero-denominator cells, and gip-check findings.

load helpers

setup() {
	F="$FIXTURES/stats"
	T="$BATS_TEST_TMPDIR"
}

# the line of the output whose first fields are $1 (TAB-joined)
row() {
	printf '%s\n' "$output" | grep -F "$1	" | head -1
}

@test "cell statistics: header, exact sums, mean, percentiles" {
	run --separate-stderr gip-stats "$F/records.tsv"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[ "${lines[0]}" = "$(printf 'table\trow\tcol\tdocs\tcovered\tvalues\tsum\tmean\tmin\tmax\tmedian\tp90')" ]
	# 2931 3119 1523 1750 61 859: median (1523+1750)/2, p90 at rank 4.5
	[ "$(row "t3	new	total")" = "$(printf 't3\tnew\ttotal\t6\t6\t6\t10243\t1707.166667\t61\t3119\t1636.5\t3025')" ]
	# money: 96171.6 + 88000.25 + 0 + 12.5, one blank, one report
	# without the cell: docs counts the six reports that went in
	[ "$(row "t2	fee	amount")" = "$(printf 't2\tfee\tamount\t6\t4\t4\t184184.35\t46046.0875\t0\t96171.6\t44006.375\t93720.195')" ]
	[ "${#lines[@]}" -eq 35 ]
}

@test "blank and / cells are not zeros: coverage counts numbers only" {
	run gip-stats -c t3.deny_secret "$F/records.tsv"
	[ "$status" -eq 0 ]
	# jinhu has "/", shanghai a blank total: 6 documents, 4 numbers
	[ "$(row "t3	deny_secret	total")" = "$(printf 't3\tdeny_secret\ttotal\t6\t4\t4\t6\t1.5\t0\t3\t1.5\t2.7')" ]
	[ "$(row "t3	deny_secret	natural")" = "$(printf 't3\tdeny_secret\tnatural\t6\t5\t5\t6\t1.2\t0\t3\t1\t2.6')" ]
	[ "${#lines[@]}" -eq 4 ]
}

@test "group by year with one cell; sorted by key bytes" {
	run gip-stats -g year -c t3.new.total "$F/records.tsv"
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf 'year\tdocs\tcovered\tvalues\tsum\tmean\tmin\tmax\tmedian\tp90
2019\t1\t1\t1\t859\t859\t859\t859\t859\t859
2023\t2\t2\t2\t4454\t2227\t1523\t2931\t2227\t2790.2
2024\t3\t3\t3\t4930\t1643.333333\t61\t3119\t1750\t2845.2')" ]
}

@test "pooled cells count each document once per group" {
	# t3.*.total for one agency, added together on request: 2
	# documents, 16 cells
	run gip-stats -g agency --pool -c 't3.*.total' --no-header "$F/records.tsv"
	[ "$status" -eq 0 ]
	[[ "$(row "淮安市人民政府")" == "$(printf '淮安市人民政府\t2\t2\t16\t')"* ]]
	# empty -g: one group of everything
	run gip-stats -g '' -c t4.review.total --no-header "$F/records.tsv"
	[ "$output" = "$(printf '6\t6\t6\t742\t123.666667\t0\t351\t65.5\t301.5')" ]
}

@test "JSON Lines in (gip-tables --json) gives the same table as TSV" {
	a=$(gip-stats "$F/records.tsv")
	b=$(gip-stats "$F/records.jsonl")
	[ "$a" = "$b" ]
	c=$(cat "$F/records.tsv" | gip-stats -)
	[ "$a" = "$c" ]
}

@test "--json: one object per row, strings for groups, numbers, null" {
	run gip-stats -j -g year,template -c t3.open.total "$F/records.tsv"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 3 ]
	printf '%s\n' "$output" | jq -e . > /dev/null
	[ "$(printf '%s\n' "${lines[0]}" | jq -c .)" = '{"year":"2019","template":"2019","docs":1,"covered":0,"values":0,"sum":0,"mean":null,"min":null,"max":null,"median":null,"p90":null}' ]
	[ "$(printf '%s\n' "${lines[2]}" | jq -r '[.year, .docs, .sum, .median] | @tsv')" = "$(printf '2024\t3\t2165\t813')" ]
}

@test "ratios: per document, pooled, zero denominators and missing operands" {
	run --separate-stderr gip-stats -r disclosure,correction -g year "$F/records.tsv"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[ "${lines[0]}" = "$(printf 'year\tratio\tdocs\tassessable\tzero_den\tnot_assessable\tpooled\tmean\tmin\tmax\tmedian\tp90')" ]
	# 2023: 1218/2850 and 649/1501; pooled (1218+649)/(2850+1501)
	[ "$(row "2023	disclosure")" = "$(printf '2023\tdisclosure\t2\t2\t0\t0\t0.429097\t0.429873\t0.427368\t0.432378\t0.429873\t0.431877')" ]
	# jinhu 2024 had no review at all: counted, not divided
	[ "$(row "2024	correction")" = "$(printf '2024\tcorrection\t3\t2\t1\t0\t0.176329\t0.162597\t0.142857\t0.182336\t0.162597\t0.178388')" ]
	# shanghai 2019 left the 总计 of 予以公开 blank: not assessable
	[ "$(row "2019	disclosure")" = "$(printf '2019\tdisclosure\t1\t0\t0\t1\t\t\t\t\t\t')" ]
}

@test "ratios: custom formulas with + and -, all, and bad ones" {
	run gip-stats --no-header -r 'od=t3.open.natural+t3.partial.natural/t3.total.natural-t3.carry_in.natural' -g '' "$F/records.tsv"
	[ "$status" -eq 0 ]
	# jinhu: (30+2)/(60-0)
	[ "$(gip-stats --no-header -r 'od=t3.open.natural+t3.partial.natural/t3.total.natural-t3.carry_in.natural' -g doc "$F/records.tsv" | grep jinhu | cut -f 7)" = "0.533333" ]
	[ "$(gip-stats --no-header -r all -g '' "$F/records.tsv" | cut -f 1 | tr '\n' ' ')" = "carry_out correction correction_decided denial disclosure dispute litigation litigation_correction review substantive unable " ]
	run --separate-stderr gip-stats -r 'x=t3.open/t3.total.total' "$F/records.tsv"
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"bad cell in formula"* ]]
	run --separate-stderr gip-stats -r nosuch "$F/records.tsv"
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"unknown ratio: nosuch"* ]]
	run --separate-stderr gip-stats -r disclosure -g row "$F/records.tsv"
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"ratios are per document"* ]]
}

@test "--list-ratios prints names and formulas" {
	run gip-stats --list-ratios
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$(printf 'ratio\tformula\tmeaning')" ]
	[[ "$(row disclosure)" == "$(printf 'disclosure\tt3.open.total/t3.total.total\t')"* ]]
	[[ "$(row correction)" == "$(printf 'correction\tt4.review.correct/t4.review.total\t')"* ]]
}

@test "findings: share of documents failing each rule, by agency" {
	run --separate-stderr gip-stats -f -g agency "$F/records.tsv" "$F/findings.tsv"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[ "$output" = "$(printf 'agency\trule\tseverity\tdocs\tfailing\tshare\tfindings
上海市规划和自然资源局\tT3.BLANK\twarning\t1\t1\t1\t2
淮安市人民政府\tS.SECT\twarning\t2\t1\t0.5\t1
淮安市人民政府\tX.CARRY\twarning\t2\t1\t0.5\t1
金湖县人民政府\tT3.BAL\terror\t1\t1\t1\t2
金湖县人民政府\tT3.ROW\terror\t1\t1\t1\t1')" ]
}

@test "findings: before or after the records, TSV or JSON, the same" {
	a=$(gip-stats -f -g year "$F/records.tsv" "$F/findings.tsv")
	b=$(gip-stats -f -g year "$F/findings.tsv" "$F/records.tsv")
	c=$(gip-stats -f -g year "$F/records.jsonl" "$F/findings.jsonl")
	d=$(cat "$F/findings.jsonl" "$F/records.tsv" | gip-stats -f -g year)
	[ "$a" = "$b" ]
	[ "$a" = "$c" ]
	[ "$a" = "$d" ]
	[[ "$a" == *"$(printf '2024\tT3.BAL\terror\t3\t1\t0.333333\t2')"* ]]
}

@test "findings: by table, and for a document with no records" {
	run gip-stats -f -g table --no-header "$F/records.tsv" "$F/findings.tsv"
	[ "$(row "	S.SECT")" = "$(printf '\tS.SECT\twarning\t6\t1\t0.166667\t1')" ]
	[ "$(row "t3	T3.BAL")" = "$(printf 't3\tT3.BAL\terror\t6\t1\t0.166667\t2')" ]
	printf 'gone.txt\tT4.SUM\terror\tt4\treview\ttotal\t5\t6\tx\t9\n' > "$T/orphan.tsv"
	run --separate-stderr gip-stats -f -g year "$F/records.tsv" "$T/orphan.tsv"
	[ "$status" -eq 0 ]
	[[ "$stderr" == *"findings for gone.txt, which has no records"* ]]
	[ "$(row "	T4.SUM")" = "$(printf '\tT4.SUM\terror\t0\t1\t\t1')" ]
}

@test "--map: group by mapped fields, joined on agency or doc" {
	run --separate-stderr gip-stats -m "$F/map-agency.tsv" -g region,level -c t3.new.total "$F/records.tsv"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[ "$(row "苏北	地级市")" = "$(printf '苏北\t地级市\t4\t4\t4\t9323\t2330.75\t1523\t3119\t2340.5\t3062.6')" ]
	[ "$(row "上海	省级部门")" = "$(printf '上海\t省级部门\t1\t1\t1\t859\t859\t859\t859\t859\t859')" ]
	printf 'doc\tsize\nreports/jinhu-2024.txt\tsmall\n' > "$T/m.tsv"
	run --separate-stderr gip-stats -m "$T/m.tsv" -g size -c t3.new.total "$F/records.tsv"
	[ "$status" -eq 0 ]
	[[ "$stderr" == *"$T/m.tsv: 5 documents not in the map (first: reports/huaian-2023.txt)"* ]]
	[ "$(row small)" = "$(printf 'small\t1\t1\t1\t61\t61\t61\t61\t61\t61')" ]
	# 859 1523 1750 2931 3119: p90 = 2931 + 0.6 * 188
	[ "$(printf '%s\n' "$output" | grep '^	')" = "$(printf '\t5\t5\t5\t10182\t2036.4\t859\t3119\t1750\t3043.8')" ]
}

@test "--map: bad maps and unknown fields are errors" {
	printf 'name\tregion\nx\ty\n' > "$T/bad.tsv"
	run --separate-stderr gip-stats -m "$T/bad.tsv" "$F/records.tsv"
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"must be named doc or agency"* ]]
	run --separate-stderr gip-stats -m "$T/nope.tsv" "$F/records.tsv"
	[ "$status" -eq 2 ]
	run --separate-stderr gip-stats -g region "$F/records.tsv"
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"unknown field: region"* ]]
}

@test "--pretty: columns aligned by display width (Han is two columns)" {
	run gip-stats -P -m "$F/map-agency.tsv" -g region,level -c t3.new.total "$F/records.tsv"
	[ "$status" -eq 0 ]
	[ "$output" = "region  level     docs  covered  values   sum     mean   min   max  median     p90
上海    省级部门     1        1       1   859      859   859   859     859     859
苏北    县           1        1       1    61       61    61    61      61      61
苏北    地级市       4        4       4  9323  2330.75  1523  3119  2340.5  3062.6" ]
}

@test "--chart: bars to scale in eighths, labels aligned" {
	COLUMNS=60 run gip-stats -C -g year -c t3.new.total "$F/records.tsv"
	[ "$status" -eq 0 ]
	# 48 columns of bar: 859/4930*48*8 = 67 eighths = 8 full + ▍
	[ "$output" = "sum by year: zero at the left, █ = 102.708333
2019  ████████▍ 859
2023  ███████████████████████████████████████████▍ 4454
2024  ████████████████████████████████████████████████ 4930" ]
	# labels 22 columns wide, so 28 columns of bar: 859/3025*28*8 = 64
	COLUMNS=60 run gip-stats --chart=mean -g agency -c t3.new.total "$F/records.tsv"
	[ "${lines[0]}" = "mean by agency: zero at the left, █ = 108.035714" ]
	[ "${lines[1]}" = "上海市规划和自然资源局  ████████ 859" ]
	[ "${lines[3]}" = "淮安市人民政府          ████████████████████████████ 3025" ]
	[ "${lines[4]}" = "金湖县人民政府          ▋ 61" ]
	run --separate-stderr gip-stats --chart=nosuch "$F/records.tsv"
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"no column nosuch"* ]]
}

@test "--chart: negative values get an axis; empty values no bar" {
	printf 'a\tX局\t2019\t2019\tt2\tlicense\tdelta\t+12\tnum\t+12\t3\nb\t某某市政府\t2019\t2019\tt2\tlicense\tdelta\t-4\tnum\t-4\t3\n' > "$T/d.tsv"
	COLUMNS=50 run gip-stats -g agency -c t2.license.delta -C "$T/d.tsv"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "sum by agency: zero at the axis, █ = 0.470588" ]
	[ "${lines[1]}" = "X局                  │█████████████████████████ 12" ]
	[ "${lines[2]}" = "某某市政府  █████████│ -4" ]
	COLUMNS=50 run gip-stats -r disclosure -g year -C "$F/records.tsv"
	[ "${lines[1]}" = "2019  - " ] || [ "${lines[1]}" = "2019  disclosure   -" ]
}

@test "partial states merge to the single-run result, byte for byte" {
	cat "$F/records.tsv" "$F/findings.tsv" > "$T/all.tsv"
	for opts in "" "-g year" "-g agency,year -c t3.*.total" "-r all -g agency" "-g doc -c t4" "-j"; do
		single=$(gip-stats $opts "$T/all.tsv")
		for parts in 2 3 7; do
			rm -f "$T"/x* "$T"/p.*
			split -n l/$parts "$T/all.tsv" "$T/x"
			for f in "$T"/x*; do gip-stats -p ${opts/-j/} "$f" > "$T/p.${f##*/}"; done
			merged=$(cat "$T"/p.* | gip-stats -M ${opts//-[gcr]*/})
			[ "$single" = "$merged" ] || { echo "[$opts] $parts parts"; diff <(echo "$single") <(echo "$merged"); false; }
			shuffled=$(sort -R "$T"/p.* | gip-stats -M ${opts//-[gcr]*/})
			[ "$single" = "$shuffled" ]
		done
	done
}

@test "partial states: documents split between parts are counted once" {
	# split inside a document: lines 1-20 and 21- of huaian-2023
	head -20 "$F/records.tsv" > "$T/a"
	tail -n +21 "$F/records.tsv" > "$T/b"
	gip-stats -p -g year --pool "$T/a" > "$T/a.st"
	gip-stats -p -g year --pool "$T/b" > "$T/b.st"
	grep -q "^E	C	2023	reports/huaian-2023.txt$" "$T/a.st"
	grep -q "^E	C	2023	reports/huaian-2023.txt$" "$T/b.st"
	[ "$(gip-stats -M "$T/a.st" "$T/b.st")" = "$(gip-stats -g year --pool "$F/records.tsv")" ]
	gip-stats -p -g year "$T/a" > "$T/a.st"
	gip-stats -p -g year "$T/b" > "$T/b.st"
	[ "$(gip-stats -M "$T/a.st" "$T/b.st")" = "$(gip-stats -g year "$F/records.tsv")" ]
	# a combiner, then the reducer
	gip-stats -M -p "$T/a.st" > "$T/c.st"
	[ "$(gip-stats -M "$T/c.st" "$T/b.st")" = "$(gip-stats -g year "$F/records.tsv")" ]
	# ratios of a split document are taken from both halves
	gip-stats -p -r disclosure,correction "$T/a" > "$T/a.st"
	gip-stats -p -r disclosure,correction "$T/b" > "$T/b.st"
	grep -q "^P	correction	reports/huaian-2023.txt	" "$T/b.st"
	[ "$(gip-stats -M "$T/b.st" "$T/a.st")" = "$(gip-stats -r disclosure,correction "$F/records.tsv")" ]
}

@test "partial states under xargs -P, and the state format" {
	split -l 33 "$F/records.tsv" "$T/x"
	ls "$T"/x* | xargs -P3 -n1 sh -c 'gip-stats -p -g year -r substantive "$1" > "$1.st"' sh
	[ "$(gip-stats -M "$T"/x*.st)" = "$(gip-stats -g year -r substantive "$F/records.tsv")" ]
	run gip-stats -p -g year -c t3.new.total "$F/records.tsv"
	[ "${lines[0]}" = "$(printf 'H\tgip-stats\t3\tcells\tyear\tt3.new.total\t')" ]
	# the 6 documents are among the first 16 (the default --window):
	# counted in E lines, left open for other parts
	[ "${lines[1]}" = "$(printf 'C\t2019\t0\t0\t1\t859\t859\t859')" ]
	[ "${lines[2]}" = "$(printf 'V\tC\t2019\t859\t1')" ]
	# (12 cell counts, 6 of the documents that went in)
	[ "$(printf '%s\n' "$output" | grep -c '^E')" -eq 18 ]
	[ "$(printf '%s\n' "$output" | grep -c '^S')" -eq 0 ]
	# --window 1: only the first document and the last are; the 4
	# others are counted whole, and named by hash (S lines)
	run gip-stats -p --window 1 -g year -c t3.new.total "$F/records.tsv"
	[ "$(printf '%s\n' "$output" | grep -c '^E')" -eq 6 ]
	[ "$(printf '%s\n' "$output" | grep -c '^S	')" -eq 4 ]
}

@test "partial states: mixed options, misuse" {
	gip-stats -p -g year "$F/records.tsv" > "$T/a.st"
	gip-stats -p -g agency "$F/records.tsv" > "$T/b.st"
	run --separate-stderr gip-stats -M "$T/a.st" "$T/b.st"
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"other options"* ]]
	run --separate-stderr gip-stats -M -g year "$T/a.st"
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"usage: gip-stats"* ]]
	run --separate-stderr gip-stats "$T/a.st"
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"a.st:1: warning: a partial state, skipped; read it with --merge"* ]]
	run --separate-stderr gip-stats -M "$F/records.tsv"
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"not a line of a gip-stats partial state"* ]]
	run --separate-stderr gip-stats -M < /dev/null
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"no partial state"* ]]
	run --separate-stderr gip-stats -p -j "$F/records.tsv"
	[ "$status" -eq 2 ]
}

@test "interleaved writers: documents still counted once" {
	a=$(gip-stats -g year "$F/records.tsv")
	b=$(gip-stats -g year "$F/interleaved.tsv")
	[ "$a" = "$b" ]
	a=$(gip-stats -r all -g year "$F/records.tsv")
	b=$(gip-stats -r all -g year "$F/interleaved.tsv")
	[ "$a" = "$b" ]
	# an explicit window too small fails loudly, with no output
	run --separate-stderr gip-stats --window 1 -g year "$F/interleaved.tsv"
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	[[ "$stderr" == *"interleaved.tsv:"*": error: records of "*" more than --window=1 documents apart"* ]]
	# -w is no window (it is gip-tables' wide)
	run --separate-stderr gip-stats -w 1 "$F/records.tsv"
	[ "$status" -eq 2 ]
}

@test "bad lines: reported with file and line, skipped, status 1" {
	{ head -3 "$F/records.tsv"; printf 'only\tthree\tfields\n'; printf 'a\tb\t2022\t2021\tt3\tnew\ttotal\t12x\tnum\t12x\t4\n'; printf '{"doc":\n'; tail -2 "$F/records.tsv"; } > "$T/bad.tsv"
	run --separate-stderr gip-stats -c t3.new "$T/bad.tsv"
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"bad.tsv:4: warning: neither a gip-tables record"* ]]
	[[ "$stderr" == *"bad.tsv:5: warning: status num but not a number: 12x"* ]]
	[[ "$stderr" == *"bad.tsv:6: warning: bad JSON"* ]]
	[ "$output" = "$(printf 'table\trow\tcol\tdocs\tcovered\tvalues\tsum\tmean\tmin\tmax\tmedian\tp90
t3\tnew\tnatural\t3\t1\t1\t2890\t2890\t2890\t2890\t2890\t2890
t3\tnew\ttotal\t3\t0\t0\t0\t\t\t\t\t')" ]
}

@test "edge cases: empty, no final newline, CRLF, BOM, header, long line, NUL" {
	run --separate-stderr gip-stats < /dev/null
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf 'table\trow\tcol\tdocs\tcovered\tvalues\tsum\tmean\tmin\tmax\tmedian\tp90')" ]
	want=$(gip-stats -g year "$F/records.tsv")
	printf '%s' "$(cat "$F/records.tsv")" > "$T/nonl"
	[ "$(gip-stats -g year "$T/nonl")" = "$want" ]
	sed 's/$/\r/' "$F/records.tsv" > "$T/crlf"
	[ "$(gip-stats -g year "$T/crlf")" = "$want" ]
	{ printf '\357\273\277doc\tagency\tyear\ttemplate\ttable\trow\tcol\tvalue\tstatus\traw\tline\n'; cat "$F/records.tsv"; } > "$T/bom"
	[ "$(gip-stats -g year "$T/bom")" = "$want" ]
	{ cat "$F/records.tsv"; printf 'z\tZ\t2030\t2021\tt3\tnew\ttotal\t1\tnum\t%s\t9\n' "$(head -c 1100000 /dev/zero | tr '\0' x)"; } > "$T/long"
	run gip-stats -g year -c t3.new.total "$T/long"
	[ "$status" -eq 0 ]
	[ "${lines[4]}" = "$(printf '2030\t1\t1\t1\t1\t1\t1\t1\t1\t1')" ]
	printf 'a\tX\t2022\t2021\tt3\tnew\ttotal\t5\tnum\t5\0junk\t9\n' > "$T/nul"
	run gip-stats -g year -c t3.new.total --no-header "$T/nul"
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '2022\t1\t1\t1\t5\t5\t5\t5\t5\t5')" ]
}

@test "numbers: decimals exact, too many places reported, huge sums refused" {
	printf 'a\tX\t2022\t2021\tt2\tfee\tamount\t0.1\tnum\t0.1\t1\nb\tX\t2022\t2021\tt2\tfee\tamount\t0.2\tnum\t0.2\t1\nc\tX\t2022\t2021\tt2\tfee\tamount\t1.0000001\tnum\t1.0000001\t1\n' > "$T/dec.tsv"
	run --separate-stderr gip-stats --no-header "$T/dec.tsv"
	[ "$status" -eq 1 ]
	[ "$output" = "$(printf 't2\tfee\tamount\t3\t2\t2\t0.3\t0.15\t0.1\t0.2\t0.15\t0.19')" ]
	[[ "$stderr" == *"dec.tsv:3: warning: status num but not a number: 1.0000001"* ]]
	printf 'a\tX\t2022\t2021\tt2\tfee\tamount\t9000000000000\tnum\tx\t1\nb\tX\t2022\t2021\tt2\tfee\tamount\t9000000000000\tnum\tx\t1\n' > "$T/big.tsv"
	run --separate-stderr gip-stats "$T/big.tsv"
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"too large"* ]]
}

@test "output does not depend on the locale, nor on the input order of groups" {
	a=$(LC_ALL=C gip-stats -P -g agency "$F/records.tsv")
	b=$(LC_ALL=C.UTF-8 gip-stats -P -g agency "$F/records.tsv")
	[ "$a" = "$b" ]
	c=$(tac "$F/records.tsv" | gip-stats -P -g agency)
	[ "$a" = "$c" ]
}

@test "-v: counts on stderr" {
	run --separate-stderr gip-stats -v "$F/records.tsv" "$F/findings.tsv"
	[ "$status" -eq 0 ]
	[[ "$stderr" == *"198 records, 7 findings, 6 documents"* ]]
}

@test "percentiles stay exact over thousands of values, repeated and negative, and across a merge" {
	# 20000 documents, one cell each: values from -3500 to 3500 with
	# repeats, some with decimals, in no order; the expected median
	# and p90 (type 7) from sort
	awk 'BEGIN { s = 7; for (d = 1; d <= 20000; d++) {
		s = (s * 1103515245 + 12345) % 2147483648
		v = s % 7001 - 3500
		if (d % 7 == 0) v = v ".25"
		printf "r%d.txt\tA\t2022\t2021\tt2\tfee\tamount\t%s\tnum\t%s\t1\n", d, v, v
	} }' > "$T/many.tsv"
	cut -f 8 "$T/many.tsv" | sort -g > "$T/sorted"
	want=$(awk '{ x[NR] = $1 } END {
		h = (NR - 1) * 0.5; l = int(h); m = x[l + 1] + (h - l) * (x[l + 2] - x[l + 1])
		h = (NR - 1) * 0.9; l = int(h); p = x[l + 1] + (h - l) * (x[l + 2] - x[l + 1])
		printf "%s\t%s\t%s\t%s", x[1], x[NR], m, p }' "$T/sorted")
	run --separate-stderr gip-stats "$T/many.tsv"
	[ "$status" -eq 0 ]
	got=$(row "t2	fee	amount" | cut -f 9-12)
	[ "$got" = "$want" ]
	# every document counted once, through the document table's growth
	[ "$(row "t2	fee	amount" | cut -f 4-6)" = "$(printf '20000\t20000\t20000')" ]

	# the same from two partial states
	head -n 12345 "$T/many.tsv" | gip-stats --partial > "$T/p1"
	tail -n +12346 "$T/many.tsv" | gip-stats --partial > "$T/p2"
	run --separate-stderr gip-stats --merge "$T/p2" "$T/p1"
	[ "$status" -eq 0 ]
	[ "$(row "t2	fee	amount" | cut -f 9-12)" = "$want" ]
	# the first document, long gone (its state spilled), comes back:
	# counted once, with both its values
	head -n 1 "$T/many.tsv" >> "$T/many.tsv"
	run --separate-stderr gip-stats -g doc -c t2.fee.amount "$T/many.tsv"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[ "${#lines[@]}" -eq 20001 ]
	v=$(head -n 1 "$T/many.tsv" | cut -f 8)
	[ "$(printf '%s\n' "$output" | grep '^r1.txt	' | cut -f 1-4,6)" = "$(printf 'r1.txt\t1\t1\t2\t%s' "$v")" ]
}

@test "exact whatever the interleaving: documents far apart, spilled and taken back" {
	# 300 documents of 5 cells; then the same records dealt round-robin,
	# so every document is spread over the whole stream (more than the
	# documents kept in memory), as parallel writers may leave them
	awk 'BEGIN { for (d = 1; d <= 300; d++) {
		y = 2019 + d % 4; n = d * 7 % 97 + 3
		printf "d%d.txt\tA%d\t%d\t2021\tt3\tnew\ttotal\t%d\tnum\t%d\t1\n", d, d % 5, y, n + 2, n + 2
		printf "d%d.txt\tA%d\t%d\t2021\tt3\tnew\tnatural\t%d\tnum\t%d\t1\n", d, d % 5, y, n, n
		printf "d%d.txt\tA%d\t%d\t2021\tt3\ttotal\ttotal\t%d\tnum\t%d\t1\n", d, d % 5, y, n + 2, n + 2
		printf "d%d.txt\tA%d\t%d\t2021\tt3\topen\ttotal\t%d\tnum\t%d\t1\n", d, d % 5, y, d % 3, d % 3
		printf "d%d.txt\tA%d\t%d\t2021\tt4\treview\ttotal\t%d\tnum\t%d\t1\n", d, d % 5, y, d % 4, d % 4
	} }' > "$T/seq.tsv"
	awk '{ l[NR] = $0 } END { for (k = 0; k < 5; k++) for (i = 1 + k; i <= NR; i += 5) print l[i] }' "$T/seq.tsv" > "$T/rr.tsv"
	for opts in "" "-g year" "-g year,agency -c t3.*.total" "-r all -g year" "-d -g year"; do
		a=$(gip-stats $opts "$T/seq.tsv")
		b=$(gip-stats $opts "$T/rr.tsv")
		[ -n "$a" ]
		[ "$a" = "$b" ]
	done
	# documents spilled and never seen again are settled at the end,
	# whatever part of the spill file was still buffered
	for n in 65 70 100 200 500; do
		awk -v n=$n 'BEGIN { for (d = 1; d <= n; d++) printf "d%d\tA\t2022\t2021\tt3\tnew\ttotal\t%d\tnum\t%d\t1\n", d, d, d }' > "$T/n.tsv"
		run --separate-stderr gip-stats --no-header -g doc -c t3.new.total "$T/n.tsv"
		[ "$status" -eq 0 ]
		[ "${#lines[@]}" -eq $n ]
	done
	# every document counted once: 300 in t3.new.total
	[ "$(gip-stats -c t3.new.total "$T/rr.tsv" | cut -f 4 | tail -1)" = 300 ]
	# the split of the interleaved stream: by default a part leaves
	# open only the 16 documents at each of its ends, and the merge
	# fails loudly when a document counted whole in one part has
	# records in another, never quietly different
	split -n l/3 "$T/rr.tsv" "$T/part."
	for p in "$T"/part.a?; do gip-stats -p -g year -r all "$p" > "$p.st"; done
	grep -q '^S	[0-9a-f]\{16\}$' "$T/part.ab.st"
	run --separate-stderr gip-stats -M "$T"/part.*.st
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	[[ "$stderr" == *"merge: a document was counted whole in one part and also has records in another"*"--window=0"* ]]
	# --window=0: every document left open, and the merge is exact
	for p in "$T"/part.a?; do gip-stats -p --window=0 -g year -r all "$p" > "$p.st"; done
	[ "$(gip-stats -M "$T"/part.*.st)" = "$(gip-stats -g year -r all "$T/seq.tsv")" ]
	[ -z "$(grep '^S' "$T"/part.*.st)" ]
	# whole documents per part (one gip-tables each): the default is
	# exact, with states that do not grow with the documents
	head -n 750 "$T/seq.tsv" > "$T/w1"
	tail -n +751 "$T/seq.tsv" > "$T/w2"
	gip-stats -p -g year -r all "$T/w1" > "$T/w1.st"
	gip-stats -p -g year -r all "$T/w2" > "$T/w2.st"
	[ "$(gip-stats -M "$T/w2.st" "$T/w1.st")" = "$(gip-stats -g year -r all "$T/seq.tsv")" ]
	[ "$(grep -c '^E' "$T/w1.st")" -le 96 ]
	[ "$(grep -c '^S' "$T/w1.st")" -eq 118 ]
}

@test "-g year: per year and cell, not one sum of every cell; --pool on request" {
	run --separate-stderr gip-stats -g year "$F/records.tsv"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$(printf 'year\ttable\trow\tcol\tdocs\tcovered\tvalues\tsum\tmean\tmin\tmax\tmedian\tp90')" ]
	# the same figures as the one cell asked for alone
	[ "$(printf '%s\n' "$output" | awk -F'\t' '$2 == "t3" && $3 == "new" && $4 == "total"' | cut -f 1,5-)" = "$(gip-stats --no-header -g year -c t3.new.total "$F/records.tsv")" ]
	# no year line pools cells: one line per year and cell
	[ "$(printf '%s\n' "$output" | tail -n +2 | cut -f 1-4 | sort -u | wc -l)" -eq $((${#lines[@]} - 1)) ]
	# --pool: the selected cells added together, as before
	run gip-stats --no-header -g year --pool -c 't3.new.total,t3.carry_in.total' "$F/records.tsv"
	want=$(awk -F'\t' '$5 == "t3" && ($6 == "new" || $6 == "carry_in") && $7 == "total" && $9 == "num" { s[$3] += $8 } END { for (y in s) print y "\t" s[y] }' "$F/records.tsv" | sort)
	[ "$(printf '%s\n' "$output" | cut -f 1,5)" = "$want" ]
	# a named table, row or column is taken as asked
	run gip-stats --no-header -g year,table "$F/records.tsv"
	[ "$(printf '%s\n' "$output" | cut -f 1-2 | sort -u | wc -l)" -eq ${#lines[@]} ]
}

@test "unknown cells, ratios, fields and rules: usage errors naming the closest" {
	run --separate-stderr gip-stats -c t3.new.totl "$F/records.tsv"
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	[[ "$stderr" == *"gip-stats: -c: no cell t3.new.totl in any table gip-tables writes (closest: t3.new.total, "* ]]
	run --separate-stderr gip-stats -c 't3.nwe' "$F/records.tsv"
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"no cell t3.nwe "*"(closest: t3.new, "* ]]
	run --separate-stderr gip-stats -c 't3.*.totl' "$F/records.tsv"
	[ "$status" -eq 2 ]
	run --separate-stderr gip-stats -r 'x=t3.open.total/t3.totl.total' "$F/records.tsv"
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"-r: no cell t3.totl.total "*"(closest: t3.total.total, "* ]]
	run --separate-stderr gip-stats -r disclosur "$F/records.tsv"
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"unknown ratio: disclosur (closest: disclosure, "* ]]
	run --separate-stderr gip-stats -g yaer "$F/records.tsv"
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"unknown field: yaer (closest: year, "* ]]
	run --separate-stderr gip-check -r t3-balanse "$F/records.tsv"
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"unknown rule: t3-balanse (closest: t3-balance"* ]]
	# known keys of every kind, wildcards, prose facts and doc records
	run gip-stats -c 't3.*.total,t4.review,narr.new.total,doc.tables.found,t2' "$F/records.tsv"
	[ "$status" -eq 0 ]
	# every key gip-tables writes for the seeds is known
	for s in "$SEEDS"/*.txt; do gip-normalize "$s" | gip-sections | gip-tables; done | cut -f 5-7 | sort -u | tr '\t' . > "$T/keys"
	[ "$(wc -l < "$T/keys")" -gt 100 ]
	gip-stats -c "$(paste -sd , "$T/keys")" /dev/null > /dev/null
}

@test "years and dates are no counts: narr period year has status year, never summed" {
	# seeds 000 and 004 state their period; 003 has a publication date
	for s in "$SEEDS"/000_*.txt "$SEEDS"/003_*.txt "$SEEDS"/004_*.txt; do gip-normalize "$s" | gip-sections | gip-tables; done > "$T/s.tsv"
	[ "$(awk -F'\t' '$5 == "narr" && $6 == "period" { print $8, $9 }' "$T/s.tsv" | sort)" = "$(printf '2018 year\n2022 year')" ]
	[ "$(awk -F'\t' '$5 == "narr" && $6 == "published" { print $9, $10 }' "$T/s.tsv" | sort -u)" = "$(printf "date 2019-02-26\ndate 2022-01-10")" ]
	# no num record holds a year
	[ -z "$(awk -F'\t' '$9 == "num" && $5 == "narr" && $6 == "period"' "$T/s.tsv")" ]
	# gip-stats: of the 3 reports, none has the period as a number
	run gip-stats --no-header -c narr.period.year "$T/s.tsv"
	[ "$output" = "$(printf 'narr\tperiod\tyear\t3\t0\t0\t0\t\t\t\t\t')" ]
	# gip-check still compares the period with the year: no finding
	run gip-check -r year "$T/s.tsv"
	[ -z "$output" ]
}

@test "--labels: row_label and col_label beside row and col, in TSV, JSON and --pretty, after a merge too" {
	run gip-stats --labels -c t3.new.total,t4.review.correct "$F/records.tsv"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$(printf 'table\trow\tcol\trow_label\tcol_label\tdocs\tcovered\tvalues\tsum\tmean\tmin\tmax\tmedian\tp90')" ]
	[ "$(printf '%s\n' "$output" | awk -F'\t' '$1 == "t4"' | cut -f 1-5)" = "$(printf 't4\treview\tcorrect\t行政复议\t结果纠正')" ]
	# the figures are those without --labels
	[ "$(printf '%s\n' "$output" | cut -f 1-3,6-)" = "$(gip-stats -c t3.new.total,t4.review.correct "$F/records.tsv")" ]
	run gip-stats --labels -j -g year,row -c 't3.*.total' "$F/records.tsv"
	[ "$(printf '%s\n' "$output" | jq -r 'select(.row == "carry_out") | .row_label' | sort -u)" = "四、结转下年度继续办理" ]
	[ "$(printf '%s\n' "$output" | jq -r 'has("col_label")' | sort -u)" = false ]
	gip-stats -p -c t3.new.total "$F/records.tsv" > "$T/l.st"
	run gip-stats -M --labels -P "$T/l.st"
	[[ "${lines[0]}" == "table  row  col    row_label"*"col_label  docs"* ]]
	[[ "${lines[1]}" == *"一、本年新收政府信息公开申请数量  总计"* ]]
}

@test "--csv and --bom: the table for spreadsheets (RFC 4180)" {
	printf 'a.txt\t某局, 东\t2022\t2021\tt3\tnew\ttotal\t5\tnum\t5\t1\nb.txt\t"X"局\t2022\t2021\tt3\tnew\ttotal\t7\tnum\t7\t1\n' > "$T/q.tsv"
	gip-stats --csv --bom -g agency -c t3.new.total "$T/q.tsv" > "$T/q.csv"
	[ "$(head -c 3 "$T/q.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ]
	[ "$(tail -c +4 "$T/q.csv")" = "$(printf 'agency,docs,covered,values,sum,mean,min,max,median,p90\r\n"""X""局",1,1,1,7,7,7,7,7,7\r\n"某局, 东",1,1,1,5,5,5,5,5,5\r')" ]
	# the same numbers as the TSV
	[ "$(tail -n +2 "$T/q.csv" | tr -d '\r' | sed 's/^"[^,]*局",//; s/^"某局, 东",//' | tr , '\t')" = "$(gip-stats --no-header -g agency -c t3.new.total "$T/q.tsv" | cut -f 2-)" ]
	run --separate-stderr gip-stats --csv -p "$T/q.tsv"
	[ "$status" -eq 2 ]
	run --separate-stderr gip-stats --bom -j "$T/q.tsv"
	[ "$status" -eq 2 ]
}

@test "one line intake: gip-check and gip-stats take BOM, CRLF and blank lines alike" {
	{ printf '\357\273\277'; head -3 "$F/records.tsv" | sed 's/$/\r/'; printf ' \t \r\n\n'; tail -n +4 "$F/records.tsv"; } > "$T/odd.tsv"
	run --separate-stderr gip-stats "$T/odd.tsv"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[ "$output" = "$(gip-stats "$F/records.tsv")" ]
	run --separate-stderr gip-check "$T/odd.tsv"
	[ -z "$stderr" ]
	[ "$output" = "$(gip-check "$F/records.tsv")" ]
	# and the finding header both write and skip is lib's
	[ "$(gip-check -H "$F/records.tsv" | head -1)" = "$(printf 'doc\trule\tseverity\ttable\trow\tcol\texpected\tactual\tmessage\tline')" ]
	[ "$(gip-check -H "$F/records.tsv" | gip-stats -f - "$F/records.tsv")" = "$(gip-check "$F/records.tsv" | gip-stats -f - "$F/records.tsv")" ]
}
