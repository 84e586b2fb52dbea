/*
 * mapping.h - a file opened as one of the three sessions of the product
 * and mapped into memory, or read into memory when it cannot be mapped.
 *
 *   session  open      map                       an edit            flush
 *   RO       O_RDONLY  PROT_READ, MAP_SHARED     refused            nothing
 *   COW      O_RDWR    PROT_READ|WRITE, PRIVATE  store, private     pwrite each dirty range, fdatasync
 *   WT       O_RDWR    PROT_READ, MAP_SHARED     pwrite to the file fdatasync
 *
 * Write-through edits go through pwrite(2) rather than stores into a
 * shared mapping: a pwrite is visible at once through every mapping of the
 * file, and dirties one block of the page cache, where a store dirties a
 * whole folio (up to 2 MiB) that msync would then write out entire.
 *
 * A mapping shows a window [origin, origin + size) of the file; the mmap
 * itself starts at the page boundary below origin.  Offsets in this API are
 * relative to the window (0 is the byte at origin) unless named "abs".
 *
 * FIFOs, /proc and /sys files (they cannot be mapped), character devices
 * and standard input ("-") are read into memory (in_memory): read-only, or
 * copy-on-write with nothing to flush to.  What comes before the window is
 * skipped, not kept (mapping_load).
 *
 * Nothing blocks on open but a FIFO waiting for its writer (as cat does);
 * a character device is read until it would block.  A mounted (busy)
 * block device opens read-only unless the session is insisted on.
 */
#ifndef MMHEX_MAPPING_H
#define MMHEX_MAPPING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "dirty.h"
#include "util.h"

enum session {
	SESSION_RO,
	SESSION_COW,
	SESSION_WT,
};

struct mapping {
	char		*path;		/* as the user gave it, for messages */
	int		 fd;		/* -1 once closed, or for standard input */
	enum session	 session;
	bool		 in_memory;	/* bytes live in a malloc'd buffer, not a mapping */
	bool		 loaded;	/* in memory: read, base holds [read_at, file_size) */
	bool		 capped;	/* in memory: stopped at MAPPING_STREAM_MAX, more was left */
	uint64_t	 read_at;	/* in memory: absolute offset of base[0] */
	bool		 fd_writable;	/* fd is O_RDWR: COW and WT are possible */
	uint64_t	 file_size;	/* size of the whole file (in memory: where the read ended) */

	unsigned char	*base;		/* mmap result or buffer; NULL when size == 0 */
	size_t		 base_len;	/* length passed to mmap / size of the buffer */
	unsigned char	*data;		/* the byte at origin */
	uint64_t	 origin;	/* absolute offset of data[0] */
	size_t		 size;		/* bytes in the window */

	uint64_t	 want_len;	/* the window's length as asked; UINT64_MAX: to the end */
	struct timespec	 seen_mtime;	/* the file's times when last looked at: */
	struct timespec	 seen_ctime;	/* another writer changes them */

	struct dirty	 dirty;		/* window offsets changed since the last flush, with their bytes */
	enum gone {
		GONE_NO,		/* the path still names our file */
		GONE_DELETED,		/* unlinked: we hold the last reference */
		GONE_REPLACED,		/* the path names another file now */
	}		 gone;		/* as mapping_refresh() last saw it */
	const char	*note;		/* why the session differs from the one asked, or NULL */
	struct refreshed {		/* what the last mapping_refresh() found */
		uint64_t restored;	/* COW: unflushed bytes stored again into pages the kernel dropped */
		uint64_t past_end;	/* COW: unflushed bytes past the end, kept for if it grows back */
		uint64_t cut;		/* WT: written bytes another process cut off with the file */
		bool	 unreadable;	/* a page could not be read at the same size: zeros shown */
	}		 refreshed;
};

/* What an endless input (pipe, FIFO, character device) gives without a length. */
#define MAPPING_STREAM_MAX	((uint64_t)64 << 20)

/* mapping_open_flags(): the user asked for this session (-W, -C). */
#define MAPPING_INSIST		0x1

