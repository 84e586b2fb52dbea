#!/bin/bash
# edit_select.sh - v and movement select (shown in both panes as one band,
# and in the line view), y copies, p pastes over the cursor with the
# semantics of Python's mmap.move (overlapping ranges too), clipped at the
# end of the file with a message, and = fills the selection (or the cursor
# byte) with a hex or text pattern.  Each result is compared with Python's
# mmap doing the same on another copy.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/tmux.sh"
need python3 cmp

lorem=$DATADIR/lorem.txt
size=$(stat -c %s "$lorem")

# py FILE CODE: run CODE with m, the file mapped read-write; then flush.
py() {
	python3 -c 'import mmap, sys
with open(sys.argv[1], "r+b") as f:
    m = mmap.mmap(f.fileno(), 0)
    exec(sys.argv[2])
    m.flush()
    m.close()' "$@"
}

# fresh [MMHEX ARGS...]: copies a.txt (for mmhex) and b.txt (for Python).
fresh() {
	cp "$lorem" "$T/a.txt"
	cp "$lorem" "$T/b.txt"
	start_mmhex -x 80 -y 24 -- "$@" "$T/a.txt"
}

# flush_and_compare WHAT: w, then a.txt must be b.txt; q.
flush_and_compare() {
	keys w
	expect_status "$1: w" "flushed"
	expect_same_file "$1: as Python's mmap" "$T/b.txt" "$T/a.txt"
	keys q
	expect_exit "$1: q" 0
}

# ---- Selecting, and how it looks ----------------------------------------------

fresh
keys y
expect_status "y with nothing selected" "nothing selected"
keys p
expect_status "p with nothing copied" "nothing copied"
go 0x13
keys v
expect_status "v" "select: move to extend"
keys l l l l
expect_status "four to the right: five bytes" "select 5"
keys j
expect_status "a line down" "select 21"
keys k h h h h h h
expect_status "back past the anchor: selects backwards" "select 3"
expect_offset "the cursor at the start" 17
# Bytes 0x11..0x13 are selected: white on blue, one band in the hex pane.
expect_cell "selected hex digit" 1 "$(hex_col 2)" 'bg=44'
expect_cell "the gap inside the band" 1 $(($(hex_col 2) + 2)) 'bg=44'
expect_cell "selected character" 1 "$(text_col 2)" 'bg=44'
expect_cell "the cursor byte is marked too" 1 "$(hex_col 1)" 'bold.*reverse'
expect_cell "the gap after the band" 1 $(($(hex_col 3) + 2)) '^plain$'
expect_cell "not selected" 1 "$(hex_col 4)" '^fg=(32|36)$'
expect_cell "not selected either" 1 "$(text_col 0)" '^fg=(32|36)$'
# The line view shows it too.
keys t
expect_status "t" "  lines"
expect_cell "selected in the line view" 0 17 'bg=44'
expect_cell "not selected in the line view" 0 20 '^fg=(32|36)$'
keys t
keys Escape
expect_screen_lacks "Esc cancels the selection" "select"
expect_cell "no band after Esc" 1 $(($(hex_col 2) + 2)) '^plain$'
keys q
expect_exit "q" 0

# Without colour a selection is reverse video.
fresh --color=never
keys v l l
expect_status "v l l" "select 3"
expect_cell "monochrome selection" 0 "$(hex_col 1)" '^reverse$'
expect_cell "monochrome: after it" 0 "$(hex_col 4)" '^plain$'
keys Escape
keys q
expect_exit "q" 0

# ---- Copy and paste (mmap move) -------------------------------------------------

# Apart: 0x10..0x1f to 0x40.
fresh
go 0x10
keys v
for k in $(seq 15); do keys l; done
expect_status "sixteen selected" "select 16"
keys y
expect_status "y" "copied 16 bytes"
expect_screen_lacks "y ends the selection" "select"
go 0x40
keys p
expect_status "p" "pasted 16 bytes"
expect_status "p: changed, what differs" \
    "[$(copied_changes "$lorem" 0x10 0x40 16) changed]"
expect_offset "p: the cursor stays" 64
expect_same_file "p: the file untouched before w" "$lorem" "$T/a.txt"
py "$T/b.txt" 'm.move(0x40, 0x10, 16)'
flush_and_compare "move apart"

# Overlapping, forwards: 0x10..0x2f to 0x18, memmove semantics.
fresh
go 0x10
keys v Down
keys l l l l l l l l l l l l l l l
expect_status "32 selected" "select 32"
keys y
go 0x18
keys p
expect_status "p overlapping" "pasted 32 bytes"
py "$T/b.txt" 'm.move(0x18, 0x10, 32)'
flush_and_compare "overlapping forwards"

# Overlapping, backwards, selected from its end: 0x30..0x4f to 0x28.
fresh
go 0x4f
keys v Up
keys h h h h h h h h h h h h h h h
expect_status "32 selected backwards" "select 32"
expect_offset "the cursor at the start" 48
keys y
go 0x28
keys p
py "$T/b.txt" 'm.move(0x28, 0x30, 32)'
flush_and_compare "overlapping backwards"

# A page selected and pasted near the end: clipped, with a message.
fresh -W
keys v PageDown
sel=$((23 * 16 + 1))
expect_status "v PgDn: a page and a byte" "select $sel"
keys y
expect_status "y a page" "copied $sel bytes"
go $((size - 100))
keys p
expect_status "clipped at the end" "pasted 100 of $sel bytes: end of file"
expect_eq "the size" "$size" "$(stat -c %s "$T/a.txt")"
py "$T/b.txt" "m[$((size - 100)):] = m[0:100]"
expect_same_file "clipped paste, write-through: in the file already" "$T/b.txt" "$T/a.txt"
flush_and_compare "clipped paste"

# ---- Fill ------------------------------------------------------------------

fresh
go 0x20
keys v
for k in $(seq 9); do keys l; done
expect_status "ten selected" "select 10"
keys =
expect_screen_has "= opens the fill prompt" "fill hex:"
type_text "de ad be ef"
keys Enter
expect_status "filled" "filled 10 bytes"
expect_screen_lacks "the selection ends" "select"
expect_row "the pattern repeated, cut at the end" 2 \
    " 00000020  de ad be ef de ad be ef  de ad 64"
# No selection: the cursor byte.  Tab: a text pattern with escapes.
go 0x50
keys =
wait_for "fill hex:" || fail "no fill prompt"
keys Tab
expect_screen_has "Tab: text" "fill text:"
type_text 'Z'
keys Enter
expect_status "the cursor byte" "filled 1 byte"
go 0x60
keys v l l l l l l =
wait_for "fill hex:" || fail "no fill prompt"
keys Tab
wait_for "fill text:" || fail "no text fill prompt"
type_text 'ab\x00'
keys Enter
expect_status "text with escapes" "filled 7 bytes"
# Patterns that cannot fill: errors, nothing written.
keys =
wait_for "fill hex:" || fail "no fill prompt"
type_text "4g"
keys Enter
expect_status "bad hex" "fill: "
keys =
wait_for "fill hex:" || fail "no fill prompt"
type_text "41 ??"
keys Enter
expect_status "?? is not a byte" "fill: ?? is not a byte to write"
keys =
wait_for "fill hex:" || fail "no fill prompt"
keys Escape
expect_screen_lacks "Esc closes the prompt" "fill hex:"
expect_status "changed so far" "[18 changed]"
py "$T/b.txt" 'm[0x20:0x2a] = (b"\xde\xad\xbe\xef" * 3)[:10]; m[0x50] = 0x5a; m[0x60:0x67] = b"ab\0ab\0a"'
flush_and_compare "fills"

finish
