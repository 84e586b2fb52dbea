/*
 * editor.h - the headless viewer core: all viewer state in one struct,
 * driven by abstract keys (keymap.h) and mouse clicks, with no terminal.
 * The UI reads keys, hands them to editor_key(), and draws what the struct
 * holds; the Check suite drives it the same way.
 *
 * The cursor and top are window offsets (0 is the byte at the mapping's
 * origin); what the user types and sees (goto, status) is absolute.
 * Every search runs over the mapping with ed->progress, so the UI can show
 * progress and cancel: a cancelled search moves nothing and says
 * "search cancelled".  An empty window says "empty file"; every move is
 * then harmless.
 *
 * Editing.  Every change to the bytes goes through one path: the old and
 * new bytes are recorded in ed->journal (undo/redo), then written with
 * mapping_write(), which does what the session says (a store into private
 * pages in COW, a pwrite in WT) and marks the range dirty.  Nothing edits
 * in a read-only session: the editing commands answer "read-only session"
 * before anything is recorded or written.  The renderer asks:
 *
 *   editor_changed(ed, off)     changed and not flushed (highlight it)
 *   editor_selected(ed, off)    inside the selection
 *   editor_mode_name(ed)        "overwrite", "select" or NULL (normal)
 *   editor_mode(ed), ed->low_nibble  overwrite mode; the next hex digit
 *                               goes into the cursor byte's low nibble
 *   ed->ask, ed->question       a question waits for its answer (y/n or
 *                               f/d/c); ed->msg holds the question too
 *   ed->m->dirty.bytes          changed bytes not flushed (the status line
 *                               says "[N changed]")
 */
#ifndef MMHEX_EDITOR_H
#define MMHEX_EDITOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bytes.h"
#include "filemap.h"
#include "find.h"
#include "journal.h"
#include "journal-file.h"
#include "move-log.h"
#include "keymap.h"
#include "layout.h"
#include "mapping.h"
#include "pattern.h"
#include "pieces.h"
#include "progress.h"
#include "regex.h"
#include "util.h"

/* The overview column: its columns, and the most rows it has cells for. */
#define EDITOR_OVERVIEW_WIDTH	2
#define EDITOR_OVERVIEW_ROWS	512

#define EDITOR_MSG_MAX		256
#define PROMPT_MAX		256	/* bytes of a prompt line, NUL included */
#define HISTORY_MAX		64	/* entries kept per prompt kind */
#define EDITOR_NMARKS		26	/* marks a-z */

/* Bytes either side of the visible range searched for matches to highlight. */
#define EDITOR_REGEX_MARGIN	4096

enum view {
	VIEW_HEX,		/* offset, hex pane, text pane */
	VIEW_TEXT,		/* the file as lines (textview.h) */
};

enum prompt_kind {
	PROMPT_NONE,		/* no prompt open */
	PROMPT_GOTO,
	PROMPT_FIND,		/* bytes forward */
	PROMPT_RFIND,		/* bytes backward */
	PROMPT_REGEX,		/* forward */
	PROMPT_RREGEX,		/* backward */
	PROMPT_FILL,		/* a byte pattern (hex, or text after Tab) to fill with */
	PROMPT_WRITE_AS,	/* a new file's path: the file deleted or replaced
				   on disk is written there */
	PROMPT_WRITE_SEL,	/* W: the path the selection is written to */
	PROMPT_OPEN,		/* O: another file to open instead */
};

/* Histories are shared by the two directions of a search. */
enum history_kind {
	HISTORY_GOTO,
	HISTORY_FIND,
	HISTORY_REGEX,
	HISTORY_FILL,
	HISTORY_PATH,
	HISTORY_NKINDS
};

struct history {
	char		*items[HISTORY_MAX];	/* oldest first, owned */
	bool		 hex[HISTORY_MAX];	/* ...each typed as hex, or as text
						   (find and fill: it comes back as
						   what it was) */
	size_t		 n;			/* entries in items */
};

