#!/bin/bash
# view_modes.sh - the text (line) view, the data inspector, the help
# screen, and one test for every binding of the key table, in normal,
# overwrite and select mode: the bindings are read from src/keymap.c
# itself, so a key added there without a test here fails this script.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/tmux.sh"
need python3

lorem=$DATADIR/lorem.txt
keymap_c=$DATADIR/../src/keymap.c
size=$(stat -c %s "$lorem")

# ---- The text (line) view ------------------------------------------------

start_mmhex "$lorem"
go 0x100
keys t
expect_status "t: lines" "  lines"
expect_offset "t keeps the cursor offset" 256
# Every line of lorem.txt is shorter than 100 columns: the screen is the file.
want=$(head -11 "$lorem")
wait_for "$(head -1 "$lorem")"
expect_eq "text view rows are the lines" "$want" "$(screen | head -11)"
# Down goes to the next line, same column; Home to its start.
keys Home
line4=$(head -4 "$lorem" | wc -c)	# offset of line 5
line3=$(head -3 "$lorem" | wc -c)
expect_offset "Home: start of the line holding 0x100" "$line3"
keys j
expect_offset "j: the next line" "$line4"
keys t
expect_status "t again: hex" "  hex"
expect_offset "back in hex, same offset" "$line4"
keys q
expect_exit "q text view" 0

# Non-printable bytes escaped like less; CRLF looks like LF; long lines wrap.
{
	printf 'a\001b\tc\377d\r\n'
	printf 'x%.0s' $(seq 250)
	printf '\nend\n'
} >"$T/odd.txt"
start_mmhex -- -t "$T/odd.txt"
expect_status "-t starts in lines" "  lines"
expect_row "escapes: tab to column 8" 0 "a^Ab    c<FF>d"
expect_row "wrapped 1" 1 "$(printf 'x%.0s' $(seq 100))"
expect_row "wrapped 3" 3 "$(printf 'x%.0s' $(seq 50))"
expect_row "after the long line" 4 "end"
keys j j
expect_offset "j twice: second row of the long line" $((9 + 100))
keys q
expect_exit "q odd" 0

# ---- The data inspector ------------------------------------------------------

start_mmhex "$lorem"
go 0x20
keys i
expect_screen_has "i shows the inspector" "u16"
mapfile -t want < <(python3 -c 'import struct, sys
d = open(sys.argv[1], "rb").read()[0x20:0x28]
print("%d  0x%02x" % (d[0], d[0]))
le, be = struct.unpack("<H", d[:2])[0], struct.unpack(">H", d[:2])[0]
print("le %d 0x%04x  be %d 0x%04x" % (le, le, be, be))
le, be = struct.unpack("<I", d[:4])[0], struct.unpack(">I", d[:4])[0]
print("le %d 0x%08x  be %d 0x%08x" % (le, le, be, be))
print("U+%04X" % d[0])
le, be = struct.unpack("<Q", d[:8])[0], struct.unpack(">Q", d[:8])[0]
print("le 0x%016x  be 0x%016x" % (le, be))' "$lorem")
row() { screen | grep -E "^ *$1 " | head -1; }
for pair in "u8:${want[0]}" "u16:${want[1]}" "u32:${want[2]}" "utf8:${want[3]}" \
    "x64:${want[4]}"; do
	label=${pair%%:*} value=${pair#*:}
	checks=$((checks + 1))
	case $(row "$label") in
	*"$value"*) ;;
	*) fail "inspector $label: [$(row "$label")] lacks [$value]" ;;
	esac
done
# The inspector follows the cursor and takes rows from the data.
keys l
expect_screen_has "inspector follows the cursor" "U+0063"
expect_eq "status still on the last row" 30 "$(screen | grep -n 'lorem.txt  COW' | cut -d: -f1)"
keys i
expect_screen_lacks "i hides it" "u16"
keys q
expect_exit "q inspector" 0

# Wide enough for 16 bytes a line and its column: beside the hex view, the
# data rows all kept; the text view has it under the lines again.
start_mmhex -x 160 -y 30 "$lorem"
keys i
expect_row "beside: u8 on the first row, right of the data" 0 \
    " 00000000  4c 6f 72 65 6d 20 69 70  73 75 6d 20 64 6f 6c 6f  |Lorem ipsum dolo|"
