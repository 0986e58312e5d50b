#!/usr/bin/env bats
# Every report counted: the facts the prose states in any report (with
# tables or none, any template), the doc status records that keep a
# report from vanishing, gip-check and gip-stats on them, and the
# metadata gip-sections reads from real pages (../shared/realworld).

load helpers

TF="$FIXTURES/tables"
REAL="$REPO/../shared/realworld"

# fact DOC ROW: "value status raw" of DOC's narr ROW in $output
fact() {
	printf '%s\n' "$output" | awk -F'\t' -v d="$1" -v r="$2" \
	    '$1 == d && $5 == "narr" && $6 == r { print $8 " " $9 " " $10 }'
}

# doc DOC: "tables raw cells facts basis" from DOC's doc records
doc() {
	printf '%s\n' "$output" | awk -F'\t' -v d="$1" '
	    $1 == d && $5 == "doc" && $6 == "tables" { t = $8 " " $10 }
	    $1 == d && $5 == "doc" && $6 == "cells" { c = $8 }
	    $1 == d && $5 == "doc" && $6 == "narr" { f = $8 }
	    $1 == d && $5 == "doc" && $6 == "template" { b = $10 }
	    END { print t "|" c "|" f "|" b }'
}

realworld() {
	[ -d "$REAL/docs" ] || skip "no ../shared/realworld here"
}

@test "prose: every fact from real-shaped sentences, hand-checked (fixture prose)" {
	cd "$TF"
	run --separate-stderr gip-tables prose.txt
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	diff -u prose.tsv <(printf '%s\n' "$output" | awk -F'\t' '$5 != "doc"')
}

@test "prose: outcomes, sums, carried over and the proactive count" {
	run gip-tables "$TF/prose.txt"
	[ "$(fact prose-a new)" = "128 num 受理政府信息公开申请128件" ]
	[ "$(fact prose-a carry_in)" = "4 num 上年度结转申请4件" ]
	[ "$(fact prose-a open)" = "56 num 予以公开56件" ]
	[ "$(fact prose-a partial)" = "12 num 部分公开12件" ]
	[ "$(fact prose-a deny)" = "9 num 不予公开9件" ]
	[ "$(fact prose-a unable)" = "38 num 无法提供38件" ]
	[ "$(fact prose-a ignore)" = "5 num 不予处理5件" ]
	[ "$(fact prose-a other)" = "8 num 其他处理8件" ]
	[ "$(fact prose-a total)" = "128 num 办结128件" ]
	[ "$(fact prose-a carry_out)" = "2 num 结转下年度继续办理2件" ]
	[ "$(fact prose-a proactive)" = "3456 num 主动公开政府信息3,456条" ]
	# 予以公开、部分公开共42件 is a sum: its own key, neither cell
	[ "$(fact prose-c open_partial)" = "42 num 予以公开、部分公开共42件" ]
	[ -z "$(fact prose-c open)" ]
	[ -z "$(fact prose-c partial)" ]
	# the number before the noun, and 复议/诉讼 without 行政
	[ "$(fact prose-c new)" = "70 num 收到70件申请" ]
	[ "$(fact prose-c carry_out)" = "1 num 1件结转下年度" ]
	[ "$(fact prose-c review)" = "1 num 复议1件" ]
	[ "$(fact prose-c litigation)" = "2 num 诉讼2件" ]
}

