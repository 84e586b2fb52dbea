#!/bin/bash
# view_background.sh - colours a person can read on a light background as
# on a dark one.  mmhex takes the background from the configuration
# ("background light|dark"), else from COLORFGBG, else from the terminal's
# answer to OSC 11 (tmux answers with its pane's background), else dark.
# Each case reads the colours tmux holds for every byte class, a changed
# byte and a match (capture-pane -e) and computes in Python, from the
# colours' RGB (xterm's, bold 0-7 drawn bright), the contrast ratio
# against the background the palette is for: at least 3:1.  The answer
# to the question never shows on screen, and a terminal that answers
# nothing delays the start by the wait only.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/tmux.sh"
need python3

# Row 0: each byte class (NUL, printable, space, control, non-ASCII),
# row 1: B for a changed byte, row 2: C for the matches.
f=$T/classes.bin
python3 -c 'import sys
open(sys.argv[1], "wb").write(b"\x00A \x01\x80" * 3 + b"\x00" + b"B" * 16 +
    b"C" * 16)' "$f"

# readable WHAT light|dark: the colours on screen, cell by cell, against
# the background the palette is for.  Prints "ok FG" (FG: the printable
# bytes' colour, as SGR says it) or what is unreadable.
CONTRAST_PY='import re, sys
bg_kind = sys.argv[1]
rows = sys.stdin.read().split("\n")
x16 = [(0,0,0), (205,0,0), (0,205,0), (205,205,0), (0,0,238), (205,0,205),
    (0,205,205), (229,229,229), (127,127,127), (255,0,0), (0,255,0),
    (255,255,0), (92,92,255), (255,0,255), (0,255,255), (255,255,255)]
def c256(n):
    if n < 16: return x16[n]
    if n < 232:
        n -= 16; lv = [0, 95, 135, 175, 215, 255]
        return (lv[n // 36], lv[n // 6 % 6], lv[n % 6])
    g = 8 + 10 * (n - 232); return (g, g, g)
def lin(v):
    v /= 255.0
    return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
def lum(c): return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])
def contrast(a, b):
    la, lb = sorted((lum(a), lum(b)))
    return (lb + 0.05) / (la + 0.05)
back = (255, 255, 255) if bg_kind == "light" else (0, 0, 0)
deffg = (0, 0, 0) if bg_kind == "light" else (229, 229, 229)
# cells(row): (char, fg, bg, bold, sgr-of-fg) for each cell; tmux -e
# carries attributes from one row to the next.
st = {"fg": None, "bg": None, "bold": False, "rev": False, "sgr": "39"}
def cells(row):
    out = []
    i = 0
    while i < len(row):
        m = re.match(r"\x1b\[([0-9;]*)m", row[i:])
        if m:
            a = [int(x) for x in m.group(1).split(";") if x != ""] or [0]
            k = 0
            while k < len(a):
                v = a[k]
                if v == 0: st.update(fg=None, bg=None, bold=False, rev=False, sgr="39")
                elif v == 1: st["bold"] = True
                elif v == 22: st["bold"] = False
                elif v == 7: st["rev"] = True
                elif v == 27: st["rev"] = False
                elif 30 <= v <= 37: st.update(fg=v - 30, sgr=str(v))
                elif 90 <= v <= 97: st.update(fg=v - 90 + 8, sgr=str(v))
                elif v == 39: st.update(fg=None, sgr="39")
                elif 40 <= v <= 47: st["bg"] = v - 40
                elif 100 <= v <= 107: st["bg"] = v - 100 + 8
                elif v == 49: st["bg"] = None
                elif v in (38, 48) and a[k + 1] == 5:
                    if v == 38: st.update(fg=a[k + 2], sgr="38;5;%d" % a[k + 2])
                    else: st["bg"] = a[k + 2]
                    k += 2
                k += 1
            i += m.end()
            continue
        out.append((row[i], st["fg"], st["bg"], st["bold"], st["rev"], st["sgr"]))
        i += 1
    return out
def rgb_fg(fg, bold):
    if fg is None: return deffg
    if bold and fg < 8: fg += 8
    return c256(fg)
def rgb_bg(bg): return back if bg is None else c256(bg)
grid = [cells(r) for r in rows]
# The hex cell of byte i on row r: " 00000000  " then "xx " a byte, one
# more blank after the eighth.
def hexcell(r, i):
    x = 11 + 3 * i + (1 if i >= 8 else 0)
    return grid[r][x]
names = {0: "nul", 1: "printable", 2: "space", 3: "control", 4: "non-ascii"}
bad = []
seen = {}
def judge(what, cell):
    ch, fg, bg, bold, rev, sgr = cell
    if rev: bad.append("%s is reversed" % what); return
    c = contrast(rgb_fg(fg, bold), rgb_bg(bg))
    if c < 3.0: bad.append("%s %s on %s: %.2f:1" % (what, sgr, bg, c))
    seen[what] = sgr
for i in range(1, 15):
    judge(names[i % 5], hexcell(0, i))
judge("changed", hexcell(1, 5))
judge("changed in a match", hexcell(1, 4))
judge("match", hexcell(2, 5))
judge("offset", grid[0][2])
# The five classes look different from one another.
if len(set(seen[n] for n in names.values())) < 4:
    bad.append("the classes share colours: %r" % seen)
