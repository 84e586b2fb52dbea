/*
 * check_editor.c - the viewer core driven like a person at the keyboard:
 * a file is written to a temporary path, mapped read-only, and keys go to
 * editor_key() one by one; each test says what was typed and checks where
 * the cursor went, what scrolled and what the status line says.  Every key
 * of the default table is pressed at least once.
 *
 * This suite tests what src/editor.c does: key routing (every bound key,
 * the unbound ones, what a read-only session refuses), the help screen,
 * the lifecycle and the status line.  The rest is split as src/editor-*.c
 * is: check_editor_move.c, check_editor_prompt.c, check_editor_search.c,
 * check_editor_edit.c, check_editor_flush.c and check_editor_refresh.c;
 * the helpers they share are in editor-test.c.
 */
#include "config.h"

#include <sys/stat.h>

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "editor.h"
#include "inspect.h"
#include "keymap.h"
#include "mapping.h"
#include "editor-test.h"
#include "unit.h"

/* Is cmd one of the commands a read-only session refuses? */
static bool
commands_edit(enum command cmd)
{
	switch (cmd) {
	case CMD_OVERWRITE:
	case CMD_UNDO:
	case CMD_REDO:
	case CMD_FLUSH:
	case CMD_TOGGLE_SESSION:
	case CMD_PASTE:
	case CMD_FILL:
		return true;
	default:
		return false;
	}
}

START_TEST(test_open)
{
	struct sess s;
	struct editor *ed = open_lorem(&s);
	char st[128];

	ck_assert_uint_eq(ed->cursor, 0);
	ck_assert_uint_eq(ed->top, 0);
	ck_assert_uint_eq(ed->lay.bpl, 16);
	ck_assert_int_eq(ed->lay.view_rows, 23);
	ck_assert_int_eq(ed->view, VIEW_HEX);
	ck_assert_int_eq(ed->pane, PANE_HEX);
	ck_assert_str_eq(ed->msg, "");
	editor_status(ed, st, sizeof(st));
	ck_assert_msg(strstr(st, "RO  0x00000000 0 / 737 (0%)  hex") != NULL,
	    "[%s]", st);
	ck_assert_int_eq(strncmp(st, "check_editor.", 13), 0);
	type(ed, "G");
	editor_status(ed, st, sizeof(st));
	ck_assert_msg(strstr(st, "0x000002e0 736 / 737 (100%)") != NULL, "[%s]",
	    st);
	finish(&s);
}
END_TEST

START_TEST(test_toggles)
{
	struct sess s;
	struct editor *ed = open_lorem(&s);
	int rows;

	command(ed, 'g', "600");
	type(ed, "t");
	ck_assert_int_eq(ed->view, VIEW_TEXT);
	ck_assert_uint_eq(ed->cursor, 600);
	type(ed, "t");
	ck_assert_int_eq(ed->view, VIEW_HEX);
	ck_assert_uint_eq(ed->cursor, 600);
	assert_visible(ed);
	rows = ed->lay.view_rows;
	type(ed, "i");
	ck_assert(ed->inspector);
	ck_assert_int_eq(ed->lay.view_rows, rows - inspect_panel_rows(80));
	assert_visible(ed);
	type(ed, "i");
	ck_assert(!ed->inspector);
	ck_assert_int_eq(ed->lay.view_rows, rows);
	editor_key(ed, EK_CTRL('L'));
	ck_assert(ed->redraw);
	ed->redraw = false;
	editor_key(ed, EK_RESIZE);
	ck_assert(ed->redraw);
	editor_key(ed, EK_TAB);
	ck_assert_int_eq(ed->pane, PANE_TEXT);
	editor_key(ed, EK_TAB);
	ck_assert_int_eq(ed->pane, PANE_HEX);
	ck_assert(!ed->quit);
	type(ed, "q");
	ck_assert(ed->quit);
	ed->quit = false;
	type(ed, "Q");
	ck_assert(ed->quit);
	finish(&s);
}
END_TEST

