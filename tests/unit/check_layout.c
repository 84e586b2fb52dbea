/*
 * check_layout.c - the hex view's geometry at every terminal width from 1
 * to 300 columns: bytes per line fit and are multiples of 8 (or 1..7 on a
 * tiny terminal), offsets are as wide as the window needs, and byte <->
 * column <-> click agree both ways.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "layout.h"
#include "util.h"
#include "unit.h"

/* The PRODUCT.md line for 16 bytes is 79 columns: 80 holds 16, 78 holds 8. */
START_TEST(test_product_line)
{
	struct layout l;
	char line[128];
	size_t i;
	int x;

	layout_compute(&l, 80, 24, 0, 915, 0, 0);
	ck_assert_uint_eq(l.bpl, 16);
	ck_assert_int_eq(l.offset_width, 8);
	ck_assert_int_eq(l.line_width, 79);
	ck_assert_int_eq(l.view_rows, 23);
	/* Build the line from the layout and compare with the product's. */
	memset(line, ' ', sizeof(line));
	snprintf(line + 1, 9, "%08x", 0);
	line[9] = ' ';
	for (i = 0; i < 16; i++) {
		x = layout_hex_x(&l, i);
		line[x] = "4c6f72656d20697073756d20646f6c6f"[2 * i];
		line[x + 1] = "4c6f72656d20697073756d20646f6c6f"[2 * i + 1];
		line[layout_text_x(&l, i)] = "Lorem ipsum dolo"[i];
	}
	line[l.text_x - 1] = '|';
	line[l.text_x + 16] = '|';
	line[l.line_width] = '\0';
	ck_assert_str_eq(line, " 00000000  4c 6f 72 65 6d 20 69 70  73 75 6d "
	    "20 64 6f 6c 6f  |Lorem ipsum dolo|");

	layout_compute(&l, 79, 24, 0, 915, 0, 0);
	ck_assert_uint_eq(l.bpl, 16);
	layout_compute(&l, 78, 24, 0, 915, 0, 0);
	ck_assert_uint_eq(l.bpl, 8);
}
END_TEST

/* Every width 1..300, several window sizes: the fitted line fits. */
START_TEST(test_every_width)
{
	static const uint64_t sizes[] = { 0, 1, 915, 0xffffffffULL,
	    0x100000000ULL, (uint64_t)1 << 40 };
	struct layout l;
	size_t k;
	int cols;

	for (k = 0; k < ARRAY_LEN(sizes); k++) {
		for (cols = 1; cols <= 300; cols++) {
			layout_compute(&l, cols, 24, 0, (size_t)sizes[k], 0, 0);
			ck_assert_uint_ge(l.bpl, 1);
			if (l.bpl >= 8) {
				ck_assert_uint_eq(l.bpl % 8, 0);
				ck_assert_int_le(l.line_width, cols);
				/* Maximal: 8 more would not fit. */
				ck_assert_int_gt(layout_line_width(
				    l.offset_width, l.bpl + 8), cols);
			} else if (l.bpl > 1) {
				ck_assert_int_le(l.line_width, cols);
				ck_assert_int_gt(layout_line_width(
				    l.offset_width, l.bpl + 1), cols);
			} else if (l.line_width > cols) {
				/* Nothing fits: 1 byte, drawn clipped. */
				ck_assert_uint_eq(l.bpl, 1);
			}
			ck_assert_int_eq(l.line_width, layout_text_x(&l,
			    l.bpl - 1) + 2);
			ck_assert_int_eq(l.text_x, layout_hex_x(&l, l.bpl - 1)
			    + 5);
		}
	}
}
END_TEST

START_TEST(test_offset_width)
{
	ck_assert_int_eq(layout_offset_width(0, 0), 8);
	ck_assert_int_eq(layout_offset_width(0, 915), 8);
	ck_assert_int_eq(layout_offset_width(0, 0x100000000ULL), 8);
	ck_assert_int_eq(layout_offset_width(0, 0x100000001ULL), 9);
	ck_assert_int_eq(layout_offset_width(0xffffffffULL, 1), 8);
	ck_assert_int_eq(layout_offset_width(0xffffffffULL, 2), 9);
	ck_assert_int_eq(layout_offset_width(0, (size_t)1 << 40), 10);
	ck_assert_int_eq(layout_offset_width((uint64_t)1 << 40, 1), 11);
	ck_assert_int_eq(layout_offset_width(UINT64_MAX - 9, 10), 16);
}
END_TEST

/*
 * Widened to another window's offset width (two files compared): laid
 * out exactly as a window that needs that width, whatever the terminal.
 */
