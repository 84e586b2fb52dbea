#!/bin/bash
# find.sh - `mmhex -f STRING`, `mmhex -x HEX`, with --reverse and --count,
# against two oracles: `grep -obUaF` (forward offsets of a string without
# newlines) and Python's mmap find/rfind (everything, wildcards through an
# equivalent bytes regex).  Needles are cut from the files themselves:
# real binaries from /usr/bin and the bundled samples.
# shellcheck source=tests/e2e/lib.sh
. "$TESTLIB"
need python3 grep

export LC_ALL=C

# --- Small cases a person would try first. ---
printf 'aaaa' >"$T/a4"
printf 'aaaaa' >"$T/a5"
expect_matches "overlapping aa in aaaa" "$(printf '0\n2')" -f aa "$T/a4"
expect_matches "overlapping aa in aaaa, reverse" "$(printf '2\n0')" -f aa --reverse "$T/a4"
expect_matches "aa in aaaaa" "$(printf '0\n2')" -f aa "$T/a5"
expect_matches "aa in aaaaa, reverse" "$(printf '3\n1')" -f aa --reverse "$T/a5"
expect_matches "hex 61 61, reverse" "$(printf '3\n1')" -x '61 61' --reverse "$T/a5"
expect_matches "whole file" "0" -f aaaa "$T/a4"
expect_matches "longer than the file" "" -f aaaaa "$T/a4"
expect_matches "any byte" "$(printf '0\n1\n2\n3\n4')" -x '??' "$T/a5"
expect_matches "any two bytes, reverse" "$(printf '3\n1')" -x '????' --reverse "$T/a5"

printf 'ABC\0\xff\n..ABC\0\xfe\n\\x41' >"$T/bin"
expect_matches "needle at start and inside" "$(printf '0\n8')" -f ABC "$T/bin"
expect_matches "hex with NUL" "0" -x '41 42 43 00 ff' "$T/bin"
expect_matches "hex, uppercase, no blanks" "0" -x '414243 00FF' "$T/bin"
expect_matches "wildcard over NUL and high byte" "$(printf '0\n8')" -x '41 42 43 ?? ??' "$T/bin"
expect_matches "wildcard, reverse" "$(printf '10\n2')" -x '43 ?? ?? 0a' --reverse "$T/bin"
expect_matches "newline inside" "4" -x 'ff 0a 2e' "$T/bin"
expect_matches "needle at the very end" "14" -f '\x41' "$T/bin"
# -f takes the text literally: no escapes.
expect_matches "-f has no escapes" "" -f '\x42' "$T/bin"
expect_matches "no match" "" -x 'de ad be ef' "$T/bin"

: >"$T/empty"
expect_matches "empty file" "" -f x "$T/empty"
expect_matches "empty file, hex, reverse" "" -x '00' --reverse "$T/empty"

expect_eq "standard input" "2" "$(printf 'ababcdab cd' | "$MMHEX" -f abc -)"
expect_eq "standard input, hex" "2" \
    "$(printf 'abcdefabc' | "$MMHEX" -x '63 ?? ?? ?? ??' -)"
expect_eq "standard input, reverse" "$(printf '6\n0')" \
    "$(printf 'abcdefabc' | "$MMHEX" -f abc --reverse -)"

# --- Errors: exit 2 and one line naming the cause (and its position). ---
expect_error "bad hex digit" "bad hex digit 'g' at position 4" "$MMHEX" -x 'de ag' "$T/bin"
expect_error "odd number of digits" "odd number of hex digits" "$MMHEX" -x 'de a' "$T/bin"
expect_error "blank inside a byte" "position 3" "$MMHEX" -x 'dea dbeef' "$T/bin"
expect_error "half a wildcard" "position 1" "$MMHEX" -x '?a' "$T/bin"
expect_error "empty hex" "empty" "$MMHEX" -x '' "$T/bin"
expect_error "blank hex" "empty" "$MMHEX" -x '   ' "$T/bin"
expect_error "empty string" "empty" "$MMHEX" -f '' "$T/bin"
expect_error "missing file" "$T/none: No such file or directory" "$MMHEX" -f x "$T/none"
expect_error "directory" "$T: Is a directory" "$MMHEX" -x 00 "$T"
expect_error "--count without a search" "--count" "$MMHEX" --count -d "$T/bin"

# --- Real files against the oracles. ---
files="$DATADIR/lorem.txt $DATADIR/sample.bin"
for b in ls cat sort date bash; do
	[ -f "/usr/bin/$b" ] && files="$files /usr/bin/$b"
done

# One line per case, tab-separated: kind (f: raw string for -f, x: hex
# text for -x), file, the needle in hex (f) or as typed (x), then the
# expected forward and reverse offsets (space-separated).  Needles are cut
# at random (but fixed) offsets; -f needles stop before NUL and newline,
# which neither argv nor grep can carry.
# shellcheck disable=SC2086
python3 - $files >"$T/cases" <<'PY'
import mmap, random, re, sys

