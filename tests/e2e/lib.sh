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

# Journals of writable sessions go to the test's own state directory.
XDG_STATE_HOME=$T/state
export XDG_STATE_HOME

# at_exit CMD: run CMD on exit, before what was registered earlier (so a
# helper's cleanup runs before lib.sh removes $T).
at_exit() {
	local prev
	prev=$(trap -p EXIT)
	prev=${prev#trap -- }
	prev=${prev% EXIT}
	eval "prev=$prev"
	# shellcheck disable=SC2064
	trap "$1; $prev" EXIT
}
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

# expect_error WHAT WANT_SUBSTRING CMD...: exit 2, one stderr line "mmhex: ...WANT...".
expect_error() {
	local what=$1 want=$2 err status
	shift 2
	err=$("$@" 2>&1 >/dev/null)
	status=$?
	expect_eq "$what: exit status" 2 "$status"
	expect_eq "$what: one line" 1 "$(printf '%s\n' "$err" | wc -l)"
	case $err in
	"mmhex: "*"$want"*) checks=$((checks + 1)) ;;
	*) fail "$what: message [$err] lacks [$want]" ;;
	esac
}

# expect_matches WHAT WANT_OFFSETS MMHEX_ARGS...: a search prints the
# offsets wanted, exits 0 with a match and 1 without, and --count agrees.
expect_matches() {
	local what=$1 want=$2 got status count
	shift 2
	got=$("$MMHEX" "$@")
	status=$?
	expect_eq "$what" "$want" "$got"
	if [ -n "$want" ]; then
		expect_eq "$what: exit status" 0 "$status"
		count=$(printf '%s\n' "$want" | wc -l)
	else
		expect_eq "$what: exit status" 1 "$status"
		count=0
	fi
	expect_eq "$what: --count" "$count" "$("$MMHEX" --count "$@")"
}

# need TOOL...: skip the whole test when an oracle is not installed.
need() {
	for tool in "$@"; do
		command -v "$tool" >/dev/null 2>&1 || { echo "SKIP: $tool not installed"; exit 77; }
	done
}

# traced FILE CALLS CMD...: run CMD under strace, the system calls CALLS
# (strace's -e trace=CALLS) listed in FILE, one a line, each descriptor
# with its path (-y: `pwrite64(3</tmp/f>, ...`).  LeakSanitizer
# (sanitizer builds) cannot run under ptrace: it is off for CMD.
traced() {
	local out=$1 calls=$2
	shift 2
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
	    strace -y -e trace="$calls" -o "$out" "$@"
}

# written_to TRACE PATH: the bytes a traced run's pwrite64 calls wrote to
# PATH (not to the journal or the move log beside it).
written_to() {
	awk -F'= ' -v p="<$2>," 'index($0, "pwrite64(") == 1 &&
	    index($0, p) { n += $NF } END { print n + 0 }' "$1"
}

# copied_changes FILE FROM TO LEN: how many of FILE's LEN bytes at TO a
# copy of its bytes at FROM changes (a copy-on-write session counts as
# changed only the bytes that then differ from the file).
copied_changes() {
	python3 -c 'import sys
d = open(sys.argv[1], "rb").read()
src, dst, n = (int(x, 0) for x in sys.argv[2:5])
print(sum(a != b for a, b in zip(d[src:src + n], d[dst:dst + n])))' "$@"
}

# finish: print a summary and exit with the verdict.
finish() {
	echo "$checks checks, $failures failed"
	[ "$failures" -eq 0 ]
	exit $?
}
