#!/bin/bash
# cli.sh - the command line itself: help, version, exit statuses, one-line
# errors naming the file and the cause, odd inputs (empty, stdin, /proc).
. "$TESTLIB"

# --help names every option; --version the package version.
help=$("$MMHEX" --help)
expect_eq "--help exit" 0 $?
for opt in --read-only --write-through --copy-on-write --offset --length --goto \
    --bytes-per-line --text --color --dump --no-squeeze --find --find-hex --regex \
    --reverse --count --patch --help --version; do
	case $help in
	*"$opt"*) checks=$((checks + 1)) ;;
	*) fail "--help does not mention $opt" ;;
	esac
done
expect_eq "--version" "mmhex 0.1.0" "$("$MMHEX" --version)"
expect_eq "-V" "mmhex 0.1.0" "$("$MMHEX" -V)"

# Usage and file errors.
expect_error "no file" "no file given" "$MMHEX" -d
expect_error "two files" "one too many" "$MMHEX" -d a b
expect_error "unknown option" "unknown option '--frob'" "$MMHEX" --frob x
expect_error "unknown short option" "unknown option '-z'" "$MMHEX" -z x
expect_error "missing argument" "needs an argument" "$MMHEX" x -f
expect_error "two modes" "--dump and --find cannot be used together" "$MMHEX" -d -f x "$DATADIR/lorem.txt"
expect_error "--keys with a mode" "--keys and --dump cannot be used together" \
    "$MMHEX" --keys -d "$DATADIR/lorem.txt"
expect_error "a mode with --keys" "--find and --keys cannot be used together" \
    "$MMHEX" -f x --keys "$DATADIR/lorem.txt"
expect_error "--keys with a file" "--keys takes no file" "$MMHEX" --keys "$DATADIR/lorem.txt"
expect_error "--keys raw, without the =" \
    "--keys takes no file: 'raw' is one too many (--keys=raw lists the keys for scripts)" \
    "$MMHEX" --keys raw
expect_error "--keys=other" "--keys=other: the only form with a value is --keys=raw" \
    "$MMHEX" --keys=other
expect_error "--keys --count" "--count goes with" "$MMHEX" --keys --count
expect_error "width past the most" "--bytes-per-line '4097': expected a number from 1 to 4096" \
    "$MMHEX" -b 4097 -d "$DATADIR/lorem.txt"
expect_error "missing file" "$T/none: No such file or directory" "$MMHEX" -d "$T/none"
expect_error "directory" "$T: Is a directory" "$MMHEX" -d "$T"
expect_error "bad color" "--color 'pink'" "$MMHEX" --color=pink -d "$DATADIR/lorem.txt"
expect_error "bad width" "--bytes-per-line '0'" "$MMHEX" -b 0 -d "$DATADIR/lorem.txt"
expect_error "bad offset" "--offset 'zz'" "$MMHEX" -d -o zz "$DATADIR/lorem.txt"
# Only -d takes an offset past the end, as hexdump does (dump.sh).
expect_error "offset past end" "past the end" "$MMHEX" -f x -o 738 "$DATADIR/lorem.txt"
expect_error "offset past end, -e" "past the end" "$MMHEX" -e x -o 738 "$DATADIR/lorem.txt"
expect_error "reverse without search" "--reverse goes with" "$MMHEX" --reverse -d "$DATADIR/lorem.txt"
expect_error "bad hex pattern" "position 3" "$MMHEX" -x 'de a' "$DATADIR/lorem.txt"
expect_error "bad regex" "position" "$MMHEX" -e 'a(b' "$DATADIR/lorem.txt"
expect_error "empty string" "empty" "$MMHEX" -f '' "$DATADIR/lorem.txt"
if [ "$(id -u)" -ne 0 ]; then
	: >"$T/secret"; chmod 000 "$T/secret"
	expect_error "permission denied" "$T/secret: Permission denied" "$MMHEX" -d "$T/secret"
fi

