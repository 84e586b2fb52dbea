/*
 * check_editor_refresh.c - src/editor-refresh.c: the file cut, grown,
 * rewritten, replaced or deleted under the viewer by another process,
 * and what editor_refresh() makes of the cursor, marks, selection, a
 * half-typed byte and the status message.
 */
#include "config.h"

#include <sys/stat.h>

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "editor.h"
#include "mapping.h"
#include "editor-test.h"
#include "unit.h"

/*
 * Another process truncates the file while it is viewed with the cursor,
 * a mark, a selection and an edit past the new end: the refresh clamps
 * them, says so, and keeps the edit inside; growth is seen too.
 */
START_TEST(test_refresh_truncated)
{
	struct sess s;
	struct editor *ed = open_lorem_as(&s, SESSION_COW);

	type(ed, "\tRx");
	editor_key(ed, EK_ESC);
	ck_assert_uint_eq(s.m.dirty.bytes, 1);
	ck_assert_int_eq(editor_refresh(ed), 0);	/* nothing changed */
	command(ed, 'g', "700");
	type(ed, "ma");
	command(ed, 'g', "650");
	type(ed, "v");
	command(ed, 'g', "720");
	ck_assert_int_eq(editor_mode(ed), INPUT_SELECT);

	ck_assert_int_eq(truncate(s.path, 100), 0);
	ck_assert_int_eq(editor_refresh(ed), 1);
	ck_assert_str_eq(ed->msg, "file shrank to 100 bytes");
	ck_assert(ed->msg_error);
	ck_assert_uint_eq(s.m.size, 100);
	ck_assert_uint_eq(ed->cursor, 99);
	ck_assert_uint_le(ed->top, ed->cursor);
	ck_assert_int_ne(editor_mode(ed), INPUT_SELECT);
	ck_assert_uint_eq(ed->marks_set, 0);
	ck_assert_uint_eq(s.m.dirty.bytes, 1);
	ck_assert_int_eq(s.m.data[0], 'x');
	type(ed, "G");
	ck_assert_uint_eq(ed->cursor, 99);

	ck_assert_int_eq(truncate(s.path, 4096), 0);
	ck_assert_int_eq(editor_refresh(ed), 1);
	ck_assert_str_eq(ed->msg, "file grew to 4096 bytes");
	ck_assert_uint_eq(ed->cursor, 4095);	/* at the end: follows */
	type(ed, "k");
	ck_assert_int_eq(truncate(s.path, 5000), 0);
	ck_assert_int_eq(editor_refresh(ed), 1);
	ck_assert_uint_eq(ed->cursor, 4095 - 16);	/* not at the end: stays */

	ck_assert_int_eq(truncate(s.path, 0), 0);
	ck_assert_int_eq(editor_refresh(ed), 1);
	ck_assert_uint_eq(ed->cursor, 0);
	type(ed, "Gjk");
	ck_assert_uint_eq(ed->cursor, 0);
	finish(&s);
}
END_TEST

/* Deleted, or replaced by another file: still shown, said once. */
START_TEST(test_refresh_gone)
{
	struct sess s;
	struct editor *ed = open_lorem(&s);
	char other[80];
	int fd;

	ck_assert_int_eq(editor_refresh(ed), 0);
	ck_assert_str_eq(ed->msg, "");
	snprintf(other, sizeof(other), "%s.new", s.path);
	fd = open(other, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "new", 3), 3);
	close(fd);
	ck_assert_int_eq(rename(other, s.path), 0);
	ck_assert_int_eq(editor_refresh(ed), 0);
	ck_assert_str_eq(ed->msg, "file replaced by another: still showing this "
	    "one; w offers where to write");
	ck_assert_uint_eq(s.m.size, LOREM_LEN);
	editor_key(ed, 'j');
	ck_assert_int_eq(editor_refresh(ed), 0);
	ck_assert_str_eq(ed->msg, "");			/* said once */
	ck_assert_int_eq(unlink(s.path), 0);
	ck_assert_int_eq(editor_refresh(ed), 0);
	ck_assert_str_eq(ed->msg, "file deleted: still shown as it was; w "
	    "offers to write it elsewhere");
	ck_assert_int_eq(memcmp(s.m.data, lorem, LOREM_LEN), 0);
	finish(&s);
}
END_TEST

/*
 * Issue 10: a half-typed byte is dropped when the cursor moves for any
 * reason: after a truncation clamps the cursor, the next digit is a high
 * nibble again, on the byte the cursor is on now.
 */
START_TEST(test_half_typed_byte_dropped)
{
	struct sess s;
	struct editor *ed = open_lorem_as(&s, SESSION_COW);

	command(ed, 'g', "700");
	type(ed, "Ra");
	ck_assert(ed->low_nibble);
	ck_assert_int_eq(truncate(s.path, 500), 0);
	ck_assert_int_eq(editor_refresh(ed), 1);
	ck_assert_uint_eq(ed->cursor, 499);
	ck_assert(!ed->low_nibble);
	/* Overwrite mode left: keys typed for byte 700 land nowhere. */
	ck_assert_int_eq(editor_mode(ed), INPUT_NORMAL);
	ck_assert_str_eq(ed->msg, "file shrank to 500 bytes; the cursor moved: "
	    "overwrite mode left");
	/* The half byte is taken back: nothing waits to be flushed. */
	ck_assert_uint_eq(s.m.dirty.bytes, 0);
	editor_key(ed, 'u');
	ck_assert_str_eq(ed->msg, "nothing to undo");
	type(ed, "Rb");
	ck_assert_int_eq(s.m.data[499], 0xb0 | (lorem[499] & 0x0f));
	ck_assert(ed->low_nibble);
	/* A click between the digits moves the cursor: a new byte begins. */
	editor_key(ed, EK_ESC);
	command(ed, 'g', "0");
	type(ed, "Rc");
	editor_click(ed, layout_hex_x(&ed->lay, 3), 1);
	ck_assert_uint_eq(ed->cursor, 19);
	type(ed, "d");
	ck_assert_int_eq(s.m.data[19], 0xd0 | (lorem[19] & 0x0f));
	ck_assert_int_eq(s.m.data[0], 0xc0 | (lorem[0] & 0x0f));
	finish(&s);
}
END_TEST

