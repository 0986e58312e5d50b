#!/bin/sh
# gip-stats on many processes: split a record stream into parts (the
# cuts fall inside reports), aggregate each part with --partial in
# parallel, combine the states with --merge, and compare with a single
# run.  The result is the same, byte for byte; the state of a part
# carries the reports at its edges (E and P lines) so that they are
# counted once, and names the reports it counted whole by a hash (S
# lines), so that the merge fails, rather than count one twice, if one
# of them has records in another part.  The records come from one
# gip-tables, so a report's records are together and --window=1 keeps
# the states smallest (the default leaves 16 reports open at each end;
# --window=0 all of them, for any interleaving of writers).  Output in
# stats-partial.out.
cd "$(dirname "$0")/.." || exit 2
PATH=${GIP_BIN:-$PWD/bin}:$PATH
in=tests/fixtures/stats/records.tsv
opts="-g year,row -c t3.new.total,t3.total.total"
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

echo "## one run: gip-stats $opts"
gip-stats $opts "$in" | tee "$tmp/single"

echo
echo "## three parts of $(wc -l < "$in") lines, cut inside reports"
split -n l/3 "$in" "$tmp/part."
for p in "$tmp"/part.??; do
	printf '%s: %s lines, from %s to %s\n' "${p##*/}" "$(wc -l < "$p")" \
	    "$(head -1 "$p" | cut -f1)" "$(tail -1 "$p" | cut -f1)"
done
ls "$tmp"/part.?? | xargs -P3 -n1 sh -c \
    'gip-stats -p --window=1 '"$opts"' "$1" > "$1.st"' sh

echo
echo "## the state of part.ab: its first and last reports are left open"
cat "$tmp/part.ab.st"

echo
echo "## gip-stats -M part.*.st"
gip-stats -M "$tmp"/part.*.st | tee "$tmp/merged"
cmp "$tmp/single" "$tmp/merged" && echo "-> identical to the single run"

echo
echo "## Hadoop Streaming shape: mappers, sort, combiner (-M -p), reducer"
for p in "$tmp"/part.??; do
	gip-stats -p --window=1 -r disclosure,correction -g year < "$p"
done | LC_ALL=C sort | gip-stats -M -p | gip-stats -M -P | tee "$tmp/hadoop"
gip-stats -r disclosure,correction -g year -P "$in" | cmp - "$tmp/hadoop" &&
    echo "-> identical to gip-stats -r disclosure,correction -g year -P"
