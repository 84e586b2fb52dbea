/*
 * mapping-load.c - inputs that cannot be mapped (standard input, FIFOs,
 * /proc and /sys files, character devices) read into memory: only the
 * window is kept, what lies before it is skipped, streams are capped.
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

#include "guard.h"
#include "mapping.h"
#include "mapping-int.h"

/* Reads that skip to the window drop what they read this much at a time. */
#define SKIP_CHUNK	(64 << 10)

/*
 * One read(2) of at most len bytes: the count, 0 at the end, -1 on error.
 * A descriptor that would block (a device with nothing more to give now)
 * has ended too.
 */
static ssize_t
read_some(int fd, unsigned char *buf, size_t len)
{
	ssize_t n;

	do
		n = read(fd, buf, len);
	while (n < 0 && errno == EINTR);
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
		return 0;
	return n;
}

/*
 * Read fd to its end, or to at most max bytes, into a malloc'd buffer
 * (m->base, m->base_len).  One read(2) returns at most 0x7ffff000 bytes on
 * Linux, so this loops.
 */
static int
read_all(struct mapping *m, int fd, uint64_t max, struct error *err)
{
	size_t cap = 64 << 10, len = 0;
	unsigned char *buf = xmalloc(cap);

	while (len < max) {
		size_t want;
		ssize_t n;

		if (len == cap) {
			if (cap > SIZE_MAX / 2) {
				free(buf);
				errno = EFBIG;
				return mapping_syserr(m, err, "read");
			}
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		want = cap - len;
		if (want > max - len)
			want = (size_t)(max - len);
		n = read_some(fd, buf + len, want);
		if (n < 0) {
			free(buf);
			return mapping_syserr(m, err, "read");
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	m->base = buf;
	m->base_len = len;
	return 0;
}

/* Read and drop up to n bytes; *got says how many there were. */
static int
drop_bytes(int fd, uint64_t n, uint64_t *got)
{
	unsigned char *buf = xmalloc(SKIP_CHUNK);
	ssize_t r = 1;

	*got = 0;
	while (*got < n && r > 0) {
		r = read_some(fd, buf, n - *got < SKIP_CHUNK ?
		    (size_t)(n - *got) : SKIP_CHUNK);
		if (r > 0)
			*got += (uint64_t)r;
	}
	free(buf);
	return r < 0 ? -1 : 0;
}

/*
 * Move fd forward by n bytes from where it stands without keeping them;
 * *got says how far it went (less than n: the input ended first).  lseek
 * where the input can seek (the result is checked: /dev/zero's lseek
 * succeeds without moving), else read and drop.  Standard input may be a
 * regular file, whose size tells where it ends; other files read into
 * memory claim sizes they do not have (/proc: 0, /sys: a page), so a seek
 * that finds nothing is followed by a read from where it started.
 */
static int
skip_to(int fd, uint64_t n, bool sized, const struct stat *st, uint64_t *got)
{
	unsigned char probe;
	off_t cur, to;
	ssize_t r;

	*got = 0;
	if (n == 0)
		return 0;
	cur = lseek(fd, 0, SEEK_CUR);
	if (cur < 0 || n > (uint64_t)(INT64_MAX - cur))
		return drop_bytes(fd, n, got);
	to = cur + (off_t)n;
	if (sized && to > st->st_size)
		to = st->st_size > cur ? st->st_size : cur;
	if (lseek(fd, to, SEEK_SET) != to) {
		(void)lseek(fd, cur, SEEK_SET);
		return drop_bytes(fd, n, got);
	}
	*got = (uint64_t)(to - cur);
	if (sized)
		return 0;
	/* Something at the offset, or (an error) nothing to learn here. */
	r = pread(fd, &probe, 1, to);
	if (r != 0)
		return 0;
	if (lseek(fd, cur, SEEK_SET) != cur)
		return -1;
	return drop_bytes(fd, n, got);
}

/* Why an in-memory input stopped at MAPPING_STREAM_MAX. */
static const char *
capped_note(const struct mapping *m, const struct stat *st)
{
	if (m->fd < 0)
		return m->session == SESSION_RO ?
		    "standard input: read its first 64 MiB (--length reads more)" :
		    "standard input: read its first 64 MiB (--length reads "
		    "more); edits stay in memory";
	if (S_ISCHR(st->st_mode))
		return "character device: read its first 64 MiB "
		    "(--length reads more), read-only";
	return "not a regular file: read its first 64 MiB "
	    "(--length reads more), read-only";
}

int
mapping_load(struct mapping *m, uint64_t abs_offset, uint64_t length,
    struct error *err)
{
	int fd = m->fd >= 0 ? m->fd : STDIN_FILENO;
	uint64_t max = length;
	unsigned char probe;
	struct stat st;
	bool stream;

	if (!m->in_memory || m->loaded)
		return 0;
	if (fstat(fd, &st) < 0)
		return mapping_syserr(m, err, "fstat");
	stream = !S_ISREG(st.st_mode);
	if (skip_to(fd, abs_offset, m->fd < 0 && S_ISREG(st.st_mode) &&
	    st.st_size > 0, &st, &m->read_at) < 0)
		return mapping_syserr(m, err, "read");
	if (m->read_at < abs_offset)
		max = 0;	/* it ended before the window */
	else if (max == UINT64_MAX && stream)
		max = MAPPING_STREAM_MAX;
	if (read_all(m, fd, max, err) < 0)
		return -1;
	if (length == UINT64_MAX && max == MAPPING_STREAM_MAX &&
	    m->base_len == max) {
		/* The byte after the cap is lost: nothing reads on anyway. */
		m->capped = read_some(fd, &probe, 1) > 0;
		if (m->capped)
			m->note = capped_note(m, &st);
	}
	m->file_size = m->read_at + m->base_len;
	m->loaded = true;
	return 0;
}
