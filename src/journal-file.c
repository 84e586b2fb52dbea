/*
 * journal-file.c - the session's journal on disk: records framed with a
 * length and a CRC-32, appended with one writev(2) each.
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>

#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "journal-file.h"

/* What a journal starts with: a file of another version is not read. */
static const char jfile_magic[16] = "mmhex journal 1\n";

/* A varint takes at most this many bytes (7 bits each). */
#define VARINT_MAX	10

/* A record's fixed fields, encoded: at most this many bytes. */
#define FIELDS_MAX	(16 * VARINT_MAX)
/* The most a header record takes: its fields, a path, length and CRC. */
#define JFILE_HEADER_MAX	(1 + VARINT_MAX + FIELDS_MAX + PATH_MAX + 4)

struct enc {
	unsigned char	 b[FIELDS_MAX];
	size_t		 n;
};

static void
put(struct enc *e, uint64_t v)
{
	while (v >= 0x80) {
		e->b[e->n++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	e->b[e->n++] = (unsigned char)v;
}

static void
put_ident(struct enc *e, const struct jfile_ident *id)
{
	put(e, id->dev);
	put(e, id->ino);
	put(e, id->size);
	put(e, (uint64_t)id->mtime_sec);
	put(e, (uint64_t)id->mtime_nsec);
}

/* A cursor over one record's payload. */
struct dec {
	const unsigned char *p;
	const unsigned char *end;
	bool		 bad;
};

static uint64_t
get(struct dec *d)
{
	uint64_t v = 0;
	int shift;

	for (shift = 0; shift < 64; shift += 7) {
		if (d->p >= d->end) {
			d->bad = true;
			return 0;
		}
		v |= (uint64_t)(*d->p & 0x7f) << shift;
		if ((*d->p++ & 0x80) == 0)
			return v;
	}
	d->bad = true;
	return 0;
}

static void
get_ident(struct dec *d, struct jfile_ident *id)
{
	id->dev = get(d);
	id->ino = get(d);
	id->size = get(d);
	id->mtime_sec = (int64_t)get(d);
	id->mtime_nsec = (int64_t)get(d);
}

/* A JOURNAL_OVERWRITE carries old and new bytes; see journal.h. */
#define OP_OVERWRITE	0

/* The fixed fields of rec, and the bytes that follow them (*tail, *ntail). */
static void
encode(const struct jrec *rec, struct enc *e, const void **tail,
    size_t *ntail)
{
	e->n = 0;
	*tail = NULL;
	*ntail = 0;
	switch (rec->type) {
	case JREC_HEADER:
		put_ident(e, &rec->id);
		put(e, (uint64_t)rec->session);
		put(e, rec->origin);
		put(e, rec->want_len);
		put(e, rec->pid);
		put(e, (uint64_t)rec->started);
		*tail = rec->path;
		*ntail = strlen(rec->path) + 1;
		break;
	case JREC_RECORD:
		put(e, (uint64_t)rec->op);
		put(e, rec->off);
		put(e, rec->len);
		*tail = rec->bytes;
		*ntail = (size_t)rec->len * (rec->op == OP_OVERWRITE ? 2 : 1);
		break;
	case JREC_TRIM:
		put(e, rec->len);
		break;
	case JREC_SESSION:
		put(e, (uint64_t)rec->session);
		put_ident(e, &rec->id);
		break;
	case JREC_FLUSH_DONE:
		put_ident(e, &rec->id);
		break;
	case JREC_FLUSH_BEGIN:
		put(e, (uint64_t)rec->op);
		break;
	default:
		break;
	}
}

/* Fill rec from one record's payload; false when it does not parse. */
static bool
decode(enum jrec_type type, const unsigned char *p, size_t len,
    struct jrec *rec)
{
	struct dec d = { p, p + len, false };
	size_t need;

	memset(rec, 0, sizeof(*rec));
	rec->type = type;
	switch (type) {
	case JREC_HEADER:
		get_ident(&d, &rec->id);
		rec->session = (int)get(&d);
		rec->origin = get(&d);
		rec->want_len = get(&d);
		rec->pid = get(&d);
		rec->started = (int64_t)get(&d);
		/* The path runs to the end, NUL included. */
		if (d.bad || d.p >= d.end || d.end[-1] != '\0')
			return false;
		rec->path = (const char *)d.p;
		return true;
	case JREC_RECORD:
		rec->op = (int)get(&d);
		rec->off = get(&d);
		rec->len = get(&d);
		if (d.bad || rec->op < 0 || rec->op > 2 || rec->len == 0)
			return false;
		need = rec->op == OP_OVERWRITE ? 2 : 1;
		if (rec->len > (uint64_t)(d.end - d.p) / need ||
		    rec->len * need != (uint64_t)(d.end - d.p))
			return false;
		rec->bytes = d.p;
		return true;
	case JREC_TRIM:
		rec->len = get(&d);
		break;
	case JREC_SESSION:
		rec->session = (int)get(&d);
		get_ident(&d, &rec->id);
		break;
	case JREC_FLUSH_DONE:
		get_ident(&d, &rec->id);
		break;
	case JREC_FLUSH_BEGIN:
		rec->op = (int)get(&d);
		break;
	case JREC_UNRECORD:
	case JREC_TAKE_BACK:
	case JREC_CLOSE:
	case JREC_UNDO:
	case JREC_REDO:
		break;
	default:
		return false;
	}
	return !d.bad && d.p == d.end;
}

static int
syserr(struct error *err, const char *path, const char *what)
{
	error_set(err, -1, "%s: %s: %s", path, what, strerror(errno));
	return -1;
}

/* mkdir -p, 0700 for what it makes. */
static int
make_dirs(char *path, struct error *err)
{
	char *s;

	for (s = path + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		{
			char c = *s;

			*s = '\0';
			if (mkdir(path, 0700) < 0 && errno != EEXIST) {
				syserr(err, path, "mkdir");
				*s = c;
				return -1;
			}
			*s = c;
		}
		if (*s == '\0')
			return 0;
	}
}

int
jfile_dir(char *buf, size_t len, bool create, struct error *err)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home;
	int n;

	if (xdg != NULL && xdg[0] == '/')
		n = snprintf(buf, len, "%s/mmhex", xdg);
	else if ((home = getenv("HOME")) != NULL && home[0] == '/')
		n = snprintf(buf, len, "%s/.local/state/mmhex", home);
	else {
		error_set(err, -1, "no state directory for the journal: "
		    "neither XDG_STATE_HOME nor HOME is an absolute path");
		return -1;
	}
	if (n < 0 || (size_t)n >= len) {
		error_set(err, -1, "the state directory's path is too long");
		return -1;
	}
	return create ? make_dirs(buf, err) : 0;
}

int
jfile_path(char *buf, size_t len, dev_t dev, ino_t ino, struct error *err)
{
	char dir[PATH_MAX];
	int n;

	if (jfile_dir(dir, sizeof(dir), false, err) < 0)
		return -1;
	n = snprintf(buf, len, "%s/%" PRIx64 "-%" PRIx64 ".journal", dir,
	    (uint64_t)dev, (uint64_t)ino);
	if (n < 0 || (size_t)n >= len) {
		error_set(err, -1, "the journal's path is too long");
		return -1;
	}
	return 0;
}

int
jfile_live(const char *path, long *pid, struct error *err)
{
	struct flock fl;
	int fd, r = 0;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return errno == ENOENT ? 0 : syserr(err, path, "open");
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	if (fcntl(fd, F_GETLK, &fl) < 0)
		r = syserr(err, path, "fcntl F_GETLK");
	else if (fl.l_type != F_UNLCK) {
		*pid = (long)fl.l_pid;
		r = 1;
	}
	(void)close(fd);
	return r;
}

void
jfile_log_free(struct jfile_log *log)
{
	free(log->buf);
	free(log->r);
	memset(log, 0, sizeof(*log));
}

/* Parse the records of log->buf after the magic, up to the first bad one. */
static void
parse(struct jfile_log *log)
{
	size_t at = sizeof(jfile_magic), cap = 0;

	log->good = at;
	while (at < log->len) {
		struct dec d = { log->buf + at + 1, log->buf + log->len, false };
		uint64_t plen;
		const unsigned char *payload;
		uint32_t crc, want;
		struct jrec rec;
		enum jrec_type type = log->buf[at];

		plen = get(&d);
		if (d.bad || plen > (uint64_t)(d.end - d.p) ||
		    (uint64_t)(d.end - d.p) - plen < 4)
			break;
		payload = d.p;
		memcpy(&want, payload + plen, 4);
		crc = crc32_update(0, log->buf + at, (size_t)(payload + plen -
		    (log->buf + at)));
		if (crc != le32toh(want) || (log->n == 0) !=
		    (type == JREC_HEADER) ||
		    !decode(type, payload, (size_t)plen, &rec))
			break;
		if (log->n == cap) {
			cap = cap != 0 ? cap * 2 : 64;
			log->r = xrealloc(log->r, cap * sizeof(*log->r));
		}
		log->r[log->n++] = rec;
		at = (size_t)(payload + plen + 4 - log->buf);
		log->good = at;
	}
}

int
jfile_load(const char *path, struct jfile_log *log, struct error *err)
{
	struct stat st;
	ssize_t got;
	size_t done = 0;
	int fd;

	memset(log, 0, sizeof(*log));
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return errno == ENOENT ? 1 : syserr(err, path, "open");
	if (fstat(fd, &st) < 0) {
		syserr(err, path, "fstat");
		goto fail;
	}
	if ((uint64_t)st.st_size > SIZE_MAX - 1) {
		error_set(err, -1, "%s: too large to read", path);
		goto fail;
	}
	log->len = (size_t)st.st_size;
	log->buf = xmalloc(log->len + 1);
	while (done < log->len) {
		got = read(fd, log->buf + done, log->len - done);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			syserr(err, path, "read");
			goto fail;
		}
		if (got == 0)
			break;
		done += (size_t)got;
	}
	log->len = done;
	(void)close(fd);
	/*
	 * Shorter than its magic and its header, and a beginning of them: a
	 * session that died while it began the journal.  Nothing is in it.
	 */
	if (log->len < sizeof(jfile_magic) &&
	    memcmp(log->buf, jfile_magic, log->len) == 0) {
		jfile_log_free(log);
		return 1;
	}
	if (log->len < sizeof(jfile_magic) ||
	    memcmp(log->buf, jfile_magic, sizeof(jfile_magic)) != 0) {
		error_set(err, -1, "%s: not an mmhex journal of this version",
		    path);
		jfile_log_free(log);
		return -1;
	}
	parse(log);
	if (log->n == 0 && log->len - sizeof(jfile_magic) <= JFILE_HEADER_MAX) {
		jfile_log_free(log);
		return 1;		/* its header torn as it was written */
	}
	if (log->n == 0) {
		error_set(err, -1, "%s: the journal's header is damaged", path);
		jfile_log_free(log);
		return -1;
	}
	return 0;
fail:
	(void)close(fd);
	jfile_log_free(log);
	return -1;
}

