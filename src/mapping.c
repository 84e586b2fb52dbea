/*
 * mapping.c - open a file as a read-only, copy-on-write or write-through
 * session, map a window of it, and carry edits to the file as the session
 * says (see the table in mapping.h).
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

/* Reads that skip to the window drop what they read this much at a time. */
#define SKIP_CHUNK	(64 << 10)

/* A window of no bytes still has a valid data pointer. */
static unsigned char empty_window[1];

const char *
session_name(enum session s)
{
	switch (s) {
	case SESSION_RO:
		return "RO";
	case SESSION_COW:
		return "COW";
	case SESSION_WT:
		return "WT";
	}
	return "?";
}

static int
sys_error(struct mapping *m, struct error *err, const char *what)
{
	if (what != NULL)
		error_set(err, -1, "%s: %s: %s", m->path, what, strerror(errno));
	else
		error_set(err, -1, "%s: %s", m->path, strerror(errno));
	return -1;
}

/*
 * pwrite all of buf at off, through short writes and EINTR; *done counts
 * the bytes that reached the file, also when a later part fails.
 */
static int
pwrite_all(int fd, const unsigned char *buf, size_t len, uint64_t off,
    size_t *done)
{
	*done = 0;
	while (*done < len) {
		ssize_t n = pwrite(fd, buf + *done, len - *done,
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

static const char *
plural(uint64_t n)
{
	return n == 1 ? "" : "s";
}

/* The size of the file or block device fd names now (st from fstat). */
static uint64_t
current_size(const struct mapping *m, const struct stat *st)
{
	uint64_t bytes;

	if (S_ISBLK(st->st_mode))
		return ioctl(m->fd, BLKGETSIZE64, &bytes) == 0 ? bytes :
		    m->file_size;
	return (uint64_t)st->st_size;
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
		return sys_error(m, err, "fstat");
	size = current_size(m, &before);
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
			return sys_error(m, err, "the file shrank during a "
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
			return sys_error(m, err, "write");
		error_set(err, -1, "%s: write: %s (%zu of %zu bytes at 0x%"
		    PRIx64 " written)", m->path, strerror(saved), *done, len,
		    abs);
		return -1;
	}
	return 0;
}

static bool
same_time(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec == b->tv_sec && a->tv_nsec == b->tv_nsec;
}

/* Note the file's times, to tell later whether another writer came by. */
static void
note_times(struct mapping *m, const struct stat *st)
{
	m->seen_mtime = st->st_mtim;
	m->seen_ctime = st->st_ctim;
}

/*
 * Decide how a file that fstat describes will be accessed: mapped (regular
 * files, block devices) or read into memory (everything else; /proc files,
 * which claim size 0 yet have content; /sys files, which claim a page and
 * cannot be mapped).
 */
static int
classify(struct mapping *m, const struct stat *st, struct error *err)
{
	unsigned char probe;
	ssize_t n;
	void *p;

	if (S_ISDIR(st->st_mode)) {
		errno = EISDIR;
		return sys_error(m, err, NULL);
	}
	if (S_ISBLK(st->st_mode)) {
		uint64_t bytes;

		if (ioctl(m->fd, BLKGETSIZE64, &bytes) < 0)
			return sys_error(m, err, "block device size");
		m->file_size = bytes;
		return 0;
	}
	if (S_ISREG(st->st_mode)) {
		m->file_size = (uint64_t)st->st_size;
		if (st->st_size != 0) {
			/* sysfs and the like have no mmap: ENODEV. */
			p = mmap(NULL, 1, PROT_READ, MAP_SHARED, m->fd, 0);
			if (p != MAP_FAILED)
				(void)munmap(p, 1);
			else if (errno == ENODEV)
				m->in_memory = true;
			return 0;
		}
		/*
		 * procfs reports size 0.  A probe that fails says as much
		 * (/proc/PID/mem has nothing at offset 0): reading tells.
		 */
		n = pread(m->fd, &probe, 1, 0);
		m->in_memory = n != 0;
		return 0;
	}
	m->in_memory = true;
	return 0;
}

/* Is the block device rdev mounted: does /proc/self/mountinfo name it? */
static bool
blockdev_mounted(dev_t rdev)
{
	char *line = NULL;
	size_t cap = 0;
	unsigned int maj, min;
	bool found = false;
	FILE *f;

	if ((f = fopen("/proc/self/mountinfo", "re")) == NULL)
		return false;
	/* "36 35 98:0 /mnt1 /mnt/parent rw ...": the third field. */
	while (!found && getline(&line, &cap, f) != -1)
		found = sscanf(line, "%*s %*s %u:%u", &maj, &min) == 2 &&
		    makedev(maj, min) == rdev;
	free(line);
	fclose(f);
	return found;
}

/*
 * Open a block device for writing.  O_EXCL fails with EBUSY while it is
 * mounted or held by the kernel (RAID, device mapper, swap), and while we
 * hold it nobody can mount it under our edits.  A busy device opens
 * read-only unless the user insisted on writing it.
 */
static int
open_blockdev(struct mapping *m, const char *path, int oflags, int flags,
    const struct stat *st)
{
	bool mounted;
	int fd;

	fd = open(path, oflags | O_EXCL);
	if (fd >= 0 || errno != EBUSY)
		return fd;
	mounted = blockdev_mounted(st->st_rdev);
	if (flags & MAPPING_INSIST) {
		m->note = mounted ?
		    "block device is mounted: writing it can corrupt its file system" :
		    "block device is in use: writing it can corrupt what uses it";
		return open(path, oflags);
	}
	m->session = SESSION_RO;
	m->note = mounted ?
	    "block device is mounted: opened read-only (-W or -C writes anyway)" :
	    "block device is in use: opened read-only (-W or -C writes anyway)";
	errno = EBUSY;
	return -1;
}

int
mapping_open(struct mapping *m, const char *path, enum session want,
    struct error *err)
{
	return mapping_open_flags(m, path, want, 0, err);
}

int
mapping_open_flags(struct mapping *m, const char *path, enum session want,
    int flags, struct error *err)
{
	struct stat st;
	bool special;
	int nonblock, fl;

	memset(m, 0, sizeof(*m));
	m->fd = -1;
	m->path = xstrdup(path);
	dirty_init(&m->dirty);

	if (strcmp(path, "-") == 0) {
		m->in_memory = true;
		m->session = want == SESSION_RO ? SESSION_RO : SESSION_COW;
		m->note = m->session == SESSION_RO ? NULL :
		    "standard input: edits stay in memory, nothing to flush to";
		return 0;
	}

	/* FIFOs and devices open read-only: O_RDWR on a FIFO would never see EOF. */
	if (stat(path, &st) < 0)
		return sys_error(m, err, NULL);
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		return sys_error(m, err, NULL);
	}
	special = !S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode);
	/*
	 * A device may block in open (or, like /dev/ptmx, in every read):
	 * O_NONBLOCK, cleared again below for what is mapped.  A FIFO waits
	 * for its writer: without one it would read as empty at once.
	 */
	nonblock = S_ISFIFO(st.st_mode) ? 0 : O_NONBLOCK;

	m->session = want;
	if (want != SESSION_RO && !special) {
		if (S_ISBLK(st.st_mode))
			m->fd = open_blockdev(m, path, O_RDWR | O_CLOEXEC |
			    O_NOCTTY | nonblock, flags, &st);
		else
			m->fd = open(path, O_RDWR | O_CLOEXEC | O_NOCTTY |
			    nonblock);
		if (m->fd >= 0)
			m->fd_writable = true;
		else if (m->session == SESSION_RO) {
			/* A busy block device: its note says why. */
		} else if (errno == EACCES || errno == EROFS || errno == EPERM ||
		    errno == ETXTBSY) {
			m->session = SESSION_RO;
			m->note = errno == EROFS ?
			    "read-only file system: opened read-only" :
			    "file is not writable: opened read-only";
		} else
			return sys_error(m, err, NULL);
	}
	if (m->fd < 0) {
		m->fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | nonblock);
		if (m->fd < 0)
			return sys_error(m, err, NULL);
	}
	if (fstat(m->fd, &st) < 0)
		return sys_error(m, err, NULL);
	note_times(m, &st);
	if ((S_ISREG(st.st_mode) || S_ISBLK(st.st_mode)) && nonblock != 0 &&
	    ((fl = fcntl(m->fd, F_GETFL)) < 0 ||
	    fcntl(m->fd, F_SETFL, fl & ~O_NONBLOCK) < 0))
		return sys_error(m, err, NULL);
	if (classify(m, &st, err) < 0)
		return -1;
	if (m->in_memory && m->session != SESSION_RO) {
		m->session = SESSION_RO;
		m->note = "not a regular file: read into memory, read-only";
	} else if (m->in_memory)
		m->note = "not a regular file: read into memory";
	return 0;
}

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
				return sys_error(m, err, "read");
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
			return sys_error(m, err, "read");
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
		return sys_error(m, err, "fstat");
	stream = !S_ISREG(st.st_mode);
	if (skip_to(fd, abs_offset, m->fd < 0 && S_ISREG(st.st_mode) &&
	    st.st_size > 0, &st, &m->read_at) < 0)
		return sys_error(m, err, "read");
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

