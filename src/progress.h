/*
 * progress.h - how a long scan reports progress and learns it must stop.
 *
 * Searches over a mapping run in chunks (a few MiB each).  After each chunk
 * they call progress->tick with the bytes scanned so far and the bytes the
 * scan will cover in all; a non-zero return cancels the scan, which then
 * returns its "cancelled" result and leaves every output untouched.
 * A NULL struct progress (or a NULL tick) means: run to the end silently.
 */
#ifndef MMHEX_PROGRESS_H
#define MMHEX_PROGRESS_H

#include <stddef.h>

/* Bytes a scan covers between two ticks. */
#define PROGRESS_CHUNK ((size_t)16 << 20)

struct progress {
	int	(*tick)(void *ctx, size_t done, size_t total);
	void	*ctx;
};

static inline int
progress_tick(const struct progress *p, size_t done, size_t total)
{
	return p != NULL && p->tick != NULL && p->tick(p->ctx, done, total) != 0;
}

#endif
