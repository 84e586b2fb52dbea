#!/bin/bash
# regex.sh - `mmhex -e PATTERN`, with --reverse and --count, against Python's
# re module on the same bytes: forward, the start of every non-empty match
# of re.finditer(pattern, data, re.MULTILINE); reverse, the same starts
# last first (before, a start-by-start search downwards that was quadratic
# on long lines and gave '.+' one byte a line).  The patterns are
# ones PCRE2 and Python read alike, over the bundled samples and real
# binaries from /usr/bin.
# shellcheck source=tests/e2e/lib.sh
. "$TESTLIB"
need python3

export LC_ALL=C

cat >"$T/oracle.py" <<'PY'
import os, re, sys

def forward(pat, data):
    return [m.start() for m in pat.finditer(data) if m.end() > m.start()]

def reverse(pat, data):
    return forward(pat, data)[::-1]

# oracle.py next|prev FILE PATTERN...: one line of offsets per pattern.
mode, path = sys.argv[1], sys.argv[2]
with open(path, 'rb') as f:
    data = f.read()
for pattern in sys.argv[3:]:
    pat = re.compile(os.fsencode(pattern), re.MULTILINE)
    starts = (forward if mode == 'next' else reverse)(pat, data)
    print(' '.join(map(str, starts)))
PY

# against_python next|prev FILE: mmhex and the oracle agree on every
# pattern; the oracle reads the file once for all of them.
against_python() {
	local dir=$1 file=$2 i flag=() label=
	local -a want
	[ "$dir" = prev ] && flag=(--reverse) && label=", reverse"
	mapfile -t want < <(python3 "$T/oracle.py" "$dir" "$file" "${patterns[@]}")
	if [ "${#want[@]}" -ne "${#patterns[@]}" ]; then
		fail "oracle failed on ${file##*/}"
		return
	fi
	for i in "${!patterns[@]}"; do
		expect_matches "/${patterns[i]}/ in ${file##*/}$label" \
		    "$(printf '%s' "${want[i]}" | tr ' ' '\n')" \
		    -e "${patterns[i]}" "${flag[@]}" "$file"
	done
}

# --- Small cases a person would try first. ---
printf 'baaacaa' >"$T/a"
expect_matches "a* skips its empty matches" "$(printf '1\n5')" -e 'a*' "$T/a"
expect_matches "a*, reverse: the same runs, last first" "$(printf '5\n1')" -e 'a*' --reverse "$T/a"
expect_matches "only empty matches count as none" "" -e '^$|x*' "$T/a"
printf 'one\ntwo three\n\nfour' >"$T/lines"
expect_matches "whole lines" "$(printf '0\n15')" -e '^\w+$' "$T/lines"
expect_matches "line ends" "$(printf '2\n12\n18')" -e '.$' "$T/lines"
printf 'ABC\0\xff\xfe\n..\0\x80' >"$T/bin"
expect_matches "NUL then high bytes" "$(printf '3\n9')" -e '\x00[\x80-\xff]+' "$T/bin"
expect_matches "dot takes NUL and high bytes" "2" -e 'C.\xff' "$T/bin"

# Issue 10, item 5: ^ after the newline that ends the file, as Python's
# re.M (and PCRE2_ALT_CIRCUMFLEX) have it.
printf 'a\nb\n' >"$T/nl-end"
printf 'x\n\n' >"$T/nl-nl"
patterns=('\n^' '\n^$' '(?<=\n)^' '^' '\n^\n?' '\n(?=^)' '^\n' '$\n^')
for f in "$T/nl-end" "$T/nl-nl" "$T/lines"; do
	against_python next "$f"
	against_python prev "$f"
done
expect_eq "\\n^ after the last newline" "$(printf '1\n3')" \
    "$(printf 'a\nb\n' | "$MMHEX" -e '\n^' -)"

: >"$T/empty"
expect_matches "empty file" "" -e 'a*' "$T/empty"
expect_matches "empty file, reverse" "" -e '.' --reverse "$T/empty"

