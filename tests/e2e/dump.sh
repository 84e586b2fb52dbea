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

# Past the end of the file hexdump clamps the offset; mmhex refuses it
# (PRODUCT.md: out-of-range input is an error) and prints nothing.
"$MMHEX" -d -o 400 "$T/allbytes" >"$T/got" 2>"$T/err"
expect_eq "-o past the end: exit status" 2 "$?"
expect_eq "-o past the end: no dump" "" "$(cat "$T/got")"
expect_eq "-o past the end: one line on stderr" 1 "$(wc -l <"$T/err")"

# Writing standard output fails: exit 2 and one line saying why.
if [ -w /dev/full ]; then
	"$MMHEX" -d "$T/random" >/dev/full 2>"$T/err"
	expect_eq "-d to a full disk: exit status" 2 "$?"
	expect_eq "-d to a full disk: message" \
	    "mmhex: standard output: No space left on device" "$(cat "$T/err")"
fi

finish
