/*
 * check_journal.c - the undo/redo record: edits are made to a plain
 * buffer the way the editor makes them to the mapping (record, then
 * write), undone and redone, and the buffer is compared with what it held
 * at each step.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "journal.h"
#include "unit.h"

/* The "file" the journal's bytes are applied to. */
struct buf {
	unsigned char	*b;
	size_t		 n;
	size_t		 calls;		/* apply() calls so far */
	size_t		 fail_at;	/* apply() call number that fails, 0 never */
	size_t		 last_off;	/* offsets of the last two calls, to check order */
	size_t		 prev_off;
};

/* journal_apply_fn over a struct buf. */
static int
apply(void *ctx, enum journal_op op, size_t off, const unsigned char *bytes,
    size_t len)
{
	struct buf *f = ctx;

	f->calls++;
	if (f->fail_at != 0 && f->calls == f->fail_at)
		return -1;
	if (op == JOURNAL_INSERT) {
		ck_assert_uint_le(off, f->n);
		f->b = realloc(f->b, f->n + len);
		memmove(f->b + off + len, f->b + off, f->n - off);
		memcpy(f->b + off, bytes, len);
		f->n += len;
	} else if (op == JOURNAL_DELETE) {
		ck_assert_uint_le(off + len, f->n);
		/* A delete is handed the bytes it deletes. */
		ck_assert_mem_eq(f->b + off, bytes, len);
		memmove(f->b + off, f->b + off + len, f->n - off - len);
		f->n -= len;
	} else {
		ck_assert_uint_le(off + len, f->n);
		memcpy(f->b + off, bytes, len);
	}
	f->prev_off = f->last_off;
	f->last_off = off;
	return 0;
}

/* Overwrite [off, off + len) of f with src, recorded in j as the editor does. */
static void
edit(struct journal *j, struct buf *f, size_t off, const void *src,
    size_t len)
{
	ck_assert_int_eq(journal_record(j, off, len, f->b + off, src), 0);
	memcpy(f->b + off, src, len);
}

/* A buffer holding s (NUL included, so strings compare). */
static void
buf_init(struct buf *f, const char *s)
{
	memset(f, 0, sizeof(*f));
	f->n = strlen(s) + 1;
	f->b = malloc(f->n);
	memcpy(f->b, s, f->n);
}

START_TEST(test_empty)
{
	struct journal j;
	struct buf f;
	size_t at = 99, bytes = 99;

	journal_init(&j);
	buf_init(&f, "abc");
	ck_assert(!journal_can_undo(&j));
	ck_assert(!journal_can_redo(&j));
	ck_assert_int_eq(journal_undo(&j, apply, &f, &at, &bytes), 0);
	ck_assert_int_eq(journal_redo(&j, apply, &f, &at, &bytes), 0);
	ck_assert_uint_eq(f.calls, 0);
	ck_assert_uint_eq(at, 99);
	ck_assert_int_eq(journal_record(&j, 1, 0, "", ""), 0);	/* len 0: nothing */
	ck_assert(!journal_can_undo(&j));
	journal_unrecord(&j);					/* harmless */
	journal_close(&j);
	journal_free(&j);
	journal_free(&j);					/* twice is fine */
	free(f.b);
}
END_TEST

/* Three one-byte steps, undone and redone one by one. */
START_TEST(test_undo_redo)
{
	struct journal j;
	struct buf f;
	size_t at, bytes;

	journal_init(&j);
	buf_init(&f, "abcdef");
	edit(&j, &f, 0, "X", 1);
	journal_close(&j);
	edit(&j, &f, 2, "Y", 1);
	journal_close(&j);
	edit(&j, &f, 5, "Z", 1);
	journal_close(&j);
	ck_assert_str_eq((char *)f.b, "XbYdeZ");
	ck_assert_uint_eq(journal_undo_steps(&j), 3);
	ck_assert_uint_eq(journal_redo_steps(&j), 0);

	ck_assert_int_eq(journal_undo(&j, apply, &f, &at, &bytes), 1);
	ck_assert_str_eq((char *)f.b, "XbYdef");
	ck_assert_uint_eq(at, 5);
	ck_assert_uint_eq(bytes, 1);
	ck_assert_int_eq(journal_undo(&j, apply, &f, &at, NULL), 1);
	ck_assert_str_eq((char *)f.b, "Xbcdef");
	ck_assert_uint_eq(at, 2);
	ck_assert_int_eq(journal_undo(&j, apply, &f, NULL, NULL), 1);
	ck_assert_str_eq((char *)f.b, "abcdef");
	ck_assert_int_eq(journal_undo(&j, apply, &f, &at, NULL), 0);
	ck_assert(!journal_can_undo(&j));
	ck_assert_uint_eq(journal_redo_steps(&j), 3);

	ck_assert_int_eq(journal_redo(&j, apply, &f, &at, NULL), 1);
	ck_assert_str_eq((char *)f.b, "Xbcdef");
	ck_assert_uint_eq(at, 0);
	ck_assert_int_eq(journal_redo(&j, apply, &f, &at, NULL), 1);
	ck_assert_int_eq(journal_redo(&j, apply, &f, &at, NULL), 1);
	ck_assert_str_eq((char *)f.b, "XbYdeZ");
	ck_assert_int_eq(journal_redo(&j, apply, &f, &at, NULL), 0);
	ck_assert(!journal_can_redo(&j));
	journal_free(&j);
	free(f.b);
}
END_TEST

