/*
 * unit.h - the one main() every Check suite shares: run the suite built by
 * SUITE_FN and exit non-zero when anything failed.
 */
#ifndef MMHEX_UNIT_H
#define MMHEX_UNIT_H

#include <check.h>
#include <stdlib.h>

/*
 * How much slower than native the suite runs: MMHEX_TEST_SLOWDOWN, set by
 * `make check-valgrind` (valgrind runs code 20-50 times slower), else 1.
 * Tests that assert a time limit multiply it by this.
 */
static inline double
unit_slowdown(void)
{
	const char *s = getenv("MMHEX_TEST_SLOWDOWN");
	double f = s != NULL ? strtod(s, NULL) : 1.0;

	return f >= 1.0 ? f : 1.0;
}

#define UNIT_MAIN(suite_fn)						\
int									\
main(void)								\
{									\
	SRunner *sr = srunner_create(suite_fn());			\
	int failed;							\
									\
	srunner_run_all(sr, CK_NORMAL);					\
	failed = srunner_ntests_failed(sr);				\
	srunner_free(sr);						\
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;		\
}

#endif
