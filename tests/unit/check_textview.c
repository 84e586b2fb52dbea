/*
 * check_textview.c - the text view's rows: the escape scheme cell by
 * cell, wrapping of long lines, CRLF, binary, tabs, and on random buffers
 * that walking rows forward, walking them backward, finding the row of any
 * offset and clicking on any column all agree.  A backward step in a
 * 100 MiB buffer without a newline must cost what it costs in a short line.
 */
#include "config.h"

#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <stdbool.h>

#include "pieces.h"
#include "textview.h"
#include "unit.h"

#define U(s)	((const unsigned char *)(s))

/*
 * The reader every call gets: over the buffer itself, or (pieced) over a
 * piece list holding the same bytes cut into many pieces, so that every
 * walk must come out the same across piece borders.
 */
static struct bytes	tv_bytes;
static struct pieces	tv_ps;
static bool		tv_pieced;

static struct bytes *
flat(const unsigned char *data, size_t size)
{
	if (tv_pieced) {
		ck_assert_uint_eq(tv_ps.size, size);
		bytes_pieces(&tv_bytes, &tv_ps, data);
	} else
		bytes_flat(&tv_bytes, data, size);
	return &tv_bytes;
}

/* The glyph of byte b alone (followed by x) at column col. */
static int
glyph_of(const char *buf, size_t len, size_t off, int col, char *g)
{
	return textview_cell(flat(U(buf), len), off, col, g);
}

START_TEST(test_cells)
{
	char g[TEXTVIEW_GLYPH_MAX];

	ck_assert_int_eq(glyph_of("A", 1, 0, 0, g), 1);
	ck_assert_str_eq(g, "A");
	ck_assert_int_eq(glyph_of("~", 1, 0, 0, g), 1);
	ck_assert_int_eq(glyph_of("\n", 1, 0, 0, g), 1);
	ck_assert_str_eq(g, " ");
	ck_assert_int_eq(glyph_of("\0", 1, 0, 0, g), 2);
	ck_assert_str_eq(g, "^@");
	ck_assert_int_eq(glyph_of("\x1b", 1, 0, 0, g), 2);
	ck_assert_str_eq(g, "^[");
	ck_assert_int_eq(glyph_of("\x7f", 1, 0, 0, g), 2);
	ck_assert_str_eq(g, "^?");
	ck_assert_int_eq(glyph_of("\xe9", 1, 0, 0, g), 4);
	ck_assert_str_eq(g, "<E9>");
	ck_assert_int_eq(glyph_of("\xff", 1, 0, 0, g), 4);
	ck_assert_str_eq(g, "<FF>");
	/* CR: blank before LF, ^M otherwise (also at the end of the window). */
	ck_assert_int_eq(glyph_of("\r\n", 2, 0, 0, g), 1);
	ck_assert_str_eq(g, " ");
	ck_assert_int_eq(glyph_of("\rx", 2, 0, 0, g), 2);
	ck_assert_str_eq(g, "^M");
	ck_assert_int_eq(glyph_of("\r", 1, 0, 0, g), 2);
	/* Tab to the next stop of 8. */
	ck_assert_int_eq(glyph_of("\t", 1, 0, 0, g), 8);
	ck_assert_str_eq(g, "        ");
	ck_assert_int_eq(glyph_of("\t", 1, 0, 3, g), 5);
	ck_assert_int_eq(glyph_of("\t", 1, 0, 7, g), 1);
	ck_assert_int_eq(glyph_of("\t", 1, 0, 8, g), 8);
	ck_assert_int_eq(glyph_of("\t", 1, 0, 8, NULL), 8);
}
END_TEST

/* The rows [start, end) of the whole buffer, forward. */
static size_t
rows_of(const unsigned char *d, size_t n, int width, size_t *starts,
    size_t max)
{
	size_t k = 0, s = 0;

	if (n == 0)
		return 0;
	starts[k++] = 0;
	while (k < max && textview_next_row(flat(d, n), s, width, &s))
		starts[k++] = s;
	return k;
}

