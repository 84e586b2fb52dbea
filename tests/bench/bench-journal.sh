#!/bin/bash
# bench-journal.sh - what the session's journal costs, each against the
# same work without it, in the same run (goals from the journal issue):
#   - typing K (10,000) overwrite keys as a session does, each key with
#     its journal tick and the viewer's frame (render + ncurses refresh,
#     to /dev/null): with the journal vs without (goal >= 0.9x); the
#     same without frames (the core alone: what the journal's write per
#     key costs next to an edit in memory); and pasting them (the UI then
#     draws, and writes the journal, once every 50 ms);
#   - the bytes the journal writes per typed byte;
#   - restoring 100,000 unflushed edits vs typing them without a journal;
#   - the crash-safe flush of a 1-byte insert at offset 0 of BENCH_MB MiB
#     (the move logged, each chunk's bytes first: every chunk of such a
#     move covers its own source) vs the same flush without the journal
#     (goal >= 0.8x).

# shellcheck source=tests/bench/lib.sh
. "$(dirname "$0")/lib.sh"

LOOP=${JOURNAL_LOOP:-$BUILDDIR/tests/bench/journal_loop}
if [ ! -x "$LOOP" ]; then
	echo "bench-journal: build it first: make tests/bench/journal_loop" >&2
	exit 1
fi
K=${JOURNAL_KEYS:-10000}
P=${JOURNAL_PASTE_KEYS:-200000}	# a paste: enough keys to time
N=${JOURNAL_EDITS:-100000}
bench_files
export XDG_STATE_HOME=$BENCH_DIR/state
rm -rf "$XDG_STATE_HOME"
small=$BENCH_DIR/journal-1m.bin
head -c $((1 << 20)) "$RANDOM_FILE" >"$small"

echo "typing $K overwrite keys (1 MiB file, copy-on-write; the typing timed, not the start):"
# typed MODE [nojournal]: the best typing time of RUNS, and the journal's
# size.  MODE frame: the viewer's frame and a journal write after every
# key, as a person types; type: the journal write only; paste: keys
# faster than frames, a frame every 50 ms.
typed() {
	local best= size=0 out t mode=$1 keys=$K
	shift
	[ "$mode" = paste ] && keys=$P
	for _ in $(seq "$RUNS"); do
		out=$("$LOOP" "$mode" "$keys" "$small" "$@")
		t=${out% *}
		size=${out#* }
		best=$(python3 -c 'import sys; a = sys.argv[1]; b = float(sys.argv[2]); print(b if a == "" else min(float(a), b))' "$best" "$t")
	done
	echo "$best $size"
}
read -r t_no _ < <(typed frame nojournal)
read -r t_j size < <(typed frame)
report "typed, a frame a key, with the journal (ratio: without / with)" \
    "$t_j" "$K" "$t_no"
read -r t_no _ < <(typed type nojournal)
read -r t_j _ < <(typed type)
report "the core alone, no frames (ratio: without / with)" \
    "$t_j" "$K" "$t_no"
read -r t_no _ < <(typed paste nojournal)
read -r t_j _ < <(typed paste)
report "pasted ($P keys), a frame each 50 ms, with the journal (ratio: without / with)" \
    "$t_j" "$P" "$t_no"
python3 -c 'import sys
size, k = int(sys.argv[1]), int(sys.argv[2])
print(f"  journal: {size} bytes for {k} typed bytes: {size / k:.1f} bytes per typed byte")' "$size" "$K"

echo "restoring $N unflushed edits vs typing them without a journal:"
t_type=$(best_time "$LOOP" type "$N" "$small" nojournal)
best=
for _ in $(seq "$RUNS"); do
	"$LOOP" type "$N" "$small" >/dev/null
	t=$(RUNS=1 best_time "$LOOP" restore "$small")
	best=$(python3 -c 'import sys; a = sys.argv[1]; b = float(sys.argv[2]); print(b if a == "" else min(float(a), b))' "$best" "$t")
done
got=$("$LOOP" type "$N" "$small" >/dev/null && "$LOOP" restore "$small")
[ "$got" = "$N" ] || { echo "bench-journal: restored $got, not $N" >&2; exit 1; }
report "restore (ratio: typing / restoring)" "$best" "$N" "$t_type"

echo "flush of a 1-byte insert at offset 0 of $BENCH_MB MiB:"
big=$BENCH_DIR/journal-flush.bin
cp "$RANDOM_FILE" "$big"
bytes=$(stat -c %s "$big")
t_no=$(best_time "$LOOP" flush "$big" nojournal)
t_j=$(best_time "$LOOP" flush "$big")
report "crash-safe (ratio: without / with the journal)" "$t_j" "$bytes" "$t_no"
rm -f "$big"
rm -rf "$XDG_STATE_HOME"
