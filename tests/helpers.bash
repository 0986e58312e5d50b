# Common setup for the bats suite: the tools under test come first on
# PATH (GIP_BIN picks another build, e.g. the sanitizer one), the locale
# is C so that nothing depends on the host, and paths are relative to
# the repository.
bats_require_minimum_version 1.5.0

REPO="$(cd "$BATS_TEST_DIRNAME/.." && pwd)"
GIP_BIN="${GIP_BIN:-$REPO/bin}"
SEEDS="$REPO/examples/seeds"
FIXTURES="$REPO/tests/fixtures"
export PATH="$GIP_BIN:$PATH"
export LC_ALL=C
unset NO_COLOR

# han_count FILE...: number of Han characters (U+4E00..U+9FFF and the
# extensions) in the UTF-8 input, counted with jq so as not to trust our
# own decoder.
han_count() {
	cat "$@" | jq -Rr '[explode[] | select((. >= 13312 and . <= 40959) or (. >= 131072 and . <= 205743) or (. >= 63744 and . <= 64255))] | length' | awk '{s += $1} END {print s + 0}'
}
# test-only programs (tests/unit/): libtest drives lib/, gencorpus makes
# synthetic reports with known values
GIP_TESTPROGS="${GIP_TESTPROGS:-$REPO/build/tests}"
export GIP_LIBTEST="$GIP_TESTPROGS/libtest"
export GIP_GENCORPUS="$GIP_TESTPROGS/gencorpus"

# cell TABLE ROW COL: "value status raw" of a gip-tables record in $output
cell() {
	printf '%s\n' "$output" | awk -F'\t' -v t="$1" -v r="$2" -v c="$3" \
	    '$5 == t && $6 == r && $7 == c { print $8 " " $9 " " $10 }'
}