START_TEST(test_lines)
{
	const char *t = "hello\nworld\n\nlast";
	size_t st[16], n;

	n = rows_of(U(t), strlen(t), 80, st, 16);
	ck_assert_uint_eq(n, 4);
	ck_assert_uint_eq(st[1], 6);
	ck_assert_uint_eq(st[2], 12);
	ck_assert_uint_eq(st[3], 13);
	ck_assert_uint_eq(textview_row_end(flat(U(t), strlen(t)), 13, 80), 17);
	ck_assert_uint_eq(textview_row_start(flat(U(t), strlen(t)), 5, 80), 0);
	ck_assert_uint_eq(textview_row_start(flat(U(t), strlen(t)), 12, 80), 12);
	ck_assert_uint_eq(textview_row_start(flat(U(t), strlen(t)), 16, 80), 13);
	ck_assert(!textview_prev_row(flat(U(t), strlen(t)), 0, 80, &n));
}
END_TEST

START_TEST(test_wrap)
{
	unsigned char buf[300];
	size_t st[16], n;

	/* 200 a + LF at width 80: 80, 80, 40 + LF. */
	memset(buf, 'a', 200);
	buf[200] = '\n';
	n = rows_of(buf, 201, 80, st, 16);
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(st[1], 80);
	ck_assert_uint_eq(st[2], 160);
	ck_assert_int_eq(textview_col(flat(buf, 201), 160, 200, 80), 40);
	/* A line exactly as wide as the screen takes one row, its LF at x == width. */
	memset(buf, 'b', 80);
	buf[80] = '\n';
	buf[81] = 'c';
	n = rows_of(buf, 82, 80, st, 16);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(st[1], 81);
	ck_assert_int_eq(textview_col(flat(buf, 82), 0, 80, 80), 80);
	/* Escapes take their width: 5 x <80> at width 10 -> 2, 2, 1. */
	memset(buf, 0x80, 5);
	n = rows_of(buf, 5, 10, st, 16);
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(st[1], 2);
	ck_assert_uint_eq(st[2], 4);
	/* Width 1: a 4-column cell alone in its row, never an empty row. */
	n = rows_of(buf, 5, 1, st, 16);
	ck_assert_uint_eq(n, 5);
	/* Width 0 or less is 1. */
	ck_assert_uint_eq(textview_row_end(flat(buf, 5), 0, 0), 1);
	ck_assert_uint_eq(textview_row_end(flat(buf, 5), 0, -3), 1);
}
END_TEST

START_TEST(test_crlf)
{
	const char *t = "ab\r\ncd\r\nx\ry";
	size_t st[16], n;
	char g[TEXTVIEW_GLYPH_MAX];

	n = rows_of(U(t), strlen(t), 80, st, 16);
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(st[1], 4);
	ck_assert_uint_eq(st[2], 8);
	/* The lone CR is ^M: x ^M y = 4 columns, y at 3. */
	ck_assert_int_eq(textview_col(flat(U(t), strlen(t)), 8, 10, 80), 3);
	textview_cell(flat(U(t), strlen(t)), 9, 1, g);
	ck_assert_str_eq(g, "^M");
	/* hit on the second column of ^M is the CR. */
	ck_assert_uint_eq(textview_hit(flat(U(t), strlen(t)), 8, 2, 80), 9);
}
END_TEST

/* A small reproducible generator (xorshift64*). */
static uint64_t rng_state = 88172645463325252ULL;

static uint32_t
rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 2685821657736338717ULL) >> 32);
}

/*
 * Random text and binary at many widths: forward rows, the row of each
 * offset, backward steps and clicks all agree.  A click on a UTF-8
 * character (textview_set_utf8()) gives its first byte.
 */
