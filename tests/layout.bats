#!/usr/bin/env bats
# The shape of the sources: every tool on top of lib/, no tool using
# another's files, and no circle of calls between the files of the
# reading tools (read from the symbols of the objects: who defines,
# who uses).

load helpers

# "A B" lines: object A uses a symbol that object B defines.
calls() {
	local o
	for o in "$@"; do
		nm "$o" | awk -v f="${o##*/}" 'NF == 3 && $2 ~ /^[TDRB]$/ { print "D", f, $3 } NF == 2 && $1 == "U" { print "U", f, $2 }'
	done | awk '$1 == "D" { def[$3] = $2; next } { use[++n] = $2 " " $3 }
	    END { for (i = 1; i <= n; i++) { split(use[i], u, " "); if ((u[2] in def) && def[u[2]] != u[1]) print u[1], def[u[2]] } }' | sort -u
}

@test "layout: no circle of calls between the files of gip-check, gip-stats and gip-tables, no tool using another's" {
	objs=$REPO/build/bin
	[ -d "$objs" ] || skip "not built"
	command -v nm >/dev/null || skip "nm not installed"
	for t in check stats tables; do
		set -- "$objs/$t/gip-$t.o" "$objs/$t/${t}_"*.o
		calls "$@" > "$BATS_TEST_TMPDIR/edges"
		echo "gip-$t: $(wc -l < "$BATS_TEST_TMPDIR/edges") edges"
		cat "$BATS_TEST_TMPDIR/edges"
		# tsort reports a cycle on stderr
		tsort "$BATS_TEST_TMPDIR/edges" > /dev/null 2> "$BATS_TEST_TMPDIR/cycle"
		[ ! -s "$BATS_TEST_TMPDIR/cycle" ]
	done
	# no object of one tool is used by another tool's
	calls "$objs"/*/*.o | awk '{ a = $1; b = $2; sub(/^gip-/, "", a); sub(/[_.].*/, "", a); sub(/^gip-/, "", b); sub(/[_.].*/, "", b); if (a != b) print }' > "$BATS_TEST_TMPDIR/cross"
	[ ! -s "$BATS_TEST_TMPDIR/cross" ]
}

@test "layout: gip-check's document store calls no rule, the rules call no main" {
	objs=$REPO/build/bin
	[ -f "$objs/check/check_docs.o" ] || skip "not built"
	! nm "$objs/check/check_docs.o" | grep -E ' U (check_doc|check_continuity|check_emit)$'
	# the rules: check_rules.c and the files it uses
	for o in check_rules check_terms check_rule_year check_rule_complete check_rule_sums check_rule_narr check_continuity; do
		[ -f "$objs/check/$o.o" ]
		calls_main=$(nm "$objs/check/$o.o" | grep -E ' U [a-z_]+$' | grep -v ' U gip_' | awk '{ print $2 }' | while read -r s; do nm "$objs/check/gip-check.o" | grep -q " T $s$" && echo "$s"; done; true)
		echo "$o calls of gip-check.o: $calls_main"
		[ -z "$calls_main" ]
	done
}