# (Left of the overview column's two.)
expect_eq "beside: its column" "u8      76  0x4c" \
    "$(screen | sed -n 1p | cut -c94- | sed -E 's/ +[.tb#]$//; s/ *$//')"
expect_eq "beside: utf8 on row 13" "utf8    U+004C L" \
    "$(screen | sed -n 13p | cut -c94- | sed -E 's/ +[.tb#]$//; s/ *$//')"
expect_row "beside: every data row kept" 28 " 000001c0  "
expect_eq "beside: 16 bytes a line left of it" \
    " 00000010  72 20 73 69 74 20 61 6d  65 74 2c 20 63 6f 6e 73  |r sit amet, cons|" \
    "$(screen | sed -n 2p | cut -c1-79)"
keys t
expect_screen_has "text view: the inspector still shown" "u16"
expect_eq "text view: it goes under the lines" "" \
    "$(screen | sed -n 1p | cut -c96- | sed 's/ *$//')"
keys t i
expect_screen_lacks "i hides it beside too" "u16"
expect_row "hidden: 32 bytes a line again" 0 \
    " 00000000  4c 6f 72 65 6d 20 69 70  73 75 6d 20 64 6f 6c 6f  72 20 73"
keys q
expect_exit "q inspector beside" 0

# ---- Help and one test per binding ------------------------------------------

if [ ! -r "$keymap_c" ]; then
	fail "cannot read the key table $keymap_c"
	finish
fi
# Table rows: { N, KEY, CMD_..., "help" or NULL },
mapfile -t bindings < <(sed -n "s/^[[:space:]]*{ N, \(.*\),[[:space:]]*CMD_.*/\1/p" "$keymap_c" |
    sed 's/[[:space:]]*$//')
mapfile -t helps < <(sed -n 's/^[[:space:]]*{ N, .*CMD_[A-Z_]*,[[:space:]]*"\(.*\)" },$/\1/p' "$keymap_c")
expect_eq "key table read" yes "$([ ${#bindings[@]} -ge 30 ] && echo yes)"

# name TOKEN: the key's name on the help screen.
name() {
	case $1 in
	EK_LEFT) echo Left ;; EK_RIGHT) echo Right ;; EK_UP) echo Up ;;
	EK_DOWN) echo Down ;; EK_PGDN) echo PgDn ;; EK_PGUP) echo PgUp ;;
	EK_HOME) echo Home ;; EK_END) echo End ;; EK_TAB) echo Tab ;;
	EK_CTRL_HOME) echo Ctrl-Home ;; EK_CTRL_END) echo Ctrl-End ;;
	EK_ENTER) echo Enter ;;
	EK_INSERT) echo Insert ;; EK_DELETE) echo Delete ;;
	EK_BACKSPACE) echo Backspace ;;
	EK_F[0-9]*) echo "${1#EK_}" ;;
	EK_WHEEL_UP) echo WheelUp ;; EK_WHEEL_DOWN) echo WheelDown ;;
	"EK_CTRL('"?"')") echo "Ctrl-${1:9:1}" ;;
	"' '") echo Space ;;
	"'\\''") echo "'" ;;
	"'"?"'") echo "${1:1:1}" ;;
	*) echo "?$1" ;;
	esac
}

# The help screen, all of it: F1, then page down until the last line.
start_mmhex "$lorem"
keys F1
expect_screen_has "F1 shows help" "mmhex keys"
help=$(screen | head -29)
keys PageDown
wait_gone "mmhex keys" || fail "PgDn does not scroll the help"
help+=$'\n'$(screen | head -29)
# The keys column: after two blanks, up to the next two blanks.
keylist=$(printf '%s\n' "$help" | grep -E '^  [^ ]' | sed 's/^  //; s/  .*//' |
    tr ' ' '\n' | sort -u)
for tok in "${bindings[@]}"; do
	n=$(name "$tok")
	checks=$((checks + 1))
	grep -qxF -- "$n" <<<"$keylist" || fail "help does not list the key $n ($tok)"
