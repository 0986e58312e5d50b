# doc-examples.awk: the commands of the examples in README.md (indented
# blocks) and in the EXAMPLES of the man pages (.Bd -literal blocks),
# one per record: "FILE:LINE" on a line of its own, the command (with
# its continuation lines), a line "##", the output the page shows for
# it (in a block with "$ " prompts), then a line "%%".  In a block
# with prompts only the prompted lines are commands; in others, every
# line that starts with a word is one.  One file per run (mawk has no
# ENDFILE).
function flush_block(    i, j, cmd, start, inc, prompted, out) {
	prompted = 0
	for (i = 1; i <= n; i++)
		if (blk[i] ~ /^\$ /)
			prompted = 1
	inc = 0
	for (i = 1; i <= n; i++) {
		line = blk[i]
		if (inc) {
			cmd = cmd "\n" line
		} else if (prompted && line ~ /^\$ /) {
			cmd = substr(line, 3); start = lno[i]
		} else if (!prompted && line ~ /^[A-Za-z_.][-A-Za-z0-9_.]*( |$)/) {
			cmd = line; start = lno[i]
		} else
			continue
		if (line ~ /(\\|\||&&)[ ]*$/) {
			inc = 1
			continue
		}
		inc = 0
		out = ""
		if (prompted)
			for (j = i + 1; j <= n && blk[j] !~ /^\$ /; j++)
				out = out blk[j] "\n"
		printf "%s:%d\n%s\n##\n%s%%%%\n", FILENAME, start, cmd, out
	}
	n = 0
}
NR == 1 { n = 0; inex = 0; inbd = 0; ismd = FILENAME ~ /\.md$/ }
ismd {
	if ($0 ~ /^    /) {
		blk[++n] = substr($0, 5); lno[n] = FNR
	} else if (n > 0 && $0 !~ /^$/)
		flush_block()
	next
}
/^\.Sh EXAMPLES/ { inex = 1; next }
/^\.Sh / { inex = 0; next }
inex && /^\.Bd -literal/ { inbd = 1; n = 0; next }
inex && inbd && /^\.Ed/ { inbd = 0; flush_block(); next }
inex && inbd {
	l = $0
	gsub(/\\e/, "\\", l)
	gsub(/\\&/, "", l)
	blk[++n] = l; lno[n] = FNR
}
END { if (ismd && n > 0) flush_block() }
