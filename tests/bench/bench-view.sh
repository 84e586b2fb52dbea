#!/bin/bash
# bench-view.sh - the interactive viewer on large files, driven through a
# pseudo-terminal (Python's pty module), the way a person's terminal does.
#
#  1. Time to the first frame on a 100 GiB sparse file against a 4 KiB
#     file (target: ratio <= 1.5x), and the time `G` takes to show the last
#     byte on each: nothing about opening or seeking may depend on the size.
#  2. Resident memory while paging through the 1 GiB random file: a run
#     of PgDn after a `g N%` jump to every percent of it.  Peak RSS (VmHWM)
#     against the 16 MiB target and against the 4 KiB case.  File pages a
#     frame touched stay mapped (counted in RSS) until the kernel reclaims
#     them, so this grows with what was visited, never with the file size.
#
# A frame counts as drawn when its status line (" 4095 / 4096 (99%)") has
# arrived: ncurses writes the rows top to bottom, the status line last.
# ncurses only sends what changed, and skips frames while keys are pending,
# so after a batch of keys a Ctrl-L (repaint everything) makes the whole
# status line arrive again.

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
REDRAW = b"\x0c"

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
        self.pid, self.fd, self.out, self.mark = pid, fd, b"", 0

    def wait_for(self, pattern, timeout=30.0):
        """Read until pattern (bytes regex) matches the output since the
        last send(); return the seconds it took from the call."""
        t = time.perf_counter()
        start = self.mark
        rx = re.compile(pattern)
        while not rx.search(self.out, start):
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
        """Write keys, reading output meanwhile: mmhex blocks writing a
        frame nobody reads, and then stops reading keys.  The next
        wait_for() looks at what arrives from here on."""
        self.mark = len(self.out)
        while keys:
            r, w, _ = select.select([self.fd], [self.fd], [], 10)
            if r:
                try:
                    self.out += os.read(self.fd, 65536)
                except OSError:
                    return
            if w:
                n = os.write(self.fd, keys[:256])
                keys = keys[n:]

    def status_kib(self, field):
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
        return 0

    def hwm_kib(self):
        return self.status_kib("VmHWM")

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
        v.send(b"G" + REDRAW)
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
for pct in range(0, 100):
    v.send(b"g%d%%\r" % pct)
    v.send(PGDN * 50)
    pages += 50
    # Wait for this batch so keys do not pile up in the pty.
    v.send(b"G" + REDRAW)
    v.wait_for(last_status(size))
v.send(b"g0\r")
for _ in range(20):
    v.send(PGDN * 100)
    pages += 100
v.send(b"G" + REDRAW)
v.wait_for(last_status(size))
peak = v.hwm_kib()
anon, filed = v.status_kib("RssAnon"), v.status_kib("RssFile")
v.quit()
print("resident memory (VmHWM):")
print(f"  4 KiB file                 {base/1024:8.2f} MiB")
print(f"  1 GiB file, {pages} PgDn + 100 jumps {peak/1024:7.2f} MiB   target < 16 MiB  "
      f"({'ok' if peak < 16 * 1024 else 'OVER'}), {peak/base:4.2f}x the 4 KiB case")
print(f"    at the end: {anon/1024:.2f} MiB anonymous, {filed/1024:.2f} MiB of file pages mapped")

# A search through the whole 1 GiB (a pattern that is not there): the scan
# maps chunk after chunk; the UI unmaps behind it at each progress tick.
v = Viewer(big)
v.wait_for(rb" 0 / %d " % size)
t0 = time.perf_counter()
v.send(b"f01 02 03 04 05 06 07 08\r")
v.wait_for(rb"not found")
t = time.perf_counter() - t0
speak = v.hwm_kib()
v.quit()
print(f"  1 GiB file, one search      {speak/1024:8.2f} MiB   ({t*1000:.0f} ms, {size/t/1e9:.2f} GB/s; "
      f"a scan chunk is 16 MiB)")
ok = f_huge / f_small <= 1.5 and peak < 16 * 1024
sys.exit(0 if ok else 1)
PY
