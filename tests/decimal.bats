#!/usr/bin/env bats
# One decimal type (lib/decimal.c) through gip-check and gip-stats:
# values with one to six decimals, negatives, the largest each tool
# accepts and the first it refuses, read and written back exactly.
# gip-check keeps 4 decimals (more are cut, and said) and values up to
# 10^12; gip-stats keeps 6 and values whose millionths fit in 64 bits.

load helpers

setup() {
	F="$FIXTURES/check"
	export SOURCE_DATE_EPOCH=1767225600	# 2026-01-01
}

# keep V: good.tsv with 行政复议 结果维持 = V and its total 5; prints
# gip-check's t4-total finding as "expected actual" (the sum as it
# formats it, then the total).
keep() {
	awk -F'\t' -v OFS='\t' -v v="$1" '$5 == "t4" && $6 == "review" && $7 == "keep" { $8 = v; $10 = v } { print }' \
	    "$F/good.tsv" > "$BATS_TEST_TMPDIR/d.tsv"
	gip-check -r t4-total "$BATS_TEST_TMPDIR/d.tsv" | cut -f 7,8,9
}

@test "decimal: gip-check reads and writes 1 to 4 decimals and negatives exactly" {
	# the other terms of the row add 2 (1 + 0 + 1)
	[ "$(keep 1.5 | cut -f 1,2)" = "$(printf '3.5\t5')" ]
	[ "$(keep 0.25 | cut -f 1)" = "2.25" ]
	[ "$(keep 12.125 | cut -f 1)" = "14.125" ]
	[ "$(keep 3.0625 | cut -f 1)" = "5.0625" ]
	[[ "$(keep 3.0625)" == *"结果维持 (3.0625) + "* ]]
	[ "$(keep -2.5 | cut -f 1)" = "-0.5" ]
	[[ "$(keep -2.5)" == *"结果维持 (-2.5) + "* ]]
	[ "$(keep -0.0001 | cut -f 1)" = "1.9999" ]
	[ "$(keep -3 | cut -f 1)" = "-1" ]
	[ "$(keep +1.50 | cut -f 1)" = "3.5" ]
	[ "$(keep .5 | cut -f 1)" = "2.5" ]
}

@test "decimal: gip-check cuts the 5th and 6th decimals, and says so" {
	[ "$(keep 7.12345 | cut -f 1)" = "9.1234" ]
	[ "$(keep 7.123456 | cut -f 1)" = "9.1234" ]
	[[ "$(keep 7.123456)" == *"结果维持 (7.1234) + "* ]]
	awk -F'\t' -v OFS='\t' '$5 == "t4" && $6 == "review" && $7 == "keep" { $8 = "7.123456"; $10 = $8 } { print }' \
	    "$F/good.tsv" > "$BATS_TEST_TMPDIR/d.tsv"
	run gip-check -r value "$BATS_TEST_TMPDIR/d.tsv"
	[[ "$output" == *"not a whole number: “7.123456”"* ]]
	# a value with no fraction but a point is not a number
	[[ "$(keep 5.)" == *"not assessable: 行政复议 / 结果维持 is not a number: “5.”"* ]]
}

@test "decimal: gip-check's largest value, 10^12, and sums beyond 64-bit millionths" {
	[ "$(keep 1000000000000 | cut -f 1)" = "1000000000002" ]
	[ "$(keep 1000000000000.9999 | cut -f 1)" = "1000000000002.9999" ]
	[ "$(keep -1000000000000 | cut -f 1)" = "-999999999998" ]
	[[ "$(keep 1000000000001)" == *"is out of range: “1000000000001”"* ]]
	[[ "$(keep -1000000000001)" == *"is out of range: “-1000000000001”"* ]]
	# table 三's 21 outcome rows at 10^12 each: 2.1 * 10^19 millionths,
	# beyond int64_t, still added exactly
	awk -F'\t' -v OFS='\t' '$5 == "t3" && $7 == "natural" && $6 !~ /^(total|new|carry_in|carry_out)$/ { $8 = "1000000000000"; $10 = $8 }
	    $5 == "t3" && $7 == "natural" && $6 == "total" { $8 = "999999999999.9999"; $10 = $8 } { print }' \
	    "$F/good.tsv" > "$BATS_TEST_TMPDIR/o.tsv"
	run gip-check -r t3-outcome "$BATS_TEST_TMPDIR/o.tsv"
	[ "$(printf '%s\n' "$output" | cut -f 7,8)" = "$(printf '21000000000000\t999999999999.9999')" ]
}

# stats V...: one document per value (d1.txt ...), 结果维持 = V; prints
# gip-stats' per-document sums, in the order of the values.
stats() {
	local i=0 v
	for v in "$@"; do
		i=$((i + 1))
		awk -F'\t' -v OFS='\t' -v v="$v" -v d="d$i.txt" '$5 == "t4" && $6 == "review" && $7 == "keep" { $1 = d; $8 = v; $10 = v; print }' "$F/good.tsv"
	done > "$BATS_TEST_TMPDIR/s.tsv"
	gip-stats --no-header -c t4.review.keep -g doc "$BATS_TEST_TMPDIR/s.tsv" 2>"$BATS_TEST_TMPDIR/err" |
	    sort -t "$(printf '\t')" -k 1.2n | cut -f 5
}

@test "decimal: gip-stats reads and writes 1 to 6 decimals, negatives and its largest values exactly" {
	[ "$(stats 1.5 0.25 12.125 3.0625 7.12345 7.123456 7.1234560 -2.5 -0.000001 .5 5. | paste -sd ' ')" = \
	    "1.5 0.25 12.125 3.0625 7.12345 7.123456 7.123456 -2.5 -0.000001 0.5 5" ]
	[ "$(stats 9223372036849.999999 -9223372036849.999999 | paste -sd ' ')" = \
	    "9223372036849.999999 -9223372036849.999999" ]
	# one digit more, or a 7th decimal: not a number (no value)
	[ "$(stats 9223372036850 7.1234567 | paste -sd ' ')" = "0 0" ]
	grep -q 'not a number: 9223372036850' "$BATS_TEST_TMPDIR/err"
	grep -q 'not a number: 7.1234567' "$BATS_TEST_TMPDIR/err"
	# the same numbers through a partial state and back
	stats 1.5 0.000001 -9223372036849.999999 12.125 >/dev/null
	gip-stats -p -c t4.review.keep -g doc "$BATS_TEST_TMPDIR/s.tsv" > "$BATS_TEST_TMPDIR/p"
	[ "$(gip-stats -M --no-header "$BATS_TEST_TMPDIR/p" | sort -t "$(printf '\t')" -k 1.2n | cut -f 5 | paste -sd ' ')" = \
	    "1.5 0.000001 -9223372036849.999999 12.125" ]
}
