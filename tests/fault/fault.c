/*
 * fault.c - an LD_PRELOAD shim that makes the calls through which bytes
 * reach a file fail, write short, or end the process, so the tests can
 * show what mmhex does when the disk is full or failing, and that a crash
 * at any point of a write leaves the file as promised.
 *
 * A fault is a spec "CALL:ACTION[:SKIP]":
 *
 *	CALL	a write-like call:
 *		  write  pwrite (pwrite64)  writev  pwritev (pwritev64,
 *		  pwritev2, pwritev64v2)  copy_file_range  ftruncate
 *		  (ftruncate64)  truncate (truncate64)  fallocate
 *		  (fallocate64)  posix_fallocate (posix_fallocate64)  fsync
 *		  fdatasync  sync_file_range  msync  rename  renameat
 *		  (renameat2)
 *		or "any": every one of them, counted together
 *	ACTION	ERRNO	fail with it, without doing anything: ENOSPC, EIO,
 *			EFBIG, EDQUOT, EROFS, EINTR, EAGAIN, EPERM, EACCES,
 *			EXDEV, ENOMEM; every matching call from the SKIP+1st
 *			on fails
 *		KILL	the SKIP+1st matching call ends the process with
 *			SIGKILL before it does anything (a crash at that
 *			point: what the page cache holds survives)
 *		SHORT	the SKIP+1st matching call writes only the first half
 *			of its bytes (at least 1) and returns that count; the
 *			calls after it are not touched
 *		ZERO	the SKIP+1st matching call writes nothing and returns
 *			0, as a write that made no progress; the calls after
 *			it are not touched
 *		Only write, pwrite, writev, pwritev and copy_file_range
 *		write bytes: on the others SHORT and ZERO let the call
 *		through
 *	SKIP	how many matching calls go through first (default 0), so
 *		"pwrite:KILL:2" dies at the third pwrite; counted from the
 *		first call that sees the spec as it is now (a control file
 *		written with a new spec starts the count again: the calls
 *		made before, such as the journal's while keys are typed,
 *		are not counted)
 *
 * The spec is taken from MMHEX_FAULT_FILE when it is set (the file is
 * read at every call, so a test can turn the fault on and off while the
 * process runs: fail a flush, then let the retry succeed; a missing or
 * empty file means no fault), else from MMHEX_FAULT.  Several specs may
 * be given separated by commas or white space; the first that applies
 * wins.  A spec that does not parse ends the process with status 99 and
 * one line on stderr: a typo must not pass as "no fault".
 *
 * MMHEX_FAULT_COUNT=FILE appends one line per write-like call, its CALL
 * name, to FILE as the call is made (before any fault: a killed call is
 * listed last).  A test runs once with it to learn the N calls a command
 * makes, then "any:KILL:i" for every i in 0..N-1 crashes it at each.
 *
 * Only calls on files count: on a terminal, pipe, socket or character
 * device (the UI drawing, stdout to a pipe) write and its kin go straight
 * through, uncounted; so do calls on files under MMHEX_FAULT_SKIP_DIR
 * when it is set (the session's journal, for a test about the file's own
 * calls).  msync, rename, renameat and truncate always count.
 * Every call the shim changes is told on stderr only when
 * MMHEX_FAULT_VERBOSE is set: the UI owns the terminal.
 *
 * Calls that are let through go to the real function (dlsym RTLD_NEXT),
 * so under AddressSanitizer its interceptors still run.
 *
 * mmhex itself makes write (the dump), pwrite, copy_file_range, ftruncate
 * and fdatasync.  The other calls are hooked all the same, and tested in
 * faults.sh: the crash at every write-like call ("any:KILL:i") must not
 * miss a way to the disk that mmhex or its C library starts to take.
 */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum call {
	CALL_WRITE,
	CALL_PWRITE,
	CALL_WRITEV,
	CALL_PWRITEV,
	CALL_COPY_FILE_RANGE,
	CALL_FTRUNCATE,
	CALL_TRUNCATE,
	CALL_FALLOCATE,
	CALL_POSIX_FALLOCATE,
	CALL_FSYNC,
	CALL_FDATASYNC,
	CALL_SYNC_FILE_RANGE,
	CALL_MSYNC,
	CALL_RENAME,
	CALL_RENAMEAT,
	CALL_N
};

static const char *const call_names[CALL_N] = {
	"write", "pwrite", "writev", "pwritev", "copy_file_range",
	"ftruncate", "truncate", "fallocate", "posix_fallocate", "fsync",
	"fdatasync", "sync_file_range", "msync", "rename", "renameat",
};

