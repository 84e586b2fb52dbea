#!/bin/bash
# run.sh - run every libFuzzer harness for a bounded time (make fuzz-run).
#
#	run.sh FUZZDIR SECONDS
#
# FUZZDIR holds the harnesses built by `make fuzz`; each keeps its corpus
# in FUZZDIR/corpus/NAME between runs, seeded with a few typical inputs.
# Prints the executions of each; exits non-zero when a harness found a
# crash, a leak or a broken invariant (its reproducer is left in FUZZDIR,
# crash-*, to replay with `FUZZDIR/fuzz_NAME crash-...`).
set -u
dir=${1:?usage: run.sh FUZZDIR SECONDS}
secs=${2:-60}
status=0

# seed NAME FILE BYTES: one corpus entry, printf-style.
seed() {
	mkdir -p "$dir/corpus/$1"
	printf "$3" >"$dir/corpus/$1/$2"
}
# expr: 9 context bytes, then the expression.
ctx='\x00\x00\x00\x00\x00\x01\x00\x00\x00'
seed expr dec "${ctx}1234"
seed expr hex "${ctx}0x4d2"
seed expr end "${ctx}\$-16"
seed expr pct "${ctx}50%%"
seed expr rel "${ctx}+1K"
seed expr big "${ctx}0xffffffffffffffffG"
# pattern: a byte choosing hex (odd) or text (even), then the string.
seed pattern hex '\x01de ad ?? ef'
seed pattern text '\x00a\\x00\\n\\t\\\\b'
# editor: header (session, -b, -t), file length, file, keys.
seed editor cow '\x01\x10Lorem ipsum dolRAB\x1bu\xe0w'
seed editor wt '\x02\x10Lorem ipsum dol\x09RxyzM\x1bvly\xe2p=ff\x0duu'
seed editor ro '\x00\x10Lorem ipsum dolRAB/o.\x0dnNg$-2\x0d'
seed editor find '\x07\x20abcabcabcabcabcabcabcabcabcabcabfabc\x0d?c\x0d\xfe\x01\x01t'
# pieces: base length, base, then KIND OFFSET LENGTH [bytes] operations.
seed pieces ins '\x08abcdefgh\x02\x03\x02XY\x01\x01\x03\x03\x00\x04'
seed pieces del '\x10aaaabbbbccccdddd\x01\x04\x08\x03\x02\x03\x04\x00\x01Z\x00\x00\x02'

for h in "$dir"/fuzz_*; do
	# A fuzzer, not the directory fuzz_editor leaves beside it.
	[ -f "$h" ] && [ -x "$h" ] || continue
	name=${h##*/fuzz_}
	mkdir -p "$dir/corpus/$name"
	log=$dir/fuzz_$name.log
	(cd "$dir" && "$h" -max_total_time="$secs" -timeout=10 \
	    -artifact_prefix="$dir/" \
	    -rss_limit_mb=2048 -print_final_stats=1 "corpus/$name") >"$log" 2>&1
	rc=$?
	runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" |
	    grep -o '[0-9]*$')
	echo "fuzz_$name: ${runs:-?} executions in ${secs}s, exit $rc"
	if [ $rc -ne 0 ]; then
		grep -m1 -B2 -A30 'ERROR\|invariant broken\|runtime error' "$log"
		status=1
	fi
done
exit $status
