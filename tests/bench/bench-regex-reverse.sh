#!/bin/bash
# bench-regex-reverse.sh - `mmhex --reverse -e` against `mmhex -e` on long
# runs, where every start of a line has a match as long as the rest of
# the line: 64 MiB of 256 KiB lines and 64 MiB of 16 MiB lines, for .+,
# [a-z]{1000,} and [A-Za-z0-9+/]{100,}; and abc, 2.6 million matches, for
# which --reverse finds all but the last 65,536 twice.  Both list every
# offset (to a file).  The target: --reverse within 2x of the forward search (ratio
# fwd/rev >= 0.5).  Before the two-pass reverse, one 256 KiB line took
# 52 s under .+ (quadratic); a 16 MiB one did not finish.
#
# The outputs are checked first: reverse lists the forward offsets, last
# first.

# shellcheck source=tests/bench/lib.sh
. "$(dirname "$0")/lib.sh"
export LC_ALL=C

[ -x "$MMHEX" ] || { echo "bench-regex-reverse: $MMHEX not built" >&2; exit 1; }
mkdir -p "$BENCH_DIR"
scratch=$(mktemp "${TMPDIR:-/tmp}/bench-rrev.XXXXXX")
trap 'rm -f "$scratch" "$scratch.f" "$scratch.r"' EXIT

# long_lines FILE RUN: 64 MiB of lines of RUN letters and digits.
long_lines() {
	[ -f "$1" ] && [ "$(stat -c %s "$1")" -ge $((64 << 20)) ] && return
	python3 - "$1" "$2" <<'PY'
import sys
path, run = sys.argv[1], int(sys.argv[2])
line = (b'abcdefghijklmnopqrstuvwxyz' * (run // 26 + 1))[:run - 1] + b'\n'
with open(path, 'wb') as f:
    for _ in range((64 << 20) // run):
        f.write(line)
PY
}

long_lines "$BENCH_DIR/lines-256k.txt" $((256 << 10))
long_lines "$BENCH_DIR/lines-16m.txt" $((16 << 20))
patterns=('.+' '[a-z]{1000,}' '[A-Za-z0-9+/]{100,}' 'abc')

echo "regex --reverse: mmhex --reverse -e against mmhex -e, every offset" \
    "listed (best of $RUNS; target fwd/rev >= 0.5)"
missed=0
for f in "$BENCH_DIR/lines-256k.txt" "$BENCH_DIR/lines-16m.txt"; do
	size=$(stat -c %s "$f")
	cat "$f" >/dev/null
	for p in "${patterns[@]}"; do
		"$MMHEX" -e "$p" "$f" >"$scratch.f" || true
		"$MMHEX" -e "$p" --reverse "$f" >"$scratch.r" || true
		if ! tac "$scratch.f" | cmp -s - "$scratch.r"; then
			echo "bench-regex-reverse: /$p/ on ${f##*/}: reverse is" \
			    "not the forward offsets reversed" >&2
			exit 1
		fi
		echo "${f##*/}, /$p/: $(wc -l <"$scratch.f") matches"
		# shellcheck disable=SC2016  # sh expands them
		t_fwd=$(best_time sh -c '"$1" -e "$2" "$3" >"$4"' sh "$MMHEX" \
		    "$p" "$f" "$scratch")
		# shellcheck disable=SC2016
		t_rev=$(best_time sh -c '"$1" -e "$2" --reverse "$3" >"$4"' sh \
		    "$MMHEX" "$p" "$f" "$scratch")
		report "mmhex -e" "$t_fwd" "$size" "$t_fwd"
		report "mmhex -e --reverse (vs -e)" "$t_rev" "$size" "$t_fwd"
		if python3 -c "import sys; sys.exit(0 if $t_fwd / $t_rev >= 0.5 else 1)"; then
			echo "  target met"
		else
			echo "  target MISSED"
			missed=$((missed + 1))
		fi
	done
done
echo
if [ "$missed" -gt 0 ]; then echo "$missed target(s) missed"; else echo "all targets met"; fi