struct prompt {
	enum prompt_kind kind;		/* PROMPT_NONE when closed */
	bool		 hex;		/* find prompts: the line is hex, else escaped text */
	char		 label[32];	/* shown before the line: "goto: ", "find hex: " */
	char		 buf[PROMPT_MAX]; /* the line being typed, NUL-terminated */
	size_t		 len;		/* strlen(buf) */
	size_t		 pos;		/* cursor in buf, 0..len */
	size_t		 hist_pos;	/* entry shown while browsing history; n = the new line */
	char		 draft[PROMPT_MAX]; /* the new line, kept while browsing history */
	bool		 draft_hex;	/* ...and whether it was hex */
};

enum search_kind {
	SEARCH_NONE,		/* nothing searched yet */
	SEARCH_TEXT,		/* escaped text pattern */
	SEARCH_HEX,		/* hex pattern */
	SEARCH_REGEX,		/* PCRE2 */
};

struct search {
	enum search_kind kind;
	bool		 backward;	/* the direction it was typed with (n repeats it) */
	char		*typed;		/* the pattern as typed, owned; for messages */
	struct pattern	 pat;		/* TEXT/HEX: parsed bytes */
	struct finder	*finder;	/* TEXT/HEX: prepared over pat */
	struct regex	*re;		/* REGEX: compiled */
	int		 counted;	/* 1: starts holds every match's start,
					   in order ("match 3 of 12"); 2: the
					   first million of more; 0: not yet
					   (or the bytes changed); -1: not
					   counted (a window too big for n to
					   count by itself, or stopped) */
	size_t		*starts;	/* owned */
	size_t		 nstarts;
};

/* A span of the window to highlight. */
struct match {
	size_t		 at;		/* window offset of the first byte */
	size_t		 len;		/* bytes; 0 for an empty regex match */
};

/* What the next key means when it is not a command. */
enum pending {
	PENDING_NONE,
	PENDING_SET_MARK,	/* after m: a-z sets that mark */
	PENDING_JUMP_MARK,	/* after ': a-z jumps to that mark */
};

/*
 * Who takes the next key: one state, one handler each (editor.c's table).
 * The first three are modes with a key table of their own; the others sit
 * on top of one of them (ed->under) and give the keys back when they end.
 */
enum input {
	INPUT_NORMAL,		/* the normal key table */
	INPUT_SELECT,		/* the select table: movement extends the selection */
	INPUT_OVERWRITE,	/* the overwrite table; other keys are typed over
				   the bytes at the cursor, or inserted before
				   it (ed->inserting: insert mode) */
	INPUT_PROMPT,		/* the prompt line (ed->prompt.kind says which) */
	INPUT_QUESTION,		/* a question (ed->ask says which) */
	INPUT_MARK,		/* m or ' waits for its letter (ed->pending) */
	INPUT_HELP,		/* the help screen scrolls */
	INPUT_LIST,		/* A: the list of the last search's matches */
};

/*
 * A question that takes the next key.  Any key that is not an answer
 * asks again; Esc, Ctrl-C and Ctrl-G answer no / cancel.
 */
enum ask {
	ASK_NONE,
	ASK_SWITCH_WT,		/* M with unflushed COW edits: y writes them and
				   switches to write-through, n stays */
	ASK_QUIT,		/* q with unflushed COW edits: f flushes and quits
				   (stays on failure), d quits discarding, c stays */
	ASK_GONE_FLUSH,		/* w once the path no longer names our file: t
				   writes the edits to the file there now (when
				   there is one), a to another path, c cancels */
	ASK_GONE_QUIT,		/* q in the same state with edits: t and a as
				   above, d quits discarding, c stays */
	ASK_MOVE_TAIL,		/* write-through, an insert or delete with more
				   than EDITOR_ASK_MOVE bytes after it: y moves
				   them now, n does nothing */
	ASK_PART_MOVED_QUIT,	/* q while a flush's move stopped half-way: f
				   finishes it and quits, c stays */
	ASK_RECOVER,		/* at the start: the journal holds edits of a
				   session that ended unflushed (ed->found): r
				   restores them, d discards, k keeps the
				   journal and goes on read-only */
	ASK_SAVE_EXISTS,	/* W to a file that exists: o replaces it with the
				   selection, c writes nothing */
	ASK_QUIT_MEMORY,	/* q with edits of bytes read into memory (standard
				   input, a pipe): no file to flush to, so d quits
				   discarding, c stays */
};

