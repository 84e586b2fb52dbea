/*
 * check_dump.c - dump_write against the text `hexdump -C` prints for the
 * same bytes (the expected strings were taken from util-linux hexdump),
 * and against a slow printf reference on inputs larger than the buffer.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dump.h"
#include "unit.h"

static const unsigned char abc[3] = { 'a', 'b', 'c' };

/* Dump into an unlinked temp file and return its contents (caller frees). */
static char *
dump_str(const void *data, size_t size, uint64_t origin, bool squeeze)
{
	char path[] = "/tmp/check_dump.XXXXXX";
	struct error err = { "", 0 };
	char *out;
	off_t len;
	int fd;

	fd = mkstemp(path);
	ck_assert_int_ne(fd, -1);
	unlink(path);
	ck_assert_msg(dump_write(fd, data, size, origin, squeeze, NULL,
	    &err) == 0, "dump_write failed: %s", err.msg);
	len = lseek(fd, 0, SEEK_CUR);
	ck_assert_int_ge(len, 0);
	out = xmalloc((size_t)len + 1);
	ck_assert_int_eq(pread(fd, out, (size_t)len, 0), len);
	out[len] = '\0';
	close(fd);
	return out;
}

/* Assert that dumping data prints exactly want. */
static void
expect_dump(const void *data, size_t size, uint64_t origin, bool squeeze,
    const char *want)
{
	char *got = dump_str(data, size, origin, squeeze);

	ck_assert_str_eq(got, want);
	free(got);
}

/*
 * The reference: hexdump -C's format spelled out with snprintf, one byte
 * at a time.  Slow and obvious, to check the fast path on big inputs.
 */
static char *
slow_dump(const unsigned char *data, size_t size, uint64_t origin,
    bool squeeze, size_t *outlen)
{
	size_t cap = (size / 16 + 2) * 100, len = 0, i, j, n;
	char *out = xmalloc(cap);
	bool starred = false;

	for (i = 0; i < size; i += 16) {
		n = size - i < 16 ? size - i : 16;
		if (squeeze && n == 16 && i > 0 &&
		    memcmp(data + i, data + i - 16, 16) == 0) {
			if (!starred)
				len += (size_t)snprintf(out + len, cap - len,
				    "*\n");
			starred = true;
			continue;
		}
		starred = false;
		len += (size_t)snprintf(out + len, cap - len, "%08llx  ",
		    (unsigned long long)(origin + i));
		for (j = 0; j < 16; j++) {
			if (j < n)
				len += (size_t)snprintf(out + len, cap - len,
				    "%02x ", data[i + j]);
			else
				len += (size_t)snprintf(out + len, cap - len,
				    "   ");
			if (j == 7)
				out[len++] = ' ';
		}
		len += (size_t)snprintf(out + len, cap - len, " |");
		for (j = 0; j < n; j++)
			out[len++] = data[i + j] >= 32 && data[i + j] < 127 ?
			    (char)data[i + j] : '.';
		len += (size_t)snprintf(out + len, cap - len, "|\n");
	}
	if (size > 0 || origin > 0)
		len += (size_t)snprintf(out + len, cap - len, "%08llx\n",
		    (unsigned long long)(origin + size));
	*outlen = len;
	return out;
}

START_TEST(test_empty)
{
	/* hexdump -C /dev/null prints nothing, not even an offset. */
	expect_dump("", 0, 0, true, "");
	expect_dump("", 0, 0, false, "");
	/* hexdump -C -s 10 on a 10-byte file: only the end offset. */
	expect_dump("", 0, 10, true, "0000000a\n");
}
END_TEST

START_TEST(test_one_byte)
{
	expect_dump("A", 1, 0, true,
	    "00000000  41                                                |A|\n"
	    "00000001\n");
}
END_TEST

START_TEST(test_fifteen_sixteen_seventeen)
{
	static const unsigned char elf[17] = {
		0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3
	};

	expect_dump(elf, 15, 0, true,
	    "00000000  7f 45 4c 46 02 01 01 00  00 00 00 00 00 00 00     "
	    "|.ELF...........|\n"
	    "0000000f\n");
	expect_dump(elf, 16, 0, true,
	    "00000000  7f 45 4c 46 02 01 01 00  00 00 00 00 00 00 00 00  "
	    "|.ELF............|\n"
	    "00000010\n");
	expect_dump(elf, 17, 0, true,
	    "00000000  7f 45 4c 46 02 01 01 00  00 00 00 00 00 00 00 00  "
	    "|.ELF............|\n"
	    "00000010  03                                                |.|\n"
	    "00000011\n");
}
END_TEST

