/* check_dirty.c - the unflushed edits: merge, removal, lookups, and the bytes each range keeps. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "dirty.h"
#include "unit.h"

/* Mark [start, start + len) with the bytes (start + k) & 0xff, k = 0.. */
static void
add(struct dirty *d, uint64_t start, uint64_t len)
{
	unsigned char buf[256];

	ck_assert_uint_le(len, sizeof(buf));
	for (uint64_t k = 0; k < len; k++)
		buf[k] = (unsigned char)(start + k);
	dirty_add(d, start, buf, len);
}

/* Assert the set is exactly the n ranges given as start,end pairs. */
static void
expect_ranges(const struct dirty *d, size_t n, const uint64_t *se)
{
	uint64_t bytes = 0;

	ck_assert_uint_eq(d->n, n);
	for (size_t i = 0; i < n; i++) {
		ck_assert_uint_eq(d->r[i].start, se[2 * i]);
		ck_assert_uint_eq(d->r[i].end, se[2 * i + 1]);
		bytes += se[2 * i + 1] - se[2 * i];
	}
	ck_assert_uint_eq(d->bytes, bytes);
}

START_TEST(test_disjoint_inserts_stay_sorted)
{
	struct dirty d;
	static const uint64_t want[] = { 0, 1, 10, 12, 20, 25 };

	dirty_init(&d);
	add(&d, 20, 5);
	add(&d, 0, 1);
	add(&d, 10, 2);
	add(&d, 7, 0);		/* empty: no-op */
	expect_ranges(&d, 3, want);
	dirty_free(&d);
}
END_TEST

START_TEST(test_adjacent_and_overlapping_merge)
{
	struct dirty d;
	static const uint64_t one[] = { 10, 30 };
	static const uint64_t two[] = { 0, 40 };

	dirty_init(&d);
	add(&d, 10, 5);		/* [10,15) */
	add(&d, 15, 5);		/* adjacent: [10,20) */
	add(&d, 25, 5);		/* [25,30) */
	add(&d, 18, 8);		/* bridges both: [10,30) */
	expect_ranges(&d, 1, one);
	add(&d, 12, 3);		/* inside: nothing changes */
	expect_ranges(&d, 1, one);
	add(&d, 0, 40);		/* swallows everything */
	expect_ranges(&d, 1, two);
	dirty_free(&d);
}
END_TEST

START_TEST(test_bridge_many)
{
	struct dirty d;
	static const uint64_t want[] = { 0, 1, 2, 99, 100, 102 };

	dirty_init(&d);
	for (uint64_t i = 0; i < 100; i += 2)
		add(&d, i, 1);
	ck_assert_uint_eq(d.n, 50);
	ck_assert_uint_eq(d.bytes, 50);
	add(&d, 3, 96);		/* [3,99) touches [2,3): one range [2,99) */
	add(&d, 100, 2);		/* [100,102) is one byte apart: stays */
	expect_ranges(&d, 3, want);
	dirty_free(&d);
}
END_TEST

START_TEST(test_contains)
{
	struct dirty d;

	dirty_init(&d);
	ck_assert(!dirty_contains(&d, 0));
	add(&d, 5, 3);
	add(&d, 20, 1);
	ck_assert(!dirty_contains(&d, 4));
	ck_assert(dirty_contains(&d, 5));
	ck_assert(dirty_contains(&d, 7));
	ck_assert(!dirty_contains(&d, 8));
	ck_assert(dirty_contains(&d, 20));
	ck_assert(!dirty_contains(&d, 21));
	dirty_clear(&d);
	ck_assert_uint_eq(d.n, 0);
	ck_assert_uint_eq(d.bytes, 0);
	ck_assert(!dirty_contains(&d, 5));
	dirty_free(&d);
}
END_TEST

/*
 * Random writes and removals against a byte map: the set must describe it
 * exactly, changed bytes and their values.
 */
