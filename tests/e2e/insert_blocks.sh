#!/bin/bash
# insert_blocks.sh - inserts and deletes of whole blocks at block borders
# are done by the file system where it can (fallocate's INSERT_RANGE and
# COLLAPSE_RANGE): on a loop-mounted ext4 image a 4 KiB insert at 0 of a
# 32 MiB file and a 4 KiB delete write the added bytes only (strace), and
# the file is what Python makes; on a tmpfs, which cannot, the same edits
# move the tail and give the same bytes.  An edit that is not whole blocks
# moves the tail on ext4 too.  Skipped (77) without root, losetup, mount,
# mkfs.ext4 or strace.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/fs.sh"
need python3 cmp strace

BLOCK=$(python3 -c 'print("5a" * 4096)')

# written TRACE: the bytes pwrite wrote to $f (not to the journal or the
# move log); shifted TRACE: the fallocate calls that shifted blocks.
written() {
	written_to "$1" "$(realpath "$f")"
}
shifted() {
	grep -cE 'fallocate\(.*(INSERT|COLLAPSE)_RANGE.*= 0$' "$1"
}

# edit_like WHAT EDIT PY: mmhex EDIT on $f, traced into $T/trace, and the
# Python expression PY (of b, the bytes) on $want: the same bytes after.
edit_like() {
	traced "$T/trace" pwrite64,fallocate "$MMHEX" "$2" "$f"
	expect_eq "$1: exit status" 0 $?
	python3 -c 'import sys
b = open(sys.argv[1], "rb").read()
open(sys.argv[1], "wb").write('"$3"')' "$want"
	expect_same_file "$1: the bytes" "$want" "$f"
}

# edits DIR KIND: on a 32 MiB file in DIR, a block inserted at 0, a block
# deleted at 8 KiB, then a 4097-byte insert; each checked against Python,
# each traced; KIND is "shifts" or "moves" (what the file system does).
edits() {
	local dir=$1 kind=$2 ino
	f=$1/f want=$1/want
	python3 -c 'import os, sys
open(sys.argv[1], "wb").write(os.urandom(32 << 20))' "$f"
	cp "$f" "$want"
	ino=$(stat -c %i "$f")

	edit_like "$kind: block insert" --insert=0:"$BLOCK" 'b"Z" * 4096 + b'
	if [ "$kind" = shifts ]; then
		expect_eq "$kind: block insert: one INSERT_RANGE" 1 "$(shifted "$T/trace")"
		expect_eq "$kind: block insert: 4096 bytes written" 4096 "$(written "$T/trace")"
	else
		expect_eq "$kind: block insert: the tail moved" \
		    $(( (32 << 20) + 4096 )) "$(written "$T/trace")"
	fi
	edit_like "$kind: block delete" --delete=8192:4096 'b[:8192] + b[12288:]'
	if [ "$kind" = shifts ]; then
		expect_eq "$kind: block delete: one COLLAPSE_RANGE" 1 "$(shifted "$T/trace")"
		expect_eq "$kind: block delete: nothing written" 0 "$(written "$T/trace")"
	fi
	edit_like "$kind: 4097-byte insert" --insert=0:"${BLOCK}5a" 'b"Z" * 4097 + b'
	expect_eq "$kind: 4097 bytes are no whole block: no shift" 0 "$(shifted "$T/trace")"
	expect_eq "$kind: same inode throughout" "$ino" "$(stat -c %i "$f")"
}

mnt=$(make_ext4 128M) || exit $?
edits "$mnt" shifts
mnt=$(make_tmpfs 128M) || exit $?
edits "$mnt" moves

finish
