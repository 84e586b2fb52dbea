#!/bin/bash
# view_lines.sh - the line view in a UTF-8 locale: valid UTF-8 shows as
# the characters it encodes (wide ones in two cells, kept whole across a
# wrap), what is not valid UTF-8 (a stray byte, a cut sequence, a
# surrogate) still escaped byte by byte, compared row by row with Python
# decoding the same bytes; the hex view's text pane stays one byte a
# cell; in the C locale every byte is escaped as before.  '#' numbers the
# lines, on a line's first row only, each number checked against the
# line Python finds at it, at the top, the end and after a jump; '#' again
# takes them away.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/tmux.sh"
need python3

u=$T/utf8.txt
python3 -c 'import sys
open(sys.argv[1], "wb").write(
    "café naïve 日本語 ok\n".encode() +
    b"bad \xff\xc3( \xed\xa0\x80 \xe6\x97 " + "😀!\x01\n".encode() +
    b"a" * 79 + "日本\n".encode())' "$u"

# rows_py FILE WIDTH: the rows the line view must show, escaped as
# textview.h says, with Python's strict UTF-8 decoder deciding what is
# valid (it refuses overlongs and surrogates as mmhex does).
ROWS_PY='import sys, unicodedata
data = open(sys.argv[1], "rb").read()
width = int(sys.argv[2])
def esc(b):
    if b == 0x0a: return " "
    if b == 0x09: return "\t"
    if b < 0x20: return "^" + chr(b + 64)
    if b == 0x7f: return "^?"
    if b < 0x80: return chr(b)
    return "<%02X>" % b
def cells(line):
    i = 0
    while i < len(line):
        for n in (4, 3, 2):
            try:
                ch = line[i:i + n].decode("utf-8")
            except UnicodeDecodeError:
                continue
            if len(ch) == 1 and ord(ch) >= 0x80:
                w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
                yield ch, w
                i += n
                break
        else:
            yield esc(line[i]), len(esc(line[i]))
            i += 1
for line in data.split(b"\n")[:-1]:
    row, col = "", 0
    for g, w in cells(line):
        if col > 0 and col + w > width:
            print(row.rstrip()); row, col = "", 0
        row += g; col += w
    print(row.rstrip())'

# ---- UTF-8 in the line view -------------------------------------------------------

start_mmhex -x 80 -y 12 -- -t "$u"
python3 -c "$ROWS_PY" "$u" 80 >"$T/rows.want"
screen | head -"$(wc -l <"$T/rows.want")" | sed 's/ *$//' >"$T/rows.got"
expect_same_file "the rows as Python decodes them" "$T/rows.want" "$T/rows.got"
expect_row "characters, one cell each" 0 "café naïve 日本語 ok"
expect_row "broken UTF-8 escaped" 1 "bad <FF><C3>( <ED><A0><80> <E6><97> 😀!^A"
expect_row "a wide character that would cross the edge wraps whole" 3 "日本"
# The cursor walks bytes: é is bytes 3 and 4, both on the one character.
keys l l l
expect_offset "on é's first byte" 3
keys l
expect_offset "on é's second byte" 4
keys l
expect_offset "past é" 5
keys q
expect_exit "q" 0

# The hex view's text pane: one byte a cell, as always.
start_mmhex -x 100 -y 12 "$u"
expect_row "hex view: bytes, not characters" 0 \
    " 00000000  63 61 66 c3 a9 20 6e 61  c3 af 76 65 20 e6 97 a5  |caf.. na..ve ...|"
keys q
expect_exit "q" 0

# Not a UTF-8 locale: every byte above 0x7f escaped.
start_mmhex -x 80 -y 12 -e LC_ALL=C -- -t "$u"
expect_row "C locale: escaped" 0 "caf<C3><A9> na<C3><AF>ve <E6><97><A5><E6><9C><AC><E8><AA><9E> ok"
keys q
expect_exit "q" 0

# ---- Line numbers -------------------------------------------------------------------

lines=$T/lines.txt
python3 -c 'import sys
open(sys.argv[1], "w").write("".join("line %d %s\n" % (i, "x" * (i * 13 % 150))
    for i in range(1, 2001)))' "$lines"
# numbers_ok WHAT: every numbered row is the start of the line Python has
# at that number, and at least one row is numbered.
NUM_PY='import re, sys
lines = open(sys.argv[1]).read().split("\n")
width = int(sys.argv[2])
bad, seen = [], 0
for row in sys.stdin.read().split("\n")[:-2]:
    m = re.match(r"^( *)(\d+) (.*)$", row)
    if m is None or len(m.group(1)) + len(m.group(2)) + 1 != width:
        if not row.startswith(" " * width):
            bad.append("not a numbered row nor a wrapped one: %r" % row)
        continue
    n, text = int(m.group(2)), m.group(3).rstrip()
    seen += 1
    if not lines[n - 1].startswith(text):
        bad.append("row %r: line %d is %r" % (row, n, lines[n - 1][:30]))
print("; ".join(bad) if bad else "ok %d" % seen)'
numbers() {
	screen | python3 -c "$NUM_PY" "$lines" 7
}
start_mmhex -x 80 -y 20 -- -t "$lines"
keys '#'
expect_status "#: on" "line numbers on"
expect_row "the first line numbered" 0 "     1 line 1 xxxxxxxxxxxxx"
expect_eq "#: the numbered rows at the top" "ok 12" "$(numbers)"
keys G
expect_offset "G" $(($(stat -c %s "$lines") - 1))
expect_screen_has "G: the last line's number" "  2000 line 2000"
checks=$((checks + 1))
case $(numbers) in ok*) ;; *) fail "G: $(numbers)" ;; esac
go 50%
checks=$((checks + 1))
case $(numbers) in ok*) ;; *) fail "50%: $(numbers)" ;; esac
keys g g
expect_row "gg: line 1 again" 0 "     1 line 1 xxxxxxxxxxxxx"
keys '#'
expect_status "#: off" "line numbers off"
expect_row "#: the text from the left edge again" 0 "line 1 xxxxxxxxxxxxx"
keys t '#'
expect_status "# in the hex view says where they show" \
    "line numbers on: the line view (t) shows them"
keys t
expect_row "t: the line view numbered" 0 "     1 line 1 xxxxxxxxxxxxx"
keys q
expect_exit "q" 0

finish
