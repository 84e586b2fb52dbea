/*
 * check_editor.c - the viewer core driven like a person at the keyboard:
 * a file is written to a temporary path, mapped read-only, and keys go to
 * editor_key() one by one; each test says what was typed and checks where
 * the cursor went, what scrolled and what the status line says.  Every key
 * of the default table is pressed at least once.
 */
#include "config.h"

#include <sys/mman.h>
#include <sys/stat.h>

#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "editor.h"
#include "inspect.h"
#include "keymap.h"
#include "mapping.h"
#include "textview.h"
#include "unit.h"

/* data/lorem.txt, 737 bytes: 11 lines. */
static const char lorem[] =
	"Lorem ipsum dolor sit amet, consectetuer adipiscing elit.\n"
	"Donec egestas, enim et consectetuer ullamcorper, lectus ligula rutrum\n"
	"leo, a elementum elit tortor eu quam. Duis tincidunt nisi ut ante.\n"
	"Nulla facilisi. Sed tristique eros eu libero. Pellentesque vel arcu.\n"
	"Vivamus purus orci, iaculis ac, suscipit sit amet, pulvinar eu, lacus.\n"
	"Praesent placerat tortor sed nisl. Nunc blandit diam egestas dui.\n"
	"Pellentesque habitant morbi tristique senectus et netus et malesuada\n"
	"fames ac turpis egestas. Aliquam viverra fringilla leo. Nulla feugiat\n"
	"augue eleifend nulla. Vivamus mauris. Vivamus sed mauris in nibh\n"
	"placerat egestas. Suspendisse potenti. Mauris massa. Ut eget velit\n"
	"auctor tortor blandit sollicitudin. Suspendisse imperdiet justo.\n";
#define LOREM_LEN	(sizeof(lorem) - 1)

/* One viewer session over a temporary file. */
struct sess {
	char		path[64];
	struct mapping	m;
	struct editor	ed;
};

/* Write len bytes of content (or a sparse file of len bytes if NULL). */
static void
write_file(struct sess *s, const void *content, size_t len)
{
	int fd;

	snprintf(s->path, sizeof(s->path), "/tmp/check_editor.XXXXXX");
	fd = mkstemp(s->path);
	ck_assert_int_ge(fd, 0);
	if (content != NULL)
		ck_assert_int_eq(write(fd, content, len), (ssize_t)len);
	else
		ck_assert_int_eq(ftruncate(fd, (off_t)len), 0);
	close(fd);
}

/*
 * Open the file as session want, map [off, off + len) of it and start a
 * cols x rows editor on it.
 */
static void
start_as(struct sess *s, enum session want, uint64_t off, uint64_t len,
    int cols, int rows)
{
	struct error err;

	memset(&s->m, 0, sizeof(s->m));
	ck_assert_msg(mapping_open(&s->m, s->path, want, &err) == 0, "%s",
	    err.msg);
	ck_assert_msg(mapping_map(&s->m, off, len, &err) == 0, "%s", err.msg);
	editor_init(&s->ed, &s->m, cols, rows, 0, false);
}

/* The same, read-only: the viewer tests never write. */
static void
start(struct sess *s, uint64_t off, uint64_t len, int cols, int rows)
{
	start_as(s, SESSION_RO, off, len, cols, rows);
}

/* lorem.txt on an 80 x 24 terminal: 16 bytes a line, 23 data rows. */
static struct editor *
open_lorem(struct sess *s)
{
	write_file(s, lorem, LOREM_LEN);
	start(s, 0, UINT64_MAX, 80, 24);
	return &s->ed;
}

/* lorem.txt as session want, 80 x 24. */
static struct editor *
open_lorem_as(struct sess *s, enum session want)
{
	write_file(s, lorem, LOREM_LEN);
	start_as(s, want, 0, UINT64_MAX, 80, 24);
	return &s->ed;
}

/*
 * The file's bytes read with pread(2) on a descriptor of its own, not
 * through the mapping: what another process would see.
 */
static void
read_file(const struct sess *s, void *buf, size_t len)
{
	int fd = open(s->path, O_RDONLY);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(pread(fd, buf, len, 0), (ssize_t)len);
	close(fd);
}

