#!/bin/bash
# view_search.sh - f/F (bytes, hex in the hex pane, escaped text in the text
# pane), / and ? (PCRE2), n/N, wrap-around, "not found", errors with their
# position, the prompt's line editing and history, match highlighting, and
# a long search that shows progress and stops on Esc.  Where each search
# must land comes from grep -obUaF and Python's re, not from mmhex.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/tmux.sh"
need grep python3

lorem=$DATADIR/lorem.txt

# offsets STRING: every offset of STRING in lorem.txt, as grep finds them.
offsets() {
	grep -obUaF -- "$1" "$lorem" | cut -d: -f1
}

# regex_offsets PATTERN: Python re's matches, left to right.
regex_offsets() {
	python3 -c 'import re, sys
d = open(sys.argv[1], "rb").read()
for m in re.finditer(sys.argv[2].encode(), d, re.M):
    print(m.start())' "$lorem" "$1"
}

# prompt KEY LABEL TEXT: open a prompt, check its label, type, Enter.
prompt() {
	keys "$1"
	wait_for "$2" || fail "prompt $1: no [$2] on screen"
	type_text "$3"
	keys Enter
}

mapfile -t cons < <(offsets consectetuer)
expect_eq "oracle: two occurrences" 2 "${#cons[@]}"

start_mmhex "$lorem"

# n before any search.
keys n
expect_status "n with nothing searched" "no previous search"

# Text find from the text pane: the two occurrences, then round again.
keys Tab
expect_status "Tab: text pane" "  text"
prompt f "find text:" consectetuer
expect_offset "f consectetuer" "${cons[0]}"
keys n
expect_offset "n: the second" "${cons[1]}"
keys n
expect_offset "n wraps to the first" "${cons[0]}"
expect_status "wrap says so" "search wrapped"
keys N
expect_offset "N: backward, wraps to the last" "${cons[1]}"
keys N
expect_offset "N again: the first" "${cons[0]}"

# The match is highlighted (black on yellow) where it is drawn.
case $(screen -e) in
*'43m'*|*';43'*) checks=$((checks + 1)) ;;
*) fail "match not highlighted" ;;
esac

# F: backward from the end.
keys G
prompt F "find text backward:" consectetuer
expect_offset "F from the end" "${cons[1]}"
keys n
expect_offset "n after F goes on backward" "${cons[0]}"

# Escapes in a text pattern: \x0a is the newline before "Nulla".
mapfile -t nulla < <(offsets Nulla)
keys g
wait_for "goto:"
type_text 0
keys Enter
expect_offset "back to 0" 0
prompt f "find text:" '\x0aNulla'
expect_offset 'f \x0aNulla' $((nulla[0] - 1))

# Hex in the hex pane: "Nulla" as bytes; Tab in the prompt switches.
keys Tab
expect_status "Tab: hex pane" "  hex"
keys g
wait_for "goto:"
type_text 0
keys Enter
prompt f "find hex:" "4e 75 6c 6c 61"
expect_offset "f 4e756c6c61" "${nulla[0]}"
keys n
expect_offset "n: the next Nulla" "${nulla[1]}"
keys f
wait_for "find hex:"
keys Tab
expect_screen_has "Tab in the prompt: text" "find text:"
keys Tab
expect_screen_has "Tab in the prompt: hex again" "find hex:"
keys Escape
expect_screen_lacks "Esc closes the prompt" "find hex:"

# Errors: nothing moves, the position is named.
here=$(cursor_offset)
prompt f "find hex:" "4e 7x"
expect_status "malformed hex" "position"
expect_offset "malformed hex: no move" "$here"
prompt f "find hex:" "00 11 22 33"
expect_status "not found" "not found"
expect_offset "not found: no move" "$here"
prompt / "regex:" "(ab"
expect_status "bad regex" "regex:"
expect_offset "bad regex: no move" "$here"