/*
 * Open path for the session asked for and learn its size.  A file that
 * cannot be opened for writing opens read-only, with m->note saying so;
 * so does a block device that is mounted or otherwise in use, unless
 * flags has MAPPING_INSIST (then m->note warns).  Directories and missing
 * files are errors: "PATH: strerror".  Nothing is mapped or read yet: call
 * mapping_map(), for in-memory inputs perhaps mapping_load() first.
 */
int	mapping_open_flags(struct mapping *m, const char *path,
	    enum session want, int flags, struct error *err);

/* mapping_open_flags() without flags. */
int	mapping_open(struct mapping *m, const char *path, enum session want,
	    struct error *err);

/*
 * In-memory inputs only (nothing to do for mapped files, or once done):
 * read [abs_offset, abs_offset + length) of the input.  What comes before
 * is skipped without being kept: lseek where the input can seek, else read
 * and dropped in chunks.  UINT64_MAX reads to the end, which for a stream
 * (anything but a regular file) is at most MAPPING_STREAM_MAX bytes;
 * m->capped says whether more was left.  A device with nothing more to
 * give at once (it would block) has ended.  Afterwards m->file_size is
 * where the read ended: the size of the input when it reached the end
 * (less than abs_offset when the input ended before it).  Read once: to
 * learn the size before choosing the window, load from 0 to the end.
 */
int	mapping_load(struct mapping *m, uint64_t abs_offset, uint64_t length,
	    struct error *err);

/*
 * Map the window [abs_offset, abs_offset + length) of the file; length is
 * clamped to the end of the file, UINT64_MAX means "to the end".  An offset
 * past the end of the file is an error; an empty window maps nothing.
 * An in-memory input not loaded yet is loaded here with the same window;
 * once loaded, the window must lie inside what was read.
 */
int	mapping_map(struct mapping *m, uint64_t abs_offset, uint64_t length,
	    struct error *err);

/* Unmap, close, free; safe on a zeroed or partly opened mapping. */
void	mapping_close(struct mapping *m);

/*
 * Overwrite window bytes [off, off + len) with buf in the current session:
 * refused in RO, a store into the private pages in COW, a pwrite in WT.
 * The bytes are added to m->dirty.  The range must lie inside the window.
 * *done (if not NULL) gets how many bytes took effect: all of them, or in
 * WT on failure the first bytes that reached the file before it failed
 * (a full disk); only those are dirty.
 *
 * Nothing grows a file: every write to it checks its size first and
 * refuses bytes past its end ("the file shrank to N bytes"); a write
 * that still extended a file another process cut in that instant is cut
 * back to where the other process left it, and reported as not written.
 */
int	mapping_write(struct mapping *m, size_t off, const void *buf,
	    size_t len, size_t *done, struct error *err);

/*
 * Read window bytes [off, off + len) as the file holds them now, with
 * pread(2) rather than through the mapping: a page that cannot be mapped
 * in (a hole on a full tmpfs) reads as what it is, not as a SIGBUS.
 */
int	mapping_pread(struct mapping *m, size_t off, void *buf, size_t len,
	    struct error *err);

/*
 * Make every dirty byte reach the file durably (see the table above),
 * from the session's own copy of the bytes (m->dirty).  Returns 0 when
 * nothing is left dirty.  On failure nothing is forgotten: m->dirty still
 * holds what is not known to be on disk (what did reach it is forgotten,
 * so a retry writes only the rest), and the message says how far it got.
 * COW edits past the end of a file that shrank are kept, not written.
 */
int	mapping_flush(struct mapping *m, struct error *err);

/*
 * Switch between COW and WT, keeping every edit: going to WT first writes
 * the unflushed copy-on-write edits to the file (callers ask the user
 * before this).  The dirty ranges carry over either way, so the next
 * flush makes them durable.  RO cannot be left or entered.
 */
int	mapping_set_session(struct mapping *m, enum session s, struct error *err);

/*
 * Become a read-only session for good (another session edits the file):
 * the file is opened again O_RDONLY (it must still be ours) and mapped
 * PROT_READ; nothing may be dirty.  Returns 0, or -1 with *err set and
 * the session as it was.
 */
int	mapping_make_readonly(struct mapping *m, struct error *err);

/*
 * Copy-on-write: drop every unflushed edit (the private pages holding
 * them too: the window is mapped again).  0, or -1 with *err set.
 */
