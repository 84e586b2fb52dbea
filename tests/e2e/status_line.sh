#!/bin/bash
# status_line.sh - the status line is never cut in the middle of a field:
# session, offset, size, mode and the changed count stay whole at every
# width; a message that does not fit beside them goes on the rows above,
# whole; a terminal too narrow for every field goes without whole fields,
# least needed first (pane, percentage, decimal offset, the name cut short
# and then left out); with -o/-l the percentage is of the file, as the
# offset and the size are.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/tmux.sh"
need python3

big=$T/big.bin
python3 -c 'import sys; open(sys.argv[1], "wb").truncate(2 << 30)' "$big"
size=$((2 << 30))
long="goto: offset 0x174876e7ff is past the end (at most 0x7fffffff)"

# rows N: the last N rows of the screen, trailing blanks cut.
rows() {
	screen | grep -v '^ *$' | tail -"$1" | sed 's/ *$//'
}
# last_row, above_row: the status row, the row above it.
last_row() { rows 1; }
above_row() { rows 2 | head -1; }
# expect_last WHAT TEXT, expect_above WHAT TEXT: that row comes to be TEXT.
expect_last() { expect_becomes "$1: the last row" "$2" last_row; }
expect_above() { expect_becomes "$1: the row above the status" "$2" above_row; }
bad_goto() {
	keys g
	wait_for "goto:" || fail "no goto prompt"
	type_text 99999999999
	keys Enter
}

# ---- 80 columns, a 2 GiB file -----------------------------------------------

start_mmhex -x 80 -y 24 "$big"
expect_last "80 cols: every field" \
    " big.bin  COW  0x00000000 0 / $size (0%)  hex"
keys G
expect_last "80 cols, G: the size whole" \
    " big.bin  COW  0x7fffffff $((size - 1)) / $size (100%)  hex"
# The message beside the status would cut it: it goes above, whole, and
# the status stays as it was.
bad_goto
expect_above "80 cols: the message above, whole" " $long"
# The data gave the row up: the cursor's row is above the message, not
# under it.
expect_eq "80 cols: the cursor's row still on screen" \
    " 7ffffff0  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|" \
    "$(rows 3 | head -1)"
expect_cell "80 cols: the cursor drawn there" 21 "$(hex_col 15)" 'reverse'
expect_last "80 cols: the status under it unchanged" \
    " big.bin  COW  0x7fffffff $((size - 1)) / $size (100%)  hex"
expect_status "status_line reads both" "(100%)  hex  $long"
# The next key takes the message away, and the data row comes back.
keys k
expect_last "the next key: no message" \
    " big.bin  COW  0x7fffffef $((size - 17)) / $size (99%)  hex"
expect_above "the data row back" \
    " 7ffffff0  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|"
# A short message stays beside it.
keys R
type_text 41
keys Escape
keys w
expect_last "80 cols: a short message beside" \
    " big.bin  COW  0x7ffffff0 $((size - 16)) / $size (99%)  hex  flushed 1 byte"
expect_eq "the byte flushed" 41 \
    "$(od -An -tx1 -j $((size - 17)) -N1 "$big" | tr -d ' ')"

# ---- Overwrite mode, changed bytes, a long message at 80 columns ------------

keys R
type_text 4243
# With the mode, every field is 84 columns: the pane is left out.
expect_last "80 cols, overwrite: mode and count whole" \
    " big.bin  COW  0x7ffffff2 $((size - 14)) / $size (99%)  overwrite  [2 changed]"
keys Escape
expect_last "80 cols: the pane back" \
    " big.bin  COW  0x7ffffff2 $((size - 14)) / $size (99%)  hex  [2 changed]"
bad_goto
expect_above "with edits: the message above" " $long"
expect_last "with edits: the count under it" \
    " big.bin  COW  0x7ffffff2 $((size - 14)) / $size (99%)  hex  [2 changed]"

# ---- Narrower: whole fields go, least needed first --------------------------

resize 70 24
expect_last "70 cols: the pane goes first" \
    " big.bin  COW  0x7ffffff2 $((size - 14)) / $size (99%)  [2 changed]"
resize 66 24
expect_last "66 cols: then the percentage" \
    " big.bin  COW  0x7ffffff2 $((size - 14)) / $size  [2 changed]"
resize 60 24
expect_last "60 cols: then the decimal offset" \
    " big.bin  COW  0x7ffffff2 / $size  [2 changed]"
resize 50 24
expect_last "50 cols: the name last" \
    " COW  0x7ffffff2 / $size  [2 changed]"
# A message at 50 columns: broken at a blank, over the rows above.
bad_goto
expect_status "50 cols: the message whole over the rows above" "$long"
expect_eq "50 cols: on two rows" \
    " goto: offset 0x174876e7ff is past the end (at| most 0x7fffffff)| COW  0x7ffffff2 / $size  [2 changed]" \
    "$(rows 3 | tr '\n' '|' | sed 's/|$//')"
resize 56 24
keys R
expect_last "56 cols, overwrite: the mode stays" \
    " COW  0x7ffffff2 / $size  overwrite  [2 changed]"
keys Escape
resize 80 24
keys Q
expect_exit "Q" 0

# ---- A long name is cut short before it goes --------------------------------

name=a_file_with_a_name_long_enough_to_crowd_the_status.bin
cp "$DATADIR/lorem.txt" "$T/$name"
start_mmhex -x 70 -y 10 "$T/$name"
expect_last "70 cols: the name cut, its start kept, before any field goes" \
    " a_file_with_a_name_long_enough_t~  COW  0x00000000 0 / 737 (0%)  hex"
keys q
expect_exit "q" 0

# ---- -o/-l: offset, size and percentage all of the file ---------------------

python3 -c 'import sys; open(sys.argv[1], "wb").write(bytes(1000))' "$T/k.bin"
start_mmhex -x 100 -y 10 -- -o 500 -l 100 "$T/k.bin"
expect_last "-o 500 -l 100: of the file" \
    " k.bin  COW  0x000001f4 500 / 1000 (50%)  hex"
keys G
expect_last "-o 500 -l 100, G: the window's last byte, of the file" \
    " k.bin  COW  0x00000257 599 / 1000 (60%)  hex"
keys q
expect_exit "q" 0

# ---- Two files at 80 columns: the note goes before any field ----------------

python3 -c 'import sys; open(sys.argv[1], "wb").truncate(2 << 30)' "$T/other.bin"
start_mmhex -x 80 -y 24 "$big" "$T/other.bin"
expect_last "compare, 80 cols: the note left out whole" \
    " big.bin  COW  0x00000000 0 / $size (0%)  hex"
resize 140 24
expect_status "compare, 140 cols: the note back" \
    " big.bin  COW  0x00000000 0 / $size (0%)  hex  | vs other.bin COW | same here"
keys q
expect_exit "compare: q" 0

finish
