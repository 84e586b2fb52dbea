#!/bin/bash
# special.sh - PRODUCT.md's "Bad input and faults" table, one check per
# row that is about what is opened: the empty file, a FIFO, standard
# input, a /proc file, character devices, a block device (a loop device),
# a 100 GiB sparse file, a directory, a dangling symlink, a file that
# cannot be read and one that cannot be written (as a non-root user).
# Each both from the command line and, where it opens, in the viewer.
# Then hostile input typed into the viewer's prompts, and a C locale.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/tmux.sh"
need hexdump truncate mkfifo

lorem=$DATADIR/lorem.txt

# ---- errors: exit 2, "mmhex: PATH: strerror", also for the viewer ----------

expect_error "missing file" "$T/none: No such file or directory" "$MMHEX" "$T/none"
expect_error "directory" "$T: Is a directory" "$MMHEX" "$T"
expect_error "directory, -d" "$T: Is a directory" "$MMHEX" -d "$T"
ln -s "$T/nowhere" "$T/dangling"
expect_error "dangling symlink" "$T/dangling: No such file or directory" "$MMHEX" "$T/dangling"
expect_error "dangling symlink, -f" "$T/dangling: No such file or directory" \
    "$MMHEX" -f x "$T/dangling"

# ---- the empty file: opens, says "empty file", nothing moves ------------------

: >"$T/empty"
expect_eq "empty: dump" "" "$("$MMHEX" -d "$T/empty")"
"$MMHEX" -x 00 "$T/empty"
expect_eq "empty: find exits 1" 1 $?
start_mmhex "$T/empty"
expect_screen_has "empty: viewer says so" "empty file"
keys G End PageDown Right j
type_text 'g'
keys Enter
expect_status "empty: still there" "  COW  "
keys q
expect_exit "empty: q" 0

# ---- FIFO: read into memory, read-only, says so ------------------------------

mkfifo "$T/fifo"
{ printf 'hello, fifo\n' >"$T/fifo"; } &
expect_eq "fifo: dump" "$(printf 'hello, fifo\n' | hexdump -C)" "$("$MMHEX" -d "$T/fifo")"
wait
{ printf 'hello, fifo\n' >"$T/fifo"; } &
start_mmhex "$T/fifo"
expect_status "fifo: read-only" "  RO  "
expect_screen_has "fifo: says why" "not a regular file: read into memory, read-only"
expect_row "fifo: the bytes" 0 " 00000000  68 65 6c 6c 6f"
keys R
expect_screen_has "fifo: edits refused" "read-only"
keys q
expect_exit "fifo: q" 0
wait

# ---- standard input: in memory, copy-on-write with nothing to flush to -----

expect_eq "stdin: dump" "$(hexdump -C "$lorem")" "$("$MMHEX" -d - <"$lorem")"
start_mmhex -x 200 -i "$lorem" -- -
expect_status "stdin: copy-on-write" "  COW  "
expect_screen_has "stdin: says so" "standard input: edits stay in memory"
expect_row "stdin: the bytes" 0 " 00000000  4c 6f 72 65 6d"
keys Tab R
type_text X
expect_status "stdin: an edit in memory" "[1 changed]"
keys Escape w
expect_screen_has "stdin: nothing to flush to" "nothing to flush to"
expect_status "stdin: the edit stays" "[1 changed]"
keys Q
expect_exit "stdin: Q" 0

# ---- /proc files: size 0 yet content; read into memory -------------------------

"$MMHEX" -f 'r-xp' /proc/self/maps >/dev/null
expect_eq "/proc/self/maps: found" 0 $?
expect_eq "/proc/self/maps: dump ends" 1 "$("$MMHEX" -d /proc/self/maps | tail -1 | grep -c '^[0-9a-f]*$')"
start_mmhex /proc/self/maps
expect_status "/proc/self/maps: read-only" "  RO  "
expect_screen_has "/proc/self/maps: says why" "not a regular file"
keys q
expect_exit "/proc/self/maps: q" 0

