#!/usr/bin/env bats
# Inputs that once crashed a tool under the fuzzer (make fuzz keeps them
# in tests/fuzz/regress/TOOL/) and hand-made hostile inputs: each must be
# handled, with status 0 or 1 and no sanitizer report.

load helpers

replay() {
	local t=$1 f
	for f in "$REPO"/tests/fuzz/regress/"$t"/* "$REPO"/tests/fuzz/hostile/*; do
		[ -f "$f" ] || continue
		run --separate-stderr timeout 20 "gip-$t" "$f"
		echo "$t $f: status $status: ${stderr:0:300}"
		[ "$status" -le 1 ]
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
