#!/bin/bash
# bench-truncate.sh - how long a script's scan goes on once its file is
# cut under it.  A fresh sparse file of BENCH_MB MiB (never read: every
# page is faulted in, as from a cold cache) is scanned with -f, -e and
# -d; once the scan has read 8 MiB (its RssFile) the file is truncated to
# 4 KiB.  Printed: the time from the truncation to the exit (status 2),
# as a ratio to a whole scan of the same file left alone.  Without the
# guard's early stop the cut scan takes one SIGBUS per page left and runs
# longer than the whole one (ratio above 1); with it, a small fraction.
#
# Set MMHEX to another build to compare (the old one, say).

# shellcheck source=tests/bench/lib.sh
. "$(dirname "$0")/lib.sh"

mkdir -p "$BENCH_DIR"
FILE=$BENCH_DIR/truncate.sparse
trap 'rm -f "$FILE"' EXIT

# One measurement, in a process of its own so that no fork or exec of a
# shell command lies between the truncation and the wait: prints the
# nanoseconds of a whole scan ("whole") or from the truncation to the
# exit ("cut"), or nothing when the scan was over before the cut.
# fresh file each time: holes no one has read.
MEASURE='import os, subprocess, sys, time
how, path, size, argv = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
try:
    os.unlink(path)
except FileNotFoundError:
    pass
with open(path, "wb") as f:
    f.truncate(size)
dev = subprocess.DEVNULL
t0 = time.monotonic_ns()
p = subprocess.Popen(argv + [path], stdout=dev, stderr=dev)
if how == "whole":
    p.wait()
    print(time.monotonic_ns() - t0)
    sys.exit(0)
status = "/proc/%d/status" % p.pid
while True:
    try:
        with open(status) as f:
            rss = [l for l in f if l.startswith("RssFile:")]
    except OSError:
        rss = []
    if not rss or int(rss[0].split()[1]) >= 8192:
        break
    time.sleep(0.002)
t0 = time.monotonic_ns()
os.truncate(path, 4096)
if p.wait() == 2:
    print(time.monotonic_ns() - t0)'

# run whole|cut ARGS...
run() {
	local how=$1
	shift
	python3 -c "$MEASURE" "$how" "$FILE" $((BENCH_MB * 1024 * 1024)) \
	    "$MMHEX" "$@"
}

# best N CMD...: the smallest of N results of CMD (empty ones skipped).
best() {
	local n=$1 i b= v
	shift
	for i in $(seq 1 "$n"); do
		v=$("$@") || true
		[ -n "$v" ] || continue
		if [ -z "$b" ] || [ "$v" -lt "$b" ]; then
			b=$v
		fi
	done
	echo "$b"
}

echo "truncate: $BENCH_MB MiB of holes cut to 4 KiB mid-scan;" \
    "time to exit 2 / time of a whole scan (best of $RUNS)"
for args in "-f needle" "-e needle" "-d"; do
	# shellcheck disable=SC2086
	w=$(best "$RUNS" run whole $args)
	# shellcheck disable=SC2086
	c=$(best "$RUNS" run cut $args)
	if [ -z "$c" ]; then
		echo "  $args: the scan was never caught before its end"
		continue
	fi
	awk -v a="$args" -v w="$w" -v c="$c" 'BEGIN {
	    printf "  %-12s whole %8.1f ms  cut->exit %8.2f ms  ratio %.4f\n",
	    a, w / 1e6, c / 1e6, c / w }'
done
