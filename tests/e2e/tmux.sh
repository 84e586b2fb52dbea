# tmux.sh - drive the interactive viewer in a private tmux server.
#
# Sourced after lib.sh by the view_*.sh tests.  Each test gets its own tmux
# server (its own socket), killed on exit, so tests can run in parallel and
# never touch a user's tmux.  mmhex runs inside
#
#	sh -c '"$MMHEX" ARGS...; echo EXITED:$?; exec sleep 3600'
#
# so that after it quits the pane survives and shows what it left behind:
# the exit status, and whatever the shell printed on a restored terminal.
#
# Assertions poll the screen (capture-pane) every 50 ms for up to
# $WAIT_TIMEOUT seconds instead of sleeping: a key's effect is waited for,
# never guessed.

need tmux

# The socket lives in $T, so it goes with it (tmux leaves it behind).
TMUX_SOCKET=$T/tmux.sock
# A wait ends as soon as what it waits for shows, so a long limit costs
# only failing checks; a loaded machine (make -j8 check beside a make -j4
# on 2 cores) must not fail a passing one.
WAIT_TIMEOUT=${WAIT_TIMEOUT:-15}
# Each start_mmhex ends the session before (and waits for its mmhex to be
# gone), then makes a new one; a placeholder session keeps the server from
# ever being empty (it would exit, racing the next start).
SESSION=
PANE=
nsessions=0

tm() {
	tmux -S "$TMUX_SOCKET" -f /dev/null "$@"
}

# Our server goes before lib.sh removes $T (its socket is there).
at_exit 'tm kill-server >/dev/null 2>&1'

# start_mmhex [-x W] [-y H] [-T TERM] [-e VAR=VALUE]... [-i FILE] [-a CMD]
#     [--] ARGS...
# Start mmhex ARGS in a fresh W x H (100 x 30) pane and wait until its first
# frame shows the status line (or until it has exited).  NO_COLOR and
# COLORFGBG are removed from the environment unless given with -e.  -i FILE: standard input comes
# from FILE instead of the terminal.  -a CMD: the pane's shell runs CMD
# after printing EXITED (stty -a: what mmhex left the terminal in).  -w
# REGEX: a first frame may show REGEX instead (a question at the start).
# Journals left by earlier sessions are removed first unless -J.  These
# options come first; use -- before mmhex options that look like them
# (mmhex's own -x, -t).
start_mmhex() {
	local w=100 h=30 term=screen-256color envs=() input= after=
	local first='  (RO|COW|WT)  |EXITED:' keep_journals= oldpid=
	while [ $# -gt 0 ]; do
		case $1 in
		-w) first="$first|$2"; shift 2 ;;
		-J) keep_journals=1; shift ;;
		-x) w=$2; shift 2 ;;
		-y) h=$2; shift 2 ;;
		-T) term=$2; shift 2 ;;
		-e) envs+=("$2"); shift 2 ;;
		-i) input=$2; shift 2 ;;
		-a) after=$2; shift 2 ;;
		--) shift; break ;;
		*) break ;;
		esac
	done
	local old=$SESSION
	# The session before ends first (a hang-up), and its mmhex with it:
	# while it runs it holds its file's journal, and the new one would go
	# read-only.  A placeholder keeps the server from exiting meanwhile.
	if [ -n "$old" ]; then
		tm has-session -t placeholder 2>/dev/null ||
		    tm new-session -d -s placeholder sleep 3600
		oldpid=$(mmhex_pid)
		tm kill-session -t "$old" >/dev/null 2>&1
		local j=0
		while [ -n "$oldpid" ] && kill -0 "$oldpid" 2>/dev/null &&
		    [ $j -lt $((WAIT_TIMEOUT * 20)) ]; do
			sleep 0.05
			j=$((j + 1))
		done
	fi
	# What a session killed with unflushed edits journaled would make the
	# next one ask first; -J keeps it (the tests of the journal).
	[ -n "$keep_journals" ] || rm -rf "${XDG_STATE_HOME:?}/mmhex"
	nsessions=$((nsessions + 1))
	SESSION=mmhex$nsessions
	PANE=$SESSION:0.0
	tm new-session -d -s "$SESSION" -x "$w" -y "$h" -- \
	    env -u NO_COLOR -u COLORFGBG LC_ALL=C.UTF-8 TERM="$term" \
	    MMHEX_STDIN="$input" \
	    MMHEX_AFTER="$after" "${envs[@]}" sh -c 'if [ -n "$MMHEX_STDIN" ]; then
		"$0" "$@" <"$MMHEX_STDIN"; else "$0" "$@"; fi
	    echo "EXITED:$?"; eval "$MMHEX_AFTER"; exec sleep 3600' "$MMHEX" "$@" ||
	    { fail "tmux new-session failed"; return 1; }
	# The session keeps its size even without a client attached.
	tm set-option -t "$SESSION" window-size manual >/dev/null 2>&1
	tm resize-window -t "$SESSION" -x "$w" -y "$h" >/dev/null 2>&1
	local i=0
	while [ $i -lt $((WAIT_TIMEOUT * 20)) ]; do
		screen | grep -qE "$first" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	fail "mmhex did not draw its first frame: $(screen | head -5)"
	return 1
}

