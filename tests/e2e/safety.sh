#!/bin/bash
# safety.sh - issue 10's ways to lose or corrupt data, each as a person
# would meet it: another program rewrites, cuts, replaces or deletes the
# file under unflushed edits.  Each block is named after the issue's item;
# each failed on the code before the fix.  What the file holds afterwards
# is compared with an oracle built by Python from the same inputs.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/tmux.sh"
need python3
need truncate

MIB=1048576

# make_mib FILE SEED: 1 MiB of reproducible bytes.
make_mib() {
	python3 -c 'import random, sys
random.seed(int(sys.argv[2]))
open(sys.argv[1], "wb").write(bytes(random.getrandbits(8) for _ in range(1 << 20)))' "$1" "$2"
}

# splice FILE OFFSET HEX: the oracle, FILE with HEX's bytes at OFFSET.
splice() {
	python3 -c 'import sys
b = bytearray(open(sys.argv[1], "rb").read())
o, h = int(sys.argv[2], 0), bytes.fromhex(sys.argv[3])
b[o:o + len(h)] = h
sys.stdout.buffer.write(b)' "$1" "$2" "$3"
}

size_of() {
	stat -c %s "$1"
}

# ---- item 2: a file rewritten underneath keeps our unflushed COW edits ---------

make_mib "$T/f" 1
make_mib "$T/other" 2
start_mmhex "$T/f"
go 0x80000
keys R
type_text 3132333435
keys Escape
expect_status "item 2: typed" "[5 changed]"
cat "$T/other" >"$T/f"		# truncate + write, same size
expect_screen_has "item 2: says so" "file rewritten by another process"
expect_screen_has "item 2: our bytes shown again" "31 32 33 34 35"
keys Right
expect_status "item 2: still changed" "[5 changed]"
keys w
expect_screen_has "item 2: flushed" "flushed 5 bytes"
splice "$T/other" 0x80000 3132333435 >"$T/want"
expect_same_file "item 2: their file with our 5 bytes" "$T/want" "$T/f"
keys q
expect_exit "item 2: q" 0

# ---- after a flush, the pages we copied show the file again ------------------------

# Another process writes into a page we edited, in place (same size, no
# truncation): the flush writes only our byte and keeps theirs, and the
# screen then shows the file, theirs beside ours, not our stale copy of
# the page.
make_mib "$T/f" 4
cp "$T/f" "$T/f.orig"
start_mmhex "$T/f"
go 0x1000
keys R
type_text 41
keys Escape
expect_status "stale page: typed" "[1 changed]"
printf XYZ | dd of="$T/f" bs=1 seek=$((0x1008)) conv=notrunc status=none
keys w
expect_screen_has "stale page: flushed" "flushed 1 byte"
splice "$T/f.orig" 0x1000 41 >"$T/w1"
splice "$T/w1" 0x1008 58595a >"$T/want"
expect_same_file "stale page: the file has ours and theirs" "$T/want" "$T/f"
row=$(hexdump -C -s $((0x1000)) -n 16 "$T/f" | head -1)
expect_screen_has "stale page: the screen shows the file's page" " $row"
keys C-l
expect_screen_has "stale page: Ctrl-L too" " $row"
keys q
expect_exit "stale page: q" 0

# ---- item 3: no edit or flush grows back a file another process cut ---------------

# Write-through, a digit typed right after the cut (before any idle refresh):
# mmhex is stopped while the file is cut and the digit typed, so the digit
# is waiting when it goes on and comes before the refresh (a loaded machine
# let a refresh in first, and the digit then met no overwrite mode).
make_mib "$T/f" 3
start_mmhex -W "$T/f"
go 0x80000
keys R
expect_status "item 3 WT: overwrite" "overwrite: type over the bytes"
mmhex_stop
truncate -s 4096 "$T/f"
keys a
mmhex_cont 1
expect_screen_has "item 3 WT: refused" "file shrank to 4096 bytes"
expect_eq "item 3 WT: not regrown" 4096 "$(size_of "$T/f")"
keys Escape q
expect_exit "item 3 WT: q" 0

# Copy-on-write: an edit inside and one past the new end, then w.
make_mib "$T/f" 4
start_mmhex -x 300 "$T/f"
go 0x10
keys R
type_text 4142
keys Escape
go 0x80000
keys R
type_text 43
keys Escape
truncate -s 4096 "$T/f"
cp "$T/f" "$T/cut"
# A refresh always says a new size, over any message: waited for, so that
# it cannot come after w and hide what w said (it did on a loaded machine).
expect_screen_has "item 3 COW: the cut seen" "file shrank to 4096 bytes"
keys w
expect_screen_has "item 3 COW: the edit past the end kept" \
    "1 changed byte past its end not written, kept"
expect_eq "item 3 COW: not regrown" 4096 "$(size_of "$T/f")"
splice "$T/cut" 0x10 4142 >"$T/want"
expect_same_file "item 3 COW: the edit inside flushed" "$T/want" "$T/f"
keys Right
expect_status "item 3 COW: one byte still changed" "[1 changed]"
keys Q
expect_exit "item 3 COW: Q" 0

# ---- item 5: replaced (mv new file) or deleted under the session ------------------

