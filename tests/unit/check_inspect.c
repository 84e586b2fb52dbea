/*
 * check_inspect.c - the inspector's lines against values whose encodings
 * are known: integers of each width in both byte orders, IEEE floats,
 * bits, UTF-8 (valid, invalid, truncated), and "n/a" near the end.
 */
#include "config.h"

#include <string.h>

#include "inspect.h"
#include "unit.h"

/* The value shown on the line labelled label. */
static const char *
value(const struct inspect_line *l, const char *label)
{
	int i;

	for (i = 0; i < INSPECT_NLINES; i++)
		if (strcmp(l[i].label, label) == 0)
			return l[i].value;
	ck_abort_msg("no line %s", label);
	return NULL;
}

START_TEST(test_integers)
{
	static const unsigned char b[] = {
	    0x4c, 0x6f, 0x72, 0x65, 0x6d, 0x20, 0x69, 0x70 };	/* "Lorem ip" */
	struct inspect_line l[INSPECT_NLINES];

	inspect_bytes(b, sizeof(b), l);
	ck_assert_str_eq(value(l, "u8"), "76  0x4c");
	ck_assert_str_eq(value(l, "i8"), "76");
	ck_assert_str_eq(value(l, "bin"), "01001100");
	ck_assert_str_eq(value(l, "u16"), "le 28492 0x6f4c  be 19567 0x4c6f");
	ck_assert_str_eq(value(l, "x64"),
	    "le 0x7069206d65726f4c  be 0x4c6f72656d206970");
	ck_assert_str_eq(value(l, "i16"), "le 28492  be 19567");
	ck_assert_str_eq(value(l, "u32"),
	    "le 1701998412 0x65726f4c  be 1282372197 0x4c6f7265");
	ck_assert_str_eq(value(l, "u64"),
	    "le 8100041059028070220  be 5507746649245510000");
	ck_assert_str_eq(value(l, "utf8"), "U+004C L");
}
END_TEST

START_TEST(test_signed)
{
	static const unsigned char b[] = {
	    0xff, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0x80 };
	struct inspect_line l[INSPECT_NLINES];

	inspect_bytes(b, sizeof(b), l);
	ck_assert_str_eq(value(l, "u8"), "255  0xff");
	ck_assert_str_eq(value(l, "i8"), "-1");
	ck_assert_str_eq(value(l, "bin"), "11111111");
	ck_assert_str_eq(value(l, "u16"), "le 65279 0xfeff  be 65534 0xfffe");
	ck_assert_str_eq(value(l, "i16"), "le -257  be -2");
	ck_assert_str_eq(value(l, "i32"), "le -257  be -65537");
	ck_assert_str_eq(value(l, "i64"),
	    "le -9151314442816848129  be -281474976710784");
	ck_assert_str_eq(value(l, "u64"),
	    "le 9295429630892703487  be 18446462598732840832");
	ck_assert_str_eq(value(l, "utf8"), "invalid");
}
END_TEST

START_TEST(test_floats)
{
	/* 1.0f LE = 00 00 80 3f; as BE 00 00 80 3f is 4.6006e-41. */
	static const unsigned char f1[] = { 0x00, 0x00, 0x80, 0x3f };
	/* pi as f64 BE: 40 09 21 fb 54 44 2d 18. */
	static const unsigned char pi[] = {
	    0x40, 0x09, 0x21, 0xfb, 0x54, 0x44, 0x2d, 0x18 };
	/* -2.5f BE c0 20 00 00 */
	static const unsigned char m[] = { 0xc0, 0x20, 0x00, 0x00 };
	struct inspect_line l[INSPECT_NLINES];

	inspect_bytes(f1, sizeof(f1), l);
	ck_assert_str_eq(value(l, "f32"), "le 1  be 4.60060299e-41");
	ck_assert_str_eq(value(l, "f64"), "n/a");
	ck_assert_str_eq(value(l, "u64"), "n/a");
	ck_assert_str_eq(value(l, "u32"),
	    "le 1065353216 0x3f800000  be 32831 0x0000803f");
	inspect_bytes(pi, sizeof(pi), l);
	ck_assert_str_eq(value(l, "f64"),
	    "le 3.2073756306763658e-192  be 3.1415926535897931");
	inspect_bytes(m, sizeof(m), l);
	ck_assert_str_eq(value(l, "f32"), "le 1.17484863e-41  be -2.5");
}
END_TEST

