#!/bin/bash
# faults.sh - disk full, I/O errors, short writes and crashes on flush.
# An LD_PRELOAD shim (tests/fault/fault.c) fails the chosen write-like
# call with the chosen errno, makes it write half its bytes (SHORT), or
# kills the process at it (KILL), and can list every such call
# (MMHEX_FAULT_COUNT).  First the shim itself, call by call, through
# Python's os module.  Then `--patch`: exit 2 with one line naming the
# file and the cause; a short write is finished; a crash at any of its
# write-like calls leaves the file as it was before or after a patch.
# `--insert` and `--delete`: a fault before a byte moved leaves the file
# as it was, one after says the file is part moved, a short write is
# finished.
# Then the viewer: it must say what failed, keep every edit ("[N changed]"
# stays) and flush them on a retry once the fault is gone.  Nothing is
# ever reported flushed that was not.
. "$TESTLIB"
need cmp python3
[ -n "${FAULTLIB:-}" ] && [ -f "$FAULTLIB" ] ||
    { echo "SKIP: the fault shim was not built (FAULTLIB=${FAULTLIB:-})"; exit 77; }

# A sanitized mmhex wants its runtime first in the library list; the shim
# in front of it is harmless (it only forwards), so tell ASan to allow it.
if ldd "$MMHEX" 2>/dev/null | grep -q libasan; then
	export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
fi
asan_env=ASAN_OPTIONS=${ASAN_OPTIONS:-}

lorem=$DATADIR/lorem.txt

# ---- the shim itself: every call, each action ------------------------------

# shim_py CALL DIR: make the one call CALL (a name from fault.c's list; a
# pwritev with flags is pwritev2) on DIR/f, which holds 0123456789abcdef,
# and print "ok RESULT" or "error ERRNO".  Python's os module (ctypes
# where it has no wrapper) calls libc, so the shim sees what it sees.
SHIM_PY='import ctypes, errno, mmap, os, sys
call, d = sys.argv[1], sys.argv[2]
f = os.path.join(d, "f")
fd = os.open(f, os.O_RDWR)
libc = ctypes.CDLL(None, use_errno=True)
def c(r):
    if r < 0:
        raise OSError(ctypes.get_errno(), "")
    return r
L = ctypes.c_long
try:
    if call == "write": r = os.write(fd, b"ABCD")
    elif call == "pwrite": r = os.pwrite(fd, b"ABCD", 0)
    elif call == "writev": r = os.writev(fd, [b"AB", b"CD"])
    elif call == "pwritev": r = os.pwritev(fd, [b"AB", b"CD"], 0)
    elif call == "pwritev2": r = os.pwritev(fd, [b"AB", b"CD"], 0, os.RWF_DSYNC)
    elif call == "copy_file_range":
        r = os.copy_file_range(os.open(os.path.join(d, "src"), os.O_RDONLY), fd, 4)
    elif call == "ftruncate": r = os.ftruncate(fd, 4)
    elif call == "truncate": r = os.truncate(f, 4)
    elif call == "fallocate": r = c(libc.fallocate(fd, 0, L(0), L(65536)))
    elif call == "posix_fallocate": r = os.posix_fallocate(fd, 0, 65536)
    elif call == "fsync": r = os.fsync(fd)
    elif call == "fdatasync": r = os.fdatasync(fd)
    elif call == "sync_file_range": r = c(libc.sync_file_range(fd, L(0), L(0), 2))
    elif call == "msync":
        m = mmap.mmap(fd, 0)
        m[0:4] = b"ABCD"
        r = m.flush()
    elif call == "rename": r = os.rename(f, f + ".new")
    elif call == "renameat":
        dfd = os.open(d, os.O_RDONLY)
        r = os.rename("f", "f.new", src_dir_fd=dfd, dst_dir_fd=dfd)
    print("ok", r)
except OSError as e:
    print("error", errno.errorcode[e.errno])'
shim_py() {
	rm -rf "$T/shim"
	mkdir "$T/shim"
	printf 0123456789abcdef >"$T/shim/f"
	printf ABCD >"$T/shim/src"
	LD_PRELOAD=$FAULTLIB python3 -c "$SHIM_PY" "$@" "$T/shim"
}

# shim_file: what DIR/f holds now ("gone" once renamed away).
shim_file() {
	if [ -f "$T/shim/f" ]; then cat "$T/shim/f"; else echo gone; fi
}

