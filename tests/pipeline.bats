#!/usr/bin/env bats
# The whole pipeline on synthetic reports whose true values are known
# (tests/unit/gencorpus.c): every layout and encoding, every cell right,
# every injected rule violation found, no finding on clean reports.

load helpers

setup() {
	for t in gip-normalize gip-sections gip-tables gip-check; do
		[ -x "$GIP_BIN/$t" ] || skip "$t not built"
	done
	[ -x "$GIP_GENCORPUS" ] || skip "gencorpus not built"
}

# cells DIR: the t2/t3/t4 records of every report, as "doc table row
# col value", sorted
cells() {
	gip-normalize "$1"/r* | gip-sections | gip-tables |
	    awk -F'\t' '$5 ~ /^t[234]$/ { print $1 "\t" $5 "\t" $6 "\t" $7 "\t" $8 "\t" $9 }' | LC_ALL=C sort
}

truth() {
	awk -F'\t' '{ print $0 "\tnum" }' "$1/truth.tsv" | LC_ALL=C sort
}

check_layout() {
	local d="$BATS_TEST_TMPDIR/$1"
	mkdir -p "$d"
	"$GIP_GENCORPUS" -n "$2" -s "$3" -l "$1" -e utf8,bom,gb18030,utf16 -o "$d"
	cells "$d" > "$d/got"
	truth "$d" > "$d/want"
	diff -u "$d/want" "$d/got"
}

@test "pipeline: tab-separated tables, every cell right" {
	check_layout tab 12 1
}

@test "pipeline: markdown pipe tables, every cell right" {
	check_layout pipe 12 2
}

@test "pipeline: HTML tables with rowspan and colspan, every cell right" {
	check_layout html 12 3
}

@test "pipeline: space-separated tables with wrapped labels, every cell right" {
	check_layout space 12 4
}

@test "pipeline: one cell per line, every cell right" {
	check_layout cell 12 5
}

@test "pipeline: pdftotext -layout columns, wrapped labels, footers, every cell right" {
	check_layout pdf 12 8
}

@test "pipeline: thousands separators and full-width digits in cells, every cell right" {
	d="$BATS_TEST_TMPDIR/digits"
	mkdir -p "$d"
	"$GIP_GENCORPUS" -n 24 -s 13 -l tab,pipe,html,space,pdf -o "$d"
	# the corpus has both forms
	grep -lq $'\t[0-9]\{1,3\},[0-9][0-9][0-9]' "$d"/r* || grep -lq ' [0-9]\{1,3\},[0-9][0-9][0-9]' "$d"/r*
	grep -lqF -e '０' -e '１' -e '２' -e '３' -e '４' -e '５' -e '６' -e '７' -e '８' -e '９' "$d"/r*
	cells "$d" > "$d/got"
	truth "$d" > "$d/want"
	diff -u "$d/want" "$d/got"
}

@test "pipeline: 2019-template reports (22-cell table 二, signed 增/减), every cell right" {
	d="$BATS_TEST_TMPDIR/t2019"
	mkdir -p "$d"
	"$GIP_GENCORPUS" -n 24 -s 5 -t 2019,2021 -l tab,pipe,html -e utf8,gb18030 -o "$d"
	[ "$(grep -c procure "$d/truth.tsv")" -gt 0 ]
	cells "$d" > "$d/got"
	truth "$d" > "$d/want"
	diff -u "$d/want" "$d/got"
	# and gip-sections tells the templates apart
	gip-normalize "$d"/r* | gip-sections -m | awk -F'\t' '$4 == "2019" { print $1 }' | sort > "$d/got2019"
	awk -F'\t' '$3 == "procure" { print $1 }' "$d/truth.tsv" | sort -u > "$d/want2019"
	[ -s "$d/want2019" ]
	diff -u "$d/want2019" "$d/got2019"
}

@test "pipeline: clean reports give no error finding" {
	d="$BATS_TEST_TMPDIR/clean"
	mkdir -p "$d"
	"$GIP_GENCORPUS" -n 20 -s 6 -t 2019,2021 -l tab,pipe,html,space,cell,pdf -o "$d"
	run --separate-stderr bash -c "gip-normalize '$d'/r* | gip-sections | gip-tables | gip-check"
	echo "$output"
	[ "$status" -eq 0 ]
	[ -z "$(echo "$output" | awk -F'\t' '$3 == "error"')" ]
}

# broken RULE CHECKID: break RULE on every 4th report; the reports with
# an error finding of CHECKID are exactly those
broken() {
	d="$BATS_TEST_TMPDIR/broken-$1"
	mkdir -p "$d"
	"$GIP_GENCORPUS" -n 16 -s 7 -l tab,html,pdf,space -b "$1:4" -o "$d"
	run --separate-stderr bash -c "gip-normalize '$d'/r* | gip-sections | gip-tables | gip-check"
	[ "$status" -eq 1 ]
	got=$(echo "$output" | awk -F'\t' -v r="$2" '$3 == "error" && $2 == r { print $1 }' | sort -u)
	want=$(cut -f1 "$d/broken.tsv" | sort -u)
	[ "$(echo "$want" | wc -l)" -eq 4 ]
	[ "$got" = "$want" ]
	# and nothing else is wrong with the others
	others=$(echo "$output" | awk -F'\t' '$3 == "error" { print $1 }' | sort -u)
	[ "$others" = "$want" ]
}

@test "pipeline: an injected 勾稽 (balance) error is found on exactly the broken reports" {
	broken bal t3-balance
}

@test "pipeline: an injected row-total error is found on exactly the broken reports" {
	broken row t3-rows
}

@test "pipeline: an injected outcome-total error is found on exactly the broken reports" {
	broken sum t3-outcome
}

@test "pipeline: an injected table 四 total error is found on exactly the broken reports" {
	broken t4 t4-total
}

@test "pipeline: prose contradicting the table is found on exactly those reports" {
	broken narr narrative
}

@test "pipeline: the year against the statistics period and the publication date" {
	# the seeds: 000 states its period (2022), 003 its publication
	# (2022-01-10, a 2021 report): no year finding
	for f in "$SEEDS"/00[0-3]_*.txt; do
		run --separate-stderr bash -c 'gip-normalize "$1" | gip-sections | gip-tables | gip-check -r year' sh "$f"
		[ "$status" -eq 0 ]
		[ -z "$output" ]
	done
	# seed 000 with last year's period left in and signed in March
	f=$BATS_TEST_TMPDIR/000.txt
	sed 's/从 2022 年 1 月 1 日到 2022 年/从 2021 年 1 月 1 日到 2021 年/' "$SEEDS"/000_*.txt > "$f"
	printf '\n惠农区卫生健康局\n2023年3月15日\n' >> "$f"
	run --separate-stderr bash -c 'gip-normalize "$1" | gip-sections | gip-tables | gip-check' sh "$f"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | cut -f2-8,10)" = "$(printf 'year\twarning\tnarr\tperiod\tyear\t2022\t2021\t5\nyear\twarning\tnarr\tpublished\tdate\t2023-01-01..2023-01-31\t2023-03-15\t')" ]
	[[ "${lines[0]}" == *"(“统计期限从 2021 年 1 月 1 日到 2021 年 12 月 31 日止”), but the report year is 2022"* ]]
	[[ "${lines[1]}" == *"after 2023-01-31, the deadline for a department's report"* ]]
}
