#!/bin/sh
# make bench: run every benchmark in bench/ (not part of the test suite).
# Each prints its own figures; all of them are also kept in
# build/bench/results.txt.
cd "$(dirname "$0")/.." || exit 2
mkdir -p build/bench
: > build/bench/results.txt
status=0
for b in bench/*.sh; do
	case $b in bench/run.sh|bench/lib.sh) continue ;; esac
	echo "== $b" | tee -a build/bench/results.txt
	sh "$b" 2>&1 | tee -a build/bench/results.txt || status=1
done
exit $status
