/*
 * editor-prompt.c - the prompt line under the data: opening one (goto,
 * find, regex, fill, write to), its table of editing keys (Backspace,
 * Delete, Ctrl-U, Home/End, Left/Right, Ctrl-A/E), its history (Up/Down),
 * Tab between hex and text, Esc / Ctrl-C / Ctrl-G, and Enter, which hands
 * the line to the command it belongs to.
 */
#include "config.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "editor.h"
#include "expr.h"
#include "inspect.h"
#include "keymap.h"
#include "textview.h"
#include "editor-int.h"

/* Is the find prompt about to take hex (the hex pane of the hex view)? */
static bool
ed_wants_hex(const struct editor *ed)
{
	return ed->view == VIEW_HEX && ed->pane == PANE_HEX;
}

/* Label of the open prompt: what it does, and for find whether hex or text. */
void
prompt_relabel(struct editor *ed)
{
	struct prompt *p = &ed->prompt;
	const char *what;

	switch (p->kind) {
	case PROMPT_GOTO:
		what = "goto";
		break;
	case PROMPT_FIND:
		what = p->hex ? "find hex" : "find text";
		break;
	case PROMPT_RFIND:
		what = p->hex ? "find hex backward" : "find text backward";
		break;
	case PROMPT_REGEX:
		what = "regex";
		break;
	case PROMPT_RREGEX:
		what = "regex backward";
		break;
	case PROMPT_FILL:
		what = p->hex ? "fill hex" : "fill text";
		break;
	case PROMPT_WRITE_AS:
		what = "write the file to";
		break;
	case PROMPT_OPEN:
		what = "open";
		break;
	case PROMPT_WRITE_SEL:
		snprintf(p->label, sizeof(p->label), "write %zu byte%s to: ",
		    ed->save_to - ed->save_from,
		    ed_plural(ed->save_to - ed->save_from));
		return;
	default:
		what = "";
		break;
	}
	snprintf(p->label, sizeof(p->label), "%s: ", what);
}

/* The history a prompt kind shares. */
static struct history *
prompt_history(struct editor *ed, enum prompt_kind k)
{
	switch (k) {
	case PROMPT_GOTO:
		return &ed->history[HISTORY_GOTO];
	case PROMPT_FIND:
	case PROMPT_RFIND:
		return &ed->history[HISTORY_FIND];
	case PROMPT_FILL:
		return &ed->history[HISTORY_FILL];
	case PROMPT_WRITE_AS:
	case PROMPT_WRITE_SEL:
	case PROMPT_OPEN:
		return &ed->history[HISTORY_PATH];
	default:
		return &ed->history[HISTORY_REGEX];
	}
}

/* Open an empty prompt of kind k. */
void
prompt_open(struct editor *ed, enum prompt_kind k)
{
	struct prompt *p = &ed->prompt;

	memset(p, 0, sizeof(*p));
	p->kind = k;
	ed_enter(ed, INPUT_PROMPT);
	p->hex = ed_wants_hex(ed);
	p->hist_pos = prompt_history(ed, k)->n;
	prompt_relabel(ed);
}

/* g: the goto prompt. */
void
cmd_goto(struct editor *ed)
{
	prompt_open(ed, PROMPT_GOTO);
}

/* f: the find prompt, hex or text by the pane. */
void
cmd_find(struct editor *ed)
{
	prompt_open(ed, PROMPT_FIND);
}

/* F: the backward find prompt. */
void
cmd_rfind(struct editor *ed)
{
	prompt_open(ed, PROMPT_RFIND);
}

/* /: the regex prompt. */
void
cmd_regex(struct editor *ed)
{
	prompt_open(ed, PROMPT_REGEX);
}

/* ?: the backward regex prompt. */
void
cmd_rregex(struct editor *ed)
{
	prompt_open(ed, PROMPT_RREGEX);
}

/*
 * Remember line, typed as hex or as text, in history h (not twice in a
 * row, oldest dropped).
 */
