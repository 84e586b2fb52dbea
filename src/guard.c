/*
 * guard.c - the SIGBUS handler that keeps a truncated mapping readable
 * (see guard.h).  The approach of systemd's journal tools: the handler
 * replaces the faulting page by an anonymous zero page and returns.
 */
#include "config.h"

#include <sys/mman.h>

#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "guard.h"

static volatile uintptr_t watch_lo, watch_hi;	/* [lo, hi), 0 when none */
static volatile sig_atomic_t tripped;
static struct sigaction previous;
static bool installed;

static void
guard_on_sigbus(int sig, siginfo_t *si, void *uc)
{
	uintptr_t a = (uintptr_t)si->si_addr;
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);

	if (a >= watch_lo && a < watch_hi && mmap((void *)(a & ~(page - 1)),
	    page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS |
	    MAP_FIXED, -1, 0) != MAP_FAILED) {
		tripped = 1;
		return;		/* the access is retried and reads zeros */
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
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = guard_on_sigbus;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGBUS, &sa, &previous) == 0)
		installed = true;
}

void
guard_watch(void *base, size_t len)
{
	watch_lo = (uintptr_t)base;
	watch_hi = (uintptr_t)base + len;
}

void
guard_unwatch(void)
{
	watch_lo = 0;
	watch_hi = 0;
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
