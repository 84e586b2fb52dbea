/*
 * cli-diff.c - mmhex --diff FILE1 FILE2: one line `OFFSET LENGTH` for
 * each run of differing bytes, ascending, walked over the two mappings by
 * compare.c; the bytes only the longer file has are one more run at the
 * end.
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
#include "bytes.h"
#include "compare.h"
#include "guard.h"
#include "mapping.h"

/* A walk over both windows, and the pages it has read handed back. */
struct diff_walk {
	struct compare	 cmp;
	struct mapping	*a, *b;
};

/*
 * The walk's progress hook: what is behind it need not stay mapped; a
 * page that could not be read (the guard says so) stops it.
 */
static int
walk_tick(void *ctx, size_t done, size_t total)
{
	struct diff_walk *w = ctx;

	(void)done;
	(void)total;
	mapping_trim(w->a, w->cmp.at, w->cmp.at + COMPARE_CHUNK);
	mapping_trim(w->b, w->cmp.at, w->cmp.at + COMPARE_CHUNK);
	return guard_tripped();
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
	struct diff_walk w;
	struct progress prog = { walk_tick, &w };
	struct diff_run run;
	struct bytes ba, bb;
	struct mapping b;
	uint64_t asked2, count = 0;
	int status = EXIT_TROUBLE, r;

	(void)asked;
	memset(&b, 0, sizeof(b));
	b.fd = -1;
	if (open_window_of(o, o->path2, &b, &asked2) < 0)
		goto out;
	mapping_advise_sequential(a, true);
	mapping_advise_sequential(&b, true);
	bytes_flat(&ba, a->data, a->size);
	bytes_flat(&bb, b.data, b.size);
	w.a = a;
	w.b = &b;
	compare_init(&w.cmp, &ba, a->size, &bb, b.size, a, &b, &prog);
	for (r = compare_first(&w.cmp, 0, &run); r == 1;
	    r = compare_first(&w.cmp, run.start + run.len, &run)) {
		count += run.len;
		if ((o->mods & MOD_COUNT) == 0)
			printf("%" PRIu64 " %" PRIu64 "\n", a->origin +
			    run.start, run.len);
	}
	if (r < 0 || guard_tripped()) {
		status = say_fault(a, &b);
		goto out;
	}
	if ((o->mods & MOD_COUNT) != 0)
		printf("%" PRIu64 "\n", count);
	status = count > 0 ? 1 : 0;
out:
	mapping_close(&b);
	return status;
}
