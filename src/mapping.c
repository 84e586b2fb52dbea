/*
 * mapping.c - open a file as a read-only, copy-on-write or write-through
 * session, map a window of it, hand pages back (trim), and follow the
 * file when another process changes it (refresh).  How edits reach the
 * file is mapping-write.c; inputs read into memory, mapping-load.c.
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

/* A window of no bytes still has a valid data pointer. */
unsigned char mapping_empty[1];

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

int
mapping_syserr(struct mapping *m, struct error *err, const char *what)
{
	if (what != NULL)
		error_set(err, -1, "%s: %s: %s", m->path, what, strerror(errno));
	else
		error_set(err, -1, "%s: %s", m->path, strerror(errno));
	return -1;
}

/* The size of the file or block device fd names now (st from fstat). */
uint64_t
mapping_size_now(const struct mapping *m, const struct stat *st)
{
	uint64_t bytes;

	if (S_ISBLK(st->st_mode))
		return ioctl(m->fd, BLKGETSIZE64, &bytes) == 0 ? bytes :
		    m->file_size;
	return (uint64_t)st->st_size;
}

static bool
same_time(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec == b->tv_sec && a->tv_nsec == b->tv_nsec;
}

/* Note the file's times, to tell later whether another writer came by. */
void
mapping_note_times(struct mapping *m, const struct stat *st)
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
		return mapping_syserr(m, err, NULL);
	}
	if (S_ISBLK(st->st_mode)) {
		uint64_t bytes;

		if (ioctl(m->fd, BLKGETSIZE64, &bytes) < 0)
			return mapping_syserr(m, err, "block device size");
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
		return mapping_syserr(m, err, NULL);
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		return mapping_syserr(m, err, NULL);
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
			return mapping_syserr(m, err, NULL);
	}
	if (m->fd < 0) {
		m->fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | nonblock);
		if (m->fd < 0)
			return mapping_syserr(m, err, NULL);
	}
	if (fstat(m->fd, &st) < 0)
		return mapping_syserr(m, err, NULL);
	mapping_note_times(m, &st);
	if ((S_ISREG(st.st_mode) || S_ISBLK(st.st_mode)) && nonblock != 0 &&
	    ((fl = fcntl(m->fd, F_GETFL)) < 0 ||
	    fcntl(m->fd, F_SETFL, fl & ~O_NONBLOCK) < 0))
		return mapping_syserr(m, err, NULL);
	if (classify(m, &st, err) < 0)
		return -1;
	if (m->in_memory && m->session != SESSION_RO) {
		m->session = SESSION_RO;
		m->note = "not a regular file: read into memory, read-only";
	} else if (m->in_memory)
		m->note = "not a regular file: read into memory";
	return 0;
}

/* mmap the window [m->origin, m->origin + m->size) for session s. */
int
mapping_remap(struct mapping *m, enum session s, struct error *err)
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
		return mapping_syserr(m, err, "mmap");
	/* Browsing jumps around: readahead would only waste I/O. */
	(void)madvise(p, delta + m->size, MADV_RANDOM);
	if (m->base != NULL && munmap(m->base, m->base_len) < 0) {
		int saved = errno;

		(void)munmap(p, delta + m->size);
		errno = saved;
		return mapping_syserr(m, err, "munmap");
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
		return mapping_syserr(m, err, "mmap");
	}
	m->origin = abs_offset;
	m->size = (size_t)length;
	m->want_len = asked;
	if (m->in_memory) {
		m->data = m->base + (abs_offset - m->read_at);
		return 0;
	}
	if (m->size == 0) {
		m->data = mapping_empty;
		return 0;
	}
	return mapping_remap(m, m->session, err);
}

