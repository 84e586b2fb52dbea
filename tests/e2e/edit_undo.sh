#!/bin/bash
# edit_undo.sh - undo and redo as a person uses them: a typing run (the
# bytes typed in one visit to overwrite or insert mode, until the cursor
# is moved by hand) is one step, as in vim, with the cursor going to it;
# across a flush (undoing after w changes the bytes back, and the next w
# makes the file the original again), in both writable sessions, a paste
# and a fill as one step each, a new edit dropping what could be redone,
# Backspace inside an insert run, and a run of 400 bytes undone with one
# u.  The file's bytes are compared with Python's mmap stores.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/tmux.sh"
need python3 cmp

lorem=$DATADIR/lorem.txt
loc=$(grep -obUaF consectetuer "$lorem" | head -1 | cut -d: -f1)

# py_store FILE OFFSET BYTES...: the oracle, mmap slice assignments
# (OFFSET BYTES pairs, BYTES as Python bytes literals' contents).
py_store() {
	python3 -c 'import mmap, sys
with open(sys.argv[1], "r+b") as f:
    m = mmap.mmap(f.fileno(), 0)
    for i in range(2, len(sys.argv), 2):
        at = int(sys.argv[i], 0)
        b = sys.argv[i + 1].encode("latin-1").decode("unicode_escape").encode("latin-1")
        m[at:at + len(b)] = b
    m.flush()
    m.close()' "$@"
}
cp "$lorem" "$T/want.txt"
py_store "$T/want.txt" "$loc" reutetcesnoc

# edit [MMHEX ARGS...]: reutetcesnoc over consectetuer in a fresh copy.
# Copy-on-write counts as changed what differs from the file: two of the
# twelve letters are the same reversed.  Write-through counts what was
# written and not yet synced: all twelve.
edit() {
	nchanged=10
	[ "${1:-}" = -W ] && nchanged=12
	cp "$lorem" "$T/a.txt"
	start_mmhex -x 80 -y 24 -- "$@" "$T/a.txt"
	keys Tab f
	wait_for "find text:" || fail "no find prompt"
	type_text consectetuer
	keys Enter
	expect_offset "found" "$loc"
	keys R
	type_text reutetcesnoc
	expect_status "typed" "[$nchanged changed]"
	keys Escape
	expect_screen_lacks "Esc" "overwrite"
}

# undo_run SESSION: one u takes the whole typing run back.
undo_run() {
	keys u
	expect_status "$1: one u, the run" "undone: 12 bytes at $(printf '0x%x' "$loc") (0 more to undo)"
}

for session in COW WT; do
	flag=; [ $session = WT ] && flag=-W
	edit $flag
	keys w
	expect_status "$session: w" "flushed $nchanged bytes"
	expect_same_file "$session: flushed" "$T/want.txt" "$T/a.txt"
	undo_run "$session"
	expect_offset "$session: the cursor on the first edit" "$loc"
	keys u
	expect_status "$session: the second u" "nothing to undo"
	expect_status "$session: undone bytes count as changed" "[$nchanged changed]"
	if [ $session = COW ]; then
		expect_same_file "COW: undo does not touch the file before w" \
		    "$T/want.txt" "$T/a.txt"
	else
		expect_same_file "WT: undo reaches the file at once" "$lorem" "$T/a.txt"
	fi
	keys w
	expect_status "$session: w after undo" "flushed $nchanged bytes"
	expect_same_file "$session: undone and flushed: the original" "$lorem" "$T/a.txt"
	# Redo all of it, flush again: the edit is back.
	keys C-r
	expect_status "$session: Ctrl-R, the run" "redone: 12 bytes at $(printf '0x%x' "$loc")"
	keys C-r
	expect_status "$session: nothing more to redo" "nothing to redo"
	keys w
	expect_status "$session: w after redo" "flushed $nchanged bytes"
	expect_same_file "$session: redone and flushed" "$T/want.txt" "$T/a.txt"
	keys q
	expect_exit "$session: q" 0
done

