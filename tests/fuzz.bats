#!/usr/bin/env bats
# Inputs that once crashed a tool under the fuzzer (make fuzz keeps them
# in tests/fuzz/regress/TOOL/) and hand-made hostile inputs: each must be
# handled, with status 0 or 1 and no sanitizer report.

load helpers

# replay TOOL [MAXSTATUS]: gip-check exits 2 on malformed records
replay() {
	local t=$1 max=${2:-1} f
	for f in "$REPO"/tests/fuzz/regress/"$t"/* "$REPO"/tests/fuzz/hostile/*; do
		[ -f "$f" ] || continue
		run --separate-stderr timeout 20 "gip-$t" "$f"
		echo "$t $f: status $status: ${stderr:0:300}"
		[ "$status" -le "$max" ]
		[[ "$stderr" != *"Sanitizer"* ]]
		[[ "$stderr" != *"runtime error"* ]]
	done
}

@test "fuzz regressions and hostile inputs: gip-normalize" {
	[ -x "$GIP_BIN/gip-normalize" ] || skip "not built"
	replay normalize
}

@test "fuzz regressions and hostile inputs: gip-sections" {
	[ -x "$GIP_BIN/gip-sections" ] || skip "not built"
	replay sections
}

@test "fuzz regressions and hostile inputs: gip-tables" {
	[ -x "$GIP_BIN/gip-tables" ] || skip "not built"
	replay tables
}

@test "fuzz regressions and hostile inputs: gip-check's record intake" {
	[ -x "$GIP_BIN/gip-check" ] || skip "not built"
	replay check 2
}

@test "fuzz regressions and hostile inputs: gip-stats' record intake" {
	[ -x "$GIP_BIN/gip-stats" ] || skip "not built"
	replay stats
}