for call in write pwrite writev pwritev pwritev2 copy_file_range ftruncate \
    truncate fallocate posix_fallocate fsync fdatasync sync_file_range msync \
    rename renameat; do
	name=${call%2}		# pwritev2 is counted and matched as pwritev
	# No fault: the call is made, and counted, once, by its name.
	rm -f "$T/count"
	out=$(MMHEX_FAULT_COUNT=$T/count shim_py "$call")
	case $out in
	"ok "*) checks=$((checks + 1)) ;;
	*) fail "shim $call, no fault: [$out]" ;;
	esac
	expect_eq "shim $call: counted once, by name" "$name" "$(cat "$T/count")"
	# An errno: the call fails with it and does nothing.  (For msync
	# the store into the shared page before it is in the file already.)
	out=$(MMHEX_FAULT=$name:EIO shim_py "$call")
	expect_eq "shim $call:EIO" "error EIO" "$out"
	[ "$call" = msync ] ||
	    expect_eq "shim $call:EIO: nothing done" 0123456789abcdef "$(shim_file)"
	# KILL: the process dies of SIGKILL before the call does anything.
	{ MMHEX_FAULT=$name:KILL shim_py "$call" >/dev/null; } 2>/dev/null
	expect_eq "shim $call:KILL: killed" 137 $?
	[ "$call" = msync ] ||
	    expect_eq "shim $call:KILL: nothing done" 0123456789abcdef "$(shim_file)"
	# SHORT: calls that write bytes write two of the four; others go through.
	out=$(MMHEX_FAULT=$name:SHORT shim_py "$call")
	case $call in
	write|pwrite|writev|pwritev|pwritev2|copy_file_range)
		expect_eq "shim $call:SHORT: half" "ok 2" "$out"
		expect_eq "shim $call:SHORT: the first half written" \
		    AB23456789abcdef "$(shim_file)" ;;
	*)	case $out in
		"ok "*) checks=$((checks + 1)) ;;
		*) fail "shim $call:SHORT: not let through: [$out]" ;;
		esac ;;
	esac
	# ZERO: calls that write bytes write none and return 0; others go through.
	out=$(MMHEX_FAULT=$name:ZERO shim_py "$call")
	case $call in
	write|pwrite|writev|pwritev|pwritev2|copy_file_range)
		expect_eq "shim $call:ZERO: nothing" "ok 0" "$out"
		expect_eq "shim $call:ZERO: nothing written" \
		    0123456789abcdef "$(shim_file)" ;;
	*)	case $out in
		"ok "*) checks=$((checks + 1)) ;;
		*) fail "shim $call:ZERO: not let through: [$out]" ;;
		esac ;;
	esac
done

# SKIP counts per call; "any" counts every call together; an errno stays
# from then on, SHORT is one call only.
SKIP_PY='import os, sys
fd = os.open(sys.argv[1], os.O_RDWR)
for i in range(3):
    try:
        print(os.pwrite(fd, b"ABCD", 4 * i), end=" ")
    except OSError as e:
        print(e.errno, end=" ")
    try:
        os.fsync(fd)
    except OSError:
        pass
print()'
skip_py() {
	printf 0123456789abcdef >"$T/skip"
	MMHEX_FAULT=$1 LD_PRELOAD=$FAULTLIB python3 -c "$SKIP_PY" "$T/skip"
}
expect_eq "shim pwrite:EIO:1" "4 5 5 " "$(skip_py pwrite:EIO:1)"
expect_eq "shim pwrite:SHORT:1" "4 2 4 " "$(skip_py pwrite:SHORT:1)"
expect_eq "shim pwrite:SHORT:1: the bytes" ABCDAB67ABCDcdef "$(cat "$T/skip")"
expect_eq "shim pwrite:ZERO:1" "4 0 4 " "$(skip_py pwrite:ZERO:1)"
# pwrite fsync pwrite fsync ...: the third call of any kind is a pwrite.
expect_eq "shim any:EIO:2" "4 5 5 " "$(skip_py any:EIO:2)"
expect_eq "shim any:SHORT:2" "4 2 4 " "$(skip_py any:SHORT:2)"
expect_eq "shim fsync:EIO: pwrite untouched" "4 4 4 " "$(skip_py fsync:EIO)"
# Two specs: the first that applies wins.
expect_eq "shim fsync:EIO:5,pwrite:ENOSPC:2" "4 4 28 " \
    "$(skip_py fsync:EIO:5,pwrite:ENOSPC:2)"

# Terminals, pipes and character devices are not files: untouched, uncounted.
rm -f "$T/count"
got=$(MMHEX_FAULT=write:EIO MMHEX_FAULT_COUNT=$T/count LD_PRELOAD=$FAULTLIB \
    python3 -c 'import os; os.write(1, b"to a pipe"); os.write(os.open("/dev/null", os.O_WRONLY), b"x")')
expect_eq "shim write:EIO on a pipe: written" "to a pipe" "$got"
expect_eq "shim: a pipe and /dev/null not counted" no "$([ -s "$T/count" ] && echo yes || echo no)"

# A spec that does not parse stops the run: a typo is never "no fault".
cp "$T/skip" "$T/skip.before"
for spec in pwrit:EIO pwrite:EBOGUS pwrite:EIO:x pwrite:EIO:-1 pwrite; do
	err=$(MMHEX_FAULT=$spec LD_PRELOAD=$FAULTLIB "$MMHEX" --patch 0:41 "$T/skip" 2>&1)
	expect_eq "shim bad spec $spec: exit 99" 99 $?
	case $err in
	"fault: bad spec '$spec'"*) checks=$((checks + 1)) ;;
	*) fail "shim bad spec $spec: said [$err]" ;;
	esac
done
expect_same_file "shim bad spec: nothing written" "$T/skip.before" "$T/skip"

# ---- mmhex --patch: journaled, then pwrite and fdatasync -------------------

# The bad specs above stopped mmhex at its first call, the journal's.
rm -rf "$XDG_STATE_HOME/mmhex"