static void
history_add(struct history *h, const char *line, bool hex)
{
	if (line[0] == '\0')
		return;
	if (h->n > 0 && strcmp(h->items[h->n - 1], line) == 0 &&
	    h->hex[h->n - 1] == hex)
		return;
	if (h->n == HISTORY_MAX) {
		free(h->items[0]);
		memmove(h->items, h->items + 1, (HISTORY_MAX - 1) *
		    sizeof(h->items[0]));
		memmove(h->hex, h->hex + 1, (HISTORY_MAX - 1) *
		    sizeof(h->hex[0]));
		h->n--;
	}
	h->hex[h->n] = hex;
	h->items[h->n++] = xstrdup(line);
}

/* Replace the prompt line with s, cursor at its end. */
static void
prompt_set_line(struct prompt *p, const char *s)
{
	snprintf(p->buf, sizeof(p->buf), "%s", s);
	p->len = p->pos = strlen(p->buf);
}

/* The goto prompt's Enter. */
static void
run_goto(struct editor *ed, const char *line)
{
	struct error err;

	if (editor_goto(ed, line, &err) == -1)
		ed_msg(ed, true, "goto: %s", err.msg);
}

/* Enter in a prompt: close it, remember the line, run it. */
static void
prompt_enter(struct editor *ed)
{
	struct prompt *p = &ed->prompt;
	enum prompt_kind k = p->kind;
	char line[PROMPT_MAX];
	bool hex = p->hex;

	memcpy(line, p->buf, sizeof(line));
	p->kind = PROMPT_NONE;
	ed_leave(ed);
	history_add(prompt_history(ed, k), line, hex);
	switch (k) {
	case PROMPT_GOTO:
		run_goto(ed, line);
		break;
	case PROMPT_FIND:
	case PROMPT_RFIND:
		run_find(ed, line, hex, k == PROMPT_RFIND);
		break;
	case PROMPT_REGEX:
	case PROMPT_RREGEX:
		run_regex(ed, line, k == PROMPT_RREGEX);
		break;
	case PROMPT_FILL:
		run_fill(ed, line, hex);
		break;
	case PROMPT_WRITE_AS:
		run_write_as(ed, line);
		break;
	case PROMPT_WRITE_SEL:
		run_write_selection(ed, line);
		break;
	case PROMPT_OPEN:
		run_open(ed, line);
		break;
	default:
		break;
	}
}

/* Up (older, dir < 0) or Down (newer) through the prompt's history. */
static void
prompt_history_step(struct editor *ed, int dir)
{
	struct prompt *p = &ed->prompt;
	struct history *h = prompt_history(ed, p->kind);

	if (dir < 0) {
		if (p->hist_pos == 0)
			return;
		if (p->hist_pos == h->n) {
			memcpy(p->draft, p->buf, sizeof(p->draft));
			p->draft_hex = p->hex;
		}
		p->hist_pos--;
		prompt_set_line(p, h->items[p->hist_pos]);
	} else {
		if (p->hist_pos >= h->n)
			return;
		p->hist_pos++;
		prompt_set_line(p, p->hist_pos == h->n ? p->draft :
		    h->items[p->hist_pos]);
	}
	/* A line comes back as what it was typed as, hex or text. */
	p->hex = p->hist_pos == h->n ? p->draft_hex : h->hex[p->hist_pos];
	prompt_relabel(ed);
}

/* The prompt's line-editing actions, one a key of the table below. */
static void
pe_cancel(struct editor *ed)
{
	ed->prompt.kind = PROMPT_NONE;
	ed_leave(ed);
}

static void
pe_left(struct editor *ed)
{
	if (ed->prompt.pos > 0)
		ed->prompt.pos--;
}

static void
pe_right(struct editor *ed)
{
	if (ed->prompt.pos < ed->prompt.len)
		ed->prompt.pos++;
}

static void
pe_line_start(struct editor *ed)
{
	ed->prompt.pos = 0;
}

static void
pe_line_end(struct editor *ed)
{
	ed->prompt.pos = ed->prompt.len;
}

static void
pe_delete_back(struct editor *ed)
{
	struct prompt *p = &ed->prompt;

	if (p->pos == 0)
		return;
	memmove(p->buf + p->pos - 1, p->buf + p->pos, p->len - p->pos + 1);
	p->pos--;
	p->len--;
}

