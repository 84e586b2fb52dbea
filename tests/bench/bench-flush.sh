#!/bin/bash
# bench-flush.sh - what a flush of one changed byte in a 1 GiB file costs
# the device, in both writable sessions.  The target is at most 8 KiB.
#
# The count is the device's own: sectors written (field 7 of
# /sys/block/DEV/stat) from a `sync` before the edit to the moment the
# flush has returned (the target applies there), and again after one more
# `sync`, which adds what the kernel wrote later because of the edit: the
# inode with its new mtime, and on ext4 the journal blocks carrying it.
# (/proc/PID/io charges whole folios to the process and misleads.)  To keep other
# processes' writes out of the count the file lives on an ext4 image of
# its own, loop-mounted under BENCH_DIR; that needs root, losetup,
# mkfs.ext4 and mount.  Without them it falls back to the device under
# BENCH_DIR, with whatever else writes there in the count, and says so; a
# filesystem with no device (tmpfs, overlay without one) has no counter
# and the benchmark says that and stops.
#
# mmhex is driven in tmux as a person would: g OFFSET, R, two hex digits,
# Esc, w.  In the same run, on the same file, the references:
#   msync   Python's mmap: one byte stored, m.flush() (msync), the way a
#           store through a shared mapping reaches the disk - it dirties
#           the whole page-cache folio, and msync writes all of it;
#   pwrite  os.pwrite of one byte and fdatasync: the least a filesystem
#           can be asked to write.
# Each runs twice: with the file not cached (each tool faults in what it
# needs itself) and with the whole file read first (large folios).
#
#   FLUSH_FS=ext4|ext4-nojournal|both   the loop image's kind (default both;
#           without the journal the figures are the data alone)

# shellcheck source=tests/bench/lib.sh
. "$(dirname "$0")/lib.sh"

FLUSH_FS=${FLUSH_FS:-both}
TARGET=8192
MIB=$((1024 * 1024))
SIZE=$((BENCH_MB * MIB))

for tool in tmux python3; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "bench-flush: $tool not installed" >&2
		exit 1
	fi
done
if [ ! -x "$MMHEX" ]; then
	echo "bench-flush: no mmhex at $MMHEX (set BUILDDIR)" >&2
	exit 1
fi

SOCK=mmhex-bench-flush-$$
MNT=
LOOP=
IMG=
tm() {
	tmux -L "$SOCK" -f /dev/null "$@"
}
cleanup() {
	tm kill-server >/dev/null 2>&1 || true
	if [ -n "$MNT" ]; then
		umount "$MNT" 2>/dev/null || true
		rmdir "$MNT" 2>/dev/null || true
	fi
	[ -z "$LOOP" ] || losetup -d "$LOOP" 2>/dev/null || true
	[ -z "$IMG" ] || rm -f "$IMG"
	MNT= LOOP= IMG=
}
trap cleanup EXIT

# sectors: sectors written so far on $STAT (field 7).
sectors() {
	awk '{ print $7 }' "$STAT"
}

# screen_has TEXT [SECONDS]: wait until the pane shows TEXT.
screen_has() {
	local i=0 n=$(( ${2:-20} * 20 ))
	while [ $i -lt $n ]; do
		tm capture-pane -p -t bench 2>/dev/null | grep -qF -- "$1" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	echo "bench-flush: [$1] never showed; the screen:" >&2
	tm capture-pane -p -t bench >&2 || true
	return 1
}

# cache_state cold|warm FILE: drop the file's clean pages, or read it all.
cache_state() {
	sync
	python3 -c 'import os, sys
fd = os.open(sys.argv[2], os.O_RDONLY)
if sys.argv[1] == "cold":
    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
else:
    while os.read(fd, 1 << 24):
        pass
os.close(fd)' "$1" "$2"
}

# measure_mmhex FLAG FILE OFFSET: sectors written by the edit and w.
measure_mmhex() {
	local flag=$1 file=$2 off=$3 s0 s1 s2
	tm kill-session -t bench >/dev/null 2>&1 || true
	tm new-session -d -s bench -x 100 -y 30 -- env LC_ALL=C.UTF-8 \
	    TERM=screen-256color sh -c '"$0" "$@"; echo EXITED:$?; exec sleep 3600' \
	    "$MMHEX" $flag "$file"
	screen_has "  $( [ "$flag" = -W ] && echo WT || echo COW )  " || return 1
	sync
	s0=$(sectors)
	tm send-keys -t bench g
	screen_has "goto:" || return 1
	tm send-keys -t bench -l -- "$off"
	tm send-keys -t bench Enter R
	screen_has "overwrite" || return 1
	tm send-keys -t bench -l -- 5a
	screen_has "[1 changed]" || return 1
	tm send-keys -t bench Escape
	tm send-keys -t bench w
	screen_has "flushed 1 byte" || return 1
	s1=$(sectors)
	sync
	s2=$(sectors)
	tm send-keys -t bench q
	screen_has "EXITED:0" || return 1
	[ "$(od -An -tx1 -j "$off" -N 1 "$file" | tr -d ' ')" = 5a ] || {
		echo "bench-flush: the byte at $off is not 5a after the flush" >&2
		return 1
	}
	echo $((s1 - s0)) $((s2 - s0))
}