# no_journal WHAT: nothing left in the state directory.
no_journal() {
	expect_eq "$1: no journal left" 0 "$(find "$XDG_STATE_HOME" -type f | wc -l)"
}
# recover_patch WHAT WANT: the journal left behind finishes the patches
# (and stays as the file's history, as a session's does).
recover_patch() {
	"$MMHEX" --recover "$T/p.txt" >/dev/null 2>&1
	expect_eq "$1: --recover: exit 0" 0 $?
	expect_same_file "$1: --recover: the patches made" "$2" "$T/p.txt"
	"$MMHEX" --recover "$T/p.txt" >/dev/null 2>&1
	expect_eq "$1: nothing more to recover" 1 $?
	rm -rf "$XDG_STATE_HOME/mmhex"
}
cp "$lorem" "$T/abc.txt"
printf ABC | dd of="$T/abc.txt" conv=notrunc status=none

# patch_fault WHAT SPEC CAUSE CHANGED: --patch 0:414243 under SPEC exits 2
# with one line "mmhex: FILE: ...CAUSE"; CHANGED says whether the bytes
# reached the file (a pwrite that worked before fdatasync failed did:
# write-through writes at once, the flush only makes it durable; then
# the journal stays and --recover makes sure of them).  The file's
# fdatasync is the third: the journal's begin and FLUSH_BEGIN come first.
patch_fault() {
	cp "$lorem" "$T/p.txt"
	MMHEX_FAULT=$2 LD_PRELOAD=$FAULTLIB expect_error "$1" "$T/p.txt: $3" \
	    "$MMHEX" --patch 0:414243 "$T/p.txt"
	if [ "$4" = unchanged ]; then
		expect_same_file "$1: file untouched" "$lorem" "$T/p.txt"
		no_journal "$1"
	else
		expect_eq "$1: written, not durable" "ABCem" "$(head -c 5 "$T/p.txt")"
		recover_patch "$1" "$T/abc.txt"
	fi
}
patch_fault "pwrite ENOSPC" pwrite:ENOSPC "write: No space left on device" unchanged
patch_fault "pwrite EIO" pwrite:EIO "write: Input/output error" unchanged
patch_fault "pwrite EFBIG" pwrite:EFBIG "write: File too large" unchanged
patch_fault "pwrite EDQUOT" pwrite:EDQUOT "write: Disk quota exceeded" unchanged
# A pwrite that writes nothing and says 0 (no progress, no errno): an
# error, never a loop and never success.
patch_fault "pwrite ZERO" pwrite:ZERO "write: Input/output error" unchanged
patch_fault "fdatasync EIO" fdatasync:EIO:2 "fdatasync: Input/output error" changed
patch_fault "fdatasync ENOSPC" fdatasync:ENOSPC:2 "fdatasync: No space left on device" changed

# The journal's writes fail (it writes with writev, the file with
# pwrite): said, and the patch is made all the same.
cp "$lorem" "$T/p.txt"
err=$(MMHEX_FAULT=writev:EIO LD_PRELOAD=$FAULTLIB "$MMHEX" --patch 0:414243 "$T/p.txt" 2>&1)
expect_eq "journal writev EIO: exit 0" 0 $?
expect_eq "journal writev EIO: said" "mmhex: journal: write: Input/output error: the patches are not crash-safe" \
    "$(printf '%s' "$err" | sed "s|$XDG_STATE_HOME/[^:]*: ||")"
expect_same_file "journal writev EIO: patched" "$T/abc.txt" "$T/p.txt"
no_journal "journal writev EIO"

# Two patches, the second pwrite fails and so does putting the first
# back (the disk stays full): exit 2, the journal stays, and --recover
# makes both once there is room; never the first alone.
cp "$lorem" "$T/p.txt"
MMHEX_FAULT=pwrite:ENOSPC:1 LD_PRELOAD=$FAULTLIB expect_error "second pwrite" \
    "'mmhex --recover' finishes the patches" "$MMHEX" --patch 0:41 --patch 2:43 "$T/p.txt"
expect_eq "second pwrite: first patch written, second not" "Aorem" "$(head -c 5 "$T/p.txt")"
cp "$lorem" "$T/ac.txt"
printf A | dd of="$T/ac.txt" conv=notrunc status=none
printf C | dd of="$T/ac.txt" bs=1 seek=2 conv=notrunc status=none
recover_patch "second pwrite" "$T/ac.txt"

# The shim does nothing without a fault: the same patch succeeds.
cp "$lorem" "$T/p.txt"
LD_PRELOAD=$FAULTLIB "$MMHEX" --patch 0:414243 "$T/p.txt"
expect_eq "no fault: exit 0" 0 $?
expect_eq "no fault: patched" "ABCem" "$(head -c 5 "$T/p.txt")"
no_journal "no fault"

# The calls a two-byte patch makes to the file, the journal's left out:
# one pwrite, one fdatasync.  With the journal's: its begin (made durable,
# with the directory), the record and FLUSH_BEGIN made durable, the
# file's two, then FLUSH_DONE made durable and the journal removed.
cp "$lorem" "$T/p.txt"
rm -f "$T/count"
MMHEX_FAULT_SKIP_DIR=$XDG_STATE_HOME MMHEX_FAULT_COUNT=$T/count \
    LD_PRELOAD=$FAULTLIB "$MMHEX" --patch 0:4142 "$T/p.txt"