/* mmap the window [m->origin, m->origin + m->size) for session s. */
static int
map_window(struct mapping *m, enum session s, struct error *err)
{
	long page = sysconf(_SC_PAGESIZE);
	uint64_t aligned = m->origin & ~((uint64_t)page - 1);
	size_t delta = (size_t)(m->origin - aligned);
	int prot = PROT_READ, flags = MAP_SHARED;
	void *p;

	/*
	 * A private writable mapping is charged in full against the commit
	 * limit unless MAP_NORESERVE says otherwise: without it a 100 GiB
	 * file fails with ENOMEM, though only the pages edited are ever copied.
	 */
	if (s == SESSION_COW) {
		prot |= PROT_WRITE;
		flags = MAP_PRIVATE | MAP_NORESERVE;
	}
	p = mmap(NULL, delta + m->size, prot, flags, m->fd, (off_t)aligned);
	if (p == MAP_FAILED)
		return sys_error(m, err, "mmap");
	/* Browsing jumps around: readahead would only waste I/O. */
	(void)madvise(p, delta + m->size, MADV_RANDOM);
	if (m->base != NULL && munmap(m->base, m->base_len) < 0) {
		int saved = errno;

		(void)munmap(p, delta + m->size);
		errno = saved;
		return sys_error(m, err, "munmap");
	}
	m->base = p;
	m->base_len = delta + m->size;
	m->data = m->base + delta;
	/* Once the guard is installed, a truncation reads zeros (guard.h). */
	guard_watch(m->base, m->base_len, m->fd, aligned);
	return 0;
}