# A new edit after an undo: what was undone cannot be redone any more.
# The run is typed as two, a move by hand between them.
cp "$lorem" "$T/a.txt"
start_mmhex -x 80 -y 24 "$T/a.txt"
keys Tab R
type_text reutet
keys Left Right
type_text cesnoc
keys Escape
expect_screen_lacks "Esc" "overwrite"
keys u
expect_status "the second run" "undone: 6 bytes at 0x6 (1 more to undo)"
keys g
wait_for "goto:"
type_text 0x40
keys Enter
keys R
type_text X
keys Escape
keys C-r
expect_status "redo after a new edit" "nothing to redo"
keys u
expect_status "u takes the new edit" "undone: 1 byte at 0x40"
keys w
expect_status "w" "flushed"
cp "$lorem" "$T/b.txt"
py_store "$T/b.txt" 0 reutet
expect_same_file "the first run left" "$T/b.txt" "$T/a.txt"
keys q
expect_exit "q" 0

# Insert mode: typing, Backspace, typing again, all one run: one u.
cp "$lorem" "$T/a.txt"
start_mmhex -x 80 -y 24 "$T/a.txt"
keys Tab I
type_text xyz
keys BSpace
type_text w
keys Escape
expect_row "inserted, one taken back" 0 " 00000000  78 79 77 4c"
keys u
expect_status "one u" "undone: "
expect_row "all of it undone" 0 " 00000000  4c 6f 72 65"
keys u
expect_status "nothing before it" "nothing to undo"
keys w
expect_status "w after it all was undone" "nothing to flush"
expect_same_file "flushed: the original" "$lorem" "$T/a.txt"
keys q
expect_exit "q" 0

# A paste and a fill are one step each.
cp "$lorem" "$T/a.txt"
start_mmhex -x 80 -y 24 "$T/a.txt"
keys v l l l l l y
expect_status "y" "copied 6 bytes"
keys g
wait_for "goto:"
type_text 0x40
keys Enter
keys p
expect_status "p" "pasted 6 bytes"
keys l l l v l l l
keys =
wait_for "fill hex:" || fail "no fill prompt"
type_text "00 ff"
keys Enter
expect_status "=" "filled 4 bytes"
expect_status "seven bytes changed" "[7 changed]"
keys u
expect_status "u: the fill in one step" "undone: 4 bytes at 0x43"
keys u
expect_status "u: the paste in one step" "undone: 6 bytes at 0x40"
keys u
expect_status "nothing before them" "nothing to undo"
keys C-r
expect_status "Ctrl-R: the paste" "redone: 6 bytes at 0x40"
keys w
expect_status "w" "flushed"
cp "$lorem" "$T/b.txt"
py_store "$T/b.txt" 0x40 'Lorem '
expect_same_file "the paste redone, the fill not" "$T/b.txt" "$T/a.txt"
keys q
expect_exit "q" 0

# A long run: 400 characters typed, all undone, flushed: the original.
cp "$lorem" "$T/a.txt"
start_mmhex -x 80 -y 24 "$T/a.txt"
keys Tab R
expect_status "R" "overwrite"
long=$(printf 'abcdefghij%.0s' $(seq 40))
type_text "$long"
# Changed: the typed bytes that differ from the file's.
differ=$(python3 -c 'import sys
a = open(sys.argv[1], "rb").read()[:400]
print(sum(x != y for x, y in zip(a, sys.argv[2].encode())))' "$lorem" "$long")
expect_status "400 typed" "[$differ changed]"
keys Escape
expect_screen_lacks "Esc" "overwrite"
keys u
expect_status "400 undone with one u" "undone: 400 bytes at 0x0 (0 more to undo)"
# The original again: nothing is changed, nothing to flush, q just quits.
expect_screen_lacks "undone: nothing changed" "changed]"
expect_cell "undone: the text not highlighted" 0 "$(text_col 5)" '^fg=(32|36)$'
expect_cell "undone: the hex not highlighted" 0 "$(hex_col 5)" '^fg=(32|36)$'
keys w
expect_status "w" "nothing to flush"
expect_same_file "all undone: the original" "$lorem" "$T/a.txt"
keys q
expect_exit "q: no question" 0

finish
