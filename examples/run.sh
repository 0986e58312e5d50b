#!/bin/sh
# The main job, on the bundled examples: every report in examples/ (the
# five real seeds and their variants in other encodings and layouts)
# goes through the whole pipeline.  Cells go to build/examples/cells.tsv,
# findings to build/examples/findings.tsv; the summary is printed.
cd "$(dirname "$0")/.." || exit 2
out=build/examples
mkdir -p "$out"
set -- examples/seeds/*.txt
set -- "$@" examples/variants/*.txt examples/variants/*.html

bin/gip-normalize "$@" | bin/gip-sections | bin/gip-tables > "$out/cells.tsv"
echo "cells: $(wc -l < "$out/cells.tsv") records from $# reports -> $out/cells.tsv"
bin/gip-check < "$out/cells.tsv" > "$out/findings.tsv"
echo "findings: $(wc -l < "$out/findings.tsv") -> $out/findings.tsv"
bin/gip-stats --pretty "$out/cells.tsv"
