/*
 * compare.h - the runs of differing bytes between two byte sources (two
 * files' bytes, as mapped or as an editor shows them), walked from any
 * offset forwards or backwards: span by span through the vector code of
 * diff.h, no copies, in chunks through a progress hook that can stop the
 * walk; the holes both files have are skipped unread when the files are
 * given.  The bytes only the longer source has are one more run, from the
 * shorter one's end.  Used by ] and [ (editor-compare.c) and by --diff
 * (cli-diff.c).
 */
#ifndef MMHEX_COMPARE_H
#define MMHEX_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include "bytes.h"
#include "diff.h"
#include "mapping.h"
#include "progress.h"

/* Bytes compared between two looks at the progress hook. */
#define COMPARE_CHUNK	((size_t)16 << 20)

struct compare {
	struct bytes	 a, b;		/* the two sources... */
	size_t		 na, nb;	/* ...and their sizes */
	const struct mapping *ma, *mb;	/* their files' holes, or NULL */
	const struct progress *progress;
	size_t		 at;		/* where the walk is (for the hook) */
	size_t		 upto;		/* holes need not be asked below here */
	size_t		 done, total;	/* what the hook is told */
	bool		 cancelled;	/* the hook said stop */
};

/*
 * Compare a (na bytes) with b (nb bytes).  ma and mb, when not NULL, are
 * the mappings the bytes are (no unflushed edits: a private page written
 * in a hole holds bytes the file does not), whose holes are skipped.
 * progress may be NULL.
 */
void	compare_init(struct compare *c, const struct bytes *a, size_t na,
	    const struct bytes *b, size_t nb, const struct mapping *ma,
	    const struct mapping *mb, const struct progress *progress);

/*
 * Each returns 1 with *run set, 0 when there is no such run, -1 when the
 * progress hook stopped the walk (c->cancelled).
 */

/* The run offset off is in. */
int	compare_run_at(struct compare *c, size_t off, struct diff_run *run);

/* The first run that begins at or after off. */
int	compare_first(struct compare *c, size_t off, struct diff_run *run);

/* The run after the one off is in, or the first after off. */
int	compare_next(struct compare *c, size_t off, struct diff_run *run);

/* The run before the one off is in, or the last before off. */
int	compare_prev(struct compare *c, size_t off, struct diff_run *run);

#endif
