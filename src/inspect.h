/*
 * inspect.h - the data inspector: the bytes at the cursor read as
 * integers of each width and byte order, floats, bits and UTF-8, as lines
 * of label and value text for the panel.
 *
 * The lines, in order (LE = little endian, BE = big endian):
 *
 *	u8   i8   bin   u16   i16   u32   i32   u64   i64   f32   f64   utf8
 *
 * Each multi-byte line shows both orders: "le 25932  be 19567".  A value
 * needing more bytes than are left in the window reads "n/a".  utf8 shows
 * "U+00E9 é" for a valid character starting at the cursor (control
 * characters without the glyph), or "invalid" (bad or overlong sequence,
 * surrogate, continuation byte, past U+10FFFF) or "n/a" (truncated by the
 * end of the window).  Floats print with %.9g / %.17g, which round-trips.
 */
#ifndef MMHEX_INSPECT_H
#define MMHEX_INSPECT_H

#include <stddef.h>

#define INSPECT_NLINES		13
#define INSPECT_BYTES_MAX	8	/* the most bytes a line reads (u64, f64) */
#define INSPECT_LABEL_MAX	8
#define INSPECT_VALUE_MAX	80

/*
 * Width of one panel column: the panel puts its lines in as many columns
 * of this width as the terminal holds, top to bottom then left to right.
 */
#define INSPECT_COL_WIDTH	60
/* Beside the hex view: one column, as wide as the widest line (f64's). */
#define INSPECT_BESIDE_WIDTH	66

struct inspect_line {
	char	label[INSPECT_LABEL_MAX];	/* "u16" */
	char	value[INSPECT_VALUE_MAX];	/* "le 25932  be 19567" */
};

/*
 * Fill out[0, INSPECT_NLINES) from p[0, avail), avail being the bytes from
 * the cursor to the end of the window (0 gives "n/a" everywhere).
 */
void	inspect_bytes(const unsigned char *p, size_t avail,
	    struct inspect_line out[INSPECT_NLINES]);

/*
 * Rows the panel takes on a terminal cols wide: INSPECT_NLINES split over
 * max(1, cols / INSPECT_COL_WIDTH) columns.  Line k is drawn in panel
 * column k / rows, panel row k % rows.
 */
int	inspect_panel_rows(int cols);

#endif
