/*
 * check_editor_edit.c - src/editor-edit.c driven from the keyboard: the
 * reference scenario (find, R, type, flush) in each session, overwrite
 * mode in both panes, undo and redo (across a flush, past a cut end),
 * select, copy, paste and fill, in a window and on an empty file.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "editor.h"
#include "mapping.h"
#include "editor-test.h"
#include "unit.h"

/* lorem with "consectetuer" on the first line written backwards. */
static char *
lorem_reversed_word(void)
{
	char *want = malloc(LOREM_LEN);

	memcpy(want, lorem, LOREM_LEN);
	memcpy(want + 28, "reutetcesnoc", 12);
	return want;
}

/*
 * The reference scenario, copy-on-write: find consectetuer, R, type it
 * backwards in the text pane, Esc: the file is untouched until w, then
 * the first line reads "... reutetcesnoc adipiscing elit." and nothing
 * else changed.
 */
START_TEST(test_reference_cow)
{
	struct sess s;
	struct editor *ed = open_lorem_as(&s, SESSION_COW);
	char *want = lorem_reversed_word(), line[64];
	size_t i;

	assert_status_has(ed, "COW");
	editor_key(ed, EK_TAB);
	command(ed, 'f', "consectetuer");
	ck_assert_uint_eq(ed->cursor, 28);
	type(ed, "R");
	ck_assert_int_eq(editor_mode(ed), INPUT_OVERWRITE);
	ck_assert_str_eq(editor_mode_name(ed), "overwrite");
	assert_status_has(ed, "text  overwrite");
	type(ed, "reutetcesnoc");
	ck_assert_uint_eq(ed->cursor, 40);
	editor_key(ed, EK_ESC);
	ck_assert_int_eq(editor_mode(ed), INPUT_NORMAL);
	ck_assert_ptr_null(editor_mode_name(ed));
	ck_assert_int_eq(memcmp(s.m.data, want, LOREM_LEN), 0);
	assert_file(&s, lorem, LOREM_LEN);	/* COW: not yet */
	/* Two of the twelve are the same letter reversed: 10 changed. */
	ck_assert_uint_eq(s.m.dirty.bytes, 10);
	assert_status_has(ed, "[10 changed]");
	for (i = 0; i < LOREM_LEN; i++)
		ck_assert_msg(editor_changed(ed, i) == (i >= 28 && i < 40 &&
		    want[i] != lorem[i]), "byte %zu", i);
	type(ed, "w");
	ck_assert_str_eq(ed->msg, "flushed 10 bytes");
	ck_assert(!ed->msg_error);
	assert_file(&s, want, LOREM_LEN);
	read_file(&s, line, 57);
	line[57] = '\0';
	ck_assert_str_eq(line,
	    "Lorem ipsum dolor sit amet, reutetcesnoc adipiscing elit.");
	ck_assert_uint_eq(s.m.dirty.bytes, 0);
	ck_assert(!editor_changed(ed, 30));
	assert_status_lacks(ed, "changed");
	type(ed, "w");
	ck_assert_str_eq(ed->msg, "nothing to flush");
	type(ed, "q");				/* nothing unflushed: no question */
	ck_assert(ed->quit);
	ck_assert_int_eq(ed->ask, ASK_NONE);
	finish(&s);
	free(want);
}
END_TEST

/* The same in write-through: the file changes at each key, w makes it durable. */
START_TEST(test_reference_wt)
{
	struct sess s;
	struct editor *ed = open_lorem_as(&s, SESSION_WT);
	char *want = lorem_reversed_word(), got[64];

	assert_status_has(ed, "WT");
	editor_key(ed, EK_TAB);
	command(ed, 'f', "consectetuer");
	editor_key(ed, EK_ENTER);		/* Enter enters overwrite mode too */
	ck_assert_int_eq(editor_mode(ed), INPUT_OVERWRITE);
	type(ed, "reu");
	read_file(&s, got, 31);
	ck_assert_int_eq(memcmp(got + 28, "reu", 3), 0);	/* before any flush */
	type(ed, "tetcesnoc");
	editor_key(ed, EK_ESC);
	assert_file(&s, want, LOREM_LEN);
	ck_assert_uint_eq(s.m.dirty.bytes, 12);	/* not durable yet */
	assert_status_has(ed, "[12 changed]");
	editor_key(ed, EK_F2);
	ck_assert_str_eq(ed->msg, "flushed 12 bytes");
	ck_assert_uint_eq(s.m.dirty.bytes, 0);
	assert_file(&s, want, LOREM_LEN);
	finish(&s);
	free(want);
}
END_TEST

