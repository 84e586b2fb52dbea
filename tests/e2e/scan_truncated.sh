#!/bin/bash
# scan_truncated.sh - a script's scan (-f, -x, -e, -d, forwards and with
# --reverse) over 1 GiB of holes, the file cut to 4 KiB while it runs:
# exit 2 with the one-line message, and at once: the run takes a handful
# of SIGBUS faults, not one per page left (262143 of them).
#
# The cut is made certain, not timed: the scan runs under strace (which
# also counts the SIGBUS signals it gets), is stopped with SIGSTOP once
# 8 MiB of the file are resident in its mapping, the file is truncated,
# then SIGCONT.  A scan that was over before it was stopped cannot show
# anything: it is tried again, and skipped (77) when it never was caught.
. "$TESTLIB"
need truncate strace

strace -f -o /dev/null true 2>/dev/null ||
    { echo "SKIP: strace cannot trace processes here"; exit 77; }

# mapped_kb PID FILE: KiB of FILE resident in PID's mappings of it (its
# smaps), 0 before it is mapped, empty once PID is gone.  Not RssFile: the
# shared libraries count there (ASan's alone are 10 MiB).
mapped_kb() {
	awk -v f="$2" '
	    /^[0-9a-f]+-[0-9a-f]+ / { in_file = $NF == f }
	    in_file && $1 == "Rss:" { kb += $2 }
	    END { print kb + 0 }' "/proc/$1/smaps" 2>/dev/null
}

# proc_state PID: R, S, T, t, Z, ... or empty once it is gone.
proc_state() {
	local s
	s=$(cat "/proc/$1/stat" 2>/dev/null) || return
	s=${s##*) }
	echo "${s%% *}"
}

# scan_cut ARGS...: run mmhex ARGS over a fresh 1 GiB of holes, cut it to
# 4 KiB once 8 MiB have been read.  Sets $status, $sigbus; returns 1 when
# the scan could not be caught running (over before it was stopped).
scan_cut() {
	local spid pid= rss state n=0

	rm -f "$T/s"
	truncate -s 1G "$T/s"
	# LeakSanitizer (sanitizer builds) cannot run under ptrace.
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
	    strace -f -e trace=none -e signal=SIGBUS -o "$T/trace" \
	    "$MMHEX" "$@" "$T/s" >"$T/out" 2>"$T/err" &
	spid=$!
	# The child strace starts is mmhex once it has run exec.
	while [ -z "$pid" ] && [ $n -lt 2000 ]; do
		pid=$(pgrep -P "$spid" -x mmhex)
		[ -n "$pid" ] || sleep 0.01
		n=$((n + 1))
	done
	if [ -z "$pid" ]; then
		wait "$spid"
		return 1
	fi
	while :; do
		rss=$(mapped_kb "$pid" "$T/s")
		[ -n "$rss" ] && [ -d "/proc/$pid" ] || break
		[ "$rss" -ge 8192 ] && break
		sleep 0.01
	done
	kill -STOP "$pid" 2>/dev/null
	# Stopped (T, or t under the tracer), or already gone.
	while state=$(proc_state "$pid"); [ -n "$state" ]; do
		case $state in
		T|t) break ;;
		Z) state=; break ;;
		esac
		sleep 0.01
	done
	truncate -s 4096 "$T/s"
	[ -n "$state" ] && kill -CONT "$pid" 2>/dev/null
	wait "$spid"
	status=$?
	sigbus=$(grep -c -- '--- SIGBUS' "$T/trace")
	# Over before the cut: no fault at all, its usual status.
	[ "$sigbus" -gt 0 ] || { [ "$status" -ne 0 ] && [ "$status" -ne 1 ]; }
}

caught=0
for args in "-f needle" "-x 6e656564" "-e needle" "-d" \
    "--reverse -f needle" "--reverse -e needle"; do
	tries=0
	# shellcheck disable=SC2086
	until scan_cut $args; do
		tries=$((tries + 1))
		if [ $tries -ge 3 ]; then
			echo "note ($args): the scan was over before it could be" \
			    "stopped, $tries times: not checked"
			continue 2
		fi
	done
	caught=$((caught + 1))
	expect_eq "$args: exit status" 2 "$status"
	expect_eq "$args: one line" 1 "$(wc -l <"$T/err")"
	expect_eq "$args: says so" 1 \
	    "$(grep -c "^mmhex: $T/s: the file shrank while it was read" "$T/err")"
	checks=$((checks + 1))
	if [ "$sigbus" -lt 1 ] || [ "$sigbus" -gt 4 ]; then
		fail "$args: $sigbus SIGBUS faults, expected a handful (1 to 4)"
	fi
done
rm -f "$T/s"
if [ $caught -eq 0 ]; then
	echo "SKIP: no scan could be stopped while it ran"
	exit 77
fi

finish
