#!/bin/bash
# mounted.sh - a block device that holds a mounted file system (issue 10,
# item 9): writing under the file system corrupts it, so mmhex opens it
# read-only and says so, unless -W or -C is given on the command line
# (the configuration's "session" does not count).  A loop device over an
# ext4 image; skipped where loop devices or mounting are not allowed.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/tmux.sh"
need cmp hexdump od truncate

skip() {
	echo "SKIP: $*"
	exit 77
}
[ "$(id -u)" -eq 0 ] || skip "needs root for losetup and mount"
for tool in losetup mkfs.ext4 mount umount; do
	command -v "$tool" >/dev/null 2>&1 || skip "$tool not installed"
done

# Whatever happens, unmount and detach before $T goes (the earlier traps).
loop= mounted=
at_exit '[ -n "$mounted" ] && umount "$T/mnt"; [ -n "$loop" ] && losetup -d "$loop"'

truncate -s 8M "$T/img"
mkfs.ext4 -q -F "$T/img" >/dev/null 2>&1 || skip "mkfs.ext4 failed"
loop=$(losetup -f --show "$T/img" 2>/dev/null) || { loop=; skip "losetup not allowed here"; }
mkdir "$T/mnt"
mount "$loop" "$T/mnt" 2>/dev/null || skip "mount not allowed here"
mounted=yes
echo 'a file on the mounted file system' >"$T/mnt/note.txt"
sync
cp "$T/img" "$T/before"

# --patch: refused with the reason, nothing written.
expect_error "--patch on a mounted device" \
    "$loop: block device is mounted: opened read-only (-W or -C writes anyway)" \
    "$MMHEX" --patch 512:41 "$loop"
expect_same_file "--patch refused: the device untouched" "$T/before" "$T/img"
# --insert and --delete change the size, which a device cannot: refused
# before it is opened, even with -W.
expect_error "--insert on a block device" \
    "$loop: a block device keeps its size: --insert cannot change it" \
    "$MMHEX" -W --patch 0:41 --insert 512:41 "$loop"
expect_error "--delete on a block device" \
    "$loop: a block device keeps its size: --delete cannot change it" \
    "$MMHEX" --delete 512:1 "$loop"
expect_same_file "--insert/--delete refused: the device untouched" "$T/before" "$T/img"
# Reading is fine.
expect_eq "-d on a mounted device" "$(hexdump -C -s 1024 -n 64 "$T/img")" \
    "$("$MMHEX" -d -o 1024 -l 64 "$loop")"

# The viewer: read-only, and it says why.
start_mmhex -x 160 "$loop"
expect_status "viewer: read-only" "  RO  "
expect_screen_has "viewer: says it is mounted" "block device is mounted: opened read-only"
keys R
expect_screen_has "viewer: edits refused" "read-only session (block device is mounted"
keys q
expect_exit "viewer: q" 0
expect_same_file "viewer: the device untouched" "$T/before" "$T/img"

# The configuration's session does not count: still read-only.
mkdir -p "$T/cfg/mmhex"
printf 'session wt\n' >"$T/cfg/mmhex/config"
start_mmhex -x 160 -e XDG_CONFIG_HOME="$T/cfg" "$loop"
expect_status "session wt in the config: still read-only" "  RO  "
keys q
expect_exit "config: q" 0

# -C on the command line: copy-on-write as asked, with a warning.
start_mmhex -x 160 -- -C "$loop"
expect_status "-C: copy-on-write" "  COW  "
expect_screen_has "-C: warns" "block device is mounted: writing it can corrupt"
keys Q
expect_exit "-C: Q" 0

# -W --patch: the user insisted; the bytes land (where ext4 keeps nothing).
"$MMHEX" -W --patch 512:41 "$loop"
expect_eq "-W --patch: exit status" 0 $?
expect_eq "-W --patch: written" "41" "$(od -An -tx1 -j 512 -N 1 "$loop" | tr -d ' ')"
"$MMHEX" -W --patch 512:00 "$loop"

# Unmounted, the device opens copy-on-write as any writable file.
umount "$T/mnt" && mounted=
start_mmhex -x 160 "$loop"
expect_status "unmounted: copy-on-write" "  COW  "
expect_screen_lacks "unmounted: no warning" "mounted"
keys q
expect_exit "unmounted: q" 0
"$MMHEX" --patch 512:42 "$loop"
expect_eq "unmounted: --patch works" "42" "$(od -An -tx1 -j 512 -N 1 "$loop" | tr -d ' ')"

finish