START_TEST(test_widen)
{
	struct layout small, big;
	int cols;

	for (cols = 20; cols <= 300; cols++) {
		layout_compute(&small, cols, 30, 0, 4096, 0, 0);
		layout_compute(&big, cols, 30, 0, (size_t)5 << 30, 0, 0);
		ck_assert_int_eq(small.offset_width, 8);
		ck_assert_int_eq(big.offset_width, 9);
		layout_widen(&small, big.offset_width, 0);
		ck_assert_int_eq(small.offset_width, 9);
		ck_assert_uint_eq(small.bpl, big.bpl);
		ck_assert_int_eq(small.hex_x, big.hex_x);
		ck_assert_int_eq(small.text_x, big.text_x);
		ck_assert_int_eq(small.line_width, big.line_width);
		ck_assert_uint_eq(small.size, 4096);
	}
	layout_compute(&small, 80, 30, 0, 4096, 24, 0);
	layout_widen(&small, 12, 24);
	ck_assert_uint_eq(small.bpl, 24);
	ck_assert_int_eq(small.hex_x, 1 + 12 + 2);
}
END_TEST

START_TEST(test_fixed_bpl)
{
	struct layout l;

	layout_compute(&l, 80, 24, 0, 100, 5, 0);
	ck_assert_uint_eq(l.bpl, 5);
	layout_compute(&l, 10, 24, 0, 100, 32, 0);
	ck_assert_uint_eq(l.bpl, 32);	/* clipped by the UI, not refitted */
	layout_compute(&l, 80, 24, 0, 100, 1000000, 0);
	ck_assert_uint_eq(l.bpl, LAYOUT_BPL_MAX);
}
END_TEST

START_TEST(test_rows)
{
	struct layout l;

	layout_compute(&l, 80, 24, 0, 100, 0, 6);
	ck_assert_int_eq(l.view_rows, 17);
	layout_compute(&l, 80, 1, 0, 100, 0, 0);
	ck_assert_int_eq(l.view_rows, 0);
	layout_compute(&l, 0, 0, 0, 100, 0, 3);
	ck_assert_int_eq(l.view_rows, 0);
	ck_assert_uint_eq(l.bpl, 1);
	layout_compute(&l, -5, -5, 0, 100, 0, -1);
	ck_assert_int_eq(l.view_rows, 0);
	ck_assert_uint_ge(l.bpl, 1);
	layout_compute(&l, 80, 24, 0, 100, 0, 0);
	ck_assert_uint_eq(layout_nrows(&l), 7);
	layout_compute(&l, 80, 24, 0, 96, 0, 0);
	ck_assert_uint_eq(layout_nrows(&l), 6);
	layout_compute(&l, 80, 24, 0, 0, 0, 0);
	ck_assert_uint_eq(layout_nrows(&l), 0);
}
END_TEST

/* Does a click at (x, y) give byte want in pane wp? */
static bool
hits(const struct layout *l, size_t top, int x, int y, size_t want,
    enum pane wp)
{
	enum pane pane;
	size_t off;

	return layout_hit(l, top, x, y, &off, &pane) == 0 && off == want &&
	    pane == wp;
}

/*
 * At every width, every byte of a screen: the click on each column of its
 * hex cell (two digits and the blank) and on its text cell gives it back.
 * Plain comparisons, one Check call only on a failure: a million
 * ck_assert calls (each a message to the parent) took a minute on a
 * loaded machine.
 */
START_TEST(test_click_round_trip)
{
	struct layout l;
	size_t top, i, r;
	int cols, x, y;

	for (cols = 1; cols <= 300; cols++) {
		layout_compute(&l, cols, 10, 0x1000, 100000, 0, 0);
		top = 3 * l.bpl;
		for (y = 0; y < l.view_rows; y++) {
			for (i = 0; i < l.bpl; i++) {
				r = top + (size_t)y * l.bpl + i;
				for (x = layout_hex_x(&l, i);
				    x < layout_hex_x(&l, i) + 3; x++)
					if (!hits(&l, top, x, y, r, PANE_HEX))
						ck_abort_msg("%d columns: hex "
						    "click %d,%d is not byte %zu",
						    cols, x, y, r);
				if (!hits(&l, top, layout_text_x(&l, i), y, r,
				    PANE_TEXT))
					ck_abort_msg("%d columns: text click on "
					    "byte %zu", cols, r);
			}
		}
	}
}
END_TEST

