#!/bin/sh
# The main job on the bundled examples: the five real reports in
# examples/seeds/ and six variants of them (GB18030, a GBK web page,
# Big5 in traditional script, UTF-16LE and BE, CRLF) go through the
# whole pipeline.  Every cell is kept in build/examples/cells.tsv and
# every finding in build/examples/findings.tsv; what is printed is a
# summary.  examples/run.out is its output, checked by tests/examples.bats.
cd "$(dirname "$0")/.." || exit 2
PATH=${GIP_BIN:-$PWD/bin}:$PATH
out=build/examples
mkdir -p "$out"
set -- examples/seeds/*.txt examples/variants/*.txt examples/variants/*.html

echo "## gip-normalize -v: the encoding of each of the $# reports"
gip-normalize -v "$@" 2>&1 > "$out/text" | sed 's/^gip-normalize: //; s/: note: /: /'

echo
echo "## gip-sections -m: what each report is (doc, agency, year, template, published)"
gip-sections "$out/text" 2> "$out/sections.err" > "$out/sections"
gip-sections -m "$out/text" 2> /dev/null | cut -f1-5

echo
echo "## gip-tables: one record per cell"
gip-tables "$out/sections" > "$out/cells.tsv" 2> "$out/tables.err"
echo "$(wc -l < "$out/cells.tsv") records in $out/cells.tsv, e.g. 行政许可 in each report:"
awk -F'\t' '$5 == "t2" && $6 == "license" && $7 == "decisions" { print "  " $1 "\t" $8 }' "$out/cells.tsv"

echo
echo "## gip-check: the rules (勾稽关系, totals, prose against table, ...)"
gip-check "$out/cells.tsv" > "$out/findings.tsv"
echo "gip-check exit status $?; $(wc -l < "$out/findings.tsv") findings in $out/findings.tsv:"
cut -f1,2,3,9 "$out/findings.tsv"

echo
echo "## gip-stats: table 二 over the five seeds, and the reports failing each rule"
grep '^examples/seeds/' "$out/cells.tsv" > "$out/seeds.tsv"
grep '^examples/seeds/' "$out/findings.tsv" > "$out/seeds-findings.tsv"
gip-stats -P -c 't2.*.decisions' -g row "$out/seeds.tsv"
gip-stats -P -f "$out/seeds.tsv" "$out/seeds-findings.tsv"
echo
COLUMNS=80 gip-stats -c t2.license.decisions -g agency -C "$out/seeds.tsv"