/* The file holds exactly want (len bytes). */
static void
assert_file(const struct sess *s, const void *want, size_t len)
{
	unsigned char *got = malloc(len + 1);
	struct stat st;
	size_t i;

	ck_assert_int_eq(stat(s->path, &st), 0);
	ck_assert_uint_eq((uint64_t)st.st_size, len);
	read_file(s, got, len);
	for (i = 0; i < len; i++)
		ck_assert_msg(got[i] == ((const unsigned char *)want)[i],
		    "file byte %zu is %#x, want %#x", i, got[i],
		    ((const unsigned char *)want)[i]);
	free(got);
}

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

static void
finish(struct sess *s)
{
	editor_free(&s->ed);
	mapping_close(&s->m);
	unlink(s->path);
}

/* Type each character of str. */
static void
type(struct editor *ed, const char *str)
{
	for (; *str != '\0'; str++)
		editor_key(ed, (unsigned char)*str);
}

/* Type a prompt command and its line, then Enter. */
static void
command(struct editor *ed, int key, const char *line)
{
	editor_key(ed, key);
	ck_assert_int_ne(ed->prompt.kind, PROMPT_NONE);
	type(ed, line);
	editor_key(ed, EK_ENTER);
	ck_assert_int_eq(ed->prompt.kind, PROMPT_NONE);
}

