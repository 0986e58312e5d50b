#!/bin/sh
# gip-normalize on PDF and DOCX attachments.  Part 1, what pdftotext's
# modes are worth: the two real-shaped PDFs of tests/fixtures/normalize
# (LibreOffice from the DOCX, table 三 across a page break; and from the
# HTML page, 7 pages) through pdftotext -layout, -raw and plain mode,
# then gip-normalize | gip-sections | gip-tables, each value compared
# with the truth (report.cells): right, wrong (a wrong number) and not
# read, of 200.  Part 2, throughput: GIP_BENCH_N copies (default 200)
# of each form in build/bench/office/, read in one run through
# --files0-from; reports per second (best of 3) for PDF and DOCX, beside
# pdftotext -layout alone over the same PDFs (one process per file, the
# file on its stdin, from one shell loop: as gip-normalize runs it) and
# cat over the DOCX files (the floor); gip's own part is the difference,
# in wall time and, steadier on a loaded machine, in CPU time (user and
# system, the converters included; the least of 3 runs).
cd "$(dirname "$0")/.." || exit 2
bin=${GIP_BIN:-bin}
[ -x "$bin/gip-normalize" ] || make -s all || exit 2
command -v pdftotext > /dev/null || { echo "pdftotext not installed (make deps)"; exit 2; }
. bench/lib.sh
fx=tests/fixtures/normalize
n=${GIP_BENCH_N:-200}
d=build/bench/office
mkdir -p "$d"
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

echo "pdftotext mode: cells right / wrong / not read, of 200 (gip-tables)"
for pdf in report.pdf report-web.pdf; do
	for mode in -layout -raw plain; do
		opt=$mode
		[ "$mode" = plain ] && opt=
		pdftotext $opt -enc UTF-8 "$fx/$pdf" - | "$bin/gip-normalize" --label=x.txt |
		    "$bin/gip-sections" 2> /dev/null | "$bin/gip-tables" 2> /dev/null |
		    awk -F'\t' '$9 == "num" && $5 ~ /^t[234]$/ { print $5 "\t" $6 "\t" $7 "\t" $8 }' > "$tmp/got"
		right=$(grep -cxFf "$fx/report.cells" "$tmp/got")
		wrong=$(grep -vcxFf "$fx/report.cells" "$tmp/got")
		printf '  %-15s %-8s %3d right  %3d wrong  %3d not read\n' "$pdf" "$mode" \
		    "$right" "$wrong" $((200 - right - wrong))
	done
done

i=0
while [ $i -lt "$n" ]; do
	for f in report.pdf report-web.pdf report.docx; do
		[ -f "$d/$i-$f" ] || cp "$fx/$f" "$d/$i-$f"
	done
	i=$((i + 1))
done
find "$d" -name '*.pdf' -print0 | LC_ALL=C sort -z > "$tmp/pdfs"
find "$d" -name '*.docx' -print0 | LC_ALL=C sort -z > "$tmp/docx"
np=$(tr -cd '\0' < "$tmp/pdfs" | wc -c)
nd=$(tr -cd '\0' < "$tmp/docx" | wc -c)

pdftotext_all() {
	# as gip-normalize runs it: the file on its stdin, the text on stdout
	xargs -0 sh -c 'for f; do pdftotext -layout -enc UTF-8 - - < "$f"; done' sh < "$tmp/pdfs"
}
# cpu CMD...: the least CPU seconds (user + system, with the children
# waited for) of three runs, stdin from $BENCH_STDIN when set
cpu() {
	c=
	for i in 1 2 3; do
		t=$(/usr/bin/time -f '%U %S' "$@" < "${BENCH_STDIN:-/dev/null}" 2>&1 > /dev/null |
		    tail -1 | awk '{ print $1 + $2 }')
		c=$(awk -v t="$t" -v c="$c" 'BEGIN { print (c == "" || t < c) ? t : c }')
	done
	echo "$c"
}
tp=$(best pdftotext_all)
cp_=$(cpu sh -c "$(command -v xargs) -0 sh -c 'for f; do pdftotext -layout -enc UTF-8 - - < \"\$f\"; done' sh < $tmp/pdfs")
cg=$(BENCH_STDIN=$tmp/pdfs cpu "$bin/gip-normalize" -0)
cd_=$(BENCH_STDIN=$tmp/docx cpu "$bin/gip-normalize" -0)
tg=$(BENCH_STDIN=$tmp/pdfs best "$bin/gip-normalize" -0)
tc=$(BENCH_STDIN=$tmp/docx best sh -c 'xargs -0 cat')
td=$(BENCH_STDIN=$tmp/docx best "$bin/gip-normalize" -0)
# the whole chain on the DOCX files, to set the conversion beside it
tt=$(BENCH_STDIN=$tmp/docx best sh -c "$bin/gip-normalize -0 | $bin/gip-sections | $bin/gip-tables")
echo
awk -v np="$np" -v nd="$nd" -v tp="$tp" -v tg="$tg" -v tc="$tc" -v td="$td" -v tt="$tt" \
    -v cp="$cp_" -v cg="$cg" -v cd="$cd_" 'BEGIN {
	printf "PDF:  %d files  gip-normalize %.2f s = %.0f reports/s;" \
	    " pdftotext -layout alone %.2f s = %.0f reports/s\n", np, tg, np / tg, tp, np / tp
	printf "      gip'"'"'s own part: %.1f ms a report, %.0f%% of the wall time\n",
	    (tg - tp) * 1000 / np, (tg - tp) * 100 / tg
	printf "      CPU: gip-normalize %.2f s, pdftotext alone %.2f s: gip'"'"'s own %.2f ms" \
	    " a report, %.0f%% of the CPU\n", cg, cp, (cg - cp) * 1000 / np, (cg - cp) * 100 / cg
	printf "DOCX: %d files  gip-normalize %.3f s = %.0f reports/s (%.2f ms a report," \
	    " CPU %.2f ms); cat %.3f s\n", nd, td, nd / td, td * 1000 / nd, cd * 1000 / nd, tc
	printf "      normalize | sections | tables on them: %.3f s = %.0f reports/s\n", tt, nd / tt
}'
printf 'peak RSS, gip-normalize -0 over the PDFs: %s KB; over the DOCX files: %s KB\n' \
    "$(BENCH_STDIN= rss sh -c "$bin/gip-normalize -0 < $tmp/pdfs")" \
    "$(rss sh -c "$bin/gip-normalize -0 < $tmp/docx")"