static const struct {
	const char	*name;
	int		 value;
} errnos[] = {
	{ "ENOSPC", ENOSPC },
	{ "EIO", EIO },
	{ "EFBIG", EFBIG },
	{ "EDQUOT", EDQUOT },
	{ "EROFS", EROFS },
	{ "EINTR", EINTR },
	{ "EAGAIN", EAGAIN },
	{ "EPERM", EPERM },
	{ "EACCES", EACCES },
	{ "EXDEV", EXDEV },
	{ "ENOMEM", ENOMEM },
};

/* What the shim does to one call. */
enum action {
	ACT_PASS,		/* let it through */
	ACT_FAIL,		/* fail with the errno */
	ACT_SHORT,		/* write half of the bytes */
	ACT_ZERO,		/* write nothing, return 0 */
};

struct verdict {
	enum action	 act;
	int		 err;		/* ACT_FAIL: the errno */
};

/*
 * Calls seen so far, per call and all together: what SKIP counts
 * against.  Atomic: the shim must not assume the process has one thread.
 */
static unsigned long seen[CALL_N];
static unsigned long seen_any;
/* The spec the counts are of: they start again when it changes. */
static char last_spec[512];

static void *
real(const char *name)
{
	void *f = dlsym(RTLD_NEXT, name);

	if (f == NULL) {
		fprintf(stderr, "fault: no real %s\n", name);
		abort();
	}
	return f;
}

/* The real write(2), for the shim's own lines: never counted. */
static ssize_t
real_write(int fd, const void *buf, size_t len)
{
	static ssize_t (*f)(int, const void *, size_t);

	if (f == NULL)
		f = real("write");
	return f(fd, buf, len);
}

/* One line on stderr, without stdio (the shim may run inside it). */
static void
say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
say(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(line))
		n = sizeof(line) - 1;
	(void)real_write(STDERR_FILENO, line, (size_t)n);
}

/* A spec the shim cannot read: stop the run, loudly (see the header). */
static void
bad_spec(const char *spec, const char *why)
{
	say("fault: bad spec '%s': %s\n", spec, why);
	_exit(99);
}

/* Is fd open on a file under MMHEX_FAULT_SKIP_DIR (when it is set)? */
static bool
skipped(int fd)
{
	const char *dir = getenv("MMHEX_FAULT_SKIP_DIR");
	char link[64], path[4096];
	ssize_t n;

	if (dir == NULL || *dir == '\0')
		return false;
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	if ((n = readlink(link, path, sizeof(path) - 1)) < 0)
		return false;
	path[n] = '\0';
	return strncmp(path, dir, strlen(dir)) == 0;
}

/* Does fd lead to a file (or block device, or directory), not a terminal? */
static bool
on_file(int fd)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return false;
	return !S_ISCHR(st.st_mode) && !S_ISFIFO(st.st_mode) &&
	    !S_ISSOCK(st.st_mode) && !skipped(fd);
}

/* MMHEX_FAULT_COUNT: one line naming the call, appended in one write. */
static void
count_call(enum call c)
{
	const char *file = getenv("MMHEX_FAULT_COUNT");
	char line[32];
	int fd, n;

	if (file == NULL || *file == '\0')
		return;
	if ((fd = open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
	    0644)) < 0)
		return;
	n = snprintf(line, sizeof(line), "%s\n", call_names[c]);
	(void)real_write(fd, line, (size_t)n);
	close(fd);
}

/* The current spec text: from the control file, else the environment. */
static int
fault_spec(char *buf, size_t len)
{
	const char *file = getenv("MMHEX_FAULT_FILE");
	const char *env;

	if (file != NULL) {
		int fd = open(file, O_RDONLY | O_CLOEXEC);
		ssize_t n;

		if (fd < 0)
			return 0;
		n = read(fd, buf, len - 1);
		close(fd);
		if (n <= 0)
			return 0;
		buf[n] = '\0';
		return 1;
	}
	env = getenv("MMHEX_FAULT");
	if (env == NULL || *env == '\0')
		return 0;
	snprintf(buf, len, "%s", env);
	return 1;
}

/*
 * One spec "CALL:ACTION[:SKIP]" against call c, seen as the n-th of its
 * kind and the any-th of all.  Ends the process for KILL; else the
 * verdict.  spec is cut up in place.
 */
