/*
 * check_editor_search.c - src/editor-search.c driven from the keyboard:
 * find and rfind (text and hex), regex forward and backward, n and N,
 * the errors, a cancelled search, and the matches on screen.
 */
#include "config.h"

#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "editor.h"
#include "editor-test.h"
#include "unit.h"

START_TEST(test_find_text)
{
	struct sess s;
	struct editor *ed = open_lorem(&s);

	editor_key(ed, EK_TAB);
	ck_assert_int_eq(ed->pane, PANE_TEXT);
	editor_key(ed, 'f');
	ck_assert_str_eq(ed->prompt.label, "find text: ");
	type(ed, "consectetuer");
	editor_key(ed, EK_ENTER);
	ck_assert_uint_eq(ed->cursor, 28);
	ck_assert(ed->has_match);
	ck_assert_uint_eq(ed->match.at, 28);
	ck_assert_uint_eq(ed->match.len, 12);
	ck_assert_str_eq(ed->msg, "match 1 of 2");
	type(ed, "n");
	ck_assert_uint_eq(ed->cursor, 81);
	ck_assert_str_eq(ed->msg, "match 2 of 2");
	type(ed, "n");
	ck_assert_uint_eq(ed->cursor, 28);
	ck_assert_str_eq(ed->msg, "search wrapped; match 1 of 2");
	ck_assert(!ed->msg_error);
	type(ed, "N");				/* backward from 28: wraps to 81 */
	ck_assert_uint_eq(ed->cursor, 81);
	ck_assert_str_eq(ed->msg, "search wrapped; match 2 of 2");
	type(ed, "N");
	ck_assert_uint_eq(ed->cursor, 28);
	ck_assert_str_eq(ed->msg, "match 1 of 2");
	finish(&s);
}
END_TEST

START_TEST(test_rfind)
{
	struct sess s;
	struct editor *ed = open_lorem(&s);

	editor_key(ed, EK_TAB);
	type(ed, "G");
	editor_key(ed, 'F');
	ck_assert_str_eq(ed->prompt.label, "find text backward: ");
	type(ed, "Vivamus");
	editor_key(ed, EK_ENTER);
	ck_assert_uint_eq(ed->cursor, 578);
	type(ed, "n");
	ck_assert_uint_eq(ed->cursor, 562);
	type(ed, "n");
	ck_assert_uint_eq(ed->cursor, 264);
	type(ed, "n");
	ck_assert_uint_eq(ed->cursor, 578);
	ck_assert_str_eq(ed->msg, "search wrapped; match 3 of 3");
	type(ed, "N");				/* forward again */
	ck_assert_uint_eq(ed->cursor, 264);
	ck_assert_str_eq(ed->msg, "search wrapped; match 1 of 3");
	/* A match overlapping the cursor but starting before it is found. */
	command(ed, 'g', "567");
	command(ed, 'F', "Vivamus");
	ck_assert_uint_eq(ed->cursor, 562);
	/* The only match is at the cursor: wrapping comes back to it. */
	command(ed, 'g', "0");
	command(ed, 'F', "Lorem");
	ck_assert_uint_eq(ed->cursor, 0);
	ck_assert_str_eq(ed->msg, "search wrapped; match 1 of 1");
	command(ed, 'f', "Lorem");
	ck_assert_uint_eq(ed->cursor, 0);
	ck_assert_str_eq(ed->msg, "search wrapped; match 1 of 1");
	finish(&s);
}
END_TEST

START_TEST(test_find_hex)
{
	struct sess s;
	struct editor *ed = open_lorem(&s);

	editor_key(ed, 'f');
	ck_assert(ed->prompt.hex);
	ck_assert_str_eq(ed->prompt.label, "find hex: ");
	type(ed, "4e 75 6c 6c 61");		/* "Nulla" */
	editor_key(ed, EK_ENTER);
	ck_assert_uint_eq(ed->cursor, 195);
	ck_assert_int_eq(ed->search.kind, SEARCH_HEX);
	type(ed, "n");
	ck_assert_uint_eq(ed->cursor, 526);
	command(ed, 'f', "4e??6c6c61");	/* wildcard */
	ck_assert_uint_eq(ed->cursor, 195);
	/* Tab in the prompt switches to text, in the hex pane. */
	editor_key(ed, 'f');
	editor_key(ed, EK_TAB);
	ck_assert(!ed->prompt.hex);
	ck_assert_str_eq(ed->prompt.label, "find text: ");
	editor_key(ed, EK_TAB);
	ck_assert_str_eq(ed->prompt.label, "find hex: ");
	editor_key(ed, EK_TAB);
	type(ed, "\\x4eulla");
	editor_key(ed, EK_ENTER);
	ck_assert_uint_eq(ed->cursor, 526);
	ck_assert_int_eq(ed->search.kind, SEARCH_TEXT);
	ck_assert_int_eq(ed->pane, PANE_HEX);
	finish(&s);
}
END_TEST

