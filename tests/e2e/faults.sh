#!/bin/bash
# faults.sh - disk full and I/O errors on flush.  An LD_PRELOAD shim
# (tests/fault/fault.c) fails the chosen call (pwrite, fsync, fdatasync)
# with the chosen errno.  `--patch` must exit 2 with one line naming the
# file and the cause; the viewer must say what failed, keep every edit
# ("[N changed]" stays) and flush them on a retry once the fault is gone.
# Nothing is ever reported flushed that was not.
. "$TESTLIB"
need cmp
[ -n "${FAULTLIB:-}" ] && [ -f "$FAULTLIB" ] ||
    { echo "SKIP: the fault shim was not built (FAULTLIB=${FAULTLIB:-})"; exit 77; }

# A sanitized mmhex wants its runtime first in the library list; the shim
# in front of it is harmless (it only forwards), so tell ASan to allow it.
if ldd "$MMHEX" 2>/dev/null | grep -q libasan; then
	export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
fi
asan_env=ASAN_OPTIONS=${ASAN_OPTIONS:-}

lorem=$DATADIR/lorem.txt

# ---- mmhex --patch: write-through, pwrite then fdatasync ---------------------

# patch_fault WHAT SPEC CAUSE CHANGED: --patch 0:414243 under SPEC exits 2
# with one line "mmhex: FILE: ...CAUSE"; CHANGED says whether the bytes
# reached the file (a pwrite that worked before fdatasync failed did:
# write-through writes at once, the flush only makes it durable).
patch_fault() {
	cp "$lorem" "$T/p.txt"
	MMHEX_FAULT=$2 LD_PRELOAD=$FAULTLIB expect_error "$1" "$T/p.txt: $3" \
	    "$MMHEX" --patch 0:414243 "$T/p.txt"
	if [ "$4" = unchanged ]; then
		expect_same_file "$1: file untouched" "$lorem" "$T/p.txt"
	else
		expect_eq "$1: written, not durable" "ABCem" "$(head -c 5 "$T/p.txt")"
	fi
}
patch_fault "pwrite ENOSPC" pwrite:ENOSPC "write: No space left on device" unchanged
patch_fault "pwrite EIO" pwrite:EIO "write: Input/output error" unchanged
patch_fault "pwrite EFBIG" pwrite:EFBIG "write: File too large" unchanged
patch_fault "pwrite EDQUOT" pwrite:EDQUOT "write: Disk quota exceeded" unchanged
patch_fault "fdatasync EIO" fdatasync:EIO "fdatasync: Input/output error" changed
patch_fault "fdatasync ENOSPC" fdatasync:ENOSPC "fdatasync: No space left on device" changed

# Two patches, the second pwrite fails: exit 2, the first stays written
# (write-through), nothing after it.
cp "$lorem" "$T/p.txt"
MMHEX_FAULT=pwrite:ENOSPC:1 LD_PRELOAD=$FAULTLIB expect_error "second pwrite" \
    "No space left on device" "$MMHEX" --patch 0:41 --patch 2:43 "$T/p.txt"
expect_eq "second pwrite: first patch written, second not" "Aorem" "$(head -c 5 "$T/p.txt")"

# The shim does nothing without a fault: the same patch succeeds.
cp "$lorem" "$T/p.txt"
LD_PRELOAD=$FAULTLIB "$MMHEX" --patch 0:414243 "$T/p.txt"
expect_eq "no fault: exit 0" 0 $?
expect_eq "no fault: patched" "ABCem" "$(head -c 5 "$T/p.txt")"

# ---- the viewer: copy-on-write flush fails, edits kept, retry works ----------

. "$(dirname "$TESTLIB")/tmux.sh"
need python3

# The fault is read from $T/fault at every call: the same mmhex fails a
# flush, then retries with the fault gone.
fault() {
	printf '%s\n' "$1" >"$T/fault"
}
: >"$T/fault"

# The oracle: lorem.txt with "AB" stored at 0 by Python's mmap.
cp "$lorem" "$T/want.txt"
python3 -c 'import mmap, sys
with open(sys.argv[1], "r+b") as f:
    m = mmap.mmap(f.fileno(), 0)
    m[0:2] = b"AB"
    m.flush()
    m.close()' "$T/want.txt"

# start_faulty ARGS...: mmhex with the shim, on $T/a.txt (a fresh copy),
# started from $T so the name on the status line is short.
start_faulty() {
	cp "$lorem" "$T/a.txt"
	cd "$T" || return
	start_mmhex -x 160 -y 24 -e "LD_PRELOAD=$FAULTLIB" \
	    -e "MMHEX_FAULT_FILE=$T/fault" -e "$asan_env" -- "$@" a.txt
	cd - >/dev/null || return
}

