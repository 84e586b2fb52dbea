#!/bin/bash
# patch.sh - `mmhex --patch` writes the same bytes as Python's mmap slice
# assignment, in place (same inode), and a bad patch writes nothing.
. "$TESTLIB"
need python3 cmp

# py_patch FILE OFFSET HEX...: the oracle, Python's mmap in ACCESS_WRITE.
py_patch() {
	python3 - "$@" <<'PY'
import mmap, sys
path, edits = sys.argv[1], sys.argv[2:]
with open(path, 'r+b') as f, mmap.mmap(f.fileno(), 0) as m:
    for off, hexs in zip(edits[::2], edits[1::2]):
        b = bytes.fromhex(hexs)
        off = int(off, 0)
        m[off:off + len(b)] = b
    m.flush()
PY
}

# The reference scenario of the mmap documentation: consectetuer reversed.
cp "$DATADIR/lorem.txt" "$T/a.txt"
cp "$DATADIR/lorem.txt" "$T/b.txt"
loc=$(python3 -c 'import sys; print(open(sys.argv[1],"rb").read().find(b"consectetuer"))' "$T/a.txt")
hex=$(printf reutetcesnoc | od -An -tx1 | tr -d ' \n')
inode=$(stat -c %i "$T/a.txt")
"$MMHEX" --patch "$loc:$hex" "$T/a.txt"
expect_eq "patch exit status" 0 $?
py_patch "$T/b.txt" "$loc" "$hex"
expect_same_file "patched lorem vs python mmap" "$T/b.txt" "$T/a.txt"
expect_eq "first line" "Lorem ipsum dolor sit amet, reutetcesnoc adipiscing elit." "$(head -1 "$T/a.txt")"
expect_eq "same inode (patched in place)" "$inode" "$(stat -c %i "$T/a.txt")"
# Two of the twelve letters coincide (the e's): exactly ten bytes differ,
# all of them inside the patched range.
expect_eq "bytes changed" 10 "$(cmp -l "$DATADIR/lorem.txt" "$T/a.txt" | wc -l)"
expect_eq "changes inside the patch" "" "$(cmp -l "$DATADIR/lorem.txt" "$T/a.txt" |
    awk -v lo="$loc" '$1 - 1 < lo || $1 - 1 >= lo + 12')"

# Several patches, hex and relative-to-end offsets, overlapping: later wins.
cp "$DATADIR/sample.bin" "$T/s1"; cp "$DATADIR/sample.bin" "$T/s2"
size=$(stat -c %s "$T/s1")
"$MMHEX" --patch 0:cafebabe --patch 0x10:'de ad' --patch '$-3:01020304' --patch 2:ff "$T/s1"
expect_eq "multi patch exit" 0 $?
py_patch "$T/s2" 0 cafebabe 16 dead $((size - 4)) 01020304 2 ff
expect_same_file "multi patch vs python" "$T/s2" "$T/s1"

# Fifty random patches over a random file.
head -c 100000 /dev/urandom >"$T/r1"; cp "$T/r1" "$T/r2"
args=() pyargs=()
while read -r off hx; do
	args+=(--patch "$off:$hx"); pyargs+=("$off" "$hx")
done < <(python3 -c '
import random
r = random.Random(5)
for _ in range(50):
    n = r.randrange(1, 40)
    print(r.randrange(0, 100000 - n), bytes(r.randrange(256) for _ in range(n)).hex())')
"$MMHEX" "${args[@]}" "$T/r1"
expect_eq "random patches exit" 0 $?
py_patch "$T/r2" "${pyargs[@]}"
expect_same_file "random patches vs python" "$T/r2" "$T/r1"

# Errors write nothing: past the end, bad hex, wildcards, no colon, -r.
cp "$DATADIR/lorem.txt" "$T/e.txt"
check_refused() {
	local what=$1 want=$2; shift 2
	local err
	err=$("$MMHEX" "$@" "$T/e.txt" 2>&1 >/dev/null)
	expect_eq "$what: exit status" 2 $?
	expect_eq "$what: one line" 1 "$(printf '%s\n' "$err" | wc -l)"
	case $err in
	"mmhex: "*"$want"*) checks=$((checks + 1)) ;;
	*) fail "$what: message [$err] lacks [$want]" ;;
	esac
	expect_same_file "$what: file unchanged" "$DATADIR/lorem.txt" "$T/e.txt"
}
check_refused "past the end" "past the end" --patch 0:41 --patch '$:4142'
check_refused "offset past the end" "past the end" --patch 737:41
# Issue 10, item 4: the message counts in English.
check_refused "one byte past the end" \
    "--patch '737:41': 1 byte at offset 737 goes past the end of the file (737 bytes)" \
    --patch 737:41
check_refused "two bytes past the end" \
    "--patch '736:4142': 2 bytes at offset 736 go past the end" --patch 736:4142
check_refused "bad hex" "position 2" --patch 0:41zz
check_refused "odd nibbles" "odd" --patch 0:414
check_refused "wildcard" "any byte" --patch 0:41??
check_refused "no colon" "OFFSET:HEX" --patch 41
check_refused "bad offset" "position" --patch 0x:41
check_refused "read-only" "read-only" -r --patch 0:41
err=$("$MMHEX" --patch 0:41 "$T/nope" 2>&1)
expect_eq "missing file" "2 mmhex: $T/nope: No such file or directory" "$? $err"

finish