/* What editor_journal_find() found under the state directory. */
struct editor_found {
	enum {
		FOUND_NONE,		/* no journal, or one with nothing unflushed */
		FOUND_LIVE,		/* a running session holds it: pid */
		FOUND_EDITS,		/* edits of a session that ended unflushed */
	}		 state;
	long		 pid;
	char		 path[4096];	/* the journal's */
	struct jfile_log log;		/* FOUND_EDITS: the journal read back */
	size_t		 live_from;	/* the records after this one are unflushed */
	uint64_t	 edits;		/* unflushed edits (records) */
	uint64_t	 bytes;		/* ...and the bytes they wrote */
	int64_t		 started;	/* when that session began (time(2)) */
	bool		 flush_cut;	/* a flush began and did not finish */
	struct jfile_ident was;		/* the file as the journal left it */
	struct jfile_ident now;		/* ...and as it is */
	bool		 changed;	/* not the same size and mtime */
	bool		 other_window;	/* the journal is of another -o/-l window */
	uint64_t	 checked;	/* edited ranges compared with the file */
	uint64_t	 mismatched;	/* ...that hold other bytes now */
	bool		 resume;	/* a move log: a flush's move to finish */
	bool		 history;	/* FOUND_NONE: an ended session's undo
					   history, on the file as it left it */
	struct pieces	 mlist;		/* ...the whole file's list it makes */
	struct pieces_move mmv;		/* ...where it got */
	size_t		 mchunk;
};

/* The undo history kept for the next session, by default (undo-keep). */
#define EDITOR_UNDO_KEEP	((uint64_t)64 << 20)

/* Write-through: a size edit moving more than this asks first. */
#define EDITOR_ASK_MOVE		((uint64_t)64 << 20)

/*
 * Bytes a tail move reads and writes at a time (a cancel waits for one):
 * a 32nd of the file, from EDITOR_MOVE_CHUNK to EDITOR_MOVE_CHUNK_MAX (a
 * crash-safe move makes its log durable once a chunk).
 */
#define EDITOR_MOVE_CHUNK	((size_t)8 << 20)
#define EDITOR_MOVE_CHUNK_MAX	((size_t)32 << 20)

/* An insert or delete waiting for the answer to ASK_MOVE_TAIL. */
struct size_edit {
	enum journal_op	 op;		/* JOURNAL_INSERT or JOURNAL_DELETE */
	size_t		 off;
	size_t		 len;
	unsigned char	*bytes;		/* an insert's bytes, owned */
	size_t		 cursor;	/* where the cursor goes after it */
	bool		 cut;		/* a cut: the bytes go to the clipboard */
	bool		 nibble;	/* a typed high nibble: the low one is next */
};

