#!/bin/bash
# bench-pieces.sh - searching an edited file: the matches of a needle
# counted through the piece list after 1,000 one-byte inserts spread over
# a BENCH_MB MiB file, against the same count over the unedited file (one
# piece: the finder straight over the mapping), in the same run.  The
# goal: >= 0.9x.  Text and random data, a 12-byte and a 2-byte needle;
# then regexes the same way (the edited file in cut copies with partial
# matching, the unedited one by JIT straight over the mapping).

# shellcheck source=tests/bench/lib.sh
. "$(dirname "$0")/lib.sh"

LOOP=${PIECES_LOOP:-$BUILDDIR/tests/bench/pieces_find_loop}
if [ ! -x "$LOOP" ]; then
	echo "bench-pieces: build it first: make tests/bench/pieces_find_loop" >&2
	exit 1
fi
bench_files
echo "find through the piece list, 1,000 inserts vs none ($BENCH_MB MiB):"
for file in "$TEXT_FILE" "$RANDOM_FILE"; do
	for needle in "$NEEDLE12" "$NEEDLE2"; do
		t0=$(best_time "$LOOP" 0 "$needle" "$file")
		t1=$(best_time "$LOOP" 1000 "$needle" "$file")
		report "${file##*/}, ${#needle}-byte needle, edited" "$t1" \
		    "$(stat -c %s "$file")" "$t0"
	done
done
echo "regex through the piece list, 1,000 inserts vs none ($BENCH_MB MiB):"
for file in "$TEXT_FILE" "$RANDOM_FILE"; do
	for re in "$NEEDLE12" 'mm[a-z]+-n' '[0-9]{6}'; do
		t0=$(best_time "$LOOP" 0 "$re" "$file" regex)
		t1=$(best_time "$LOOP" 1000 "$re" "$file" regex)
		report "${file##*/}, /$re/, edited" "$t1" "$(stat -c %s "$file")" "$t0"
	done
done
