#!/bin/bash
# screenshots.sh - the README's pictures, from a real terminal: mmhex runs
# in tmux (100 x 30) on data/sample.bin, once in a pane whose background
# is black and once white (tmux answers mmhex's OSC 11 question with it,
# so mmhex picks the palette itself), after a search and an edit so that
# the marks show; capture-pane -e becomes an SVG (doc/ansi2svg.py).  A
# third, screenshot-overview.svg: an 8 MiB image of zeros, text, random
# bytes and 0xff padding after two } (the overview column on the right).
# Usage: doc/screenshots.sh MMHEX OUTDIR
set -eu
mmhex=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
out=$2
here=$(cd "$(dirname "$0")" && pwd)
data=$here/../data
tmp=$(mktemp -d)
trap 'tmux -S "$tmp/sock" kill-server 2>/dev/null || true; rm -rf "$tmp"' EXIT
cp "$data/sample.bin" "$tmp/sample.bin"
tm() { tmux -S "$tmp/sock" -f /dev/null "$@"; }
tm new-session -d -s keep -x 100 -y 30 sleep 600
for kind in dark light; do
	bg=black; [ "$kind" = light ] && bg=white
	tm set-option -g window-style "bg=$bg"
	tm new-session -d -s "$kind" -x 100 -y 30 -- env -u COLORFGBG \
	    LC_ALL=C.UTF-8 TERM=screen-256color XDG_CONFIG_HOME="$tmp/none" \
	    XDG_STATE_HOME="$tmp/state" "$mmhex" "$tmp/sample.bin"
	tm set-option -t "$kind" window-size manual
	tm resize-window -t "$kind" -x 100 -y 30
	sleep 0.5
	tm send-keys -t "$kind" f; sleep 0.2
	tm send-keys -t "$kind" -l "de ad be ef"; tm send-keys -t "$kind" Enter
	sleep 0.2
	tm send-keys -t "$kind" g; sleep 0.2
	tm send-keys -t "$kind" -l 0x60; tm send-keys -t "$kind" Enter
	tm send-keys -t "$kind" R; tm send-keys -t "$kind" -l 4d4d; tm send-keys -t "$kind" Escape
	sleep 0.5
	tm capture-pane -p -e -t "$kind" | python3 "$here/ansi2svg.py" "$kind" 100 30 \
	    >"$out/screenshot-$kind.svg"
	tm send-keys -t "$kind" Q
done
python3 -c 'import random, sys
r = random.Random(1)
MiB = 1 << 20
words = b"boot loader kernel partition table inode block group journal".split()
text = b" ".join(r.choice(words) for _ in range(400000))[:2 * MiB]
rnd = bytes(r.getrandbits(8) for _ in range(2 * MiB))
open(sys.argv[1], "wb").write(b"\0" * MiB + text + b"\0" * MiB + rnd +
    b"\xff" * MiB + b"\0" * MiB)' "$tmp/image.bin"
tm set-option -g window-style "bg=black"
tm new-session -d -s overview -x 100 -y 30 -- env -u COLORFGBG \
    LC_ALL=C.UTF-8 TERM=screen-256color XDG_CONFIG_HOME="$tmp/none" \
    XDG_STATE_HOME="$tmp/state" "$mmhex" -r "$tmp/image.bin"
tm set-option -t overview window-size manual
tm resize-window -t overview -x 100 -y 30
sleep 0.5
tm send-keys -t overview '}'; sleep 0.3
tm send-keys -t overview '}'; sleep 0.5
tm capture-pane -p -e -t overview | python3 "$here/ansi2svg.py" dark 100 30 \
    >"$out/screenshot-overview.svg"
tm send-keys -t overview q
