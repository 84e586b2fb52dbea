#!/bin/bash
# bench-edit.sh - inserting while editing costs what the edit is, not what
# the file is: K one-byte inserts at offset 0 typed into the headless
# editor (copy-on-write, nothing flushed) on a BENCH_MB MiB file against
# the same on a 4 KiB file, in the same run.  The goal: the big file at
# most 1.5x slower (ratio >= 0.67).  The loop checks that the inserted
# bytes are there.

# shellcheck source=tests/bench/lib.sh
. "$(dirname "$0")/lib.sh"

LOOP=${EDIT_LOOP:-$BUILDDIR/tests/bench/edit_insert_loop}
if [ ! -x "$LOOP" ]; then
	echo "bench-edit: build it first: make tests/bench/edit_insert_loop" >&2
	exit 1
fi
K=${EDIT_INSERTS:-20000}
bench_files
small=$BENCH_DIR/small-4k.bin
head -c 4096 "$RANDOM_FILE" >"$small"
echo "$K inserts at offset 0 while editing, $BENCH_MB MiB file vs 4 KiB:"
"$LOOP" "$K" "$RANDOM_FILE" >/dev/null || exit 1
t_small=$(best_time "$LOOP" "$K" "$small")
t_big=$(best_time "$LOOP" "$K" "$RANDOM_FILE")
report "$BENCH_MB MiB file (ratio: 4 KiB time / this)" "$t_big" "$K" "$t_small"
python3 -c 'import sys
t, k = float(sys.argv[1]), int(sys.argv[2])
print(f"  per insert: {t / k * 1e6:.2f} us")' "$t_big" "$K"
