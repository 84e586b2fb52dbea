/*
 * pieces.h - the bytes of an edited file as a list of pieces: runs of the
 * original file ("base": the mapping, or the file read with pread) and
 * runs of inserted bytes, in file order.
 *
 * Inserting or deleting anywhere splits at most one piece and shifts the
 * offsets of the pieces after it: O(pieces), never O(file), so an insert
 * at offset 0 of a 100 GiB file costs what one in a 4 KiB file does.  An
 * unedited file is one piece of the base, so reading through the list is
 * reading the base; pieces_span() hands out the longest run at an offset
 * that lies in one piece, without a copy.
 *
 * pieces_write() makes a file hold what the list says, in place: only the
 * pieces that moved are read and written, each byte once, in an order
 * that never overwrites a byte still to be read (see pieces.c).
 */
#ifndef MMHEX_PIECES_H
#define MMHEX_PIECES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "progress.h"
#include "util.h"

struct piece {
	uint64_t	 at;	/* offset in the edited file */
	uint64_t	 len;	/* > 0 */
	uint64_t	 src;	/* offset in the base, or in the added bytes */
	bool		 added;	/* from the added bytes, not the base */
};

struct pieces {
	struct piece	*p;	/* in file order, contiguous, none empty */
	size_t		 n;
	size_t		 cap;
	uint64_t	 size;		/* of the edited file */
	uint64_t	 base_size;	/* of the base */
	unsigned char	*add;	/* every byte ever inserted, appended */
	size_t		 add_len;
	size_t		 add_cap;
};

/* A list over a base of base_size bytes, unedited. */
void	pieces_init(struct pieces *ps, uint64_t base_size);
void	pieces_free(struct pieces *ps);

/* Is the list the base, unchanged (one piece of it, or none when empty)? */
bool	pieces_unedited(const struct pieces *ps);

/*
 * Insert len bytes before offset off (off may be ps->size: append).
 * Returns 0, or -1 for an offset past the end (nothing changed).
 */
int	pieces_insert(struct pieces *ps, uint64_t off, const void *bytes,
	    size_t len);

/*
 * Delete [off, off + len).  Returns 0, or -1 for a range that does not
 * lie inside the file (nothing changed).
 */
int	pieces_delete(struct pieces *ps, uint64_t off, uint64_t len);

/*
 * The base is now new_base bytes long (the file was cut or grew under
 * us): bytes of the base past its new end are gone from the list; when
 * the list ended with the end of the base, what the base grew by follows.
 * Returns the bytes of the list that went.
 */
uint64_t pieces_rebase(struct pieces *ps, uint64_t new_base);

/*
 * An added piece holding exactly the bytes of the base that would join it
 * to a neighbouring run of the base (an undone delete; an insert redone
 * after a flush) becomes that run of the base again and joins it, so the
 * list says unedited when the bytes are.  base holds the base; only the
 * pieces around off (where the last insert or delete was) are looked at.
 */
void	pieces_rejoin(struct pieces *ps, const unsigned char *base,
	    uint64_t off);

/* Bytes the list holds from the added bytes (inserted, or overwritten there). */
uint64_t pieces_added(const struct pieces *ps);

/* The index of the piece holding offset off < ps->size (binary search). */
size_t	pieces_at(const struct pieces *ps, uint64_t off);

/*
 * The bytes at off (< ps->size) as one run, without a copy: sets *len to
 * how many follow in the same piece and returns a pointer into base or
 * into the added bytes.
 */
const unsigned char *pieces_span(const struct pieces *ps,
	    const unsigned char *base, uint64_t off, uint64_t *len);

/* Copy [off, off + len) (inside the file) into buf. */
void	pieces_read(const struct pieces *ps, const unsigned char *base,
	    uint64_t off, void *buf, size_t len);

/*
 * How far pieces_write() got, so that a call with the same list goes on
 * from there after an error (a full disk) or a cancel: the stages in
 * order, the step (piece) within the stage, the bytes of that piece done.
 * Zero it before the first call.
 */
enum {
	PIECES_MOVE_START,	/* nothing done: the file is as it was */
	PIECES_MOVE_SHIFT,	/* blocks shifted by the file system: step
				   of them done, last first */
	PIECES_MOVE_UP,		/* the pieces moving up, last first */
	PIECES_MOVE_DOWN,	/* the pieces moving down, first first */
	PIECES_MOVE_ADDED,	/* the inserted bytes */
	PIECES_MOVE_SHRINK,	/* the end cut off */
	PIECES_MOVE_DONE,
};

struct pieces_move {
	int		 stage;
	size_t		 step;
	uint64_t	 done;	/* bytes of the step's piece written */
	uint64_t	 moved;	/* bytes written in all */
	uint64_t	 total;	/* bytes there are to write in all */
	unsigned char	*buf;	/* the chunk in flight, owned */
	bool		 blocks;	/* the file system shifted blocks: none
				   of the file's bytes were moved by us */
	bool		 full;	/* buf holds the chunk in flight (read, or
				   given back by a log): write it from there */
	size_t		 held;	/* ...written up to here */
	/*
	 * Told before every call that changes the file, with mv as it is
	 * then: what a crash in that call must go on from.  Before a chunk
	 * that covers part of its own source, chunk and len are the bytes
	 * it writes, which a crash in the middle of its write would leave
	 * nowhere else.  Nonzero stops the write, nothing of that call done
	 * (errno says why).  Kept by pieces_move_free().
	 */
	int		(*log)(void *ctx, const struct pieces_move *mv,
			    const unsigned char *chunk, size_t len);
	void		*log_ctx;
};

/*
 * What a log told is enough to go on from after a crash: mv as the log
 * was told it, with the chunk's bytes when it was given some (copied into
 * mv->buf, full).  pieces_write() then finishes the list, the same list,
 * in the file as the crash left it.
 */
void	pieces_move_resume(struct pieces_move *mv, size_t chunk,
	    const unsigned char *bytes, size_t len);

/* Free what mv holds and zero it (back to the start). */
void	pieces_move_free(struct pieces_move *mv);

/*
 * Make the file open on fd, whose bytes are the base, hold the edited
 * bytes.  Where the file system shifts blocks itself and every change of
 * size is whole blocks, fallocate's INSERT_RANGE / COLLAPSE_RANGE do it
 * and only the added bytes are written.  Else: grow the file first
 * (fallocate, so a full disk says so before a byte moves; ftruncate
 * where fallocate is not offered), move the pieces that changed place
 * (pread, pwrite in chunks of at most chunk bytes: the ones moving up
 * from the end backwards, then the ones moving down from the start
 * forwards), write the added bytes, then shrink it (ftruncate).  Pieces
 * that stay where they are are not touched; mv->moved counts the bytes
 * written, of mv->total.
 *
 * After each chunk progress may stop it.  Returns 0 when the file holds
 * the list, 1 when cancelled at a chunk border, -1 with *err set ("FILE:
 * write: ... (N bytes moved)").  Cancelled or failed, the file is part
 * moved and mv says where: the same call again, with the same list, file
 * and chunk, goes on and finishes it (pieces_move_free() gives up).  With
 * nothing moved the file is as it was (a growth taken back, mv back at
 * the start).  A shift of blocks that failed half-way goes on from that
 * shift too.  With mv->log set, every call that changes the file is told
 * to it first, so a crash anywhere can be gone on from as well
 * (pieces_move_resume()).
 */
int	pieces_write(const struct pieces *ps, int fd, const char *path,
	    size_t chunk, struct pieces_move *mv,
	    const struct progress *progress, struct error *err);

#endif
