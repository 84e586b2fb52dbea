#!/bin/bash
# edit_overwrite.sh - overwrite mode as a person uses it: the reference
# scenario (find "consectetuer" in lorem.txt, type "reutetcesnoc" over it,
# flush), hex nibbles in the hex pane with the cursor on the nibble typed
# next, text in the text pane, the end of the file, keys that are not
# typed, undo and redo, and the changed bytes highlighted until flushed,
# in colour and without.  What the file holds afterwards is checked
# against Python's mmap doing the same stores on another copy.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/tmux.sh"
need python3 cmp od

lorem=$DATADIR/lorem.txt
size=$(stat -c %s "$lorem")

# py_store FILE OFFSET HEX: the oracle, mmap slice assignment and flush.
py_store() {
	python3 -c 'import mmap, sys
with open(sys.argv[1], "r+b") as f:
    m = mmap.mmap(f.fileno(), 0)
    at, b = int(sys.argv[2], 0), bytes.fromhex(sys.argv[3])
    m[at:at + len(b)] = b
    m.flush()
    m.close()' "$@"
}

# text_pane: the text pane's rows joined, as the eye reads across them.
text_pane() {
	screen | sed -n 's/^ [0-9a-f]\{8\}  .*|\(.*\)|$/\1/p' | tr -d '\n'
}

# ---- The reference scenario ------------------------------------------------

loc=$(grep -obUaF consectetuer "$lorem" | head -1 | cut -d: -f1)
expect_eq "oracle: consectetuer at 28" 28 "$loc"
cp "$lorem" "$T/a.txt"
cp "$lorem" "$T/b.txt"
py_store "$T/b.txt" "$loc" "$(printf reutetcesnoc | od -An -tx1 | tr -d ' \n')"

start_mmhex -x 80 -y 24 "$T/a.txt"
expect_status "default session" "a.txt  COW  "
keys Tab
expect_status "Tab: the text pane" "  text"
keys f
expect_screen_has "f in the text pane finds text" "find text:"
type_text consectetuer
keys Enter
expect_offset "found" "$loc"
keys R
expect_status "R: overwrite mode" "overwrite: type over the bytes"
type_text reutetcesnoc
# Ten of the twelve change: the e's at 4 and 7 are the file's own.
expect_status "twelve bytes typed, ten changed" "  text  overwrite  [10 changed]"
expect_offset "the cursor after the last one typed" $((loc + 12))
case $(text_pane) in
*"amet, reutetcesnoc adipiscing"*) checks=$((checks + 1)) ;;
*) fail "the text pane does not show the edit: [$(text_pane | head -c 120)]" ;;
esac
expect_row "the hex pane too" 1 " 00000010  72 20 73 69 74 20 61 6d  65 74 2c 20 72 65 75 74"
expect_same_file "copy-on-write: the file untouched before the flush" "$lorem" "$T/a.txt"
# Changed bytes highlighted (red) in both panes, the others not.
expect_cell "changed hex digit" 1 "$(hex_col 12)" 'bold.*fg=31'
expect_cell "changed character" 1 "$(text_col 12)" 'bold.*fg=31'
expect_cell "unchanged character before it" 1 "$(text_col 11)" '^fg=(32|36)$'
keys Escape
expect_screen_lacks "Esc leaves overwrite mode" "overwrite"
keys w
expect_status "w flushes the ten" "flushed 10 bytes"
expect_screen_lacks "nothing changed any more" "changed]"
expect_eq "the first line" "Lorem ipsum dolor sit amet, reutetcesnoc adipiscing elit." \
    "$(head -1 "$T/a.txt")"
expect_same_file "the same bytes as Python's mmap store" "$T/b.txt" "$T/a.txt"
# Two of the twelve letters are the same (the e's): ten bytes differ.
expect_eq "bytes that differ" 10 "$(cmp -l "$lorem" "$T/a.txt" | wc -l)"
expect_eq "all of them inside the twelve" "" "$(cmp -l "$lorem" "$T/a.txt" |
    awk -v lo=$((loc + 1)) -v hi=$((loc + 12)) '$1 < lo || $1 > hi')"
