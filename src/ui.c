/*
 * ui.c - the terminal side of the viewer.
 *
 * It opens the terminal (the controlling tty even when the data came from
 * standard input), turns ncurses key codes into the core's EK_ codes, hands
 * them to the editor and has render.c draw one frame after each.  Every
 * way out goes through ui_restore(): quitting, errors, running out of
 * memory (util's fatal hook), and every signal whose default action ends
 * the process.  Those sent from outside (SIGTERM, SIGHUP, SIGINT, SIGPIPE,
 * SIGUSR1, ...) only note themselves in ui_caught: the key loop and the
 * search tick see it and leave the normal way, and once the terminal is
 * back ui_run dies of the same signal, so the exit status still says what
 * killed us.  Only a fault of the running instruction (SIGSEGV, SIGFPE,
 * ...) restores the terminal inside its handler: there is no way back.
 *
 * SIGWINCH is left to ncurses, which turns it into KEY_RESIZE: the resize
 * is handled in the key loop, never in a signal handler.
 */
#include "config.h"

#include <sys/mman.h>

#include <poll.h>

#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "editor.h"
#include "guard.h"
#include "keymap.h"
#include "layout.h"
#include "palette.h"
#include "render.h"
#include "textview.h"
#include "ui.h"

/* Last: its capability macros (lines, columns, ...) would clash above. */
#include <term.h>

/* The terminal while it is in curses mode; NULL before and after. */
static SCREEN *volatile ui_screen;
/* /dev/tty when standard input or output is not the terminal. */
static FILE *ui_tty;
/* Where the keys come from. */
static int ui_in_fd = -1;

/*
 * Signals that end the process by default and come from outside it:
 * their handler notes them here and returns.  They are installed without
 * SA_RESTART, so the read() under getch() returns EINTR, ncurses returns
 * ERR, and the key loop sees the note at once.  The real-time signals
 * (SIGRTMIN..SIGRTMAX, not constants) are added to these.
 */
static const int ui_async_signals[] = {
	SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGPIPE, SIGALRM,
	SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ,
#ifdef SIGIO
	SIGIO,
#endif
#ifdef SIGPWR
	SIGPWR,
#endif
#ifdef SIGSTKFLT
	SIGSTKFLT,
#endif
};

/*
 * Faults of the instruction running (and abort()): returning from the
 * handler would run it again, or abort() would kill us itself, so these
 * restore the terminal inside the handler, although endwin() is not
 * async-signal-safe, and re-raise.
 */
static const int ui_fault_signals[] = {
	SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS,
};

/* The terminating signal that came, 0 while none did. */
static volatile sig_atomic_t ui_caught;

/*
 * Leave curses mode: the screen the shell had comes back, the cursor is
 * visible again, the tty modes are restored.  Safe to call twice.
 */
static void
ui_restore(void)
{
	if (ui_screen != NULL) {
		endwin();
		ui_screen = NULL;
	}
}

/* A signal from outside: note it; the loops that can run long poll it. */
static void
ui_on_signal(int sig)
{
	if (ui_caught == 0)
		ui_caught = sig;
}

/*
 * A fault: put the terminal back, then die of the same signal.  The
 * signal is blocked while we run, so the re-raised one arrives as we
 * return; a faulting instruction that is re-executed faults again into
 * the default action either way.
 */
static void
ui_on_fault(int sig)
{
	int saved = errno;

	ui_restore();
	signal(sig, SIG_DFL);
	raise(sig);
	errno = saved;
}

/* Whether the handler for sig is still the one we installed. */
static bool
ui_is_ours(int sig)
{
	struct sigaction old;

	return sigaction(sig, NULL, &old) == 0 &&
	    (old.sa_handler == ui_on_signal || old.sa_handler == ui_on_fault);
}