int
mapping_map(struct mapping *m, uint64_t abs_offset, uint64_t length,
    struct error *err)
{
	uint64_t rest, asked = length;

	if (m->in_memory) {
		if (mapping_load(m, abs_offset, length, err) < 0)
			return -1;
		if (abs_offset < m->read_at) {
			error_set(err, -1, "%s: offset %llu was skipped when "
			    "it was read", m->path,
			    (unsigned long long)abs_offset);
			return -1;
		}
	}
	if (abs_offset > m->file_size) {
		error_set(err, -1, "%s: offset %llu is past the end of the file "
		    "(%llu bytes)", m->path, (unsigned long long)abs_offset,
		    (unsigned long long)m->file_size);
		return -1;
	}
	rest = m->file_size - abs_offset;
	if (length > rest)
		length = rest;
	if (length > SIZE_MAX - 65536) {
		errno = EFBIG;
		return sys_error(m, err, "mmap");
	}
	m->origin = abs_offset;
	m->size = (size_t)length;
	m->want_len = asked;
	if (m->in_memory) {
		m->data = m->base + (abs_offset - m->read_at);
		return 0;
	}
	if (m->size == 0) {
		m->data = empty_window;
		return 0;
	}
	return map_window(m, m->session, err);
}

void
mapping_close(struct mapping *m)
{
	if (m->base != NULL) {
		if (m->in_memory)
			free(m->base);
		else {
			guard_unwatch();
			(void)munmap(m->base, m->base_len);
		}
	}
	if (m->fd >= 0)
		(void)close(m->fd);
	free(m->path);
	dirty_free(&m->dirty);
	memset(m, 0, sizeof(*m));
	m->fd = -1;
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
			return sys_error(m, err, "read");
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
		return sys_error(m, err, "fstat");
	*size = current_size(m, &st);
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
		(void)sys_error(m, err, "fdatasync");
		goto out;
	}
	if (m->session == SESSION_COW) {
		for (i = 0; i < nw; i++)
			dirty_remove(&m->dirty, w[i].start, w[i].len);
	} else if (fstat(m->fd, &st) == 0 &&
	    (size = current_size(m, &st)) < m->origin + m->size) {
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
	if (m->size != 0 && map_window(m, s, err) < 0)
		return -1;
	m->session = s;
	return 0;
}

