# journal-lib.sh - sourced by the journal's tests (journal.sh,
# crash_flush.sh, kill_random.sh) after lib.sh.

# oracle ORIG OUT OPS...: ORIG with OPS applied in order into OUT, as
# Python's bytearray does them: o:OFF:HEX overwrites, i:OFF:HEX inserts,
# d:OFF:LEN deletes (each offset in the bytes the ones before left).
oracle() {
	python3 -c 'import sys
b = bytearray(open(sys.argv[1], "rb").read())
for op in sys.argv[3:]:
    k, off, arg = op.split(":")
    off = int(off, 0)
    if k == "o":
        v = bytes.fromhex(arg); b[off:off + len(v)] = v
    elif k == "i":
        b[off:off] = bytes.fromhex(arg)
    else:
        del b[off:off + int(arg)]
open(sys.argv[2], "wb").write(b)' "$@"
}

# no_more WHAT FILE: no move log left, and nothing more to recover in
# FILE (what is left of its journal is the undo history).
no_more() {
	expect_eq "$1: no move log left" 0 \
	    "$(find "$XDG_STATE_HOME" -name '*.move*' 2>/dev/null | wc -l)"
	"$MMHEX" --recover "$2" >/dev/null 2>&1
	expect_eq "$1: nothing more to recover" 1 $?
}
