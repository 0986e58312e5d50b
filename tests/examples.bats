#!/usr/bin/env bats
# The runnable examples: each examples/NAME.sh with an examples/NAME.out
# must print exactly that (the .out files were checked by hand).

load helpers

@test "examples/run.sh, the main job on the bundled reports, prints examples/run.out" {
	for t in gip-normalize gip-sections gip-tables gip-check gip-stats; do
		[ -x "$GIP_BIN/$t" ] || skip "$t not built"
	done
	run --separate-stderr sh "$REPO/examples/run.sh"
	[ "$status" -eq 0 ]
	diff -u "$REPO/examples/run.out" <(printf '%s\n' "$output")
}

@test "examples/stats-partial.sh: split, partial states and merge equal one run" {
	[ -x "$GIP_BIN/gip-stats" ] || skip "gip-stats not built"
	run --separate-stderr sh "$REPO/examples/stats-partial.sh"
	[ "$status" -eq 0 ]
	[[ "$output" == *"-> identical to the single run"* ]]
	diff -u "$REPO/examples/stats-partial.out" <(printf '%s\n' "$output" | sed 's|/tmp/tmp\.[A-Za-z0-9]*|TMP|g')
}
