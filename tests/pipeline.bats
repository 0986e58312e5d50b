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

@test "pipeline: clean reports give no error finding" {
	d="$BATS_TEST_TMPDIR/clean"
	mkdir -p "$d"
	"$GIP_GENCORPUS" -n 20 -s 6 -l tab,pipe,html,space,cell -o "$d"
	run --separate-stderr bash -c "gip-normalize '$d'/r* | gip-sections | gip-tables | gip-check"
	echo "$output"
	[ "$status" -eq 0 ]
	[ -z "$(echo "$output" | awk -F'\t' '$3 == "error"')" ]
}

@test "pipeline: an injected balance error is found on exactly the broken reports" {
	d="$BATS_TEST_TMPDIR/broken"
	mkdir -p "$d"
	"$GIP_GENCORPUS" -n 20 -s 7 -l tab,html -b bal:4 -o "$d"
	run --separate-stderr bash -c "gip-normalize '$d'/r* | gip-sections | gip-tables | gip-check"
	[ "$status" -eq 1 ]
	got=$(echo "$output" | awk -F'\t' '$3 == "error" { print $1 }' | sort -u)
	want=$(cut -f1 "$d/broken.tsv" | sort -u)
	[ -n "$want" ]
	[ "$got" = "$want" ]
}