@test "prose: what must not be read: percentages, another 行政复议, money, 累计, 约, parties, hotlines" {
	run gip-tables "$TF/prose.txt"
	# prose-b is made only of near misses
	[ -z "$(printf '%s\n' "$output" | awk -F'\t' '$1 == "prose-b" && $5 == "narr"')" ]
	[ "$(doc prose-b)" = "0 excerpt|0|0|meta" ]
	# in prose-a they come first and do not take the fact's place
	[ "$(fact prose-a review)" = "3 num 行政复议3件" ]
	[ "$(fact prose-a penalty)" = "236 num 行政处罚236起" ]
	[ "$(fact prose-a license)" = "1258 num 行政许可1258件" ]
	[ "$(fact prose-a proactive)" = "3456 num 主动公开政府信息3,456条" ]
	# one at a time, each alone in a report
	for s in '予以公开率为45%。' '本局作为复议机关，共办理行政复议案件30件。' \
	    '行政处罚罚没款1200元。' '行政许可约300件，行政强制10余次。' \
	    '截至2023年底，累计主动公开政府信息64627条。' \
	    '2023年12345热线办结工单3000件，按时办结率100%。' \
	    '信息公开咨询电话：0577-88880725。' '其中自然人申请20件，法人申请3件。' \
	    '依申请公开办理时限平均为5个工作日。' '收到群众来信12件。' \
	    '2023年收到政府信息公开申请的比例为35%。' '上年度结转的整改事项5项。' \
	    '行政复议纠错率为20%。' '2023年度报告共分6个部分。'; do
		printf '\036doc\tx\n\036meta\tyear\t2023\n%s\n' "$s" > "$BATS_TEST_TMPDIR/x.txt"
		run gip-tables "$BATS_TEST_TMPDIR/x.txt"
		echo "$s"
		[ -z "$(printf '%s\n' "$output" | awk -F'\t' '$5 == "narr"')" ]
	done
}

@test "prose: a pre-2019 report: 同意公开, 宗, 顺延, no 复议 or 诉讼, template from the year" {
	run gip-tables "$TF/prose.txt"
	[ "$(fact prose-d new)" = "35 num 受理政府信息公开申请35宗" ]
	[ "$(fact prose-d open)" = "20 num 同意公开20宗" ]
	[ "$(fact prose-d partial)" = "5 num 同意部分公开5宗" ]
	[ "$(fact prose-d deny)" = "3 num 不同意公开3宗" ]
	[ "$(fact prose-d carry_out)" = "2 num 2件申请因需征求第三方意见顺延至下年度" ]
	[ "$(fact prose-d review)" = "0 num 未发生因政府信息公开申请引起的行政复议和行政诉讼" ]
	[ "$(printf '%s\n' "$output" | awk -F'\t' '$1 == "prose-d" { print $4 }' | sort -u)" = pre2019 ]
	[ "$(doc prose-d)" = "0 no table|0|7|year" ]
	[ "$(doc prose-c)" = "0 excerpt|0|6|year" ]
}

@test "doc records: every document leaves them, with tables, cells and facts" {
	printf '\036doc\tempty\n' > "$BATS_TEST_TMPDIR/empty"
	run --separate-stderr gip-tables "$SEEDS"/000_*.txt "$TF/prose.txt" "$BATS_TEST_TMPDIR/empty"
	[ "$status" -eq 0 ]
	[ "$(doc "$(echo "$SEEDS"/000_*.txt)")" = "3 t2 t3 t4|200|4|tables" ]
	[ "$(doc prose-a)" = "0 excerpt|0|16|meta" ]
	# even an empty document is not lost
	[ "$(doc empty)" = "0 excerpt|0|0|none" ]
	# four records each, eleven fields, table doc
	[ "$(printf '%s\n' "$output" | awk -F'\t' '$5 == "doc"' | wc -l)" -eq 24 ]
	[ "$(printf '%s\n' "$output" | awk -F'\t' '$5 == "doc" && NF != 11' | wc -l)" -eq 0 ]
	run gip-tables --json "$BATS_TEST_TMPDIR/empty"
	[ "$(jq -c '.tables.doc.tables.found' <<< "$output")" = '{"value":0,"status":"num","raw":"excerpt","line":null}' ]
	run gip-tables --wide "$BATS_TEST_TMPDIR/empty"
	col=$(printf '%s\n' "${lines[0]}" | tr '\t' '\n' | grep -nx 'doc.tables.found' | cut -d: -f1)
	[ "$(printf '%s\n' "${lines[1]}" | cut -f"$col")" = 0 ]
}

