#!/bin/bash
# config.sh - the configuration file: a person writes
# $XDG_CONFIG_HOME/mmhex/config, starts mmhex, and sees its bytes per
# line, its key bindings, its session and view; options override it; a
# broken line is reported with the file and line number and the lines
# after it still apply; colours per element are drawn, and not without
# colours; scripts (-d, -f) are not affected by it.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/tmux.sh"

lorem=$DATADIR/lorem.txt
size=$(stat -c %s "$lorem")
cfg=$T/cfg/mmhex/config
mkdir -p "$T/cfg/mmhex" "$T/home"

# ---- Bytes per line, a key binding, a broken line ----------------------------

cat >"$cfg" <<'EOF'
# eight bytes a line, x for goto
bytes-per-line 8
frob on
bind x goto
bytes-per-line 0
EOF
# The broken lines are named, one message each, on standard error.
XDG_CONFIG_HOME=$T/cfg "$MMHEX" --keys >"$T/keys" 2>"$T/err"
expect_eq "--keys with errors in the config: exit status" 0 $?
expect_eq "the errors name file and line" \
"mmhex: $cfg:3: unknown setting 'frob'
mmhex: $cfg:5: bytes-per-line '0': expected a number from 1 to 4096, or auto" \
    "$(cat "$T/err")"
grep -qE '^  g x +goto: ' "$T/keys" ||
    fail "--keys does not list x beside g for goto: $(grep goto "$T/keys")"

start_mmhex -e XDG_CONFIG_HOME="$T/cfg" "$lorem"
expect_row "bytes-per-line 8: first row" 0 \
    " 00000000  4c 6f 72 65 6d 20 69 70  |Lorem ip|"
expect_row "bytes-per-line 8: second row" 1 " 00000008  "
expect_row "bytes-per-line 8: third row" 2 " 00000010  "
# x is bound to goto: its prompt opens and moves the cursor.
keys x
expect_status "x opens the goto prompt" "goto:"
type_text 0x20
keys Enter
expect_offset "x 0x20 Enter" 32
# g still does too.
keys g
expect_status "g still opens the goto prompt" "goto:"
type_text 0x28
keys Enter
expect_offset "g 0x28 Enter" 40
# The help screen lists x with g.
keys F1
expect_screen_has "help lists x with g" "  g x  "
keys Escape
expect_screen_lacks "help closed" "mmhex keys"
keys q
expect_exit "q" 0
# What mmhex said before the screen opened is on the terminal afterwards.
expect_screen_has "the broken line is named after quitting" \
    "mmhex: $cfg:3: unknown setting 'frob'"

# The command line overrides the file: -b 16.
start_mmhex -e XDG_CONFIG_HOME="$T/cfg" -- -b 16 "$lorem"
expect_row "-b 16 over bytes-per-line 8" 1 " 00000010  72 20 73 69"
keys q
expect_exit "q -b 16" 0

# ---- Rebinding overwrite, select, marks and help: only the new keys named -----

mkdir -p "$T/rebind/mmhex"
cat >"$T/rebind/mmhex/config" <<'CONFIG'
unbind R
unbind Enter
bind o overwrite
unbind overwrite Esc
bind overwrite Ctrl-X leave-mode
unbind v
bind V select
unbind select Esc
bind select c leave-mode
unbind m
bind K set-mark
unbind '
bind J jump-mark
unbind F1
unbind H
unbind overwrite F1
bind F5 help
bind overwrite F5 help
CONFIG
XDG_CONFIG_HOME=$T/rebind "$MMHEX" --keys >"$T/rekeys" 2>"$T/err"
expect_eq "rebinding: no complaint" "" "$(cat "$T/err")"
expect_eq "--keys: the overwrite heading names o" "In overwrite mode (o) and insert mode (I, Insert):" \
    "$(grep '^In overwrite mode' "$T/rekeys")"
expect_eq "--keys: the select heading names V" \
    "While selecting (V), every movement extends the selection:" \
    "$(grep '^While selecting' "$T/rekeys")"
# The key column of the bindings' rows (up to the Questions), one key a line.
sed '/^Questions/,$d' "$T/rekeys" | grep '^  [^ ]' | cut -c3-28 |
    tr -s ' ' '\n' | sed '/^$/d' | sort -u >"$T/rekey-col"
for k in o Ctrl-X V c K J F5; do
	checks=$((checks + 1))
	grep -qxF -- "$k" "$T/rekey-col" || fail "--keys lacks the new key [$k]"
done
for k in R Enter v m "'" F1 H; do
	checks=$((checks + 1))
	! grep -qxF -- "$k" "$T/rekey-col" || fail "--keys still names [$k]"
