/*
 * check_editor_compare.c - two files compared in the editor: ] and [ land
 * on every run of differing bytes in turn (against a brute-force list of
 * the runs), say when there are no more, count unflushed edits, treat the
 * longer file's tail as one more run, cross chunk borders and holes of
 * big sparse files, stop when the progress hook says so; > and < copy a
 * run or a selection either way, undoably, inserting or deleting at a
 * tail, and are refused towards a read-only file.
 */
#include "config.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bytes.h"
#include "editor.h"
#include "keymap.h"
#include "progress.h"
#include "util.h"
#include "unit.h"
#include "editor-test.h"

/* A run of differing bytes, as the test computes them. */
struct run {
	size_t	start, len;
};

/* The runs of a and b by brute force (the longer's tail last). */
static size_t
runs_of(const unsigned char *a, size_t na, const unsigned char *b, size_t nb,
    struct run *out, size_t max)
{
	size_t n = na < nb ? na : nb, i = 0, k = 0;

	while (i < n) {
		if (a[i] == b[i]) {
			i++;
			continue;
		}
		ck_assert_uint_lt(k, max);
		out[k].start = i;
		while (i < n && a[i] != b[i])
			i++;
		out[k].len = i - out[k].start;
		k++;
	}
	if (na != nb) {
		ck_assert_uint_lt(k, max);
		out[k].start = n;
		out[k++].len = (na > nb ? na : nb) - n;
	}
	return k;
}

/* len bytes at off as ed shows them. */
static void
editor_bytes_read(const struct editor *ed, size_t off, void *buf, size_t len)
{
	struct bytes b;

	editor_bytes(ed, &b);
	bytes_read(&b, off, buf, len);
}

/* Two sessions over a and b, paired. */
static void
open_pair(struct sess *s1, struct sess *s2, const void *a, size_t na,
    enum session wa, const void *b, size_t nb, enum session wb)
{
	write_file(s1, a, na);
	write_file(s2, b, nb);
	start_as(s1, wa, 0, UINT64_MAX, 100, 30);
	start_as(s2, wb, 0, UINT64_MAX, 100, 30);
	editor_pair(&s1->ed, &s2->ed);
}

static void
assert_msg_has(const struct editor *ed, const char *needle)
{
	ck_assert_msg(strstr(ed->msg, needle) != NULL, "message [%s] lacks "
	    "[%s]", ed->msg, needle);
}

/* lorem, and lorem changed at 0, in the middle (adjacent bytes), at the end. */
static unsigned char other_lorem[LOREM_LEN];

static void
make_other(void)
{
	memcpy(other_lorem, lorem, LOREM_LEN);
	other_lorem[0] ^= 1;
	other_lorem[100] = '#';
	other_lorem[101] = '#';
	other_lorem[102] = '#';
	other_lorem[300] ^= 0x80;
	other_lorem[302] ^= 0x80;
	other_lorem[LOREM_LEN - 1] ^= 0xff;
}

/* ] lands on each run in turn, [ goes back over them; the ends are said. */
START_TEST(test_step_runs)
{
	struct sess s1, s2;
	struct run want[16];
	size_t k, i;

	make_other();
	open_pair(&s1, &s2, lorem, LOREM_LEN, SESSION_RO, other_lorem,
	    LOREM_LEN, SESSION_RO);
	k = runs_of((const unsigned char *)lorem, LOREM_LEN, other_lorem,
	    LOREM_LEN, want, 16);
	ck_assert_uint_eq(k, 5);
	/* The cursor starts on the first run: ] goes to the second. */
	ck_assert(editor_differs(&s1.ed, 0));
	for (i = 1; i < k; i++) {
		editor_key(&s1.ed, ']');
		ck_assert_uint_eq(s1.ed.cursor, want[i].start);
		ck_assert(!s1.ed.msg_error);
		assert_msg_has(&s1.ed, "difference at 0x");
		assert_visible(&s1.ed);
	}
	editor_key(&s1.ed, ']');
	ck_assert(s1.ed.msg_error);
	assert_msg_has(&s1.ed, "no more differences");
	ck_assert_uint_eq(s1.ed.cursor, want[k - 1].start);
	for (i = k - 1; i-- > 0;) {
		editor_key(&s1.ed, '[');
		ck_assert_uint_eq(s1.ed.cursor, want[i].start);
	}
	editor_key(&s1.ed, '[');
	assert_msg_has(&s1.ed, "no earlier differences");
	/* From the middle of a run: [ goes to the one before it. */
	editor_set_cursor(&s1.ed, 101);
	editor_key(&s1.ed, '[');
	ck_assert_uint_eq(s1.ed.cursor, 0);
	editor_set_cursor(&s1.ed, 101);
	editor_key(&s1.ed, ']');
	ck_assert_uint_eq(s1.ed.cursor, 300);
	assert_msg_has(&s1.ed, "1 byte");
	finish(&s1);
	finish(&s2);
}
END_TEST