START_TEST(test_group_boundary)
{
	/* 8 and 9 bytes: the second group starts after two spaces. */
	expect_dump("ABCDEFGH", 8, 0, true,
	    "00000000  41 42 43 44 45 46 47 48                           "
	    "|ABCDEFGH|\n"
	    "00000008\n");
	expect_dump("ABCDEFGHI", 9, 0, true,
	    "00000000  41 42 43 44 45 46 47 48  49                       "
	    "|ABCDEFGHI|\n"
	    "00000009\n");
}
END_TEST

START_TEST(test_printable_edges)
{
	static const unsigned char b[16] = {
		0x00, 0x1f, 0x20, 0x21, 0x7e, 0x7f, 0x80, 0xa0,
		0xff, '\n', '\t', 'z', 0xe9, 0x9f, '~', ' '
	};

	expect_dump(b, 16, 0, true,
	    "00000000  00 1f 20 21 7e 7f 80 a0  ff 0a 09 7a e9 9f 7e 20  "
	    "|.. !~......z..~ |\n"
	    "00000010\n");
}
END_TEST

START_TEST(test_squeeze_identical)
{
	unsigned char zero[48];

	memset(zero, 0, sizeof(zero));
	expect_dump(zero, 32, 0, true,
	    "00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  "
	    "|................|\n"
	    "*\n"
	    "00000020\n");
	/* A longer run still gets one star. */
	expect_dump(zero, 48, 0, true,
	    "00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  "
	    "|................|\n"
	    "*\n"
	    "00000030\n");
	/* -v: every line printed. */
	expect_dump(zero, 32, 0, false,
	    "00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  "
	    "|................|\n"
	    "00000010  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  "
	    "|................|\n"
	    "00000020\n");
}
END_TEST

START_TEST(test_squeeze_then_partial)
{
	unsigned char b[40];

	/* The partial last line is printed even when it repeats the run. */
	memset(b, 0, sizeof(b));
	expect_dump(b, 40, 0, true,
	    "00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  "
	    "|................|\n"
	    "*\n"
	    "00000020  00 00 00 00 00 00 00 00                           "
	    "|........|\n"
	    "00000028\n");
	/* 16 zeros and one more: no full repeated line, no star. */
	expect_dump(b, 17, 0, true,
	    "00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  "
	    "|................|\n"
	    "00000010  00                                                |.|\n"
	    "00000011\n");
}
END_TEST

START_TEST(test_squeeze_several_runs)
{
	/* AA BB AAA B A[:5]: each run gets its own star; a line is compared
	 * with the one just before it, not with any earlier one. */
	const char *in =
	    "AAAAAAAAAAAAAAAA" "AAAAAAAAAAAAAAAA"
	    "BBBBBBBBBBBBBBBB" "BBBBBBBBBBBBBBBB"
	    "AAAAAAAAAAAAAAAA" "AAAAAAAAAAAAAAAA" "AAAAAAAAAAAAAAAA"
	    "BBBBBBBBBBBBBBBB" "AAAAA";

	expect_dump(in, strlen(in), 0, true,
	    "00000000  41 41 41 41 41 41 41 41  41 41 41 41 41 41 41 41  "
	    "|AAAAAAAAAAAAAAAA|\n"
	    "*\n"
	    "00000020  42 42 42 42 42 42 42 42  42 42 42 42 42 42 42 42  "
	    "|BBBBBBBBBBBBBBBB|\n"
	    "*\n"
	    "00000040  41 41 41 41 41 41 41 41  41 41 41 41 41 41 41 41  "
	    "|AAAAAAAAAAAAAAAA|\n"
	    "*\n"
	    "00000070  42 42 42 42 42 42 42 42  42 42 42 42 42 42 42 42  "
	    "|BBBBBBBBBBBBBBBB|\n"
	    "00000080  41 41 41 41 41                                    "
	    "|AAAAA|\n"
	    "00000085\n");
}
END_TEST

START_TEST(test_origin)
{
	/* hexdump -C -s 3 -n 4 on "abcdefghij": lines start at the origin. */
	expect_dump("defg", 4, 3, true,
	    "00000003  64 65 66 67                                       "
	    "|defg|\n"
	    "00000007\n");
	expect_dump("ABCDEFGHIJKLMNOPQR", 18, 0x1001, true,
	    "00001001  41 42 43 44 45 46 47 48  49 4a 4b 4c 4d 4e 4f 50  "
	    "|ABCDEFGHIJKLMNOP|\n"
	    "00001011  51 52                                             |QR|\n"
	    "00001013\n");
}
END_TEST