START_TEST(test_help)
{
	struct sess s;
	struct editor *ed = open_lorem(&s);
	char **lines;
	size_t n, i;

	editor_key(ed, EK_F1);
	ck_assert_int_eq(ed->input, INPUT_HELP);
	type(ed, "jj");
	ck_assert_uint_eq(ed->help_top, 2);
	type(ed, "k");
	ck_assert_uint_eq(ed->help_top, 1);
	n = editor_help_lines(&lines);
	editor_help_free(lines);
	ck_assert_uint_eq(ed->help_n, n);
	for (i = 0; i < n / 23 + 1; i++)
		type(ed, " ");
	ck_assert_uint_eq(ed->help_top, n - 1);	/* clamped */
	for (i = 0; i < n / 23 + 1; i++)
		type(ed, "b");
	ck_assert_uint_eq(ed->help_top, 0);
	type(ed, "x");				/* ignored while help shows */
	ck_assert_str_eq(ed->msg, "");
	type(ed, "q");				/* q leaves help, not mmhex */
	ck_assert_int_ne(ed->input, INPUT_HELP);
	ck_assert(!ed->quit);
	type(ed, "H");
	ck_assert_int_eq(ed->input, INPUT_HELP);
	editor_key(ed, EK_ESC);
	ck_assert_int_ne(ed->input, INPUT_HELP);
	type(ed, "H");
	type(ed, "H");
	ck_assert_int_ne(ed->input, INPUT_HELP);
	ck_assert_uint_eq(ed->cursor, 0);

	/* The help lists every key of the table. */
	n = editor_help_lines(&lines);
	ck_assert_ptr_null(lines[n]);
	for (i = 0; i < keymap_default_len; i++) {
		size_t k;
		bool found = false;

		for (k = 0; k < n && !found; k++)
			found = strstr(lines[k], keymap_key_name(
			    keymap_default[i].key)) != NULL;
		ck_assert_msg(found, "key %s not in the help",
		    keymap_key_name(keymap_default[i].key));
	}
	editor_help_free(lines);
	finish(&s);
}
END_TEST

/* The line of lines that starts with text, or NULL. */
static const char *
line_starting(char **lines, const char *text)
{
	size_t i;

	for (i = 0; lines[i] != NULL; i++)
		if (strncmp(lines[i], text, strlen(text)) == 0)
			return lines[i];
	return NULL;
}

/*
 * Issue 9: after rebinding the keys of overwrite mode, selecting, marks
 * and help, every place that names a key names the new one: the help
 * screen's headings and rows, the status-line hints, --keys=raw.
 */
