/*
 * check_editor_flush.c - src/editor-flush.c driven from the keyboard:
 * switching sessions (M), quitting and its question, a flush that fails,
 * standard input in memory, and where edits go once the file was
 * replaced or deleted.
 */
#include "config.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "editor.h"
#include "journal.h"
#include "mapping.h"
#include "editor-test.h"
#include "unit.h"

/*
 * M: COW -> WT asks when edits are unflushed; n stays, other keys ask
 * again, y writes them and switches.  WT -> COW never asks.
 */
START_TEST(test_toggle_session)
{
	struct sess s;
	struct editor *ed = open_lorem_as(&s, SESSION_COW);
	char *want = malloc(LOREM_LEN);

	memcpy(want, lorem, LOREM_LEN);
	memcpy(want, "abc", 3);
	type(ed, "M");				/* no edits: no question */
	ck_assert_int_eq(ed->ask, ASK_NONE);
	ck_assert_int_eq(s.m.session, SESSION_WT);
	ck_assert_str_eq(ed->msg, "write-through: edits reach the file at once");
	assert_status_has(ed, "WT");
	type(ed, "M");
	ck_assert_int_eq(s.m.session, SESSION_COW);
	ck_assert_str_eq(ed->msg, "copy-on-write: edits stay private until "
	    "flushed");

	editor_key(ed, EK_TAB);
	type(ed, "R");
	type(ed, "ab");
	editor_key(ed, EK_LEFT);		/* a move ends the typing run */
	editor_key(ed, EK_RIGHT);
	type(ed, "c");
	editor_key(ed, EK_ESC);
	type(ed, "M");
	ck_assert_int_eq(ed->ask, ASK_SWITCH_WT);
	ck_assert_str_eq(ed->msg, "write 3 changed bytes to the file and switch "
	    "to write-through? (y/n)");
	ck_assert_str_eq(ed->question, ed->msg);
	type(ed, "x");				/* not an answer: said so */
	ck_assert_int_eq(ed->ask, ASK_SWITCH_WT);
	ck_assert_str_eq(ed->msg, "key x is not an answer here; it takes y, "
	    "n, Esc");
	ck_assert(ed->msg_error);
	ck_assert_str_eq(ed->question, "write 3 changed bytes to the file and "
	    "switch to write-through? (y/n)");
	editor_key(ed, EK_DOWN);
	ck_assert_uint_eq(ed->cursor, 3);	/* nothing moves while asking */
	type(ed, "n");
	ck_assert_int_eq(ed->ask, ASK_NONE);
	ck_assert_int_eq(s.m.session, SESSION_COW);
	ck_assert_str_eq(ed->msg, "still copy-on-write, nothing written");
	assert_file(&s, lorem, LOREM_LEN);
	type(ed, "M");
	editor_key(ed, EK_ESC);
	ck_assert_int_eq(s.m.session, SESSION_COW);
	type(ed, "M");
	editor_key(ed, EK_CTRL('C'));
	ck_assert_int_eq(s.m.session, SESSION_COW);
	type(ed, "M");
	type(ed, "y");
	ck_assert_int_eq(ed->ask, ASK_NONE);
	ck_assert_int_eq(s.m.session, SESSION_WT);
	ck_assert_str_eq(ed->msg, "write-through: 3 changed bytes written to "
	    "the file, flush makes them durable");
	assert_file(&s, want, LOREM_LEN);
	ck_assert_uint_eq(s.m.dirty.bytes, 3);	/* durable only at the flush */
	type(ed, "w");
	ck_assert_str_eq(ed->msg, "flushed 3 bytes");

	/* Undo in WT reaches the file at once; back to COW without asking. */
	type(ed, "u");
	ck_assert_uint_eq(s.m.dirty.bytes, 1);
	memcpy(want + 2, "r", 1);
	assert_file(&s, want, LOREM_LEN);
	type(ed, "M");
	ck_assert_int_eq(ed->ask, ASK_NONE);
	ck_assert_int_eq(s.m.session, SESSION_COW);
	ck_assert_uint_eq(s.m.dirty.bytes, 1);	/* still to be made durable */
	type(ed, "u");				/* COW again: private */
	assert_file(&s, want, LOREM_LEN);
	type(ed, "Y");				/* unbound Y is not an answer now */
	ck_assert(strstr(ed->msg, "not bound") != NULL);
	finish(&s);
	free(want);
}
END_TEST