done
XDG_CONFIG_HOME=$T/rebind "$MMHEX" --keys=raw >"$T/reraw"
expect_eq "--keys=raw: no old key of these commands" "" \
    "$(grep -E "^(normal|overwrite|select) (R|Enter|v|m|'|F1|H) " "$T/reraw";
    grep -E '^(overwrite|select) Esc ' "$T/reraw")"
expect_eq "--keys=raw: the new ones" "normal o overwrite edits
normal V select
normal K set-mark
normal J jump-mark
normal F5 help
overwrite Ctrl-X leave-mode
overwrite F5 help
select c leave-mode" \
    "$(grep -E '^(normal|overwrite|select) (o|V|K|J|F5|Ctrl-X|c) ' "$T/reraw")"

# And on the screen: the hints name the new keys, and the keys work.
cp "$lorem" "$T/re.txt"
start_mmhex -x 120 -e XDG_CONFIG_HOME="$T/rebind" "$T/re.txt"
keys R
expect_status "R unbound: the hint names F5" "key R not bound; F5 for help"
keys o
expect_status "o: overwrite, Ctrl-X leaves" \
    "overwrite: type over the bytes, Ctrl-X leaves"
keys z
expect_status "not a hex digit: Ctrl-X leaves" \
    "key z: not a hex digit (Ctrl-X leaves overwrite mode)"
keys 4 1 C-x
expect_screen_lacks "Ctrl-X left overwrite mode" "overwrite"
keys V
expect_status "V selects; c cancels" \
    "select: move to extend, y copies, = fills, c cancels"
keys c
expect_screen_lacks "c cancelled the selection" "select"
keys K
expect_status "K sets a mark" "set mark: a-z"
keys a l l J
expect_status "J jumps" "jump to mark: a-z"
keys a
expect_offset "J a: back at mark a (set after the byte typed over)" 1
keys F5
expect_screen_has "F5: the help screen" "mmhex keys (normal mode)"
keys NPage
expect_screen_has "the help, a page on" "In overwrite mode (o) and insert"
expect_status "the help's hint names F5" \
    "help: Up Down PgUp PgDn scroll, F5 q Esc leave"
keys F5
expect_screen_lacks "F5 left the help" "mmhex keys"
keys Q
expect_exit "Q" 0
expect_eq "o 4 1 then Q: nothing written" "$(head -c 1 "$lorem")" \
    "$(head -c 1 "$T/re.txt")"

# ---- Colours on and off -------------------------------------------------------

# has_color: a foreground or background colour is set on the top row.
has_color() {
	screen -e | head -1 | grep -qP '\x1b\[(3[0-7]|9[0-7]|4[0-7]|10[0-7]|38;5;\d+|48;5;\d+)m'
}
mkdir -p "$T/colors/mmhex"
echo 'color never' >"$T/colors/mmhex/config"
start_mmhex -e XDG_CONFIG_HOME="$T/colors" "$lorem"
wait_for " 00000000"
checks=$((checks + 1))
! has_color || fail "color never: colours on row 0"
keys q
expect_exit "q color never" 0
# --color=always wins over the file.
start_mmhex -e XDG_CONFIG_HOME="$T/colors" -- --color=always "$lorem"
wait_for " 00000000"
checks=$((checks + 1))
has_color || fail "--color=always over color never: no colour on row 0"
keys q
expect_exit "q --color=always" 0
# NO_COLOR turns colours off; "color always" in the file turns them on.
start_mmhex -e NO_COLOR=1 "$lorem"
wait_for " 00000000"
checks=$((checks + 1))
! has_color || fail "NO_COLOR: colours on row 0"
keys q
expect_exit "q NO_COLOR" 0
echo 'color always' >"$T/colors/mmhex/config"
start_mmhex -e XDG_CONFIG_HOME="$T/colors" -e NO_COLOR=1 "$lorem"
wait_for " 00000000"
checks=$((checks + 1))
has_color || fail "color always over NO_COLOR: no colour on row 0"
keys q
expect_exit "q color always" 0

# ---- Colours per element ------------------------------------------------------

