#!/usr/bin/env bats
# gip-normalize on mirror sites' text: the pinyin annotations they put
# after characters (報(bào)告, as ../shared/realworld/docs/018.txt and
# 045.txt have them) go, and nothing else in parentheses does.

load helpers

body() {
	printf '%s\n' "$1" >"$BATS_TEST_TMPDIR/in.txt"
	shift
	gip-normalize "$@" "$BATS_TEST_TMPDIR/in.txt" | grep -av $'^\x1e'
}

@test "normalize-mirror: pinyin after a character goes, the character is folded" {
	[ "$(body '2023年政府信息公開(kāi)工作年度報(bào)告')" = "2023年政府信息公开工作年度报告" ]
	[ "$(body '行政訴訟(sòng)數(shù)量')" = "行政诉讼数量" ]
	# full-width parentheses, ü with a tone, six letters
	[ "$(body '綠（lǜ）色')" = "绿色" ]
	[ "$(body '壯(zhuàng)大')" = "壮大" ]
}

@test "normalize-mirror: other parentheses stay" {
	[ "$(body '附件(PDF)和(一)总体情况(de)')" = "附件(PDF)和(一)总体情况(de)" ]
	[ "$(body 'abc(bào) 和 (bào)开头')" = "abc(bào) 和 (bào)开头" ]
	[ "$(body '報(bào')" = "报(bào" ]
	[ "$(body '報(bàobàobào)')" = "报(bàobàobào)" ]
}

@test "normalize-mirror: -T keeps the text as written, annotations too" {
	[ "$(body '報(bào)告' -T)" = "報(bào)告" ]
}

@test "normalize-mirror: the real mirror reports lose every annotation" {
	[ -d "$REPO/../shared/realworld/docs" ] || skip "no ../shared/realworld here"
	for f in 018 045; do
		run sh -c 'gip-normalize "$1" | grep -c "(\(bào\|guó\|wù\|kāi\))"' sh \
		    "$REPO/../shared/realworld/docs/$f.txt"
		[ "$output" = 0 ]
		run sh -c 'gip-normalize "$1" | grep -c "报告"' sh "$REPO/../shared/realworld/docs/$f.txt"
		[ "$output" -ge 1 ]
	done
}