/* The same scenario on a copy of data/lorem.txt, when make check says where. */
START_TEST(test_reference_datadir)
{
	const char *dir = getenv("DATADIR");
	char path[4096], *buf;
	struct sess s;
	struct editor *ed;
	FILE *f;
	size_t n;

	if (dir == NULL)
		return;
	snprintf(path, sizeof(path), "%s/lorem.txt", dir);
	ck_assert_ptr_nonnull(f = fopen(path, "rb"));
	buf = malloc(1 << 16);
	n = fread(buf, 1, 1 << 16, f);
	fclose(f);
	write_file(&s, buf, n);
	start_as(&s, SESSION_COW, 0, UINT64_MAX, 80, 24);
	ed = &s.ed;
	editor_key(ed, EK_TAB);
	command(ed, 'f', "consectetuer");
	type(ed, "R");
	type(ed, "reutetcesnoc");
	editor_key(ed, EK_ESC);
	assert_file(&s, buf, n);
	editor_key(ed, EK_CTRL('S'));
	/* Its 5th and 8th letters are the file's: changed are the other 10. */
	ck_assert_str_eq(ed->msg, "flushed 10 bytes");
	memcpy(buf + ed->cursor - 12, "reutetcesnoc", 12);
	assert_file(&s, buf, n);
	ck_assert_int_eq(memcmp(buf, "Lorem ipsum dolor sit amet, reutetcesnoc "
	    "adipiscing elit.\n", 58), 0);
	finish(&s);
	free(buf);
}
END_TEST

/*
 * Hex pane: the high nibble, then the low one, then the next byte; the
 * two nibbles are one undo step, and a move between them ends the step.
 */
START_TEST(test_hex_nibbles)
{
	struct sess s;
	struct editor *ed = open_lorem_as(&s, SESSION_COW);

	type(ed, "R");
	type(ed, "4");
	ck_assert(ed->low_nibble);
	ck_assert_uint_eq(ed->cursor, 0);
	ck_assert_uint_eq(s.m.data[0], 0x4c);	/* 'L' is 4c: high 4 again */
	type(ed, "1");
	ck_assert(!ed->low_nibble);
	ck_assert_uint_eq(ed->cursor, 1);
	ck_assert_uint_eq(s.m.data[0], 'A');
	type(ed, "Bc");				/* upper and lower case */
	ck_assert_uint_eq(s.m.data[1], 0xbc);
	type(ed, "9");
	ck_assert_uint_eq(s.m.data[2], 0x92);	/* 'r' is 72 */
	type(ed, "x");				/* not hex: nothing, still low */
	ck_assert_str_eq(ed->msg, "key x: not a hex digit (Esc leaves overwrite "
	    "mode)");
	ck_assert(ed->msg_error);
	ck_assert(ed->low_nibble);
	ck_assert_uint_eq(s.m.data[2], 0x92);
	type(ed, "0");
	ck_assert_uint_eq(s.m.data[2], 0x90);
	ck_assert_uint_eq(ed->cursor, 3);
	type(ed, "f");				/* high nibble, then a move */
	editor_key(ed, EK_RIGHT);
	ck_assert(!ed->low_nibble);
	ck_assert_uint_eq(s.m.data[3], 0xf5);	/* 'e' is 65 */
	ck_assert_uint_eq(ed->cursor, 4);
	type(ed, "7");				/* a new high nibble of byte 4 */
	ck_assert(ed->low_nibble);
	editor_key(ed, EK_ESC);
	ck_assert_int_eq(editor_mode(ed), INPUT_NORMAL);
	ck_assert(!ed->low_nibble);
	ck_assert_uint_eq(s.m.data[4], 0x7d);	/* 'm' is 6d */
	ck_assert_uint_eq(s.m.dirty.bytes, 5);
	assert_file(&s, lorem, LOREM_LEN);

	/*
	 * One u per typing run (a move by hand ends one: bytes 0-2 and the
	 * high nibble of 3 are one, byte 4 another); the cursor goes to it.
	 */
	type(ed, "u");
	ck_assert_uint_eq(s.m.data[4], 'm');
	ck_assert_uint_eq(ed->cursor, 4);
	ck_assert_str_eq(ed->msg, "undone: 1 byte at 0x4 (1 more to undo)");
	type(ed, "u");
	ck_assert_int_eq(memcmp(s.m.data, lorem, 8), 0);
	ck_assert_uint_eq(ed->cursor, 0);
	ck_assert_str_eq(ed->msg, "undone: 4 bytes at 0x0 (0 more to undo)");
	type(ed, "u");
	ck_assert_str_eq(ed->msg, "nothing to undo");
	editor_key(ed, EK_CTRL('R'));
	ck_assert_uint_eq(s.m.data[0], 'A');
	ck_assert_uint_eq(s.m.data[2], 0x90);
	ck_assert_uint_eq(s.m.data[3], 0xf5);
	ck_assert_str_eq(ed->msg, "redone: 4 bytes at 0x0 (1 more to redo)");
	editor_key(ed, EK_CTRL('R'));
	ck_assert_uint_eq(s.m.data[4], 0x7d);
	ck_assert_uint_eq(ed->cursor, 4);

	/* A new edit drops what was left to redo. */
	type(ed, "G");
	type(ed, "R");
	type(ed, "00");				/* the last byte: the cursor stays */
	ck_assert_uint_eq(ed->cursor, LOREM_LEN - 1);
	type(ed, "11");
	ck_assert_uint_eq(s.m.data[LOREM_LEN - 1], 0x11);
	editor_key(ed, EK_ESC);
	editor_key(ed, EK_CTRL('R'));
	ck_assert_str_eq(ed->msg, "nothing to redo");
	assert_file(&s, lorem, LOREM_LEN);
	finish(&s);
}
END_TEST