START_TEST(test_help_follows_bindings)
{
	struct sess s;
	struct editor *ed;
	char **lines;
	size_t i;

	ck_assert_int_eq(keymap_bind(KEYMAP_NORMAL, 'R', CMD_NONE), 0);
	ck_assert_int_eq(keymap_bind(KEYMAP_NORMAL, EK_ENTER, CMD_NONE), 0);
	ck_assert_int_eq(keymap_bind(KEYMAP_NORMAL, 'o', CMD_OVERWRITE), 0);
	ck_assert_int_eq(keymap_bind(KEYMAP_OVERWRITE, EK_ESC, CMD_NONE), 0);
	ck_assert_int_eq(keymap_bind(KEYMAP_OVERWRITE, EK_CTRL('X'),
	    CMD_LEAVE_MODE), 0);
	ck_assert_int_eq(keymap_bind(KEYMAP_NORMAL, 'v', CMD_NONE), 0);
	ck_assert_int_eq(keymap_bind(KEYMAP_NORMAL, 'V', CMD_SELECT), 0);
	ck_assert_int_eq(keymap_bind(KEYMAP_SELECT, EK_ESC, CMD_NONE), 0);
	ck_assert_int_eq(keymap_bind(KEYMAP_SELECT, 'c', CMD_LEAVE_MODE), 0);
	ck_assert_int_eq(keymap_bind(KEYMAP_NORMAL, 'm', CMD_NONE), 0);
	ck_assert_int_eq(keymap_bind(KEYMAP_NORMAL, 'K', CMD_SET_MARK), 0);
	ck_assert_int_eq(keymap_bind(KEYMAP_NORMAL, EK_F1, CMD_NONE), 0);
	ck_assert_int_eq(keymap_bind(KEYMAP_NORMAL, 'H', CMD_NONE), 0);
	ck_assert_int_eq(keymap_bind(KEYMAP_NORMAL, EK_F5, CMD_HELP), 0);
	ck_assert_int_eq(keymap_bind(KEYMAP_OVERWRITE, EK_F1, CMD_NONE), 0);

	editor_help_lines(&lines);
	ck_assert_ptr_nonnull(line_starting(lines, "In overwrite mode (o) and insert mode (I, Insert):"));
	ck_assert_ptr_nonnull(line_starting(lines, "While selecting (V), "));
	ck_assert_ptr_nonnull(line_starting(lines, "  K    "));
	ck_assert_ptr_nonnull(line_starting(lines, "  F5    "));
	ck_assert_ptr_nonnull(line_starting(lines, "  Ctrl-X    "));
	for (i = 0; lines[i] != NULL; i++) {
		ck_assert_msg(strstr(lines[i], "(R") == NULL &&
		    strstr(lines[i], "(v)") == NULL &&
		    strncmp(lines[i], "  m ", 4) != 0 &&
		    strncmp(lines[i], "  F1 ", 5) != 0, "stale: %s", lines[i]);
	}
	editor_help_free(lines);
	editor_keys_raw(&lines);
	for (i = 0; lines[i] != NULL; i++)
		ck_assert_msg(strcmp(lines[i], "normal R overwrite edits") != 0 &&
		    strcmp(lines[i], "normal F1 help") != 0 &&
		    strcmp(lines[i], "overwrite Esc leave-mode") != 0,
		    "stale: %s", lines[i]);
	ck_assert_ptr_nonnull(line_starting(lines, "normal o overwrite edits"));
	ck_assert_ptr_nonnull(line_starting(lines, "select c leave-mode"));
	editor_help_free(lines);

	ed = open_lorem_as(&s, SESSION_COW);
	type(ed, "R");
	ck_assert_str_eq(ed->msg, "key R not bound; F5 for help");
	type(ed, "o");
	ck_assert_str_eq(ed->msg, "overwrite: type over the bytes, Ctrl-X leaves");
	type(ed, "z");
	ck_assert_str_eq(ed->msg, "key z: not a hex digit (Ctrl-X leaves "
	    "overwrite mode)");
	editor_key(ed, EK_F1);
	ck_assert_str_eq(ed->msg, "key F1: not a hex digit (Ctrl-X leaves "
	    "overwrite mode)");
	editor_key(ed, EK_CTRL('X'));
	ck_assert_int_eq(editor_mode(ed), INPUT_NORMAL);
	type(ed, "V");
	ck_assert_str_eq(ed->msg, "select: move to extend, y copies, = fills, "
	    "c cancels");
	type(ed, "c");
	ck_assert_int_eq(editor_mode(ed), INPUT_NORMAL);
	editor_key(ed, EK_F5);
	ck_assert_int_eq(ed->input, INPUT_HELP);
	ck_assert_str_eq(ed->help_hint,
	    "help: Up Down PgUp PgDn scroll, F5 q Esc leave");
	editor_key(ed, EK_F5);
	ck_assert_int_ne(ed->input, INPUT_HELP);
	ck_assert_ptr_null(ed->help_lines);	/* made again when it opens */
	finish(&s);
	keymap_reset();

	/* No key at all for help: the hint says nothing of one. */
	ck_assert_int_eq(keymap_bind(KEYMAP_NORMAL, EK_F1, CMD_NONE), 0);
	ck_assert_int_eq(keymap_bind(KEYMAP_NORMAL, 'H', CMD_NONE), 0);
	ed = open_lorem(&s);
	type(ed, "Z");
	ck_assert_str_eq(ed->msg, "key Z not bound");
	finish(&s);
	keymap_reset();
}
END_TEST

