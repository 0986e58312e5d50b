#!/usr/bin/env bats
# gip-sections: section boundaries and metadata of the seeds (checked by
# hand against `cat -n`), the table-三 traps, wrapped and variant
# headings, pre-2019 layouts, warnings, streams of many documents, and
# the interface.

load helpers

F="$FIXTURES/sections"
RS=$'\036'

# the sections of one file as "std heading first last", one per line
ranges() {
	local out st=0
	out=$(gip-sections -l "$@") || st=$?
	[ -z "$out" ] || cut -f2,4-6 <<< "$out"
	return $st
}

# a framed document: frame_doc NAME FILE (a final newline guaranteed)
frame_doc() {
	printf '\036doc\t%s\n' "$1"
	sed -e '$a\' "$2"
}

# text lines only: the frames dropped
text_only() {
	grep -av "^$RS" || true
}

@test "seed 000: six sections, table-三 rows are not headings" {
	run --separate-stderr ranges "$SEEDS/000_6152f4f472c67e79.txt"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	# by hand: headings at 7 41 59 91 98 106; 一、本年新收 (64),
	# 二、上年结转 (65), 三、本年度办理结果 (66) and 四、结转下年度
	# 继续办理 (89) are table rows inside section 三
	expected=$(printf '%s\n' \
	    $'1\t一、总体情况\t7\t39' \
	    $'2\t二、主动公开政府信息情况\t41\t57' \
	    $'3\t三、收到和处理政府信息公开申请情况\t59\t89' \
	    $'4\t四、政府信息公开行政复议、行政诉讼情况\t91\t96' \
	    $'5\t五、存在的问题及下一步工作打算\t98\t104' \
	    $'6\t六、其他需要报告的事项\t106\t114')
	[ "$output" = "$expected" ]
}

@test "seed 001: 一、总体情况 above the title, wrapped table labels" {
	run --separate-stderr ranges "$SEEDS/001_0d5401f7639ff5e6.txt"
	[ "$status" -eq 0 ]
	# by hand: the heading at line 2 is real (the title follows at 4);
	# 三、本年度办理 / 结果 (86-88) and 四、结转下年度继续办理 0 0 ... (156)
	# are rows; section 四 is at 158
	expected=$(printf '%s\n' \
	    $'1\t一、总体情况\t2\t26' \
	    $'2\t二、主动公开政府信息情况\t28\t56' \
	    $'3\t三、收到和处理政府信息公开申请情况\t58\t156' \
	    $'4\t四、政府信息公开行政复议、行政诉讼情况\t158\t167' \
	    $'5\t五、存在的主要问题及改进情况\t169\t175' \
	    $'6\t六、其他需要报告的事项\t177\t179')
	[ "$output" = "$expected" ]
}

@test "seed 002: title on two lines, 存在主要问题 variant" {
	run --separate-stderr ranges "$SEEDS/002_b2d54d8ee510d9d5.txt"
	[ "$status" -eq 0 ]
	expected=$(printf '%s\n' \
	    $'1\t一、总体情况\t9\t35' \
	    $'2\t二、主动公开政府信息情况\t37\t52' \
	    $'3\t三、收到和处理政府信息公开申请情况\t54\t83' \
	    $'4\t四、政府信息公开行政复议、行政诉讼情况\t85\t90' \
	    $'5\t五、存在主要问题及改进情况\t92\t98' \
	    $'6\t六、其他需要报告的事项\t100\t115')
	[ "$output" = "$expected" ]
}