static void
random_agree(const unsigned char *alphabet, size_t nalpha)
{
	static size_t st[20000];
	unsigned char *buf;
	size_t n, nrows, k, off, prev, e;
	size_t first = 0;
	int width, round, col;

	buf = malloc(3000);
	ck_assert_ptr_nonnull(buf);
	for (round = 0; round < 40; round++) {
		n = 1 + rng() % 3000;
		for (k = 0; k < n; k++)
			buf[k] = round % 3 == 0 ? (unsigned char)rng() :
			    alphabet[rng() % nalpha];
		width = 1 + (int)(rng() % 100);
		/* Odd rounds: the same bytes, every few a piece of their own. */
		tv_pieced = round % 2 == 1;
		pieces_init(&tv_ps, n);
		for (k = 0; tv_pieced && k < n; k += 1 + rng() % 7) {
			unsigned char c = buf[k];

			ck_assert_int_eq(pieces_delete(&tv_ps, k, 1), 0);
			ck_assert_int_eq(pieces_insert(&tv_ps, k, &c, 1), 0);
		}
		nrows = rows_of(buf, n, width, st, 20000);
		ck_assert_uint_lt(nrows, 20000);
		for (k = 0; k < nrows; k++) {
			e = k + 1 < nrows ? st[k + 1] : n;
			ck_assert_uint_gt(e, st[k]);
			ck_assert_uint_eq(textview_row_end(flat(buf, n), st[k], width),
			    e);
			if (k > 0) {
				ck_assert(textview_prev_row(flat(buf, n), st[k], width,
				    &prev));
				ck_assert_uint_eq(prev, st[k - 1]);
			}
			for (off = st[k]; off < e; off++) {
				ck_assert_uint_eq(textview_row_start(flat(buf, n), off,
				    width), st[k]);
				col = textview_col(flat(buf, n), st[k], off, width);
				if (off == st[k] ||
				    textview_cell(flat(buf, n), off, col, NULL) > 0)
					first = off;
				ck_assert_uint_eq(textview_hit(flat(buf, n), st[k], col,
				    width), first);
				/* Only a full row's LF or a lone wide cell overhang. */
				if (col >= width)
					ck_assert(buf[off] == '\n' ||
					    (off == st[k] && col == 0));
			}
		}
		pieces_free(&tv_ps);
		tv_pieced = false;
	}
	free(buf);
}

START_TEST(test_random_agree)
{
	static const unsigned char alphabet[] = "ab \t\n\r\x01\x7f\xc3\xa9";

	random_agree(alphabet, sizeof(alphabet) - 1);
}
END_TEST

/* The same with UTF-8 drawn as characters, valid sequences and broken. */
START_TEST(test_random_agree_utf8)
{
	static const unsigned char alphabet[] = "a \n\t\xc3\xa9\xe6\x97\xa5"
	    "\xf0\x9f\x98\x80\xe6\x97\xc3\xa9\xa9\xff";

	ck_assert_ptr_nonnull(setlocale(LC_CTYPE, "C.UTF-8"));
	textview_set_utf8(true);
	random_agree(alphabet, sizeof(alphabet) - 1);
	textview_set_utf8(false);
}
END_TEST

/*
 * UTF-8 cells: a character on its first byte, 1 or 2 columns, its other
 * bytes none; what is not valid UTF-8 (overlong, a surrogate, past
 * U+10FFFF, cut short, a lone continuation, a control) escaped as before;
 * a sequence across an anchor escaped; off, every byte is escaped.
 */
