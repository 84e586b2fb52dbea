/*
 * check_editor_prompt.c - src/editor-prompt.c driven from the keyboard:
 * editing the prompt line, Esc and Ctrl-C, the history and its limits.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "editor.h"
#include "editor-test.h"
#include "unit.h"

START_TEST(test_prompt_editing)
{
	struct sess s;
	struct editor *ed = open_lorem(&s);

	editor_key(ed, 'g');
	ck_assert_str_eq(ed->prompt.label, "goto: ");
	type(ed, "0x1z0");
	editor_key(ed, EK_LEFT);
	editor_key(ed, EK_BACKSPACE);		/* the z */
	ck_assert_str_eq(ed->prompt.buf, "0x10");
	ck_assert_uint_eq(ed->prompt.pos, 3);
	editor_key(ed, EK_HOME);
	editor_key(ed, EK_DELETE);
	editor_key(ed, EK_DELETE);		/* "10" */
	editor_key(ed, EK_END);
	type(ed, "0");
	editor_key(ed, EK_CTRL('H'));		/* Backspace as terminals send it */
	type(ed, "1");
	ck_assert_str_eq(ed->prompt.buf, "101");
	editor_key(ed, EK_RIGHT);		/* at the end already */
	editor_key(ed, EK_HOME);
	editor_key(ed, EK_LEFT);		/* at the start already */
	editor_key(ed, EK_BACKSPACE);
	type(ed, "+");
	ck_assert_str_eq(ed->prompt.buf, "+101");
	editor_key(ed, EK_CTRL('A'));		/* as Home */
	ck_assert_uint_eq(ed->prompt.pos, 0);
	editor_key(ed, EK_CTRL('E'));		/* as End */
	ck_assert_uint_eq(ed->prompt.pos, 4);
	editor_key(ed, EK_CTRL('U'));
	ck_assert_str_eq(ed->prompt.buf, "");
	ck_assert_uint_eq(ed->prompt.pos, 0);
	type(ed, "77");
	editor_key(ed, '\n');			/* Enter as terminals send it */
	ck_assert_int_eq(ed->prompt.kind, PROMPT_NONE);
	ck_assert_uint_eq(ed->cursor, 77);
	finish(&s);
}
END_TEST

START_TEST(test_prompt_escape)
{
	struct sess s;
	struct editor *ed = open_lorem(&s);

	command(ed, 'g', "40");
	editor_key(ed, 'g');
	type(ed, "500");
	editor_key(ed, EK_ESC);
	ck_assert_int_eq(ed->prompt.kind, PROMPT_NONE);
	ck_assert_uint_eq(ed->cursor, 40);
	ck_assert_uint_eq(ed->top, 0);
	editor_key(ed, 'f');
	type(ed, "4c");
	editor_key(ed, EK_CTRL('C'));
	ck_assert_int_eq(ed->prompt.kind, PROMPT_NONE);
	ck_assert_uint_eq(ed->cursor, 40);
	ck_assert_int_eq(ed->search.kind, SEARCH_NONE);
	editor_key(ed, 'g');
	type(ed, "9");
	editor_key(ed, EK_CTRL('G'));
	ck_assert_int_eq(ed->prompt.kind, PROMPT_NONE);
	ck_assert_int_eq(ed->input, INPUT_NORMAL);
	ck_assert_uint_eq(ed->cursor, 40);
	/* Cancelled lines are not remembered. */
	editor_key(ed, 'g');
	editor_key(ed, EK_UP);
	ck_assert_str_eq(ed->prompt.buf, "40");
	editor_key(ed, EK_ESC);
	finish(&s);
}
END_TEST

START_TEST(test_prompt_history)
{
	struct sess s;
	struct editor *ed = open_lorem(&s);

	command(ed, 'g', "10");
	command(ed, 'g', "20");
	command(ed, 'g', "20");			/* not twice in a row */
	command(ed, 'g', "30");
	editor_key(ed, EK_TAB);
	command(ed, 'f', "ipsum");
	editor_key(ed, 'g');
	type(ed, "draft");
	editor_key(ed, EK_UP);
	ck_assert_str_eq(ed->prompt.buf, "30");
	ck_assert_uint_eq(ed->prompt.pos, 2);
	editor_key(ed, EK_UP);
	ck_assert_str_eq(ed->prompt.buf, "20");
	editor_key(ed, EK_UP);
	ck_assert_str_eq(ed->prompt.buf, "10");
	editor_key(ed, EK_UP);			/* oldest: stays */
	ck_assert_str_eq(ed->prompt.buf, "10");
	editor_key(ed, EK_DOWN);
	editor_key(ed, EK_DOWN);
	ck_assert_str_eq(ed->prompt.buf, "30");
	editor_key(ed, EK_DOWN);		/* back to what was being typed */
	ck_assert_str_eq(ed->prompt.buf, "draft");
	editor_key(ed, EK_DOWN);
	ck_assert_str_eq(ed->prompt.buf, "draft");
	editor_key(ed, EK_UP);
	editor_key(ed, EK_UP);
	editor_key(ed, EK_ENTER);		/* runs "20" from history */
	ck_assert_uint_eq(ed->cursor, 20);
	/* Find has its own history, shared by f and F. */
	editor_key(ed, 'F');
	editor_key(ed, EK_UP);
	ck_assert_str_eq(ed->prompt.buf, "ipsum");
	editor_key(ed, EK_ESC);
	editor_key(ed, '/');
	editor_key(ed, EK_UP);
	ck_assert_str_eq(ed->prompt.buf, "");
	editor_key(ed, EK_ESC);
	finish(&s);
}
END_TEST