/*
 * Overwrite mode: movement keys, Tab and page keys work; other keys are
 * typed; the text pane refuses what is not printable.  In the text view
 * typing goes to the text as in the text pane.
 */
START_TEST(test_overwrite_keys)
{
	struct sess s;
	struct editor *ed = open_lorem_as(&s, SESSION_COW);
	char got[8];

	type(ed, "R");
	editor_key(ed, EK_DOWN);
	editor_key(ed, EK_RIGHT);
	ck_assert_uint_eq(ed->cursor, 17);
	editor_key(ed, EK_PGDN);
	ck_assert_uint_eq(ed->cursor, 17 + 23 * 16);
	editor_key(ed, EK_PGUP);
	editor_key(ed, EK_END);
	ck_assert_uint_eq(ed->cursor, 31);
	editor_key(ed, EK_HOME);
	ck_assert_uint_eq(ed->cursor, 16);
	editor_key(ed, EK_UP);
	editor_key(ed, EK_LEFT);
	ck_assert_uint_eq(ed->cursor, 0);
	ck_assert_uint_eq(s.m.dirty.bytes, 0);
	type(ed, "q");				/* typed, not quit: not hex */
	ck_assert(!ed->quit);
	ck_assert_uint_eq(s.m.dirty.bytes, 0);
	editor_key(ed, EK_TAB);
	ck_assert_int_eq(ed->pane, PANE_TEXT);
	ck_assert_int_eq(editor_mode(ed), INPUT_OVERWRITE);
	type(ed, "q!");
	ck_assert(!ed->quit);
	ck_assert_int_eq(memcmp(s.m.data, "q!rem", 5), 0);
	editor_key(ed, 0x01);			/* Ctrl-A: not printable */
	ck_assert_str_eq(ed->msg, "key Ctrl-A: only printable characters are "
	    "typed here; the hex pane takes any byte");
	editor_key(ed, 0xe9);
	ck_assert(ed->msg_error);
	editor_key(ed, EK_ENTER);
	ck_assert(ed->msg_error);
	ck_assert_uint_eq(s.m.dirty.bytes, 2);
	editor_key(ed, EK_CTRL('S'));		/* flush works in overwrite mode */
	ck_assert_str_eq(ed->msg, "flushed 2 bytes");
	ck_assert_int_eq(editor_mode(ed), INPUT_OVERWRITE);
	editor_key(ed, EK_ESC);
	type(ed, "t");				/* the text view */
	ck_assert_int_eq(ed->view, VIEW_TEXT);
	editor_key(ed, EK_TAB);			/* pane: hex, but the view is text */
	type(ed, "R");
	type(ed, "ab");
	ck_assert_int_eq(memcmp(s.m.data, "q!ab", 4), 0);
	editor_key(ed, EK_ESC);
	type(ed, "u");				/* one u per typing run */
	ck_assert_int_eq(memcmp(s.m.data, "q!rem", 5), 0);
	type(ed, "u");
	ck_assert_int_eq(memcmp(s.m.data, lorem, 5), 0);
	/* Undone: the two bytes that differ from the flushed "q!" are changed. */
	ck_assert_uint_eq(s.m.dirty.bytes, 2);
	read_file(&s, got, 5);
	ck_assert_int_eq(memcmp(got, "q!rem", 5), 0);	/* as flushed */
	finish(&s);
}
END_TEST

