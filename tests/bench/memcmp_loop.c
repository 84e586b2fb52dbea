/*
 * memcmp_loop.c - the floor for bench-diff.sh: read two files straight
 * from their mappings with glibc's memcmp, 1 MiB at a time, and print
 * how many of those chunks differ.  Of two files that differ only at the
 * end it reads every byte (memcmp stops at a chunk's first difference):
 * no comparison of two mapped files can go faster than reading both, and
 * --diff's ratio to this says how far it is from the memory's speed.
 *
 *	memcmp_loop FILE1 FILE2
 */
#include "config.h"

#include <sys/mman.h>
#include <sys/stat.h>

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const unsigned char *
map(const char *path, size_t *size)
{
	struct stat st;
	void *p;
	int fd;

	if ((fd = open(path, O_RDONLY)) < 0 || fstat(fd, &st) < 0) {
		perror(path);
		return NULL;
	}
	*size = (size_t)st.st_size;
	p = mmap(NULL, *size > 0 ? *size : 1, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED) {
		perror(path);
		return NULL;
	}
	(void)madvise(p, *size, MADV_SEQUENTIAL);
	return p;
}

int
main(int argc, char **argv)
{
	const unsigned char *a, *b;
	size_t na, nb, n, off, len;
	unsigned long long differ = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: memcmp_loop FILE1 FILE2\n");
		return 2;
	}
	if ((a = map(argv[1], &na)) == NULL || (b = map(argv[2], &nb)) == NULL)
		return 2;
	n = na < nb ? na : nb;
	for (off = 0; off < n; off += len) {
		len = n - off < ((size_t)1 << 20) ? n - off : (size_t)1 << 20;
		differ += memcmp(a + off, b + off, len) != 0;
	}
	printf("%llu\n", differ);
	return 0;
}
