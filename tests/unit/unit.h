/*
 * unit.h - the one main() every Check suite shares: run the suite built by
 * SUITE_FN and exit non-zero when anything failed; and the check of a
 * file's bytes the suites that write files share.
 */
#ifndef MMHEX_UNIT_H
#define MMHEX_UNIT_H

#include <sys/stat.h>

#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The file open on fd holds exactly the len bytes at want. */
static inline void
unit_expect_file(int fd, const void *want, size_t len)
{
	unsigned char *got = malloc(len + 1);
	struct stat st;

	ck_assert_ptr_nonnull(got);
	ck_assert_int_eq(fstat(fd, &st), 0);
	ck_assert_uint_eq((uint64_t)st.st_size, len);
	ck_assert_int_eq(pread(fd, got, len, 0), (ssize_t)len);
	ck_assert(memcmp(got, want, len) == 0);
	free(got);
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
