/*
 * fault.c - an LD_PRELOAD shim that makes chosen system calls fail, so the
 * tests can show what mmhex does when the disk is full or failing.
 *
 * The fault is a spec "CALL:ERRNO[:SKIP]":
 *
 *	CALL	pwrite, fsync, fdatasync or msync (pwrite covers pwrite64)
 *	ERRNO	ENOSPC, EIO, EFBIG, EDQUOT or EROFS
 *	SKIP	how many matching calls succeed first (default 0)
 *
 * taken from MMHEX_FAULT_FILE when it is set (the file is read at every
 * call, so a test can turn the fault on and off while the process runs:
 * fail a flush, then let the retry succeed; a missing or empty file means
 * no fault), else from MMHEX_FAULT.  Several specs may be given separated
 * by commas.  Every call the shim fails is counted on stderr only when
 * MMHEX_FAULT_VERBOSE is set: the UI owns the terminal.
 *
 * Calls that are not failed go to the real function (dlsym RTLD_NEXT),
 * so under AddressSanitizer its interceptors still run.
 */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <sys/types.h>

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum call {
	CALL_PWRITE,
	CALL_FSYNC,
	CALL_FDATASYNC,
	CALL_MSYNC,
	CALL_N
};

static const char *const call_names[CALL_N] = {
	"pwrite", "fsync", "fdatasync", "msync",
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
};

/* Matching calls seen so far, per call: what SKIP counts against. */
static unsigned long seen[CALL_N];

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
 * Should this call of c fail?  Returns the errno to fail with, or 0 to
 * let it through.  Counts the call either way.
 */
static int
fault_check(enum call c)
{
	char buf[512], *spec, *save = NULL;
	unsigned long n = seen[c]++;

	if (!fault_spec(buf, sizeof(buf)))
		return 0;
	for (spec = strtok_r(buf, ", \n", &save); spec != NULL;
	    spec = strtok_r(NULL, ", \n", &save)) {
		char *e = strchr(spec, ':'), *k;
		unsigned long skip = 0;
		size_t i;

		if (e == NULL)
			continue;
		*e++ = '\0';
		if (strcmp(spec, call_names[c]) != 0)
			continue;
		if ((k = strchr(e, ':')) != NULL) {
			*k++ = '\0';
			skip = strtoul(k, NULL, 10);
		}
		if (n < skip)
			continue;
		for (i = 0; i < sizeof(errnos) / sizeof(errnos[0]); i++) {
			if (strcmp(e, errnos[i].name) == 0) {
				if (getenv("MMHEX_FAULT_VERBOSE") != NULL)
					fprintf(stderr, "fault: %s fails with %s\n",
					    call_names[c], e);
				return errnos[i].value;
			}
		}
	}
	return 0;
}

/* fault_check() as the wrappers use it: true, with errno set, to fail. */
static bool
fails(enum call c)
{
	int e = fault_check(c);

	if (e != 0)
		errno = e;
	return e != 0;
}

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

ssize_t
pwrite(int fd, const void *buf, size_t len, off_t off)
{
	static ssize_t (*f)(int, const void *, size_t, off_t);

	if (fails(CALL_PWRITE))
		return -1;
	if (f == NULL)
		f = real("pwrite");
	return f(fd, buf, len, off);
}

ssize_t
pwrite64(int fd, const void *buf, size_t len, off_t off)
{
	static ssize_t (*f)(int, const void *, size_t, off_t);

	if (fails(CALL_PWRITE))
		return -1;
	if (f == NULL)
		f = real("pwrite64");
	return f(fd, buf, len, off);
}

int
fsync(int fd)
{
	static int (*f)(int);

	if (fails(CALL_FSYNC))
		return -1;
	if (f == NULL)
		f = real("fsync");
	return f(fd);
}

int
fdatasync(int fd)
{
	static int (*f)(int);

	if (fails(CALL_FDATASYNC))
		return -1;
	if (f == NULL)
		f = real("fdatasync");
	return f(fd);
}

int
msync(void *addr, size_t len, int flags)
{
	static int (*f)(void *, size_t, int);

	if (fails(CALL_MSYNC))
		return -1;
	if (f == NULL)
		f = real("msync");
	return f(addr, len, flags);
}