START_TEST(test_find_errors)
{
	struct sess s;
	struct editor *ed = open_lorem(&s);

	command(ed, 'g', "10");
	command(ed, 'f', "zz zz");
	ck_assert_uint_eq(ed->cursor, 10);
	ck_assert(ed->msg_error);
	ck_assert_msg(strstr(ed->msg, "find: bad hex digit") != NULL &&
	    strstr(ed->msg, "position 0") != NULL, "[%s]", ed->msg);
	command(ed, 'f', "4e7");
	ck_assert(strstr(ed->msg, "odd number of hex digits") != NULL);
	command(ed, 'f', "");
	ck_assert_str_eq(ed->msg, "find: empty hex pattern");
	/* No search yet: n says so. */
	type(ed, "n");
	ck_assert_str_eq(ed->msg, "no previous search");
	type(ed, "N");
	ck_assert_str_eq(ed->msg, "no previous search");
	editor_key(ed, EK_TAB);
	command(ed, 'f', "zzzz");
	ck_assert_uint_eq(ed->cursor, 10);
	ck_assert_str_eq(ed->msg, "not found: zzzz");
	ck_assert(ed->msg_error);
	ck_assert(!ed->has_match);
	type(ed, "n");
	ck_assert_str_eq(ed->msg, "not found: zzzz");
	command(ed, 'F', "zzzz");
	ck_assert_str_eq(ed->msg, "not found: zzzz");
	command(ed, 'f', "bad\\q");
	ck_assert_str_eq(ed->msg, "find: bad escape '\\q' at position 3");
	ck_assert_uint_eq(ed->cursor, 10);
	/* A bad pattern keeps the last good search for n. */
	type(ed, "n");
	ck_assert_str_eq(ed->msg, "not found: zzzz");
	finish(&s);
}
END_TEST

START_TEST(test_regex)
{
	struct sess s;
	struct editor *ed = open_lorem(&s);

	editor_key(ed, '/');
	ck_assert_str_eq(ed->prompt.label, "regex: ");
	type(ed, "(?i)nulla[^.]*\\.");
	editor_key(ed, EK_ENTER);
	ck_assert_uint_eq(ed->cursor, 195);
	ck_assert_uint_eq(ed->match.len, 15);	/* "Nulla facilisi." */
	type(ed, "n");
	ck_assert_uint_eq(ed->cursor, 526);
	type(ed, "n");				/* "nulla." at 555 */
	ck_assert_uint_eq(ed->cursor, 555);
	type(ed, "n");
	ck_assert_uint_eq(ed->cursor, 195);
	ck_assert_str_eq(ed->msg, "search wrapped; match 1 of 3");
	type(ed, "N");
	ck_assert_uint_eq(ed->cursor, 555);
	ck_assert_str_eq(ed->msg, "search wrapped; match 3 of 3");
	type(ed, "G");
	editor_key(ed, '?');
	ck_assert_str_eq(ed->prompt.label, "regex backward: ");
	type(ed, "^Nulla");
	editor_key(ed, EK_ENTER);
	ck_assert_uint_eq(ed->cursor, 195);
	type(ed, "n");
	ck_assert_uint_eq(ed->cursor, 195);
	ck_assert_str_eq(ed->msg, "search wrapped; match 1 of 1");
	command(ed, '/', "xyzzy");
	ck_assert_str_eq(ed->msg, "not found: xyzzy");
	ck_assert_uint_eq(ed->cursor, 195);
	command(ed, '/', "ab(c");
	ck_assert(ed->msg_error);
	ck_assert_msg(strstr(ed->msg, "regex: regex error at position 4") !=
	    NULL, "[%s]", ed->msg);
	command(ed, '/', "");
	ck_assert_str_eq(ed->msg, "regex: empty pattern");
	ck_assert_uint_eq(ed->cursor, 195);
	finish(&s);
}
END_TEST

START_TEST(test_regex_match_limit)
{
	struct sess s;
	struct editor *ed;
	char buf[41];

	memset(buf, 'a', 40);
	buf[40] = 'b';
	write_file(&s, buf, sizeof(buf));
	start(&s, 0, UINT64_MAX, 80, 24);
	ed = &s.ed;
	command(ed, '/', "(a+)+$");
	ck_assert_uint_eq(ed->cursor, 0);
	ck_assert(ed->msg_error);
	ck_assert_str_eq(ed->msg, "regex too complex: match limit exceeded");
	finish(&s);
}
END_TEST