@test "doc records: a report with no table, a pre-2019 report, a prose-only excerpt; gip-check and gip-stats count them" {
	realworld
	# 022: a 2025 report, its tables not in the excerpt; 013: 2016; 010: prose only
	run sh -c 'for f in "$@"; do gip-normalize "$f" | gip-sections 2>/dev/null | gip-tables; done' sh \
	    "$REAL/docs/022.txt" "$REAL/docs/013.txt" "$REAL/docs/010.txt"
	[ "$(doc "$REAL/docs/022.txt")" = "0 excerpt|0|4|year" ]
	[ "$(doc "$REAL/docs/013.txt")" = "0 excerpt|0|1|year" ]
	[ "$(doc "$REAL/docs/010.txt")" = "0 excerpt|0|3|year" ]
	[ "$(fact "$REAL/docs/022.txt" new)" = "449 num 受理政府信息公开申请449件" ]
	[ "$(fact "$REAL/docs/022.txt" carry_out)" = "7 num 结转下年度继续办理7件" ]
	[ "$(fact "$REAL/docs/010.txt" new)" = "5 num 受理并办理依申请公开5件" ]
	[ "$(fact "$REAL/docs/013.txt" period)" = "2016 year 统计期限为2016年1月1日至12月31日" ]
	printf '%s\n' "$output" > "$BATS_TEST_TMPDIR/r.tsv"
	# gip-check: one complete finding for each report after 2018, with its reason
	run gip-check -r complete "$BATS_TEST_TMPDIR/r.tsv"
	[ "$status" -eq 1 ]
	[ "$(printf '%s\n' "$output" | cut -f1,2,3,7,8 | sed "s|$REAL/docs/||")" = "$(printf '022.txt\tcomplete\terror\t3 tables\texcerpt\n010.txt\tcomplete\terror\t3 tables\texcerpt')" ]
	[[ "${lines[0]}" == *"no standard table found (excerpt): the 2021 template requires tables 二, 三 and 四"* ]]
	# gip-stats: three reports went in, none with tables
	run gip-stats -d "$BATS_TEST_TMPDIR/r.tsv"
	[ "$output" = "$(printf 'docs\ttables\tcoverage\n3\t0\t0')" ]
	run gip-stats -f "$BATS_TEST_TMPDIR/r.tsv" <(gip-check "$BATS_TEST_TMPDIR/r.tsv")
	[[ "$(printf '%s\n' "$output" | grep '^complete')" == "$(printf 'complete\terror\t3\t2\t')"* ]]
}

@test "gip-stats -d: coverage by group, and the same through partial states" {
	recs=$BATS_TEST_TMPDIR/r.tsv
	gip-tables "$SEEDS"/00[0-3]_*.txt "$TF/prose.txt" > "$recs"
	run gip-stats -d -g template "$recs"
	[ "$output" = "$(printf 'template\tdocs\ttables\tcoverage\n2021\t7\t4\t0.571429\npre2019\t1\t0\t0')" ]
	split -l 150 "$recs" "$BATS_TEST_TMPDIR/p."
	for p in "$BATS_TEST_TMPDIR"/p.??; do gip-stats -d -g template -p "$p" > "$p.st"; done
	[ "$(gip-stats -M "$BATS_TEST_TMPDIR"/p.??.st)" = "$output" ]
	run --separate-stderr gip-stats -d -g row "$recs"
	[ "$status" -eq 2 ]
	run --separate-stderr gip-stats -d -f "$recs"
	[ "$status" -eq 2 ]
}

