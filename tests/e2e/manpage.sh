#!/bin/bash
# manpage.sh - doc/mmhex.1 against the program: groff lint without a
# warning (and mandoc's when installed), every option of `mmhex --help`
# in OPTIONS and nothing there that --help lacks, every key of the key
# tables (`mmhex --keys=raw`: bindings, prompt keys, answers) in the KEYS
# subsection of its mode and no key there that the tables lack, every
# command and colour element a configuration file can name, and the
# version.
. "$TESTLIB"
shopt -s extglob
need groff
: "${MANPAGE:=$DATADIR/../doc/mmhex.1}"
src=$DATADIR/../src

# ---- Lint -----------------------------------------------------------------

lint=$(groff -ww -z -man "$MANPAGE" 2>&1)
expect_eq "groff -ww -z -man: no warnings" "" "$lint"
if command -v mandoc >/dev/null 2>&1; then
	# STYLE notes (a date format, a long line in an example) are not errors.
	lint=$(mandoc -T lint -W warning "$MANPAGE" 2>&1)
	expect_eq "mandoc -T lint -W warning" "" "$lint"
fi
if command -v man >/dev/null 2>&1; then
	err=$(MANWIDTH=80 man -l "$MANPAGE" 2>&1 >/dev/null)
	expect_eq "man -l: nothing on stderr" "" "$err"
fi

# The page as a reader sees it, without bold/underline overstrikes.
groff -man -Tascii -rLL=100n "$MANPAGE" 2>/dev/null | sed 's/.\x08//g' >"$T/page.txt"
checks=$((checks + 1))
[ -s "$T/page.txt" ] || fail "groff rendered nothing"

# section NAME: the rendered lines of section NAME (up to the next one).
section() {
	awk -v s="$1" '/^[A-Z]/ { on = ($0 == s); next } on' "$T/page.txt"
}

# ---- Options: --help and OPTIONS agree ---------------------------------------

"$MMHEX" --help >"$T/help.txt"
# Each option line of --help: "  -x, --long[=ARG]" or "      --long[=ARG]".
sed -n 's/^  \(-[A-Za-z], \)\{0,1\}\(--[a-z-]*\).*/\1\2/p;s/^      \(--[a-z-]*\).*/\1/p' \
    "$T/help.txt" | sort -u >"$T/help-opts"
section OPTIONS | sed -n 's/^       \(-[A-Za-z], \)\{0,1\}\(--[a-z-]*\).*/\1\2/p' |
    sort -u >"$T/man-opts"
checks=$((checks + 1))
[ "$(wc -l <"$T/help-opts")" -ge 20 ] ||
    fail "found only $(wc -l <"$T/help-opts") options in --help"
while read -r opt; do
	checks=$((checks + 1))
	grep -qxF -- "$opt" "$T/man-opts" || fail "--help has [$opt], OPTIONS lacks it"
done <"$T/help-opts"
while read -r opt; do
	checks=$((checks + 1))
	grep -qxF -- "$opt" "$T/help-opts" || fail "OPTIONS has [$opt], --help lacks it"
done <"$T/man-opts"
# The option arguments are named alike: --offset=N, --goto=EXPR, ...
for arg in $(grep -oE -- '--[a-z-]+=[A-Z:]+' "$T/help.txt"); do
	checks=$((checks + 1))
	section OPTIONS | grep -qF -- "$arg" || fail "OPTIONS lacks [$arg]"
done

# ---- Keys: every key of every mode ---------------------------------------------

# man_keys SUBSECTION: the key names in the tags of a KEYS subsection of
# the source, one a line ("Left", "h", "Ctrl-F", ...).
man_keys() {
	awk -v ss="$1" '
		/^\.SH / { inkeys = ($0 == ".SH KEYS"); on = 0; next }
		inkeys && /^\.SS / { t = $0; sub(/^\.SS "?/, "", t); sub(/"$/, "", t)
			on = (t == ss); next }
		on && /^\.TP/ { tag = 1; next }
		on && tag { print; tag = 0 }' "$MANPAGE" |
	sed 's/^\.[A-Z]* //; s/\\f[BIRP]//g; s/\\-/-/g; s/\\(aq/'"'"'/g;
	    s/\\e/\\/g; s/\\&//g; s/"//g; s/,/ /g' | tr -s ' ' '\n' | sed '/^$/d'
}

