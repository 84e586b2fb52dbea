#!/bin/bash
# suspend.sh - Ctrl-Z under an interactive shell with job control, as a
# person uses it: mmhex started from the shell's prompt, Ctrl-Z gives the
# prompt back and `jobs` lists it stopped, `fg` brings the whole frame back
# with the session and its edits as they were, and nothing typed to the
# shell reaches the file (before, Ctrl-Z was not bound, and "fg" and Enter
# typed into mmhex entered overwrite mode).
. "$TESTLIB"
. "$(dirname "$TESTLIB")/tmux.sh"
need python3

lorem=$DATADIR/lorem.txt
cp "$lorem" "$T/a.txt"

# An interactive bash (job control on) in its own pane, prompt "shell$ ".
SESSION=shell
PANE=$SESSION:0.0
tm new-session -d -s "$SESSION" -x 100 -y 30 -- env -u NO_COLOR \
    LC_ALL=C.UTF-8 TERM=screen-256color PS1='shell$ ' \
    bash --norc --noprofile -i || fail "tmux new-session failed"
tm set-option -t "$SESSION" window-size manual >/dev/null 2>&1
wait_for 'shell$' || fail "no shell prompt"

# jobs_said: what `jobs` printed, typed at the prompt between two markers
# echoed around it, each call's own (a stale "shell$ jobs" on the screen
# from an earlier call must not be read as this one's answer); a line the
# terminal wrapped joined, as a long build path makes it.
# (Called in $(...), a subshell: the marker is the time, not a counter.)
jobs_said() {
	local i=0 out jobs_calls
	jobs_calls=$(date +%s%N)
	type_text "echo jobs-$jobs_calls-begin; jobs; echo jobs-$jobs_calls-end"
	keys Enter
	while [ $i -lt $((WAIT_TIMEOUT * 20)) ]; do
		out=$(screen -J -S - | sed 's/ *$//' | awk -v b="jobs-$jobs_calls-begin" \
		    -v e="jobs-$jobs_calls-end" '$0 == b { on = 1; next }
		    $0 == e { done = 1; exit } on { print } END { if (!done) print "(unfinished)" }')
		if ! grep -q '^(unfinished)$' <<<"$out"; then
			printf '%s\n' "$out" | grep -v '^$'
			return
		fi
		sleep 0.05
		i=$((i + 1))
	done
	echo "(no end marker after jobs)"
}

# prompt_back PID WHAT: the shell's prompt is the last line, mmhex stopped.
prompt_back() {
	local pid=$1 i=0
	while [ "$(proc_state "$pid")" != T ] && [ $i -lt $((WAIT_TIMEOUT * 20)) ]; do
		sleep 0.05
		i=$((i + 1))
	done
	expect_eq "$2: mmhex stopped" T "$(proc_state "$pid")"
	expect_eq "$2: the shell's screen, not the viewer's" 0 \
	    "$(tm display-message -p -t "$PANE" '#{alternate_on}')"
	i=0
	until status_line | grep -q '^shell\$ *$' || [ $i -ge $((WAIT_TIMEOUT * 20)) ]; do
		sleep 0.05
		i=$((i + 1))
	done
	expect_eq "$2: the prompt is the last line" 'shell$' "$(status_line | sed 's/ *$//')"
}

type_text "$MMHEX $T/a.txt"
keys Enter
expect_status "started from the shell" "a.txt  COW"
pid=$(mmhex_pid)
expect_eq "mmhex runs under the shell" yes "$([ -n "$pid" ] && echo yes)"
keys R
type_text 41
keys Escape
expect_status "an edit" "[1 changed]"
expect_screen_lacks "Esc" "overwrite"

keys C-z
prompt_back "$pid" "Ctrl-Z"
expect_screen_has "the shell says it stopped" "Stopped"
said=$(jobs_said)
checks=$((checks + 1))
grep -qE '^\[1\]\+ +Stopped +.*mmhex .*a\.txt' <<<"$said" ||
    fail "jobs: mmhex not listed stopped: [$said]"
expect_same_file "stopped: the file untouched (the edit is unflushed)" "$lorem" "$T/a.txt"

# Resized while stopped: fg draws the whole frame at the new size.
tm resize-window -t "$SESSION" -x 80 -y 24
type_text fg
keys Enter
expect_status "fg: the frame back" "a.txt  COW"
expect_eq "fg: mmhex running again" yes \
    "$(case $(proc_state "$pid") in R|S) echo yes ;; *) echo no ;; esac)"
expect_status "fg: the edit kept" "[1 changed]"
expect_row "fg: the bytes drawn, the edit in them" 0 " 00000000  41 6f 72 65 6d"
expect_status_row "fg: the status on the new last row" 24 "a.txt  COW"
expect_screen_lacks "fg: nothing of the shell left" "shell$"
expect_screen_lacks "fg and Enter went to the shell, not to mmhex" "overwrite"
expect_same_file "fg: the file untouched" "$lorem" "$T/a.txt"

# Ctrl-Z in overwrite mode; the typing goes on after fg.
keys R
expect_status "R" "overwrite"
keys C-z
prompt_back "$pid" "Ctrl-Z in overwrite mode"
expect_same_file "stopped again: the file untouched" "$lorem" "$T/a.txt"
type_text fg
keys Enter
expect_status "fg: still in overwrite mode" "overwrite"
type_text 42
keys Escape
expect_status "a second byte typed" "[2 changed]"
keys w
expect_status "w" "flushed 2 bytes"
cp "$lorem" "$T/want.txt"
printf AB | dd of="$T/want.txt" conv=notrunc status=none
expect_same_file "flushed: the two bytes typed, nothing else" "$T/want.txt" "$T/a.txt"

# q: the shell's prompt, no job left.
keys q
i=0
until status_line | grep -q '^shell\$ *$' || [ $i -ge $((WAIT_TIMEOUT * 20)) ]; do
	sleep 0.05
	i=$((i + 1))
done
expect_eq "q: no job left" "" "$(jobs_said)"
expect_eq "q: mmhex gone" "" "$(proc_state "$pid")"
expect_same_file "q: the file as flushed" "$T/want.txt" "$T/a.txt"

finish
