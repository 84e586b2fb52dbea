/*
 * textview.c - display rows of the text (line) view.  The escape scheme,
 * the wrapping rule and the 64 KiB anchors that bound every walk are
 * described in textview.h.
 */
#include "config.h"

#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <wchar.h>

#include "textview.h"

/* Bytes the walks have read: see textview_walked(). */
static size_t walked;

/* UTF-8 sequences drawn as their characters: see textview_set_utf8(). */
static bool utf8;

void
textview_set_utf8(bool on)
{
	utf8 = on;
}

/*
 * The valid UTF-8 sequence that starts at off and ends before lim: its
 * length (2-4), the character in *wc and the columns it takes in *w (1
 * or 2); 0 when there is none, or when the character is one the terminal
 * does not draw in a cell of its own (a control, a combining mark).
 */
static int
utf8_seq(struct bytes *b, size_t off, size_t lim, wchar_t *wc, int *w)
{
	unsigned char c = bytes_at(b, off), lo = 0x80, hi = 0xbf, t;
	uint32_t cp;
	int n, k;

	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		cp = c & 0x0f;
		/* No overlong forms, no surrogates. */
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		cp = c & 0x07;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
	} else
		return 0;
	if (lim - off < (size_t)n)
		return 0;
	for (k = 1; k < n; k++) {
		t = bytes_at(b, off + (size_t)k);
		if (t < lo || t > hi)
			return 0;
		lo = 0x80;
		hi = 0xbf;
		cp = cp << 6 | (t & 0x3f);
	}
	*wc = (wchar_t)cp;
	*w = wcwidth(*wc);
	return *w >= 1 ? n : 0;
}

/*
 * Byte off as part of a UTF-8 character: the sequence's length when off
 * starts one (*w its columns), -k when it is the k-th byte after the
 * start of one, 0 when it is neither.  Sequences never cross an anchor:
 * each row's bytes are decided by the bytes of its own anchor's span.
 */
static int
utf8_part(struct bytes *b, size_t off, int *w)
{
	size_t from = off - off % TEXTVIEW_ANCHOR, lim;
	unsigned char c = bytes_at(b, off);
	wchar_t wc;
	int k, n;

	lim = b->size - from > TEXTVIEW_ANCHOR ? from + TEXTVIEW_ANCHOR :
	    (size_t)b->size;
	if (c >= 0xc2)
		return utf8_seq(b, off, lim, &wc, w);
	if (c < 0x80 || c > 0xbf)
		return 0;
	for (k = 1; k <= 3 && off - from >= (size_t)k; k++) {
		c = bytes_at(b, off - (size_t)k);
		if (c < 0x80 || c > 0xbf) {
			n = utf8_seq(b, off - (size_t)k, lim, &wc, w);
			return n > k ? -k : 0;
		}
	}
	return 0;
}

size_t
textview_walked(void)
{
	return walked;
}

/* The cell of byte off at column col; see textview.h. */
int
textview_cell(struct bytes *b, size_t off, int col,
    char *glyph)
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char c = bytes_at(b, off);
	int w, n;

	if (c >= 0x20 && c < 0x7f) {
		if (glyph != NULL) {
			glyph[0] = (char)c;
			glyph[1] = '\0';
		}
		return 1;
	}
	if (c == '\n' || (c == '\r' && off + 1 < b->size && bytes_at(b, off + 1) == '\n')) {
		if (glyph != NULL)
			strcpy(glyph, " ");
		return 1;
	}
	if (c == '\t') {
		w = TEXTVIEW_TAB - (col < 0 ? 0 : col) % TEXTVIEW_TAB;
		if (glyph != NULL) {
			memset(glyph, ' ', (size_t)w);
			glyph[w] = '\0';
		}
		return w;
	}
	if (c < 0x20 || c == 0x7f) {
		if (glyph != NULL) {
			glyph[0] = '^';
			glyph[1] = c == 0x7f ? '?' : (char)(c + '@');
			glyph[2] = '\0';
		}
		return 2;
	}
	if (utf8 && (n = utf8_part(b, off, &w)) != 0) {
		/* The character on its first byte; the others take no cell. */
		if (n < 0) {
			if (glyph != NULL)
				glyph[0] = '\0';
			return 0;
		}
		if (glyph != NULL) {
			bytes_read(b, off, glyph, (size_t)n);
			glyph[n] = '\0';
		}
		return w;
	}
	if (glyph != NULL) {
		glyph[0] = '<';
		glyph[1] = hex[c >> 4];
		glyph[2] = hex[c & 0xf];
		glyph[3] = '>';
		glyph[4] = '\0';
	}
	return 4;
}

/* The first anchor (forced line break) after off, or size. */
static size_t
anchor_after(uint64_t size, size_t off)
{
	size_t a = off - off % TEXTVIEW_ANCHOR;

	if (size - a <= TEXTVIEW_ANCHOR)
		return (size_t)size;
	return a + TEXTVIEW_ANCHOR;
}

