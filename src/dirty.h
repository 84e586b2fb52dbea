/*
 * dirty.h - the unflushed edits of a session: which bytes have changed
 * since the last flush, and what they are now.
 *
 * Ranges are half-open [start, end), kept sorted, disjoint and coalesced
 * (adjacent or overlapping ranges merge on insert), so a flush visits each
 * changed byte once and writes nothing else.  Each range owns a copy of
 * its bytes: the edits belong to the session, not to the pages that show
 * them.  A kernel that drops a private page (the file was truncated under
 * a MAP_PRIVATE mapping) cannot take an edit with it; a flush writes from
 * here, and a remap stores the bytes back into the new pages.
 */
#ifndef MMHEX_DIRTY_H
#define MMHEX_DIRTY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct range {
	uint64_t	 start;
	uint64_t	 end;
	unsigned char	*bytes;		/* end - start bytes, owned */
	size_t		 cap;		/* allocated for bytes */
};

struct dirty {
	struct range	*r;	/* sorted, disjoint, non-adjacent */
	size_t		 n;
	size_t		 cap;
	uint64_t	 bytes;	/* sum of the range lengths */
};

void	dirty_init(struct dirty *d);
void	dirty_free(struct dirty *d);
void	dirty_clear(struct dirty *d);

/*
 * [start, start + len) now holds bytes (copied); len 0 is a no-op.
 * Appending to the end of a range is amortised O(1), so typing byte after
 * byte costs O(bytes typed).
 */
void	dirty_add(struct dirty *d, uint64_t start, const void *bytes,
	    uint64_t len);

/* Forget [start, start + len): those bytes are flushed (or gone). */
void	dirty_remove(struct dirty *d, uint64_t start, uint64_t len);

/* Is the byte at off marked? (binary search) */
bool	dirty_contains(const struct dirty *d, uint64_t off);

/* Changed bytes in [start, end). */
uint64_t dirty_bytes_in(const struct dirty *d, uint64_t start, uint64_t end);

#endif