/* Identical files: nothing either way; one file: ] says it needs two. */
START_TEST(test_identical)
{
	struct sess s1, s2, s3;

	open_pair(&s1, &s2, lorem, LOREM_LEN, SESSION_RO, lorem, LOREM_LEN,
	    SESSION_RO);
	editor_key(&s1.ed, ']');
	assert_msg_has(&s1.ed, "no more differences");
	ck_assert_uint_eq(s1.ed.cursor, 0);
	editor_key(&s1.ed, 'G');
	editor_key(&s1.ed, '[');
	assert_msg_has(&s1.ed, "no earlier differences");
	ck_assert(!editor_differs(&s1.ed, 5));
	finish(&s1);
	finish(&s2);
	open_lorem(&s3);
	editor_key(&s3.ed, ']');
	assert_msg_has(&s3.ed, "one file");
	editor_key(&s3.ed, EK_CTRL('W'));
	assert_msg_has(&s3.ed, "one file");
	ck_assert(!s3.ed.focus_other);
	finish(&s3);
}
END_TEST

/* Sizes differ: the tail is the last run, from either side. */
START_TEST(test_tail)
{
	struct sess s1, s2;
	size_t n = 500;

	make_other();
	/* s1: lorem's first 500 bytes; s2: all of other_lorem. */
	open_pair(&s1, &s2, lorem, n, SESSION_RO, other_lorem, LOREM_LEN,
	    SESSION_RO);
	editor_set_cursor(&s1.ed, 300);
	editor_key(&s1.ed, ']');
	ck_assert_uint_eq(s1.ed.cursor, 302);
	/* The shorter file's cursor stops at its last byte. */
	editor_key(&s1.ed, ']');
	ck_assert_uint_eq(s1.ed.cursor, n - 1);
	assert_msg_has(&s1.ed, "only in ");
	assert_msg_has(&s1.ed, "237 bytes from 0x1f4");
	editor_key(&s1.ed, ']');
	assert_msg_has(&s1.ed, "no more differences");
	editor_key(&s1.ed, '[');
	ck_assert_uint_eq(s1.ed.cursor, 302);
	/* The longer one goes into its tail, and back. */
	editor_set_cursor(&s2.ed, 302);
	editor_key(&s2.ed, ']');
	ck_assert_uint_eq(s2.ed.cursor, n);
	ck_assert(editor_differs(&s2.ed, n));
	ck_assert(!editor_differs(&s1.ed, n - 1));
	editor_key(&s2.ed, ']');
	assert_msg_has(&s2.ed, "no more differences");
	editor_set_cursor(&s2.ed, LOREM_LEN - 1);
	editor_key(&s2.ed, '[');
	ck_assert_uint_eq(s2.ed.cursor, 302);
	finish(&s1);
	finish(&s2);
}
END_TEST

/* Unflushed edits are what is compared. */
START_TEST(test_edits_compared)
{
	struct sess s1, s2;

	open_pair(&s1, &s2, lorem, LOREM_LEN, SESSION_COW, lorem, LOREM_LEN,
	    SESSION_RO);
	editor_set_cursor(&s1.ed, 200);
	editor_key(&s1.ed, 'R');
	type(&s1.ed, "00");
	editor_key(&s1.ed, EK_ESC);
	ck_assert(editor_differs(&s1.ed, 200));
	ck_assert(editor_differs(&s2.ed, 200));
	editor_set_cursor(&s1.ed, 0);
	editor_key(&s1.ed, ']');
	ck_assert_uint_eq(s1.ed.cursor, 200);
	editor_key(&s1.ed, 'u');
	editor_set_cursor(&s1.ed, 0);
	editor_key(&s1.ed, ']');
	assert_msg_has(&s1.ed, "no more differences");
	finish(&s1);
	finish(&s2);
}
END_TEST