print("; ".join(bad) if bad else "ok " + seen["printable"])'

# show_classes: cursor off row 0, bytes 20 and 21 changed (43 44), C
# found: the matches at 33-47 and 20 (changed) are highlighted.
show_classes() {
	wait_for " 00000000"
	keys g; wait_for "goto:"; type_text 20; keys Enter
	keys R; type_text 4344; keys Escape
	expect_status "$1: two bytes changed" "[2 changed]"
	keys f; wait_for "find hex:"; type_text 43; keys Enter
	expect_offset "$1: C found" 32
}

# expect_palette WHAT light|dark SGR: the screen reads on that background
# and the printable bytes are drawn in SGR.
expect_palette() {
	local got
	got=$(screen -e | head -3 | python3 -c "$CONTRAST_PY" "$2")
	expect_eq "$1: readable on $2, printable in $3" "ok $3" "$got"
}

# ---- The terminal says nothing: dark, the colours as they were ---------------

start_mmhex "$f"
show_classes "no answer"
expect_palette "no answer (tmux knows no background)" dark 36
expect_screen_lacks "no answer: nothing of the question shows" "1;2c"
keys q d
expect_exit "q d" 0

# ---- COLORFGBG ----------------------------------------------------------------

start_mmhex -e COLORFGBG='0;15' "$f"
show_classes "COLORFGBG=0;15"
expect_palette "COLORFGBG=0;15" light "38;5;25"
keys q d
expect_exit "q d" 0
start_mmhex -e COLORFGBG='15;default;0' "$f"
show_classes "COLORFGBG=15;default;0"
expect_palette "COLORFGBG=15;default;0" dark 36
keys q d
expect_exit "q d" 0
# Eight colours: the light palette's eight.
start_mmhex -T xterm -e COLORFGBG='0;15' "$f"
show_classes "xterm, COLORFGBG=0;15"
expect_palette "8 colours, COLORFGBG=0;15" light 34
keys q d
expect_exit "q d" 0

# ---- The configuration wins ---------------------------------------------------

mkdir -p "$T/light/mmhex" "$T/dark/mmhex"
echo 'background light' >"$T/light/mmhex/config"
echo 'background dark' >"$T/dark/mmhex/config"
start_mmhex -e XDG_CONFIG_HOME="$T/light" "$f"
show_classes "background light"
expect_palette "background light" light "38;5;25"
keys q d
expect_exit "q d" 0
start_mmhex -e XDG_CONFIG_HOME="$T/dark" -e COLORFGBG='0;15' "$f"
show_classes "background dark over COLORFGBG"
expect_palette "background dark over COLORFGBG=0;15" dark 36
keys q d
expect_exit "q d" 0

# ---- OSC 11: tmux answers with the pane's background ---------------------------

tm set-option -g window-style 'bg=white'
start_mmhex "$f"
show_classes "OSC 11 white"
expect_palette "a white pane (OSC 11)" light "38;5;25"
expect_screen_lacks "OSC 11: the answer does not show" "rgb:"
expect_screen_lacks "OSC 11: nor the DA1 answer" "1;2c"
keys q d
expect_exit "q d" 0
tm set-option -g window-style 'bg=black'
start_mmhex "$f"
show_classes "OSC 11 black"
expect_palette "a black pane (OSC 11)" dark 36
keys q d
expect_exit "q d" 0
tm set-option -gu window-style

# ---- A terminal that answers nothing, and when mmhex does not ask -------------

# A pty whose other side never answers: mmhex asks once, waits, draws,
# and q quits.  With NO_COLOR, or a background in the configuration, it
# does not ask at all.
PTY_PY='import os, pty, select, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.environ["TERM"] = "xterm-256color"
    os.execv(sys.argv[1], [sys.argv[1], sys.argv[2]])
out = b""
def drain(secs, until=None):
    global out
    end = time.time() + secs
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try: out += os.read(fd, 65536)
            except OSError: return
        if until is not None and until in out: return
drain(15, b"classes.bin")
os.write(fd, b"q")
drain(5)
_, st = os.waitpid(pid, 0)
print("asked %d, drawn %s, exit %d" % (out.count(b"\x1b]11;?"),
    b"classes.bin" in out, os.waitstatus_to_exitcode(st)))'
expect_eq "no answer at all: asked once, drawn, q quits" \
    "asked 1, drawn True, exit 0" \
    "$(env -u COLORFGBG -u NO_COLOR python3 -c "$PTY_PY" "$MMHEX" "$f")"
expect_eq "NO_COLOR: not asked" "asked 0, drawn True, exit 0" \
    "$(env -u COLORFGBG NO_COLOR=1 python3 -c "$PTY_PY" "$MMHEX" "$f")"
expect_eq "COLORFGBG: not asked" "asked 0, drawn True, exit 0" \
    "$(env -u NO_COLOR COLORFGBG='0;15' python3 -c "$PTY_PY" "$MMHEX" "$f")"
expect_eq "background dark: not asked" "asked 0, drawn True, exit 0" \
    "$(env -u NO_COLOR -u COLORFGBG XDG_CONFIG_HOME="$T/dark" \
    python3 -c "$PTY_PY" "$MMHEX" "$f")"

finish