START_TEST(test_origin_past_4g)
{
	unsigned char b[40], zero[52];

	memset(zero, 0, sizeof(zero));
	/* hexdump -C -s 0xfffffff8 -n 40 on a sparse file holding "hello"
	 * at 0xfffffffa: the offset widens to 9 digits and the bars shift. */
	memset(b, 0, sizeof(b));
	memcpy(b + 2, "hello", 5);
	expect_dump(b, 40, 0xfffffff8ULL, true,
	    "fffffff8  00 00 68 65 6c 6c 6f 00  00 00 00 00 00 00 00 00  "
	    "|..hello.........|\n"
	    "100000008  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  "
	    "|................|\n"
	    "100000018  00 00 00 00 00 00 00 00                           "
	    "|........|\n"
	    "100000020\n");
	/* The last 52 bytes of a 2^36 + 16 byte sparse file: a star, then a
	 * 10-digit partial line. */
	expect_dump(zero, 52, 0xfffffffdcULL, true,
	    "fffffffdc  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  "
	    "|................|\n"
	    "*\n"
	    "100000000c  00 00 00 00                                       "
	    "|....|\n"
	    "1000000010\n");
	expect_dump("", 0, 0x123456789abcdefULL, true, "123456789abcdef\n");
}
END_TEST

START_TEST(test_big_against_reference)
{
	/* Several MiB of output: crosses the write buffer many times; zero
	 * stretches make squeezed runs start and end across flushes. */
	size_t size = (3 << 20) + 7, i, wantlen;
	unsigned char *b = xmalloc(size);
	unsigned int x = 12345;
	char *want, *got;
	int squeeze;

	for (i = 0; i < size; i++) {
		x = x * 1103515245 + 12345;
		b[i] = (i / 4096) % 3 == 0 ? 0 : (unsigned char)(x >> 16);
	}
	for (squeeze = 0; squeeze <= 1; squeeze++) {
		want = slow_dump(b, size, 77, squeeze, &wantlen);
		got = dump_str(b, size, 77, squeeze);
		ck_assert_uint_eq(strlen(got), wantlen);
		ck_assert(memcmp(got, want, wantlen) == 0);
		free(want);
		free(got);
	}
	free(b);
}
END_TEST

START_TEST(test_short_writes_nonblocking_pipe)
{
	/* A non-blocking pipe is full after 64 KiB: dump_write must take
	 * short writes and EAGAIN in its stride while a child drains it. */
	size_t size = 1 << 20, i, wantlen;
	unsigned char *b = xmalloc(size);
	char path[] = "/tmp/check_dump.XXXXXX", buf[4096], *want, *got;
	struct error err = { "", 0 };
	int p[2], out, status;
	ssize_t n;
	off_t len;
	pid_t pid;

	for (i = 0; i < size; i++)
		b[i] = (unsigned char)(i * 7 + i / 251);
	out = mkstemp(path);
	ck_assert_int_ne(out, -1);
	unlink(path);
	ck_assert_int_eq(pipe(p), 0);
	pid = fork();
	ck_assert_int_ne(pid, -1);
	if (pid == 0) {
		/* The child's copy: freed, or valgrind counts it lost at _exit. */
		free(b);
		close(p[1]);
		while ((n = read(p[0], buf, sizeof(buf))) > 0) {
			if (write(out, buf, (size_t)n) != n)
				_exit(1);
			usleep(50);
		}
		_exit(n == 0 ? 0 : 1);
	}
	close(p[0]);
	ck_assert_int_eq(fcntl(p[1], F_SETFL, O_NONBLOCK), 0);
	ck_assert_msg(dump_write(p[1], b, size, 0, true, NULL, &err) == 0,
	    "dump_write failed: %s", err.msg);
	close(p[1]);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);

	want = slow_dump(b, size, 0, true, &wantlen);
	len = lseek(out, 0, SEEK_END);
	ck_assert_int_eq(len, (off_t)wantlen);
	got = xmalloc(wantlen);
	ck_assert_int_eq(pread(out, got, wantlen, 0), (ssize_t)wantlen);
	ck_assert(memcmp(got, want, wantlen) == 0);
	free(got);
	free(want);
	free(b);
	close(out);
}
END_TEST

