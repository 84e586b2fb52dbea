/*
 * fileio.h - whole reads and writes at an offset, through short counts
 * and EINTR: what every path that moves bytes to or from a file uses.
 */
#ifndef MMHEX_FILEIO_H
#define MMHEX_FILEIO_H

#include <stddef.h>
#include <stdint.h>

/*
 * pwrite all of buf at off; *done counts the bytes that reached the file,
 * also when a later part fails.  A write that makes no progress is EIO.
 * Returns 0, or -1 with errno set.
 */
int	pwrite_all(int fd, const void *buf, size_t len, uint64_t off,
	    size_t *done);

/*
 * pread all len bytes at off into buf.  Returns 0, or -1 with errno set;
 * the end of the file before len bytes is -1 with errno 0 and *got the
 * bytes read.
 */
int	pread_all(int fd, void *buf, size_t len, uint64_t off, size_t *got);

#endif
