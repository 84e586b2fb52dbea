#!/usr/bin/env python3
"""ansi2svg.py - a tmux capture (capture-pane -p -e) as an SVG picture.

Usage: ansi2svg.py dark|light COLS ROWS < capture > picture.svg

Each cell is drawn with the colours tmux holds for it: SGR 30-37, 90-97,
38;5;N and the backgrounds likewise, bold, reverse; colours 0-15 as xterm
draws them (bold 0-7 bright), 16-255 the standard cube and greys.  The
terminal's own colours are black and light grey (dark) or white and black
(light): what the palettes' contrast is computed against (palette.h).
"""
import html
import re
import sys

X16 = ["000000", "cd0000", "00cd00", "cdcd00", "0000ee", "cd00cd", "00cdcd",
       "e5e5e5", "7f7f7f", "ff0000", "00ff00", "ffff00", "5c5cff", "ff00ff",
       "00ffff", "ffffff"]


def c256(n):
    if n < 16:
        return X16[n]
    if n < 232:
        n -= 16
        lv = [0, 95, 135, 175, 215, 255]
        return "%02x%02x%02x" % (lv[n // 36], lv[n // 6 % 6], lv[n % 6])
    g = 8 + 10 * (n - 232)
    return "%02x%02x%02x" % (g, g, g)


def main():
    kind, cols, rows = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    deffg, defbg = ("e5e5e5", "000000") if kind == "dark" else ("000000", "ffffff")
    cw, ch = 8.4, 17
    st = {"fg": None, "bg": None, "bold": False, "rev": False}
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
           'font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" '
           'font-size="14">' % (cols * cw + 16, rows * ch + 16),
           '<rect width="100%%" height="100%%" fill="#%s"/>' % defbg]
    lines = sys.stdin.read().split("\n")[:rows]
    for y, line in enumerate(lines):
        x, i = 0, 0
        while i < len(line) and x < cols:
            m = re.match(r"\x1b\[([0-9;]*)m", line[i:])
            if m:
                a = [int(v) for v in m.group(1).split(";") if v != ""] or [0]
                k = 0
                while k < len(a):
                    v = a[k]
                    if v == 0:
                        st.update(fg=None, bg=None, bold=False, rev=False)
                    elif v == 1:
                        st["bold"] = True
                    elif v == 22:
                        st["bold"] = False
                    elif v == 7:
                        st["rev"] = True
                    elif v == 27:
                        st["rev"] = False
                    elif 30 <= v <= 37:
                        st["fg"] = v - 30
                    elif 90 <= v <= 97:
                        st["fg"] = v - 82
                    elif v == 39:
                        st["fg"] = None
                    elif 40 <= v <= 47:
                        st["bg"] = v - 40
                    elif 100 <= v <= 107:
                        st["bg"] = v - 92
                    elif v == 49:
                        st["bg"] = None
                    elif v in (38, 48) and k + 2 < len(a) and a[k + 1] == 5:
                        st["fg" if v == 38 else "bg"] = a[k + 2]
                        k += 2
                    k += 1
                i += m.end()
                continue
            c = line[i]
            i += 1
            fgn = st["fg"]
            if fgn is not None and st["bold"] and fgn < 8:
                fgn += 8
            fg = deffg if fgn is None else c256(fgn)
            bg = defbg if st["bg"] is None else c256(st["bg"])
            if st["rev"]:
                fg, bg = bg, fg
            px, py = 8 + x * cw, 8 + y * ch
            wide = 2 if ord(c) >= 0x1100 and (0x1100 <= ord(c) <= 0x115f or
                                            0x2e80 <= ord(c) <= 0xa4cf or
                                            0xac00 <= ord(c) <= 0xd7a3 or
                                            0xf900 <= ord(c) <= 0xfaff or
                                            0xfe30 <= ord(c) <= 0xfe4f or
                                            0xff00 <= ord(c) <= 0xff60 or
                                            0x1f300 <= ord(c) <= 0x1faff) else 1
            if bg != defbg:
                out.append('<rect x="%.1f" y="%d" width="%.1f" height="%d" '
                           'fill="#%s"/>' % (px, py, cw * wide, ch, bg))
            if c != " ":
                out.append('<text x="%.1f" y="%d" fill="#%s"%s>%s</text>' % (
                    px, py + 13, fg,
                    ' font-weight="bold"' if st["bold"] else "",
                    html.escape(c)))
            x += wide
    out.append("</svg>")
    print("\n".join(out))


main()