# The key tables from the binary (`mmhex --keys=raw`: MODE KEY COMMAND),
# as "SUBSECTION<tab>KEY" lines.
"$MMHEX" --keys=raw >"$T/raw.txt"
expect_eq "--keys starts like the help screen" "mmhex keys (normal mode)" \
    "$("$MMHEX" --keys | head -1)"
awk '{
	if ($1 == "normal") s = "Normal mode"
	else if ($1 == "overwrite") s = "Overwrite mode and insert mode"
	else if ($1 == "select") s = "Selecting"
	else if ($1 == "prompt") s = "Prompts"
	else if ($1 ~ /^question-/) s = "Questions"
	else s = "?" $1
	print s "\t" $2 }' "$T/raw.txt" | sort -u >"$T/key-list"
checks=$((checks + 1))
[ "$(wc -l <"$T/key-list")" -ge 80 ] ||
    fail "found only $(wc -l <"$T/key-list") keys in --keys=raw"
expect_eq "every --keys=raw mode has a KEYS subsection" "" \
    "$(grep '^?' "$T/key-list")"
for ss in "Normal mode" "Overwrite mode and insert mode" "Selecting" "Questions" "Prompts"; do
	man_keys "$ss" | sort -u >"$T/man-keys"
	checks=$((checks + 1))
	[ -s "$T/man-keys" ] || fail "KEYS has no subsection [$ss]"
	while IFS=$'\t' read -r s key; do
		[ "$s" = "$ss" ] || continue
		checks=$((checks + 1))
		grep -qxF -- "$key" "$T/man-keys" ||
		    fail "KEYS, $ss: no [$key] (in --keys=raw and the help screen)"
	done <"$T/key-list"
	# And the other way: no key in the page that the table lacks (but the
	# keys overwrite mode types, which no table binds).
	while read -r key; do
		case "$ss/$key" in
		"Overwrite mode and insert mode/"@(0-9|a-f|A-F|printable|characters)) continue ;;
		esac
		checks=$((checks + 1))
		grep -qxF -- "$ss	$key" "$T/key-list" ||
		    fail "KEYS, $ss: [$key] is not in the key table"
	done <"$T/man-keys"
done

# ---- Configuration: every command and element a file can name -------------------

conf=$(section CONFIGURATION)
# Every command is bound by default; "none" unbinds.
mapfile -t cmds < <(awk '$1 ~ /^(normal|overwrite|select)$/ { print $3 }' \
    "$T/raw.txt" | sort -u; echo none)
checks=$((checks + 1))
[ "${#cmds[@]}" -ge 30 ] || fail "found only ${#cmds[@]} commands in --keys=raw"
for c in "${cmds[@]}"; do
	checks=$((checks + 1))
	# Words may be hyphenated across lines: compare without line breaks.
	tr '\n' ' ' <<<"$conf" | tr -s ' ' | grep -qE -- "(^|[ ,])$c([ ,.)]|$)" ||
	    fail "CONFIGURATION does not list the command [$c]"
done
mapfile -t elems < <(sed -n 's/^[[:space:]]*\[SETTINGS_[A-Z]*\] = "\([a-z]*\)",/\1/p' "$src/settings.c")
checks=$((checks + 1))
[ "${#elems[@]}" -ge 10 ] || fail "found only ${#elems[@]} elements in settings.c"
for e in "${elems[@]}"; do
	checks=$((checks + 1))
	tr '\n' ' ' <<<"$conf" | grep -qE -- "(^|[ ,])$e([ ,.)]|$)" ||
	    fail "CONFIGURATION does not list the element [$e]"
done

# ---- The version, the sections a man page has -----------------------------------

version=$("$MMHEX" --version)
expect_eq ".TH names the version of --version" "$version" \
    "$(sed -n 's/^\.TH MMHEX 1 [^ ]* "\([^"]*\)".*/\1/p' "$MANPAGE")"
for s in NAME SYNOPSIS DESCRIPTION OPTIONS SESSIONS KEYS "GOTO EXPRESSIONS" \
    CONFIGURATION "EXIT STATUS" ENVIRONMENT FILES EXAMPLES "SEE ALSO"; do
	checks=$((checks + 1))
	grep -qxF "$s" "$T/page.txt" || fail "no section $s"
done
for v in NO_COLOR TERM XDG_CONFIG_HOME HOME; do
	checks=$((checks + 1))
	section ENVIRONMENT | grep -qE "^       $v" || fail "ENVIRONMENT lacks $v"
done

finish
