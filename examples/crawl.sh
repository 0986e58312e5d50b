#!/bin/sh
# From a crawl: the nightly job over a folder of downloaded reports in
# the forms agencies publish them (an HTML page, a PDF attachment, a
# DOCX attachment) and one failed download (an error page saved as
# .pdf).  find names the files, NUL-separated, and gip-normalize names
# each document after its file, so that downstream nothing is summed
# across documents; the failed download is one line in the log; the
# numbers end checked by gip-check.  The downloads are made here from
# tests/fixtures/normalize (one report in every form).  Output in
# crawl.out; README.md "From a crawl" quotes this script.
cd "$(dirname "$0")/.." || exit 2
PATH=${GIP_BIN:-$PWD/bin}:$PATH
export LC_ALL=C
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fx=tests/fixtures/normalize
mkdir -p "$tmp/crawl/www.a.gov.cn" "$tmp/crawl/www.b.gov.cn" "$tmp/crawl/www.c.gov.cn"
cp "$fx/report.html" "$tmp/crawl/www.a.gov.cn/2022年报.html"
cp "$fx/report.pdf" "$tmp/crawl/www.b.gov.cn/P020230131.pdf"
cp "$fx/report.docx" "$tmp/crawl/www.c.gov.cn/附件1.docx"
printf '<html><head><title>404 Not Found</title></head></html>\n' \
    > "$tmp/crawl/www.c.gov.cn/附件2.pdf"
cd "$tmp" || exit 2

# ---- the nightly job (crontab: 30 2 * * * sh /srv/gip/nightly.sh) ----
find crawl -type f -print0 | LC_ALL=C sort -z |
    gip-normalize --files0-from=- 2> normalize.log |
    gip-sections 2> sections.log | gip-tables > records.tsv
gip-check records.tsv > findings.tsv
status=$?
# ----------------------------------------------------------------------

echo "## failed downloads and conversions (normalize.log)"
cat normalize.log
echo
echo "## $(wc -l < records.tsv) records (cells, prose facts, document status) from $(cut -f1 records.tsv | sort -u | wc -l) documents"
cut -f1 records.tsv | sort | uniq -c
echo
echo "## gip-check: status $status, $(wc -l < findings.tsv) findings"
echo
echo "## table 三, 总计 column, summed over the documents"
gip-stats -P -g row -c t3.new.total,t3.carry_in.total,t3.total.total,t3.carry_out.total records.tsv