/* Write all of iov (a full disk: -1, errno ENOSPC for a short write). */
static int
write_all(int fd, struct iovec *iov, int n)
{
	while (n > 0) {
		ssize_t w = writev(fd, iov, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		if (w == 0) {
			errno = ENOSPC;
			return -1;
		}
		while (n > 0 && (size_t)w >= iov->iov_len) {
			w -= (ssize_t)iov->iov_len;
			iov++;
			n--;
		}
		if (n > 0) {
			iov->iov_base = (char *)iov->iov_base + w;
			iov->iov_len -= (size_t)w;
		}
	}
	return 0;
}

static int
fail(struct jfile *jf, const char *what)
{
	jf->failed = true;
	syserr(&jf->err, jf->path, what);
	return -1;
}

/* Room for n more pending bytes. */
static void
pend_room(struct jfile *jf, size_t n)
{
	if (jf->cap - jf->npend >= n)
		return;
	while (jf->cap - jf->npend < n)
		jf->cap = jf->cap > 0 ? 2 * jf->cap : 4096;
	jf->pend = xrealloc(jf->pend, jf->cap);
}

int
jfile_append(struct jfile *jf, const struct jrec *rec)
{
	unsigned char head[1 + VARINT_MAX];
	struct enc e, len;
	const void *tail;
	size_t ntail, n;
	uint32_t crc;
	unsigned char *q;

	if (jf->fd < 0 || jf->failed)
		return -1;
	encode(rec, &e, &tail, &ntail);
	len.n = 0;
	put(&len, e.n + ntail);
	head[0] = (unsigned char)rec->type;
	memcpy(head + 1, len.b, len.n);
	n = 1 + len.n + e.n + ntail + 4;
	pend_room(jf, n);
	q = jf->pend + jf->npend;
	memcpy(q, head, 1 + len.n);
	memcpy(q + 1 + len.n, e.b, e.n);
	if (ntail > 0)
		memcpy(q + 1 + len.n + e.n, tail, ntail);
	crc = htole32(crc32_update(0, q, n - 4));
	memcpy(q + n - 4, &crc, 4);
	jf->npend += n;
	jf->len += n;
	if (!jf->unsynced) {
		jf->unsynced = true;
		clock_gettime(CLOCK_MONOTONIC, &jf->since);
	}
	return jf->npend >= JFILE_PENDING ? jfile_write(jf) : 0;
}

int
jfile_write(struct jfile *jf)
{
	struct iovec iov;

	if (jf->fd < 0 || jf->failed)
		return -1;
	if (jf->npend == 0)
		return 0;
	iov = (struct iovec){ jf->pend, jf->npend };
	jf->npend = 0;
	if (write_all(jf->fd, &iov, 1) < 0)
		return fail(jf, "write");
	return 0;
}

int
jfile_sync(struct jfile *jf)
{
	if (jfile_write(jf) < 0)
		return -1;
	if (!jf->unsynced)
		return 0;
	if (fdatasync(jf->fd) < 0)
		return fail(jf, "fdatasync");
	jf->unsynced = false;
	return 0;
}

bool
jfile_sync_due(const struct jfile *jf, long ms)
{
	struct timespec now;

	if (jf->fd < 0 || jf->failed || !jf->unsynced)
		return false;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - jf->since.tv_sec) * 1000 +
	    (now.tv_nsec - jf->since.tv_nsec) / 1000000 >= ms;
}