expect_cell "no highlight once flushed" 1 "$(text_col 12)" '^fg=36$'
keys q
expect_exit "q after the flush: no question" 0

# The same from the hex pane: f finds hex there; Enter enters overwrite.
cp "$lorem" "$T/a.txt"
start_mmhex -x 80 -y 24 -- -W "$T/a.txt"
keys f
expect_screen_has "f in the hex pane finds hex" "find hex:"
type_text "63 6f 6e 73 65 63"
keys Enter
expect_offset "found by hex" "$loc"
keys Enter
expect_status "Enter: overwrite mode" "overwrite: type over the bytes"
keys Tab
expect_status "Tab in overwrite mode: the text pane" "  text  overwrite"
type_text reutetcesnoc
expect_status "write-through: counted until flushed" "[12 changed]"
keys Escape
keys q
expect_exit "q in write-through flushes and quits" 0
expect_same_file "write-through, hex-pane start: same bytes" "$T/b.txt" "$T/a.txt"

# ---- Hex nibbles -------------------------------------------------------------

cp "$lorem" "$T/a.txt"
cp "$lorem" "$T/b.txt"
start_mmhex -x 80 -y 24 "$T/a.txt"
go 0x20
keys R
expect_status "R in the hex pane" "overwrite: type over the bytes"
expect_cell "the cursor on the high nibble" 2 "$(hex_col 0)" 'reverse'
expect_cell "not on the low one" 2 $(($(hex_col 0) + 1)) '^bold fg=36 underline$'
type_text 4
expect_row "4 replaced the high nibble" 2 " 00000020  45 63"
expect_status "one byte changed" "  hex  overwrite  [1 changed]"
expect_offset "the cursor stays for the low nibble" 32
expect_cell "the cursor now on the low nibble" 2 $(($(hex_col 0) + 1)) 'reverse'
expect_cell "the high one marked changed" 2 "$(hex_col 0)" 'fg=31'
type_text 1
expect_row "1 the low nibble: A" 2 " 00000020  41 63"
expect_offset "then the next byte" 33
expect_cell "the next byte's high nibble" 2 "$(hex_col 1)" 'reverse'
expect_cell "41 highlighted as changed" 2 "$(hex_col 0)" '^bold fg=31$'
expect_cell "and its A in the text pane" 2 "$(text_col 0)" '^bold fg=31$'
expect_status "still one byte" "[1 changed]"
# Upper-case digits, then a key that is not a digit: refused, nothing moves.
type_text 6F
expect_row "6F" 2 " 00000020  41 6f"
type_text z
expect_status "z is not a hex digit" "not a hex digit"
expect_offset "z moved nothing" 34
# A high nibble typed and then a move: the low nibble is not pending.
type_text 7
keys Left
expect_offset "Left in overwrite mode" 33
type_text 5
expect_row "a new high nibble" 2 " 00000020  41 5f 74"
keys Escape
expect_screen_lacks "Esc" "overwrite"
# The 7 typed over 74's high nibble left 74: two bytes changed, not three.
expect_status "three bytes typed, two changed" "[2 changed]"
# Undo, one typing run at a time (the Left ended the first), then redo.
keys u
expect_status "u: the last run" "undone: 1 byte at 0x21"
expect_row "6f back" 2 " 00000020  41 6f 74"
keys u
expect_status "u: the first run, whole" "undone: 3 bytes at 0x20"
expect_row "u: 65 63 back" 2 " 00000020  65 63 74"
keys u
expect_status "nothing more" "nothing to undo"
keys C-r
expect_status "Ctrl-R" "redone: 3 bytes at 0x20"
expect_row "Ctrl-R: the run again" 2 " 00000020  41 6f 74"
expect_offset "Ctrl-R puts the cursor on the edit" 32
keys w
expect_status "w" "flushed"
py_store "$T/b.txt" 0x20 416f
expect_same_file "41 6f at 0x20, as Python stores it" "$T/b.txt" "$T/a.txt"
keys q
expect_exit "q" 0

