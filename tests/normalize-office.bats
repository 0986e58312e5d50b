#!/usr/bin/env bats
# gip-normalize on the files users actually have: PDF, DOCX, WPS saved
# as DOCX, old .doc; documents named by --label and --files0-from; names
# that lie about the content.  The report fixtures are one 2021-template
# report in every form (tests/fixtures/normalize/mkoffice.py); their
# expected cells (report.cells) come from the truth the script rendered,
# never from gip.

load helpers

F="$FIXTURES/normalize"
RS=$'\036'

setup() {
	command -v pdftotext >/dev/null || skip "pdftotext not installed (make deps)"
}

# table row col value of every number gip-tables reads from a document
cells() {
	gip-normalize "$@" | gip-sections | gip-tables |
	    awk -F'\t' '$9 == "num" && $5 != "doc" { print $5 "\t" $6 "\t" $7 "\t" $8 }'
}

# the records without the name, agency (the web PDF lost its title) and
# line of the document: what must not
# depend on the form of the report
records() {
	gip-normalize "$@" | gip-sections | gip-tables | awk -F'\t' '$5 != "doc"' | cut -f 3-10
}

@test "PDF, DOCX, WPS-style DOCX: all 200 cells, each as the truth and as the HTML version's" {
	[ "$(wc -l < "$F/report.cells")" -eq 200 ]
	# non-zero, real-shaped numbers
	[ "$(awk -F'\t' '$4 != "0"' "$F/report.cells" | wc -l)" -ge 80 ]
	records "$F/report.html" > "$BATS_TEST_TMPDIR/html"
	[ "$(wc -l < "$BATS_TEST_TMPDIR/html")" -eq 200 ]
	for f in report.html report.docx wps.docx report.pdf report-web.pdf; do
		echo "== $f"
		cells "$F/$f" > "$BATS_TEST_TMPDIR/cells"
		diff -u "$F/report.cells" "$BATS_TEST_TMPDIR/cells"
		records "$F/$f" > "$BATS_TEST_TMPDIR/rec"
		diff -u "$BATS_TEST_TMPDIR/html" "$BATS_TEST_TMPDIR/rec"
	done
	# the raw text of a cell too: 1,234 as written
	grep -q $'\tt2\tlicense\tdecisions\t1234\tnum\t1,234$' "$BATS_TEST_TMPDIR/rec"
}

@test "PDF: table 三 broken by a page (footer -2-, form feed, header repeated) reads right" {
	run --separate-stderr gip-normalize "$F/report.pdf"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	# the shape: the break falls between rows 6 and 7 of （三）不予公开
	printf '%s\n' "$output" | grep -av "^$RS" |
	    awk '/6\.属于四类过程性信息/ { a = NR } /^ *-2- *$/ { b = NR }
		/本列数据的勾稽关系/ { h[++n] = NR } /7\.属于行政执法案卷/ { c = NR }
		END { exit !(a && a < b && b < h[2] && h[2] < c && n == 2) }'
	cells "$F/report.pdf" > "$BATS_TEST_TMPDIR/c"
	grep -qx $'t3\tdeny_process\tresearch\t1' "$BATS_TEST_TMPDIR/c"
	grep -qx $'t3\tdeny_case\tnatural\t1' "$BATS_TEST_TMPDIR/c"
	grep -qx $'t3\tunable_nohold\ttotal\t7' "$BATS_TEST_TMPDIR/c"
	grep -qx $'t3\ttotal\ttotal\t77' "$BATS_TEST_TMPDIR/c"
	grep -qx $'t3\tcarry_out\tnatural\t4' "$BATS_TEST_TMPDIR/c"
	# nothing of the page break became a value: 7 per row, 25 rows
	[ "$(grep -c $'^t3\t' "$BATS_TEST_TMPDIR/c")" -eq 175 ]
}

@test "PDF: the same text from a file, from a pipe, and with --label" {
	gip-normalize "$F/report.pdf" | tail -n +2 > "$BATS_TEST_TMPDIR/a"
	cat "$F/report.pdf" | gip-normalize --label=x.pdf > "$BATS_TEST_TMPDIR/b"
	[ "$(head -1 "$BATS_TEST_TMPDIR/b")" = "${RS}doc	x.pdf" ]
	tail -n +2 "$BATS_TEST_TMPDIR/b" | cmp - "$BATS_TEST_TMPDIR/a"
	# -layout: columns by spaces, no tabs; the title as laid out
	[ "$(grep -av "^$RS" "$BATS_TEST_TMPDIR/a" | grep -c $'\t')" -eq 0 ]
	[ "$(head -1 "$BATS_TEST_TMPDIR/a")" = "某某市某某局 2022 年政府信息公开工作年度报告" ]
}

