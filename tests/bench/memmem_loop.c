/*
 * memmem_loop.c - the plain C reference for bench-find.sh: count the
 * non-overlapping matches of NEEDLE in FILE over an mmap, with glibc's
 * memmem forward, or with -r backwards by memrchr on the first byte and
 * memcmp (libc has no reverse memmem), as repeated rfind does it.
 *
 *	memmem_loop [-r] NEEDLE FILE
 */
#include "config.h"

#include <sys/mman.h>
#include <sys/stat.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Matches left to right; each search starts after the last match. */
static unsigned long long
count_forward(const unsigned char *hay, size_t size, const char *needle,
    size_t len)
{
	unsigned long long n = 0;
	const unsigned char *p;
	size_t pos = 0;

	while (pos <= size &&
	    (p = memmem(hay + pos, size - pos, needle, len)) != NULL) {
		n++;
		pos = (size_t)(p - hay) + len;
	}
	return n;
}

/*
 * Matches right to left: the highest start that fits before end, then
 * end moves to that start (Python: end = m.rfind(needle, 0, end)).
 */
static unsigned long long
count_reverse(const unsigned char *hay, size_t size, const char *needle,
    size_t len)
{
	unsigned long long n = 0;
	const unsigned char *p;
	size_t end = size, hi;

	while (end >= len) {
		/* Candidate starts are [0, hi). */
		hi = end - len + 1;
		for (;;) {
			p = memrchr(hay, (unsigned char)needle[0], hi);
			if (p == NULL)
				return n;
			if (memcmp(p, needle, len) == 0)
				break;
			hi = (size_t)(p - hay);
		}
		n++;
		end = (size_t)(p - hay);
	}
	return n;
}

int
main(int argc, char **argv)
{
	const unsigned char *hay = NULL;
	unsigned long long n;
	const char *needle, *path;
	struct stat st;
	size_t len;
	int reverse = 0, fd;

	if (argc == 4 && strcmp(argv[1], "-r") == 0) {
		reverse = 1;
		argv++;
		argc--;
	}
	if (argc != 3 || argv[1][0] == '\0') {
		fputs("usage: memmem_loop [-r] NEEDLE FILE\n", stderr);
		return 2;
	}
	needle = argv[1];
	path = argv[2];
	len = strlen(needle);
	if ((fd = open(path, O_RDONLY)) < 0 || fstat(fd, &st) < 0) {
		perror(path);
		return 2;
	}
	if (st.st_size > 0) {
		hay = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0);
		if (hay == MAP_FAILED) {
			perror(path);
			return 2;
		}
		/* The same readahead hint mmhex gives for a scan. */
		(void)madvise((void *)hay, (size_t)st.st_size, MADV_SEQUENTIAL);
	}
	if (hay == NULL)
		n = 0;
	else if (reverse)
		n = count_reverse(hay, (size_t)st.st_size, needle, len);
	else
		n = count_forward(hay, (size_t)st.st_size, needle, len);
	printf("%llu\n", n);
	return n > 0 ? 0 : 1;
}