/* Entries recorded without a close are one step; a close starts the next. */
START_TEST(test_grouping)
{
	struct journal j;
	struct buf f;
	size_t at, bytes;

	journal_init(&j);
	buf_init(&f, "0123456789");
	edit(&j, &f, 1, "a", 1);
	edit(&j, &f, 4, "bb", 2);
	edit(&j, &f, 8, "c", 1);
	journal_close(&j);
	edit(&j, &f, 0, "d", 1);
	journal_close(&j);
	journal_close(&j);			/* closing twice: still 2 steps */
	ck_assert_str_eq((char *)f.b, "da23bb67c9");
	ck_assert_uint_eq(journal_undo_steps(&j), 2);
	ck_assert_int_eq(journal_undo(&j, apply, &f, &at, &bytes), 1);
	ck_assert_str_eq((char *)f.b, "0a23bb67c9");
	f.calls = 0;
	ck_assert_int_eq(journal_undo(&j, apply, &f, &at, &bytes), 1);
	ck_assert_uint_eq(f.calls, 3);		/* one step, three writes */
	ck_assert_str_eq((char *)f.b, "0123456789");
	ck_assert_uint_eq(at, 1);		/* the group's first entry */
	ck_assert_uint_eq(bytes, 8);		/* the span: bytes 1..8 */
	ck_assert_uint_eq(f.last_off, 1);	/* reverse order: 8, 4, 1 */
	ck_assert_uint_eq(f.prev_off, 4);
	f.calls = 0;
	ck_assert_int_eq(journal_redo(&j, apply, &f, &at, &bytes), 1);
	ck_assert_uint_eq(f.calls, 3);
	ck_assert_uint_eq(f.last_off, 8);	/* forward order: 1, 4, 8 */
	ck_assert_uint_eq(f.prev_off, 4);
	ck_assert_str_eq((char *)f.b, "0a23bb67c9");

	/* Undo and redo close the open group: a record after them starts one. */
	edit(&j, &f, 9, "e", 1);
	ck_assert_uint_eq(journal_undo_steps(&j), 2);
	ck_assert_int_eq(journal_undo(&j, apply, &f, NULL, NULL), 1);
	edit(&j, &f, 9, "f", 1);
	ck_assert_uint_eq(journal_undo_steps(&j), 2);
	ck_assert_int_eq(journal_undo(&j, apply, &f, NULL, NULL), 1);
	ck_assert_str_eq((char *)f.b, "0a23bb67c9");
	journal_free(&j);
	free(f.b);
}
END_TEST

/*
 * Overlapping entries in one group (a byte typed as two nibbles, a run
 * written over twice): undo in reverse restores the original, redo in
 * order the final state.
 */
