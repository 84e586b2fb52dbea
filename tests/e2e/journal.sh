#!/bin/bash
# journal.sh - nothing is lost: unflushed edits survive a closed terminal
# (tmux kill-session: a real hangup), kill -TERM and kill -9; the next
# session asks, and restoring gives the edits back unflushed, so that w
# writes the file Python's oracle makes of the same edits; discarding
# gives the original; --recover does it without a terminal; a file
# changed in between is refused; a second viewer of a file being edited
# goes read-only; read-only sessions create nothing under the state
# directory (find before and after, and strace).
. "$TESTLIB"
. "$(dirname "$TESTLIB")/tmux.sh"
. "$(dirname "$TESTLIB")/journal-lib.sh"
need python3 cmp

f=$T/data.bin
orig=$T/orig.bin
python3 -c 'import random, sys
r = random.Random(12)
open(sys.argv[1], "wb").write(bytes(r.randrange(256) for _ in range(65536)))' "$orig"
jdir=$XDG_STATE_HOME/mmhex
# A sanitized mmhex wants its runtime first in the library list (the
# fault shim goes before it), and LeakSanitizer cannot run under strace.
asan=${ASAN_OPTIONS:-}
if ldd "$MMHEX" 2>/dev/null | grep -q libasan; then
	asan="${asan:+$asan:}verify_asan_link_order=0:detect_leaks=0"
fi

# The server must outlive the sessions killed below (tmux.sh's note).
tm new-session -d -s placeholder sleep 3600

# edits: deadbeef over 0x100, 41 42 inserted before 0x2000, the byte at
# 0x3000 deleted, in a copy-on-write session (the default).
EDITS="o:0x100:deadbeef i:0x2000:4142 d:0x3000:1"
edits() {
	cp "$orig" "$f"
	start_mmhex -J -x 200 -y 30 "$f"
	go 0x100
	keys R
	type_text deadbeef
	keys Escape
	go 0x2000
	keys I
	type_text 4142
	keys Escape
	go 0x3000
	keys x
	expect_status "edited" "[+1 byte, 6 changed]"
	PID=$(mmhex_pid)
	[ -n "$PID" ] || fail "no mmhex pid"
}

# gone: wait until mmhex $PID is gone.
gone() {
	local i=0
	while kill -0 "$PID" 2>/dev/null && [ $i -lt 300 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	kill -0 "$PID" 2>/dev/null && fail "$1: mmhex $PID still runs"
}

journals() {
	find "$XDG_STATE_HOME" -name '*.journal' 2>/dev/null | wc -l
}

# 1. A closed terminal: restore, flush, the oracle's file.
oracle "$orig" "$T/want.bin" $EDITS
edits
tm kill-session -t "$SESSION"
SESSION=
gone "hangup"
expect_same_file "hangup: the file untouched" "$orig" "$f"
expect_eq "hangup: the journal kept" 1 "$(journals)"
expect_eq "journal directory 0700" 700 "$(stat -c %a "$jdir")"
expect_eq "journal 0600" 600 "$(stat -c %a "$jdir"/*.journal)"
list=$("$MMHEX" --recover --list)
expect_eq "--recover --list: exit" 0 $?
case $list in
"$f	3 unflushed edits	9 bytes	"*"	ended	$jdir/"*.journal) checks=$((checks + 1)) ;;
*) fail "--recover --list: [$list]" ;;
esac
start_mmhex -J -x 200 -y 30 -w "unflushed edit" "$f"
expect_status "asked" "3 unflushed edits of a session that ended"
keys r
expect_status "restored" "restored 3 edits"
expect_status "unflushed again" "[+1 byte, 6 changed]"
expect_same_file "restored: still not in the file" "$orig" "$f"
keys u
expect_status "undoable" "undone: 1 byte at 0x3000"
keys C-r
keys w
expect_status "w" "  flushed "
expect_same_file "hangup: restored and flushed = oracle" "$T/want.bin" "$f"
keys q
expect_exit "q" 0
expect_eq "a clean end keeps the undo history" 1 "$(journals)"
# Undo after reopening: u takes back what the last session flushed.
start_mmhex -J -x 200 -y 30 "$f"
expect_status "history kept" "3 undo steps kept from the last session"
keys u
expect_status "u after reopening" "undone: 1 byte at 0x3000"
keys w
expect_status "flushed the undo" "  flushed "
oracle "$orig" "$T/want2.bin" o:0x100:deadbeef i:0x2000:4142
expect_same_file "undone after reopening and flushed = oracle" "$T/want2.bin" "$f"
keys q
expect_exit "q" 0

