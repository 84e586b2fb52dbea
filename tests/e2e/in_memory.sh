#!/bin/bash
# in_memory.sh - inputs that are read into memory rather than mapped
# (issue 10, items 6-8): endless ones stop at 64 MiB unless --length says
# more; what lies before --offset is skipped, not kept; /proc/PID/mem is
# read at the offset; /sys files, which cannot be mapped, are read; a
# device that would block never hangs, nor does a configuration file that
# is a FIFO.  Every run has a time and a memory bound, so a regression
# fails here instead of hanging or eating the machine's memory.
. "$TESTLIB"
need hexdump python3 timeout truncate mkfifo

MIB=$((1 << 20))

# bounded MAX_MIB INPUT CMD...: run CMD with standard input from INPUT
# (stdout to $T/out, stderr to $T/err, exit status in $rc) for at most
# 10 s, and kill it as soon as its resident memory passes MAX_MIB; either
# is a failure.
bounded() {
	local max=$1 in=$2 pid rss peak=0 t=0
	shift 2
	"$@" <"$in" >"$T/out" 2>"$T/err" &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
		[ -n "$rss" ] && [ "$rss" -gt "$peak" ] && peak=$rss
		if [ "${rss:-0}" -gt $((max * 1024)) ] || [ $t -ge 200 ]; then
			kill -9 "$pid" 2>/dev/null
			wait "$pid" 2>/dev/null
			rc=137
			checks=$((checks + 1))
			fail "$* killed: ${peak} KiB resident, $((t / 20)) s"
			return
		fi
		sleep 0.05
		t=$((t + 1))
	done
	wait "$pid"
	rc=$?
}

# ---- item 6: standard input that never ends stops at 64 MiB ----------------

head -c $((64 * MIB)) /dev/zero | hexdump -C >"$T/zeros64"
bounded 512 /dev/zero "$MMHEX" -d -
expect_eq "stdin /dev/zero: exit status" 0 "$rc"
expect_same_file "stdin /dev/zero: the first 64 MiB, as hexdump" "$T/zeros64" "$T/out"
expect_eq "stdin /dev/zero: says where it stopped" \
    "mmhex: -: stopped after its first 64 MiB (--length reads more)" "$(cat "$T/err")"
bounded 512 <(yes) "$MMHEX" -d -
expect_eq "yes |: exit status" 0 "$rc"
expect_eq "yes |: the first 64 MiB" "$(yes | head -c $((64 * MIB)) | hexdump -C)" \
    "$(cat "$T/out")"
expect_eq "yes |: says so" 1 "$(grep -c 'stopped after its first 64 MiB' "$T/err")"
bounded 512 <(yes) "$MMHEX" -f x -
expect_eq "yes | -f x: no match, exit 1" 1 "$rc"
# --length bounds it, and lets more be read.
bounded 512 /dev/zero "$MMHEX" -d -l 100M -
expect_eq "stdin -l 100M: exit status" 0 "$rc"
expect_eq "stdin -l 100M: all of it" "$(head -c $((100 * MIB)) /dev/zero | hexdump -C)" \
    "$(cat "$T/out")"
expect_eq "stdin -l 100M: nothing to say" "" "$(cat "$T/err")"
# Exactly 64 MiB is all there is: nothing was cut.
bounded 512 <(head -c $((64 * MIB)) /dev/zero) "$MMHEX" -d -
expect_same_file "stdin of exactly 64 MiB" "$T/zeros64" "$T/out"
expect_eq "stdin of exactly 64 MiB: nothing was cut" "" "$(cat "$T/err")"
# A regular file on standard input has an end: no cap.
truncate -s $((65 * MIB)) "$T/sparse65"
bounded 512 "$T/sparse65" "$MMHEX" -d -
expect_eq "stdin regular 65 MiB: all of it" "$(hexdump -C "$T/sparse65")" "$(cat "$T/out")"
expect_eq "stdin regular 65 MiB: nothing cut" "" "$(cat "$T/err")"

# ---- item 7: skip to the offset without keeping what is skipped ------------

