/*
 * journal.h - the unlimited undo/redo record of edits.
 *
 * An entry is one overwrite (a window offset, a length, the bytes that
 * were there (old) and the bytes written (new)), or one insert or delete
 * of bytes (the offset, and the bytes inserted or deleted).  Entries are grouped: one
 * undo step is one group, which may hold many entries (a paste, a fill,
 * the high and the low nibble typed into one byte).  Bytes live in one
 * growing arena, not one allocation per entry.
 *
 * Recording opens a group if none is open and adds to it; journal_close()
 * ends the group, and undo and redo close it too.  Recording when groups
 * have been undone first drops them (the redo tail): history is linear.
 *
 * The journal never writes the file.  Undo hands the caller the old bytes
 * of the last group's entries, last entry first; redo the new bytes of the
 * next group's entries, first entry first; the caller writes them (the
 * editor through mapping_write(), so an undo after a flush marks the bytes
 * dirty again, to be flushed again).  Applying the entries in those orders
 * restores exactly, even when entries of a group overlap.
 *
 * Allocation failure is reported (-1), never fatal: an edit too big to
 * record is refused rather than made without a way back.
 */
#ifndef MMHEX_JOURNAL_H
#define MMHEX_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>

/* What an entry did, and what undo and redo ask the caller to do. */
enum journal_op {
	JOURNAL_OVERWRITE,	/* len bytes at off became others */
	JOURNAL_INSERT,		/* len bytes inserted before off */
	JOURNAL_DELETE,		/* len bytes at off deleted */
};

struct journal_entry {
	enum journal_op	 op;
	size_t		 off;		/* window offset of the first byte */
	size_t		 len;		/* bytes overwritten, inserted or deleted, > 0 */
	size_t		 data;		/* arena offset: old bytes, then new bytes
					   (an insert: the new ones, a delete: the old) */
};

/*
 * What changed in a journal, told to its log as it happens (the session's
 * journal on disk, journal-file.h), so the journal can be rebuilt by
 * making the same calls again: an entry recorded (e, and its bytes: an
 * overwrite's old then new ones, an insert's or delete's), the last entry
 * forgotten, trimmed (e after the trim), taken back, the open group
 * closed, a group undone or redone.
 */
enum journal_event {
	JOURNAL_EV_RECORD,
	JOURNAL_EV_UNRECORD,
	JOURNAL_EV_TRIM,
	JOURNAL_EV_TAKE_BACK,
	JOURNAL_EV_CLOSE,
	JOURNAL_EV_UNDO,
	JOURNAL_EV_REDO,
};
typedef void	(*journal_log_fn)(void *ctx, enum journal_event ev,
		    const struct journal_entry *e, const unsigned char *bytes);

struct journal {
	struct journal_entry *e;	/* entries in recording order */
	size_t		 ne;		/* entries recorded (done and undone) */
	size_t		 ecap;
	size_t		*group;		/* group g holds entries [group[g], group[g + 1]) */
	size_t		 ngroups;	/* groups recorded (done and undone) */
	size_t		 gcap;
	size_t		 done;		/* groups applied: [0, done) undo, [done, ngroups) redo */
	bool		 open;		/* group done - 1 takes further records */
	bool		 sizes;		/* an insert or a delete was recorded */
	unsigned char	*arena;		/* old and new bytes of every entry */
	size_t		 arena_len;
	size_t		 arena_cap;
	journal_log_fn	 log;		/* told every change, or NULL */
	void		*log_ctx;
};

/*
 * How undo and redo hand over bytes: overwrite len bytes at window offset
 * off with bytes, insert them before off, or delete the len bytes at off
 * (bytes are the ones deleted).  Undoing an insert is a delete, undoing
 * a delete an insert.  Return 0, or -1 when it could not be done (the
 * journal then puts back what it had already applied of the group and
 * stays as it was).
 */
typedef int	(*journal_apply_fn)(void *ctx, enum journal_op op, size_t off,
		    const unsigned char *bytes, size_t len);

void	journal_init(struct journal *j);

/* Free everything; the journal is empty (and usable, its log kept) afterwards. */
void	journal_free(struct journal *j);

/*
 * Record that [off, off + len) held old and now holds new (both len
 * bytes, copied).  Drops the redo tail, opens a group if none is open and
 * adds the entry to it.  len 0 records nothing.  Returns 0, or -1 when
 * memory ran out (nothing recorded, the redo tail may be gone).
 */
int	journal_record(struct journal *j, size_t off, size_t len,
	    const void *old_bytes, const void *new_bytes);

/*
 * Record that len bytes were inserted before off (op JOURNAL_INSERT) or
 * deleted at off (JOURNAL_DELETE); bytes are those bytes, copied.  As
 * journal_record() otherwise.
 */
int	journal_record_size(struct journal *j, enum journal_op op, size_t off,
	    size_t len, const void *bytes);

/* Does any recorded entry, done or undone, insert or delete? */
bool	journal_has_sizes(const struct journal *j);

/*
 * Forget the last entry recorded (its write failed); its group goes if
 * empty.  Call it only right after a journal_record() that added an entry.
 */
void	journal_unrecord(struct journal *j);

/*
 * Keep only the first len bytes of the last entry recorded (its write
 * reached the file only that far: a full disk); len 0 forgets it as
 * journal_unrecord() does.  Same condition as journal_unrecord().
 */
void	journal_trim_last(struct journal *j, size_t len);

/*
 * Take back the last entry recorded, as if it had never been made: apply()
 * gets its old bytes, then it is forgotten (no redo).  For an edit the
 * user never finished (a half-typed byte whose cursor moved away).
 * Returns 1, 0 when there is no such entry, -1 when apply() failed (the
 * entry stays).  Same condition as journal_unrecord().
 */
int	journal_take_back(struct journal *j, journal_apply_fn apply, void *ctx);

/*
 * The last entry of the group still open (the typing run going on), the
 * one journal_take_back() would take back; NULL when no group is open.
 */
const struct journal_entry *journal_last(const struct journal *j);

/* End the open group: the next record starts a new undo step. */
void	journal_close(struct journal *j);

bool	journal_can_undo(const struct journal *j);
bool	journal_can_redo(const struct journal *j);

/*
 * Undo the last applied group: apply() gets each entry's old bytes, last
 * entry first.  *at (if not NULL) is set to the offset of the group's
 * first entry, where the cursor goes; *span (if not NULL) to the bytes
 * from its lowest to its highest offset written (a byte typed as two
 * nibbles is two entries, one byte).  Returns 1 when undone, 0 when there
 * is nothing to undo, -1 when apply() failed (the journal is unchanged,
 * and the entries already undone were applied forward again).
 */
int	journal_undo(struct journal *j, journal_apply_fn apply, void *ctx,
	    size_t *at, size_t *span);

/* Redo the next undone group: new bytes, first entry first; as journal_undo(). */
int	journal_redo(struct journal *j, journal_apply_fn apply, void *ctx,
	    size_t *at, size_t *span);

/* Groups that can be undone / redone. */
size_t	journal_undo_steps(const struct journal *j);
size_t	journal_redo_steps(const struct journal *j);

#endif
