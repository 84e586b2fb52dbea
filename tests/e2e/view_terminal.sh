#!/bin/bash
# view_terminal.sh - the terminal itself: restored on quit and on fatal
# signals, unknown or missing terminals, colours and their absence
# (--color, NO_COLOR), resizing down to a single cell and back.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/tmux.sh"

lorem=$DATADIR/lorem.txt
sample=$DATADIR/sample.bin
ulimit -c 0	# the fatal-signal cases must not leave core files

# ---- Quitting restores the terminal -----------------------------------------

start_mmhex "$lorem"
expect_eq "curses hides the cursor" 0 "$(tm display-message -p -t "$PANE" '#{cursor_flag}')"
expect_eq "the viewer is on the alternate screen" 1 "$(tm display-message -p -t "$PANE" '#{alternate_on}')"
keys q
expect_exit "q" 0
expect_eq "q: cursor visible again" 1 "$(tm display-message -p -t "$PANE" '#{cursor_flag}')"
start_mmhex "$lorem"
keys Q
expect_exit "Q" 0

# Fatal signals: the terminal comes back, and mmhex dies of the signal.
# (AddressSanitizer, in sanitizer builds, would take SEGV and BUS itself.)
asan=${ASAN_OPTIONS:+$ASAN_OPTIONS:}handle_segv=0:handle_sigbus=0
for sig in TERM HUP INT QUIT ABRT SEGV BUS; do
	start_mmhex -e "ASAN_OPTIONS=$asan" "$lorem"
	pid=$(mmhex_pid)
	if [ -z "$pid" ]; then
		fail "SIG$sig: no mmhex process found"
		continue
	fi
	kill -s "$sig" "$pid"
	expect_exit "SIG$sig" $((128 + $(kill -l "$sig")))
	expect_eq "SIG$sig: cursor visible again" 1 \
	    "$(tm display-message -p -t "$PANE" '#{cursor_flag}')"
done

# ---- Terminals that cannot be used ------------------------------------------

start_mmhex -T nosuchterm "$lorem"
expect_screen_has "unknown TERM: message" "mmhex: unknown terminal type 'nosuchterm'"
expect_exit "unknown TERM" 2
# vt100 and the Linux console have no alternate screen to leave: the
# frame is cleared on quitting, not left under the shell's prompt.
for term in vt100 linux; do
	# On linux, ncurses' mousemask() loads libgpm, which leaks 10 bytes:
	# not ours, so LeakSanitizer (sanitizer builds) is off for it.
	start_mmhex -e ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
	    -T "$term" "$lorem"
	expect_row "$term: drawn" 0 " 00000000  4c 6f 72 65 6d"
	keys q
	expect_exit "$term: q" 0
	expect_screen_lacks "$term: no frame left after quitting" "00000010  72 20"
	expect_screen_lacks "$term: no status line left" "lorem.txt  COW"
done

# dumb cannot put the cursor anywhere: one line saying so, not a frame
# of which only the status line shows.
start_mmhex -T dumb "$lorem"
expect_screen_has "TERM=dumb: message" "mmhex: terminal type 'dumb' cannot move the cursor"
expect_exit "TERM=dumb" 2
expect_screen_lacks "TERM=dumb: no status line" "lorem.txt  "
start_mmhex -T "" "$lorem"
expect_screen_has "TERM unset: message" "mmhex: not a terminal: TERM is not set"
expect_exit "TERM unset" 2
if command -v setsid >/dev/null 2>&1; then
	# No controlling terminal at all, data on a pipe: nothing to read keys from.
	err=$(setsid -w env TERM=xterm "$MMHEX" "$lorem" </dev/null 2>&1 >/dev/null)
	expect_eq "no terminal: exit" 2 $?
	case $err in
	"mmhex: not a terminal: /dev/tty: "*) checks=$((checks + 1)) ;;
	*) fail "no terminal: message [$err]" ;;
	esac
	expect_eq "no terminal: one line" 1 "$(printf '%s\n' "$err" | wc -l)"
fi

# ---- Colours -------------------------------------------------------------------