mkdir -p "$T/elements/mmhex"
cat >"$T/elements/mmhex/config" <<'EOF2'
color offset red
color printable 208 default bold
color status yellow blue
color cursor black bright-green
EOF2
# esc_row N: row N (0 = top) with its colour escapes.
esc_row() {
	screen -e | sed -n "$(($1 + 1))p"
}
start_mmhex -e XDG_CONFIG_HOME="$T/elements" "$lorem"
wait_for " 00000000"
checks=$((checks + 1))
case $(esc_row 0) in
$'\e[31m 00000000'*) ;;
*) fail "color offset red: row 0 is [$(esc_row 0 | cat -v)]" ;;
esac
checks=$((checks + 1))
case $(esc_row 0) in
*$'\e[1m\e[38;5;208m6f'*) ;;
*) fail "color printable 208 bold: row 0 is [$(esc_row 0 | cat -v)]" ;;
esac
# The cursor byte (4c) is black on bright green, bold from its class.
checks=$((checks + 1))
case $(esc_row 0) in
*$'\e[30m\e[102m4c'*) ;;
*) fail "color cursor black bright-green: row 0 is [$(esc_row 0 | cat -v)]" ;;
esac
checks=$((checks + 1))
# (A reset first when the row above ended in a colour: the overview's.)
case $(screen -e | grep 'lorem.txt  COW') in
$'\e[33m\e[44m lorem.txt'*|$'\e[0m\e[33m\e[44m lorem.txt'*) ;;
*) fail "color status yellow blue: [$(screen -e | grep 'lorem.txt  COW' | cat -v)]" ;;
esac
keys q
expect_exit "q element colours" 0
# Without colours the elements' colours are not used.
start_mmhex -e XDG_CONFIG_HOME="$T/elements" -- --color=never "$lorem"
wait_for " 00000000"
checks=$((checks + 1))
! has_color || fail "--color=never with element colours: colour on row 0"
keys q
expect_exit "q element colours, never" 0

# ---- Without XDG_CONFIG_HOME: ~/.config/mmhex/config, shown with ~ ----------

mkdir -p "$T/home/.config/mmhex"
cat >"$T/home/.config/mmhex/config" <<'EOF'
session ro
view text

unbind q
bind Ctrl-X quit
color sometimes
bind x frob
EOF
cp "$lorem" "$T/lorem.txt"
XDG_CONFIG_HOME= HOME=$T/home "$MMHEX" --keys >/dev/null 2>"$T/err"
expect_eq "errors with ~ for HOME" \
"mmhex: ~/.config/mmhex/config:6: color 'sometimes': expected auto, always, never or an element: offset, nul, printable, whitespace, ascii, nonascii, match, changed, selection, cursor, status, error, question or inspector
mmhex: ~/.config/mmhex/config:7: bind: unknown command 'frob'" \
    "$(cat "$T/err")"

start_mmhex -e XDG_CONFIG_HOME= -e HOME="$T/home" "$T/lorem.txt"
expect_status "session ro" "  RO  "
expect_status "view text" "  lines"
keys q
expect_status "q is unbound" "not bound"
keys R
expect_status "read-only: R refused" "read-only session"
keys C-x
expect_exit "Ctrl-X quits" 0

# -W over "session ro", and editing works; the view given by the file stays.
start_mmhex -e XDG_CONFIG_HOME= -e HOME="$T/home" -- -W "$T/lorem.txt"
expect_status "-W over session ro" "  WT  "
expect_status "still the text view" "  lines"
keys C-x
expect_exit "Ctrl-X quits WT" 0

# A relative XDG_CONFIG_HOME is ignored (the XDG spec): HOME's file counts.
start_mmhex -e XDG_CONFIG_HOME=relative/dir -e HOME="$T/home" "$T/lorem.txt"
expect_status "relative XDG_CONFIG_HOME: ~/.config is read" "  RO  "
keys C-x
expect_exit "Ctrl-X quits (relative)" 0

# ---- Scripts do not read the file ---------------------------------------------

out=$(HOME=$T/home XDG_CONFIG_HOME= "$MMHEX" -d -l 16 "$T/lorem.txt" 2>&1)
expect_eq "-d: no config message, hexdump's line" \
    "00000000  4c 6f 72 65 6d 20 69 70  73 75 6d 20 64 6f 6c 6f  |Lorem ipsum dolo|
00000010" "$out"
expect_eq "-f: no config message" "6" \
    "$(HOME=$T/home XDG_CONFIG_HOME= "$MMHEX" -f ipsum "$T/lorem.txt" 2>&1 | head -1)"
# --patch still writes although the file says "session ro".
HOME=$T/home XDG_CONFIG_HOME= "$MMHEX" --patch 0:6c "$T/lorem.txt"
expect_eq "--patch ignores session ro" "lorem" "$(head -c 5 "$T/lorem.txt")"

# ---- A file that cannot be read is said so, and mmhex still runs --------------

rm -f "$cfg"
mkdir "$cfg"
start_mmhex -e XDG_CONFIG_HOME="$T/cfg" "$lorem"
expect_status "a directory for a config: mmhex runs" "  COW  "
keys q
expect_exit "q (directory)" 0
expect_screen_has "a directory for a config: said so" \
    "mmhex: $cfg: Is a directory"
expect_eq "file size unchanged" "$size" "$(stat -c %s "$lorem")"

finish