void
mapping_advise_sequential(struct mapping *m, bool sequential)
{
	if (m->in_memory || m->base == NULL)
		return;
	/* Only a hint: a failure changes speed, never results. */
	(void)madvise(m->base, m->base_len,
	    sequential ? MADV_SEQUENTIAL : MADV_RANDOM);
}

/* Drop the page-table entries of the pages wholly inside [lo, hi). */
static void
unmap_inside(const unsigned char *lo, const unsigned char *hi)
{
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t a = ((uintptr_t)lo + page - 1) & ~(page - 1);
	uintptr_t b = (uintptr_t)hi & ~(page - 1);

	/* Only a hint to the kernel: a failure costs memory, never bytes. */
	if (lo < hi && a < b)
		(void)madvise((void *)a, b - a, MADV_DONTNEED);
}

/*
 * Walk the kept ranges in order (the window [keep_lo, keep_hi) and, in a
 * copy-on-write session, every dirty range) and drop the gaps between them.
 */
void
mapping_trim(struct mapping *m, size_t keep_lo, size_t keep_hi)
{
	const struct dirty *d = &m->dirty;
	const unsigned char *gap = m->base, *end = m->base + m->base_len;
	const unsigned char *ks, *ke;
	bool screen = false, cow = m->session == SESSION_COW;
	size_t i = 0;

	if (m->in_memory || m->base == NULL || m->size == 0)
		return;
	for (;;) {
		if (!screen && (!cow || i >= d->n || keep_lo <= d->r[i].start)) {
			ks = m->data + keep_lo;
			ke = m->data + keep_hi;
			screen = true;
		} else if (cow && i < d->n) {
			ks = m->data + d->r[i].start;
			ke = m->data + d->r[i].end;
			i++;
		} else
			break;
		unmap_inside(gap, ks);
		if (ke > gap)
			gap = ke;
	}
	unmap_inside(gap, end);
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
		return sys_error(m, err, "fstat");
	m->fd = fd;
	if (m->size != 0) {
		m->base = NULL;
		if (map_window(m, m->session, err) < 0) {
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
	note_times(m, &st);
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
		return sys_error(m, err, NULL);
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
			(void)sys_error(m, err, "write");
			(void)close(fd);
			return -1;
		}
	}
	if (fdatasync(fd) < 0) {
		(void)sys_error(m, err, "fdatasync");
		(void)close(fd);
		return -1;
	}
	if (switch_file(m, fd, m->path, err) < 0) {
		(void)close(fd);
		return -1;
	}
	return 0;
}

/* Copy [0, len) of fd `from` to fd `to` (copy_file_range, else read/write). */
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
			break;
		/* No copy_file_range here: plain reads and writes. */
		n = pread(from, buf, sizeof(buf), (off_t)at);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -1 : 0;
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
	int fd;

	if ((fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666)) < 0)
		goto fail;
	m->path = (char *)path;		/* the messages name the new file */
	if (copy_all(m->fd, fd, m->file_size) < 0)
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
	(void)sys_error(m, err, "write");
	(void)close(fd);
	(void)unlink(path);
	m->path = saved;
	return -1;
fail:
	error_set(err, -1, "%s: %s", path, strerror(errno));
	return -1;
}

/*
 * The window after the file became new_file bytes long: from the origin
 * to the new end, never longer than the length asked for.
 */
static size_t
window_size(const struct mapping *m, uint64_t new_file)
{
	uint64_t n = new_file > m->origin ? new_file - m->origin : 0;

	return (size_t)(n < m->want_len ? n : m->want_len);
}

