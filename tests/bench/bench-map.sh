#!/bin/bash
# bench-map.sh - `mmhex --map` over the 1 GiB random and text files
# against `mmhex -f` for a needle that is not there over the same file
# (a scan of every byte at memory speed; the goal, issue 14: the map at
# least 0.5x of it), and over a 100 GiB sparse file with data at both
# ends (timed and reported, not asserted: the holes are not read).
# shellcheck source=tests/bench/lib.sh
. "$(dirname "$0")/lib.sh"

bench_files
absent='~~no such needle in either file~~'
echo "map: mmhex --map against mmhex -f of an absent needle (best of $RUNS; ratio > 1: --map faster)"
for f in "$RANDOM_FILE" "$TEXT_FILE"; do
	size=$(stat -c %s "$f")
	echo "${f##*/} ($((size >> 20)) MiB): $("$MMHEX" --map "$f" | wc -l) run(s)"
	t_map=$(best_time "$MMHEX" --map "$f")
	t_find=$(best_time "$MMHEX" -f "$absent" --count "$f")
	report "mmhex -f (absent)" "$t_find" "$size" "$t_find"
	report "mmhex --map (vs -f)" "$t_map" "$size" "$t_find"
done
sparse=$BENCH_DIR/sparse-100g.bin
if [ ! -f "$sparse" ]; then
	truncate -s 100G "$sparse"
	printf 'head' | dd of="$sparse" conv=notrunc status=none
	printf 'tail' | dd of="$sparse" bs=1 seek=$(((100 << 30) - 4)) \
	    conv=notrunc status=none
fi
t=$(best_time "$MMHEX" --map "$sparse")
echo "  mmhex --map, 100 GiB sparse (data at both ends): ${t}s (goal: under 1 s)"