struct editor {
	struct mapping	*m;		/* the window viewed; not owned */
	size_t		 cursor;	/* window offset of the cursor byte (0 when empty) */
	size_t		 top;		/* window offset of the first byte on screen: a
					   multiple of bpl in the hex view, a row start in
					   the text view */
	enum pane	 pane;		/* hex or text pane of the hex view */
	enum view	 view;		/* hex view or text (line) view */
	struct layout	 lay;		/* geometry of the hex view (view_rows also
					   used by the text view) */
	int		 cols;		/* terminal size given last */
	int		 rows;
	size_t		 fixed_bpl;	/* -b N, 0 to fit the terminal */
	bool		 inspector;	/* data inspector panel shown */
	bool		 overview;	/* o: the overview column (wide enough) */
	bool		 ov_valid;	/* ov_kind holds ov_rows cells' kinds */
	int		 ov_rows;	/* ...for ov_size bytes */
	size_t		 ov_size;
	unsigned char	 ov_kind[EDITOR_OVERVIEW_ROWS];
	unsigned short	 ov_votes[EDITOR_OVERVIEW_ROWS][4]; /* by kind */
	unsigned	 ov_samples;	/* sampled in every cell so far */
	int		 ov_next;	/* the cell the next sample is for */
	int		 msg_rows;	/* rows above the status a long message
					   takes from the data (the UI says) */
	char		**help_lines;	/* the help screen, made when it opens */
	size_t		 help_n;
	size_t		 help_top;	/* first help line shown */
	size_t		 list_top;	/* A: the first match listed on screen */
	size_t		 list_sel;	/* ...and the one selected */
	char		 help_hint[96];	/* "help: Up Down ... Esc leave" */
	struct prompt	 prompt;	/* the open prompt, if any */
	struct history	 history[HISTORY_NKINDS];
	struct search	 search;	/* the last search that parsed */
	bool		 has_match;	/* match below is the current one to highlight */
	struct match	 match;		/* where the last search landed */
	size_t		 marks[EDITOR_NMARKS];	/* window offsets */
	uint32_t	 marks_set;	/* bit i: mark 'a' + i is set */
	enum pending	 pending;	/* m or ' waiting for its letter */
	char		 msg[EDITOR_MSG_MAX]; /* status line message, "" for none */
	bool		 msg_error;	/* msg is an error (drawn as one) */
	bool		 quit;		/* the user asked to quit */
	bool		 redraw;	/* repaint everything (Ctrl-L); the UI clears it */
	bool		 suspend;	/* Ctrl-Z: the UI stops the process; it clears it */
	const struct progress *progress; /* set by the UI; NULL runs searches silently */

	enum input	 input;		/* who takes the next key */
	enum input	 under;		/* the mode (normal, select, overwrite) a prompt,
					   question, mark letter or help screen sits on */
	bool		 low_nibble;	/* overwrite, hex pane: the high nibble of the
					   cursor byte was typed, the low one is next
					   (draw the cursor on the second digit) */
	size_t		 nibble_at;	/* the byte whose high nibble was typed */
	bool		 nibble_was_dirty; /* ...and it was changed before it */
	bool		 half_typed;	/* while a key runs: it came right after a
					   high nibble, on that byte */
	bool		 run;		/* a typing run is open: the bytes typed
					   since overwrite or insert mode began,
					   or the cursor was last moved by hand,
					   are one undo step... */
	size_t		 run_at;	/* ...and the next byte typed here joins it */
	size_t		 sel_anchor;	/* window offset where v was pressed; in select
					   mode the selection runs from it to the cursor,
					   both included (editor_selection()) */
	unsigned char	*clip;		/* bytes copied by y, owned; NULL when none */
	size_t		 clip_len;
	bool		 line_numbers;	/* #: the line view numbers its lines */
	size_t		 ln_off;	/* ln_count newlines lie before ln_off: */
	uint64_t	 ln_count;	/* where counting them goes on from */
	uint64_t	 top_line;	/* the top row's line, with line_numbers */
	int		 gutter;	/* columns the numbers take, 0 without */
	bool		 open_asked;	/* O: the UI is to open open_path, then */
	char		 open_path[PROMPT_MAX]; /* quit this one (editor_quit) */
	size_t		 save_from;	/* W: the selection [from, to) being */
	size_t		 save_to;	/* written to save_path */
	char		 save_path[PROMPT_MAX];
	struct journal	 journal;	/* undo / redo */
	enum ask	 ask;		/* the question waiting for a key, if any */
	char		 question[EDITOR_MSG_MAX]; /* its text, also put in msg */

