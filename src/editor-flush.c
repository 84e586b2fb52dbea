/*
 * editor-flush.c - getting edits to the file: flush, switching between
 * copy-on-write and write-through, quitting, and the questions these ask
 * (also where the edits go once the file was replaced or deleted).
 */
#include "config.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "editor.h"
#include "expr.h"
#include "inspect.h"
#include "keymap.h"
#include "textview.h"
#include "editor-int.h"

/* Put a question to the user; the next key answers it (ask_key()). */
void __attribute__((format(printf, 3, 4)))
ed_ask(struct editor *ed, enum ask what, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ed->question, sizeof(ed->question), fmt, ap);
	va_end(ap);
	ed->ask = what;
	ed_enter(ed, INPUT_QUESTION);
	ed_msg(ed, false, "%s", ed->question);
}

/*
 * Flush the dirty bytes; 0 when they are durable (or there were none),
 * -1 with the message set when they stay dirty, ready to retry.
 */
int
ed_flush(struct editor *ed, const char *on_failure)
{
	struct error err;
	int64_t delta;
	uint64_t n;
	int r;

	/*
	 * Catch up with the file first: news of a new size found after the
	 * flush would replace what the flush has to say.
	 */
	(void)editor_refresh(ed);
	if (ed_sized(ed) || ed_part_moved(ed)) {
		r = ed_flush_sizes(ed, &err);
		if (r != 0) {
			if (ed_part_moved(ed))
				ed_say_part_moved(ed);
			else
				ed_msg(ed, true, "%s: %s", on_failure, err.msg);
			return -1;
		}
		/* What the move was of, counted when it began. */
		n = ed->move_changed;
		delta = ed->move_delta;
		ed_msg(ed, ed->mlog_err[0] != '\0', "flushed %" PRIu64
		    " changed byte%s, size %+" PRId64 " (%" PRIu64 " byte%s "
		    "moved or written)%s%s", n, ed_plural(n), delta,
		    ed->move_moved, ed_plural(ed->move_moved),
		    ed->mlog_err[0] != '\0' ? ", not crash-safe: journal: " :
		    "", ed->mlog_err);
		ed->mlog_err[0] = '\0';
		return 0;
	}
	if ((n = ed->m->dirty.bytes) == 0)
		return 0;
	if (ed->m->session == SESSION_COW)
		ed_journal_mark(ed, JREC_FLUSH_BEGIN, 0);
	if (mapping_flush(ed->m, &err) == -1) {
		uint64_t done = n - ed->m->dirty.bytes;

		if (done > 0)
			ed_msg(ed, true, "%s: flushed %" PRIu64 " byte%s, not "
			    "the rest: %s", on_failure, done, ed_plural(done),
			    err.msg);
		else
			ed_msg(ed, true, "%s: %s", on_failure, err.msg);
		return -1;
	}
	ed_journal_mark(ed, JREC_FLUSH_DONE, 0);
	ed_msg(ed, false, "flushed %" PRIu64 " byte%s", n, ed_plural(n));
	return 0;
}

/* Flush as w does, for a caller without a status line; see editor.h. */
int
editor_flush(struct editor *ed, struct error *err)
{
	if (ed_flush(ed, "flush failed") == 0)
		return 0;
	error_set(err, -1, "%s", ed->msg);
	return -1;
}

/*
 * Everything this session changed, flushed or not, with the bytes the view
 * shows there: what must reach a file that replaces ours on disk.
 */
static void
session_edits(const struct editor *ed, struct dirty *set)
{
	const struct journal *j = &ed->journal;
	size_t n, i;

	dirty_init(set);
	/* Applied groups hold entries [0, start of the first undone group). */
	if (j->done < j->ngroups)
		n = j->group[j->done];
	else
		n = j->ne;
	for (i = 0; i < n; i++) {
		const struct journal_entry *e = &j->e[i];

		if (e->op == JOURNAL_OVERWRITE && e->off < ed_size(ed))
			dirty_add(set, e->off, ed->m->data + e->off,
			    e->len < ed_size(ed) - e->off ? e->len :
			    ed_size(ed) - e->off);
	}
	for (i = 0; i < ed->m->dirty.n; i++) {
		const struct range *r = &ed->m->dirty.r[i];

		if (r->start < ed_size(ed))
			dirty_add(set, r->start, r->bytes, (r->end < ed_size(ed) ?
			    r->end : ed_size(ed)) - r->start);
	}
}

