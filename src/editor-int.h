/*
 * editor-int.h - what the editor's files (editor*.c) share and nothing
 * else may use: short accessors, the message line, the command handlers
 * the command table in editor.c points to, and the entry points of each
 * input state.  See editor.c for which file owns what.
 */
#ifndef MMHEX_EDITOR_INT_H
#define MMHEX_EDITOR_INT_H

#include "editor.h"
#include "keymap.h"

/*
 * A key of the prompt or of a question and what it does: the tables that
 * prompt_key() and ask_key() dispatch through and that the help screen
 * and `mmhex --keys` list (editor-help.c), so the two cannot disagree.
 */
struct ed_action {
	const char	*name;		/* as `mmhex --keys=raw` shows it */
	const char	*help;		/* the help screen's line */
	void		(*exec)(struct editor *);
};
struct ed_key {
	int			 on;	/* a question's enum ask; 0 for the prompt */
	int			 key;
	const struct ed_action	*act;
};

/* A question, for the help screen: which command asks it, and when. */
struct ed_question {
	enum ask	 ask;
	const char	*name;		/* "quit": --keys=raw says "question-quit" */
	enum command	 by;
	const char	*when;		/* "with unflushed copy-on-write edits" */
};

/* Rows a wheel step scrolls. */
#define WHEEL_ROWS	3

