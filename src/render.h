/*
 * render.h - one frame of the viewer drawn from the editor's state into
 * ncurses' virtual screen (stdscr).  Nothing reaches the terminal until the
 * caller's one doupdate(), so a frame never flickers.
 *
 * Only the visible rows are drawn, straight from the mapping: a frame
 * costs O(screen) whatever the size of the file.  The only memory kept is
 * the help text and a buffer of the matches on screen.
 */
#ifndef MMHEX_RENDER_H
#define MMHEX_RENDER_H

#include <stdbool.h>

#include "editor.h"
#include "palette.h"
#include "settings.h"

/* Smallest terminal a frame is drawn on; smaller ones get a short note. */
#define RENDER_MIN_COLS	20
#define RENDER_MIN_ROWS	3

/*
 * Set up the attributes for byte classes, matches, changed (unflushed)
 * bytes, the selection, cursor, status line and questions:
 * colour pairs when color, else monochrome attributes only (reverse,
 * bold, underline).  The colours are background's palette (palette.h),
 * or the dark one where the terminal's own background cannot be used.
 * Call once after the terminal is in curses mode.
 */
void	render_init(bool color, enum palette_background background);

/*
 * The configuration file's colours (SETTINGS_NELEMENTS entries, those
 * with .set replace the defaults) for render_init() to use when colours
 * are on; NULL for the defaults.  The table must stay valid while
 * render_init() may be called.
 */
void	render_set_colors(const struct settings_color *colors);

/* Free what render_init() and the frames kept. */
void	render_fini(void);

/* Draw the whole frame for ed into stdscr (no output yet). */
void	render_frame(struct editor *ed);

/*
 * Where one of two files is drawn: the screen row and column of its
 * first data row, its rows and columns, and the columns of its lines it
 * does not draw (skip: side by side, the right one shares the left one's
 * offset column).  The row above y is the pane's title.
 */
struct render_pane {
	int	 y, x, rows, cols, skip;
};

/*
 * Two files compared: each in its pane (its bytes that differ from the
 * other's highlighted), under a title naming it, focus's brighter; the
 * status line is focus's, with the other file and whether the files
 * differ on screen and in size.
 */
void	render_pair(struct editor *eds[2], int focus,
	    const struct render_pane p[2]);

/*
 * The rows above the status line ed's message needs on this screen (0 when
 * it fits beside the status): give them to editor_set_msg_rows() before
 * the frame is drawn.
 */
int	render_msg_rows(const struct editor *ed);

/*
 * Redraw only the status line with note in place of the message (search
 * progress) into stdscr.
 */
void	render_status_note(const struct editor *ed, const char *note);

#endif