/* The path names another file now, or none: where should the edits go? */
static void
ask_where(struct editor *ed, enum ask what)
{
	struct dirty set;
	uint64_t n;

	session_edits(ed, &set);
	n = set.bytes;
	dirty_free(&set);
	if (n == 0) {
		if (what == ASK_GONE_QUIT)
			ed->quit = true;
		else
			ed_msg(ed, false, "nothing to flush");
		return;
	}
	if (ed->m->gone == GONE_REPLACED)
		ed_ask(ed, what, "%s was replaced on disk, %" PRIu64 " edited "
		    "byte%s only here: write to (t)he new one, (a)nother path, "
		    "%s(c)ancel", editor_file_name(ed), n, ed_plural(n),
		    what == ASK_GONE_QUIT ? "(d)iscard and quit, " : "");
	else
		ed_ask(ed, what, "%s was deleted, %" PRIu64 " edited byte%s only "
		    "here: write to (a)nother path, %s(c)ancel",
		    editor_file_name(ed), n, ed_plural(n), what == ASK_GONE_QUIT ?
		    "(d)iscard and quit, " : "");
}

/* w, F2, Ctrl-S: make the edits reach the file. */
void
cmd_flush(struct editor *ed)
{
	if (ed->m->gone != GONE_NO) {
		ask_where(ed, ASK_GONE_FLUSH);
		return;
	}
	if (!editor_unflushed(ed)) {
		ed_msg(ed, false, "nothing to flush");
		return;
	}
	(void)ed_flush(ed, "flush failed, edits kept");
}

/* Switch the session to s, keeping every edit, and say so. */
static void
switch_session(struct editor *ed, enum session s)
{
	uint64_t n = ed->m->dirty.bytes;
	struct error err;

	if (s == SESSION_WT && n > 0)
		ed_journal_mark(ed, JREC_FLUSH_BEGIN, 0);
	if (mapping_set_session(ed->m, s, &err) == -1) {
		ed_msg(ed, true, "%s", err.msg);
		return;
	}
	ed_journal_mark(ed, JREC_SESSION, 0);
	if (s == SESSION_COW)
		ed_msg(ed, false, "copy-on-write: edits stay private until "
		    "flushed");
	else if (n > 0)
		ed_msg(ed, false, "write-through: %" PRIu64 " changed byte%s "
		    "written to the file, flush makes them durable", n,
		    ed_plural(n));
	else
		ed_msg(ed, false, "write-through: edits reach the file at once");
}

/*
 * M: copy-on-write <-> write-through.  Leaving copy-on-write with
 * unflushed edits writes them to the file, so it asks first.
 */
void
cmd_toggle_session(struct editor *ed)
{
	int64_t delta;
	uint64_t n = editor_changed_bytes(ed, &delta);

	if (ed->m->in_memory || !ed->m->fd_writable) {
		ed_msg(ed, true, "%s: cannot switch to write-through",
		    ed->m->note != NULL ? ed->m->note : "read into memory");
		return;
	}
	if (ed->m->session == SESSION_WT) {
		switch_session(ed, SESSION_COW);
		return;
	}
	if (!editor_unflushed(ed)) {
		switch_session(ed, SESSION_WT);
		return;
	}
	if (ed_sized(ed))
		ed_ask(ed, ASK_SWITCH_WT, "flush %" PRIu64 " changed byte%s "
		    "and the change of size (%+" PRId64 ") to the file and "
		    "switch to write-through? (y/n)", n, ed_plural(n), delta);
	else
		ed_ask(ed, ASK_SWITCH_WT, "write %" PRIu64 " changed byte%s to "
		    "the file and switch to write-through? (y/n)", n,
		    ed_plural(n));
}