truncate -s $((1024 * MIB + 16)) "$T/sparse1g"
want=$(hexdump -C -s 1G -n 16 "$T/sparse1g")
bounded 256 /dev/null "$MMHEX" -d -o 1G -l 16 /dev/zero
expect_eq "/dev/zero -o 1G -l 16: exit status" 0 "$rc"
expect_eq "/dev/zero -o 1G -l 16: offsets absolute" "$want" "$(cat "$T/out")"
bounded 256 /dev/zero "$MMHEX" -d -o 1G -l 16 -
expect_eq "stdin /dev/zero -o 1G -l 16" "$want" "$(cat "$T/out")"
bounded 256 <(head -c $((1024 * MIB + 16)) /dev/zero) "$MMHEX" -d -o 1G -l 16 -
expect_eq "pipe -o 1G -l 16: read and dropped" "$want" "$(cat "$T/out")"
bounded 256 "$T/sparse1g" "$MMHEX" -d -o 1G -l 16 -
expect_eq "stdin regular -o 1G -l 16: seeked" "$want" "$(cat "$T/out")"
# Standard input that is a regular file starts where it stands.
printf '0123456789abcdef' >"$T/sixteen"
printf '456789abcdef' >"$T/twelve"
expect_eq "stdin moved on: offsets from where it stands" \
    "$(hexdump -C -s 2 "$T/twelve")" \
    "$({ head -c 4 >/dev/null; "$MMHEX" -d -o 2 -; } <"$T/sixteen")"
# Skipping then searching: the offsets are absolute.
expect_eq "pipe -o 1M -f: absolute offset" $((MIB + 10)) \
    "$({ head -c $((MIB + 10)) /dev/zero; printf 'NEEDLE'; } | "$MMHEX" -o 1M -f NEEDLE -)"
expect_eq "pipe -o past the match: none" "" \
    "$({ head -c 100 /dev/zero; printf 'NEEDLE'; } | "$MMHEX" -o 101 -f NEEDLE -)"
# An offset past the end of a pipe: the other modes refuse it.
expect_error "pipe -o past its end" "offset 0x64 is past the end (at most 0x6)" \
    sh -c 'printf NEEDLE | "$1" -o 100 -f N -' sh "$MMHEX"

# /proc/PID/mem has nothing at 0: reading starts at the offset.
# Killed below: it must outlive the checks, however slow the machine.
sleep 3600 &
sleeper=$!
addr=$(awk -F- 'NR == 1 { print $1 }' "/proc/$sleeper/maps")
if python3 -c 'import os, sys; os.pread(os.open(sys.argv[1], os.O_RDONLY), 64, int(sys.argv[2], 16))' \
    "/proc/$sleeper/mem" "$addr" 2>/dev/null; then
	python3 -c 'import os, sys
sys.stdout.buffer.write(os.pread(os.open(sys.argv[1], os.O_RDONLY), 64, int(sys.argv[2], 16)))' \
	    "/proc/$sleeper/mem" "$addr" >"$T/mem"
	bounded 256 /dev/null "$MMHEX" -d -o "0x$addr" -l 64 "/proc/$sleeper/mem"
	expect_eq "/proc/PID/mem -o ADDR: exit status ($(cat "$T/err"))" 0 "$rc"
	# hexdump of the same bytes, its offsets moved to ADDR.
	expect_eq "/proc/PID/mem -o ADDR: the bytes there" \
	    "$(hexdump -C "$T/mem" | python3 -c 'import sys
base = int(sys.argv[1], 16)
for line in sys.stdin:
    off, sep, rest = line.rstrip("\n").partition("  ")
    print("%08x" % (int(off, 16) + base) + sep + rest)' "$addr")" "$(cat "$T/out")"
	bounded 256 /dev/null "$MMHEX" -x '7f 45 4c 46' -o "0x$addr" -l 64 "/proc/$sleeper/mem"
	expect_eq "/proc/PID/mem: the ELF header found at ADDR" "$((16#$addr))" "$(cat "$T/out")"
else
	echo "SKIP (/proc/PID/mem): cannot read another process's memory here"
