#!/bin/bash
# compare.sh - two files compared in the viewer (mmhex FILE1 FILE2): side
# by side at 200x50 (one offset column), one above the other at 80x24,
# the differing bytes highlighted in both (colour, reverse without);
# ] and [ land on every run of differing bytes in turn, checked against
# the runs Python computes from the two files, and say where they end;
# Ctrl-W moves the focus; > and < copy a run either way and the flushed
# files are what Python predicts; read-only files receive nothing; the
# quit question asks about the other file's unflushed edits; bad second
# files get one-line errors.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/tmux.sh"
need python3 cmp

a=$T/a.bin
b=$T/b.bin
# a: 64 KiB; b: a changed at 0-1, 100-103, 4095-4096, 30000, the last
# byte, and 10 bytes longer.
python3 - "$a" "$b" <<'PY'
import random, sys
random.seed(13)
a = bytearray(random.randbytes(65536))
b = bytearray(a)
for i in (0, 1, 100, 101, 102, 103, 4095, 4096, 30000, 65535):
    b[i] ^= 0x5a
b += b"only-in-b!"
open(sys.argv[1], "wb").write(a)
open(sys.argv[2], "wb").write(b)
PY
cp "$a" "$T/a.orig"
cp "$b" "$T/b.orig"

# runs A B: the oracle's runs of differing bytes, "START LEN" a line, the
# longer file's tail last.
runs() {
	python3 - "$1" "$2" <<'PY'
import sys
a, b = open(sys.argv[1], "rb").read(), open(sys.argv[2], "rb").read()
n, i = min(len(a), len(b)), 0
while i < n:
    if a[i] == b[i]:
        i += 1
        continue
    s = i
    while i < n and a[i] != b[i]:
        i += 1
    print(s, i - s)
if len(a) != len(b):
    print(n, max(len(a), len(b)) - n)
PY
}
mapfile -t want < <(runs "$a" "$b")
expect_eq "the oracle's runs" 6 "${#want[@]}"
expect_eq "--diff agrees with the oracle" "$(printf '%s\n' "${want[@]}")" \
    "$("$MMHEX" --diff "$a" "$b")"

# ---- Side by side --------------------------------------------------------

start_mmhex -x 200 -y 50 "$a" "$b"
expect_row "the title row" 0 " > a.bin  COW  65536 bytes"
expect_screen_has "the other title" "b.bin  COW  65546 bytes"
# One offset column: the first data row shows offset 0 once, both files'
# bytes after it.
row1=$(screen | sed -n 2p)
expect_eq "one offset column" 1 "$(grep -o '00000000' <<<"$row1" | wc -l)"
hexa=$(od -An -tx1 -N 16 "$a" | sed 's/^ //')
hexb=$(od -An -tx1 -N 16 "$b" | sed 's/^ //')
case $row1 in
*"${hexa:0:23}"*"${hexb:0:23}"*) checks=$((checks + 1)) ;;
*) fail "row 1 lacks both files' bytes: [$row1]" ;;
esac
expect_status "status: the other file, differences" \
    "| vs b.bin COW | differ here, sizes differ"
# Byte 0 differs: highlighted in both panes; byte 2 does not.  The right
# pane begins two blanks after the left one's rows (16 bytes a row: 79
# columns), with its hex column (the offsets are shared).
right=81
expect_cell "byte 0 differs (left)" 1 "$(hex_col 0)" 'bg=(45|5)( |$)'
expect_cell "byte 0 differs (right)" 1 $((right + $(hex_col 0) - 11)) 'bg=(45|5)( |$)'
expect_cell "byte 2 is the same" 1 "$(hex_col 2)" '^plain$|^(bold )?fg='
expect_cell "byte 2 is the same (right)" 1 $((right + $(hex_col 2) - 11)) '^plain$|^(bold )?fg='