/* q: quit, asking about unflushed copy-on-write edits; WT flushes first. */
void
cmd_quit(struct editor *ed)
{
	int64_t delta;
	uint64_t n = editor_changed_bytes(ed, &delta);
	char size[40] = "";

	if (ed_part_moved(ed)) {
		ed_ask(ed, ASK_PART_MOVED_QUIT, "the file is part moved, neither "
		    "old nor new: (f)inish the move and quit, (c)ancel");
		return;
	}
	/* What was flushed went to a file no path names: as if it never was. */
	if (ed->m->gone != GONE_NO && ed->m->session != SESSION_RO) {
		ask_where(ed, ASK_GONE_QUIT);
		return;
	}
	if (!editor_unflushed(ed) || ed->m->session == SESSION_RO) {
		ed->quit = true;
		return;
	}
	if (ed->m->session == SESSION_WT) {
		if (ed_flush(ed, "flush failed, not quitting (Q quits)") == 0)
			ed->quit = true;
		return;
	}
	if (ed_sized(ed))
		snprintf(size, sizeof(size), ", size %+" PRId64, delta);
	/* Read into memory: a flush has nowhere to go, so it is not offered. */
	if (ed->m->in_memory)
		ed_ask(ed, ASK_QUIT_MEMORY, "%" PRIu64 " edited byte%s%s%s only "
		    "in memory, no file to flush to: (d)iscard and quit, "
		    "(c)ancel", n, ed_plural(n), size, size[0] != '\0' ? "," : "");
	else
		ed_ask(ed, ASK_QUIT, "%" PRIu64 " unflushed byte%s%s: (f)lush and "
		    "quit, (d)iscard, (c)ancel", n, ed_plural(n), size);
}

/* q without the key; see editor.h. */
void
editor_quit(struct editor *ed)
{
	cmd_quit(ed);
}

void
editor_say(struct editor *ed, bool is_error, const char *text)
{
	ed_msg(ed, is_error, "%s", text);
}

/*
 * Q: quit, discarding unflushed copy-on-write edits, without a question;
 * not while a move stopped half-way (the file would stay neither).
 */
void
cmd_quit_discard(struct editor *ed)
{
	if (ed_part_moved(ed)) {
		cmd_quit(ed);
		return;
	}
	ed->quit = true;
}

/* The write-to prompt's Enter: the whole file to a new path. */
void
run_write_as(struct editor *ed, const char *line)
{
	struct error err;
	uint64_t n;

	if (line[0] == '\0') {
		ed_msg(ed, true, "write: no path given: nothing written");
		return;
	}
	if (mapping_write_as(ed->m, line, &err) < 0) {
		ed_msg(ed, true, "nothing written, edits kept: %s", err.msg);
		return;
	}
	/* The new file holds the window's bytes: the inserts and deletes next. */
	if (ed_sized(ed) && ed_flush_sizes(ed, &err) != 0) {
		ed_msg(ed, true, "%s: the inserts and deletes are not in it yet: "
		    "w goes on", err.msg);
		return;
	}
	ed_journal_restart(ed);
	n = ed->m->file_size;
	ed_msg(ed, false, "wrote %" PRIu64 " byte%s to %s; editing that file",
	    n, ed_plural(n), ed->m->path);
	ed->redraw = true;
}

/* y to the M question: write the COW edits to the file, switch to WT. */
static void
answer_switch(struct editor *ed)
{
	if (ed_sized(ed) && ed_flush(ed, "not switched") != 0)
		return;
	switch_session(ed, SESSION_WT);
}

/* n to the M question. */
static void
answer_stay(struct editor *ed)
{
	ed_msg(ed, false, "still copy-on-write, nothing written");
}

