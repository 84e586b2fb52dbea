#!/bin/bash
# bench-dump.sh - `mmhex -d` against `xxd` and `hexdump -C` on the 1 GiB
# random and text files.  The target is at least 5x the speed of xxd.
#
# Output goes to /dev/null for every tool, which makes writing nearly
# free: the numbers measure formatting, the part each tool controls.
# hexdump -C needs about a minute per GiB, so it is compared on a prefix
# (HEXDUMP_MB, default 256 MiB: `hexdump -C -n` against `mmhex -d -l`),
# and the slow references run REF_RUNS times (default 2) instead of RUNS.

# shellcheck source=tests/bench/lib.sh
. "$(dirname "$0")/lib.sh"

HEXDUMP_MB=${HEXDUMP_MB:-256}
REF_RUNS=${REF_RUNS:-2}
CHECK_MB=16

for tool in xxd hexdump; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "bench-dump: $tool not installed" >&2
		exit 1
	fi
done

# runs N CMD...: run CMD with RUNS set to N for that call only.
runs() {
	local saved=$RUNS rc=0
	RUNS=$1
	shift
	"$@" || rc=$?
	RUNS=$saved
	return $rc
}

bench_files
echo "dump: mmhex -d against xxd and hexdump -C, stdout to /dev/null" \
    "(best of $RUNS for mmhex, of $REF_RUNS for xxd, 1 for hexdump)"
worst=
for f in "$RANDOM_FILE" "$TEXT_FILE"; do
	size=$(stat -c %s "$f")
	prefix=$((HEXDUMP_MB * 1024 * 1024))
	echo "${f##*/} ($((size / 1024 / 1024)) MiB)"

	# Only a correct dump is worth timing.
	if ! cmp -s <("$MMHEX" -d -l "${CHECK_MB}M" "$f") \
	    <(hexdump -C -n $((CHECK_MB * 1024 * 1024)) "$f"); then
		echo "bench-dump: mmhex -d differs from hexdump -C on" \
		    "the first $CHECK_MB MiB of $f" >&2
		exit 1
	fi

	t_mmhex=$(best_time "$MMHEX" -d "$f")
	t_xxd=$(runs "$REF_RUNS" best_time xxd "$f")
	report "xxd" "$t_xxd" "$size" "$t_xxd"
	report "mmhex -d (vs xxd)" "$t_mmhex" "$size" "$t_xxd"

	t_mmhex_p=$(best_time "$MMHEX" -d -l "${HEXDUMP_MB}M" "$f")
	t_hexdump=$(runs 1 best_time hexdump -C -n "$prefix" "$f")
	report "hexdump -C -n ${HEXDUMP_MB}M" "$t_hexdump" "$prefix" \
	    "$t_hexdump"
	report "mmhex -d -l ${HEXDUMP_MB}M (vs hexdump -C)" "$t_mmhex_p" \
	    "$prefix" "$t_hexdump"

	ratio=$(python3 -c "print(f'{$t_xxd / $t_mmhex:.2f}')")
	if [ -z "$worst" ] || python3 -c "import sys; sys.exit(not $ratio < $worst)"; then
		worst=$ratio
	fi
done
if python3 -c "import sys; sys.exit(not $worst >= 5)"; then
	echo "target: at least 5x xxd: met (worst ${worst}x)"
else
	echo "target: at least 5x xxd: NOT met (worst ${worst}x)"
fi