# sgr_params: every SGR parameter on screen (capture-pane -e), one a line.
sgr_params() {
	screen -e | grep -oE $'\e\\[[0-9;]*m' | tr -d '\033[m' | tr ';' '\n' | sort -u
}
# has_colour: any foreground or background colour parameter (39 and 49,
# back to the default colours, are not one).
has_colour() {
	sgr_params | grep -qxE '3[0-8]|4[0-8]|9[0-7]|10[0-7]'
}
has_reverse() {
	sgr_params | grep -qx 7
}

start_mmhex "$sample"
checks=$((checks + 1))
has_colour || fail "auto on a colour terminal: no colours"
# Byte classes: NUL, printable, whitespace, other ASCII, non-ASCII differ.
nfg=$(screen -e | head -8 | grep -oE $'\e\\[[0-9;]*m' | grep -oE '(^|[[;])(3[0-7]|9[0-7]|38;5;[0-9]+)' | tr -d '[;' | sort -u | wc -l)
expect_eq "five byte classes in five colours (and the offsets)" yes "$([ "$nfg" -ge 5 ] && echo yes)"
keys q
expect_exit "q colour" 0

for how in "--color=never" "NO_COLOR=1" "NO_COLOR=1 --color=auto"; do
	envs=() args=()
	for w in $how; do
		case $w in
		NO_COLOR=*) envs=(-e "$w") ;;
		*) args+=("$w") ;;
		esac
	done
	start_mmhex "${envs[@]}" "${args[@]}" "$sample"
	checks=$((checks + 2))
	has_colour && fail "$how: colour escapes on screen: $(sgr_params | tr '\n' ' ')"
	has_reverse || fail "$how: the cursor is not in reverse video"
	expect_row "$how: still the data" 0 " 00000000  7f 4d 4d 58"
	keys Tab
	expect_status "$how: Tab" "  text"
	checks=$((checks + 1))
	has_reverse || fail "$how: the cursor is not reverse in the text pane"
	keys q
	expect_exit "q $how" 0
done
# An empty NO_COLOR does not count; --color=always beats NO_COLOR.
start_mmhex -e NO_COLOR= "$sample"
checks=$((checks + 1))
has_colour || fail "empty NO_COLOR: no colours"
keys q
expect_exit "q empty NO_COLOR" 0
start_mmhex -e NO_COLOR=1 --color=always "$sample"
checks=$((checks + 1))
has_colour || fail "--color=always with NO_COLOR: no colours"
keys q
expect_exit "q always" 0

# ---- Resizing ------------------------------------------------------------------

start_mmhex "$lorem"
keys G
expect_offset "G" 736
resize 80 24
expect_status "80x24: status redrawn" "lorem.txt  COW  0x000002e0 736 / 737"
expect_status_row "80x24: status on row 24" 24
expect_screen_has "80x24: the cursor row still shown" " 000002e0  "
resize 140 40
expect_screen_has "140x40: 24 bytes a line" " 000002b8  "
expect_status_row "140x40: status on row 40" 40
resize 100 8
expect_screen_has "100x8: the cursor row still shown" " 000002e0  "
expect_offset "100x8: cursor kept" 736
# Too small to draw: a short note, no crash; every key still works.
resize 10 3
expect_screen_has "10x3: says so" "too small"
keys g
type_text 0
keys Enter
resize 1 1
wait_for "EXITED" 1 && fail "1x1: mmhex exited"
checks=$((checks + 1))
[ -n "$(mmhex_pid)" ] || fail "1x1: mmhex is gone"
resize 2 2
resize 100 30
expect_row "enlarged again: the data is back" 0 " 00000000  4c 6f 72 65"
expect_offset "enlarged again: the goto typed meanwhile ran" 0
expect_screen_lacks "enlarged again: no note" "too small"
# Help and the inspector at a small size.
resize 30 5
keys i
expect_screen_has "inspector on 30x5: too small" "too small"
keys i
expect_screen_lacks "inspector off" "too small"
keys F1
expect_screen_has "help on 30x5" "mmhex keys"
keys F1
resize 100 30
keys q
expect_exit "q after resizing" 0

finish