fi
kill "$sleeper" 2>/dev/null
wait "$sleeper" 2>/dev/null

# /sys files claim 4096 bytes and cannot be mapped: read into memory.
sysfile=
for f in /sys/kernel/mm/transparent_hugepage/enabled /sys/devices/system/cpu/online \
    /sys/devices/system/cpu/possible /sys/kernel/profiling; do
	if [ -r "$f" ] && [ -s "$f" ] && cat "$f" >/dev/null 2>&1; then
		sysfile=$f
		break
	fi
done
if [ -n "$sysfile" ]; then
	cat "$sysfile" >"$T/sys"
	bounded 256 /dev/null "$MMHEX" -d "$sysfile"
	expect_eq "$sysfile: exit status ($(cat "$T/err"))" 0 "$rc"
	expect_eq "$sysfile: its bytes" "$(hexdump -C "$T/sys")" "$(cat "$T/out")"
	bounded 256 /dev/null "$MMHEX" -d -o 2 "$sysfile"
	expect_eq "$sysfile -o 2" "$(hexdump -C -s 2 "$T/sys")" "$(cat "$T/out")"
	bounded 256 /dev/null "$MMHEX" -d -o 100 "$sysfile"
	expect_eq "$sysfile -o past its end: where it ends" \
	    "$(hexdump -C -s 100 "$T/sys")" "$(cat "$T/out")"
	bounded 256 /dev/null "$MMHEX" -d -o '$' "$sysfile"
	expect_eq "$sysfile -o \$" "$(hexdump -C -s $(($(wc -c <"$T/sys") - 1)) "$T/sys")" \
	    "$(cat "$T/out")"
else
	echo "SKIP (/sys): no readable sysfs file"
fi

# ---- item 8: nothing blocks: a device with nothing to give, a FIFO config ----

if [ -c /dev/ptmx ]; then
	bounded 64 /dev/null timeout 8 "$MMHEX" -d /dev/ptmx
	expect_eq "/dev/ptmx -d: exit status" 0 "$rc"
	expect_eq "/dev/ptmx -d: nothing to dump" "" "$(cat "$T/out")"
	bounded 64 /dev/null timeout 8 "$MMHEX" -f x /dev/ptmx
	expect_eq "/dev/ptmx -f: no match" 1 "$rc"
	bounded 64 /dev/null timeout 8 "$MMHEX" -d -o 5 /dev/ptmx
	expect_eq "/dev/ptmx -d -o 5: exit status" 0 "$rc"
fi

# A configuration file that is a FIFO is refused, and the start goes on.
mkdir -p "$T/cfg/mmhex"
mkfifo "$T/cfg/mmhex/config"
XDG_CONFIG_HOME=$T/cfg bounded 64 /dev/null timeout 8 "$MMHEX" --keys
expect_eq "FIFO config: --keys exit status" 0 "$rc"
expect_eq "FIFO config: one line naming it" \
    "mmhex: $T/cfg/mmhex/config: not a regular file" "$(cat "$T/err")"
checks=$((checks + 1))
grep -q 'goto' "$T/out" || fail "FIFO config: --keys printed no keys"
# So is a device.
rm "$T/cfg/mmhex/config"
ln -s /dev/zero "$T/cfg/mmhex/config"
XDG_CONFIG_HOME=$T/cfg bounded 64 /dev/null timeout 8 "$MMHEX" --keys
expect_eq "/dev/zero config: --keys exit status" 0 "$rc"
expect_eq "/dev/zero config: one line naming it" \
    "mmhex: $T/cfg/mmhex/config: not a regular file" "$(cat "$T/err")"
# The viewer starts too, the message printed before its screen.
rm "$T/cfg/mmhex/config"
mkfifo "$T/cfg/mmhex/config"
XDG_CONFIG_HOME=$T/cfg TERM= bounded 64 /dev/null timeout 8 "$MMHEX" "$T/sixteen"
expect_eq "FIFO config: the viewer gets to its own error" \
    "mmhex: $T/cfg/mmhex/config: not a regular file
mmhex: not a terminal: TERM is not set" "$(cat "$T/err")"

finish