@test "narrative: sums against the cells they add up (open+partial, deny_*, other_* of 2021)" {
	f=$BATS_TEST_TMPDIR/s.tsv
	grep -v '	narr	' "$FIXTURES/check/good.tsv" > "$f"
	d=$(cut -f1-4 "$f" | sed -n 2p)
	get() { awk -F'\t' -v r="$1" '$5 == "t3" && $6 == r && $7 == "total" { print $8 }' "$f"; }
	op=$(( $(get open) + $(get partial) ))
	printf '%s\tnarr\topen_partial\ttotal\t%s\tnum\t予以公开及部分公开%s件\t9\n' "$d" "$op" "$op" >> "$f"
	run gip-check -r narrative "$f"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	printf '%s\tnarr\topen_partial\ttotal\t%s\tnum\t予以公开及部分公开%s件\t9\n' "$d" $((op + 3)) $((op + 3)) >> "$f"
	dn=$(( $(get deny_secret) + $(get deny_law) + $(get deny_safety) + $(get deny_third) + $(get deny_internal) + $(get deny_process) + $(get deny_case) + $(get deny_query) ))
	printf '%s\tnarr\tdeny\ttotal\t%s\tnum\t不予公开%s件\t9\n' "$d" $((dn + 1)) $((dn + 1)) >> "$f"
	ot=$(( $(get other_nocorrect) + $(get other_nofee) + $(get other_misc) ))
	printf '%s\tnarr\tother\ttotal\t%s\tnum\t其他处理%s件\t9\n' "$d" "$ot" "$ot" >> "$f"
	run gip-check -r narrative "$f"
	[ "$status" -eq 1 ]
	[ "$(printf '%s\n' "$output" | cut -f2-8)" = "$(printf 'narrative\terror\tt3\topen+partial\ttotal\t%s\t%s\nnarrative\terror\tt3\tdeny_*\ttotal\t%s\t%s' "$op" $((op + 3)) "$dn" $((dn + 1)))" ]
	[[ "${lines[0]}" == *"the text says 三、本年度办理结果（一）予以公开 / 总计 + "* ]]
}

@test "realworld: every narr row of the gold is read (score)" {
	realworld
	run "$REAL/score" "$GIP_BIN"
	printf '%s\n' "$output" | grep ' narr ' && false
	[ "$(awk -F'\t' '$2 == "narr"' "$REAL/gold.tsv" | wc -l)" -ge 11 ]
}

@test "realworld: each prose-only report gives its facts, none misread" {
	realworld
	for f in 010 012 013 021 022; do
		gip-normalize "$REAL/docs/$f.txt" | gip-sections 2>/dev/null | gip-tables
	done > "$BATS_TEST_TMPDIR/p.tsv"
	awk -F'\t' '$5 == "narr" && $6 != "published" { sub(".*/", "", $1); print $1, $6, $8 }' "$BATS_TEST_TMPDIR/p.tsv" > "$BATS_TEST_TMPDIR/got"
	cat > "$BATS_TEST_TMPDIR/want" <<-'EOF'
	010.txt new 5
	010.txt proactive 381
	010.txt period 2024
	012.txt period 2017
	013.txt period 2016
	021.txt period 2025
	022.txt new 449
	022.txt carry_out 7
	022.txt proactive 5729
	022.txt period 2025
	EOF
	diff -u "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/got"
}

@test "realworld: gip-sections -m gives the agency and year of every report that names them" {
	realworld
	for f in "$REAL"/docs/*.txt; do
		gip-normalize "$f" | gip-sections -m 2>/dev/null
	done | awk -F'\t' '{ sub(".*/", "", $1); print $1 "\t" $2 "\t" $3 }' > "$BATS_TEST_TMPDIR/got"
	# index.tsv's agency where the text names it (002, 006 and 020 name
	# none; 009 names only 河包镇; 平潭's pages not its 管委会), its year
	cat > "$BATS_TEST_TMPDIR/want" <<-'EOF'
	002.txt		2024
	006.txt	区统计局	2023
	009.txt	河包镇	2020
	010.txt	温州市医疗保障局	2024
	012.txt	泰州市人民政府	2017
	013.txt	宿州市人民政府	2016
	016.txt	岳阳市信访局	2021
	018.txt	广州市人民政府	2012
	020.txt		2022
	021.txt	开远市人民政府	2025
	022.txt	白城市人民政府	2025
	026.txt	江苏省公安厅	2023
	030.txt	清水县人民政府	2019
	045.txt	济南市章丘区文化和旅游局	2023
	flat103.txt	平潭综合实验区	2021
	flat105.txt	平潭综合实验区	2023
	EOF
	diff -u "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/got"
	# each year is index.tsv's
	awk -F'\t' 'NR > 1 { print $1 "\t" $4 }' "$REAL/index.tsv" | sort > "$BATS_TEST_TMPDIR/iy"
	cut -f1,3 "$BATS_TEST_TMPDIR/got" | sort > "$BATS_TEST_TMPDIR/gy"
	diff -u "$BATS_TEST_TMPDIR/iy" "$BATS_TEST_TMPDIR/gy"
}