@test "a scanned PDF (no text): an error naming the file and its pages, the others converted" {
	run --separate-stderr gip-normalize "$F/scanned.pdf" "$F/gb-short.txt"
	[ "$status" -eq 1 ]
	[ "$stderr" = "gip-normalize: $F/scanned.pdf: error: PDF with no text in its 1 page (scanned images?): it needs OCR" ]
	[ "${lines[0]}" = "${RS}doc	$F/gb-short.txt" ]
	[ "${#lines[@]}" -eq 2 ]
}

@test "without pdftotext on PATH: one line naming poppler-utils, status 1, the rest converted" {
	mkdir "$BATS_TEST_TMPDIR/nobin"
	run --separate-stderr env PATH="$BATS_TEST_TMPDIR/nobin" \
	    "$GIP_BIN/gip-normalize" "$F/report.pdf" "$F/report.docx" "$F/gb-short.txt"
	[ "$status" -eq 1 ]
	[ "$stderr" = "gip-normalize: $F/report.pdf: error: PDF: needs pdftotext, which is not installed (Debian: apt-get install poppler-utils)" ]
	[ "${lines[0]}" = "${RS}doc	$F/report.docx" ]
	[ "$(printf '%s\n' "$output" | grep -c "^${RS}doc")" -eq 2 ]
	# and old Word files need antiword or catdoc
	run --separate-stderr env PATH="$BATS_TEST_TMPDIR/nobin" \
	    "$GIP_BIN/gip-normalize" "$F/report.doc"
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "$stderr" = "gip-normalize: $F/report.doc: error: Word/WPS (OLE2): needs antiword or catdoc, neither of which is installed (Debian: apt-get install antiword)" ]
}

@test "a converter that fails, or takes too long: its message, no half document, status 1" {
	printf '%%PDF-1.4\nnot a pdf at all\n' > "$BATS_TEST_TMPDIR/broken.pdf"
	run --separate-stderr gip-normalize "$BATS_TEST_TMPDIR/broken.pdf" "$F/gb-short.txt"
	[ "$status" -eq 1 ]
	[[ "$stderr" == "gip-normalize: $BATS_TEST_TMPDIR/broken.pdf: error: PDF: pdftotext failed (status 1): "* ]]
	[ "${lines[0]}" = "${RS}doc	$F/gb-short.txt" ]
	# a pdftotext that hangs is stopped at GIP_TIMEOUT
	mkdir "$BATS_TEST_TMPDIR/slow"
	printf '#!/bin/sh\ncat > /dev/null\nexec sleep 30\n' > "$BATS_TEST_TMPDIR/slow/pdftotext"
	chmod +x "$BATS_TEST_TMPDIR/slow/pdftotext"
	start=$(date +%s)
	run --separate-stderr env PATH="$BATS_TEST_TMPDIR/slow:$PATH" GIP_TIMEOUT=1 \
	    "$GIP_BIN/gip-normalize" "$F/report.pdf" "$F/gb-short.txt"
	[ "$status" -eq 1 ]
	[ $(($(date +%s) - start)) -lt 10 ]
	[ "$stderr" = "gip-normalize: $F/report.pdf: error: PDF: pdftotext took too long and was stopped" ]
	[ "${lines[0]}" = "${RS}doc	$F/gb-short.txt" ]
	run --separate-stderr env GIP_TIMEOUT=0 gip-normalize "$F/gb-short.txt"
	[ "$status" -eq 2 ]
	[ "$stderr" = "gip-normalize: GIP_TIMEOUT is too small: 0" ]
}

