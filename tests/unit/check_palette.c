/*
 * check_palette.c - every colour of both palettes readable on its
 * background (WCAG contrast from the colours' RGB, at least 3:1), at each
 * number of colours a terminal may have; the RGB model against known
 * values; and what COLORFGBG and an OSC 11 answer say.
 */
#include "config.h"

#include <string.h>

#include "palette.h"
#include "unit.h"

static struct palette_rgb
rgb(unsigned r, unsigned g, unsigned b)
{
	struct palette_rgb c = { (unsigned char)r, (unsigned char)g,
	    (unsigned char)b };

	return c;
}

static void
expect_rgb(struct palette_rgb got, unsigned r, unsigned g, unsigned b)
{
	ck_assert_uint_eq(got.r, r);
	ck_assert_uint_eq(got.g, g);
	ck_assert_uint_eq(got.b, b);
}

START_TEST(test_rgb_model)
{
	expect_rgb(palette_rgb(16, true, false, PALETTE_LIGHT), 0, 0, 0);
	expect_rgb(palette_rgb(231, true, false, PALETTE_LIGHT), 255, 255, 255);
	expect_rgb(palette_rgb(25, true, false, PALETTE_LIGHT), 0, 95, 175);
	expect_rgb(palette_rgb(130, true, false, PALETTE_LIGHT), 175, 95, 0);
	expect_rgb(palette_rgb(244, true, false, PALETTE_LIGHT), 128, 128, 128);
	expect_rgb(palette_rgb(255, true, false, PALETTE_LIGHT), 238, 238, 238);
	expect_rgb(palette_rgb(6, true, false, PALETTE_DARK), 0, 205, 205);
	/* Bold 0-7 is drawn bright; the cube's colours are not. */
	expect_rgb(palette_rgb(4, true, true, PALETTE_DARK), 92, 92, 255);
	expect_rgb(palette_rgb(4, false, true, PALETTE_DARK), 0, 0, 238);
	expect_rgb(palette_rgb(16, true, true, PALETTE_DARK), 0, 0, 0);
	/* The terminal's own colours, as each background assumes them. */
	expect_rgb(palette_rgb(PALETTE_DEFAULT, false, false, PALETTE_LIGHT),
	    255, 255, 255);
	expect_rgb(palette_rgb(PALETTE_DEFAULT, false, false, PALETTE_DARK),
	    0, 0, 0);
	expect_rgb(palette_rgb(PALETTE_DEFAULT, true, false, PALETTE_LIGHT),
	    0, 0, 0);
}
END_TEST

START_TEST(test_contrast_known)
{
	ck_assert_double_eq_tol(palette_contrast(rgb(0, 0, 0),
	    rgb(255, 255, 255)), 21.0, 1e-9);
	ck_assert_double_eq_tol(palette_contrast(rgb(255, 255, 255),
	    rgb(0, 0, 0)), 21.0, 1e-9);
	ck_assert_double_eq_tol(palette_contrast(rgb(119, 119, 119),
	    rgb(119, 119, 119)), 1.0, 1e-9);
	/* #777 on white is the classic 4.48:1. */
	ck_assert_double_eq_tol(palette_contrast(rgb(119, 119, 119),
	    rgb(255, 255, 255)), 4.48, 0.01);
	/* Why a light palette: the dark one's cyan and yellow on white. */
	ck_assert(palette_contrast(palette_rgb(6, true, false, PALETTE_LIGHT),
	    rgb(255, 255, 255)) < 2.0);
	ck_assert(palette_contrast(palette_rgb(3, true, false, PALETTE_LIGHT),
	    rgb(255, 255, 255)) < 2.0);
}
END_TEST

/* Every role of bg's palette at ncolors reads on what it is drawn on. */
static void
expect_readable(enum palette_background bg, int ncolors)
{
	const struct palette_color *p = palette_colors(bg, ncolors);
	struct palette_rgb fg, back;
	double c;
	int r;

	for (r = 0; r < PAL_NROLES; r++) {
		ck_assert_int_lt(p[r].fg, ncolors);
		ck_assert_int_lt(p[r].bg, ncolors);
		fg = palette_rgb(p[r].fg, true, p[r].bold, bg);
		back = palette_rgb(p[r].bg, false, false, bg);
		c = palette_contrast(fg, back);
		ck_assert_msg(c >= PALETTE_MIN_CONTRAST,
		    "%s background, %d colours: %s is %.2f:1",
		    bg == PALETTE_LIGHT ? "light" : "dark", ncolors,
		    palette_role_name((enum palette_role)r), c);
	}
}

START_TEST(test_readable)
{
	static const int ncolors[] = { 8, 16, 88, 256 };
	size_t i;

	for (i = 0; i < sizeof(ncolors) / sizeof(ncolors[0]); i++) {
		expect_readable(PALETTE_DARK, ncolors[i]);
		expect_readable(PALETTE_LIGHT, ncolors[i]);
	}
}
END_TEST

