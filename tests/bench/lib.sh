# lib.sh - shared by the benchmark scripts under tests/bench/.
#
# Benchmarks run by hand, never in CI.  Each one times mmhex and reference
# tools on the same files in the same run and prints ratios: absolute times
# mean little on a shared machine, ratios measured side by side do.
#
#   BUILDDIR   where src/mmhex and the bench helpers were built (default: .)
#   BENCH_DIR  where the 1 GiB sample files live (default: /tmp/mmhex-bench)
#   BENCH_MB   size of the sample files in MiB (default: 1024)
#   RUNS       timed runs per command; the best one counts (default: 5)

set -eu
BUILDDIR=${BUILDDIR:-.}
MMHEX=${MMHEX:-$BUILDDIR/src/mmhex}
BENCH_DIR=${BENCH_DIR:-/tmp/mmhex-bench}
BENCH_MB=${BENCH_MB:-1024}
RUNS=${RUNS:-5}

# The 64-byte needle is planted once, near the end of both files; the shorter
# ones are its prefixes.  None occurs elsewhere in the text file (its
# alphabet has no '#', '@' or '~'); the 2-byte one occurs by chance in the
# random file (about 16K times per GiB).
NEEDLE64='#@~mmhex-needle-of-sixty-four-bytes-planted-near-the-end~@#~~~~~'
NEEDLE12=${NEEDLE64:0:12}
NEEDLE2=${NEEDLE64:0:2}

# bench_files: make random.bin and text.txt of BENCH_MB MiB (once), with the
# needles 1 MiB before the end, and pull both into the page cache.
bench_files() {
	mkdir -p "$BENCH_DIR"
	RANDOM_FILE=$BENCH_DIR/random.bin
	TEXT_FILE=$BENCH_DIR/text.txt
	local bytes=$((BENCH_MB * 1024 * 1024))
	local stamp="$BENCH_DIR/files.stamp"
	if [ ! -f "$RANDOM_FILE" ] || [ ! -f "$TEXT_FILE" ] ||
	    [ "$(cat "$stamp" 2>/dev/null)" != "$bytes $NEEDLE64" ]; then
		python3 - "$RANDOM_FILE" "$TEXT_FILE" "$bytes" "$NEEDLE64" <<'PY'
import os, random, sys
rnd_path, txt_path, size, needle = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4].encode()
plant = size - (1 << 20)
with open(rnd_path, 'wb') as f:
    f.write(os.urandom(plant))
    f.write(needle)
    f.write(os.urandom(size - plant - len(needle)))
words = (b"lorem ipsum dolor sit amet consectetuer adipiscing elit donec egestas "
         b"enim et ullamcorper lectus ligula rutrum leo a elementum tortor eu quam "
         b"duis tincidunt nisi ut ante nulla facilisi sed tristique eros libero").split()
r = random.Random(7)
block = bytearray()
while len(block) < (8 << 20):
    line = b" ".join(r.choice(words) for _ in range(r.randrange(4, 14)))
    block += line.capitalize() + b".\n"
block = bytes(block[:8 << 20])
with open(txt_path, 'wb') as f:
    done = 0
    while done < size:
        chunk = block[:min(len(block), size - done)]
        if done <= plant < done + len(chunk):
            k = plant - done
            chunk = chunk[:k] + needle + chunk[k + len(needle):]
        f.write(chunk)
        done += len(chunk)
PY
		echo "$bytes $NEEDLE64" >"$stamp"
	fi
	cat "$RANDOM_FILE" "$TEXT_FILE" >/dev/null
}

# best_time CMD...: run CMD RUNS times with stdout discarded, print the best
# wall time in seconds.
best_time() {
	python3 - "$RUNS" "$@" <<'PY'
import subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
best = None
for _ in range(runs):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=False)
    t = time.perf_counter() - t
    best = t if best is None else min(best, t)
print(f"{best:.6f}")
PY
}

# report LABEL SECONDS BYTES REF_SECONDS: one line with throughput and the
# ratio mmhex-speed / reference-speed (> 1 means mmhex is faster).
report() {
	python3 - "$@" <<'PY'
import sys
label, t, nbytes, ref = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
print(f"  {label:<44} {t*1000:9.1f} ms {nbytes/t/1e9:7.2f} GB/s   ratio {ref/t:6.2f}x")
PY
}