/* What the progress callback saw; it cancels at once. */
static int
cancel_tick(void *ctx, size_t done, size_t total)
{
	(void)done;
	(void)total;
	(*(int *)ctx)++;
	return 1;
}

START_TEST(test_search_cancelled)
{
	struct sess s;
	struct editor *ed;
	struct progress p;
	int ticks = 0, fd;
	size_t len = (size_t)40 << 20;

	write_file(&s, NULL, len);
	fd = open(s.path, O_WRONLY);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(pwrite(fd, "needle", 6, (off_t)len - 6), 6);
	close(fd);
	start(&s, 0, UINT64_MAX, 80, 24);
	ed = &s.ed;
	p.tick = cancel_tick;
	p.ctx = &ticks;
	ed->progress = &p;
	command(ed, 'g', "100");
	editor_key(ed, EK_TAB);
	command(ed, 'f', "needle");
	ck_assert_int_ge(ticks, 1);
	ck_assert_uint_eq(ed->cursor, 100);
	ck_assert_str_eq(ed->msg, "search cancelled");
	ck_assert(!ed->has_match);
	command(ed, 'F', "needle");
	ck_assert_uint_eq(ed->cursor, 100);
	ck_assert_str_eq(ed->msg, "search cancelled");
	command(ed, '/', "needle");
	ck_assert_uint_eq(ed->cursor, 100);
	ck_assert_str_eq(ed->msg, "search cancelled");
	type(ed, "n");
	ck_assert_str_eq(ed->msg, "search cancelled");
	/* Without the cancel the same search lands. */
	ed->progress = NULL;
	type(ed, "n");
	ck_assert_uint_eq(ed->cursor, len - 6);
	assert_visible(ed);
	finish(&s);
}
END_TEST

START_TEST(test_matches_on_screen)
{
	struct sess s;
	struct editor *ed = open_lorem(&s);
	struct match mt[8];
	size_t n;

	ck_assert_uint_eq(editor_matches(ed, 0, LOREM_LEN, mt, 8), 0);
	editor_key(ed, EK_TAB);
	command(ed, 'f', "consectetuer");
	n = editor_matches(ed, 0, LOREM_LEN, mt, 8);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(mt[0].at, 28);
	ck_assert_uint_eq(mt[0].len, 12);
	ck_assert_uint_eq(mt[1].at, 81);
	ck_assert_uint_eq(editor_matches(ed, 30, 31, mt, 8), 1);
	ck_assert_uint_eq(mt[0].at, 28);
	ck_assert_uint_eq(editor_matches(ed, 40, 81, mt, 8), 0);
	ck_assert_uint_eq(editor_matches(ed, 0, 29, mt, 8), 1);
	ck_assert_uint_eq(editor_matches(ed, 0, 28, mt, 8), 0);
	ck_assert_uint_eq(editor_matches(ed, 0, 10000, mt, 1), 1);
	ck_assert_uint_eq(editor_matches(ed, 50, 40, mt, 8), 0);
	command(ed, 'f', "m");
	ck_assert_uint_eq(editor_matches(ed, 0, 16, mt, 8), 2);
	command(ed, '/', "(?i)nulla");
	n = editor_matches(ed, 0, LOREM_LEN, mt, 8);
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(mt[2].at, 555);
	ck_assert_uint_eq(editor_matches(ed, 528, 529, mt, 8), 1);
	ck_assert_uint_eq(mt[0].at, 526);
	ck_assert_uint_eq(mt[0].len, 5);
	finish(&s);
}
END_TEST

/* Overlapping matches are each reported, so each is highlighted. */
START_TEST(test_matches_overlap)
{
	struct sess s;
	struct editor *ed;
	struct match mt[8];

	write_file(&s, "xaaaaaay", 8);
	start(&s, 0, UINT64_MAX, 80, 24);
	ed = &s.ed;
	editor_key(ed, EK_TAB);
	command(ed, 'f', "aa");
	ck_assert_uint_eq(ed->cursor, 1);
	ck_assert_uint_eq(editor_matches(ed, 0, 8, mt, 8), 5);
	ck_assert_uint_eq(mt[4].at, 5);
	ck_assert_uint_eq(editor_matches(ed, 3, 4, mt, 8), 2);
	ck_assert_uint_eq(mt[0].at, 2);
	type(ed, "nnnn");
	ck_assert_uint_eq(ed->cursor, 5);
	type(ed, "n");
	ck_assert_uint_eq(ed->cursor, 1);
	ck_assert_str_eq(ed->msg, "search wrapped; match 1 of 5");
	finish(&s);
}
END_TEST

