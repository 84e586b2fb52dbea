/*
 * check_util.c - the error record and the allocators' one way out: out of
 * memory runs the fatal hook first (the UI's terminal restore), then says
 * "mmhex: out of memory" and exits 2; the CRC-32 and the page hash the
 * journal and the move log write (their values are on disk: fixed).
 *
 * The exits run in Check's forked children (tcase_add_exit_test).  Under
 * AddressSanitizer an allocation too large aborts instead of returning
 * NULL, so those tests only run without it.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "util.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

START_TEST(test_error_set)
{
	struct error e;

	error_set(&e, 7, "bad %s at %d", "digit", 7);
	ck_assert_str_eq(e.msg, "bad digit at 7");
	ck_assert_int_eq(e.pos, 7);
	error_set(NULL, 0, "ignored");
}
END_TEST

#ifndef UNDER_ASAN
/* More than any malloc can give: it returns NULL at once. */
#define TOO_MUCH	(SIZE_MAX / 2)

static int hook_calls;

/* A fatal hook that proves it ran: a status nothing else exits with. */
static void
hook_exits(void)
{
	hook_calls++;
	_exit(3);
}

/* The hook runs once; the message and exit 2 follow it. */
static void
hook_counts(void)
{
	hook_calls++;
	if (hook_calls > 1)
		_exit(4);
	/* A hook that runs out of memory itself does not run again. */
	(void)xmalloc(TOO_MUCH);
}

START_TEST(test_out_of_memory_exits_2)
{
	util_set_fatal_hook(NULL);
	(void)xmalloc(TOO_MUCH);
	ck_abort_msg("xmalloc returned");
}
END_TEST

START_TEST(test_out_of_memory_runs_the_hook)
{
	util_set_fatal_hook(hook_exits);
	(void)xcalloc(TOO_MUCH, 1);
	ck_abort_msg("xcalloc returned");
}
END_TEST

START_TEST(test_out_of_memory_hook_once)
{
	char *p = xmalloc(16);

	util_set_fatal_hook(hook_counts);
	(void)xrealloc(p, TOO_MUCH);
	ck_abort_msg("xrealloc returned");
}
END_TEST

START_TEST(test_hook_cleared)
{
	util_set_fatal_hook(hook_exits);
	util_set_fatal_hook(NULL);
	(void)xmalloc(TOO_MUCH);
	ck_abort_msg("xmalloc returned");
}
END_TEST
#endif /* !UNDER_ASAN */

/* zlib's check value, and a CRC taken in two goes is the same. */
START_TEST(test_crc32)
{
	ck_assert_uint_eq(crc32_update(0, "123456789", 9), 0xcbf43926u);
	ck_assert_uint_eq(crc32_update(crc32_update(0, "1234", 4), "56789", 5),
	    0xcbf43926u);
}
END_TEST

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * hash64: its values fixed (a move log written before is read after), and
 * every length, every byte and the order of the bytes changes it.
 */
START_TEST(test_hash64)
{
	unsigned char b[4096 + 40];
	uint64_t h, seen[sizeof(b) + 1];
	size_t i, j;

	for (i = 0; i < sizeof(b); i++)
		b[i] = (unsigned char)(i * 7 + 3);
	ck_assert_uint_eq(hash64(b, 0), hash64("", 0));
	ck_assert_uint_eq(hash64("abc", 3), hash64("abc", 3));
	for (i = 0; i <= sizeof(b); i++)
		seen[i] = hash64(b, i);
	h = seen[4096];
	qsort(seen, sizeof(b) + 1, sizeof(seen[0]), cmp_u64);
	for (j = 1; j <= sizeof(b); j++)
		ck_assert_uint_ne(seen[j], seen[j - 1]);
	seen[4096] = h;
	h = hash64(b, sizeof(b));
	for (i = 0; i < sizeof(b); i += 37) {
		b[i] ^= 1;
		ck_assert_uint_ne(hash64(b, sizeof(b)), h);
		b[i] ^= 1;
	}
	/* Two words swapped, in one lane and across lanes. */
	memcpy(b + 4096, b, 8);
	memcpy(b, b + 8, 8);
	memcpy(b + 8, b + 4096, 8);
	ck_assert_uint_ne(hash64(b, 4096), seen[4096]);
	ck_assert_uint_eq(hash64("mmhex", 5), 0x1295dec843b6b634u);
}
END_TEST

static Suite *
util_suite(void)
{
	Suite *s = suite_create("util");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_error_set);
	tcase_add_test(tc, test_crc32);
	tcase_add_test(tc, test_hash64);
#ifndef UNDER_ASAN
	/* The exits need Check's fork mode (not CK_FORK=no, as valgrind). */
	if (getenv("CK_FORK") == NULL || strcmp(getenv("CK_FORK"), "no") != 0) {
		tcase_add_exit_test(tc, test_out_of_memory_exits_2, 2);
		tcase_add_exit_test(tc, test_out_of_memory_runs_the_hook, 3);
		tcase_add_exit_test(tc, test_out_of_memory_hook_once, 2);
		tcase_add_exit_test(tc, test_hook_cleared, 2);
	}
#endif
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(util_suite)
