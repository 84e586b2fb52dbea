#!/bin/bash
# diff.sh - mmhex --diff FILE1 FILE2 against Python (the runs computed
# from the two byte strings) and against `cmp -l` (the same differing
# offsets): identical files, one byte different at 0, at the end and at
# every border of a 64-byte round and of a 64 MiB chunk, all different,
# different sizes both ways, an empty file, 256 MiB with 1,000 scattered
# differences; --count, -o/-l windows, exit statuses as cmp's.
. "$TESTLIB"
need python3 cmp

# runs A B: the runs Python finds, one "OFFSET LENGTH" a line.
runs() {
	python3 -c 'import sys
a = open(sys.argv[1], "rb").read(); b = open(sys.argv[2], "rb").read()
n = min(len(a), len(b)); i = 0; out = []
while i < n:
    if a[i] != b[i]:
        j = i
        while j < n and a[j] != b[j]:
            j += 1
        out.append("%d %d" % (i, j - i)); i = j
    else:
        i += 1
if len(a) != len(b):
    out.append("%d %d" % (n, max(len(a), len(b)) - n))
print("\n".join(out))' "$1" "$2"
}

# cmp_offsets A B: the differing offsets (0-based) cmp -l gives, plus
# those only the longer file has.
cmp_offsets() {
	{ cmp -l "$1" "$2" 2>/dev/null | awk '{ print $1 - 1 }'
	  python3 -c 'import os, sys
a, b = os.path.getsize(sys.argv[1]), os.path.getsize(sys.argv[2])
for i in range(min(a, b), max(a, b)):
    print(i)' "$1" "$2"; }
}

# offsets_of: the runs read on stdin, one offset a line.
offsets_of() {
	awk '{ for (i = 0; i < $2; i++) print $1 + i }'
}

# check WHAT A B: --diff against both oracles, --count, the exit status.
check() {
	local what=$1 a=$2 b=$3 want got rc want_rc=1
	want=$(runs "$a" "$b")
	[ -z "$want" ] && want_rc=0
	got=$("$MMHEX" --diff "$a" "$b")
	rc=$?
	expect_eq "$what: the runs (Python)" "$want" "$got"
	expect_eq "$what: exit status" "$want_rc" "$rc"
	expect_eq "$what: the offsets (cmp -l)" "$(cmp_offsets "$a" "$b" | md5sum)" \
	    "$(printf '%s' "$got" | offsets_of | md5sum)"
	expect_eq "$what: --count" "$(printf '%s\n' "$want" | awk '{ n += $2 } END { print n + 0 }')" \
	    "$("$MMHEX" --diff --count "$a" "$b")"
}

python3 -c 'import random, sys
r = random.Random(1)
open(sys.argv[1], "wb").write(r.randbytes(300000))' "$T/a"

cp "$T/a" "$T/b"
check "identical" "$T/a" "$T/b"
# flip OFFSET[-LAST]...: b is a with the bytes there changed.
flip() {
	python3 -c 'import sys
b = bytearray(open(sys.argv[1], "rb").read())
for arg in sys.argv[3:]:
    lo, _, hi = arg.partition("-")
    for o in range(int(lo), int(hi or lo) + 1):
        b[o] ^= 0xa5
open(sys.argv[2], "wb").write(b)' "$T/a" "$T/b" "$@"
}
flip 0
check "one byte at 0" "$T/a" "$T/b"
flip 299999
check "one byte at the end" "$T/a" "$T/b"
flip 15 16 31 32 63 64 127 128 4095 4096 65535 65536
check "bytes at the borders of 16, 32 and 64-byte rounds" "$T/a" "$T/b"
flip 1000-1299 1301 1303
check "a long run, then two single bytes" "$T/a" "$T/b"
python3 -c 'import sys
a = open(sys.argv[1], "rb").read()
open(sys.argv[2], "wb").write(bytes(x ^ 0xff for x in a))' "$T/a" "$T/b"
check "all different" "$T/a" "$T/b"
head -c 299000 "$T/a" >"$T/short"
check "the second shorter" "$T/a" "$T/short"
check "the first shorter" "$T/short" "$T/a"
: >"$T/empty"
check "the first empty" "$T/empty" "$T/a"
check "both empty" "$T/empty" "$T/empty"

# A window applies to both files; the offsets are the files'.
flip 5000 5010 9000
expect_eq "-o/-l: the runs in the window" "5000 1
5010 1" "$("$MMHEX" --diff -o 4096 -l 4096 "$T/a" "$T/b")"
"$MMHEX" --diff -o 6000 -l 1000 "$T/a" "$T/b"
expect_eq "-o/-l: none in the window: exit 0" 0 $?

# Errors: one line, exit 2.
expect_error "one file" "--diff compares two files: give FILE1 FILE2" \
    "$MMHEX" --diff "$T/a"
expect_error "three files" "'$T/a' is one too many" \
    "$MMHEX" --diff "$T/a" "$T/b" "$T/a"
expect_error "a missing second file" "$T/missing: No such file or directory" \
    "$MMHEX" --diff "$T/a" "$T/missing"
expect_error "--reverse does not go with it" "--reverse goes with" \
    "$MMHEX" --diff --reverse "$T/a" "$T/b"

# Sparse files: holes both have are skipped, not read; a hole against
# written zeros is no difference, against other bytes it is.
python3 -c 'import sys
for name, parts in ((sys.argv[1], ((0, b"A" * 5000), (1 << 20, b"\0" * 8192),
        (3 << 20, b"xyz"))), (sys.argv[2], ((0, b"A" * 4999 + b"B"),
        (3 << 20, b"xYz"), ((5 << 20) - 1, b"\1")))):
    with open(name, "wb") as f:
        f.truncate(5 << 20)
        for at, data in parts:
            f.seek(at); f.write(data)' "$T/sp1" "$T/sp2"
check "sparse files" "$T/sp1" "$T/sp2"
# 100 GiB each, holes but for a byte both have at 50 GiB and one at the
# end only the second has: found (the time is bench-diff's to report).
truncate -s 100G "$T/huge1" "$T/huge2"
printf Z | dd of="$T/huge1" bs=1 seek=$((50 << 30)) conv=notrunc 2>/dev/null
printf Z | dd of="$T/huge2" bs=1 seek=$((50 << 30)) conv=notrunc 2>/dev/null
printf Q | dd of="$T/huge2" bs=1 seek=$(((100 << 30) - 4096)) conv=notrunc 2>/dev/null
expect_eq "100 GiB sparse: the one run" "$(((100 << 30) - 4096)) 1" \
    "$("$MMHEX" --diff "$T/huge1" "$T/huge2")"
rm -f "$T/huge1" "$T/huge2"

# 256 MiB, 1,000 scattered differences (a few adjacent, a few at 64 MiB
# borders): the runs as the positions say.
big=$((256 << 20))
python3 -c 'import random, sys
r = random.Random(9)
n = int(sys.argv[3])
pos = set(r.randrange(n) for _ in range(990))
for k in range(1, 4):
    pos.update(((k << 26) - 1, k << 26))
pos.update((1000, 1001, 1002))
with open(sys.argv[1], "wb") as f:
    f.truncate(n)
with open(sys.argv[2], "wb") as f:
    f.truncate(n)
    for p in sorted(pos):
        f.seek(p); f.write(b"\x01")
runs = []
for p in sorted(pos):
    if runs and runs[-1][0] + runs[-1][1] == p:
        runs[-1][1] += 1
    else:
        runs.append([p, 1])
open(sys.argv[4], "w").write("".join("%d %d\n" % (s, l) for s, l in runs))
print(len(pos))' "$T/big1" "$T/big2" "$big" "$T/big.runs" >"$T/big.count"
expect_eq "256 MiB: the runs" "$(cat "$T/big.runs")" "$("$MMHEX" --diff "$T/big1" "$T/big2")"
expect_eq "256 MiB: --count" "$(cat "$T/big.count")" "$("$MMHEX" --diff --count "$T/big1" "$T/big2")"
expect_eq "256 MiB: cmp -l agrees" "$(cat "$T/big.count")" "$(cmp -l "$T/big1" "$T/big2" | wc -l)"
rm -f "$T/big1" "$T/big2"

finish
