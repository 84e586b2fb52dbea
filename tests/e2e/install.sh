#!/bin/bash
# install.sh - `make install` as a packager runs it: into DESTDIR, and
# again with prefix= given to make.  Every file expected is where it
# belongs and nothing else is installed; the installed binary answers
# --version and --help; the installed man page renders; the installed
# bash completion completes; `make uninstall` leaves no file behind.
#
# It runs make on the build tree this test belongs to ($BUILDDIR, set by
# Makefile.am), which `make check` has already built.
. "$TESTLIB"
: "${BUILDDIR:?BUILDDIR must name the build tree}"
need make

# mk TARGET VAR=VALUE...: make on the build tree, quietly; a failure is
# shown with make's own output.
mk() {
	if ! make -s -C "$BUILDDIR" "$@" >"$T/make.log" 2>&1; then
		fail "make $*"
		sed 's/^/	| /' "$T/make.log" >&2
		return 1
	fi
}

# makevar NAME: a variable of the build tree's Makefile, ${...} expanded
# from the ones read before it.
makevar() {
	local v
	v=$(sed -n "s/^$1 = //p" "$BUILDDIR/Makefile" | head -1)
	eval "printf '%s\n' \"$v\""
}
PACKAGE_TARNAME=$(makevar PACKAGE_TARNAME)
prefix=$(makevar prefix)

# set_dirs PREFIX: the installation directories for PREFIX, as the
# Makefile has them (bindir, mandir, docdir, bashcompletiondir).
set_dirs() {
	local prefix=$1 exec_prefix datarootdir datadir
	exec_prefix=$(makevar exec_prefix)
	bindir=$(makevar bindir)
	datarootdir=$(makevar datarootdir)
	datadir=$(makevar datadir)
	docdir=$(makevar docdir)
	mandir=$(makevar mandir)
	bashcompletiondir=$(makevar bashcompletiondir)
}

# installed_files DIR: every file and symbolic link under DIR, with DIR
# taken off the front, sorted.
installed_files() {
	(cd "$1" && find . \( -type f -o -type l \) | sed 's/^\.//' | sort)
}

# check_tree WHAT ROOT PREFIX: an installation with prefix PREFIX made
# into DESTDIR ROOT (empty: no DESTDIR) holds exactly the files expected,
# and they work.
check_tree() {
	local what=$1 root=$2 pfx=$3 want got bin exdir compdir
	set_dirs "$pfx"
	want=$(printf '%s\n' "$bindir/mmhex" "$mandir/man1/mmhex.1" \
	    "$docdir/README" "$docdir/ARCHITECTURE.md" \
	    "$docdir/examples/mmhexrc" "$bashcompletiondir/mmhex" | sort)
	if [ -n "$root" ]; then
		got=$(installed_files "$root")
	else
		# Everything must be under the prefix.
		got=$(installed_files "$pfx" | sed "s|^|$pfx|")
	fi
	expect_eq "$what: the files installed" "$want" "$got"
	bin=$root$bindir/mmhex
	mandir=$root$mandir
	exdir=$root$docdir/examples
	compdir=$root$bashcompletiondir
	case $bashcompletiondir in
	"$pfx"/*) checks=$((checks + 1)) ;;
	*) fail "$what: completion dir $bashcompletiondir is outside the prefix $pfx" ;;
	esac

	checks=$((checks + 1))
	[ -x "$bin" ] || fail "$what: $bin is not executable"
	expect_eq "$what: installed --version" "$("$MMHEX" --version)" \
	    "$("$bin" --version)"
	expect_eq "$what: --version names the package" "mmhex $(makevar PACKAGE_VERSION)" \
	    "$("$bin" --version)"
	expect_eq "$what: installed --help" "$("$MMHEX" --help)" "$("$bin" --help)"
	"$bin" --help | head -1 | grep -q '^Usage: mmhex ' ||
	    fail "$what: --help does not start with the usage"
	# The installed binary works on a file, not only on options.
	expect_eq "$what: installed binary finds" "6" \
	    "$("$bin" -f ipsum "$DATADIR/lorem.txt" | head -1)"

	expect_same_file "$what: man page" "$DATADIR/../doc/mmhex.1" \
	    "$mandir/man1/mmhex.1"
	expect_same_file "$what: example config" "$DATADIR/mmhexrc" \
	    "$exdir/mmhexrc"
	expect_same_file "$what: bash completion" \
	    "$DATADIR/bash-completion/mmhex" "$compdir/mmhex"
	# The example configuration is one mmhex reads without an error.
	mkdir -p "$T/xdg/mmhex"
	sed 's/^#\([a-z]\)/\1/' "$exdir/mmhexrc" >"$T/xdg/mmhex/config"
	expect_eq "$what: the example config, every line uncommented, is clean" "" \
	    "$(XDG_CONFIG_HOME=$T/xdg "$bin" --keys 2>&1 >/dev/null)"
	if command -v groff >/dev/null 2>&1; then
		expect_eq "$what: installed man page renders without a warning" "" \
		    "$(groff -ww -z -man "$mandir/man1/mmhex.1" 2>&1)"
	fi
	if command -v man >/dev/null 2>&1; then
		MANWIDTH=80 man -l "$mandir/man1/mmhex.1" >"$T/man.txt" 2>"$T/man.err"
		expect_eq "$what: man -l exit status" 0 $?
		grep -q 'hex and text viewer' "$T/man.txt" ||
		    fail "$what: man -l shows no NAME line"
	fi
	check_completion "$what" "$compdir/mmhex"
}

# check_completion WHAT FILE: the completion, loaded into bash, offers
# the long options and the --color values.  bash-completion's helpers are
# used when installed, else minimal stand-ins for them.
check_completion() {
	local what=$1 file=$2 got
	got=$(bash -c '
		bc=/usr/share/bash-completion/bash_completion
		if [ -r "$bc" ]; then
			. "$bc"
		else
			_init_completion() {
				cur=${COMP_WORDS[COMP_CWORD]}
				prev=${COMP_WORDS[COMP_CWORD-1]}
				words=("${COMP_WORDS[@]}") cword=$COMP_CWORD
				split=false
			}
			_filedir() { COMPREPLY=(); }
			compopt() { :; }
		fi
		. "$1"
		try() {
			COMP_WORDS=("$@") COMP_CWORD=$(($# - 1))
			COMP_LINE="$*" COMP_POINT=${#COMP_LINE}
			COMPREPLY=()
			_mmhex mmhex "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
			printf "%s\n" "${COMPREPLY[*]}"
		}
		try mmhex --read
		try mmhex --color ""
		try mmhex --ke
		try mmhex -r --wr
	' sh "$file" 2>&1)
	expect_eq "$what: bash completion" "--read-only
auto always never
--keys
--write-through" "$got"
}

# ---- make install DESTDIR=... ------------------------------------------------

root=$T/root
mk install DESTDIR="$root" || finish
check_tree "DESTDIR" "$root" "$prefix"
mk uninstall DESTDIR="$root" || finish
expect_eq "uninstall DESTDIR: no file left" "" "$(installed_files "$root")"

# ---- make install prefix=... (another prefix, no DESTDIR) --------------------

pfx=$T/prefix
mk install prefix="$pfx" || finish
check_tree "prefix" "" "$pfx"
mk uninstall prefix="$pfx" || finish
expect_eq "uninstall prefix: no file left" "" "$(installed_files "$pfx")"

finish