/* q with unflushed COW edits asks f / d / c; Q never asks. */
START_TEST(test_quit_question)
{
	struct sess s;
	struct editor *ed = open_lorem_as(&s, SESSION_COW);
	char *want = malloc(LOREM_LEN);

	memcpy(want, lorem, LOREM_LEN);
	want[0] = 'Z';
	editor_key(ed, EK_TAB);
	type(ed, "RZ");
	editor_key(ed, EK_ESC);
	type(ed, "q");
	ck_assert(!ed->quit);
	ck_assert_int_eq(ed->ask, ASK_QUIT);
	ck_assert_str_eq(ed->msg, "1 unflushed byte: (f)lush and quit, "
	    "(d)iscard, (c)ancel");
	type(ed, "q");				/* not an answer */
	ck_assert_int_eq(ed->ask, ASK_QUIT);
	ck_assert(!ed->quit);
	ck_assert_str_eq(ed->msg, "key q is not an answer here; it takes f, "
	    "d, c, Esc");
	type(ed, "c");
	ck_assert_int_eq(ed->ask, ASK_NONE);
	ck_assert(!ed->quit);
	ck_assert_str_eq(ed->msg, "quit cancelled");
	type(ed, "q");
	editor_key(ed, EK_ESC);
	ck_assert(!ed->quit);
	ck_assert_int_eq(ed->ask, ASK_NONE);
	type(ed, "q");
	type(ed, "d");
	ck_assert(ed->quit);
	assert_file(&s, lorem, LOREM_LEN);
	finish(&s);

	/* f flushes, then quits. */
	ed = open_lorem_as(&s, SESSION_COW);
	editor_key(ed, EK_TAB);
	type(ed, "RZ");
	editor_key(ed, EK_ESC);
	type(ed, "qf");
	ck_assert(ed->quit);
	assert_file(&s, want, LOREM_LEN);
	finish(&s);

	/* Q: no question, nothing written. */
	ed = open_lorem_as(&s, SESSION_COW);
	editor_key(ed, EK_TAB);
	type(ed, "RZ");
	editor_key(ed, EK_ESC);
	type(ed, "Q");
	ck_assert(ed->quit);
	ck_assert_int_eq(ed->ask, ASK_NONE);
	assert_file(&s, lorem, LOREM_LEN);
	finish(&s);

	/* WT: the edits are in the file; q makes them durable and quits. */
	ed = open_lorem_as(&s, SESSION_WT);
	editor_key(ed, EK_TAB);
	type(ed, "RZ");
	editor_key(ed, EK_ESC);
	type(ed, "q");
	ck_assert(ed->quit);
	ck_assert_int_eq(ed->ask, ASK_NONE);
	ck_assert_str_eq(ed->msg, "flushed 1 byte");
	ck_assert_uint_eq(s.m.dirty.bytes, 0);
	assert_file(&s, want, LOREM_LEN);
	finish(&s);
	free(want);
}
END_TEST

/*
 * A flush that fails (the descriptor swapped for a read-only one, so
 * pwrite gets EBADF) keeps the edits: w says so, q's f stays, and once
 * the descriptor is writable again the same keys succeed.
 */