/*
 * Every key of the table does something in its mode, and nothing says
 * "not bound": normal-mode keys over a read-only mapping (the editing
 * ones answer "read-only session"), overwrite-mode keys after R and
 * select-mode keys after v over a copy-on-write one.
 */
START_TEST(test_every_bound_key)
{
	const struct key_binding *b;
	struct sess s;
	struct editor *ed;
	size_t i;

	for (i = 0; i < keymap_default_len; i++) {
		b = &keymap_default[i];
		if (b->mode == KEYMAP_NORMAL)
			ed = open_lorem(&s);
		else
			ed = open_lorem_as(&s, SESSION_COW);
		command(ed, 'g', "300");
		if (b->mode == KEYMAP_OVERWRITE)
			type(ed, "R");
		else if (b->mode == KEYMAP_SELECT)
			type(ed, "v");
		editor_key(ed, b->key);
		ck_assert_msg(strstr(ed->msg, "not bound") == NULL,
		    "%s: %s", keymap_key_name(b->key), ed->msg);
		ck_assert_int_eq(keymap_lookup(b->mode, b->key), b->cmd);
		ck_assert_ptr_nonnull(keymap_command_help(b->cmd));
		if (ed->prompt.kind != PROMPT_NONE || ed->pending != PENDING_NONE)
			editor_key(ed, EK_ESC);
		ck_assert_int_eq(ed->prompt.kind, PROMPT_NONE);
		ck_assert_uint_lt(ed->cursor, LOREM_LEN);
		if (ed->view == VIEW_HEX)
			assert_visible(ed);
		if (b->mode == KEYMAP_NORMAL && commands_edit(b->cmd))
			ck_assert_str_eq(ed->msg, "read-only session");
		ck_assert_uint_eq(s.m.dirty.bytes, 0);
		assert_file(&s, lorem, LOREM_LEN);
		finish(&s);
	}
}
END_TEST

START_TEST(test_unbound_keys)
{
	struct sess s;
	struct editor *ed = open_lorem(&s);
	static const int keys[] = { 'z', 'Z', EK_ESC, EK_F3, EK_F12,
	    EK_CTRL('Y'), EK_BACKSPACE };
	size_t i;

	type(ed, "z");
	ck_assert_str_eq(ed->msg, "key z not bound; F1 for help");
	ck_assert(ed->msg_error);
	for (i = 0; i < ARRAY_LEN(keys); i++) {
		editor_key(ed, keys[i]);
		ck_assert_msg(strstr(ed->msg, "not bound; F1 for help") != NULL,
		    "%s", ed->msg);
		ck_assert_uint_eq(ed->cursor, 0);
	}
	editor_key(ed, EK_F3);
	ck_assert_str_eq(ed->msg, "key F3 not bound; F1 for help");
	editor_key(ed, EK_ESC);
	ck_assert_str_eq(ed->msg, "key Esc not bound; F1 for help");
	finish(&s);
}
END_TEST

