#!/bin/bash
# map.sh - `mmhex --map FILE` against Python recomputing the rule the man
# page documents (filemap.h): 4 KiB blocks from the window's start, zero /
# text / random / binary, neighbours merged, offsets the file's.  Over a
# crafted file (1 MiB each of zeros, text, random, zeros, 0xff padding, a
# 4 KiB island of text in zeros, a short tail), real files (an ext4 image
# made by mkfs.ext4, an ELF binary, a gzip file), -o/-l windows, a
# 100 GiB sparse file (its holes are not read: it takes no time worth
# mentioning, and the runs are the same), and the errors.
. "$TESTLIB"
need python3

ORACLE="$(dirname "$TESTLIB")/filemap_oracle.py"

# expect_map WHAT FILE [OFF LEN [MMHEX OPTIONS...]]: --map as Python says.
expect_map() {
	local what=$1 f=$2 off=${3:-0} len=${4:--1}
	shift 2; shift $(($# >= 2 ? 2 : $#))
	python3 "$ORACLE" "$f" "$off" "$len" >"$T/map.want"
	"$MMHEX" --map "$@" "$f" >"$T/map.got"
	expect_eq "$what: exit status" 0 $?
	expect_same_file "$what: the runs" "$T/map.want" "$T/map.got"
}

python3 -c 'import os, sys
MiB = 1 << 20
text = (b"The quick brown fox jumps over the lazy dog.\n" * 30000)[:MiB]
open(sys.argv[1], "wb").write(b"\0" * MiB + text + os.urandom(MiB) +
    b"\0" * MiB + b"\xff" * MiB + b"\0" * 8192 + b"x" * 4096 +
    b"\0" * 8192 + b"short tail")' "$T/craft.bin"
expect_map "crafted" "$T/craft.bin"
expect_eq "crafted: the kinds in order" \
    "zero text random zero binary zero text zero text" \
    "$("$MMHEX" --map "$T/craft.bin" | awk '{ printf "%s%s", s, $3; s = " " }')"
# Windows: -o/-l, the blocks from the window's start, the file's offsets.
expect_map "-o 1000 -l 3M" "$T/craft.bin" 1000 $((3 << 20)) -o 1000 -l 3M
expect_map "-o 5M" "$T/craft.bin" $((5 << 20)) -1 -o 5M

# Real files.
expect_map "an ELF binary" "$MMHEX"
python3 -c 'import gzip, random, sys
r = random.Random(1)
words = open(sys.argv[2], "rb").read().split()
data = b" ".join(r.choice(words) for i in range(300000))
open(sys.argv[1], "wb").write(gzip.compress(data))' "$T/log.gz" "$DATADIR/lorem.txt"
expect_map "a gzip file" "$T/log.gz"
checks=$((checks + 1))
"$MMHEX" --map "$T/log.gz" | grep -q ' random$' ||
    fail "a gzip file: no random run: $("$MMHEX" --map "$T/log.gz" | head -3)"
if command -v mkfs.ext4 >/dev/null 2>&1; then
	truncate -s 64M "$T/fs.img"
	mkfs.ext4 -q -F "$T/fs.img" >/dev/null 2>&1
	expect_map "an ext4 image" "$T/fs.img"
	checks=$((checks + 1))
	[ "$("$MMHEX" --map "$T/fs.img" | wc -l)" -ge 3 ] ||
	    fail "an ext4 image: fewer than 3 runs"
else
	echo "note: no mkfs.ext4, the ext4 image is not mapped"
fi

# 100 GiB sparse, data at both ends: the holes are zero.
truncate -s 100G "$T/sparse.bin"
printf 'head' | dd of="$T/sparse.bin" conv=notrunc status=none
printf 'tail' | dd of="$T/sparse.bin" bs=1 seek=$(((100 << 30) - 4)) \
    conv=notrunc status=none
expect_eq "100 GiB sparse" "0 4096 binary
4096 107374174208 zero
107374178304 4096 binary" "$("$MMHEX" --map "$T/sparse.bin")"

# Errors: one line, exit 2; an empty file maps to nothing.
: >"$T/empty"
expect_eq "an empty file: no runs" "" "$("$MMHEX" --map "$T/empty")"
"$MMHEX" --map "$T/none" >"$T/out" 2>"$T/err"
expect_eq "a missing file: exit 2" 2 $?
expect_eq "a missing file: one line" "mmhex: $T/none: No such file or directory" \
    "$(cat "$T/err")"

finish