START_TEST(test_overlap_in_group)
{
	struct journal j;
	struct buf f;
	unsigned char b;
	size_t at, span;

	journal_init(&j);
	buf_init(&f, "abcdefgh");
	b = (unsigned char)((f.b[3] & 0x0f) | 0x40);	/* high nibble 4 */
	edit(&j, &f, 3, &b, 1);
	b = (unsigned char)((f.b[3] & 0xf0) | 0x1);	/* low nibble 1 */
	edit(&j, &f, 3, &b, 1);
	journal_close(&j);
	ck_assert_str_eq((char *)f.b, "abcAefgh");
	ck_assert_uint_eq(j.ne, 2);
	edit(&j, &f, 1, "1234", 4);
	edit(&j, &f, 3, "xyz", 3);
	edit(&j, &f, 0, "QQ", 2);
	journal_close(&j);
	ck_assert_str_eq((char *)f.b, "QQ2xyzgh");
	ck_assert_uint_eq(j.ne, 5);
	ck_assert_int_eq(journal_undo(&j, apply, &f, &at, &span), 1);
	ck_assert_uint_eq(at, 1);
	ck_assert_uint_eq(span, 6);		/* bytes 0..5 */
	ck_assert_str_eq((char *)f.b, "abcAefgh");
	ck_assert_int_eq(journal_undo(&j, apply, &f, &at, &span), 1);
	ck_assert_uint_eq(at, 3);
	ck_assert_uint_eq(span, 1);		/* two nibbles, one byte */
	ck_assert_str_eq((char *)f.b, "abcdefgh");
	ck_assert_int_eq(journal_redo(&j, apply, &f, NULL, NULL), 1);
	ck_assert_str_eq((char *)f.b, "abcAefgh");
	ck_assert_int_eq(journal_redo(&j, apply, &f, NULL, NULL), 1);
	ck_assert_str_eq((char *)f.b, "QQ2xyzgh");
	journal_free(&j);
	free(f.b);
}
END_TEST

/* A new edit after undo drops every undone step, and their bytes. */
START_TEST(test_redo_tail_dropped)
{
	struct journal j;
	struct buf f;
	size_t arena;
	int i;

	journal_init(&j);
	buf_init(&f, "aaaaaaaa");
	for (i = 0; i < 5; i++) {
		edit(&j, &f, (size_t)i, "b", 1);
		journal_close(&j);
	}
	arena = j.arena_len;
	ck_assert_uint_eq(arena, 10);
	ck_assert_int_eq(journal_undo(&j, apply, &f, NULL, NULL), 1);
	ck_assert_int_eq(journal_undo(&j, apply, &f, NULL, NULL), 1);
	ck_assert_int_eq(journal_undo(&j, apply, &f, NULL, NULL), 1);
	ck_assert_str_eq((char *)f.b, "bbaaaaaa");
	ck_assert_uint_eq(journal_redo_steps(&j), 3);
	edit(&j, &f, 7, "c", 1);
	journal_close(&j);
	ck_assert(!journal_can_redo(&j));
	ck_assert_uint_eq(journal_redo_steps(&j), 0);
	ck_assert_uint_eq(journal_undo_steps(&j), 3);
	ck_assert_uint_eq(j.ne, 3);
	ck_assert_uint_eq(j.arena_len, 6);
	ck_assert_int_eq(journal_redo(&j, apply, &f, NULL, NULL), 0);
	ck_assert_str_eq((char *)f.b, "bbaaaaac");
	while (journal_undo(&j, apply, &f, NULL, NULL) == 1)
		;
	ck_assert_str_eq((char *)f.b, "aaaaaaaa");

	/* Everything undone, then a new edit: the journal holds only it. */
	edit(&j, &f, 4, "d", 1);
	ck_assert_uint_eq(j.ne, 1);
	ck_assert_uint_eq(j.ngroups, 1);
	ck_assert_uint_eq(j.arena_len, 2);
	journal_free(&j);
	free(f.b);
}
END_TEST

/* A write that failed is taken back; its group goes if it was alone. */
/* Insert len bytes of src before off, recorded as the editor does. */
static void
insert(struct journal *j, struct buf *f, size_t off, const char *src)
{
	ck_assert_int_eq(journal_record_size(j, JOURNAL_INSERT, off,
	    strlen(src), src), 0);
	ck_assert_int_eq(apply(f, JOURNAL_INSERT, off,
	    (const unsigned char *)src, strlen(src)), 0);
}

/* Delete len bytes at off, recorded as the editor does. */
static void
delete(struct journal *j, struct buf *f, size_t off, size_t len)
{
	ck_assert_int_eq(journal_record_size(j, JOURNAL_DELETE, off, len,
	    f->b + off), 0);
	ck_assert_int_eq(apply(f, JOURNAL_DELETE, off, f->b + off, len), 0);
}

/*
 * Inserts and deletes mixed with overwrites, in one group and in many:
 * undo takes the buffer back through every earlier state, redo forward.
 */
