/*
 * ui.h - the interactive terminal front end (ncursesw).  It reads keys,
 * hands them to the headless editor core and draws what the core holds;
 * it is the only part of mmhex that includes <curses.h>.
 */
#ifndef MMHEX_UI_H
#define MMHEX_UI_H

#include <stdbool.h>
#include <stdint.h>

#include "mapping.h"

enum ui_color {
	UI_COLOR_AUTO,		/* colours when the terminal has them and NO_COLOR is unset */
	UI_COLOR_ALWAYS,
	UI_COLOR_NEVER,
};

struct ui_options {
	const char	*go_to;		/* -g expression, or NULL */
	unsigned	 bytes_per_line; /* -b N, 0 to fit the terminal */
	bool		 text_view;	/* -t */
	enum ui_color	 color;
	int		 background;	/* PALETTE_DARK, _LIGHT; -1: ask */
	uint64_t	 undo_keep;	/* the configuration's undo-keep */
	enum session	 session;	/* O opens another file as this */
	bool		 insist;	/* ...given on the command line (-W, -C) */
};

/*
 * Run the viewer on an open, mapped window (and m2's, when not NULL: two
 * files compared) until the user quits.  Returns
 * the exit status: 0, or 2 after printing one line "mmhex: ..." (no
 * terminal, unknown TERM, a bad -g expression).  The terminal is restored
 * on every way out, fatal signals included.
 */
int	ui_run(struct mapping *m, struct mapping *m2,
	    const struct ui_options *o);

#endif