expect_eq "standard input" "$(printf '1\n4')" \
    "$(printf 'abcabc' | "$MMHEX" -e 'b+' -)"
expect_eq "standard input, reverse" "$(printf '4\n1')" \
    "$(printf 'abcabc' | "$MMHEX" -e 'b' --reverse -)"

# --- Errors: exit 2 and one line naming the cause and its position. ---
expect_error "unclosed group" "position 4: missing closing parenthesis" \
    "$MMHEX" -e '(abc' "$DATADIR/lorem.txt"
expect_error "quantifier out of order" "position 5" \
    "$MMHEX" -e 'a{3,1}' "$DATADIR/lorem.txt"
expect_error "\\K is refused" "position 2" \
    "$MMHEX" -e 'ab\Kc' "$DATADIR/lorem.txt"
expect_error "UTF mode is refused" "position 6" \
    "$MMHEX" -e '(*UTF)a' "$DATADIR/lorem.txt"
printf 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab' >"$T/catastrophe"
expect_error "catastrophic backtracking" "regex too complex" \
    "$MMHEX" -e '(a+)+$' "$T/catastrophe"
expect_error "catastrophic backtracking, reverse" "regex too complex" \
    "$MMHEX" -e '(a+)+$' --reverse "$T/catastrophe"
expect_error "missing file" "$T/nope" "$MMHEX" -e 'a' "$T/nope"

# --- Against Python on real files. ---
patterns=(
	'dolor'
	'[0-9]{2,}'
	'(?:dolor|tortor)\s+sit'
	'^[A-Z]\w*'
	'\w+$'
	'\bsit\b'
	'(?i)nulla[^.]*\.'
	'e.{2,5}?t'
	'\x00{4,}'
	'[\x80-\xff]{3}'
	'[^.]*\.'
	'a*'
	'(?<=\x00)[\x01-\x7f]'
	'[a-z]+(?=,)'
	'ELF|\x7fELF|lib[a-z]+\.so\.[0-9]+'
	'(\w)\1'
	'^$'
	'[A-Z][a-z]+ing'
	'[^\n]*\.so'
	'G[^\n]{0,8}C'
	'\x00\x00[^\x00\n]'
	'(?=ab)a|xy'
)

# Small binaries keep the Python oracle quick.
binaries=()
for name in ls cat env gzip tr sort stat bash ssh gpg; do
	f=/usr/bin/$name
	[ -f "$f" ] && [ "$(stat -c %s "$f")" -lt 2000000 ] && binaries+=("$f")
done
[ "${#binaries[@]}" -ge 3 ] || fail "fewer than 3 small binaries in /usr/bin"

for file in "$DATADIR/lorem.txt" "$DATADIR/sample.bin" "${binaries[@]}"; do
	against_python next "$file"
	against_python prev "$file"
done

# Long lines: every start of a line has a match to its end.  Reverse
# lists the forward matches (whole lines), in two forward passes; it was
# quadratic (52 s for .+ over one 256 KiB line) and said one byte a line.
python3 -c "import sys; sys.stdout.buffer.write(b'x' * 262144 + b'\n' +
    b'ab' * 70000 + b'\n' + b'y' * 5000)" >"$T/long"
patterns=('.+' '[a-z]{1000,}' '[A-Za-z0-9+/]{100,}' '(?:ab)+' 'x+\n(?=a)')
against_python next "$T/long"
against_python prev "$T/long"

# The pattern a person types first on the sample text, spelled out.
expect_eq "(?i)nulla[^.]*\\. in lorem.txt" \
    "$(python3 "$T/oracle.py" next "$DATADIR/lorem.txt" '(?i)nulla[^.]*\.' |
    tr ' ' '\n')" \
    "$("$MMHEX" -e '(?i)nulla[^.]*\.' "$DATADIR/lorem.txt")"
[ -n "$("$MMHEX" -e '(?i)nulla[^.]*\.' "$DATADIR/lorem.txt")" ] ||
    fail "(?i)nulla[^.]*\\. finds nothing in lorem.txt"

finish
