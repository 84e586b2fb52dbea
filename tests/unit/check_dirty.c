/* check_dirty.c - the dirty-range set: merge, split-free coalescing, lookups. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "dirty.h"
#include "unit.h"

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
	dirty_add(&d, 20, 5);
	dirty_add(&d, 0, 1);
	dirty_add(&d, 10, 2);
	dirty_add(&d, 7, 0);		/* empty: no-op */
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
	dirty_add(&d, 10, 5);		/* [10,15) */
	dirty_add(&d, 15, 5);		/* adjacent: [10,20) */
	dirty_add(&d, 25, 5);		/* [25,30) */
	dirty_add(&d, 18, 8);		/* bridges both: [10,30) */
	expect_ranges(&d, 1, one);
	dirty_add(&d, 12, 3);		/* inside: nothing changes */
	expect_ranges(&d, 1, one);
	dirty_add(&d, 0, 40);		/* swallows everything */
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
		dirty_add(&d, i, 1);
	ck_assert_uint_eq(d.n, 50);
	ck_assert_uint_eq(d.bytes, 50);
	dirty_add(&d, 3, 96);		/* [3,99) touches [2,3): one range [2,99) */
	dirty_add(&d, 100, 2);		/* [100,102) is one byte apart: stays */
	expect_ranges(&d, 3, want);
	dirty_free(&d);
}
END_TEST

START_TEST(test_contains)
{
	struct dirty d;

	dirty_init(&d);
	ck_assert(!dirty_contains(&d, 0));
	dirty_add(&d, 5, 3);
	dirty_add(&d, 20, 1);
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

/* Random inserts against a byte map: the set must describe it exactly. */
START_TEST(test_random_against_bitmap)
{
	enum { SPAN = 2000 };
	unsigned char map[SPAN];
	struct dirty d;
	unsigned seed = 12345;

	memset(map, 0, sizeof(map));
	dirty_init(&d);
	for (int k = 0; k < 3000; k++) {
		uint64_t start = (uint64_t)(rand_r(&seed) % SPAN);
		uint64_t len = (uint64_t)(rand_r(&seed) % 12);

		if (start + len > SPAN)
			len = SPAN - start;
		dirty_add(&d, start, len);
		memset(map + start, 1, (size_t)len);
	}
	uint64_t bytes = 0;
	for (uint64_t i = 0; i < SPAN; i++) {
		ck_assert_int_eq(dirty_contains(&d, i), map[i] != 0);
		bytes += map[i];
	}
	ck_assert_uint_eq(d.bytes, bytes);
	for (size_t i = 0; i + 1 < d.n; i++)
		ck_assert_uint_lt(d.r[i].end, d.r[i + 1].start);	/* not adjacent */
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
	tcase_add_test(tc, test_random_against_bitmap);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(dirty_suite)