START_TEST(test_empty_file)
{
	struct sess s;
	struct editor *ed;
	struct error err;
	struct match mt[4];
	char st[128];
	size_t i;

	write_file(&s, "", 0);
	start(&s, 0, UINT64_MAX, 80, 24);
	ed = &s.ed;
	ck_assert_str_eq(ed->msg, "empty file");
	for (i = 0; i < keymap_default_len; i++) {
		editor_key(ed, keymap_default[i].key);
		if (ed->input == INPUT_HELP)
			editor_key(ed, EK_ESC);
		/* O opens another file: an empty one is no reason not to. */
		if (keymap_default[i].cmd == CMD_OPEN) {
			ck_assert_int_eq(ed->prompt.kind, PROMPT_OPEN);
			editor_key(ed, EK_ESC);
		}
		ck_assert_uint_eq(ed->cursor, 0);
		ck_assert_uint_eq(ed->top, 0);
		ck_assert_int_eq(ed->prompt.kind, PROMPT_NONE);
	}
	type(ed, "G");
	ck_assert_str_eq(ed->msg, "empty file");
	type(ed, "g");
	ck_assert_str_eq(ed->msg, "empty file");
	ck_assert_int_eq(editor_goto(ed, "0", &err), -1);
	ck_assert_str_eq(err.msg, "empty file");
	editor_click(ed, 20, 0);
	editor_resize(ed, 1, 1);
	ck_assert_uint_eq(editor_matches(ed, 0, 10, mt, 4), 0);
	editor_status(ed, st, sizeof(st));
	ck_assert_msg(strstr(st, "RO  empty") != NULL, "[%s]", st);
	ck_assert_uint_eq(ed->cursor, 0);
	finish(&s);
}
END_TEST

START_TEST(test_wheel)
{
	struct sess s;
	struct editor *ed = open_lorem(&s);

	editor_key(ed, EK_WHEEL_DOWN);
	ck_assert_uint_eq(ed->top, 48);
	ck_assert_uint_eq(ed->cursor, 48);	/* dragged along */
	command(ed, 'g', "200");
	editor_key(ed, EK_WHEEL_DOWN);
	ck_assert_uint_eq(ed->top, 96);
	ck_assert_uint_eq(ed->cursor, 200);	/* still on screen */
	editor_key(ed, EK_WHEEL_UP);
	editor_key(ed, EK_WHEEL_UP);
	editor_key(ed, EK_WHEEL_UP);
	ck_assert_uint_eq(ed->top, 0);
	ck_assert_uint_eq(ed->cursor, 200);
	command(ed, 'g', "0");
	for (int i = 0; i < 20; i++)
		editor_key(ed, EK_WHEEL_DOWN);
	ck_assert_uint_eq(ed->top, 384);
	assert_visible(ed);
	editor_key(ed, EK_WHEEL_UP);
	assert_visible(ed);
	/* text view */
	command(ed, 'g', "0");
	type(ed, "t");
	editor_key(ed, EK_WHEEL_DOWN);		/* all 11 lines fit: nothing moves */
	ck_assert_uint_eq(ed->top, 0);
	editor_resize(ed, 80, 6);
	editor_key(ed, EK_WHEEL_DOWN);
	ck_assert_uint_eq(ed->top, 195);
	ck_assert_uint_eq(ed->cursor, 195);
	editor_key(ed, EK_WHEEL_UP);
	ck_assert_uint_eq(ed->top, 0);
	ck_assert_uint_eq(ed->cursor, 195);
	/* The help screen scrolls with the wheel too. */
	editor_key(ed, EK_F1);
	editor_key(ed, EK_WHEEL_DOWN);
	ck_assert_uint_eq(ed->help_top, 3);
	editor_key(ed, EK_WHEEL_UP);
	ck_assert_uint_eq(ed->help_top, 0);
	finish(&s);
}
END_TEST

/*
 * Read-only: every editing key says so and changes nothing, in the file
 * or in memory; moving, selecting and copying still work.
 */
