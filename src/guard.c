/*
 * guard.c - the SIGBUS handler that keeps a truncated mapping readable
 * (see guard.h).  The approach of systemd's journal tools: the handler
 * replaces the faulting page by an anonymous zero page and returns.
 */
#include "config.h"

#include <sys/mman.h>
#include <sys/stat.h>

#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "guard.h"

/* The windows watched: one a file (two are compared), by descriptor. */
#define GUARD_WINDOWS	2
static struct window {
	volatile uintptr_t lo, hi;	/* [lo, hi), hi 0 when none */
	volatile int	 fd;		/* the file mapped at lo */
	volatile uint64_t off;		/* its offset at lo */
} watched[GUARD_WINDOWS] = { { 0, 0, -1, 0 }, { 0, 0, -1, 0 } };
static volatile sig_atomic_t tripped;
static uintptr_t page;	/* sysconf is not async-signal-safe: read at install */
static struct sigaction previous;
static bool installed;

/*
 * Zeros over the page at a, and when the file now ends before it, over
 * every page from the first one wholly past the new end to the end of
 * the window: each of those would fault in turn, one signal a page (a
 * 100 GiB window cut near its start would take millions), and a scan
 * going backwards would meet them from the top.  Those pages hold nothing
 * any more, not even private copies: a truncation drops them too.  A page
 * that faults inside the file (an I/O error, a hole tmpfs cannot fill) is
 * replaced alone.  fstat and mmap are what is called here: the first is
 * async-signal-safe, the second a system call.
 */
static bool
guard_zero(const struct window *w, uintptr_t a)
{
	uintptr_t lo = a & ~(page - 1), hi = lo + page, cut;
	struct stat st;
	uint64_t end;

	if (fstat(w->fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size >= 0) {
		end = (uint64_t)st.st_size;
		/* The first byte past the last page that still holds data. */
		end = end > w->off ? end - w->off : 0;
		if (end < w->hi - w->lo) {
			cut = w->lo + (uintptr_t)((end + page - 1) &
			    ~(uint64_t)(page - 1));
			if (cut <= lo && mmap((void *)cut, w->hi - cut,
			    PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS |
			    MAP_NORESERVE | MAP_FIXED, -1, 0) != MAP_FAILED)
				return true;
		}
	}
	if (hi > w->hi)
		hi = w->hi;
	return mmap((void *)lo, hi - lo, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != MAP_FAILED;
}

static void
guard_on_sigbus(int sig, siginfo_t *si, void *uc)
{
	uintptr_t a;
	int k;

	/*
	 * si_addr means something only for a fault the kernel raised
	 * (si_code > 0); kill(2) and sigqueue(3) leave it zero or chosen
	 * by the sender.
	 */
	if (si->si_code > 0) {
		a = (uintptr_t)si->si_addr;
		for (k = 0; k < GUARD_WINDOWS; k++)
			if (a >= watched[k].lo && a < watched[k].hi &&
			    guard_zero(&watched[k], a)) {
				tripped = 1;
				return;	/* retried, it reads zeros */
			}
	}
	/* Not ours: what would have happened without us. */
	if ((previous.sa_flags & SA_SIGINFO) && previous.sa_sigaction != NULL) {
		previous.sa_sigaction(sig, si, uc);
		return;
	}
	if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN &&
	    previous.sa_handler != NULL) {
		previous.sa_handler(sig);
		return;
	}
	/* The retried access dies of it; a signal sent by kill(2) is raised. */
	signal(sig, SIG_DFL);
	if (si->si_code <= 0)
		raise(sig);
}

void
guard_install(void)
{
	struct sigaction sa;

	if (installed)
		return;
	page = (uintptr_t)sysconf(_SC_PAGESIZE);
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = guard_on_sigbus;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGBUS, &sa, &previous) == 0)
		installed = true;
}

/* The window of fd, else a free one, else the first. */
static struct window *
window_of(int fd)
{
	int k;

	for (k = 0; k < GUARD_WINDOWS; k++)
		if (watched[k].hi != 0 && watched[k].fd == fd)
			return &watched[k];
	for (k = 0; k < GUARD_WINDOWS; k++)
		if (watched[k].hi == 0)
			return &watched[k];
	return &watched[0];
}

void
guard_watch(void *base, size_t len, int fd, uint64_t offset)
{
	struct window *w = window_of(fd);

	/* Empty first: a fault meanwhile must not see half of the new window. */
	w->hi = 0;
	w->lo = (uintptr_t)base;
	w->fd = fd;
	w->off = offset;
	w->hi = (uintptr_t)base + len;
}

void
guard_unwatch(int fd)
{
	int k;

	for (k = 0; k < GUARD_WINDOWS; k++)
		if (watched[k].fd == fd) {
			watched[k].hi = 0;
			watched[k].lo = 0;
			watched[k].fd = -1;
		}
}

bool
guard_tripped(void)
{
	return tripped != 0;
}

bool
guard_take(void)
{
	bool t = tripped != 0;

	tripped = 0;
	return t;
}
