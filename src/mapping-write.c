/*
 * mapping-write.c - how edits reach the file, as the session says (see the
 * table in mapping.h): stores or pwrites, flushes from the session's copy
 * of the edits, never past the end of a file another process cut; and
 * where the edits go once the path names another file, or none.
 */
#include "config.h"

#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <linux/fs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "guard.h"
#include "mapping.h"
#include "mapping-int.h"

static const char *
plural(uint64_t n)
{
	return n == 1 ? "" : "s";
}

/*
 * Where the file another process cut ended before a write of ours at abs
 * extended it again: the start of the hole that runs up to our block.
 * UINT64_MAX when there is no such hole: then the file was cut right
 * where our write ends, or within its block, and nothing can tell.
 */
static uint64_t
cut_point(int fd, uint64_t abs)
{
	uint64_t block = abs & ~(uint64_t)(sysconf(_SC_PAGESIZE) - 1);
	off_t pos = 0, hole, data;

	for (;;) {
		hole = lseek(fd, pos, SEEK_HOLE);
		if (hole < 0 || (uint64_t)hole >= abs)
			return UINT64_MAX;
		data = lseek(fd, hole, SEEK_DATA);
		if (data < 0 || (uint64_t)data >= block)
			return (uint64_t)hole;
		pos = data;
	}
}

/*
 * Write len bytes at file offset abs, never past the end of the file:
 * its size is checked right before, so a file another process cut is not
 * grown back with a hole.  Nothing closes the instant between that check
 * and the write, so afterwards a file that now ends exactly where our
 * write ended, though it was longer, was cut meanwhile and extended by
 * us: it is cut back and the write reported as not done.  *done gets the
 * bytes that reached the file and stayed in it.
 */
static int
write_inside(struct mapping *m, const unsigned char *buf, size_t len,
    uint64_t abs, size_t *done, struct error *err)
{
	struct stat before, after;
	uint64_t size, end;
	int r, saved;

	*done = 0;
	if (fstat(m->fd, &before) < 0)
		return mapping_syserr(m, err, "fstat");
	size = mapping_size_now(m, &before);
	if (abs > size || len > size - abs) {
		error_set(err, -1, "%s: the file shrank to %" PRIu64 " byte%s: "
		    "%zu byte%s at 0x%" PRIx64 " not written", m->path, size,
		    plural(size), len, plural(len), abs);
		return -1;
	}
	r = pwrite_all(m->fd, buf, len, abs, done);
	saved = errno;
	if (!S_ISREG(before.st_mode) || fstat(m->fd, &after) < 0)
		goto out;
	end = abs + *done;
	if (*done > 0 && (uint64_t)after.st_size == end &&
	    after.st_size < before.st_size) {
		uint64_t cut = cut_point(m->fd, abs);

		if (cut == UINT64_MAX)
			goto out;
		if (ftruncate(m->fd, (off_t)cut) < 0)
			return mapping_syserr(m, err, "the file shrank during a "
			    "write; cutting it back");
		error_set(err, -1, "%s: the file shrank to %" PRIu64 " byte%s "
		    "during the write: %zu byte%s at 0x%" PRIx64 " not written "
		    "(the file was cut back)", m->path, cut, plural(cut), len,
		    plural(len), abs);
		*done = 0;
		return -1;
	}
	if ((uint64_t)after.st_size < end) {
		size = (uint64_t)after.st_size;
		*done = size > abs ? (size_t)(size - abs) : 0;
		error_set(err, -1, "%s: the file shrank to %" PRIu64 " byte%s: "
		    "%zu byte%s at 0x%" PRIx64 " not written", m->path, size,
		    plural(size), len - *done, plural(len - *done), abs + *done);
		return -1;
	}
out:
	if (r < 0) {
		errno = saved;
		if (*done == 0)
			return mapping_syserr(m, err, "write");
		error_set(err, -1, "%s: write: %s (%zu of %zu bytes at 0x%"
		    PRIx64 " written)", m->path, strerror(saved), *done, len,
		    abs);
		return -1;
	}
	return 0;
}

/*
 * Copy-on-write: the bytes just written at [off, off + len) that are what
 * the file holds there (an undo back to them, a byte typed back) are not
 * changed any more: changed means other than what the last flush wrote.
 * A file that cannot be read there keeps them changed.
 */
