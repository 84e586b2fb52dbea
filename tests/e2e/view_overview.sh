#!/bin/bash
# view_overview.sh - the overview column on the right edge: one cell a
# data row for 1/H of the file, its character the kind Python computes
# by the documented rule (the most common --map kind of the blocks
# sampled in its part, filemap_oracle.py's classifier: 4 at once, 64
# once it has sharpened in idle time), at 100x30 and 200x50; the cells
# of the part on screen reversed (the first at the start, the last
# after G); absent at 60x20; o hides and shows it; a click on a cell
# jumps to its part.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/tmux.sh"
need python3

python3 -c 'import os, sys
MiB = 1 << 20
text = (b"The quick brown fox jumps over the lazy dog.\n" * 30000)[:MiB]
open(sys.argv[1], "wb").write(b"\0" * MiB + text + os.urandom(MiB) +
    b"\0" * MiB + b"\xff" * MiB)' "$T/img.bin"
size=$(stat -c %s "$T/img.bin")

# cells_py ORACLE FILE H SAMPLES: the H cells' characters on one line,
# each the most common kind (filemap_oracle.py's) of SAMPLES blocks: the
# k-th at the fraction of its part that is k with its 16 bits reversed,
# on a tie the kind that reached the count first.  4 are drawn at once,
# 64 once the overview has sharpened in idle time.
CELLS_PY='import sys
src = open(sys.argv[1]).read()
kind_src = src[src.index("def kind(b):"):src.index("runs = []")]
ns = {}
exec("import math\n" + kind_src, ns)
data = open(sys.argv[2], "rb").read()
h, samples = int(sys.argv[3]), int(sys.argv[4])
glyph = {"zero": ".", "text": "t", "binary": "b", "random": "#"}
def at(lo, hi, k):
    frac = int(format(k, "016b")[::-1], 2)
    n = hi - lo
    b = lo + (n >> 16) * frac + (((n & 0xffff) * frac) >> 16)
    return b - b % 4096
out = ""
for r in range(h):
    lo, hi = len(data) * r // h, len(data) * (r + 1) // h
    votes, best = {"zero": 0}, "zero"
    for k in range(samples):
        b = at(lo, hi, k)
        kd = ns["kind"](data[b:b + 4096])
        votes[kd] = votes.get(kd, 0) + 1
        if votes[kd] > votes[best]:
            best = kd
    out += glyph[best]
print(out)'
oracle=$(dirname "$TESTLIB")/filemap_oracle.py

# column X H: the characters of column X (0-based) of the first H rows.
column() {
	screen | head -"$2" | cut -c$(($1 + 1)) | sed 's/^$/ /'
}
# cells X H: column X of the first H rows as one line.
cells() {
	column "$1" "$2" | tr -d '\n'
}
# reversed_rows X H: the rows whose cell at column X is drawn reversed.
REV_PY='import re, sys
x, h = int(sys.argv[1]), int(sys.argv[2])
rev, out = False, []
for y, row in enumerate(sys.stdin.read().split("\n")[:h]):
    col, i = 0, 0
    while i < len(row):
        m = re.match(r"\x1b\[([0-9;]*)m", row[i:])
        if m:
            for v in (m.group(1) or "0").split(";"):
                if v in ("0", ""): rev = False
                elif v == "7": rev = True
                elif v == "27": rev = False
            i += m.end(); continue
        if col == x and rev: out.append(str(y))
        col += 1; i += 1
print(" ".join(out))'
reversed_rows() {
	tm capture-pane -p -e -t "$PANE" | python3 -c "$REV_PY" "$1" "$2"
}

for geo in 100x30 200x50; do
	w=${geo%x*} h=${geo#*x}
	rows=$((h - 1))
	start_mmhex -x "$w" -y "$h" -- -r "$T/img.bin"
	at_once=$(python3 -c "$CELLS_PY" "$oracle" "$T/img.bin" "$rows" 4)
	sharp=$(python3 -c "$CELLS_PY" "$oracle" "$T/img.bin" "$rows" 64)
	# The image is such that sharpening changes a cell (a part that is
	# random bytes then zeros), or this would show nothing.
	expect_eq "$geo: 64 samples say otherwise than 4 somewhere" yes \
	    "$([ "$at_once" != "$sharp" ] && echo yes)"
	expect_becomes "$geo: the cells, sharpened in idle time, as Python says" \
	    "$sharp" cells $((w - 1)) "$rows"
	expect_eq "$geo: the column before them blank" "$(printf ' %.0s' $(seq "$rows"))" \
	    "$(column $((w - 2)) "$rows" | tr -d '\n')"
	expect_eq "$geo: at the start, the first cell marked" 0 "$(reversed_rows $((w - 1)) "$rows")"
	keys G
	expect_offset "$geo: G" $((size - 1))
	expect_eq "$geo: after G, the last cell marked" $((rows - 1)) \
	    "$(reversed_rows $((w - 1)) "$rows")"
	keys q
	expect_exit "$geo: q" 0
done

# o hides and shows it; a click on a cell goes to its part.
start_mmhex -x 100 -y 30 -- -r "$T/img.bin"
keys o
expect_status "o: off" "overview off"
expect_eq "o: the column blank" "$(printf ' %.0s' $(seq 29))" "$(column 99 29 | tr -d '\n')"
keys o
expect_status "o: on" "overview on"
expect_becomes "o: the cells back, sharp again" \
    "$(python3 -c "$CELLS_PY" "$oracle" "$T/img.bin" 29 64)" cells 99 29
x=$(printf %x $((33 + 99))) y=$(printf %x $((33 + 10)))
tm send-keys -t "$PANE" -H 1b 5b 4d 20 "$x" "$y" 1b 5b 4d 23 "$x" "$y"
expect_offset "a click on cell 10" $((size * 10 / 29))
keys q
expect_exit "q" 0

# Narrow: absent, and o says so.
start_mmhex -x 60 -y 20 -- -r "$T/img.bin"
expect_eq "60x20: no column" "$(printf ' %.0s' $(seq 19))" "$(column 59 19 | tr -d '\n')"
keys o o
expect_status "60x20: o says when it shows" "overview on: it shows when the terminal is wide enough"
keys q
expect_exit "q" 0

finish
