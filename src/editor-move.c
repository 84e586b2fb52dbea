/*
 * editor-move.c - where the cursor is and what the screen shows: moving by
 * bytes, lines and pages in both views, scrolling, the wheel, goto,
 * clicks, marks, and laying the view out for the terminal's size.
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

/* Width of the text view: the whole terminal, at least one column. */
int
editor_text_width(const struct editor *ed)
{
	int w = ed->cols - (ed->view == VIEW_TEXT ? ed->gutter : 0);

	return w > 0 ? w : 1;
}

/* Short name for editor_text_width() inside this file. */
static int
ed_text_width(const struct editor *ed)
{
	return editor_text_width(ed);
}

/* Data rows on screen, at least 1 for the movement arithmetic. */
size_t
ed_page_rows(const struct editor *ed)
{
	return ed->lay.view_rows > 0 ? (size_t)ed->lay.view_rows : 1;
}

/* The inspector's column beside the hex view; see editor.h. */
int
editor_inspector_x(const struct editor *ed)
{
	int need = layout_line_width(layout_offset_width(ed->m->origin,
	    ed_extent(ed)), 16) + 2 + INSPECT_BESIDE_WIDTH;
	int cols = ed->cols - (editor_overview_x(ed) >= 0 ?
	    EDITOR_OVERVIEW_WIDTH : 0);

	if (!ed->inspector || ed->view != VIEW_HEX || ed->other != NULL ||
	    cols < need)
		return -1;
	return cols - INSPECT_BESIDE_WIDTH;
}

/* Recompute the hex layout for the terminal size and the panels shown. */
void
ed_relayout(struct editor *ed)
{
	int x = editor_inspector_x(ed), reserved = ed->msg_rows;
	int cols = ed->cols - (editor_overview_x(ed) >= 0 ?
	    EDITOR_OVERVIEW_WIDTH : 0);

	if (ed->inspector && x < 0)
		reserved += inspect_panel_rows(cols);
	/* Insert mode has one cell more: the place after the last byte. */
	layout_compute(&ed->lay, x < 0 ? cols : x - 2, ed->rows,
	    ed->m->origin, ed_extent(ed), ed->fixed_bpl, reserved);
	if (ed->other != NULL && editor_offset_width(ed->other) >
	    ed->lay.offset_width)
		layout_widen(&ed->lay, editor_offset_width(ed->other),
		    ed->fixed_bpl);
}

/* The digits this file's offsets need; see editor.h. */
int
editor_offset_width(const struct editor *ed)
{
	return layout_offset_width(ed->m->origin, ed_extent(ed));
}

/*
 * When the text view's screen from top would end in blank rows, pull top
 * back so the last row is at the bottom, as the hex view does.  Walks only
 * the rows of one screen (and back one screen when it must).
 */
static void
text_clamp_top(struct editor *ed)
{
	size_t row = ed->top;
	long k, rows = (long)ed_page_rows(ed);

	for (k = 1; k < rows; k++)
		if (!textview_next_row(ed_rd(ed), row, ed_text_width(ed),
		    &row))
			break;
	if (k == rows)
		return;
	row = textview_row_start(ed_rd(ed), ed_size(ed) - 1,
	    ed_text_width(ed));
	for (k = 1; k < rows; k++)
		if (!textview_prev_row(ed_rd(ed), row, ed_text_width(ed),
		    &row))
			break;
	if (row < ed->top)
		ed->top = row;
}

/* Move top the least needed for the cursor to be on screen. */
void
ed_scroll(struct editor *ed)
{
	if (ed_extent(ed) == 0) {
		ed->cursor = ed->top = 0;
		return;
	}
	if (ed->cursor >= ed_extent(ed))
		ed->cursor = ed_extent(ed) - 1;
	if (ed->view == VIEW_HEX || ed_size(ed) == 0) {
		ed->top -= ed->top % ed->lay.bpl;
		/* No blank rows below the end when the view could be full. */
		if (ed->top > layout_max_top(&ed->lay))
			ed->top = layout_max_top(&ed->lay);
		ed->top = layout_keep_visible(&ed->lay, ed->top, ed->cursor);
	} else {
		if (ed->top >= ed_size(ed))
			ed->top = ed_size(ed) - 1;
		ed->top = textview_row_start(ed_rd(ed), ed->top,
		    ed_text_width(ed));
		text_clamp_top(ed);
		ed->top = textview_keep_visible(ed_rd(ed), ed->top,
		    ed->cursor, ed_text_width(ed), ed->lay.view_rows);
	}
}