# ] from 0 (in the first run) to each next run; the shorter file's cursor
# stops at its last byte when the run is the other's tail.
for ((k = 1; k < ${#want[@]}; k++)); do
	read -r start len <<<"${want[k]}"
	keys ']'
	if [ "$start" -ge 65536 ]; then
		expect_status "] $k: the tail" "only in b.bin: $len bytes from 0x$(printf %x "$start")"
		expect_offset "] $k: a's last byte" 65535
	else
		expect_status "] $k" "difference at 0x$(printf %x "$start"): $len byte"
		expect_offset "] $k" "$start"
	fi
done
keys ']'
expect_status "] past the last" "no more differences"
for ((k = ${#want[@]} - 2; k >= 0; k--)); do
	read -r start len <<<"${want[k]}"
	keys '['
	expect_offset "[ $k" "$start"
done
keys '['
expect_status "[ before the first" "no earlier differences"
# The other file follows: the longer one goes into its tail.
keys C-w
expect_row "Ctrl-W: the focus moves" 0 "   a.bin  COW"
expect_screen_has "Ctrl-W: b is focused" "> b.bin  COW"
keys G
expect_offset "G in b" 65545
keys '['
expect_offset "[ from b's tail" 65535
keys q
expect_exit "q" 0
expect_same_file "browsing wrote nothing to a" "$T/a.orig" "$a"
expect_same_file "browsing wrote nothing to b" "$T/b.orig" "$b"

# The text (line) view in the right pane: all of its columns (no offset
# column to share), the differing byte highlighted there too.
lorem=$DATADIR/lorem.txt
cp "$lorem" "$T/l1.txt"
python3 -c 'import sys
b = bytearray(open(sys.argv[1], "rb").read()); b[0:1] = b"X"
open(sys.argv[2], "wb").write(b)' "$lorem" "$T/l2.txt"
start_mmhex -x 200 -y 50 "$T/l1.txt" "$T/l2.txt"
keys C-w t
expect_status "t in b: its line view" "  lines"
row=$(screen | sed -n 2p)
expect_eq "b's first line from the pane's first column" "Xorem ipsum dolor" \
    "${row:right:17}"
expect_cell "the line view: the differing X" 1 $right 'bg=(45|5)( |$)'
expect_cell "the line view: the same o" 1 $((right + 1)) '^plain$|^(bold )?fg='
keys t
expect_status "t again: hex" "  hex"
row=$(screen | sed -n 2p)
expect_eq "hex again: b's bytes where its offsets would be" "58 6f 72" \
    "${row:right:8}"
keys q
expect_exit "q" 0

# ---- One above the other, > and <, flushed -------------------------------

start_mmhex -x 80 -y 24 "$a" "$b"
expect_row "stacked: a's title" 0 " > a.bin  COW"
expect_row "stacked: a's rows" 1 " 00000000  "
expect_row "stacked: b's title" 12 "   b.bin  COW"
expect_row "stacked: b's rows" 13 " 00000000  "
# > on the first run: a's two bytes over b's.
keys '>'
expect_status ">" "2 bytes of a.bin copied over b.bin"
# In b, < on the run at 100: a's bytes into b too.
keys ']' C-w
expect_row "Ctrl-W" 12 " > b.bin  COW"
expect_offset "b follows to 100" 100
keys '<'
expect_status "< in b" "4 bytes of a.bin copied over b.bin"
# b's tail: > from b appends it to a.
keys G '>'
expect_status "> b's tail" "10 bytes of b.bin copied over a.bin"
keys w
expect_status "w in b" "flushed"
keys C-w w
expect_status "w in a" "flushed"
keys q
expect_exit "q after flushing both" 0
python3 - "$T/a.orig" "$T/b.orig" "$T/a.want" "$T/b.want" <<'PY'
import sys
a = bytearray(open(sys.argv[1], "rb").read())
b = bytearray(open(sys.argv[2], "rb").read())
b[0:2] = a[0:2]			# > on the first run
b[100:104] = a[100:104]		# < in b on the run at 100
a += b[65536:]			# > from b's tail
open(sys.argv[3], "wb").write(a)
open(sys.argv[4], "wb").write(b)
PY
expect_same_file "a as the oracle says" "$T/a.want" "$a"
expect_same_file "b as the oracle says" "$T/b.want" "$b"
mapfile -t left < <(runs "$a" "$b")
expect_eq "runs left" "4095 2|30000 1|65535 1" "$(IFS='|'; echo "${left[*]}")"
cp "$T/a.orig" "$a"
cp "$T/b.orig" "$b"

# ---- A click in the other pane; a copy the disk refuses ------------------

asan=${ASAN_OPTIONS:-}
if ldd "$MMHEX" 2>/dev/null | grep -q libasan; then
	asan="${asan:+$asan:}verify_asan_link_order=0"
fi
: >"$T/fault"
start_mmhex -x 80 -y 24 -e "LD_PRELOAD=$FAULTLIB" -e "MMHEX_FAULT_FILE=$T/fault" \
    -e "ASAN_OPTIONS=$asan" -- -W "$a" "$b"
# X10 mouse report, button 1 pressed at column 20 (byte 3's hex digits),
# row 14 (b's second data row, 0x10): b gets the focus and the cursor.
tm send-keys -t "$PANE" -H 1b 5b 4d 20 $(printf '%x %x' $((0x21 + 20)) $((0x21 + 14)))
expect_row "a click in b's pane: the focus" 12 " > b.bin  WT"
expect_offset "the click: the byte under it" $((0x13))
keys 0 Up Up C-w
expect_row "Ctrl-W back to a" 0 " > a.bin  WT"
expect_offset "a at the first run" 0
echo "pwrite:EIO" >"$T/fault"
keys '>'
expect_status "> while b cannot be written: said, naming b" "b.bin: "
expect_status "> refused by the disk: the cause" "Input/output error"
: >"$T/fault"
keys q
expect_exit "q" 0
expect_same_file "the refused copy: b untouched" "$T/b.orig" "$b"
expect_same_file "the refused copy: a untouched" "$T/a.orig" "$a"

# ---- Read-only: nothing received, either way -----------------------------

start_mmhex -x 80 -y 24 -e NO_COLOR=1 -- -r "$a" "$b"
expect_cell "no colour: byte 0 differs, reverse" 1 "$(hex_col 0)" 'reverse'
keys '>'
expect_status "> towards a read-only file" "b.bin: read-only session"
keys '<'
expect_status "< into a read-only file" "read-only session"
keys C-w '>'
expect_status "> from b towards read-only a" "a.bin: read-only session"
keys q
expect_exit "q" 0
expect_same_file "read-only: a untouched" "$T/a.orig" "$a"
expect_same_file "read-only: b untouched" "$T/b.orig" "$b"

# ---- Quitting asks about each file's unflushed edits ---------------------

start_mmhex -x 80 -y 24 "$a" "$b"
keys C-w '<'
expect_status "< in b" "2 bytes of a.bin copied over b.bin"
keys C-w q
expect_status "q in a asks about b" "unflushed"
keys c
expect_status "c: neither quits" "quit cancelled"
expect_row "c: b has the focus" 12 " > b.bin  COW"
keys q
expect_status "q again asks" "unflushed"
keys d
expect_exit "d: both quit" 0
expect_same_file "discarded: b untouched" "$T/b.orig" "$b"

# An empty second file: all of the first is only in it.
: >"$T/empty.bin"
start_mmhex -x 140 -y 24 "$a" "$T/empty.bin"
expect_screen_has "empty: its pane says so" "(only in a.bin)"
expect_status "empty: differ" "differ here, sizes differ"
keys ']'
expect_status "empty: ] from 0, in the only run" "no more differences"
keys q
expect_exit "q" 0

# Identical files: nothing to go to.
cp "$a" "$T/a2.bin"
start_mmhex -x 80 -y 24 "$a" "$T/a2.bin"
expect_status "identical: same here" "| same here"
keys ']'
expect_status "identical: ]" "no more differences"
# M switches the focused file's session only.
keys M
expect_row "M: a write-through" 0 " > a.bin  WT"
expect_row "M: the other stays" 12 "   a2.bin  COW"
keys C-w M
expect_row "Ctrl-W M: a2 too" 12 " > a2.bin  WT"
keys q
expect_exit "q" 0

# ---- The other file cut underneath; two 100 GiB sparse files -------------

cp "$T/b.orig" "$b"
start_mmhex -x 80 -y 24 "$a" "$b"
truncate -s 1000 "$b"
expect_status "b cut: said on a's line" "b.bin: file shrank to 1000 bytes"
expect_screen_has "b's title: its new size" "b.bin  COW  1000 bytes"
keys g
wait_for "goto:"
type_text 4000
keys Enter
expect_offset "a goes on past b's end" 4000
keys '['
expect_offset "[ from a's own tail: the last run in both" 100
keys q
expect_exit "q" 0
cp "$T/b.orig" "$b"

# The first file cut under the view, its last page on screen: both files'
# windows are guarded (the guard watched the last one mapped only, and a
# SIGBUS ended mmhex: exit 135).
head -c 2000000 /dev/urandom >"$T/c1.bin"
cp "$T/c1.bin" "$T/c2.bin"
start_mmhex -x 200 -y 30 -- -r "$T/c1.bin" "$T/c2.bin"
keys G
expect_offset "G in the first file" 1999999
truncate -s 1000 "$T/c1.bin"
# A key at once: its frame reads the cut pages before an idle look could
# notice the new size (which one says so first is timing: the size is
# what is checked, and that mmhex is still there).
keys k
expect_status "the first file cut: its size" "/ 1000 "
expect_screen_lacks "the first file cut: no crash" "EXITED"
expect_screen_has "the first file's title: its new size" "c1.bin  RO  1000 bytes"
truncate -s 1000 "$T/c2.bin"
keys k
expect_screen_has "then the second: its title" "c2.bin  RO  1000 bytes"
expect_screen_lacks "the second file cut: no crash" "EXITED"
keys q
expect_exit "both cut: q" 0

s1=$T/sparse1.bin
s2=$T/sparse2.bin
truncate -s 100G "$s1" "$s2"
printf Q | dd of="$s2" bs=1 seek=$(((100 << 30) - 4096)) conv=notrunc 2>/dev/null
start_mmhex -x 80 -y 24 "$s1" "$s2"
keys ']'
expect_offset "100 GiB of holes: ] lands on the one byte" $(((100 << 30) - 4096))
expect_status "100 GiB: said" "difference at 0x18fffff000: 1 byte"
keys '['
expect_status "100 GiB: [" "no earlier differences"
keys q
expect_exit "q" 0
rm -f "$s1" "$s2"

# A long comparison: two 2 GiB sparse files, an unflushed edit in one (a
# byte at 0, behind the cursor: then the holes are read, not skipped).  Esc
# typed right after ] stops it; the progress shows, and Ctrl-C stops it too.
truncate -s 2G "$s1" "$s2"
start_mmhex -x 80 -y 24 "$s1" "$s2"
keys R
type_text 01
keys Escape
expect_status "a byte typed over a zero" "[1 changed]"
keys ']' Escape
expect_status "Esc stops ]" "compare cancelled"
expect_offset "cancelled: the cursor stays" 1
keys ']'
if wait_for "comparing"; then
	checks=$((checks + 1))
	keys C-c
	expect_status "Ctrl-C stops ]" "compare cancelled"
	expect_offset "Ctrl-C: the cursor stays" 1
else
	fail "no progress shown while comparing 2 GiB"
fi
keys Q
expect_exit "Q" 0
rm -f "$s1" "$s2"

# Resident memory: ] through 256 MiB of both files (written zeros against
# a hole: compared, not skipped) and paging about stay near a few chunks.
head -c $((256 << 20)) /dev/zero >"$s1"
truncate -s 256M "$s2"
printf Q | dd of="$s2" bs=1 seek=$(((256 << 20) - 1)) conv=notrunc 2>/dev/null
start_mmhex -x 80 -y 24 -- -r "$s1" "$s2"
pid=$(mmhex_pid)
# The files' pages resident (RssFile: not the heap, which a sanitizer
# build's allocator keeps big), sampled while it runs; the peak counts.
(while kill -0 "$pid" 2>/dev/null; do
	awk '$1 == "RssFile:" { print $2 }' "/proc/$pid/status" 2>/dev/null
	sleep 0.01
done) >"$T/rss.samples" &
sampler=$!
keys ']'
WAIT_TIMEOUT=60 expect_offset "] through 256 MiB" $(((256 << 20) - 1))
keys g
wait_for "goto:"
type_text 50%
keys Enter
expect_offset "g 50%" $((128 << 20))
for _ in $(seq 20); do keys PageDown; done
keys G
expect_offset "G" $(((256 << 20) - 1))
keys q
expect_exit "q" 0
wait "$sampler"
peak=$(( $(sort -n "$T/rss.samples" | tail -1) / 1024 ))
echo "file pages resident: at most $peak MiB comparing and paging through two 256 MiB files ($(wc -l <"$T/rss.samples") samples)"
expect_eq "file pages resident at most ${peak} MiB over two 256 MiB files (< 80)" yes \
    "$([ "$(wc -l <"$T/rss.samples")" -gt 5 ] && [ "$peak" -lt 80 ] && echo yes)"
rm -f "$s1" "$s2"

# ---- Offsets of different widths: one column for both --------------------
# A 4 KiB file against a 5 GiB one (sparse, its first 4 KiB the same):
# the first needs 8 hex digits, the second 9.  Both panes use 9, so that
# the same offset is on the same row at the same columns; before, the
# stacked panes' hex columns were one apart, and side by side the two
# could fit different row lengths.
head -c 4096 "$b" >"$T/small.bin"
truncate -s 5G "$T/big.bin"
dd if="$T/small.bin" of="$T/big.bin" conv=notrunc status=none
start_mmhex -x 80 -y 24 "$T/small.bin" "$T/big.bin"
expect_status "widths: stacked" "small.bin"
expect_row "widths, stacked: the small file's offsets are 9 digits" 1 " 000000000  "
expect_row "widths, stacked: the big file's too" 13 " 000000000  "
expect_eq "widths, stacked: the rows are the same, column for column" \
    "$(screen | sed -n 2p)" "$(screen | sed -n 14p)"
keys q
expect_exit "widths, stacked: q" 0
start_mmhex -x 200 -y 50 "$T/small.bin" "$T/big.bin"
expect_status "widths: side by side" "small.bin"
row=$(screen | sed -n 2p)
# The left row: 9 digits, 16 bytes, text: 80 columns; the right pane's
# hex two blanks after.
expect_eq "widths, side by side: the left row" " 000000000  ${hexb:0:23}" "${row:0:35}"
expect_eq "widths, side by side: the right pane's bytes, two blanks after" \
    "  ${hexb:0:23}" "${row:80:25}"
keys q
expect_exit "widths, side by side: q" 0
rm -f "$T/big.bin"

# ---- Bad files: one line, as for one file --------------------------------

expect_error "a missing second file" "$T/none: " "$MMHEX" "$a" "$T/none"
expect_error "three files" "two files at most" "$MMHEX" "$a" "$b" "$a"
expect_error "a directory second" "$T" "$MMHEX" "$a" "$T"

finish
