#!/bin/bash
# bench-diff.sh - mmhex --diff against cmp, in the same run, on cached
# files of BENCH_MB MiB (goals from the compare issue):
#   - two files that differ only in their last byte: --diff vs `cmp`
#     (both stop there; goal >= 1.0x);
#   - 100,000 scattered differing bytes: --diff --count vs
#     `cmp -l | wc -l` (goal >= 10x), and both vs the floor: reading all
#     of both mappings with memcmp (memcmp_loop on the pair that differs
#     only at the end: it stops at nothing before), which no comparison
#     of two files can beat;
#   - the viewer's ] across the identical bytes to the last one (the
#     headless editor, compare_loop) vs --diff (goal within 1.5x);
#   - two 100 GiB sparse files with one difference near the end: the
#     time of --diff, the holes skipped (goal under a second; reported).
# Each checks its answer first: a fast wrong one is no result.

# shellcheck source=tests/bench/lib.sh
. "$(dirname "$0")/lib.sh"

bench_files
a=$RANDOM_FILE
b=$BENCH_DIR/diff-last.bin
c=$BENCH_DIR/diff-scattered.bin
bytes=$(stat -c %s "$a")
python3 - "$a" "$b" "$c" <<'PY'
import mmap, random, shutil, sys
a, b, c = sys.argv[1:4]
shutil.copyfile(a, b)
shutil.copyfile(a, c)
with open(b, "r+b") as f, mmap.mmap(f.fileno(), 0) as m:
    m[len(m) - 1] ^= 0xff
r = random.Random(3)
with open(c, "r+b") as f, mmap.mmap(f.fileno(), 0) as m:
    for p in r.sample(range(len(m)), 100000):
        m[p] ^= 0x01
PY
cat "$b" "$c" >/dev/null

echo "the last byte differs ($BENCH_MB MiB):"
want="$((bytes - 1)) 1"
got=$("$MMHEX" --diff "$a" "$b" || true)	# exit 1: they differ
[ "$got" = "$want" ] || { echo "bench-diff: --diff said [$got], not [$want]" >&2; exit 1; }
t_cmp=$(best_time cmp "$a" "$b")
t_mm=$(best_time "$MMHEX" --diff "$a" "$b")
report "--diff vs cmp (ratio: cmp / mmhex)" "$t_mm" "$bytes" "$t_cmp"
LOOP=${COMPARE_LOOP:-$BUILDDIR/tests/bench/compare_loop}
if [ ! -x "$LOOP" ]; then
	echo "bench-diff: build it first: make tests/bench/compare_loop" >&2
	exit 1
fi
got=$("$LOOP" "$a" "$b")
[ "${got%% *}" = $((bytes - 1)) ] || { echo "bench-diff: ] landed on [$got]" >&2; exit 1; }
t_view=$(best_time "$LOOP" "$a" "$b")
report "the viewer's ] (ratio: --diff / ], goal >= 0.67x)" "$t_view" "$bytes" "$t_mm"

echo "100,000 scattered differing bytes:"
got=$("$MMHEX" --diff --count "$a" "$c" || true)
[ "$got" = 100000 ] || { echo "bench-diff: --count said $got" >&2; exit 1; }
t_cmp=$(best_time sh -c 'cmp -l "$1" "$2" | wc -l' sh "$a" "$c")
t_mm=$(best_time "$MMHEX" --diff --count "$a" "$c")
report "--diff --count vs cmp -l | wc -l" "$t_mm" "$bytes" "$t_cmp"
FLOOR=${MEMCMP_LOOP:-$BUILDDIR/tests/bench/memcmp_loop}
if [ -x "$FLOOR" ]; then
	t_floor=$(best_time "$FLOOR" "$a" "$b")
	report "--diff --count vs the floor (memcmp, all read)" "$t_mm" "$bytes" "$t_floor"
	report "cmp -l | wc -l vs the floor" "$t_cmp" "$bytes" "$t_floor"
fi
rm -f "$b" "$c"

echo "two 100 GiB sparse files, one difference near the end (holes skipped):"
s1=$BENCH_DIR/sparse1.bin
s2=$BENCH_DIR/sparse2.bin
rm -f "$s1" "$s2"
truncate -s 100G "$s1" "$s2"
printf Q | dd of="$s2" bs=1 seek=$(((100 << 30) - 4096)) conv=notrunc 2>/dev/null
got=$("$MMHEX" --diff "$s1" "$s2" || true)
[ "$got" = "$(((100 << 30) - 4096)) 1" ] ||
    { echo "bench-diff: sparse: --diff said [$got]" >&2; exit 1; }
t_mm=$(best_time "$MMHEX" --diff "$s1" "$s2")
python3 -c 'import sys; print(f"  --diff of 100 GiB sparse files            {float(sys.argv[1]) * 1000:9.1f} ms (goal: under a second)")' "$t_mm"
rm -f "$s1" "$s2"
