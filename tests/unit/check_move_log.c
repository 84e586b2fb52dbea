/*
 * check_move_log.c - a move logged by move_log_tell() and cut short at
 * every call it logs, with any subset of the pages of the chunk in
 * flight written (as a kill between pages, or a power cut that kept some
 * pages and not others, leaves them): move_log_load() and pieces_write()
 * then finish it, and the file is exactly the list's bytes.  A small
 * shift logs a few bytes a page, not the chunk; a page torn in its
 * middle is refused, never made up.
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/wait.h>

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "move-log.h"
#include "pieces.h"
#include "unit.h"

#define CHUNK	((size_t)64 << 10)
#define PAGE	4096

/* The test's own small generator: the same runs every time. */
static uint64_t rng_state;

static uint64_t
rng(void)
{
	rng_state = rng_state * 6364136223846793005u + 1442695040888963407u;
	return rng_state >> 33;
}

/*
 * The file's bytes: random, with a run of zeros and a repeating pattern,
 * where a page shifted by a few bytes equals itself.
 */
static unsigned char *
base_bytes(size_t size)
{
	unsigned char *b = malloc(size);
	size_t i;

	ck_assert_ptr_nonnull(b);
	for (i = 0; i < size; i++)
		b[i] = (unsigned char)rng();
	memset(b + size / 3, 0, 3 * PAGE);
	for (i = size / 2; i < size / 2 + 3 * PAGE; i++)
		b[i] = (unsigned char)(i % 4);
	return b;
}

/* One edit of a case: insert len bytes of value v at off, or delete. */
struct edit {
	bool		 insert;
	uint64_t	 off;
	size_t		 len;
};

/* The list and the bytes the file must end with. */
struct plan {
	struct pieces	 ps;
	unsigned char	*want;
	size_t		 want_len;
};

static void
plan_make(struct plan *pl, const unsigned char *base, size_t size,
    const struct edit *e, size_t n)
{
	size_t i, j;

	pieces_init(&pl->ps, size);
	pl->want = malloc(size + 65536);
	ck_assert_ptr_nonnull(pl->want);
	memcpy(pl->want, base, size);
	pl->want_len = size;
	for (i = 0; i < n; i++) {
		if (e[i].insert) {
			unsigned char *bytes = malloc(e[i].len);

			for (j = 0; j < e[i].len; j++)
				bytes[j] = (unsigned char)(0xa0 + j);
			ck_assert_int_eq(pieces_insert(&pl->ps, e[i].off, bytes,
			    e[i].len), 0);
			memmove(pl->want + e[i].off + e[i].len,
			    pl->want + e[i].off, pl->want_len - e[i].off);
			memcpy(pl->want + e[i].off, bytes, e[i].len);
			pl->want_len += e[i].len;
			free(bytes);
		} else {
			ck_assert_int_eq(pieces_delete(&pl->ps, e[i].off,
			    e[i].len), 0);
			memmove(pl->want + e[i].off, pl->want + e[i].off +
			    e[i].len, pl->want_len - e[i].off - e[i].len);
			pl->want_len -= e[i].len;
		}
	}
}

/*
 * The crash: at the log's crash-th call the state is told, then the pages
 * picked (or, torn, half of the first page) of the chunk in flight are
 * written where it goes, and the process ends, as a kill between pages
 * (or a power cut that kept some pages and not others) would leave it.
 * Run in a child; no Check asserts there.
 */
struct crash {
	struct move_log	*ml;
	const struct pieces *ps;
	int		 fd;
	unsigned	 crash;		/* 1-based */
	unsigned	 calls;
	bool		 torn;
	bool		 power;		/* a power cut: pages written since the
					   file was last made durable may be
					   lost, each on its own */
	/* The chunks of the log's generation so far: where, and the old. */
	struct {
		uint64_t	 at;
		size_t		 n;
		unsigned char	*old;
	}		 gen[64];
	size_t		 ngen;
	int		 region;	/* the log's, last seen */
};

enum { CHILD_DONE = 0, CHILD_ERROR = 1, CHILD_CRASHED = 3,
	CHILD_CRASHED_CHUNK = 4 };

/*
 * What the child holds when it ends: given back first, so that valgrind
 * (check-valgrind follows the children) finds nothing lost; then _exit,
 * as a crash does not run atexit.
 */
