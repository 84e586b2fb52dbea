/*
 * pcre2_loop.c - the plain in-process reference for bench-regex.sh: count
 * the non-empty matches of PATTERN in FILE as Python's re.finditer finds
 * them, with one JIT-compiled PCRE2 search over the whole mapping per match
 * and nothing else: no windows, no progress, no limits beyond PCRE2's own.
 *
 *	pcre2_loop PATTERN FILE
 */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8

#include <sys/mman.h>
#include <sys/stat.h>

#include <fcntl.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Print "pcre2_loop: WHAT: PCRE2's reason" and exit 2. */
static void
die_pcre2(const char *what, int code)
{
	PCRE2_UCHAR msg[256];

	pcre2_get_error_message(code, msg, sizeof(msg));
	fprintf(stderr, "pcre2_loop: %s: %s\n", what, (const char *)msg);
	exit(2);
}

/*
 * Non-empty matches left to right: after a match ending at e search from
 * e; after an empty match at p search from p again, refusing an empty
 * match there (PCRE2_NOTEMPTY_ATSTART), as Python 3.7+ does.
 */
static unsigned long long
count_matches(const pcre2_code *code, const unsigned char *hay, size_t size)
{
	pcre2_match_data *md;
	PCRE2_SIZE *ov;
	unsigned long long n = 0;
	uint32_t options = 0;
	size_t pos = 0;
	int rc;

	md = pcre2_match_data_create_from_pattern(code, NULL);
	if (md == NULL) {
		fputs("pcre2_loop: out of memory\n", stderr);
		exit(2);
	}
	ov = pcre2_get_ovector_pointer(md);
	while ((rc = pcre2_jit_match(code, hay, size, pos, options, md,
	    NULL)) >= 0) {
		if (ov[1] == ov[0]) {
			pos = ov[0];
			options = PCRE2_NOTEMPTY_ATSTART;
			continue;
		}
		n++;
		pos = ov[1];
		options = 0;
	}
	if (rc != PCRE2_ERROR_NOMATCH)
		die_pcre2("match", rc);
	pcre2_match_data_free(md);
	return n;
}

int
main(int argc, char **argv)
{
	const unsigned char *hay = (const unsigned char *)"";
	pcre2_code *code;
	PCRE2_SIZE offset;
	struct stat st;
	size_t size;
	int fd, code_err, rc;

	if (argc != 3) {
		fputs("usage: pcre2_loop PATTERN FILE\n", stderr);
		return 2;
	}
	code = pcre2_compile((PCRE2_SPTR)argv[1], PCRE2_ZERO_TERMINATED,
	    PCRE2_MULTILINE, &code_err, &offset, NULL);
	if (code == NULL)
		die_pcre2("compile", code_err);
	if ((rc = pcre2_jit_compile(code, PCRE2_JIT_COMPLETE)) != 0)
		die_pcre2("JIT compile", rc);

	if ((fd = open(argv[2], O_RDONLY)) == -1 || fstat(fd, &st) == -1) {
		perror(argv[2]);
		return 2;
	}
	size = (size_t)st.st_size;
	if (size > 0) {
		hay = mmap(NULL, size, PROT_READ, MAP_SHARED, fd, 0);
		if (hay == MAP_FAILED) {
			perror(argv[2]);
			return 2;
		}
		madvise((void *)hay, size, MADV_SEQUENTIAL);
	}
	printf("%llu\n", count_matches(code, hay, size));
	pcre2_code_free(code);
	return 0;
}
