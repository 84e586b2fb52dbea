/*
 * fileio.c - pread and pwrite until done; see fileio.h.
 */
#include "config.h"

#include <errno.h>
#include <unistd.h>

#include "fileio.h"

int
pwrite_all(int fd, const void *buf, size_t len, uint64_t off, size_t *done)
{
	const unsigned char *p = buf;

	*done = 0;
	while (*done < len) {
		ssize_t n = pwrite(fd, p + *done, len - *done,
		    (off_t)(off + *done));

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0) {
			errno = EIO;
			return -1;
		}
		*done += (size_t)n;
	}
	return 0;
}

int
pread_all(int fd, void *buf, size_t len, uint64_t off, size_t *got)
{
	unsigned char *p = buf;

	*got = 0;
	while (*got < len) {
		ssize_t n = pread(fd, p + *got, len - *got, (off_t)(off + *got));

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0) {
			errno = 0;
			return -1;
		}
		*got += (size_t)n;
	}
	return 0;
}