static void
pe_delete(struct editor *ed)
{
	struct prompt *p = &ed->prompt;

	if (p->pos == p->len)
		return;
	memmove(p->buf + p->pos, p->buf + p->pos + 1, p->len - p->pos);
	p->len--;
}

static void
pe_kill_line(struct editor *ed)
{
	prompt_set_line(&ed->prompt, "");
}

static void
pe_older(struct editor *ed)
{
	prompt_history_step(ed, -1);
}

static void
pe_newer(struct editor *ed)
{
	prompt_history_step(ed, 1);
}

/* Tab: the find and fill prompts take hex or text. */
static void
pe_hex_text(struct editor *ed)
{
	struct prompt *p = &ed->prompt;

	if (p->kind == PROMPT_FIND || p->kind == PROMPT_RFIND ||
	    p->kind == PROMPT_FILL) {
		p->hex = !p->hex;
		prompt_relabel(ed);
	}
}

static const struct ed_action
	pa_run = { "run", "run it (the line joins the history)", prompt_enter },
	pa_cancel = { "cancel", "cancel, nothing moves", pe_cancel },
	pa_left = { "left", "one character left", pe_left },
	pa_right = { "right", "one character right", pe_right },
	pa_start = { "line-start", "start of the line", pe_line_start },
	pa_end = { "line-end", "end of the line", pe_line_end },
	pa_back = { "delete-back", "delete the character before the cursor",
	    pe_delete_back },
	pa_delete = { "delete", "delete the character under the cursor",
	    pe_delete },
	pa_kill = { "kill-line", "delete the whole line", pe_kill_line },
	pa_older = { "older", "the line typed before (history)", pe_older },
	pa_newer = { "newer", "the line typed after", pe_newer },
	pa_hex_text = { "hex-text", "find and fill prompts: switch hex / text",
	    pe_hex_text };

/*
 * The prompt's keys, like less's edittable: what prompt_key() runs and
 * what the help screen and `mmhex --keys` list.  Any other printable key
 * is typed at the cursor.
 */
const struct ed_key ed_prompt_keys[] = {
	{ 0, EK_ENTER,		&pa_run },
	{ 0, EK_ESC,		&pa_cancel },
	{ 0, EK_CTRL('C'),	&pa_cancel },
	{ 0, EK_CTRL('G'),	&pa_cancel },
	{ 0, EK_LEFT,		&pa_left },
	{ 0, EK_RIGHT,		&pa_right },
	{ 0, EK_HOME,		&pa_start },
	{ 0, EK_CTRL('A'),	&pa_start },
	{ 0, EK_END,		&pa_end },
	{ 0, EK_CTRL('E'),	&pa_end },
	{ 0, EK_BACKSPACE,	&pa_back },
	{ 0, EK_DELETE,		&pa_delete },
	{ 0, EK_CTRL('U'),	&pa_kill },
	{ 0, EK_UP,		&pa_older },
	{ 0, EK_DOWN,		&pa_newer },
	{ 0, EK_TAB,		&pa_hex_text },
};
const size_t ed_prompt_nkeys = ARRAY_LEN(ed_prompt_keys);

/* A key while a prompt is open: its action, or a character typed. */
void
prompt_key(struct editor *ed, int key)
{
	struct prompt *p = &ed->prompt;
	size_t i;

	for (i = 0; i < ed_prompt_nkeys; i++)
		if (ed_prompt_keys[i].key == key) {
			ed_prompt_keys[i].act->exec(ed);
			return;
		}
	/* gg, as in vim and less: g typed first in the goto prompt. */
	if (p->kind == PROMPT_GOTO && p->len == 0 && key == 'g') {
		pe_cancel(ed);
		editor_set_cursor(ed, 0);	/* the window's first byte */
		return;
	}
	if (key < 0x20 || key > 0xff || key == 0x7f ||
	    p->len + 1 >= sizeof(p->buf))
		return;
	memmove(p->buf + p->pos + 1, p->buf + p->pos, p->len - p->pos + 1);
	p->buf[p->pos++] = (char)key;
	p->len++;
}