@test "seed 003: markdown levels, pipes, ### （三） is not a heading" {
	run --separate-stderr ranges "$SEEDS/003_413ce132ed396131.txt"
	[ "$status" -eq 0 ]
	# by hand: ### 一、 (9), ### （三）落实精神 (25) stays inside 一,
	# ## 二、 (35), ### 三、 (53), ### 四、 (85), ## 五、 (93), #### 六、 (101)
	expected=$(printf '%s\n' \
	    $'1\t一、总体情况\t9\t33' \
	    $'2\t二、主动公开政府信息情况\t35\t51' \
	    $'3\t三、收到和处理政府信息公开申请情况\t53\t83' \
	    $'4\t四、政府信息公开行政复议、行政诉讼情况\t85\t91' \
	    $'5\t五、存在的主要问题及改进情况\t93\t99' \
	    $'6\t六、其他需要报告的事项\t101\t103')
	[ "$output" = "$expected" ]
}

@test "seed 004: a 2018 report keeps its twelve headings, mapped where it can" {
	run --separate-stderr ranges "$SEEDS/004_8c5bedf48d46d160.txt"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	expected=$(printf '%s\n' \
	    $'1\t一、概述\t10\t53' \
	    $'2\t二、政府信息主动公开情况\t55\t67' \
	    $'0\t三、推进重点领域政府信息公开情况\t69\t87' \
	    $'0\t四、推进“互联网+政务服务”情况。\t89\t95' \
	    $'0\t五、人大代表建议意见、政协提案办理结果公开情况\t97\t99' \
	    $'0\t六、政策解读情况\t101\t109' \
	    $'0\t七、回应社会关切情况\t111\t113' \
	    $'3\t八、政府信息依申请公开情况\t115\t117' \
	    $'0\t九、政府信息公开平台载体建设情况\t119\t121' \
	    $'0\t十、政府信息公开制度机制建设情况\t125\t131' \
	    $'5\t十一、存在的问题和不足\t133\t135' \
	    $'5\t十二、2019年政府信息公开工作计划\t137\t157')
	[ "$output" = "$expected" ]
}

