#!/bin/bash
# edit_open.sh - O opens another file without quitting: the path asked
# for (its history recalls the last), a file that cannot be opened says
# why and the first stays; unflushed edits of the first get q's question
# (c stays with them, f flushes them, d drops them: the first file's
# bytes checked after each, against Python); the new file opens in the
# session the command line asked for, is drawn as hexdump -C prints it
# and takes edits and w as any file; two files compared refuse it.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/tmux.sh"
need python3 hexdump cmp

lorem=$DATADIR/lorem.txt
cp "$lorem" "$T/a.txt"
cp "$DATADIR/sample.bin" "$T/b.bin"

# open_file PATH: O, the path, Enter.
open_file() {
	keys O
	wait_for "open: " || fail "O: no prompt"
	type_text "$1"
	keys Enter
}

start_mmhex -x 100 -y 24 "$T/a.txt"
open_file "$T/none"
expect_status "a missing file: said, the first stays" \
    "a.txt  COW  0x00000000 0 / 737 (0%)  hex  not opened: $T/none: No such file or directory"
open_file "$T"
expect_status "a directory: said" "not opened: $T"

# Unflushed edits: q's question; c stays with them.
keys R; type_text 51; keys Escape
expect_status "an edit" "[1 changed]"
open_file "$T/b.bin"
expect_status "O with an edit: asked" "1 unflushed byte: (f)lush and quit, (d)iscard, (c)ancel"
keys c
expect_status "c: still a.txt, the edit kept" "a.txt  COW  0x00000001 1 / 737 (0%)  hex  [1 changed]"
# Up recalls the path; d drops the edit, b.bin opens.
keys O
wait_for "open: " || fail "O: no prompt"
keys Up
expect_screen_has "Up: the path again" "open: $T/b.bin"
keys Enter
expect_status "asked again" "(f)lush and quit"
keys d
expect_status "d: b.bin open" "b.bin  COW  0x00000000 0 / $(stat -c %s "$T/b.bin") (0%)  hex"
expect_same_file "d: a.txt as it was" "$lorem" "$T/a.txt"
hexdump -C "$T/b.bin" | head -3 | cut -c1-60 >"$T/rows.want"
screen | head -3 | cut -c2-61 >"$T/rows.got"
expect_same_file "b.bin drawn as hexdump -C prints it" "$T/rows.want" "$T/rows.got"

# The new file takes edits and w; then O back with f flushing them.
keys R; type_text 7a; keys Escape
open_file "$T/a.txt"
expect_status "O from b.bin with an edit: asked" "(f)lush and quit"
keys f
expect_status "f: a.txt open" "a.txt  COW  0x00000000 0 / 737 (0%)  hex"
python3 -c 'import sys
b = bytearray(open(sys.argv[1], "rb").read()); b[0] = 0x7a
open(sys.argv[2], "wb").write(b)' "$DATADIR/sample.bin" "$T/b.want"
expect_same_file "f: b.bin flushed" "$T/b.want" "$T/b.bin"
expect_row "a.txt drawn again" 0 " 00000000  4c 6f 72 65 6d"
keys q
expect_exit "q" 0

# The session the command line asked for: -r opens the next read-only.
start_mmhex -x 100 -y 24 -- -r "$T/a.txt"
open_file "$T/b.bin"
expect_status "-r: b.bin read-only" "b.bin  RO"
keys R
expect_status "-r: no edits" "read-only"
keys q
expect_exit "-r: q" 0

# Two files compared: refused.
start_mmhex -x 200 -y 30 "$T/a.txt" "$T/b.bin"
keys O
expect_status "two files: refused" "two files open: O opens one instead of one"
keys q
expect_exit "compare: q" 0

finish
