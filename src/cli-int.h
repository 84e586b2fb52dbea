/*
 * cli-int.h - what cli.c (options, modes table, cli_main) and
 * cli-script.c (the scripting modes) share and nothing else may use: the
 * parsed options, the one-line error, and the scripting modes' entry
 * points that cli.c's table of modes points to.
 */
#ifndef MMHEX_CLI_INT_H
#define MMHEX_CLI_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mapping.h"
#include "ui.h"

enum mode {
	MODE_VIEW,		/* interactive, the default */
	MODE_DUMP,
	MODE_FIND,		/* -f text, taken literally */
	MODE_FIND_HEX,
	MODE_REGEX,
	MODE_PATCH,
	MODE_KEYS,		/* print the key bindings */
	MODE_RECOVER,		/* --recover: restore a journal's edits, flush */
	MODE_DIFF,		/* --diff FILE1 FILE2: the runs that differ */
	MODE_MAP,		/* --map: the runs of each kind of data */
};

/* Options that go with some modes only (struct options' mods). */
enum {
	MOD_REVERSE = 1 << 0,
	MOD_COUNT = 1 << 1,
	MOD_NO_SQUEEZE = 1 << 2,
	MOD_LIST = 1 << 3,
};

struct options {
	enum mode	 mode;
	enum session	 session;
	const char	*offset;	/* --offset expression, or NULL */
	const char	*length;	/* --length expression, or NULL */
	struct ui_options view;		/* -g, -b, -t, --color */
	unsigned	 mods;		/* MOD_* given */
	const char	*needle;	/* -f / -x / -e argument */
	struct edit_arg {
		int		 kind;	/* 'p' --patch, 'i' --insert, 'd' --delete */
		const char	*arg;	/* OFFSET:HEX, or OFFSET:LENGTH */
	}		*edits;		/* in the order given */
	size_t		 nedits;
	const char	*path;
	const char	*path2;		/* --diff: the second file */
	/* Given on the command line, so the configuration file keeps off them: */
	bool		 session_given;
	bool		 bpl_given;
	bool		 text_given;
	bool		 color_given;
};

/* cli.c */
int	complain(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* "--patch", "--insert", "--delete" for an edit_arg's kind. */
const char *edit_flag(int kind);

/* cli-edit.c: refuse a file the edits cannot change in place, unopened. */
int	edit_check_target(const struct options *o);

/* cli-script.c: the modes' runs (asked: what --length said, or UINT64_MAX). */
int	script_dump(const struct options *, struct mapping *, uint64_t);
int	script_find(const struct options *, struct mapping *, uint64_t);
int	script_regex(const struct options *, struct mapping *, uint64_t);
int	script_patch(const struct options *, struct mapping *, uint64_t);
int	complain_fault(const struct mapping *m);

/* cli.c: open path for the mode and map the --offset/--length window. */
int	open_window_of(const struct options *o, const char *path,
	    struct mapping *m, uint64_t *asked);

/* cli-diff.c: --diff FILE1 FILE2 (m: FILE1's window). */
int	script_diff(const struct options *, struct mapping *, uint64_t);
int	script_map(const struct options *, struct mapping *, uint64_t);

/* cli-recover.c: --recover FILE, and --recover --list (no file). */
int	script_recover(const struct options *, struct mapping *, uint64_t);
int	script_recover_list(void);

#endif
