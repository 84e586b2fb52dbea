#!/bin/bash
# kill_random.sh - kill -9 at a random moment of a long interactive
# session (overwrites, inserts, deletes and flushes that move the tail of
# a 4 MiB file, typed as a person would, a command every few ms), KILL_RUNS
# times (50): whatever moment it hits, in the middle of typing or of a
# flush's move, `mmhex --recover` must give a file that is exactly what
# the session showed after some prefix of the keys (Python replays the
# keys and keeps a digest of the file after each one), never anything
# else, and no journal may be left.  Then kill -9 at a random moment of a
# long flush (a 64 MiB move), KILL_FLUSH_RUNS times (50): the recovered
# file is exactly the oracle's.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/tmux.sh"
. "$(dirname "$TESTLIB")/journal-lib.sh"
need python3 cmp
runs=${KILL_RUNS:-50}
orig=$T/orig.bin
f=$T/f.bin
python3 -c 'import random, sys
r = random.Random(3)
open(sys.argv[1], "wb").write(r.randbytes(4 << 20))' "$orig"

# script SEED: the keys, one command a line: "g OFFSET", "R TEXT", "I TEXT",
# "x", "w" (each a goto, then an overwrite or insert run, a delete, a flush).
script() {
	python3 -c 'import random, sys
r = random.Random(int(sys.argv[1]))
for _ in range(60):
    print("g %d" % r.randrange(0x100, 0x300000))
    k = r.random()
    if k < 0.35:
        print("R " + "".join(r.choice("abcdefgh") for _ in range(r.randrange(1, 6))))
    elif k < 0.65:
        print("I " + "".join(r.choice("ijklmnop") for _ in range(r.randrange(1, 4))))
    elif k < 0.85:
        print("x")
    else:
        print("w")' "$1"
}

# digests SCRIPT: the SHA-1 of the file after each key of SCRIPT, as the
# viewer would have it (text pane: R overwrites and moves on, I inserts
# before the cursor and moves on, x deletes under it, w changes nothing).
digests() {
	python3 -c 'import hashlib, sys
b = bytearray(open(sys.argv[1], "rb").read())
seen = {hashlib.sha1(b).hexdigest()}
cur = 0
for line in open(sys.argv[2]):
    cmd, _, arg = line.rstrip("\n").partition(" ")
    if cmd == "g":
        cur = int(arg)
    elif cmd == "R":
        for c in arg.encode():
            b[cur] = c; cur += 1; seen.add(hashlib.sha1(b).hexdigest())
    elif cmd == "I":
        for c in arg.encode():
            b[cur:cur] = bytes([c]); cur += 1; seen.add(hashlib.sha1(b).hexdigest())
    elif cmd == "x":
        del b[cur]; seen.add(hashlib.sha1(b).hexdigest())
print("\n".join(sorted(seen)))' "$orig" "$1"
}

# flush_over: until the flush w began has ended (said on the status line,
# or mmhex is gone).  Keys typed during a flush are kept for after it, but
# an Esc among them stops its move (as it should: Esc stops), which the
# digests cannot know of: the keys wait instead.
flush_over() {
	local i
	for i in $(seq 400); do
		case $(screen) in
		*flushed*|*"nothing to flush"*|*EXITED*) return ;;
		esac
		sleep 0.02
	done
}

# type_script SCRIPT: the keys, one send-keys a command, 10 ms apart.
type_script() {
	local cmd arg
	keys Tab
	while read -r cmd arg; do
		# Literally (-l): "dc" would be tmux's name of Delete.
		case $cmd in
		g) tm send-keys -t "$PANE" -l "g$arg"$'\r' ;;
		R|I) tm send-keys -t "$PANE" -l "$cmd$arg"$'\e' ;;
		w) tm send-keys -t "$PANE" -l w; flush_over ;;
		*) tm send-keys -t "$PANE" -l "$cmd" ;;
		esac
		sleep 0.01
	done <"$1"
}

hit=0
for run in $(seq "$runs"); do
	script "$run" >"$T/script"
	digests "$T/script" >"$T/digests"
	cp "$orig" "$f"
	start_mmhex -x 160 -y 24 -- "$f"
	pid=$(mmhex_pid)
	# Kill it somewhere in the 60 commands (under a second of them).
	delay=$(python3 -c 'import random, sys; print(random.Random(int(sys.argv[1])).uniform(0.05, 0.9))' "$run")
	type_script "$T/script" &
	typer=$!
	sleep "$delay"
	kill -KILL "$pid" 2>/dev/null
	kill "$typer" 2>/dev/null
	wait "$typer" 2>/dev/null
	wait_for "EXITED:137" || fail "run $run: mmhex was not killed"
	out=$("$MMHEX" --recover "$f" 2>&1)
	rc=$?
	case $rc in
	0) hit=$((hit + 1)); checks=$((checks + 1)) ;;
	1) checks=$((checks + 1)) ;;
	*) fail "run $run: --recover exit $rc: $out" ;;
	esac
	sum=$(sha1sum "$f" | cut -d' ' -f1)
	checks=$((checks + 1))
	grep -qx "$sum" "$T/digests" ||
	    fail "run $run (killed after ${delay}s): the recovered file is no state the session showed"
	no_more "run $run" "$f"
done
echo "kill -9 at random moments of a session: $runs runs, $hit with edits to recover"

# A long flush: two bytes inserted at 0x10 of 64 MiB (eight chunks, each
# over its own source), killed at a random moment of the flush's move,
# KILL_FLUSH_RUNS times (50): --recover finishes it, exactly the oracle.
big=$T/big.orig
python3 -c 'import random, sys
r = random.Random(5)
open(sys.argv[1], "wb").write(r.randbytes(64 << 20))' "$big"
python3 -c 'import sys
b = bytearray(open(sys.argv[1], "rb").read())
b[0x10:0x10] = b"zz"
open(sys.argv[2], "wb").write(b)' "$big" "$T/big.want"
# How long the flush takes here, once, to kill inside it.
cp "$big" "$f"
start_mmhex -x 160 -y 24 -g 0x10 -- "$f"
keys Tab I
type_text zz
keys Escape
t0=$(date +%s.%N)
keys w
expect_status "the long flush" "flushed"
t1=$(date +%s.%N)
keys q
expect_exit "the long flush: q" 0
expect_same_file "the long flush = oracle" "$T/big.want" "$f"
frun=${KILL_FLUSH_RUNS:-50}
mid=0
for run in $(seq "$frun"); do
	cp "$big" "$f"
	start_mmhex -x 160 -y 24 -g 0x10 -- "$f"
	pid=$(mmhex_pid)
	keys Tab I
	type_text zz
	keys Escape
	expect_status "flush run $run: inserted" "[+2 bytes"
	delay=$(python3 -c 'import random, sys
print(random.Random(int(sys.argv[1])).uniform(0, float(sys.argv[3]) - float(sys.argv[2])))' "$run" "$t0" "$t1")
	keys w
	sleep "$delay"
	kill -KILL "$pid" 2>/dev/null
	wait_for "EXITED:137" || { fail "flush run $run: not killed"; continue; }
	[ -e "$XDG_STATE_HOME"/mmhex/*.move ] && mid=$((mid + 1))
	out=$("$MMHEX" --recover "$f" 2>&1)
	rc=$?
	case $rc in
	0|1) checks=$((checks + 1)) ;;
	*) fail "flush run $run: --recover exit $rc: $out" ;;
	esac
	expect_same_file "flush run $run (killed after ${delay}s): = oracle" \
	    "$T/big.want" "$f"
done
echo "kill -9 in a long flush: $frun runs, $mid in the middle of its move"

finish