	/*
	 * Inserts and deletes.  The bytes shown are ed->pieces over the
	 * window (base: m->data), once an insert or delete made them differ
	 * from it in size or place; until then the list is the window
	 * unedited and every read goes straight to the mapping.  Overwrites
	 * go where the byte lives: a byte of the window through the session
	 * at its window offset (m->dirty), an inserted byte in the list.
	 */
	struct pieces	 pieces;
	bool		 inserting;	/* typing inserts (insert mode) */
	struct pieces_move move;	/* a flush's move of the tail that
					   stopped half-way (a cancel, a full
					   disk): the next flush goes on */
	struct pieces	 move_list;	/* ...and the whole file's list it makes
					   the file hold (its added bytes are
					   ed->pieces') */
	char		 move_err[EDITOR_MSG_MAX]; /* why it stopped */
	size_t		 move_chunk;	/* its chunk: EDITOR_MOVE_CHUNK, or the
					   one of the log it was resumed from
					   (0: not begun) */
	uint64_t	 move_moved;	/* bytes the last whole move wrote */
	uint64_t	 move_changed;	/* what the move's flush is of: changed */
	int64_t		 move_delta;	/* bytes and the change of size */
	bool		 move_always;	/* write-through: moving was said yes to
					   for the rest of the session */
	struct size_edit asked;		/* the edit ASK_MOVE_TAIL is about */
	const char	*busy;		/* what a long operation's progress is
					   called ("searching", "moving") */
	struct jfile	*jf;		/* the session's journal on disk, or NULL */
	struct move_log	*mlog;		/* ...and the log of the move in flight */
	char		 mlog_err[EDITOR_MSG_MAX]; /* why the move in flight
					   has none: said with its end */
	bool		 move_resumed;	/* ed->move is one a crash cut short,
					   given back by the journal */
	bool		 jf_told;	/* ...its failure was said */
	bool		 unjournaled;	/* a writable session whose journal could
					   not be begun or written: the status
					   line says so as long as it is true */
	struct editor_found *found;	/* ASK_RECOVER is about it, owned */
	uint64_t	 undo_keep;	/* bytes of undo history a clean end
					   keeps in the journal for the next
					   session (EDITOR_UNDO_KEEP) */

	/* Two files compared (editor_pair()). */
	struct editor	*other;		/* the other file's editor, or NULL */
	bool		 focus_other;	/* Ctrl-W: the UI gives the keys to it */
	bool		 diff_landed;	/* ] or [ landed on a run the cursor
					   cannot reach (the other's tail)... */
	size_t		 diff_cursor;	/* ...with the cursor here... */
	size_t		 diff_pos;	/* ...and the run begins here */
};

/*
 * Compare two files: a and b each get the other as ->other.  Then ] and
 * [ go to the next and previous run of differing bytes, Ctrl-W sets
 * focus_other (the UI gives the keys to the other), > and < copy a run's
 * bytes from one to the other.
 */
void	editor_pair(struct editor *a, struct editor *b);

/*
 * dst shows what src does: the cursor at the same offset (at dst's last
 * byte when it is shorter) and the same top row where it can.
 */
void	editor_follow(struct editor *dst, const struct editor *src);

/*
 * What the other file's editor says (its file shrank, a copy refused
 * there) goes on ed's status line, named: only the focused file's line
 * is seen.
 */
void	editor_relay(struct editor *ed);

/* q: quit, or ask first about unflushed edits (as the key does). */
void	editor_quit(struct editor *ed);

/* A message on the status line from outside the core (the UI's O). */
void	editor_say(struct editor *ed, bool is_error, const char *text);

/* A flush's move stopped half-way (the file is neither old nor new)? */
bool	editor_part_moved(const struct editor *ed);

/* Is the byte at off other than the other file's there (or only here)? */
bool	editor_differs(const struct editor *ed, size_t off);

/*
 * Start viewing m (mapped, not owned) on a cols x rows terminal, cursor at
 * 0, in the hex pane; fixed_bpl is -b (0 to fit), text_view is -t.
 * Free with editor_free().
 */
void	editor_init(struct editor *ed, struct mapping *m, int cols, int rows,
	    size_t fixed_bpl, bool text_view);

/* Free what the editor owns (histories, the last search); not the mapping. */
void	editor_free(struct editor *ed);