# undo-keep 0 in the configuration: a clean end keeps nothing.
mkdir -p "$T/cfg/mmhex"
echo "undo-keep 0" >"$T/cfg/mmhex/config"
cp "$orig" "$f"
start_mmhex -e XDG_CONFIG_HOME="$T/cfg" -x 200 -y 30 -- -g 0x10 "$f"
keys R
type_text 41
keys Escape w q
expect_exit "undo-keep 0: q" 0
expect_eq "undo-keep 0: no history kept" 0 "$(journals)"

# 2. kill -TERM, then discard: the original, no journal.
edits
kill -TERM "$PID"
gone "TERM"
expect_eq "TERM: the journal kept" 1 "$(journals)"
start_mmhex -J -x 200 -y 30 -w "unflushed edit" "$f"
expect_status "asked after TERM" "unflushed edits"
keys d
expect_status "discarded" "discarded 3 unflushed edits"
keys q
expect_exit "q after discard" 0
expect_same_file "discarded: the original" "$orig" "$f"
expect_eq "discarded: no journal" 0 "$(journals)"

# 3. kill -9: the interactive restore, then (again) --recover.
edits
sleep 1		# the journal is durable within a second
kill -KILL "$PID"
gone "KILL"
start_mmhex -J -x 200 -y 30 -w "unflushed edit" "$f"
expect_status "asked after kill -9" "3 unflushed edits"
keys r
expect_status "restored after kill -9" "[+1 byte, 6 changed]"
keys w
expect_status "kill -9: w" "  flushed "
expect_same_file "kill -9: restored and flushed = oracle" "$T/want.bin" "$f"
keys q
expect_exit "q" 0
edits
sleep 1		# the journal is durable within a second
kill -KILL "$PID"
gone "KILL 2"
out=$("$MMHEX" --recover "$f" 2>&1)
expect_eq "--recover: exit 0" 0 $?
expect_eq "--recover: what it did" \
    "$f: recovered 3 edits: 6 changed bytes, size +1, flushed" "$out"
expect_same_file "--recover = oracle" "$T/want.bin" "$f"
expect_eq "--recover: only the history left" 1 "$(journals)"
out=$("$MMHEX" --recover "$f" 2>&1)
expect_eq "--recover again: exit 1" 1 $?
case $out in
"mmhex: $f: nothing to recover"*) checks=$((checks + 1)) ;;
*) fail "--recover again: [$out]" ;;
esac

# 3b. A restore makes the file durable before it replays (a flush cut
# after its writes left bytes equal to the edits, maybe not on the disk):
# when that fdatasync fails, nothing is restored and the journal stays.
edits
sleep 1		# the journal is durable within a second
kill -KILL "$PID"
gone "KILL sync"
echo "fdatasync:EIO" >"$T/fault"
start_mmhex -J -x 200 -y 30 -e "LD_PRELOAD=$FAULTLIB" \
    -e "MMHEX_FAULT_FILE=$T/fault" -e "MMHEX_FAULT_SKIP_DIR=$XDG_STATE_HOME" \
    -e "ASAN_OPTIONS=$asan" -w "unflushed edit" "$f"
keys r
expect_status "restore, fdatasync fails: said" \
    "data.bin: fdatasync: Input/output error; nothing restored"
