#!/bin/bash
# edit_insert.sh - inserting and deleting bytes as a person does it in a
# terminal: insert mode in the text and the hex pane (the first hex digit
# shows at once), x, a cut and P, the status line's change of size, undo,
# the flush that moves the tail in place (the same inode), appending at
# the end, deleting down to nothing, the read-only refusal, a search
# across an insertion point, and random edit sequences typed into mmhex
# in copy-on-write and write-through on files of 0 B, 1 B, a page +/- 1
# and 256 MiB, the file compared afterwards with Python's bytearray and
# with a Python mmap replaying the edits with resize and move
# (edit_oracle.py).
. "$TESTLIB"
. "$(dirname "$TESTLIB")/tmux.sh"
need python3 cmp od stat

lorem=$DATADIR/lorem.txt
oracle=$(dirname "$TESTLIB")/edit_oracle.py

# flush_ended: until the status line says the flush is over (5 minutes).
flush_ended() {
	local i=0
	while [ $i -lt 6000 ]; do
		case $(status_line) in
		*flushed*|*"nothing to flush"*) return 0 ;;
		esac
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# send_keys FILE: the keys edit_oracle.py wrote, in batches.  A flush is
# waited for, as a person waits for it: keys typed during a long move are
# kept for after it, but an Esc among them would stop it.
send_keys() {
	local batch=() line
	while IFS= read -r line; do
		case $line in
		"-l "*) [ ${#batch[@]} -eq 0 ] || keys "${batch[@]}"; batch=()
			type_text "${line#-l }" ;;
		w)	[ ${#batch[@]} -eq 0 ] || keys "${batch[@]}"; batch=()
			keys w
			flush_ended || fail "a flush did not end: $(status_line)" ;;
		"=wait "*)
			[ ${#batch[@]} -eq 0 ] || keys "${batch[@]}"; batch=()
			wait_for "${line#=wait }" 300 ||
			    fail "no [${line#=wait }] after a move: $(status_line)" ;;
		*) batch+=("$line")
		   [ ${#batch[@]} -lt 32 ] || { keys "${batch[@]}"; batch=(); } ;;
		esac
	done <"$1"
	[ ${#batch[@]} -eq 0 ] || keys "${batch[@]}"
}

# ---- The reference scenario: a word inserted in the text pane ----------------

cp "$lorem" "$T/a.txt"
ino=$(stat -c %i "$T/a.txt")
python3 -c 'import sys
b = bytearray(open(sys.argv[1], "rb").read())
b[6:6] = b"big "
open(sys.argv[2], "wb").write(b)' "$lorem" "$T/want.txt"
start_mmhex -x 100 -y 30 "$T/a.txt"
keys g
type_text 6
keys Enter
expect_offset "goto 6: on the i of ipsum" 6
keys I
expect_status "I: insert mode" "insert: type before the cursor"
keys Tab
expect_status "the mode on the status line" "  text  insert"
type_text "big "
expect_status "four bytes inserted" "[+4 bytes, 4 changed]"
expect_status "the size as it will be" " / $(( $(stat -c %s "$lorem") + 4 )) "
expect_offset "the cursor after them, on the i" 10
expect_row "the hex pane shows them" 0 " 00000000  4c 6f 72 65 6d 20 62 69  67 20 69 70 73 75 6d 20  |Lorem big ipsum |"
expect_cell "an inserted byte is highlighted" 0 "$(text_col 7)" 'bold.*fg=31'
expect_same_file "copy-on-write: the file untouched before the flush" "$lorem" "$T/a.txt"
keys Escape
expect_screen_lacks "Esc leaves insert mode" "insert"
keys t
expect_screen_has "the line view shows the edited bytes" "Lorem big ipsum dolor sit amet"
keys t
keys w
expect_status "w flushes, moving the tail" "flushed 4 changed bytes, size +4"
expect_same_file "the file holds the insert" "$T/want.txt" "$T/a.txt"
expect_eq "the same inode: moved in place" "$ino" "$(stat -c %i "$T/a.txt")"
expect_screen_lacks "nothing changed any more" "changed]"
keys u u u u
expect_status "four u take it back, a byte each" "[-4 bytes, 0 changed]"
keys w
expect_status "the second flush" "flushed 0 changed bytes, size -4"
expect_same_file "and the flush writes that" "$lorem" "$T/a.txt"
keys q
expect_exit "q after the flush" 0

# ---- Hex digits, x, a cut and P ------------------------------------------------

cp "$lorem" "$T/b.txt"
start_mmhex -x 100 -y 30 "$T/b.txt"
keys I
type_text 4
expect_row "the first digit shows at once, as a new byte" 0 " 00000000  40 4c 6f 72 65 6d 20 69  70 73 75 6d 20 64 6f 6c  |@Lorem ipsum dol|"
type_text 1
expect_row "the second completes it" 0 " 00000000  41 4c 6f 72 65 6d 20 69  70 73 75 6d 20 64 6f 6c  |ALorem ipsum dol|"
keys Escape
keys g
type_text 0
keys Enter i
expect_screen_has "the inspector reads the inserted byte and the file's" "le 19521 0x4c41  be 16716 0x414c"
keys i
keys g
type_text 1
keys Enter x
expect_status "x deleted the L: the size is back" "[+0 bytes, 1 changed]"
keys v Right Right d
expect_status "d cuts the selection" "cut 3 bytes (P inserts them)"
expect_row "ore gone" 0 " 00000000  41 6d 20 69 70 73 75 6d  20 64 6f 6c 6f 72 20 73  |Am ipsum dolor s|"
keys l P
expect_row "P inserts them before the cursor" 0 " 00000000  41 6d 6f 72 65 20 69 70  73 75 6d 20 64 6f 6c 6f  |Amore ipsum dolo|"
python3 -c 'import sys
b = bytearray(open(sys.argv[1], "rb").read())
b[0:0] = b"A"; del b[1]; del b[1:4]; b[2:2] = b"ore"
open(sys.argv[2], "wb").write(b)' "$lorem" "$T/want.txt"
# Where Python finds them in the edited bytes, from the cursor on (3).
py_find() {
	python3 -c 'import re, sys
b = open(sys.argv[1], "rb").read()
pat, kind, start = sys.argv[2].encode(), sys.argv[3], int(sys.argv[4])
if kind == "find":
    at = b.find(pat, start)
    print(at if at >= 0 else b.find(pat))
else:
    m = re.compile(pat, re.M).search(b, start) or re.compile(pat, re.M).search(b)
    print(m.start())' "$T/want.txt" "$@"
}
keys Tab f
type_text "more ip"
keys Enter
expect_offset "find across the pasted bytes and the file's" "$(py_find "more ip" find 4)"
keys Tab
keys /
type_text "e ip.um d"
keys Enter
expect_offset "a regex across the paste and the file" "$(py_find "e ip.um d" re 2)"
keys /
type_text "A[m]o"
keys Enter
expect_offset "a regex across an insert, a delete and a paste (wrapped)" "$(py_find "A[m]o" re 5)"
keys w
expect_status "flushed" "flushed"
expect_same_file "the file after the flush" "$T/want.txt" "$T/b.txt"
keys q
expect_exit "q" 0

# ---- The end of the file, and nothing left ---------------------------------------

printf 'ab' >"$T/c.bin"
start_mmhex -x 100 -y 30 "$T/c.bin"
keys G I Right
expect_offset "insert mode: the cursor after the last byte" 2
type_text 6364
expect_screen_has "appended" " 00000000  61 62 63 64 "
expect_status "four bytes now" "[+2 bytes, 2 changed]"
keys Escape g
type_text 0
keys Enter x x x x
expect_status "deleted down to nothing" "empty"
keys w
expect_status "emptied: flushed" "flushed"
expect_eq "an empty file" 0 "$(stat -c %s "$T/c.bin")"
keys q
expect_exit "q" 0

# ---- Read-only ---------------------------------------------------------------------

cp "$lorem" "$T/ro.txt"
start_mmhex -x 100 -y 30 -- -r "$T/ro.txt"
for k in I x P Delete; do
	keys "$k"
	expect_status "read-only: $k refused" "read-only session"
done
keys v l d
expect_status "read-only: a cut refused" "read-only session"
expect_screen_lacks "nothing changed" "changed]"
keys q
expect_exit "q" 0
expect_same_file "read-only: the file untouched" "$lorem" "$T/ro.txt"

# ---- Standard input, read into memory: inserts and deletes in memory -------------

printf 'hello world\n' >"$T/in.txt"
start_mmhex -x 100 -y 30 -i "$T/in.txt" -- -C -
keys I
type_text 41
keys Escape
expect_row "in memory: inserted" 0 " 00000000  41 68 65 6c 6c 6f 20 77  6f 72 6c 64 0a           |Ahello world.|"
keys x x
expect_row "in memory: deleted" 0 " 00000000  41 6c 6c 6f 20 77 6f 72  6c 64 0a                 |Allo world.|"
expect_status "in memory: the change of size" "[-1 byte, 1 changed]"
keys w
expect_screen_has "in memory: nothing to flush to" "read into memory: nothing to flush to"
# q offers no flush that cannot work: discard or cancel.
keys q
expect_status "in memory: q asks without a flush" \
    "1 edited byte, size -1, only in memory, no file to flush to: (d)iscard and quit, (c)ancel"
keys f
expect_status "in memory: f is not an answer" "it takes d, c, Esc"
keys c
expect_status "in memory: c stays" "[-1 byte, 1 changed]"
keys q
expect_status "in memory: asked again" "(d)iscard and quit"
keys d
expect_exit "in memory: d quits" 0
expect_eq "in memory: the input untouched" "hello world" "$(cat "$T/in.txt")"

# ---- A flush stopped half-way, then the terminal hangs up --------------------------

# Esc stops the move at a chunk border (the file is part moved); a
# hang-up then must not leave it so: mmhex finishes the move, then dies
# of the signal.
head -c $((40 << 20)) /dev/urandom >"$T/hup.bin"
python3 -c 'import sys
b = bytearray(open(sys.argv[1], "rb").read())
b[0:0] = b"\x5a"
open(sys.argv[2], "wb").write(b)' "$T/hup.bin" "$T/hup.want"
start_mmhex -x 160 -y 30 "$T/hup.bin"
keys I
type_text 5a
keys Escape
expect_status "an insert at 0" "[+1 byte, 1 changed]"
keys w Escape
expect_screen_has "Esc stops the move" "move cancelled after"
keys C-l
expect_status "the status says so" "[part moved: w goes on]"
pid=$(mmhex_pid)
checks=$((checks + 1))
[ -n "$pid" ] && kill -HUP "$pid" || fail "no mmhex to hang up"
expect_exit "the hang-up ends it" 129
expect_same_file "the move was finished first" "$T/hup.want" "$T/hup.bin"

# ---- Random edit sequences against the oracles ----------------------------------

# run_oracle NAME SESSION-FLAG SIZE SEED OPS [MODE]: a file of SIZE random
# bytes; MODE as edit_oracle.py takes it (write-through: wt, or wt-ask).
run_oracle() {
	local name=$1 flag=$2 size=$3 seed=$4 ops=$5 mode=${6:-} f=$T/$1.bin
	head -c "$size" /dev/urandom >"$f"
	local ino
	ino=$(stat -c %i "$f")
	python3 "$oracle" "$seed" "$f" "$T/$name.keys" "$T/$name.want" "$ops" \
	    $mode ||
	    { fail "$name: the oracle failed"; return; }
	start_mmhex -x 100 -y 30 -- "$flag" "$f"
	send_keys "$T/$name.keys"
	keys w q
	# A flush of a big file moves and syncs its tail: give it time.
	WAIT_TIMEOUT=$(( size > (1 << 20) ? 300 : WAIT_TIMEOUT )) \
	    expect_exit "$name: flushed and quit" 0
	expect_same_file "$name: the file equals the oracles" "$T/$name.want" "$f"
	expect_eq "$name: the same inode" "$ino" "$(stat -c %i "$f")"
}

seed=1
for size in 0 1 4095 4097; do
	run_oracle "s$size-C" -C "$size" "$seed" 40
	run_oracle "s$size-W" -W "$size" $((seed + 1)) 40 wt
	seed=$((seed + 2))
done
# A quarter of a GiB: a few edits, each flush moving the tail once; in
# write-through each insert and delete moves it, after the question.
run_oracle big -C $((256 << 20)) 99 12
run_oracle bigwt -W $((256 << 20)) 98 6 wt-ask

finish