/* The terminal is now cols x rows: lay out again, cursor byte kept on screen. */
void	editor_resize(struct editor *ed, int cols, int rows);

/*
 * Handle one key (a byte value or an EK_ code): an open prompt, a
 * question or a pending mark letter takes it first, the help screen next,
 * else the command bound to it in keymap.h for the current mode runs (in
 * overwrite mode an unbound key is typed over the cursor byte).  The
 * message of the previous key is cleared first.
 */
void	editor_key(struct editor *ed, int key);

/*
 * A mouse click at screen column x, row y (0-based): in the hex view the
 * cursor goes to the byte under it and the pane to the one clicked; in
 * the text view to the byte under it.  Clicks elsewhere do nothing.
 */
void	editor_click(struct editor *ed, int x, int y);

/*
 * Go to a goto expression (expr.h; absolute offsets), as the g prompt and
 * -g do.  Returns 0, or -1 with *err set (err->pos the position) and
 * nothing moved.
 */
int	editor_goto(struct editor *ed, const char *expr, struct error *err);

/*
 * Set the cursor to window offset off (clamped to the window) and scroll
 * so it is on screen.
 */
void	editor_set_cursor(struct editor *ed, size_t off);

/*
 * The spans of the last search's matches that intersect the window range
 * [from, to) (what is on screen), in order, at most max of them; returns
 * how many were written.  Bytes searches look at [from - len + 1,
 * to + len - 1); regex searches at EDITOR_REGEX_MARGIN bytes either side
 * (a regex match longer than that may be missed): O(screen), never O(file).
 */
size_t	editor_matches(struct editor *ed, size_t from, size_t to,
	    struct match *out, size_t max);

/*
 * The status line without the message: name, session, cursor offset in
 * hex and decimal, size, percentage, pane/view, the mode when not normal
 * ("overwrite", or "select N" with N bytes selected), and "[N changed]"
 * while bytes are changed and not flushed.  The percentage is of the
 * file, as the offset and the size are, with -o/-l too.  For example
 * "lorem.txt  COW  0x0000001c 28 / 915 (3%)  hex  overwrite  [2 changed]".
 * Always NUL-terminated.
 */
void	editor_status(const struct editor *ed, char *buf, size_t len);

/*
 * The status line for a terminal cols wide, extra (the compare view's
 * note, or NULL) after it: the fields that do not fit are left out whole,
 * the least needed first (extra, then a long name cut short to its start
 * and a ~, the pane, the percentage, the decimal offset, the name); session,
 * offset, size, mode and the changed count always stay.  Returns the
 * length (more than cols when even those do not fit).
 */
size_t	editor_status_fit(const struct editor *ed, const char *extra,
	    size_t cols, char *buf, size_t len);

/* The file as the status line names it: the last component of its path. */
const char *editor_file_name(const struct editor *ed);

/*
 * The file may have changed size under us (truncated or extended by
 * another process; a SIGBUS absorbed by the guard, guard.h): remap with
 * mapping_refresh() and fit the state to the new window: cursor and top
 * clamped, a selection, marks or a match past the end dropped, and a
 * message "file shrank to N bytes" / "file grew to N bytes"; a cursor on
 * the last byte follows what was appended (tail -f).  A file deleted or
 * replaced on disk stays shown (the mapping holds it), with a message
 * the first time it is seen.  The UI
 * calls it when guard_tripped() says a fault was absorbed, and when idle.
 * Returns 1 when the window changed, 0 when not, -1 with the message set.
 */
int	editor_refresh(struct editor *ed);

/*
 * The bytes the user sees (the window, with the inserts and deletes not
 * yet flushed): a reader over them, and how many there are.  Window
 * offsets are offsets into these.
 */
void	editor_bytes(const struct editor *ed, struct bytes *b);
size_t	editor_size(const struct editor *ed);