START_TEST(test_utf8)
{
	static const char s[] = "\xc3\xa9\xe6\x97\xa5\xf0\x9f\x98\x80";
	size_t n = 2 * TEXTVIEW_ANCHOR, a = TEXTVIEW_ANCHOR;
	char g[TEXTVIEW_GLYPH_MAX];
	unsigned char *buf;

	ck_assert_ptr_nonnull(setlocale(LC_CTYPE, "C.UTF-8"));
	ck_assert_int_eq(glyph_of(s, 9, 0, 0, g), 4);
	ck_assert_str_eq(g, "<C3>");
	textview_set_utf8(true);
	ck_assert_int_eq(glyph_of(s, 9, 0, 0, g), 1);
	ck_assert_str_eq(g, "\xc3\xa9");
	ck_assert_int_eq(glyph_of(s, 9, 1, 1, g), 0);
	ck_assert_str_eq(g, "");
	ck_assert_int_eq(glyph_of(s, 9, 2, 1, g), 2);
	ck_assert_str_eq(g, "\xe6\x97\xa5");
	ck_assert_int_eq(glyph_of(s, 9, 3, 3, g), 0);
	ck_assert_int_eq(glyph_of(s, 9, 4, 3, g), 0);
	ck_assert_int_eq(glyph_of(s, 9, 5, 3, g), 2);
	ck_assert_str_eq(g, "\xf0\x9f\x98\x80");
	ck_assert_int_eq(glyph_of(s, 9, 8, 5, g), 0);
	/* é 日 😀 in 1 + 2 + 2 columns: one row of 5, wrapped at 4. */
	ck_assert_uint_eq(textview_row_end(flat(U(s), 9), 0, 5), 9);
	ck_assert_uint_eq(textview_row_end(flat(U(s), 9), 0, 4), 5);
	ck_assert_uint_eq(textview_row_end(flat(U(s), 9), 0, 3), 5);
	ck_assert_uint_eq(textview_row_end(flat(U(s), 9), 0, 2), 2);
	/* The later bytes sit where the first is; a click gives the first. */
	ck_assert_int_eq(textview_col(flat(U(s), 9), 0, 1, 80), 0);
	ck_assert_int_eq(textview_col(flat(U(s), 9), 0, 4, 80), 1);
	ck_assert_int_eq(textview_col(flat(U(s), 9), 0, 5, 80), 3);
	ck_assert_int_eq(textview_col(flat(U(s), 9), 0, 8, 80), 3);
	ck_assert_uint_eq(textview_hit(flat(U(s), 9), 0, 2, 80), 2);
	ck_assert_uint_eq(textview_hit(flat(U(s), 9), 0, 4, 80), 5);
	/* Not UTF-8: each byte escaped. */
	ck_assert_int_eq(glyph_of("\xc0\x80", 2, 0, 0, g), 4);	/* overlong */
	ck_assert_int_eq(glyph_of("\xe0\x80\x80", 3, 0, 0, g), 4);
	ck_assert_int_eq(glyph_of("\xed\xa0\x80", 3, 0, 0, g), 4); /* D800 */
	ck_assert_int_eq(glyph_of("\xed\xa0\x80", 3, 1, 4, g), 4);
	ck_assert_int_eq(glyph_of("\xf4\x90\x80\x80", 4, 0, 0, g), 4);
	ck_assert_int_eq(glyph_of("\xe6\x97", 2, 0, 0, g), 4);	/* cut */
	ck_assert_int_eq(glyph_of("\xe6\x97", 2, 1, 4, g), 4);
	ck_assert_int_eq(glyph_of("a\xa9", 2, 1, 1, g), 4);	/* lone */
	ck_assert_str_eq(g, "<A9>");
	ck_assert_int_eq(glyph_of("\xc2\x85", 2, 0, 0, g), 4);	/* NEL, C1 */
	ck_assert_int_eq(glyph_of("\xcc\x81", 2, 0, 0, g), 4);	/* combining */
	/* Across the anchor at 64 KiB: escaped on both sides. */
	buf = malloc(n);
	ck_assert_ptr_nonnull(buf);
	memset(buf, 'x', n);
	buf[a - 1] = 0xc3;
	buf[a] = 0xa9;
	buf[a + 1] = 0xc3;
	buf[a + 2] = 0xa9;
	ck_assert_int_eq(textview_cell(flat(buf, n), a - 1, 0, g), 4);
	ck_assert_int_eq(textview_cell(flat(buf, n), a, 0, g), 4);
	ck_assert_int_eq(textview_cell(flat(buf, n), a + 1, 0, g), 1);
	ck_assert_int_eq(textview_cell(flat(buf, n), a + 2, 0, g), 0);
	free(buf);
	textview_set_utf8(false);
}
END_TEST