static struct verdict
fault_one(char *spec, enum call c, unsigned long n, unsigned long any)
{
	struct verdict pass = { ACT_PASS, 0 }, v = { ACT_FAIL, 0 };
	char whole[128], *action, *k, *end;
	unsigned long skip = 0, at;
	bool kill = false, known;
	size_t i;

	snprintf(whole, sizeof(whole), "%s", spec);
	if ((action = strchr(spec, ':')) == NULL)
		bad_spec(whole, "expected CALL:ACTION[:SKIP]");
	*action++ = '\0';
	if ((k = strchr(action, ':')) != NULL) {
		*k++ = '\0';
		errno = 0;
		skip = strtoul(k, &end, 10);
		if (*k < '0' || *k > '9' || *end != '\0' || errno != 0)
			bad_spec(whole, "SKIP is not a count");
	}
	known = strcmp(spec, "any") == 0;
	for (i = 0; i < CALL_N && !known; i++)
		known = strcmp(spec, call_names[i]) == 0;
	if (!known)
		bad_spec(whole, "no such call");
	if (strcmp(action, "KILL") == 0)
		kill = true;
	else if (strcmp(action, "SHORT") == 0)
		v.act = ACT_SHORT;
	else if (strcmp(action, "ZERO") == 0)
		v.act = ACT_ZERO;
	else {
		for (i = 0; i < sizeof(errnos) / sizeof(errnos[0]); i++)
			if (strcmp(action, errnos[i].name) == 0)
				v.err = errnos[i].value;
		if (v.err == 0)
			bad_spec(whole, "no such action");
	}

	if (strcmp(spec, "any") == 0)
		at = any;
	else if (strcmp(spec, call_names[c]) == 0)
		at = n;
	else
		return pass;
	/* Errors stay from the SKIP+1st call on; a short write is one call. */
	if (at < skip || (v.act != ACT_FAIL && at != skip))
		return pass;
	if (kill) {
		if (getenv("MMHEX_FAULT_VERBOSE") != NULL)
			say("fault: %s killed\n", call_names[c]);
		raise(SIGKILL);
		abort();
	}
	if (getenv("MMHEX_FAULT_VERBOSE") != NULL)
		say("fault: %s %s\n", call_names[c],
		    v.act == ACT_SHORT ? "writes short" :
		    v.act == ACT_ZERO ? "writes nothing" : "fails");
	return v;
}

/*
 * What to do with this call of c: counts it (MMHEX_FAULT_COUNT and the
 * SKIP counters) and applies the first spec that says anything.
 */
static struct verdict
fault_check(enum call c)
{
	char buf[512], *spec, *save = NULL;
	unsigned long n, any;
	struct verdict v = { ACT_PASS, 0 };

	count_call(c);
	if (!fault_spec(buf, sizeof(buf)))
		buf[0] = '\0';
	/* A new spec counts its SKIP from the call it is first seen at. */
	if (strcmp(buf, last_spec) != 0) {
		snprintf(last_spec, sizeof(last_spec), "%s", buf);
		memset(seen, 0, sizeof(seen));
		seen_any = 0;
	}
	n = __atomic_fetch_add(&seen[c], 1, __ATOMIC_RELAXED);
	any = __atomic_fetch_add(&seen_any, 1, __ATOMIC_RELAXED);
	if (buf[0] == '\0')
		return v;
	for (spec = strtok_r(buf, ", \t\n", &save); spec != NULL;
	    spec = strtok_r(NULL, ", \t\n", &save)) {
		v = fault_one(spec, c, n, any);
		if (v.act != ACT_PASS)
			break;
	}
	return v;
}

/* For the calls on a descriptor: only files count (see the header). */
static struct verdict
fault_check_fd(enum call c, int fd)
{
	if (!on_file(fd))
		return (struct verdict){ ACT_PASS, 0 };
	return fault_check(c);
}

/* The verdict for a call that writes no bytes: fail or let through. */
static bool
fails(struct verdict v)
{
	if (v.act == ACT_FAIL) {
		errno = v.err;
		return true;
	}
	return false;
}

/*
 * The verdict for a call that writes bytes: true when the shim answers it
 * instead of the real call, with *r the return (-1 with errno, or 0).
 */
static bool
answered(struct verdict v, ssize_t *r)
{
	if (v.act == ACT_ZERO) {
		*r = 0;
		return true;
	}
	*r = -1;
	return fails(v);
}

/* SHORT: half of len bytes, at least one. */
static size_t
half(size_t len)
{
	return len / 2 > 0 ? len / 2 : len;
}

/*
 * SHORT for the vector calls: a copy of iov cut after half the bytes, in
 * *cut (owned by the caller, free it); *cutcnt entries.  -1 leaves the
 * call alone (no memory, or nothing to write).
 */
