/*
 * palette.h - the screen's colours on a dark and on a light background,
 * and how mmhex learns which one the terminal has.
 *
 * Headless: colours are numbers (0-255 as the terminal's palette, or
 * PALETTE_DEFAULT for the terminal's own foreground or background), for
 * the renderer to give to curses.  Each palette comes in two tiers, for
 * terminals with 256 colours and for those with 8 (16 count as 8: their
 * bright colours are the wrong way on a light background).
 *
 * Readable means a contrast ratio of at least PALETTE_MIN_CONTRAST between
 * a colour and what it is drawn on, computed the WCAG way from the RGB
 * that xterm gives the colour numbers (the 6x6x6 cube and the greys of
 * 16-255 are the same everywhere; 0-15 vary between terminals, and xterm's
 * are a fair middle), with bold colours 0-7 drawn as their bright twins
 * (8-15), as most terminals do.  check_palette holds every pair to it.
 */
#ifndef MMHEX_PALETTE_H
#define MMHEX_PALETTE_H

#include <stdbool.h>
#include <stddef.h>

#define PALETTE_DEFAULT		(-1)	/* the terminal's own colour */
#define PALETTE_MIN_CONTRAST	3.0

enum palette_background {
	PALETTE_DARK,
	PALETTE_LIGHT,
};

/* What the palettes colour: the byte classes first, then the marks. */
enum palette_role {
	PAL_NUL,		/* byte 0x00 */
	PAL_PRINT,		/* 0x21-0x7e */
	PAL_SPACE,		/* space, \t \n \v \f \r */
	PAL_CTRL,		/* the other ASCII bytes */
	PAL_HIGH,		/* 0x80-0xff */
	PAL_OFFSET,		/* the offset column */
	PAL_MATCH,		/* a search match */
	PAL_CHANGED,		/* bytes not flushed */
	PAL_ERROR,		/* an error message */
	PAL_SELECT,		/* the selection */
	PAL_QUESTION,		/* a question */
	PAL_DIFFER,		/* bytes that differ from the other file's */
	PAL_NROLES
};

struct palette_color {
	short		 fg;		/* 0-255 or PALETTE_DEFAULT */
	short		 bg;		/* 0-255 or PALETTE_DEFAULT */
	bool		 bold;
};

struct palette_rgb {
	unsigned char	 r, g, b;
};

/* The palette for bg on a terminal with ncolors colours: PAL_NROLES entries. */
const struct palette_color *palette_colors(enum palette_background bg,
	    int ncolors);

/* The role's name, as the tests and the man page call it. */
const char	*palette_role_name(enum palette_role role);

/*
 * The RGB of colour c (0-255 or PALETTE_DEFAULT) as a foreground (fg
 * true) or a background, bold or not, on a terminal whose background is
 * bg: the default background is black or white, the default foreground
 * xterm's light grey or black.
 */
struct palette_rgb palette_rgb(short c, bool fg, bool bold,
	    enum palette_background bg);

/* WCAG contrast ratio of two colours: 1 (the same) to 21 (black, white). */
double		 palette_contrast(struct palette_rgb a, struct palette_rgb b);

/* The background a colour is: light when black text reads better on it. */
enum palette_background palette_of_rgb(struct palette_rgb c);

/*
 * What COLORFGBG ("FG;BG" or "FG;XPM;BG", set by rxvt, Konsole and
 * others) says: the background's colour number 7 or 9-15 is light, 0-6
 * and 8 dark; -1 when it says nothing ("default", empty, not numbers).
 */
int		 palette_parse_colorfgbg(const char *value);

/*
 * The terminal's answers to the background question: OSC 11 ("ESC ] 11 ;
 * rgb:RRRR/GGGG/BBBB" ended by BEL or ESC \, each part 1-4 hex digits)
 * and, after it, the device attributes (DA1, "ESC [ ? ... c"), which
 * every terminal answers.  palette_reply_done() says whether buf holds the
 * DA1 answer: nothing more will come.  palette_parse_osc11() gives the
 * background buf's OSC 11 answer says, or -1 when it holds none.
 */
#define PALETTE_QUERY	"\033]11;?\033\\\033[c"
bool		 palette_reply_done(const char *buf, size_t len);
int		 palette_parse_osc11(const char *buf, size_t len);

#endif