/* Lines longer than the anchor are broken at each 64 KiB boundary. */
START_TEST(test_anchor)
{
	size_t n = 3 * TEXTVIEW_ANCHOR + 100, s, prev;
	unsigned char *buf = malloc(n);

	ck_assert_ptr_nonnull(buf);
	memset(buf, 'x', n);
	/* 80 does not divide 65536: without the anchor a row would cross it. */
	s = textview_row_start(flat(buf, n), TEXTVIEW_ANCHOR + 5, 80);
	ck_assert_uint_eq(s, TEXTVIEW_ANCHOR);
	s = textview_row_start(flat(buf, n), TEXTVIEW_ANCHOR - 1, 80);
	ck_assert_uint_eq(s, TEXTVIEW_ANCHOR - TEXTVIEW_ANCHOR % 80);
	ck_assert_uint_eq(textview_row_end(flat(buf, n), s, 80), TEXTVIEW_ANCHOR);
	ck_assert(textview_prev_row(flat(buf, n), TEXTVIEW_ANCHOR, 80, &prev));
	ck_assert_uint_eq(prev, s);
	/* A newline just after the anchor still starts its own line. */
	buf[TEXTVIEW_ANCHOR + 10] = '\n';
	ck_assert_uint_eq(textview_row_start(flat(buf, n), TEXTVIEW_ANCHOR + 11, 80),
	    TEXTVIEW_ANCHOR + 11);
	ck_assert_uint_eq(textview_row_start(flat(buf, n), TEXTVIEW_ANCHOR + 10, 80),
	    TEXTVIEW_ANCHOR);
	free(buf);
}
END_TEST

/*
 * 100 MiB without a newline: 100 backward steps from the end, 100 from the
 * middle and a keep-visible jump to the end each read about an anchor
 * (an unbounded scan back would read 5 GiB for them).  Counted in bytes
 * read, not timed: the bound holds however loaded the machine is.
 */
START_TEST(test_no_newline_bounded)
{
	size_t n = (size_t)100 << 20, s, top, w0;
	unsigned char *buf = malloc(n);
	int k;

	ck_assert_ptr_nonnull(buf);
	memset(buf, 'z', n);
	w0 = textview_walked();
	s = textview_row_start(flat(buf, n), n - 1, 80);
	for (k = 0; k < 100; k++)
		ck_assert(textview_prev_row(flat(buf, n), s, 80, &s));
	ck_assert_uint_gt(s, n - 100 * 80 - TEXTVIEW_ANCHOR);
	ck_assert_uint_le(textview_walked() - w0, 2 * 101 * TEXTVIEW_ANCHOR);
	w0 = textview_walked();
	s = textview_row_start(flat(buf, n), n / 2 + 12345, 80);
	for (k = 0; k < 100; k++)
		ck_assert(textview_prev_row(flat(buf, n), s, 80, &s));
	ck_assert_uint_le(textview_walked() - w0, 2 * 101 * TEXTVIEW_ANCHOR);
	w0 = textview_walked();
	top = textview_keep_visible(flat(buf, n), 0, n - 1, 80, 50);
	ck_assert_uint_gt(top, n - 50 * 80 - TEXTVIEW_ANCHOR);
	ck_assert_uint_le(textview_walked() - w0, 2 * 51 * TEXTVIEW_ANCHOR);
	free(buf);
}
END_TEST

/* What the walk counter counts: a row's bytes, a line's way back. */
START_TEST(test_walked)
{
	unsigned char buf[300];
	size_t w0;

	memset(buf, 'a', sizeof(buf));
	buf[99] = '\n';
	w0 = textview_walked();
	ck_assert_uint_eq(textview_row_end(flat(buf, sizeof(buf)), 0, 80), 80);
	/* The byte that did not fit was read too. */
	ck_assert_uint_eq(textview_walked() - w0, 81);
	w0 = textview_walked();
	ck_assert_uint_eq(textview_row_end(flat(buf, sizeof(buf)), 80, 80), 100);
	ck_assert_uint_eq(textview_walked() - w0, 20);
	w0 = textview_walked();
	/*
	 * memrchr's 250 bytes from the anchor at 0 (counted whole), then
	 * rows 100-179 and 180-259, each with the byte that did not fit.
	 */
	ck_assert_uint_eq(textview_row_start(flat(buf, sizeof(buf)), 250, 80), 180);
	ck_assert_uint_eq(textview_walked() - w0, 250 + 81 + 81);
	w0 = textview_walked();
	ck_assert_int_eq(textview_col(flat(buf, sizeof(buf)), 100, 130, 80), 30);
	ck_assert_uint_eq(textview_walked() - w0, 30);
}
END_TEST