/* Install handler for sig, if nobody set one (and it is not ignored). */
static void
ui_catch(int sig, void (*handler)(int))
{
	struct sigaction sa, old;

	if (sigaction(sig, NULL, &old) != 0 || old.sa_handler != SIG_DFL)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

/*
 * Install the handlers before newterm(): ncurses only sets its own
 * (which exit instead of re-raising) for signals still at SIG_DFL.
 * A handler someone else installed (the core may catch SIGBUS for a
 * truncated file) is left alone, and so is a signal ignored from the
 * start (nohup).
 */
static void
ui_catch_signals(void)
{
	size_t i;
	int sig;

	for (i = 0; i < ARRAY_LEN(ui_async_signals); i++)
		ui_catch(ui_async_signals[i], ui_on_signal);
	for (sig = SIGRTMIN; sig <= SIGRTMAX; sig++)
		ui_catch(sig, ui_on_signal);
	for (i = 0; i < ARRAY_LEN(ui_fault_signals); i++)
		ui_catch(ui_fault_signals[i], ui_on_fault);
}

static void
ui_release_signals(void)
{
	size_t i;
	int sig;

	for (i = 0; i < ARRAY_LEN(ui_async_signals); i++)
		if (ui_is_ours(ui_async_signals[i]))
			signal(ui_async_signals[i], SIG_DFL);
	for (sig = SIGRTMIN; sig <= SIGRTMAX; sig++)
		if (ui_is_ours(sig))
			signal(sig, SIG_DFL);
	for (i = 0; i < ARRAY_LEN(ui_fault_signals); i++)
		if (ui_is_ours(ui_fault_signals[i]))
			signal(ui_fault_signals[i], SIG_DFL);
}

/*
 * After the terminal is restored and everything freed: a signal that came
 * meanwhile now gets its default action, so whoever waits for us sees
 * what ended us (128 + its number in a shell).
 */
static void
ui_die_of_caught(void)
{
	sigset_t set;
	int sig = ui_caught;

	if (sig == 0)
		return;
	signal(sig, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
}

/* The ncurses codes of Ctrl-Home and Ctrl-End (none: -1). */
static int ui_ctrl_home = -1, ui_ctrl_end = -1;

/*
 * A key that ncurses has no KEY_ constant for: the code of the terminfo
 * entry's extended capability (xterm's kHOM5), or, where the entry lacks
 * it (screen, tmux's default), xterm's sequence defined as the given code.
 */
static int
ui_extended_key(const char *cap, const char *xterm_seq, int code)
{
	char *seq = tigetstr(cap);
	int k;

	if (seq != NULL && seq != (char *)-1 && (k = key_defined(seq)) > 0)
		return k;
	if ((k = key_defined(xterm_seq)) > 0)
		return k;
	return define_key(xterm_seq, code) == OK ? code : -1;
}

/*
 * Open the terminal in curses mode.  Keys come from the terminal even
 * when the data came from a pipe, so a non-tty stdin or stdout is
 * replaced by /dev/tty.  Returns -1 after printing one line.
 */
/* Colours unless asked not to; NO_COLOR only overrides the default. */
static bool
ui_may_color(enum ui_color c)
{
	const char *no = getenv("NO_COLOR");

	switch (c) {
	case UI_COLOR_NEVER:
		return false;
	case UI_COLOR_ALWAYS:
		return true;
	case UI_COLOR_AUTO:
		break;
	}
	return no == NULL || *no == '\0';
}

/*
 * How long the terminal has to answer the background question.  One that
 * knows no OSC 11 still answers the DA1 after it at once, which ends the
 * wait; only one that answers nothing makes mmhex wait this long.
 */
#define UI_ASK_MS	300

/*
 * Ask the terminal on in/out its background colour (OSC 11): its palette
 * background, or -1 when it does not say.  The terminal is put in
 * non-canonical mode without echo meanwhile, so that the answer is read
 * here and not shown or taken for keys.
 */
static int
ui_ask_background(int in, int out)
{
	struct termios old, raw;
	struct timespec start, now;
	struct pollfd pfd;
	char buf[256];
	size_t len = 0;
	ssize_t n;
	int left, r = -1;

	if (tcgetattr(in, &old) < 0)
		return -1;
	raw = old;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	raw.c_cc[VMIN] = 0;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(in, TCSANOW, &raw) < 0)
		return -1;
	if (write(out, PALETTE_QUERY, strlen(PALETTE_QUERY)) ==
	    (ssize_t)strlen(PALETTE_QUERY)) {
		clock_gettime(CLOCK_MONOTONIC, &start);
		while (len < sizeof(buf)) {
			clock_gettime(CLOCK_MONOTONIC, &now);
			left = UI_ASK_MS - (int)((now.tv_sec - start.tv_sec) *
			    1000 + (now.tv_nsec - start.tv_nsec) / 1000000);
			pfd.fd = in;
			pfd.events = POLLIN;
			if (left <= 0 || poll(&pfd, 1, left) <= 0)
				break;
			if ((n = read(in, buf + len, sizeof(buf) - len)) <= 0)
				break;
			len += (size_t)n;
			if (palette_reply_done(buf, len))
				break;
		}
		r = palette_parse_osc11(buf, len);
	}
	(void)tcsetattr(in, TCSANOW, &old);
	return r;
}

/*
 * The palette: the configuration's background (want, -1 for none), else
 * what COLORFGBG says, else the terminal's answer (asked only when
 * colours may be shown), else dark.
 */
static enum palette_background ui_background = PALETTE_DARK;

static void
ui_choose_background(int want, bool ask, int in, int out)
{
	int b = want;

	if (b < 0)
		b = palette_parse_colorfgbg(getenv("COLORFGBG"));
	if (b < 0 && ask)
		b = ui_ask_background(in, out);
	ui_background = b == PALETTE_LIGHT ? PALETTE_LIGHT : PALETTE_DARK;
}

static int
ui_open_terminal(int background, bool ask)
{
	FILE *in = stdin, *out = stdout;
	const char *term;
	char *cup;
	SCREEN *s;
	int err;

	term = getenv("TERM");
	if (term == NULL || *term == '\0') {
		fprintf(stderr, "mmhex: not a terminal: TERM is not set\n");
		return -1;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		if ((ui_tty = fopen("/dev/tty", "r+")) == NULL) {
			fprintf(stderr, "mmhex: not a terminal: /dev/tty: %s\n",
			    strerror(errno));
			return -1;
		}
		if (!isatty(STDIN_FILENO))
			in = ui_tty;
		if (!isatty(STDOUT_FILENO))
			out = ui_tty;
	}
	/*
	 * Look the terminal up first: a newterm() that fails leaves memory
	 * behind that nothing can free, a failed setupterm() does not.
	 */
	if (setupterm(term, fileno(out), &err) != OK) {
		if (err == -1)
			fprintf(stderr, "mmhex: no terminfo database for terminal "
			    "type '%s'\n", term);
		else
			fprintf(stderr, "mmhex: unknown terminal type '%s'\n",
			    term);
		goto fail;
	}
	/*
	 * A terminal that cannot put the cursor anywhere (dumb, a printing
	 * one) would get a status line and nothing else: say so instead.
	 */
	cup = tigetstr("cup");
	if (cup == NULL || cup == (char *)-1 || tigetflag("hc") > 0) {
		fprintf(stderr, "mmhex: terminal type '%s' cannot move the "
		    "cursor, so mmhex cannot draw on it (mmhex --dump prints "
		    "the bytes without a screen)\n", term);
		del_curterm(cur_term);
		goto fail;
	}
	del_curterm(cur_term);
	ui_choose_background(background, ask, fileno(in), fileno(out));
	ui_catch_signals();
	if ((s = newterm(term, out, in)) == NULL) {
		ui_release_signals();
		fprintf(stderr, "mmhex: unknown terminal type '%s'\n", term);
		goto fail;
	}
	ui_screen = s;
	ui_in_fd = fileno(in);
	/* Out of memory: one line on the shell's screen, not on ours. */
	util_set_fatal_hook(ui_restore);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	ui_ctrl_home = ui_extended_key("kHOM5", "\033[1;5H", KEY_MAX + 1);
	ui_ctrl_end = ui_extended_key("kEND5", "\033[1;5F", KEY_MAX + 2);
	set_escdelay(25);
	curs_set(0);
	/* Presses, not clicks: a click waits mouseinterval to tell it apart. */
	mouseinterval(0);
	mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	return 0;
fail:
	if (ui_tty != NULL) {
		fclose(ui_tty);
		ui_tty = NULL;
	}
	return -1;
}

static void
ui_close_terminal(void)
{
	SCREEN *s = ui_screen;
	char *smcup;

	util_set_fatal_hook(NULL);
	/*
	 * Without an alternate screen to leave (vt100, the Linux console)
	 * the frame would stay under the shell's prompt: clear it first.
	 */
	if (s != NULL) {
		smcup = tigetstr("smcup");
		if (smcup == NULL || smcup == (char *)-1) {
			attrset(A_NORMAL);
			clear();
			refresh();
		}
	}
	ui_restore();
	if (s != NULL)
		delscreen(s);
	ui_release_signals();
	if (ui_tty != NULL) {
		fclose(ui_tty);
		ui_tty = NULL;
	}
}

/* Colours unless the terminal has none. */
static bool
ui_want_color(enum ui_color c)
{
	return ui_may_color(c) && has_colors();
}

/*
 * The core's key for an ncurses key, or -1 for keys it has no use for.
 * Enter arrives as '\r' (nonl), '\n' or KEY_ENTER; Backspace as
 * KEY_BACKSPACE, DEL or Ctrl-H, depending on the terminal.
 */
static int
ui_key(int ch)
{
	if (ch == ui_ctrl_home)
		return EK_CTRL_HOME;
	if (ch == ui_ctrl_end)
		return EK_CTRL_END;
	switch (ch) {
	case KEY_UP:
		return EK_UP;
	case KEY_DOWN:
		return EK_DOWN;
	case KEY_LEFT:
		return EK_LEFT;
	case KEY_RIGHT:
		return EK_RIGHT;
	case KEY_PPAGE:
		return EK_PGUP;
	case KEY_NPAGE:
		return EK_PGDN;
	case KEY_HOME:
	case KEY_A1:
		return EK_HOME;
	case KEY_END:
	case KEY_C1:
		return EK_END;
	case KEY_DC:
		return EK_DELETE;
	case KEY_IC:
		return EK_INSERT;
	case KEY_ENTER:
	case '\r':
	case '\n':
		return EK_ENTER;
	case KEY_BACKSPACE:
	case 0x7f:
	case 0x08:
		return EK_BACKSPACE;
	case KEY_RESIZE:
		return EK_RESIZE;
	default:
		break;
	}
	if (ch >= KEY_F(1) && ch <= KEY_F(12))
		return EK_F1 + (ch - KEY_F(1));
	if (ch >= 0 && ch <= 0xff)
		return ch;
	return -1;
}

/*
 * Resident memory: once the view has moved UI_TRIM_STEP away from where it
 * was last trimmed, or a long scan ran, the file pages outside the screen
 * and UI_TRIM_KEEP either side are handed back (mapping_trim).
 */
/* How long the keyboard may be idle before the file's size is checked again. */
#define UI_IDLE_MS	500

/*
 * Idle, the overview sharpens (editor_overview_sharpen) a slice at a
 * time: at most UI_SHARPEN_SLICE_MS of sampling, then UI_SHARPEN_WAIT_MS
 * waiting for a key, so a key is never kept waiting longer than a slice.
 */
#define UI_SHARPEN_SLICE_MS	10
#define UI_SHARPEN_WAIT_MS	1


/*
 * Keys waiting (a paste, keys typed faster than frames are drawn): the
 * frame waits for them, but never longer than this since the last one.
 */
#define UI_FRAME_MS	50

#define UI_TRIM_STEP	((size_t)4 << 20)
#define UI_TRIM_KEEP	((size_t)1 << 20)

/* Trim around what the screen shows now; see UI_TRIM_STEP. */
static void
ui_trim_view(const struct editor *ed)
{
	size_t n = editor_size(ed), span, lo, hi, blo, bhi;

	/* A screenful: rows of bpl bytes, or of up to a row's width in lines. */
	span = (size_t)(ed->rows > 0 ? ed->rows : 1) *
	    (ed->lay.bpl > (size_t)ed->cols ? ed->lay.bpl : (size_t)ed->cols);
	lo = ed->top > UI_TRIM_KEEP ? ed->top - UI_TRIM_KEEP : 0;
	hi = n > ed->top && n - ed->top > span + UI_TRIM_KEEP ?
	    ed->top + span + UI_TRIM_KEEP : n;
	if (ed->cursor < lo)
		lo = ed->cursor;
	if (ed->cursor >= hi)
		hi = ed->cursor + 1;
	/* In an edited file the screen's bytes come from elsewhere in the window. */
	editor_base_range(ed, lo, hi, &blo, &bhi);
	mapping_trim(ed->m, blo, bhi);
}

/*
 * Keys typed while a scan runs are kept here, in order, and replayed once
 * it ends: the rest of a pattern typed ahead then reaches its prompt
 * instead of running as commands (a 'q' in it would quit).  A scan
 * cancelled with Esc or Ctrl-C throws them all away, with a message:
 * never half of them.  More keys than fit cancel the scan the same way.
 */
#define UI_TYPEAHEAD_MAX	1024

struct ui_typed {
	int		 ch;		/* the ncurses key code */
	MEVENT		 ev;		/* KEY_MOUSE: its event, taken at once */
};

/* What the search progress hook needs between ticks. */
struct ui_ticker {
	struct editor	*ed;
	struct timespec	 start;		/* when the key that runs the search came */
	struct timespec	 drawn;		/* when progress was last drawn */
	bool		 resized;	/* a KEY_RESIZE came during the search */
	unsigned long	 ticks;		/* ticks since the key came: a long scan ran */
	bool		 ellipsis;	/* the locale can show U+2026 */
	struct ui_typed	 ahead[UI_TYPEAHEAD_MAX]; /* typed during a scan */
	size_t		 head;		/* next one to replay */
	size_t		 tail;		/* one past the last kept */
	size_t		 discarded;	/* thrown away by the last cancel, not yet said */
};

static double
ui_seconds(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	    (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

/*
 * One slice of sharpening, a few blocks a call until the slice is over;
 * the frame after it draws what changed.  Whether there is more to do.
 */
static bool
ui_sharpen(struct editor *ed)
{
	struct timespec start, now;
	int r;

	clock_gettime(CLOCK_MONOTONIC, &start);
	do {
		if ((r = editor_overview_sharpen(ed, 8)) < 0)
			return false;
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while (ui_seconds(&start, &now) * 1000 < UI_SHARPEN_SLICE_MS);
	return true;
}

/* Keep a key typed during a scan; false when there is no room left. */
static bool
ui_typeahead_push(struct ui_ticker *t, int ch)
{
	struct ui_typed *k;

	if (t->tail == UI_TYPEAHEAD_MAX && t->head > 0) {
		memmove(t->ahead, t->ahead + t->head,
		    (t->tail - t->head) * sizeof(t->ahead[0]));
		t->tail -= t->head;
		t->head = 0;
	}
	if (t->tail == UI_TYPEAHEAD_MAX)
		return false;
	k = &t->ahead[t->tail++];
	memset(k, 0, sizeof(*k));
	k->ch = ch;
	/* ncurses keeps only a few mouse events: take this one now. */
	if (ch == KEY_MOUSE && getmouse(&k->ev) != OK)
		t->tail--;
	return true;
}

/* The oldest key kept, if any, taken out of the queue. */
static bool
ui_typeahead_pop(struct ui_ticker *t, struct ui_typed *out)
{
	if (t->head == t->tail)
		return false;
	*out = t->ahead[t->head++];
	if (t->head == t->tail)
		t->head = t->tail = 0;
	return true;
}

/* Keys waiting to be replayed. */
static size_t
ui_typeahead_len(const struct ui_ticker *t)
{
	return t->tail - t->head;
}

/*
 * The scan is cancelled: every key typed during it goes, those kept and
 * those still unread, and ui_typeahead_say() will count them.  A resize
 * among them is not a key: it is still applied.
 */
static void
ui_typeahead_discard(struct ui_ticker *t)
{
	MEVENT ev;
	int ch;

	t->discarded += ui_typeahead_len(t);
	t->head = t->tail = 0;
	while ((ch = getch()) != ERR) {
		if (ch == KEY_RESIZE) {
			t->resized = true;
			continue;
		}
		if (ch == KEY_MOUSE)
			(void)getmouse(&ev);
		t->discarded++;
	}
}

/* After a cancel that threw keys away, the message says how many. */
static void
ui_typeahead_say(struct ui_ticker *t)
{
	struct editor *ed = t->ed;
	size_t n;

	if (t->discarded == 0)
		return;
	n = strlen(ed->msg);
	snprintf(ed->msg + n, sizeof(ed->msg) - n,
	    "%s%zu key%s typed meanwhile discarded", n > 0 ? ": " : "",
	    t->discarded, t->discarded == 1 ? "" : "s");
	ed->msg_error = true;
	t->discarded = 0;
}

/*
 * Search progress: every chunk, look at the keyboard without waiting:
 * Esc or Ctrl-C cancels, any other key is kept for after the scan.
 * After the first tenth of a second show "searching... N%" at most 20
 * times a second, with the count of keys kept.  Short searches never
 * flash a progress note.
 */
static int
ui_progress_tick(void *ctx, size_t done, size_t total)
{
	struct ui_ticker *t = ctx;
	struct timespec now;
	char note[160];
	size_t kept;
	int ch, cancel = 0;

	/* A signal is to end us: the scan stops first, then the terminal. */
	if (ui_caught != 0)
		return 1;
	/* What the scan has read so far need not stay mapped. */
	t->ticks++;
	ui_trim_view(t->ed);
	if (t->ed->other != NULL)
		ui_trim_view(t->ed->other);	/* a comparison reads both */
	nodelay(stdscr, TRUE);
	while ((ch = getch()) != ERR) {
		if (ch == 27 || ch == EK_CTRL('C')) {
			cancel = 1;
			break;
		}
		if (ch == KEY_RESIZE)
			t->resized = true;
		else if (!ui_typeahead_push(t, ch)) {
			cancel = 1;
			t->discarded++;
			break;
		}
	}
	if (cancel)
		ui_typeahead_discard(t);
	timeout(UI_IDLE_MS);
	/* The file shrank under the scan: what is left would only read zeros. */
	if (cancel || guard_tripped())
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (ui_seconds(&t->start, &now) < 0.1 ||
	    ui_seconds(&t->drawn, &now) < 0.05)
		return 0;
	t->drawn = now;
	kept = ui_typeahead_len(t);
	snprintf(note, sizeof(note), "%s%s %u%%  %.1f of %.1f MiB, %.0f MiB/s"
	    "  (Esc stops)", t->ed->busy != NULL ? t->ed->busy : "searching",
	    t->ellipsis ? "\xe2\x80\xa6" : "...",
	    (unsigned)(total > 0 ? (long double)done * 100 / total : 0),
	    (double)done / (1 << 20), (double)total / (1 << 20),
	    (double)done / (1 << 20) / ui_seconds(&t->start, &now));
	if (kept > 0)
		snprintf(note + strlen(note), sizeof(note) - strlen(note),
		    "  %zu key%s typed, run after it", kept,
		    kept == 1 ? "" : "s");
	render_status_note(t->ed, note);
	refresh();
	return 0;
}

/* One mouse event: a button-1 press is a click, buttons 4 and 5 the wheel. */
static void
ui_mouse(struct editor *ed, const MEVENT *ev)
{
	if (ev->bstate & BUTTON1_PRESSED)
		editor_click(ed, ev->x, ev->y);
	else if (ev->bstate & BUTTON4_PRESSED)
		editor_key(ed, EK_WHEEL_UP);
	else if (ev->bstate & BUTTON5_PRESSED)
		editor_key(ed, EK_WHEEL_DOWN);
}

/* Are there keys to read now (kept from a scan, or at the terminal)? */
static bool
ui_keys_waiting(const struct ui_ticker *t)
{
	struct pollfd p = { .fd = ui_in_fd, .events = POLLIN };

	if (ui_typeahead_len(t) > 0)
		return true;
	return ui_in_fd >= 0 && poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

/* The files on screen: one, or two compared (mmhex FILE1 FILE2). */
struct ui_files {
	struct editor	 ed[2];
	int		 n;		/* 1 or 2 */
	int		 focus;		/* the one that takes the keys */
	struct render_pane pane[2];
	enum view	 view[2];	/* the views laid out for */
	size_t		 trimmed[2];	/* its top when last trimmed */
};

/*
 * Lay the files out on a COLS x LINES screen.  Two side by side when each
 * half holds 16 bytes a line (the right one without an offset column of
 * its own), else one above the other; each under a title row, the
 * status line last.
 */
static void
ui_layout(struct ui_files *f)
{
	struct editor *a = &f->ed[0], *b = &f->ed[1];
	int ow, skip, w, x, top;

	f->view[0] = a->view;
	f->view[1] = b->view;
	if (f->n == 1) {
		editor_resize(a, COLS, LINES);
		return;
	}
	/* One offset column for both (ed_relayout widens the narrower). */
	ow = editor_offset_width(a) > editor_offset_width(b) ?
	    editor_offset_width(a) : editor_offset_width(b);
	skip = 1 + ow + 2;
	w = (COLS + skip) / 2;
	if (layout_line_width(ow, 16) <= w) {
		f->pane[0] = (struct render_pane){ 1, 0, LINES - 2, w, 0 };
		editor_resize(a, w, LINES - 1);
		/* The second begins two blanks after the first's rows. */
		x = a->view == VIEW_HEX && a->lay.line_width + 2 < w ?
		    a->lay.line_width + 2 : w;
		/* Its lines of text have no offsets to share: all of them. */
		if (b->view == VIEW_TEXT) {
			f->pane[1] = (struct render_pane){ 1, x, LINES - 2,
			    COLS - x, 0 };
			editor_resize(b, COLS - x, LINES - 1);
		} else {
			f->pane[1] = (struct render_pane){ 1, x, LINES - 2,
			    COLS - x, skip };
			editor_resize(b, w, LINES - 1);
		}
		return;
	}
	top = (LINES - 3 + 1) / 2;
	f->pane[0] = (struct render_pane){ 1, 0, top, COLS, 0 };
	f->pane[1] = (struct render_pane){ top + 2, 0, LINES - 3 - top, COLS,
	    0 };
	editor_resize(a, COLS, top + 1);
	editor_resize(b, COLS, LINES - 3 - top + 1);
}

/*
 * A frame.  A message too long for the status line's room takes rows
 * above it from the data first: from the file's pane, in a comparison
 * from both side by side, from the lower one stacked.
 */
static void
ui_draw(struct ui_files *f)
{
	struct editor *eds[2] = { &f->ed[0], &f->ed[1] };
	int rows = render_msg_rows(&f->ed[f->focus]);

	editor_set_msg_rows(&f->ed[f->n - 1], rows);
	if (f->n == 2)
		editor_set_msg_rows(&f->ed[0],
		    f->pane[0].y == f->pane[1].y ? rows : 0);
	if (f->n == 1)
		render_frame(&f->ed[0]);
	else
		render_pair(eds, f->focus, f->pane);
}

/*
 * After a key, two files: Ctrl-W moves the focus; a question waiting in
 * the other one (a journal to restore) is answered first; quitting one
 * asks the other about its unflushed edits (a "no" there keeps both); the
 * other file shows the focused one's offset.
 */
static void
ui_two(struct ui_files *f)
{
	struct editor *ed = &f->ed[f->focus], *other = &f->ed[!f->focus];

	if (f->n == 1)
		return;
	if (ed->focus_other || (ed->input != INPUT_QUESTION &&
	    other->input == INPUT_QUESTION && !ed->quit)) {
		ed->focus_other = false;
		f->focus = !f->focus;
		ed = &f->ed[f->focus];
		other = &f->ed[!f->focus];
	}
	if (ed->quit && !other->quit) {
		if (editor_unflushed(other) || editor_part_moved(other)) {
			f->focus = !f->focus;
			editor_quit(other);
			if (!other->quit && other->input != INPUT_QUESTION)
				ed->quit = false;
		} else
			other->quit = true;
		return;
	}
	if (!ed->quit && other->quit && ed->input != INPUT_QUESTION)
		other->quit = false;	/* the question said no */
	editor_follow(other, ed);
	if (other->input != INPUT_QUESTION)
		editor_relay(ed);
}

/*
 * Ctrl-Z: the shell's screen and tty modes come back and the process
 * stops; continued (fg, SIGCONT), curses mode and the whole frame come
 * back.  SIGSTOP, not SIGTSTP: a process group with no job-control shell
 * above it (sh -c, a terminal multiplexer's pane) has SIGTSTP thrown
 * away by the kernel, and Ctrl-Z would do nothing.
 */
static void
ui_suspend(void)
{
	endwin();
	(void)kill(getpid(), SIGSTOP);
	clearok(curscr, TRUE);
	refresh();
}

/* Which file a click at x, y lands on, and where in its pane. */
static int
ui_click_pane(const struct ui_files *f, int *x, int *y)
{
	int i;

	for (i = 0; i < f->n && f->n == 2; i++) {
		const struct render_pane *p = &f->pane[i];

		if (*y >= p->y && *y < p->y + p->rows && *x >= p->x &&
		    *x < p->x + p->cols) {
			*x = *x - p->x + p->skip;
			*y -= p->y;
			return i;
		}
	}
	return f->n == 2 ? -1 : 0;
}

/*
 * O: open ed->open_path into *nm as the command line would open a file
 * (the session asked for, the whole file), while ed's file stays open and
 * watched.  Returns 0, or -1 with ed saying why (ed's file stays).
 */
static int
ui_open_pending(struct editor *ed, const struct ui_options *o,
    struct mapping *nm)
{
	char msg[ERROR_MSG_MAX + 32];
	struct error err;

	memset(nm, 0, sizeof(*nm));
	nm->fd = -1;
	if (strcmp(ed->open_path, "-") == 0) {
		editor_say(ed, true, "not opened: standard input is read only "
		    "at the start");
		return -1;
	}
	if (mapping_open_flags(nm, ed->open_path, o->session, o->insist ?
	    MAPPING_INSIST : 0, &err) < 0 || (nm->in_memory &&
	    mapping_load(nm, 0, UINT64_MAX, &err) < 0) ||
	    mapping_map(nm, 0, UINT64_MAX, &err) < 0) {
		mapping_close(nm);
		snprintf(msg, sizeof(msg), "not opened: %s", err.msg);
		editor_say(ed, true, msg);
		return -1;
	}
	return 0;
}

/* O, once the file before has quit: *nm takes its place in f's editor. */
static void
ui_swap_file(struct ui_files *f, const struct ui_options *o,
    struct mapping *nm, struct progress *prog)
{
	struct editor *ed = &f->ed[0];
	struct mapping *m = ed->m;
	bool text = ed->view == VIEW_TEXT;
	char msg[ERROR_MSG_MAX + 32];
	struct error err;

	if (editor_finish_move(ed, &err) < 0)
		snprintf(msg, sizeof(msg), "%s; the file is left part moved",
		    err.msg);
	else
		msg[0] = '\0';
	editor_journal_end(ed);
	editor_free(ed);
	mapping_close(m);
	*m = *nm;
	editor_init(ed, m, COLS, LINES, o->bytes_per_line, text);
	ed->undo_keep = o->undo_keep;
	ed->progress = prog;
	f->trimmed[0] = 0;
	ui_layout(f);
	/* Its journal may ask first, as at the start. */
	editor_journal_open(ed);
	if (msg[0] != '\0')
		editor_say(ed, true, msg);
	ed->redraw = true;
}

/* The viewer; see ui.h. */
int
ui_run(struct mapping *m, struct mapping *m2, const struct ui_options *o)
{
	struct ui_files f;
	struct editor *ed;
	struct error err;
	struct ui_ticker ticker;
	struct ui_typed typed;
	struct progress prog;
	struct timespec waited, now, framed = { 0, 0 };
	bool keyed = false, pending = false;
	struct mapping next;
	const char *cs;
	size_t moved;
	int ch, key, errs = 0, status = 0, i, x, y, wait_ms = UI_IDLE_MS;

	setlocale(LC_ALL, "");
	memset(&f, 0, sizeof(f));
	f.n = m2 != NULL ? 2 : 1;
	/* A provisional size: the real one is known once the terminal is open. */
	for (i = 0; i < f.n; i++) {
		editor_init(&f.ed[i], i == 0 ? m : m2, 80, 24,
		    o->bytes_per_line, o->text_view);
		f.ed[i].undo_keep = o->undo_keep;
	}
	if (f.n == 2)
		editor_pair(&f.ed[0], &f.ed[1]);
	ed = &f.ed[0];
	if (o->go_to != NULL && editor_goto(ed, o->go_to, &err) == -1) {
		fprintf(stderr, "mmhex: %s: goto '%s': %s\n", m->path, o->go_to,
		    err.msg);
		for (i = 0; i < f.n; i++)
			editor_free(&f.ed[i]);
		return 2;
	}
	if (ui_open_terminal(o->background, ui_may_color(o->color)) == -1) {
		for (i = 0; i < f.n; i++)
			editor_free(&f.ed[i]);
		ui_die_of_caught();
		return 2;
	}
	/* After the fatal-signal handlers: a SIGBUS not ours still restores. */
	guard_install();
	timeout(UI_IDLE_MS);
	render_init(ui_want_color(o->color), ui_background);
	/* The line view draws UTF-8 as characters where the terminal can. */
	cs = nl_langinfo(CODESET);
	textview_set_utf8(cs != NULL && strcmp(cs, "UTF-8") == 0);
	ui_layout(&f);
	/* A journal left by a session that ended asks first. */
	for (i = 0; i < f.n; i++)
		editor_journal_open(&f.ed[i]);

	memset(&ticker, 0, sizeof(ticker));
	cs = nl_langinfo(CODESET);
	ticker.ellipsis = cs != NULL && strcmp(cs, "UTF-8") == 0;
	prog.tick = ui_progress_tick;
	prog.ctx = &ticker;
	for (i = 0; i < f.n; i++)
		f.ed[i].progress = &prog;
	ui_two(&f);

	while (!(f.ed[0].quit && (f.n == 1 || f.ed[1].quit)) &&
	    ui_caught == 0) {
		ed = &f.ed[f.focus];
		ticker.ed = ed;
		clock_gettime(CLOCK_MONOTONIC, &now);
		/*
		 * After a key, with more waiting, the frame (and the journal's
		 * write, a frame's worth of keys at once) waits for them.
		 */
		if (!keyed || !ui_keys_waiting(&ticker) ||
		    ui_seconds(&framed, &now) * 1000 >= UI_FRAME_MS) {
			/* Before the frame: what it says is seen before a key clears it. */
			for (i = 0; i < f.n; i++)
				editor_journal_tick(&f.ed[i]);
			if (ed->redraw) {
				clearok(curscr, TRUE);
				ed->redraw = false;
			}
			ui_draw(&f);
			/* Zeros read from a truncated page are not data: redraw first. */
			if (guard_tripped()) {
				for (i = 0; i < f.n; i++)
					editor_refresh(&f.ed[i]);
				ui_draw(&f);
			}
			refresh();
			framed = now;
		}
		keyed = false;
		/* Keys typed during the last scan come first, in order. */
		if (ui_typeahead_pop(&ticker, &typed))
			ch = typed.ch;
		else {
			clock_gettime(CLOCK_MONOTONIC, &waited);
			if ((ch = getch()) == KEY_MOUSE &&
			    getmouse(&typed.ev) != OK)
				continue;
		}
		if (ch == ERR) {
			/* getch() was interrupted by the signal: leave. */
			if (ui_caught != 0)
				break;
			clock_gettime(CLOCK_MONOTONIC, &now);
			if (ui_seconds(&waited, &now) * 1000 >= wait_ms / 2) {
				errs = 0;
				/* Idle: has the file grown or shrunk meanwhile? */
				if (wait_ms == UI_IDLE_MS) {
					for (i = 0; i < f.n; i++)
						editor_refresh(&f.ed[i]);
					ui_two(&f);
				}
				wait_ms = ui_sharpen(&f.ed[f.focus]) ?
				    UI_SHARPEN_WAIT_MS : UI_IDLE_MS;
				timeout(wait_ms);
				continue;
			}
			/* An immediate ERR is EOF or an error: the terminal is gone. */
			if (++errs < 100)
				continue;
			status = 2;
			break;
		}
		errs = 0;
		if (ch == KEY_MOUSE) {
			x = typed.ev.x;
			y = typed.ev.y;
			if (typed.ev.bstate & BUTTON1_PRESSED) {
				if ((i = ui_click_pane(&f, &x, &y)) < 0)
					continue;
				if (i != f.focus)
					f.ed[f.focus].focus_other = true;
				ui_two(&f);
				typed.ev.x = x;
				typed.ev.y = y;
			}
			ui_mouse(&f.ed[f.focus], &typed.ev);
			ui_two(&f);
			continue;
		}
		if (ch == KEY_RESIZE) {
			ui_layout(&f);
			continue;
		}
		if ((key = ui_key(ch)) == -1)
			continue;
		clock_gettime(CLOCK_MONOTONIC, &ticker.start);
		ticker.drawn = ticker.start;
		ticker.resized = false;
		ticker.ticks = 0;
		editor_key(ed, key);
		keyed = true;
		if (wait_ms != UI_IDLE_MS) {
			wait_ms = UI_IDLE_MS;
			timeout(wait_ms);
		}
		/* O: the other file opened first, then this one quits as q. */
		if (ed->open_asked) {
			ed->open_asked = false;
			if (!pending && ui_open_pending(ed, o, &next) == 0) {
				pending = true;
				editor_quit(ed);
			}
		}
		if (pending && ed->quit) {
			pending = false;
			ui_swap_file(&f, o, &next, &prog);
			ed = &f.ed[0];
		} else if (pending && ed->input != INPUT_QUESTION) {
			/* Not quitting after all (c, a failed flush). */
			pending = false;
			mapping_close(&next);
		}
		if (ed->suspend) {
			ed->suspend = false;
			ui_suspend();
			ui_layout(&f);
		}
		if (guard_tripped())
			for (i = 0; i < f.n; i++)
				editor_refresh(&f.ed[i]);
		ui_typeahead_say(&ticker);
		if (ticker.resized)
			ui_layout(&f);
		ui_two(&f);
		/* t changed a view: the right pane's offset column with it. */
		if (f.n == 2 && (f.ed[0].view != f.view[0] ||
		    f.ed[1].view != f.view[1]))
			ui_layout(&f);
		for (i = 0; i < f.n; i++) {
			struct editor *e = &f.ed[i];

			moved = e->top > f.trimmed[i] ? e->top - f.trimmed[i] :
			    f.trimmed[i] - e->top;
			if (ticker.ticks > 0 || moved >= UI_TRIM_STEP) {
				ui_trim_view(e);
				f.trimmed[i] = e->top;
			}
		}
	}
	if (pending)
		mapping_close(&next);
	ui_close_terminal();
	render_fini();
	for (i = 0; i < f.n; i++) {
		/* Ended with a flush's move stopped half-way: finish it first. */
		if (editor_finish_move(&f.ed[i], &err) < 0) {
			fprintf(stderr, "mmhex: %s; the file is left part moved\n",
			    err.msg);
			status = 2;
		}
		/* Kept, durable, when unflushed edits were not given up. */
		editor_journal_end(&f.ed[i]);
		editor_free(&f.ed[i]);
	}
	ui_die_of_caught();
	if (status == 2)
		fprintf(stderr, "mmhex: lost the terminal\n");
	return status;
}
