#!/bin/bash
# view_jump.sh - where a jump lands: a search (f, F, /, n, N), a goto, a
# mark and an undo that leave the screen put the target's row a third of
# the way down (row 9 of the 29 data rows at 100x30), so that what follows
# it shows too, as less and vim do; a target already on screen does not
# move the screen at all; near either end the screen stays full.  Before,
# a forward jump put the target on the last row.  The offsets come from
# grep -obUaF, the rows from the arithmetic, not from mmhex.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/tmux.sh"
need grep python3

f=$T/z.bin
python3 - "$f" <<'EOF'
import sys
b = bytearray(0x10000)
for at in (0x5000, 0x5040, 0x9000):
    b[at:at + 6] = b"NEEDLE"
open(sys.argv[1], "wb").write(b)
EOF
mapfile -t at < <(grep -obUaF NEEDLE "$f" | cut -d: -f1)
expect_eq "the oracle's matches" "20480 20544 36864" "${at[*]}"

# expect_landed WHAT OFF ROW: the cursor at OFF, its line on screen row ROW.
expect_landed() {
	expect_offset "$1" "$2"
	expect_row "$1: on row $3" "$3" " $(printf %08x $(($2 / 16 * 16)))  "
}

start_mmhex -x 100 -y 30 "$f"
keys Tab
keys f
wait_for "find text:" || fail "no find prompt"
type_text NEEDLE
keys Enter
expect_landed "f: off screen, a third down" "${at[0]}" 9
expect_row "f: the rows after it show" 28 " $(printf %08x $((at[0] + 19 * 16)))  "
keys n
expect_landed "n: on screen, the screen stays" "${at[1]}" 13
expect_row "n: the top row kept" 0 " $(printf %08x $((at[0] - 9 * 16)))  "
keys n
expect_landed "n: off screen" "${at[2]}" 9
keys N
expect_landed "N: backwards, a third down too" "${at[1]}" 9
keys N
expect_landed "N: on screen" "${at[0]}" 5
# A regular expression and F land the same way.
keys g
type_text 0
keys Enter
keys /
wait_for "regex:" || fail "no regex prompt"
type_text 'NEED.E'
keys Enter
expect_landed "/: a third down" "${at[0]}" 9
keys G
keys F
wait_for "find text backward:" || fail "no F prompt"
type_text NEEDLE
keys Enter
expect_landed "F from the end: a third down" "${at[2]}" 9

# Goto: off screen a third down, on screen nothing moves; near the start
# and the end the screen stays full.
keys g
type_text 0x100
keys Enter
expect_landed "goto 0x100" 256 9
keys g
type_text 0x180
keys Enter
expect_landed "goto on screen" $((0x180)) 17
keys g
type_text 0x30
keys Enter
expect_landed "goto near the start: top 0" $((0x30)) 3
keys g
type_text 0xff00
keys Enter
# The last screen starts at 0x10000 - 29 rows: 0xfe30.
expect_landed "goto near the end: the last screen" $((0xff00)) 13
expect_row "near the end: the last row is the file's" 28 " 0000fff0  "

# A mark, and an undo, are jumps too.
keys g
type_text 0x8000
keys Enter
keys m a
expect_status "mark set" "mark a set"
keys g
type_text 0
keys Enter
keys "'" a
expect_landed "'a: a third down" $((0x8000)) 9
keys R
type_text 41
keys Escape
keys g
type_text 0
keys Enter
keys u
expect_landed "u: the undone byte a third down" $((0x8000)) 9
keys q
expect_exit "q" 0
expect_eq "nothing written" 0 "$(python3 -c 'import sys
b = open(sys.argv[1], "rb").read()
print(sum(1 for x in b if x) - 18)' "$f")"

# The text view: a search lands its line a third down too.
python3 -c 'import sys
open(sys.argv[1], "w").write("".join("line %05d\n" % i for i in range(3000)))' \
    "$T/lines.txt"
want=$(grep -obUaF "line 01500" "$T/lines.txt" | cut -d: -f1)
start_mmhex -x 100 -y 30 -- -t "$T/lines.txt"
keys f
wait_for "find text:" || fail "no find prompt in the text view"
type_text "line 01500"
keys Enter
expect_offset "text view: found" "$want"
expect_row "text view: its line a third down" 9 "line 01500"
expect_row "text view: the lines after it" 28 "line 01519"
keys q
expect_exit "text view: q" 0

finish