keys w
expect_status "restore, fdatasync fails: read-only now" "read-only"
keys q
expect_exit "restore, fdatasync fails: q" 0
: >"$T/fault"
expect_same_file "restore, fdatasync fails: the file untouched" "$orig" "$f"
out=$("$MMHEX" --recover "$f" 2>&1)
expect_eq "restore, fdatasync fails: journal kept, --recover" \
    "$f: recovered 3 edits: 6 changed bytes, size +1, flushed" "$out"
expect_same_file "restore, fdatasync fails: then = oracle" "$T/want.bin" "$f"

# 4. The file changed in between: refused, nothing written, journal kept.
edits
sleep 1		# the journal is durable within a second
kill -KILL "$PID"
gone "KILL 3"
python3 -c 'import sys
with open(sys.argv[1], "r+b") as f:
    f.seek(0x100); f.write(b"zzzz")' "$f"
cp "$f" "$T/changed.bin"
start_mmhex -J -x 200 -y 30 -w "changed since" "$f"
expect_status "changed: said" "changed since its 3 unflushed edits"
keys r
expect_status "changed: r refused" "cannot restore"
keys k
expect_status "changed: kept, read-only" "journal kept"
expect_status "changed: RO" " RO "
keys q
expect_exit "q" 0
expect_same_file "changed: nothing written" "$T/changed.bin" "$f"
expect_error "--recover of a changed file" "changed since its journal was written" \
    "$MMHEX" --recover "$f"