/* A '\n' after a lone cell wider than the row is at the row's width. */
START_TEST(test_col_overhang)
{
	const unsigned char buf[] = { 0x80, '\n', 'a' };

	ck_assert_uint_eq(textview_row_end(flat(buf, sizeof(buf)), 0, 3), 2);
	ck_assert_int_eq(textview_col(flat(buf, sizeof(buf)), 0, 1, 3), 3);
	ck_assert_int_eq(textview_col(flat(buf, sizeof(buf)), 0, 1, 4), 4);
	ck_assert_int_eq(textview_col(flat(buf, sizeof(buf)), 0, 0, 3), 0);
	/* And back: the width is the '\n', inside the wide cell is the cell. */
	ck_assert_uint_eq(textview_hit(flat(buf, sizeof(buf)), 0, 3, 3), 1);
	ck_assert_uint_eq(textview_hit(flat(buf, sizeof(buf)), 0, 2, 3), 0);
}
END_TEST

/* 100 lines "xxxxxxxxx\n" of 10 bytes. */
static void
ten_byte_lines(unsigned char buf[1000])
{
	int i;

	for (i = 0; i < 100; i++) {
		memset(buf + i * 10, 'x', 9);
		buf[i * 10 + 9] = '\n';
	}
}

START_TEST(test_keep_visible)
{
	unsigned char buf[1000];
	size_t top;

	ten_byte_lines(buf);			/* 5 rows on screen */
	ck_assert_uint_eq(textview_keep_visible(flat(buf, 1000), 0, 0, 80, 5), 0);
	ck_assert_uint_eq(textview_keep_visible(flat(buf, 1000), 0, 49, 80, 5), 0);
	ck_assert_uint_eq(textview_keep_visible(flat(buf, 1000), 0, 50, 80, 5), 10);
	top = textview_keep_visible(flat(buf, 1000), 0, 999, 80, 5);
	ck_assert_uint_eq(top, 950);
	ck_assert_uint_eq(textview_keep_visible(flat(buf, 1000), 500, 123, 80, 5),
	    120);
	ck_assert_uint_eq(textview_keep_visible(flat(buf, 1000), 500, 549, 80, 5),
	    500);
	/* No rows: treated as one. */
	ck_assert_uint_eq(textview_keep_visible(flat(buf, 1000), 0, 555, 80, 0), 550);
	ck_assert_uint_eq(textview_keep_visible(flat(buf, 0), 0, 0, 80, 5), 0);
}
END_TEST

/* A jump in the text view: a third of the screen above the target's row. */
START_TEST(test_jump_top)
{
	static const struct { size_t top, cursor, want; } jumps[] = {
		{ 0, 299, 0 },		/* on screen: stays */
		{ 0, 405, 300 },	/* line 40 on row 10 */
		{ 600, 205, 100 },	/* backwards too */
		{ 600, 35, 0 },		/* near the start */
	};
	unsigned char buf[1000];
	size_t i;

	ten_byte_lines(buf);			/* 30 rows on screen */
	for (i = 0; i < sizeof(jumps) / sizeof(jumps[0]); i++)
		ck_assert_uint_eq(textview_jump_top(flat(buf, 1000),
		    jumps[i].top, jumps[i].cursor, 80, 30), jumps[i].want);
	ck_assert_uint_eq(textview_jump_top(flat(buf, 0), 0, 0, 80, 30), 0);
}
END_TEST

static Suite *
textview_suite(void)
{
	Suite *s = suite_create("textview");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_cells);
	tcase_add_test(tc, test_lines);
	tcase_add_test(tc, test_wrap);
	tcase_add_test(tc, test_crlf);
	tcase_add_test(tc, test_random_agree);
	tcase_add_test(tc, test_random_agree_utf8);
	tcase_add_test(tc, test_utf8);
	tcase_add_test(tc, test_anchor);
	tcase_add_test(tc, test_no_newline_bounded);
	tcase_add_test(tc, test_walked);
	tcase_add_test(tc, test_col_overhang);
	tcase_add_test(tc, test_keep_visible);
	tcase_add_test(tc, test_jump_top);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(textview_suite)