START_TEST(test_sizes)
{
	static const char *const states[] = {
		"hello world", "hello, world", "hello, wor", "Hello, wor",
		"XHello, wor", "XHello, wor!!",
	};
	struct journal j;
	struct buf f;
	size_t at = 0, k;

	journal_init(&j);
	buf_init(&f, "hello world");
	f.n--;				/* no NUL: inserts at the end append */
	ck_assert(!journal_has_sizes(&j));
	insert(&j, &f, 5, ",");
	journal_close(&j);
	delete(&j, &f, 10, 2);
	journal_close(&j);
	ck_assert(journal_has_sizes(&j));
	edit(&j, &f, 0, "H", 1);
	journal_close(&j);
	insert(&j, &f, 0, "X");		/* one group: two entries */
	insert(&j, &f, f.n, "!!");
	journal_close(&j);
	ck_assert_uint_eq(f.n, strlen(states[5]));
	ck_assert_mem_eq(f.b, states[5], f.n);
	/* The group of two inserts is one step: state 4 is never seen. */
	for (k = 4; k-- > 0; ) {
		ck_assert_int_eq(journal_undo(&j, apply, &f, &at, NULL), 1);
		ck_assert_uint_eq(f.n, strlen(states[k]));
		ck_assert_mem_eq(f.b, states[k], f.n);
	}
	ck_assert_int_eq(journal_undo(&j, apply, &f, &at, NULL), 0);
	ck_assert_int_eq(journal_redo(&j, apply, &f, &at, NULL), 1);
	ck_assert_mem_eq(f.b, "hello, world", f.n);
	ck_assert_uint_eq(at, 5);
	while (journal_redo(&j, apply, &f, &at, NULL) == 1)
		;
	ck_assert_uint_eq(f.n, strlen(states[5]));
	ck_assert_mem_eq(f.b, states[5], f.n);
	/* Taking back an insert deletes it again. */
	insert(&j, &f, 1, "yz");
	ck_assert_int_eq(journal_take_back(&j, apply, &f), 1);
	ck_assert_mem_eq(f.b, states[5], f.n);
	free(f.b);
	journal_free(&j);
}
END_TEST

START_TEST(test_unrecord)
{
	struct journal j;
	struct buf f;

	journal_init(&j);
	buf_init(&f, "abcd");
	edit(&j, &f, 0, "x", 1);
	journal_close(&j);
	ck_assert_int_eq(journal_record(&j, 1, 1, f.b + 1, "y"), 0);
	journal_unrecord(&j);			/* its write failed */
	ck_assert_uint_eq(journal_undo_steps(&j), 1);
	ck_assert_uint_eq(j.ne, 1);
	ck_assert_uint_eq(j.arena_len, 2);
	edit(&j, &f, 2, "z", 1);		/* a group of two, the second fails */
	ck_assert_int_eq(journal_record(&j, 3, 1, f.b + 3, "w"), 0);
	journal_unrecord(&j);
	journal_close(&j);
	ck_assert_uint_eq(journal_undo_steps(&j), 2);
	ck_assert_str_eq((char *)f.b, "xbzd");
	ck_assert_int_eq(journal_undo(&j, apply, &f, NULL, NULL), 1);
	ck_assert_int_eq(journal_undo(&j, apply, &f, NULL, NULL), 1);
	ck_assert_str_eq((char *)f.b, "abcd");
	journal_free(&j);
	free(f.b);
}
END_TEST

/* apply() fails midway: the bytes and the journal stay as they were. */
START_TEST(test_apply_fails)
{
	struct journal j;
	struct buf f;

	journal_init(&j);
	buf_init(&f, "abcdef");
	edit(&j, &f, 0, "A", 1);
	edit(&j, &f, 2, "C", 1);
	edit(&j, &f, 4, "E", 1);
	journal_close(&j);
	f.calls = 0;
	f.fail_at = 2;				/* undo: E ok, C fails */
	ck_assert_int_eq(journal_undo(&j, apply, &f, NULL, NULL), -1);
	ck_assert_str_eq((char *)f.b, "AbCdEf");
	ck_assert_uint_eq(journal_undo_steps(&j), 1);
	f.calls = 0;
	f.fail_at = 0;
	ck_assert_int_eq(journal_undo(&j, apply, &f, NULL, NULL), 1);
	ck_assert_str_eq((char *)f.b, "abcdef");
	f.calls = 0;
	f.fail_at = 3;				/* redo: A, C ok, E fails */
	ck_assert_int_eq(journal_redo(&j, apply, &f, NULL, NULL), -1);
	ck_assert_str_eq((char *)f.b, "abcdef");
	ck_assert_uint_eq(journal_redo_steps(&j), 1);
	f.fail_at = 0;
	ck_assert_int_eq(journal_redo(&j, apply, &f, NULL, NULL), 1);
	ck_assert_str_eq((char *)f.b, "AbCdEf");
	journal_free(&j);
	free(f.b);
}
END_TEST

