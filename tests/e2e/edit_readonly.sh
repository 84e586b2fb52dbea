#!/bin/bash
# edit_readonly.sh - a read-only session (-r) changes nothing, whatever is
# typed: every editing key of the key table says "read-only" (the editing
# commands and their keys come from `mmhex --keys=raw`, so a new one is
# covered without editing this script), and
# then thousands of random keys - every key of the table, random bytes,
# control characters, escape sequences, mouse clicks, prompts opened and
# typed into, resizes - leave the file's checksum, mtime and ctime as they
# were and mmhex running, until q.  SEED=N repeats a run.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/tmux.sh"
need python3 sha256sum

NKEYS=${NKEYS:-3000}
SEED=${SEED:-$RANDOM}

# fingerprint FILE: what any write would change.
fingerprint() {
	printf '%s %s %s\n' "$(sha256sum <"$1" | cut -d' ' -f1)" \
	    "$(stat -c '%y' "$1")" "$(stat -c '%z' "$1")"
}

# The tmux key for each binding of the table (`mmhex --keys=raw`: MODE
# KEY COMMAND [edits]), one "MODE CMD TMUXKEY" a line with MODE N, O or S;
# a key tmux has no name for is given as hex bytes (H:1b,5b,...).  Then
# "EDIT CMD -" for each command a read-only session refuses.
KEYS_PY='import sys
names = {"PgUp": "PPage", "PgDn": "NPage", "Esc": "Escape",
    "Backspace": "BSpace", "Delete": "DC", "Insert": "IC",
    "WheelUp": "H:1b,5b,4d,60,21,21", "WheelDown": "H:1b,5b,4d,61,21,21",
    "Space": "H:20", "Ctrl-Home": "C-Home", "Ctrl-End": "C-End"}
modes = {"normal": "N", "overwrite": "O", "select": "S"}
edits = []
for line in sys.stdin:
    w = line.split()
    if w[0] not in modes:
        continue
    key = w[1]
    if key in names:
        t = names[key]
    elif key.startswith("Ctrl-") and len(key) == 6:
        t = "C-" + key[5].lower()
    elif len(key) == 1:
        t = "H:%02x" % ord(key)
    else:
        t = key		# Left, Up, Home, Tab, Enter, F1 ...: the same in tmux
    print(modes[w[0]], w[2], t)
    if w[3:] == ["edits"] and w[2] not in edits:
        edits.append(w[2])
for cmd in edits:
    print("EDIT", cmd, "-")'
mapfile -t table < <("$MMHEX" --keys=raw | python3 -c "$KEYS_PY")
mapfile -t edit_cmds < <(printf '%s\n' "${table[@]}" | awk '$1 == "EDIT" { print $2 }')
expect_eq "editing commands from --keys=raw" yes "$([ ${#edit_cmds[@]} -ge 7 ] && echo yes)"

# send TMUXKEY: a key name, or H:hex,hex,... bytes.
send() {
	case $1 in
	H:*) local IFS=,; tm send-keys -t "$PANE" -H ${1#H:} ;;
	*) keys "$1" ;;
	esac
}

cp "$DATADIR/lorem.txt" "$T/a.txt"
touch -d '2001-02-03 04:05:06.789' "$T/a.txt"
before=$(fingerprint "$T/a.txt")

# ---- Every editing key says read-only ------------------------------------------

start_mmhex -x 80 -y 24 -- -r "$T/a.txt"
expect_status "-r: the session" "a.txt  RO  "
# Something copied first, so that p has a reason to write.
keys v l l y
expect_status "selecting and copying read nothing but the bytes" "copied 3 bytes"
nedit=0
for row in "${table[@]}"; do
	set -- $row
	[ "$1" = N ] || continue
	case " ${edit_cmds[*]} " in
	*" $2 "*) ;;
	*) continue ;;
	esac
	nedit=$((nedit + 1))
	keys C-l
	expect_screen_lacks "before $3" "read-only"
	send "$3"
	expect_status "$3 ($2)" "read-only session"
	expect_screen_lacks "$3: no overwrite mode" "overwrite"
	expect_screen_lacks "$3: no prompt" "fill"
	expect_screen_lacks "$3: no question" "(y/n)"
	expect_status "$3: still read-only" "a.txt  RO  "
done
expect_eq "editing keys tried (R Enter u Ctrl-R w F2 Ctrl-S M p =)" yes \
    "$([ $nedit -ge 10 ] && echo yes)"
expect_eq "nothing changed by the editing keys" "$before" "$(fingerprint "$T/a.txt")"
keys q
expect_exit "q" 0

# ---- Random keys ----------------------------------------------------------------

# One batch of keys per line: tmux key names and H:hex byte groups.  Never
# q or Q, which would end the session the test is watching, nor Ctrl-Z
# (suspend), which would stop it, nor O, which would open another file in
# its place; everything else goes, in every state the keys lead to.  W
# writes the selection to files named by random text: mmhex runs in a
# scratch directory of its own, so they land there.
RANDOM_PY='import random, sys
rnd = random.Random(int(sys.argv[1]))
total = int(sys.argv[2])
table = [w[2] for w in map(str.split, sys.stdin)
    if w[0] in "NOS" and w[1] not in ("suspend", "open")]
