/*
 * save.h - bytes of the window written to another file (W: the selection
 * to a file), so that neither a failure nor a crash leaves a half-written
 * file where a whole one was.
 */
#ifndef MMHEX_SAVE_H
#define MMHEX_SAVE_H

#include <stdbool.h>
#include <stdint.h>

#include "bytes.h"
#include "util.h"

/*
 * Write the len bytes of b at off to path, durably.  A new file is made
 * with O_EXCL: a file that appeared meanwhile is an error, never
 * overwritten.  With replace, an existing regular file is replaced: the
 * bytes go to a new file beside it (same directory, same permissions),
 * made durable, then renamed over it, so the old one stays whole until
 * the new one is.  On failure nothing is left behind and an existing file
 * is as it was.  Returns 0, or -1 with *err "PATH: CALL: cause".
 */
int	save_bytes(const char *path, struct bytes *b, uint64_t off,
	    uint64_t len, bool replace, struct error *err);

#endif