done
for h in "${helps[@]}"; do
	checks=$((checks + 1))
	case $help in
	*"$h"*) ;;
	*) fail "help lacks [$h]" ;;
	esac
done
keys Escape
expect_screen_lacks "Esc leaves help" "mmhex keys"
keys H
expect_screen_has "H shows help" "mmhex keys"
keys q
expect_screen_lacks "q leaves help (and does not quit)" "mmhex keys"
expect_status "still running after q in help" "lorem.txt"
keys q
expect_exit "q" 0

# Each binding does what the table says, at 80x24 (a page is 23 rows of 16),
# on a copy: the editing keys change it, and flush it.
mapfile -t elit < <(grep -obUaF elit "$lorem" | cut -d: -f1)
copy=$T/lorem.txt
cp "$lorem" "$copy"
start_mmhex -x 80 -y 24 "$copy"
page=$((23 * 16))
restart() {
	start_mmhex -x 80 -y 24 "$copy"
}
# fresh: a new copy of lorem.txt, nothing changed, and mmhex on it.
fresh() {
	cp "$lorem" "$copy"
	restart
}
# byte_at OFFSET: the copy's byte there, as two hex digits.
byte_at() {
	od -An -tx1 -j "$1" -N 1 "$copy" | tr -d ' '
}
# overwrite_41: at 0x25, R and 4 1 over the byte ('A'), Esc.
overwrite_41() {
	go 0x25; keys R; expect_status "R" "overwrite"
	type_text 41; expect_status "41 typed" "[1 changed]"
	keys Escape; expect_screen_lacks "Esc leaves overwrite" "overwrite"
}
# flush_with KEY: one byte overwritten and KEY flushes it to the copy.
flush_with() {
	fresh; overwrite_41
	expect_eq "$1: not in the file before" "$(byte_at 37)" "$(od -An -tx1 -j 37 -N 1 "$lorem" | tr -d ' ')"
	keys "$1"; expect_status "$1" "flushed 1 byte"
	expect_screen_lacks "$1: nothing changed any more" "[1 changed]"
	expect_eq "$1: the byte in the file" 41 "$(byte_at 37)"
}
# suspended WHAT: after Ctrl-Z mmhex is stopped with the shell's screen
# back; continued (as fg does), its frame comes back.
suspended() {
	local pid i=0
	pid=$(mmhex_pid)
	while [ "$(proc_state "$pid")" != T ] && [ $i -lt 300 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	expect_eq "$1: stopped" T "$(proc_state "$pid")"
	expect_eq "$1: the shell's screen back" 0 \
	    "$(tm display-message -p -t "$PANE" '#{alternate_on}')"
	kill -CONT "$pid"
	expect_status "$1: continued, the frame back" "lorem.txt  COW"
}
wheel() {	# wheel 60 (up) or 61 (down): an X10 mouse report
	tm send-keys -t "$PANE" -H 1b 5b 4d "$1" 21 21
}
for tok in "${bindings[@]}"; do
	n=$(name "$tok")
	case $tok in
	EK_LEFT|"'h'")	go 0x25; keys "${n/Left/Left}"; expect_offset "$n" 36 ;;
	EK_RIGHT|"'l'")	go 0x25; keys "$n"; expect_offset "$n" 38 ;;
	EK_UP|"'k'")	go 0x25; keys "$n"; expect_offset "$n" 21 ;;
	EK_DOWN|"'j'")	go 0x25; keys "$n"; expect_offset "$n" 53 ;;
	EK_PGDN)	go 0x25; keys PageDown; expect_offset "$n" $((37 + page)) ;;
	"' '")		go 0x25; keys Space; expect_offset "$n" $((37 + page)) ;;
	EK_PGUP)	go $((37 + page)); keys PageUp; expect_offset "$n" 37 ;;
	"'b'")		go $((37 + page)); keys b; expect_offset "$n" 37 ;;
	"EK_CTRL('F')")	go 0x25; keys C-f; expect_offset "$n" $((37 + page)) ;;
	"EK_CTRL('B')")	go $((37 + page)); keys C-b; expect_offset "$n" 37 ;;
	EK_HOME)	go 0x25; keys Home; expect_offset "$n" 32 ;;
	"'0'")		go 0x25; keys 0; expect_offset "$n" 32 ;;
	EK_END)		go 0x25; keys End; expect_offset "$n" 47 ;;
	"'\$'")		go 0x25; keys '$'; expect_offset "$n" 47 ;;
	"'g'")		go 0x100
			go 0x40; keys g; wait_for "goto:"; keys g
			expect_offset "gg" 0; expect_screen_lacks "gg: no prompt left" "goto:"
			go 0x40; keys g; wait_for "goto:"; type_text 1g; keys Enter
			expect_status "1g: a size, past the end" "goto: offset 0x40000000 is past the end" ;;
	"'G'")		go 0; keys G; expect_offset "$n" $((size - 1)) ;;
	EK_CTRL_HOME)	go 0x40; keys C-Home; expect_offset "$n" 0 ;;
	EK_CTRL_END)	go 0; keys C-End; expect_offset "$n" $((size - 1)) ;;
	"'f'")		keys f; expect_screen_has "$n" "find hex:"; keys Escape ;;
	"'F'")		keys F; expect_screen_has "$n" "find hex backward:"; keys Escape ;;
	"'/'")		keys /; expect_screen_has "$n" "regex:"; keys Escape ;;
	"'?'")		keys '?'; expect_screen_has "$n" "regex backward:"; keys Escape ;;
	"'n'")		go 0; keys /; wait_for "regex:"; type_text elit; keys Enter
			expect_offset "/elit" "${elit[0]}"
			keys n; expect_offset "$n" "${elit[1]}" ;;
	"'N'")		go "${elit[1]}"; keys /; wait_for "regex:"; type_text elit
			keys Enter; expect_offset "/elit" "${elit[2]}"
			keys N; expect_offset "$n" "${elit[1]}" ;;
	EK_TAB)		keys Tab; expect_status "$n" "  text"
			keys Tab; expect_status "$n back" "  hex" ;;
	"'t'")		keys t; expect_status "$n" "  lines"
			keys t; expect_status "$n back" "  hex" ;;
	"'i'")		keys i; expect_screen_has "$n" "u16"
			keys i; expect_screen_lacks "$n off" "u16" ;;
	"'m'")		go 0x30; keys m c; expect_status "$n" "mark c set" ;;
	"'\\''")	go 0; keys "'" c; expect_offset "$n" 48 ;;
	"EK_CTRL('L')")	keys C-l; expect_row "$n" 0 " 00000000  4c 6f"
			expect_status "$n" "lorem.txt  COW" ;;
	EK_F1|"'H'")	keys "$n"; expect_screen_has "$n" "mmhex keys"
			keys "$n"; expect_screen_lacks "$n leaves" "mmhex keys" ;;
	"'q'"|"'Q'")	keys "$n"; expect_exit "$n" 0; restart ;;
	"'R'")		fresh; overwrite_41; expect_offset "$n moves on" 38
			expect_row "$n: the hex pane" 2 " 00000020  65 63 74 65 74 41"
			keys Q; expect_exit "$n: Q discards" 0
			expect_same_file "$n: Q left the file" "$lorem" "$copy"
			restart ;;
	EK_ENTER)	fresh; go 0x25; keys Tab; keys Enter
			expect_status "$n" "text  overwrite"
			type_text Z; expect_status "Z typed" "[1 changed]"
			expect_row "$n: the text pane" 2 " 00000020  65 63 74 65 74 5a"
			keys Escape; expect_screen_lacks "Esc" "overwrite"
			keys Tab; expect_status "$n: hex again" "  hex"
			keys Q; expect_exit "$n: Q" 0; restart ;;
	"'u'")		fresh; overwrite_41; keys u
			expect_status "$n" "undone: 1 byte at 0x25"
			expect_offset "$n: cursor on the edit" 37
			expect_row "$n: the byte back" 2 " 00000020  65 63 74 65 74 75"
			keys Q; expect_exit "$n: Q" 0; restart ;;
	"EK_CTRL('R')")	fresh; overwrite_41; keys u
			expect_status "u before $n" "undone: 1 byte"
			keys C-r; expect_status "$n" "redone: 1 byte at 0x25"
			expect_row "$n: the byte again" 2 " 00000020  65 63 74 65 74 41"
			keys Q; expect_exit "$n: Q" 0; restart ;;
	"'w'")		flush_with w ;;
	EK_F2)		flush_with F2 ;;
	"EK_CTRL('S')")	flush_with C-s ;;
	"'M'")		fresh; keys M; expect_status "$n" " WT  0x"
			expect_status "$n: says so" "write-through"
			keys M; expect_status "$n back" " COW  0x" ;;
	"'v'")		go 0x25; keys v l l; expect_status "$n" "select 3"
			keys v; expect_screen_lacks "$n again ends it" "select" ;;
	"'y'")		go 0x20; keys v l l l y; expect_status "$n" "copied 4 bytes" ;;
	"'W'")		go 0x20; keys v l l l W; wait_for "write 4 bytes to: " ||
			    fail "$n: no prompt"
			type_text "$T/w.bin"; keys Enter
			expect_status "$n" "wrote 4 bytes to $T/w.bin"
			expect_eq "$n: the bytes" "ecte" "$(cat "$T/w.bin")" ;;
	"'}'")		go 0; keys '}'; expect_status "$n" "text to the end" ;;
	"'A'")		keys A; expect_status "$n" "no previous search: A lists" ;;
	"'o'")		keys o; expect_status "$n" "overview off"
			keys o; expect_status "$n on" "overview on" ;;
	"'{'")		go 0x40; keys '{'; expect_offset "$n" 0
			expect_status "$n: says" "text from 0x0, the start" ;;
	"'O'")		keys O; wait_for "open: " || fail "$n: no prompt"
			type_text "$T/none"; keys Enter
			expect_status "$n" "not opened: $T/none: No such file" ;;
	"'#'")		keys t '#'; expect_status "$n" "line numbers on"
			expect_row "$n: numbered" 0 "     1 Lorem ipsum"
			keys '#'; expect_status "$n off" "line numbers off"
			keys t ;;
	"'p'")		fresh; go 0x20; keys v l l l y; expect_status "y" "copied 4 bytes"
			go 0x40; keys p; expect_status "$n" "pasted 4 bytes"
			expect_status "$n: changed" \
			    "[$(copied_changes "$lorem" 0x20 0x40 4) changed]"
			expect_row "$n: at 0x40" 4 " 00000040  65 63 74 65 "
			keys Q; expect_exit "$n: Q" 0; restart ;;
	"'='")		fresh; go 0x20; keys v l; keys =
			expect_screen_has "$n" "fill hex:"; type_text 2a; keys Enter
			expect_status "$n" "filled 2 bytes"
			expect_row "$n: the bytes" 2 " 00000020  2a 2a 74 65"
			keys Q; expect_exit "$n: Q" 0; restart ;;
	"'I'"|EK_INSERT)
			fresh; go 0x25; keys "$([ "$tok" = EK_INSERT ] && echo IC || echo I)"
			expect_status "$n" "insert"; type_text 41
			expect_status "$n: one more byte" "[+1 byte, 1 changed]"
			expect_row "$n: before the cursor" 2 " 00000020  65 63 74 65 74 41 75 65"
			keys Escape; keys Q; expect_exit "$n: Q" 0; restart ;;
	"'x'"|EK_DELETE)
			fresh; go 0x25; keys "$([ "$tok" = EK_DELETE ] && echo DC || echo x)"
			expect_status "$n" "[-1 byte, 0 changed]"
			expect_row "$n: the u gone" 2 " 00000020  65 63 74 65 74 65 72 20"
			keys Q; expect_exit "$n: Q" 0; restart ;;
	"'P'")		fresh; go 0x20; keys v l l l y; expect_status "y" "copied 4 bytes"
			go 0x40; keys P; expect_status "$n" "inserted 4 bytes"
			expect_status "$n: changed" "[+4 bytes, 4 changed]"
			expect_row "$n: at 0x40" 4 " 00000040  65 63 74 65 "
			keys Q; expect_exit "$n: Q" 0; restart ;;
	"EK_CTRL('Z')")	fresh; overwrite_41; keys C-z; suspended "$n"
			expect_status "$n: the edit kept" "[1 changed]"
			expect_row "$n: the byte shown" 2 " 00000020  65 63 74 65 74 41"
			keys w; expect_status "$n: then flushed" "flushed 1 byte"
			expect_eq "$n: the byte in the file" 41 "$(byte_at 37)"
			# Killed while stopped: the journal had the edit first.
			keys R; type_text 42; keys Escape
			expect_status "$n: one more edit" "[1 changed]"
			pid=$(mmhex_pid); keys C-z
			i=0; while [ "$(proc_state "$pid")" != T ] && [ $i -lt 300 ]; do sleep 0.05; i=$((i + 1)); done
			kill -KILL "$pid"; wait_for "EXITED:137" || fail "$n: not killed"
			expect_eq "$n: --recover" 0 "$("$MMHEX" --recover "$copy" >/dev/null 2>&1; echo $?)"
			expect_eq "$n: the edit recovered" 42 "$(byte_at 38)"
			restart ;;
	"']'"|"'['")	keys "$n"; expect_status "$n" "one file: ] and [ compare two" ;;
	"EK_CTRL('W')")	keys C-w; expect_status "$n" "one file: Ctrl-W goes to the other" ;;
	"'>'")		keys '>'; expect_status "$n" "one file: > copies to the other" ;;
	"'<'")		keys '<'; expect_status "$n" "one file: < copies from the other" ;;
	EK_WHEEL_DOWN)	go 0; wheel 61; expect_row "$n" 0 " 00000030  " ;;
	EK_WHEEL_UP)	go 0; wheel 61; expect_row "$n: down" 0 " 00000030  "
			wheel 60; expect_row "$n" 0 " 00000000  " ;;
	*)		fail "binding $tok ($n) has no test in view_modes.sh" ;;
	esac
