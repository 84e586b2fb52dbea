/*
 * move-log.h - what a flush that moves bytes in place (pieces_write())
 * needs on disk so that a crash in the middle of it can be gone on from:
 * the whole file's list it makes the file hold, once, and before every
 * call that changes the file, how far it got and, for a chunk written
 * over its own source, the chunk's bytes (as a database's write-ahead log
 * holds a page before it is overwritten).
 *
 * One file beside the session's journal, DEV-INO.move:
 *
 *	"mmhex move 1\n" (16 bytes) | u64 chunk | u64 size | u64 base_size
 *	| u64 pieces | u64 added | u32 CRC-32 of all before it
 *	| pieces (at, len, src, added: 4 x u64 each) | added bytes
 *	| u32 CRC-32 of the pieces and the added bytes
 *	then, from the next 4 KiB border, two regions of 64 + chunk bytes,
 *	each holding records one after another:
 *	u64 seq | u32 stage | u64 step | u64 done | u64 moved | u64 total
 *	| u64 len | u32 CRC-32 of the record (head and len bytes) | len bytes
 *
 * The len bytes are the chunk in flight, or (stage | 0x10000) its paged
 * form when that is shorter: u64 src | u64 at | u64 length, then for
 * each file page of where it goes, u64 hash of the page new | the bytes
 * of its source outside it (|src - at| for a small shift): after a crash
 * each page is old or new, and an old one is most of its own source.
 *
 * A record with a chunk's bytes after another such record goes on in the
 * region (a generation): the file is not synced between them, since each
 * such chunk can be made again from the file and its record.  Any other
 * record first syncs the file and begins a generation in the other
 * region.  Every record is made durable (fdatasync) before the call it
 * tells of.  Read back: the region whose last whole record (seqs going on
 * by one) is newer; a record torn by the crash leaves the one before it.
 * See ARCHITECTURE.md.
 */
#ifndef MMHEX_MOVE_LOG_H
#define MMHEX_MOVE_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pieces.h"
#include "util.h"

struct move_log {
	int		 fd;		/* the log's, -1: none */
	char		*path;		/* owned */
	int		 target;	/* the file being moved */
	const struct pieces *list;	/* what it is moved to: the caller's,
					   kept while the log is */
	size_t		 chunk;
	uint64_t	 slots_at;	/* where slot 0 begins */
	uint64_t	 seq;		/* states told */
	int		 region;	/* the generation's: 0 or 1 */
	size_t		 gen_used;	/* ...bytes of it written */
	bool		 gen_bytes;	/* ...its last state had a chunk's bytes */
	bool		 whole_next;	/* the next chunk goes whole */
};

/* "DIR/DEV-INO.move" for the journal at journal_path ("...journal"). */
void	move_log_path(char *buf, size_t len, const char *journal_path);

/*
 * Begin the log at path for a move of the file open on target to list,
 * in chunks of chunk bytes, from the state mv (START for a new move; a
 * move resumed after a crash goes on logging from where it is, the chunk
 * in flight with it): written aside, made durable, renamed into place,
 * so a log at path is always whole.  Returns 0, or -1 with *err set
 * (nothing begun).
 */
int	move_log_begin(struct move_log *ml, const char *path, int target,
	    const struct pieces *list, size_t chunk,
	    const struct pieces_move *mv, struct error *err);

/* A pieces_move log (pieces.h): ctx is the struct move_log. */
int	move_log_tell(void *ctx, const struct pieces_move *mv,
	    const unsigned char *chunk, size_t len);

/* The move is over: remove the log. */
void	move_log_end(struct move_log *ml);

/* Stop writing it, keep the file (a move that stopped, to go on later). */
void	move_log_close(struct move_log *ml);

/*
 * Read the log at path back: *list (its own added bytes) and *mv as the
 * last whole state left it (pieces_move_resume()d: write it with
 * pieces_write() and *chunk to finish the move).  Returns 0, 1 when there
 * is no log or no state in it (the move had not begun), -1 with *err set.
 */
int	move_log_load(const char *path, int target, struct pieces *list,
	    struct pieces_move *mv, size_t *chunk, struct error *err);

/*
 * Before the move is gone on with from the log at path: make each chunk
 * of the log's last generation before its last state whole in the file on
 * target again (a power cut may have kept some of their pages and not
 * others), and durable.  Returns 0 (also for no log), -1 with *err set
 * (a failed write names target_path, the file's).
 */
int	move_log_redo(const char *path, int target, const char *target_path,
	    struct error *err);

#endif
