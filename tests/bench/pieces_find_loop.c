/*
 * pieces_find_loop.c - the search half of bench-pieces.sh: count the
 * non-overlapping matches of NEEDLE in FILE (an mmap) through the piece
 * list, after N one-byte inserts spread evenly over it (a '\n' each), or
 * with N = 0 over the unedited file, which is one piece.
 *
 *	pieces_find_loop N NEEDLE FILE
 */
#include "config.h"

#include <sys/mman.h>
#include <sys/stat.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "find.h"
#include "pattern.h"
#include "pieces-find.h"
#include "pieces.h"

int
main(int argc, char **argv)
{
	unsigned long long matches = 0;
	const unsigned char *base;
	struct pieces ps;
	struct pattern p;
	struct finder *f;
	struct stat st;
	uint64_t at, from = 0;
	long n;
	int fd;

	if (argc != 4 || (n = atol(argv[1])) < 0) {
		fprintf(stderr, "usage: pieces_find_loop N NEEDLE FILE\n");
		return 2;
	}
	if ((fd = open(argv[3], O_RDONLY)) < 0 || fstat(fd, &st) < 0 ||
	    st.st_size == 0 || (base = mmap(NULL, (size_t)st.st_size,
	    PROT_READ, MAP_PRIVATE, fd, 0)) == MAP_FAILED) {
		perror(argv[3]);
		return 2;
	}
	pieces_init(&ps, (uint64_t)st.st_size);
	for (long i = 0; i < n; i++)
		(void)pieces_insert(&ps, (uint64_t)st.st_size / (uint64_t)n *
		    (uint64_t)i + (uint64_t)i, "\n", 1);
	pattern_from_bytes(&p, argv[2], strlen(argv[2]));
	f = finder_new(&p);
	while (pieces_find(&ps, base, f, &p, from, UINT64_MAX, &at, NULL) == SCAN_FOUND) {
		matches++;
		from = at + p.len;
	}
	printf("%llu\n", matches);
	finder_free(f);
	pattern_free(&p);
	pieces_free(&ps);
	return 0;
}