START_TEST(test_click_misses)
{
	struct layout l;
	size_t off = 12345;
	enum pane pane = PANE_TEXT;

	layout_compute(&l, 80, 24, 0, 915, 0, 0);
	/* offset column, bars, status row, past the line, negative */
	ck_assert_int_eq(layout_hit(&l, 0, 0, 0, &off, &pane), -1);
	ck_assert_int_eq(layout_hit(&l, 0, 5, 0, &off, &pane), -1);
	ck_assert_int_eq(layout_hit(&l, 0, l.text_x - 1, 0, &off, &pane), -1);
	ck_assert_int_eq(layout_hit(&l, 0, l.text_x + 16, 0, &off, &pane), -1);
	ck_assert_int_eq(layout_hit(&l, 0, 20, 23, &off, &pane), -1);
	ck_assert_int_eq(layout_hit(&l, 0, -1, 0, &off, &pane), -1);
	ck_assert_int_eq(layout_hit(&l, 0, 20, -1, &off, &pane), -1);
	ck_assert_uint_eq(off, 12345);
	ck_assert_int_eq(pane, PANE_TEXT);
	/* The group blank belongs to the byte before it. */
	ck_assert_int_eq(layout_hit(&l, 0, layout_hex_x(&l, 7) + 3, 0, &off,
	    &pane), 0);
	ck_assert_uint_eq(off, 7);
	/* Past the last byte: the last byte (915 = 57 rows + 3). */
	ck_assert_int_eq(layout_hit(&l, 896, layout_text_x(&l, 15), 1, &off,
	    &pane), 0);
	ck_assert_uint_eq(off, 914);
	/* Empty window. */
	layout_compute(&l, 80, 24, 0, 0, 0, 0);
	ck_assert_int_eq(layout_hit(&l, 0, 20, 0, &off, &pane), -1);
}
END_TEST

START_TEST(test_keep_visible)
{
	struct layout l;

	layout_compute(&l, 80, 11, 0, 1000, 0, 0);	/* 10 rows of 16 */
	ck_assert_uint_eq(layout_keep_visible(&l, 0, 0), 0);
	ck_assert_uint_eq(layout_keep_visible(&l, 0, 159), 0);
	ck_assert_uint_eq(layout_keep_visible(&l, 0, 160), 16);
	ck_assert_uint_eq(layout_keep_visible(&l, 0, 999), 992 - 144);
	ck_assert_uint_eq(layout_keep_visible(&l, 320, 100), 96);
	ck_assert_uint_eq(layout_keep_visible(&l, 320, 479), 320);
	ck_assert_uint_eq(layout_keep_visible(&l, 320, 480), 336);
	ck_assert_uint_eq(layout_max_top(&l), 63 * 16 - 160);
	/* No data rows: the cursor's row. */
	layout_compute(&l, 80, 1, 0, 1000, 0, 0);
	ck_assert_uint_eq(layout_keep_visible(&l, 0, 500), 496);
	layout_compute(&l, 80, 24, 0, 100, 0, 0);
	ck_assert_uint_eq(layout_max_top(&l), 0);
}
END_TEST

/* A jump: the screen stays when the target shows, else a third down. */
START_TEST(test_jump_top)
{
	struct layout l;

	layout_compute(&l, 80, 31, 0, 100000, 0, 0);	/* 30 rows of 16 */
	ck_assert_uint_eq(layout_jump_top(&l, 0, 479), 0);	/* on screen */
	ck_assert_uint_eq(layout_jump_top(&l, 160, 160), 160);
	ck_assert_uint_eq(layout_jump_top(&l, 160, 639), 160);
	/* Row 40 lands 10 rows down: top is row 30. */
	ck_assert_uint_eq(layout_jump_top(&l, 0, 40 * 16 + 5), 30 * 16);
	/* Backwards too. */
	ck_assert_uint_eq(layout_jump_top(&l, 5000 * 16, 1000 * 16), 990 * 16);
	/* Near the start: top 0; near the end: the last screen. */
	ck_assert_uint_eq(layout_jump_top(&l, 5000 * 16, 16 * 5), 0);
	ck_assert_uint_eq(layout_jump_top(&l, 0, 99999), layout_max_top(&l));
	/* One row: the target's row. */
	layout_compute(&l, 80, 2, 0, 100000, 0, 0);
	ck_assert_uint_eq(layout_jump_top(&l, 0, 1000), 992);
}
END_TEST

static Suite *
layout_suite(void)
{
	Suite *s = suite_create("layout");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_product_line);
	tcase_add_test(tc, test_every_width);
	tcase_add_test(tc, test_offset_width);
	tcase_add_test(tc, test_widen);
	tcase_add_test(tc, test_fixed_bpl);
	tcase_add_test(tc, test_rows);
	tcase_add_test(tc, test_click_round_trip);
	tcase_add_test(tc, test_click_misses);
	tcase_add_test(tc, test_keep_visible);
	tcase_add_test(tc, test_jump_top);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(layout_suite)
