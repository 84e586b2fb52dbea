#!/bin/bash
# truncate-race.sh - mmhex against another process that truncates the
# file and extends it again, over and over.  Not part of `make check`:
# it runs for SECONDS (default 60) per scenario and prints exact counts.
#
#	SECONDS=20 tests/stress/truncate-race.sh [SCENARIO...]
#
# The file lives in RACE_TMPDIR (default /dev/shm, a tmpfs; set it to a
# directory on ext4 or xfs to race against a real disk).
# The file is 1 MiB of known bytes (0x80-0xff).  The racer (Python, in
# the background) truncates it to 4096 bytes, waits 2-8 ms, writes the
# rest back with one pwrite, waits 2-8 ms, and again.  Variant "restore"
# writes the original bytes back; "replace" alternates them with other
# bytes (0x01-0x3f).  Its first 4096 bytes it never touches.  Every edit
# mmhex is asked to make writes 0x41 ('A'), a byte neither holds.
#
# Scenarios (each with both variants):
#	viewer-page	-r, paging through the file
#	viewer-search	-r, regex searches for a word that is not there
#	viewer-wt	-W, overwriting a byte below 4096 and one above, `w`
#	viewer-cow	copy-on-write: the same, each edit flushed with `w`
#	patch		mmhex --patch LOW:41 --patch HIGH:41 in a loop
#
# What is counted:
#	regrown		the racer found the file longer than it had made it
#			(someone wrote past the end it had just cut: the
#			file grew back, with a hole)
#	wrong bytes	bytes in the file that no one put there legitimately:
#			not what the racer last wrote, not an edit's 0x41
#			(checked after every fourth write-back, while the
#			file is cut, and after the run)
#	false flushes	the status said "flushed" (or --patch exited 0) yet
#			the edited byte below 4096, which the racer never
#			touches, is not in the file
#	crashes		mmhex died in the viewer (restarted)
#
# Each run ends with a probe: the racer truncates the file one last time
# and mmhex at once writes above the new end (a flush of a pending edit,
# an overwrite, a patch); afterwards the file must still be 4096 bytes.
#
# One line per scenario, e.g.
#	viewer-wt/restore: 60 s, 812 edits, 0 regrown, 0 wrong bytes, 0 false flushes, 0 crashes
# The exit status is 1 when any count is not zero.

