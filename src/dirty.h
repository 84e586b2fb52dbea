/*
 * dirty.h - a set of byte ranges: which bytes of a mapping have changed
 * since the last flush.
 *
 * Ranges are half-open [start, end), kept sorted, disjoint and coalesced
 * (adjacent or overlapping ranges merge on insert), so a flush visits each
 * changed byte once and writes nothing else.
 */
#ifndef MMHEX_DIRTY_H
#define MMHEX_DIRTY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct range {
	uint64_t	start;
	uint64_t	end;
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

/* Mark [start, start + len) as changed; len 0 is a no-op. */
void	dirty_add(struct dirty *d, uint64_t start, uint64_t len);

/* Is the byte at off marked? (binary search) */
bool	dirty_contains(const struct dirty *d, uint64_t off);

#endif
