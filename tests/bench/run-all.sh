#!/bin/bash
# run-all.sh - `make bench`: run every tests/bench/bench-*.sh beside this
# script in turn, with BUILDDIR (and any other lib.sh setting) passed on
# from the environment.  A failing benchmark is reported and the others
# still run; the exit status says whether any failed.

set -u
here=$(cd "$(dirname "$0")" && pwd)
export BUILDDIR=${BUILDDIR:-.}
failed=

for script in "$here"/bench-*.sh; do
	[ -e "$script" ] || continue
	echo "=== ${script##*/}"
	if ! bash "$script"; then
		echo "=== ${script##*/} FAILED" >&2
		failed+=" ${script##*/}"
	fi
	echo
done

if [ -n "$failed" ]; then
	echo "run-all: failed:$failed" >&2
	exit 1
fi
