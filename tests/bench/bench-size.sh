#!/bin/bash
# bench-size.sh - what must not grow with the file: the timings that
# `make check` asserts as counts (bytes walked, bytes read), here in time,
# each as a ratio to the same thing on a small file in the same run.
#
#  1. The text view's walks on a line with no newline at 4 MiB and 256 MiB
#     (tests/bench/textview_loop; check_textview.c counts their bytes).
#  2. `mmhex -d -o '$-15'` on a 100 GiB sparse file against a 4 KiB file
#     (special.sh checks that it reads at most 1 MiB of the file).
# The first frame and G on 100 GiB are in bench-view.sh.

# shellcheck source=tests/bench/lib.sh
. "$(dirname "$0")/lib.sh"

mkdir -p "$BENCH_DIR"
small=$BENCH_DIR/small-4k.bin
huge=$BENCH_DIR/sparse-100g.bin
[ -f "$small" ] || head -c 4096 /dev/urandom >"$small"
[ -f "$huge" ] || truncate -s 100G "$huge"

status=0
"$BUILDDIR/tests/bench/textview_loop" "$RUNS" || status=1

t_small=$(best_time "$MMHEX" -d -o '$-15' "$small")
t_huge=$(best_time "$MMHEX" -d -o '$-15' "$huge")
echo "-d -o '\$-15' (best of $RUNS):"
python3 - "$t_small" "$t_huge" <<'PY' || status=1
import sys
s, h = float(sys.argv[1]), float(sys.argv[2])
print(f"  4 KiB file                 {s*1000:8.2f} ms")
print(f"  100 GiB sparse file        {h*1000:8.2f} ms   ratio {h/s:5.2f}x  (target <= 1.50x)")
sys.exit(0 if h / s <= 1.5 else 1)
PY
exit $status