/* The cursor is on screen in the hex view. */
static void
assert_visible(const struct editor *ed)
{
	size_t rows = ed->lay.view_rows > 0 ? (size_t)ed->lay.view_rows : 1;

	ck_assert_uint_eq(ed->top % ed->lay.bpl, 0);
	ck_assert_uint_le(ed->top, ed->cursor);
	ck_assert_uint_lt(ed->cursor, ed->top + rows * ed->lay.bpl);
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

START_TEST(test_move_bytes_and_lines)
{
	struct sess s;
	struct editor *ed = open_lorem(&s);

	type(ed, "l");
	ck_assert_uint_eq(ed->cursor, 1);
	editor_key(ed, EK_RIGHT);
	ck_assert_uint_eq(ed->cursor, 2);
	type(ed, "h");
	editor_key(ed, EK_LEFT);
	editor_key(ed, EK_LEFT);		/* clamps at 0 */
	ck_assert_uint_eq(ed->cursor, 0);
	type(ed, "j");
	editor_key(ed, EK_DOWN);
	ck_assert_uint_eq(ed->cursor, 32);
	type(ed, "k");
	editor_key(ed, EK_UP);
	type(ed, "k");
	ck_assert_uint_eq(ed->cursor, 0);
	type(ed, "lll$");
	ck_assert_uint_eq(ed->cursor, 15);
	type(ed, "0");
	ck_assert_uint_eq(ed->cursor, 0);
	editor_key(ed, EK_END);
	ck_assert_uint_eq(ed->cursor, 15);
	editor_key(ed, EK_HOME);
	ck_assert_uint_eq(ed->cursor, 0);
	ck_assert_str_eq(ed->msg, "");
	finish(&s);
}
END_TEST

START_TEST(test_end_and_edges)
{
	struct sess s;
	struct editor *ed = open_lorem(&s);

	type(ed, "G");
	ck_assert_uint_eq(ed->cursor, 736);
	ck_assert_uint_eq(ed->top, 384);	/* 47 rows, the last at the bottom */
	assert_visible(ed);
	type(ed, "jl");				/* nothing past the end */
	ck_assert_uint_eq(ed->cursor, 736);
	type(ed, "$");
	ck_assert_uint_eq(ed->cursor, 736);
	type(ed, "k$");
	ck_assert_uint_eq(ed->cursor, 735);
	type(ed, "hhhhj");			/* onto a shorter last line */
	ck_assert_uint_eq(ed->cursor, 736);
	finish(&s);
}
END_TEST

START_TEST(test_pages)
{
	struct sess s;
	struct editor *ed = open_lorem(&s);

	editor_key(ed, EK_PGDN);
	ck_assert_uint_eq(ed->top, 368);
	ck_assert_uint_eq(ed->cursor, 368);
	type(ed, " ");				/* only 16 more bytes to show */
	ck_assert_uint_eq(ed->top, 384);
	ck_assert_uint_eq(ed->cursor, 736);
	assert_visible(ed);
	type(ed, "b");
	ck_assert_uint_eq(ed->top, 16);
	ck_assert_uint_eq(ed->cursor, 368);
	editor_key(ed, EK_CTRL('B'));
	ck_assert_uint_eq(ed->top, 0);
	ck_assert_uint_eq(ed->cursor, 0);
	editor_key(ed, EK_CTRL('F'));
	ck_assert_uint_eq(ed->cursor, 368);
	editor_key(ed, EK_PGUP);
	ck_assert_uint_eq(ed->cursor, 0);
	type(ed, "lll");
	editor_key(ed, EK_PGUP);		/* same column, first row */
	ck_assert_uint_eq(ed->cursor, 3);
	finish(&s);
}
END_TEST

START_TEST(test_goto_forms)
{
	struct sess s;
	struct editor *ed = open_lorem(&s);

	command(ed, 'g', "0x100");
	ck_assert_uint_eq(ed->cursor, 256);
	assert_visible(ed);
	command(ed, 'g', "$-16");
	ck_assert_uint_eq(ed->cursor, 720);
	assert_visible(ed);
	command(ed, 'g', "50%");
	ck_assert_uint_eq(ed->cursor, 368);
	command(ed, 'g', "+16");
	ck_assert_uint_eq(ed->cursor, 384);
	command(ed, 'g', "-0x10");
	ck_assert_uint_eq(ed->cursor, 368);
	command(ed, 'g', "$");
	ck_assert_uint_eq(ed->cursor, 736);
	command(ed, 'g', " 12 ");
	ck_assert_uint_eq(ed->cursor, 12);
	command(ed, 'g', "100%");
	ck_assert_uint_eq(ed->cursor, 736);
	ck_assert_str_eq(ed->msg, "");
	finish(&s);
}
END_TEST

START_TEST(test_goto_errors)
{
	struct sess s;
	struct editor *ed = open_lorem(&s);
	struct error err;

	command(ed, 'g', "100");
	command(ed, 'g', "1K");			/* past the end */
	ck_assert_uint_eq(ed->cursor, 100);
	ck_assert(ed->msg_error);
	ck_assert_msg(strstr(ed->msg, "goto: offset 0x400 is past the end")
	    != NULL, "[%s]", ed->msg);
	command(ed, 'g', "0x1q");		/* malformed: the position */
	ck_assert_uint_eq(ed->cursor, 100);
	ck_assert_str_eq(ed->msg, "goto: unexpected 'q' at position 3");
	command(ed, 'g', "-200");
	ck_assert_uint_eq(ed->cursor, 100);
	ck_assert(strstr(ed->msg, "before the start") != NULL);
	command(ed, 'g', "");
	ck_assert_uint_eq(ed->cursor, 100);
	ck_assert(strstr(ed->msg, "position 0") != NULL);
	/* The next key clears the message. */
	type(ed, "l");
	ck_assert_str_eq(ed->msg, "");
	ck_assert(!ed->msg_error);
	/* -g goes through the same function. */
	ck_assert_int_eq(editor_goto(ed, "0x2e0", &err), 0);
	ck_assert_uint_eq(ed->cursor, 736);
	ck_assert_int_eq(editor_goto(ed, "zz", &err), -1);
	ck_assert_int_eq(err.pos, 0);
	ck_assert_uint_eq(ed->cursor, 736);
	finish(&s);
}
END_TEST

/* A window in the middle of the file: typed and shown offsets are absolute. */
START_TEST(test_goto_window)
{
	struct sess s;
	struct editor *ed;
	char st[128];

	write_file(&s, lorem, LOREM_LEN);
	start(&s, 100, 200, 80, 24);
	ed = &s.ed;
	command(ed, 'g', "150");
	ck_assert_uint_eq(ed->cursor, 50);
	command(ed, 'g', "99");
	ck_assert_uint_eq(ed->cursor, 50);
	ck_assert(strstr(ed->msg, "at least 0x64") != NULL);
	command(ed, 'g', "300");
	ck_assert(strstr(ed->msg, "at most 0x12b") != NULL);
	command(ed, 'g', "$");
	ck_assert_uint_eq(ed->cursor, 199);
	command(ed, 'g', "50%");
	ck_assert_uint_eq(ed->cursor, 100);
	command(ed, 'g', "-10");
	ck_assert_uint_eq(ed->cursor, 90);
	editor_status(ed, st, sizeof(st));
	ck_assert_msg(strstr(st, "0x000000be 190 / 737") != NULL, "[%s]", st);
	finish(&s);
}
END_TEST

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
	ck_assert_str_eq(ed->msg, "");
	type(ed, "n");
	ck_assert_uint_eq(ed->cursor, 81);
	ck_assert_str_eq(ed->msg, "");
	type(ed, "n");
	ck_assert_uint_eq(ed->cursor, 28);
	ck_assert_str_eq(ed->msg, "search wrapped");
	ck_assert(!ed->msg_error);
	type(ed, "N");				/* backward from 28: wraps to 81 */
	ck_assert_uint_eq(ed->cursor, 81);
	ck_assert_str_eq(ed->msg, "search wrapped");
	type(ed, "N");
	ck_assert_uint_eq(ed->cursor, 28);
	ck_assert_str_eq(ed->msg, "");
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
	ck_assert_str_eq(ed->msg, "search wrapped");
	type(ed, "N");				/* forward again */
	ck_assert_uint_eq(ed->cursor, 264);
	ck_assert_str_eq(ed->msg, "search wrapped");
	/* A match overlapping the cursor but starting before it is found. */
	command(ed, 'g', "567");
	command(ed, 'F', "Vivamus");
	ck_assert_uint_eq(ed->cursor, 562);
	/* The only match is at the cursor: wrapping comes back to it. */
	command(ed, 'g', "0");
	command(ed, 'F', "Lorem");
	ck_assert_uint_eq(ed->cursor, 0);
	ck_assert_str_eq(ed->msg, "search wrapped");
	command(ed, 'f', "Lorem");
	ck_assert_uint_eq(ed->cursor, 0);
	ck_assert_str_eq(ed->msg, "search wrapped");
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
	ck_assert_str_eq(ed->msg, "search wrapped");
	type(ed, "N");
	ck_assert_uint_eq(ed->cursor, 555);
	ck_assert_str_eq(ed->msg, "search wrapped");
	type(ed, "G");
	editor_key(ed, '?');
	ck_assert_str_eq(ed->prompt.label, "regex backward: ");
	type(ed, "^Nulla");
	editor_key(ed, EK_ENTER);
	ck_assert_uint_eq(ed->cursor, 195);
	type(ed, "n");
	ck_assert_uint_eq(ed->cursor, 195);
	ck_assert_str_eq(ed->msg, "search wrapped");
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

START_TEST(test_marks)
{
	struct sess s;
	struct editor *ed = open_lorem(&s);

	command(ed, 'g', "300");
	type(ed, "ma");
	ck_assert_str_eq(ed->msg, "mark a set");
	command(ed, 'g', "700");
	type(ed, "mz");
	type(ed, "G'a");
	ck_assert_uint_eq(ed->cursor, 300);
	assert_visible(ed);
	type(ed, "'z");
	ck_assert_uint_eq(ed->cursor, 700);
	type(ed, "'b");
	ck_assert_uint_eq(ed->cursor, 700);
	ck_assert_str_eq(ed->msg, "mark b not set");
	ck_assert(ed->msg_error);
	type(ed, "m1");
	ck_assert_str_eq(ed->msg, "marks are a-z");
	type(ed, "'");
	ck_assert_int_eq(ed->pending, PENDING_JUMP_MARK);
	editor_key(ed, EK_ESC);
	ck_assert_int_eq(ed->pending, PENDING_NONE);
	ck_assert_uint_eq(ed->cursor, 700);
	type(ed, "ma'a");			/* a moved */
	ck_assert_uint_eq(ed->cursor, 700);
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
	n = keymap_help_lines(&lines);
	keymap_help_free(lines);
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
	n = keymap_help_lines(&lines);
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
	keymap_help_free(lines);
	finish(&s);
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
		ck_assert_ptr_nonnull(keymap_default[0].help);
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
	static const int keys[] = { 'z', 'Z', EK_DELETE, EK_INSERT, EK_ESC,
	    EK_F3, EK_F12, EK_CTRL('Z'), EK_BACKSPACE };
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

START_TEST(test_resize)
{
	struct sess s;
	struct editor *ed = open_lorem(&s);
	int cols, rows;

	type(ed, "G");
	editor_resize(ed, 40, 6);
	ck_assert_uint_eq(ed->lay.bpl, 6);
	ck_assert_int_eq(ed->lay.view_rows, 5);
	ck_assert_uint_eq(ed->cursor, 736);
	assert_visible(ed);
	ck_assert(ed->redraw);
	command(ed, 'g', "100");
	for (cols = 1; cols <= 120; cols += 7)
		for (rows = 0; rows <= 30; rows += 3) {
			editor_resize(ed, cols, rows);
			ck_assert_uint_eq(ed->cursor, 100);
			assert_visible(ed);
			type(ed, "t");
			ck_assert_uint_eq(ed->cursor, 100);
			type(ed, "t");
		}
	editor_resize(ed, 1, 1);
	type(ed, "jjjlll");
	ck_assert_uint_eq(ed->cursor, 106);
	assert_visible(ed);
	editor_resize(ed, 200, 50);
	ck_assert_uint_eq(ed->lay.bpl, 40);
	ck_assert_uint_eq(ed->top, 0);		/* all fits: no blank rows */
	finish(&s);
}
END_TEST

START_TEST(test_click)
{
	struct sess s;
	struct editor *ed = open_lorem(&s);

	editor_click(ed, layout_hex_x(&ed->lay, 3) + 1, 1);
	ck_assert_uint_eq(ed->cursor, 19);
	ck_assert_int_eq(ed->pane, PANE_HEX);
	editor_click(ed, layout_text_x(&ed->lay, 5), 2);
	ck_assert_uint_eq(ed->cursor, 37);
	ck_assert_int_eq(ed->pane, PANE_TEXT);
	editor_click(ed, 2, 2);			/* the offset column */
	editor_click(ed, 20, 23);		/* the status line */
	ck_assert_uint_eq(ed->cursor, 37);
	/* Text view: row 1 is the second line. */
	type(ed, "t");
	editor_click(ed, 3, 1);
	ck_assert_uint_eq(ed->cursor, 61);
	editor_click(ed, 79, 1);		/* past the line: its newline */
	ck_assert_uint_eq(ed->cursor, 127);
	editor_click(ed, 0, 22);		/* below the last line */
	ck_assert_uint_eq(ed->cursor, 127);
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

/* The text view: rows are lines here, Up/Down keep the column. */
START_TEST(test_text_view)
{
	struct sess s;
	struct editor *ed;

	write_file(&s, lorem, LOREM_LEN);
	memset(&s.m, 0, sizeof(s.m));
	start(&s, 0, UINT64_MAX, 80, 6);	/* 5 rows */
	ed = &s.ed;
	type(ed, "t");
	type(ed, "lllll");
	type(ed, "j");
	ck_assert_uint_eq(ed->cursor, 63);
	type(ed, "j");
	ck_assert_uint_eq(ed->cursor, 133);
	type(ed, "$");
	ck_assert_uint_eq(ed->cursor, 194);	/* the newline */
	type(ed, "0");
	ck_assert_uint_eq(ed->cursor, 128);
	type(ed, "k");
	ck_assert_uint_eq(ed->cursor, 58);
	/* Down past the screen scrolls one row at a time. */
	type(ed, "jjjjj");
	ck_assert_uint_eq(ed->cursor, 401);
	ck_assert_uint_eq(ed->top, 128);
	/* Lines start at 0 58 128 195 264 335 401 470 540 605 672. */
	type(ed, " ");				/* the last row at the bottom */
	ck_assert_uint_eq(ed->top, 401);
	ck_assert_uint_eq(ed->cursor, 672);	/* no row 11: the last one */
	type(ed, "G");
	ck_assert_uint_eq(ed->cursor, 736);
	ck_assert_uint_eq(ed->top, 401);
	type(ed, "b");
	ck_assert_uint_eq(ed->top, 58);
	ck_assert_uint_eq(ed->cursor, 399);	/* column 64 kept */
	type(ed, "b");
	ck_assert_uint_eq(ed->top, 0);
	ck_assert_uint_eq(ed->cursor, 57);	/* line 0 is shorter */
	type(ed, "kkkk");
	ck_assert_uint_eq(ed->cursor, 57);
	type(ed, "0");
	ck_assert_uint_eq(ed->cursor, 0);
	/* A long line wraps: rows of 10 at width 10. */
	editor_resize(ed, 10, 6);
	type(ed, "j");
	ck_assert_uint_eq(ed->cursor, 10);
	type(ed, "jjjjj");
	ck_assert_uint_eq(ed->cursor, 58);
	ck_assert_uint_eq(ed->top, 20);
	type(ed, "$");
	ck_assert_uint_eq(ed->cursor, 67);
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
	ck_assert_str_eq(ed->msg, "search wrapped");
	finish(&s);
}
END_TEST

/*
 * Pages of the file at path that are in the page cache: what has been
 * read of it, through any mapping or read(2).  mincore(2) over a mapping
 * of our own that is never touched.
 */
static size_t
resident_pages(const char *path, size_t len)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE), n = (len + page - 1) / page;
	unsigned char *vec = malloc(n);
	size_t i, res = 0;
	void *p;
	int fd;

	ck_assert_ptr_nonnull(vec);
	ck_assert_int_ge(fd = open(path, O_RDONLY), 0);
	p = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, 0);
	ck_assert_ptr_ne(p, MAP_FAILED);
	ck_assert_int_eq(mincore(p, len, vec), 0);
	for (i = 0; i < n; i++)
		res += vec[i] & 1;
	munmap(p, len);
	close(fd);
	free(vec);
	return res;
}