/* Does the path still name the file we hold (st, from fstat)? */
static enum gone
gone_state(const struct mapping *m, const struct stat *st)
{
	struct stat now;

	/* Renamed over: another file has the name (ours lost its last link). */
	if (stat(m->path, &now) == 0 &&
	    (now.st_dev != st->st_dev || now.st_ino != st->st_ino))
		return GONE_REPLACED;
	if (st->st_nlink == 0)
		return GONE_DELETED;
	return GONE_NO;
}

/*
 * Unflushed edits this small are checked against the pages at every
 * refresh (a memcmp of at most this much): file times tick coarsely, and
 * a rewrite within one tick of our last look would go unseen.
 */
#define RESTORE_ALWAYS	((uint64_t)1 << 20)

/*
 * Copy-on-write: store the unflushed bytes again where the pages no longer
 * hold them (the kernel dropped our private copies when the file was cut,
 * or this is a new mapping).  Returns the bytes stored.
 */
static uint64_t
restore_edits(struct mapping *m)
{
	uint64_t n = 0;

	for (size_t i = 0; i < m->dirty.n; i++) {
		const struct range *r = &m->dirty.r[i];
		size_t len;

		if (r->start >= m->size)
			break;
		len = (size_t)((r->end < m->size ? r->end : m->size) - r->start);
		if (memcmp(m->data + r->start, r->bytes, len) != 0) {
			memcpy(m->data + r->start, r->bytes, len);
			n += len;
		}
	}
	return n;
}

int
mapping_refresh(struct mapping *m, struct error *err)
{
	bool tripped = guard_take(), touched;
	struct refreshed *rep = &m->refreshed;
	struct stat st;
	uint64_t new_file, keep;
	size_t new_size, old_size;
	int r = 1;

	memset(rep, 0, sizeof(*rep));
	if (m->in_memory || m->fd < 0)
		return 0;
	if (fstat(m->fd, &st) < 0)
		return sys_error(m, err, "fstat");
	if (!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode))
		return tripped ? 1 : 0;
	m->gone = gone_state(m, &st);
	new_file = current_size(m, &st);
	new_size = window_size(m, new_file);
	touched = new_file != m->file_size ||
	    !same_time(&st.st_mtim, &m->seen_mtime) ||
	    !same_time(&st.st_ctim, &m->seen_ctime);
	note_times(m, &st);
	m->file_size = new_file;
	if (new_size == m->size && !touched) {
		/*
		 * A page that faulted while nothing changed could not be read
		 * (an I/O error, a full tmpfs that cannot fill a hole): it
		 * reads zeros now, and a remap would only fault again.
		 */
		rep->unreadable = tripped;
		if (m->session == SESSION_COW && m->dirty.bytes <= RESTORE_ALWAYS)
			rep->restored = restore_edits(m);
		return tripped || rep->restored > 0 ? 1 : 0;
	}
	if (!tripped && new_size == m->size) {
		/* Rewritten in place, maybe cut and refilled: same mapping. */
		if (m->session == SESSION_COW)
			rep->restored = restore_edits(m);
		return rep->restored > 0 ? 1 : 0;
	}
	if (new_size > SIZE_MAX - 65536) {
		errno = EFBIG;
		return sys_error(m, err, "mmap");
	}

	old_size = m->size;
	m->size = new_size;
	if (m->size == 0) {
		guard_unwatch();
		if (m->base != NULL)
			(void)munmap(m->base, m->base_len);
		m->base = NULL;
		m->base_len = 0;
		m->data = empty_window;
	} else if (map_window(m, m->session, err) < 0) {
		/* The old mapping stays: never claim more than it holds. */
		if (m->size > old_size)
			m->size = old_size;
		r = -1;
	}
	keep = new_file > m->origin ? new_file - m->origin : 0;
	if (m->session == SESSION_COW) {
		rep->past_end = dirty_bytes_in(&m->dirty, m->size, UINT64_MAX);
		if (r == 1)
			rep->restored = restore_edits(m);
	} else if (m->session == SESSION_WT) {
		/* Written to the file, and cut off with it by another process. */
		rep->cut = dirty_bytes_in(&m->dirty, keep, UINT64_MAX);
		dirty_remove(&m->dirty, keep, UINT64_MAX - keep);
	}
	return r;
}