/* 10^5 one-byte steps over a buffer: all undone, all redone. */
START_TEST(test_many_entries)
{
	enum { N = 4096, STEPS = 100000 };
	struct journal j;
	struct buf f;
	unsigned char *orig, *final, c;
	size_t i, at, off;
	uint32_t x = 12345;

	journal_init(&j);
	memset(&f, 0, sizeof(f));
	f.n = N;
	f.b = malloc(N);
	orig = malloc(N);
	final = malloc(N);
	for (i = 0; i < N; i++)
		f.b[i] = orig[i] = (unsigned char)(i * 31);
	for (i = 0; i < STEPS; i++) {
		x = x * 1103515245 + 12345;
		off = (x >> 8) % N;
		c = (unsigned char)(x >> 24);
		edit(&j, &f, off, &c, 1);
		if (i % 3 != 0)			/* groups of 1, 2 or 3 entries */
			journal_close(&j);
	}
	journal_close(&j);
	memcpy(final, f.b, N);
	ck_assert_uint_eq(j.ne, STEPS);
	ck_assert_uint_eq(j.arena_len, 2 * STEPS);
	ck_assert_uint_ge(j.arena_cap, j.arena_len);
	i = 0;
	while (journal_undo(&j, apply, &f, &at, NULL) == 1)
		i++;
	ck_assert_uint_eq(i, j.ngroups);
	ck_assert_int_eq(memcmp(f.b, orig, N), 0);
	while (journal_redo(&j, apply, &f, &at, NULL) == 1)
		i--;
	ck_assert_uint_eq(i, 0);
	ck_assert_int_eq(memcmp(f.b, final, N), 0);
	journal_free(&j);
	free(f.b);
	free(orig);
	free(final);
}
END_TEST

/*
 * Long runs: a 16 MiB paste and a 1 MiB fill make the arena grow past
 * its first sizes; undoing them and recording something small gives the
 * memory back.
 */
START_TEST(test_long_runs)
{
	size_t big = (size_t)16 << 20, i;
	struct journal j;
	struct buf f;
	unsigned char *src;

	journal_init(&j);
	memset(&f, 0, sizeof(f));
	f.n = big + 100;
	f.b = calloc(1, f.n);
	src = malloc(big);
	for (i = 0; i < big; i++)
		src[i] = (unsigned char)(i % 251);
	edit(&j, &f, 7, "abc", 3);
	journal_close(&j);
	edit(&j, &f, 100, src, big);
	journal_close(&j);
	memset(src, 0x5a, (size_t)1 << 20);
	edit(&j, &f, 50, src, (size_t)1 << 20);
	journal_close(&j);
	ck_assert_uint_eq(j.arena_len, 6 + 2 * big + ((size_t)2 << 20));
	ck_assert_uint_eq(f.b[50], 0x5a);
	ck_assert_int_eq(journal_undo(&j, apply, &f, NULL, NULL), 1);
	ck_assert_uint_eq(f.b[100 + 251], 0);	/* the paste's byte 251 % 251 */
	ck_assert_uint_eq(f.b[100 + 250], 250);
	ck_assert_int_eq(journal_undo(&j, apply, &f, NULL, NULL), 1);
	for (i = 0; i < f.n; i++)
		if (f.b[i] != (i >= 7 && i < 10 ? "abc"[i - 7] : 0))
			ck_abort_msg("byte %zu is %#x after undo", i, f.b[i]);
	edit(&j, &f, 0, "z", 1);		/* the big steps are gone */
	ck_assert_uint_eq(j.arena_len, 8);
	ck_assert_uint_le(j.arena_cap, 65536);
	journal_free(&j);
	free(f.b);
	free(src);
}
END_TEST

static Suite *
journal_suite(void)
{
	Suite *s = suite_create("journal");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_undo_redo);
	tcase_add_test(tc, test_grouping);
	tcase_add_test(tc, test_overlap_in_group);
	tcase_add_test(tc, test_redo_tail_dropped);
	tcase_add_test(tc, test_unrecord);
	tcase_add_test(tc, test_apply_fails);
	tcase_add_test(tc, test_many_entries);
	tcase_add_test(tc, test_long_runs);
	tcase_add_test(tc, test_sizes);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(journal_suite)