# measure_py msync|pwrite FILE OFFSET: sectors written by the reference.
measure_py() {
	local s0 s1 s2
	sync
	s0=$(sectors)
	python3 -c 'import mmap, os, sys
how, path, off = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(path, "r+b") as f:
    if how == "msync":
        m = mmap.mmap(f.fileno(), 0)
        m[off] = 0x5a
        m.flush()
        m.close()
    else:
        os.pwrite(f.fileno(), b"\x5a", off)
        os.fdatasync(f.fileno())' "$1" "$2" "$3"
	s1=$(sectors)
	sync
	s2=$(sectors)
	echo $((s1 - s0)) $((s2 - s0))
}

# row LABEL "AT_FLUSH WITH_SYNC" ["REF_AT_FLUSH REF_WITH_SYNC"]: bytes
# written when the flush returned and after the sync that follows, against
# the target (at the flush) and as a fraction of the msync reference.
row() {
	local a=${2% *} b=${2#* } ratio= verdict
	if [ $((a * 512)) -le "$TARGET" ]; then verdict=ok; else verdict=OVER; fi
	if [ $# -ge 3 ]; then
		ratio=$(python3 -c 'import sys
a, b, ra, rb = map(int, sys.argv[1:])
f = lambda x, y: "%.3f" % (x / y) if y else "-"
print("%s / %s of msync" % (f(a, ra), f(b, rb)))' "$a" "$b" ${3% *} ${3#* })
	fi
	printf '    %-32s %8d %10d   %-4s %s\n' "$1" $((a * 512)) $((b * 512)) \
	    "$verdict" "$ratio"
	[ "$verdict" = ok ]
}

# run_on DIR: the file in DIR, every case, both cache states.
run_on() {
	local dir=$1 file=$1/flush-1g.bin state wt cow ms pw bad=0
	echo "  making $((SIZE / MIB)) MiB of data in $file"
	dd if=/dev/zero of="$file" bs=4M count=$((SIZE / (4 * MIB))) \
	    conv=fsync status=none
	for state in cold warm; do
		echo "  file $( [ $state = cold ] && echo "not cached" || echo "read first (large folios)")"
		printf '    %-32s %8s %10s\n' "bytes written:" "at flush" "+ sync"
		cache_state $state "$file"
		wt=$(measure_mmhex -W "$file" $((SIZE / 4 + 4097))) || return 1
		cache_state $state "$file"
		cow=$(measure_mmhex "" "$file" $((SIZE / 2 + 4097))) || return 1
		cache_state $state "$file"
		ms=$(measure_py msync "$file" $((SIZE / 4 * 3 + 4097)))
		cache_state $state "$file"
		pw=$(measure_py pwrite "$file" $((SIZE / 8 + 4097)))
		row "mmhex -W (write-through), w" "$wt" "$ms" || bad=1
		row "mmhex (copy-on-write), w" "$cow" "$ms" || bad=1
		row "reference: mmap store + msync" "$ms" || true
		row "reference: pwrite + fdatasync" "$pw" "$ms" || true
	done
	rm -f "$file"
	return $bad
}

# loop_fs KIND: a fresh ext4 image of its own, mounted; sets STAT and MNT.
loop_fs() {
	local opts=
	[ "$1" = ext4-nojournal ] && opts="-O ^has_journal"
	mkdir -p "$BENCH_DIR"
	IMG=$BENCH_DIR/flush-$1.img
	rm -f "$IMG"
	truncate -s $((SIZE + 256 * MIB)) "$IMG"
	# Inode tables and journal written now, not by a thread during the count.
	# shellcheck disable=SC2086
	mkfs.ext4 -q -F $opts -E lazy_itable_init=0,lazy_journal_init=0 "$IMG" ||
	    return 1
	LOOP=$(losetup -f --show "$IMG") || return 1
	MNT=$(mktemp -d "$BENCH_DIR/mnt.XXXXXX")
	mount -o noatime "$LOOP" "$MNT" || return 1
	STAT=/sys/block/${LOOP#/dev/}/stat
}

echo "flush of one changed byte in a $((SIZE / MIB)) MiB file: bytes the device" \
    "wrote from a sync before the edit until the flush returned (target <=" \
    "$TARGET), and after one more sync"
failed=0
if [ "$(id -u)" = 0 ] && command -v losetup >/dev/null 2>&1 &&
    command -v mkfs.ext4 >/dev/null 2>&1; then
	case $FLUSH_FS in
	both) kinds="ext4 ext4-nojournal" ;;
	*) kinds=$FLUSH_FS ;;
	esac
	for kind in $kinds; do
		if ! loop_fs "$kind"; then
			echo "bench-flush: cannot make a loop-mounted $kind image" >&2
			cleanup
			failed=1
			break
		fi
		echo "$kind on ${LOOP} (an image of its own: nothing else writes there)"
		run_on "$MNT" || failed=1
		cleanup
	done
	exit $failed
fi

# No loop device: the device under BENCH_DIR, shared with everything else.
mkdir -p "$BENCH_DIR"
src=$(findmnt -no SOURCE --target "$BENCH_DIR" 2>/dev/null || true)
dev=${src#/dev/}
if [ "$src" = "$dev" ] || [ ! -r "/sys/class/block/$dev/stat" ]; then
	echo "bench-flush: $BENCH_DIR is on '$src', which has no block device:" \
	    "no sector counter to read (run as root with losetup and mkfs.ext4" \
	    "for a loop-mounted image)" >&2
	exit 1
fi
STAT=/sys/class/block/$dev/stat
echo "$src (shared: other processes' writes are counted too)"
run_on "$BENCH_DIR" || failed=1
exit $failed