/* editor.c */
void	ed_enter(struct editor *ed, enum input in);
void	ed_leave(struct editor *ed);
void	ed_set_mode(struct editor *ed, enum input mode);
void	ed_msg(struct editor *ed, bool is_error, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* The edited bytes' size: editor_size(). */
#define ed_size(ed)	editor_size(ed)
const char *ed_plural(uint64_t n);

/* editor-help.c */
void cmd_help(struct editor *ed);
void help_key(struct editor *ed, int key);
/*
 * "Esc leaves": the first key bound to cmd in mode and what it does, in
 * buf; "" when no key is bound to it.
 */
void ed_hint(char *buf, size_t len, enum keymap_mode mode, enum command cmd,
    const char *does);

/* editor-move.c */
size_t ed_page_rows(const struct editor *ed);
void ed_relayout(struct editor *ed);
void ed_scroll(struct editor *ed);
void ed_jump(struct editor *ed, size_t off);
void cmd_left(struct editor *ed);
void cmd_right(struct editor *ed);
void cmd_up(struct editor *ed);
void cmd_down(struct editor *ed);
void cmd_page_down(struct editor *ed);
void cmd_page_up(struct editor *ed);
void cmd_line_start(struct editor *ed);
void cmd_line_end(struct editor *ed);
void cmd_end(struct editor *ed);
void cmd_start(struct editor *ed);
void cmd_scroll_up(struct editor *ed);
void cmd_scroll_down(struct editor *ed);
void cmd_set_mark(struct editor *ed);
void cmd_jump_mark(struct editor *ed);
void mark_key(struct editor *ed, int key);

/* editor-prompt.c */
void prompt_relabel(struct editor *ed);
void prompt_open(struct editor *ed, enum prompt_kind k);
void cmd_goto(struct editor *ed);
void cmd_find(struct editor *ed);
void cmd_rfind(struct editor *ed);
void cmd_regex(struct editor *ed);
void cmd_rregex(struct editor *ed);
void prompt_key(struct editor *ed, int key);
extern const struct ed_key ed_prompt_keys[];
extern const size_t ed_prompt_nkeys;

/* editor-search.c */
void search_clear(struct search *s);
void ed_land(struct editor *ed, size_t at, size_t len);
void cmd_next(struct editor *ed);
void cmd_prev(struct editor *ed);
void run_find(struct editor *ed, const char *line, bool hex, bool backward);
void run_regex(struct editor *ed, const char *line, bool backward);

/* editor-edit.c */
/* Where undo and redo write: the mapping, and the error if it fails. */
struct apply_ctx {
	struct editor	*ed;
	struct error	 err;
	struct dirty	 skipped;	/* bytes past the end of the window */
};
int apply_bytes(void *ctx, enum journal_op op, size_t off,
    const unsigned char *bytes, size_t len);
void cmd_undo(struct editor *ed);
void cmd_redo(struct editor *ed);
void cmd_overwrite(struct editor *ed);
void cmd_leave_mode(struct editor *ed);
void cmd_select(struct editor *ed);
void cmd_copy(struct editor *ed);
void cmd_paste(struct editor *ed);
void cmd_fill(struct editor *ed);
void run_fill(struct editor *ed, const char *line, bool hex);
/* Overwrite [off, off + len) with buf, one new undo step (left open). */
int ed_write(struct editor *ed, size_t off, const void *buf, size_t len);
/*
 * Typing runs: a byte typed at ed->run_at joins the open undo step
 * (ed_run_joins()); each byte typed moves the run on to the cursor
 * (ed_run_on()); any command but Backspace and the insert toggle, and a
 * click, ends it (ed_run_end(): the step is complete).
 */
bool ed_run_joins(const struct editor *ed);
void ed_run_on(struct editor *ed);
void ed_run_end(struct editor *ed);
void overwrite_key(struct editor *ed, int key, bool low);
void overwrite_low(struct editor *ed, size_t at, unsigned char b);

/* editor-size.c */
bool ed_sized(const struct editor *ed);
bool ed_part_moved(const struct editor *ed);
struct bytes *ed_rd(const struct editor *ed);
void ed_read(const struct editor *ed, size_t off, void *buf, size_t len);
unsigned char ed_byte(const struct editor *ed, size_t off);
const unsigned char *ed_view(const struct editor *ed, size_t off, size_t len,
    unsigned char **tmp);
size_t ed_extent(const struct editor *ed);
int ed_store(struct editor *ed, size_t off, const void *buf, size_t len,
    size_t *done, struct error *err);
int ed_resize(struct editor *ed, enum journal_op op, size_t off,
    const unsigned char *bytes, size_t len, struct error *err);
int ed_flush_sizes(struct editor *ed, struct error *err);
void ed_say_part_moved(struct editor *ed);
uint64_t ed_sizes_rebase(struct editor *ed);
void ed_sizes_free(struct editor *ed);
/*
 * Insert or delete len bytes at off (bytes: an insert's, NULL reads a
 * delete's), the cursor to cursor, joining the open undo step when join:
 * 0 made, 1 asked first (write-through, a long move), -1 said why.
 */
int ed_edit_size(struct editor *ed, enum journal_op op, size_t off,
    const void *bytes, size_t len, size_t cursor, bool join);
void cmd_insert(struct editor *ed);
void cmd_toggle_insert(struct editor *ed);
void cmd_delete(struct editor *ed);
void cmd_backspace(struct editor *ed);
void cmd_cut(struct editor *ed);
void cmd_paste_insert(struct editor *ed);
void insert_key(struct editor *ed, int key, bool low, bool text);
extern const struct ed_action ed_answer_move, ed_answer_no_move,
    ed_answer_move_always, ed_answer_move_cow;

/* editor-search.c: A, the list of matches. */
void cmd_list_matches(struct editor *ed);
void list_key(struct editor *ed, int key);

/* editor-overview.c: o. */
void cmd_toggle_overview(struct editor *ed);

/* editor-skip.c: } and {, by the kinds --map prints; blocks and holes. */
void cmd_skip_next(struct editor *ed);
void cmd_skip_prev(struct editor *ed);
enum filemap_kind ed_block_kind(struct editor *ed, size_t b,
    unsigned char *buf);
size_t ed_segment_end(struct editor *ed, size_t b, bool *hole);
size_t ed_hole_end(struct editor *ed, size_t b);

/* editor-lines.c: #, line numbers. */
void cmd_toggle_line_numbers(struct editor *ed);
/* After a key: the top's line counted (progress, cancel), the gutter set. */
void ed_lines_follow(struct editor *ed);
/* Bytes at off changed: a count past them starts again. */
void ed_lines_edited(struct editor *ed, size_t off);

/* editor-save.c: W, the selection to a file. */
void cmd_write_selection(struct editor *ed);
void run_write_selection(struct editor *ed, const char *line);
extern const struct ed_action ed_answer_save_replace, ed_answer_save_cancel;
/* O: the path prompt; its Enter asks the UI to open the file. */
void cmd_open(struct editor *ed);
void run_open(struct editor *ed, const char *line);

/* editor-journal.c: Ctrl-Z, the journal durable first. */
void cmd_suspend(struct editor *ed);

/* editor-compare.c */
void cmd_diff_next(struct editor *ed);
void cmd_diff_prev(struct editor *ed);
void cmd_other_file(struct editor *ed);
void cmd_diff_put(struct editor *ed);
void cmd_diff_get(struct editor *ed);

/* editor-journal.c */
/* Append a mark (JREC_FLUSH_BEGIN: op 1 when it moves bytes; made durable). */
void ed_journal_mark(struct editor *ed, enum jrec_type type, int op);
/* A move begins (its log, when journaling) and is over (the log goes). */
void ed_move_log_begin(struct editor *ed);
void ed_move_log_end(struct editor *ed);
/* The file changed identity (written to another path): a new journal. */
void ed_journal_restart(struct editor *ed);
extern const struct ed_action ed_answer_restore, ed_answer_discard_journal,
    ed_answer_keep_journal;

/* editor-flush.c */
void	ed_ask(struct editor *ed, enum ask what, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
int ed_flush(struct editor *ed, const char *on_failure);
void cmd_flush(struct editor *ed);
void cmd_toggle_session(struct editor *ed);
void cmd_quit(struct editor *ed);
void cmd_quit_discard(struct editor *ed);
void run_write_as(struct editor *ed, const char *line);
void ask_key(struct editor *ed, int key);
extern const struct ed_key ed_answer_keys[];
extern const size_t ed_answer_nkeys;
extern const struct ed_question ed_questions[];
extern const size_t ed_nquestions;

#endif
