/*
 * check_editor_move.c - src/editor-move.c driven from the keyboard: the
 * cursor and the top row, moving by bytes, lines and pages in both views,
 * goto, clicks, marks and resizing.  (The wheel is tested in
 * check_editor.c, with the help screen it also scrolls.)
 */
#include "config.h"

#include <sys/mman.h>

#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "editor.h"
#include "textview.h"
#include "editor-test.h"
#include "unit.h"

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

/* The newlines in lorem before off, plus one: the oracle's line number. */
static uint64_t
lorem_line(size_t off)
{
	uint64_t n = 1;
	size_t i;

	for (i = 0; i < off; i++)
		n += lorem[i] == '\n';
	return n;
}

/*
 * #: line numbers in the line view.  The top's line and each row's are
 * the newlines before them plus one, at the top, at the end, after moving
 * back and after an inserted newline before the counted place; wrapped
 * rows after a line's first have none; the text is narrower by the
 * gutter; in the hex view the key only says where they show.
 */
START_TEST(test_line_numbers)
{
	struct sess s;
	struct editor *ed;
	struct bytes b;
	uint64_t line;
	size_t row, next;
	int k;

	write_file(&s, lorem, LOREM_LEN);
	start_as(&s, SESSION_COW, 0, UINT64_MAX, 40, 12);
	ed = &s.ed;
	type(ed, "#");
	ck_assert_str_eq(ed->msg, "line numbers on: the line view (t) shows "
	    "them");
	ck_assert_int_eq(ed->gutter, 0);
	type(ed, "t");
	ck_assert_int_eq(ed->gutter, 7);
	ck_assert_int_eq(editor_text_width(ed), 33);
	ck_assert_uint_eq(ed->top_line, 1);
	type(ed, "G");
	ck_assert_uint_eq(ed->top_line, lorem_line(ed->top));
	ck_assert_uint_gt(ed->top_line, 5);
	/* Each row: a number where a line starts, none on a wrapped row. */
	row = ed->top;
	for (k = 0; k < ed->lay.view_rows; k++) {
		if (row == 0 || lorem[row - 1] == '\n') {
			ck_assert(editor_row_line(ed, row, &line));
			ck_assert_uint_eq(line, lorem_line(row));
		} else
			ck_assert(!editor_row_line(ed, row, &line));
		editor_bytes(ed, &b);
		if (!textview_next_row(&b, row, editor_text_width(ed), &next))
			break;
		row = next;
	}
	/* Back up, from the place counted last. */
	type(ed, "gg");
	ck_assert_uint_eq(ed->top_line, 1);
	type(ed, "jjjjjjjjjjjjjjjjjjjj");
	ck_assert_uint_eq(ed->top_line, lorem_line(ed->top));
	/* A newline inserted at 0: every number one more. */
	type(ed, "ggI");
	editor_key(ed, EK_ENTER);
	editor_key(ed, EK_ESC);
	editor_bytes(ed, &b);
	ck_assert_uint_eq(bytes_at(&b, 0), '\n');
	type(ed, "jjjjjjjjjjjjjjjjjjjj");
	ck_assert_uint_eq(ed->top_line, lorem_line(ed->top - 1) + 1);
	type(ed, "#");
	ck_assert_str_eq(ed->msg, "line numbers off");
	ck_assert_int_eq(ed->gutter, 0);
	ck_assert_int_eq(editor_text_width(ed), 40);
	finish(&s);
}
END_TEST

/*
 * } and {: the run starts of the --map rule, both ways, the messages; an
 * unflushed insert that shifts the blocks is what they see.
 */
