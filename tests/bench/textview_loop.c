/*
 * textview_loop.c - the text view's walks on a file with no newline, at
 * 4 MiB and at 64 times that: 100 steps back from the end, 100 from the
 * middle and a keep-visible jump to the end, best of RUNS.  The bytes
 * walked (textview_walked) and the times are printed with their ratio:
 * both must stay near 1x, since a walk costs a screen, not the file.
 * check_textview.c asserts the bytes; only this measures the time.
 *
 *	textview_loop [RUNS]
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "textview.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One round of the walks over buf; the bytes they read. */
static size_t
walks(const unsigned char *buf, size_t n)
{
	size_t w0 = textview_walked(), s;
	struct bytes bb, *b = &bb;
	int k;

	bytes_flat(b, buf, n);
	s = textview_row_start(b, n - 1, 80);
	for (k = 0; k < 100; k++)
		(void)textview_prev_row(b, s, 80, &s);
	s = textview_row_start(b, n / 2 + 12345, 80);
	for (k = 0; k < 100; k++)
		(void)textview_prev_row(b, s, 80, &s);
	(void)textview_keep_visible(b, 0, n - 1, 80, 50);
	return textview_walked() - w0;
}

/* Best time of runs rounds on n bytes of 'z'; *bytes what one round read. */
static double
best(size_t n, int runs, size_t *bytes)
{
	unsigned char *buf = malloc(n);
	double b = -1, t;
	int i;

	if (buf == NULL) {
		perror("textview_loop");
		exit(1);
	}
	memset(buf, 'z', n);
	for (i = 0; i < runs; i++) {
		t = now();
		*bytes = walks(buf, n);
		t = now() - t;
		if (b < 0 || t < b)
			b = t;
	}
	free(buf);
	return b;
}

int
main(int argc, char **argv)
{
	int runs = argc > 1 ? atoi(argv[1]) : 5;
	size_t small = (size_t)4 << 20, big = 64 * small, bs, bb;
	double ts, tb;

	if (runs < 1)
		runs = 1;
	ts = best(small, runs, &bs);
	tb = best(big, runs, &bb);
	printf("text view, no newline: 100 steps back from the end and from "
	    "the middle, a jump to the end (best of %d):\n", runs);
	printf("  %4zu MiB   %8.3f ms   %8zu bytes walked\n", small >> 20,
	    ts * 1e3, bs);
	printf("  %4zu MiB   %8.3f ms   %8zu bytes walked   ratio %5.2fx time, "
	    "%5.2fx bytes  (target <= 1.50x)\n", big >> 20, tb * 1e3, bb,
	    tb / ts, (double)bb / (double)bs);
	return tb / ts <= 1.5 ? 0 : 1;
}