/* End of the row starting at start; see textview.h. */
size_t
textview_row_end(struct bytes *b, size_t start,
    int width)
{
	size_t i, lim;
	int col, w;

	if (width < 1)
		width = 1;
	lim = anchor_after(b->size, start);
	col = 0;
	for (i = start; i < lim; i++) {
		unsigned char c = bytes_at(b, i);

		if (c == '\n') {
			i++;
			break;
		}
		/* Printable bytes are the common case: no call for them. */
		if (c >= 0x20 && c < 0x7f)
			w = 1;
		else
			w = textview_cell(b, i, col, NULL);
		if (col > 0 && col + w > width) {
			walked += i + 1 - start;
			return i;
		}
		col += w;
	}
	walked += i - start;
	return i;
}

/* Start of the row holding off: back to the line start, then wrap forward. */
size_t
textview_row_start(struct bytes *b, size_t off,
    int width)
{
	uint64_t nl;
	size_t ls, e;

	ls = off - off % TEXTVIEW_ANCHOR;
	if (off > ls) {
		/* Counted whole: memrchr does not say how far it read. */
		walked += off - ls;
		nl = bytes_rfind_byte(b, ls, off, '\n');
		if (nl != UINT64_MAX)
			ls = (size_t)nl + 1;
	}
	for (;;) {
		e = textview_row_end(b, ls, width);
		if (off < e || e >= b->size)
			return ls;
		ls = e;
	}
}

/* The row after the one starting at start. */
bool
textview_next_row(struct bytes *b, size_t start,
    int width, size_t *next)
{
	size_t e;

	if (start >= b->size)
		return false;
	e = textview_row_end(b, start, width);
	if (e >= b->size)
		return false;
	*next = e;
	return true;
}

/* The row before the one starting at start. */
bool
textview_prev_row(struct bytes *b, size_t start,
    int width, size_t *prev)
{
	if (start == 0 || b->size == 0)
		return false;
	if (start > b->size)
		start = b->size;
	*prev = textview_row_start(b, start - 1, width);
	return true;
}

/* Column of off in the row starting at row_start. */
int
textview_col(struct bytes *b, size_t row_start,
    size_t off, int width)
{
	size_t i;
	int col;

	if (width < 1)
		width = 1;
	/* Once the row is full only its '\n' can follow (textview.h). */
	/* A character's later bytes are where its first one is. */
	while (off > row_start && off < b->size &&
	    textview_cell(b, off, 0, NULL) == 0)
		off--;
	col = 0;
	for (i = row_start; i < off && i < b->size && col < width; i++)
		col += textview_cell(b, i, col, NULL);
	walked += i - row_start;
	return col < width ? col : width;
}

/* The byte under column x of the row starting at row_start. */
size_t
textview_hit(struct bytes *b, size_t row_start,
    int x, int width)
{
	size_t i, e;
	int col, w;

	if (width < 1)
		width = 1;
	e = textview_row_end(b, row_start, width);
	col = 0;
	/* From the width on, the last byte: textview_col's answer for it. */
	for (i = row_start; i < e && x < width; i++) {
		w = textview_cell(b, i, col, NULL);
		if (x < col + w)
			break;
		col += w;
	}
	walked += i - row_start;
	if (i < e && x < width)
		return i;
	return e > row_start ? e - 1 : row_start;
}

/* A jump's top row; see textview.h. */
size_t
textview_jump_top(struct bytes *b, size_t top, size_t cursor, int width,
    int view_rows)
{
	size_t row;
	int k, rows = view_rows > 0 ? view_rows : 1;

	if (b->size == 0)
		return 0;
	if (textview_keep_visible(b, top, cursor, width, view_rows) == top)
		return top;
	row = textview_row_start(b, cursor < b->size ? cursor : b->size - 1,
	    width);
	for (k = 0; k < rows / 3; k++)
		if (!textview_prev_row(b, row, width, &row))
			break;
	return row;
}

/* The top row that keeps cursor on screen; see textview.h. */
size_t
textview_keep_visible(struct bytes *b, size_t top,
    size_t cursor, int width, int view_rows)
{
	size_t s, e, crow;
	int k, rows;

	if (b->size == 0)
		return 0;
	if (cursor >= b->size)
		cursor = b->size - 1;
	rows = view_rows > 0 ? view_rows : 1;
	if (cursor >= top) {
		s = top;
		for (k = 0; k < rows; k++) {
			e = textview_row_end(b, s, width);
			if (cursor < e)
				return top;
			if (e >= b->size)
				break;
			s = e;
		}
	}
	crow = textview_row_start(b, cursor, width);
	if (cursor < top)
		return crow;
	for (k = 1; k < rows; k++)
		if (!textview_prev_row(b, crow, width, &crow))
			break;
	return crow;
}
