#!/usr/bin/env python3
"""filemap_oracle.py - the runs `mmhex --map` must print, recomputed from
the rule the man page documents (src/filemap.h), for map.sh and
view_skip.sh: python3 filemap_oracle.py FILE [OFFSET [LENGTH]].
"""
import math, sys
path = sys.argv[1]
off = int(sys.argv[2]) if len(sys.argv) > 2 else 0
length = int(sys.argv[3]) if len(sys.argv) > 3 else -1
with open(path, "rb") as f:
    f.seek(off)
    data = f.read(length if length >= 0 else -1)
def kind(b):
    n = len(b)
    if b.count(0) == n:
        return "zero"
    text = sum(1 for c in b if c in (9, 10, 13) or 0x20 <= c <= 0x7e)
    if b.count(0) == 0 and 10 * text >= 9 * n:
        return "text"
    sample = b[::7]
    k = len(sample)
    counts = [0] * 256
    for c in sample:
        counts[c] += 1
    h = math.log2(k) - sum(c * math.log2(c) for c in counts if c) / k
    return "random" if h >= 7.0 else "binary"
runs = []
for at in range(0, len(data), 4096):
    b = data[at:at + 4096]
    k = kind(b)
    if runs and runs[-1][2] == k:
        runs[-1][1] += len(b)
    else:
        runs.append([off + at, len(b), k])
for r in runs:
    print("%d %d %s" % tuple(r))
