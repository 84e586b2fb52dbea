#!/bin/bash
# edit_sessions.sh - how edits reach the file in each session: in
# copy-on-write nothing touches the file until w (and Q or q d leave it
# as it was), then exactly the changed bytes; in write-through another
# process sees an edit before any flush; M asks before it writes
# copy-on-write edits to the file; q asks flush / discard / cancel.  The
# file's bytes are compared with Python's mmap making the same store on
# another copy; the inode never changes (no rewrite, no rename).
. "$TESTLIB"
. "$(dirname "$TESTLIB")/tmux.sh"
need python3 cmp

lorem=$DATADIR/lorem.txt
loc=$(grep -obUaF consectetuer "$lorem" | head -1 | cut -d: -f1)
expect_eq "oracle: consectetuer at 28" 28 "$loc"

# The oracle: lorem.txt with reutetcesnoc stored over consectetuer by
# Python's mmap slice assignment.
cp "$lorem" "$T/want.txt"
python3 -c 'import mmap, sys
with open(sys.argv[1], "r+b") as f:
    m = mmap.mmap(f.fileno(), 0)
    at = int(sys.argv[2])
    m[at:at + 12] = b"reutetcesnoc"
    m.flush()
    m.close()' "$T/want.txt" "$loc"

# edit [MMHEX ARGS...]: mmhex on a fresh copy $T/a.txt at 80x24, find
# consectetuer from the text pane, type reutetcesnoc over it, Esc.  Ten
# of the twelve bytes change: the e's at 4 and 7 are the file's own (in
# write-through all twelve were written and wait for the flush).
edit() {
	cp "$lorem" "$T/a.txt"
	inode=$(stat -c %i "$T/a.txt")
	start_mmhex -x 80 -y 24 -- "$@" "$T/a.txt"
	keys Tab f
	wait_for "find text:" || fail "no find prompt"
	type_text consectetuer
	keys Enter
	expect_offset "found" "$loc"
	keys R
	expect_status "R" "overwrite"
	type_text reutetcesnoc
	expect_status "typed" "[10 changed]"
	keys Escape
	expect_screen_lacks "Esc" "overwrite"
}

# expect_changed_only WHAT: a.txt is the oracle, and differs from lorem.txt
# only inside the twelve bytes.
expect_changed_only() {
	expect_same_file "$1: Python's bytes" "$T/want.txt" "$T/a.txt"
	expect_eq "$1: differences all inside [$loc, $((loc + 12)))" "" \
	    "$(cmp -l "$lorem" "$T/a.txt" | awk -v lo=$((loc + 1)) \
	    -v hi=$((loc + 12)) '$1 < lo || $1 > hi')"
	expect_eq "$1: same inode" "$inode" "$(stat -c %i "$T/a.txt")"
}

# ---- Copy-on-write -----------------------------------------------------------

edit
expect_status "copy-on-write is the default" "a.txt  COW  "
expect_same_file "COW: the file untouched before the flush" "$lorem" "$T/a.txt"
expect_eq "COW: another process reads the old bytes" consectetuer \
    "$(python3 -c 'import sys; d = open(sys.argv[1], "rb").read(); print(d[28:40].decode())' "$T/a.txt")"
keys Q
expect_exit "Q quits without asking" 0
expect_same_file "COW: Q left the file as it was" "$lorem" "$T/a.txt"

edit
keys w
expect_status "w" "flushed 10 bytes"
expect_changed_only "COW flush"
expect_status "nothing changed after the flush" "a.txt  COW  "
expect_screen_lacks "no count after the flush" "changed]"
keys q
expect_exit "q with nothing to flush quits at once" 0
expect_changed_only "COW after q"

# ---- Write-through: the file changes as you type ------------------------------

cp "$lorem" "$T/a.txt"
# A reader that mapped the file before the edit: it sees the bytes change
# through its own shared mapping, with no flush.
python3 -c 'import mmap, sys, time
with open(sys.argv[1], "rb") as f:
    m = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    open(sys.argv[2], "w").close()
    end = time.time() + 20
    while m[28:40] != b"reutetcesnoc" and time.time() < end:
        time.sleep(0.02)
    print(m[28:40].decode())' "$T/a.txt" "$T/mapped" >"$T/reader.out" &