expect_same_file "changed: --recover wrote nothing" "$T/changed.bin" "$f"
expect_eq "changed: the journal kept" 1 "$(journals)"
rm -f "$jdir"/*.journal

# 5. Two viewers on one file: the second says who edits it, read-only.
cp "$orig" "$f"
tm new-session -d -s first -x 100 -y 30 -- "$MMHEX" "$f"
i=0
while [ "$(journals)" -eq 0 ] && [ $i -lt 300 ]; do sleep 0.05; i=$((i + 1)); done
first=$(tm display-message -p -t first:0.0 '#{pane_pid}')
start_mmhex -J -x 200 -y 30 "$f"
expect_status "second viewer: who" "being edited by another mmhex (pid $first): opened read-only"
expect_status "second viewer: RO" " RO "
keys R
expect_status "second viewer cannot edit" "read-only"
keys q
expect_exit "second viewer: q" 0
# ...and --insert/--delete refuse to move its bytes under it.
expect_error "--insert while a session edits" \
    "is being edited by another mmhex (pid $first): nothing changed" \
    "$MMHEX" --insert=0:ff "$f"
expect_error "--delete while a session edits" "(pid $first): nothing changed" \
    "$MMHEX" --delete=0:1 "$f"
# ...nor --patch to write under its edits (it is journaled the same way).
expect_error "--patch while a session edits" "(pid $first): nothing changed" \
    "$MMHEX" --patch=0:ff "$f"
expect_same_file "refused: the file as it was" "$orig" "$f"
tm send-keys -t first:0.0 q
i=0
while [ "$(journals)" -ne 0 ] && [ $i -lt 300 ]; do sleep 0.05; i=$((i + 1)); done
expect_eq "first viewer quit: journal gone" 0 "$(journals)"
expect_same_file "two viewers: untouched" "$orig" "$f"

# 5a. A journal with unflushed edits: --insert refuses (its edits would
# land on a file the journal no longer matches); --recover, then it goes.
oracle "$orig" "$T/want.bin" $EDITS
edits
kill -9 "$PID"
gone "5a"
cp "$f" "$T/before.bin"
expect_error "--insert with unflushed edits" \
    "has edits a session left unflushed: 'mmhex --recover $f' or open it first; nothing changed" \
    "$MMHEX" --insert=0:ff "$f"
expect_same_file "5a: refused, nothing written" "$T/before.bin" "$f"
"$MMHEX" --recover "$f" >/dev/null
expect_same_file "5a: recovered" "$T/want.bin" "$f"
"$MMHEX" --insert=0:ff "$f"
expect_eq "5a: then --insert" 0 $?
python3 -c 'import sys
open(sys.argv[2], "wb").write(b"\xff" + open(sys.argv[1], "rb").read())' \
    "$T/want.bin" "$T/want2.bin"
expect_same_file "5a: inserted" "$T/want2.bin" "$f"
expect_eq "5a: no journal left" 0 "$(journals)"

# 5b. The journal cannot be written (a full state directory: the fault
# shim fails writev, which only the journal uses): said on the status
# line, at the start or when it happens; editing and flushing go on.
cp "$orig" "$f"
echo "writev:ENOSPC" >"$T/fault"
start_mmhex -x 200 -y 30 -e "LD_PRELOAD=$FAULTLIB" -e "MMHEX_FAULT_FILE=$T/fault" \
    -e "ASAN_OPTIONS=$asan" -- -g 0x10 "$f"
expect_status "journal not begun: said" "No space left on device: edits are not journaled"
keys C-l
expect_status "journal not begun: the status says it" "  NOT JOURNALED  "
keys R
type_text 41
keys Escape w
expect_status "not journaled: the flush still works" "  flushed "
keys q
expect_exit "not journaled: q" 0
expect_eq "not journaled: no journal left" 0 "$(journals)"
cp "$orig" "$f"
: >"$T/fault"
start_mmhex -x 200 -y 30 -e "LD_PRELOAD=$FAULTLIB" -e "MMHEX_FAULT_FILE=$T/fault" \
    -e "ASAN_OPTIONS=$asan" -- -g 0x10 "$f"
echo "writev:ENOSPC" >"$T/fault"
keys R
type_text 4
expect_status "journal failing: said" "edits are no longer journaled"
type_text 1
keys Escape
expect_status "journal failing: still said" "  NOT JOURNALED  "
: >"$T/fault"
keys w
expect_status "journal failing: the flush still works" "  flushed "
keys q
expect_exit "journal failing: q" 0
python3 -c 'import sys
b = bytearray(open(sys.argv[1], "rb").read()); b[0x10] = 0x41
open(sys.argv[2], "wb").write(b)' "$orig" "$T/want3.bin"
expect_same_file "journal failing: the file = oracle" "$T/want3.bin" "$f"

# 5c. The move log cannot be made (a directory where its .new goes): the
# flush still moves the tail, and its message says the move was not
# crash-safe, and why.
cp "$orig" "$f"
start_mmhex -x 200 -y 30 -- -g 0x10 "$f"
keys I
type_text 5a
keys Escape
expect_status "no move log: inserted" "[+1 byte, 1 changed]"
j=$(ls "$jdir"/*.journal)
mkdir "${j%.journal}.move.new"
keys w
expect_screen_has "no move log: flushed, and said" \
    "flushed 1 changed byte, size +1"
expect_screen_has "no move log: not crash-safe, why" \
    "not crash-safe: journal: ${j%.journal}.move.new: open: Is a directory"
keys q
expect_exit "no move log: q" 0
rmdir "${j%.journal}.move.new"
oracle "$orig" "$T/want4.bin" i:0x10:5a
expect_same_file "no move log: the file = oracle" "$T/want4.bin" "$f"

# 5d. A paste: 10,000 keys at once, faster than frames.  All of them are
# inserted; the journal is written a frame's worth at a time (strace: far
# fewer writes to it than keys), and a kill -9 once the screen shows the
# paste loses none of it.
if command -v strace >/dev/null 2>&1; then
	cp "$orig" "$f"
	python3 -c 'print("ab" * 5000, end="")' >"$T/paste"
	tm new-session -d -s pasted -x 200 -y 30 -- env ASAN_OPTIONS="$asan" \
	    strace -f -y -o "$T/paste.strace" -e trace=write,writev "$MMHEX" -g 0x10 "$f"
	i=0
	while ! tm capture-pane -p -t pasted:0.0 | grep -q "0x00000010" &&
	    [ $i -lt 300 ]; do sleep 0.05; i=$((i + 1)); done
	tm send-keys -t pasted:0.0 Tab I
	tm send-keys -t pasted:0.0 -l "$(cat "$T/paste")"
	i=0
	while ! tm capture-pane -p -t pasted:0.0 | grep -qF "[+10000 bytes" &&
	    [ $i -lt 600 ]; do sleep 0.05; i=$((i + 1)); done
	expect_eq "paste: all of it shown" 1 \
	    "$(tm capture-pane -p -t pasted:0.0 | grep -cF "[+10000 bytes, 10000 changed]")"
	pkill -KILL -nf -- "^$MMHEX -g 0x10 $f"
	i=0
	while ! grep -q "+++ killed by SIGKILL" "$T/paste.strace" 2>/dev/null &&
	    [ $i -lt 300 ]; do sleep 0.05; i=$((i + 1)); done
	n=$(grep -E '^[0-9]+ +writev?\([0-9]+<[^>]*\.journal>' "$T/paste.strace" | wc -l)
	checks=$((checks + 1))
	[ "$n" -ge 1 ] && [ "$n" -lt 1000 ] ||
	    fail "paste: $n writes to the journal for 10000 keys"
	out=$("$MMHEX" --recover "$f" 2>&1)
	expect_eq "paste, kill -9: --recover exit 0" 0 $?
	oracle "$orig" "$T/want5.bin" "i:0x10:$(od -An -v -tx1 "$T/paste" | tr -d ' \n')"
	expect_same_file "paste, kill -9: recovered = oracle" "$T/want5.bin" "$f"
	tm kill-session -t pasted 2>/dev/null
fi

# 6. Read-only sessions create nothing under the state directory.
cp "$orig" "$f"
rm -rf "$XDG_STATE_HOME"
mkdir -p "$XDG_STATE_HOME"
before=$(find "$XDG_STATE_HOME" | sort)
start_mmhex -J -x 200 -y 30 -- -r "$f"
keys R j l u w
keys q
expect_exit "read-only: q" 0
expect_eq "read-only: nothing created" "$before" "$(find "$XDG_STATE_HOME" | sort)"
if command -v strace >/dev/null 2>&1; then
	tm new-session -d -s traced -x 100 -y 30 -- env ASAN_OPTIONS="$asan" \
	    strace -f -o "$T/strace.log" -e trace=%file,%desc "$MMHEX" -r "$f"
	i=0
	while ! grep -q "mmap\|openat.*data.bin" "$T/strace.log" 2>/dev/null &&
	    [ $i -lt 300 ]; do sleep 0.05; i=$((i + 1)); done
	sleep 0.3
	tm send-keys -t traced:0.0 R 4 1 Escape w q
	i=0
	while ! grep -q "+++ exited" "$T/strace.log" 2>/dev/null &&
	    [ $i -lt 300 ]; do sleep 0.05; i=$((i + 1)); done
	expect_eq "strace: read-only ran to its end" 1 \
	    "$(grep -c '+++ exited with 0' "$T/strace.log")"
	expect_eq "strace: nothing under the state directory" 0 \
	    "$(grep -c "$XDG_STATE_HOME" "$T/strace.log")"
	expect_eq "strace: no file opened to write" 0 \
	    "$(grep -E 'open(at)?\(' "$T/strace.log" | grep -v '/dev/' |
	    grep -cE 'O_(WRONLY|RDWR|CREAT)')"
	expect_eq "strace: nothing made" 0 \
	    "$(grep -cE '(mkdir|unlink|rename)(at)?\(' "$T/strace.log")"
fi
expect_same_file "read-only: untouched" "$orig" "$f"

finish