expect_eq "count: exit 0" 0 $?
expect_eq "count: the file's calls of --patch 0:4142" "pwrite fdatasync" \
    "$(tr '\n' ' ' <"$T/count" | sed 's/ $//')"
cp "$lorem" "$T/p.txt"
rm -f "$T/count"
MMHEX_FAULT_COUNT=$T/count LD_PRELOAD=$FAULTLIB "$MMHEX" --patch 0:4142 "$T/p.txt"
expect_eq "count: every call of --patch 0:4142, the file's after FLUSH_BEGIN is durable" \
    "ftruncate writev writev fdatasync fsync writev fdatasync pwrite fdatasync writev fdatasync fsync" \
    "$(tr '\n' ' ' <"$T/count" | sed 's/ $//')"

# A short pwrite (one byte of two): the rest is written by another call,
# exit 0 means both bytes are there, and the size stays.
cp "$lorem" "$T/p.txt"
rm -f "$T/count"
MMHEX_FAULT=pwrite:SHORT MMHEX_FAULT_COUNT=$T/count MMHEX_FAULT_SKIP_DIR=$XDG_STATE_HOME \
    LD_PRELOAD=$FAULTLIB "$MMHEX" --patch 0:4142 "$T/p.txt"
expect_eq "pwrite SHORT: exit 0" 0 $?
expect_eq "pwrite SHORT: both bytes" "ABrem" "$(head -c 5 "$T/p.txt")"
expect_eq "pwrite SHORT: the size" "$(stat -c %s "$lorem")" "$(stat -c %s "$T/p.txt")"
expect_eq "pwrite SHORT: the rest written by a second pwrite" \
    "pwrite pwrite fdatasync" "$(tr '\n' ' ' <"$T/count" | sed 's/ $//')"

# Short, then the disk is full: exit 2, one line; only the patched
# range may differ (write-through: what reached the file stays), and
# the journal finishes it.
cp "$lorem" "$T/p.txt"
MMHEX_FAULT=pwrite:SHORT,pwrite:ENOSPC:1 LD_PRELOAD=$FAULTLIB \
    expect_error "pwrite SHORT then ENOSPC" "No space left on device" \
    "$MMHEX" --patch 0:414243 "$T/p.txt"
expect_eq "pwrite SHORT then ENOSPC: only inside the patch" "" \
    "$(cmp -l "$lorem" "$T/p.txt" | awk '$1 > 3')"
expect_eq "pwrite SHORT then ENOSPC: the size" "$(stat -c %s "$lorem")" \
    "$(stat -c %s "$T/p.txt")"
recover_patch "pwrite SHORT then ENOSPC" "$T/abc.txt"

# Short, then no progress: pwrite_all's two ways round its loop, then
# the error; the file as it was (the written byte put back).
cp "$lorem" "$T/p.txt"
rm -f "$T/count"
MMHEX_FAULT=pwrite:SHORT,pwrite:ZERO:1 MMHEX_FAULT_COUNT=$T/count \
    LD_PRELOAD=$FAULTLIB expect_error "pwrite SHORT then ZERO" \
    "write: Input/output error" "$MMHEX" --patch 0:4142 "$T/p.txt"
expect_same_file "pwrite SHORT then ZERO: the file as it was" "$lorem" "$T/p.txt"
no_journal "pwrite SHORT then ZERO"

# Killed at the pwrite: the file is untouched; the count names the call;
# the journal holds the patch, and --recover makes it.
cp "$lorem" "$T/p.txt"
rm -f "$T/count"
{ MMHEX_FAULT=pwrite:KILL:0 MMHEX_FAULT_COUNT=$T/count MMHEX_FAULT_SKIP_DIR=$XDG_STATE_HOME \
    LD_PRELOAD=$FAULTLIB "$MMHEX" --patch 0:4142 "$T/p.txt"; } 2>/dev/null
expect_eq "pwrite KILL: died of SIGKILL" 137 $?
expect_same_file "pwrite KILL: file untouched" "$lorem" "$T/p.txt"
expect_eq "pwrite KILL: the count ends at the killed call" pwrite "$(cat "$T/count")"
cp "$lorem" "$T/ab.txt"
printf AB | dd of="$T/ab.txt" conv=notrunc status=none
recover_patch "pwrite KILL" "$T/ab.txt"

# ---- mmhex --insert / --delete: the tail moved in place ----------------------

# 3 MiB of bytes numbered by their MiB, so that a move takes several 1 MiB
# chunks (one pread and one pwrite each).
python3 -c 'import sys
open(sys.argv[1], "wb").write(b"".join(bytes([i + 65]) * (1 << 20) for i in range(3)))' "$T/m.orig"

# The calls an insert at 0 makes: the new space taken (fallocate), each
# chunk from the end backwards, the byte, fdatasync.
# The file's own calls (MMHEX_FAULT_SKIP_DIR leaves out the journal's and
# the move log's, but for the log's rename): the log makes the file
# durable before the growth and before the byte, not between chunks
# (their bytes are in the log).
cp "$T/m.orig" "$T/m"
rm -f "$T/count"
MMHEX_FAULT_SKIP_DIR=$XDG_STATE_HOME MMHEX_FAULT_COUNT=$T/count \
    LD_PRELOAD=$FAULTLIB "$MMHEX" --insert=0:ff "$T/m"
