#!/bin/bash
# view_screen.sh - what the viewer draws: the hex view row for row against
# `hexdump -Cv` (the same columns, one blank before), bytes per line
# fitted to the terminal or fixed by -b, offsets as wide as the file
# needs, the status line, empty files, standard input, read-only.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/tmux.sh"
need hexdump

lorem=$DATADIR/lorem.txt
sample=$DATADIR/sample.bin

# expect_rows_match_hexdump WHAT FILE ROWS: the first ROWS screen rows are
# hexdump -Cv's lines with a blank in front.
expect_rows_match_hexdump() {
	local want got
	want=$(hexdump -Cv "$2" | head -"$3" | sed 's/^/ /')
	wait_for "$(printf '%s\n' "$want" | tail -1)"
	# Without the overview column's cell at the right edge.
	got=$(screen | head -"$3" | sed -E 's/\| +[.tb#]$/|/')
	checks=$((checks + 1))
	if [ "$want" != "$got" ]; then
		fail "$1: rows differ from hexdump -Cv"
		diff <(printf '%s\n' "$want") <(printf '%s\n' "$got") | head -10 >&2
	fi
}

# Opening lorem.txt: "Lorem ipsu" in the first row, every row as hexdump.
start_mmhex "$lorem"
expect_row "lorem first row" 0 " 00000000  4c 6f 72 65 6d 20 69 70  73 75 6d 20 64 6f 6c 6f  |Lorem ipsu"
expect_rows_match_hexdump "lorem 100x30" "$lorem" 29
expect_status "status line" "lorem.txt  COW  0x00000000 0 / 737 (0%)  hex"
expect_eq "status on the last row" 30 "$(screen | grep -n 'lorem.txt  COW' | cut -d: -f1)"
expect_offset "cursor at the start" 0

# The cursor byte is marked in both panes: the hex pane (active) in
# reverse bold, the text pane underlined.
first=$(screen -e | head -1)
case $first in
*$'\e[1m\e[7m'*4c*|*$'\e[7m\e[1m'*4c*|*$'\e[1;7m'*4c*|*$'\e[7;1m'*4c*) checks=$((checks + 1)) ;;
*) fail "cursor in the hex pane is not reverse bold: $(printf '%s' "$first" | cat -v)" ;;
esac
case $first in
*$'\e[4m'*L*|*'4;'*m*L*|*';4m'*L*) checks=$((checks + 1)) ;;
*) fail "cursor in the text pane is not underlined: $(printf '%s' "$first" | cat -v)" ;;
esac
keys q
expect_exit "q" 0

# Binary with NULs, control and high bytes: '.' in the text pane as hexdump.
start_mmhex "$sample"
expect_rows_match_hexdump "sample.bin 100x30" "$sample" 25
expect_status "sample status" "sample.bin  COW  0x00000000 0 / 390 (0%)  hex"
keys q
expect_exit "q sample" 0

# 80x24: still 16 bytes a line, 23 rows of data.
start_mmhex -x 80 -y 24 "$lorem"
expect_rows_match_hexdump "lorem 80x24" "$lorem" 23
expect_eq "status on row 24" 24 "$(screen | grep -n 'lorem.txt  COW' | cut -d: -f1)"
keys q
expect_exit "q 80x24" 0

# Wider terminals fit more bytes a line, in multiples of 8: 140 columns
# take 24 (a line of 32 needs 145).
start_mmhex -x 140 -y 30 "$lorem"
expect_row "140 columns: 24 bytes a line" 1 " 00000018  "
expect_row "140 columns: text pane" 0 " 00000000  4c 6f 72 65 6d 20 69 70  73 75 6d 20 64 6f 6c 6f  72 20 73 69 74 20 61 6d  |Lorem ipsum dolor sit am|"
keys q
expect_exit "q 140" 0

# -b fixes the width whatever the terminal.
start_mmhex -b 8 "$lorem"
expect_row "-b 8 row 0" 0 " 00000000  4c 6f 72 65 6d 20 69 70  |Lorem ip|"
expect_row "-b 8 row 1" 1 " 00000008  73 75 6d 20 64 6f 6c 6f  |sum dolo|"
keys q
expect_exit "q -b" 0

# Offsets as wide as the file needs: 9 hex digits past 4 GiB, in the
# offset column and the status line.
truncate -s 5G "$T/big.bin"
printf 'END' | dd of="$T/big.bin" bs=1 seek=$((5 * 1024 * 1024 * 1024 - 3)) conv=notrunc status=none
start_mmhex -r "$T/big.bin"
expect_row "5 GiB: 9 digits" 0 " 000000000  00 00 00 00"
expect_status "5 GiB status" "big.bin  RO  0x000000000 0 / 5368709120 (0%)  hex"
keys G
expect_offset "G on 5 GiB" $((5 * 1024 * 1024 * 1024 - 1))
expect_screen_has "last row shows END" ".END|"
expect_screen_has "last row offset" " 13ffffff0  "
keys q
expect_exit "q 5 GiB" 0

# -o/-l windows show absolute offsets.
start_mmhex -o 0x100 -l 32 "$lorem"
expect_row "-o 0x100 row 0" 0 " 00000100  6c 20 61 72 63 75 2e 0a"
expect_status "-o status" "0x00000100 256 / 737"
keys q
expect_exit "q -o" 0

# Read-only and empty files.
cp "$lorem" "$T/ro.txt"
start_mmhex -r "$T/ro.txt"
expect_status "-r" "ro.txt  RO  "
keys q
expect_exit "q -r" 0
: >"$T/empty"
start_mmhex "$T/empty"
expect_screen_has "empty file" "empty file"
keys j G
expect_screen_has "moves are harmless" "empty file"
keys q
expect_exit "q empty" 0

# Data from standard input ("-"): keys still come from the terminal.
start_mmhex -i "$lorem" -
expect_row "stdin first row" 0 " 00000000  4c 6f 72 65 6d 20 69 70"
keys j
expect_offset "stdin: j moves" 16
keys q
expect_exit "q stdin" 0

finish
