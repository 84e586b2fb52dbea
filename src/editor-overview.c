/*
 * editor-overview.c - the overview column ('o'): on the right edge, one
 * cell per data row for 1/H of the file (H data rows), showing the kind
 * of data there by the rule `mmhex --map` prints (filemap.h): zero, text,
 * binary or random.  A cell's kind is the most common among the
 * OVERVIEW_SAMPLES blocks (of 4 KiB from the window's start) that hold
 * offsets spread evenly over its part: H x OVERVIEW_SAMPLES blocks read,
 * whatever the file's size, kept until the size, the rows or the bytes
 * change.  A block
 * in a hole of a file shown as it is counts as zero without being read.
 */
#include "config.h"

#include "editor-int.h"
#include "layout.h"

#define OVERVIEW_SAMPLES	4

/* The cell's column, when shown; see editor.h. */
int
editor_overview_x(const struct editor *ed)
{
	int need = layout_line_width(layout_offset_width(ed->m->origin,
	    ed_extent(ed)), 16) + EDITOR_OVERVIEW_WIDTH;

	/* The line view keeps every column for its lines, as less does. */
	if (!ed->overview || ed->view != VIEW_HEX || ed->other != NULL ||
	    ed_extent(ed) == 0 || ed->cols < need)
		return -1;
	return ed->cols - 1;
}

/* Window range [*lo, *hi) cell row covers; see editor.h. */
void
editor_overview_range(const struct editor *ed, int row, size_t *lo,
    size_t *hi)
{
	uint64_t n = ed_size(ed), rows = ed->lay.view_rows > 0 ?
	    (uint64_t)ed->lay.view_rows : 1;

	*lo = (size_t)(n * (uint64_t)row / rows);
	*hi = (size_t)(n * (uint64_t)(row + 1) / rows);
}

/*
 * The most common kind of the blocks holding offsets lo + k (hi - lo) / 4
 * for k = 0..3 (a block may be sampled twice: it votes twice); on a tie
 * the kind that reached the count first.
 */
static enum filemap_kind
cell_kind(struct editor *ed, size_t lo, size_t hi)
{
	unsigned char buf[FILEMAP_BLOCK];
	unsigned votes[4] = { 0, 0, 0, 0 };
	enum filemap_kind kind, best = FILEMAP_ZERO;
	size_t k, b;

	for (k = 0; k < OVERVIEW_SAMPLES; k++) {
		b = lo + k * ((hi - lo) / OVERVIEW_SAMPLES);
		b -= b % FILEMAP_BLOCK;
		/* A hole is zero without being read. */
		kind = ed_hole_end(ed, b) > b ? FILEMAP_ZERO :
		    ed_block_kind(ed, b, buf);
		if (++votes[kind] > votes[best])
			best = kind;
	}
	return best;
}

/* The kind cell row shows; see editor.h. */
enum filemap_kind
editor_overview_kind(struct editor *ed, int row)
{
	size_t lo, hi;
	int r, rows = ed->lay.view_rows;

	if (rows > EDITOR_OVERVIEW_ROWS)
		rows = EDITOR_OVERVIEW_ROWS;
	if (!ed->ov_valid || ed->ov_rows != rows || ed->ov_size != ed_size(ed)) {
		for (r = 0; r < rows; r++) {
			editor_overview_range(ed, r, &lo, &hi);
			ed->ov_kind[r] = (unsigned char)(lo < hi ?
			    cell_kind(ed, lo, hi) : FILEMAP_ZERO);
		}
		ed->ov_rows = rows;
		ed->ov_size = ed_size(ed);
		ed->ov_valid = true;
	}
	return row < rows ? (enum filemap_kind)ed->ov_kind[row] : FILEMAP_ZERO;
}

/* 'o'. */
void
cmd_toggle_overview(struct editor *ed)
{
	ed->overview = !ed->overview;
	ed_relayout(ed);
	ed_scroll(ed);
	if (ed->overview && editor_overview_x(ed) < 0)
		ed_msg(ed, false, "overview on: it shows when the terminal is "
		    "wide enough");
	else
		ed_msg(ed, false, ed->overview ? "overview on" : "overview off");
}