void
mapping_close(struct mapping *m)
{
	if (m->base != NULL) {
		if (m->in_memory)
			free(m->base);
		else {
			guard_unwatch(m->fd);
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
	/* Never a pointer past the window: unmapping there is not ours. */
	if (keep_hi > m->size)
		keep_hi = m->size;
	if (keep_lo > keep_hi)
		keep_lo = keep_hi;
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

/* Private copies of flushed pages go; see mapping-int.h. */
void
mapping_drop_copies(struct mapping *m, size_t off, size_t len)
{
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t data = (uintptr_t)m->data, run = 0, lo, hi, end, p;
	uint64_t ws, we;

	if (m->session != SESSION_COW || m->in_memory || m->base == NULL ||
	    len == 0 || off >= m->size)
		return;
	lo = (data + off) & ~(page - 1);
	hi = (data + off + len + page - 1) & ~(page - 1);
	end = ((uintptr_t)m->base + m->base_len + page - 1) & ~(page - 1);
	if (hi > end)
		hi = end;
	/* Nothing left unflushed (the usual case): one call for it all. */
	if (m->dirty.n == 0) {
		(void)madvise((void *)lo, hi - lo, MADV_DONTNEED);
		return;
	}
	/* A page still holding an unflushed byte keeps its copy. */
	for (p = lo; p < hi; p += page) {
		ws = p > data ? p - data : 0;
		we = p + page - data < m->size ? p + page - data : m->size;
		if (dirty_bytes_in(&m->dirty, ws, we) == 0) {
			if (run == 0)
				run = p;
			continue;
		}
		/* A failure leaves the copy shown, which holds no edit. */
		if (run != 0)
			(void)madvise((void *)run, p - run, MADV_DONTNEED);
		run = 0;
	}
	if (run != 0)
		(void)madvise((void *)run, hi - run, MADV_DONTNEED);
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

/* The window is empty now: nothing mapped, nothing watched. */
static void
unmap_window(struct mapping *m)
{
	guard_unwatch(m->fd);
	if (m->base != NULL)
		(void)munmap(m->base, m->base_len);
	m->base = NULL;
	m->base_len = 0;
	m->data = mapping_empty;
}

int
mapping_reload(struct mapping *m, uint64_t want_len, struct error *err)
{
	size_t old = m->size;
	struct stat st;

	if (fstat(m->fd, &st) < 0)
		return mapping_syserr(m, err, "fstat");
	m->gone = gone_state(m, &st);
	m->file_size = mapping_size_now(m, &st);
	mapping_note_times(m, &st);
	m->want_len = want_len;
	m->size = window_size(m, m->file_size);
	if (m->size > SIZE_MAX - 65536) {
		errno = EFBIG;
		return mapping_syserr(m, err, "mmap");
	}
	if (m->size > 0) {
		if (mapping_remap(m, m->session, err) == 0)
			return 0;
		/* The old mapping stays: never claim more than it holds. */
		if (m->size > old)
			m->size = old;
		return -1;
	}
	unmap_window(m);
	return 0;
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
		return mapping_syserr(m, err, "fstat");
	if (!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode))
		return tripped ? 1 : 0;
	m->gone = gone_state(m, &st);
	new_file = mapping_size_now(m, &st);
	new_size = window_size(m, new_file);
	touched = new_file != m->file_size ||
	    !same_time(&st.st_mtim, &m->seen_mtime) ||
	    !same_time(&st.st_ctim, &m->seen_ctime);
	mapping_note_times(m, &st);
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
		return mapping_syserr(m, err, "mmap");
	}

	old_size = m->size;
	m->size = new_size;
	if (m->size == 0) {
		unmap_window(m);
	} else if (mapping_remap(m, m->session, err) < 0) {
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

/*
 * Where the hole of m's file at window offset at ends (lseek SEEK_DATA),
 * or where its data ends (SEEK_HOLE, *data set): window offsets, at most
 * n.  A file that cannot say (in memory, no such lseek) is all data.
 */
size_t
mapping_segment_end(const struct mapping *m, size_t at, size_t n, bool *data)
{
	off_t d, h;

	*data = true;
	if (m->in_memory)
		return n;
	d = lseek(m->fd, (off_t)(m->origin + at), SEEK_DATA);
	if (d < 0 && errno == ENXIO)
		d = (off_t)(m->origin + n);	/* a hole to the end */
	else if (d < 0)
		return n;
	if ((uint64_t)d > m->origin + at) {
		*data = false;
		return (uint64_t)d - m->origin < n ? (size_t)((uint64_t)d -
		    m->origin) : n;
	}
	h = lseek(m->fd, (off_t)(m->origin + at), SEEK_HOLE);
	if (h < 0 || (uint64_t)h - m->origin >= n)
		return n;
	return (size_t)((uint64_t)h - m->origin);
}

/* Where both files' holes end; see mapping.h. */
size_t
mapping_holes_end(const struct mapping *a, const struct mapping *b,
    size_t at, size_t n, size_t *upto)
{
	bool da, db;
	size_t ea = mapping_segment_end(a, at, n, &da);
	size_t eb = mapping_segment_end(b, at, n, &db);

	if (!da && !db)
		return ea < eb ? ea : eb;
	/* Data in one: compare until both may be in holes again. */
	*upto = ea > eb ? ea : eb;
	return at;
}
