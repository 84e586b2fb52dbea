#!/bin/bash
# view_move.sh - moving about: every movement key of the key table, the g
# prompt with the whole expression syntax, G, marks, -g, mouse clicks and
# the wheel.  The cursor is read from the status line; where it lands is
# worked out here from the file size and the geometry (16 bytes a line).
. "$TESTLIB"
. "$(dirname "$TESTLIB")/tmux.sh"

lorem=$DATADIR/lorem.txt
size=$(stat -c %s "$lorem")
last=$((size - 1))

# goto_typed EXPR: the g prompt, typed as a person would (where the cursor
# lands is checked by the caller: tmux.sh's go checks that it moved).
goto_typed() {
	keys g
	wait_for "goto:" || fail "no goto prompt for $1"
	type_text "$1"
	keys Enter
}

# 80x24: 23 rows of 16 bytes, a page is 368 bytes.
start_mmhex -x 80 -y 24 "$lorem"
page=$((23 * 16))

# One byte and one line, arrows and h j k l.
keys Right;	expect_offset "Right" 1
keys l;		expect_offset "l" 2
keys Left;	expect_offset "Left" 1
keys h;		expect_offset "h" 0
keys h;		expect_offset "h at the start stays" 0
keys Down;	expect_offset "Down" 16
keys j;		expect_offset "j" 32
keys Up;	expect_offset "Up" 16
keys k;		expect_offset "k" 0
keys Up;	expect_offset "Up at the top stays" 0

# Pages: PgDn Space Ctrl-F forward, PgUp b Ctrl-B back; the view moves too.
keys PageDown;	expect_offset "PgDn" $page
expect_row "PgDn scrolls a page" 0 " $(printf %08x $page)  "
keys PageUp;	expect_offset "PgUp" 0
expect_row "PgUp scrolls back" 0 " 00000000  "
keys Space;	expect_offset "Space" $page
keys b;		expect_offset "b" 0
keys C-f;	expect_offset "Ctrl-F" $page
keys C-b;	expect_offset "Ctrl-B" 0
keys PageDown PageDown
expect_offset "PgDn twice: the last byte" $last
keys PageDown;	expect_offset "PgDn at the end stays" $last

# Line start and end: Home End 0 $.
goto_typed 0x25;	expect_offset "g 0x25" 37
keys Home;	expect_offset "Home" 32
keys End;	expect_offset "End" 47
keys 0;		expect_offset "0" 32
keys '$';	expect_offset '$' 47

# The goto expressions, as PRODUCT.md lists them.
goto_typed 0x100;	expect_offset "g 0x100" 256
goto_typed '$-16';	expect_offset 'g $-16' $((last - 16))
goto_typed '50%';	expect_offset "g 50%" $((size * 50 / 100))
goto_typed 1234;	expect_offset "g 1234 is past the end: no move" $((size * 50 / 100))
expect_status "g 1234 says why" "past the end"
goto_typed 100;		expect_offset "g 100" 100
goto_typed +16;		expect_offset "g +16" 116
goto_typed -16;		expect_offset "g -16" 100
goto_typed 0x4d;	expect_offset "g 0x4d" 77
goto_typed '$';		expect_offset 'g $' $last
goto_typed 0;		expect_offset "g 0" 0
goto_typed 0x1K;	expect_offset "g 0x1K is past the end" 0
goto_typed 0x2zz;	expect_offset "g 0x2zz: malformed, no move" 0
expect_status "malformed goto names the position" "position"
goto_typed -1;		expect_offset "g -1 before the start: no move" 0
expect_status "before the start" "before the start"

# Esc leaves the prompt with nothing moved.
keys g
wait_for "goto:"
type_text 200
keys Escape
expect_screen_lacks "Esc closes the goto prompt" "goto:"
expect_offset "Esc: nothing moved" 0
# Ctrl-G and Ctrl-C cancel as Esc does; Ctrl-A and Ctrl-E go to the
# start and the end of the line: "00" typed at the start of "16" and
# "0" at its end make "00160", which is 160.
for k in C-g C-c; do
	keys g
	wait_for "goto:"
	type_text 300
	keys "$k"
	expect_screen_lacks "$k closes the goto prompt" "goto:"
	expect_offset "$k: nothing moved" 0
done
keys g
wait_for "goto:"
type_text 16
keys C-a
type_text 00
keys C-e
type_text 0
expect_status "Ctrl-A, Ctrl-E: the line edited at both ends" "goto: 00160"
keys Enter
expect_offset "g 00160 (Ctrl-A, Ctrl-E)" 160
goto_typed 0

# G: the last byte, its row on screen.
keys G;		expect_offset "G" $last
expect_screen_has "G shows the last row" " $(printf %08x $((last / 16 * 16)))  "

# Marks: m a sets, ' a jumps back; an unset mark says so.
goto_typed 100
keys m a
expect_status "m a" "mark a set"
keys G
expect_offset "away from the mark" $last
keys "'" a
expect_offset "' a" 100
keys "'" b
expect_status "' b unset" "mark b not set"
expect_offset "unset mark: no move" 100
keys m 1
expect_status "marks are letters" "marks are a-z"

# An unbound key says so.
keys z
expect_status "unbound key" "not bound"

# Mouse: a click puts the cursor on the byte under it, in either pane;
# X10 mouse reports (screen-256color's kmous is \E[M) sent as raw bytes.
click() {	# click X Y (0-based): press, then release
	local x y
	x=$(printf %x $((33 + $1)))
	y=$(printf %x $((33 + $2)))
	tm send-keys -t "$PANE" -H 1b 5b 4d 20 "$x" "$y" 1b 5b 4d 23 "$x" "$y"
}
wheel_down() {
	tm send-keys -t "$PANE" -H 1b 5b 4d 61 21 21
}
wheel_up() {
	tm send-keys -t "$PANE" -H 1b 5b 4d 60 21 21
}
keys g
wait_for "goto:"
type_text 0
keys Enter
expect_offset "back to 0" 0
# Row 2, hex pane byte 5: " 00000020  " is 11 columns, 3 per byte.
click $((11 + 5 * 3)) 2
expect_offset "click in the hex pane" 37
expect_status "click in the hex pane: hex pane" "  hex"
# Text pane: a line is 79 columns, its last 18 " |" + 16 bytes + "|", so
# the text of byte i is at column 62 + i; byte 9 of row 3.
click $((62 + 9)) 3
expect_offset "click in the text pane" 57
expect_status "click in the text pane: text pane" "  text"
click 2 1
expect_offset "click on the offset column: no move" 57
keys Tab
expect_status "Tab back to hex" "  hex"
# The wheel scrolls the view three rows; the cursor stays on screen.
wheel_down
expect_row "wheel down scrolls 3 rows" 0 " 00000030  "
expect_offset "wheel: cursor still on screen" 57
wheel_up
expect_row "wheel up" 0 " 00000000  "
keys q
expect_exit "q" 0

# -g sets the first cursor; a bad -g is an error before the screen opens.
start_mmhex -g 0x40 "$lorem"
expect_offset "-g 0x40" 64
keys q
expect_exit "q -g" 0
err=$("$MMHEX" -g 0x2zz "$lorem" 2>&1 </dev/null)
expect_eq "bad -g exit" 2 $?
case $err in
"mmhex: "*lorem.txt*"position 3"*) checks=$((checks + 1)) ;;
*) fail "bad -g message [$err]" ;;
esac
expect_eq "bad -g: one line" 1 "$(printf '%s\n' "$err" | wc -l)"

finish
