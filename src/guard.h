/*
 * guard.h - survive a file truncated under its mapping.
 *
 * Touching a mapped page past the end of a file that another process has
 * truncated raises SIGBUS.  The guard catches it: when the faulting
 * address lies in the watched region (the current mapping), it maps an
 * anonymous zero page over the faulting page (MAP_FIXED), notes that it
 * did, and returns, so the access is retried and reads zeros instead of
 * killing us.  When the file now ends before the faulting page, every
 * page from the new end to the end of the region is replaced at once, so
 * a scan over a window cut near its start takes one signal, not one a
 * page.  Nothing past the new end may be shown as data: whoever
 * sees guard_tripped() return true re-checks the size and remaps
 * (mapping_refresh()), which drops the zero pages.
 *
 * A SIGBUS outside the watched region goes to the handler that was there
 * when the guard was installed (the UI's, which restores the terminal),
 * or gets the default action.  So the UI installs its fatal-signal
 * handlers first, then calls guard_install().  The mapping module sets
 * the watched region whenever it maps; until guard_install() a SIGBUS is
 * as fatal as ever.  One region a file, two at most: two files compared.
 */
#ifndef MMHEX_GUARD_H
#define MMHEX_GUARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Catch SIGBUS from now on, chaining to the handler in place (once). */
void	guard_install(void);

/*
 * Watch [base, base + len), the file fd mapped from its offset 'offset'
 * (in place of fd's window before, if any): faults there read zeros once
 * installed.
 */
void	guard_watch(void *base, size_t len, int fd, uint64_t offset);

/* Stop watching fd's window; a later SIGBUS there is fatal again. */
void	guard_unwatch(int fd);

/*
 * Has a fault been absorbed since the window was last remapped?  The note
 * stays until mapping_refresh() takes it (guard_take()), so whoever sees
 * it calls editor_refresh() / mapping_refresh(), which remaps even when
 * the size looks unchanged (truncated and extended again).
 */
bool	guard_tripped(void);

/* The same, clearing the note: for mapping_refresh(). */
bool	guard_take(void);

#endif
