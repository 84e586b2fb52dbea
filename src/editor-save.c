/*
 * editor-save.c - files other than the one being edited: O opens one
 * instead of it, W writes the selection to one.
 *
 * O asks for the path; the UI opens that file first (the session chosen
 * as for the command line's), so a file that cannot be opened leaves this
 * one as it was, and then quits this one as q does, with its questions:
 * only once this one has ended does the other take its place.
 *
 * W: the selection written to a file of its own, as the
 * bytes show (unflushed edits, inserts and deletes included), asking
 * before an existing file is replaced and never writing over the file
 * being edited.  The file being edited is not touched.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "editor-int.h"
#include "save.h"

void
cmd_open(struct editor *ed)
{
	if (ed->other != NULL) {
		ed_msg(ed, true, "two files open: O opens one instead of one; "
		    "q ends the comparison");
		return;
	}
	prompt_open(ed, PROMPT_OPEN);
}

void
run_open(struct editor *ed, const char *line)
{
	if (line[0] == '\0') {
		ed_msg(ed, true, "open: no path given");
		return;
	}
	snprintf(ed->open_path, sizeof(ed->open_path), "%s", line);
	ed->open_asked = true;
}

/* W: the path prompt, for the selection as it is now. */
void
cmd_write_selection(struct editor *ed)
{
	size_t start, end;

	if (!editor_selection(ed, &start, &end)) {
		ed_msg(ed, true, "nothing selected: v starts a selection, "
		    "W writes it to a file");
		return;
	}
	ed->save_from = start;
	ed->save_to = end;
	prompt_open(ed, PROMPT_WRITE_SEL);
}

/* Write the selection to ed->save_path; replace: over the file there. */
static void
save_now(struct editor *ed, bool replace)
{
	struct error err;
	struct bytes b;
	size_t n = ed->save_to - ed->save_from;

	editor_bytes(ed, &b);
	if (save_bytes(ed->save_path, &b, ed->save_from, n, replace,
	    &err) < 0) {
		ed_msg(ed, true, "nothing written: %s", err.msg);
		return;
	}
	ed_msg(ed, false, "wrote %zu byte%s to %s", n, ed_plural(n),
	    ed->save_path);
}

/* The prompt's Enter: whatever comes of it, the selecting is done. */
void
run_write_selection(struct editor *ed, const char *line)
{
	struct stat st, ours;

	if (editor_mode(ed) == INPUT_SELECT)
		ed_set_mode(ed, INPUT_NORMAL);
	if (line[0] == '\0') {
		ed_msg(ed, true, "write: no path given: nothing written");
		return;
	}
	snprintf(ed->save_path, sizeof(ed->save_path), "%s", line);
	if (stat(line, &st) < 0) {
		if (errno == ENOENT) {
			save_now(ed, false);
			return;
		}
		ed_msg(ed, true, "nothing written: %s: %s", line,
		    strerror(errno));
		return;
	}
	if (ed->m->fd >= 0 && fstat(ed->m->fd, &ours) == 0 &&
	    st.st_dev == ours.st_dev && st.st_ino == ours.st_ino) {
		ed_msg(ed, true, "nothing written: %s is the file being edited "
		    "(w flushes it)", line);
		return;
	}
	if (!S_ISREG(st.st_mode)) {
		ed_msg(ed, true, "nothing written: %s is not a regular file",
		    line);
		return;
	}
	ed_ask(ed, ASK_SAVE_EXISTS, "%s exists (%" PRIu64 " byte%s): "
	    "(o)verwrite it with the %zu selected, (c)ancel", line,
	    (uint64_t)st.st_size, ed_plural((uint64_t)st.st_size),
	    ed->save_to - ed->save_from);
}

static void
answer_replace(struct editor *ed)
{
	save_now(ed, true);
}

static void
answer_cancel(struct editor *ed)
{
	ed_msg(ed, false, "nothing written: %s kept", ed->save_path);
}

const struct ed_action ed_answer_save_replace = { "overwrite",
	"write the selection over that file", answer_replace };
const struct ed_action ed_answer_save_cancel = { "cancel",
	"nothing written", answer_cancel };