static struct {
	struct crash	*c;
	struct move_log	*ml;
	struct pieces_move *mv;
	struct plan	*pl;
	unsigned char	*base;
} child;

static void __attribute__((noreturn))
child_exit(int code)
{
	size_t i;

	for (i = 0; child.c != NULL && i < child.c->ngen; i++)
		free(child.c->gen[i].old);
	if (child.mv != NULL)
		pieces_move_free(child.mv);
	if (child.ml != NULL)
		move_log_close(child.ml);
	if (child.pl != NULL) {
		pieces_free(&child.pl->ps);
		free(child.pl->want);
	}
	free(child.base);
	_exit(code);
}

/* Where the chunk in flight goes (as move_piece() picks it). */
static uint64_t
chunk_dest(const struct pieces *ps, const struct pieces_move *mv, size_t n)
{
	const struct piece *p = &ps->p[mv->stage == PIECES_MOVE_UP ?
	    ps->n - 1 - mv->step : mv->step];
	uint64_t left = p->len - mv->done;

	return p->at + (p->at > p->src ? left - n : mv->done);
}

/* Write [a, b) of where the chunk goes, or _exit saying it could not. */
static void
write_page(int fd, const unsigned char *chunk, uint64_t at, uint64_t a,
    uint64_t b)
{
	if (pwrite(fd, chunk + (a - at), (size_t)(b - a), (off_t)a) !=
	    (ssize_t)(b - a))
		child_exit(CHILD_ERROR);
}

static int
crash_log(void *ctx, const struct pieces_move *mv, const unsigned char *chunk,
    size_t len)
{
	struct crash *c = ctx;
	uint64_t at, a, b;

	size_t i;

	if (move_log_tell(c->ml, mv, chunk, len) < 0)
		child_exit(CHILD_ERROR);
	/* A generation begun: what came before it is on disk. */
	if (c->ml->region != c->region) {
		c->region = c->ml->region;
		while (c->ngen > 0)
			free(c->gen[--c->ngen].old);
	}
	if (chunk != NULL && c->ngen < 64) {
		at = chunk_dest(c->ps, mv, len);
		c->gen[c->ngen].at = at;
		c->gen[c->ngen].n = len;
		if ((c->gen[c->ngen].old = malloc(len)) == NULL ||
		    pread(c->fd, c->gen[c->ngen].old, len, (off_t)at) !=
		    (ssize_t)len)
			child_exit(CHILD_ERROR);
		c->ngen++;
	}
	if (++c->calls != c->crash)
		return 0;
	/* The power cut: the generation's chunks before, each page kept or not. */
	for (i = 0; c->power && i + 1 < c->ngen; i++)
		for (a = c->gen[i].at; a < c->gen[i].at + c->gen[i].n; a = b) {
			b = (a / PAGE + 1) * PAGE;
			if (b > c->gen[i].at + c->gen[i].n)
				b = c->gen[i].at + c->gen[i].n;
			if (rng() % 2)
				write_page(c->fd, c->gen[i].old, c->gen[i].at,
				    a, b);
		}
	if (chunk == NULL)
		child_exit(CHILD_CRASHED);
	at = chunk_dest(c->ps, mv, len);
	for (a = at; a < at + len; a = b) {
		b = (a / PAGE + 1) * PAGE;
		if (b > at + len)
			b = at + len;
		if (c->torn) {
			/* Half of the first page of some size, the rest old. */
			if (b - a >= 64) {
				write_page(c->fd, chunk, at, a, a + (b - a) / 2);
				break;
			}
		} else if (rng() % 2)
			write_page(c->fd, chunk, at, a, b);
	}
	child_exit(CHILD_CRASHED_CHUNK);
}

static void
temp_path(char *buf, size_t len, const char *what)
{
	const char *dir = getenv("TMPDIR");

	snprintf(buf, len, "%s/mmhex-check-move-log.%ld.%s",
	    dir != NULL && *dir != '\0' ? dir : "/tmp", (long)getpid(), what);
}

static void
expect_file(int fd, const struct plan *pl)
{
	unit_expect_file(fd, pl->want, pl->want_len);
}