/* Set the cursor (clamped) and scroll to it. */
void
editor_set_cursor(struct editor *ed, size_t off)
{
	ed->cursor = off;
	ed_scroll(ed);
}

/*
 * Jump the cursor to off (a search, a goto, a mark, a difference): the
 * screen stays when off is on it, else off's row lands a third of the way
 * down, with what follows it in sight.
 */
void
ed_jump(struct editor *ed, size_t off)
{
	ed->cursor = off;
	if (ed_extent(ed) > 0 && ed->cursor >= ed_extent(ed))
		ed->cursor = ed_extent(ed) - 1;
	if (ed->view == VIEW_HEX || ed_size(ed) == 0)
		ed->top = layout_jump_top(&ed->lay, ed->top, ed->cursor);
	else
		ed->top = textview_jump_top(ed_rd(ed), ed->top, ed->cursor,
		    ed_text_width(ed), ed->lay.view_rows);
	ed_scroll(ed);
}

/*
 * Start of the text view row holding the cursor (in insert mode past the
 * last byte: the last row).
 */
static size_t
cursor_row(const struct editor *ed)
{
	size_t c = ed->cursor < ed_size(ed) ? ed->cursor : ed_size(ed) - 1;

	return textview_row_start(ed_rd(ed), c, ed_text_width(ed));
}

/*
 * Move the cursor n display rows down (n > 0) or up (n < 0) in the text
 * view, keeping its column where the rows allow.
 */
static void
text_move_rows(struct editor *ed, long n)
{
	size_t row, next;
	int col;

	row = cursor_row(ed);
	col = textview_col(ed_rd(ed), row, ed->cursor, ed_text_width(ed));
	for (; n > 0; n--) {
		if (!textview_next_row(ed_rd(ed), row, ed_text_width(ed),
		    &next))
			break;
		row = next;
	}
	for (; n < 0; n++) {
		if (!textview_prev_row(ed_rd(ed), row, ed_text_width(ed),
		    &next))
			break;
		row = next;
	}
	ed->cursor = textview_hit(ed_rd(ed), row, col,
	    ed_text_width(ed));
}

/* Move the text view's top n rows (either sign); returns rows moved. */
static long
text_move_top(struct editor *ed, long n)
{
	size_t next;
	long moved = 0;

	for (; n > 0; n--, moved++)
		if (!textview_next_row(ed_rd(ed), ed->top,
		    ed_text_width(ed), &next))
			break;
		else
			ed->top = next;
	for (; n < 0; n++, moved++)
		if (!textview_prev_row(ed_rd(ed), ed->top,
		    ed_text_width(ed), &next))
			break;
		else
			ed->top = next;
	return moved;
}

/* Left, h: one byte back, stopping at the start. */
void
cmd_left(struct editor *ed)
{
	if (ed->cursor > 0)
		ed->cursor--;
}

/* Right, l: one byte on, stopping at the last byte. */
void
cmd_right(struct editor *ed)
{
	if (ed->cursor + 1 < ed_extent(ed))
		ed->cursor++;
}

/* Up, k: one line (hex) or display row (text view) up. */
void
cmd_up(struct editor *ed)
{
	if (ed->view == VIEW_TEXT)
		text_move_rows(ed, -1);
	else if (ed->cursor >= ed->lay.bpl)
		ed->cursor -= ed->lay.bpl;
}

/* Down one line; onto the last byte when the next line is shorter. */
void
cmd_down(struct editor *ed)
{
	size_t bpl = ed->lay.bpl;

	if (ed->view == VIEW_TEXT)
		text_move_rows(ed, 1);
	else if (ed->cursor / bpl + 1 < layout_nrows(&ed->lay))
		ed->cursor = ed->cursor + bpl < ed_extent(ed) ?
		    ed->cursor + bpl : ed_extent(ed) - 1;
}

