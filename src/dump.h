/*
 * dump.h - print bytes exactly as `hexdump -C` does.
 *
 * Lines of 16 bytes: an 8-digit (wider when needed) hex offset, two groups
 * of 8 hex bytes, the printable characters between bars; a run of lines
 * identical to the one before is replaced by one "*" line when squeezing;
 * the last line is the offset just past the data.  Offsets are absolute
 * (origin is the file offset of data[0]), as `hexdump -C -s N` prints them.
 *
 * Formatting goes through lookup tables into a large buffer written with
 * write(2): no printf per byte, no stdio.
 */
#ifndef MMHEX_DUMP_H
#define MMHEX_DUMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "progress.h"
#include "util.h"

/*
 * Write the dump of data[0, size) to fd.  Returns 0, or -1 with *err set to
 * strerror alone (the caller names the file or "standard output"), or 1
 * when progress (ticked every PROGRESS_CHUNK bytes of data) cancelled it:
 * the lines formatted since the last write are then dropped.
 *
 * No data prints nothing when origin is 0 (`hexdump -C /dev/null`) and the
 * offset line alone otherwise (`hexdump -C -s SIZE FILE`).  hexdump prints
 * nothing at all for `-n 0`, so a caller asked for length 0 should not call
 * this.
 */
int	dump_write(int fd, const unsigned char *data, size_t size,
	    uint64_t origin, bool squeeze, const struct progress *progress,
	    struct error *err);

#endif
