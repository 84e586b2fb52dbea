#!/usr/bin/env python3
"""edit_oracle.py - random inserts, deletes, overwrites, cuts, pastes,
undos, redos and flushes for edit_insert.sh: the keys a person would type
into mmhex for them, and what the file must hold afterwards.

    edit_oracle.py SEED FILE KEYS EXPECTED [OPS [wt|wt-ask]]

With "wt" (write-through, where every change of size moves the rest of
the file at once) each key that changes the size is followed by a line
"=wait TEXT": the caller waits until the status line shows the new size
before it types on, as a person waits for the move (an Esc typed during
it would stop it).  With "wt-ask" the key is also answered y: the
question write-through asks when more than 64 MiB would move.  FILE is
the file as it is before; KEYS gets one tmux send-keys argument
per line ("-l TEXT" for literal text); EXPECTED gets the bytes the file
must hold once mmhex has flushed.  The model is a bytearray with the
undo states mmhex keeps; EXPECTED is written by a second, independent
oracle: a copy of FILE under Python's mmap, each edit (and each undo, as
the edit that takes it back) made the way the mmap seeds do it (resize
and move), which must end equal to the bytearray.
"""
import mmap
import random
import shutil
import sys


def mm_insert(m, size, off, data):
    """Insert data at off: grow, move the tail up, store."""
    n = len(data)
    m.resize(size + n)
    m.move(off + n, off, size - off)
    m[off:off + n] = data
    return m, size + n


def mm_delete(m, size, off, n):
    """Delete n bytes at off: move the tail down, shrink."""
    m.move(off, off + n, size - off - n)
    if size - n > 0:
        m.resize(size - n)
    return m, size - n


def main():
    seed, path, keys_path, want_path = sys.argv[1:5]
    ops = int(sys.argv[5]) if len(sys.argv) > 5 else 40
    mode = sys.argv[6] if len(sys.argv) > 6 else ""
    ask = ["y"] if mode == "wt-ask" else []
    rnd = random.Random(int(seed))
    with open(path, "rb") as f:
        cur = bytearray(f.read())
    # Undo states as mmhex has them: states[done] is what is shown.
    states, done = [bytes(cur)], 0
    # The mmap oracle replays every change as edits on a copy.
    shutil.copyfile(path, want_path)
    fd = open(want_path, "r+b")
    msize = len(cur)
    m = mmap.mmap(fd.fileno(), 0) if msize > 0 else None
    history = []     # per state: the edits that made it from the one before
    clip = b""
    keys = []

    def apply_edits(edits, undo):
        nonlocal m, msize
        seq = reversed(edits) if undo else edits
        for kind, off, data in seq:
            if kind == "ovr":
                old, new = data
                m[off:off + len(new)] = old if undo else new
                continue
            if (kind == "ins") != undo:
                if m is None:
                    fd.truncate(len(data))
                    m = mmap.mmap(fd.fileno(), 0)
                    m[0:len(data)] = data
                    msize = len(data)
                else:
                    m, msize = mm_insert(m, msize, off, data)
            else:
                if msize - len(data) == 0:
                    m.close()
                    m = None
                    fd.truncate(0)
                    msize = 0
                else:
                    m, msize = mm_delete(m, msize, off, len(data))

    def push(new, edits):
        nonlocal states, done, history
        del states[done + 1:]
        del history[done:]
        states.append(bytes(new))
        history.append(edits)
        done += 1
        apply_edits(edits, False)

    def moved(size):
        """After a key that changed the size: wait for the move (wt)."""
        if not mode.startswith("wt"):
            return []
        return ["=wait %s" % (" / %d (" % size if size > 0 else "  empty  ")]

    def goto(off):
        keys.extend(["g", "-l %d" % off, "Enter"])

    for _ in range(ops):
        cur = bytearray(states[done])
        n = len(cur)
        at = rnd.randrange(n) if n > 0 else 0
        if n > 0:
            goto(at)
        op = rnd.choice("iiixxcpruuRw")
        if op == "i":
            v = rnd.randrange(256)
            keys.extend(["I", "-l %x" % (v >> 4)] + ask + moved(n + 1) +
                        ["-l %x" % (v & 15), "Escape"])
            cur[at:at] = bytes([v])
            push(cur, [("ins", at, bytes([v]))])
        elif op == "x" and n > 0:
            keys.extend(["x"] + ask + moved(n - 1))
            gone = bytes(cur[at:at + 1])
            del cur[at]
            push(cur, [("del", at, gone)])
        elif op == "c" and n > 1:
            ln = rnd.randint(1, min(6, n - at))
            keys.append("v")
            keys.extend(["Right"] * (ln - 1))
            keys.extend(["d"] + ask + moved(n - ln))
            clip = bytes(cur[at:at + ln])
            del cur[at:at + ln]
            push(cur, [("del", at, clip)])
        elif op == "p" and clip:
            # P at a byte (or at 0 in an empty file): insert before it.
            to = rnd.randrange(len(cur)) if cur else 0
            if cur:
                goto(to)
            keys.extend(["P"] + ask + moved(len(cur) + len(clip)))
            cur[to:to] = clip
            push(cur, [("ins", to, clip)])
        elif op == "r" and n > 0:
            v = rnd.randrange(256)
            keys.extend(["R", "-l %02x" % v, "Escape"])
            old = bytes(cur[at:at + 1])
            cur[at] = v
            push(cur, [("ovr", at, (old, bytes([v])))])
        elif op == "u" and done > 0:
            keys.append("u")
            apply_edits(history[done - 1], True)
            done -= 1
            if len(states[done]) != n:
                keys.extend(moved(len(states[done])))
        elif op == "R" and done < len(states) - 1:
            keys.append("C-r")
            done += 1
            apply_edits(history[done - 1], False)
            if len(states[done]) != n:
                keys.extend(moved(len(states[done])))
        elif op == "w":
            keys.append("w")
    if m is not None:
        m.flush()
        m.close()
    fd.close()
    with open(want_path, "rb") as f:
        replayed = f.read()
    if replayed != states[done]:
        sys.exit("edit_oracle.py: the mmap replay and the bytearray differ")
    with open(keys_path, "w") as f:
        f.write("\n".join(keys) + "\n")


main()