/*
 * Backspace in overwrite mode takes back the bytes typed in this run, the
 * cursor going back with them (a half-typed byte, the last byte of the
 * file where the cursor stays); before the run it only steps back.
 */
START_TEST(test_overwrite_backspace)
{
	struct sess s;
	struct editor *ed = open_lorem_as(&s, SESSION_COW);

	editor_set_cursor(ed, 4);
	type(ed, "R");
	type(ed, "41424344");
	ck_assert_uint_eq(ed->cursor, 8);
	ck_assert_int_eq(memcmp(s.m.data + 4, "ABCD", 4), 0);
	editor_key(ed, EK_BACKSPACE);
	editor_key(ed, EK_BACKSPACE);
	ck_assert_uint_eq(ed->cursor, 6);
	ck_assert_int_eq(memcmp(s.m.data + 4, "AB", 2), 0);
	ck_assert_int_eq(memcmp(s.m.data + 6, lorem + 6, 2), 0);
	ck_assert_uint_eq(s.m.dirty.bytes, 2);
	type(ed, "4");				/* half typed, then taken back */
	ck_assert_int_ne(s.m.data[6], lorem[6]);
	editor_key(ed, EK_BACKSPACE);
	ck_assert_uint_eq(ed->cursor, 6);
	ck_assert_int_eq(s.m.data[6], lorem[6]);
	type(ed, "45");
	ck_assert_int_eq(memcmp(s.m.data + 4, "ABE", 3), 0);
	editor_key(ed, EK_BACKSPACE);
	editor_key(ed, EK_BACKSPACE);
	editor_key(ed, EK_BACKSPACE);
	ck_assert_uint_eq(ed->cursor, 4);
	ck_assert_int_eq(memcmp(s.m.data, lorem, LOREM_LEN), 0);
	ck_assert_uint_eq(s.m.dirty.bytes, 0);
	/* Nothing typed before the cursor in this run: a step back. */
	editor_key(ed, EK_BACKSPACE);
	ck_assert_uint_eq(ed->cursor, 3);
	ck_assert_int_eq(memcmp(s.m.data, lorem, LOREM_LEN), 0);
	/* Typed in an earlier run: a step back, the byte kept. */
	type(ed, "5a");
	editor_key(ed, EK_ESC);
	type(ed, "R");
	editor_key(ed, EK_BACKSPACE);
	ck_assert_uint_eq(ed->cursor, 3);
	ck_assert_int_eq(s.m.data[3], 'Z');
	editor_key(ed, EK_ESC);
	/* The last byte: the cursor stays on it, Backspace puts it back. */
	editor_set_cursor(ed, LOREM_LEN - 1);
	type(ed, "R");
	type(ed, "59");
	ck_assert_uint_eq(ed->cursor, LOREM_LEN - 1);
	ck_assert_int_eq(s.m.data[LOREM_LEN - 1], 'Y');
	editor_key(ed, EK_BACKSPACE);
	ck_assert_uint_eq(ed->cursor, LOREM_LEN - 1);
	ck_assert_int_eq(s.m.data[LOREM_LEN - 1], lorem[LOREM_LEN - 1]);
	ck_assert_uint_eq(s.m.dirty.bytes, 1);	/* the Z */
	finish(&s);
}
END_TEST

/*
 * Undo after a flush changes the bytes back and marks them changed;
 * flushing again puts the original bytes back in the file.  In COW and WT.
 */
