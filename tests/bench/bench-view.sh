#!/bin/bash
# bench-view.sh - the interactive viewer on large files, driven through a
# pseudo-terminal (Python's pty module), the way a person's terminal does.
#
#  1. Time to the first frame on a 100 GiB sparse file against a 4 KiB
#     file (target: ratio <= 1.5x), and the time `G` takes to show the last
#     byte on each: nothing about opening or seeking may depend on the size.
#  2. Resident memory while paging through the 1 GiB random file: PgDn
#     runs and `g N%` jumps all over it.  Peak RSS (VmHWM) against the
#     16 MiB target and against the 4 KiB case.
#
# A frame counts as drawn when its status line (" 4095 / 4096 (99%)") has
# arrived: ncurses writes the rows top to bottom, the status line last.

# shellcheck source=tests/bench/lib.sh
. "$(dirname "$0")/lib.sh"

bench_files
small=$BENCH_DIR/small-4k.bin
huge=$BENCH_DIR/sparse-100g.bin
[ -f "$small" ] || head -c 4096 /dev/urandom >"$small"
[ -f "$huge" ] || truncate -s 100G "$huge"

python3 - "$MMHEX" "$RUNS" "$small" "$huge" "$RANDOM_FILE" <<'PY'
import fcntl, os, pty, re, select, signal, struct, sys, termios, time

mmhex, runs, small, huge, big = sys.argv[1], int(sys.argv[2]), *sys.argv[3:]
PGDN = b"\x1b[6~"

class Viewer:
    """mmhex on a 100x30 pty; out accumulates everything it wrote."""
    def __init__(self, path):
        self.t0 = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
            env = dict(os.environ, TERM="xterm-256color", LC_ALL="C.UTF-8")
            env.pop("NO_COLOR", None)
            os.execve(mmhex, [mmhex, "-r", path], env)
        self.pid, self.fd, self.out = pid, fd, b""

    def wait_for(self, pattern, timeout=30.0):
        """Read until pattern (bytes regex) matches new output; return the
        seconds it took from the call."""
        t = time.perf_counter()
        start = len(self.out)
        rx = re.compile(pattern)
        while not rx.search(self.out, max(0, start - 64)):
            left = timeout - (time.perf_counter() - t)
            if left <= 0:
                raise SystemExit(f"bench-view: timed out waiting for {pattern!r}")
            r, _, _ = select.select([self.fd], [], [], left)
            if r:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    chunk = b""
                if not chunk:
                    raise SystemExit(f"bench-view: mmhex exited waiting for {pattern!r}")
                self.out += chunk
        return time.perf_counter() - t

    def send(self, keys):
        os.write(self.fd, keys)

    def hwm_kib(self):
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        return 0

    def quit(self):
        self.send(b"q")
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                r, _, _ = select.select([self.fd], [], [], 0.1)
                if r:
                    os.read(self.fd, 65536)
            except OSError:
                pass
            pid, _ = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                break
        else:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.fd)

def last_status(size):
    return rb" %d / %d " % (size - 1, size)

def first_frame_and_G(path):
    """Best first-frame time and best G time over runs."""
    size = os.stat(path).st_size
    first = jump = None
    for _ in range(runs):
        v = Viewer(path)
        v.wait_for(rb" 0 / %d " % size)
        t = time.perf_counter() - v.t0
        first = t if first is None else min(first, t)
        t0 = time.perf_counter()
        v.send(b"G")
        v.wait_for(last_status(size))
        t = time.perf_counter() - t0
        jump = t if jump is None else min(jump, t)
        v.quit()
    return first, jump

f_small, g_small = first_frame_and_G(small)
f_huge, g_huge = first_frame_and_G(huge)
print("first frame (best of %d):" % runs)
print(f"  4 KiB file                 {f_small*1000:8.2f} ms")
print(f"  100 GiB sparse file        {f_huge*1000:8.2f} ms   ratio {f_huge/f_small:5.2f}x  (target <= 1.50x)")
print("G to the last byte:")
print(f"  4 KiB file                 {g_small*1000:8.2f} ms")
print(f"  100 GiB sparse file        {g_huge*1000:8.2f} ms   ratio {g_huge/g_small:5.2f}x")

# Resident memory: a 4 KiB baseline, then paging all over 1 GiB.
v = Viewer(small)
v.wait_for(rb" 0 / 4096 ")
base = v.hwm_kib()
v.quit()

size = os.stat(big).st_size
v = Viewer(big)
v.wait_for(rb" 0 / %d " % size)
pages = 0
for pct in range(0, 100, 2):
    v.send(b"g%d%%\r" % pct)
    v.send(PGDN * 50)
    pages += 50
    # Wait for this batch so keys do not pile up in the pty.
    v.send(b"G")
    v.wait_for(last_status(size))
for _ in range(20):
    v.send(PGDN * 100)
    pages += 100
v.send(b"G")
v.wait_for(last_status(size))
peak = v.hwm_kib()
v.quit()
print("resident memory (VmHWM):")
print(f"  4 KiB file                 {base/1024:8.2f} MiB")
print(f"  1 GiB file, {pages} PgDn + 50 jumps {peak/1024:8.2f} MiB   target < 16 MiB  "
      f"({'ok' if peak < 16 * 1024 else 'OVER'}), {peak/base:4.2f}x the 4 KiB case")
ok = f_huge / f_small <= 1.5 and peak < 16 * 1024
sys.exit(0 if ok else 1)
PY