expect_eq "insert count: exit 0" 0 $?
expect_eq "insert count: the calls" \
    "rename fdatasync fallocate fdatasync pwrite pwrite pwrite fdatasync pwrite fdatasync" \
    "$(tr '\n' ' ' <"$T/count" | sed 's/ $//')"
expect_eq "insert: no journal left" 0 "$(find "$XDG_STATE_HOME" -type f | wc -l)"

# size_fault WHAT SPEC CAUSE STATE EDIT: EDIT (an --insert or --delete
# option) under SPEC exits 2 with one line naming the file, the cause and
# what became of the file: "nothing changed" (then it is byte for byte
# the old one, size too) or "part moved".
size_fault() {
	local err
	cp "$T/m.orig" "$T/m"
	err=$(MMHEX_FAULT_SKIP_DIR=$XDG_STATE_HOME MMHEX_FAULT=$2 \
	    LD_PRELOAD=$FAULTLIB "$MMHEX" "$5" "$T/m" 2>&1)
	expect_eq "$1: exit status" 2 $?
	expect_eq "$1: one line" 1 "$(printf '%s\n' "$err" | wc -l)"
	case $err in
	"mmhex: $T/m: "*"$3"*"$4"*) checks=$((checks + 1)) ;;
	*) fail "$1: message [$err] lacks [$3] and then [$4]" ;;
	esac
	if [ "$4" = "nothing changed" ]; then
		expect_same_file "$1: file untouched" "$T/m.orig" "$T/m"
	else
		# Cut short: its journal stays, and --recover finishes it.
		"$MMHEX" --recover "$T/m" >/dev/null 2>&1
		expect_eq "$1: --recover finishes it" 0 $?
	fi
	rm -rf "$XDG_STATE_HOME/mmhex"
}
size_fault "insert, fallocate ENOSPC" fallocate:ENOSPC \
    "fallocate: No space left on device (0 bytes moved)" "nothing changed" \
    --insert=0:ff
size_fault "insert, first pwrite EIO" pwrite:EIO \
    "write: Input/output error (0 bytes moved)" "nothing changed" --insert=0:ff
size_fault "insert, third pwrite ENOSPC" pwrite:ENOSPC:2 \
    "write: No space left on device (2097152 bytes moved)" "part moved" \
    --insert=0:ff
size_fault "delete, second pwrite EIO" pwrite:EIO:1 \
    "write: Input/output error (1048576 bytes moved)" "part moved" \
    --delete=0:1
size_fault "delete, the shrink fails" ftruncate:EIO \
    "ftruncate: Input/output error" "part moved" --delete=0:1
size_fault "insert, fdatasync EIO" fdatasync:EIO:3 "fdatasync: " \
    "Input/output error" --insert=0:ff
# Every write-like call of an insert at 1 MiB + 3 and of a delete there
# (the file's, the journal's and the move log's), crashed at (KILL) and
# failed (EIO) in turn.  After a crash, `mmhex --recover` gives the new
# file (or, killed before the journal held the edit, finds nothing and
# the file is the old one), and nothing is left in the state directory.
# A failure of the file's own calls says "nothing changed" exactly when
# the file is the old one, or that it is part moved (then --recover
# finishes it); a failure of the journal's says the move is not
# crash-safe and the edit is made all the same.
python3 -c 'import sys
a = open(sys.argv[1], "rb").read()
k = (1 << 20) + 3
open(sys.argv[2], "wb").write(a[:k] + b"\xee\xee" + a[k:])
open(sys.argv[3], "wb").write(a[:k] + a[k + 5:])' "$T/m.orig" "$T/m.ins" "$T/m.del"
# recovered WHAT NEW: --recover leaves NEW (or, nothing to recover, the
# old file), and no journal or move log behind.
recovered() {
	local out rc
	out=$("$MMHEX" --recover "$T/m" 2>&1)
	rc=$?
	case $rc in
	0) expect_same_file "$1: recovered: the new file" "$2" "$T/m" ;;
	1) if cmp -s "$2" "$T/m"; then checks=$((checks + 1)); else
		expect_same_file "$1: nothing to recover: the old file" \
		    "$T/m.orig" "$T/m"; fi ;;
	*) fail "$1: --recover exit $rc: $out" ;;
	esac
	expect_eq "$1: nothing left in the state directory" 0 \
	    "$(find "$XDG_STATE_HOME" -type f -name '*.move*' | wc -l)"
	"$MMHEX" --recover "$T/m" >/dev/null 2>&1
	expect_eq "$1: nothing more to recover" 1 $?
}
# sweep NEW EDIT...: the sweep for the edits whose result is the file NEW.
sweep() {
	local new=$1 i n err rc edit
	shift
	edit="$*"
	cp "$T/m.orig" "$T/m"
	rm -f "$T/count"
	MMHEX_FAULT_COUNT=$T/count LD_PRELOAD=$FAULTLIB "$MMHEX" "$@" "$T/m"
	n=$(wc -l <"$T/count")
	expect_eq "$edit: the calls, counted" yes "$([ "$n" -ge 8 ] && echo yes)"
	for i in $(seq 0 $((n - 1))); do
		cp "$T/m.orig" "$T/m"
		{ MMHEX_FAULT=any:KILL:$i LD_PRELOAD=$FAULTLIB "$MMHEX" "$@" \
		    "$T/m"; } 2>/dev/null
		expect_eq "$edit, killed at call $i: SIGKILL" 137 $?
		recovered "$edit, killed at call $i" "$new"
		cp "$T/m.orig" "$T/m"
		err=$(MMHEX_FAULT=any:EIO:$i LD_PRELOAD=$FAULTLIB "$MMHEX" "$@" \
		    "$T/m" 2>&1)
		rc=$?
		case $rc:$err in
		2:*"nothing changed") expect_same_file \
		    "$edit, call $i fails: nothing changed, and so it is" "$T/m.orig" "$T/m" ;;
		2:*"part moved"* | 2:*"fdatasync: Input/output error" | \
		    2:*"'mmhex --recover' finishes the patches")
			recovered "$edit, call $i fails, then" "$new" ;;
		0:*"not crash-safe")
			expect_same_file "$edit, call $i fails: the journal's: made all the same" \
			    "$new" "$T/m" ;;
		0:)	expect_same_file "$edit, call $i fails: after the end: the new file" \
			    "$new" "$T/m" ;;
		*) fail "$edit, call $i fails: exit $rc [$err]" ;;
		esac
		rm -rf "$XDG_STATE_HOME/mmhex"
	done
}
sweep "$T/m.ins" --insert=$(( (1 << 20) + 3 )):eeee
sweep "$T/m.del" --delete=$(( (1 << 20) + 3 )):5
# Two patches: never the first alone, whatever call is killed or fails.
python3 -c 'import sys
a = bytearray(open(sys.argv[1], "rb").read())
a[3:5] = b"\xee\xee"
a[(2 << 20) + 1] = 0xff
open(sys.argv[2], "wb").write(a)' "$T/m.orig" "$T/m.pat"
sweep "$T/m.pat" --patch=3:eeee --patch=$(( (2 << 20) + 1 )):ff