/*
 * The text view of len NUL bytes (one line, ^@ each): to the end, paging
 * and stepping back, a jump to the middle, a resize.  *walked: the bytes
 * the text view's walks read for it; *pages: the file's pages read by
 * anything (the file is sparse, so only what was read is cached).
 */
static void
text_view_walk(size_t len, size_t *walked, size_t *pages)
{
	struct sess s;
	struct editor *ed;
	size_t w0, before;
	int i;

	write_file(&s, NULL, len);
	before = resident_pages(s.path, len);
	start(&s, 0, UINT64_MAX, 80, 24);
	ed = &s.ed;
	w0 = textview_walked();
	type(ed, "tG");
	ck_assert_uint_eq(ed->cursor, len - 1);
	ck_assert_uint_le(ed->top, ed->cursor);
	ck_assert_uint_ge(ed->top, len - 23 * 40);
	for (i = 0; i < 20; i++)
		type(ed, "bk");
	ck_assert_uint_eq(ed->cursor, len - 1 - 40 * (20 * 23 + 20));
	command(ed, 'g', "50%");
	type(ed, "kkk jjj");
	ck_assert_uint_eq(ed->cursor, len / 2 + 23 * 40);
	editor_resize(ed, 33, 10);
	ck_assert_uint_eq(ed->cursor, len / 2 + 23 * 40);
	type(ed, "t");
	*walked = textview_walked() - w0;
	*pages = resident_pages(s.path, len) - before;
	finish(&s);
}

