/*
 * guard.h - survive a file truncated under its mapping.
 *
 * Touching a mapped page past the end of a file that another process has
 * truncated raises SIGBUS.  The guard catches it: when the faulting
 * address lies in the watched region (the current mapping), it maps an
 * anonymous zero page over the faulting page (MAP_FIXED), notes that it
 * did, and returns, so the access is retried and reads zeros instead of
 * killing us.  Nothing past the new end may be shown as data: whoever
 * sees guard_tripped() return true re-checks the size and remaps
 * (mapping_refresh()), which drops the zero pages.
 *
 * A SIGBUS outside the watched region gets the default action (the
 * handler that was there before, if it was not the default, is called).
 * One region at a time: mmhex views one file.
 */
#ifndef MMHEX_GUARD_H
#define MMHEX_GUARD_H

#include <stdbool.h>
#include <stddef.h>

/* Watch [base, base + len) (installing the handler on first use). */
void	guard_watch(void *base, size_t len);

/* Stop watching; a later SIGBUS there is fatal again. */
void	guard_unwatch(void);

/* Has a fault been absorbed since the last call?  Clears the note. */
bool	guard_tripped(void);

#endif
