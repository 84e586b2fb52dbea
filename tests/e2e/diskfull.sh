#!/bin/bash
# diskfull.sh - a file system that is really full (fs.sh: a small ext4
# image, loop-mounted, no blocks reserved).  Overwriting bytes that have
# blocks needs no space; bytes in a hole of a sparse file do.  --patch
# into a hole: exit 2, "No space left on device", nothing written.  The
# viewer: a copy-on-write flush fails and keeps the edits, a
# write-through edit is refused; once space is freed the same session
# flushes.  Nothing is reported flushed that was not.
. "$TESTLIB"
need truncate dd
. "$(dirname "$TESTLIB")/fs.sh"
mnt=$(make_ext4 8M) || exit $?

# fill: take every free block (several passes: delayed allocation and
# the journal hand back a few blocks once synced).
fill() {
	local i
	for i in 1 2 3 4; do
		dd if=/dev/zero of="$mnt/fill$i" bs=1k 2>/dev/null
		sync -f "$mnt"
	done
}

# at FILE OFFSET N: N bytes of FILE at OFFSET, as hex.
at() {
	od -v -An -tx1 -j "$2" -N "$3" "$1" | tr -d ' \n'
}

truncate -s 4M "$mnt/sparse"
fill
expect_eq "full: no block free" 0 "$(df --output=avail "$mnt" | tail -1 | tr -d ' ')"

# ---- --patch into a hole ----------------------------------------------------

expect_error "patch into a hole, disk full" "$mnt/sparse: write: No space left on device" \
    "$MMHEX" --patch 0x100000:4142 "$mnt/sparse"
expect_eq "patch, disk full: nothing written" 0000 "$(at "$mnt/sparse" 1048576 2)"
expect_eq "patch, disk full: the size" 4194304 "$(stat -c %s "$mnt/sparse")"

# ---- the viewer: copy-on-write flush, then write-through ---------------------

. "$(dirname "$TESTLIB")/tmux.sh"

cd "$mnt" || exit 99
start_mmhex -x 160 -y 30 -- -g 0x200000 sparse
cd - >/dev/null || exit 99
expect_offset "viewer at the hole" 2097152
keys Tab R
type_text AB
expect_status "typed" "[2 changed]"
keys Escape
keys w
expect_screen_has "COW w, disk full: says so" "flush failed, edits kept"
expect_screen_has "COW w, disk full: the cause" "No space left on device"
expect_status "COW w, disk full: edits kept" "[2 changed]"
expect_eq "COW w, disk full: not in the file" 0000 "$(at "$mnt/sparse" 2097152 2)"
# Space comes back: the same session flushes.
rm -f "$mnt"/fill*
sync -f "$mnt"
keys w
expect_screen_has "COW w after freeing: flushed" "flushed 2 bytes"
expect_screen_lacks "COW w after freeing: nothing changed" "changed]"
expect_eq "COW w after freeing: in the file" 4142 "$(at "$mnt/sparse" 2097152 2)"
keys q
expect_exit "COW: q" 0

fill
cd "$mnt" || exit 99
start_mmhex -x 160 -y 30 -- -W -g 0x300000 sparse
cd - >/dev/null || exit 99
expect_offset "WT at the hole" 3145728
keys Tab R
type_text A
expect_screen_has "WT edit, disk full: refused" "No space left on device"
expect_screen_lacks "WT edit, disk full: not changed" "changed]"
keys Escape
expect_eq "WT edit, disk full: not in the file" 00 "$(at "$mnt/sparse" 3145728 1)"
keys q
expect_exit "WT: q" 0

# ---- issue 10, item 4: a write cut short by a full disk ------------------------
#
# A tmpfs with room for one more page: 8 KiB written into a hole of a
# sparse file get their first 4 KiB in, then ENOSPC.  What reached the
# file must be said, stay undoable, and --patch must put it back.

tmnt=$(make_tmpfs 1M) || exit $?
truncate -s 4M "$tmnt/sparse"
head -c 4096 /dev/zero >"$tmnt/one"
dd if=/dev/zero of="$tmnt/fill" bs=4k 2>/dev/null
rm -f "$tmnt/one"
cp "$tmnt/sparse" "$T/sparse.orig"

hex8k=$(printf '42%.0s' $(seq 8192))
expect_error "patch cut short: exit 2, says how far, puts back" \
    "(4096 of 8192 bytes at 0x100000 written); nothing changed" \
    "$MMHEX" --patch "0x100000:$hex8k" "$tmnt/sparse"
expect_same_file "patch cut short: the file as it was" "$T/sparse.orig" "$tmnt/sparse"

start_mmhex -x 200 -W -g 0x100000 "$tmnt/sparse"
keys v
keys g
type_text +8191
keys Enter
keys =
type_text 41
keys Enter
expect_screen_has "WT fill cut short: how far" "(4096 of 8192 bytes at 0x100000 written); u undoes the 4096 bytes written"
expect_eq "WT fill cut short: the first 4 KiB reached the file" \
    "$(printf '41%.0s' $(seq 4096))00" "$(at "$tmnt/sparse" 1048576 4097)"
keys u
expect_screen_has "WT fill cut short: undone" "undone: 4096 bytes at 0x100000"
expect_same_file "WT fill cut short: undo restored the file" "$T/sparse.orig" "$tmnt/sparse"
keys q
expect_exit "WT fill cut short: q" 0

# A dump over a hole the full tmpfs cannot page in: exit 2, and the
# message says what happened (the file did not shrink).
expect_error "dump of an unreadable hole" "part of the file could not be read" \
    "$MMHEX" -d "$tmnt/sparse"

# A viewer over a hole the full tmpfs cannot page in: zeros, said once,
# and a failed flush's message stays until the next key.
start_mmhex -x 200 "$tmnt/sparse"
expect_screen_has "unreadable hole: said" "part of the file could not be read"
keys R
type_text 41
keys Escape w
expect_screen_has "unreadable hole: the flush error" "No space left on device"
sleep 1.2	# two idle refreshes: neither may hide it
expect_screen_has "unreadable hole: the flush error stays" "flush failed, edits kept"
keys Q
expect_exit "unreadable hole: Q" 0

finish