@test "seeds: metadata (agency, year reported on, template, date, hash)" {
	run --separate-stderr gip-sections -m "$SEEDS"/*.txt
	[ "$status" -eq 0 ]
	expected=$(printf '%s\n' \
	    "$SEEDS/000_6152f4f472c67e79.txt"$'\t惠农区卫生健康局\t2022\t2021\t\t466439fff4094e30' \
	    "$SEEDS/001_0d5401f7639ff5e6.txt"$'\t卫健委\t2022\t2021\t\t5c621ddb6095bb1f' \
	    "$SEEDS/002_b2d54d8ee510d9d5.txt"$'\t平罗县卫生健康局\t2024\t2021\t\tc59963a3a13696de' \
	    "$SEEDS/003_413ce132ed396131.txt"$'\t绥芬河市卫生健康局\t2021\t2021\t2022-01-10\t385b54db481baebc' \
	    "$SEEDS/004_8c5bedf48d46d160.txt"$'\t中宁县卫生和计划生育局\t2018\tpre2019\t2019-02-26\t671810228e28962d')
	[ "$output" = "$expected" ]
}

@test "the hash is XXH64 of the text, each line with its newline" {
	# XXH64 of "" is ef46db3751d8e999 and of "a\n" fbbde8981eccc855
	# (reference values); a missing final newline is supplied
	printf '\036doc\tempty\n' > "$BATS_TEST_TMPDIR/e"
	run --separate-stderr gip-sections -m "$BATS_TEST_TMPDIR/e"
	[ "$(cut -f6 <<< "$output")" = ef46db3751d8e999 ]
	printf 'a' > "$BATS_TEST_TMPDIR/a"
	run --separate-stderr gip-sections -m "$BATS_TEST_TMPDIR/a"
	[ "$(cut -f6 <<< "$output")" = fbbde8981eccc855 ]
	printf 'a\n' > "$BATS_TEST_TMPDIR/a"
	run --separate-stderr gip-sections -m "$BATS_TEST_TMPDIR/a"
	[ "$(cut -f6 <<< "$output")" = fbbde8981eccc855 ]
	# an independent implementation: zstd's content checksum is the
	# low 32 bits of XXH64; every length class (<4, <8, <32, >=32)
	command -v zstd > /dev/null || skip "zstd not installed"
	for n in 1 3 5 9 31 32 33 64 100 1000 20000; do
		head -c "$n" "$SEEDS/004_8c5bedf48d46d160.txt" | tr '\n' x > "$BATS_TEST_TMPDIR/h"
		echo >> "$BATS_TEST_TMPDIR/h"
		h=$(gip-sections -m "$BATS_TEST_TMPDIR/h" 2> /dev/null | cut -f6)
		z=$(zstd -q --check -c "$BATS_TEST_TMPDIR/h" | tail -c 4 | od -An -tx4 | tr -d ' ')
		echo "$n: $h $z"
		[ "${h:8}" = "$z" ]
	done
}

@test "stream: meta frames after doc, one sec frame before each heading" {
	run --separate-stderr gip-sections "$SEEDS/000_6152f4f472c67e79.txt"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "${RS}doc	$SEEDS/000_6152f4f472c67e79.txt" ]
	[ "${lines[1]}" = "${RS}meta	agency	惠农区卫生健康局" ]
	[ "${lines[2]}" = "${RS}meta	year	2022" ]
	[ "${lines[3]}" = "${RS}meta	template	2021" ]
	[ "${lines[4]}" = "${RS}meta	template_basis	labels" ]
	[ "${lines[5]}" = "${RS}meta	hash	466439fff4094e30" ]
	[ "$(grep -ac "^${RS}sec" <<< "$output")" -eq 6 ]
	[ "$(grep -ac "^${RS}sec	4	政府信息公开行政复议、行政诉讼情况	四、政府信息公开行政复议、行政诉讼情况\$" <<< "$output")" -eq 1 ]
	# each sec frame is followed by its heading line
	run bash -c "grep -a -A1 '^${RS}sec' <<< \"\$0\" | grep -av '^${RS}' | grep -v '^--'" "$output"
	[ "${lines[2]}" = "三、收到和处理政府信息公开申请情况" ]
	[ "${lines[3]}" = "四、政府信息公开行政复议、行政诉讼情况" ]
}

@test "stream: the text passes through unchanged, and the tool is idempotent" {
	for f in "$SEEDS"/*.txt; do
		gip-sections "$f" > "$BATS_TEST_TMPDIR/out"
		text_only < "$BATS_TEST_TMPDIR/out" > "$BATS_TEST_TMPDIR/text"
		sed -e '$a\' "$f" | cmp - "$BATS_TEST_TMPDIR/text"
		gip-sections "$BATS_TEST_TMPDIR/out" | cmp - "$BATS_TEST_TMPDIR/out"
	done
}

@test "trap: table-三 rows, a list 一、二、, a quoted heading, 逾期 sub-items" {
	run --separate-stderr ranges "$F/trap.txt"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	# 一、加强领导 (5) and 二、完善制度 (7) are a list in section 一; line
	# 10 quotes “二、主动公开政府信息情况”; 17 19 21 26 are table rows
	expected=$(printf '%s\n' \
	    $'1\t一、总体情况\t3\t10' \
	    $'2\t二、主动公开政府信息情况\t11\t14' \
	    $'3\t三、收到和处理政府信息公开申请情况\t15\t27' \
	    $'4\t四、政府信息公开行政复议、行政诉讼情况\t28\t29' \
	    $'5\t五、存在的主要问题及改进情况\t30\t31' \
	    $'6\t六、其他需要报告的事项\t32\t33')
	[ "$output" = "$expected" ]
	run gip-sections -m "$F/trap.txt"
	[ "$(cut -f2-5 <<< "$output")" = $'某某区教育局\t2023\t2021\t' ]
}

@test "trap: a list 一、… 八、 inside section 六 does not continue the numbering" {
	run --separate-stderr ranges "$F/listsix.txt"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	expected=$(printf '%s\n' \
	    $'1\t一、总体情况\t2\t4' \
	    $'2\t二、主动公开政府信息情况\t5\t6' \
	    $'3\t三、收到和处理政府信息公开申请情况\t7\t8' \
	    $'4\t四、政府信息公开行政复议、行政诉讼情况\t9\t10' \
	    $'5\t五、存在的主要问题及改进情况\t11\t12' \
	    $'6\t六、其他需要报告的事项\t13\t23')
	[ "$output" = "$expected" ]
}

@test "trap: sequence logic prefers the heading that fits over a stray number" {
	printf '%s\n' 一、总体情况 正文 三、加强培训 正文 二、主动公开政府信息情况 \
	    表 三、收到和处理政府信息公开申请情况 表 四、其他工作 正文 \
	    四、政府信息公开行政复议、行政诉讼情况 无 五、存在的主要问题及改进情况 \
	    无 六、其他需要报告的事项 无 > "$BATS_TEST_TMPDIR/seq.txt"
	run --separate-stderr ranges "$BATS_TEST_TMPDIR/seq.txt"
	[ "$status" -eq 0 ]
	[ "$(cut -f1,3 <<< "$output" | tr '\t\n' '  ')" = "1 1 2 5 3 7 4 11 5 13 6 15 " ]
}

@test "wrapped headings: two lines, or two lines around a blank" {
	run --separate-stderr ranges "$F/wrapped.txt"
	[ "$status" -eq 0 ]
	expected=$(printf '%s\n' \
	    $'1\t一、总体情况\t3\t5' \
	    $'2\t二、主动公开政府信息情况\t6\t8' \
	    $'3\t三、收到和处理政府信息公开申请情况\t9\t15' \
	    $'4\t四、政府信息公开行政复议、行政诉讼情况\t16\t18' \
	    $'5\t五、存在的主要问题及改进情况\t19\t21' \
	    $'6\t六、其他需要报告的事项\t22\t24')
	[ "$output" = "$expected" ]
	# the sec frame comes before the first part; both parts follow
	run bash -c "gip-sections '$F/wrapped.txt' | grep -a -A2 '${RS}sec	4'"
	[ "${lines[1]}" = "四、政府信息公开" ]
	[ "${lines[2]}" = "行政复议、行政诉讼情况" ]
	run gip-sections -m "$F/wrapped.txt"
	# no table shows the template: the year's, marked as inferred
	[ "$(cut -f2-4 <<< "$output")" = $'XX市统计局\t2022\t2021' ]
	run gip-sections -m --json "$F/wrapped.txt"
	[ "$(jq -r .template_basis <<< "$output")" = year ]
}

@test "heading variants: # and **, 一． 二， 四 blank, long wordings, 2019 labels" {
	run --separate-stderr ranges "$F/variants.txt"
	[ "$status" -eq 0 ]
	expected=$(printf '%s\n' \
	    $'1\t一．总体情况\t5\t7' \
	    $'2\t二，主动公开政府信息情况\t9\t12' \
	    $'3\t三、收到和处理政府信息公开申请情况\t14\t16' \
	    $'4\t四 因政府信息公开工作被申请行政复议、提起行政诉讼情况\t18\t20' \
	    $'5\t五、政府信息公开工作存在的主要问题及改进情况\t22\t24' \
	    $'6\t六、其他需要报告的事项\t26\t28')
	[ "$output" = "$expected" ]
	run gip-sections -m "$F/variants.txt"
	[ "$(cut -f2-5 <<< "$output")" = $'YY县人民政府办公室\t2020\t2019\t2021-01-28' ]
}

@test "heading variants: full-width digits, U+3000 indent, 第一部分, bare names" {
	printf '%s\n' '２０２３年某市审计局政府信息公开工作年度报告' \
	    '　　一、总体情况' 正文 '第二部分　主动公开政府信息情况' 表 \
	    收到和处理政府信息公开申请情况 表 > "$BATS_TEST_TMPDIR/v.txt"
	run --separate-stderr ranges "$BATS_TEST_TMPDIR/v.txt"
	[ "$(cut -f1,3 <<< "$output" | tr '\t\n' '  ')" = "1 2 2 4 3 6 " ]
	run --separate-stderr gip-sections -m "$BATS_TEST_TMPDIR/v.txt"
	[ "$(cut -f2-3 <<< "$output")" = $'某市审计局\t2023' ]
}

@test "pre-2019 layout: the 2008 headings map to the standard sections" {
	run --separate-stderr ranges "$F/pre2019.txt"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	expected=$(printf '%s\n' \
	    $'1\t一、概述\t3\t4' \
	    $'2\t二、主动公开政府信息情况\t5\t6' \
	    $'3\t三、依申请公开政府信息情况\t7\t8' \
	    $'0\t四、政府信息公开的收费及减免情况\t9\t10' \
	    $'4\t五、因政府信息公开申请行政复议、提起行政诉讼的情况\t11\t12' \
	    $'5\t六、政府信息公开工作存在的主要问题及改进措施\t13\t14' \
	    $'6\t七、其他需要报告的事项\t15\t19')
	[ "$output" = "$expected" ]
	run gip-sections -m "$F/pre2019.txt"
	[ "$(cut -f2-5 <<< "$output")" = $'ZZ市环境保护局\t2012\tpre2019\t2013-03-20' ]
}

@test "year: the statistics period and the title beat the publication date" {
	# seed 003 is dated 2022-01-10 and reports on 2021
	run gip-sections -mj "$SEEDS/003_413ce132ed396131.txt"
	[ "$(jq -r '.year + " " + .published' <<< "$output")" = "2021 2022-01-10" ]
	printf '%s\n' 某局工作报告 '本报告统计期限为2022年1月1日到2022年12月31日。' \
	    '发布时间：2023-02-01' 一、总体情况 正文 > "$BATS_TEST_TMPDIR/y.txt"
	run --separate-stderr gip-sections -mj "$BATS_TEST_TMPDIR/y.txt"
	[ "$(jq -r '.year + " " + .published' <<< "$output")" = "2022 2023-02-01" ]
}

@test "missing and misplaced sections: warnings with the line, still processed" {
	run --separate-stderr ranges "$F/missing.txt"
	# warnings leave the status at 0: the output is complete
	[ "$status" -eq 0 ]
	expected=$(printf '%s\n' \
	    $'1\t一、总体情况\t2\t3' \
	    $'2\t二、主动公开政府信息情况\t4\t5' \
	    $'4\t四、政府信息公开行政复议、行政诉讼情况\t6\t7' \
	    $'3\t三、收到和处理政府信息公开申请情况\t8\t9' \
	    $'6\t六、其他需要报告的事项\t10\t11')
	[ "$output" = "$expected" ]
	[ "${stderr_lines[0]}" = "gip-sections: $F/missing.txt:8: warning: section 三 out of order: 收到和处理政府信息公开申请情况" ]
	[ "${stderr_lines[1]}" = "gip-sections: $F/missing.txt:10: warning: missing section 五: 存在的主要问题及改进情况" ]
	[ "${#stderr_lines[@]}" -eq 2 ]
}

@test "a document with no recognisable section: warning, text passes through" {
	run --separate-stderr gip-sections "$F/noheading.txt"
	[ "$status" -eq 0 ]
	[ "$stderr" = "gip-sections: $F/noheading.txt: warning: no section heading found" ]
	[ "$(text_only <<< "$output")" = "$(cat "$F/noheading.txt")" ]
	[ "$(grep -ac "^${RS}sec" <<< "$output")" -eq 0 ]
	run --separate-stderr gip-sections -l "$F/noheading.txt"
	[ -z "$output" ]
}

@test "an empty document: doc and meta frames, a warning" {
	printf '\036doc\tempty.txt\n\036doc\tnext.txt\n一、总体情况\n' > "$BATS_TEST_TMPDIR/in"
	run --separate-stderr gip-sections "$BATS_TEST_TMPDIR/in"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "${RS}doc	empty.txt" ]
	[ "${lines[1]}" = "${RS}meta	template	unknown" ]
	[ "${lines[2]}" = "${RS}meta	hash	ef46db3751d8e999" ]
	[ "${lines[3]}" = "${RS}doc	next.txt" ]
	[ "${stderr_lines[0]}" = "gip-sections: empty.txt: warning: empty document" ]
}

@test "a stream of many documents: each one on its own" {
	for f in "$SEEDS"/*.txt "$F"/trap.txt; do
		frame_doc "$(basename "$f")" "$f"
	done > "$BATS_TEST_TMPDIR/all"
	for i in 1 2 3; do cat "$BATS_TEST_TMPDIR/all"; done > "$BATS_TEST_TMPDIR/many"
	run --separate-stderr gip-sections -m "$BATS_TEST_TMPDIR/many"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 18 ]
	[ "$(cut -f1,3 <<< "${lines[16]}")" = $'004_8c5bedf48d46d160.txt\t2018' ]
	# the sections of each document are those of the file alone
	gip-sections -l "$BATS_TEST_TMPDIR/many" | cut -f2- > "$BATS_TEST_TMPDIR/l1"
	for i in 1 2 3; do
		for f in "$SEEDS"/*.txt "$F"/trap.txt; do gip-sections -l "$f"; done
	done | cut -f2- > "$BATS_TEST_TMPDIR/l2"
	cmp "$BATS_TEST_TMPDIR/l1" "$BATS_TEST_TMPDIR/l2"
	[ "$(grep -ac "^${RS}doc" <(gip-sections "$BATS_TEST_TMPDIR/many"))" -eq 18 ]
}

@test "framed input vs plain input: same sections, provenance kept" {
	f="$SEEDS/002_b2d54d8ee510d9d5.txt"
	frame_doc 002.txt "$f" | gip-sections -l | cut -f2- > "$BATS_TEST_TMPDIR/a"
	gip-sections -l "$f" | cut -f2- > "$BATS_TEST_TMPDIR/b"
	cmp "$BATS_TEST_TMPDIR/a" "$BATS_TEST_TMPDIR/b"
	# line frames (blank lines collapsed upstream) number the lines
	printf '\036doc\tx.html\n\036line\t40\n一、总体情况\n正文\n\036line\t90\n二、主动公开政府信息情况\n表\n' |
	    gip-sections -l > "$BATS_TEST_TMPDIR/c" 2> /dev/null
	[ "$(cut -f1,2,5,6 "$BATS_TEST_TMPDIR/c" | tr '\t\n' '  ')" = "x.html 1 40 41 x.html 2 90 91 " ]
	run --separate-stderr bash -c "printf '\036doc\tx\n\036line\t40\n一、总体情况\n' | gip-sections"
	[ "${lines[3]}" = "${RS}sec	1	总体情况	一、总体情况" ]
	[ "${lines[4]}" = "${RS}line	40" ]
	[ "${lines[5]}" = "一、总体情况" ]
	# numbers that go back, and far ahead (beyond 2^31 and 2^32)
	printf '\036doc\tx\n\036line\t1000\nfoo\n\036line\t5\n一、总体情况\nbaz\n\036line\t3000000000\n二、主动公开政府信息情况\n\036line\t9999999999999\nqux\n' > "$BATS_TEST_TMPDIR/far"
	run --separate-stderr gip-sections -l "$BATS_TEST_TMPDIR/far"
	[ "$status" -eq 0 ]
	[ "$(cut -f1,2,5,6 <<< "$output" | tr '\t\n' '  ')" = "x 1 5 6 x 2 3000000000 9999999999999 " ]
	run --separate-stderr gip-sections "$BATS_TEST_TMPDIR/far"
	[ "$status" -eq 0 ]
	[ "$(awk '/^\036line/ { getline; print }' <<< "$output" | tr '\n' ' ')" = "foo 一、总体情况 二、主动公开政府信息情况 qux " ]
	[ "$(grep -ac "$(printf '\036')line" <<< "$output")" -eq 4 ]
}

@test "frames: unknown ones pass through in place, old meta and sec are redone" {
	printf '\036doc\tx\n\036meta\tyear\t1999\n\036sec\t9\tbad\tbad\n一、总体情况\n\036foo\ta\\tb\tc\n正文\n' > "$BATS_TEST_TMPDIR/in"
	run --separate-stderr gip-sections "$BATS_TEST_TMPDIR/in"
	[ "$(grep -ac 1999 <<< "$output")" -eq 0 ]
	[ "$(grep -ac bad <<< "$output")" -eq 0 ]
	[ "${lines[3]}" = "${RS}sec	1	总体情况	一、总体情况" ]
	[ "${lines[4]}" = "一、总体情况" ]
	[ "${lines[5]}" = "${RS}foo	a\\tb	c" ]
	[ "${lines[6]}" = "正文" ]
}

@test "-s: one section's text, plain, by number, name or heading words" {
	run --separate-stderr gip-sections -s 4 "$SEEDS/000_6152f4f472c67e79.txt"
	[ "$status" -eq 0 ]
	[ "$output" = "$(sed -n '91,96p' "$SEEDS/000_6152f4f472c67e79.txt")" ]
	run gip-sections --section=复议 "$SEEDS/000_6152f4f472c67e79.txt"
	[ "$output" = "$(sed -n '91,96p' "$SEEDS/000_6152f4f472c67e79.txt")" ]
	run gip-sections -s 四 "$SEEDS/000_6152f4f472c67e79.txt"
	[ "$output" = "$(sed -n '91,96p' "$SEEDS/000_6152f4f472c67e79.txt")" ]
	run gip-sections -s 概述 "$SEEDS/004_8c5bedf48d46d160.txt"
	[ "$output" = "$(sed -n '10,53p' "$SEEDS/004_8c5bedf48d46d160.txt")" ]
	run gip-sections -s 5 "$SEEDS/004_8c5bedf48d46d160.txt"
	[ "$output" = "$(sed -n '133,135p;137,157p' "$SEEDS/004_8c5bedf48d46d160.txt")" ]
	run gip-sections -s 重点领域 "$SEEDS/004_8c5bedf48d46d160.txt"
	[ "${lines[0]}" = "### 三、推进重点领域政府信息公开情况" ]
	[ "$(grep -ac "$RS" <<< "$output")" -eq 0 ]
	run gip-sections -s 6 "$SEEDS"/00[01]*.txt
	# (awk, not sed: seed 000 has no final newline)
	[ "$output" = "$(awk 'NR >= 106 && NR <= 114' "$SEEDS/000_6152f4f472c67e79.txt"; awk 'NR >= 177 && NR <= 179' "$SEEDS/001_0d5401f7639ff5e6.txt")" ]
}

@test "--json: JSON Lines for -l and -m" {
	run --separate-stderr gip-sections -lj "$SEEDS/003_413ce132ed396131.txt"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 6 ]
	[ "$(jq -r 'select(.std == 3) | [.name, .heading, .first, .last] | @tsv' <<< "$output")" = \
	    $'收到和处理政府信息公开申请情况\t三、收到和处理政府信息公开申请情况\t53\t83' ]
	run gip-sections --json "$SEEDS/004_8c5bedf48d46d160.txt"
	# 三 四 五 六 七 九 十 name no standard section
	[ "$(jq -s 'map(select(.std == 0)) | length' <<< "$output")" -eq 7 ]
	[ "$(jq -s '.[0].name' <<< "$output")" = '"总体情况"' ]
	run gip-sections --meta --json "$SEEDS/000_6152f4f472c67e79.txt"
	[ "$(jq -c '[.agency, .year, .template, .published, .sections]' <<< "$output")" = '["惠农区卫生健康局","2022","2021",null,6]' ]
}

@test "--header: column names before -l and -m" {
	run gip-sections -H -l "$F/trap.txt"
	[ "${lines[0]}" = $'doc\tstd\tname\theading\tfirst\tlast\tchars' ]
	run gip-sections --header -m "$F/trap.txt"
	[ "${lines[0]}" = $'doc\tagency\tyear\ttemplate\tpublished\thash' ]
	[ "${#lines[@]}" -eq 2 ]
}

@test "usage errors: conflicting options, a bad -s" {
	for args in "-l -m" "-s 1 -l" "-j -s 1" "-H" "-H -j -l" "-s ''"; do
		run --separate-stderr bash -c "gip-sections $args < /dev/null"
		echo "$args: $status"
		[ "$status" -eq 2 ]
		[[ "$stderr" == *"usage: gip-sections "* ]]
	done
}

@test "stdin: the document is named -, diagnostics say <stdin>" {
	run --separate-stderr bash -c "gip-sections -l < '$F/missing.txt'"
	[ "$status" -eq 0 ]
	[ "$(cut -f1 <<< "${lines[0]}")" = "-" ]
	[[ "$stderr" == "gip-sections: <stdin>:8: warning:"* ]]
}

@test "edge cases: CRLF, NUL, bad UTF-8 in a heading, a 2 MB line, no final newline" {
	printf '一、总体情况\r\n正文\r\n二、主动公开政府信息情况\r\n' > "$BATS_TEST_TMPDIR/crlf"
	run --separate-stderr gip-sections -l "$BATS_TEST_TMPDIR/crlf"
	[ "$(cut -f2,4,5 <<< "$output" | tr '\t\n' '  ')" = "1 一、总体情况 1 2 二、主动公开政府信息情况 3 " ]
	printf '一、总体情况\xff\n正\0文\n' > "$BATS_TEST_TMPDIR/bad"
	run --separate-stderr gip-sections -lj "$BATS_TEST_TMPDIR/bad"
	[ "$(jq -r .heading <<< "$output")" = "一、总体情况�" ]
	gip-sections "$BATS_TEST_TMPDIR/bad" | text_only | cmp - "$BATS_TEST_TMPDIR/bad"
	{ echo 一、总体情况; head -c 2000000 /dev/zero | tr '\0' 'x'; echo; printf '二、主动公开政府信息情况'; } > "$BATS_TEST_TMPDIR/long"
	run --separate-stderr gip-sections -l "$BATS_TEST_TMPDIR/long"
	[ "$(cut -f2,5,6,7 <<< "$output" | tr '\t\n' '  ')" = "1 1 2 2000006 2 3 3 12 " ]
}

@test "a closed stdout and | head end quietly" {
	run bash -c "gip-sections '$SEEDS/004_8c5bedf48d46d160.txt' >&-"
	[ "$status" -eq 2 ]
	run --separate-stderr bash -c "cat '$SEEDS'/*.txt '$SEEDS'/*.txt | gip-sections | head -1"
	[ "$status" -eq 0 ]
	[ "$output" = "${RS}doc	-" ]
}

@test "after gip-normalize: the same sections, at the source lines" {
	[ -x "$GIP_BIN/gip-normalize" ] || skip "gip-normalize not built"
	gip-normalize "$SEEDS"/*.txt | gip-sections -l | cut -f1-6 > "$BATS_TEST_TMPDIR/a"
	gip-sections -l "$SEEDS"/*.txt | cut -f1-6 > "$BATS_TEST_TMPDIR/b"
	diff -u "$BATS_TEST_TMPDIR/b" "$BATS_TEST_TMPDIR/a"
	gip-normalize "$SEEDS"/*.txt | gip-sections -m | cut -f1-5 > "$BATS_TEST_TMPDIR/a"
	gip-sections -m "$SEEDS"/*.txt | cut -f1-5 > "$BATS_TEST_TMPDIR/b"
	diff -u "$BATS_TEST_TMPDIR/b" "$BATS_TEST_TMPDIR/a"
}