/*
 * That costs a screen, not the file: counted, not timed.  At 4 MiB and at
 * 64 times that the walks read the same bytes (each row costs at most an
 * anchor back and one forward, textview.h: a bound set by the screen),
 * and little of the file is ever paged in.  An O(file) step would read
 * 64 times as much at 256 MiB.
 */
START_TEST(test_text_view_no_newline)
{
	size_t small = (size_t)4 << 20, w_small, p_small, w_big, p_big;
	size_t page = (size_t)sysconf(_SC_PAGESIZE);

	text_view_walk(small, &w_small, &p_small);
	text_view_walk(64 * small, &w_big, &p_big);
	ck_assert_msg(w_big <= w_small + TEXTVIEW_ANCHOR, "the text view read "
	    "%zu bytes of 4 MiB, %zu of 256 MiB", w_small, w_big);
	ck_assert_msg(p_big * page <= 16 * TEXTVIEW_ANCHOR, "%zu pages of "
	    "256 MiB read (%zu of 4 MiB)", p_big, p_small);
}
END_TEST

/* ---- editing -------------------------------------------------------------- */

/* lorem with "consectetuer" on the first line written backwards. */
static char *
lorem_reversed_word(void)
{
	char *want = malloc(LOREM_LEN);

	memcpy(want, lorem, LOREM_LEN);
	memcpy(want + 28, "reutetcesnoc", 12);
	return want;
}