done

# The rows of overwrite mode ({ O, ... }) and select mode ({ S, ... }),
# each tried in its mode.
mapfile -t obindings < <(sed -n "s/^[[:space:]]*{ O, \(.*\),[[:space:]]*CMD_.*/\1/p" "$keymap_c" |
    sed 's/[[:space:]]*$//')
mapfile -t sbindings < <(sed -n "s/^[[:space:]]*{ S, \(.*\),[[:space:]]*CMD_.*/\1/p" "$keymap_c" |
    sed 's/[[:space:]]*$//')
expect_eq "overwrite rows read" yes "$([ ${#obindings[@]} -ge 10 ] && echo yes)"
# ov OFFSET: overwrite mode at OFFSET; leave: Esc out of it.
ov() {
	go "$1"; keys R; expect_status "R at $1" "overwrite"
}
leave() {
	keys Escape; expect_screen_lacks "Esc leaves overwrite" "overwrite"
}
for tok in "${obindings[@]}"; do
	n="overwrite $tok"
	case $tok in
	EK_ESC)		ov 0x25; leave ;;
	EK_LEFT)	ov 0x25; keys Left; expect_offset "$n" 36; leave ;;
	EK_RIGHT)	ov 0x25; keys Right; expect_offset "$n" 38; leave ;;
	EK_UP)		ov 0x25; keys Up; expect_offset "$n" 21; leave ;;
	EK_DOWN)	ov 0x25; keys Down; expect_offset "$n" 53; leave ;;
	EK_PGDN)	ov 0x25; keys PageDown; expect_offset "$n" $((37 + page)); leave ;;
	"EK_CTRL('F')")	ov 0x25; keys C-f; expect_offset "$n" $((37 + page)); leave ;;
	EK_PGUP)	ov $((37 + page)); keys PageUp; expect_offset "$n" 37; leave ;;
	"EK_CTRL('B')")	ov $((37 + page)); keys C-b; expect_offset "$n" 37; leave ;;
	EK_HOME)	ov 0x25; keys Home; expect_offset "$n" 32; leave ;;
	EK_END)		ov 0x25; keys End; expect_offset "$n" 47; leave ;;
	EK_CTRL_HOME)	ov 0x25; keys C-Home; expect_offset "$n" 0
			expect_status "$n: still overwriting" "hex  overwrite"; leave ;;
	EK_CTRL_END)	ov 0x25; keys C-End; expect_offset "$n" $((size - 1))
			expect_status "$n: still overwriting" "hex  overwrite"; leave ;;
	EK_TAB)		ov 0x25; keys Tab; expect_status "$n" "text  overwrite"
			keys Tab; expect_status "$n back" "hex  overwrite"; leave ;;
	EK_F2|"EK_CTRL('S')")
			fresh; ov 0x25; type_text 41; expect_status "$n: typed" "[1 changed]"
			keys "$([ "$tok" = EK_F2 ] && echo F2 || echo C-s)"
			expect_status "$n" "flushed 1 byte"
			expect_status "$n: still overwriting" "hex  overwrite"
			expect_eq "$n: the byte in the file" 41 "$(byte_at 37)"
			leave ;;
	"EK_CTRL('L')")	ov 0x25; keys C-l; expect_row "$n" 0 " 00000000  4c 6f"
			expect_status "$n: still overwriting" "overwrite"; leave ;;
	EK_F1)		ov 0x25; keys F1; expect_screen_has "$n" "mmhex keys"
			keys F1; expect_screen_lacks "$n leaves" "mmhex keys"
			expect_status "$n: still overwriting" "overwrite"; leave ;;
	"EK_CTRL('Z')")	ov 0x25; keys C-z; suspended "$n"
			expect_status "$n: still overwriting" "overwrite"
			type_text 5a; expect_row "$n: Ctrl-Z typed nothing" 2 " 00000020  65 63 74 65 74 5a"
			keys Escape Q; expect_exit "$n: Q" 0; restart ;;
	EK_WHEEL_DOWN)	ov 0; wheel 61; expect_row "$n" 0 " 00000030  "; leave ;;
	EK_WHEEL_UP)	ov 0; wheel 61; expect_row "$n: down" 0 " 00000030  "
			wheel 60; expect_row "$n" 0 " 00000000  "; leave ;;
	EK_INSERT)	ov 0x25; keys IC; expect_status "$n" "hex  insert"
			keys IC; expect_status "$n back" "hex  overwrite"; leave ;;
	EK_BACKSPACE)	ov 0x25; keys BSpace; expect_offset "$n: overwriting, a step back" 36
			leave
			fresh; go 0x25; keys I; expect_status "I" "insert"
			keys BSpace; expect_status "$n: inserting, the byte before goes" "[-1 byte, 0 changed]"
			expect_offset "$n: the cursor with it" 36
			expect_row "$n: the t gone" 2 " 00000020  65 63 74 65 75 65"
			keys Escape Q; expect_exit "$n: Q" 0; restart ;;
	EK_DELETE)	fresh; ov 0x25; keys DC; expect_status "$n" "[-1 byte, 0 changed]"
			expect_row "$n: the u gone" 2 " 00000020  65 63 74 65 74 65 72 20"
			keys Escape Q; expect_exit "$n: Q" 0; restart ;;
	*)		fail "overwrite binding $tok has no test in view_modes.sh" ;;
	esac
done
for tok in "${sbindings[@]}"; do
	case $tok in
	EK_ESC)		go 0x25; keys v l; expect_status "v l" "select 2"
			keys Escape; expect_screen_lacks "select Esc" "select" ;;
	"'d'"|"'x'"|EK_DELETE)
			n="select $tok"
			fresh; go 0x25; keys v l; expect_status "v l" "select 2"
			case $tok in "'d'") keys d ;; "'x'") keys x ;; *) keys DC ;; esac
			expect_status "$n: a cut" "cut 2 bytes"
			expect_row "$n: ue gone" 2 " 00000020  65 63 74 65 74 72 20"
			keys Q; expect_exit "$n: Q" 0; restart ;;
	*)		fail "select binding $tok has no test in view_modes.sh" ;;
	esac
done
keys q
expect_exit "q at the end" 0

finish
