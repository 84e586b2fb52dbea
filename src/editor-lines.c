/*
 * editor-lines.c - '#': line numbers in the line view, as less -N shows
 * them.  The top row's line number is the newlines before it plus one,
 * counted from the last place counted (ed->ln_off, ed->ln_count) or from
 * the start, whichever is nearer: moving about costs the bytes moved
 * over, not the file.  A count longer than LINES_QUICK runs in chunks
 * through the progress hook (Esc stops it, and the numbers go off); an
 * edit before the counted place sends the count back to the start.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>

#include "editor-int.h"
#include "progress.h"
#include "textview.h"

/* What a frame may count without progress or cancel. */
#define LINES_QUICK	((uint64_t)64 << 20)

/* The fewest digits the numbers take, so the width rarely changes. */
#define LINES_DIGITS	6

/*
 * The newlines before off into *count, from the nearer of the counted
 * place and the start; false (nothing kept) when that is more than
 * LINES_QUICK bytes and !wait, or when the progress hook stops it.
 */
static bool
count_to(struct editor *ed, size_t off, bool wait, uint64_t *count)
{
	struct bytes *b = ed_rd(ed);
	uint64_t lo, hi, n = 0, done = 0, part;
	bool back = false;

	if (ed->ln_off > ed_size(ed))
		ed->ln_off = 0, ed->ln_count = 0;
	if (off >= ed->ln_off) {
		lo = ed->ln_off;
		hi = off;
	} else if (ed->ln_off - off < off) {
		lo = off;
		hi = ed->ln_off;
		back = true;
	} else {
		lo = 0;
		hi = off;
		ed->ln_off = 0;
		ed->ln_count = 0;
	}
	if (hi - lo > LINES_QUICK && !wait)
		return false;
	while (done < hi - lo) {
		part = hi - lo - done < PROGRESS_CHUNK ? hi - lo - done :
		    PROGRESS_CHUNK;
		n += bytes_count_byte(b, lo + done, lo + done + part, '\n');
		done += part;
		if (hi - lo > LINES_QUICK && done < hi - lo &&
		    progress_tick(ed->progress, (size_t)done, (size_t)(hi - lo)))
			return false;
	}
	*count = back ? ed->ln_count - n : ed->ln_count + n;
	ed->ln_off = off;
	ed->ln_count = *count;
	return true;
}

static int
digits(uint64_t n)
{
	int d = 1;

	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

/* Where the numbers stand now: the top's line and the gutter's width. */
static bool
lines_update(struct editor *ed, bool wait)
{
	uint64_t n;
	int d, k;

	/* A new width can move the top; twice settles it. */
	for (k = 0; k < 2; k++) {
		if (!count_to(ed, ed->top, wait, &n))
			return false;
		ed->top_line = n + 1;
		d = digits(ed->top_line + (uint64_t)ed->lay.view_rows);
		if (d < LINES_DIGITS)
			d = LINES_DIGITS;
		if (ed->gutter == d + 1)
			break;
		ed->gutter = d + 1;
		ed_scroll(ed);
	}
	return true;
}

void
ed_lines_follow(struct editor *ed)
{
	if (!ed->line_numbers || ed->view != VIEW_TEXT || ed_size(ed) == 0) {
		if (ed->gutter != 0) {
			ed->gutter = 0;
			ed_scroll(ed);
		}
		return;
	}
	if (!lines_update(ed, true)) {
		ed->line_numbers = false;
		ed->gutter = 0;
		ed_scroll(ed);
		ed_msg(ed, true, "line numbers off: counting the lines was "
		    "stopped");
	}
}

void
ed_lines_edited(struct editor *ed, size_t off)
{
	/* The overview's samples may be of these bytes too; the matches too. */
	ed->ov_valid = false;
	ed->search.counted = 0;
	if (off < ed->ln_off) {
		ed->ln_off = 0;
		ed->ln_count = 0;
	}
}

/* '#'. */
void
cmd_toggle_line_numbers(struct editor *ed)
{
	ed->line_numbers = !ed->line_numbers;
	if (!ed->line_numbers)
		ed_msg(ed, false, "line numbers off");
	else if (ed->view != VIEW_TEXT)
		ed_msg(ed, false, "line numbers on: the line view (t) shows "
		    "them");
	else
		ed_msg(ed, false, "line numbers on");
}

bool
editor_row_line(struct editor *ed, size_t row, uint64_t *line)
{
	uint64_t n;

	if (!ed->line_numbers || ed->gutter == 0)
		return false;
	if (row > 0 && ed_byte(ed, row - 1) != '\n')
		return false;
	if (!count_to(ed, row, false, &n))
		return false;
	*line = n + 1;
	return true;
}