@test "--files0-from: each document named after its file; two PDFs stay two documents" {
	d="$BATS_TEST_TMPDIR/crawl"
	mkdir -p "$d/a" "$d/b c"
	cp "$F/report.pdf" "$d/a/1.pdf"
	cp "$F/report.pdf" "$d/b c/2.pdf"
	cp "$F/report.docx" "$d/a/3.docx"
	cp "$F/report.html" "$d/b c/4.html"
	(cd "$d" && find . -type f -print0 | LC_ALL=C sort -z) > "$BATS_TEST_TMPDIR/list"
	(cd "$d" && gip-normalize --files0-from="$BATS_TEST_TMPDIR/list") > "$BATS_TEST_TMPDIR/out"
	grep -a "^${RS}doc" "$BATS_TEST_TMPDIR/out" | cut -f 2 > "$BATS_TEST_TMPDIR/names"
	printf './a/1.pdf\n./a/3.docx\n./b c/2.pdf\n./b c/4.html\n' | diff -u - "$BATS_TEST_TMPDIR/names"
	# downstream, four documents of 200 cells each, never summed together
	gip-sections < "$BATS_TEST_TMPDIR/out" | gip-tables > "$BATS_TEST_TMPDIR/rec"
	[ "$(cut -f 1 "$BATS_TEST_TMPDIR/rec" | sort -u | wc -l)" -eq 4 ]
	[ "$(awk -F'\t' '$5 == "t3" && $6 == "new" && $7 == "total" && $8 == "75"' "$BATS_TEST_TMPDIR/rec" | wc -l)" -eq 4 ]
	# -0 and --files0-from=- read the list from stdin; the same stream
	(cd "$d" && gip-normalize -0 < "$BATS_TEST_TMPDIR/list") | cmp - "$BATS_TEST_TMPDIR/out"
	(cd "$d" && gip-normalize --files0-from=- < "$BATS_TEST_TMPDIR/list") | cmp - "$BATS_TEST_TMPDIR/out"
}

@test "--files0-from: empty names, '-' from a stdin list, a missing file: reported, the rest processed" {
	printf '%s\0\0-\0%s\0no-such-file\0%s' "$F/gb-short.txt" "$F/big5-short.txt" "$F/gb-short.txt" > "$BATS_TEST_TMPDIR/list"
	run --separate-stderr gip-normalize --files0-from=- < "$BATS_TEST_TMPDIR/list"
	[ "$status" -eq 1 ]
	[ "${stderr_lines[0]}" = "gip-normalize: <stdin>:2: error: invalid zero-length file name" ]
	[ "${stderr_lines[1]}" = "gip-normalize: <stdin>:3: error: '-' names the standard input, which holds the list of names" ]
	[ "${stderr_lines[2]}" = "gip-normalize: no-such-file: No such file or directory" ]
	[ "$(printf '%s\n' "$output" | grep -c "^${RS}doc")" -eq 3 ]
	# file operands as well: a usage error
	run --separate-stderr gip-normalize --files0-from=- "$F/gb-short.txt" < /dev/null
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "gip-normalize: file operands cannot be combined with --files0-from: '$F/gb-short.txt'" ]
	# an empty list: no documents
	run --separate-stderr gip-normalize -0 < /dev/null
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	run --separate-stderr gip-normalize --files0-from="$BATS_TEST_TMPDIR/none"
	[ "$status" -eq 2 ]
}

@test "content, not name: a .html that is a PDF, a .pdf that is an error page, a zero-byte download" {
	d="$BATS_TEST_TMPDIR"
	cp "$F/report.pdf" "$d/page.html"
	printf '<html><head><title>404 Not Found</title></head><body>Not Found</body></html>\n' > "$d/report.pdf"
	cp "$d/report.pdf" "$d/att.docx"
	: > "$d/zero.pdf"
	printf 'just some text\n' > "$d/notes.doc"
	run --separate-stderr gip-normalize "$d/page.html" "$d/report.pdf" "$d/att.docx" "$d/zero.pdf" "$d/notes.doc"
	[ "$status" -eq 1 ]
	[ "${stderr_lines[0]}" = "gip-normalize: $d/page.html: warning: a PDF document, named .html; read as PDF" ]
	[ "${stderr_lines[1]}" = "gip-normalize: $d/report.pdf: error: named .pdf but an HTML page, not a PDF file (a failed download?)" ]
	[ "${stderr_lines[2]}" = "gip-normalize: $d/att.docx: error: named .docx but an HTML page, not a Word file (a failed download?)" ]
	[ "${stderr_lines[3]}" = "gip-normalize: $d/zero.pdf: error: empty file (a failed download?)" ]
	[ "${stderr_lines[4]}" = "gip-normalize: $d/notes.doc: error: named .doc but text, not a Word file (a failed download?)" ]
	[ "${#stderr_lines[@]}" -eq 5 ]
	# only the PDF came through, whole
	[ "$(printf '%s\n' "$output" | grep -c "^${RS}doc")" -eq 1 ]
	gip-normalize "$d/page.html" 2>/dev/null | gip-sections | gip-tables | awk -F'\t' '$5 ~ /^t[234]$/' | grep -c . | grep -qx 200
	# Word's own HTML saved as .doc is read as HTML, quietly
	printf '<html xmlns:w="urn:schemas-microsoft-com:office:word"><body><p>三、收到</p></body></html>\n' > "$d/web.doc"
	run --separate-stderr gip-normalize "$d/web.doc"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[ "${lines[1]}" = "三、收到" ]
	# --label names stdin for these checks too
	run --separate-stderr gip-normalize --label=x.pdf < "$d/report.pdf"
	[ "$status" -eq 1 ]
	[ "$stderr" = "gip-normalize: x.pdf: error: named .pdf but an HTML page, not a PDF file (a failed download?)" ]
}