reader=$!
i=0
while [ ! -e "$T/mapped" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
inode=$(stat -c %i "$T/a.txt")
start_mmhex -x 80 -y 24 -- -W "$T/a.txt"
expect_status "-W: write-through" "a.txt  WT  "
keys Tab f
wait_for "find text:" || fail "no find prompt"
type_text consectetuer
keys Enter
expect_offset "found" "$loc"
keys R
type_text reutetcesnoc
expect_status "WT: counted until flushed" "[12 changed]"
expect_eq "WT: read(2) sees the edit before any flush" reutetcesnoc \
    "$(python3 -c 'import sys; d = open(sys.argv[1], "rb").read(); print(d[28:40].decode())' "$T/a.txt")"
expect_eq "WT: cat sees it" "Lorem ipsum dolor sit amet, reutetcesnoc adipiscing elit." \
    "$(head -1 "$T/a.txt")"
wait "$reader"
expect_eq "WT: a mapping made before the edit sees it" reutetcesnoc "$(cat "$T/reader.out")"
expect_changed_only "WT before flush"
keys Escape
keys q
expect_exit "WT: q flushes and quits" 0
expect_changed_only "WT after q"

# ---- M: switching sessions -----------------------------------------------------

edit
keys M
expect_screen_has "M with unflushed edits asks" \
    "write 10 changed bytes to the file and switch to write-through? (y/n)"
keys x
expect_screen_has "another key: the question stays" "switch to write-through? (y/n)"
expect_screen_has "another key: the answers it takes, said above it" \
    "key x is not an answer here; it takes y, n, Esc"
expect_eq "the word above, the question last" \
    " key x is not an answer here; it takes y, n, Esc| write 10 changed bytes to the file and switch to write-through? (y/n)" \
    "$(screen | grep -v '^ *$' | tail -2 | sed 's/ *$//' | tr '\n' '|' | sed 's/|$//')"
keys n
expect_status "n: still copy-on-write" "still copy-on-write, nothing written"
keys C-l
expect_status "n: COW on the status line" "a.txt  COW  "
expect_status "n: the edits still there" "[10 changed]"
expect_same_file "n: the file untouched" "$lorem" "$T/a.txt"
keys M
expect_screen_has "M asks again" "switch to write-through? (y/n)"
keys Escape
expect_status "Esc answers no" "still copy-on-write"
expect_same_file "Esc: the file untouched" "$lorem" "$T/a.txt"
keys M
expect_screen_has "M a third time" "switch to write-through? (y/n)"
keys y
expect_status "y: write-through" "write-through: 10 changed bytes written"
expect_changed_only "y: the edits in the file"
keys C-l
expect_status "y: WT on the status line" "a.txt  WT  "
expect_status "y: the edits still to be made durable" "[10 changed]"
# Back to copy-on-write: no question when leaving write-through.
keys M
expect_status "M from WT: copy-on-write, no question" "copy-on-write: edits stay private"
keys C-l
expect_status "COW again" "a.txt  COW  "
keys w
expect_status "w" "flushed 10 bytes"
keys q
expect_exit "q" 0
expect_changed_only "after the switches"

# M with nothing changed switches at once, both ways.
cp "$lorem" "$T/a.txt"
start_mmhex -x 80 -y 24 "$T/a.txt"
keys M
expect_status "M, nothing changed: WT at once" "write-through: edits reach the file at once"
keys M
expect_status "M again: COW" "copy-on-write"
keys q
expect_exit "q" 0

# ---- q with unflushed copy-on-write edits ----------------------------------------

edit
keys q
expect_screen_has "q asks" "10 unflushed bytes: (f)lush and quit, (d)iscard, (c)ancel"
keys c
expect_status "c: quit cancelled" "quit cancelled"
expect_status "c: the edits kept" "[10 changed]"
keys q
expect_screen_has "q asks again" "(f)lush and quit"
keys Escape
expect_status "Esc cancels too" "quit cancelled"
expect_same_file "cancelled: the file untouched" "$lorem" "$T/a.txt"
keys q
expect_screen_has "q a third time" "(f)lush and quit"
keys d
expect_exit "d discards and quits" 0
expect_same_file "d: the file untouched" "$lorem" "$T/a.txt"

edit
keys q
expect_screen_has "q asks" "(f)lush and quit"
keys f
expect_exit "f flushes and quits" 0
expect_changed_only "f"

finish
