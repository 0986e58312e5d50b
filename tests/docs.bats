#!/usr/bin/env bats
# Every example of README.md and of the man pages' EXAMPLES runs as
# written, from the root of a copy of the repository that holds the
# files the examples name (reports/, crawl/, cells.tsv ... made from
# examples/ and the fixtures).  Where a page shows the output, the
# output must contain it.  tests/doc-examples.awk finds the commands.

load helpers

# Not run here, with the reason: they build or test the project, or
# need a network or a cluster.
skipped() {
	case $1 in
	make*|"sh .ci/deps.sh"*) return 0 ;;	# the build itself
	curl*) return 0 ;;			# a network
	hadoop*) return 0 ;;			# a Hadoop cluster
	esac
	return 1
}

setup_root() {
	root=$BATS_TEST_TMPDIR/root
	mkdir -p "$root" "$BATS_TEST_TMPDIR/stub"
	cp -R "$REPO/examples" "$root/examples"
	cd "$root"
	fx=$REPO/tests/fixtures/normalize
	# reports of every form, and loose files in the root
	mkdir reports seeds archive
	cp examples/seeds/*.txt reports/
	cp examples/variants/000.gbk.html reports/000.html
	cp examples/seeds/000_*.txt a.txt
	cp examples/seeds/000_*.txt report.txt
	cp examples/variants/000.gbk.html b.html
	cp "$fx/report.html" report.html
	cp examples/seeds/001_*.txt seeds/001.txt
	cp examples/seeds/*.txt archive/
	# a crawl, as examples/crawl.sh makes it
	mkdir -p crawl/www.b.gov.cn crawl/www.c.gov.cn
	cp "$fx/report.html" "crawl/2022年报.html"
	cp "$fx/report.pdf" crawl/www.b.gov.cn/P020230131.pdf
	cp "$fx/report.docx" "crawl/www.c.gov.cn/附件1.docx"
	# records of the seeds, and a map of their agencies
	for s in examples/seeds/*.txt; do
		gip-normalize "$s" | gip-sections | gip-tables
	done > records.tsv
	printf 'agency\tregion\n' > regions.tsv
	cut -f2 records.tsv | sort -u | awk '{ print $0 "\t" (NR % 2 ? "东" : "西") }' >> regions.tsv
	# a pager that pages nothing
	printf '#!/bin/sh\nexec cat "$@"\n' > "$BATS_TEST_TMPDIR/stub/less"
	chmod +x "$BATS_TEST_TMPDIR/stub/less"
	PATH=$BATS_TEST_TMPDIR/stub:$PATH
}

# The examples of one file, in order, each as written.
run_examples() {
	local src=$1 where cmd want got n=0
	awk -f "$BATS_TEST_DIRNAME/doc-examples.awk" "$REPO/$src" > "$BATS_TEST_TMPDIR/ex"
	while IFS= read -r where; do
		cmd= want=
		while IFS= read -r l && [ "$l" != "##" ]; do cmd=$cmd$l$'\n'; done
		while IFS= read -r l && [ "$l" != "%%" ]; do want=$want$l$'\n'; done
		skipped "$cmd" && { echo "skipped: $where: $cmd"; continue; }
		n=$((n + 1))
		echo "running: $where: $cmd"
		set +e
		bash -c "$cmd" > "$BATS_TEST_TMPDIR/out" 2> "$BATS_TEST_TMPDIR/err"
		status=$?
		set -e
		cat "$BATS_TEST_TMPDIR/err"
		# 0, or 1 for findings or a file of the crawl that is no report
		[ "$status" -le 1 ]
		! grep -q 'usage:\|No such file\|command not found\|unknown option' "$BATS_TEST_TMPDIR/err"
		# a gip tool at the end of a pipe writes something (gip-check
		# only when it finds something)
		last=${cmd##*|}
		last=${last#"${last%%[! ]*}"}
		if [[ "$last" == gip-* && "$last" != gip-check* && "$cmd" != *">"* ]]; then
			[ -s "$BATS_TEST_TMPDIR/out" ]
		fi
		if [ -n "$want" ]; then
			want=$(printf '%s' "$want" | tr -s ' \t\n' '   ')
			got=$(cat "$BATS_TEST_TMPDIR/out" "$BATS_TEST_TMPDIR/err" | tr -s ' \t\n' '   ')
			[[ "$got" == *"${want% }"* ]]
		fi
	done < "$BATS_TEST_TMPDIR/ex"
	[ "$n" -gt 0 ]
}

@test "docs: every example of README.md and of the man pages' EXAMPLES runs as written" {
	setup_root
	for src in README.md man/gip-normalize.1 man/gip-sections.1 \
	    man/gip-tables.1 man/gip-check.1 man/gip-stats.1 man/gip.7; do
		echo "== $src"
		run_examples "$src"
	done
}