# a DOCX from the word/document.xml body given (python3's zipfile)
mkdocx() {
	python3 - "$1" "$2" <<'EOF'
import sys, zipfile
body = sys.argv[2]
doc = ('<?xml version="1.0" encoding="UTF-8"?><w:document '
       'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
       'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
       '<w:body>' + body + '</w:body></w:document>')
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("[Content_Types].xml", "<Types/>")
    z.writestr("word/document.xml", doc)
EOF
}

@test "DOCX: spans, merges, grid gaps, breaks, tabs; deleted text, field codes, text box copies skipped (by hand)" {
	p() { printf '<w:p><w:r><w:t>%s</w:t></w:r></w:p>' "$1"; }
	tc() { printf '<w:tc><w:tcPr>%s</w:tcPr>%s</w:tc>' "$1" "$2"; }
	body="$(p '一、总体情况')"
	body+='<w:p><w:r><w:t xml:space="preserve">A </w:t></w:r><w:r><w:tab/><w:t>B</w:t><w:br/><w:t>C &amp; &lt;D&gt;</w:t></w:r>'
	body+='<w:del><w:r><w:delText>gone</w:delText></w:r></w:del><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:t>1</w:t></w:r></w:p>'
	body+='<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:txbxContent>'"$(p '框')"'</w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent>'"$(p '框')"'</w:txbxContent></mc:Fallback></mc:AlternateContent></w:r></w:p>'
	body+='<w:tbl><w:tblPr/><w:tblGrid/>'
	body+='<w:tr>'"$(tc '<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>' "$(p '合并')")$(tc '' "$(p '甲')")$(tc '' "$(p '乙')")"'</w:tr>'
	body+='<w:tr>'"$(tc '<w:gridSpan w:val="2"/><w:vMerge/>' '<w:p/>')$(tc '' "$(p '1')$(p '2')")$(tc '' "$(p '3')")"'</w:tr>'
	body+='<w:tr><w:trPr><w:gridBefore w:val="1"/><w:gridAfter w:val="1"/></w:trPr>'"$(tc '' "$(p '4')")$(tc '' "$(p '5')")"'</w:tr>'
	body+='</w:tbl>'"$(p '二、主动公开')"
	mkdocx "$BATS_TEST_TMPDIR/t.docx" "$body"
	run --separate-stderr gip-normalize "$BATS_TEST_TMPDIR/t.docx"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	printf '%s\n' "$output" | grep -av "^$RS" > "$BATS_TEST_TMPDIR/got"
	printf '%s\n' '一、总体情况' 'A B' 'C & <D>1' '框' \
	    $'合并\t\t甲\t乙' $'\t\t1 2\t3' $'\t4\t5\t' '二、主动公开' |
	    diff -u - "$BATS_TEST_TMPDIR/got"
	# the same table in HTML gives the same rows
	printf '<table><tr><td colspan=2 rowspan=2>合并</td><td>甲</td><td>乙</td></tr><tr><td><p>1</p><p>2</p></td><td>3</td></tr></table>' |
	    gip-normalize | grep -av "^$RS" > "$BATS_TEST_TMPDIR/html"
	sed -n '5,6p' "$BATS_TEST_TMPDIR/got" | diff -u "$BATS_TEST_TMPDIR/html" -
	# the WPS-style fixture: its text box once, not twice
	[ "$(gip-normalize "$F/wps.docx" | grep -c '统计表见下文')" -eq 1 ]
}