/* The view and the cursor both move one screenful, as in less. */
void
cmd_page_down(struct editor *ed)
{
	size_t page, max;

	if (ed->view == VIEW_TEXT) {
		text_move_top(ed, (long)ed_page_rows(ed));
		text_move_rows(ed, (long)ed_page_rows(ed));
		return;
	}
	page = ed_page_rows(ed) * ed->lay.bpl;
	max = layout_max_top(&ed->lay);
	ed->top = max - ed->top > page ? ed->top + page : max;
	if (ed->cursor / ed->lay.bpl + 1 < layout_nrows(&ed->lay))
		ed->cursor = ed_extent(ed) - ed->cursor > page ?
		    ed->cursor + page : ed_extent(ed) - 1;
}

/*
 * PgUp, b, Ctrl-B: the view and the cursor one screenful back; at the
 * top the cursor keeps its column on the first line.
 */
void
cmd_page_up(struct editor *ed)
{
	size_t page;

	if (ed->view == VIEW_TEXT) {
		text_move_top(ed, -(long)ed_page_rows(ed));
		text_move_rows(ed, -(long)ed_page_rows(ed));
		return;
	}
	page = ed_page_rows(ed) * ed->lay.bpl;
	ed->top = ed->top > page ? ed->top - page : 0;
	ed->cursor = ed->cursor >= page ? ed->cursor - page :
	    ed->cursor % ed->lay.bpl;
}

/* Home, 0: first byte of the hex line or of the display row. */
void
cmd_line_start(struct editor *ed)
{
	if (ed->view == VIEW_TEXT)
		ed->cursor = cursor_row(ed);
	else
		ed->cursor -= ed->cursor % ed->lay.bpl;
}

/* End, $: last byte of the hex line or of the display row. */
void
cmd_line_end(struct editor *ed)
{
	size_t e;

	if (ed->view == VIEW_TEXT)
		e = textview_row_end(ed_rd(ed), cursor_row(ed),
		    ed_text_width(ed));
	else
		e = ed->cursor - ed->cursor % ed->lay.bpl + ed->lay.bpl;
	ed->cursor = (e < ed_extent(ed) ? e : ed_extent(ed)) - 1;
}

/* G, Ctrl-End: the last byte. */
void
cmd_end(struct editor *ed)
{
	ed->cursor = ed_size(ed) - 1;
}

/* gg, Ctrl-Home: the first byte. */
void
cmd_start(struct editor *ed)
{
	ed->cursor = 0;
}

/* Wheel: the view moves WHEEL_ROWS rows, the cursor only if it must. */
static void
wheel(struct editor *ed, long rows)
{
	size_t step, max, bottom, row;
	long k;

	if (ed->view == VIEW_TEXT) {
		text_move_top(ed, rows);
		if (ed->cursor < ed->top) {
			ed->cursor = ed->top;
			return;
		}
		row = ed->top;
		for (k = 1; k < (long)ed_page_rows(ed); k++)
			if (!textview_next_row(ed_rd(ed), row,
			    ed_text_width(ed), &row))
				break;
		bottom = textview_row_end(ed_rd(ed), row,
		    ed_text_width(ed));
		if (ed->cursor >= bottom)
			ed->cursor = row;
		return;
	}
	step = (size_t)(rows < 0 ? -rows : rows) * ed->lay.bpl;
	max = layout_max_top(&ed->lay);
	if (rows < 0)
		ed->top = ed->top > step ? ed->top - step : 0;
	else
		ed->top = max - ed->top > step ? ed->top + step : max;
	if (ed->cursor < ed->top)
		ed->cursor = ed->top + ed->cursor % ed->lay.bpl;
	bottom = ed->top + ed_page_rows(ed) * ed->lay.bpl;
	if (ed->cursor >= bottom)
		ed->cursor = bottom - ed->lay.bpl + ed->cursor % ed->lay.bpl;
	if (ed->cursor >= ed_extent(ed))
		ed->cursor = ed_extent(ed) - 1;
}

/* Wheel up. */
void
cmd_scroll_up(struct editor *ed)
{
	wheel(ed, -WHEEL_ROWS);
}

/* Wheel down. */
void
cmd_scroll_down(struct editor *ed)
{
	wheel(ed, WHEEL_ROWS);
}