/* > puts the run, < gets it; each undoable in the receiving file. */
START_TEST(test_put_get)
{
	struct sess s1, s2;
	unsigned char buf[LOREM_LEN];

	make_other();
	open_pair(&s1, &s2, lorem, LOREM_LEN, SESSION_COW, other_lorem,
	    LOREM_LEN, SESSION_COW);
	editor_set_cursor(&s1.ed, 101);
	editor_key(&s1.ed, '>');
	ck_assert(!s1.ed.msg_error);
	assert_msg_has(&s1.ed, "3 bytes of ");
	editor_bytes_read(&s2.ed, 100, buf, 3);
	ck_assert_mem_eq(buf, lorem + 100, 3);
	ck_assert(editor_changed(&s2.ed, 100) && !editor_changed(&s1.ed, 100));
	ck_assert(!editor_differs(&s1.ed, 101));
	/* < takes the other's byte at 300. */
	editor_set_cursor(&s1.ed, 300);
	editor_key(&s1.ed, '<');
	editor_bytes_read(&s1.ed, 300, buf, 1);
	ck_assert_uint_eq(buf[0], other_lorem[300]);
	/* A selection: the other's bytes 0..9 over ours. */
	editor_set_cursor(&s1.ed, 0);
	editor_key(&s1.ed, 'v');
	editor_set_cursor(&s1.ed, 9);
	editor_key(&s1.ed, '<');
	editor_bytes_read(&s1.ed, 0, buf, 10);
	ck_assert_mem_eq(buf, other_lorem, 10);
	ck_assert_ptr_null(editor_mode_name(&s1.ed));
	/* Undo in s2 gives its bytes back. */
	editor_key(&s2.ed, 'u');
	editor_bytes_read(&s2.ed, 100, buf, 3);
	ck_assert_mem_eq(buf, "###", 3);
	/* Flushed, the files hold it. */
	editor_key(&s1.ed, 'w');
	read_file(&s1, buf, LOREM_LEN);
	ck_assert_mem_eq(buf, other_lorem, 10);
	ck_assert_uint_eq(buf[300], other_lorem[300]);
	ck_assert_mem_eq(buf + 10, lorem + 10, 290);
	/* No run under the cursor. */
	editor_set_cursor(&s1.ed, 50);
	editor_key(&s1.ed, '>');
	assert_msg_has(&s1.ed, "no difference under the cursor");
	finish(&s1);
	finish(&s2);
}
END_TEST

/* A read-only file receives nothing, either way. */
START_TEST(test_read_only)
{
	struct sess s1, s2;
	unsigned char buf[3];

	make_other();
	open_pair(&s1, &s2, lorem, LOREM_LEN, SESSION_COW, other_lorem,
	    LOREM_LEN, SESSION_RO);
	editor_set_cursor(&s1.ed, 100);
	editor_key(&s1.ed, '>');
	ck_assert(s1.ed.msg_error);
	assert_msg_has(&s1.ed, "read-only session");
	editor_bytes_read(&s2.ed, 100, buf, 3);
	ck_assert_mem_eq(buf, "###", 3);
	editor_set_cursor(&s2.ed, 100);
	editor_key(&s2.ed, '<');
	assert_msg_has(&s2.ed, "read-only session");
	ck_assert(!editor_unflushed(&s2.ed));
	/* The writable one takes them. */
	editor_key(&s2.ed, '>');
	editor_bytes_read(&s1.ed, 100, buf, 3);
	ck_assert_mem_eq(buf, "###", 3);
	finish(&s1);
	finish(&s2);
}
END_TEST

/* A tail: put from the shorter deletes it, from the longer inserts it. */
START_TEST(test_tail_copy)
{
	struct sess s1, s2;
	unsigned char buf[LOREM_LEN];

	open_pair(&s1, &s2, lorem, 500, SESSION_COW, lorem, LOREM_LEN,
	    SESSION_COW);
	editor_set_cursor(&s2.ed, 600);
	editor_key(&s2.ed, '>');		/* s1 grows by the tail */
	ck_assert_msg(!s2.ed.msg_error, "%s", s2.ed.msg);
	ck_assert_uint_eq(editor_size(&s1.ed), LOREM_LEN);
	editor_bytes_read(&s1.ed, 0, buf, LOREM_LEN);
	ck_assert_mem_eq(buf, lorem, LOREM_LEN);
	editor_key(&s1.ed, 'u');
	ck_assert_uint_eq(editor_size(&s1.ed), 500);
	/* From the shorter: > on its clamped tail landing deletes s2's. */
	editor_set_cursor(&s1.ed, 0);
	editor_key(&s1.ed, ']');
	ck_assert_uint_eq(s1.ed.cursor, 499);
	editor_key(&s1.ed, '>');
	ck_assert_msg(!s1.ed.msg_error, "%s", s1.ed.msg);
	ck_assert_uint_eq(editor_size(&s2.ed), 500);
	editor_key(&s2.ed, 'w');
	ck_assert_uint_eq(editor_size(&s2.ed), 500);
	read_file(&s2, buf, 500);
	ck_assert_mem_eq(buf, lorem, 500);
	finish(&s1);
	finish(&s2);
}
END_TEST