/* The move of pl in a child that ends at the log's k-th call: how. */
static int
move_and_crash(struct plan *pl, unsigned char *base, int fd, const char *path,
    const char *logpath, unsigned k, bool torn, bool power)
{
	pid_t pid;
	int status;

	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct move_log ml;
		struct pieces_move mv = { 0 };
		struct crash c = { .ml = &ml, .ps = &pl->ps, .fd = fd,
		    .crash = k, .torn = torn, .power = power };
		struct error err;

		child.c = &c;
		child.mv = &mv;
		child.pl = pl;
		child.base = base;
		rng_state = 11 + k;
		if (move_log_begin(&ml, logpath, fd, &pl->ps, CHUNK, &mv,
		    &err) < 0)
			child_exit(CHILD_ERROR);
		child.ml = &ml;
		mv.log = crash_log;
		mv.log_ctx = &c;
		if (pieces_write(&pl->ps, fd, path, CHUNK, &mv, NULL, &err) < 0)
			child_exit(CHILD_ERROR);
		move_log_end(&ml);
		child.ml = NULL;
		child_exit(CHILD_DONE);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_ne(WEXITSTATUS(status), CHILD_ERROR);
	return WEXITSTATUS(status);
}

/*
 * Run the plan with a crash at the log's k-th call, for every k the move
 * makes, and finish it from the log each time.  Returns the crashes;
 * *log_bytes the most the log took on disk, *refused the loads that
 * found a torn page.
 */
static unsigned
crash_everywhere(const struct edit *e, size_t ne, size_t size, bool torn,
    bool power, uint64_t *log_bytes, unsigned *refused)
{
	char path[256], logpath[256];
	unsigned char *base;
	unsigned k;

	rng_state = 7;
	base = base_bytes(size);
	temp_path(path, sizeof(path), "bin");
	temp_path(logpath, sizeof(logpath), "move");
	*log_bytes = 0;
	*refused = 0;
	for (k = 1;; k++) {
		struct plan pl;
		struct pieces_move mv = { 0 };
		struct pieces list;
		struct error err;
		struct stat st;
		size_t chunk;
		int fd, how, r;

		plan_make(&pl, base, size, e, ne);
		fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
		ck_assert_int_ge(fd, 0);
		ck_assert_int_eq(pwrite(fd, base, size, 0), (ssize_t)size);
		how = move_and_crash(&pl, base, fd, path, logpath, k, torn, power);
		if (how == CHILD_DONE) {
			/* No k-th call: every crash point was tried. */
			expect_file(fd, &pl);
			ck_assert_int_ne(access(logpath, F_OK), 0);
			pieces_free(&pl.ps);
			free(pl.want);
			close(fd);
			break;
		}
		ck_assert_int_eq(stat(logpath, &st), 0);
		if ((uint64_t)st.st_blocks * 512 > *log_bytes)
			*log_bytes = (uint64_t)st.st_blocks * 512;
		r = move_log_load(logpath, fd, &list, &mv, &chunk, &err);
		if (torn && how == CHILD_CRASHED_CHUNK && r < 0) {
			ck_assert_ptr_nonnull(strstr(err.msg,
			    "a page neither old nor new"));
			(*refused)++;
		} else {
			ck_assert_msg(r == 0, "crash %u: load: %d %s", k, r,
			    r < 0 ? err.msg : "");
			ck_assert_uint_eq(chunk, CHUNK);
			/* As the editor goes on: the generation whole, then on. */
			ck_assert_msg(move_log_redo(logpath, fd, path, &err) == 0,
			    "crash %u: redo: %s", k, err.msg);
			ck_assert_int_eq(pieces_write(&list, fd, path, chunk,
			    &mv, NULL, &err), 0);
			expect_file(fd, &pl);
			pieces_move_free(&mv);
			pieces_free(&list);
		}
		unlink(logpath);
		pieces_free(&pl.ps);
		free(pl.want);
		close(fd);
	}
	unlink(path);
	free(base);
	return k - 1;
}

/*
 * Each case crashes at every call, once as a kill (every page written
 * so far is there) and once as a power cut (pages written since the file
 * was last made durable are each kept or lost).
 */

/* One byte inserted near the start: every chunk over its own source. */
START_TEST(test_small_insert)
{
	static const struct edit e[] = { { true, 10, 1 } };
	uint64_t log_bytes;
	unsigned refused;
	int power;

	for (power = 0; power < 2; power++) {
		ck_assert_uint_ge(crash_everywhere(e, 1, 5 * CHUNK + 1234,
		    false, power, &log_bytes, &refused), 6);
		/* A few bytes a page, not the chunk: a 4 KiB block a slot. */
		ck_assert_uint_lt(log_bytes, CHUNK / 2);
	}
}
END_TEST