# Write-through: edits reach the old inode at once; once the file is
# replaced, w and q never pretend they reached the file at the path.
make_mib "$T/f" 5
make_mib "$T/new" 6
start_mmhex -x 160 -W "$T/f"
go 0x100
keys R
type_text 4142
keys Escape
mv "$T/new" "$T/f"
expect_status "item 5: the status says replaced" "WT  REPLACED  "
keys j
expect_status "item 5: and keeps saying it" "  REPLACED  "
keys w
expect_screen_has "item 5: w asks" "was replaced on disk, 2 edited bytes only here"
keys c
expect_screen_has "item 5: cancelled" "nothing written"
keys q
expect_screen_has "item 5: q asks too" "(d)iscard and quit"
keys t
expect_screen_has "item 5: written to the new file" "wrote 2 edited bytes to the file now at"
make_mib "$T/new" 6
splice "$T/new" 0x100 4142 >"$T/want"
expect_same_file "item 5: the new file got our bytes" "$T/want" "$T/f"
expect_screen_lacks "item 5: no longer replaced" "REPLACED"
keys q
expect_exit "item 5: q after writing" 0

# Copy-on-write, deleted: q asks; the whole file goes to a new path.
make_mib "$T/f" 7
cp "$T/f" "$T/orig"
start_mmhex "$T/f"
go 0x200
keys R
type_text 44
keys Escape
rm "$T/f"
expect_status "item 5: the status says deleted" "COW  DELETED  "
keys q
expect_screen_has "item 5: q asks" "f was deleted, 1 edited byte only here"
keys a
expect_screen_has "item 5: a path prompt" "write the file to:"
type_text "$T/saved"
keys Enter
expect_screen_has "item 5: written" "wrote 1048576 bytes to $T/saved; editing that file"
splice "$T/orig" 0x200 44 >"$T/want"
expect_same_file "item 5: the saved file" "$T/want" "$T/saved"
keys q
expect_exit "item 5: q after saving" 0

# ---- beside them: undo after a truncation, a half-typed byte ----------------------

cp "$DATADIR/lorem.txt" "$T/l"
start_mmhex "$T/l"
go 10
keys R
type_text 41
keys Escape
go 700
keys R
type_text 42
keys Escape
truncate -s 500 "$T/l"
expect_screen_has "undo: shrank" "file shrank to 500 bytes"
keys u
expect_screen_has "undo: the entry past the end skipped" "1 byte past the end of the file skipped"
keys u
expect_screen_has "undo: the older edit undone" "undone: 1 byte at 0xa"
keys Q
expect_exit "undo: Q" 0

cp "$DATADIR/lorem.txt" "$T/l"
start_mmhex -x 160 -W "$T/l"
go 700
keys R a
truncate -s 500 "$T/l"
expect_screen_has "half byte: shrank, overwrite mode left" "the cursor moved: overwrite mode left"
keys Right
expect_offset "half byte: the cursor clamped" 499
expect_screen_lacks "half byte: no edit waits" "changed]"
keys R b
keys Escape
head -c 500 "$DATADIR/lorem.txt" >"$T/cut"
byte=$(python3 -c 'import sys; print("%02x" % (0xb0 | open(sys.argv[1], "rb").read()[499] & 0x0f))' "$T/cut")
splice "$T/cut" 499 "$byte" >"$T/want"
expect_same_file "half byte: b is a new high nibble on byte 499" "$T/want" "$T/l"
keys q
expect_exit "half byte: q" 0

# ---- beside them: write-through bytes cut off by another process ------------------

cp "$DATADIR/lorem.txt" "$T/l"
start_mmhex -x 160 -W "$T/l"
go 700
keys R
type_text 41
keys Escape
truncate -s 500 "$T/l"
expect_screen_has "WT cut: said" "file shrank to 500 bytes: 1 written byte past the end went with it"
keys w
expect_screen_has "WT cut: nothing to flush" "nothing to flush"
expect_eq "WT cut: not regrown" 500 "$(size_of "$T/l")"
keys q
expect_exit "WT cut: q" 0

# ---- beside them: -o/-l windows after the file changes ----------------------------

# Cut below -o: the view is empty; grown back: the window comes back, and
# -l still bounds it (it used to become everything from -o on).
make_mib "$T/w" 8
start_mmhex -o 1000 -l 500 "$T/w"
truncate -s 10 "$T/w"
expect_screen_has "window: cut below its origin" "file shrank to 10 bytes"
expect_status "window: empty" "  empty  "
make_mib "$T/w" 8
expect_screen_has "window: grown back" "file grew to 1048576 bytes"
keys G
expect_offset "window: -l still bounds it" 1499
keys q
expect_exit "window: q" 0

# ---- beside them: a block device resized underneath (losetup -c) ----------------

if [ "$(id -u)" -eq 0 ] && command -v losetup >/dev/null &&
    head -c 1048576 /dev/urandom >"$T/disk.img" &&
    loop=$(losetup -f --show "$T/disk.img" 2>/dev/null); then
	at_exit 'losetup -d "$loop" 2>/dev/null'
	start_mmhex -r "$loop"
	expect_status "block device: its size" "/ 1048576 "
	head -c 1048576 /dev/urandom >>"$T/disk.img"
	losetup -c "$loop"
	expect_screen_has "block device: grown" "file grew to 2097152 bytes"
	keys G
	expect_offset "block device: the new end" 2097151
	want=$(hexdump -C -s 2097136 "$T/disk.img" | head -1 | cut -c1-58)
	expect_screen_has "block device: the new bytes shown" "$want"
	keys q
	expect_exit "block device: q" 0
else
	echo "SKIP (block device resized): no loop device here (needs root and losetup)"
fi

finish
