#!/bin/bash
# insert_delete.sh - `--insert OFFSET:HEX`, `--delete OFFSET:LENGTH` and
# `--patch` mixed, against Python: random sequences of edits applied by
# mmhex to the file and by Python to a bytearray, on files of 0 B, 1 B, a
# page - 1, a page, a page + 1, 64 KiB and 256 MiB; afterwards the file is
# byte-identical to Python's and has the same inode (in place: no
# temporary file, no rename).  A flush moves only what lies after the
# first change of size (strace counts the bytes written).  Every bad edit
# writes nothing: exit 2, one line naming the file and the cause.
. "$TESTLIB"
need python3 cmp

# The edits for a file of SIZE bytes, SEED, N of them, as mmhex options
# (one a line) in $T/args, and the file Python makes of FILE in $T/want.
EDITS_PY='import random, sys
src, size, seed, n, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
r = random.Random(seed)
b = bytearray(open(src, "rb").read())
assert len(b) == size
args = []
for _ in range(n):
    k = r.choice("iidp") if b else "i"
    if k == "i":
        off = r.randrange(len(b) + 1)
        data = bytes(r.randrange(256) for _ in range(r.randrange(1, 20)))
        b[off:off] = data
        args.append("--insert=%d:%s" % (off, data.hex()))
    elif k == "d":
        off = r.randrange(len(b))
        ln = r.randrange(1, min(len(b) - off, 5000) + 1)
        del b[off:off + ln]
        args.append("--delete=%d:%d" % (off, ln))
    else:
        off = r.randrange(len(b))
        data = bytes(r.randrange(256) for _ in range(r.randrange(1, min(len(b) - off, 16) + 1)))
        b[off:off + len(data)] = data
        args.append("--patch=%d:%s" % (off, data.hex()))
open(out, "wb").write(b)
print("\n".join(args))'

# edit_like_python WHAT SIZE SEED N: a file of SIZE random bytes, N edits.
edit_like_python() {
	local what=$1 size=$2 seed=$3 n=$4 ino
	head -c "$size" /dev/urandom >"$T/f"
	mapfile -t args < <(python3 -c "$EDITS_PY" "$T/f" "$size" "$seed" "$n" "$T/want")
	ino=$(stat -c %i "$T/f")
	"$MMHEX" "${args[@]}" "$T/f"
	expect_eq "$what: exit status" 0 $?
	expect_same_file "$what: the bytes Python made" "$T/want" "$T/f"
	expect_eq "$what: same inode" "$ino" "$(stat -c %i "$T/f")"
}

for size in 0 1 4095 4096 4097 65536; do
	for seed in 1 2 3; do
		edit_like_python "$size B, seed $seed, 1 edit" "$size" "$seed" 1
		edit_like_python "$size B, seed $seed, 30 edits" "$size" "$seed" 30
	done
done
edit_like_python "64 KiB, 300 edits" 65536 7 300

# Down to nothing, and appending to nothing.
printf 'abc' >"$T/e"
"$MMHEX" --delete=0:3 "$T/e"
expect_eq "deleted down to an empty file" "0" "$(stat -c %s "$T/e")"
"$MMHEX" --insert=0:4142 --insert=2:43 "$T/e"
expect_eq "inserted into an empty file, then appended (offset = size)" \
    "ABC" "$(cat "$T/e")"
"$MMHEX" --insert='$+1:44' --delete='$-1:1' "$T/e"
expect_eq "\$+1 appends; \$ is the last byte of the file as it is then" \
    "ABD" "$(cat "$T/e")"

# ---- 256 MiB: an insert at 0 moves the file once, a delete near the end
# moves only the bytes after it -------------------------------------------

big=$T/big
python3 -c 'import sys
with open(sys.argv[1], "wb") as f:
    for i in range(256):
        f.write(bytes([i]) * (1 << 20))' "$big"