static void
forget_unchanged(struct mapping *m, size_t off, const unsigned char *buf,
    size_t len)
{
	unsigned char file[4096];
	size_t at, n, i, run;
	ssize_t got;

	if (m->in_memory || m->gone != GONE_NO)
		return;
	for (at = 0; at < len; at += n) {
		n = len - at < sizeof(file) ? len - at : sizeof(file);
		got = pread(m->fd, file, n, (off_t)(m->origin + off + at));
		if (got <= 0)
			return;
		n = (size_t)got;
		for (i = 0; i < n; i += run) {
			for (run = 0; i + run < n &&
			    file[i + run] == buf[at + i + run]; run++)
				;
			if (run > 0)
				dirty_remove(&m->dirty, off + at + i, run);
			else
				run = 1;
		}
	}
}

int
mapping_write(struct mapping *m, size_t off, const void *buf, size_t len,
    size_t *done, struct error *err)
{
	size_t reached = 0;
	int r = 0;

	if (done != NULL)
		*done = 0;
	if (off > m->size || len > m->size - off) {
		error_set(err, -1, "%s: write past the end of the window", m->path);
		return -1;
	}
	switch (m->session) {
	case SESSION_RO:
		error_set(err, -1, "%s: read-only session: nothing can be changed",
		    m->path);
		return -1;
	case SESSION_COW:
		/* The record first: the page is only the view of it. */
		dirty_add(&m->dirty, off, buf, len);
		memcpy(m->data + off, buf, len);
		forget_unchanged(m, off, buf, len);
		reached = len;
		break;
	case SESSION_WT:
		/* Visible at once through every mapping, ours included. */
		r = write_inside(m, buf, len, m->origin + off, &reached, err);
		dirty_add(&m->dirty, off, buf, reached);
		break;
	}
	if (done != NULL)
		*done = reached;
	return r;
}

int
mapping_pread(struct mapping *m, size_t off, void *buf, size_t len,
    struct error *err)
{
	size_t at = 0;
	ssize_t n;

	if (off > m->size || len > m->size - off) {
		error_set(err, -1, "%s: read past the end of the window", m->path);
		return -1;
	}
	if (m->in_memory) {
		memcpy(buf, m->data + off, len);
		return 0;
	}
	while (at < len) {
		n = pread(m->fd, (unsigned char *)buf + at, len - at,
		    (off_t)(m->origin + off + at));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return mapping_syserr(m, err, "read");
		if (n == 0) {
			error_set(err, -1, "%s: the file shrank to %" PRIu64
			    " bytes while it was read", m->path,
			    m->origin + off + at);
			return -1;
		}
		at += (size_t)n;
	}
	return 0;
}

/* A piece of a dirty range that reached the file, to forget once durable. */
struct written {
	uint64_t	start;
	uint64_t	len;
};

/*
 * Copy-on-write: the changed bytes reach the file, and only them, from
 * the session's copy.  Bytes past the end of a file that shrank are not
 * written (*kept counts them; *size is the file's size).  *w gets the
 * pieces written, *nw their count.
 */
static int
write_dirty_ranges(struct mapping *m, struct written **w, size_t *nw,
    uint64_t *kept, uint64_t *size, struct error *err)
{
	struct stat st;
	size_t i, done;

	*w = xcalloc(m->dirty.n + 1, sizeof(**w));
	*nw = 0;
	*kept = 0;
	if (fstat(m->fd, &st) < 0)
		return mapping_syserr(m, err, "fstat");
	*size = mapping_size_now(m, &st);
	for (i = 0; i < m->dirty.n; i++) {
		const struct range *r = &m->dirty.r[i];
		uint64_t s = m->origin + r->start, e = m->origin + r->end;

		if (e > *size) {
			*kept += e - (s > *size ? s : *size);
			if (s >= *size)
				continue;
			e = *size;
		}
		if (write_inside(m, r->bytes, (size_t)(e - s), s, &done,
		    err) < 0)
			return -1;
		(*w)[(*nw)++] = (struct written){ r->start, e - s };
	}
	return 0;
}