/* Make path's directory entry durable (a new file, a rename, a removal). */
int
jfile_sync_dir(const char *path, struct error *err)
{
	char dir[PATH_MAX], *slash;
	int fd, r = 0;

	snprintf(dir, sizeof(dir), "%s", path);
	if ((slash = strrchr(dir, '/')) == NULL)
		return 0;
	*slash = '\0';
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return syserr(err, dir, "open");
	if (fsync(fd) < 0)
		r = syserr(err, dir, "fsync");
	(void)close(fd);
	return r;
}

int
jfile_begin(struct jfile *jf, const char *path, const struct jrec *hdr,
    uint64_t keep, struct error *err)
{
	char dir[PATH_MAX];
	struct flock fl;
	struct iovec iov;

	memset(jf, 0, sizeof(*jf));
	jf->fd = -1;
	if (jfile_dir(dir, sizeof(dir), true, err) < 0)
		return -1;
	jf->path = xstrdup(path);
	if ((jf->fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0) {
		syserr(err, path, "open");
		goto fail;
	}
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	if (fcntl(jf->fd, F_SETLK, &fl) < 0) {
		if (errno == EACCES || errno == EAGAIN) {
			long pid = 0;

			if (fcntl(jf->fd, F_GETLK, &fl) == 0 &&
			    fl.l_type != F_UNLCK)
				pid = (long)fl.l_pid;
			error_set(err, -1, "%s is held by another mmhex "
			    "(pid %ld)", path, pid);
		} else
			syserr(err, path, "fcntl F_SETLK");
		goto fail;
	}
	if (ftruncate(jf->fd, (off_t)(keep > 0 ? keep : 0)) < 0) {
		syserr(err, path, "ftruncate");
		goto fail;
	}
	if (lseek(jf->fd, 0, SEEK_END) < 0) {
		syserr(err, path, "lseek");
		goto fail;
	}
	jf->len = keep;
	if (keep == 0) {
		iov = (struct iovec){ (void *)(uintptr_t)jfile_magic,
		    sizeof(jfile_magic) };
		if (write_all(jf->fd, &iov, 1) < 0) {
			syserr(err, path, "write");
			goto fail;
		}
		jf->len = sizeof(jfile_magic);
		if (jfile_append(jf, hdr) < 0) {
			*err = jf->err;
			goto fail;
		}
	}
	jf->unsynced = true;
	if (jfile_sync(jf) < 0) {
		*err = jf->err;
		goto fail;
	}
	if (jfile_sync_dir(path, err) < 0)
		goto fail;
	return 0;
fail:
	if (jf->fd >= 0) {
		(void)close(jf->fd);
		if (keep == 0 && jf->len == 0)
			(void)unlink(path);
	}
	free(jf->pend);
	free(jf->path);
	memset(jf, 0, sizeof(*jf));
	jf->fd = -1;
	return -1;
}

void
jfile_close(struct jfile *jf)
{
	if (jf->fd >= 0) {
		(void)jfile_sync(jf);
		(void)close(jf->fd);
	}
	free(jf->pend);
	free(jf->path);
	memset(jf, 0, sizeof(*jf));
	jf->fd = -1;
}

void
jfile_remove(struct jfile *jf)
{
	struct error err;

	if (jf->path != NULL && unlink(jf->path) == 0)
		(void)jfile_sync_dir(jf->path, &err);
	if (jf->fd >= 0)
		(void)close(jf->fd);
	free(jf->pend);
	free(jf->path);
	memset(jf, 0, sizeof(*jf));
	jf->fd = -1;
}

int
jfile_ident(int fd, struct jfile_ident *id)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return -1;
	id->dev = (uint64_t)st.st_dev;
	id->ino = (uint64_t)st.st_ino;
	id->size = (uint64_t)st.st_size;
	id->mtime_sec = (int64_t)st.st_mtim.tv_sec;
	id->mtime_nsec = (int64_t)st.st_mtim.tv_nsec;
	return 0;
}

bool
jfile_ident_same(const struct jfile_ident *a, const struct jfile_ident *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	    a->mtime_sec == b->mtime_sec && a->mtime_nsec == b->mtime_nsec;
}
