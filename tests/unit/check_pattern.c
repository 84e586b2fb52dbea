/*
 * check_pattern.c - what a user types into the find prompt or -x / -f, and
 * the bytes (or the error, with its position) that come out.
 */
#include "config.h"

#include <string.h>

#include "pattern.h"
#include "unit.h"

/* Parse hex s and check it gives exactly the bytes want (no wildcard). */
static void
expect_hex(const char *s, const char *want, size_t len)
{
	struct pattern p;
	struct error err;

	ck_assert_msg(pattern_parse_hex(&p, s, &err) == 0,
	    "\"%s\" refused: %s", s, err.msg);
	ck_assert_uint_eq(p.len, len);
	ck_assert_mem_eq(p.bytes, want, len);
	ck_assert_ptr_null(p.mask);
	pattern_free(&p);
}

/* Parse hex s, expect an error at pos whose message contains words. */
static void
expect_hex_error(const char *s, long pos, const char *words)
{
	struct pattern p;
	struct error err;

	ck_assert_msg(pattern_parse_hex(&p, s, &err) == -1,
	    "\"%s\" was accepted", s);
	ck_assert_msg(err.pos == pos, "\"%s\": error at %ld, expected %ld (%s)",
	    s, err.pos, pos, err.msg);
	ck_assert_msg(strstr(err.msg, words) != NULL,
	    "\"%s\": message \"%s\" lacks \"%s\"", s, err.msg, words);
	ck_assert_ptr_null(p.bytes);
	ck_assert_uint_eq(p.len, 0);
	pattern_free(&p);
}

static void
expect_text(const char *s, const char *want, size_t len)
{
	struct pattern p;
	struct error err;

	ck_assert_msg(pattern_parse_text(&p, s, &err) == 0,
	    "\"%s\" refused: %s", s, err.msg);
	ck_assert_uint_eq(p.len, len);
	ck_assert_mem_eq(p.bytes, want, len);
	ck_assert_ptr_null(p.mask);
	pattern_free(&p);
}

static void
expect_text_error(const char *s, long pos, const char *words)
{
	struct pattern p;
	struct error err;

	ck_assert_msg(pattern_parse_text(&p, s, &err) == -1,
	    "\"%s\" was accepted", s);
	ck_assert_msg(err.pos == pos, "\"%s\": error at %ld, expected %ld (%s)",
	    s, err.pos, pos, err.msg);
	ck_assert_msg(strstr(err.msg, words) != NULL,
	    "\"%s\": message \"%s\" lacks \"%s\"", s, err.msg, words);
	pattern_free(&p);
}

START_TEST(hex_spellings)
{
	expect_hex("de ad be ef", "\xde\xad\xbe\xef", 4);
	expect_hex("deadbeef", "\xde\xad\xbe\xef", 4);
	expect_hex("DE AD", "\xde\xad", 2);
	expect_hex("De aD", "\xde\xad", 2);
	expect_hex("00", "\0", 1);
	expect_hex("  7f\t00  ff ", "\x7f\x00\xff", 3);
	expect_hex("0123456789abcdefABCDEF",
	    "\x01\x23\x45\x67\x89\xab\xcd\xef\xab\xcd\xef", 11);
}
END_TEST

START_TEST(hex_wildcards)
{
	struct pattern p;
	struct error err;

	ck_assert_int_eq(pattern_parse_hex(&p, "de ?? be?\?", &err), 0);
	ck_assert_uint_eq(p.len, 4);
	ck_assert_ptr_nonnull(p.mask);
	ck_assert_mem_eq(p.mask, "\xff\x00\xff\x00", 4);
	/* A wildcard's value byte is 0, as pattern.h promises. */
	ck_assert_mem_eq(p.bytes, "\xde\x00\xbe\x00", 4);
	ck_assert(pattern_match_at(&p, (const unsigned char *)"\xde\x12\xbe\xff"));
	ck_assert(pattern_match_at(&p, (const unsigned char *)"\xde\x00\xbe\x00"));
	ck_assert(!pattern_match_at(&p, (const unsigned char *)"\xdf\x12\xbe\xff"));
	ck_assert(!pattern_match_at(&p, (const unsigned char *)"\xde\x12\xbf\xff"));
	pattern_free(&p);

	ck_assert_int_eq(pattern_parse_hex(&p, "?\?", &err), 0);
	ck_assert_uint_eq(p.len, 1);
	ck_assert_uint_eq(p.mask[0], 0);
	ck_assert(pattern_match_at(&p, (const unsigned char *)"\x80"));
	pattern_free(&p);
}
END_TEST