/* m: wait for the mark letter. */
void
cmd_set_mark(struct editor *ed)
{
	ed->pending = PENDING_SET_MARK;
	ed_enter(ed, INPUT_MARK);
	ed_msg(ed, false, "set mark: a-z");
}

/* ': wait for the mark letter. */
void
cmd_jump_mark(struct editor *ed)
{
	ed->pending = PENDING_JUMP_MARK;
	ed_enter(ed, INPUT_MARK);
	ed_msg(ed, false, "jump to mark: a-z");
}

/* The letter after m or '. */
void
mark_key(struct editor *ed, int key)
{
	enum pending what = ed->pending;
	unsigned i;

	ed->pending = PENDING_NONE;
	ed_leave(ed);
	if (key == EK_ESC)
		return;
	if (key < 'a' || key > 'z') {
		ed_msg(ed, true, "marks are a-z");
		return;
	}
	i = (unsigned)(key - 'a');
	if (what == PENDING_SET_MARK) {
		ed->marks[i] = ed->cursor;
		ed->marks_set |= (uint32_t)1 << i;
		ed_msg(ed, false, "mark %c set", key);
	} else if ((ed->marks_set & ((uint32_t)1 << i)) == 0)
		ed_msg(ed, true, "mark %c not set", key);
	else
		ed_jump(ed, ed->marks[i]);
}

/* New terminal size. */
void
editor_resize(struct editor *ed, int cols, int rows)
{
	ed->cols = cols;
	ed->rows = rows;
	ed_relayout(ed);
	ed_scroll(ed);
	ed_lines_follow(ed);
	ed->redraw = true;
}

/* A mouse click; see editor.h. */
void
editor_click(struct editor *ed, int x, int y)
{
	size_t off, row;
	enum pane pane;
	int k;

	ed->msg[0] = '\0';
	/* The cursor moved by hand: the typing run's undo step is complete. */
	ed_run_end(ed);
	if (ed->input == INPUT_QUESTION)
		ed_msg(ed, false, "%s", ed->question);
	/* Clicks move the cursor in the modes only, not under a prompt. */
	if (ed->input != editor_mode(ed) || ed_size(ed) == 0 || y < 0 || x < 0 || y >= ed->lay.view_rows)
		return;
	/* On the overview: to the start of the part of the file the cell is. */
	if (editor_overview_x(ed) >= 0 && x >= editor_overview_x(ed)) {
		size_t lo, hi;

		editor_overview_range(ed, y, &lo, &hi);
		ed_jump(ed, lo < ed_size(ed) ? lo : ed_size(ed) - 1);
		return;
	}
	ed->low_nibble = false;
	if (ed->view == VIEW_HEX) {
		if (layout_hit(&ed->lay, ed->top, x, y, &off, &pane) == -1)
			return;
		ed->pane = pane;
		editor_set_cursor(ed, off);
		return;
	}
	row = ed->top;
	for (k = 0; k < y; k++)
		if (!textview_next_row(ed_rd(ed), row, ed_text_width(ed),
		    &row))
			return;
	/* A click on a line number is on the line's first byte. */
	x = x > ed->gutter ? x - ed->gutter : 0;
	editor_set_cursor(ed, textview_hit(ed_rd(ed), row, x,
	    ed_text_width(ed)));
}

/* Go to a goto expression; see editor.h. */
int
editor_goto(struct editor *ed, const char *s, struct error *err)
{
	struct expr_ctx ctx;
	uint64_t to;

	if (ed_size(ed) == 0) {
		error_set(err, -1, "empty file");
		return -1;
	}
	ctx.cursor = ed->m->origin + ed->cursor;
	ctx.origin = ed->m->origin;
	ctx.size = ed_size(ed);
	ctx.lo = ed->m->origin;
	ctx.hi = ed->m->origin + ed_size(ed) - 1;
	if (expr_eval(s, &ctx, &to, err) == -1)
		return -1;
	ed_jump(ed, (size_t)(to - ed->m->origin));
	return 0;
}

/* Rows of the data area. */
int
editor_view_rows(const struct editor *ed)
{
	return ed->lay.view_rows;
}

void
editor_set_msg_rows(struct editor *ed, int rows)
{
	if (rows == ed->msg_rows)
		return;
	ed->msg_rows = rows;
	ed_relayout(ed);
	ed_scroll(ed);
}