/* The status line holds needle. */
static void
assert_status_has(const struct editor *ed, const char *needle)
{
	char st[256];

	editor_status(ed, st, sizeof(st));
	ck_assert_msg(strstr(st, needle) != NULL, "[%s] lacks [%s]", st, needle);
}

/* The status line lacks needle. */
static void
assert_status_lacks(const struct editor *ed, const char *needle)
{
	char st[256];

	editor_status(ed, st, sizeof(st));
	ck_assert_msg(strstr(st, needle) == NULL, "[%s] has [%s]", st, needle);
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
	ck_assert_uint_eq(s.m.dirty.bytes, 12);
	assert_status_has(ed, "[12 changed]");
	for (i = 0; i < LOREM_LEN; i++)
		ck_assert_msg(editor_changed(ed, i) == (i >= 28 && i < 40),
		    "byte %zu", i);
	type(ed, "w");
	ck_assert_str_eq(ed->msg, "flushed 12 bytes");
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
	ck_assert_str_eq(ed->msg, "flushed 12 bytes");
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

	/* One u per byte; the cursor goes to the edit. */
	type(ed, "u");
	ck_assert_uint_eq(s.m.data[4], 'm');
	ck_assert_uint_eq(ed->cursor, 4);
	ck_assert_str_eq(ed->msg, "undone: 1 byte at 0x4 (4 more to undo)");
	type(ed, "u");
	ck_assert_uint_eq(s.m.data[3], 'e');
	type(ed, "u");
	ck_assert_uint_eq(s.m.data[2], 'r');	/* both nibbles at once */
	ck_assert_uint_eq(ed->cursor, 2);
	type(ed, "uu");
	ck_assert_int_eq(memcmp(s.m.data, lorem, 8), 0);
	ck_assert_uint_eq(ed->cursor, 0);
	type(ed, "u");
	ck_assert_str_eq(ed->msg, "nothing to undo");
	editor_key(ed, EK_CTRL('R'));
	ck_assert_uint_eq(s.m.data[0], 'A');
	ck_assert_str_eq(ed->msg, "redone: 1 byte at 0x0 (4 more to redo)");
	editor_key(ed, EK_CTRL('R'));
	editor_key(ed, EK_CTRL('R'));
	ck_assert_uint_eq(s.m.data[2], 0x90);
	ck_assert_uint_eq(ed->cursor, 2);

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
	type(ed, "uu");
	ck_assert_int_eq(memcmp(s.m.data, "q!rem", 5), 0);
	type(ed, "uu");
	ck_assert_int_eq(memcmp(s.m.data, lorem, 5), 0);
	ck_assert_uint_eq(s.m.dirty.bytes, 4);	/* undone, to be flushed */
	read_file(&s, got, 5);
	ck_assert_int_eq(memcmp(got, "q!rem", 5), 0);	/* as flushed */
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
		type(ed, "uu");
		ck_assert_int_eq(memcmp(s.m.data, "Xor", 3), 0);
		ck_assert_uint_eq(s.m.dirty.bytes, 2);
		ck_assert(editor_changed(ed, 1));
		ck_assert(editor_changed(ed, 2));
		ck_assert(!editor_changed(ed, 0));
		if (sessions[i] == SESSION_COW)
			assert_file(&s, want, LOREM_LEN);
		type(ed, "u");
		type(ed, "w");
		ck_assert_str_eq(ed->msg, "flushed 3 bytes");
		assert_file(&s, lorem, LOREM_LEN);
		editor_key(ed, EK_CTRL('R'));		/* and back again */
		editor_key(ed, EK_CTRL('R'));
		editor_key(ed, EK_CTRL('R'));
		type(ed, "w");
		assert_file(&s, want, LOREM_LEN);
		free(want);
		finish(&s);
	}
}
END_TEST

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
	type(ed, "abc");
	editor_key(ed, EK_ESC);
	type(ed, "M");
	ck_assert_int_eq(ed->ask, ASK_SWITCH_WT);
	ck_assert_str_eq(ed->msg, "write 3 changed bytes to the file and switch "
	    "to write-through? (y/n)");
	ck_assert_str_eq(ed->question, ed->msg);
	type(ed, "x");				/* not an answer: asked again */
	ck_assert_int_eq(ed->ask, ASK_SWITCH_WT);
	ck_assert_str_eq(ed->msg, ed->question);
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
	ck_assert_uint_eq(s.m.dirty.bytes, 14);	/* changed back, to be flushed */
	type(ed, "w");
	assert_file(&s, lorem, LOREM_LEN);
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
	type(ed, "u");
	ck_assert_int_eq(memcmp(s.m.data, "Aorem", 5), 0);
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
	for (i = 0; i < N; i++)
		type(ed, "u");
	ck_assert_int_eq(memcmp(s.m.data, buf, N), 0);
	ck_assert_str_eq(ed->msg, "undone: 1 byte at 0x0 (0 more to undo)");
	for (i = 0; i < N; i++)
		editor_key(ed, EK_CTRL('R'));
	ck_assert_int_eq(memcmp(s.m.data, want, N), 0);
	type(ed, "w");
	assert_file(&s, want, N);
	finish(&s);
	free(buf);
	free(want);
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

	n = keymap_help_lines(&lines);
	for (i = 0; i < ARRAY_LEN(wanted) - 1; i++) {
		found = false;
		for (k = 0; k < n && !found; k++)
			found = strstr(lines[k], wanted[i]) != NULL;
		ck_assert_msg(found, "help lacks [%s]", wanted[i]);
	}
	keymap_help_free(lines);
	ck_assert_int_eq(keymap_lookup(KEYMAP_SELECT, 'j'), CMD_DOWN);
	ck_assert_int_eq(keymap_lookup(KEYMAP_SELECT, EK_ESC), CMD_LEAVE_MODE);
	ck_assert_int_eq(keymap_lookup(KEYMAP_NORMAL, EK_ESC), CMD_NONE);
	ck_assert_int_eq(keymap_lookup(KEYMAP_OVERWRITE, 'j'), CMD_NONE);
	ck_assert_int_eq(keymap_lookup(KEYMAP_OVERWRITE, EK_TAB),
	    CMD_SWITCH_PANE);
}
END_TEST

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
 * Issue 10: after a truncation, undo skips (and says) the entries past
 * the new end and undoes the rest; it never stalls on them forever.
 */
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
editor_suite(void)
{
	Suite *s = suite_create("editor");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_open);
	tcase_add_test(tc, test_move_bytes_and_lines);
	tcase_add_test(tc, test_end_and_edges);
	tcase_add_test(tc, test_pages);
	tcase_add_test(tc, test_goto_forms);
	tcase_add_test(tc, test_goto_errors);
	tcase_add_test(tc, test_goto_window);
	tcase_add_test(tc, test_find_text);
	tcase_add_test(tc, test_rfind);
	tcase_add_test(tc, test_find_hex);
	tcase_add_test(tc, test_find_errors);
	tcase_add_test(tc, test_regex);
	tcase_add_test(tc, test_regex_match_limit);
	tcase_add_test(tc, test_search_cancelled);
	tcase_add_test(tc, test_prompt_editing);
	tcase_add_test(tc, test_prompt_escape);
	tcase_add_test(tc, test_prompt_history);
	tcase_add_test(tc, test_history_limit);
	tcase_add_test(tc, test_marks);
	tcase_add_test(tc, test_toggles);
	tcase_add_test(tc, test_help);
	tcase_add_test(tc, test_every_bound_key);
	tcase_add_test(tc, test_unbound_keys);
	tcase_add_test(tc, test_empty_file);
	tcase_add_test(tc, test_resize);
	tcase_add_test(tc, test_click);
	tcase_add_test(tc, test_wheel);
	tcase_add_test(tc, test_text_view);
	tcase_add_test(tc, test_matches_on_screen);
	tcase_add_test(tc, test_matches_overlap);
	tcase_add_test(tc, test_text_view_no_newline);
	suite_add_tcase(s, tc);
	tc = tcase_create("edit");
	tcase_add_test(tc, test_reference_cow);
	tcase_add_test(tc, test_reference_wt);
	tcase_add_test(tc, test_reference_datadir);
	tcase_add_test(tc, test_hex_nibbles);
	tcase_add_test(tc, test_overwrite_keys);
	tcase_add_test(tc, test_undo_across_flush);
	tcase_add_test(tc, test_toggle_session);
	tcase_add_test(tc, test_quit_question);
	tcase_add_test(tc, test_flush_fails);
	tcase_add_test(tc, test_select_copy_paste);
	tcase_add_test(tc, test_fill);
	tcase_add_test(tc, test_read_only);
	tcase_add_test(tc, test_stdin_in_memory);
	tcase_add_test(tc, test_edit_window);
	tcase_add_test(tc, test_edit_empty);
	tcase_add_test(tc, test_many_edits);
	tcase_add_test(tc, test_help_editing);
	tcase_add_test(tc, test_refresh_truncated);
	tcase_add_test(tc, test_refresh_gone);
	tcase_add_test(tc, test_undo_skips_past_end);
	tcase_add_test(tc, test_half_typed_byte_dropped);
	tcase_add_test(tc, test_half_typed_byte_dropped_wt);
	tcase_add_test(tc, test_refresh_keeps_error);
	tcase_add_test(tc, test_gone_asks_where);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(editor_suite)
