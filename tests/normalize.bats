#!/usr/bin/env bats
# gip-normalize: encodings (detected, declared, forced), the seeds and
# their variants, HTML tables, white space and width, traditional
# characters, provenance, Han characters kept count for count, bad
# input, streaming and the interface.  Expected outputs were checked by hand against the inputs.

load helpers

F="$FIXTURES/normalize"
V="$REPO/examples/variants"
RS=$'\036'
S0="$SEEDS/000_6152f4f472c67e79.txt"

# text lines only: the frames dropped
text_only() {
	grep -av "^$RS" || true
}

# the stream without its first line (the doc frame, which names the file)
body() {
	gip-normalize "$@" | tail -n +2
}

# Han characters and the Kangxi radicals that folding turns into Han
han_or_radical_count() {
	cat "$@" | jq -Rr '[explode[] | select((. >= 13312 and . <= 40959) or (. >= 131072 and . <= 205743) or (. >= 63744 and . <= 64255) or (. >= 12032 and . <= 12245) or . == 11935 or . == 12019)] | length' | awk '{s += $1} END {print s + 0}'
}

# Check provenance: every text line of the stream on stdin must be its
# source line in FILE (UTF-8, with CR and trailing spaces stripped), and
# every non-blank source line must be there.  Prints the mismatches.
check_lines() {
	awk -v src="$1" '
	BEGIN {
		while ((getline l < src) > 0) {
			n++
			sub(/\r$/, "", l)
			sub(/ +$/, "", l)
			if (n == 1)
				sub(/^\357\273\277/, "", l)
			line[n] = l
			if (l != "")
				want++
		}
		next_ = 1
	}
	/^\036doc/ { next }
	/^\036line\t/ { next_ = substr($0, 7) + 0; next }
	{
		if ($0 != "") {
			got++
			if ($0 != line[next_])
				printf "line %d: got [%s] want [%s]\n", next_, $0, line[next_]
		}
		next_++
	}
	END { if (got != want) printf "%d lines, want %d\n", got, want }'
}

@test "--help prints the usage of the man page's SYNOPSIS" {
	run gip-normalize --help
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "usage: gip-normalize [-0ksTv] [-f encoding] [--files0-from=list] [--label=name] [file ...]" ]
	syn=$(mandoc -T ascii -O width=300 "$REPO/man/gip-normalize.1" | col -b |
	    awk '/^SYNOPSIS/ { getline; print; exit }' | sed 's/^ *//')
	[ "usage: $syn" = "${lines[0]}" ]
	run gip-normalize --version
	[ "$status" -eq 0 ]
	[[ "$output" == "gip-normalize "[0-9]* ]]
}

@test "a bad option or an unknown -f encoding: status 2 and the usage" {
	run --separate-stderr gip-normalize -x "$S0"
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	[[ "$stderr" == *"usage: gip-normalize"* ]]
	run --separate-stderr gip-normalize -f no-such-code "$S0"
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	[ "$stderr" = "gip-normalize: unknown encoding: no-such-code" ]
}