START_TEST(test_write_error_readonly_fd)
{
	struct error err = { "", 0 };
	int fd = open("/dev/null", O_RDONLY);

	ck_assert_int_ne(fd, -1);
	ck_assert_int_eq(dump_write(fd, abc, 3, 0, true, NULL, &err), -1);
	ck_assert_str_eq(err.msg, strerror(EBADF));
	close(fd);
}
END_TEST

START_TEST(test_write_error_closed_pipe)
{
	struct error err = { "", 0 };
	int p[2];

	/* `mmhex -d big | head -1` with SIGPIPE ignored: EPIPE, not a hang. */
	signal(SIGPIPE, SIG_IGN);
	ck_assert_int_eq(pipe(p), 0);
	close(p[0]);
	ck_assert_int_eq(dump_write(p[1], abc, 3, 0, true, NULL, &err), -1);
	ck_assert_str_eq(err.msg, strerror(EPIPE));
	close(p[1]);
}
END_TEST

START_TEST(test_write_error_disk_full)
{
	struct error err = { "", 0 };
	unsigned char *b;
	int fd = open("/dev/full", O_WRONLY);

	if (fd == -1)
		return;		/* no /dev/full in this sandbox */
	/* Large enough that the error comes from a mid-dump flush. */
	b = xcalloc(1, 1 << 20);
	b[0] = 1;
	ck_assert_int_eq(dump_write(fd, b, 1 << 20, 0, false, NULL, &err), -1);
	ck_assert_str_eq(err.msg, strerror(ENOSPC));
	free(b);
	close(fd);
}
END_TEST

/* Counts its ticks and stops the dump at the second one. */
static int
stop_second(void *ctx, size_t done, size_t total)
{
	size_t *ticks = ctx;

	ck_assert_uint_eq(done, ++*ticks * PROGRESS_CHUNK);
	ck_assert_uint_eq(total, 3 * PROGRESS_CHUNK);
	return *ticks == 2;
}

/*
 * A scan that must stop (the file shrank under a script's dump) is
 * ticked every chunk of input, even when squeezed zeros write nothing,
 * and stops there: 1, nothing more written.
 */
START_TEST(test_progress_cancels)
{
	char path[] = "/tmp/check_dump.XXXXXX";
	struct progress prog;
	struct error err = { "", 0 };
	unsigned char *b;
	size_t ticks = 0;
	int fd;

	fd = mkstemp(path);
	ck_assert_int_ne(fd, -1);
	unlink(path);
	b = xcalloc(1, 3 * PROGRESS_CHUNK);
	prog.tick = stop_second;
	prog.ctx = &ticks;
	ck_assert_int_eq(dump_write(fd, b, 3 * PROGRESS_CHUNK, 0, true, &prog,
	    &err), 1);
	ck_assert_uint_eq(ticks, 2);
	ck_assert_int_eq(lseek(fd, 0, SEEK_END), 0);
	/* Never cancelled: the whole dump, the same as without progress. */
	prog.tick = NULL;
	ck_assert_int_eq(dump_write(fd, b, 3 * PROGRESS_CHUNK, 0, true, &prog,
	    &err), 0);
	ck_assert_int_eq(lseek(fd, 0, SEEK_END),
	    (off_t)strlen("00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 "
	    "00 00  |................|\n*\n03000000\n"));
	free(b);
	close(fd);
}
END_TEST

static Suite *
dump_suite(void)
{
	Suite *s = suite_create("dump");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_one_byte);
	tcase_add_test(tc, test_fifteen_sixteen_seventeen);
	tcase_add_test(tc, test_group_boundary);
	tcase_add_test(tc, test_printable_edges);
	tcase_add_test(tc, test_squeeze_identical);
	tcase_add_test(tc, test_squeeze_then_partial);
	tcase_add_test(tc, test_squeeze_several_runs);
	tcase_add_test(tc, test_origin);
	tcase_add_test(tc, test_origin_past_4g);
	tcase_add_test(tc, test_big_against_reference);
	tcase_add_test(tc, test_short_writes_nonblocking_pipe);
	tcase_add_test(tc, test_write_error_readonly_fd);
	tcase_add_test(tc, test_write_error_closed_pipe);
	tcase_add_test(tc, test_write_error_disk_full);
	tcase_add_test(tc, test_progress_cancels);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(dump_suite)