START_TEST(test_utf8)
{
	struct inspect_line l[INSPECT_NLINES];

	inspect_bytes((const unsigned char *)"\xc3\xa9t\xc3", 4, l);
	ck_assert_str_eq(value(l, "utf8"), "U+00E9 \xc3\xa9");
	inspect_bytes((const unsigned char *)"\xe2\x82\xac", 3, l);
	ck_assert_str_eq(value(l, "utf8"), "U+20AC \xe2\x82\xac");
	inspect_bytes((const unsigned char *)"\xf0\x9f\x98\x80", 4, l);
	ck_assert_str_eq(value(l, "utf8"), "U+1F600 \xf0\x9f\x98\x80");
	inspect_bytes((const unsigned char *)"\n", 1, l);
	ck_assert_str_eq(value(l, "utf8"), "U+000A");
	/* truncated by the end of the window */
	inspect_bytes((const unsigned char *)"\xc3", 1, l);
	ck_assert_str_eq(value(l, "utf8"), "n/a");
	inspect_bytes((const unsigned char *)"\xe2\x82", 2, l);
	ck_assert_str_eq(value(l, "utf8"), "n/a");
	/* continuation, overlong, surrogate, above U+10FFFF, bad follower */
	inspect_bytes((const unsigned char *)"\xa9", 1, l);
	ck_assert_str_eq(value(l, "utf8"), "invalid");
	inspect_bytes((const unsigned char *)"\xc0\xaf", 2, l);
	ck_assert_str_eq(value(l, "utf8"), "invalid");
	inspect_bytes((const unsigned char *)"\xe0\x80\xaf", 3, l);
	ck_assert_str_eq(value(l, "utf8"), "invalid");
	inspect_bytes((const unsigned char *)"\xed\xa0\x80", 3, l);
	ck_assert_str_eq(value(l, "utf8"), "invalid");
	inspect_bytes((const unsigned char *)"\xf4\x90\x80\x80", 4, l);
	ck_assert_str_eq(value(l, "utf8"), "invalid");
	inspect_bytes((const unsigned char *)"\xc3t", 2, l);
	ck_assert_str_eq(value(l, "utf8"), "invalid");
}
END_TEST

/* Near the end of the window: what does not fit says n/a. */
START_TEST(test_short)
{
	static const unsigned char b[] = { 0x01, 0x02, 0x03 };
	struct inspect_line l[INSPECT_NLINES];
	int i;

	inspect_bytes(b, 3, l);
	ck_assert_str_eq(value(l, "u8"), "1  0x01");
	ck_assert_str_eq(value(l, "u16"), "le 513 0x0201  be 258 0x0102");
	ck_assert_str_eq(value(l, "x64"), "n/a");
	ck_assert_str_eq(value(l, "u32"), "n/a");
	ck_assert_str_eq(value(l, "f32"), "n/a");
	inspect_bytes(b, 0, l);
	for (i = 0; i < INSPECT_NLINES; i++) {
		ck_assert_str_ne(l[i].label, "");
		ck_assert_str_eq(l[i].value, "n/a");
	}
}
END_TEST

START_TEST(test_panel_rows)
{
	ck_assert_int_eq(inspect_panel_rows(0), INSPECT_NLINES);
	ck_assert_int_eq(inspect_panel_rows(80), INSPECT_NLINES);
	ck_assert_int_eq(inspect_panel_rows(2 * INSPECT_COL_WIDTH), 7);
	ck_assert_int_eq(inspect_panel_rows(3 * INSPECT_COL_WIDTH), 5);
	ck_assert_int_eq(inspect_panel_rows(13 * INSPECT_COL_WIDTH), 1);
	ck_assert_int_eq(inspect_panel_rows(100 * INSPECT_COL_WIDTH), 1);
}
END_TEST

static Suite *
inspect_suite(void)
{
	Suite *s = suite_create("inspect");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_integers);
	tcase_add_test(tc, test_signed);
	tcase_add_test(tc, test_floats);
	tcase_add_test(tc, test_utf8);
	tcase_add_test(tc, test_short);
	tcase_add_test(tc, test_panel_rows);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(inspect_suite)