# ---- character devices: /dev/zero bounded, /dev/null empty -----------------------

expect_eq "/dev/zero -l 64" "$(head -c 64 /dev/zero | hexdump -C)" "$("$MMHEX" -d -l 64 /dev/zero)"
expect_eq "/dev/null: nothing" "" "$("$MMHEX" -d /dev/null)"
start_mmhex -x 200 /dev/zero
expect_status "/dev/zero: read-only" "  RO  "
expect_screen_has "/dev/zero: says how much" "character device: read its first 64 MiB"
expect_status "/dev/zero: 64 MiB" "/ 67108864 "
keys q
expect_exit "/dev/zero: q" 0
start_mmhex /dev/null
expect_screen_has "/dev/null: empty" "empty file"
keys q
expect_exit "/dev/null: q" 0

# ---- a 100 GiB sparse file: a screen read, not the file -----------------------

# cached_bytes FILE: how much of FILE is in the page cache (fincore):
# what has been read of it.  The file is sparse and fresh, so that is only
# what mmhex read.  Measured in bytes, not timed: a loaded machine cannot
# fail it, and reading the whole file (or a good part of it) cannot pass.
cached_bytes() {
	fincore --bytes --noheadings --output RES "$1" | tr -d ' '
}
# expect_read_little WHAT BEFORE: at most 1 MiB of the file read since.
expect_read_little() {
	command -v fincore >/dev/null || return 0
	local read=$(( $(cached_bytes "$T/big") - $2 ))
	checks=$((checks + 1))
	[ "$read" -le 1048576 ] || fail "$1: $read bytes of the file were read"
}
command -v fincore >/dev/null ||
    echo "note: no fincore (util-linux): what the 100 GiB checks read is not measured"

truncate -s 100G "$T/big"
printf 'END!' | dd of="$T/big" bs=1 seek=$((100 * 1024 * 1024 * 1024 - 4)) conv=notrunc status=none
before=$(command -v fincore >/dev/null && cached_bytes "$T/big")
got=$("$MMHEX" -d -o '$-15' "$T/big")
expect_eq "100 GiB: the last 16 bytes" "$(printf '%s\n' \
    '18fffffff0  00 00 00 00 00 00 00 00  00 00 00 00 45 4e 44 21  |............END!|' \
    1900000000)" "$got"
expect_read_little "100 GiB: -d -o '\$-15'" "$before"
start_mmhex "$T/big"
expect_status "100 GiB: first screen" "/ 107374182400 "
expect_read_little "100 GiB: the first screen" "$before"
keys G
expect_offset "100 GiB: G" 107374182399
expect_screen_has "100 GiB: the end shown" "END!"
expect_read_little "100 GiB: G" "$before"
keys q
expect_exit "100 GiB: q" 0

# ---- a block device: mapped, size from the device ------------------------------

if [ "$(id -u)" -eq 0 ] && command -v losetup >/dev/null &&
    head -c 1048576 /dev/urandom >"$T/disk.img" &&
    loop=$(losetup -f --show "$T/disk.img" 2>/dev/null); then
	at_exit 'losetup -d "$loop" 2>/dev/null'
	expect_eq "block device: dump" "$(hexdump -C "$T/disk.img")" "$("$MMHEX" -d "$loop")"
	expect_eq "block device: the end" "$(hexdump -C -s 1048560 "$T/disk.img")" \
	    "$("$MMHEX" -d -o '$-15' "$loop")"
	start_mmhex -r "$loop"
	expect_status "block device: size from the device" "/ 1048576 "
	keys q
	expect_exit "block device: q" 0
else
	echo "SKIP (block device): no loop device here (needs root and losetup)"
fi

# ---- as a user who may not read, or not write -------------------------------

# run_as_nobody CMD...: CMD as nobody:nogroup, when we can switch to it and
# nobody can run $MMHEX from where it was built.
can_switch=no
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
	chmod 755 "$T"
	HOME=$T setpriv --reuid=nobody --regid=nogroup --clear-groups "$MMHEX" --version \
	    >/dev/null 2>&1 && can_switch=yes
