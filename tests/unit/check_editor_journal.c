/*
 * check_editor_journal.c - the session's journal on disk: its records
 * read back as written (a torn or corrupt tail left out), and sessions
 * that end without a flush given back by a new one: the same bytes, the
 * same undo history, only what was not flushed unflushed.  A file changed
 * in between, a journal held by a live session and read-only sessions
 * are refused or left alone.
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "editor-int.h"
#include "editor-test.h"
#include "journal-file.h"
#include "move-log.h"
#include "unit.h"

/* A state directory of the test's own. */
static char state[64];

static void
setup(void)
{
	snprintf(state, sizeof(state), "/tmp/check_journal.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(state));
	ck_assert_int_eq(setenv("XDG_STATE_HOME", state, 1), 0);
}

static void
teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", state);
	ck_assert_int_eq(system(cmd), 0);
}

/* Journals in the state directory. */
static int
journals(void)
{
	char dir[PATH_MAX];
	struct dirent *de;
	DIR *d;
	int n = 0;

	snprintf(dir, sizeof(dir), "%s/mmhex", state);
	if ((d = opendir(dir)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL)
		n += strstr(de->d_name, ".journal") != NULL;
	closedir(d);
	return n;
}

/* The session ends as a crash ends it: the journal stays, nothing flushed. */
static void
crash(struct sess *s)
{
	editor_free(&s->ed);
	mapping_close(&s->m);
}

/* The session ends as q ends it, the file kept for the next one. */
static void
quit(struct sess *s)
{
	ck_assert(s->ed.quit);
	editor_journal_end(&s->ed);
	editor_free(&s->ed);
	mapping_close(&s->m);
}

/* A new session on the same file finds the journal and restores it. */
static struct editor *
reopen_restore(struct sess *s, struct editor_found *f)
{
	struct error err;

	start_as(s, SESSION_COW, 0, UINT64_MAX, 80, 24);
	ck_assert_int_eq(editor_journal_find(&s->ed, f, &err), 0);
	ck_assert_int_eq(f->state, FOUND_EDITS);
	ck_assert(editor_found_restorable(f));
	ck_assert_msg(editor_journal_restore(&s->ed, f, &err) == 0, "%s",
	    err.msg);
	return &s->ed;
}

/* Records come back as written; a torn tail and a bad CRC end the log. */
START_TEST(test_records)
{
	char path[PATH_MAX];
	struct jfile jf;
	struct jfile_log log;
	struct error err;
	struct jrec hdr, rec;
	unsigned char bytes[6] = "abcxyz";
	size_t good2;
	int fd;

	snprintf(path, sizeof(path), "%s/mmhex/1-2.journal", state);
	memset(&hdr, 0, sizeof(hdr));
	hdr.type = JREC_HEADER;
	hdr.id = (struct jfile_ident){ 1, 2, 300, 1700000000, 5 };
	hdr.session = SESSION_COW;
	hdr.origin = 16;
	hdr.want_len = UINT64_MAX;
	hdr.pid = 4242;
	hdr.started = 1700000001;
	hdr.path = "some file";
	ck_assert_msg(jfile_begin(&jf, path, &hdr, 0, &err) == 0, "%s",
	    err.msg);
	memset(&rec, 0, sizeof(rec));
	rec.type = JREC_RECORD;
	rec.op = JOURNAL_OVERWRITE;
	rec.off = 1000000;
	rec.len = 3;
	rec.bytes = bytes;
	ck_assert_int_eq(jfile_append(&jf, &rec), 0);
	rec.op = JOURNAL_INSERT;
	rec.off = 7;
	rec.len = 6;
	ck_assert_int_eq(jfile_append(&jf, &rec), 0);
	memset(&rec, 0, sizeof(rec));
	rec.type = JREC_UNDO;
	ck_assert_int_eq(jfile_append(&jf, &rec), 0);
	rec.type = JREC_FLUSH_DONE;
	rec.id = (struct jfile_ident){ 1, 2, 303, 1700000009, 999999999 };
	ck_assert_int_eq(jfile_append(&jf, &rec), 0);
	ck_assert(jfile_sync_due(&jf, 0));
	ck_assert_int_eq(jfile_sync(&jf), 0);
	ck_assert(!jfile_sync_due(&jf, 0));
	jfile_close(&jf);

	ck_assert_int_eq(jfile_load(path, &log, &err), 0);
	ck_assert_uint_eq(log.n, 5);
	ck_assert_uint_eq(log.good, log.len);
	ck_assert_int_eq(log.r[0].type, JREC_HEADER);
	ck_assert(jfile_ident_same(&log.r[0].id, &hdr.id));
	ck_assert_uint_eq(log.r[0].origin, 16);
	ck_assert_uint_eq(log.r[0].want_len, UINT64_MAX);
	ck_assert_uint_eq(log.r[0].pid, 4242);
	ck_assert_int_eq(log.r[0].started, 1700000001);
	ck_assert_str_eq(log.r[0].path, "some file");
	ck_assert_int_eq(log.r[1].op, JOURNAL_OVERWRITE);
	ck_assert_uint_eq(log.r[1].off, 1000000);
	ck_assert_mem_eq(log.r[1].bytes, "abcxyz", 6);
	ck_assert_int_eq(log.r[2].op, JOURNAL_INSERT);
	ck_assert_uint_eq(log.r[2].len, 6);
	ck_assert_int_eq(log.r[3].type, JREC_UNDO);
	ck_assert_uint_eq(log.r[4].id.size, 303);
	ck_assert_int_eq(log.r[4].id.mtime_nsec, 999999999);
	good2 = log.len;
	jfile_log_free(&log);

	/* A torn last record: the ones before it stand. */
	ck_assert_int_eq(truncate(path, (off_t)good2 - 2), 0);
	ck_assert_int_eq(jfile_load(path, &log, &err), 0);
	ck_assert_uint_eq(log.n, 4);
	ck_assert_uint_lt(log.good, good2 - 2);
	jfile_log_free(&log);

	/* A byte flipped in the second record: only the header is left. */
	fd = open(path, O_RDWR);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(pwrite(fd, "Q", 1, (off_t)(good2 - 40)), 1);
	close(fd);
	ck_assert_int_eq(jfile_load(path, &log, &err), 0);
	ck_assert_uint_lt(log.n, 4);
	ck_assert_uint_ge(log.n, 1);
	jfile_log_free(&log);

	/* Not a journal at all: an error, not an empty one. */
	fd = open(path, O_WRONLY | O_TRUNC);
	ck_assert_int_eq(write(fd, "hello", 5), 5);
	close(fd);
	ck_assert_int_eq(jfile_load(path, &log, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "not an mmhex journal"));
}
END_TEST

/*
 * Overwrites, inserts, deletes, undo and redo, then a crash: the new
 * session shows the same bytes with the same history, none flushed; w
 * writes them.
 */
START_TEST(test_restore)
{
	struct sess s;
	struct editor *ed = open_lorem_as(&s, SESSION_COW);
	struct editor_found f;
	struct error err;
	unsigned char *want;
	size_t n, undo, redo;

	ck_assert_int_eq(editor_journal_start(ed, &err), 0);
	ck_assert_int_eq(journals(), 1);
	editor_key(ed, EK_TAB);
	type(ed, "Rabc");
	editor_key(ed, EK_ESC);
	type(ed, "jRd");			/* a second step */
	editor_key(ed, EK_ESC);
	type(ed, "uu");
	editor_key(ed, EK_CTRL('R'));		/* abc again, d to redo */
	type(ed, "G");
	type(ed, "Ixy");			/* inserted before the last byte */
	editor_key(ed, EK_ESC);
	command(ed, 'g', "0");
	editor_key(ed, EK_TAB);			/* the hex pane */
	type(ed, "x");				/* delete the first byte */
	want = shown(ed, &n);
	undo = journal_undo_steps(&ed->journal);
	redo = journal_redo_steps(&ed->journal);
	ck_assert_uint_eq(n, LOREM_LEN + 1);
	ck_assert_mem_eq(want, "bc", 2);
	crash(&s);
	assert_file(&s, lorem, LOREM_LEN);

	ed = reopen_restore(&s, &f);
	/* abc, d, two undos, a redo, xy, the delete: as undo counts them. */
	ck_assert_uint_eq(f.edits, 7);
	editor_found_free(&f);
	assert_shown(ed, want, n);
	ck_assert_uint_eq(journal_undo_steps(&ed->journal), undo);
	ck_assert_uint_eq(journal_redo_steps(&ed->journal), redo);
	ck_assert(editor_unflushed(ed));
	ck_assert(editor_changed(ed, 0));
	assert_file(&s, lorem, LOREM_LEN);
	/* Undo all the way back, redo all the way on. */
	while (journal_undo_steps(&ed->journal) > 0)
		type(ed, "u");
	assert_shown(ed, lorem, LOREM_LEN);
	while (journal_redo_steps(&ed->journal) > redo)
		editor_key(ed, EK_CTRL('R'));
	assert_shown(ed, want, n);
	type(ed, "w");
	assert_file(&s, want, n);
	/* q after the flush: a clean end keeps only the undo history. */
	type(ed, "q");
	ck_assert(ed->quit);
	editor_journal_end(ed);
	ck_assert_int_eq(journals(), 1);
	finish(&s);
	free(want);
}
END_TEST

/*
 * Undo after reopening: a clean end keeps the history of flushed edits,
 * the next session on the unchanged file takes it up (u takes back what
 * the last session flushed), bounded by undo_keep; a file changed since
 * starts afresh.
 */
START_TEST(test_history)
{
	struct sess s;
	struct editor *ed = open_lorem_as(&s, SESSION_COW);
	struct error err;
	char want[LOREM_LEN];
	int fd;

	ck_assert_int_eq(editor_journal_start(ed, &err), 0);
	editor_key(ed, EK_TAB);
	type(ed, "RAB");
	editor_key(ed, EK_ESC);
	type(ed, "jRCD");
	editor_key(ed, EK_ESC);
	type(ed, "w");
	type(ed, "q");
	quit(&s);
	memcpy(want, lorem, LOREM_LEN);
	memcpy(want, "AB", 2);
	memcpy(want + 18, "CD", 2);
	assert_file(&s, want, LOREM_LEN);

	start_as(&s, SESSION_COW, 0, UINT64_MAX, 80, 24);
	editor_journal_open(&s.ed);
	ck_assert_str_eq(s.ed.msg, "2 undo steps kept from the last session "
	    "(u takes them back)");
	ck_assert_uint_eq(journal_undo_steps(&s.ed.journal), 2);
	type(&s.ed, "u");
	memcpy(want + 18, lorem + 18, 2);
	assert_shown(&s.ed, want, LOREM_LEN);
	type(&s.ed, "u");
	assert_shown(&s.ed, lorem, LOREM_LEN);
	type(&s.ed, "w");
	assert_file(&s, lorem, LOREM_LEN);
	/* A bound of 5 bytes keeps the last step only (2 x 2 bytes). */
	s.ed.undo_keep = 5;
	editor_key(&s.ed, EK_CTRL('R'));
	editor_key(&s.ed, EK_CTRL('R'));
	type(&s.ed, "w");
	type(&s.ed, "q");
	quit(&s);
	start_as(&s, SESSION_COW, 0, UINT64_MAX, 80, 24);
	editor_journal_open(&s.ed);
	ck_assert_uint_eq(journal_undo_steps(&s.ed.journal), 1);
	type(&s.ed, "q");
	quit(&s);

	/* Changed since: the history is not taken up. */
	fd = open(s.path, O_WRONLY);
	ck_assert_int_eq(pwrite(fd, "zz", 2, 100), 2);
	close(fd);
	start_as(&s, SESSION_COW, 0, UINT64_MAX, 80, 24);
	editor_journal_open(&s.ed);
	ck_assert_uint_eq(journal_undo_steps(&s.ed.journal), 0);
	ck_assert_str_eq(s.ed.msg, "");
	finish(&s);
}
END_TEST

/* What a flush wrote is not given back as unflushed; its history is. */
START_TEST(test_restore_after_flush)
{
	struct sess s;
	struct editor *ed = open_lorem_as(&s, SESSION_COW);
	struct editor_found f;
	struct error err;
	char want[LOREM_LEN];

	ck_assert_int_eq(editor_journal_start(ed, &err), 0);
	editor_key(ed, EK_TAB);
	type(ed, "RAB");
	editor_key(ed, EK_ESC);
	type(ed, "w");
	type(ed, "jRC");
	editor_key(ed, EK_ESC);
	crash(&s);
	memcpy(want, lorem, LOREM_LEN);
	memcpy(want, "AB", 2);
	assert_file(&s, want, LOREM_LEN);

	ed = reopen_restore(&s, &f);
	ck_assert_uint_eq(f.edits, 1);
	editor_found_free(&f);
	ck_assert_uint_eq(editor_changed_bytes(ed, NULL), 1);
	ck_assert(!editor_changed(ed, 0));
	ck_assert(editor_changed(ed, 18));
	want[18] = 'C';
	assert_shown(ed, want, LOREM_LEN);
	/* The flushed step can be undone too: it is history. */
	type(ed, "uu");
	assert_shown(ed, lorem, LOREM_LEN);
	/* Changed: what differs from the file, "AB" as flushed. */
	ck_assert_uint_eq(editor_changed_bytes(ed, NULL), 2);
	ck_assert(!editor_changed(ed, 18));
	finish(&s);
}
END_TEST

/* A file changed since: found, said, not restorable. */
START_TEST(test_changed_file)
{
	struct sess s;
	struct editor *ed = open_lorem_as(&s, SESSION_COW);
	struct editor_found f;
	struct error err;
	int fd;

	ck_assert_int_eq(editor_journal_start(ed, &err), 0);
	editor_key(ed, EK_TAB);
	type(ed, "RAB");
	editor_key(ed, EK_ESC);
	crash(&s);
	/* Another program writes other bytes where the edits are. */
	fd = open(s.path, O_WRONLY);
	ck_assert_int_eq(pwrite(fd, "zz", 2, 0), 2);
	close(fd);
	start_as(&s, SESSION_COW, 0, UINT64_MAX, 80, 24);
	ck_assert_int_eq(editor_journal_find(&s.ed, &f, &err), 0);
	ck_assert_int_eq(f.state, FOUND_EDITS);
	ck_assert_uint_eq(f.checked, 2);	/* A and B, one record each */
	ck_assert_uint_eq(f.mismatched, 2);
	ck_assert(!editor_found_restorable(&f));
	editor_found_free(&f);

	/* The question says so and offers no restore. */
	editor_journal_open(&s.ed);
	ck_assert_int_eq(s.ed.ask, ASK_RECOVER);
	ck_assert_msg(strstr(s.ed.msg, "changed since") != NULL &&
	    strstr(s.ed.msg, "(r)estore") == NULL, "%s", s.ed.msg);
	type(&s.ed, "r");
	ck_assert_int_eq(s.ed.ask, ASK_RECOVER);
	type(&s.ed, "k");			/* kept: read-only */
	ck_assert_int_eq(s.m.session, SESSION_RO);
	ck_assert_int_eq(journals(), 1);
	finish(&s);
}
END_TEST

/* A journal whose session still runs: found live with its pid. */
START_TEST(test_live)
{
	struct sess s;
	struct editor *ed = open_lorem_as(&s, SESSION_COW);
	struct error err;
	int status;
	pid_t child;

	ck_assert_int_eq(editor_journal_start(ed, &err), 0);
	if ((child = fork()) == 0) {
		struct sess s2;
		struct editor_found f;

		memcpy(s2.path, s.path, sizeof(s.path));
		start_as(&s2, SESSION_COW, 0, UINT64_MAX, 80, 24);
		if (editor_journal_find(&s2.ed, &f, &err) < 0 ||
		    f.state != FOUND_LIVE || f.pid != getppid())
			_exit(1);
		editor_journal_open(&s2.ed);
		_exit(s2.m.session == SESSION_RO &&
		    strstr(s2.ed.msg, "being edited by another mmhex") != NULL ?
		    0 : 2);
	}
	ck_assert_int_gt(child, 0);
	ck_assert_int_eq(waitpid(child, &status, 0), child);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	finish(&s);
}
END_TEST

/* Read-only sessions write no journal; discarding removes one. */
START_TEST(test_readonly_and_discard)
{
	struct sess s;
	struct editor *ed = open_lorem(&s);
	struct editor_found f;
	struct error err;

	editor_journal_open(ed);
	ck_assert_ptr_null(ed->jf);
	ck_assert_int_eq(journals(), 0);
	finish(&s);

	ed = open_lorem_as(&s, SESSION_COW);
	editor_journal_open(ed);
	ck_assert_ptr_nonnull(ed->jf);
	ck_assert_int_eq(journals(), 1);
	type(ed, "R41");
	editor_key(ed, EK_ESC);
	crash(&s);
	start_as(&s, SESSION_COW, 0, UINT64_MAX, 80, 24);
	ck_assert_int_eq(editor_journal_find(&s.ed, &f, &err), 0);
	ck_assert_int_eq(f.state, FOUND_EDITS);
	ck_assert_int_eq(editor_journal_discard(&s.ed, &f, &err), 0);
	editor_found_free(&f);
	ck_assert_ptr_nonnull(s.ed.jf);		/* a new one, empty */
	assert_shown(&s.ed, lorem, LOREM_LEN);
	editor_journal_end(&s.ed);		/* nothing unflushed: removed */
	ck_assert_int_eq(journals(), 0);
	finish(&s);
}
END_TEST

/*
 * A journal a crash cut while it was begun (a beginning of the magic, or
 * the magic and a torn header) is no journal: nothing in it, and it does
 * not stand in the way of the next one.  Other bytes are an error.
 */
START_TEST(test_torn_begin)
{
	char path[PATH_MAX], *whole;
	struct jfile jf;
	struct jfile_log log;
	struct error err;
	struct jrec hdr;
	size_t n, cut;
	int fd;

	snprintf(path, sizeof(path), "%s/mmhex/3-4.journal", state);
	memset(&hdr, 0, sizeof(hdr));
	hdr.type = JREC_HEADER;
	hdr.id = (struct jfile_ident){ 3, 4, 300, 1700000000, 5 };
	hdr.want_len = UINT64_MAX;
	hdr.path = "f";
	ck_assert_int_eq(jfile_begin(&jf, path, &hdr, 0, &err), 0);
	jfile_close(&jf);
	ck_assert_int_eq(jfile_load(path, &log, &err), 0);
	jfile_log_free(&log);
	/* Each cut of it short of the whole header: no journal. */
	fd = open(path, O_RDONLY);
	whole = malloc(4096);
	n = (size_t)read(fd, whole, 4096);
	close(fd);
	for (cut = 0; cut < n; cut++) {
		fd = open(path, O_WRONLY | O_TRUNC);
		ck_assert_int_eq(write(fd, whole, cut), (ssize_t)cut);
		close(fd);
		ck_assert_msg(jfile_load(path, &log, &err) == 1, "cut at %zu",
		    cut);
		ck_assert_msg(jfile_begin(&jf, path, &hdr, 0, &err) == 0, "%s",
		    err.msg);
		jfile_close(&jf);
	}
	/* Not a journal at all: an error, said. */
	fd = open(path, O_WRONLY | O_TRUNC);
	ck_assert_int_eq(write(fd, "#!/bin/sh\n", 10), 10);
	close(fd);
	ck_assert_int_eq(jfile_load(path, &log, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "not an mmhex journal"));
	free(whole);
}
END_TEST

/* A move log's tell that stops the move at its third call, as a crash. */
static int
stop_third(void *ctx, const struct pieces_move *mv, const unsigned char *chunk,
    size_t len)
{
	static int calls;

	if (++calls % 3 == 0) {
		errno = EIO;
		return -1;
	}
	return move_log_tell(ctx, mv, chunk, len);
}

/*
 * A move cut short whose log has another chunk than the editor's (a log
 * of another build, or of another writer): finished with the log's
 * chunks, the file exactly as the flush meant it.
 */
START_TEST(test_resume_other_chunk)
{
	size_t n = 3 * ((size_t)1 << 20) + 5, i;
	unsigned char *orig = malloc(n), *want = malloc(n + 1);
	char mpath[PATH_MAX];
	struct sess s;
	struct editor *ed;
	struct editor_found f;
	struct pieces list;
	struct pieces_move mv = { 0 };
	struct move_log ml;
	struct error err;

	for (i = 0; i < n; i++)
		orig[i] = (unsigned char)(i * 31 + i / 4096);
	write_file(&s, orig, n);
	start_as(&s, SESSION_COW, 0, UINT64_MAX, 80, 24);
	ed = &s.ed;
	ck_assert_int_eq(editor_journal_start(ed, &err), 0);
	editor_set_cursor(ed, 10);
	type(ed, "I5a");
	editor_key(ed, EK_ESC);
	/* The flush's plan, then its move with a log of 1 MiB chunks. */
	ed_journal_mark(ed, JREC_FLUSH_BEGIN, 1);
	pieces_init(&list, n);
	ck_assert_int_eq(pieces_insert(&list, 10, "\x5a", 1), 0);
	move_log_path(mpath, sizeof(mpath), ed->jf->path);
	ck_assert_int_eq(move_log_begin(&ml, mpath, s.m.fd, &list,
	    (size_t)1 << 20, &mv, &err), 0);
	mv.log = stop_third;
	mv.log_ctx = &ml;
	ck_assert_int_eq(pieces_write(&list, s.m.fd, s.path, (size_t)1 << 20,
	    &mv, NULL, &err), -1);
	ck_assert_uint_gt(mv.moved, 0);
	move_log_close(&ml);
	pieces_move_free(&mv);
	pieces_free(&list);
	crash(&s);

	start_as(&s, SESSION_COW, 0, UINT64_MAX, 80, 24);
	ck_assert_int_eq(editor_journal_find(&s.ed, &f, &err), 0);
	ck_assert(f.resume);
	ck_assert_uint_eq(f.mchunk, (size_t)1 << 20);
	ck_assert_msg(editor_journal_restore(&s.ed, &f, &err) == 0, "%s",
	    err.msg);
	editor_found_free(&f);
	memcpy(want, orig, 10);
	want[10] = 0x5a;
	memcpy(want + 11, orig + 10, n - 10);
	assert_file(&s, want, n + 1);
	finish(&s);
	free(orig);
	free(want);
}
END_TEST

static Suite *
journal_file_suite(void)
{
	Suite *s = suite_create("journal-file");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_records);
	tcase_add_test(tc, test_restore);
	tcase_add_test(tc, test_restore_after_flush);
	tcase_add_test(tc, test_history);
	tcase_add_test(tc, test_changed_file);
	tcase_add_test(tc, test_live);
	tcase_add_test(tc, test_readonly_and_discard);
	tcase_add_test(tc, test_resume_other_chunk);
	tcase_add_test(tc, test_torn_begin);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(journal_file_suite)