static int
half_iov(const struct iovec *iov, int cnt, struct iovec **cut, int *cutcnt)
{
	size_t total = 0, want;
	int i;

	for (i = 0; i < cnt; i++)
		total += iov[i].iov_len;
	if (total == 0 || (*cut = malloc((size_t)cnt * sizeof(**cut))) == NULL)
		return -1;
	want = half(total);
	for (i = 0; i < cnt && want > 0; i++) {
		(*cut)[i] = iov[i];
		if ((*cut)[i].iov_len > want)
			(*cut)[i].iov_len = want;
		want -= (*cut)[i].iov_len;
	}
	*cutcnt = i;
	return 0;
}

ssize_t
write(int fd, const void *buf, size_t len)
{
	struct verdict v = fault_check_fd(CALL_WRITE, fd);
	ssize_t r;

	if (answered(v, &r))
		return r;
	if (v.act == ACT_SHORT)
		len = half(len);
	return real_write(fd, buf, len);
}

ssize_t
pwrite(int fd, const void *buf, size_t len, off_t off)
{
	static ssize_t (*f)(int, const void *, size_t, off_t);
	struct verdict v = fault_check_fd(CALL_PWRITE, fd);
	ssize_t r;

	if (answered(v, &r))
		return r;
	if (v.act == ACT_SHORT)
		len = half(len);
	if (f == NULL)
		f = real("pwrite");
	return f(fd, buf, len, off);
}

ssize_t
pwrite64(int fd, const void *buf, size_t len, off64_t off)
{
	static ssize_t (*f)(int, const void *, size_t, off64_t);
	struct verdict v = fault_check_fd(CALL_PWRITE, fd);
	ssize_t r;

	if (answered(v, &r))
		return r;
	if (v.act == ACT_SHORT)
		len = half(len);
	if (f == NULL)
		f = real("pwrite64");
	return f(fd, buf, len, off);
}

ssize_t
writev(int fd, const struct iovec *iov, int cnt)
{
	static ssize_t (*f)(int, const struct iovec *, int);
	struct verdict v = fault_check_fd(CALL_WRITEV, fd);
	struct iovec *cut;
	ssize_t r;
	int n;

	if (answered(v, &r))
		return r;
	if (f == NULL)
		f = real("writev");
	if (v.act != ACT_SHORT || half_iov(iov, cnt, &cut, &n) == -1)
		return f(fd, iov, cnt);
	r = f(fd, cut, n);
	free(cut);
	return r;
}

/* pwritev and its three siblings: one body, the real one named. */
static ssize_t
pwritev_any(const char *name, int fd, const struct iovec *iov, int cnt,
    off64_t off, int flags, bool v2)
{
	ssize_t (*f)(int, const struct iovec *, int, off64_t);
	ssize_t (*f2)(int, const struct iovec *, int, off64_t, int);
	struct verdict v = fault_check_fd(CALL_PWRITEV, fd);
	struct iovec *cut = NULL;
	ssize_t r;
	int n = cnt;

	if (answered(v, &r))
		return r;
	if (v.act == ACT_SHORT && half_iov(iov, cnt, &cut, &n) == 0)
		iov = cut;
	if (v2) {
		f2 = real(name);
		r = f2(fd, iov, n, off, flags);
	} else {
		f = real(name);
		r = f(fd, iov, n, off);
	}
	free(cut);
	return r;
}

ssize_t
pwritev(int fd, const struct iovec *iov, int cnt, off_t off)
{
	return pwritev_any("pwritev", fd, iov, cnt, off, 0, false);
}

ssize_t
pwritev64(int fd, const struct iovec *iov, int cnt, off64_t off)
{
	return pwritev_any("pwritev64", fd, iov, cnt, off, 0, false);
}

ssize_t
pwritev2(int fd, const struct iovec *iov, int cnt, off_t off, int flags)
{
	return pwritev_any("pwritev2", fd, iov, cnt, off, flags, true);
}

ssize_t
pwritev64v2(int fd, const struct iovec *iov, int cnt, off64_t off, int flags)
{
	return pwritev_any("pwritev64v2", fd, iov, cnt, off, flags, true);
}

ssize_t
copy_file_range(int in, off64_t *inoff, int out, off64_t *outoff,
    size_t len, unsigned int flags)
{
	static ssize_t (*f)(int, off64_t *, int, off64_t *, size_t,
	    unsigned int);
	struct verdict v = fault_check_fd(CALL_COPY_FILE_RANGE, out);
	ssize_t r;

	if (answered(v, &r))
		return r;
	if (v.act == ACT_SHORT)
		len = half(len);
	if (f == NULL)
		f = real("copy_file_range");
	return f(in, inoff, out, outoff, len, flags);
}