ino=$(stat -c %i "$big")
count_written() {
	# The sum of the calls' results to the file (not its journal's).
	written_to "$1" "$(realpath "$big")"
}
if command -v strace >/dev/null 2>&1; then
	traced "$T/trace" pwrite64 "$MMHEX" --insert=0:ff "$big"
	expect_eq "256 MiB insert at 0: exit status" 0 $?
	expect_eq "256 MiB insert at 0: the file written once, plus the byte" \
	    $(( (256 << 20) + 1 )) "$(count_written "$T/trace")"
	traced "$T/trace" pwrite64 "$MMHEX" \
	    --delete=$(( (255 << 20) + 1 )):4096 "$big"
	expect_eq "256 MiB delete in the last MiB: only the bytes after it moved" \
	    $(( (1 << 20) - 4096 )) "$(count_written "$T/trace")"
else
	echo "# no strace: the bytes written are not counted"
	"$MMHEX" --insert=0:ff "$big" &&
	    "$MMHEX" --delete=$(( (255 << 20) + 1 )):4096 "$big"
	expect_eq "256 MiB edits: exit status" 0 $?
fi
expect_eq "256 MiB: the size" $(( (256 << 20) + 1 - 4096 )) "$(stat -c %s "$big")"
expect_eq "256 MiB: same inode" "$ino" "$(stat -c %i "$big")"
got=$(python3 -c 'import sys
b = open(sys.argv[1], "rb").read()
want = b"\xff" + b"".join(bytes([i]) * (1 << 20) for i in range(256))
cut = (255 << 20) + 1
want = want[:cut] + want[cut + 4096:]
print("same" if b == want else "differs at %d" % next(i for i in range(min(len(b), len(want))) if b[i] != want[i]))' "$big")
expect_eq "256 MiB: the bytes Python made" same "$got"
rm -f "$big"

# ---- Bad edits write nothing --------------------------------------------------

cp "$DATADIR/lorem.txt" "$T/l.txt"
size=$(stat -c %s "$T/l.txt")
refused() {
	local what=$1 want=$2; shift 2
	expect_error "$what" "$want" "$MMHEX" "$@" "$T/l.txt"
	expect_same_file "$what: file unchanged" "$DATADIR/lorem.txt" "$T/l.txt"
}
refused "insert past the end" "$T/l.txt: --insert '$((size + 1)):41': " \
    --insert=$((size + 1)):41
refused "a later edit past the end the earlier ones left" \
    "--insert '$size:41': offset" --delete=0:1 --insert=$size:41
refused "delete past the end" "go past the end of the file ($((size + 1)) bytes)" \
    --insert=0:41 --delete=$((size - 2)):4
refused "delete nothing" "nothing to delete" --delete=3:0
refused "bad length" "LENGTH: " --delete=3:zz
refused "bad hex" "position 1" --insert=0:4z
refused "wildcard" "any byte" --insert=0:??
refused "no colon" "expected OFFSET:LENGTH" --delete=3
refused "read-only" "--insert writes the file: it cannot be used with --read-only" \
    -r --insert=0:41
refused "a window" "it works on the whole file" -o 16 --delete=0:1
refused "with a scan" "--delete and --find cannot be used together" \
    --delete=0:1 -f x

# Not a file to change in place: refused before it is opened (a FIFO's
# open would wait for a writer).
mkfifo "$T/fifo"
expect_error "a FIFO" "$T/fifo: not a regular file: --insert changes a file in place" \
    timeout 10 "$MMHEX" --insert=0:41 "$T/fifo"
expect_error "--patch on a FIFO" "$T/fifo: not a regular file: --patch changes" \
    timeout 10 "$MMHEX" --patch=0:41 "$T/fifo"
expect_error "a directory" "$T: not a regular file: --delete changes" \
    "$MMHEX" --delete=0:1 "$T"
expect_error "standard input" "-: --insert changes a file in place, not standard input" \
    "$MMHEX" --insert=0:41 - </dev/null

finish