@test "seeds: quiet, every line at its source line, frames only where numbering jumps" {
	for f in "$SEEDS"/*.txt; do
		run --separate-stderr gip-normalize -k "$f"
		[ "$status" -eq 0 ]
		[ -z "$stderr" ]
		[ "${lines[0]}" = "${RS}doc	$f" ]
		bad=$(printf '%s\n' "$output" | check_lines "$f")
		[ -z "$bad" ] || { echo "$f: $bad"; false; }
	done
	# seed 001 starts with a blank line: the text starts at line 2
	run gip-normalize "$SEEDS/001_0d5401f7639ff5e6.txt"
	[ "${lines[1]}" = "${RS}line	2" ]
	[ "${lines[2]}" = "一、总体情况" ]
}

@test "Han characters survive count for count: seeds, variants, fixtures" {
	# name, then the encoding to count the input in
	while read -r f enc; do
		want=$(iconv -f "$enc" -t UTF-8 "$f" | han_or_radical_count)
		got=$(gip-normalize "$f" | han_count)
		[ "$got" -eq "$want" ] || { echo "$f: $got Han, want $want"; false; }
		[ "$want" -gt 0 ]
	done <<-EOF
	$SEEDS/000_6152f4f472c67e79.txt UTF-8
	$SEEDS/001_0d5401f7639ff5e6.txt UTF-8
	$SEEDS/002_b2d54d8ee510d9d5.txt UTF-8
	$SEEDS/003_413ce132ed396131.txt UTF-8
	$SEEDS/004_8c5bedf48d46d160.txt UTF-8
	$V/000.gb18030.txt GB18030
	$V/000.gbk.html GB18030
	$V/001.big5.txt BIG5-HKSCS
	$V/002.utf16le.txt UTF-16
	$V/003.utf16be.txt UTF-16BE
	$V/004.crlf.txt UTF-8
	$F/whitespace.txt UTF-8
	$F/width.txt UTF-8
	$F/gb-short.txt GB18030
	$F/big5-short.txt BIG5-HKSCS
	$F/nul.txt UTF-8
	$F/table.html UTF-8
	$F/meta-big5.html BIG5-HKSCS
	$F/xml-gb2312.html GB18030
	$F/meta-lie.html UTF-8
	$F/meta-wrong.html GB18030
	EOF
	# invalid bytes and a page whose script holds Han: counted apart
	[ "$(gip-normalize "$F/bad.txt" 2> /dev/null | han_count)" -eq 10 ]
	[ "$(gip-normalize "$F/gb-odd.txt" 2> /dev/null | han_count)" -eq 7 ]
	# entities.html: 公开 from references, 后 预排 格式; 政府 and 注释
	# are in the script and the comment
	[ "$(gip-normalize "$F/entities.html" | han_count)" -eq 7 ]
}

@test "variants: GB18030, Big5 traditional, UTF-16LE with BOM, UTF-16BE without, CRLF give the seed's text" {
	[ "$(body "$V/000.gb18030.txt")" = "$(body "$S0")" ]
	[ "$(body "$V/001.big5.txt")" = "$(body "$SEEDS/001_0d5401f7639ff5e6.txt")" ]
	[ "$(body "$V/002.utf16le.txt")" = "$(body "$SEEDS/002_b2d54d8ee510d9d5.txt")" ]
	[ "$(body "$V/003.utf16be.txt")" = "$(body "$SEEDS/003_413ce132ed396131.txt")" ]
	[ "$(body "$V/004.crlf.txt")" = "$(body "$SEEDS/004_8c5bedf48d46d160.txt")" ]
	run --separate-stderr gip-normalize -v "$V/000.gb18030.txt" "$V/002.utf16le.txt" "$V/003.utf16be.txt" "$V/004.crlf.txt"
	[ "$status" -eq 0 ]
	[[ "${stderr_lines[0]}" == "gip-normalize: $V/000.gb18030.txt: note: GB18030 (common Han: UTF-8 0, GB18030 3098, Big5 119;"* ]]
	[ "${stderr_lines[1]}" = "gip-normalize: $V/002.utf16le.txt: note: UTF-16LE (byte order mark)" ]
	[[ "${stderr_lines[2]}" == "gip-normalize: $V/003.utf16be.txt: note: UTF-16BE (NUL byte pattern;"* ]]
	[[ "${stderr_lines[3]}" == "gip-normalize: $V/004.crlf.txt: note: UTF-8 (valid UTF-8,"* ]]
}

@test "Big5: detected against GB18030 by the common characters, read as Big5-HKSCS" {
	run --separate-stderr gip-normalize -v "$V/001.big5.txt"
	[ "$status" -eq 0 ]
	[[ "$stderr" == *"note: BIG5-HKSCS (common Han: UTF-8 0, GB18030 155, Big5 1571;"* ]]
	[[ "$output" == *"一、总体情况"* ]]
	# -T: the characters as they were
	[ "$(body -T "$V/001.big5.txt")" = "$(iconv -f BIG5-HKSCS -t UTF-8 "$V/001.big5.txt" | body -T)" ]
	run gip-normalize --traditional "$V/001.big5.txt"
	[[ "$output" == *"一、總體情況"* ]]
}

@test "short texts: 12 characters of GB18030 or of Big5 are told apart" {
	run --separate-stderr gip-normalize -v "$F/gb-short.txt" "$F/big5-short.txt"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | text_only)" = $'政府信息公开工作年度报告\n政府资讯公开工作年度报告' ]
	[[ "${stderr_lines[0]}" == *"gb-short.txt: note: GB18030 (common Han: UTF-8 0, GB18030 12, Big5 1;"* ]]
	[[ "${stderr_lines[1]}" == *"big5-short.txt: note: BIG5-HKSCS (common Han: UTF-8 0, GB18030 1, Big5 11;"* ]]
}

@test "-f forces the encoding, for files and stdin alike" {
	run --separate-stderr gip-normalize -f gbk "$F/gb-short.txt"
	[ "${lines[1]}" = "政府信息公开工作年度报告" ]
	run --separate-stderr gip-normalize --from=GB2312 - < "$F/gb-short.txt"
	[ "${lines[1]}" = "政府信息公开工作年度报告" ]
	# forcing the wrong one is obeyed (and gives other characters)
	run --separate-stderr gip-normalize -f big5 "$F/gb-short.txt"
	[ "$status" -eq 0 ]
	[ "${lines[1]}" != "政府信息公开工作年度报告" ]
	# a BOM of the forced encoding is skipped
	run gip-normalize -f utf-16le "$V/002.utf16le.txt"
	[ "$(printf '%s\n' "$output" | tail -n +2)" = "$(body "$SEEDS/002_b2d54d8ee510d9d5.txt")" ]
}

@test "HTML page: meta charset gbk, script/style/comment dropped, tables as aligned TSV" {
	run --separate-stderr gip-normalize -v "$V/000.gbk.html"
	[ "$status" -eq 0 ]
	[ "$stderr" = "gip-normalize: $V/000.gbk.html: note: GB18030, HTML (declared gbk)" ]
	[[ "$output" != *"not text"* ]]
	[[ "$output" != *"td {"* ]]
	[[ "$output" != *"crawled copy"* ]]
	t=$'\t'
	# by hand: 申请人情况 colspan 7; the 3x3 cell covers 3 columns of
	# rows 2 and 3; 自然人 and 总计 rowspan 2; 三、 rowspan 22
	[[ "$output" == *$'\n(本列数据的勾稽关系为:第一项加第二项之和，等于第三项加第四项之和)\t\t\t申请人情况\t\t\t\t\t\t\n\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计\n\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\n一、本年新收政府信息公开申请数量\t\t\t0\t0\t0\t0\t0\t0\t0\n'* ]]
	[[ "$output" == *$'\n三、本年度办理结果\t(一)予以公开\t\t0\t0\t0\t0\t0\t0\t0\n\t(二)部分公开(区分处理的，只计这一情形，不计其他情形)\t\t0\t0\t0\t0\t0\t0\t0\n\t(三)不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0\n\t\t2.其他法律行政法规禁止公开\t0'* ]]
	[[ "$output" == *$'\n\t(七) 总计\t\t0\t0\t0\t0\t0\t0\t0\n四、结转下年度继续办理\t\t\t0\t0\t0\t0\t0\t0\t0\n'* ]]
	# table 四: <br> in a cell is a space; the rowspan-2 headers leave
	# five empty cells on the row below
	[[ "$output" == *$'\n行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t\n结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t\n\t\t\t\t\t结果 维持\t'* ]]
	# table 二: colspan 3 after the label
	[[ "$output" == *$'\n行政许可\t425\t\t\n'* ]]
	# every table row carries the source line of its <tr>
	n=$(iconv -f GBK -t UTF-8 "$V/000.gbk.html" | grep -n '<td rowspan=8>' | cut -d: -f1)
	got=$(printf '%s\n' "$output" | awk -v RS_="$RS" '
	    index($0, RS_ "line\t") == 1 { nx = substr($0, 7) + 0; next }
	    index($0, RS_) == 1 { next }
	    /^\t\(三\)不予公开/ { print nx; exit } { nx++ }')
	[ "$got" = "$n" ]
	# the same text as the seed, apart from tables and layout
	[ "$(han_count <<< "$output")" -eq $(( $(han_count "$S0") + 21 )) ]
}

@test "HTML tables: colspan, rowspan, implied cells, nesting, caption (by hand)" {
	run --separate-stderr gip-normalize "$F/table.html"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	expected="${RS}doc	$F/table.html
${RS}line	2
表格前的段落
${RS}line	5
表3 收到和处理政府信息公开申请情况
(本列数据的勾稽关系)			申请人情况		
			自然人	法人或其他组织	
				商业企业	科研机构
一、本年新收			12	3	0
三、本年度办理结果	(一)予以公开		5	1	
${RS}line	15
	(三)不予 公开	1.属于 国家秘密	0	0	0
		2.其他	1		0
四、结转下年度继续办理			7	2	0
${RS}line	19
右侧栏
表格后的文字"
	[ "$output" = "$expected" ]
}

@test "HTML: character references, raw text, comments, pre" {
	run --separate-stderr gip-normalize "$F/entities.html"
	[ "$status" -eq 0 ]
	expected="${RS}doc	$F/entities.html
A&B <tag> \"q\" 公开 © 2023 x y &unknown; & � – � …—
后
  预排
   格式"
	[ "$output" = "$expected" ]
}

@test "HTML: declared charsets (meta, xml), and a meta that the bytes contradict" {
	run --separate-stderr gip-normalize -v "$F/meta-big5.html" "$F/xml-gb2312.html" "$F/meta-lie.html"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | text_only)" = $'政府资讯公开\n年度报告\n政府信息公开\n保存时已转成UTF-8的页面' ]
	[ "${stderr_lines[0]}" = "gip-normalize: $F/meta-big5.html: note: BIG5-HKSCS, HTML (declared big5)" ]
	[ "${stderr_lines[1]}" = "gip-normalize: $F/xml-gb2312.html: note: GB18030, HTML (declared gb2312)" ]
	[ "${stderr_lines[2]}" = "gip-normalize: $F/meta-lie.html: note: UTF-8, HTML (declared gbk, but the text is valid UTF-8)" ]
}

@test "HTML: a declaration that the bytes contradict gives way to the statistics" {
	run --separate-stderr gip-normalize -v "$F/meta-wrong.html"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | text_only)" = "本机关二〇二二年共收到政府信息公开申请十五件。" ]
	[[ "$stderr" == "gip-normalize: $F/meta-wrong.html: note: GB18030, HTML (declared utf-8, but 34 invalid sequences in it; common Han: UTF-8 0, GB18030 20, Big5 1;"* ]]
}

@test "HTML: a declared charset nobody knows fails that file only" {
	printf '<html><head><meta charset="hz-gb-2312"></head><body>~{4s~}</body></html>\n' > "$BATS_TEST_TMPDIR/hz.html"
	run --separate-stderr gip-normalize "$BATS_TEST_TMPDIR/hz.html" "$F/gb-short.txt"
	[ "$status" -eq 1 ]
	[ "$stderr" = "gip-normalize: $BATS_TEST_TMPDIR/hz.html: error: unknown declared encoding: hz-gb-2312" ]
	[ "$output" = "${RS}doc	$F/gb-short.txt
政府信息公开工作年度报告" ]
}

@test "HTML is recognised by content, not by name; Markdown with <br> is text" {
	cp "$F/table.html" "$BATS_TEST_TMPDIR/page.txt"
	run gip-normalize "$BATS_TEST_TMPDIR/page.txt"
	[[ "$output" == *$'\n一、本年新收\t\t\t12\t3\t0\n'* ]]
	printf '| 结果<br>维持 | 0 |\n' > "$BATS_TEST_TMPDIR/md.html"
	run gip-normalize "$BATS_TEST_TMPDIR/md.html"
	[ "${lines[1]}" = "| 结果<br>维持 | 0 |" ]
}

@test "white space: line breaks, spaces, invisible characters, blank lines (by hand)" {
	run --separate-stderr gip-normalize "$F/whitespace.txt"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	expected="${RS}doc	$F/whitespace.txt
${RS}line	3
  标题:政府信息公开

${RS}line	7
第一段 正文 结束。	
行尾空格	
第二页
${RS}line	9
换行
CR行
零宽字符。
		
  首行缩进
${RS}line	13
分隔
${RS}line	13
下一行
控制字符

${RS}line	18
末行无换行"
	[ "$output" = "$expected" ]
}

@test "width: full-width ASCII forms and Kangxi radicals folded, Chinese punctuation kept; -k keeps all" {
	run gip-normalize "$F/width.txt"
	expected="${RS}doc	$F/width.txt
全角数字:1234567890，(一)ABC abc 百分比:50%，金额￥100.50元；1，234件！问号？
标点保留:、。“引号”‘单’《书名》【括号】——破折号…省略
斜线:/，波浪:1~3月，加减:+1-2，等于=，井号#，和&，星*，at@
方括号[1]，花括号{2}，下划线_，竖线|，反斜线\\，尖括号<>，引号\"'，脱字^，重音\`
康熙部首:日一水辰 母龟
圈号不变:①②⑴⒈㈠Ⅻ㎡℃"
	[ "$output" = "$expected" ]
	run gip-normalize --keep-width "$F/width.txt"
	[ "$(printf '%s\n' "$output" | text_only)" = "$(sed 's/　/ /g' "$F/width.txt")" ]
}

@test "traditional script: Big5 seed 001 gives seed 001's sections and table records" {
	tsv() {
		gip-normalize "$1" | gip-sections 2> /dev/null | gip-tables | cut -f2-
	}
	want=$(tsv "$SEEDS/001_0d5401f7639ff5e6.txt")
	[ "$(tsv "$V/001.big5.txt")" = "$want" ]
	[ "$(printf '%s\n' "$want" | awk -F'\t' '$4 ~ /^t[234]$/ && $8 == "num"' | wc -l)" -eq 200 ]
	# the doc column names the variant
	[ "$(gip-normalize "$V/001.big5.txt" | gip-sections | gip-tables | cut -f1 | sort -u)" = "$V/001.big5.txt" ]
}

@test "traditional characters: one for one, words, -T; line structure and Han count kept (by hand)" {
	f=$BATS_TEST_TMPDIR/trad.txt
	# 乾县, 蒜薹 and 覆盖 are simplified text as well and stay; 答覆,
	# 瞭解, 藉此, 計畫, 鍊條 and 鐵鍊 are words (the character before may be
	# traditional, or be its own simplified form); 这家俱乐部 is not
	# 傢俱; Kangxi ⾧ is folded to 長, then to 长; a word does not
	# span a space, a tab or a line
	printf '%s\n' '一、總體情況' '  這家俱樂部，這套傢俱' '答覆 答 覆' '計畫　計画' \
	    '瞭解，藉此' '⾧期' '鍊條	鐵鍊' '乾縣 蒜薹 於 覆蓋' '反' '覆' '𠀀鏈' > "$f"
	run --separate-stderr gip-normalize "$f"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	expected="${RS}doc	$f
一、总体情况
  这家俱乐部，这套家具
答复 答 覆
计划 计画
了解，借此
长期
链条	铁链
乾县 蒜薹 于 覆盖
反
覆
𠀀链"
	[ "$output" = "$expected" ]
	[ "$(han_count <<< "$output")" -eq "$(han_or_radical_count "$f")" ]
	# -T keeps the script, and still folds the width
	run gip-normalize -T "$f"
	[ "$(printf '%s\n' "$output" | text_only)" = "$(sed -e 's/　/ /' -e 's/⾧/長/' "$f")" ]
	# simplified seeds: not a character changes
	for s in "$SEEDS"/*.txt; do
		[ "$(body "$s")" = "$(body -T "$s")" ]
	done
	# HTML: folded the same, a word across a tag too
	printf '<html><body><p>答<b>覆</b>申請，計<i>畫</i></p></body></html>\n' > "$BATS_TEST_TMPDIR/t.html"
	run gip-normalize "$BATS_TEST_TMPDIR/t.html"
	[ "${lines[1]}" = "答复申请，计划" ]
}

@test "empty file: an error (a failed download), the others converted; empty stdin: a doc frame, quietly" {
	run --separate-stderr gip-normalize "$F/empty.txt" "$F/gb-short.txt"
	[ "$status" -eq 1 ]
	[ "$stderr" = "gip-normalize: $F/empty.txt: error: empty file (a failed download?)" ]
	[ "${lines[0]}" = "${RS}doc	$F/gb-short.txt" ]
	[ "${#lines[@]}" -eq 2 ]
	run --separate-stderr gip-normalize < /dev/null
	[ "$status" -eq 0 ]
	[ "$output" = "${RS}doc	-" ]
}

@test "a PNG among text files: one clear line, the others converted, status 1" {
	run --separate-stderr gip-normalize "$F/gb-short.txt" "$F/image.png" "$F/big5-short.txt"
	[ "$status" -eq 1 ]
	[ "$stderr" = "gip-normalize: $F/image.png: error: PNG image, not text" ]
	[ "$(printf '%s\n' "$output" | text_only)" = $'政府信息公开工作年度报告\n政府资讯公开工作年度报告' ]
	[[ "$output" != *image.png* ]]
	# random bytes are not text either
	head -c 4096 /dev/urandom > "$BATS_TEST_TMPDIR/random.bin"
	run --separate-stderr gip-normalize "$BATS_TEST_TMPDIR/random.bin"
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"random.bin: error: "*"not text"* || "$stderr" == *"random.bin: error: no known encoding fits (try -f)" ]]
}

@test "NUL bytes: removed, reported with the line, status 0" {
	run --separate-stderr gip-normalize "$F/nul.txt"
	[ "$status" -eq 0 ]
	[ "$stderr" = "gip-normalize: $F/nul.txt:3: warning: 4 NUL bytes removed" ]
	[ "$(printf '%s\n' "$output" | sed -n 4p)" = "本机关2022年共收到政府信息公开申请 15件，其中自然人申请12件，法人或其他组织申请3件。" ]
	[ "$(gip-normalize "$F/nul.txt" 2> /dev/null | tr -dc '\000' | wc -c)" -eq 0 ]
}

@test "invalid bytes: U+FFFD each, one warning with count and first line; -s fails the file" {
	run --separate-stderr gip-normalize "$F/bad.txt"
	[ "$status" -eq 0 ]
	[ "$stderr" = "gip-normalize: $F/bad.txt:1: warning: 8 invalid UTF-8 byte sequences replaced with U+FFFD, the first on this line" ]
	[ "$(printf '%s\n' "$output" | text_only)" = "$(printf '政府\357\277\275信息\n公开\357\277\275(\n\357\277\275\357\277\275\357\277\275代理\357\277\275\357\277\275\357\277\275过长')" ]
	run --separate-stderr gip-normalize --strict "$F/bad.txt" "$F/gb-short.txt"
	[ "$status" -eq 1 ]
	[ "$stderr" = "gip-normalize: $F/bad.txt:1: error: invalid UTF-8 (8 bad byte sequences); not converted" ]
	[ "$output" = "${RS}doc	$F/gb-short.txt
政府信息公开工作年度报告" ]
}

@test "-s with invalid bytes past the first 64 KiB: the text stops there" {
	{ for i in $(seq 3000); do echo "第${i}行，政府信息公开。"; done; printf '坏\377字节\n后面\n'; } > "$BATS_TEST_TMPDIR/late.txt"
	[ "$(wc -c < "$BATS_TEST_TMPDIR/late.txt")" -gt 70000 ]
	run --separate-stderr gip-normalize -s "$BATS_TEST_TMPDIR/late.txt"
	[ "$status" -eq 1 ]
	[ "$stderr" = "gip-normalize: $BATS_TEST_TMPDIR/late.txt:3001: error: invalid UTF-8; the text stops here" ]
	[ "${lines[3000]}" = "第3000行，政府信息公开。" ]
	[ "${lines[3001]}" = "坏" ]
	[ "${#lines[@]}" -eq 3002 ]
}

@test "GB18030: euro 0x80, four-byte codes, an invalid byte, a cut sequence at EOF" {
	run --separate-stderr gip-normalize "$F/gb-odd.txt"
	[ "$status" -eq 0 ]
	[ "$stderr" = "gip-normalize: $F/gb-odd.txt:2: warning: 2 invalid GB18030 byte sequences replaced with U+FFFD, the first on this line" ]
	# 81 30 89 38 and 95 32 82 36 as iconv reads them
	four=$(printf '\201\060\211\070\225\062\202\066' | iconv -f GB18030 -t UTF-8)
	[ "$(printf '%s\n' "$output" | text_only)" = "欧元€ $four
坏�完
截断�" ]
}

@test "a multibyte character cut at the end of a UTF-8 file" {
	run --separate-stderr gip-normalize "$F/cut.txt"
	[ "$status" -eq 0 ]
	[ "$stderr" = "gip-normalize: $F/cut.txt:1: warning: 1 invalid UTF-8 byte sequence replaced with U+FFFD" ]
	[ "${lines[1]}" = "政府信息�" ]
}

@test "a missing file, an unreadable one and a directory: reported, the rest converted, status 1" {
	cp "$F/gb-short.txt" "$BATS_TEST_TMPDIR/locked.txt"
	chmod 000 "$BATS_TEST_TMPDIR/locked.txt"
	run --separate-stderr gip-normalize "$F/gb-short.txt" "$F/no-such-file" "$BATS_TEST_TMPDIR/locked.txt" "$F" "$F/big5-short.txt"
	[ "$status" -eq 1 ]
	[ "${stderr_lines[0]}" = "gip-normalize: $F/no-such-file: No such file or directory" ]
	if [ "$(id -u)" -ne 0 ]; then
		[ "${stderr_lines[1]}" = "gip-normalize: $BATS_TEST_TMPDIR/locked.txt: Permission denied" ]
	fi
	[ "${stderr_lines[${#stderr_lines[@]}-1]}" = "gip-normalize: $F: Is a directory" ]
	[[ "$output" == *"政府信息公开工作年度报告"*"政府资讯公开工作年度报告" ]]
}

@test "| head -1 ends quietly" {
	run --separate-stderr bash -c 'gip-normalize "$@" | head -1' _ "$SEEDS"/*.txt "$V"/*.txt "$V"/*.html
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[ "$output" = "${RS}doc	$S0" ]
}

@test "a full disk: status 2 and a message" {
	[ -w /dev/full ] || skip "no /dev/full"
	run --separate-stderr gip-normalize "$S0" > /dev/full
	run --separate-stderr bash -c 'gip-normalize "$1" > /dev/full' _ "$S0"
	[ "$status" -eq 2 ]
	[[ "$stderr" == "gip-normalize: write error"* ]]
}

@test "file, - <file and <file give the same text; only the doc name differs" {
	for f in "$S0" "$V/000.gbk.html" "$V/003.utf16be.txt"; do
		a=$(body "$f")
		[ "$a" = "$(body - < "$f")" ]
		[ "$a" = "$(body < "$f")" ]
		[ "$a" = "$(cat "$f" | body)" ]
	done
	run gip-normalize < "$S0"
	[ "${lines[0]}" = "${RS}doc	-" ]
}

@test "several documents in one stream, in order; the output does not depend on the locale" {
	run gip-normalize "$V/001.big5.txt" "$V/000.gbk.html" "$S0"
	[ "$(printf '%s\n' "$output" | grep -a "^${RS}doc" | cut -f2)" = "$V/001.big5.txt
$V/000.gbk.html
$S0" ]
	a=$(LC_ALL=C gip-normalize "$V"/*.txt "$V"/*.html | cksum)
	b=$(LC_ALL=C.UTF-8 gip-normalize "$V"/*.txt "$V"/*.html | cksum)
	[ "$a" = "$b" ]
}

@test "chunk boundaries: long documents give the same text in every encoding" {
	d=$BATS_TEST_TMPDIR
	for i in $(seq 40); do cat "$SEEDS"/*.txt; done > "$d/long.txt"
	[ "$(wc -c < "$d/long.txt")" -gt 1000000 ]
	want=$(body "$d/long.txt" | cksum)
	iconv -f UTF-8 -t GB18030 "$d/long.txt" > "$d/long.gb"
	[ "$(body "$d/long.gb" | cksum)" = "$want" ]
	iconv -f UTF-8 -t UTF-16LE "$d/long.txt" > "$d/long.u16"
	[ "$(body "$d/long.u16" | cksum)" = "$want" ]
	sed 's/$/\r/' "$d/long.txt" > "$d/long.crlf"
	[ "$(body "$d/long.crlf" | cksum)" = "$want" ]
	# HTML: tags and references across the 64 KiB chunks
	iconv -f GBK -t UTF-8 "$V/000.gbk.html" > "$d/page.html"
	for i in $(seq 12); do sed -n '/<div/,/<\/div>/p' "$d/page.html"; done > "$d/body.html"
	{ echo '<html><body>'; cat "$d/body.html"; echo '</body></html>'; } > "$d/big.html"
	iconv -f UTF-8 -t GB18030 "$d/big.html" > "$d/big.gb.html"
	[ "$(wc -c < "$d/big.html")" -gt 150000 ]
	[ "$(body -f gb18030 "$d/big.gb.html" | cksum)" = "$(body "$d/big.html" | cksum)" ]
	[ "$(body "$d/big.html" | grep -c $'^四、结转下年度继续办理\t\t\t0')" -eq 12 ]
}

@test "a 50 MB line without a newline streams through in bounded memory" {
	f=$BATS_TEST_TMPDIR/line.txt
	{ printf '政府'; head -c 50000000 /dev/zero | tr '\0' 'a'; printf '信息   '; } > "$f"
	run --separate-stderr bash -c 'gip-normalize "$1" | tail -n +2 | wc -c' _ "$f"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[ "$output" -eq $((50000000 + 12 + 1)) ]
	[ "$(gip-normalize "$f" | tail -c 8)" = $'a信息' ]
	if [ -x /usr/bin/time ]; then
		kb=$(/usr/bin/time -f %M gip-normalize "$f" 2>&1 > /dev/null)
		[ "$kb" -lt 16384 ] || { echo "peak RSS $kb KB"; false; }
	fi
}

@test "memory stays small on a large GB18030 input" {
	[ -x /usr/bin/time ] || skip "no /usr/bin/time"
	f=$BATS_TEST_TMPDIR/big.gb
	for i in $(seq 300); do cat "$V/000.gb18030.txt"; done > "$f"
	kb=$(/usr/bin/time -f %M gip-normalize "$f" 2>&1 > /dev/null)
	[ "$kb" -lt 16384 ] || { echo "peak RSS $kb KB"; false; }
}

@test "GB18030: every two-byte code decodes as iconv decodes it" {
	# all 23,940 two-byte codes, 16 a line, then some four-byte
	# ones; the same text through iconv to UTF-8 must
	# normalize to the same stream (-T -k: no folding to hide a slip)
	LC_ALL=C awk 'BEGIN {
		for (l = 129; l <= 254; l++)
			for (t = 64; t <= 254; t++) {
				if (t == 127)
					continue
				printf "%c%c", l, t
				if (++n % 16 == 0)
					printf " ab\n"
			}
		printf "\201\060\201\060 \204\061\244\071 \220\060\201\060\n"
	}' > "$BATS_TEST_TMPDIR/gb.txt"
	[ "$(wc -c < "$BATS_TEST_TMPDIR/gb.txt")" -gt 50000 ]
	iconv -f GB18030 -t UTF-8 "$BATS_TEST_TMPDIR/gb.txt" > "$BATS_TEST_TMPDIR/u8.txt"
	gip-normalize -T -k -f gb18030 --label=x - < "$BATS_TEST_TMPDIR/gb.txt" > "$BATS_TEST_TMPDIR/a"
	gip-normalize -T -k -f utf-8 --label=x - < "$BATS_TEST_TMPDIR/u8.txt" > "$BATS_TEST_TMPDIR/b"
	[ "$(wc -l < "$BATS_TEST_TMPDIR/a")" -gt 1400 ]
	cmp "$BATS_TEST_TMPDIR/a" "$BATS_TEST_TMPDIR/b"
}
