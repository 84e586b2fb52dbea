#!/bin/bash
# bench-find-periodic.sh - find on data that defeats a prefilter: nearly
# every start is a candidate, and checking one costs up to the needle's
# length.  Before find.c's probes (the rarest digram as a second pair,
# then memmem) `mmhex -f` was O(bytes x needle) here.  Cases, each over BENCH_MB/4 MiB (256 by default) built
# once in BENCH_DIR:
#   ab.bin   "abab...", needle "abab...ab" + "ba" (1002 bytes): absent
#   a.bin    "aaaa...", needle 'a' x 63 + "b": absent, and "aaab" at
#            the very end (a.end.bin): found after the whole run
# Timed: mmhex -f --count forward and --reverse against glibc's memmem
# loop forward over the same bytes (tests/bench/memmem_loop; its -r is
# memrchr + memcmp, itself quadratic here, so it is not the reference),
# and rg -c -F when installed.  The goals (issue 14): forward and reverse
# at least 1.0x of rg, and within 2x of memmem.  Last, the long needle
# with two wildcards (-x), against -f without them and rg's regex.
# shellcheck source=tests/bench/lib.sh
. "$(dirname "$0")/lib.sh"

MEMMEM_LOOP=${MEMMEM_LOOP:-$BUILDDIR/tests/bench/memmem_loop}
[ -x "$MEMMEM_LOOP" ] || { echo "bench-find-periodic: $MEMMEM_LOOP not built" >&2; exit 1; }
mkdir -p "$BENCH_DIR"
size=$((BENCH_MB / 4 * 1024 * 1024))
python3 - "$BENCH_DIR" "$size" <<'PY'
import os, sys
d, size = sys.argv[1], int(sys.argv[2])
def make(name, unit, tail=b""):
    path = os.path.join(d, name)
    if os.path.exists(path) and os.path.getsize(path) == size + len(tail):
        return
    block = unit * ((1 << 20) // len(unit))
    with open(path, "wb") as f:
        for _ in range(size // len(block)):
            f.write(block)
        f.write(tail)
make("ab.bin", b"ab")
make("a.bin", b"a")
make("a.end.bin", b"a", b"b")
PY
ab=$BENCH_DIR/ab.bin a=$BENCH_DIR/a.bin aend=$BENCH_DIR/a.end.bin
cat "$ab" "$a" "$aend" >/dev/null
long=$(python3 -c 'print("ab" * 500 + "ba", end="")')
a63b=$(python3 -c 'print("a" * 63 + "b", end="")')
have_rg=; command -v rg >/dev/null 2>&1 && have_rg=1

echo "periodic find: mmhex -f --count against memmem (best of $RUNS; ratio > 1: mmhex faster)"
for c in "ab.bin:$long" "a.bin:$a63b" "a.end.bin:aaab"; do
	f=$BENCH_DIR/${c%%:*} needle=${c#*:}
	want=$("$MEMMEM_LOOP" "$needle" "$f" || true)
	got=$("$MMHEX" -f "$needle" --count "$f" || true)
	got_rev=$("$MMHEX" -f "$needle" --reverse --count "$f" || true)
	if [ "$got" != "$want" ] || [ "$got_rev" != "$want" ]; then
		echo "bench-find-periodic: ${c%%:*}: mmhex counted $got / $got_rev, memmem $want" >&2
		exit 1
	fi
	echo "${c%%:*} ($((size >> 20)) MiB), needle of ${#needle} bytes, $want match(es)"
	t_fwd=$(best_time "$MMHEX" -f "$needle" --count "$f")
	t_rev=$(best_time "$MMHEX" -f "$needle" --reverse --count "$f")
	t_mm=$(best_time "$MEMMEM_LOOP" "$needle" "$f")
	report "memmem_loop" "$t_mm" "$size" "$t_mm"
	report "mmhex -f --count (vs memmem)" "$t_fwd" "$size" "$t_mm"
	report "mmhex -f --reverse --count (vs memmem)" "$t_rev" "$size" "$t_mm"
	if [ -n "$have_rg" ]; then
		t_rg=$(best_time rg -a -c -F -- "$needle" "$f")
		report "rg -a -c -F" "$t_rg" "$size" "$t_rg"
		report "mmhex -f --count (vs rg)" "$t_fwd" "$size" "$t_rg"
		report "mmhex -f --reverse --count (vs rg)" "$t_rev" "$size" "$t_rg"
	fi
done

# The same 1002-byte needle with two wildcards in its middle (-x): the
# runs of fixed bytes found by KMP and counted per start once candidates
# stop paying off (before: ~1000 compares a start).  Against rg's regex
# engine with '.' for the wildcards, and against -f of the needle without
# them (memmem): what the wildcards cost.
hexwild=$(python3 -c 'n = "ab" * 500 + "ba"
h = [format(ord(c), "02x") for c in n]
h[500] = h[501] = "??"
print(" ".join(h), end="")')
rewild=$(python3 -c 'n = "ab" * 500 + "ba"
print("(?s-u)" + n[:500] + ".." + n[502:], end="")')
f=$ab
got=$("$MMHEX" -x "$hexwild" --count "$f" || true)
got_rev=$("$MMHEX" -x "$hexwild" --reverse --count "$f" || true)
if [ "$got" != 0 ] || [ "$got_rev" != 0 ]; then
	echo "bench-find-periodic: wildcards: mmhex counted $got / $got_rev, not 0" >&2
	exit 1
fi
echo "ab.bin ($((size >> 20)) MiB), the needle with two wildcards (-x ... ?? ?? ...), 0 matches"
t_fwd=$(best_time "$MMHEX" -x "$hexwild" --count "$f")
t_rev=$(best_time "$MMHEX" -x "$hexwild" --reverse --count "$f")
t_plain=$(best_time "$MMHEX" -f "$long" --count "$f")
report "mmhex -f, no wildcards" "$t_plain" "$size" "$t_plain"
report "mmhex -x --count (vs -f)" "$t_fwd" "$size" "$t_plain"
report "mmhex -x --reverse --count (vs -f)" "$t_rev" "$size" "$t_plain"
if [ -n "$have_rg" ]; then
	t_rg=$(best_time rg -a -c -- "$rewild" "$f")
	report "rg -a -c, the wildcards as ." "$t_rg" "$size" "$t_rg"
	report "mmhex -x --count (vs rg)" "$t_fwd" "$size" "$t_rg"
fi