fi
# HOME too: nobody may not read root's configuration.
as_nobody() {
	HOME=$T setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"
}
if [ "$(id -u)" -ne 0 ] || [ $can_switch = yes ]; then
	nobody=
	[ "$(id -u)" -eq 0 ] && nobody=as_nobody
	printf 'secret\n' >"$T/secret"; chmod 000 "$T/secret"
	expect_error "no read permission" "$T/secret: Permission denied" \
	    $nobody "$MMHEX" -d "$T/secret"
	expect_error "no read permission, viewer" "$T/secret: Permission denied" \
	    $nobody "$MMHEX" "$T/secret"
	cp "$lorem" "$T/ro.txt"; chmod 444 "$T/ro.txt"
	expect_error "not writable: --patch" "$T/ro.txt: file is not writable" \
	    $nobody "$MMHEX" --patch 0:41 "$T/ro.txt"
	expect_same_file "not writable: untouched by --patch" "$lorem" "$T/ro.txt"
	# The viewer opens it read-only and says so.
	printf '#!/bin/sh\nHOME=%s exec %s "%s" "$@"\n' "$T" \
	    "${nobody:+setpriv --reuid=nobody --regid=nogroup --clear-groups}" \
	    "$MMHEX" >"$T/mmhex-as"
	chmod 755 "$T/mmhex-as"
	real=$MMHEX MMHEX=$T/mmhex-as
	start_mmhex "$T/ro.txt"
	MMHEX=$real
	expect_status "not writable: read-only" "  RO  "
	expect_screen_has "not writable: says so" "file is not writable: opened read-only"
	keys R
	expect_screen_has "not writable: edits refused" "read-only"
	keys q
	expect_exit "not writable: q" 0
	expect_same_file "not writable: untouched" "$lorem" "$T/ro.txt"
else
	echo "SKIP (permissions): root, and cannot switch to nobody (setpriv, or $MMHEX not reachable by nobody)"
fi

# ---- hostile input in the prompts: a message, nothing moves ---------------------

{ head -c 64 /dev/zero | tr '\0' a; printf 'b\n'; } >"$T/catastrophe"
start_mmhex -x 120 -- -b 16 "$T/catastrophe"
keys j l
expect_offset "hostile: start" 17
# prompt_error WHAT KEY TEXT WANT: KEY opens a prompt, TEXT is typed, Enter;
# WANT shows up and the cursor stays at 17.
prompt_error() {
	keys "$2"
	type_text "$3"
	keys Enter
	expect_screen_has "$1: message" "$4"
	expect_offset "$1: nothing moved" 17
}
prompt_error "goto garbage" g '0x1zz' "position"
prompt_error "goto huge" g '99999999999999999999999999' "position"
prompt_error "goto past the end" g '0x7fffffffffff' "past the end"
prompt_error "goto 200%" g '200%' "position"
prompt_error "hex pattern, odd" f 'de a' "position 3"
prompt_error "hex pattern, not hex" f 'zz' "position 0"
prompt_error "regex, unbalanced" / 'a(b' "position"
prompt_error "regex, catastrophic" / '(a+)+$' "regex too complex"
# Control bytes and bytes that are not UTF-8 typed into a prompt.
keys g
tm send-keys -t "$PANE" -l -- $'\x01\x02\x7f\xff\xfe12'
keys Enter
expect_offset "binary garbage: nothing moved" 17
keys Escape j
expect_offset "hostile: still responsive" 33
keys q
expect_exit "hostile: q" 0

# A locale that is not UTF-8: drawn all the same.
start_mmhex -e LC_ALL=C -e LANG=C "$DATADIR/sample.bin"
expect_status "C locale: drawn" "  COW  "
keys G
expect_status "C locale: moves" "100%"
keys q
expect_exit "C locale: q" 0

finish