# Regular expressions: / forward, ? backward, as Python's re finds them.
mapfile -t nf < <(regex_offsets '(?i)nulla[^.]*\.')
keys g
wait_for "goto:"
type_text 0
keys Enter
expect_offset "back to 0 again" 0
prompt / "regex:" '(?i)nulla[^.]*\.'
expect_offset "/ (?i)nulla[^.]*\\." "${nf[0]}"
expect_screen_has "Nulla facilisi. on screen" "Nulla facilis"
keys n
expect_offset "/ then n" "${nf[1]}"
mapfile -t elit < <(regex_offsets 'e[l]it')
keys G
prompt '?' "regex backward:" 'e[l]it'
expect_offset "? e[l]it from the end" "${elit[${#elit[@]} - 1]}"
keys n
expect_offset "? then n: the one before" "${elit[${#elit[@]} - 2]}"
keys N
expect_offset "N: forward again" "${elit[${#elit[@]} - 1]}"

# Prompt editing: Left and Backspace mend a typo, Ctrl-U clears, Up
# brings back the last line, Esc cancels with nothing moved.
keys g
wait_for "goto:"
type_text 0
keys Enter
keys Tab
keys f
wait_for "find text:"
type_text consectetuXer
keys Left Left BSpace
expect_screen_has "Backspace mended the line" "find text: consectetuer"
keys Enter
expect_offset "mended find" "${cons[0]}"
keys f
wait_for "find text:"
type_text garbage
keys C-u
type_text consectetuer
expect_screen_has "Ctrl-U cleared the line" "find text: consectetuer"
keys Escape
expect_offset "Esc: nothing moved" "${cons[0]}"
keys f
wait_for "find text:"
keys Up
expect_screen_has "Up: the last line typed" "find text: consectetuer"
keys Enter
expect_offset "history line runs" "${cons[1]}"
keys q
expect_exit "q" 0

# History remembers hex or text: "dolo" found as text, recalled with Up
# in the hex pane, is still text (its label says so) and finds the text.
mapfile -t dolo < <(grep -obUaF dolo "$lorem" | cut -d: -f1)
start_mmhex "$lorem"
keys Tab f
wait_for "find text:"
type_text dolo
keys Enter
expect_offset "text find" "${dolo[0]}"
keys Tab
go 0
keys f
wait_for "find hex:"
keys Up
expect_screen_has "Up in the hex prompt: the text line, as text" "find text: dolo"
keys Enter
expect_offset "recalled text finds the text" "${dolo[0]}"
keys q
expect_exit "q" 0

# A long search: 2 GiB with nothing in it (sparse, never read before, so
# each page is faulted in).  Esc typed right after Enter stops it at the
# first progress tick; the cursor stays where it was.
truncate -s 2G "$T/sparse.bin"
start_mmhex -r "$T/sparse.bin"
keys g
wait_for "goto:"
type_text 0x1000
keys Enter
expect_offset "start at 0x1000" 4096
keys f
wait_for "find hex:"
type_text "de ad be ef"
keys Enter Escape
expect_status "Esc cancels the search" "search cancelled"
expect_offset "cancelled: the cursor stays" 4096
# Progress shows while it runs; Ctrl-C stops it too.
keys n
if wait_for "searching"; then
	checks=$((checks + 1))
	keys C-c
	expect_status "Ctrl-C cancels the search" "search cancelled"
	expect_offset "Ctrl-C: the cursor stays" 4096
else
	fail "no progress shown during a search of 2 GiB"
fi
keys q
expect_exit "q after cancel" 0

# A whole scan of 256 MiB keeps resident memory to about one scan chunk
# (16 MiB): the UI unmaps what the scan has read at each progress tick.
truncate -s 256M "$T/scan.bin"
start_mmhex -r "$T/scan.bin"
pid=$(mmhex_pid)
kib() {	# kib FIELD: a /proc/PID/status field in KiB
	awk -v f="$1:" '$1 == f { print $2 }' "/proc/$pid/status"
}
rss0=$(kib VmRSS)
keys f
wait_for "find hex:"
type_text "de ad be ef"
keys Enter
WAIT_TIMEOUT=30 expect_status "256 MiB scanned" "not found"
grown=$(( ($(kib VmHWM) - rss0) / 1024 ))
echo "RSS grew $grown MiB during the 256 MiB scan"
expect_eq "RSS grew ${grown} MiB during a 256 MiB scan (< 64)" yes \
    "$([ "$grown" -lt 64 ] && echo yes)"