int
mapping_flush(struct mapping *m, struct error *err)
{
	struct written *w = NULL;
	struct stat st;
	uint64_t kept = 0, size = 0;
	size_t nw = 0, i;
	int r = -1;

	if (m->session == SESSION_RO || m->dirty.n == 0)
		return 0;
	if (m->in_memory) {
		error_set(err, -1, "%s: read into memory: nothing to flush to",
		    m->path);
		return -1;
	}
	/* On any failure the ranges stay dirty: nothing is reported saved. */
	if (m->session == SESSION_COW &&
	    write_dirty_ranges(m, &w, &nw, &kept, &size, err) < 0)
		goto out;
	/*
	 * fdatasync, not fsync: the bytes and the size are made durable; the
	 * new mtime alone would cost a journal commit (12 KiB on ext4) and
	 * reaches the disk with the next writeback anyway.
	 */
	if (fdatasync(m->fd) < 0) {
		(void)mapping_syserr(m, err, "fdatasync");
		goto out;
	}
	if (m->session == SESSION_COW) {
		for (i = 0; i < nw; i++)
			dirty_remove(&m->dirty, w[i].start, w[i].len);
		for (i = 0; i < nw; i++)
			mapping_drop_copies(m, w[i].start, w[i].len);
	} else if (fstat(m->fd, &st) == 0 &&
	    (size = mapping_size_now(m, &st)) < m->origin + m->size) {
		/* Write-through bytes another process cut off are not flushed. */
		kept = dirty_bytes_in(&m->dirty, size > m->origin ?
		    size - m->origin : 0, UINT64_MAX);
		dirty_remove(&m->dirty, 0, size > m->origin ? size - m->origin :
		    0);
	} else
		dirty_clear(&m->dirty);
	if (kept > 0) {
		error_set(err, -1, "%s: the file shrank to %" PRIu64 " byte%s: "
		    "%" PRIu64 " changed byte%s past its end not written%s",
		    m->path, size, plural(size), kept,
		    plural(kept), m->session == SESSION_COW ? ", kept" :
		    " (another process cut them off)");
		goto out;
	}
	r = 0;
out:
	free(w);
	return r;
}

int
mapping_set_session(struct mapping *m, enum session s, struct error *err)
{
	if (s == m->session)
		return 0;
	if (m->session == SESSION_RO || s == SESSION_RO || !m->fd_writable ||
	    m->in_memory) {
		error_set(err, -1, "%s: read-only session: cannot switch to %s",
		    m->path, session_name(s));
		return -1;
	}
	/* Leaving COW: the private edits must reach the file before the remap. */
	if (m->session == SESSION_COW) {
		struct written *w;
		uint64_t kept, size;
		size_t nw;
		int r = write_dirty_ranges(m, &w, &nw, &kept, &size, err);

		free(w);
		if (r < 0)
			return -1;
		if (kept > 0) {
			error_set(err, -1, "%s: the file shrank to %" PRIu64
			    " byte%s: %" PRIu64 " changed byte%s past its end "
			    "cannot be written; still copy-on-write", m->path,
			    size, plural(size), kept,
			    plural(kept));
			return -1;
		}
	}
	if (m->size != 0 && mapping_remap(m, s, err) < 0)
		return -1;
	m->session = s;
	return 0;
}

int
mapping_make_readonly(struct mapping *m, struct error *err)
{
	struct stat a, b;
	int fd, old = m->fd;

	if (m->session == SESSION_RO)
		return 0;
	if (m->dirty.n > 0) {
		error_set(err, -1, "%s: edited: cannot become read-only", m->path);
		return -1;
	}
	if ((fd = open(m->path, O_RDONLY | O_CLOEXEC)) < 0)
		return mapping_syserr(m, err, "open");
	if (fstat(fd, &a) < 0 || fstat(old, &b) < 0) {
		(void)close(fd);
		return mapping_syserr(m, err, "fstat");
	}
	if (a.st_dev != b.st_dev || a.st_ino != b.st_ino) {
		(void)close(fd);
		error_set(err, -1, "%s: names another file now", m->path);
		return -1;
	}
	m->fd = fd;
	if (m->size != 0 && mapping_remap(m, SESSION_RO, err) < 0) {
		m->fd = old;
		(void)close(fd);
		return -1;
	}
	(void)close(old);
	m->session = SESSION_RO;
	m->fd_writable = false;
	return 0;
}

int
mapping_discard(struct mapping *m, struct error *err)
{
	dirty_clear(&m->dirty);
	if (m->session != SESSION_COW || m->in_memory || m->size == 0)
		return 0;
	return mapping_remap(m, SESSION_COW, err);
}

/*
 * Go on with fd (a file at path of file_size bytes that holds everything
 * the session shows) instead of the one we had: the window is mapped from
 * it, nothing is dirty.  On failure the old file stays.
 */
static int
switch_file(struct mapping *m, int fd, const char *path, struct error *err)
{
	struct mapping old = *m;
	struct stat st;

	if (fstat(fd, &st) < 0)
		return mapping_syserr(m, err, "fstat");
	m->fd = fd;
	if (m->size != 0) {
		m->base = NULL;
		if (mapping_remap(m, m->session, err) < 0) {
			m->fd = old.fd;
			m->base = old.base;
			return -1;
		}
		(void)munmap(old.base, old.base_len);
	}
	(void)close(old.fd);
	if (path != m->path) {
		free(m->path);
		m->path = xstrdup(path);
	}
	mapping_note_times(m, &st);
	m->file_size = (uint64_t)st.st_size;
	m->gone = GONE_NO;
	dirty_clear(&m->dirty);
	return 0;
}