START_TEST(test_read_only)
{
	static const int keys[] = { 'R', EK_ENTER, 'u', EK_CTRL('R'), 'w',
	    EK_F2, EK_CTRL('S'), 'M', 'p', '=' };
	struct sess s;
	struct editor *ed = open_lorem_as(&s, SESSION_RO);
	size_t i, k;

	for (k = 0; k < 2; k++) {
		for (i = 0; i < ARRAY_LEN(keys); i++) {
			editor_key(ed, keys[i]);
			ck_assert_msg(strcmp(ed->msg, "read-only session") == 0,
			    "%s: %s", keymap_key_name(keys[i]), ed->msg);
			ck_assert(ed->msg_error);
			ck_assert_int_eq(editor_mode(ed), INPUT_NORMAL);
			ck_assert_int_eq(ed->prompt.kind, PROMPT_NONE);
			ck_assert_int_eq(ed->ask, ASK_NONE);
			ck_assert_int_eq(s.m.session, SESSION_RO);
			ck_assert(!ed->quit);
		}
		/* Typed text goes nowhere: R was refused. */
		editor_key(ed, EK_TAB);
		type(ed, "abc0123");
		type(ed, "vlly");			/* copying reads only */
		ck_assert_str_eq(ed->msg, "copied 3 bytes");
	}
	ck_assert_uint_eq(s.m.dirty.bytes, 0);
	ck_assert_uint_eq(ed->journal.ne, 0);
	ck_assert_int_eq(memcmp(s.m.data, lorem, LOREM_LEN), 0);
	assert_file(&s, lorem, LOREM_LEN);
	type(ed, "q");				/* quits without asking */
	ck_assert(ed->quit);
	finish(&s);

	/* A session read-only for a reason says the reason too. */
	if (geteuid() != 0) {
		write_file(&s, lorem, LOREM_LEN);
		ck_assert_int_eq(chmod(s.path, 0444), 0);
		start_as(&s, SESSION_COW, 0, UINT64_MAX, 80, 24);
		ed = &s.ed;
		ck_assert_int_eq(s.m.session, SESSION_RO);
		type(ed, "R");
		ck_assert_str_eq(ed->msg, "read-only session (file is not "
		    "writable: opened read-only)");
		finish(&s);
	}
}
END_TEST

/* The help lists the editing keys and the overwrite and select sections. */
START_TEST(test_help_editing)
{
	static const char *const wanted[] = { "R Enter", "Ctrl-R", "w F2 Ctrl-S",
	    "In overwrite mode", "While selecting", "fill", "(f)" };
	char **lines;
	size_t n, i, k;
	bool found;

	n = editor_help_lines(&lines);
	for (i = 0; i < ARRAY_LEN(wanted) - 1; i++) {
		found = false;
		for (k = 0; k < n && !found; k++)
			found = strstr(lines[k], wanted[i]) != NULL;
		ck_assert_msg(found, "help lacks [%s]", wanted[i]);
	}
	editor_help_free(lines);
	ck_assert_int_eq(keymap_lookup(KEYMAP_SELECT, 'j'), CMD_DOWN);
	ck_assert_int_eq(keymap_lookup(KEYMAP_SELECT, EK_ESC), CMD_LEAVE_MODE);
	ck_assert_int_eq(keymap_lookup(KEYMAP_NORMAL, EK_ESC), CMD_NONE);
	ck_assert_int_eq(keymap_lookup(KEYMAP_OVERWRITE, 'j'), CMD_NONE);
	ck_assert_int_eq(keymap_lookup(KEYMAP_OVERWRITE, EK_TAB),
	    CMD_SWITCH_PANE);
}
END_TEST

static Suite *
editor_suite(void)
{
	Suite *s = suite_create("editor");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_open);
	tcase_add_test(tc, test_toggles);
	tcase_add_test(tc, test_help);
	tcase_add_test(tc, test_help_follows_bindings);
	tcase_add_test(tc, test_every_bound_key);
	tcase_add_test(tc, test_unbound_keys);
	tcase_add_test(tc, test_empty_file);
	tcase_add_test(tc, test_wheel);
	suite_add_tcase(s, tc);
	tc = tcase_create("edit");
	tcase_add_test(tc, test_read_only);
	tcase_add_test(tc, test_help_editing);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(editor_suite)
