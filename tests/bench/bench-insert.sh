#!/bin/bash
# bench-insert.sh - what a size-changing flush costs: `mmhex --insert=0:ff`
# and `mmhex --delete=0:1` on a BENCH_MB MiB file (the whole file after
# the first byte moves up, or down, in place) against `cp` of the same
# file on the same filesystem, which reads and writes it once too.  The
# goal: no slower than copying the file (ratio >= 1.0).  With strace, the
# bytes written by one insert as a multiple of the file's size (goal: the
# tail once, 1.00).

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
# Each insert grows the file by a byte and each delete takes one off: the
# size stays within RUNS bytes of the copy's.
t_ins=$(best_time "$MMHEX" --insert=0:ff "$FILE")
t_del=$(best_time "$MMHEX" --delete=0:1 "$FILE")
echo "flush of a 1-byte change of size at offset 0, $((size >> 20)) MiB (vs cp):"
report "mmhex --insert=0:ff" "$t_ins" "$size" "$t_cp"
report "mmhex --delete=0:1" "$t_del" "$size" "$t_cp"
report "cp (reference)" "$t_cp" "$size" "$t_cp"

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