START_TEST(test_skip)
{
	size_t n = 5 * 4096 + 7;
	unsigned char *d = calloc(1, n);
	static char t[4097];
	struct sess s;
	struct editor *ed;

	ck_assert_ptr_nonnull(d);
	memset(d + 8192, 'x', 8192);		/* zero zero text text zero+ */
	memset(d + 5 * 4096, 'y', 7);
	write_file(&s, d, n);
	start_as(&s, SESSION_COW, 0, UINT64_MAX, 80, 24);
	ed = &s.ed;
	type(ed, "}");
	ck_assert_uint_eq(ed->cursor, 8192);
	ck_assert_str_eq(ed->msg, "zero until here; text from 0x2000");
	type(ed, "}");
	ck_assert_uint_eq(ed->cursor, 16384);
	type(ed, "}");
	ck_assert_uint_eq(ed->cursor, 20480);
	ck_assert_str_eq(ed->msg, "zero until here; text from 0x5000");
	type(ed, "}");
	ck_assert_uint_eq(ed->cursor, 20480);
	ck_assert_str_eq(ed->msg, "text to the end");
	type(ed, "{");
	ck_assert_uint_eq(ed->cursor, 16384);
	ck_assert_str_eq(ed->msg, "zero from 0x4000");
	type(ed, "{{");
	ck_assert_uint_eq(ed->cursor, 0);
	ck_assert_str_eq(ed->msg, "zero from 0x0, the start");
	/* 4096 bytes of text inserted at 0: the zeros start a block later. */
	memset(t, 'z', 4096);
	t[4096] = '\0';
	type(ed, "\tggI");
	type(ed, t);
	editor_key(ed, EK_ESC);
	type(ed, "gg}");
	ck_assert_uint_eq(ed->cursor, 4096);
	ck_assert_str_eq(ed->msg, "text until here; zero from 0x1000");
	finish(&s);
	free(d);
}
END_TEST

/* Counts the ticks; stops at the second when asked to. */
static int
skip_tick(void *ctx, size_t done, size_t total)
{
	int *t = ctx;

	ck_assert_uint_le(done, total);
	return ++t[0] == t[1];
}

/*
 * } over 40 MiB of zeros written to the file (no hole: every block is
 * read, a memcmp each, the segment asked for once): lands on the text
 * after them, ticking the progress on the way; a tick that says stop
 * leaves the cursor.  The same over a hole of the same size.
 */
START_TEST(test_skip_long_zeros)
{
	size_t n = ((size_t)40 << 20) + 4096 + 10;
	unsigned char *d = calloc(1, n);
	int t[2] = { 0, 0 };
	struct progress p = { skip_tick, t };
	struct sess s;
	struct editor *ed;
	int fd;

	ck_assert_ptr_nonnull(d);
	memset(d + n - 4106, 'x', 4106);
	write_file(&s, d, n);
	start_as(&s, SESSION_COW, 0, UINT64_MAX, 80, 24);
	ed = &s.ed;
	ed->progress = &p;
	type(ed, "}");
	ck_assert_uint_eq(ed->cursor, (size_t)40 << 20);
	ck_assert_str_eq(ed->msg, "zero until here; text from 0x2800000");
	ck_assert_int_eq(t[0], 2);		/* at 16 and 32 MiB */
	type(ed, "gg");
	t[0] = 0;
	t[1] = 2;
	type(ed, "}");
	ck_assert_uint_eq(ed->cursor, 0);
	ck_assert_str_eq(ed->msg, "skip stopped: the cursor stays");
	finish(&s);

	write_file(&s, NULL, n);
	fd = open(s.path, O_WRONLY);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(pwrite(fd, d + n - 4106, 4106, (off_t)(n - 4106)),
	    4106);
	close(fd);
	start_as(&s, SESSION_COW, 0, UINT64_MAX, 80, 24);
	ed = &s.ed;
	type(ed, "}");
	ck_assert_uint_eq(ed->cursor, (size_t)40 << 20);
	ck_assert_str_eq(ed->msg, "zero until here; text from 0x2800000");
	finish(&s);
	free(d);
}
END_TEST

/*
 * o: the overview's column at 100 columns, none at 60 or in the line
 * view; its cells' parts tile the file; the kinds of a file of zeros
 * then text; an edit that makes the zeros binary is seen.
 */