START_TEST(test_undo_across_flush)
{
	static const enum session sessions[] = { SESSION_COW, SESSION_WT };
	struct sess s;
	struct editor *ed;
	char *want;
	size_t i;

	for (i = 0; i < ARRAY_LEN(sessions); i++) {
		ed = open_lorem_as(&s, sessions[i]);
		editor_key(ed, EK_TAB);
		type(ed, "R");
		type(ed, "XYZ");
		editor_key(ed, EK_ESC);
		type(ed, "w");
		want = malloc(LOREM_LEN);
		memcpy(want, lorem, LOREM_LEN);
		memcpy(want, "XYZ", 3);
		assert_file(&s, want, LOREM_LEN);
		type(ed, "u");			/* the typing run: one step */
		ck_assert_int_eq(memcmp(s.m.data, lorem, 3), 0);
		ck_assert_uint_eq(s.m.dirty.bytes, 3);
		ck_assert(editor_changed(ed, 0));
		ck_assert(editor_changed(ed, 2));
		ck_assert(!editor_changed(ed, 3));
		if (sessions[i] == SESSION_COW)
			assert_file(&s, want, LOREM_LEN);
		type(ed, "w");
		ck_assert_str_eq(ed->msg, "flushed 3 bytes");
		assert_file(&s, lorem, LOREM_LEN);
		editor_key(ed, EK_CTRL('R'));		/* and back again */
		type(ed, "w");
		assert_file(&s, want, LOREM_LEN);
		free(want);
		finish(&s);
	}
}
END_TEST

/*
 * v, movement, y copies; p writes the copy over the cursor as one undo
 * step (over its own source too: mmap move), clipped at the end.
 */
START_TEST(test_select_copy_paste)
{
	struct sess s;
	struct editor *ed = open_lorem_as(&s, SESSION_COW);
	char *want = malloc(LOREM_LEN);
	size_t start, end;

	type(ed, "p");
	ck_assert_str_eq(ed->msg, "nothing copied: v selects, y copies");
	type(ed, "y");
	ck_assert_str_eq(ed->msg, "nothing selected: v starts a selection");
	ck_assert(!editor_selection(ed, &start, &end));
	type(ed, "v");
	ck_assert_int_eq(editor_mode(ed), INPUT_SELECT);
	ck_assert_str_eq(editor_mode_name(ed), "select");
	assert_status_has(ed, "hex  select 1");
	type(ed, "llll");
	ck_assert(editor_selection(ed, &start, &end));
	ck_assert_uint_eq(start, 0);
	ck_assert_uint_eq(end, 5);
	ck_assert(editor_selected(ed, 0));
	ck_assert(editor_selected(ed, 4));
	ck_assert(!editor_selected(ed, 5));
	assert_status_has(ed, "select 5");
	type(ed, "y");
	ck_assert_str_eq(ed->msg, "copied 5 bytes");
	ck_assert_int_ne(editor_mode(ed), INPUT_SELECT);
	ck_assert(!editor_selected(ed, 0));
	ck_assert_uint_eq(ed->clip_len, 5);

	/* At the end: 3 of 5 fit. */
	type(ed, "Ghh");
	type(ed, "p");
	ck_assert_str_eq(ed->msg, "pasted 3 of 5 bytes: end of file");
	ck_assert(ed->msg_error);
	ck_assert_int_eq(memcmp(s.m.data + LOREM_LEN - 3, "Lor", 3), 0);
	ck_assert_uint_eq(ed->cursor, LOREM_LEN - 3);
	ck_assert_uint_eq(s.m.dirty.bytes, 3);
	type(ed, "u");
	ck_assert_int_eq(memcmp(s.m.data, lorem, LOREM_LEN), 0);

	/* Backwards selection, then pasted over itself shifted by 3. */
	command(ed, 'g', "9");
	type(ed, "v");
	command(ed, 'g', "0");			/* movement of any kind extends */
	ck_assert(editor_selection(ed, &start, &end));
	ck_assert_uint_eq(start, 0);
	ck_assert_uint_eq(end, 10);
	type(ed, "y");
	type(ed, "lll");
	type(ed, "p");
	ck_assert_str_eq(ed->msg, "pasted 10 bytes");
	memcpy(want, lorem, LOREM_LEN);
	memcpy(want + 3, lorem, 10);
	ck_assert_int_eq(memcmp(s.m.data, want, LOREM_LEN), 0);
	type(ed, "p");				/* again: the same copy */
	ck_assert_int_eq(memcmp(s.m.data, want, LOREM_LEN), 0);
	type(ed, "u");
	type(ed, "u");
	ck_assert_int_eq(memcmp(s.m.data, lorem, LOREM_LEN), 0);
	type(ed, "w");
	assert_file(&s, lorem, LOREM_LEN);

	/* v twice ends it; Esc cancels it; R ends it. */
	type(ed, "vl");
	ck_assert_int_eq(editor_mode(ed), INPUT_SELECT);
	type(ed, "v");
	ck_assert_int_ne(editor_mode(ed), INPUT_SELECT);
	type(ed, "vl");
	editor_key(ed, EK_ESC);
	ck_assert_int_ne(editor_mode(ed), INPUT_SELECT);
	ck_assert_str_eq(ed->msg, "");
	type(ed, "vlR");
	ck_assert_int_ne(editor_mode(ed), INPUT_SELECT);
	ck_assert_int_eq(editor_mode(ed), INPUT_OVERWRITE);
	finish(&s);
	free(want);
}
END_TEST

