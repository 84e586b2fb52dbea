# fs.sh - small file systems of our own, to fill up for real.
#
# Sourced after lib.sh (and after or before tmux.sh).  Needs root, or at
# least the right to mount; where mounting is not allowed the test is
# skipped (exit 77, "SKIP: ..." on stderr).
#
#	make_tmpfs SIZE		a tmpfs of SIZE (1M, 512K, ...)
#	make_ext4 SIZE		an ext4 image of SIZE in $T, loop-mounted
#				(no blocks reserved for root: full is full)
#
# Each mounts under $T, prints the mount point and leaves it in $FS_MNT.
# Everything mounted is unmounted (lazily when a process still holds it)
# and its loop device detached on exit, before lib.sh removes $T.  Use
#
#	mnt=$(make_ext4 8M) || exit $?
#
# (a command substitution is a subshell: it cannot end the test itself),
# or call it plainly and read $FS_MNT.

FS_LIST=$T/.fs-mounted		# "mnt DIR" and "loop DEV" lines, in order made
FS_MNT=
fs_n=0

# Undo what FS_LIST says, newest first.
fs_cleanup() {
	[ -f "$FS_LIST" ] || return 0
	tac "$FS_LIST" | while read -r kind what; do
		case $kind in
		mnt)	umount "$what" 2>/dev/null || umount -l "$what" 2>/dev/null ;;
		loop)	losetup -d "$what" 2>/dev/null ;;
		esac
	done
	rm -f "$FS_LIST"
}

# Unmount before lib.sh removes $T.
at_exit fs_cleanup

# fs_skip WHY: the test cannot run here.
fs_skip() {
	echo "SKIP: $*" >&2
	exit 77
}

# fs_dir: a fresh directory under $T to mount on.
fs_dir() {
	fs_n=$((fs_n + 1))
	while [ -e "$T/fs$fs_n" ]; do fs_n=$((fs_n + 1)); done
	mkdir "$T/fs$fs_n" && echo "$T/fs$fs_n"
}

make_tmpfs() {
	local size=$1 dir err
	command -v mount >/dev/null 2>&1 || fs_skip "no mount(8)"
	dir=$(fs_dir) || fs_skip "cannot make a mount point in $T"
	if ! err=$(mount -t tmpfs -o "size=$size,mode=1777" mmhex-test "$dir" 2>&1); then
		fs_skip "mounting a tmpfs is not allowed here: ${err:-mount failed}"
	fi
	echo "mnt $dir" >>"$FS_LIST"
	FS_MNT=$dir
	echo "$dir"
}

make_ext4() {
	local size=$1 dir img dev err
	for tool in mount losetup mkfs.ext4; do
		command -v "$tool" >/dev/null 2>&1 || fs_skip "no $tool"
	done
	dir=$(fs_dir) || fs_skip "cannot make a mount point in $T"
	img=$dir.img
	truncate -s "$size" "$img" || fs_skip "cannot make an image of $size"
	if ! err=$(mkfs.ext4 -q -F -m 0 "$img" 2>&1); then
		fs_skip "mkfs.ext4 failed: $err"
	fi
	if ! dev=$(losetup -f --show "$img" 2>&1); then
		fs_skip "setting up a loop device is not allowed here: $dev"
	fi
	echo "loop $dev" >>"$FS_LIST"
	if ! err=$(mount -t ext4 "$dev" "$dir" 2>&1); then
		fs_skip "mounting an ext4 image is not allowed here: $err"
	fi
	echo "mnt $dir" >>"$FS_LIST"
	chmod 1777 "$dir"
	FS_MNT=$dir
	echo "$dir"
}
