# lib.sh - sourced by every end-to-end test.
#
# Provides $MMHEX (the binary under test), $DATADIR (the bundled samples),
# $T (a scratch directory removed on exit) and small assertions that say
# what was expected and what was seen.  Tests exit 0 (pass), 1 (fail) or
# 77 (skipped: a tool the oracle needs is missing).

set -u
: "${MMHEX:?MMHEX must name the mmhex binary}"
: "${DATADIR:?DATADIR must name the data directory}"

T=$(mktemp -d "${TMPDIR:-/tmp}/mmhex-test.XXXXXX") || exit 99
trap 'rm -rf "$T"' EXIT
failures=0
checks=0

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# expect_eq WHAT EXPECTED ACTUAL
expect_eq() {
	checks=$((checks + 1))
	if [ "$2" != "$3" ]; then
		fail "$1: expected [$2], got [$3]"
	fi
}

# expect_same_file WHAT EXPECTED_FILE ACTUAL_FILE
expect_same_file() {
	checks=$((checks + 1))
	if ! cmp -s "$2" "$3"; then
		fail "$1: $3 differs from $2"
		diff "$2" "$3" | head -10 >&2
	fi
}

# need TOOL...: skip the whole test when an oracle is not installed.
need() {
	for tool in "$@"; do
		command -v "$tool" >/dev/null 2>&1 || { echo "SKIP: $tool not installed"; exit 77; }
	done
}

# finish: print a summary and exit with the verdict.
finish() {
	echo "$checks checks, $failures failed"
	[ "$failures" -eq 0 ]
	exit $?
}