/* f to the q question: quit once the flush succeeded, else stay and say why. */
static void
answer_flush_quit(struct editor *ed)
{
	if (ed_flush(ed, "flush failed, not quitting") == 0)
		ed->quit = true;
}

/* d to the q question: quit; the private pages go with the mapping. */
static void
answer_discard(struct editor *ed)
{
	ed->quit = true;
}

/* c to the q question. */
static void
answer_cancel_quit(struct editor *ed)
{
	ed_msg(ed, false, "quit cancelled");
}

/* t to a question about a replaced file: our edits go to the new one. */
static void
answer_rebind(struct editor *ed)
{
	struct dirty set;
	struct error err;
	uint64_t n;

	if (ed->m->gone != GONE_REPLACED) {
		ed_msg(ed, true, "no file at %s now: a writes to another path",
		    ed->m->path);
		return;
	}
	session_edits(ed, &set);
	n = set.bytes;
	if (mapping_rebind(ed->m, &set, &err) < 0)
		ed_msg(ed, true, "nothing written, edits kept: %s", err.msg);
	else {
		ed_journal_restart(ed);
		ed_msg(ed, false, "wrote %" PRIu64 " edited byte%s to the file "
		    "now at %s; editing that one", n, ed_plural(n), ed->m->path);
	}
	dirty_free(&set);
	ed->redraw = true;
}

/* a to a question about a deleted or replaced file: the path prompt. */
static void
answer_write_as(struct editor *ed)
{
	prompt_open(ed, PROMPT_WRITE_AS);
}

/* f to the question of q while a move stopped half-way. */
static void
answer_finish_quit(struct editor *ed)
{
	if (ed_flush(ed, "the move did not finish, not quitting") == 0)
		ed->quit = true;
}

/* c to the questions about a deleted or replaced file. */
static void
answer_cancel_gone(struct editor *ed)
{
	ed_msg(ed, false, "nothing written");
}

static const struct ed_action
	aa_switch = { "switch", "write them to the file, switch to write-through",
	    answer_switch },
	aa_stay = { "stay", "stay copy-on-write, nothing written", answer_stay },
	aa_flush_quit = { "flush-quit",
	    "flush, then quit (a failed flush stays and says why)",
	    answer_flush_quit },
	aa_discard = { "discard", "quit, discarding the edits", answer_discard },
	aa_cancel_quit = { "cancel", "do not quit", answer_cancel_quit },
	aa_rebind = { "to-file-there",
	    "write the edits to the file at the path now (if there is one)",
	    answer_rebind },
	aa_write_as = { "write-as",
	    "write the whole file with the edits to another path",
	    answer_write_as },
	aa_cancel_gone = { "cancel", "nothing written", answer_cancel_gone },
	aa_finish_quit = { "finish-quit",
	    "finish the move, then quit (a failure stays and says why)",
	    answer_finish_quit };

