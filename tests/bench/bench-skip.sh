#!/bin/bash
# bench-skip.sh - the viewer's } across BENCH_MB MiB of zeros written to
# disk (no holes: every byte read) then one block of text, in the
# headless editor (tests/bench/skip_loop), against memchr over the same
# mapped bytes for a byte they lack (skip_loop -m); and across a 100 GiB
# sparse file of the same shape, where the hole is not read (timed).
# The goal (issue 14): } at least 10 GB/s, reported as its ratio to memchr.
# shellcheck source=tests/bench/lib.sh
. "$(dirname "$0")/lib.sh"

SKIP_LOOP=${SKIP_LOOP:-$BUILDDIR/tests/bench/skip_loop}
[ -x "$SKIP_LOOP" ] || { echo "bench-skip: $SKIP_LOOP not built (make tests/bench/skip_loop)" >&2; exit 1; }
mkdir -p "$BENCH_DIR"
zeros=$BENCH_DIR/zeros-then-text.bin
size=$((BENCH_MB << 20))
if [ ! -f "$zeros" ] || [ "$(stat -c %s "$zeros")" -ne $((size + 4096)) ]; then
	head -c "$size" /dev/zero >"$zeros"
	head -c 4096 /dev/zero | tr '\0' 'x' >>"$zeros"
fi
cat "$zeros" >/dev/null
got=$("$SKIP_LOOP" "$zeros")
[ "${got%% *}" = "$size" ] || { echo "bench-skip: } landed at [$got], not $size" >&2; exit 1; }
t_skip=$(best_time "$SKIP_LOOP" "$zeros")
t_mem=$(best_time "$SKIP_LOOP" -m "$zeros")
echo "skip: } across $BENCH_MB MiB of zeros against memchr (best of $RUNS; ratio > 1: } faster)"
report "memchr (skip_loop -m)" "$t_mem" "$size" "$t_mem"
report "} (skip_loop)" "$t_skip" "$size" "$t_mem"
sparse=$BENCH_DIR/sparse-skip-100g.bin
if [ ! -f "$sparse" ]; then
	truncate -s 100G "$sparse"
	printf 'tail' | dd of="$sparse" bs=1 seek=$(((100 << 30) - 4)) \
	    conv=notrunc status=none
fi
t=$(best_time "$SKIP_LOOP" "$sparse")
echo "  } across a 100 GiB hole: ${t}s (landed at $("$SKIP_LOOP" "$sparse" | cut -d' ' -f1))"
