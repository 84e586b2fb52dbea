/*
 * layout.c - geometry of the hex view.  Pure arithmetic on the terminal
 * size and the window; see layout.h for the line format.
 */
#include "config.h"

#include <stdint.h>

#include "layout.h"

/*
 * Hex digits of the offsets of this window: the last absolute offset
 * shown decides (origin + size - 1, or origin when empty).
 */
int
layout_offset_width(uint64_t origin, size_t size)
{
	uint64_t last;
	int w;

	last = size > 0 ? origin + (uint64_t)size - 1 : origin;
	if (last < origin)		/* cannot happen for a real file */
		last = UINT64_MAX;
	for (w = 1; w < 16 && (last >> (4 * w)) != 0; w++)
		;
	return w < 8 ? 8 : w;
}

/* Columns of a full line: see layout.h. */
int
layout_line_width(int offset_width, size_t bpl)
{
	return offset_width + 6 + (int)(4 * bpl + (bpl - 1) / 8);
}

/* Bytes per line that fit cols when no -b was given. */
static size_t
fit_bpl(int cols, int offset_width)
{
	long room, b;

	/*
	 * For a multiple of 8, w + 6 + 4b + (b - 1) / 8 = w + 6 + 33b / 8 - 1,
	 * so start from the b that solves it and step down while too wide.
	 */
	room = (long)cols - offset_width - 6;
	b = (room + 1) * 8 / 33;
	b -= b % 8;
	while (b >= 8 && layout_line_width(offset_width, (size_t)b) > cols)
		b -= 8;
	if (b >= 8) {
		if (b > LAYOUT_BPL_MAX)
			b = LAYOUT_BPL_MAX;
		return (size_t)b;
	}
	for (b = 7; b > 1; b--)
		if (layout_line_width(offset_width, (size_t)b) <= cols)
			break;
	return (size_t)b;
}

/* Lay out the window on the terminal; see layout.h. */
void
layout_compute(struct layout *l, int cols, int rows, uint64_t origin,
    size_t size, size_t fixed_bpl, int reserved_rows)
{
	l->cols = cols < 0 ? 0 : cols;
	l->rows = rows < 0 ? 0 : rows;
	if (reserved_rows < 0)
		reserved_rows = 0;
	l->view_rows = l->rows - 1 - reserved_rows;
	if (l->view_rows < 0)
		l->view_rows = 0;
	l->origin = origin;
	l->size = size;
	layout_widen(l, layout_offset_width(origin, size), fixed_bpl);
}

/* The columns for an offset column of width digits; see layout.h. */
void
layout_widen(struct layout *l, int width, size_t fixed_bpl)
{
	l->offset_width = width;
	if (fixed_bpl > 0)
		l->bpl = fixed_bpl > LAYOUT_BPL_MAX ? LAYOUT_BPL_MAX : fixed_bpl;
	else
		l->bpl = fit_bpl(l->cols, l->offset_width);
	l->hex_x = 1 + l->offset_width + 2;
	l->text_x = l->hex_x + (int)(3 * l->bpl + (l->bpl - 1) / 8) + 2;
	l->line_width = layout_line_width(l->offset_width, l->bpl);
}

/* Column of the first hex digit of byte i of a line. */
int
layout_hex_x(const struct layout *l, size_t i)
{
	return l->hex_x + (int)(3 * i + i / 8);
}

/* Column of the text character of byte i of a line. */
int
layout_text_x(const struct layout *l, size_t i)
{
	return l->text_x + (int)i;
}

/* Rows the window needs. */
size_t
layout_nrows(const struct layout *l)
{
	return l->size / l->bpl + (l->size % l->bpl != 0);
}

/* The byte under a click; see layout.h. */
int
layout_hit(const struct layout *l, size_t top, int x, int y, size_t *off,
    enum pane *pane)
{
	size_t i, o;
	enum pane p;
	int rel;

	if (l->size == 0 || y < 0 || y >= l->view_rows || x < 0)
		return -1;
	if (x >= l->hex_x && x < l->text_x - 2) {
		/* A group of 8 bytes is 8 x "xx " and one blank: 25 columns. */
		rel = x - l->hex_x;
		i = (size_t)(rel % 25) / 3;
		if (i == 8)
			i = 7;		/* the group blank: the byte before it */
		i += (size_t)(rel / 25) * 8;
		if (i >= l->bpl)
			i = l->bpl - 1;
		p = PANE_HEX;
	} else if (x >= l->text_x && (size_t)(x - l->text_x) < l->bpl) {
		i = (size_t)(x - l->text_x);
		p = PANE_TEXT;
	} else
		return -1;
	if ((size_t)y > (SIZE_MAX - top) / l->bpl)
		return -1;
	o = top + (size_t)y * l->bpl + i;
	if (o >= l->size || o < top)
		o = l->size - 1;
	*off = o;
	*pane = p;
	return 0;
}

/* The top that shows cursor with the least scrolling; see layout.h. */
size_t
layout_keep_visible(const struct layout *l, size_t top, size_t cursor)
{
	size_t crow, trow, rows;

	crow = cursor / l->bpl;
	trow = top / l->bpl;
	rows = l->view_rows > 0 ? (size_t)l->view_rows : 1;
	if (crow < trow)
		trow = crow;
	else if (crow - trow >= rows)
		trow = crow - rows + 1;
	return trow * l->bpl;
}

/* A jump's top; see layout.h. */
size_t
layout_jump_top(const struct layout *l, size_t top, size_t cursor)
{
	size_t crow, rows, max = layout_max_top(l);

	rows = l->view_rows > 0 ? (size_t)l->view_rows : 1;
	crow = cursor / l->bpl;
	if (crow >= top / l->bpl && crow - top / l->bpl < rows)
		return top;
	crow = crow > rows / 3 ? crow - rows / 3 : 0;
	return crow * l->bpl < max ? crow * l->bpl : max;
}

/* The top showing the last line at the bottom. */
size_t
layout_max_top(const struct layout *l)
{
	size_t n, rows;

	n = layout_nrows(l);
	rows = l->view_rows > 0 ? (size_t)l->view_rows : 1;
	return n > rows ? (n - rows) * l->bpl : 0;
}