@test "DOCX that is not: a workbook, a broken zip, malformed XML: one line each, status 1" {
	python3 -c 'import zipfile,sys; z=zipfile.ZipFile(sys.argv[1],"w"); z.writestr("xl/workbook.xml","<w/>"); z.close()' "$BATS_TEST_TMPDIR/book.docx"
	printf 'PK\003\004 and then nothing of a zip' > "$BATS_TEST_TMPDIR/cut.docx"
	mkdocx "$BATS_TEST_TMPDIR/bad.docx" '<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p><w:p><w:r><w:t>x</w:r></w:p>'
	run --separate-stderr gip-normalize "$BATS_TEST_TMPDIR/book.docx" "$BATS_TEST_TMPDIR/cut.docx" "$BATS_TEST_TMPDIR/bad.docx"
	[ "$status" -eq 1 ]
	[ "${stderr_lines[0]}" = "gip-normalize: $BATS_TEST_TMPDIR/book.docx: error: an Excel workbook (XLSX), not a Word document" ]
	[[ "${stderr_lines[1]}" == "gip-normalize: $BATS_TEST_TMPDIR/cut.docx: error: not a readable ZIP archive (DOCX): "* ]]
	[[ "${stderr_lines[2]}" == "gip-normalize: $BATS_TEST_TMPDIR/bad.docx:"*": error: word/document.xml:1: mismatched tag; the text stops here" ]]
	[ "${#stderr_lines[@]}" -eq 3 ]
	# the broken document keeps what came before the error
	[ "${lines[0]}" = "${RS}doc	$BATS_TEST_TMPDIR/bad.docx" ]
	[ "${lines[1]}" = "一、总体情况" ]
}

@test "old .doc through antiword: the report's text; its tables are antiword's" {
	command -v antiword >/dev/null || skip "antiword not installed"
	run --separate-stderr gip-normalize "$F/report.doc"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[ "${lines[0]}" = "${RS}doc	$F/report.doc" ]
	printf '%s\n' "$output" | grep -qx '某某市某某局2022年政府信息公开工作年度报告'
	printf '%s\n' "$output" | grep -qx '五、存在的主要问题及改进情况'
	printf '%s\n' "$output" | grep -qx '本机关2022年未收取信息处理费。'
}

@test "examples/crawl.sh, the README's nightly job over mixed downloads, prints examples/crawl.out" {
	run --separate-stderr sh "$REPO/examples/crawl.sh"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	diff -u "$REPO/examples/crawl.out" <(printf '%s\n' "$output")
}

@test "DOCX: a table inside a cell (a layout frame around the real table) gives the lines HTML gives" {
	p() { printf '<w:p><w:r><w:t>%s</w:t></w:r></w:p>' "$1"; }
	inner='<w:tbl><w:tr><w:tc>'"$(p 行政许可)"'</w:tc><w:tc>'"$(p 1,234)"'</w:tc></w:tr><w:tr><w:tc>'"$(p 行政处罚)"'</w:tc><w:tc>'"$(p 87)"'</w:tc></w:tr></w:tbl>'
	body='<w:tbl><w:tr><w:tc>'"$(p 框架)"'</w:tc><w:tc>'"$(p 标题)$inner"'</w:tc></w:tr></w:tbl>'"$(p 完)"
	mkdocx "$BATS_TEST_TMPDIR/n.docx" "$body"
	run --separate-stderr gip-normalize "$BATS_TEST_TMPDIR/n.docx"
	[ "$status" -eq 0 ]
	printf '%s\n' "$output" | grep -av "^$RS" > "$BATS_TEST_TMPDIR/docx"
	printf '<table><tr><td><p>框架</p></td><td><p>标题</p><table><tr><td><p>行政许可</p></td><td><p>1,234</p></td></tr><tr><td><p>行政处罚</p></td><td><p>87</p></td></tr></table></td></tr></table><p>完</p>' |
	    gip-normalize | grep -av "^$RS" > "$BATS_TEST_TMPDIR/html"
	diff -u "$BATS_TEST_TMPDIR/html" "$BATS_TEST_TMPDIR/docx"
	# the inner table keeps its rows
	grep -qx $'行政许可\t1,234' "$BATS_TEST_TMPDIR/docx"
	grep -qx $'行政处罚\t87' "$BATS_TEST_TMPDIR/docx"
}
