#!/bin/bash
# edit_save.sh - W writes the selection to a file of its own, as hexedit's
# "save selection" does: the bytes as they show (an unflushed overwrite and
# an insert inside it included, Python computing what they are), the file
# being edited untouched on disk.  A file that exists is replaced only
# after a question (its permissions kept), never the file being edited,
# never a directory.  A failed write says which file and why and leaves no
# file behind (an existing one as it was); a crash at any write-like call
# of a replace leaves the old file or the new one, whole.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/tmux.sh"
need python3 cmp

lorem=$DATADIR/lorem.txt

# slice FILE FROM TO OUT: bytes [FROM, TO) of FILE into OUT.
slice() {
	python3 -c 'import sys
d = open(sys.argv[1], "rb").read()
open(sys.argv[4], "wb").write(d[int(sys.argv[2]):int(sys.argv[3])])' "$@"
}

# select_range FROM N: v at FROM, then N-1 bytes to the right.
select_range() {
	go "$1"
	keys v
	expect_status "v at $1" "select"
	local i
	for i in $(seq 2 "$2"); do keys l; done
	expect_status "select $2 bytes" "select $2"
}

# save_to PATH: W, the path, Enter.
save_to() {
	keys W
	wait_for "to: " || fail "W: no prompt"
	type_text "$1"
	keys Enter
}

cp "$lorem" "$T/a.txt"
start_mmhex -x 100 -y 24 "$T/a.txt"

# ---- Nothing selected ---------------------------------------------------------

keys W
expect_status "W without a selection" "nothing selected: v starts a selection"

# ---- A new file -----------------------------------------------------------------

select_range 6 11
keys W
expect_screen_has "W: the prompt says how many bytes" "write 11 bytes to: "
type_text "$T/part.bin"
keys Enter
expect_status "W: written" "wrote 11 bytes to $T/part.bin"
expect_screen_lacks "W: select mode ended" "select 11"
slice "$lorem" 6 17 "$T/part.want"
expect_same_file "W: the selection's bytes" "$T/part.want" "$T/part.bin"
expect_same_file "W: the edited file untouched" "$lorem" "$T/a.txt"

# ---- The bytes as they show: an overwrite and an insert inside -----------------

go 20; keys R; type_text 5a5a; keys Escape
go 30; keys I; type_text 414243; keys Escape
expect_status "two edits" "[+3 bytes, 5 changed]"
select_range 16 24
save_to "$T/edited.bin"
expect_status "W with edits: written" "wrote 24 bytes to $T/edited.bin"
python3 -c 'import sys
d = bytearray(open(sys.argv[1], "rb").read())
d[20:22] = b"ZZ"; d[30:30] = b"ABC"
open(sys.argv[2], "wb").write(d[16:40])' "$lorem" "$T/edited.want"
expect_same_file "W: the unflushed edits are in it" "$T/edited.want" \
    "$T/edited.bin"
expect_same_file "W: the edited file still untouched" "$lorem" "$T/a.txt"

# ---- A file that exists: asked; c keeps it, o replaces it ----------------------

printf 'old contents\n' >"$T/exists.bin"
chmod 640 "$T/exists.bin"
select_range 0 5
save_to "$T/exists.bin"
expect_status "W over a file: asked" \
    "exists.bin exists (13 bytes): (o)verwrite it with the 5 selected, (c)ancel"
keys x
expect_status "a key it does not take" "it takes o, c, Esc"
keys c
expect_status "c: nothing written" "nothing written: $T/exists.bin kept"
expect_screen_lacks "c: select mode ended" "select 5"
expect_eq "c: the file as it was" "old contents" "$(cat "$T/exists.bin")"
select_range 0 5
save_to "$T/exists.bin"
expect_status "asked again" "(o)verwrite it"
keys o
expect_status "o: written" "wrote 5 bytes to $T/exists.bin"
expect_eq "o: the file holds the selection" "Lorem" "$(cat "$T/exists.bin")"
expect_eq "o: its permissions kept" 640 "$(stat -c %a "$T/exists.bin")"
expect_eq "o: nothing left beside it" "a.txt edited.bin edited.want exists.bin part.bin part.want" \
    "$(cd "$T" && ls a.txt edited.* exists.* part.* .*mmhex* 2>/dev/null | tr '\n' ' ' | sed 's/ $//')"

