/*
 * check_mapping.c - sessions as PRODUCT.md's table says: what an edit does
 * to the file in each, what a flush writes, windows, odd inputs.
 */
#include "config.h"

#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "guard.h"
#include "mapping.h"
#include "unit.h"

static char dir[] = "/tmp/check_mapping.XXXXXX";
static char path[sizeof(dir) + 16];

/* A fresh file of n bytes: byte i is i * 7 + 3 (mod 256). */
static void
setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(strcpy(dir, "/tmp/check_mapping.XXXXXX")));
	snprintf(path, sizeof(path), "%s/f", dir);
}

static void
teardown(void)
{
	char cmd[sizeof(dir) + 16];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static void
make_file(size_t n)
{
	unsigned char *buf = malloc(n + 1);
	FILE *f = fopen(path, "wb");

	ck_assert_ptr_nonnull(f);
	for (size_t i = 0; i < n; i++)
		buf[i] = (unsigned char)(i * 7 + 3);
	ck_assert_uint_eq(fwrite(buf, 1, n, f), n);
	ck_assert_int_eq(fclose(f), 0);
	free(buf);
}

/* The file's byte at off, read with plain I/O (not through any mapping). */
static int
file_byte(uint64_t off)
{
	unsigned char c;
	int fd = open(path, O_RDONLY);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(pread(fd, &c, 1, (off_t)off), 1);
	close(fd);
	return c;
}

static void
open_map(struct mapping *m, enum session s, uint64_t off, uint64_t len)
{
	struct error err;

	ck_assert_msg(mapping_open(m, path, s, &err) == 0, "%s", err.msg);
	ck_assert_msg(mapping_map(m, off, len, &err) == 0, "%s", err.msg);
}

START_TEST(test_missing_file)
{
	struct mapping m;
	struct error err;

	ck_assert_int_eq(mapping_open(&m, "/nonexistent/x", SESSION_RO, &err), -1);
	ck_assert_str_eq(err.msg, "/nonexistent/x: No such file or directory");
	mapping_close(&m);
}
END_TEST

START_TEST(test_directory)
{
	struct mapping m;
	struct error err;

	ck_assert_int_eq(mapping_open(&m, dir, SESSION_COW, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, ": Is a directory"));
	mapping_close(&m);
}
END_TEST

START_TEST(test_empty_file)
{
	struct mapping m;

	make_file(0);
	open_map(&m, SESSION_COW, 0, UINT64_MAX);
	ck_assert_uint_eq(m.size, 0);
	ck_assert_uint_eq(m.file_size, 0);
	ck_assert_ptr_nonnull(m.data);
	ck_assert(!m.in_memory);
	mapping_close(&m);
}
END_TEST

START_TEST(test_read_only_refuses_edits)
{
	struct mapping m;
	struct error err;

	make_file(100);
	open_map(&m, SESSION_RO, 0, UINT64_MAX);
	ck_assert_int_eq(m.session, SESSION_RO);
	ck_assert_int_eq(mapping_write(&m, 3, "x", 1, NULL, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "read-only"));
	ck_assert_int_eq(m.data[3], (3 * 7 + 3) & 0xff);
	ck_assert_int_eq(file_byte(3), (3 * 7 + 3) & 0xff);
	ck_assert_int_eq(mapping_set_session(&m, SESSION_WT, &err), -1);
	mapping_close(&m);
}
END_TEST

/*
 * Copy-on-write: the file is untouched until flush; the flush writes only
 * the changed bytes, so a byte another process changed meanwhile in the
 * same page survives.
 */
START_TEST(test_cow_flush_writes_only_changed_bytes)
{
	struct mapping m;
	struct error err;
	int fd;

	make_file(8192);
	open_map(&m, SESSION_COW, 0, UINT64_MAX);
	ck_assert_int_eq(mapping_write(&m, 100, "AB", 2, NULL, &err), 0);
	ck_assert_int_eq(mapping_write(&m, 5000, "C", 1, NULL, &err), 0);
	ck_assert_int_eq(m.data[100], 'A');
	ck_assert_uint_eq(m.dirty.bytes, 3);
	ck_assert_int_eq(file_byte(100), (100 * 7 + 3) & 0xff);

	/* Another process changes byte 102, right next to our edit. */
	fd = open(path, O_WRONLY);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(pwrite(fd, "Z", 1, 102), 1);
	close(fd);

	ck_assert_int_eq(mapping_flush(&m, &err), 0);
	ck_assert_uint_eq(m.dirty.n, 0);
	ck_assert_int_eq(file_byte(100), 'A');
	ck_assert_int_eq(file_byte(101), 'B');
	ck_assert_int_eq(file_byte(5000), 'C');
	ck_assert_int_eq(file_byte(102), 'Z');
	ck_assert_int_eq(file_byte(99), (99 * 7 + 3) & 0xff);
	/* The pages we copied show the file again: their Z beside our AB. */
	ck_assert_int_eq(m.data[102], 'Z');
	ck_assert_int_eq(memcmp(m.data + 100, "AB", 2), 0);
	ck_assert_int_eq(m.data[5000], 'C');
	mapping_close(&m);
}
END_TEST

START_TEST(test_cow_close_without_flush_leaves_file)
{
	struct mapping m;
	struct error err;

	make_file(64);
	open_map(&m, SESSION_COW, 0, UINT64_MAX);
	ck_assert_int_eq(mapping_write(&m, 0, "XXXX", 4, NULL, &err), 0);
	mapping_close(&m);
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(file_byte((uint64_t)i), (i * 7 + 3) & 0xff);
}
END_TEST

/* Write-through: the file (and every other mapping) sees the edit at once. */
START_TEST(test_write_through_visible_before_flush)
{
	struct mapping m;
	struct error err;
	unsigned char *other;
	int fd;

	make_file(4096);
	fd = open(path, O_RDONLY);
	ck_assert_int_ge(fd, 0);
	other = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	ck_assert_ptr_ne(other, MAP_FAILED);

	open_map(&m, SESSION_WT, 0, UINT64_MAX);
	ck_assert_int_eq(mapping_write(&m, 10, "hi", 2, NULL, &err), 0);
	ck_assert_int_eq(m.data[10], 'h');	/* our own mapping */
	ck_assert_int_eq(other[11], 'i');	/* someone else's mapping */
	ck_assert_int_eq(file_byte(10), 'h');	/* read(2) */
	ck_assert_uint_eq(m.dirty.bytes, 2);
	ck_assert_int_eq(mapping_flush(&m, &err), 0);
	ck_assert_uint_eq(m.dirty.bytes, 0);
	mapping_close(&m);
	munmap(other, 4096);
	close(fd);
}
END_TEST

/* A window at a non-page-aligned offset: offsets are window-relative, file ones absolute. */
START_TEST(test_window)
{
	struct mapping m;
	struct error err;

	make_file(20000);
	open_map(&m, SESSION_COW, 5000, 3000);
	ck_assert_uint_eq(m.origin, 5000);
	ck_assert_uint_eq(m.size, 3000);
	ck_assert_int_eq(m.data[0], (5000 * 7 + 3) & 0xff);
	ck_assert_int_eq(m.data[2999], (7999 * 7 + 3) & 0xff);
	ck_assert_int_eq(mapping_write(&m, 1, "Q", 1, NULL, &err), 0);
	ck_assert_int_eq(mapping_write(&m, 2999, "RS", 2, NULL, &err), -1);
	ck_assert_int_eq(mapping_flush(&m, &err), 0);
	ck_assert_int_eq(file_byte(5001), 'Q');
	mapping_close(&m);

	/* Length past the end is clamped; offset at the end is an empty window. */
	open_map(&m, SESSION_RO, 19990, 100);
	ck_assert_uint_eq(m.size, 10);
	mapping_close(&m);
	open_map(&m, SESSION_RO, 20000, UINT64_MAX);
	ck_assert_uint_eq(m.size, 0);
	mapping_close(&m);
	ck_assert_int_eq(mapping_open(&m, path, SESSION_RO, &err), 0);
	ck_assert_int_eq(mapping_map(&m, 20001, UINT64_MAX, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "past the end"));
	mapping_close(&m);
}
END_TEST

/* Switching keeps every edit: COW edits reach the file on the way to WT. */
START_TEST(test_switch_sessions)
{
	struct mapping m;
	struct error err;

	make_file(9000);
	open_map(&m, SESSION_COW, 0, UINT64_MAX);
	ck_assert_int_eq(mapping_write(&m, 8000, "cow", 3, NULL, &err), 0);
	ck_assert_int_eq(file_byte(8000), (8000 * 7 + 3) & 0xff);
	ck_assert_int_eq(mapping_set_session(&m, SESSION_WT, &err), 0);
	ck_assert_int_eq(m.session, SESSION_WT);
	ck_assert_int_eq(file_byte(8000), 'c');
	ck_assert_int_eq(m.data[8002], 'w');
	ck_assert_uint_eq(m.dirty.bytes, 3);	/* still to be made durable */

	ck_assert_int_eq(mapping_write(&m, 1, "wt", 2, NULL, &err), 0);
	ck_assert_int_eq(mapping_set_session(&m, SESSION_COW, &err), 0);
	ck_assert_int_eq(m.data[1], 'w');
	ck_assert_int_eq(mapping_write(&m, 4, "p", 1, NULL, &err), 0);
	ck_assert_int_eq(file_byte(4), (4 * 7 + 3) & 0xff);
	ck_assert_int_eq(mapping_flush(&m, &err), 0);
	ck_assert_int_eq(file_byte(4), 'p');
	ck_assert_int_eq(file_byte(2), 't');
	mapping_close(&m);
}
END_TEST

/* A file we may not write opens read-only and says so. */
START_TEST(test_unwritable_opens_read_only)
{
	struct mapping m;

	if (geteuid() == 0)
		return;		/* root may write anything: nothing to test */
	make_file(10);
	ck_assert_int_eq(chmod(path, 0444), 0);
	open_map(&m, SESSION_COW, 0, UINT64_MAX);
	ck_assert_int_eq(m.session, SESSION_RO);
	ck_assert_ptr_nonnull(m.note);
	mapping_close(&m);
}
END_TEST

/* /proc files claim size 0 but have content: read into memory. */
START_TEST(test_proc_file_in_memory)
{
	struct mapping m;
	struct error err;

	ck_assert_int_eq(mapping_open(&m, "/proc/self/status", SESSION_COW,
	    &err), 0);
	ck_assert_int_eq(mapping_map(&m, 0, UINT64_MAX, &err), 0);
	ck_assert(m.in_memory);
	ck_assert_int_eq(m.session, SESSION_RO);
	ck_assert_uint_gt(m.size, 10);
	ck_assert_int_eq(memcmp(m.data, "Name:", 5), 0);
	mapping_close(&m);
}
END_TEST

/* A FIFO is read to its end, whatever size its writer's chunks have. */
START_TEST(test_fifo_in_memory)
{
	struct mapping m;
	struct error err;
	pid_t pid;
	int status;

	ck_assert_int_eq(mkfifo(path, 0600), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		int fd = open(path, O_WRONLY);
		char buf[1000];

		memset(buf, 'f', sizeof(buf));
		for (int i = 0; i < 300; i++)
			if (write(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf))
				_exit(1);
		_exit(0);
	}
	ck_assert_int_eq(mapping_open(&m, path, SESSION_COW, &err), 0);
	ck_assert_int_eq(mapping_map(&m, 1000, UINT64_MAX, &err), 0);
	ck_assert(m.in_memory);
	ck_assert_int_eq(m.session, SESSION_RO);
	ck_assert_uint_eq(m.file_size, 300000);
	ck_assert_uint_eq(m.size, 299000);
	ck_assert_uint_eq(m.origin, 1000);
	ck_assert_int_eq(m.data[298999], 'f');
	ck_assert_int_eq(mapping_write(&m, 0, "x", 1, NULL, &err), -1);
	mapping_close(&m);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_int_eq(status, 0);
}
END_TEST

/* A character device without --length: a bounded read, and a note. */
START_TEST(test_char_device_bounded)
{
	struct mapping m;
	struct error err;

	ck_assert_int_eq(mapping_open(&m, "/dev/zero", SESSION_RO, &err), 0);
	ck_assert_int_eq(mapping_map(&m, 0, 4096, &err), 0);
	ck_assert_uint_eq(m.size, 4096);
	ck_assert_int_eq(m.data[4095], 0);
	mapping_close(&m);
	ck_assert_int_eq(mapping_open(&m, "/dev/zero", SESSION_RO, &err), 0);
	ck_assert_int_eq(mapping_map(&m, 0, UINT64_MAX, &err), 0);
	ck_assert_uint_eq(m.size, (uint64_t)64 << 20);
	ck_assert(m.capped);
	ck_assert_ptr_nonnull(strstr(m.note, "64 MiB"));
	mapping_close(&m);
}
END_TEST

/*
 * Loading an in-memory input: what lies before the window is skipped, not
 * kept (1 GiB of /dev/zero costs 16 bytes); a load from 0 to the end
 * lets any window inside be mapped; a window before what was read is
 * refused.  Nothing to do for a mapped file.
 */
START_TEST(test_load_skips)
{
	struct mapping m;
	struct error err;

	ck_assert_int_eq(mapping_open(&m, "/dev/zero", SESSION_RO, &err), 0);
	ck_assert_int_eq(mapping_load(&m, (uint64_t)1 << 30, 16, &err), 0);
	ck_assert_uint_eq(m.read_at, (uint64_t)1 << 30);
	ck_assert_uint_eq(m.base_len, 16);
	ck_assert_uint_eq(m.file_size, ((uint64_t)1 << 30) + 16);
	ck_assert(!m.capped);
	ck_assert_int_eq(mapping_map(&m, ((uint64_t)1 << 30) + 8, 100, &err),
	    0);
	ck_assert_uint_eq(m.origin, ((uint64_t)1 << 30) + 8);
	ck_assert_uint_eq(m.size, 8);
	ck_assert_int_eq(mapping_map(&m, 0, 100, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "skipped"));
	mapping_close(&m);

	ck_assert_int_eq(mapping_open(&m, "/proc/self/status", SESSION_RO,
	    &err), 0);
	ck_assert_int_eq(mapping_load(&m, 0, UINT64_MAX, &err), 0);
	ck_assert_uint_gt(m.file_size, 10);
	ck_assert_int_eq(mapping_map(&m, 1, 4, &err), 0);
	ck_assert_int_eq(memcmp(m.data, "ame:", 4), 0);
	mapping_close(&m);

	make_file(100);
	ck_assert_int_eq(mapping_open(&m, path, SESSION_RO, &err), 0);
	ck_assert_int_eq(mapping_load(&m, 50, 10, &err), 0);
	ck_assert(!m.loaded);
	ck_assert_int_eq(mapping_map(&m, 10, 10, &err), 0);
	ck_assert_int_eq(m.data[0], (10 * 7 + 3) & 0xff);
	mapping_close(&m);
}
END_TEST

/* Trimming hands back clean pages only: edits not yet flushed survive it. */
START_TEST(test_trim_keeps_edits)
{
	struct mapping m;
	struct error err;
	long page = sysconf(_SC_PAGESIZE);
	size_t n = (size_t)page * 64;

	make_file(n);
	open_map(&m, SESSION_COW, 0, UINT64_MAX);
	ck_assert_int_eq(mapping_write(&m, 5, "e", 1, NULL, &err), 0);
	ck_assert_int_eq(mapping_write(&m, (size_t)page * 40 - 1, "dg", 2, NULL, &err), 0);
	ck_assert_int_eq(m.data[(size_t)page * 20], (page * 20 * 7 + 3) & 0xff);
	mapping_trim(&m, (size_t)page * 10, (size_t)page * 11);
	ck_assert_int_eq(m.data[5], 'e');
	ck_assert_int_eq(m.data[(size_t)page * 40 - 1], 'd');
	ck_assert_int_eq(m.data[(size_t)page * 40], 'g');
	ck_assert_int_eq(m.data[(size_t)page * 20], (page * 20 * 7 + 3) & 0xff);
	ck_assert_int_eq(mapping_flush(&m, &err), 0);
	mapping_trim(&m, 0, 1);		/* flushed: the file has the bytes now */
	ck_assert_int_eq(m.data[(size_t)page * 40], 'g');
	ck_assert_int_eq(file_byte((uint64_t)page * 40 - 1), 'd');
	mapping_close(&m);

	open_map(&m, SESSION_RO, 3, UINT64_MAX);	/* unaligned window */
	mapping_trim(&m, 0, 0);
	ck_assert_int_eq(m.data[(size_t)page * 30], ((page * 30 + 3) * 7 + 3) & 0xff);
	mapping_close(&m);
}
END_TEST

/*
 * A 100 GiB sparse file maps whole in every session, copy-on-write too
 * (a private writable mapping must not be charged against the commit
 * limit), and an edit at its end flushes.
 */
START_TEST(test_huge_sparse_file)
{
	static const enum session sessions[] = { SESSION_RO, SESSION_COW, SESSION_WT };
	uint64_t size = (uint64_t)100 << 30;
	struct mapping m;
	struct error err;
	int fd;

	/* valgrind's address space has no room for 100 GiB. */
	if (getenv("MMHEX_VALGRIND") != NULL)
		return;
	for (size_t i = 0; i < sizeof(sessions) / sizeof(sessions[0]); i++) {
		fd = open(path, O_CREAT | O_TRUNC | O_RDWR, 0644);
		ck_assert_int_ge(fd, 0);
		ck_assert_int_eq(ftruncate(fd, (off_t)size), 0);
		close(fd);
		open_map(&m, sessions[i], 0, UINT64_MAX);
		ck_assert_uint_eq(m.size, size);
		ck_assert_int_eq(m.data[size - 1], 0);
		if (sessions[i] != SESSION_RO) {
			ck_assert_int_eq(mapping_write(&m, (size_t)size - 1, "Z", 1,
			    NULL, &err), 0);
			ck_assert_int_eq(mapping_flush(&m, &err), 0);
			ck_assert_int_eq(file_byte(size - 1), 'Z');
		}
		mapping_close(&m);
	}
}
END_TEST

/* Read a byte through the mapping, as the viewer would. */
static int
peek(const struct mapping *m, size_t off)
{
	return ((volatile const unsigned char *)m->data)[off];
}

/*
 * Another process truncates the file under a copy-on-write mapping with
 * edits on both sides of the new end: reading past the end reads zeros
 * instead of dying of SIGBUS (even the edited page: truncation takes
 * private copies with it), the refresh cuts the window at the new end
 * and keeps the edit inside it; then the file grows again and the window,
 * which reached the end, grows with it.
 */
START_TEST(test_truncated_under_mapping)
{
	long page = sysconf(_SC_PAGESIZE);
	size_t n = (size_t)page * 16, cut = (size_t)page * 5 + 100;
	struct mapping m;
	struct error err;

	guard_install();
	make_file(n);
	open_map(&m, SESSION_COW, 0, UINT64_MAX);
	ck_assert_int_eq(mapping_write(&m, 10, "A", 1, NULL, &err), 0);
	ck_assert_int_eq(mapping_write(&m, (size_t)page * 12, "B", 1, NULL, &err), 0);
	ck_assert_int_eq(mapping_refresh(&m, &err), 0);	/* nothing changed */

	ck_assert_int_eq(truncate(path, (off_t)cut), 0);
	/* valgrind hands the handler no fault address: nothing to absorb. */
	if (getenv("MMHEX_VALGRIND") == NULL) {
		ck_assert_int_eq(peek(&m, (size_t)page * 9), 0);	/* SIGBUS absorbed */
		/* The kernel drops private copies past the end too: B is gone. */
		ck_assert_int_eq(peek(&m, (size_t)page * 12), 0);
		ck_assert(guard_tripped());
		ck_assert(guard_tripped());	/* until the refresh takes it */
	}
	ck_assert_int_eq(mapping_refresh(&m, &err), 1);
	ck_assert(!guard_tripped());
	ck_assert_uint_eq(m.size, cut);
	ck_assert_uint_eq(m.file_size, cut);
	ck_assert_int_eq(peek(&m, 10), 'A');
	ck_assert_int_eq(peek(&m, cut - 1), ((cut - 1) * 7 + 3) & 0xff);
	/* B lies past the new end: kept for if the file grows back. */
	ck_assert_uint_eq(m.dirty.bytes, 2);
	ck_assert_uint_eq(m.refreshed.past_end, 1);
	ck_assert_int_eq(mapping_flush(&m, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "1 changed byte past its end not "
	    "written, kept"));
	ck_assert_int_eq(file_byte(10), 'A');		/* the rest flushed */
	ck_assert_uint_eq(m.dirty.bytes, 1);
	{
		struct stat st;

		ck_assert_int_eq(stat(path, &st), 0);
		ck_assert_int_eq(st.st_size, (off_t)cut);	/* never grown */
	}

	/* Grown by someone else: the window reached the end, so it follows. */
	ck_assert_int_eq(truncate(path, (off_t)n), 0);
	ck_assert_int_eq(mapping_refresh(&m, &err), 1);
	ck_assert_uint_eq(m.size, n);
	ck_assert_int_eq(peek(&m, n - 1), 0);
	ck_assert_int_eq(peek(&m, 10), 'A');
	ck_assert_int_eq(peek(&m, (size_t)page * 12), 'B');	/* back */
	ck_assert_int_eq(mapping_flush(&m, &err), 0);
	ck_assert_int_eq(file_byte((size_t)page * 12), 'B');

	/*
	 * Truncated and extended again before anyone looked: same size, but
	 * a page read meanwhile is a zero page of ours; the refresh remaps.
	 */
	if (getenv("MMHEX_VALGRIND") == NULL) {
		make_file(n);
		ck_assert_int_eq(truncate(path, (off_t)page), 0);
		ck_assert_int_eq(peek(&m, (size_t)page * 3), 0);
		make_file(n);
		ck_assert_int_eq(peek(&m, (size_t)page * 3), 0);	/* ours */
		ck_assert_int_eq(mapping_refresh(&m, &err), 1);
		ck_assert_int_eq(peek(&m, (size_t)page * 3),
		    ((size_t)page * 3 * 7 + 3) & 0xff);
	}

	/* Emptied: an empty window, no mapping. */
	ck_assert_int_eq(truncate(path, 0), 0);
	ck_assert_int_eq(mapping_refresh(&m, &err), 1);
	ck_assert_uint_eq(m.size, 0);
	ck_assert_ptr_null(m.base);
	mapping_close(&m);
}
END_TEST

/* A window that does not reach the end keeps its size when the file grows. */
START_TEST(test_refresh_window)
{
	long page = sysconf(_SC_PAGESIZE);
	size_t n = (size_t)page * 8;
	struct mapping m;
	struct error err;

	make_file(n);
	open_map(&m, SESSION_RO, 100, 1000);
	ck_assert_int_eq(truncate(path, (off_t)n * 2), 0);
	ck_assert_int_eq(mapping_refresh(&m, &err), 0);
	ck_assert_uint_eq(m.size, 1000);
	ck_assert_int_eq(truncate(path, 600), 0);
	ck_assert_int_eq(mapping_refresh(&m, &err), 1);
	ck_assert_uint_eq(m.size, 500);
	ck_assert_int_eq(peek(&m, 499), ((599 * 7) + 3) & 0xff);
	ck_assert_int_eq(truncate(path, 50), 0);	/* before the origin */
	ck_assert_int_eq(mapping_refresh(&m, &err), 1);
	ck_assert_uint_eq(m.size, 0);
	mapping_close(&m);

	/* In-memory inputs never change. */
	ck_assert_int_eq(mapping_open(&m, "/proc/self/status", SESSION_RO, &err), 0);
	ck_assert_int_eq(mapping_map(&m, 0, UINT64_MAX, &err), 0);
	ck_assert_int_eq(mapping_refresh(&m, &err), 0);
	mapping_close(&m);
}
END_TEST

/* Write n bytes of value c over the whole file, as `cat other > file` does. */
static void
rewrite_file(size_t n, int c)
{
	unsigned char *buf = malloc(n);
	int fd = open(path, O_WRONLY | O_TRUNC);

	ck_assert_int_ge(fd, 0);
	memset(buf, c, n);
	ck_assert_int_eq(write(fd, buf, n), (ssize_t)n);
	close(fd);
	free(buf);
}

static off_t
file_size_now(void)
{
	struct stat st;

	ck_assert_int_eq(stat(path, &st), 0);
	return st.st_size;
}

/*
 * Issue 10, item 2: another program rewrites the file at the same size
 * (truncate + write) under unflushed copy-on-write edits.  The kernel
 * drops our private copies with the pages; the edits live in the session,
 * so the refresh shows them again and the flush writes ours, not theirs.
 */
START_TEST(test_cow_edits_survive_rewrite)
{
	size_t n = 1 << 20, at = 0x80000;
	struct mapping m;
	struct error err;

	make_file(n);
	open_map(&m, SESSION_COW, 0, UINT64_MAX);
	ck_assert_int_eq(mapping_write(&m, at, "12345", 5, NULL, &err), 0);
	rewrite_file(n, 'z');
	/* The private page went with the truncation: their byte shows. */
	ck_assert_int_eq(peek(&m, at), 'z');
	ck_assert_int_eq(mapping_refresh(&m, &err), 1);
	ck_assert_uint_eq(m.refreshed.restored, 5);
	ck_assert_int_eq(memcmp(m.data + at, "12345", 5), 0);
	ck_assert_uint_eq(m.dirty.bytes, 5);
	/* Even unrefreshed, a flush writes the session's bytes. */
	rewrite_file(n, 'y');
	ck_assert_int_eq(mapping_flush(&m, &err), 0);
	ck_assert_int_eq(file_byte(at), '1');
	ck_assert_int_eq(file_byte(at + 4), '5');
	ck_assert_int_eq(file_byte(at + 5), 'y');
	ck_assert_int_eq(file_byte(at - 1), 'y');
	mapping_close(&m);
}
END_TEST

/*
 * Issue 10, item 3: an edit or a flush after another process cut the file
 * never grows it back with a hole: refused, said, the edit kept (COW).
 */
START_TEST(test_no_write_past_a_shrunk_end)
{
	size_t n = 1 << 20, at = 0x80000, done = 99;
	struct mapping m;
	struct error err;

	make_file(n);
	open_map(&m, SESSION_WT, 0, UINT64_MAX);
	ck_assert_int_eq(truncate(path, 4096), 0);
	ck_assert_int_eq(mapping_write(&m, at, "\xaa", 1, &done, &err), -1);
	ck_assert_str_eq(strstr(err.msg, "the file"), "the file shrank to 4096 "
	    "bytes: 1 byte at 0x80000 not written");
	ck_assert_uint_eq(done, 0);
	ck_assert_uint_eq(m.dirty.bytes, 0);
	ck_assert_int_eq(file_size_now(), 4096);
	mapping_close(&m);

	make_file(n);
	open_map(&m, SESSION_COW, 0, UINT64_MAX);
	ck_assert_int_eq(mapping_write(&m, at, "\xaa", 1, NULL, &err), 0);
	ck_assert_int_eq(mapping_write(&m, 10, "\xbb", 1, NULL, &err), 0);
	ck_assert_int_eq(truncate(path, 4096), 0);
	ck_assert_int_eq(mapping_flush(&m, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "the file shrank to 4096 bytes: "
	    "1 changed byte past its end not written, kept"));
	ck_assert_int_eq(file_size_now(), 4096);
	ck_assert_int_eq(file_byte(10), 0xbb);
	ck_assert_uint_eq(m.dirty.bytes, 1);
	/* Nor does switching to write-through write past the end. */
	ck_assert_int_eq(mapping_set_session(&m, SESSION_WT, &err), -1);
	ck_assert_int_eq(m.session, SESSION_COW);
	ck_assert_int_eq(file_size_now(), 4096);
	mapping_close(&m);
}
END_TEST

/*
 * A window asked with -o/-l keeps its length through a cut and a regrowth,
 * and one cut below its origin comes back when the file grows again.
 */
START_TEST(test_window_survives_cut_and_regrowth)
{
	struct mapping m;
	struct error err;

	make_file(10000);
	open_map(&m, SESSION_RO, 1000, 500);
	ck_assert_int_eq(truncate(path, 1200), 0);
	ck_assert_int_eq(mapping_refresh(&m, &err), 1);
	ck_assert_uint_eq(m.size, 200);
	make_file(10000);
	ck_assert_int_eq(mapping_refresh(&m, &err), 1);
	ck_assert_uint_eq(m.size, 500);			/* not to the end */
	ck_assert_int_eq(truncate(path, 10), 0);
	ck_assert_int_eq(mapping_refresh(&m, &err), 1);
	ck_assert_uint_eq(m.size, 0);
	make_file(10000);
	ck_assert_int_eq(mapping_refresh(&m, &err), 1);
	ck_assert_uint_eq(m.size, 500);
	ck_assert_int_eq(peek(&m, 0), (1000 * 7 + 3) & 0xff);
	mapping_close(&m);

	/* -o without -l follows the end. */
	make_file(10000);
	open_map(&m, SESSION_RO, 1000, UINT64_MAX);
	ck_assert_int_eq(truncate(path, 500), 0);
	ck_assert_int_eq(mapping_refresh(&m, &err), 1);
	ck_assert_uint_eq(m.size, 0);
	make_file(20000);
	ck_assert_int_eq(mapping_refresh(&m, &err), 1);
	ck_assert_uint_eq(m.size, 19000);
	mapping_close(&m);
}
END_TEST

/*
 * Issue 10, item 5: the path names another file now.  Our edits go to it
 * when it has the same size (and the session goes on with it), or the
 * whole file goes to a new path, never over an existing one.
 */
START_TEST(test_rebind_and_write_as)
{
	char other[sizeof(path) + 8], copy[sizeof(path) + 8];
	struct mapping m;
	struct dirty edits;
	struct error err;
	size_t n = 5000;
	struct stat st;

	snprintf(other, sizeof(other), "%s.new", path);
	snprintf(copy, sizeof(copy), "%s.copy", path);
	make_file(n);
	open_map(&m, SESSION_WT, 0, UINT64_MAX);
	ck_assert_int_eq(mapping_write(&m, 100, "WT", 2, NULL, &err), 0);
	ck_assert_int_eq(mapping_flush(&m, &err), 0);
	/* Replaced by a file of another size: refused. */
	ck_assert_int_eq(rename(path, other), 0);
	make_file(n - 1);
	ck_assert_int_eq(mapping_refresh(&m, &err), 0);
	ck_assert_int_eq(m.gone, GONE_REPLACED);
	dirty_init(&edits);
	dirty_add(&edits, 100, "WT", 2);
	ck_assert_int_eq(mapping_rebind(&m, &edits, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "has 4999 bytes, ours 5000"));
	/* Same size: our edits (already flushed to the old one) go there. */
	make_file(n);
	ck_assert_int_eq(mapping_rebind(&m, &edits, &err), 0);
	ck_assert_int_eq(m.gone, GONE_NO);
	ck_assert_int_eq(file_byte(100), 'W');
	ck_assert_int_eq(file_byte(101), 'T');
	ck_assert_int_eq(file_byte(102), (102 * 7 + 3) & 0xff);
	ck_assert_int_eq(mapping_write(&m, 0, "!", 1, NULL, &err), 0);
	ck_assert_int_eq(file_byte(0), '!');		/* the new inode now */
	dirty_free(&edits);
	mapping_close(&m);

	/* Deleted: everything to a new path, with the unflushed COW edits. */
	make_file(n);
	open_map(&m, SESSION_COW, 0, UINT64_MAX);
	ck_assert_int_eq(mapping_write(&m, 4999, "E", 1, NULL, &err), 0);
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(mapping_refresh(&m, &err), 0);
	ck_assert_int_eq(m.gone, GONE_DELETED);
	ck_assert_int_eq(mapping_write_as(&m, other, &err), -1);	/* exists */
	ck_assert_ptr_nonnull(strstr(err.msg, "File exists"));
	ck_assert_uint_eq(m.dirty.bytes, 1);
	ck_assert_int_eq(mapping_write_as(&m, copy, &err), 0);
	ck_assert_str_eq(m.path, copy);
	ck_assert_uint_eq(m.dirty.bytes, 0);
	ck_assert_int_eq(stat(copy, &st), 0);
	ck_assert_int_eq(st.st_size, (off_t)n);
	strcpy(path, copy);
	ck_assert_int_eq(file_byte(4999), 'E');
	ck_assert_int_eq(file_byte(4998), (4998 * 7 + 3) & 0xff);
	mapping_close(&m);
	snprintf(path, sizeof(path), "%s/f", dir);
}
END_TEST

START_TEST(test_session_names)
{
	ck_assert_str_eq(session_name(SESSION_RO), "RO");
	ck_assert_str_eq(session_name(SESSION_COW), "COW");
	ck_assert_str_eq(session_name(SESSION_WT), "WT");
}
END_TEST

static Suite *
mapping_suite(void)
{
	Suite *s = suite_create("mapping");
	TCase *tc = tcase_create("sessions");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_missing_file);
	tcase_add_test(tc, test_directory);
	tcase_add_test(tc, test_empty_file);
	tcase_add_test(tc, test_read_only_refuses_edits);
	tcase_add_test(tc, test_cow_flush_writes_only_changed_bytes);
	tcase_add_test(tc, test_cow_close_without_flush_leaves_file);
	tcase_add_test(tc, test_write_through_visible_before_flush);
	tcase_add_test(tc, test_window);
	tcase_add_test(tc, test_switch_sessions);
	tcase_add_test(tc, test_unwritable_opens_read_only);
	tcase_add_test(tc, test_proc_file_in_memory);
	tcase_add_test(tc, test_fifo_in_memory);
	tcase_add_test(tc, test_char_device_bounded);
	tcase_add_test(tc, test_load_skips);
	tcase_add_test(tc, test_trim_keeps_edits);
	tcase_add_test(tc, test_huge_sparse_file);
	tcase_add_test(tc, test_truncated_under_mapping);
	tcase_add_test(tc, test_refresh_window);
	tcase_add_test(tc, test_cow_edits_survive_rewrite);
	tcase_add_test(tc, test_no_write_past_a_shrunk_end);
	tcase_add_test(tc, test_window_survives_cut_and_regrowth);
	tcase_add_test(tc, test_rebind_and_write_as);
	tcase_add_test(tc, test_session_names);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(mapping_suite)