/* A shift of more than a page: the whole chunk goes to the log. */
START_TEST(test_large_insert)
{
	static const struct edit e[] = { { true, 100, 5000 } };
	uint64_t log_bytes;
	unsigned refused;
	int power;

	for (power = 0; power < 2; power++) {
		ck_assert_uint_ge(crash_everywhere(e, 1, 4 * CHUNK + 77, false,
		    power, &log_bytes, &refused), 5);
		ck_assert_uint_ge(log_bytes, CHUNK);
	}
}
END_TEST

/* Bytes deleted: the tail moves down, first first. */
START_TEST(test_small_delete)
{
	static const struct edit e[] = { { false, 100, 3 } };
	uint64_t log_bytes;
	unsigned refused;
	int power;

	for (power = 0; power < 2; power++) {
		ck_assert_uint_ge(crash_everywhere(e, 1, 4 * CHUNK + 999, false,
		    power, &log_bytes, &refused), 5);
		ck_assert_uint_lt(log_bytes, CHUNK / 2);
	}
}
END_TEST

/* Pieces moving up and down in one move, added bytes between. */
START_TEST(test_mix)
{
	static const struct edit e[] = {
		{ true, 10, 2 }, { false, 2 * CHUNK + 5, 7 },
		{ true, 3 * CHUNK, 4100 }, { false, 100, 1 },
	};
	uint64_t log_bytes;
	unsigned refused;
	int power;

	for (power = 0; power < 2; power++)
		ck_assert_uint_ge(crash_everywhere(e, 4, 5 * CHUNK + 4321,
		    false, power, &log_bytes, &refused), 6);
}
END_TEST

/* A page torn in its middle: never taken for old or new. */
START_TEST(test_torn_page_refused)
{
	static const struct edit e[] = { { true, 10, 1 } };
	uint64_t log_bytes;
	unsigned refused;

	/*
	 * Three chunks: two tear a page of random bytes, refused; the middle
	 * one tears a page of the zeros, old and new alike, which is then
	 * right either way (and checked so).
	 */
	crash_everywhere(e, 1, 3 * CHUNK + 5, true, false, &log_bytes,
	    &refused);
	ck_assert_uint_eq(refused, 2);
}
END_TEST

/*
 * A chunk of the generation that cannot be written again (the file open
 * read-only here): the redo fails, and says so naming the file.
 */
START_TEST(test_redo_fails)
{
	static const struct edit e[] = { { true, 10, 1 } };
	char path[256], logpath[256];
	unsigned char *base;
	struct plan pl;
	struct error err;
	int fd, ro, how;

	rng_state = 7;
	base = base_bytes(5 * CHUNK);
	temp_path(path, sizeof(path), "bin");
	temp_path(logpath, sizeof(logpath), "move");
	plan_make(&pl, base, 5 * CHUNK, e, 1);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(pwrite(fd, base, 5 * CHUNK, 0), (ssize_t)(5 * CHUNK));
	/* Crashed at the fifth call: a generation of chunks behind it. */
	how = move_and_crash(&pl, base, fd, path, logpath, 5, false, true);
	ck_assert_int_eq(how, CHILD_CRASHED_CHUNK);
	ro = open(path, O_RDONLY);
	ck_assert_int_ge(ro, 0);
	ck_assert_int_eq(move_log_redo(logpath, ro, path, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, path));
	ck_assert_ptr_nonnull(strstr(err.msg, "write"));
	/* With the file writable it goes. */
	ck_assert_int_eq(move_log_redo(logpath, fd, path, &err), 0);
	close(ro);
	close(fd);
	unlink(path);
	unlink(logpath);
	pieces_free(&pl.ps);
	free(pl.want);
	free(base);
}
END_TEST

static Suite *
move_log_suite(void)
{
	Suite *s = suite_create("move_log");
	TCase *tc = tcase_create("crash");

	tcase_add_test(tc, test_small_insert);
	tcase_add_test(tc, test_large_insert);
	tcase_add_test(tc, test_small_delete);
	tcase_add_test(tc, test_mix);
	tcase_add_test(tc, test_torn_page_refused);
	tcase_add_test(tc, test_redo_fails);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(move_log_suite)