/* =: a hex pattern repeated over the selection, or the cursor byte; one step. */
START_TEST(test_fill)
{
	struct sess s;
	struct editor *ed = open_lorem_as(&s, SESSION_COW);
	unsigned char want[LOREM_LEN];
	size_t i;

	memcpy(want, lorem, LOREM_LEN);
	command(ed, 'g', "10");
	type(ed, "v");
	command(ed, 'g', "19");
	type(ed, "=");
	ck_assert_int_eq(ed->prompt.kind, PROMPT_FILL);
	ck_assert_str_eq(ed->prompt.label, "fill hex: ");
	type(ed, "de ad be");
	editor_key(ed, EK_ENTER);
	ck_assert_str_eq(ed->msg, "filled 10 bytes");
	ck_assert_int_ne(editor_mode(ed), INPUT_SELECT);
	for (i = 10; i < 20; i++)
		want[i] = "\xde\xad\xbe"[(i - 10) % 3];
	ck_assert_int_eq(memcmp(s.m.data, want, LOREM_LEN), 0);
	ck_assert_uint_eq(s.m.dirty.bytes, 10);
	assert_file(&s, lorem, LOREM_LEN);

	/* No selection: the cursor byte. */
	command(ed, 'g', "100");
	command(ed, '=', "00ff");
	ck_assert_str_eq(ed->msg, "filled 1 byte");
	want[100] = 0;
	ck_assert_int_eq(memcmp(s.m.data, want, LOREM_LEN), 0);

	/* Text after Tab. */
	command(ed, 'g', "200");
	type(ed, "vll=");
	editor_key(ed, EK_TAB);
	ck_assert_str_eq(ed->prompt.label, "fill text: ");
	type(ed, "ab");
	editor_key(ed, EK_ENTER);
	memcpy(want + 200, "aba", 3);
	ck_assert_int_eq(memcmp(s.m.data, want, LOREM_LEN), 0);

	/* Errors change nothing. */
	command(ed, '=', "zz");
	ck_assert_msg(strncmp(ed->msg, "fill: ", 6) == 0, "%s", ed->msg);
	ck_assert(ed->msg_error);
	command(ed, '=', "12 ??");
	ck_assert_str_eq(ed->msg, "fill: ?? is not a byte to write");
	command(ed, '=', "");
	ck_assert(ed->msg_error);
	type(ed, "=");
	editor_key(ed, EK_ESC);			/* cancelled */
	ck_assert_int_eq(ed->prompt.kind, PROMPT_NONE);
	ck_assert_int_eq(memcmp(s.m.data, want, LOREM_LEN), 0);

	/* Each fill is one step. */
	type(ed, "u");
	ck_assert_int_eq(memcmp(s.m.data + 200, lorem + 200, 3), 0);
	type(ed, "uu");
	ck_assert_int_eq(memcmp(s.m.data, lorem, LOREM_LEN), 0);
	ck_assert_uint_eq(ed->cursor, 10);
	/* Back to what the file holds: nothing changed, nothing to flush. */
	ck_assert_uint_eq(s.m.dirty.bytes, 0);
	assert_status_lacks(ed, "changed");
	type(ed, "w");
	assert_file(&s, lorem, LOREM_LEN);
	finish(&s);
}
END_TEST

/* A window (-o/-l): edits land at the right absolute offsets, never outside. */
START_TEST(test_edit_window)
{
	struct sess s;
	struct editor *ed;
	char *want = malloc(LOREM_LEN);

	write_file(&s, lorem, LOREM_LEN);
	start_as(&s, SESSION_COW, 100, 10, 80, 24);
	ed = &s.ed;
	type(ed, "v$y");			/* all ten bytes */
	ck_assert_uint_eq(ed->clip_len, 10);
	type(ed, "lp");
	ck_assert_str_eq(ed->msg, "pasted 1 of 10 bytes: end of file");
	type(ed, "0R");
	type(ed, "41");
	editor_key(ed, EK_ESC);
	ck_assert_str_eq(ed->msg, "");
	type(ed, "u");
	ck_assert_str_eq(ed->msg, "undone: 1 byte at 0x64 (1 more to undo)");
	editor_key(ed, EK_CTRL('R'));
	type(ed, "w");
	memcpy(want, lorem, LOREM_LEN);
	want[100] = 'A';
	want[109] = lorem[100];
	assert_file(&s, want, LOREM_LEN);
	finish(&s);
	free(want);
}
END_TEST