/* The answers each question takes: what ask_key() runs, the help lists. */
const struct ed_key ed_answer_keys[] = {
	{ ASK_SWITCH_WT,	'y',		&aa_switch },
	{ ASK_SWITCH_WT,	'Y',		&aa_switch },
	{ ASK_SWITCH_WT,	'n',		&aa_stay },
	{ ASK_SWITCH_WT,	'N',		&aa_stay },
	{ ASK_SWITCH_WT,	EK_ESC,		&aa_stay },
	{ ASK_SWITCH_WT,	EK_CTRL('C'),	&aa_stay },
	{ ASK_SWITCH_WT,	EK_CTRL('G'),	&aa_stay },
	{ ASK_QUIT,		'f',		&aa_flush_quit },
	{ ASK_QUIT,		'F',		&aa_flush_quit },
	{ ASK_QUIT,		'd',		&aa_discard },
	{ ASK_QUIT,		'D',		&aa_discard },
	{ ASK_QUIT,		'c',		&aa_cancel_quit },
	{ ASK_QUIT,		'C',		&aa_cancel_quit },
	{ ASK_QUIT,		EK_ESC,		&aa_cancel_quit },
	{ ASK_QUIT,		EK_CTRL('C'),	&aa_cancel_quit },
	{ ASK_QUIT,		EK_CTRL('G'),	&aa_cancel_quit },
	{ ASK_GONE_FLUSH,	't',		&aa_rebind },
	{ ASK_GONE_FLUSH,	'a',		&aa_write_as },
	{ ASK_GONE_FLUSH,	'c',		&aa_cancel_gone },
	{ ASK_GONE_FLUSH,	EK_ESC,		&aa_cancel_gone },
	{ ASK_GONE_FLUSH,	EK_CTRL('C'),	&aa_cancel_gone },
	{ ASK_GONE_FLUSH,	EK_CTRL('G'),	&aa_cancel_gone },
	{ ASK_GONE_QUIT,	't',		&aa_rebind },
	{ ASK_GONE_QUIT,	'a',		&aa_write_as },
	{ ASK_GONE_QUIT,	'd',		&aa_discard },
	{ ASK_GONE_QUIT,	'c',		&aa_cancel_quit },
	{ ASK_GONE_QUIT,	EK_ESC,		&aa_cancel_quit },
	{ ASK_GONE_QUIT,	EK_CTRL('C'),	&aa_cancel_quit },
	{ ASK_GONE_QUIT,	EK_CTRL('G'),	&aa_cancel_quit },
	{ ASK_MOVE_TAIL,	'y',		&ed_answer_move },
	{ ASK_MOVE_TAIL,	'Y',		&ed_answer_move },
	{ ASK_MOVE_TAIL,	'n',		&ed_answer_no_move },
	{ ASK_MOVE_TAIL,	'N',		&ed_answer_no_move },
	{ ASK_MOVE_TAIL,	'a',		&ed_answer_move_always },
	{ ASK_MOVE_TAIL,	'A',		&ed_answer_move_always },
	{ ASK_MOVE_TAIL,	'M',		&ed_answer_move_cow },
	{ ASK_MOVE_TAIL,	EK_ESC,		&ed_answer_no_move },
	{ ASK_MOVE_TAIL,	EK_CTRL('C'),	&ed_answer_no_move },
	{ ASK_MOVE_TAIL,	EK_CTRL('G'),	&ed_answer_no_move },
	{ ASK_PART_MOVED_QUIT,	'f',		&aa_finish_quit },
	{ ASK_PART_MOVED_QUIT,	'F',		&aa_finish_quit },
	{ ASK_PART_MOVED_QUIT,	'c',		&aa_cancel_quit },
	{ ASK_PART_MOVED_QUIT,	EK_ESC,		&aa_cancel_quit },
	{ ASK_PART_MOVED_QUIT,	EK_CTRL('C'),	&aa_cancel_quit },
	{ ASK_PART_MOVED_QUIT,	EK_CTRL('G'),	&aa_cancel_quit },
	{ ASK_RECOVER,		'r',		&ed_answer_restore },
	{ ASK_RECOVER,		'R',		&ed_answer_restore },
	{ ASK_RECOVER,		'd',		&ed_answer_discard_journal },
	{ ASK_RECOVER,		'D',		&ed_answer_discard_journal },
	{ ASK_RECOVER,		'k',		&ed_answer_keep_journal },
	{ ASK_RECOVER,		'K',		&ed_answer_keep_journal },
	{ ASK_RECOVER,		EK_ESC,		&ed_answer_keep_journal },
	{ ASK_RECOVER,		EK_CTRL('C'),	&ed_answer_keep_journal },
	{ ASK_RECOVER,		EK_CTRL('G'),	&ed_answer_keep_journal },
	{ ASK_SAVE_EXISTS,	'o',		&ed_answer_save_replace },
	{ ASK_SAVE_EXISTS,	'O',		&ed_answer_save_replace },
	{ ASK_SAVE_EXISTS,	'c',		&ed_answer_save_cancel },
	{ ASK_SAVE_EXISTS,	'C',		&ed_answer_save_cancel },
	{ ASK_SAVE_EXISTS,	EK_ESC,		&ed_answer_save_cancel },
	{ ASK_SAVE_EXISTS,	EK_CTRL('C'),	&ed_answer_save_cancel },
	{ ASK_SAVE_EXISTS,	EK_CTRL('G'),	&ed_answer_save_cancel },
	{ ASK_QUIT_MEMORY,	'd',		&aa_discard },
	{ ASK_QUIT_MEMORY,	'D',		&aa_discard },
	{ ASK_QUIT_MEMORY,	'c',		&aa_cancel_quit },
	{ ASK_QUIT_MEMORY,	'C',		&aa_cancel_quit },
	{ ASK_QUIT_MEMORY,	EK_ESC,		&aa_cancel_quit },
	{ ASK_QUIT_MEMORY,	EK_CTRL('C'),	&aa_cancel_quit },
	{ ASK_QUIT_MEMORY,	EK_CTRL('G'),	&aa_cancel_quit },
};
const size_t ed_answer_nkeys = ARRAY_LEN(ed_answer_keys);

