#!/bin/bash
# crash_flush.sh - a flush killed at every write-like call it makes (the
# fault shim's "any:KILL:i": the journal's, the move log's and the file's
# writes, syncs, renames, fallocate, ftruncate), for a flush of
# overwrites, of an insert near the start of a 20 MiB file (three 8 MiB
# chunks, each over its own source), of deletes, and of a mix; after each
# crash both `mmhex --recover` and the interactive restore (each from the
# same crashed file and journal: saved, then put back with the file's
# inode and mtime) must give a file byte-identical to Python's oracle of
# the finished flush.  A crash before the flush's plan is durable leaves the
# original file and the edits recoverable, so that case ends the same.
# And an insert in write-through, which moves the tail at once: after a
# crash the file is without it or with it, never between.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/tmux.sh"
. "$(dirname "$TESTLIB")/journal-lib.sh"
need python3 cmp

orig=$T/orig.bin
python3 -c 'import random, sys
r = random.Random(7)
open(sys.argv[1], "wb").write(r.randbytes(20 << 20))' "$orig"
f=$T/f.bin
# A sanitized mmhex wants its runtime first in the library list; the shim
# in front of it only forwards, so tell ASan to allow it (as faults.sh).
if ldd "$MMHEX" 2>/dev/null | grep -q libasan; then
	export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
fi
asan_env=ASAN_OPTIONS=${ASAN_OPTIONS:-}

fault() {
	printf '%s\n' "$1" >"$T/fault"
}

# The edits of each scenario, typed; the oracle's ops for them.
edits_overwrite() { go 0x10; keys R; type_text 4142; keys Escape
	go 0x1000000; keys R; type_text 43; keys Escape; }
ops_overwrite="o:0x10:4142 o:0x1000000:43"
edits_insert() { go 0x10; keys I; type_text 5a; keys Escape; }
ops_insert="i:0x10:5a"
edits_delete() { go 0x20; keys x x x; }
ops_delete="d:0x20:3"
edits_mix() { go 0x30; keys R; type_text 4142; keys Escape
	go 0x100; keys I; type_text 5a5b; keys Escape
	go 0x200000; keys x; }
ops_mix="o:0x30:4142 i:0x100:5a5b d:0x200000:1"
# 4096 bytes (the first block) copied and inserted at 0: a whole block, so
# on ext4 and XFS the file system shifts the blocks (INSERT_RANGE).
edits_blocks() { keys v; go 0xfff; keys y; go 0; keys P; }
ops_blocks="i:0:$(head -c 4096 "$orig" | od -An -v -tx1 | tr -d ' \n')"

# Write-through: the insert itself moves the tail (no w); a crash there
# leaves the file without it or with it, nothing between.
edits_wt_insert() { keys Tab; go 0x10; keys I; }
flush_wt_insert() { type_text Z; }
ops_wt_insert="i:0x10:5a"
opts_wt_insert=-W
said_wt_insert="/ $(((20 << 20) + 1)) "	# the new size, on the status line

# flush_SC: what makes the edits reach the file (w, unless said).
flush_default() { keys w; }

# start_faulty [ARGS]: mmhex on a fresh copy, the shim preloaded.
start_faulty() {
	cp "$orig" "$f"
	start_mmhex -x 160 -y 24 -e "LD_PRELOAD=$FAULTLIB" \
	    -e "MMHEX_FAULT_FILE=$T/fault" -e "$asan_env" "$@" -- "$f"
}

# crash_saved: the crashed file (bytes, size, mtime) and the state
# directory, kept; crash_back: put back, the file's inode kept, so the
# journal is of it again and sees it unchanged.
crash_saved() {
	cp "$f" "$T/crashed.bin"
	python3 -c 'import os, sys; print(os.stat(sys.argv[1]).st_mtime_ns)' \
	    "$f" >"$T/crashed.mtime"
	rm -rf "$T/crashed.state"
	cp -a "$XDG_STATE_HOME/mmhex" "$T/crashed.state"
}
crash_back() {
	python3 -c 'import os, sys
data = open(sys.argv[2], "rb").read()
with open(sys.argv[1], "r+b") as f:
    f.write(data)
    f.truncate(len(data))
st = os.stat(sys.argv[1])
os.utime(sys.argv[1], ns=(st.st_atime_ns, int(open(sys.argv[3]).read())))' \
	    "$f" "$T/crashed.bin" "$T/crashed.mtime"
	rm -rf "$XDG_STATE_HOME/mmhex"
	cp -a "$T/crashed.state" "$XDG_STATE_HOME/mmhex"
}