/* A scan the progress hook stops moves nothing. */
static int
stop_at_once(void *ctx, size_t done, size_t total)
{
	(void)ctx;
	(void)done;
	(void)total;
	return 1;
}

/*
 * Two 64 MiB sparse files, differing at chunk borders and after holes:
 * every run found in turn both ways; a stopped scan moves nothing.
 */
START_TEST(test_big_sparse)
{
	static const size_t at[] = {
		(16 << 20) - 1, 16 << 20, (32 << 20) + 4095, (48 << 20) - 2,
		(64 << 20) - 1,
	};
	static const size_t starts[] = {
		(16 << 20) - 1, (32 << 20) + 4095, (48 << 20) - 2,
		(64 << 20) - 1,
	};
	const struct progress stop = { stop_at_once, NULL };
	struct sess s1, s2;
	size_t i, size = (size_t)64 << 20;
	int fd;

	write_file(&s1, NULL, size);
	write_file(&s2, NULL, size);
	fd = open(s2.path, O_WRONLY);
	ck_assert_int_ge(fd, 0);
	for (i = 0; i < ARRAY_LEN(at); i++)
		ck_assert_int_eq(pwrite(fd, "x", 1, (off_t)at[i]), 1);
	/* Written zeros against a hole: no difference. */
	ck_assert_int_eq(pwrite(fd, "\0\0\0\0", 4, 8 << 20), 4);
	close(fd);
	start_as(&s1, SESSION_RO, 0, UINT64_MAX, 100, 30);
	start_as(&s2, SESSION_RO, 0, UINT64_MAX, 100, 30);
	editor_pair(&s1.ed, &s2.ed);
	/* (16 << 20) - 1 and 16 << 20 are one run of two. */
	for (i = 0; i < ARRAY_LEN(starts); i++) {
		editor_key(&s1.ed, ']');
		ck_assert_uint_eq(s1.ed.cursor, starts[i]);
	}
	editor_key(&s1.ed, ']');
	assert_msg_has(&s1.ed, "no more differences");
	for (i = ARRAY_LEN(starts) - 1; i-- > 0;) {
		editor_key(&s1.ed, '[');
		ck_assert_uint_eq(s1.ed.cursor, starts[i]);
	}
	editor_key(&s1.ed, '[');
	assert_msg_has(&s1.ed, "no earlier differences");
	s1.ed.progress = &stop;
	editor_key(&s1.ed, ']');
	assert_msg_has(&s1.ed, "compare cancelled");
	ck_assert_uint_eq(s1.ed.cursor, at[0]);
	finish(&s1);
	finish(&s2);
}
END_TEST

/* The other follows: same offset, same top, clamped to its size. */
START_TEST(test_follow)
{
	struct sess s1, s2;

	open_pair(&s1, &s2, lorem, LOREM_LEN, SESSION_RO, lorem, 300,
	    SESSION_RO);
	editor_set_cursor(&s1.ed, 250);
	editor_follow(&s2.ed, &s1.ed);
	ck_assert_uint_eq(s2.ed.cursor, 250);
	ck_assert_uint_eq(s2.ed.top, s1.ed.top);
	editor_key(&s1.ed, 'G');
	editor_follow(&s2.ed, &s1.ed);
	ck_assert_uint_eq(s2.ed.cursor, 299);
	assert_visible(&s2.ed);
	editor_key(&s1.ed, EK_CTRL('W'));
	ck_assert(s1.ed.focus_other);
	finish(&s1);
	finish(&s2);
}
END_TEST

static Suite *
editor_compare_suite(void)
{
	Suite *s = suite_create("editor-compare");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_step_runs);
	tcase_add_test(tc, test_identical);
	tcase_add_test(tc, test_tail);
	tcase_add_test(tc, test_edits_compared);
	tcase_add_test(tc, test_put_get);
	tcase_add_test(tc, test_read_only);
	tcase_add_test(tc, test_tail_copy);
	tcase_add_test(tc, test_big_sparse);
	tcase_add_test(tc, test_follow);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(editor_compare_suite)