keys q
expect_exit "q after the scan" 0

# ---- "match N of M": at the first, a middle and the last match ---------------

# Every "e" of lorem.txt (overlapping is moot for one byte), as grep finds
# them; n steps through them in order, N back, and wraps with the count.
mapfile -t es < <(offsets "e")
m=${#es[@]}
start_mmhex "$lorem"
keys Tab
expect_status "Tab: the text pane" "  text"
prompt f "find text:" e
expect_offset "f e: the first" "${es[0]}"
expect_status "f e: match 1 of $m" "match 1 of $m"
mid=$((m / 2))
for _ in $(seq 1 $mid); do keys n; done
expect_offset "n x $mid: the middle one" "${es[$mid]}"
expect_status "n x $mid: match $((mid + 1)) of $m" "match $((mid + 1)) of $m"
keys G N
expect_offset "G N: the last" "${es[$((m - 1))]}"
expect_status "G N: match $m of $m" "match $m of $m"
keys n
expect_status "n past the last: wrapped, the first" "search wrapped; match 1 of $m"
keys q
expect_exit "q after counting" 0
# A: the list of every match, exactly the offsets mmhex -f prints (for a
# needle that cannot overlap itself), the current one selected; j j Enter
# goes to the third; Esc leaves without moving.
mapfile -t its < <("$MMHEX" -f it "$lorem")
start_mmhex -x 100 -y 30 "$lorem"
keys A
expect_status "A before a search" "no previous search: A lists its matches"
keys Tab
prompt f "find text:" it
keys A
expect_row "A: the title" 0 " ${#its[@]} matches of it"
expect_eq "A: the offsets listed are mmhex -f's" "$(printf '%s\n' "${its[@]}")" \
    "$(screen | sed -n "2,$((${#its[@]} + 1))p" | awk '{ print $2 }')"
expect_status "A: the first selected" "match 1 of ${#its[@]}: Enter goes there"
keys j j
expect_status "j j: the third" "match 3 of ${#its[@]}"
keys Enter
expect_offset "Enter: on the third" "${its[2]}"
expect_status "Enter: says which" "match 3 of ${#its[@]}"
keys A
expect_status "A from the third: it is selected" "match 3 of ${#its[@]}: Enter"
keys G Escape
expect_offset "Esc: the cursor stays" "${its[2]}"
keys q
expect_exit "q after A" 0

# A count past a thousand has its separator; f finds after the cursor.
python3 -c 'import sys; open(sys.argv[1], "wb").write(b"ab" * 1500)' "$T/many.bin"
start_mmhex "$T/many.bin"
prompt f "find hex:" "61 62"
expect_status "1,500 matches" "match 2 of 1,500"
keys q
expect_exit "q after 1,500" 0

# A window past 256 MiB (a sparse file): n does not count it by itself,
# A does, and then n says which match; the offsets are mmhex -f's.
truncate -s 300M "$T/big.bin"
for at in 100 $((200 << 20)) $(((300 << 20) - 6)); do
	printf needle | dd of="$T/big.bin" bs=1 seek="$at" conv=notrunc status=none
done
mapfile -t bigs < <("$MMHEX" -f needle "$T/big.bin")
expect_eq "big: mmhex -f finds three" 3 "${#bigs[@]}"
start_mmhex "$T/big.bin"
keys Tab
prompt f "find text:" needle
expect_offset "big: f lands" "${bigs[0]}"
expect_screen_lacks "big: no count by itself" "match 1 of"
keys A
expect_row "big: A counts and lists them" 0 " 3 matches of needle"
expect_eq "big: the offsets listed are mmhex -f's" "$(printf '%s\n' "${bigs[@]}")" \
    "$(screen | sed -n "2,4p" | awk '{ print $2 }')"
keys Escape n
expect_offset "big: n" "${bigs[1]}"
expect_status "big: n says which now" "match 2 of 3"
keys q
expect_exit "q after big" 0
rm -f "$T/big.bin"

finish