/*
 * Changed bytes not flushed: overwritten bytes of the window and bytes
 * inserted, for "[+3 bytes, 12 changed]"; *delta (if not NULL) gets how
 * much the size changed.  editor_unflushed() is whether anything at all
 * waits for a flush (a delete changes no byte).
 */
uint64_t editor_changed_bytes(const struct editor *ed, int64_t *delta);
bool	editor_unflushed(const struct editor *ed);

/* Flush as w does: 0, or -1 with *err saying why (the edits stay). */
int	editor_flush(struct editor *ed, struct error *err);

/*
 * The viewer is ending (a signal, the terminal gone) while a flush's move
 * stopped half-way: finish it, without progress or cancel, so the file is
 * never left neither old nor new by an ending that is not a crash.
 * Returns 0 when nothing was left to do or it finished, -1 with *err set.
 */
int	editor_finish_move(struct editor *ed, struct error *err);

/*
 * The window offsets (of the mapping) that the edited bytes [lo, hi)
 * are read from, as one range [*blo, *bhi) (empty when none are: they
 * are all inserted bytes); the same range when nothing changed size.
 * O(log pieces + the pieces in the range): what the UI keeps mapped.
 */
void	editor_base_range(const struct editor *ed, size_t lo, size_t hi,
	    size_t *blo, size_t *bhi);

/* Is the byte at window offset off changed and not flushed?  O(log ranges). */
bool	editor_changed(const struct editor *ed, size_t off);

/*
 * The selection as the window range [*start, *end) (the anchor and the
 * cursor byte both inside); false, and nothing set, when there is none.
 */
bool	editor_selection(const struct editor *ed, size_t *start, size_t *end);

/*
 * With line numbers on (#, the line view): the line number of the row
 * starting at row when it starts a line (not a wrapped line's later row),
 * counted from the top's; false when it does not, or when that is more
 * than a frame may count.  The row's number goes in the ed->gutter
 * columns left of the text.
 */
bool	editor_row_line(struct editor *ed, size_t row, uint64_t *line);

/* Is the byte at window offset off in the selection?  O(1). */
bool	editor_selected(const struct editor *ed, size_t off);

/*
 * The mode under whatever takes keys now: INPUT_NORMAL, INPUT_SELECT or
 * INPUT_OVERWRITE (a prompt opened while selecting is still selecting).
 */
enum input editor_mode(const struct editor *ed);

/* "insert", "overwrite", "select", or NULL in normal mode with nothing selected. */
const char *editor_mode_name(const struct editor *ed);

/* Does cmd change bytes or sessions (refused in a read-only session)? */
bool	editor_command_edits(enum command cmd);

/*
 * The column the data inspector starts at beside the hex view, when the
 * terminal is wide enough for 16 bytes a line and the inspector's column
 * (the hex view then lays out in the columns left of it); -1 when it is
 * off or goes under the data rows (narrow, the text view, a comparison).
 */
int	editor_inspector_x(const struct editor *ed);

/*
 * Hex digits of this file's offsets (8 at least).  Two files compared
 * are laid out with the wider of theirs, so that the same offset is on
 * the same row, at the same columns, in both panes.
 */
int	editor_offset_width(const struct editor *ed);

/*
 * The overview column (o, editor-overview.c): the column of its cells
 * (the column before them stays blank), or -1 when it is not shown (off,
 * two files, an empty window, or fewer columns than a 16-byte line needs
 * and EDITOR_OVERVIEW_WIDTH more).  Cell row (a data row) covers window
 * range [*lo, *hi) and shows editor_overview_kind(): the most common
 * --map kind of a few blocks sampled there, kept until the bytes change.
 */
int	editor_overview_x(const struct editor *ed);
void	editor_overview_range(const struct editor *ed, int row, size_t *lo,
	    size_t *hi);
enum filemap_kind editor_overview_kind(struct editor *ed, int row);

/*
 * Sharpen the overview in idle time: sample up to 'blocks' more blocks,
 * a cell at a time, until each cell has EDITOR_OVERVIEW_SHARP.  Returns
 * 1 when a cell's kind changed (draw again), 0 when none did, and -1
 * when there is nothing left to do (the column is not shown, or every
 * cell is sharp): the UI waits for keys again as long as it likes.
 */