int
ftruncate(int fd, off_t len)
{
	static int (*f)(int, off_t);

	if (fails(fault_check_fd(CALL_FTRUNCATE, fd)))
		return -1;
	if (f == NULL)
		f = real("ftruncate");
	return f(fd, len);
}

int
ftruncate64(int fd, off64_t len)
{
	static int (*f)(int, off64_t);

	if (fails(fault_check_fd(CALL_FTRUNCATE, fd)))
		return -1;
	if (f == NULL)
		f = real("ftruncate64");
	return f(fd, len);
}

int
truncate(const char *path, off_t len)
{
	static int (*f)(const char *, off_t);

	if (fails(fault_check(CALL_TRUNCATE)))
		return -1;
	if (f == NULL)
		f = real("truncate");
	return f(path, len);
}

int
truncate64(const char *path, off64_t len)
{
	static int (*f)(const char *, off64_t);

	if (fails(fault_check(CALL_TRUNCATE)))
		return -1;
	if (f == NULL)
		f = real("truncate64");
	return f(path, len);
}

int
fallocate(int fd, int mode, off_t off, off_t len)
{
	static int (*f)(int, int, off_t, off_t);

	if (fails(fault_check_fd(CALL_FALLOCATE, fd)))
		return -1;
	if (f == NULL)
		f = real("fallocate");
	return f(fd, mode, off, len);
}

int
fallocate64(int fd, int mode, off64_t off, off64_t len)
{
	static int (*f)(int, int, off64_t, off64_t);

	if (fails(fault_check_fd(CALL_FALLOCATE, fd)))
		return -1;
	if (f == NULL)
		f = real("fallocate64");
	return f(fd, mode, off, len);
}

/* posix_fallocate returns its error instead of setting errno. */
int
posix_fallocate(int fd, off_t off, off_t len)
{
	static int (*f)(int, off_t, off_t);
	struct verdict v = fault_check_fd(CALL_POSIX_FALLOCATE, fd);

	if (v.act == ACT_FAIL)
		return v.err;
	if (f == NULL)
		f = real("posix_fallocate");
	return f(fd, off, len);
}

int
posix_fallocate64(int fd, off64_t off, off64_t len)
{
	static int (*f)(int, off64_t, off64_t);
	struct verdict v = fault_check_fd(CALL_POSIX_FALLOCATE, fd);

	if (v.act == ACT_FAIL)
		return v.err;
	if (f == NULL)
		f = real("posix_fallocate64");
	return f(fd, off, len);
}

int
fsync(int fd)
{
	static int (*f)(int);

	if (fails(fault_check_fd(CALL_FSYNC, fd)))
		return -1;
	if (f == NULL)
		f = real("fsync");
	return f(fd);
}

int
fdatasync(int fd)
{
	static int (*f)(int);

	if (fails(fault_check_fd(CALL_FDATASYNC, fd)))
		return -1;
	if (f == NULL)
		f = real("fdatasync");
	return f(fd);
}

int
sync_file_range(int fd, off64_t off, off64_t len, unsigned int flags)
{
	static int (*f)(int, off64_t, off64_t, unsigned int);

	if (fails(fault_check_fd(CALL_SYNC_FILE_RANGE, fd)))
		return -1;
	if (f == NULL)
		f = real("sync_file_range");
	return f(fd, off, len, flags);
}

int
msync(void *addr, size_t len, int flags)
{
	static int (*f)(void *, size_t, int);

	if (fails(fault_check(CALL_MSYNC)))
		return -1;
	if (f == NULL)
		f = real("msync");
	return f(addr, len, flags);
}

int
rename(const char *from, const char *to)
{
	static int (*f)(const char *, const char *);

	if (fails(fault_check(CALL_RENAME)))
		return -1;
	if (f == NULL)
		f = real("rename");
	return f(from, to);
}

int
renameat(int fromdir, const char *from, int todir, const char *to)
{
	static int (*f)(int, const char *, int, const char *);

	if (fails(fault_check(CALL_RENAMEAT)))
		return -1;
	if (f == NULL)
		f = real("renameat");
	return f(fromdir, from, todir, to);
}

int
renameat2(int fromdir, const char *from, int todir, const char *to,
    unsigned int flags)
{
	static int (*f)(int, const char *, int, const char *, unsigned int);

	if (fails(fault_check(CALL_RENAMEAT)))
		return -1;
	if (f == NULL)
		f = real("renameat2");
	return f(fromdir, from, todir, to, flags);
}