# Without colour the changed bytes are bold and underlined.
cp "$lorem" "$T/a.txt"
start_mmhex -x 80 -y 24 -- --color=never "$T/a.txt"
keys R
type_text 4d
expect_status "typed" "[1 changed]"
expect_cell "monochrome: changed hex" 0 "$(hex_col 0)" '^bold underline$'
expect_cell "monochrome: changed text" 0 "$(text_col 0)" '^bold underline$'
expect_cell "monochrome: unchanged" 0 "$(hex_col 2)" '^plain$'
keys Escape
keys Q
expect_exit "Q" 0
expect_same_file "Q discarded" "$lorem" "$T/a.txt"

# ---- Backspace: the bytes typed in this run back -------------------------------

# As in vim's replace mode: Backspace steps back over what this run typed
# and gives each byte its old value; a half-typed byte goes whole; before
# the run it is only a step back.
cp "$lorem" "$T/a.txt"
start_mmhex -x 80 -y 24 "$T/a.txt"
keys g
type_text 4
keys Enter
expect_offset "goto 4" 4
keys R
type_text 41424344
expect_status "four typed" "[4 changed]"
expect_row "shown" 0 " 00000000  4c 6f 72 65 41 42 43 44"
keys BSpace
keys BSpace
expect_offset "two Backspaces: two back" 6
expect_status "two Backspaces: two changed" "overwrite  [2 changed]"
expect_row "two Backspaces: the old bytes shown" 0 " 00000000  4c 6f 72 65 41 42 69 70"
type_text 4
expect_row "half typed" 0 " 00000000  4c 6f 72 65 41 42 49 70"
keys BSpace
expect_row "the half-typed byte back" 0 " 00000000  4c 6f 72 65 41 42 69 70"
expect_offset "half typed: the cursor stays" 6
type_text 45
keys BSpace
keys BSpace
keys BSpace
expect_offset "all three back" 4
expect_status "all back: nothing changed" "overwrite"
checks=$((checks + 1))
case $(status_line) in
*changed]*) fail "all back: still a count: [$(status_line)]" ;;
esac
keys BSpace
expect_offset "before the run: a step back" 3
type_text 5a
keys Escape
keys w
expect_status "w" "flushed 1 byte"
cp "$lorem" "$T/want.txt"
py_store "$T/want.txt" 3 5a
expect_same_file "flushed: only the Z typed and kept" "$T/want.txt" "$T/a.txt"
# An earlier run's byte is not taken back.
keys R
keys BSpace
expect_offset "a new run: a step back" 3
keys Escape
keys q
expect_exit "q: nothing unflushed" 0
expect_same_file "the Z kept" "$T/want.txt" "$T/a.txt"

# ---- The end of the file, and keys the text pane does not type ----------------

cp "$lorem" "$T/a.txt"
cp "$lorem" "$T/b.txt"
start_mmhex -x 80 -y 24 "$T/a.txt"
keys G
keys R
type_text 41
expect_offset "the last byte: the cursor stays" $((size - 1))
type_text 42
keys Tab
type_text Z
keys C-a
expect_status "Ctrl-A is not typed" "only printable characters"
type_text Y
keys Escape
expect_status "one byte changed" "[1 changed]"
keys w
expect_status "flushed" "flushed 1 byte"
py_store "$T/b.txt" $((size - 1)) 59
expect_same_file "the last byte is Y" "$T/b.txt" "$T/a.txt"
expect_eq "the size" "$size" "$(stat -c %s "$T/a.txt")"
keys q
expect_exit "q" 0

finish