# keys KEY...: tmux send-keys (key names like Enter, Escape, PageDown, F1, C-f).
keys() {
	tm send-keys -t "$PANE" "$@"
}

# type_text STRING: send STRING literally, character by character.
type_text() {
	tm send-keys -t "$PANE" -l -- "$1"
}

# screen [-e]: the pane as a person sees it (-e: with colour escapes).
screen() {
	tm capture-pane -p -t "$PANE" "$@" 2>/dev/null
}

# status_line: the last non-empty row, where mmhex keeps its status, then
# the message that did not fit beside it, from the rows above (up to
# three, drawn from the left edge in the status's or the error's colours,
# which no data row starts with), read as one row: "STATUS  MESSAGE".
STATUS_AWK='
# sgr(params): the state after one SGR sequence; only whether the cells
# are reversed or on a background colour matters here.
function sgr(params,    n, a, k, v) {
	n = split(params, a, ";")
	if (n == 0)
		rev = bg = 0
	for (k = 1; k <= n; k++) {
		v = a[k] + 0
		if (v == 0)
			rev = bg = 0
		else if (v == 7)
			rev = 1
		else if (v == 27)
			rev = 0
		else if ((v >= 40 && v <= 47) || (v >= 100 && v <= 107))
			bg = 1
		else if (v == 49)
			bg = 0
		else if (v == 38 || v == 48) {
			if (v == 48)
				bg = 1
			k += a[k + 1] == 5 ? 2 : 4
		}
	}
}
{
	# tmux -e writes a change of attributes once: a row goes on in the
	# state the row before it ended in.
	line = $0
	lead = 1
	shaded[NR] = 0
	while (match(line, /\033\[[0-9;]*m/)) {
		if (RSTART > 1 && lead) {
			shaded[NR] = rev || bg
			lead = 0
		}
		sgr(substr(line, RSTART + 2, RLENGTH - 3))
		line = substr(line, RSTART + RLENGTH)
	}
	if (lead)
		shaded[NR] = rev || bg
	p = $0
	gsub(/\033\[[0-9;]*m/, "", p)
	sub(/ +$/, "", p)
	text[NR] = p
	if (p != "")
		last = NR
}
END {
	if (last == 0)
		exit
	msg = ""
	for (k = last - 1; k >= last - 3 && k >= 1; k--) {
		if (!shaded[k] || text[k] !~ /^ [^ ]/)
			break
		# Broken at a blank, or (no blank) at the edge.
		row = substr(text[k], 2)
		msg = row (msg == "" ? "" : length(row) >= width - 2 ? "" : " ") msg
	}
	printf "%s%s\n", text[last], msg == "" ? "" : "  " msg
}'
status_line() {
	tm capture-pane -p -e -t "$PANE" 2>/dev/null | awk -v width="$(tm \
	    display-message -p -t "$PANE" '#{pane_width}' 2>/dev/null)" \
	    "$STATUS_AWK"
}

# wait_for TEXT [SECONDS]: until TEXT is on screen; 1 when it never shows.
# Rows the terminal wrapped are read joined (-J): a killed mmhex leaves
# the terminal without newline translation, so the shell's lines after it
# go down without going back left, and "EXITED:137" near the right edge
# wraps (seen as "EXITED:1" unjoined).
wait_for() {
	local i=0 n=$(( ${2:-$WAIT_TIMEOUT} * 20 ))
	while [ $i -lt $n ]; do
		screen -J | grep -qF -- "$1" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# wait_gone TEXT [SECONDS]: until TEXT is no longer on screen.
wait_gone() {
	local i=0 n=$(( ${2:-$WAIT_TIMEOUT} * 20 ))
	while [ $i -lt $n ]; do
		screen | grep -qF -- "$1" || return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# expect_screen_has WHAT TEXT: TEXT shows up on screen within the timeout.
expect_screen_has() {
	checks=$((checks + 1))
	if ! wait_for "$2"; then
		fail "$1: [$2] not on screen"
		screen | sed 's/^/	| /' >&2
	fi
}

# expect_screen_lacks WHAT TEXT: TEXT is not (or no longer) on screen.
expect_screen_lacks() {
	checks=$((checks + 1))
	if ! wait_gone "$2"; then
		fail "$1: [$2] still on screen"
		screen | sed 's/^/	| /' >&2
	fi
}

# expect_row WHAT N TEXT: row N (0 = top) of the screen starts with TEXT.
expect_row() {
	local i=0 row
	checks=$((checks + 1))
	while [ $i -lt $((WAIT_TIMEOUT * 20)) ]; do
		row=$(screen | sed -n "$(($2 + 1))p")
		case $row in
		"$3"*) return 0 ;;
		esac
		sleep 0.05
		i=$((i + 1))
	done
	fail "$1: row $2 is [$row], expected it to start with [$3]"
}

# cursor_offset: the cursor's decimal offset from the status line
# (" name  COW  0x0000001c 28 / 915 (3%)  hex ...").
cursor_offset() {
	screen | grep -oE '0x[0-9a-f]+ [0-9]+ / [0-9]+' | tail -1 | awk '{ print $2 }'
}

# expect_offset WHAT N: the status line comes to show the cursor at offset N
# (decimal), and its hex form agrees.
expect_offset() {
	local i=0 seen hex pos
	checks=$((checks + 1))
	while [ $i -lt $((WAIT_TIMEOUT * 20)) ]; do
		# One capture for both forms: the next frame may hide the status.
		pos=$(screen | grep -oE '0x[0-9a-f]+ [0-9]+ / [0-9]+' | tail -1)
		seen=$(awk '{ print $2 }' <<<"$pos")
		if [ "$seen" = "$2" ]; then
			hex=$(awk '{ print $1 }' <<<"$pos")
			[ $((hex)) -eq "$2" ] || fail "$1: status shows $hex for offset $2"
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	fail "$1: cursor at [$seen], expected $2"
	status_line | sed 's/^/	| /' >&2
}

# expect_status WHAT TEXT: the status line comes to contain TEXT.
expect_status() {
	local i=0
	checks=$((checks + 1))
	while [ $i -lt $((WAIT_TIMEOUT * 20)) ]; do
		case $(status_line) in
		*"$2"*) return 0 ;;
		esac
		sleep 0.05
		i=$((i + 1))
	done
	fail "$1: status line [$(status_line)] lacks [$2]"
}

# expect_becomes WHAT WANT COMMAND...: COMMAND's output comes to be WANT.
expect_becomes() {
	local i=0 what=$1 want=$2 got
	shift 2
	checks=$((checks + 1))
	while [ $i -lt $((WAIT_TIMEOUT * 20)) ]; do
		got=$("$@")
		[ "$got" = "$want" ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	fail "$what is [$got], expected [$want]"
}

# expect_status_row WHAT N: the status line comes to be on row N (1 = top),
# as after a resize to N rows.
expect_status_row() {
	local i=0 row
	checks=$((checks + 1))
	while [ $i -lt $((WAIT_TIMEOUT * 20)) ]; do
		row=$(screen | grep -nE '  (RO|COW|WT)  ' | tail -1 | cut -d: -f1)
		[ "$row" = "$2" ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	fail "$1: status line on row [$row], expected $2"
}

# resize W H: resize the window, as a person dragging the terminal would.
resize() {
	tm resize-window -t "$SESSION" -x "$1" -y "$2"
}

# pane_size: "WxH" as tmux has it.
pane_size() {
	tm display-message -p -t "$PANE" '#{pane_width}x#{pane_height}'
}

# expect_exit WHAT STATUS: mmhex has exited with STATUS and the shell
# printed on a restored screen: no alternate screen left, nothing of the
# viewer still drawn.
expect_exit() {
	checks=$((checks + 1))
	if ! wait_for "EXITED:"; then
		fail "$1: mmhex did not exit"
		screen | sed 's/^/	| /' >&2
		return
	fi
	local got
	got=$(screen -J | grep -o 'EXITED:[0-9]*' | tail -1)
	expect_eq "$1: exit status" "EXITED:$2" "$got"
	expect_eq "$1: alternate screen left" 0 \
	    "$(tm display-message -p -t "$PANE" '#{alternate_on}')"
	if screen | grep -qE '  (RO|COW|WT)  '; then
		fail "$1: the viewer's status line is still on screen"
	fi
}

# alive WHAT: mmhex is still running (it did not die of a signal or quit).
alive() {
	checks=$((checks + 1))
	if screen | grep -q 'EXITED:'; then
		fail "$1: mmhex exited: $(screen | grep 'EXITED:')"
	fi
}

# mmhex_pid: the process id of mmhex in the pane (the sh runs it as a child).
mmhex_pid() {
	local sh
	sh=$(tm display-message -p -t "$PANE" '#{pane_pid}')
	[ -n "$sh" ] && pgrep -P "$sh" -x mmhex | head -1
}

# proc_state PID: the process's state letter (R, S, T, Z...), empty once
# it is gone.
proc_state() {
	sed -n 's/^[0-9]* (.*) \(.\).*/\1/p' "/proc/$1/stat" 2>/dev/null
}

# mmhex_stop: stop mmhex (SIGSTOP) and wait until it is stopped.  What is
# done then (the file cut, keys typed) all happens between two of its
# steps, in that order: races made certain, not hoped for.
mmhex_stop() {
	STOPPED=$(mmhex_pid)
	kill -STOP "$STOPPED"
	while case $(proc_state "$STOPPED") in R|S|D) true ;; *) false ;; esac; do
		sleep 0.01
	done
}

# mmhex_cont [N]: once N (default 0) bytes of keys wait in the terminal
# for it (FIONREAD on the pane's tty), let mmhex go on (SIGCONT): it reads
# them before anything else, an idle refresh included.
mmhex_cont() {
	python3 -c 'import fcntl, os, struct, sys, termios, time
fd = os.open(sys.argv[1], os.O_RDONLY | os.O_NOCTTY | os.O_NONBLOCK)
end = time.time() + float(sys.argv[3])
while time.time() < end:
    n = struct.unpack("i", fcntl.ioctl(fd, termios.FIONREAD, b"\0" * 4))[0]
    if n >= int(sys.argv[2]):
        sys.exit(0)
    time.sleep(0.01)
sys.exit(1)' "$(tm display-message -p -t "$PANE" '#{pane_tty}')" "${1:-0}" \
	    "$WAIT_TIMEOUT" || fail "mmhex_cont: the keys never reached the terminal"
	kill -CONT "$STOPPED"
}

# cell ROW COL: the attributes of one cell on screen, from capture-pane -e:
# "bold underline reverse fg=N bg=N" (those present), "plain" for none.
CELL_PY='import re, sys
row, col = int(sys.argv[1]), int(sys.argv[2])
line = sys.stdin.read().split("\n")[row]
st, x, i = {}, 0, 0
names = {1: "bold", 4: "underline", 7: "reverse"}
offs = {22: 1, 24: 4, 27: 7}
while i < len(line):
    m = re.match(r"\x1b\[([0-9;]*)m", line[i:])
    if m:
        ps = [int(p) if p else 0 for p in m.group(1).split(";")]
        k = 0
        while k < len(ps):
            p = ps[k]
            if p == 0: st = {}
            elif p in names: st[names[p]] = ""
            elif p in offs: st.pop(names[offs[p]], None)
            elif p in (38, 48) and k + 2 < len(ps) and ps[k + 1] == 5:
                st["fg" if p == 38 else "bg"] = "=%d" % ps[k + 2]; k += 2
            elif 30 <= p <= 37 or 90 <= p <= 97: st["fg"] = "=%d" % p
            elif 40 <= p <= 47 or 100 <= p <= 107: st["bg"] = "=%d" % p
            elif p == 39: st.pop("fg", None)
            elif p == 49: st.pop("bg", None)
            k += 1
        i += m.end()
        continue
    if x == col:
        break
    x += 1
    i += 1
print(" ".join(sorted(k + v for k, v in st.items())) or "plain")'
cell() {
	screen -e | python3 -c "$CELL_PY" "$1" "$2"
}

# expect_cell WHAT ROW COL PATTERN: the cell's attributes match the
# extended regex PATTERN (waiting for the frame, like the other checks).
expect_cell() {
	local i=0 got
	checks=$((checks + 1))
	while [ $i -lt $((WAIT_TIMEOUT * 20)) ]; do
		got=$(cell "$2" "$3")
		grep -qE -- "$4" <<<"$got" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	fail "$1: cell $2,$3 is [$got], expected [$4]"
}

# At 80 columns a row holds 16 bytes: hex digits of byte i at column
# 11 + 3i (+1 past the eighth), its character at 62 + i.
hex_col() {
	echo $((11 + 3 * $1 + ($1 >= 8 ? 1 : 0)))
}
text_col() {
	echo $((62 + $1))
}

# go EXPR: the goto prompt, EXPR typed, the cursor checked to land there.
go() {
	keys g
	wait_for "goto:" || fail "no goto prompt for $1"
	type_text "$1"
	keys Enter
	expect_offset "g $1" "$(($1))"
}