# A short pwrite is finished by the next one: the file is what Python says.
cp "$T/m.orig" "$T/m"
MMHEX_FAULT=pwrite:SHORT:1 LD_PRELOAD=$FAULTLIB "$MMHEX" --insert=1:ee "$T/m"
expect_eq "insert, a short pwrite: exit 0" 0 $?
got=$(python3 -c 'import sys
a, b = open(sys.argv[1], "rb").read(), open(sys.argv[2], "rb").read()
print("same" if b == a[:1] + b"\xee" + a[1:] else "differs")' "$T/m.orig" "$T/m")
expect_eq "insert, a short pwrite: the bytes" same "$got"

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
	# Retry, still failing: the same, nothing lost.  The message is
	# cleared first (l), so the one seen is the retry's, and the fault
	# goes only after the retry has failed.
	keys l
	wait_gone "flush failed" || fail "COW under $spec: l left the message"
	keys w
	wait_for "flush failed, edits kept" || fail "COW second w under $spec: no failure said"
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

# A short pwrite in a copy-on-write flush: the rest follows, it flushes.
# The count lists what the flush did: the frames drawn with write(2) on
# the terminal are not there.
fault pwrite:SHORT
rm -f "$T/count"
# start_faulty_counted ARGS...: start_faulty, the calls listed in $T/count
# (those on the journal too, unless skip_env names MMHEX_FAULT_SKIP_DIR).
# edits_settled WHAT: the edits typed are all in the journal, durably,
# before a crash point is counted: the mode ended (Escape's record is
# written before the frame that shows it) and the shim's last counted call
# is the journal's fdatasync.  Else a record still pending when the count
# is taken is written before the flush in a later run (the load decides),
# its calls shift by one, and the last crash point is never reached.
edits_settled() {
	local i=0
	expect_screen_lacks "$1: the mode ended" "insert"
	expect_screen_lacks "$1: the mode ended" "overwrite"
	while [ "$(tail -1 "$T/count" 2>/dev/null)" != fdatasync ]; do
		[ $i -lt $((WAIT_TIMEOUT * 20)) ] ||
		    { fail "$1: the journal never synced"; return; }
		sleep 0.05
		i=$((i + 1))
	done
}
start_faulty_counted() {
	cp "$lorem" "$T/a.txt"
	cd "$T" || return
	start_mmhex -x 160 -y 24 -e "LD_PRELOAD=$FAULTLIB" \
	    -e "MMHEX_FAULT_FILE=$T/fault" -e "MMHEX_FAULT_COUNT=$T/count" \
	    -e "$asan_env" -e "${skip_env:-MMHEX_FAULT_SKIP_DIR=}" -- "$@" a.txt
	cd - >/dev/null || return
}
skip_env=MMHEX_FAULT_SKIP_DIR=$XDG_STATE_HOME start_faulty_counted
type_AB
keys w
expect_screen_has "COW w under pwrite SHORT" "flushed 2 bytes"
expect_screen_lacks "COW w under pwrite SHORT: nothing changed" "changed]"
expect_same_file "COW w under pwrite SHORT: the bytes" "$T/want.txt" "$T/a.txt"
expect_eq "COW w under pwrite SHORT: the calls" "pwrite pwrite fdatasync" \
    "$(tr '\n' ' ' <"$T/count" | sed 's/ $//')"
keys q
expect_exit "COW q after pwrite SHORT" 0

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

# ---- the viewer's flush, killed at every write-like call -------------------
#
# Three edits in three ranges, and w.  Killed before any of the flush's
# calls, the file holds, range by range, its old bytes or the new ones:
# never other bytes, never another size.  Copy-on-write writes from the
# session's own copy of the edits; write-through wrote them as typed.

# three_edits: AB at 0, CD at 300, EF at 600, typed in the text pane.
three_edits() {
	local at text
	keys Tab
	for at in 0:AB 300:CD 600:EF; do
		keys g
		wait_for "goto:" || fail "no goto prompt"
		type_text "${at%%:*}"
		keys Enter R
		type_text "${at#*:}"
		keys Escape
	done
	expect_status "three edits" "[6 changed]"
	edits_settled "three edits"
}

# torn_check WHAT: every range old or new, nothing else changed.
torn_check() {
	local verdict
	verdict=$(python3 -c 'import sys
old = open(sys.argv[1], "rb").read()
got = open(sys.argv[2], "rb").read()
if len(got) != len(old):
    print("size %d, not %d" % (len(got), len(old))); sys.exit()
new = {0: b"AB", 300: b"CD", 600: b"EF"}
for off, b in new.items():
    if got[off:off + 2] not in (old[off:off + 2], b):
        print("bytes at %d: %r" % (off, got[off:off + 2])); sys.exit()
rest = [i for i in range(len(old)) if old[i] != got[i] and
    not any(o <= i < o + 2 for o in new)]
print("bytes at %r changed" % rest[:5] if rest else "ok")' "$lorem" "$T/a.txt")
	expect_eq "$1" ok "$verdict"
}

for session in COW WT; do
	opt=; [ "$session" = WT ] && opt=-W
	fault ""
	rm -f "$T/count"
	start_faulty_counted $opt
	three_edits
	: >"$T/count"
	keys w
	expect_screen_has "$session flush: flushed" "flushed 6 bytes"
	# The flush's calls, not those of q after it (the journal's).
	cp "$T/count" "$T/count.flush"
	keys q
	expect_exit "$session flush: q" 0
	ncalls=$(wc -l <"$T/count.flush")
	checks=$((checks + 1))
	[ "$ncalls" -ge 1 ] || fail "$session flush: no write-like call counted"
	for i in $(seq 0 $((ncalls - 1))); do
		fault ""
		rm -f "$T/count"
		start_faulty_counted $opt
		three_edits
		fault "any:KILL:$i"
		keys w
		wait_for "EXITED:137" || fail "$session killed at call $i: not killed"
		torn_check "$session flush killed at call $i"
	done
done

# ---- the viewer: a flush that moves the tail fails, edits kept, retry ---------

# A 20 MiB file (the move is three 8 MiB chunks), one byte inserted at 0,
# in copy-on-write.  Each fault makes the flush fail: before a byte moved
# (fallocate: the file as it was, the edit still waiting), mid-move (the
# second pwrite: the file part moved, every edit refused, q asks), or once
# all is moved (fdatasync: not known to be durable).  Then the fault goes
# and the next w finishes: the file equals Python's bytearray, same inode.
head -c $((20 << 20)) /dev/urandom >"$T/big.orig"
python3 -c 'import sys
b = bytearray(open(sys.argv[1], "rb").read())
b[0:0] = b"\x5a"
open(sys.argv[2], "wb").write(b)' "$T/big.orig" "$T/big.want"
# The faults go to the file's own calls (MMHEX_FAULT_SKIP_DIR: not the
# journal's).  The move log syncs the file too before some of its states,
# so the flush's last fdatasync is counted first, in a flush without
# faults: it is the one that fails.
cp "$T/big.orig" "$T/big.bin"
cd "$T" || exit 99
start_mmhex -x 160 -y 24 -e "LD_PRELOAD=$FAULTLIB" \
    -e "MMHEX_FAULT_COUNT=$T/count" -e "$asan_env" \
    -e "MMHEX_FAULT_SKIP_DIR=$XDG_STATE_HOME" -- big.bin
cd - >/dev/null || exit 99
keys I
type_text 5a
keys Escape
expect_status "insert, counted" "[+1 byte, 1 changed]"
: >"$T/count"
keys w
expect_status "insert, counted: flushed" "flushed"
syncs=$(grep -c '^fdatasync$' "$T/count")
keys q
expect_exit "insert, counted: q" 0
checks=$((checks + 1))
[ "$syncs" -ge 1 ] || fail "the flush of an insert made no fdatasync"
for spec in fallocate:ENOSPC pwrite:EIO:1 "fdatasync:EIO:$((syncs - 1))"; do
	fault ""
	cp "$T/big.orig" "$T/big.bin"
	ino=$(stat -c %i "$T/big.bin")
	cd "$T" || break
	start_mmhex -x 160 -y 24 -e "LD_PRELOAD=$FAULTLIB" \
	    -e "MMHEX_FAULT_FILE=$T/fault" -e "$asan_env" \
	    -e "MMHEX_FAULT_SKIP_DIR=$XDG_STATE_HOME" -- big.bin
	cd - >/dev/null || break
	keys I
	type_text 5a
	keys Escape
	expect_status "insert before $spec" "[+1 byte, 1 changed]"
	fault "$spec"
	keys w
	case $spec in
	fallocate*)
		expect_screen_has "$spec: the cause" "fallocate: No space left on device"
		expect_status "$spec: nothing moved, the edit waits" "[+1 byte, 1 changed]"
		expect_same_file "$spec: the file as it was" "$T/big.orig" "$T/big.bin" ;;
	pwrite*)
		expect_screen_has "$spec: the cause" "write: Input/output error"
		expect_screen_has "$spec: says what state" "the file is part moved"
		keys C-l
		expect_status "$spec: the status says it" "[part moved: w goes on]"
		keys x
		expect_screen_has "$spec: an edit waits" "w goes on with the move"
		keys q
		expect_screen_has "$spec: q asks to finish first" "(f)inish the move and quit"
		keys c ;;
	fdatasync*)
		expect_screen_has "$spec: the cause" "fdatasync: Input/output error"
		keys C-l
		expect_status "$spec: not known durable" "[moved, not synced: w syncs]" ;;
	esac
	fault ""
	keys w
	expect_screen_has "$spec: the retry flushes" "flushed"
	expect_screen_lacks "$spec: nothing waits" "changed]"
	expect_same_file "$spec: the file equals the oracle" "$T/big.want" "$T/big.bin"
	expect_eq "$spec: the same inode" "$ino" "$(stat -c %i "$T/big.bin")"
	keys q
	expect_exit "$spec: q" 0