/* An empty file: every editing key is harmless. */
START_TEST(test_edit_empty)
{
	struct sess s;
	struct editor *ed;

	write_file(&s, "", 0);
	start_as(&s, SESSION_COW, 0, UINT64_MAX, 80, 24);
	ed = &s.ed;
	type(ed, "R");
	ck_assert_str_eq(ed->msg, "empty file");
	ck_assert_int_eq(editor_mode(ed), INPUT_NORMAL);
	type(ed, "upv=");
	ck_assert_str_eq(ed->msg, "empty file");
	type(ed, "w");
	ck_assert_str_eq(ed->msg, "nothing to flush");
	type(ed, "M");
	ck_assert_int_eq(s.m.session, SESSION_WT);
	type(ed, "q");
	ck_assert(ed->quit);
	finish(&s);
}
END_TEST

/*
 * Many edits: 20000 bytes typed in overwrite mode, all undone and redone,
 * the changed-byte query staying right throughout.
 */
START_TEST(test_many_edits)
{
	enum { N = 20000 };
	struct sess s;
	struct editor *ed;
	unsigned char *buf = malloc(N), *want = malloc(N);
	size_t i;

	for (i = 0; i < N; i++)
		buf[i] = (unsigned char)('a' + i % 26);
	write_file(&s, buf, N);
	start_as(&s, SESSION_COW, 0, UINT64_MAX, 80, 24);
	ed = &s.ed;
	editor_key(ed, EK_TAB);
	type(ed, "R");
	for (i = 0; i < N; i++)
		editor_key(ed, 'A' + (int)(i % 26));
	editor_key(ed, EK_ESC);
	for (i = 0; i < N; i++)
		want[i] = (unsigned char)('A' + i % 26);
	ck_assert_int_eq(memcmp(s.m.data, want, N), 0);
	ck_assert_uint_eq(s.m.dirty.bytes, N);
	ck_assert_uint_eq(s.m.dirty.n, 1);
	ck_assert(editor_changed(ed, N - 1));
	type(ed, "u");				/* one typing run, one step */
	ck_assert_int_eq(memcmp(s.m.data, buf, N), 0);
	ck_assert_msg(strstr(ed->msg, "at 0x0 (0 more to undo)") != NULL,
	    "%s", ed->msg);
	editor_key(ed, EK_CTRL('R'));
	ck_assert_int_eq(memcmp(s.m.data, want, N), 0);
	type(ed, "w");
	assert_file(&s, want, N);
	finish(&s);
	free(buf);
	free(want);
}
END_TEST

/*
 * Issue 10: after a truncation, undo skips (and says) the entries past
 * the new end and undoes the rest; it never stalls on them forever.
 */
/*
 * W: the selection, with an unflushed edit in it, to a new file; the
 * edited file untouched; an existing file asked about (c keeps it, o
 * replaces it); the file being edited refused.
 */
