#!/bin/bash
# signals.sh - every signal whose default action ends the process ends the
# viewer with the terminal restored: sent while it waits for a key, and
# while a long search runs.  After each, the pane's shell runs `stty -a`
# on the same terminal: canonical mode and echo are back, and the exit
# status the shell saw is 128 + the signal's number (mmhex died of it).
. "$TESTLIB"
. "$(dirname "$TESTLIB")/tmux.sh"
need stty truncate

lorem=$DATADIR/lorem.txt
ulimit -c 0	# SIGQUIT, SIGXCPU, ... must not leave core files

# modes_restored WHAT: the `stty -a` the pane ran after mmhex shows the
# line discipline the shell had: icanon and echo, not -icanon and -echo.
modes_restored() {
	local flags
	checks=$((checks + 1))
	if ! wait_for "STTY:done"; then
		fail "$1: stty -a did not run"
		screen | sed 's/^/	| /' >&2
		return
	fi
	# -J: a mode left without onlcr wraps stty's lines where it likes.
	flags=$(tm capture-pane -p -J -t "$PANE" | tr ' ;' '\n\n')
	for flag in icanon echo; do
		checks=$((checks + 1))
		if ! grep -qx -- "$flag" <<<"$flags"; then
			fail "$1: stty shows $(grep -x -- "-$flag" <<<"$flags" ||
			    echo "no $flag")"
		fi
	done
}

# killed_by WHAT SIG: send SIG to the viewer in the pane; it must die of
# it, the terminal restored.
killed_by() {
	local pid
	pid=$(mmhex_pid)
	if [ -z "$pid" ]; then
		fail "$1: no mmhex process found"
		return
	fi
	kill -s "$2" "$pid"
	expect_exit "$1" $((128 + $(kill -l "$2")))
	modes_restored "$1"
	expect_eq "$1: cursor visible again" 1 \
	    "$(tm display-message -p -t "$PANE" '#{cursor_flag}')"
}

after='stty -a; echo STTY:done'

# ---- While it waits for a key -----------------------------------------------

# SIGINT too: in raw mode Ctrl-C is a key, but kill -INT is a signal.
sigs="TERM HUP INT QUIT USR1 USR2 PIPE ALRM VTALRM PROF XCPU XFSZ"
kill -l IO >/dev/null 2>&1 && sigs="$sigs IO"
kill -l PWR >/dev/null 2>&1 && sigs="$sigs PWR"
kill -l RTMIN >/dev/null 2>&1 && sigs="$sigs RTMIN RTMAX"
for sig in $sigs; do
	start_mmhex -a "$after" "$lorem" || continue
	killed_by "SIG$sig" "$sig"
done

# The viewer stays usable up to the signal: a key typed first still ran.
start_mmhex -a "$after" "$lorem"
keys G
expect_offset "before SIGUSR1: G" 736
killed_by "SIGUSR1 after a key" USR1

# ---- During a long search ---------------------------------------------------

# 4 GiB of holes and a pattern that is nowhere: the search runs for
# seconds, long enough to see its note; the signal stops the scan, then
# the viewer, which dies of it.
for sig in TERM USR1 PIPE; do
	# A fresh file each time: no page of it read yet, seconds to scan.
	rm -f "$T/big"
	truncate -s 4G "$T/big"
	start_mmhex -a "$after" -- -r "$T/big" || continue
	keys /
	wait_for "regex:" || fail "SIG$sig: no regex prompt"
	type_text needle
	keys Enter
	if ! wait_for "searching" 30; then
		fail "SIG$sig: the search never showed its progress"
		continue
	fi
	killed_by "SIG$sig during a search" "$sig"
done
rm -f "$T/big"

finish
