# bench/peer-stats.awk: the peer gip-stats is measured against (mawk).
# gip-stats' default table on the same records, less the quantiles:
# per cell (table, row, col), the documents, those with a number, the
# numbers, their sum, mean, minimum and maximum.  A document is
# counted once per cell when its records are contiguous.
BEGIN { FS = "\t"; OFS = "\t" }
{
	k = $5 OFS $6 OFS $7
	if (!(k in docs))
		order[++n] = k
	if (last[k] != $1) {
		last[k] = $1
		docs[k]++
	}
	if ($9 == "num") {
		v = $8 + 0
		if (!(k in cnt) || v < min[k])
			min[k] = v
		if (!(k in cnt) || v > max[k])
			max[k] = v
		cnt[k]++
		sum[k] += v
	}
}
END {
	print "table", "row", "column", "docs", "covered", "values", "sum",
	    "mean", "min", "max"
	for (i = 1; i <= n; i++) {
		k = order[i]
		if (k in cnt)
			print k, docs[k], cnt[k], cnt[k], sum[k],
			    sum[k] / cnt[k], min[k], max[k]
		else
			print k, docs[k], 0, 0, 0, "", "", ""
	}
}
