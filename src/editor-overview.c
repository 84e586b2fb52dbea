/*
 * editor-overview.c - the overview column ('o'): on the right edge, one
 * cell per data row for 1/H of the file (H data rows), showing the kind
 * of data there by the rule `mmhex --map` prints (filemap.h): zero, text,
 * binary or random.  A cell's kind is the most common among blocks (of
 * 4 KiB from the window's start) sampled at offsets spread evenly over
 * its part: OVERVIEW_SAMPLES at once (H x 4 blocks read, whatever the
 * file's size), then, in idle time, one more a cell at a time up to
 * EDITOR_OVERVIEW_SHARP, each between two earlier ones; kept until the
 * size, the rows or the bytes change.  A block in a hole of a file shown
 * as it is counts as zero without being read.
 */
#include "config.h"

#include <string.h>

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
 * Where sample k of the cell [lo, hi) lies: at the fraction of the cell
 * that is k with its 16 bits reversed (0, 1/2, 1/4, 3/4, 1/8...), so the
 * samples taken so far are always spread evenly, each between two
 * earlier ones; the start of the block there.
 */
static size_t
sample_at(size_t lo, size_t hi, unsigned k)
{
	uint64_t len = hi - lo, frac = 0;
	unsigned i;
	size_t b;

	for (i = 0; i < 16; i++)
		frac |= (uint64_t)((k >> i) & 1) << (15 - i);
	b = lo + (size_t)((len >> 16) * frac + (((len & 0xffff) * frac) >> 16));
	return b - b % FILEMAP_BLOCK;
}

/*
 * Sample k of cell row: one more vote for the kind of its block (a hole
 * is zero without being read); the cell shows the most common kind so
 * far, on a tie the kind that reached the count first.
 */
static void
vote(struct editor *ed, int row, unsigned k)
{
	unsigned char buf[FILEMAP_BLOCK];
	unsigned short *votes = ed->ov_votes[row];
	enum filemap_kind kind;
	size_t lo, hi, b;

	editor_overview_range(ed, row, &lo, &hi);
	if (lo >= hi)
		return;
	b = sample_at(lo, hi, k);
	kind = ed_hole_end(ed, b) > b ? FILEMAP_ZERO :
	    ed_block_kind(ed, b, buf);
	if (++votes[kind] > votes[ed->ov_kind[row]])
		ed->ov_kind[row] = (unsigned char)kind;
}

/* The cells' rows now. */
static int
cell_rows(const struct editor *ed)
{
	return ed->lay.view_rows > EDITOR_OVERVIEW_ROWS ? EDITOR_OVERVIEW_ROWS :
	    ed->lay.view_rows;
}

/*
 * The cells at once, from OVERVIEW_SAMPLES blocks each (H x 4 blocks
 * read, whatever the file's size), when the rows, the size or the bytes
 * changed since.
 */
static void
overview_start(struct editor *ed)
{
	int r, rows = cell_rows(ed);
	unsigned k;

	if (ed->ov_valid && ed->ov_rows == rows && ed->ov_size == ed_size(ed))
		return;
	memset(ed->ov_votes, 0, sizeof(ed->ov_votes));
	for (r = 0; r < rows; r++) {
		ed->ov_kind[r] = FILEMAP_ZERO;
		for (k = 0; k < OVERVIEW_SAMPLES; k++)
			vote(ed, r, k);
	}
	ed->ov_rows = rows;
	ed->ov_size = ed_size(ed);
	ed->ov_samples = OVERVIEW_SAMPLES;
	ed->ov_next = 0;
	ed->ov_valid = true;
}

/* The kind cell row shows; see editor.h. */
enum filemap_kind
editor_overview_kind(struct editor *ed, int row)
{
	overview_start(ed);
	return row < ed->ov_rows ? (enum filemap_kind)ed->ov_kind[row] :
	    FILEMAP_ZERO;
}

/* More samples in idle time; see editor.h. */
int
editor_overview_sharpen(struct editor *ed, unsigned blocks)
{
	int changed = 0;
	unsigned char was;

	if (editor_overview_x(ed) < 0)
		return -1;
	overview_start(ed);
	while (blocks-- > 0 && ed->ov_samples < EDITOR_OVERVIEW_SHARP) {
		was = ed->ov_kind[ed->ov_next];
		vote(ed, ed->ov_next, ed->ov_samples);
		changed |= was != ed->ov_kind[ed->ov_next];
		if (++ed->ov_next >= ed->ov_rows) {
			ed->ov_next = 0;
			ed->ov_samples++;
		}
	}
	if (ed->ov_samples >= EDITOR_OVERVIEW_SHARP && !changed)
		return -1;
	return changed;
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