# ---- Never the file being edited, never a directory ------------------------------

select_range 0 4
save_to "$T/a.txt"
expect_status "W to the edited file: refused" \
    "nothing written: $T/a.txt is the file being edited (w flushes it)"
expect_same_file "the edited file untouched by W" "$lorem" "$T/a.txt"
select_range 0 4
save_to "$T"
expect_status "W to a directory: refused" "nothing written: $T is not a regular file"
select_range 0 4
save_to "$T/no/such/dir/f"
expect_status "W into a missing directory" \
    "nothing written: $T/no/such/dir/f: open: No such file or directory"
keys q d
expect_exit "q d" 0
expect_same_file "the edited file never changed" "$lorem" "$T/a.txt"

# ---- Read-only: W writes another file, so it works ------------------------------

start_mmhex -x 100 -y 24 -- -r "$lorem"
select_range 100 50
save_to "$T/ro.bin"
expect_status "-r: W works" "wrote 50 bytes to $T/ro.bin"
slice "$lorem" 100 150 "$T/ro.want"
expect_same_file "-r: the bytes" "$T/ro.want" "$T/ro.bin"
keys q
expect_exit "-r: q" 0

# ---- Failures and crashes (the fault shim) --------------------------------------

if [ -n "${FAULTLIB:-}" ] && [ -f "$FAULTLIB" ]; then
	if ldd "$MMHEX" 2>/dev/null | grep -q libasan; then
		export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
	fi
	: >"$T/fault"
	start_faulty() {
		start_mmhex -x 100 -y 24 -e "LD_PRELOAD=$FAULTLIB" \
		    -e "MMHEX_FAULT_FILE=$T/fault" -e "MMHEX_FAULT_COUNT=$T/count" \
		    -e "ASAN_OPTIONS=${ASAN_OPTIONS:-}" -- -r "$lorem"
	}
	# A new file: EIO on its write, nothing left.
	start_faulty
	select_range 0 10
	echo pwrite:EIO >"$T/fault"
	save_to "$T/eio.bin"
	expect_status "EIO: said, naming the file" \
	    "nothing written: $T/eio.bin: write: Input/output error"
	checks=$((checks + 1))
	[ ! -e "$T/eio.bin" ] || fail "EIO: a file was left behind"
	# Replacing: ENOSPC on fdatasync, the old file as it was, no temporary.
	printf 'keep me\n' >"$T/keep.bin"
	echo fdatasync:ENOSPC >"$T/fault"
	select_range 0 10
	save_to "$T/keep.bin"
	keys o
	expect_status "ENOSPC: said" \
	    "nothing written: $T/keep.bin: fdatasync: No space left on device"
	expect_eq "ENOSPC: the old file kept" "keep me" "$(cat "$T/keep.bin")"
	expect_eq "ENOSPC: no temporary left" "" \
	    "$(cd "$T" && ls -a | grep mmhex- || true)"
	keys q
	expect_exit "faults: q" 0

	# Every write-like call of a replace, counted, then killed at each.
	: >"$T/fault"
	printf 'old file\n' >"$T/crash.bin"
	start_faulty
	select_range 0 200
	: >"$T/count"
	save_to "$T/crash.bin"
	keys o
	expect_status "counted replace" "wrote 200 bytes"
	ncalls=$(wc -l <"$T/count")
	expect_eq "the replace's calls" "pwrite fdatasync rename fsync" \
	    "$(tr '\n' ' ' <"$T/count" | sed 's/ $//')"
	keys q
	expect_exit "counted: q" 0
	slice "$lorem" 0 200 "$T/crash.want"
	for i in $(seq 0 $((ncalls - 1))); do
		printf 'old file\n' >"$T/crash.bin"
		: >"$T/fault"
		start_faulty
		select_range 0 200
		echo "any:KILL:$i" >"$T/fault"
		save_to "$T/crash.bin"
		keys o
		wait_for "EXITED:137" || fail "replace killed at call $i: not killed"
		checks=$((checks + 1))
		if ! cmp -s "$T/crash.bin" "$T/crash.want" &&
		    [ "$(cat "$T/crash.bin")" != "old file" ]; then
			fail "killed at call $i: crash.bin is neither old nor new"
		fi
		rm -f "$T"/crash.bin.mmhex-*
	done
fi

finish