# Issue 10, item 1: a standard descriptor closed at start.  The file
# mmhex opens would get that number and its own messages (or output) would
# land in it: each of 0, 1, 2 closed in turn, the file stays byte-identical.
printf 'hello, world\n' >"$T/fd.orig"
for fd in 0 1 2; do
	cp "$T/fd.orig" "$T/fd.txt"
	case $fd in
	0) TERM= "$MMHEX" "$T/fd.txt" 0<&- 2>/dev/null
	   "$MMHEX" --patch 100000:aa "$T/fd.txt" 0<&- 2>/dev/null
	   "$MMHEX" --patch 10:aabbccddeeff "$T/fd.txt" 0<&- 2>/dev/null
	   "$MMHEX" -d "$T/fd.txt" 0<&- >/dev/null 2>&1 ;;
	1) TERM= "$MMHEX" "$T/fd.txt" 1>&- 2>/dev/null
	   "$MMHEX" --patch 100000:aa "$T/fd.txt" 1>&- 2>/dev/null
	   "$MMHEX" --patch 10:aabbccddeeff "$T/fd.txt" 1>&- 2>/dev/null
	   "$MMHEX" -d "$T/fd.txt" 1>&- 2>/dev/null ;;
	2) TERM= "$MMHEX" "$T/fd.txt" 2>&-
	   "$MMHEX" --patch 100000:aa "$T/fd.txt" 2>&-
	   "$MMHEX" --patch 10:aabbccddeeff "$T/fd.txt" 2>&-
	   "$MMHEX" -d "$T/fd.txt" >/dev/null 2>&- ;;
	esac
	expect_same_file "fd $fd closed: the file untouched" "$T/fd.orig" "$T/fd.txt"
done
# With stdout closed, a dump still ends well: its bytes go nowhere.
"$MMHEX" -d "$T/fd.orig" 1>&- 2>"$T/fd.err"
expect_eq "fd 1 closed: -d exit status" 0 $?
expect_eq "fd 1 closed: -d says nothing" "" "$(cat "$T/fd.err")"

# Exit statuses of searches: 0 found, 1 not found.
"$MMHEX" -f ipsum "$DATADIR/lorem.txt" >/dev/null
expect_eq "found: exit 0" 0 $?
"$MMHEX" -f 'no such words' "$DATADIR/lorem.txt" >/dev/null
expect_eq "not found: exit 1" 1 $?
expect_eq "not found prints nothing" "" "$("$MMHEX" -f 'no such words' "$DATADIR/lorem.txt")"
expect_eq "count of none" 0 "$("$MMHEX" --count -f 'no such words' "$DATADIR/lorem.txt")"

# The empty file: opens, dumps nothing, finds nothing.
: >"$T/empty"
expect_eq "empty dump" "" "$("$MMHEX" -d "$T/empty")"
"$MMHEX" -f x "$T/empty"
expect_eq "empty find: exit 1" 1 $?

# Standard input and /proc files are read into memory.
expect_eq "stdin dump" "$(printf 'hello, world\n' | hexdump -C)" "$(printf 'hello, world\n' | "$MMHEX" -d -)"
expect_eq "stdin find" "7" "$(printf 'hello, world\n' | "$MMHEX" -f world -)"
expect_eq "/proc file find" 0 "$("$MMHEX" -f Name: /proc/self/status)"
expect_eq "/dev/zero bounded" "$(head -c 100 /dev/zero | hexdump -C)" "$("$MMHEX" -d -l 100 /dev/zero)"

# Goto expressions in --offset / --length, window offsets stay absolute.
expect_eq "offset expressions" "$(hexdump -C -s 721 -n 8 "$DATADIR/lorem.txt")" \
    "$("$MMHEX" -d -o '$-15' -l 8 "$DATADIR/lorem.txt")"
expect_eq "window find is absolute" "730" "$("$MMHEX" -o 0x2c0 -f justo "$DATADIR/lorem.txt")"

# Past 2 GiB from a pipe: a single read(2) stops at 0x7ffff000 bytes;
# every byte must still arrive.
got=$({ head -c 2147483648 /dev/zero; printf 'TAIL'; } | "$MMHEX" -l 3G -f TAIL -)
expect_eq "stdin past 2 GiB" 2147483648 "$got"

finish