dur=$SECONDS		# SECONDS from the environment, else about 0
[ "$dur" -ge 1 ] 2>/dev/null || dur=60

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
BUILDDIR=${BUILDDIR:-$top}
export MMHEX=${MMHEX:-$BUILDDIR/src/mmhex}
export DATADIR=${DATADIR:-$top/data}
[ -x "$MMHEX" ] || { echo "truncate-race: no $MMHEX (build first)" >&2; exit 2; }
# In memory by default: on a disk every fdatasync of a file rewritten
# each few ms waits for its writeback, and the run measures the disk.
if [ -z "${RACE_TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
	RACE_TMPDIR=/dev/shm
fi
export TMPDIR=${RACE_TMPDIR:-${TMPDIR:-/tmp}}
. "$top/tests/e2e/lib.sh"
need python3 od dd
WAIT_TIMEOUT=3
. "$top/tests/e2e/tmux.sh"

KEEP=4096
racer=

# The racer goes with us, whatever ends the run (then tmux, then $T).
at_exit '[ -z "$racer" ] || kill "$racer" 2>/dev/null'
F=$T/race.bin

# The racer.  argv: FILE VARIANT STOP ACK FINAL RESULT.  Until STOP
# exists it cycles; then it truncates once more, creates ACK, waits for
# FINAL, checks the file a last time and writes "regrown wrong cycles"
# to RESULT.
RACER='import os, random, sys, time
path, variant, stopf, ackf, finalf, resf = sys.argv[1:7]
N, KEEP, A = 1 << 20, 4096, 0x41
orig = bytes(0x80 + (i * 131 + 7) % 128 for i in range(N))
alt = bytes(0x01 + (i * 17 + 3) % 0x3f for i in range(N))
fd = os.open(path, os.O_RDWR)
half = os.environ.get("RACE_WT") == "1"
regrown = wrong = cycles = 0
last = orig

def bad(data, want, lo):
    # Bytes of data (from offset lo) that are neither want nor an edit.
    n, step = 0, 4096
    for s in range(0, len(data), step):
        d, w = data[s:s + step], want[lo + s:lo + s + step]
        if d != w:
            # Write-through writes the high nibble of a byte as it is typed:
            # caught between the two digits, an edit reads (y & 0x0f) | 0x40.
            k = [i for i, (x, y) in enumerate(zip(d, w)) if x != y and x != A
                and not (half and x == (y & 0x0f) | 0x40)]
            if k:
                sys.stderr.write("  wrong bytes: %d at %d.., 0x%02x for 0x%02x\n"
                    % (len(k), lo + s + k[0], d[k[0]], w[k[0]]))
            n += len(k)
    return n

def check(size, full=True):
    # The file should be size bytes: [0, KEEP) the original (or edits),
    # the rest what was last written back (or edits).
    global regrown, wrong
    st = os.fstat(fd).st_size
    if st > size:
        regrown += 1
    if not full:
        return
    data = os.pread(fd, min(st, size), 0)
    wrong += bad(data[:KEEP], orig, 0)
    if size > KEEP:
        wrong += bad(data[KEEP:], last, KEEP)

def nap():
    time.sleep(random.uniform(0.002, 0.008))

while not os.path.exists(stopf):
    os.ftruncate(fd, KEEP)
    nap()
    check(KEEP)
    last = alt if variant == "replace" and cycles % 2 == 0 else orig
    os.pwrite(fd, last[KEEP:], KEEP)
    nap()
    # Reading it all back costs more than a cycle: every fourth time.
    check(N, cycles % 4 == 0)
    cycles += 1
os.ftruncate(fd, KEEP)
open(ackf, "w").close()
while not os.path.exists(finalf):
    time.sleep(0.01)
check(KEEP)
with open(resf, "w") as f:
    print(regrown, wrong, cycles, file=f)'

# orig_hex OFFSET: the racer's original byte there, as two hex digits.
orig_hex() {
	printf '%02x' $((0x80 + ($1 * 131 + 7) % 128))
}

# byte_at OFFSET: the file's byte there, as two hex digits ("" past the end).
byte_at() {
	od -An -tx1 -j "$1" -N 1 "$F" | tr -d ' \n'
}

# The edits: LOW cycles over [16, 4096) without repeating for 4080
# edits; HIGH over pages above 4096, 123 bytes in.
low() { echo $((16 + ($1 * 61) % 4080)); }
high() { echo $((KEEP + 4096 * (1 + $1 % 250) + 123)); }

# poll_screen ERE [SECONDS]: until the screen matches; 1 on timeout.
poll_screen() {
	local i=0 n=$(( ${2:-$WAIT_TIMEOUT} * 20 ))
	while [ $i -lt $n ]; do
		screen | grep -qE -- "$1" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# poll_status_lacks TEXT [SECONDS]: until the status line lacks TEXT.
poll_status_lacks() {
	local i=0 n=$(( ${2:-$WAIT_TIMEOUT} * 20 ))
	while [ $i -lt $n ]; do
		case $(status_line) in
		*"$1"*) ;;
		*) return 0 ;;
		esac
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# racer_start VARIANT: a fresh file and the racer on it.
racer_start() {
	rm -f "$T/stop" "$T/ack" "$T/final" "$T/result"
	python3 -c 'import sys
N = 1 << 20
sys.stdout.buffer.write(bytes(0x80 + (i * 131 + 7) % 128 for i in range(N)))' >"$F"
	python3 -c "$RACER" "$F" "$1" "$T/stop" "$T/ack" "$T/final" "$T/result" &
	racer=$!
}

# racer_stop: the racer cuts the file a last time; back once it has.
racer_stop() {
	: >"$T/stop"
	while [ ! -e "$T/ack" ]; do
		kill -0 "$racer" 2>/dev/null || { echo "truncate-race: the racer died" >&2; exit 2; }
		sleep 0.01
	done
}

# racer_result: the final check; sets regrown, wrong, cycles.
racer_result() {
	: >"$T/final"
	wait "$racer"
	racer=
	read -r regrown wrong cycles <"$T/result"
}

# viewer_start ARGS...: mmhex on the file in a wide pane (long messages
# and the status fit), from $T so the name is short.
viewer_start() {
	cd "$T" || exit 2
	start_mmhex -x 200 -y 30 -- -b 16 "$@" race.bin
	cd - >/dev/null || exit 2
}

# alive_or_restart ARGS...: a viewer that died is counted and started again.
alive_or_restart() {
	if screen | grep -q 'EXITED:'; then
		crashes=$((crashes + 1))
		echo "  crash: $(screen | grep -o 'EXITED:[0-9]*')" >&2
		viewer_start "$@"
	fi
}

# viewer_quit: Q, and wait for the exit (a crash at the end counts too).
viewer_quit() {
	keys Q
	if ! poll_screen 'EXITED:' 10; then
		echo "  mmhex did not quit" >&2
		crashes=$((crashes + 1))
	elif ! screen | grep -q 'EXITED:0'; then
		echo "  at the end: $(screen | grep -o 'EXITED:[0-9]*')" >&2
		crashes=$((crashes + 1))
	fi
}

# goto OFFSET: the goto prompt, typed, closed.
goto() {
	keys g
	poll_screen 'goto:' || return 1
	type_text "$1"
	keys Enter
	poll_status_lacks 'goto:'
}

# edit OFFSET: overwrite the byte at OFFSET with 41 (hex pane), back to
# normal mode.  1 when the goto or the overwrite did not happen.
edit() {
	goto "$1" || return 1
	keys R
	poll_screen '  overwrite' || return 1
	type_text 41
	keys Escape
	poll_status_lacks '  overwrite'
}

# flush VERIFY_OFFSET: w.  When the status says "flushed N bytes", or
# the "[N changed]" it showed before went away, the byte at
# VERIFY_OFFSET (below 4096: the racer never touches it) must be 41 in
# the file, else it is a false flush.
flush() {
	local i=0 had=no got= s
	status_line | grep -q 'changed]' && had=yes
	keys w
	while [ $i -lt $((WAIT_TIMEOUT * 20)) ]; do
		s=$(screen)
		if grep -qE 'flushed [0-9]+ byte' <<<"$s"; then
			got=flushed
			break
		fi
		grep -qE 'flush failed|nothing to flush' <<<"$s" && break
		if [ $had = yes ] &&
		    ! grep -v '^ *$' <<<"$s" | tail -1 | grep -q 'changed]'; then
			got=clean
			break
		fi
		sleep 0.05
		i=$((i + 1))
	done
	[ -n "$got" ] && [ -n "$1" ] || return 0
	claimed=$((claimed + 1))
	if [ "$(byte_at "$1")" != 41 ]; then
		false_flushes=$((false_flushes + 1))
		echo "  false flush ($got): byte at $1 is $(byte_at "$1")" >&2
	fi
}

# ---- the scenarios: each runs until $dur seconds are up ---------------------

run_page() {
	viewer_start -r
	local end=$((SECONDS + dur))
	while [ $SECONDS -lt $end ]; do
		keys PageDown PageDown PageDown PageDown PageDown PageDown \
		    PageDown PageDown
		keys G
		goto 0 || true
		work=$((work + 10))
		alive_or_restart -r
	done
	racer_stop
	keys G
	goto 0 || true
	viewer_quit
	unit=pages
}

run_search() {
	viewer_start -r
	local end=$((SECONDS + dur))
	while [ $SECONDS -lt $end ]; do
		keys /
		if poll_screen 'regex:'; then
			type_text needle
			keys Enter
			poll_screen 'not found|cancelled|shrank|grew|changed under' || true
		fi
		work=$((work + 1))
		alive_or_restart -r
	done
	racer_stop
	keys n
	poll_screen 'not found|cancelled|shrank|grew|changed under' || true
	viewer_quit
	unit=searches
}

# run_edit MODE_ARGS: -W or nothing (copy-on-write).
run_edit() {
	viewer_start "$@"
	local end=$((SECONDS + dur)) k=0 lo
	while [ $SECONDS -lt $end ]; do
		lo=$(low $k)
		if edit "$lo"; then
			work=$((work + 1))
			flush "$lo"
		fi
		if edit "$(high $k)"; then
			work=$((work + 1))
			flush ""
		fi
		k=$((k + 1))
		alive_or_restart "$@"
	done
	# The probe: an edit above 4096 pending (COW) or half typed (WT)
	# when the file is cut; written at once.
	goto "$(high $k)" || true
	if [ "${1:-}" = -W ]; then
		keys R
		poll_screen '  overwrite' || true
		racer_stop
		type_text 41
		keys Escape
	else
		edit "$(high $k)" || true
		racer_stop
		keys w
	fi
	poll_screen 'flushed|failed|shrank|changed under|refused|past' || true
	viewer_quit
	unit=edits
}

run_patch() {
	local end=$((SECONDS + dur)) k=0 lo st
	while [ $SECONDS -lt $end ]; do
		lo=$(low $k)
		printf "\\x$(orig_hex "$lo")" |
		    dd of="$F" bs=1 seek="$lo" conv=notrunc status=none
		"$MMHEX" --patch "$lo:41" --patch "$(high $k):41" "$F" 2>/dev/null
		st=$?
		if [ $st -eq 0 ] && [ "$(byte_at "$lo")" != 41 ]; then
			false_flushes=$((false_flushes + 1))
			echo "  false patch: exit 0, byte at $lo is $(byte_at "$lo")" >&2
		fi
		[ $st -eq 0 ] && patched=$((patched + 1))
		work=$((work + 1))
		k=$((k + 1))
	done
	# The probe: a patch above the end just cut must fail, not regrow.
	racer_stop
	"$MMHEX" --patch "$(high $k):41" "$F" 2>/dev/null
	probe=$?
	unit=runs
}

status=0
scenarios=${*:-viewer-page viewer-search viewer-wt viewer-cow patch}
for sc in $scenarios; do
	for variant in restore replace; do
		work=0 crashes=0 false_flushes=0 claimed=0 patched=0 probe= unit=
		export RACE_WT=0; [ "$sc" = viewer-wt ] && RACE_WT=1
		racer_start "$variant"
		start=$SECONDS
		case $sc in
		viewer-page) run_page ;;
		viewer-search) run_search ;;
		viewer-wt) run_edit -W ;;
		viewer-cow) run_edit ;;
		patch) run_patch ;;
		*) echo "truncate-race: no scenario $sc" >&2; kill "$racer"; exit 2 ;;
		esac
		racer_result
		extra=
		case $sc in
		patch) extra=" ($patched exit 0, the probe exit $probe)" ;;
		viewer-wt|viewer-cow) extra=" ($claimed flushes checked)" ;;
		esac
		printf '%s/%s: %d s, %d %s%s, %d racer cycles, %d regrown, %d wrong bytes, %d false flushes, %d crashes\n' \
		    "$sc" "$variant" $((SECONDS - start)) "$work" "$unit" "$extra" \
		    "$cycles" "$regrown" "$wrong" "$false_flushes" "$crashes"
		[ $((regrown + wrong + false_flushes + crashes)) -eq 0 ] || status=1
	done
done
exit $status
