#!/bin/bash
# dump.sh - `mmhex -d` against `hexdump -C` (util-linux; Debian's
# bsdextrautils), byte for byte: plain, -v, and -o/-l windows against
# -s/-n, on generated edge cases, the bundled samples and system binaries.

# shellcheck disable=SC1090 # lib.sh comes from the environment
. "$TESTLIB"
need hexdump cmp head

# same_dump WHAT "MMHEX ARGS" "HEXDUMP ARGS" FILE: both outputs identical.
same_dump() {
	local what=$1 margs=$2 hargs=$3 file=$4 rc
	# shellcheck disable=SC2086 # the option lists are split on purpose
	hexdump $hargs "$file" >"$T/want"
	# shellcheck disable=SC2086
	"$MMHEX" $margs "$file" >"$T/got" 2>"$T/err"
	rc=$?
	expect_eq "$what: exit status (stderr: $(head -c 200 "$T/err"))" 0 "$rc"
	expect_same_file "$what" "$T/want" "$T/got"
}

# The edge cases, each in its own file.
: >"$T/empty"
printf 'A' >"$T/one"
printf '0123456789abcde' >"$T/fifteen"
printf '0123456789abcdef' >"$T/sixteen"
printf '0123456789abcdefg' >"$T/seventeen"
head -c 4096 /dev/zero >"$T/zeros4096"
for i in $(seq 100); do printf 'sixteen byte pat'; done >"$T/pattern"
{ cat "$T/pattern"; printf 'sixteen'; } >"$T/pattern-partial"
{ head -c 1000 /dev/urandom; head -c 256 /dev/zero; } >"$T/zeros-at-end"
{ head -c 1000 /dev/urandom; head -c 250 /dev/zero; } >"$T/zeros-at-end-partial"
# Runs A A B B A A A B and a 5-byte tail: one "*" per run.
{
	printf 'AAAAAAAAAAAAAAAA%.0s' 1 2
	printf 'BBBBBBBBBBBBBBBB%.0s' 1 2
	printf 'AAAAAAAAAAAAAAAA%.0s' 1 2 3
	printf 'BBBBBBBBBBBBBBBBAAAAA'
} >"$T/runs"
{ head -c 5000 /dev/urandom; head -c 10000 /dev/zero; head -c 33 /dev/urandom; } \
    >"$T/hole"
for i in $(seq 0 255); do printf '%b' "\\0$(printf %03o "$i")"; done \
    >"$T/allbytes"
head -c 4099 /dev/urandom >"$T/random-small"
head -c 300000 /dev/urandom >"$T/random"

files="empty one fifteen sixteen seventeen zeros4096 pattern pattern-partial
    zeros-at-end zeros-at-end-partial runs hole allbytes random-small random"
set --
for f in $files; do
	set -- "$@" "$T/$f"
done
set -- "$@" "$DATADIR/lorem.txt" "$DATADIR/sample.bin"

