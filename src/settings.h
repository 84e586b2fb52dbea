/*
 * settings.h - the configuration file: $XDG_CONFIG_HOME/mmhex/config, else
 * ~/.config/mmhex/config.  One setting a line, words separated by blanks,
 * '#' at the start of a line for a comment:
 *
 *	session ro|cow|wt		the starting session (-r, -C, -W)
 *	bytes-per-line N|auto		a fixed line width (-b), or fit the terminal
 *	view hex|text			the starting view (-t)
 *	color auto|always|never		colours (--color)
 *	color ELEMENT FG [BG] [ATTR]...	the colour of one element of the screen
 *	background auto|dark|light	the palette: asked of the terminal, or
 *					this one
 *	bind [MODE] KEY COMMAND		KEY runs COMMAND (in MODE, normal if none)
 *	unbind [MODE] KEY		KEY does nothing (in MODE)
 *	undo-keep SIZE			the undo history kept for the next
 *					session: the last SIZE bytes of it
 *					(K, M, G; 0 keeps none; 64M)
 *
 * A line that cannot be used is an error that names the file and the
 * line and is otherwise skipped: the rest of the file still applies.  The
 * command line overrides the file; the caller does that by applying only
 * what the options left unset.
 *
 * Headless: no curses here.  Colours are data (numbers 0-255, or
 * SETTINGS_COLOR_DEFAULT for the terminal's own), for the renderer to use;
 * key bindings are data until settings_apply_keys() gives them to keymap.
 */
#ifndef MMHEX_SETTINGS_H
#define MMHEX_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "keymap.h"
#include "mapping.h"
#include "util.h"

/* The parts of the screen a "color" line can colour. */
enum settings_element {
	SETTINGS_OFFSET,	/* the offset column */
	SETTINGS_NUL,		/* byte 0x00 */
	SETTINGS_PRINTABLE,	/* 0x21-0x7e */
	SETTINGS_WHITESPACE,	/* space, \t \n \v \f \r */
	SETTINGS_ASCII,		/* the other ASCII bytes: controls and DEL */
	SETTINGS_NONASCII,	/* 0x80-0xff */
	SETTINGS_MATCH,		/* bytes of a search match */
	SETTINGS_CHANGED,	/* bytes changed and not flushed */
	SETTINGS_SELECTION,	/* bytes inside the selection */
	SETTINGS_CURSOR,	/* the cursor byte */
	SETTINGS_STATUS,	/* the status line */
	SETTINGS_ERROR,		/* an error message on the status line */
	SETTINGS_QUESTION,	/* a question waiting for its answer */
	SETTINGS_INSPECTOR,	/* the data inspector's labels */
	SETTINGS_NELEMENTS
};

#define SETTINGS_COLOR_DEFAULT	(-1)	/* the terminal's own colour */

/* Attributes a "color" line can add. */
enum {
	SETTINGS_BOLD = 1 << 0,
	SETTINGS_UNDERLINE = 1 << 1,
	SETTINGS_REVERSE = 1 << 2,
	SETTINGS_DIM = 1 << 3,
};

struct settings_color {
	bool		 set;		/* a "color" line named the element */
	short		 fg;		/* 0-255 or SETTINGS_COLOR_DEFAULT */
	short		 bg;		/* 0-255 or SETTINGS_COLOR_DEFAULT */
	unsigned	 attrs;		/* SETTINGS_BOLD | ... */
};

enum settings_when {
	SETTINGS_WHEN_UNSET,		/* no "color auto|always|never" line */
	SETTINGS_WHEN_AUTO,
	SETTINGS_WHEN_ALWAYS,
	SETTINGS_WHEN_NEVER,
};

enum settings_background {
	SETTINGS_BACKGROUND_UNSET,	/* no "background" line */
	SETTINGS_BACKGROUND_AUTO,
	SETTINGS_BACKGROUND_DARK,
	SETTINGS_BACKGROUND_LIGHT,
};

struct settings_binding {
	enum keymap_mode mode;
	int		 key;		/* a byte value or an EK_ code */
	enum command	 cmd;		/* CMD_NONE for "unbind" */
};

struct settings {
	bool		 has_session;	/* a "session" line was read */
	enum session	 session;
	bool		 has_bytes_per_line;
	unsigned	 bytes_per_line; /* 1-LAYOUT_BPL_MAX, 0 for auto */
	bool		 has_view;
	bool		 text_view;
	bool		 has_undo_keep;
	uint64_t	 undo_keep;	/* bytes of undo history kept at the end */
	enum settings_when color_when;
	enum settings_background background;
	struct settings_color colors[SETTINGS_NELEMENTS];
	struct settings_binding *binds;	/* in file order, owned */
	size_t		 nbinds;
	char		**errors;	/* "FILE:LINE: message", owned */
	size_t		 nerrors;
};

/* Nothing set, no errors. */
void	settings_init(struct settings *s);

/* Free what s owns; s is then as after settings_init(). */
void	settings_free(struct settings *s);

/*
 * Apply one line (no newline) to s.  Returns 0 (also for blank lines and
 * comments), or -1 with the reason in *err and s unchanged.
 */
int	settings_parse_line(struct settings *s, const char *line,
	    struct error *err);

/*
 * Apply text (len bytes, lines ending in '\n'; a '\r' before it is
 * ignored) line by line; every line that fails adds "name:N: reason" to
 * s->errors and the next lines still apply.  Returns the number of lines
 * that failed.
 */
size_t	settings_parse(struct settings *s, const char *text, size_t len,
	    const char *name);

/*
 * The configuration file's path: $XDG_CONFIG_HOME/mmhex/config when that
 * variable holds an absolute path, else $HOME/.config/mmhex/config; NULL
 * when neither variable says where.  The caller frees it.
 */
char	*settings_path(void);

/*
 * How path is shown in messages: with $HOME written as "~".  The caller
 * frees it.
 */
char	*settings_display_path(const char *path);

/*
 * Read the file at path into s, as settings_parse() does.  A file that
 * does not exist is no error (returns 0 and changes nothing); one that
 * cannot be read, or is not a regular file (a FIFO would block the start),
 * adds "path: reason" to s->errors.  Returns the number of errors added.
 */
size_t	settings_load(struct settings *s, const char *path);

/* Give the "bind" and "unbind" lines to keymap_bind(), in file order. */
void	settings_apply_keys(const struct settings *s);

/*
 * A fixed line width as "bytes-per-line" and -b take it: a decimal number
 * from 1 to LAYOUT_BPL_MAX, digits only.  0 with *out set, or -1.
 */
int	settings_parse_bpl(const char *w, unsigned *out);

/*
 * "auto", "always" or "never" in any case, as "color" and --color take
 * it.  0 with *out set, or -1.
 */
int	settings_parse_when(const char *w, enum settings_when *out);

/* "offset", "nul", ...; NULL out of range. */
const char *settings_element_name(enum settings_element e);

#endif