@test "metadata: crawler labels, breadcrumbs, wrapped titles, a place's government, no chrome" {
	m() { printf '%s\n' "$@" > "$BATS_TEST_TMPDIR/m.txt"; gip-sections -m "$BATS_TEST_TMPDIR/m.txt" 2>/dev/null | cut -f2-4; }
	[ "$(m '标题: 某某县教育局2022年度政府信息公开工作年度报告' '发布时间: 2023-01-20')" = "$(printf '某某县教育局\t2022\t2021')" ]
	[ "$(m '当前页面: 首页 > 政务公开 > 年报' '某某镇人民政府' '2020年政府信息公开工作年度报告')" = "$(printf '某某镇人民政府\t2020\t2019')" ]
	[ "$(m '某某市人民政府2016年' '政府信息公开工作年度报告' '一、概述')" = "$(printf '某某市人民政府\t2016\tpre2019')" ]
	[ "$(m '开远市2025年政府信息公开工作年度报告' '如有疑问请与开远市人民政府办公室联系。')" = "$(printf '开远市人民政府\t2025\t2021')" ]
	[ "$(m '当前位置：首页 > 政务公开 > 某某县教育局2022年政府信息公开工作年度报告' '一、总体情况')" = "$(printf '某某县教育局\t2022\t2021')" ]
	# a page naming no agency: empty, never the breadcrumb
	[ "$(m '当前位置：首页 > 信息公开 > 年度报告' '2023年政府信息公开工作年度报告' '发布日期：2024-01-15')" = "$(printf '\t2023\t2021')" ]
	# the year: statistics period, else publication date less one
	[ "$(m '本报告统计期限自2017年1月1日起至12月31日止。')" = "$(printf '\t2017\tpre2019')" ]
	[ "$(m '某局工作报告' '发布日期：2021-01-20')" = "$(printf '\t2020\t2019')" ]
	run --separate-stderr gip-sections -m --json <<< '某局2022年政府信息公开工作年度报告'
	[ "$(jq -r '[.template, .template_basis] | @tsv' <<< "$output")" = "$(printf '2021\tyear')" ]
}

@test "prose: more real shapes: every applicant at once, 各类信息, 依申请公开政府信息, 予以全部公开, 宗" {
	# one "sentence|row value" a line: what a report says, what is read
	while IFS='|' read -r s want; do
		printf '\036doc\tx\n%s\n' "$s" > "$BATS_TEST_TMPDIR/x.txt"
		got=$(gip-tables "$BATS_TEST_TMPDIR/x.txt" | awk -F'\t' '$5 == "narr" { print $6 " " $8 }' | paste -sd ,)
		echo "$s: $got"
		[ "$got" = "$want" ]
	done <<-'EOF2'
	本年度共收到公民、法人和其他组织提出的政府信息公开申请15件。|new 15
	本年度收到法人或其他组织的政府信息公开申请3件。|
	全年主动公开各类信息1200条。|proactive 1200
	主动公开政策解读信息13条。|
	2023年依申请公开政府信息12件。|new 12
	其中予以全部公开10件，部分公开2件，本年度共收到申请12件。|open 10,partial 2
	全年共收到政府信息公开申请25宗，结转至下一年度办理3宗。|new 25,carry_out 3
	本年度办结依申请公开81件，予以公开及部分公开42件。|open_partial 42,total 81
	因政府信息依申请公开引起行政复议2件，行政诉讼1件。|review 2,litigation 1
	本机关作为复议机关办理行政复议30件，行政诉讼应诉15件。|
	共受理政府信息公开申请30件，同意公开20件，部分同意公开5件，不同意公开3件。|new 30,open 20,partial 5,deny 3
	主动公开信息累计3456条。|
	主动公开政府信息达5729条。|proactive 5729
	EOF2
}