done

# A delete: the flush moves the tail down, then cuts the end; ftruncate
# failing there leaves every byte moved and the old size (part moved),
# and the retry cuts it.
python3 -c 'import sys
b = bytearray(open(sys.argv[1], "rb").read())
del b[0:3]
open(sys.argv[2], "wb").write(b)' "$T/big.orig" "$T/cut.want"
fault ""
cp "$T/big.orig" "$T/big.bin"
cd "$T" || exit 1
start_mmhex -x 160 -y 24 -e "LD_PRELOAD=$FAULTLIB" \
    -e "MMHEX_FAULT_FILE=$T/fault" -e "$asan_env" -- big.bin
cd - >/dev/null || exit 1
keys v l l d
expect_status "a cut of 3" "cut 3 bytes"
fault ftruncate:EIO
keys w
expect_screen_has "ftruncate EIO: the cause" "ftruncate: Input/output error"
expect_screen_has "ftruncate EIO: part moved" "the file is part moved"
expect_eq "ftruncate EIO: the old size still" $((20 << 20)) "$(stat -c %s "$T/big.bin")"
fault ""
keys w
expect_screen_has "ftruncate EIO: the retry flushes" "flushed"
expect_same_file "ftruncate EIO: the file equals the oracle" "$T/cut.want" "$T/big.bin"
keys q
expect_exit "ftruncate EIO: q" 0