START_TEST(test_random_against_bytemap)
{
	enum { SPAN = 2000 };
	unsigned char set[SPAN], val[SPAN], buf[300];
	struct dirty d;
	unsigned seed = 12345;
	uint64_t bytes = 0;

	memset(set, 0, sizeof(set));
	dirty_init(&d);
	for (int k = 0; k < 6000; k++) {
		uint64_t start = (uint64_t)(rand_r(&seed) % SPAN);
		uint64_t len = (uint64_t)(rand_r(&seed) % (k % 7 == 0 ? 300 : 12));

		if (start + len > SPAN)
			len = SPAN - start;
		if (rand_r(&seed) % 4 == 0) {
			dirty_remove(&d, start, len);
			memset(set + start, 0, (size_t)len);
			continue;
		}
		for (uint64_t b = 0; b < len; b++)
			buf[b] = (unsigned char)rand_r(&seed);
		dirty_add(&d, start, buf, len);
		memset(set + start, 1, (size_t)len);
		memcpy(val + start, buf, (size_t)len);
	}
	for (uint64_t i = 0; i < SPAN; i++) {
		ck_assert_int_eq(dirty_contains(&d, i), set[i] != 0);
		bytes += set[i];
	}
	ck_assert_uint_eq(d.bytes, bytes);
	ck_assert_uint_eq(dirty_bytes_in(&d, 0, SPAN), bytes);
	for (size_t i = 0; i < d.n; i++) {
		const struct range *r = &d.r[i];

		ck_assert_uint_lt(r->start, r->end);
		ck_assert_mem_eq(r->bytes, val + r->start, r->end - r->start);
		if (i + 1 < d.n)	/* not adjacent */
			ck_assert_uint_lt(r->end, d.r[i + 1].start);
	}
	dirty_free(&d);
}
END_TEST

/* A flush forgets what it wrote: the middle, an end, the whole. */
START_TEST(test_remove_splits_and_keeps_bytes)
{
	struct dirty d;
	static const uint64_t split[] = { 10, 14, 16, 20 };
	static const uint64_t trimmed[] = { 11, 14, 16, 19 };

	dirty_init(&d);
	add(&d, 10, 10);
	dirty_remove(&d, 14, 2);
	expect_ranges(&d, 2, split);
	ck_assert_uint_eq(d.r[1].bytes[0], 16);	/* the tail kept its bytes */
	dirty_remove(&d, 5, 6);
	dirty_remove(&d, 19, 5);
	expect_ranges(&d, 2, trimmed);
	ck_assert_uint_eq(d.r[0].bytes[0], 11);
	ck_assert_uint_eq(dirty_bytes_in(&d, 12, 17), 3);
	dirty_remove(&d, 0, 100);
	expect_ranges(&d, 0, NULL);
	dirty_free(&d);
}
END_TEST

/* Typing a long run appends to one range in place. */
START_TEST(test_append_run)
{
	struct dirty d;
	unsigned char b;

	dirty_init(&d);
	for (uint64_t i = 0; i < 100000; i++) {
		b = (unsigned char)(i * 7);
		dirty_add(&d, 1000 + i, &b, 1);
	}
	ck_assert_uint_eq(d.n, 1);
	ck_assert_uint_eq(d.bytes, 100000);
	ck_assert_uint_eq(d.r[0].bytes[99999], (unsigned char)(99999 * 7));
	dirty_free(&d);
}
END_TEST

static Suite *
dirty_suite(void)
{
	Suite *s = suite_create("dirty");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_disjoint_inserts_stay_sorted);
	tcase_add_test(tc, test_adjacent_and_overlapping_merge);
	tcase_add_test(tc, test_bridge_many);
	tcase_add_test(tc, test_contains);
	tcase_add_test(tc, test_random_against_bytemap);
	tcase_add_test(tc, test_remove_splits_and_keeps_bytes);
	tcase_add_test(tc, test_append_run);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(dirty_suite)
