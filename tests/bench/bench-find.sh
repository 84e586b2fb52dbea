#!/bin/bash
# bench-find.sh - `mmhex -f NEEDLE --count`, forward and --reverse, against
# ripgrep (`rg -a -c -F`), GNU grep (`grep -a -c -F`) and a plain glibc
# memmem loop (tests/bench/memmem_loop, -r for the reverse reference), on
# the 1 GiB random and text files, for needles of 2, 12 and 64 bytes.
# The target: mmhex at least as fast as rg in both directions.
#
# Each needle occurs once, 1 MiB before the end (lib.sh plants it), so
# every tool scans the whole file (in the random file the 2-byte needle
# also occurs by chance, about once per 64 KiB).  The counts are checked
# before anything is timed: mmhex's against the memmem loops', rg's and
# grep's (lines with a match) against each other.

# shellcheck source=tests/bench/lib.sh
. "$(dirname "$0")/lib.sh"

MEMMEM_LOOP=${MEMMEM_LOOP:-$BUILDDIR/tests/bench/memmem_loop}

for tool in "$MMHEX" "$MEMMEM_LOOP"; do
	if [ ! -x "$tool" ]; then
		echo "bench-find: $tool not built (make src/mmhex" \
		    "tests/bench/memmem_loop)" >&2
		exit 1
	fi
done
for tool in rg grep; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "bench-find: $tool not installed" >&2
		exit 1
	fi
done

# same_count WHAT EXPECTED CMD...: the count CMD prints must be EXPECTED.
same_count() {
	local what=$1 want=$2 got
	shift 2
	got=$("$@" || true)
	if [ "$got" != "$want" ]; then
		echo "bench-find: $what counted [$got], expected [$want]" >&2
		exit 1
	fi
}

# GNU grep stops at the first match when its output is /dev/null (as
# best_time makes it), so grep writes to a file instead.
scratch=$(mktemp "${TMPDIR:-/tmp}/bench-find.XXXXXX")
trap 'rm -f "$scratch"' EXIT

bench_files
echo "find: mmhex -f --count against rg -a -c -F, grep -a -c -F and a" \
    "memmem loop (best of $RUNS; ratio > 1: mmhex faster)"
summary=
for f in "$RANDOM_FILE" "$TEXT_FILE"; do
	size=$(stat -c %s "$f")
	for needle in "$NEEDLE2" "$NEEDLE12" "$NEEDLE64"; do
		echo "${f##*/} ($((size / 1024 / 1024)) MiB), needle of" \
		    "${#needle} bytes '$needle'"
		want=$("$MEMMEM_LOOP" "$needle" "$f" || true)
		same_count "mmhex -f --count" "$want" \
		    "$MMHEX" -f "$needle" --count "$f"
		want_rev=$("$MEMMEM_LOOP" -r "$needle" "$f" || true)
		same_count "mmhex -f --reverse --count" "$want_rev" \
		    "$MMHEX" -f "$needle" --reverse --count "$f"
		# rg and grep count lines, fewer than matches when a line holds two.
		lines=$(rg -a -c -F -- "$needle" "$f" || true)
		lines=${lines:-0}	# rg prints nothing for no match
		same_count "grep -a -c -F" "$lines" grep -a -c -F -- "$needle" "$f"
		if [ "$lines" -gt "$want" ] ||
		    { [ "$lines" -eq 0 ] && [ "$want" -ne 0 ]; }; then
			echo "bench-find: rg counted $lines lines for $want matches" >&2
			exit 1
		fi

		t_fwd=$(best_time "$MMHEX" -f "$needle" --count "$f")
		t_rev=$(best_time "$MMHEX" -f "$needle" --reverse --count "$f")
		t_rg=$(best_time rg -a -c -F -- "$needle" "$f")
		# shellcheck disable=SC2016  # sh expands them
		t_grep=$(best_time sh -c 'grep -a -c -F -- "$1" "$2" >"$3"' sh \
		    "$needle" "$f" "$scratch")
		t_mm=$(best_time "$MEMMEM_LOOP" "$needle" "$f")
		t_mmr=$(best_time "$MEMMEM_LOOP" -r "$needle" "$f")

		report "rg -a -c -F" "$t_rg" "$size" "$t_rg"
		report "grep -a -c -F" "$t_grep" "$size" "$t_grep"
		report "memmem_loop" "$t_mm" "$size" "$t_mm"
		report "memmem_loop -r" "$t_mmr" "$size" "$t_mmr"
		report "mmhex -f --count (vs rg)" "$t_fwd" "$size" "$t_rg"
		report "mmhex -f --count (vs grep)" "$t_fwd" "$size" "$t_grep"
		report "mmhex -f --count (vs memmem)" "$t_fwd" "$size" "$t_mm"
		report "mmhex -f --reverse --count (vs rg)" "$t_rev" "$size" "$t_rg"
		report "mmhex -f --reverse --count (vs memmem -r)" "$t_rev" \
		    "$size" "$t_mmr"
		summary+="${f##*/} ${#needle} $size $t_fwd $t_rev $t_rg $t_grep $t_mm $t_mmr"$'\n'
	done
done

# One table to read at a glance: throughput in GB/s and mmhex / rg.
python3 - "$summary" <<'PY'
import sys
rows = [r.split() for r in sys.argv[1].strip().split("\n")]
print()
print(f"{'file':<11}{'needle':>7}{'fwd':>8}{'rev':>8}{'rg':>8}{'grep':>8}"
      f"{'memmem':>8}{'memrev':>8}{'fwd/rg':>8}{'rev/rg':>8}   (GB/s)")
for name, n, size, *ts in rows:
    size = int(size)
    fwd, rev, rg, grep, mm, mmr = map(float, ts)
    speeds = "".join(f"{size / t / 1e9:8.2f}" for t in (fwd, rev, rg, grep, mm, mmr))
    print(f"{name:<11}{n:>7}{speeds}{rg / fwd:8.2f}{rg / rev:8.2f}")
PY
