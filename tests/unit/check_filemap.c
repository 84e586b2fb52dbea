/*
 * check_filemap.c - the kinds of blocks by the documented rule, at its
 * edges (90% text exactly, one NUL, the entropy threshold, a short last
 * block), and walks over real files: runs merged and covering the
 * window, a hole's blocks zero without reading, an emit that stops it.
 */
#include "config.h"

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "filemap.h"
#include "unit.h"

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static unsigned char
rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (unsigned char)((rng_state * 2685821657736338717ULL) >> 56);
}

START_TEST(test_classify)
{
	unsigned char b[FILEMAP_BLOCK];
	size_t i;

	memset(b, 0, sizeof(b));
	ck_assert_int_eq(filemap_classify(b, sizeof(b)), FILEMAP_ZERO);
	ck_assert_int_eq(filemap_classify(b, 1), FILEMAP_ZERO);
	b[4095] = 1;
	ck_assert_int_eq(filemap_classify(b, sizeof(b)), FILEMAP_BINARY);
	memset(b, 0xff, sizeof(b));
	ck_assert_int_eq(filemap_classify(b, sizeof(b)), FILEMAP_BINARY);
	/* Text: 90% exactly is text, one byte less is not; a NUL never. */
	memset(b, 'a', sizeof(b));
	ck_assert_int_eq(filemap_classify(b, sizeof(b)), FILEMAP_TEXT);
	for (i = 0; i < 409; i++)
		b[i] = 0x80;
	ck_assert_int_eq(filemap_classify(b, 4090), FILEMAP_TEXT);
	ck_assert_int_eq(filemap_classify(b, 4089), FILEMAP_BINARY);
	memset(b, '\n', sizeof(b));
	b[7] = '\t';
	b[8] = '\r';
	ck_assert_int_eq(filemap_classify(b, sizeof(b)), FILEMAP_TEXT);
	b[100] = 0;
	ck_assert_int_eq(filemap_classify(b, sizeof(b)), FILEMAP_BINARY);
	/* Random bytes are random. */
	for (i = 0; i < sizeof(b); i++)
		b[i] = rnd();
	ck_assert_int_eq(filemap_classify(b, sizeof(b)), FILEMAP_RANDOM);
	/*
	 * The entropy is the sample's, every 7th byte: 512 samples (3578
	 * bytes) of 128 values evenly are 7 bits exactly, of 127 less.
	 */
	ck_assert_int_eq(FILEMAP_STRIDE, 7);
	memset(b, 0x80, sizeof(b));
	for (i = 0; i < 512; i++)
		b[7 * i] = (unsigned char)(0x80 + i % 128);
	ck_assert_int_eq(filemap_classify(b, 3578), FILEMAP_RANDOM);
	ck_assert_int_eq(filemap_classify(b, 3577), FILEMAP_BINARY);
	for (i = 0; i < 512; i++)
		b[7 * i] = (unsigned char)(0x80 + i % 127);
	ck_assert_int_eq(filemap_classify(b, 3578), FILEMAP_BINARY);
	/* The bytes between the samples do not count, either way. */
	for (i = 0; i < sizeof(b); i++)
		b[i] = i % 7 == 0 ? 0x80 : rnd() | 0x80;
	ck_assert_int_eq(filemap_classify(b, sizeof(b)), FILEMAP_BINARY);
	for (i = 0; i < sizeof(b); i++)
		b[i] = i % 7 == 0 ? rnd() : 0x80;
	ck_assert_int_eq(filemap_classify(b, sizeof(b)), FILEMAP_RANDOM);
	/* An array of random 4-byte values below 2^16: no lane alone. */
	for (i = 0; i < sizeof(b); i++)
		b[i] = i % 4 < 2 ? rnd() : 0;
	ck_assert_int_eq(filemap_classify(b, sizeof(b)), FILEMAP_BINARY);
	/* Too short to reach 7 bits (under 128 samples): binary. */
	for (i = 0; i < sizeof(b); i++)
		b[i] = rnd();
	ck_assert_int_eq(filemap_classify(b, 889), FILEMAP_BINARY);
	ck_assert_int_eq(filemap_classify(b, 100), FILEMAP_BINARY);
	ck_assert_str_eq(filemap_kind_name(FILEMAP_RANDOM), "random");
}
END_TEST

/*
 * The text rule spelled out, byte by byte, against filemap_classify on
 * blocks built around its edges: text with k other bytes where 10 k is
 * near the size, a NUL at every kind of place (in the first 256 bytes,
 * later, in a tail shorter than 256), every size from 1 up in steps.
 * The classifier decides most text in 256-byte rounds and stops early.
 */
