/*
 * journal-file.h - the session's journal on disk: what a writable
 * session did, appended as it happens, so that a session that ended
 * without a flush (a closed terminal, kill, a crash, a power cut) can be
 * given back, and a flush cut short can be finished.
 *
 * One file per edited file, $XDG_STATE_HOME/mmhex/DEV-INO.journal (the
 * file's device and inode in hex; default ~/.local/state/mmhex, made
 * 0700; the journal 0600), so two sessions on one file find each other.
 * Its writer holds a write lock on it (fcntl F_SETLK) as long as it runs:
 * a lock that can be taken means its session ended.
 *
 * The file is a sequence of records, each
 *
 *	u8 type | varint length | payload (length bytes) | u32 CRC-32
 *
 * (little endian; the CRC covers type, length and payload).  The first
 * record is the header: the file's identity and window, the writer's
 * pid, when it began.  The others are the in-memory journal's events
 * (journal.h: an entry recorded with its bytes, undo, redo...), which
 * rebuild it when made again in order, and the session's own marks: a
 * flush began, a flush is done (with the file's identity after it), the
 * session became write-through or copy-on-write.  A crash can leave the
 * last record torn; reading stops at the first record that is short or
 * whose CRC does not match, and a writer that goes on cuts the file
 * there first.
 *
 * Appending is O(record), into memory; jfile_write() writes what was
 * appended, one write(2) for them all, which the editor does before every
 * frame (so a crash of the process loses no edit the screen showed; a
 * burst of keys typed or pasted faster than frames are drawn is one
 * write), and jfile_sync() makes it durable (fdatasync), which the editor
 * does within SYNC_MS of an edit, at once before a flush touches the file
 * and once it is done: a power cut loses at most the edits of that last
 * moment ("durable within a second").
 */
#ifndef MMHEX_JOURNAL_FILE_H
#define MMHEX_JOURNAL_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "util.h"

/* The records' types. */
enum jrec_type {
	JREC_HEADER = 1,	/* identity, window, pid, start, path */
	JREC_RECORD,		/* journal_record*(): op, off, len, bytes */
	JREC_UNRECORD,
	JREC_TRIM,		/* len */
	JREC_TAKE_BACK,
	JREC_CLOSE,
	JREC_UNDO,
	JREC_REDO,
	JREC_SESSION,		/* the session is now session; identity */
	JREC_FLUSH_BEGIN,	/* a flush is about to touch the file */
	JREC_FLUSH_DONE,	/* ...and it is durable: the file's identity now */
	JREC_NTYPES
};

/* What says a file is the one the journal was written for. */
struct jfile_ident {
	uint64_t	 dev;
	uint64_t	 ino;
	uint64_t	 size;
	int64_t		 mtime_sec;
	int64_t		 mtime_nsec;
};

/* One record as read back; pointers point into the loaded file. */
struct jrec {
	enum jrec_type	 type;
	int		 op;		/* RECORD: a journal_op; FLUSH_BEGIN:
					   1 when the flush moves bytes */
	uint64_t	 off;		/* RECORD */
	uint64_t	 len;		/* RECORD, TRIM */
	const unsigned char *bytes;	/* RECORD: an overwrite's old then new
					   bytes (2 * len), else len bytes */
	struct jfile_ident id;		/* HEADER, FLUSH_DONE, SESSION */
	int		 session;	/* HEADER, SESSION: an enum session */
	/* HEADER only */
	uint64_t	 origin;	/* the window's */
	uint64_t	 want_len;	/* UINT64_MAX: to the end */
	uint64_t	 pid;
	int64_t		 started;	/* time(2) */
	const char	*path;		/* as the user gave it, NUL-terminated */
};

/* A journal being written. */
struct jfile {
	int		 fd;		/* -1: none */
	char		*path;		/* the journal's own path, owned */
	uint64_t	 len;		/* bytes in it */
	bool		 unsynced;	/* appended since the last jfile_sync() */
	struct timespec	 since;		/* ...the first of those, CLOCK_MONOTONIC */
	bool		 failed;	/* a write failed: it takes no more */
	struct error	 err;		/* ...why */
	unsigned char	*pend;		/* appended, not yet written, owned */
	size_t		 npend;
	size_t		 cap;
};

/* A journal read back whole. */
struct jfile_log {
	unsigned char	*buf;		/* the file, owned */
	size_t		 len;
	size_t		 good;		/* bytes of whole records */
	struct jrec	*r;		/* the records, header first, owned */
	size_t		 n;
};

/*
 * The directory journals live in, made (0700, with its parents) when
 * create and missing: $XDG_STATE_HOME/mmhex when that is an absolute
 * path, else $HOME/.local/state/mmhex.  Returns 0, or -1 with *err set.
 */
int	jfile_dir(char *buf, size_t len, bool create, struct error *err);

/* The journal's path for a file on dev, ino: "DIR/DEV-INO.journal". */
int	jfile_path(char *buf, size_t len, dev_t dev, ino_t ino,
	    struct error *err);

/*
 * Is the journal at path held by a running session?  Returns 1 with
 * *pid set (the lock holder's), 0 when not (or there is no journal), -1
 * with *err set.
 */
int	jfile_live(const char *path, long *pid, struct error *err);

/*
 * Read the journal at path: its whole records (a torn or corrupt tail is
 * left out: log->good says where the whole ones end).  Returns 0, 1 when
 * there is no journal there (log empty; also one a crash cut while it was
 * begun: a beginning of the magic, or the magic and a torn header), -1
 * with *err set (one that is not a journal, or of another version, is an
 * error too).
 */
int	jfile_load(const char *path, struct jfile_log *log, struct error *err);
void	jfile_log_free(struct jfile_log *log);

/*
 * Begin writing the journal at path: take its lock (held: -1, "... is
 * being edited by another mmhex (pid N)"), then, when keep is 0, start
 * it afresh with the header rec (type JREC_HEADER); else keep its first
 * keep bytes (jfile_load()'s good) and append after them.  The file and
 * the directory entry are made durable before it returns 0.
 */
int	jfile_begin(struct jfile *jf, const char *path, const struct jrec *hdr,
	    uint64_t keep, struct error *err);

/*
 * Append one record (rec->type and the fields that type has): written at
 * the next jfile_write() (or once JFILE_PENDING bytes wait), durable at
 * the next jfile_sync().
 * Returns 0, or -1 with jf->err set: the journal is then failed and takes
 * nothing more (the caller tells the user once).
 */
int	jfile_append(struct jfile *jf, const struct jrec *rec);

/* Bytes of records that may wait in memory for jfile_write(). */
#define JFILE_PENDING	((size_t)64 << 10)

/* Write what was appended; 0, or -1 with jf->err set (failed). */
int	jfile_write(struct jfile *jf);

/* Write and make durable everything appended; 0, or -1 (failed). */
int	jfile_sync(struct jfile *jf);

/* Has an append waited at least ms milliseconds for a sync? */
bool	jfile_sync_due(const struct jfile *jf, long ms);

/* Stop writing: close it, keep the file (for a later recovery). */
void	jfile_close(struct jfile *jf);

/* Stop writing and remove it: nothing in it is needed. */
void	jfile_remove(struct jfile *jf);

/* Make path's directory entry durable (fsync of the directory). */
int	jfile_sync_dir(const char *path, struct error *err);

/* The identity of the file open on fd; 0, or -1 with errno set. */
int	jfile_ident(int fd, struct jfile_ident *id);

/* Do a and b name the same file with the same size and mtime? */
bool	jfile_ident_same(const struct jfile_ident *a,
	    const struct jfile_ident *b);

#endif