# restore_by HOW WHAT: the crashed file restored HOW (recover: `mmhex
# --recover`; interactive: the question's r, then w), checked: the
# oracle's file (or, write-through killed before the edit, the original),
# no journal left.
restore_by() {
	local how=$1 what="$2, $1" j out rc asks=
	if [ "$how" = interactive ]; then
		# Not the oracle's file yet: the session must ask.
		cmp -s "$f" "$T/want.bin" || asks=1
		start_mmhex -J -x 200 -y 24 -w "\\(r\\)" -- "$f"
		if [ -n "$asks" ] && [ -z "$opts" ]; then
			checks=$((checks + 1))
			status_line | grep -q "(r)" ||
			    fail "$what: no question to restore: $(status_line)"
		fi
		if status_line | grep -q "(r)"; then
			keys r
			j=0
			while ! status_line | grep -q "restored\|finished" &&
			    [ $j -lt 300 ]; do
				sleep 0.05
				j=$((j + 1))
			done
			if status_line | grep -q ": 0 changed bytes, not flushed"; then
				# The cut flush had written them all: the
				# restore synced the file, nothing is left.
				keys w
				expect_status "$what: w" "nothing to flush"
			elif status_line | grep -q "restored"; then
				keys w
				expect_status "$what: w" "  flushed "
			else
				expect_status "$what: finished" "finished the flush"
			fi
		fi
		keys q
		expect_exit "$what: q" 0
	else
		out=$("$MMHEX" --recover "$f" 2>&1)
		rc=$?
		case $rc in
		0|1) checks=$((checks + 1)) ;;
		*) fail "$what: --recover exit $rc: $out" ;;
		esac
	fi
	if [ -n "$opts" ] && cmp -s "$orig" "$f"; then
		checks=$((checks + 1))	# killed before the edit began
	else
		expect_same_file "$what: recovered = oracle" "$T/want.bin" "$f"
	fi
	no_more "$what" "$f"
}

# crash_at I: the flush of scenario $sc killed at its write-like call I,
# then restored both ways from the same crash.
crash_at() {
	local i=$1 what j
	what="$sc killed at call $i ($(sed -n "$((i + 1))p" "$T/count.flush"))"
	fault ""
	# shellcheck disable=SC2086
	start_faulty $opts
	"edits_$sc"
	[ -n "$opts" ] || expect_status "$what: edited" "changed]"
	fault "any:KILL:$i"
	"$flush"
	# Killed there, or (a sync of the journal came earlier or later
	# this time) the flush made fewer calls and finished.
	j=0
	while ! screen -J | grep -q "EXITED:137" &&
	    ! status_line | grep -qF -- "$said" && [ $j -lt 300 ]; do
		sleep 0.05
		j=$((j + 1))
	done
	fault ""
	if ! screen -J | grep -q "EXITED:137"; then
		keys Escape q
		expect_exit "$what: not reached, flushed: q" 0
		expect_same_file "$what: flushed = oracle" "$T/want.bin" "$f"
		unreached=$((unreached + 1))
		return
	fi
	mkdir -p "$XDG_STATE_HOME/mmhex"
	crash_saved
	restore_by recover "$what"
	crash_back
	restore_by interactive "$what"
	rm -rf "$XDG_STATE_HOME/mmhex"
	total=$((total + 1))
}

total=0
unreached=0
for sc in ${CRASH_SCENARIOS:-overwrite insert delete mix blocks wt_insert}; do
	eval "ops=\$ops_$sc opts=\${opts_$sc:-} said=\${said_$sc:-flushed}"
	flush=flush_$sc
	declare -F "$flush" >/dev/null || flush=flush_default
	# What the file may be after a crash: the oracle of the flush, or
	# (write-through: the edit is its own flush) the file as it was.
	# shellcheck disable=SC2086
	oracle "$orig" "$T/want.bin" $ops
	# The calls the flush makes, counted once.
	fault ""
	rm -f "$T/count"
	# shellcheck disable=SC2086
	start_faulty -e "MMHEX_FAULT_COUNT=$T/count" $opts
	"edits_$sc"
	[ -n "$opts" ] || expect_status "$sc: edited" "changed]"
	: >"$T/count"
	"$flush"
	expect_status "$sc: flushed" "$said"
	# On ext4 the block is shifted by the file system, not 20 MiB moved.
	if [ "$sc" = blocks ] && [ "$(stat -f -c %T "$T")" = ext2/ext3 ]; then
		expect_status "blocks: shifted, not moved" "(4096 bytes moved or written)"
	fi
	# The flush's calls, not those of q after it.
	cp "$T/count" "$T/count.flush"
	keys Escape q
	expect_exit "$sc: q" 0
	expect_same_file "$sc: the flush = oracle" "$T/want.bin" "$f"
	n=$(wc -l <"$T/count.flush")

	checks=$((checks + 1))
	[ "$n" -ge 4 ] || fail "$sc: only $n write-like calls"
	# CRASH_STEP (1): every point, or every CRASH_STEP-th (the slow runs).
	for i in $(seq 0 "${CRASH_STEP:-1}" $((n - 1))); do
		crash_at "$i"
	done
done
echo "crash points tried: $total, each recovered both ways (and $unreached not reached: the flush finished)"

finish