#define EDITOR_OVERVIEW_SHARP	64
int	editor_overview_sharpen(struct editor *ed, unsigned blocks);

/* The rows the data area has (layout's view_rows) in the current view. */
int	editor_view_rows(const struct editor *ed);

/*
 * A message too long to sit beside the status takes rows rows above it:
 * the data area gives them up, the cursor kept on screen (0 gives them
 * back when the message is gone).
 */
void	editor_set_msg_rows(struct editor *ed, int rows);

/*
 * The width the text view wraps at (the terminal's columns, at least 1):
 * pass it to the textview.h functions when drawing ed->top onwards.
 */
int	editor_text_width(const struct editor *ed);

/*
 * The help screen, as `mmhex --keys` prints it too: one line per command,
 * "  keys, ...   description", normal mode first, then sections for
 * overwrite mode and selecting (their headings name the keys that enter
 * them), the answers to each question and the prompt's editing keys, all
 * read from the tables the keys are dispatched through.  Returns the
 * number of lines and sets *lines to a NULL-terminated array to free with
 * editor_help_free().
 */
size_t	editor_help_lines(char ***lines);

/*
 * The same tables for scripts (`mmhex --keys=raw`): "MODE KEY COMMAND" a
 * line, MODE one of normal, overwrite, select, prompt, question-NAME; KEY
 * as the help names it (keymap_key_name()); COMMAND the name a
 * configuration file binds (or the prompt's or answer's action).  A
 * fourth word, "edits", marks a command a read-only session refuses.
 */
size_t	editor_keys_raw(char ***lines);
void	editor_help_free(char **lines);

/*
 * The session's journal on disk (journal-file.h, editor-journal.c).  A
 * writable session of a file (not read-only, not read into memory) keeps
 * one from its start: editor_journal_open() looks for one first and, as
 * found, starts a new one, asks ASK_RECOVER, or (another mmhex holds it)
 * goes on read-only, saying so.  editor_journal_tick() makes appended
 * records durable within SYNC_MS (call it after each key and when idle);
 * editor_journal_end() at the end keeps the journal when unflushed
 * copy-on-write edits were not given up (a signal, a lost terminal); a
 * clean end with nothing unflushed keeps only the undo history (the last
 * ed->undo_keep bytes of it), which the next session on the unchanged
 * file takes up, so u goes on taking back what was flushed; else the
 * journal is removed.
 */
void	editor_journal_open(struct editor *ed);
void	editor_journal_tick(struct editor *ed);
void	editor_journal_end(struct editor *ed);

/* The steps of editor_journal_open(), for --recover and the tests. */
int	editor_journal_find(struct editor *ed, struct editor_found *f,
	    struct error *err);
int	editor_journal_start(struct editor *ed, struct error *err);
/*
 * Make the journal's calls again: the history comes back and the
 * unflushed edits are applied as unflushed copy-on-write edits (a
 * write-through session becomes copy-on-write); the journal goes on
 * being written.  -1 with *err set and nothing restored.
 */
int	editor_journal_restore(struct editor *ed, struct editor_found *f,
	    struct error *err);
/* Take up the undo history found (f->history): this session's, journaled on. */
int	editor_journal_adopt(struct editor *ed, struct editor_found *f,
	    struct error *err);
/* Remove the journal found and start a new one. */
int	editor_journal_discard(struct editor *ed, struct editor_found *f,
	    struct error *err);
void	editor_found_free(struct editor_found *f);
/* Fill f's summary (live_from, edits, bytes, flush_cut...) from f->log. */
void	editor_found_survey(struct editor_found *f);
/* May f's edits be restored onto the file as it is now? */
bool	editor_found_restorable(const struct editor_found *f);
/* "2026-12-02 06:40": when a journal's session began. */
void	editor_journal_when(char *buf, size_t len, int64_t t);

#endif