int
mapping_rebind(struct mapping *m, const struct dirty *edits,
    struct error *err)
{
	struct stat st;
	size_t i, done;
	int fd;

	if ((fd = open(m->path, O_RDWR | O_CLOEXEC | O_NONBLOCK)) < 0)
		return mapping_syserr(m, err, NULL);
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (uint64_t)st.st_size != m->file_size) {
		if (!S_ISREG(st.st_mode))
			errno = EINVAL;
		(void)close(fd);
		if (errno == EINVAL)
			error_set(err, -1, "%s: not a regular file now: not "
			    "written", m->path);
		else
			error_set(err, -1, "%s: the file there now has %" PRIu64
			    " bytes, ours %" PRIu64 ": not written", m->path,
			    (uint64_t)st.st_size, m->file_size);
		return -1;
	}
	for (i = 0; i < edits->n; i++) {
		const struct range *r = &edits->r[i];
		uint64_t e = r->end < m->size ? r->end : m->size;

		if (r->start >= e)
			continue;
		if (pwrite_all(fd, m->data + r->start, (size_t)(e - r->start),
		    m->origin + r->start, &done) < 0) {
			(void)mapping_syserr(m, err, "write");
			(void)close(fd);
			return -1;
		}
	}
	if (fdatasync(fd) < 0) {
		(void)mapping_syserr(m, err, "fdatasync");
		(void)close(fd);
		return -1;
	}
	if (switch_file(m, fd, m->path, err) < 0) {
		(void)close(fd);
		return -1;
	}
	return 0;
}

/*
 * Copy [0, len) of fd `from` to fd `to` (copy_file_range, else read/write).
 * Returns 0, -1 with errno set, or -2 when `from` ended before len.
 */
static int
copy_all(int from, int to, uint64_t len)
{
	static unsigned char buf[1 << 16];
	uint64_t at = 0;
	size_t done;
	ssize_t n;

	while (at < len) {
		off_t in = (off_t)at, out = (off_t)at;

		n = copy_file_range(from, &in, to, &out,
		    (size_t)(len - at < (1u << 30) ? len - at : 1u << 30), 0);
		if (n < 0 && errno != EINTR && errno != EXDEV &&
		    errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
			return -1;
		if (n > 0) {
			at += (uint64_t)n;
			continue;
		}
		if (n == 0)
			return -2;
		/* No copy_file_range here: plain reads and writes. */
		n = pread(from, buf, sizeof(buf), (off_t)at);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -1 : -2;
		if (pwrite_all(to, buf, (size_t)n, at, &done) < 0)
			return -1;
		at += (uint64_t)n;
	}
	return 0;
}

int
mapping_write_as(struct mapping *m, const char *path, struct error *err)
{
	char *saved = m->path;
	size_t i, done;
	int fd, copied;

	if ((fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666)) < 0)
		goto fail;
	m->path = (char *)path;		/* the messages name the new file */
	if ((copied = copy_all(m->fd, fd, m->file_size)) == -2) {
		/* Padding the copy with zeros would pass them off as the file. */
		error_set(err, -1, "%s: the file shrank while it was copied: "
		    "nothing written", saved);
		(void)close(fd);
		(void)unlink(path);
		m->path = saved;
		return -1;
	}
	if (copied < 0)
		goto fail_written;
	for (i = 0; m->session == SESSION_COW && i < m->dirty.n; i++) {
		const struct range *r = &m->dirty.r[i];

		if (pwrite_all(fd, r->bytes, (size_t)(r->end - r->start),
		    m->origin + r->start, &done) < 0)
			goto fail_written;
	}
	if (ftruncate(fd, (off_t)m->file_size) < 0 || fdatasync(fd) < 0)
		goto fail_written;
	m->path = saved;
	if (switch_file(m, fd, path, err) < 0) {
		(void)close(fd);
		(void)unlink(path);
		return -1;
	}
	return 0;
fail_written:
	(void)mapping_syserr(m, err, "write");
	(void)close(fd);
	(void)unlink(path);
	m->path = saved;
	return -1;
fail:
	error_set(err, -1, "%s: %s", path, strerror(errno));
	return -1;
}
