/*
 * layout.h - the geometry of the hex view: how many bytes a line holds,
 * where each byte is drawn, which byte a mouse click lands on, and which
 * row must be on top for the cursor to stay visible.
 *
 * A data line reads (bpl = 16, offset width 8):
 *
 *  " 00000000  4c 6f 72 65 6d 20 69 70  73 75 6d 20 64 6f 6c 6f  |Lorem ipsum dolo|"
 *
 * a blank, the absolute offset in hex (8 digits, more when the last
 * absolute offset of the window needs more), two blanks, each byte as
 * "xx " with one more blank between groups of 8, then " |", one
 * character per byte, "|".  A full line is offset_width + 6 + 4 * bpl +
 * (bpl - 1) / 8 columns wide.
 *
 * Rows are aligned to the window start: row r shows window offsets
 * [r * bpl, (r + 1) * bpl).  Offsets here are window offsets (0 is the byte
 * at the mapping's origin) unless named "abs".  Nothing here allocates or
 * reads file bytes; everything is O(1).
 */
#ifndef MMHEX_LAYOUT_H
#define MMHEX_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Largest line width -b and "bytes-per-line" take (settings_parse_bpl);
 * layout_* clamp wider values to it.
 */
#define LAYOUT_BPL_MAX	4096

/* Which half of a hex line the cursor (or a click) is in. */
enum pane {
	PANE_HEX,
	PANE_TEXT,
};

struct layout {
	int		 cols;		/* terminal columns, as given (>= 0) */
	int		 rows;		/* terminal rows, as given (>= 0) */
	int		 view_rows;	/* rows of data lines: rows - 1 (status) - reserved, >= 0 */
	size_t		 bpl;		/* bytes per line, >= 1 */
	int		 offset_width;	/* hex digits of the offset column, >= 8 */
	int		 hex_x;		/* column of the first hex digit of byte 0 */
	int		 text_x;	/* column of the text character of byte 0 */
	int		 line_width;	/* columns of a full line, both bars included */
	uint64_t	 origin;	/* absolute offset of window offset 0 */
	size_t		 size;		/* bytes in the window */
};

/*
 * Lay out a window of size bytes starting at absolute offset origin on a
 * cols x rows terminal.  fixed_bpl > 0 is -b (clamped to LAYOUT_BPL_MAX,
 * used even if the line does not fit: the UI clips); 0 fits the terminal:
 * the largest multiple of 8 whose line fits in cols, or when not even 8
 * fit, the largest count from 7 down to 1 that does, and 1 when nothing
 * fits.  reserved_rows are taken by panels (the inspector) besides the one
 * status line.  Never fails; tiny or negative sizes give tiny layouts.
 */
void	layout_compute(struct layout *l, int cols, int rows, uint64_t origin,
	    size_t size, size_t fixed_bpl, int reserved_rows);

/*
 * Lay the same out again with an offset column of width digits (more
 * than the window needs: two files compared share the wider one, so
 * their rows hold the same bytes at the same columns).
 */
void	layout_widen(struct layout *l, int width, size_t fixed_bpl);

/* Hex digits needed for the offsets of this window (8 at least). */
int	layout_offset_width(uint64_t origin, size_t size);

/* Columns a full line takes for this offset width and bytes per line. */
int	layout_line_width(int offset_width, size_t bpl);

/* Column of the first hex digit of the byte at index i (< bpl) of a line. */
int	layout_hex_x(const struct layout *l, size_t i);

/* Column of the text-pane character of the byte at index i of a line. */
int	layout_text_x(const struct layout *l, size_t i);

/* Rows the window needs: ceil(size / bpl); 0 for an empty window. */
size_t	layout_nrows(const struct layout *l);

/*
 * Mouse hit test: the byte drawn at screen column x of screen row y when
 * the first data row shows window offset top (a multiple of bpl).  In the
 * hex pane a byte owns its two digits and the blank after them (and the
 * group blank after a group of 8); in the text pane its one character.
 * A click past the last byte of the window lands on the last byte.
 * Returns 0 with *off and *pane set, or -1 (offset column, bars, outside
 * the data rows, empty window) with nothing changed.
 */
int	layout_hit(const struct layout *l, size_t top, int x, int y,
	    size_t *off, enum pane *pane);

/*
 * The top offset (a multiple of bpl) that keeps cursor visible with the
 * least scrolling from top; with no data rows it is the cursor's row.
 */
size_t	layout_keep_visible(const struct layout *l, size_t top, size_t cursor);

/*
 * The top for a jump to cursor (a search, a goto): top itself when cursor
 * is on screen, else the one that puts cursor's row a third of the way
 * down, as less and vim do, so that what follows it shows too (never past
 * layout_max_top()).
 */
size_t	layout_jump_top(const struct layout *l, size_t top, size_t cursor);

/*
 * The largest useful top: the row that shows the last line at the bottom
 * of the view (0 when everything fits).
 */
size_t	layout_max_top(const struct layout *l);

#endif