START_TEST(test_history_limit)
{
	struct sess s;
	struct editor *ed = open_lorem(&s);
	char line[16];
	int i;

	for (i = 0; i < HISTORY_MAX + 10; i++) {
		snprintf(line, sizeof(line), "%d", i);
		command(ed, 'g', line);
	}
	ck_assert_uint_eq(ed->history[HISTORY_GOTO].n, HISTORY_MAX);
	ck_assert_str_eq(ed->history[HISTORY_GOTO].items[0], "10");
	/* A line as long as the prompt holds, then more: kept to the limit. */
	editor_key(ed, 'g');
	for (i = 0; i < PROMPT_MAX + 20; i++)
		type(ed, "1");
	ck_assert_uint_eq(ed->prompt.len, PROMPT_MAX - 1);
	editor_key(ed, EK_ENTER);
	ck_assert(strstr(ed->msg, "number too large") != NULL);
	finish(&s);
}
END_TEST

/*
 * A history line comes back as what it was typed as: text recalled in the
 * hex pane's prompt is still text ("dolo", not the bytes d0 10), and hex
 * recalled in the text pane's is still hex; the new line keeps its own.
 */
START_TEST(test_history_kind)
{
	struct sess s;
	struct editor *ed = open_lorem(&s);
	const char *dolo = strstr(lorem, "dolo");

	ck_assert_ptr_nonnull(dolo);
	editor_key(ed, EK_TAB);			/* the text pane: a text find */
	command(ed, 'f', "dolo");
	ck_assert_uint_eq(ed->cursor, (size_t)(dolo - lorem));
	editor_key(ed, EK_TAB);			/* the hex pane */
	editor_set_cursor(ed, 0);
	editor_key(ed, 'f');
	ck_assert(ed->prompt.hex);
	ck_assert_str_eq(ed->prompt.label, "find hex: ");
	type(ed, "4c 6f");
	editor_key(ed, EK_UP);
	ck_assert_str_eq(ed->prompt.buf, "dolo");
	ck_assert(!ed->prompt.hex);
	ck_assert_str_eq(ed->prompt.label, "find text: ");
	editor_key(ed, EK_DOWN);		/* back to the new line, hex */
	ck_assert_str_eq(ed->prompt.buf, "4c 6f");
	ck_assert(ed->prompt.hex);
	ck_assert_str_eq(ed->prompt.label, "find hex: ");
	editor_key(ed, EK_UP);
	editor_key(ed, EK_ENTER);
	ck_assert_uint_eq(ed->cursor, (size_t)(dolo - lorem));
	/* Hex recalled in the text pane is hex. */
	command(ed, 'f', "6c 6f 72");		/* "lor" */
	editor_key(ed, EK_TAB);
	editor_set_cursor(ed, 0);
	editor_key(ed, 'f');
	ck_assert(!ed->prompt.hex);
	editor_key(ed, EK_UP);
	ck_assert_str_eq(ed->prompt.buf, "6c 6f 72");
	ck_assert(ed->prompt.hex);
	ck_assert_str_eq(ed->prompt.label, "find hex: ");
	editor_key(ed, EK_ENTER);
	ck_assert_uint_eq(ed->cursor, (size_t)(strstr(lorem + 1, "lor") -
	    lorem));
	finish(&s);
}
END_TEST

static Suite *
editor_prompt_suite(void)
{
	Suite *s = suite_create("editor-prompt");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_prompt_editing);
	tcase_add_test(tc, test_prompt_escape);
	tcase_add_test(tc, test_prompt_history);
	tcase_add_test(tc, test_history_limit);
	tcase_add_test(tc, test_history_kind);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(editor_prompt_suite)