def forward(m, needle):
    out, pos = [], 0
    while (i := m.find(needle, pos)) >= 0:
        out.append(i)
        pos = i + len(needle)
    return out

def reverse(m, needle):
    out, end = [], len(m)
    while (i := m.rfind(needle, 0, end)) >= 0:
        out.append(i)
        end = i
    return out

def wild_starts(m, tokens):
    """Every start (overlapping) where the wildcard pattern matches."""
    body = b"".join(b"." if t is None else re.escape(bytes([t])) for t in tokens)
    rx = re.compile(b"(?=" + body + b")", re.DOTALL)
    return [mo.start() for mo in rx.finditer(m)]

def wild_forward(starts, n):
    out, pos = [], 0
    for s in starts:
        if s >= pos:
            out.append(s)
            pos = s + n
    return out

def wild_reverse(starts, n, size):
    out, end = [], size
    for s in reversed(starts):
        if s + n <= end:
            out.append(s)
            end = s
    return out

def line(*fields):
    print("\t".join(fields))

def offsets(xs):
    return " ".join(map(str, xs))

for path in sys.argv[1:]:
    with open(path, "rb") as fh:
        data = fh.read()
        if len(data) < 256:
            continue
        m = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    rnd = random.Random(path)
    made = 0
    while made < 6:
        n = rnd.randrange(2, 65)
        at = rnd.randrange(0, len(data) - n)
        needle = data[at:at + n]
        cut = min([needle.find(c) for c in (b"\0", b"\n") if c in needle],
                  default=n)
        needle = needle[:cut]
        if len(needle) < 2:
            continue
        line("f", path, needle.hex(), offsets(forward(m, needle)),
             offsets(reverse(m, needle)))
        made += 1
    # Common short needles too, with many matches.
    for needle in (b"\0\0", b"e ", b"\xff\xff", b"AB"):
        line("x", path, needle.hex(" "), offsets(forward(m, needle)),
             offsets(reverse(m, needle)))
    for k in range(6):
        n = rnd.randrange(1, 65)
        at = rnd.randrange(0, len(data) - n)
        needle = data[at:at + n]
        if k % 2 == 0:
            hexed = needle.hex() if k == 0 else needle.hex(" ")
            line("x", path, hexed, offsets(forward(m, needle)),
                 offsets(reverse(m, needle)))
            continue
        # Wildcards: some bytes become ??, keeping at least one fixed.
        tokens = [None if rnd.random() < 0.3 and i else b
                  for i, b in enumerate(needle)]
        starts = wild_starts(m, tokens)
        typed = " ".join("??" if t is None else f"{t:02x}" for t in tokens)
        line("x", path, typed, offsets(wild_forward(starts, n)),
             offsets(wild_reverse(starts, n, len(data))))
PY
expect_eq "oracle ran" 0 $?

# hex_bytes HEX: the bytes themselves (no NUL, no newline), for argv.
hex_bytes() {
	local h=$1 out=
	while [ -n "$h" ]; do
		out+="\\x${h:0:2}"
		h=${h:2}
	done
	printf '%b' "$out"
}

ncases=0
while IFS=$'\t' read -r kind file needle fwd rev; do
	ncases=$((ncases + 1))
	name=${file##*/}
	fwd=$(printf '%s' "$fwd" | tr ' ' '\n')
	rev=$(printf '%s' "$rev" | tr ' ' '\n')
	if [ "$kind" = f ]; then
		text=$(hex_bytes "$needle")
		expect_matches "$name -f <$needle>" "$fwd" -f "$text" "$file"
		expect_matches "$name -f <$needle> --reverse" "$rev" -f "$text" --reverse "$file"
		# grep knows nothing of mmap: an independent second opinion.
		expect_eq "$name -f <$needle> = grep -obUaF" \
		    "$(grep -obUaF -e "$text" "$file" | cut -d: -f1)" \
		    "$("$MMHEX" -f "$text" "$file")"
	else
		expect_matches "$name -x '$needle'" "$fwd" -x "$needle" "$file"
		expect_matches "$name -x '$needle' --reverse" "$rev" -x "$needle" --reverse "$file"
	fi
done <"$T/cases"
[ "$ncases" -ge 60 ] || fail "only $ncases oracle cases were made"

# A window (-o/-l) searches only inside it; the offsets stay absolute.
lorem=$DATADIR/lorem.txt
want=$(python3 - "$lorem" <<'PY'
import mmap, sys
with open(sys.argv[1], "rb") as fh:
    m = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    out, pos = [], 100
    while (i := m.find(b"in", pos, 400)) >= 0:
        out.append(i)
        pos = i + 2
    print("\n".join(map(str, out)))
PY
)
expect_matches "window -o 100 -l 300" "$want" -o 100 -l 300 -f in "$lorem"

finish