/* Where there are enough colours, the five byte classes look different. */
START_TEST(test_classes_distinct)
{
	static const struct {
		enum palette_background bg;
		int ncolors;
	} t[] = { { PALETTE_DARK, 16 }, { PALETTE_DARK, 256 },
	    { PALETTE_LIGHT, 256 } };
	const struct palette_color *p;
	size_t i;
	int a, b;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		p = palette_colors(t[i].bg, t[i].ncolors);
		for (a = PAL_NUL; a <= PAL_HIGH; a++)
			for (b = a + 1; b <= PAL_HIGH; b++)
				ck_assert_int_ne(p[a].fg, p[b].fg);
	}
	/* The light palette is not the dark one. */
	ck_assert(palette_colors(PALETTE_LIGHT, 256)[PAL_PRINT].fg !=
	    palette_colors(PALETTE_DARK, 256)[PAL_PRINT].fg);
}
END_TEST

START_TEST(test_colorfgbg)
{
	ck_assert_int_eq(palette_parse_colorfgbg("15;0"), PALETTE_DARK);
	ck_assert_int_eq(palette_parse_colorfgbg("0;15"), PALETTE_LIGHT);
	ck_assert_int_eq(palette_parse_colorfgbg("0;7"), PALETTE_LIGHT);
	ck_assert_int_eq(palette_parse_colorfgbg("7;8"), PALETTE_DARK);
	ck_assert_int_eq(palette_parse_colorfgbg("0;default;15"),
	    PALETTE_LIGHT);
	ck_assert_int_eq(palette_parse_colorfgbg("15;default;0"), PALETTE_DARK);
	ck_assert_int_eq(palette_parse_colorfgbg("default;default"), -1);
	ck_assert_int_eq(palette_parse_colorfgbg("0;16"), -1);
	ck_assert_int_eq(palette_parse_colorfgbg("0;"), -1);
	ck_assert_int_eq(palette_parse_colorfgbg("15"), -1);
	ck_assert_int_eq(palette_parse_colorfgbg(""), -1);
	ck_assert_int_eq(palette_parse_colorfgbg(NULL), -1);
}
END_TEST

static int
osc11(const char *s)
{
	return palette_parse_osc11(s, strlen(s));
}

START_TEST(test_osc11)
{
	ck_assert_int_eq(osc11("\033]11;rgb:ffff/ffff/ffff\033\\"),
	    PALETTE_LIGHT);
	ck_assert_int_eq(osc11("\033]11;rgb:0000/0000/0000\a"), PALETTE_DARK);
	/* tmux's answer for a white pane; Solarized light and dark. */
	ck_assert_int_eq(osc11("\033]11;rgb:c0c0/c0c0/c0c0\033\\\033[?1;2c"),
	    PALETTE_LIGHT);
	ck_assert_int_eq(osc11("\033]11;rgb:fdfd/f6f6/e3e3\a"), PALETTE_LIGHT);
	ck_assert_int_eq(osc11("\033]11;rgb:0000/2b2b/3636\a"), PALETTE_DARK);
	/* One to four digits a part. */
	ck_assert_int_eq(osc11("\033]11;rgb:1e/1e/1e\a"), PALETTE_DARK);
	ck_assert_int_eq(osc11("\033]11;rgb:f/f/f\a"), PALETTE_LIGHT);
	/* A key typed first is no part of it. */
	ck_assert_int_eq(osc11("j\033]11;rgb:eeee/eeee/eeee\033\\"),
	    PALETTE_LIGHT);
	/* Cut short, or no answer at all. */
	ck_assert_int_eq(osc11("\033]11;rgb:ffff/ffff/ff"), -1);
	ck_assert_int_eq(osc11("\033]11;rgb:ffff/ffff\a"), -1);
	ck_assert_int_eq(osc11("\033]11;rgb:ffff/ffff/ffffx"), -1);
	ck_assert_int_eq(osc11("\033[?1;2c"), -1);
	ck_assert_int_eq(osc11(""), -1);
}
END_TEST

static bool
done(const char *s)
{
	return palette_reply_done(s, strlen(s));
}

START_TEST(test_reply_done)
{
	ck_assert(done("\033[?1;2c"));
	ck_assert(done("\033]11;rgb:ffff/ffff/ffff\033\\\033[?62;22c"));
	ck_assert(!done("\033]11;rgb:ffff/ffff/ffff\033\\"));
	ck_assert(!done("\033[?1;2"));
	ck_assert(!done("\033[?1;2x"));
	ck_assert(!done(""));
}
END_TEST

static Suite *
palette_suite(void)
{
	Suite *s = suite_create("palette");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_rgb_model);
	tcase_add_test(tc, test_contrast_known);
	tcase_add_test(tc, test_readable);
	tcase_add_test(tc, test_classes_distinct);
	tcase_add_test(tc, test_colorfgbg);
	tcase_add_test(tc, test_osc11);
	tcase_add_test(tc, test_reply_done);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(palette_suite)
