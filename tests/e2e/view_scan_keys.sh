#!/bin/bash
# view_scan_keys.sh - keys typed while a long search runs.  They are kept
# and run, in the order typed, once the search ends: moves, a goto prompt
# and what is typed into it.  A search stopped with Esc or Ctrl-C throws
# them all away and says how many: never half of them, so the rest of a
# typed pattern never runs as commands (a 'q' quitting, an 'R' editing).
# A resize during the search still applies.
#
# The searches run over 4 GiB of holes that no one has read yet (a fresh
# sparse file: every page is faulted in, seconds of work); keys are only
# sent once the "searching" note shows the scan is running, and the
# note's count of kept keys shows they came during it.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/tmux.sh"
need truncate


# search_needle: a regex search for a word that is not in the file; back
# once the scan is seen running (0), or 1 when it never showed progress.
search_needle() {
	keys /
	wait_for "regex:" || fail "no regex prompt"
	type_text needle
	keys Enter
	wait_for "searching" 30
}

# ---- kept: typed during the scan, run after it in order ----------------------

truncate -s 4G "$T/kept.bin"
cd "$T" || exit 99
start_mmhex -x 100 -y 30 -- -r -b 16 kept.bin
cd - >/dev/null || exit 99
if search_needle; then
	checks=$((checks + 1))
	# Two lines down, goto 0x100, one line down: 0x110 = 272, and only
	# in this order (the goto first would end at 256 + 32).
	type_text jj
	keys g
	type_text 0x100
	keys Enter
	type_text j
	# The terminal shrinks meanwhile: the resize is applied, not kept.
	resize 100 20
	# 2 + g + 5 + Enter + 1: the note counts what it keeps.
	if wait_for "10 keys typed, run after it" 30; then
		checks=$((checks + 1))
	elif screen | grep -q "searching"; then
		fail "kept: the progress note does not count 10 kept keys"
		screen | sed 's/^/	| /' >&2
	else
		echo "note (kept): the scan ended before all the keys came"
	fi
	WAIT_TIMEOUT=240 expect_offset "kept: jj g0x100 Enter j after the scan" 272
	expect_status_row "kept: the resize during the scan applied" 20
	alive "kept"
	expect_screen_lacks "kept: no goto prompt left open" "goto:"
else
	fail "kept: no progress shown during a search of 4 GiB"
fi
keys q
expect_exit "kept: q" 0
# Its pages go with it (4 GiB of page cache).
rm -f "$T/kept.bin"

# ---- discarded: Esc or Ctrl-C throws all of them away ----------------------------

truncate -s 4G "$T/gone.bin"
cd "$T" || exit 99
start_mmhex -x 100 -y 30 -- -b 16 gone.bin
cd - >/dev/null || exit 99
if search_needle; then
	checks=$((checks + 1))
	type_text jjjq
	if wait_for "4 keys typed, run after it" 30; then
		checks=$((checks + 1))
		keys Escape
		expect_status "Esc: all four discarded, said" \
		    "search cancelled: 4 keys typed meanwhile discarded"
		expect_offset "Esc: none of the j ran" 0
		alive "Esc: the q did not run"
	else
		fail "Esc: the progress note does not count 4 kept keys"
		screen | sed 's/^/	| /' >&2
	fi
else
	fail "Esc: no progress shown during a search of 4 GiB"
fi

# The same search again (n); an overwrite typed meanwhile, then Ctrl-C:
# nothing edited, not left in overwrite mode.  (The pages read by the
# first search are cached: the scan is past them in a moment.)
keys n
if wait_for "searching" 30; then
	checks=$((checks + 1))
	type_text R4142
	if wait_for "5 keys typed, run after it" 30; then
		checks=$((checks + 1))
		keys C-c
		expect_status "Ctrl-C: all five discarded, said" \
		    "search cancelled: 5 keys typed meanwhile discarded"
		expect_screen_lacks "Ctrl-C: not in overwrite mode" "overwrite"
		expect_screen_lacks "Ctrl-C: nothing changed" "changed]"
		expect_row "Ctrl-C: the bytes as they were" 0 " 00000000  00 00 00"
		expect_eq "Ctrl-C: the file untouched" 0 \
		    "$(head -c 4096 "$T/gone.bin" | tr -d '\0' | wc -c)"
	else
		fail "Ctrl-C: the progress note does not count 5 kept keys"
		screen | sed 's/^/	| /' >&2
	fi
else
	fail "Ctrl-C: no progress shown during the second search"
fi
# Still responsive: a key after the cancel is a command again.
keys j
expect_offset "after the cancels: j moves" 16
keys q
expect_exit "discarded: q" 0
rm -f "$T/gone.bin"

finish