# System binaries of growing sizes, up to a few MB: the first regular,
# readable file of /usr/bin in each size band.
for band in 1:4096 4096:65536 65536:524288 524288:2097152 2097152:8388608; do
	lo=${band%:*}
	hi=${band#*:}
	for f in /usr/bin/*; do
		if [ -L "$f" ] || [ ! -f "$f" ] || [ ! -r "$f" ]; then
			continue
		fi
		size=$(stat -L -c %s "$f")
		if [ "$size" -ge "$lo" ] && [ "$size" -lt "$hi" ]; then
			set -- "$@" "$f"
			break
		fi
	done
done
expect_eq "at least 20 files to dump" yes "$([ $# -ge 20 ] && echo yes)"

for f in "$@"; do
	name=${f#"$T"/}
	same_dump "-d $name" "-d" "-C" "$f"
	same_dump "-d -v $name" "-d -v" "-Cv" "$f"
done

# Windows: -o/-l against -s/-n with absolute offsets.
for f in "$T/random" "$T/hole" "$T/zeros4096" "$T/pattern-partial" \
    "$DATADIR/sample.bin" "$DATADIR/lorem.txt"; do
	name=${f#"$T"/}
	size=$(stat -c %s "$f")
	same_dump "$name -o 1 -l 100" "-d -o 1 -l 100" "-C -s 1 -n 100" "$f"
	same_dump "$name -o 7 (not page aligned)" "-d -o 7" "-C -s 7" "$f"
	if [ "$size" -gt 4097 ]; then
		same_dump "$name -o 4095 -l 40" "-d -o 4095 -l 40" \
		    "-C -s 4095 -n 40" "$f"
		same_dump "$name -o 4097 -l 5000" "-d -o 4097 -l 5000" \
		    "-C -s 4097 -n 5000" "$f"
		same_dump "$name -o 4097 -l 5000 -v" "-d -v -o 4097 -l 5000" \
		    "-Cv -s 4097 -n 5000" "$f"
		same_dump "$name -o 0x1001 (hex)" "-d -o 0x1001" "-C -s 4097" "$f"
		same_dump "$name -o 1K -l 2K" "-d -o 1K -l 2K" \
		    "-C -s 1024 -n 2048" "$f"
	fi
	same_dump "$name -o 3 -l past the end" "-d -o 3 -l 999999999" \
	    "-C -s 3 -n 999999999" "$f"
	same_dump "$name -o at end of file" "-d -o $size" "-C -s $size" "$f"
	same_dump "$name -o at end of file -l 16" "-d -o $size -l 16" \
	    "-C -s $size -n 16" "$f"
	same_dump "$name -o 5 -l 0" "-d -o 5 -l 0" "-C -s 5 -n 0" "$f"
	same_dump "$name -o size-1" "-d -o $((size - 1))" \
	    "-C -s $((size - 1))" "$f"
done
# A window in a system binary of a few MB, far from the start.
last=${!#}
lsize=$(stat -L -c %s "$last")
same_dump "${last##*/} -o middle -l 1M" "-d -o $((lsize / 2 + 3)) -l 1M" \
    "-C -s $((lsize / 2 + 3)) -n 1048576" "$last"
same_dump "${last##*/} -o 0x10 -l 0x100" "-d -o 0x10 -l 0x100" \
    "-C -s 16 -n 256" "$last"

# Issue 10, item 4: past the end of the file hexdump prints where the file
# ends and exits 0; -d promises hexdump's output, so it does the same (the
# other modes still refuse such an offset, see cli.sh).  An empty file
# prints nothing at all, also with -s.
for f in "$T/allbytes" "$T/one" "$T/empty" "$T/sixteen"; do
	same_dump "${f##*/} -o past the end" "-d -o 400" "-C -s 400" "$f"
	same_dump "${f##*/} -o past the end -l 16" "-d -o 400 -l 16" \
	    "-C -s 400 -n 16" "$f"
	same_dump "${f##*/} -o far past the end" "-d -o 1G" "-C -s 1073741824" "$f"
done
same_dump "-o past the end -l 0" "-d -o 400 -l 0" "-C -s 400 -n 0" "$T/one"
# Standard input ending before the offset prints where it ended (hexdump
# cannot seek in a pipe: the same file is its oracle).
expect_eq "stdin ending before -o" "$(hexdump -C -s 400 "$T/allbytes")" \
    "$("$MMHEX" -d -o 400 - <"$T/allbytes")"
expect_eq "pipe ending before -o" "$(hexdump -C -s 400 "$T/allbytes")" \
    "$(cat "$T/allbytes" | "$MMHEX" -d -o 400 -)"

# Issue 10, item 2: a length is a length, never relative to --offset:
# -o 10 -l 16 is hexdump's -s 10 -n 16, K/M/G as everywhere, N% is of the
# file's size.  A sign or $ in a length is refused, naming the position.
same_dump "-o 10 -l 16" "-d -o 10 -l 16" "-C -s 10 -n 16" "$T/allbytes"
same_dump "-o 0x20 -l 0x10" "-d -o 0x20 -l 0x10" "-C -s 32 -n 16" "$T/allbytes"
same_dump "-o 1K -l 1K" "-d -o 1K -l 1K" "-C -s 1024 -n 1024" "$T/random"
same_dump "-l 50% is half the file" "-d -l 50%" "-C -n 128" "$T/allbytes"
same_dump "-o 10 -l 50% is half the file from 10" "-d -o 10 -l 50%" \
    "-C -s 10 -n 128" "$T/allbytes"
