#!/bin/bash
# bench-regex.sh - `mmhex -e PATTERN --count` against GNU grep
# (`grep -obUaP`, every match's offset, written to a file) and a plain
# in-process PCRE2 JIT loop over an mmap (tests/bench/pcre2_loop), on the
# 1 GiB random and text files, for three kinds of pattern: a literal, a
# character-class one and an alternation.  `mmhex -e --reverse --count` is
# timed too, against the same forward references, for information.
#
# The targets: mmhex at least as fast as grep -obUaP, and at least 0.8x
# the speed of pcre2_loop.  The counts are checked before anything is
# timed: mmhex's (both directions where the pattern cannot overlap itself)
# against pcre2_loop's, and grep's output lines against both.

# shellcheck source=tests/bench/lib.sh
. "$(dirname "$0")/lib.sh"

PCRE2_LOOP=${PCRE2_LOOP:-$BUILDDIR/tests/bench/pcre2_loop}
export LC_ALL=C

for tool in "$MMHEX" "$PCRE2_LOOP"; do
	if [ ! -x "$tool" ]; then
		echo "bench-regex: $tool not built (make src/mmhex" \
		    "tests/bench/pcre2_loop)" >&2
		exit 1
	fi
done
if ! command -v grep >/dev/null 2>&1; then
	echo "bench-regex: grep not installed" >&2
	exit 1
fi

# same_count WHAT EXPECTED GOT: stop the benchmark when the counts differ.
same_count() {
	if [ "$3" != "$2" ]; then
		echo "bench-regex: $1 counted [$3], expected [$2]" >&2
		exit 1
	fi
}

# GNU grep stops at the first match when its output is /dev/null (as
# best_time makes it), so grep writes to a file instead.
scratch=$(mktemp "${TMPDIR:-/tmp}/bench-regex.XXXXXX")
trap 'rm -f "$scratch"' EXIT

# The literal is the planted 64-byte needle's first 12 bytes (it occurs
# once, 1 MiB before the end); none of the three can match across a
# newline, so grep's line-by-line matching finds what mmhex finds.
patterns=(
	"${NEEDLE64:0:12}"
	'[0-9]{4}-[0-9]{2}'
	'(?:dolor|tortor)\s+sit'
)

bench_files
echo "regex: mmhex -e --count against grep -obUaP and a PCRE2 JIT loop" \
    "(best of $RUNS; ratio > 1: mmhex faster)"
summary=
for f in "$RANDOM_FILE" "$TEXT_FILE"; do
	size=$(stat -c %s "$f")
	for p in "${patterns[@]}"; do
		echo "${f##*/} ($((size / 1024 / 1024)) MiB), /$p/"
		want=$("$PCRE2_LOOP" "$p" "$f")
		same_count "mmhex -e --count" "$want" \
		    "$("$MMHEX" -e "$p" --count "$f" || true)"
		same_count "mmhex -e --reverse --count" "$want" \
		    "$("$MMHEX" -e "$p" --reverse --count "$f" || true)"
		grep -obUaP -- "$p" "$f" >"$scratch" || true
		same_count "grep -obUaP (lines)" "$want" "$(wc -l <"$scratch")"
		echo "  $want matches"

		t_fwd=$(best_time "$MMHEX" -e "$p" --count "$f")
		t_rev=$(best_time "$MMHEX" -e "$p" --reverse --count "$f")
		# shellcheck disable=SC2016  # sh expands them
		t_grep=$(best_time sh -c 'grep -obUaP -- "$1" "$2" >"$3"' sh \
		    "$p" "$f" "$scratch")
		t_loop=$(best_time "$PCRE2_LOOP" "$p" "$f")

		report "grep -obUaP" "$t_grep" "$size" "$t_grep"
		report "pcre2_loop" "$t_loop" "$size" "$t_loop"
		report "mmhex -e --count (vs grep)" "$t_fwd" "$size" "$t_grep"
		report "mmhex -e --count (vs pcre2_loop)" "$t_fwd" "$size" \
		    "$t_loop"
		report "mmhex -e --reverse --count (vs pcre2_loop)" "$t_rev" \
		    "$size" "$t_loop"
		summary+="${f##*/} $size $t_fwd $t_rev $t_grep $t_loop $p"$'\n'
	done
done

# One table to read at a glance: throughput in GB/s, the two target
# ratios and whether each is met.
python3 - "$summary" <<'PY'
import sys
rows = [r.split(" ", 6) for r in sys.argv[1].strip().split("\n")]
print()
print(f"{'file':<11}{'fwd':>7}{'rev':>7}{'grep':>7}{'loop':>7}"
      f"{'fwd/grep':>10}{'fwd/loop':>10}  pattern   (GB/s; targets >= 1.0, >= 0.8)")
missed = 0
for name, size, fwd, rev, grep, loop, pat in rows:
    size, fwd, rev, grep, loop = int(size), *map(float, (fwd, rev, grep, loop))
    speeds = "".join(f"{size / t / 1e9:7.2f}" for t in (fwd, rev, grep, loop))
    vs_grep, vs_loop = grep / fwd, loop / fwd
    mark = lambda ok: " " if ok else "!"
    missed += (vs_grep < 1.0) + (vs_loop < 0.8)
    print(f"{name:<11}{speeds}{vs_grep:9.2f}{mark(vs_grep >= 1.0)}"
          f"{vs_loop:9.2f}{mark(vs_loop >= 0.8)}  {pat}")
print(f"\n{missed} target(s) missed" if missed else "\nall targets met")
PY