START_TEST(test_flush_fails)
{
	struct sess s;
	struct editor *ed = open_lorem_as(&s, SESSION_COW);
	int ro, rw;
	char *want = malloc(LOREM_LEN);

	memcpy(want, lorem, LOREM_LEN);
	want[0] = 'Z';
	editor_key(ed, EK_TAB);
	type(ed, "RZ");
	editor_key(ed, EK_ESC);
	rw = dup(s.m.fd);
	ro = open(s.path, O_RDONLY);
	ck_assert_int_ge(dup2(ro, s.m.fd), 0);
	type(ed, "w");
	ck_assert(ed->msg_error);
	ck_assert_msg(strncmp(ed->msg, "flush failed, edits kept: ", 26) == 0 &&
	    strstr(ed->msg, "Bad file descriptor") != NULL, "%s", ed->msg);
	ck_assert_uint_eq(s.m.dirty.bytes, 1);
	type(ed, "q");
	type(ed, "f");
	ck_assert(!ed->quit);
	ck_assert_int_eq(ed->ask, ASK_NONE);
	ck_assert_msg(strncmp(ed->msg, "flush failed, not quitting: ", 28) == 0,
	    "%s", ed->msg);
	ck_assert_uint_eq(s.m.dirty.bytes, 1);
	assert_file(&s, lorem, LOREM_LEN);
	ck_assert_int_ge(dup2(rw, s.m.fd), 0);
	type(ed, "qf");
	ck_assert(ed->quit);
	assert_file(&s, want, LOREM_LEN);
	close(ro);
	close(rw);
	finish(&s);

	/* WT: an edit whose pwrite fails changes nothing and is not recorded. */
	ed = open_lorem_as(&s, SESSION_WT);
	rw = dup(s.m.fd);
	ro = open(s.path, O_RDONLY);
	ck_assert_int_ge(dup2(ro, s.m.fd), 0);
	editor_key(ed, EK_TAB);
	type(ed, "RZ");
	ck_assert(ed->msg_error);
	ck_assert_msg(strstr(ed->msg, "write: Bad file descriptor") != NULL,
	    "%s", ed->msg);
	ck_assert_uint_eq(ed->cursor, 0);
	ck_assert_uint_eq(s.m.dirty.bytes, 0);
	ck_assert(!journal_can_undo(&ed->journal));
	ck_assert_int_eq(ed->journal.ne, 0);
	ck_assert_int_eq(dup2(rw, s.m.fd), s.m.fd);
	type(ed, "Z");
	editor_key(ed, EK_ESC);
	assert_file(&s, want, LOREM_LEN);
	ck_assert_int_ge(dup2(ro, s.m.fd), 0);	/* undo fails: nothing moves */
	type(ed, "u");
	ck_assert_msg(strncmp(ed->msg, "undo failed, nothing changed: ", 30) == 0,
	    "%s", ed->msg);
	ck_assert(journal_can_undo(&ed->journal));
	ck_assert_int_ge(dup2(rw, s.m.fd), 0);
	type(ed, "u");
	assert_file(&s, lorem, LOREM_LEN);

	/* The low nibble's write fails: the high nibble stays undoable. */
	command(ed, 'g', "50");
	editor_key(ed, EK_TAB);			/* back to the hex pane */
	type(ed, "R0");
	ck_assert_int_ge(dup2(ro, s.m.fd), 0);
	type(ed, "0");
	ck_assert(ed->msg_error);
	ck_assert_uint_eq(ed->cursor, 50);
	ck_assert_int_ge(dup2(rw, s.m.fd), 0);
	editor_key(ed, EK_ESC);
	read_file(&s, want, LOREM_LEN);
	ck_assert_uint_eq((unsigned char)want[50], lorem[50] & 0x0f);
	type(ed, "u");
	assert_file(&s, lorem, LOREM_LEN);
	close(ro);
	close(rw);
	finish(&s);
	free(want);
}
END_TEST

/*
 * Standard input read into memory as copy-on-write: edits and undo work
 * in memory, but there is nothing to flush to or switch to, and q's f
 * fails and stays; d discards.
 */
START_TEST(test_stdin_in_memory)
{
	struct sess s;
	struct editor *ed;
	struct error err;
	int fd, saved;

	write_file(&s, lorem, LOREM_LEN);
	fd = open(s.path, O_RDONLY);
	saved = dup(STDIN_FILENO);
	ck_assert_int_ge(dup2(fd, STDIN_FILENO), 0);
	memset(&s.m, 0, sizeof(s.m));
	ck_assert_int_eq(mapping_open(&s.m, "-", SESSION_COW, &err), 0);
	ck_assert_int_eq(mapping_map(&s.m, 0, UINT64_MAX, &err), 0);
	ck_assert_int_ge(dup2(saved, STDIN_FILENO), 0);
	close(fd);
	close(saved);
	ck_assert(s.m.in_memory);
	editor_init(&s.ed, &s.m, 80, 24, 0, false);
	ed = &s.ed;
	editor_key(ed, EK_TAB);
	type(ed, "R");
	type(ed, "AB");
	editor_key(ed, EK_ESC);
	ck_assert_int_eq(memcmp(s.m.data, "ABrem", 5), 0);
	type(ed, "u");				/* the typing run */
	ck_assert_int_eq(memcmp(s.m.data, "Lorem", 5), 0);
	type(ed, "w");
	ck_assert(ed->msg_error);
	ck_assert_msg(strstr(ed->msg, "nothing to flush to") != NULL, "%s",
	    ed->msg);
	type(ed, "M");
	ck_assert(ed->msg_error);
	ck_assert_int_eq(s.m.session, SESSION_COW);
	ck_assert_msg(strstr(ed->msg, "cannot switch to write-through") != NULL,
	    "%s", ed->msg);
	type(ed, "qf");
	ck_assert(!ed->quit);
	ck_assert(ed->msg_error);
	type(ed, "qd");
	ck_assert(ed->quit);
	assert_file(&s, lorem, LOREM_LEN);
	finish(&s);
}
END_TEST