table = [k for k in table if k not in ("H:71", "H:51", "H:4f")]
def rbyte(lo, hi):
    while True:
        b = rnd.randint(lo, hi)
        if b not in (0x71, 0x51, 0x1a, 0x4f):
            return b
def hexes(bs):
    return "H:" + ",".join("%02x" % b for b in bs)
n = 0
while n < total:
    batch = []
    for _ in range(rnd.randint(5, 25)):
        r = rnd.random()
        if r < 0.35:
            batch.append(rnd.choice(table)); n += 1
        elif r < 0.55:
            bs = [rbyte(0x20, 0x7e) for _ in range(rnd.randint(1, 8))]
            batch.append(hexes(bs)); n += len(bs)
        elif r < 0.65:
            batch.append(hexes([rbyte(0, 0x1f)])); n += 1
        elif r < 0.70:
            batch.append(hexes([rbyte(0x80, 0xff)])); n += 1
        elif r < 0.75:
            batch.append(hexes([0x1b] + [rbyte(0x20, 0x7e) for _ in range(rnd.randint(1, 4))])); n += 1
        elif r < 0.80:
            batch.append(hexes([0x1b, 0x5b, 0x4d, 0x20, 0x21 + rnd.randint(0, 79), 0x21 + rnd.randint(0, 23)])); n += 1
        elif r < 0.95:
            # A prompt (or a mark), text typed into it, then Enter or Esc.
            batch.append(rnd.choice(["H:67", "H:66", "H:46", "H:2f", "H:3f", "H:6d", "H:27", "H:3d", "Tab"]))
            text = rnd.choice(["0x%x" % rnd.randint(0, 1 << 20), "$-%d" % rnd.randint(0, 999),
                "%d%%" % rnd.randint(0, 120), "(a|b)*+c", "[", "\\\\x", "de ad ?? ef", "lorem",
                "".join(chr(rbyte(0x20, 0x7e)) for _ in range(rnd.randint(0, 12)))])
            if text:
                batch.append(hexes(text.encode()))
            batch.append(rnd.choice(["Enter", "Escape", "BSpace", "Up", "Tab", "Enter"]))
            n += len(text) + 2
        else:
            batch.append("RESIZE:%dx%d" % (rnd.randint(1, 120), rnd.randint(1, 40))); n += 1
    print(" ".join(batch))'
echo "random keys: SEED=$SEED NKEYS=$NKEYS"
mkdir -p "$T/scratch"
cd "$T/scratch" || exit 1
start_mmhex -x 80 -y 24 -- -r "$T/a.txt"
cd - >/dev/null || exit 1
pid=$(mmhex_pid)
expect_eq "mmhex is running" yes "$([ -n "$pid" ] && echo yes)"
sent=0
start=$SECONDS
while read -r -a batch; do
	for k in "${batch[@]}"; do
		case $k in
		RESIZE:*) w=${k#RESIZE:}; resize "${w%x*}" "${w#*x}" ;;
		*) send "$k" ;;
		esac
	done
	sent=$((sent + ${#batch[@]}))
	if ! kill -0 "$pid" 2>/dev/null; then
		fail "mmhex died after $sent sends (SEED=$SEED)"
		screen | tail -5 | sed 's/^/	| /' >&2
		break
	fi
	if [ $((SECONDS - start)) -gt 25 ]; then
		echo "stopping after $sent sends: 25 s"
		break
	fi
done < <(printf '%s\n' "${table[@]}" | python3 -c "$RANDOM_PY" "$SEED" "$NKEYS")
echo "sent $sent batch items in $((SECONDS - start)) s"

# Back to a known state: the size, every prompt, mode and screen closed;
# then a goto prompt with a marker typed into it.  The terminal delivers
# keys in order, so once the marker shows, every random key was handled.
resize 80 24
synced=
for try in 1 2 3; do
	keys Escape Escape Escape
	keys g
	type_text "0x5eed$try"
	if wait_for "goto: 0x5eed$try" 20; then
		synced=yes
		break
	fi
done
checks=$((checks + 1))
[ -n "$synced" ] || fail "no goto prompt after the random keys (SEED=$SEED)"
keys Escape
keys C-l
expect_screen_has "the status line after the random keys" "a.txt  RO  "
expect_eq "still running" yes "$(kill -0 "$pid" 2>/dev/null && echo yes)"
expect_screen_lacks "no exit" "EXITED:"
expect_eq "file unchanged after $NKEYS random keys (SEED=$SEED)" "$before" \
    "$(fingerprint "$T/a.txt")"
expect_same_file "its bytes" "$DATADIR/lorem.txt" "$T/a.txt"
keys q
expect_exit "q after the random keys" 0
expect_eq "file unchanged at the end" "$before" "$(fingerprint "$T/a.txt")"

finish
