# bench/peer-check.awk: the peer gip-check is measured against (mawk).
# Three of gip-check's rules on the same records, one finding a line:
# table 三's balance (new + carry_in = total + carry_out, per column),
# its row totals (total = the six other columns, per row) and table
# 四's totals (keep + correct + other + pending = total, per group).
# Documents are taken to be contiguous.
BEGIN {
	FS = "\t"
	nc = split("natural commercial research social legal org_other", col, " ")
	ng = split("review direct after", grp, " ")
}
$1 != doc { if (doc != "") check(); doc = $1; delete v; delete rows }
$9 == "num" { v[$5, $6, $7] = $8; if ($5 == "t3") rows[$6] }
END { if (doc != "") check() }
function check(   c, r, s, i) {
	for (i = 1; i <= nc + 1; i++) {
		c = i > nc ? "total" : col[i]
		if (v["t3", "new", c] + v["t3", "carry_in", c] != \
		    v["t3", "total", c] + v["t3", "carry_out", c])
			print doc "\tt3-balance\t" c
	}
	for (r in rows) {
		s = 0
		for (i = 1; i <= nc; i++)
			s += v["t3", r, col[i]]
		if (s != v["t3", r, "total"])
			print doc "\tt3-rows\t" r
	}
	for (i = 1; i <= ng; i++)
		if (v["t4", grp[i], "keep"] + v["t4", grp[i], "correct"] + \
		    v["t4", grp[i], "other"] + v["t4", grp[i], "pending"] != \
		    v["t4", grp[i], "total"])
			print doc "\tt4-total\t" grp[i]
}