@test "prose: 办结 and 答复 only about applications, the sentence before counts only with 公开" {
	while IFS='|' read -r s want; do
		printf '\036doc\tx\n%s\n' "$s" > "$BATS_TEST_TMPDIR/x.txt"
		got=$(gip-tables "$BATS_TEST_TMPDIR/x.txt" | awk -F'\t' '$5 == "narr" { print $6 " " $8 }' | paste -sd ,)
		echo "$s: $got"
		[ "$got" = "$want" ]
	done <<-'EOF2'
	规范依申请公开办理流程。12345热线共办结3000件，答复网民留言320件。|
	本年度共收到政府信息公开申请36件。全年办结36件，其中予以公开18件，部分公开5件。|new 36,open 18,partial 5,total 36
	全年共受理政府信息公开申请129件，已办结129件，其中同意公开96件，不同意公开4件。|new 129,open 96,deny 4,total 129
	全年共收到政府信息公开申请 15 件（含上年结转 1 件），已全部按期答复。|new 15,carry_in 1
	全年共发生政府信息公开行政复议2起，行政诉讼1起。|review 2,litigation 1
	EOF2
}

@test "doc records: tables that were pictures: the sections are there, bare; gip-check says why" {
	f=$BATS_TEST_TMPDIR/img.txt
	{
		printf '\036doc\timg\n\036meta\tyear\t2022\n'
		printf '\036sec\t2\t主动公开政府信息情况\t二、主动公开政府信息情况\n二、主动公开政府信息情况\n[图片]\n'
		printf '\036sec\t3\t收到和处理政府信息公开申请情况\t三、收到和处理政府信息公开申请情况\n三、收到和处理政府信息公开申请情况\n[图片]\n'
		printf '本年度共收到政府信息公开申请12件。\n'
		printf '\036sec\t4\t政府信息公开行政复议、行政诉讼情况\t四、政府信息公开行政复议、行政诉讼情况\n四、政府信息公开行政复议、行政诉讼情况\n[图片]\n'
	} > "$f"
	run gip-tables "$f"
	[ "$(doc img)" = "0 image tables|0|1|year" ]
	[ "$(fact img new)" = "12 num 收到政府信息公开申请12件" ]
	# the template of a report on 2022, inferred
	[ "$(printf '%s\n' "$output" | cut -f4 | sort -u)" = 2021 ]
	run sh -c 'gip-tables "$1" | gip-check' sh "$f"
	[ "$status" -eq 1 ]
	[ "$(printf '%s\n' "$output" | cut -f2,3,7,8)" = "$(printf 'complete\terror\t3 tables\timage tables')" ]
}

@test "gip-stats -d: JSON, a chart of coverage by default, an aligned table" {
	recs=$BATS_TEST_TMPDIR/r.tsv
	gip-tables "$SEEDS"/00[0-3]_*.txt "$TF/prose.txt" > "$recs"
	run gip-stats -d -j -g template "$recs"
	[ "${lines[0]}" = '{"template":"2021","docs":7,"tables":4,"coverage":0.571429}' ]
	[ "${lines[1]}" = '{"template":"pre2019","docs":1,"tables":0,"coverage":0}' ]
	COLUMNS=60 run gip-stats -d -C -g template "$recs"
	[[ "${lines[0]}" == "coverage by template"* ]]
	run gip-stats -d -P "$recs"
	[ "$output" = "$(printf 'docs  tables  coverage\n   8       4       0.5')" ]
}
