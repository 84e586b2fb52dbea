/*
 * save.c - write bytes of the window to another file; see save.h.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "journal-file.h"
#include "save.h"

/* *err is "path: call: the cause" (errno); returns -1. */
static int
fail(struct error *err, const char *path, const char *call)
{
	error_set(err, -1, "%s: %s: %s", path, call, strerror(errno));
	return -1;
}

/* Write [off, off + len) of b to fd, span by span straight from b. */
static int
write_span(int fd, struct bytes *b, uint64_t off, uint64_t len)
{
	const unsigned char *p;
	uint64_t at = 0, n;
	size_t done;

	while (at < len) {
		p = bytes_span(b, off + at, &n);
		if (n > len - at)
			n = len - at;
		/* pwrite_all takes a size_t: a span of more goes in parts. */
		if (n > (uint64_t)1 << 30)
			n = (uint64_t)1 << 30;
		if (pwrite_all(fd, p, (size_t)n, at, &done) < 0)
			return -1;
		at += n;
	}
	return 0;
}

int
save_bytes(const char *path, struct bytes *b, uint64_t off, uint64_t len,
    bool replace, struct error *err)
{
	char *tmp = NULL;
	const char *where = path;
	struct stat st;
	int fd, e;

	if (replace) {
		if (stat(path, &st) < 0)
			return fail(err, path, "stat");
		tmp = xmalloc(strlen(path) + sizeof(".mmhex-XXXXXX"));
		sprintf(tmp, "%s.mmhex-XXXXXX", path);
		if ((fd = mkstemp(tmp)) < 0) {
			e = fail(err, path, "mkstemp");
			free(tmp);
			return e;
		}
		where = tmp;
		if (fchmod(fd, st.st_mode & 07777) < 0) {
			fail(err, path, "fchmod");
			goto undo;
		}
	} else if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0666)) < 0)
		return fail(err, path, "open");
	if (write_span(fd, b, off, len) < 0) {
		fail(err, path, "write");
		goto undo;
	}
	if (fdatasync(fd) < 0) {
		fail(err, path, "fdatasync");
		goto undo;
	}
	if (close(fd) < 0) {
		fd = -1;
		fail(err, path, "close");
		goto undo;
	}
	fd = -1;
	if (tmp != NULL && rename(tmp, path) < 0) {
		fail(err, path, "rename");
		goto undo;
	}
	free(tmp);
	/* The new name durable too; the bytes already are. */
	(void)jfile_sync_dir(path, err);
	return 0;
undo:
	if (fd >= 0)
		(void)close(fd);
	(void)unlink(where);
	free(tmp);
	return -1;
}
