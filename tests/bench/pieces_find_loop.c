/*
 * pieces_find_loop.c - the search half of bench-pieces.sh: count the
 * non-overlapping matches of NEEDLE in FILE (an mmap) through the piece
 * list, after N one-byte inserts spread evenly over it (a '\n' each), or
 * with N = 0 over the unedited file, which is one piece.  With "regex"
 * after FILE, NEEDLE is a PCRE2 pattern counted the way the editor's
 * regex searches go: straight over the mapping when unedited, through
 * cut copies of the list when edited.
 *
 *	pieces_find_loop N NEEDLE FILE [regex]
 */
#include "config.h"

#include <sys/mman.h>
#include <sys/stat.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bytes.h"
#include "find.h"
#include "pattern.h"
#include "pieces-find.h"
#include "pieces.h"
#include "regex.h"

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

	if (argc < 4 || argc > 5 || (n = atol(argv[1])) < 0 ||
	    (argc == 5 && strcmp(argv[4], "regex") != 0)) {
		fprintf(stderr, "usage: pieces_find_loop N NEEDLE FILE [regex]\n");
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
	if (argc == 5) {
		struct regex_iter it = { 0 };
		struct regex *re;
		struct error err;
		struct bytes b;
		size_t a, len;

		if ((re = regex_compile(argv[2], &err)) == NULL) {
			fprintf(stderr, "pieces_find_loop: %s\n", err.msg);
			return 2;
		}
		if (n == 0)
			bytes_flat(&b, base, (uint64_t)st.st_size);
		else
			bytes_pieces(&b, &ps, base);
		while (regex_next_in(re, &b, &it, &a, &len, NULL, &err) ==
		    SCAN_FOUND)
			matches++;
		printf("%llu\n", matches);
		regex_free(re);
		pieces_free(&ps);
		return 0;
	}
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
