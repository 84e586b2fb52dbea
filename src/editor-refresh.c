/*
 * editor-refresh.c - the file changed on disk under the viewer: it shrank,
 * grew, was rewritten, replaced or deleted.  The state is fitted to the
 * new window and the message says what happened.
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

/*
 * What a refresh found, for the message line.  A new size is always
 * said; lesser news (a page that could not be read, a rewrite) does not
 * replace the error the last key got (a failed flush, say): the user must
 * see it until the next key.
 */
static void
refresh_say(struct editor *ed, uint64_t was, int r, const struct error *err)
{
	const struct refreshed *rep = &ed->m->refreshed;
	uint64_t size = ed->m->file_size;
	char kept[96] = "";

	if (r < 0) {
		ed_msg(ed, true, "%s", err->msg);
		return;
	}
	if (rep->past_end > 0)
		snprintf(kept, sizeof(kept), ": %" PRIu64 " unflushed byte%s "
		    "past the end kept, not written", rep->past_end,
		    ed_plural(rep->past_end));
	else if (rep->cut > 0)
		snprintf(kept, sizeof(kept), ": %" PRIu64 " written byte%s past "
		    "the end went with it", rep->cut, ed_plural(rep->cut));
	if (size < was)
		ed_msg(ed, true, "file shrank to %" PRIu64 " byte%s%s", size,
		    ed_plural(size), kept);
	else if (size > was)
		ed_msg(ed, false, "file grew to %" PRIu64 " byte%s%s", size,
		    ed_plural(size), kept);
	else if (ed->msg_error && ed->msg[0] != '\0')
		return;
	else if (rep->restored > 0)
		ed_msg(ed, true, "file rewritten by another process: your %"
		    PRIu64 " unflushed byte%s shown over it again",
		    ed->m->dirty.bytes, ed_plural(ed->m->dirty.bytes));
	else if (rep->unreadable)
		ed_msg(ed, true, "part of the file could not be read (I/O "
		    "error, or no room to page it in): shown as zeros");
	else
		ed_msg(ed, true, "file changed under us: shown again from disk");
}

/*
 * The file shrank under the cursor in overwrite mode: the keys typed for
 * the old place must not land on the new one.  A half-typed byte is taken
 * back (both nibbles or neither) and overwrite mode ends, so what the user
 * typed ahead is not written anywhere.  The caller says so.
 */
static void
leave_moved_overwrite(struct editor *ed)
{
	struct apply_ctx a;

	if (ed->low_nibble) {
		memset(&a, 0, sizeof(a));
		a.ed = ed;
		dirty_init(&a.skipped);
		if (journal_take_back(&ed->journal, apply_bytes, &a) == 1 &&
		    a.skipped.bytes > 0) {
			/*
			 * Past the new end the old byte could not be stored:
			 * the half byte must not wait there to be flushed.  An
			 * earlier copy-on-write edit of that byte is kept, for
			 * if the file grows back; a write-through one went with
			 * the file.
			 */
			dirty_remove(&ed->m->dirty, ed->nibble_at, 1);
			if (ed->nibble_was_dirty &&
			    ed->m->session == SESSION_COW)
				dirty_add(&ed->m->dirty, ed->nibble_at,
				    a.skipped.r[0].bytes, 1);
		} else if (!ed->nibble_was_dirty) {
			dirty_remove(&ed->m->dirty, ed->nibble_at, 1);
		}
		dirty_free(&a.skipped);
		ed->low_nibble = false;
	}
	ed_set_mode(ed, INPUT_NORMAL);
	if (ed->m->session == SESSION_COW)
		ed->m->refreshed.past_end = dirty_bytes_in(&ed->m->dirty,
		    ed_size(ed), UINT64_MAX);
}

/* The file changed size under us; see editor.h. */
int
editor_refresh(struct editor *ed)
{
	uint64_t was = ed->m->file_size;
	enum gone was_gone = ed->m->gone;
	bool at_end = ed_size(ed) > 0 && ed->cursor + 1 == ed_size(ed);
	size_t cursor = ed->cursor;
	struct error err;
	uint64_t gone;
	size_t n, i;
	bool moved, cut_nibble;
	int r;

	r = mapping_refresh(ed->m, &err);
	if (ed->m->gone != was_gone && ed->m->gone == GONE_DELETED)
		ed_msg(ed, true, "file deleted: still shown as it was; w "
		    "offers to write it elsewhere");
	else if (ed->m->gone != was_gone && ed->m->gone == GONE_REPLACED)
		ed_msg(ed, true, "file replaced by another: still showing this "
		    "one; w offers where to write");
	if (r == 0)
		return 0;
	/* A file cut underneath: the lines are counted again. */
	if (ed->m->file_size < was)
		ed_lines_edited(ed, 0);
	/* Another size: the overview's parts and the matches are others. */
	ed->ov_valid = false;
	ed->search.counted = 0;
	/* Inserts and deletes over a window that changed size: fit them. */
	gone = ed_sizes_rebase(ed);
	n = ed_size(ed);
	/* At the end, follow what was appended, like tail -f. */
	if (at_end && n > 0 && ed->m->file_size > was && editor_mode(ed) == INPUT_NORMAL)
		ed->cursor = n - 1;
	if (editor_mode(ed) == INPUT_SELECT && ed->sel_anchor >= n)
		ed_set_mode(ed, INPUT_NORMAL);
	for (i = 0; i < EDITOR_NMARKS; i++)
		if (ed->marks[i] >= n)
			ed->marks_set &= ~((uint32_t)1 << i);
	if (ed->has_match && ed->match.at + ed->match.len > n)
		ed->has_match = false;
	ed_relayout(ed);
	ed_scroll(ed);
	ed->redraw = true;
	/* The cursor moved, or the byte half typed went with the file. */
	cut_nibble = ed->low_nibble && ed->nibble_at >= n &&
	    ed->cursor == cursor;
	moved = editor_mode(ed) == INPUT_OVERWRITE && (ed->cursor != cursor ||
	    cut_nibble);
	if (moved)
		leave_moved_overwrite(ed);
	refresh_say(ed, was, r, &err);
	if (gone > 0) {
		size_t len = strlen(ed->msg);

		snprintf(ed->msg + len, sizeof(ed->msg) - len, "; %" PRIu64
		    " byte%s of the edited file went with it", gone,
		    ed_plural(gone));
		ed->msg_error = true;
	}
	if (moved) {
		size_t len = strlen(ed->msg);

		snprintf(ed->msg + len, sizeof(ed->msg) - len, "%s%s: overwrite "
		    "mode left", len > 0 ? "; " : "", cut_nibble ? "the byte "
		    "being typed went with it" : "the cursor moved");
		ed->msg_error = true;
	}
	return r;
}
