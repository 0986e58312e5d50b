#!/bin/sh
# make fuzz: build a libFuzzer binary for each tool (the normalizer, the
# section finder, the table parser, and the record intake of the checker
# and of the aggregator, TSV and JSON Lines) and run each for
# FUZZ_SECONDS (default 60); FUZZ_TOOLS picks some of them.  A crash input is kept in tests/fuzz/regress/TOOL/, where
# tests/fuzz.bats replays it on every test run: fix the bug, keep the
# input.  Needs clang with libFuzzer (Debian: clang, libclang-rt-14-dev).
cd "$(dirname "$0")/../.." || exit 2
secs=${FUZZ_SECONDS:-60}
CC=${FUZZ_CC:-clang}
flags="-std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Ilib $(pkg-config --cflags libpcre2-8)"
libs="$(pkg-config --libs libpcre2-8) -lm"
mkdir -p build/fuzz
status=0
for t in ${FUZZ_TOOLS:-normalize sections tables check stats}; do
	[ -f bin/$t/gip-$t.c ] || continue
	srcs=$(ls bin/$t/*.c | grep -v '/mk[a-z0-9]*\.c$')
	# gip-tables' prose patterns, compiled by make (bin/tables/mknarr.c)
	if [ $t = tables ]; then
		make -s build/bin/tables/tables_narr_code.c || { status=2; continue; }
		srcs="$srcs build/bin/tables/tables_narr_code.c"
	fi
	# gip-normalize reads DOCX with expat (and libzip, by dlopen)
	extra=
	[ $t = normalize ] && extra="$(pkg-config --cflags libzip) $(pkg-config --libs expat)"
	# the tool's main becomes gip_tool_main; lib is built with the same flags
	$CC $flags -Ibin/$t -Dmain=gip_tool_main -o build/fuzz/fuzz-$t tests/fuzz/fuzz_tool.c $srcs lib/*.c $libs $extra || { status=2; continue; }
	corpus=build/fuzz/corpus-$t
	mkdir -p "$corpus" tests/fuzz/regress/$t
	case $t in
	check|stats)
		# records and findings, TSV and JSON Lines, and both mixed
		cp tests/fixtures/check/*.tsv tests/fixtures/check/*.jsonl \
		    tests/fixtures/stats/*.tsv tests/fixtures/stats/*.jsonl \
		    "$corpus"/ 2>/dev/null
		cat tests/fixtures/stats/records.jsonl \
		    tests/fixtures/stats/findings.tsv > "$corpus"/mixed.txt ;;
	*)
		cp examples/seeds/*.txt "$corpus"/ 2>/dev/null
		[ -d examples/variants ] && cp examples/variants/* "$corpus"/ 2>/dev/null
		[ $t = normalize ] && cp tests/fixtures/normalize/*.docx "$corpus"/ ;;
	esac
	echo "fuzzing gip-$t for $secs s"
	build/fuzz/fuzz-$t -max_total_time="$secs" -max_len=65536 -timeout=10 \
	    -detect_leaks=0 -close_fd_mask=2 -artifact_prefix=tests/fuzz/regress/$t/ "$corpus" \
	    2> build/fuzz/fuzz-$t.log || { status=1; tail -30 build/fuzz/fuzz-$t.log; }
	tail -2 build/fuzz/fuzz-$t.log
done
exit $status