/* A: the list of the matches; moving in it, Enter, Esc; none before a search. */
START_TEST(test_list_matches)
{
	struct sess s;
	struct editor *ed = open_lorem(&s);

	type(ed, "A");
	ck_assert_str_eq(ed->msg, "no previous search: A lists its matches");
	ck_assert_int_ne(ed->input, INPUT_LIST);
	editor_key(ed, EK_TAB);
	command(ed, 'f', "Vivamus");			/* 264, 562, 578 */
	ck_assert_uint_eq(ed->cursor, 264);
	type(ed, "A");
	ck_assert_int_eq(ed->input, INPUT_LIST);
	ck_assert_uint_eq(ed->search.nstarts, 3);
	ck_assert_uint_eq(ed->list_sel, 0);
	ck_assert_str_eq(ed->msg, "match 1 of 3: Enter goes there, Esc leaves");
	type(ed, "jjj");
	ck_assert_uint_eq(ed->list_sel, 2);
	type(ed, "k");
	editor_key(ed, EK_ENTER);
	ck_assert_int_ne(ed->input, INPUT_LIST);
	ck_assert_uint_eq(ed->cursor, 562);
	ck_assert_uint_eq(ed->match.len, 7);
	ck_assert_str_eq(ed->msg, "match 2 of 3");
	type(ed, "AG");
	ck_assert_uint_eq(ed->list_sel, 2);
	editor_key(ed, EK_ESC);
	ck_assert_int_ne(ed->input, INPUT_LIST);
	ck_assert_uint_eq(ed->cursor, 562);
	finish(&s);
}
END_TEST

/*
 * A window past 256 MiB: n lands without counting (a walk of all of it
 * for every search would be too much), A counts it, then n says which
 * match; past a million matches the first million are kept and said.
 */
START_TEST(test_list_big)
{
	size_t len = ((size_t)300 << 20), n = 1000005;
	struct sess s;
	struct editor *ed;
	unsigned char *d;
	int fd;

	write_file(&s, NULL, len);
	fd = open(s.path, O_WRONLY);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(pwrite(fd, "needle", 6, 100), 6);
	ck_assert_int_eq(pwrite(fd, "needle", 6, (off_t)200 << 20), 6);
	ck_assert_int_eq(pwrite(fd, "needle", 6, (off_t)len - 6), 6);
	close(fd);
	start(&s, 0, UINT64_MAX, 80, 24);
	ed = &s.ed;
	editor_key(ed, EK_TAB);
	command(ed, 'f', "needle");
	ck_assert_uint_eq(ed->cursor, 100);
	ck_assert_str_eq(ed->msg, "");
	type(ed, "A");
	ck_assert_int_eq(ed->input, INPUT_LIST);
	ck_assert_uint_eq(ed->search.nstarts, 3);
	ck_assert_str_eq(ed->msg, "match 1 of 3: Enter goes there, Esc leaves");
	editor_key(ed, EK_ESC);
	type(ed, "n");
	ck_assert_uint_eq(ed->cursor, (size_t)200 << 20);
	ck_assert_str_eq(ed->msg, "match 2 of 3");
	finish(&s);

	d = malloc(n);
	ck_assert_ptr_nonnull(d);
	memset(d, 'a', n);
	write_file(&s, d, n);
	free(d);
	start(&s, 0, UINT64_MAX, 80, 24);
	ed = &s.ed;
	editor_key(ed, EK_TAB);
	command(ed, 'f', "a");
	ck_assert_uint_eq(ed->cursor, 1);
	ck_assert_str_eq(ed->msg, "match 2 of more than 1,000,000");
	type(ed, "A");
	ck_assert_int_eq(ed->input, INPUT_LIST);
	ck_assert_uint_eq(ed->search.nstarts, 1000000);
	ck_assert_str_eq(ed->msg, "match 2 of more than 1,000,000: Enter goes "
	    "there, Esc leaves");
	type(ed, "G");
	editor_key(ed, EK_ENTER);
	ck_assert_uint_eq(ed->cursor, 999999);
	ck_assert_str_eq(ed->msg, "match 1,000,000 of more than 1,000,000");
	type(ed, "n");
	ck_assert_uint_eq(ed->cursor, 1000000);
	ck_assert_str_eq(ed->msg, "");
	finish(&s);
}
END_TEST

static Suite *
editor_search_suite(void)
{
	Suite *s = suite_create("editor-search");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_find_text);
	tcase_add_test(tc, test_rfind);
	tcase_add_test(tc, test_find_hex);
	tcase_add_test(tc, test_find_errors);
	tcase_add_test(tc, test_regex);
	tcase_add_test(tc, test_regex_match_limit);
	tcase_add_test(tc, test_search_cancelled);
	tcase_add_test(tc, test_matches_on_screen);
	tcase_add_test(tc, test_matches_overlap);
	tcase_add_test(tc, test_list_matches);
	tcase_add_test(tc, test_list_big);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(editor_search_suite)
