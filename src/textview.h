/*
 * textview.h - the text (line) view: the window as lines, like less.
 *
 * Lines end after each '\n'.  A line wider than the screen is wrapped
 * into display rows; a row always holds at least one byte.  Each byte is
 * one cell whose glyph and width depend only on the byte, the byte after
 * it and its column in the row, so cursor <-> column is exact:
 *
 *	0x20-0x7e	itself				1 column
 *	'\n'		a blank (ends the line)		1 column
 *	'\t'		blanks to the next multiple of 8 of the row column
 *	'\r' before '\n'  a blank (CRLF lines look like LF lines)  1 column
 *	other 0x00-0x1f	^@ ^A ... ^_ (so a lone CR is ^M)	2 columns
 *	0x7f		^?				2 columns
 *	0x80-0xff	<XX>, two upper-case hex digits	4 columns
 *
 * With textview_set_utf8(true) (a UTF-8 locale), a valid UTF-8 sequence
 * of 2-4 bytes (no overlong forms, no surrogates, at most U+10FFFF) whose
 * character wcwidth() gives 1 or 2 columns is that character, drawn on
 * its first byte; its other bytes take no column (width 0, no glyph), so
 * they always stay in the row of the first.  Anything else, and a
 * sequence that would cross an anchor (below), is escaped byte by byte
 * as above.
 *
 * Wrapping: a row ends before the first cell that would pass the width,
 * except that a '\n' always joins its row, even a full one (its cell is
 * then at x == width: not drawn, the UI shows the cursor on the last
 * column), so a line exactly as wide as the screen takes one row, as in
 * less.  A cell wider than the whole width sits alone in its row (drawn
 * clipped).
 *
 * Bounded cost: a line is also broken at every multiple of
 * TEXTVIEW_ANCHOR (64 KiB) of the window offset, as if a newline were
 * there.  So finding where the row holding an offset starts searches back
 * at most 64 KiB for a '\n' and wraps at most 64 KiB forward: a file with
 * no newline for gigabytes costs the same as a short line.  The price is
 * a short row at each 64 KiB boundary inside a very long line.
 *
 * All offsets are window offsets into the bytes b reads (bytes.h):
 * [0, b->size).
 */
#ifndef MMHEX_TEXTVIEW_H
#define MMHEX_TEXTVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "bytes.h"

#define TEXTVIEW_ANCHOR	((size_t)64 << 10)

/* Draw UTF-8 sequences as their characters (off by default). */
void	textview_set_utf8(bool on);

/* Tab stops every TEXTVIEW_TAB columns of a row. */
#define TEXTVIEW_TAB	8

/* The longest glyph textview_cell() writes, NUL included. */
#define TEXTVIEW_GLYPH_MAX	9

/*
 * The cell of byte off when it is drawn at column col of its row: writes
 * its glyph (NUL-terminated, at most TEXTVIEW_GLYPH_MAX bytes with the NUL)
 * to glyph if not NULL, and returns its width in columns: >= 1, or 0 (an
 * empty glyph) for the second to last bytes of a UTF-8 character.
 */
int	textview_cell(struct bytes *b, size_t off,
	    int col, char *glyph);

/*
 * End (exclusive) of the display row that starts at start (< size), for a
 * screen width columns wide (width < 1 is taken as 1).
 */
size_t	textview_row_end(struct bytes *b, size_t start,
	    int width);

/* Start of the display row holding off (< size). */
size_t	textview_row_start(struct bytes *b, size_t off,
	    int width);

/*
 * The row after / before the row starting at start: returns true with
 * *next or *prev set, false at the end / start of the window.
 */
bool	textview_next_row(struct bytes *b, size_t start,
	    int width, size_t *next);
bool	textview_prev_row(struct bytes *b, size_t start,
	    int width, size_t *prev);

/*
 * Column of byte off in the row starting at row_start (off in that row);
 * a UTF-8 character's later bytes give its first byte's column.
 * The '\n' of a full row gives width, also after a lone cell wider than
 * the row.
 */
int	textview_col(struct bytes *b, size_t row_start,
	    size_t off, int width);

/*
 * The byte whose cell covers column x in the row starting at row_start;
 * a column past the row's last cell, or at or past width, gives the row's
 * last byte (so textview_hit(textview_col(off)) is off).
 */
size_t	textview_hit(struct bytes *b, size_t row_start,
	    int x, int width);

/*
 * The top row start that keeps cursor on screen (view_rows rows) with the
 * least scrolling from top (itself a row start).  O(view_rows) rows.
 */
size_t	textview_keep_visible(struct bytes *b, size_t top, size_t cursor, int width, int view_rows);

/*
 * The top row start for a jump to cursor: top when cursor is on screen,
 * else the row start a third of the screen above cursor's row (see
 * layout_jump_top()).  O(view_rows) rows.
 */
size_t	textview_jump_top(struct bytes *b, size_t top, size_t cursor,
	    int width, int view_rows);

/*
 * How many bytes the functions above have read so far, all calls
 * together (textview_cell's look at one byte and the next not counted):
 * what the tests and benchmarks check "a screen, not the file" by.
 */
size_t	textview_walked(void);

#endif