# type_AB: overwrite the first two bytes with "AB" from the text pane.
type_AB() {
	keys Tab R
	expect_status "R" "overwrite"
	type_text AB
	expect_status "typed" "[2 changed]"
	keys Escape
	expect_screen_lacks "Esc" "overwrite"
}

for spec in pwrite:ENOSPC pwrite:EIO pwrite:EFBIG; do
	fault ""
	start_faulty
	type_AB
	fault "$spec"
	keys w
	case $spec in
	*ENOSPC) cause="No space left on device" ;;
	*EIO) cause="Input/output error" ;;
	*EFBIG) cause="File too large" ;;
	esac
	expect_screen_has "COW w under $spec: the cause" "flush failed, edits kept"
	expect_screen_has "COW w under $spec: the cause" "write: $cause"
	expect_status "COW w under $spec: edits kept" "[2 changed]"
	expect_same_file "COW w under $spec: file untouched" "$lorem" "$T/a.txt"
	# Retry, still failing: the same, nothing lost.
	keys w
	expect_status "COW second w under $spec" "[2 changed]"
	# The fault goes away: the retry flushes.
	fault ""
	keys w
	expect_screen_has "COW retry after $spec" "flushed 2 bytes"
	expect_screen_lacks "COW retry after $spec: nothing changed" "changed]"
	expect_same_file "COW retry after $spec: the bytes" "$T/want.txt" "$T/a.txt"
	keys q
	expect_exit "COW q after $spec" 0
done

# fdatasync fails after the bytes were written: not durable, so not
# flushed.  (A copy-on-write flush ends with fdatasync, as write-through.)
fault ""
start_faulty
type_AB
fault fdatasync:EIO
keys w
expect_screen_has "COW fdatasync EIO: the cause" "fdatasync: Input/output error"
expect_status "COW fdatasync EIO: still changed" "[2 changed]"
fault ""
keys w
expect_screen_has "COW fdatasync retry" "flushed 2 bytes"
expect_same_file "COW fdatasync retry: the bytes" "$T/want.txt" "$T/a.txt"

# Undo after a failed flush still works: the edits were never lost.
fault ""
start_faulty
type_AB
fault pwrite:ENOSPC
keys w
expect_status "undo after failure: kept" "[2 changed]"
keys u u
expect_row "undo after failure: original bytes shown" 0 " 00000000  4c 6f 72 65"
keys Q
expect_exit "undo after failure: Q" 0
expect_same_file "undo after failure: file untouched" "$lorem" "$T/a.txt"

# q, f with a failing flush: says so and stays; Q quits discarding.
fault ""
start_faulty
type_AB
fault pwrite:ENOSPC
keys q
expect_screen_has "q asks" "(f)lush"
keys f
expect_screen_has "q f under ENOSPC: stays" "flush failed, not quitting"
expect_status "q f under ENOSPC: kept" "[2 changed]"
fault ""
keys q
expect_screen_has "q asks again" "(f)lush"
keys f
expect_exit "q f after the fault: quits" 0
expect_same_file "q f after the fault: the bytes" "$T/want.txt" "$T/a.txt"

# ---- the viewer: write-through --------------------------------------------

# An edit whose pwrite fails is refused: the byte and the file stay.
fault pwrite:ENOSPC
start_faulty -W
keys Tab R
type_text A
expect_screen_has "WT edit under ENOSPC: the cause" "No space left on device"
expect_screen_lacks "WT edit under ENOSPC: not changed" "changed]"
expect_same_file "WT edit under ENOSPC: file untouched" "$lorem" "$T/a.txt"
keys Escape

# fdatasync fails: the bytes are in the page cache, not durable: still
# counted as changed until a flush works.
fault ""
start_faulty -W
type_AB
fault fdatasync:EIO
keys w
expect_screen_has "WT w under fdatasync EIO" "fdatasync: Input/output error"
expect_status "WT w under fdatasync EIO: still changed" "[2 changed]"
fault ""
keys w
expect_screen_has "WT retry" "flushed 2 bytes"
expect_screen_lacks "WT retry: nothing changed" "changed]"
expect_same_file "WT retry: the bytes" "$T/want.txt" "$T/a.txt"

# M with unflushed edits: the switch writes them; a failing pwrite keeps COW.
fault ""
start_faulty
type_AB
fault pwrite:ENOSPC
keys M
expect_screen_has "M asks" "y"
keys y
expect_screen_has "M y under ENOSPC: the cause" "No space left on device"
expect_status "M y under ENOSPC: still COW" "  COW  "
expect_status "M y under ENOSPC: kept" "[2 changed]"
expect_same_file "M y under ENOSPC: file untouched" "$lorem" "$T/a.txt"

finish