/*
 * The same in a write-through session, on a byte typed over before: the
 * earlier edit went with the cut-off part of the file, so nothing is left
 * past the end to flush (the fuzzer found it kept there).
 */
START_TEST(test_half_typed_byte_dropped_wt)
{
	struct sess s;
	struct editor *ed = open_lorem_as(&s, SESSION_WT);
	struct stat st;

	command(ed, 'g', "700");
	type(ed, "R41");
	editor_key(ed, EK_ESC);
	command(ed, 'g', "700");
	type(ed, "Ra");
	ck_assert(ed->low_nibble);
	ck_assert_int_eq(truncate(s.path, 500), 0);
	ck_assert_int_eq(editor_refresh(ed), 1);
	ck_assert(!ed->low_nibble);
	ck_assert_int_eq(editor_mode(ed), INPUT_NORMAL);
	ck_assert_uint_eq(s.m.dirty.bytes, 0);
	editor_key(ed, 'w');
	ck_assert_int_eq(stat(s.path, &st), 0);
	ck_assert_int_eq(st.st_size, 500);
	finish(&s);
}
END_TEST

/*
 * Insert mode in write-through, the first nibble of a byte typed (the
 * byte is in the file already), then the file is cut to before it with
 * the cursor where it was: the half byte goes, insert mode ends, and
 * the next hex digit is refused, not written past the end.  The fuzzer
 * found the next digit's write waiting forever on a byte that was not
 * there (the list of the insert still stood for the longer file).
 */
START_TEST(test_half_inserted_byte_cut)
{
	struct sess s;
	struct editor *ed;
	struct stat st;

	write_file(&s, "", 0);
	start_as(&s, SESSION_WT, 0, UINT64_MAX, 80, 24);
	ed = &s.ed;
	type(ed, "Ia");
	ck_assert(ed->low_nibble);
	ck_assert_uint_eq(editor_size(ed), 1);
	ck_assert_int_eq(truncate(s.path, 0), 0);
	ck_assert_int_eq(editor_refresh(ed), 1);
	ck_assert_str_eq(ed->msg, "file shrank to 0 bytes; the byte being typed "
	    "went with it: overwrite mode left");
	ck_assert(!ed->low_nibble);
	ck_assert_int_eq(editor_mode(ed), INPUT_NORMAL);
	ck_assert_uint_eq(editor_size(ed), 0);
	ck_assert_uint_eq(ed->pieces.base_size, 0);
	type(ed, "e");
	ck_assert_uint_eq(editor_size(ed), 0);
	ck_assert_int_eq(stat(s.path, &st), 0);
	ck_assert_int_eq(st.st_size, 0);
	/* Grown back: all of it shown, and no change of size pending. */
	ck_assert_int_eq(truncate(s.path, 3), 0);
	ck_assert_int_eq(editor_refresh(ed), 1);
	ck_assert_uint_eq(editor_size(ed), 3);
	ck_assert(!editor_unflushed(ed));
	finish(&s);
}
END_TEST

/*
 * A refresh does not hide the error the last key got behind lesser news
 * (here: a rewrite at the same size); a new size is always said.
 */
START_TEST(test_refresh_keeps_error)
{
	struct sess s;
	struct editor *ed = open_lorem_as(&s, SESSION_COW);
	char other[LOREM_LEN];
	int fd;

	type(ed, "R41");
	editor_key(ed, EK_ESC);
	editor_key(ed, EK_F1 + 11);		/* F12: not bound */
	ck_assert(ed->msg_error);
	ck_assert_ptr_nonnull(strstr(ed->msg, "not bound"));
	memset(other, '=', sizeof(other));
	fd = open(s.path, O_WRONLY | O_TRUNC);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, other, sizeof(other)), (ssize_t)sizeof(other));
	close(fd);
	ck_assert_int_eq(editor_refresh(ed), 1);
	ck_assert_ptr_nonnull(strstr(ed->msg, "not bound"));
	ck_assert_int_eq(s.m.data[0], 0x41);		/* restored all the same */
	editor_key(ed, 'j');
	ck_assert_int_eq(truncate(s.path, 400), 0);
	ck_assert_int_eq(editor_refresh(ed), 1);
	ck_assert_str_eq(ed->msg, "file shrank to 400 bytes");
	finish(&s);
}
END_TEST

static Suite *
editor_refresh_suite(void)
{
	Suite *s = suite_create("editor-refresh");
	TCase *tc = tcase_create("edit");

	tcase_add_test(tc, test_refresh_truncated);
	tcase_add_test(tc, test_refresh_gone);
	tcase_add_test(tc, test_half_typed_byte_dropped);
	tcase_add_test(tc, test_half_typed_byte_dropped_wt);
	tcase_add_test(tc, test_half_inserted_byte_cut);
	tcase_add_test(tc, test_refresh_keeps_error);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(editor_refresh_suite)