int	mapping_discard(struct mapping *m, struct error *err);

/* Readahead hints: MADV_SEQUENTIAL for a scan, MADV_RANDOM for browsing. */
void	mapping_advise_sequential(struct mapping *m, bool sequential);

/*
 * How far from window offset at (below n) the files of both a and b read
 * as zeros without being read: the end of the holes both have there
 * (lseek SEEK_DATA / SEEK_HOLE), at itself when either has data there.
 * Then *upto is set to where that can next be true (comparing must go
 * on until there), so that many differences ask the file system once,
 * not once each.  Inputs in memory, and files that cannot say, are all
 * data.  For mappings without unflushed edits (a private page written
 * in a hole holds bytes the file does not).
 */
size_t	mapping_holes_end(const struct mapping *a, const struct mapping *b,
	    size_t at, size_t n, size_t *upto);

/*
 * The end (at most n) of the segment of m's file at window offset at: a
 * hole (*data false: it reads as zeros without being read) or data.  An
 * input in memory, or a file that cannot say, is all data.
 */
size_t	mapping_segment_end(const struct mapping *m, size_t at, size_t n,
	    bool *data);

/*
 * Hand back to the kernel the mapped pages outside window offsets
 * [keep_lo, keep_hi), so resident memory stays near a screenful however
 * far the view or a scan has gone.  In a shared mapping (RO, WT) this only
 * unmaps: the bytes stay in the page cache and map back in on the next
 * touch.  In a private (COW) mapping a written page holds the only copy of
 * its edits, so pages holding dirty bytes are kept.  In-memory inputs are
 * left alone.
 */
void	mapping_trim(struct mapping *m, size_t keep_lo, size_t keep_hi);

/*
 * The file may have changed size under us (another process truncated or
 * extended it; a SIGBUS from a page past the new end was absorbed by the
 * guard, guard.h).  Look at its size again and remap: a window past the
 * new end is cut there (to nothing when the end is now before the
 * origin); a window that reached the old end grows to the new one.
 * A window asked with a length keeps it: it never grows past it, and one
 * cut below its origin comes back when the file grows back.
 * Edits stay in m->dirty; in COW their bytes are stored again into the
 * new pages (also when the file was rewritten at the same size: the
 * kernel drops a private copy with the page it copied), and those past
 * the new end wait there for it to grow back.  In WT, bytes past the new
 * end were in the file and went with it: they are no longer dirty.
 * m->refreshed says what happened.  It also notes in m->gone whether the path
 * still names the file: a deleted or replaced file stays mapped as it
 * was (the mapping holds it), and a flush still goes to it.  Returns 1 when the window was remapped (its
 * size may be the same: zero pages from the guard are gone), 0 when
 * nothing changed (always for in-memory inputs), -1 with *err set (on a
 * failed remap the window is as before, minus what lies past the end).
 */
int	mapping_refresh(struct mapping *m, struct error *err);

/*
 * The file was rewritten by us outside the mapping (a move of its tail,
 * pieces.h): look at its size again and map the window afresh, want_len
 * bytes long (UINT64_MAX: to the end), so no page copied before shows
 * what was there.  Nothing may be dirty.  Returns 0, or -1 with *err set.
 */
int	mapping_reload(struct mapping *m, uint64_t want_len, struct error *err);

/*
 * The path no longer names the file we hold (m->gone).  Go on with the
 * file now at m->path: it must be a regular file of the same size; the
 * bytes of every range of edits (window offsets: all this session
 * changed, flushed to the old file or not) are written to it from the
 * view and made durable, and it is mapped instead, nothing dirty.  On
 * failure nothing of ours changed (the new file may hold some of the
 * bytes: the message says how far it got).
 */
int	mapping_rebind(struct mapping *m, const struct dirty *edits,
	    struct error *err);

/*
 * Write the whole file as the session shows it (its bytes, the unflushed
 * edits over them) to a new file at path, created (never one that
 * exists), make it durable, and go on with it as m->path, nothing dirty.
 * Returns 0, or -1 with *err set and the session as it was (a partly
 * written new file is removed).
 */
int	mapping_write_as(struct mapping *m, const char *path, struct error *err);

/* "RO", "COW" or "WT". */
const char *session_name(enum session s);

#endif
