#!/bin/bash
# bench-insert.sh - what a size-changing flush costs: `mmhex --insert=0:ff`
# and `mmhex --delete=0:1` on a BENCH_MB MiB file (the whole file after
# the first byte moves up, or down, in place) against `cp` of the same
# file on the same filesystem, which reads and writes it once too.  The
# goal: no slower than copying the file (ratio >= 1.0).  A flush ends
# with fdatasync (the bytes are on the disk when it returns) and cp does
# not, so the copy is timed twice: as cp alone, and as cp then
# `sync -d` of the copy, the same durability.  With strace, the bytes
# written by one insert as a multiple of the file's size (goal: the tail
# once, 1.00).

# shellcheck source=tests/bench/lib.sh
. "$(dirname "$0")/lib.sh"

if [ ! -x "$MMHEX" ]; then
	echo "bench-insert: no mmhex at $MMHEX (set BUILDDIR)" >&2
	exit 1
fi
bench_files
FILE=$BENCH_DIR/insert.bin
COPY=$BENCH_DIR/insert.copy
trap 'rm -f "$FILE" "$COPY"' EXIT
cp "$RANDOM_FILE" "$FILE"
size=$(stat -c %s "$FILE")

t_cp=$(best_time cp "$FILE" "$COPY")
t_cps=$(best_time sh -c 'cp "$1" "$2" && sync -d "$2"' sh "$FILE" "$COPY")
# Each insert grows the file by a byte and each delete takes one off: the
# size stays within RUNS bytes of the copy's.
t_ins=$(best_time "$MMHEX" --insert=0:ff "$FILE")
t_del=$(best_time "$MMHEX" --delete=0:1 "$FILE")
echo "flush of a 1-byte change of size at offset 0, $((size >> 20)) MiB (vs cp):"
report "mmhex --insert=0:ff (vs cp + sync -d)" "$t_ins" "$size" "$t_cps"
report "mmhex --delete=0:1 (vs cp + sync -d)" "$t_del" "$size" "$t_cps"
report "cp + sync -d (reference)" "$t_cps" "$size" "$t_cps"
report "mmhex --insert=0:ff (vs cp alone)" "$t_ins" "$size" "$t_cp"
report "cp alone, not durable (reference)" "$t_cp" "$size" "$t_cp"

if command -v strace >/dev/null 2>&1; then
	trace=$BENCH_DIR/insert.trace
	strace -e trace=pwrite64,write -o "$trace" "$MMHEX" --insert=0:ff "$FILE"
	written=$(awk -F'= ' '/^p?write/ { n += $NF } END { print n + 0 }' "$trace")
	rm -f "$trace"
	python3 -c 'import sys
w, s = int(sys.argv[1]), int(sys.argv[2])
print(f"  bytes written by one insert at 0: {w} = {w / s:.4f} x the file (goal 1.00)")' \
	    "$written" "$size"
else
	echo "  (no strace: bytes written not counted)"
fi

# A block-sized insert on ext4, which shifts blocks itself (fallocate's
# INSERT_RANGE), against the same insert one byte longer, which moves the
# tail: on an ext4 image loop-mounted under BENCH_DIR (root, losetup,
# mkfs.ext4, mount).  Goal: >= 100x.
for tool in losetup mkfs.ext4 mount; do
	command -v "$tool" >/dev/null 2>&1 || { echo "  (no $tool: the block-sized insert is not measured)"; exit 0; }
done
IMG=$BENCH_DIR/insert-ext4.img
MNT=$BENCH_DIR/insert-ext4.mnt
LOOP=
cleanup_ext4() {
	[ -n "$LOOP" ] && { umount "$MNT" 2>/dev/null; losetup -d "$LOOP" 2>/dev/null; }
	rm -f "$IMG" "$FILE" "$COPY"
	rmdir "$MNT" 2>/dev/null || true
}
trap cleanup_ext4 EXIT
truncate -s $((size * 2 + (256 << 20))) "$IMG"
mkfs.ext4 -q -F -m 0 "$IMG"
mkdir -p "$MNT"
if ! LOOP=$(losetup -f --show "$IMG" 2>/dev/null) || ! mount "$LOOP" "$MNT" 2>/dev/null; then
	echo "  (cannot loop-mount an ext4 image here: the block-sized insert is not measured)"
	exit 0
fi
cp "$RANDOM_FILE" "$MNT/f"
block=$(python3 -c 'print("ff" * 4096)')
t_block=$(best_time "$MMHEX" --insert=0:"$block" "$MNT/f")
t_moved=$(best_time "$MMHEX" --insert=0:"${block}ff" "$MNT/f")
echo "a 4096-byte insert at 0 on ext4, $((size >> 20)) MiB (vs 4097 bytes, moved):"
report "mmhex --insert=0:<4096 bytes> (INSERT_RANGE)" "$t_block" "$size" "$t_moved"
report "mmhex --insert=0:<4097 bytes> (moved)" "$t_moved" "$size" "$t_moved"