START_TEST(test_write_selection)
{
	struct sess s;
	struct editor *ed = open_lorem_as(&s, SESSION_COW);
	char path[96], got[16];
	FILE *f;

	type(ed, "W");
	ck_assert_str_eq(ed->msg, "nothing selected: v starts a selection, "
	    "W writes it to a file");
	ck_assert_int_eq(ed->prompt.kind, PROMPT_NONE);
	type(ed, "Rab");
	editor_key(ed, EK_ESC);
	type(ed, "0vllll");
	snprintf(path, sizeof(path), "%s.sel", s.path);
	(void)unlink(path);
	editor_key(ed, 'W');
	ck_assert_int_eq(ed->prompt.kind, PROMPT_WRITE_SEL);
	ck_assert_str_eq(ed->prompt.label, "write 5 bytes to: ");
	type(ed, path);
	editor_key(ed, EK_ENTER);
	ck_assert_int_ne(editor_mode(ed), INPUT_SELECT);
	ck_assert_msg(strstr(ed->msg, "wrote 5 bytes to ") != NULL, "%s",
	    ed->msg);
	f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fread(got, 1, sizeof(got), f), 5);
	fclose(f);
	ck_assert(memcmp(got, "\xaborem", 5) == 0);
	assert_file(&s, lorem, LOREM_LEN);

	/* It exists now: asked; c keeps it. */
	type(ed, "0vl");
	command(ed, 'W', path);
	ck_assert_int_eq(ed->ask, ASK_SAVE_EXISTS);
	ck_assert_msg(strstr(ed->msg, "exists (5 bytes): (o)verwrite it with "
	    "the 2 selected, (c)ancel") != NULL, "%s", ed->msg);
	type(ed, "c");
	ck_assert_int_eq(ed->ask, ASK_NONE);
	ck_assert_int_ne(editor_mode(ed), INPUT_SELECT);
	f = fopen(path, "rb");
	ck_assert_uint_eq(fread(got, 1, sizeof(got), f), 5);
	fclose(f);
	/* o replaces it. */
	type(ed, "0vl");
	command(ed, 'W', path);
	type(ed, "o");
	f = fopen(path, "rb");
	ck_assert_uint_eq(fread(got, 1, sizeof(got), f), 2);
	fclose(f);
	ck_assert(memcmp(got, "\xabo", 2) == 0);
	(void)unlink(path);

	/* Never over the file being edited. */
	type(ed, "v");
	command(ed, 'W', s.path);
	ck_assert_int_eq(ed->ask, ASK_NONE);
	ck_assert_msg(strstr(ed->msg, "is the file being edited") != NULL,
	    "%s", ed->msg);
	assert_file(&s, lorem, LOREM_LEN);
	finish(&s);
}
END_TEST

/* O: the path prompt; Enter asks the UI to open it; empty says so. */
START_TEST(test_open_request)
{
	struct sess s;
	struct editor *ed = open_lorem_as(&s, SESSION_COW);

	editor_key(ed, 'O');
	ck_assert_int_eq(ed->prompt.kind, PROMPT_OPEN);
	ck_assert_str_eq(ed->prompt.label, "open: ");
	editor_key(ed, EK_ENTER);
	ck_assert_str_eq(ed->msg, "open: no path given");
	ck_assert(!ed->open_asked);
	command(ed, 'O', "/some/where");
	ck_assert(ed->open_asked);
	ck_assert_str_eq(ed->open_path, "/some/where");
	/* Nothing else happened: the UI opens it, then quits this one. */
	ck_assert(!ed->quit);
	ck_assert_int_eq(ed->ask, ASK_NONE);
	finish(&s);
}
END_TEST

START_TEST(test_undo_skips_past_end)
{
	struct sess s;
	struct editor *ed = open_lorem_as(&s, SESSION_COW);

	command(ed, 'g', "10");
	type(ed, "R41");
	editor_key(ed, EK_ESC);
	command(ed, 'g', "700");
	type(ed, "R42");
	editor_key(ed, EK_ESC);
	ck_assert_int_eq(s.m.data[700], 0x42);
	ck_assert_int_eq(truncate(s.path, 500), 0);
	ck_assert_int_eq(editor_refresh(ed), 1);
	editor_key(ed, 'u');
	ck_assert_str_eq(ed->msg, "undone: 0 bytes at 0x2bc; 1 byte past the "
	    "end of the file skipped");
	editor_key(ed, 'u');
	ck_assert_int_eq(s.m.data[10], lorem[10]);
	ck_assert_str_eq(ed->msg, "undone: 1 byte at 0xa (0 more to undo)");
	finish(&s);
}
END_TEST

static Suite *
editor_edit_suite(void)
{
	Suite *s = suite_create("editor-edit");
	TCase *tc = tcase_create("edit");

	tcase_add_test(tc, test_reference_cow);
	tcase_add_test(tc, test_reference_wt);
	tcase_add_test(tc, test_reference_datadir);
	tcase_add_test(tc, test_hex_nibbles);
	tcase_add_test(tc, test_overwrite_keys);
	tcase_add_test(tc, test_overwrite_backspace);
	tcase_add_test(tc, test_undo_across_flush);
	tcase_add_test(tc, test_select_copy_paste);
	tcase_add_test(tc, test_fill);
	tcase_add_test(tc, test_edit_window);
	tcase_add_test(tc, test_edit_empty);
	tcase_add_test(tc, test_many_edits);
	tcase_add_test(tc, test_undo_skips_past_end);
	tcase_add_test(tc, test_write_selection);
	tcase_add_test(tc, test_open_request);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(editor_edit_suite)
