/*
 * check_save.c - save_bytes(): a new file holds exactly the bytes asked
 * for (from a flat run and across an edited piece list's pieces); an
 * existing file is refused without replace and replaced whole with it,
 * its permissions kept; a failure names the file and the call and leaves
 * nothing behind.
 */
#include "config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "save.h"
#include "unit.h"

static char dir[] = "/tmp/check_save.XXXXXX";

static void
setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void
teardown(void)
{
	char cmd[64];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
	strcpy(dir, "/tmp/check_save.XXXXXX");
}

/* path, in the test's directory. */
static const char *
at(const char *name)
{
	static char p[128];

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	return p;
}

static void
expect_bytes(const char *path, const void *want, size_t len)
{
	int fd = open(path, O_RDONLY);

	ck_assert_int_ge(fd, 0);
	unit_expect_file(fd, want, len);
	close(fd);
}

/* How many names the directory holds. */
static int
entries(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL)
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

START_TEST(test_new_file)
{
	static const unsigned char data[] = "0123456789abcdef";
	struct error err;
	struct bytes b;

	bytes_flat(&b, data, 16);
	ck_assert_int_eq(save_bytes(at("f"), &b, 3, 10, false, &err), 0);
	expect_bytes(at("f"), "3456789abc", 10);
	/* An existing file without replace: refused, kept. */
	ck_assert_int_eq(save_bytes(at("f"), &b, 0, 4, false, &err), -1);
	ck_assert_msg(strstr(err.msg, "f: open: File exists") != NULL, "%s",
	    err.msg);
	expect_bytes(at("f"), "3456789abc", 10);
}
END_TEST

START_TEST(test_pieces)
{
	static const unsigned char base[] = "0123456789";
	struct pieces ps;
	struct error err;
	struct bytes b;

	pieces_init(&ps, 10);
	ck_assert_int_eq(pieces_insert(&ps, 4, "XYZ", 3), 0);
	ck_assert_int_eq(pieces_delete(&ps, 8, 2), 0);	/* "56" goes */
	bytes_pieces(&b, &ps, base);
	/* 0123 XYZ 4 789: bytes 2-9 cross four pieces. */
	ck_assert_int_eq(save_bytes(at("p"), &b, 2, 8, false, &err), 0);
	expect_bytes(at("p"), "23XYZ478", 8);
	pieces_free(&ps);
}
END_TEST

START_TEST(test_replace)
{
	static const unsigned char data[] = "new bytes";
	struct error err;
	struct bytes b;
	struct stat st;
	FILE *f;

	f = fopen(at("old"), "w");
	ck_assert_ptr_nonnull(f);
	fputs("the old contents, longer", f);
	fclose(f);
	ck_assert_int_eq(chmod(at("old"), 0604), 0);
	bytes_flat(&b, data, 9);
	ck_assert_int_eq(save_bytes(at("old"), &b, 0, 9, true, &err), 0);
	expect_bytes(at("old"), "new bytes", 9);
	ck_assert_int_eq(stat(at("old"), &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0604);
	ck_assert_int_eq(entries(), 1);
}
END_TEST

START_TEST(test_failures)
{
	static const unsigned char data[] = "abc";
	struct error err;
	struct bytes b;

	bytes_flat(&b, data, 3);
	ck_assert_int_eq(save_bytes(at("no/such"), &b, 0, 3, false, &err), -1);
	ck_assert_msg(strstr(err.msg, "no/such: open: No such file or "
	    "directory") != NULL, "%s", err.msg);
	/* Replacing what is not there. */
	ck_assert_int_eq(save_bytes(at("gone"), &b, 0, 3, true, &err), -1);
	ck_assert_msg(strstr(err.msg, "gone: stat: No such file") != NULL, "%s",
	    err.msg);
	ck_assert_int_eq(entries(), 0);
}
END_TEST

static Suite *
save_suite(void)
{
	Suite *s = suite_create("save");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_new_file);
	tcase_add_test(tc, test_pieces);
	tcase_add_test(tc, test_replace);
	tcase_add_test(tc, test_failures);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(save_suite)