same_dump "-o 50% -l 25%" "-d -o 50% -l 25%" "-C -s 128 -n 64" "$T/allbytes"
same_dump "-l 100%" "-d -o 200 -l 100%" "-C -s 200 -n 256" "$T/allbytes"
expect_error "-l +16" "--length '+16': a length has no sign: '+' at position 0" \
    "$MMHEX" -d -o 10 -l +16 "$T/allbytes"
expect_error "-l -5" "--length '-5': a length has no sign: '-' at position 0" \
    "$MMHEX" -d -l -5 "$T/allbytes"
expect_error "-l ' -5'" "--length ' -5': a length has no sign: '-' at position 1" \
    "$MMHEX" -d -l ' -5' "$T/allbytes"
expect_error "-l \$" "--length '\$': a length is not an offset: '\$' at position 0" \
    "$MMHEX" -d -l '$' "$T/allbytes"
expect_error "-l \$-5" "a length is not an offset: '\$' at position 0" \
    "$MMHEX" -f x -l '$-5' "$T/allbytes"
expect_error "-l 200%" "--length '200%': percentage 200 is over 100 at position 0" \
    "$MMHEX" -d -l 200% "$T/allbytes"
expect_error "-l 16x" "--length '16x': unexpected 'x' at position 2" \
    "$MMHEX" -d -l 16x "$T/allbytes"

# Issue 10, item 3: $, $-N and N% on an input read into memory are taken
# from its size once read (standard input, a pipe, /proc): the same as
# the same bytes in a file.
printf '0123456789abcdef0123456789ABCDEF' >"$T/thirtytwo"
for args in '-o \$-3' '-o \$' '-l 50%' '-o 50%' '-o 25% -l 50%' '-o \$-20 -l 8' \
    '-o 8 -l 100%' '-o +4 -l 4'; do
	eval "set -- $args"
	expect_eq "stdin -d $args" "$("$MMHEX" -d "$@" "$T/thirtytwo")" \
	    "$(cat "$T/thirtytwo" | "$MMHEX" -d "$@" -)"
done
# $ is the last byte: $-3 is 28.
expect_eq "stdin -o \$-3 against hexdump" "$(hexdump -C -s 28 "$T/thirtytwo")" \
    "$(cat "$T/thirtytwo" | "$MMHEX" -d -o '$-3' -)"
expect_eq "stdin -f A -o 50%" 26 "$(cat "$T/thirtytwo" | "$MMHEX" -f A -o 50% -)"
expect_eq "stdin -f A -o \$-10" 26 "$(cat "$T/thirtytwo" | "$MMHEX" -f A -o '$-10' -)"
expect_error "stdin -o \$+2" "offset 0x21 is past the end (at most 0x20)" \
    sh -c 'cat "$1" | "$2" -f A -o "\$+2" -' sh "$T/thirtytwo" "$MMHEX"
# /proc/version: its size is what reading it gives (stat says 0).
cat /proc/version >"$T/version"
expect_eq "/proc/version -o \$-10" "$(hexdump -C -s $(($(wc -c <"$T/version") - 11)) "$T/version")" \
    "$("$MMHEX" -d -o '$-10' /proc/version)"
expect_eq "/proc/version -l 50%" "$(hexdump -C -n $(($(wc -c <"$T/version") / 2)) "$T/version")" \
    "$("$MMHEX" -d -l 50% /proc/version)"

# Writing standard output fails: exit 2 and one line saying why.
if [ -w /dev/full ]; then
	"$MMHEX" -d "$T/random" >/dev/full 2>"$T/err"
	expect_eq "-d to a full disk: exit status" 2 "$?"
	expect_eq "-d to a full disk: message" \
	    "mmhex: standard output: No space left on device" "$(cat "$T/err")"
fi

finish