# A crash at every write-like call of a flush with an overwrite and an
# insert (lorem.txt: Q over byte 10, Z inserted at 100): what is left is
# the file as it was, or with the overwrite, or part moved (the bytes
# before 100 as the flush left them, the old size or the new), or the
# new file; never anything else.
python3 -c 'import sys
b = bytearray(open(sys.argv[1], "rb").read())
b[10] = ord("Q"); b[100:100] = b"Z"
open(sys.argv[2], "wb").write(b)' "$lorem" "$T/qz.want"
qz_edits() {
	go 10; keys R; type_text 51; keys Escape
	go 100; keys I; type_text 5a; keys Escape
	expect_status "the two edits" "[+1 byte, 2 changed]"
	edits_settled "the two edits"
}
qz_check() {
	local verdict
	verdict=$(python3 -c 'import sys
old = open(sys.argv[1], "rb").read()
new = open(sys.argv[2], "rb").read()
got = open(sys.argv[3], "rb").read()
q = bytearray(old); q[10] = ord("Q")
if got in (old, bytes(q), new):
    print("ok")
elif len(got) not in (len(old), len(new)):
    print("size %d" % len(got))
elif got[:100] not in (old[:100], bytes(q[:100])):
    print("bytes before the insert changed")
else:
    print("ok")' "$lorem" "$T/qz.want" "$T/a.txt")
	expect_eq "$1" ok "$verdict"
}
fault ""
rm -f "$T/count"
start_faulty_counted
qz_edits
: >"$T/count"
keys w
expect_screen_has "insert flush: flushed" "flushed 2 changed bytes, size +1"
cp "$T/count" "$T/count.flush"
expect_same_file "insert flush: the file" "$T/qz.want" "$T/a.txt"
keys q
expect_exit "insert flush: q" 0
ncalls=$(wc -l <"$T/count.flush")
checks=$((checks + 1))
[ "$ncalls" -ge 4 ] || fail "insert flush: only $ncalls write-like calls"
for i in $(seq 0 $((ncalls - 1))); do
	fault ""
	rm -f "$T/count"
	start_faulty_counted
	qz_edits
	fault "any:KILL:$i"
	keys w
	wait_for "EXITED:137" || fail "insert flush killed at call $i: not killed"
	qz_check "insert flush killed at call $i ($(sed -n "$((i + 1))p" "$T/count.flush"))"
done

finish