/* The questions, in the order the help screen explains them. */
const struct ed_question ed_questions[] = {
	{ ASK_SWITCH_WT, "switch", CMD_TOGGLE_SESSION,
	  "with unflushed copy-on-write edits" },
	{ ASK_QUIT, "quit", CMD_QUIT, "with unflushed copy-on-write edits" },
	{ ASK_QUIT_MEMORY, "quit-memory", CMD_QUIT,
	  "with edits of bytes read into memory (standard input, a pipe)" },
	{ ASK_GONE_FLUSH, "gone-flush", CMD_FLUSH,
	  "once the file was deleted or replaced on disk" },
	{ ASK_GONE_QUIT, "gone-quit", CMD_QUIT,
	  "once the file was deleted or replaced, with edits" },
	{ ASK_MOVE_TAIL, "move-tail", CMD_INSERT,
	  "write-through, when an insert or delete moves more than 64 MiB" },
	{ ASK_PART_MOVED_QUIT, "part-moved-quit", CMD_QUIT,
	  "while a flush's move stopped half-way" },
	{ ASK_SAVE_EXISTS, "save-exists", CMD_WRITE_SELECTION,
	  "when the file to write the selection to exists" },
	{ ASK_RECOVER, "recover", CMD_NONE,
	  "when the journal holds unflushed edits of a session that ended" },
};
const size_t ed_nquestions = ARRAY_LEN(ed_questions);

/*
 * A key while a question is asked: an answer, or the question kept and a
 * word on the keys it takes (an upper-case twin of a letter, Ctrl-C and
 * Ctrl-G, which do as Esc, go unsaid).
 */
void
ask_key(struct editor *ed, int key)
{
	char keys[128];
	size_t i, at = 0;
	int k;

	for (i = 0; i < ed_answer_nkeys; i++)
		if (ed_answer_keys[i].on == (int)ed->ask &&
		    ed_answer_keys[i].key == key) {
			ed->ask = ASK_NONE;
			ed_leave(ed);
			ed->question[0] = '\0';
			ed_answer_keys[i].act->exec(ed);
			return;
		}
	keys[0] = '\0';
	for (i = 0; i < ed_answer_nkeys; i++) {
		k = ed_answer_keys[i].key;
		if (ed_answer_keys[i].on != (int)ed->ask ||
		    k == EK_CTRL('C') || k == EK_CTRL('G') ||
		    (i > 0 && ed_answer_keys[i - 1].on == (int)ed->ask &&
		    k >= 'A' && k <= 'Z' && ed_answer_keys[i - 1].key == k + 32))
			continue;
		at += (size_t)snprintf(keys + at, sizeof(keys) - at, "%s%s",
		    at > 0 ? ", " : "", keymap_key_name(k));
		if (at >= sizeof(keys))
			break;
	}
	ed_msg(ed, true, "key %s is not an answer here; it takes %s",
	    keymap_key_name(key), keys);
}