START_TEST(hex_errors)
{
	expect_hex_error("", 0, "empty");
	expect_hex_error("   ", 0, "empty");
	expect_hex_error("deag", 3, "bad hex digit 'g' at position 3");
	expect_hex_error("gg", 0, "bad hex digit 'g' at position 0");
	expect_hex_error("de,ad", 2, "bad hex digit ',' at position 2");
	expect_hex_error("0x41", 1, "bad hex digit 'x' at position 1");
	expect_hex_error("de\x01" "ad", 2, "bad hex digit '\\x01' at position 2");
	expect_hex_error("dea", 2, "odd number of hex digits");
	expect_hex_error("de a", 3, "odd number of hex digits");
	expect_hex_error("f", 0, "odd number of hex digits");
	expect_hex_error("de ad b ", 6, "odd number of hex digits");
	/* Blanks separate bytes; they never split one. */
	expect_hex_error("d e", 1, "blank inside a byte at position 1");
	expect_hex_error("dea dbeef", 3, "blank inside a byte at position 3");
	/* Half a wildcard is no byte. */
	expect_hex_error("?a", 1, "bad hex digit 'a' at position 1");
	expect_hex_error("a?", 1, "bad hex digit '?' at position 1");
	expect_hex_error("de ?", 3, "odd number of hex digits");
	expect_hex_error("?\?\?", 2, "odd number of hex digits");
	expect_hex_error("\xc3\xa9", 0, "bad hex digit '\\xc3' at position 0");
}
END_TEST

START_TEST(text_plain_and_escapes)
{
	expect_text("hello", "hello", 5);
	expect_text("a\\x00b", "a\0b", 3);
	expect_text("\\xFF\\xfe", "\xff\xfe", 2);
	expect_text("\\n\\t\\r\\0\\\\", "\n\t\r\0\\", 5);
	expect_text("\\\\n", "\\n", 2);
	/* Bytes other than the backslash are taken as they are. */
	expect_text("\xc3\xa9 ?? \x01", "\xc3\xa9 ?? \x01", 7);
	expect_text(" ", " ", 1);
}
END_TEST

START_TEST(text_errors)
{
	expect_text_error("", 0, "empty");
	expect_text_error("ab\\q", 2, "bad escape '\\q' at position 2");
	expect_text_error("\\x4", 0, "\\x needs two hex digits");
	expect_text_error("abc\\x4g", 3, "\\x needs two hex digits");
	expect_text_error("\\x", 0, "\\x needs two hex digits");
	expect_text_error("ab\\", 2, "lone backslash at position 2");
	expect_text_error("\\N", 0, "bad escape '\\N'");
	expect_text_error("x\\\x01", 1, "bad escape '\\\\x01'");
}
END_TEST

START_TEST(from_bytes_and_match)
{
	struct pattern p;
	const unsigned char hay[] = "xx\0abc\0yy";

	pattern_from_bytes(&p, "\0abc\0", 5);
	ck_assert_uint_eq(p.len, 5);
	ck_assert_ptr_null(p.mask);
	ck_assert(pattern_match_at(&p, hay + 2));
	ck_assert(!pattern_match_at(&p, hay + 1));
	ck_assert(!pattern_match_at(&p, hay + 3));
	pattern_free(&p);
	ck_assert_ptr_null(p.bytes);
	ck_assert_uint_eq(p.len, 0);
	/* Freeing twice (a freed pattern) is harmless. */
	pattern_free(&p);
}
END_TEST

/* A pattern can be parsed into again after pattern_free. */
START_TEST(reuse_after_free)
{
	struct pattern p;
	struct error err;

	ck_assert_int_eq(pattern_parse_hex(&p, "41 ?? 43", &err), 0);
	pattern_free(&p);
	ck_assert_int_eq(pattern_parse_text(&p, "ABC", &err), 0);
	ck_assert(pattern_match_at(&p, (const unsigned char *)"ABC"));
	pattern_free(&p);
}
END_TEST

/* A NULL error record is allowed: the caller only wants the verdict. */
START_TEST(null_error_record)
{
	struct pattern p;

	ck_assert_int_eq(pattern_parse_hex(&p, "zz", NULL), -1);
	ck_assert_int_eq(pattern_parse_text(&p, "\\z", NULL), -1);
}
END_TEST

static Suite *
pattern_suite(void)
{
	Suite *s = suite_create("pattern");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, hex_spellings);
	tcase_add_test(tc, hex_wildcards);
	tcase_add_test(tc, hex_errors);
	tcase_add_test(tc, text_plain_and_escapes);
	tcase_add_test(tc, text_errors);
	tcase_add_test(tc, from_bytes_and_match);
	tcase_add_test(tc, reuse_after_free);
	tcase_add_test(tc, null_error_record);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(pattern_suite)