static bool
ref_text(const unsigned char *p, size_t n)
{
	size_t i, text = 0;

	for (i = 0; i < n; i++) {
		if (p[i] == 0)
			return false;
		text += (p[i] >= 0x20 && p[i] < 0x7f) || p[i] == '\t' ||
		    p[i] == '\n' || p[i] == '\r';
	}
	return 10 * text >= 9 * n;
}

START_TEST(test_text_rule)
{
	static const unsigned char others[] = { 0x01, 0x08, 0x0b, 0x0c, 0x0e,
	    0x1f, 0x7f, 0x80, 0x9f, 0xff };
	static const unsigned char texts[] = { '\t', '\n', '\r', ' ', '~',
	    'a', '0' };
	unsigned char b[FILEMAP_BLOCK];
	size_t n, k, i, round, checked = 0;
	enum filemap_kind got;

	for (n = 1; n <= FILEMAP_BLOCK; n += n < 300 ? 1 : 37) {
		for (round = 0; round < 6; round++) {
			for (i = 0; i < n; i++)
				b[i] = texts[rnd() % sizeof(texts)];
			/* Other bytes around a tenth, placed at random or last. */
			k = n / 10 + (round % 3) - 1 + (n % 10 == 0 && round < 3);
			for (i = 0; i < k && i < n; i++)
				b[round >= 3 ? n - 1 - i : rnd() % n] =
				    others[rnd() % sizeof(others)];
			if (round == 5)
				b[rnd() % n] = 0;
			got = filemap_classify(b, n);
			if (ref_text(b, n))
				ck_assert_msg(got == FILEMAP_TEXT, "n %zu round "
				    "%zu: text, got %d", n, round, got);
			else
				ck_assert_msg(got != FILEMAP_TEXT, "n %zu round "
				    "%zu: not text", n, round);
			checked++;
		}
	}
	ck_assert_uint_gt(checked, 1000);
}
END_TEST

/* What a walk emitted, as "off len kind;" items. */
static char out[4096];

static int
collect(void *ctx, size_t off, size_t len, enum filemap_kind kind)
{
	size_t n = strlen(out);
	int *stop_after = ctx;

	snprintf(out + n, sizeof(out) - n, "%zu %zu %s;", off, len,
	    filemap_kind_name(kind));
	return stop_after != NULL && --*stop_after == 0;
}

/* A file of the given bytes, mapped read-only as a whole. */
static void
map_file(struct mapping *m, const char *path)
{
	struct error err;

	ck_assert_int_eq(mapping_open(m, path, SESSION_RO, &err), 0);
	ck_assert_int_eq(mapping_map(m, 0, UINT64_MAX, &err), 0);
}

START_TEST(test_walk)
{
	char path[] = "/tmp/check_filemap.XXXXXX";
	unsigned char *d = calloc(1, 5 * FILEMAP_BLOCK + 10);
	struct mapping m;
	size_t i;
	int fd, stop = 2;

	ck_assert_ptr_nonnull(d);
	/* zero zero | text text | random | 10 bytes of text */
	memset(d + 2 * FILEMAP_BLOCK, 'x', 2 * FILEMAP_BLOCK);
	for (i = 4 * FILEMAP_BLOCK; i < 5 * FILEMAP_BLOCK; i++)
		d[i] = rnd();
	memset(d + 5 * FILEMAP_BLOCK, 'y', 10);
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, d, 5 * FILEMAP_BLOCK + 10),
	    5 * FILEMAP_BLOCK + 10);
	close(fd);
	map_file(&m, path);
	out[0] = '\0';
	ck_assert_int_eq(filemap_walk(&m, collect, NULL, NULL), 0);
	ck_assert_str_eq(out, "0 8192 zero;8192 8192 text;16384 4096 random;"
	    "20480 10 text;");
	/* An emit that says stop: the walk stops there. */
	out[0] = '\0';
	ck_assert_int_eq(filemap_walk(&m, collect, &stop, NULL), 1);
	ck_assert_str_eq(out, "0 8192 zero;8192 8192 text;");
	mapping_close(&m);

	/* A hole of 1 GiB between two blocks of data: zero, not read. */
	fd = open(path, O_RDWR | O_TRUNC);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(pwrite(fd, "text", 4, 0), 4);
	ck_assert_int_eq(pwrite(fd, "end", 3, ((off_t)1 << 30) + 5), 3);
	close(fd);
	map_file(&m, path);
	out[0] = '\0';
	ck_assert_int_eq(filemap_walk(&m, collect, NULL, NULL), 0);
	ck_assert_str_eq(out, "0 4096 binary;4096 1073737728 zero;"
	    "1073741824 8 binary;");
	mapping_close(&m);
	unlink(path);
	free(d);
}
END_TEST

static Suite *
filemap_suite(void)
{
	Suite *s = suite_create("filemap");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_classify);
	tcase_add_test(tc, test_text_rule);
	tcase_add_test(tc, test_walk);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(filemap_suite)
