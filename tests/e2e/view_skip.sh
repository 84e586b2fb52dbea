#!/bin/bash
# view_skip.sh - } and { in the viewer: } lands on the start of each run
# Python's recomputation of the --map rule finds (filemap_oracle.py), in
# turn, saying what ends and what begins; at the last run it stays and
# says the rest is one kind; { goes back through the same starts.  An
# unflushed edit that changes a block's kind is seen; in a 100 GiB sparse
# file } crosses the hole at once (the hole is not read) and lands on the
# data at the end.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/tmux.sh"
need python3

oracle=$(dirname "$TESTLIB")/filemap_oracle.py
python3 -c 'import os, sys
MiB = 1 << 20
text = (b"The quick brown fox jumps over the lazy dog.\n" * 3000)[:MiB // 8]
open(sys.argv[1], "wb").write(b"\0" * (MiB // 4) + text + os.urandom(MiB // 8) +
    b"\0" * 8192 + b"\xff" * 65536 + b"\0" * 8192 + b"x" * 4096 +
    b"\0" * 8192 + b"short tail")' "$T/img.bin"
mapfile -t starts < <(python3 "$oracle" "$T/img.bin" | awk '{ print $1 }')
mapfile -t kinds < <(python3 "$oracle" "$T/img.bin" | awk '{ print $3 }')
expect_eq "oracle: runs" 9 "${#starts[@]}"

start_mmhex -x 100 -y 24 -- -r "$T/img.bin"
for i in $(seq 1 $((${#starts[@]} - 1))); do
	keys '}'
	expect_offset "} $i: at run $i" "${starts[$i]}"
	expect_status "} $i: says so" "${kinds[$((i - 1))]} until here; ${kinds[$i]} from $(printf '0x%x' "${starts[$i]}")"
done
keys '}'
expect_status "} at the last run: stays" "${kinds[-1]} to the end"
expect_offset "} at the last run: the cursor stays" "${starts[-1]}"
for i in $(seq $((${#starts[@]} - 2)) -1 0); do
	keys '{'
	expect_offset "{ back to run $i" "${starts[$i]}"
done
expect_status "{ at the start" "${kinds[0]} from 0x0, the start"
# From inside a run, { goes to its own start first.
go $((starts[2] + 100))
keys '{'
expect_offset "{ from inside run 2: its start" "${starts[2]}"
keys q
expect_exit "q" 0

# An unflushed edit: a byte typed into the zeros makes that block binary.
cp "$T/img.bin" "$T/edit.bin"
start_mmhex -x 100 -y 24 "$T/edit.bin"
go 0x10000
keys R; type_text 41; keys Escape
go 0
keys '}'
expect_offset "} stops at the edited block" $((0x10000))
expect_status "} : zero until the edit" "zero until here; binary from 0x10000"
keys Q
expect_exit "Q" 0

# 100 GiB sparse: the hole at once, then the data at the end.
truncate -s 100G "$T/sparse.bin"
printf 'tail' | dd of="$T/sparse.bin" bs=1 seek=$(((100 << 30) - 4)) \
    conv=notrunc status=none
start_mmhex -x 100 -y 24 -- -r "$T/sparse.bin"
keys '}'
WAIT_TIMEOUT=5 expect_offset "} across 100 GiB of hole" $(((100 << 30) - 4096))
expect_status "} : zero until the data" "zero until here; binary from 0x18fffff000"
keys q
expect_exit "q" 0

finish
