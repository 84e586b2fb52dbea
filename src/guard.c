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

static volatile uintptr_t watch_lo, watch_hi;	/* [lo, hi), 0 when none */
static volatile int watch_fd = -1;		/* the file mapped at watch_lo */
static volatile uint64_t watch_off;		/* its offset at watch_lo */
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
guard_zero(uintptr_t a)
{
	uintptr_t lo = a & ~(page - 1), hi = lo + page, cut;
	struct stat st;
	uint64_t end;

	if (fstat(watch_fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size >= 0) {
		end = (uint64_t)st.st_size;
		/* The first byte past the last page that still holds data. */
		end = end > watch_off ? end - watch_off : 0;
		if (end < watch_hi - watch_lo) {
			cut = watch_lo + (uintptr_t)((end + page - 1) &
			    ~(uint64_t)(page - 1));
			if (cut <= lo && mmap((void *)cut, watch_hi - cut,
			    PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS |
			    MAP_NORESERVE | MAP_FIXED, -1, 0) != MAP_FAILED)
				return true;
		}
	}
	if (hi > watch_hi)
		hi = watch_hi;
	return mmap((void *)lo, hi - lo, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != MAP_FAILED;
}

static void
guard_on_sigbus(int sig, siginfo_t *si, void *uc)
{
	uintptr_t a;

	/*
	 * si_addr means something only for a fault the kernel raised
	 * (si_code > 0); kill(2) and sigqueue(3) leave it zero or chosen
	 * by the sender.
	 */
	if (si->si_code > 0) {
		a = (uintptr_t)si->si_addr;
		if (a >= watch_lo && a < watch_hi && guard_zero(a)) {
			tripped = 1;
			return;	/* the access is retried and reads zeros */
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

void
guard_watch(void *base, size_t len, int fd, uint64_t offset)
{
	/* Empty first: a fault meanwhile must not see half of the new window. */
	watch_hi = 0;
	watch_lo = (uintptr_t)base;
	watch_fd = fd;
	watch_off = offset;
	watch_hi = (uintptr_t)base + len;
}

void
guard_unwatch(void)
{
	watch_lo = 0;
	watch_hi = 0;
	watch_fd = -1;
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
