/*
 * cli-diff.c - mmhex --diff FILE1 FILE2: one line `OFFSET LENGTH` for
 * each run of differing bytes, ascending, from the two mappings at memory
 * speed; the bytes only the longer file has are one more run at the end.
 * --count prints the differing bytes instead.  Exit status as cmp's: 0
 * the same, 1 different, 2 trouble.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli-int.h"
#include "cli.h"
#include "diff.h"
#include "guard.h"
#include "mapping.h"

/* What a scan reads before the pages behind it are handed back. */
#define DIFF_CHUNK	((size_t)64 << 20)

/*
 * The first offset in [from, n) of both windows where the bytes differ
 * (same 0) or are equal (same 1); n when there is none, or when a page
 * could not be read (the guard says so).  Looking for a difference, the
 * holes both files have are skipped, not compared; *upto (0 at first)
 * keeps how far the files are known to need comparing, so that a run of
 * many differences asks the file system once, not once a difference.
 */
static size_t
scan_to(struct mapping *a, struct mapping *b, size_t from, size_t n, int same,
    size_t *upto_p)
{
	size_t upto = *upto_p;

	while (from < n && !guard_tripped()) {
		size_t len, i;

		if (!same && from >= upto) {
			size_t skip = mapping_holes_end(a, b, from, n,
			    &upto);

			if (skip > from) {
				from = skip;
				continue;
			}
		}
		len = n - from < DIFF_CHUNK ? n - from : DIFF_CHUNK;
		if (!same && upto > from && upto - from < len)
			len = upto - from;

		i = diff_first(a->data + from, b->data + from, len, same);
		if (i != DIFF_NONE) {
			*upto_p = upto;
			return from + i;
		}
		from += len;
		mapping_trim(a, from, from + DIFF_CHUNK);
		mapping_trim(b, from, from + DIFF_CHUNK);
	}
	*upto_p = upto;
	return n;
}

/* The file whose page could not be read: the one that shrank, or FILE1. */
static int
say_fault(const struct mapping *a, const struct mapping *b)
{
	struct stat st;

	if (fstat(b->fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (uint64_t)st.st_size < b->origin + b->size)
		return complain_fault(b);
	return complain_fault(a);
}

int
script_diff(const struct options *o, struct mapping *a, uint64_t asked)
{
	struct mapping b;
	uint64_t asked2, count = 0;
	size_t n, at, end, upto = 0;
	bool differ;
	int status = EXIT_TROUBLE;

	(void)asked;
	memset(&b, 0, sizeof(b));
	b.fd = -1;
	if (open_window_of(o, o->path2, &b, &asked2) < 0)
		goto out;
	mapping_advise_sequential(a, true);
	mapping_advise_sequential(&b, true);
	n = a->size < b.size ? a->size : b.size;
	differ = a->size != b.size;
	for (at = 0; (at = scan_to(a, &b, at, n, 0, &upto)) < n; at = end) {
		end = scan_to(a, &b, at + 1, n, 1, &upto);
		if (guard_tripped())
			break;
		differ = true;
		count += end - at;
		if ((o->mods & MOD_COUNT) == 0)
			printf("%" PRIu64 " %" PRIu64 "\n", a->origin + at,
			    (uint64_t)(end - at));
	}
	if (guard_tripped()) {
		status = say_fault(a, &b);
		goto out;
	}
	/* What only the longer one has. */
	if (a->size != b.size) {
		uint64_t extra = a->size > b.size ? a->size - n : b.size - n;

		count += extra;
		if ((o->mods & MOD_COUNT) == 0)
			printf("%" PRIu64 " %" PRIu64 "\n", a->origin + n, extra);
	}
	if ((o->mods & MOD_COUNT) != 0)
		printf("%" PRIu64 "\n", count);
	status = differ ? 1 : 0;
out:
	mapping_close(&b);
	return status;
}