START_TEST(test_overview)
{
	size_t n = 64 * 4096, lo, hi, prev = 0;
	unsigned char *d = calloc(1, n);
	struct sess s;
	struct editor *ed;
	int r, calls, changed;

	ck_assert_ptr_nonnull(d);
	memset(d + n / 2, 'x', n / 2);
	write_file(&s, d, n);
	start_as(&s, SESSION_COW, 0, UINT64_MAX, 100, 9);
	ed = &s.ed;
	ck_assert_int_eq(ed->lay.view_rows, 8);
	ck_assert_int_eq(editor_overview_x(ed), 99);
	for (r = 0; r < 8; r++) {
		editor_overview_range(ed, r, &lo, &hi);
		ck_assert_uint_eq(lo, prev);
		prev = hi;
		ck_assert_int_eq(editor_overview_kind(ed, r),
		    r < 4 ? FILEMAP_ZERO : FILEMAP_TEXT);
	}
	ck_assert_uint_eq(prev, n);
	/* A byte typed into two of the first cell's four samples: a tie, and
	 * binary came first. */
	type(ed, "R01");
	editor_key(ed, EK_ESC);
	command(ed, 'g', "0x4000");
	type(ed, "R01");
	editor_key(ed, EK_ESC);
	ck_assert_int_eq(editor_overview_kind(ed, 0), FILEMAP_BINARY);
	ck_assert_int_eq(editor_overview_kind(ed, 1), FILEMAP_ZERO);
	/*
	 * Sharpened in idle time, 5 blocks a call: 60 more samples a cell,
	 * 8 of each of the first cell's 8 blocks in all: 16 binary, 48 zero.
	 * Its change is said once; the 96th call takes the last 5 and says
	 * nothing is left to do.
	 */
	for (calls = 0, changed = 0; (r = editor_overview_sharpen(ed, 5)) >= 0;
	    calls++)
		changed += r;
	ck_assert_int_eq(calls, 8 * 60 / 5 - 1);
	ck_assert_int_eq(changed, 1);
	ck_assert_int_eq(editor_overview_kind(ed, 0), FILEMAP_ZERO);
	for (r = 1; r < 8; r++)
		ck_assert_int_eq(editor_overview_kind(ed, r),
		    r < 4 ? FILEMAP_ZERO : FILEMAP_TEXT);
	ck_assert_int_eq(editor_overview_sharpen(ed, 5), -1);
	/* An edit starts the cells again from four samples. */
	command(ed, 'g', "0x1000");
	type(ed, "R01");
	editor_key(ed, EK_ESC);
	ck_assert_int_eq(editor_overview_kind(ed, 0), FILEMAP_BINARY);
	ck_assert_int_eq(editor_overview_sharpen(ed, 1), 0);
	type(ed, "o");
	ck_assert_str_eq(ed->msg, "overview off");
	ck_assert_int_eq(editor_overview_x(ed), -1);
	type(ed, "o");
	ck_assert_int_eq(editor_overview_x(ed), 99);
	type(ed, "t");
	ck_assert_int_eq(editor_overview_x(ed), -1);
	type(ed, "t");
	editor_resize(ed, 60, 9);
	ck_assert_int_eq(editor_overview_x(ed), -1);
	finish(&s);
	free(d);
}
END_TEST

static Suite *
editor_move_suite(void)
{
	Suite *s = suite_create("editor-move");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_move_bytes_and_lines);
	tcase_add_test(tc, test_end_and_edges);
	tcase_add_test(tc, test_pages);
	tcase_add_test(tc, test_goto_forms);
	tcase_add_test(tc, test_goto_errors);
	tcase_add_test(tc, test_goto_window);
	tcase_add_test(tc, test_marks);
	tcase_add_test(tc, test_resize);
	tcase_add_test(tc, test_click);
	tcase_add_test(tc, test_text_view);
	tcase_add_test(tc, test_text_view_no_newline);
	tcase_add_test(tc, test_line_numbers);
	tcase_add_test(tc, test_skip);
	tcase_add_test(tc, test_skip_long_zeros);
	tcase_add_test(tc, test_overview);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(editor_move_suite)
