/*
 * editor-skip.c - '}' and '{': to where the kind of data changes, by the
 * rule `mmhex --map` prints (filemap.h): blocks of 4 KiB from the window's
 * start, each zero, text, binary or random.  '}' goes to the start of the
 * next run of another kind than the cursor's block; '{' to the start of
 * the cursor's run, or, from there, of the run before.  "Skip the zeros"
 * of a disk image is one key.
 *
 * The bytes are the ones shown (unflushed edits included), a block read
 * in place where it lies in one run.  Without unflushed edits the file's
 * holes are zero blocks without being read.  Long walks go through the
 * progress hook: Esc stops them and the cursor stays.
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "editor-int.h"
#include "filemap.h"

/* The kind of the block at b (a multiple of FILEMAP_BLOCK) of ed's bytes. */
enum filemap_kind
ed_block_kind(struct editor *ed, size_t b, unsigned char *buf)
{
	struct bytes *rd = ed_rd(ed);
	size_t n = ed_size(ed) - b < FILEMAP_BLOCK ? ed_size(ed) - b :
	    FILEMAP_BLOCK;
	const unsigned char *p;
	uint64_t run;

	p = bytes_span(rd, b, &run);
	if (run < n) {
		bytes_read(rd, b, buf, n);
		p = buf;
	}
	return filemap_classify(p, n);
}

/*
 * Where the hole or the run of data at b ends (a hole's end rounded down
 * to a block boundary, past b), *hole saying which; size and no hole
 * where the file's bytes are not the ones shown (inserts or deletes, an
 * unflushed copy-on-write edit; a write-through edit is in the file
 * already).  One pair of lseeks a segment, not a block: a walk over
 * data keeps the end and asks again only past it.  Reading a hole can
 * fault where the file system cannot fill it (a full tmpfs).
 */
size_t
ed_segment_end(struct editor *ed, size_t b, bool *hole)
{
	size_t end;
	bool data;

	*hole = false;
	if (ed_sized(ed) || (ed->m->session == SESSION_COW &&
	    editor_unflushed(ed)))
		return ed_size(ed);
	end = mapping_segment_end(ed->m, b, ed_size(ed), &data);
	if (!data && end - end % FILEMAP_BLOCK > b) {
		*hole = true;
		return end - end % FILEMAP_BLOCK;
	}
	/* A hole shorter than a block from b is read as data. */
	return data ? end : b + FILEMAP_BLOCK;
}

/* Where the hole at b ends (a block boundary), or b. */
size_t
ed_hole_end(struct editor *ed, size_t b)
{
	bool hole;
	size_t end = ed_segment_end(ed, b, &hole);

	return hole ? end : b;
}

/*
 * The first block from b (a block boundary) before end that is not all
 * zeros, or the last whole block's end: the walk over zeros written to
 * disk, in place over the run b lies in, a memcmp a block.
 */
static size_t
zero_blocks_end(struct editor *ed, size_t b, size_t end)
{
	static const unsigned char zeros[FILEMAP_BLOCK];
	const unsigned char *p;
	uint64_t run;

	p = bytes_span(ed_rd(ed), b, &run);
	if (run < end - b)
		end = b + (size_t)run;
	while (end - b >= FILEMAP_BLOCK && memcmp(p, zeros,
	    FILEMAP_BLOCK) == 0) {
		b += FILEMAP_BLOCK;
		p += FILEMAP_BLOCK;
	}
	return b;
}

/* The kind's name for the messages. */
static const char *
kind(enum filemap_kind k)
{
	return filemap_kind_name(k);
}

/* 1 when the progress hook says stop, ticked every few MiB walked. */
static int
tick(struct editor *ed, size_t walked, size_t total, size_t *ticked)
{
	if (walked - *ticked < PROGRESS_CHUNK)
		return 0;
	*ticked = walked;
	return progress_tick(ed->progress, walked, total);
}

void
cmd_skip_next(struct editor *ed)
{
	unsigned char buf[FILEMAP_BLOCK];
	size_t size = ed_size(ed), b, seg = 0, ticked = 0, from;
	enum filemap_kind k;
	bool hole = false;

	b = ed->cursor - ed->cursor % FILEMAP_BLOCK;
	from = b;
	k = ed_block_kind(ed, b, buf);
	ed->busy = "skipping";
	mapping_advise_sequential(ed->m, true);
	for (b += FILEMAP_BLOCK; b < size; b += FILEMAP_BLOCK) {
		if (k == FILEMAP_ZERO && b >= seg)
			seg = ed_segment_end(ed, b, &hole);
		if (k == FILEMAP_ZERO && hole) {
			b = seg - FILEMAP_BLOCK;
			continue;
		}
		/* Zeros on disk: up to a tick's worth at memcmp's speed. */
		if (k == FILEMAP_ZERO) {
			size_t stop = seg - b > PROGRESS_CHUNK ?
			    b + PROGRESS_CHUNK : seg, z;

			z = zero_blocks_end(ed, b, stop);
			if (z > b) {
				b = z - FILEMAP_BLOCK;
				if (tick(ed, z - from, size - from, &ticked))
					goto stopped;
				continue;
			}
		}
		if (ed_block_kind(ed, b, buf) != k)
			break;
		if (tick(ed, b - from, size - from, &ticked))
			goto stopped;
	}
	mapping_advise_sequential(ed->m, false);
	ed->busy = NULL;
	if (b >= size) {
		ed_msg(ed, false, "%s to the end", kind(k));
		return;
	}
	ed_jump(ed, b);
	ed_msg(ed, false, "%s until here; %s from 0x%" PRIx64, kind(k),
	    kind(ed_block_kind(ed, b, buf)), ed->m->origin + b);
	return;
stopped:
	mapping_advise_sequential(ed->m, false);
	ed->busy = NULL;
	ed_msg(ed, true, "skip stopped: the cursor stays");
}

void
cmd_skip_prev(struct editor *ed)
{
	unsigned char buf[FILEMAP_BLOCK];
	size_t b, ticked = 0, from;
	enum filemap_kind k;

	b = ed->cursor - ed->cursor % FILEMAP_BLOCK;
	/* At a run's start already: the run before is the one to go to. */
	if (b == ed->cursor && b > 0 && ed_block_kind(ed, b - FILEMAP_BLOCK,
	    buf) != ed_block_kind(ed, b, buf))
		b -= FILEMAP_BLOCK;
	from = b;
	k = ed_block_kind(ed, b, buf);
	ed->busy = "skipping";
	while (b > 0 && ed_block_kind(ed, b - FILEMAP_BLOCK, buf) == k) {
		b -= FILEMAP_BLOCK;
		if (tick(ed, from - b, from, &ticked)) {
			ed->busy = NULL;
			ed_msg(ed, true, "skip stopped: the cursor stays");
			return;
		}
	}
	ed->busy = NULL;
	ed_jump(ed, b);
	ed_msg(ed, false, "%s from 0x%" PRIx64 "%s", kind(k),
	    ed->m->origin + b, b == 0 ? ", the start" : "");
}