/* Replace the file at s's path by one holding content (len bytes). */
static void
replace_file(const struct sess *s, const void *content, size_t len)
{
	char other[80];
	int fd;

	snprintf(other, sizeof(other), "%s.new", s->path);
	fd = open(other, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, content, len), (ssize_t)len);
	close(fd);
	ck_assert_int_eq(rename(other, s->path), 0);
}

/*
 * Issue 10, item 5: once the path names another file, w never reports a
 * flush that went to the orphaned inode, and q asks as if nothing had
 * been flushed: the edits go to the file there now (same size), or the
 * whole file to a new path.  The status line says so while it is true.
 */
START_TEST(test_gone_asks_where)
{
	struct sess s;
	struct editor *ed = open_lorem_as(&s, SESSION_WT);
	char want[LOREM_LEN], st[200], copy[80];

	memset(want, '-', sizeof(want));
	type(ed, "R4142");
	editor_key(ed, EK_ESC);
	replace_file(&s, want, LOREM_LEN);
	ck_assert_int_eq(editor_refresh(ed), 0);
	editor_status(ed, st, sizeof(st));
	ck_assert_ptr_nonnull(strstr(st, "  WT  REPLACED  "));
	editor_key(ed, 'j');
	editor_status(ed, st, sizeof(st));
	ck_assert_ptr_nonnull(strstr(st, "  REPLACED  "));	/* still */
	editor_key(ed, 'w');
	ck_assert_int_eq(ed->ask, ASK_GONE_FLUSH);
	ck_assert_ptr_nonnull(strstr(ed->msg, "was replaced on disk, 2 edited "
	    "bytes only here"));
	editor_key(ed, 'c');
	ck_assert_str_eq(ed->msg, "nothing written");
	editor_key(ed, 'q');
	ck_assert_int_eq(ed->ask, ASK_GONE_QUIT);
	ck_assert(!ed->quit);
	editor_key(ed, 't');
	ck_assert_int_eq(s.m.gone, GONE_NO);
	ck_assert_ptr_nonnull(strstr(ed->msg, "wrote 2 edited bytes to the file "
	    "now at"));
	want[0] = 'A';
	want[1] = 'B';
	assert_file(&s, want, LOREM_LEN);

	/* Deleted: q asks; a writes everything to a new path. */
	ck_assert_int_eq(unlink(s.path), 0);
	ck_assert_int_eq(editor_refresh(ed), 0);
	editor_key(ed, 'q');
	ck_assert_int_eq(ed->ask, ASK_GONE_QUIT);
	ck_assert_ptr_nonnull(strstr(ed->msg, "was deleted, 2 edited bytes"));
	editor_key(ed, 't');			/* no file there: refused */
	ck_assert_ptr_nonnull(strstr(ed->msg, "a writes to another path"));
	editor_key(ed, 'q');
	editor_key(ed, 'a');
	ck_assert_int_eq(ed->prompt.kind, PROMPT_WRITE_AS);
	snprintf(copy, sizeof(copy), "%s.saved", s.path);
	type(ed, copy);
	editor_key(ed, EK_ENTER);
	ck_assert_ptr_nonnull(strstr(ed->msg, "; editing that file"));
	ck_assert_str_eq(s.m.path, copy);
	ck_assert_uint_lt(strlen(copy), sizeof(s.path));
	memcpy(s.path, copy, strlen(copy) + 1);
	assert_file(&s, want, LOREM_LEN);
	editor_key(ed, 'q');
	ck_assert(ed->quit);
	finish(&s);
}
END_TEST

static Suite *
editor_flush_suite(void)
{
	Suite *s = suite_create("editor-flush");
	TCase *tc = tcase_create("edit");

	tcase_add_test(tc, test_toggle_session);
	tcase_add_test(tc, test_quit_question);
	tcase_add_test(tc, test_flush_fails);
	tcase_add_test(tc, test_stdin_in_memory);
	tcase_add_test(tc, test_gone_asks_where);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(editor_flush_suite)
