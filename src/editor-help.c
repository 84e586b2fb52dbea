/*
 * editor-help.c - everything that tells the user which key does what: the
 * help screen (made once when it opens, then scrolled), `mmhex --keys`
 * and its machine-readable form, and the hints the status line gives
 * ("Esc leaves", "F1 for help").
 *
 * Each is read from the tables the keys are dispatched through - the
 * bindings (keymap.c), the prompt's keys (editor-prompt.c) and the
 * answers to questions (editor-flush.c) - so after `bind` and `unbind`
 * in the configuration they name the keys that work now.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "editor.h"
#include "keymap.h"
#include "editor-int.h"

/* Append s to the growing NULL-terminated array of lines. */
static void
push_line(char ***lines, size_t *n, const char *s)
{
	*lines = xrealloc(*lines, (*n + 2) * sizeof(**lines));
	(*lines)[(*n)++] = xstrdup(s);
	(*lines)[*n] = NULL;
}

/* Append the name of key to buf, after sep when buf is not empty. */
static void
add_key(char *buf, size_t len, const char *sep, int key)
{
	size_t at = strlen(buf);

	snprintf(buf + at, len - at, "%s%s", at > 0 ? sep : "",
	    keymap_key_name(key));
}

/*
 * Append the first key bound to cmd in mode to buf (after a space);
 * false, and nothing appended, when no key is.
 */
static bool
add_first_key(char *buf, size_t len, enum keymap_mode mode, enum command cmd)
{
	int key;

	if (keymap_keys_of(mode, cmd, &key, 1) == 0)
		return false;
	add_key(buf, len, " ", key);
	return true;
}

/* Every key bound to cmd in mode, joined by sep; "" when none is. */
static void
keys_of(char *buf, size_t len, enum keymap_mode mode, enum command cmd,
    const char *sep)
{
	int keys[16];
	size_t i, n;

	buf[0] = '\0';
	n = keymap_keys_of(mode, cmd, keys, ARRAY_LEN(keys));
	for (i = 0; i < n && i < ARRAY_LEN(keys); i++)
		add_key(buf, len, sep, keys[i]);
}

/* One help line: the keys, then what they do. */
static void
push_row(char ***lines, size_t *n, const char *keys, const char *help)
{
	char line[256];

	snprintf(line, sizeof(line), "  %-26s  %s", keys, help);
	push_line(lines, n, line);
}

/* Every command of mode's own rows, once, with all its keys. */
static void
push_mode(char ***lines, size_t *n, enum keymap_mode mode)
{
	const struct key_binding *t;
	char keys[128];
	size_t i, j, len;

	t = keymap_table(&len);
	for (i = 0; i < len; i++) {
		if (t[i].mode != mode)
			continue;
		for (j = 0; j < i; j++)
			if (t[j].mode == mode && t[j].cmd == t[i].cmd)
				break;
		if (j < i)
			continue;	/* listed with its first key */
		keys[0] = '\0';
		for (j = i; j < len; j++)
			if (t[j].mode == mode && t[j].cmd == t[i].cmd)
				add_key(keys, sizeof(keys), " ", t[j].key);
		push_row(lines, n, keys, keymap_command_help(t[i].cmd));
	}
}

/*
 * Every action of a prompt or question table (the rows whose on is on),
 * once, with all its keys.
 */
static void
push_actions(char ***lines, size_t *n, const struct ed_key *t, size_t len,
    int on)
{
	char keys[128];
	size_t i, j;

	for (i = 0; i < len; i++) {
		if (t[i].on != on)
			continue;
		for (j = 0; j < i; j++)
			if (t[j].on == on && t[j].act == t[i].act)
				break;
		if (j < i)
			continue;
		keys[0] = '\0';
		for (j = i; j < len; j++)
			if (t[j].on == on && t[j].act == t[i].act)
				add_key(keys, sizeof(keys), " ", t[j].key);
		push_row(lines, n, keys, t[i].act->help);
	}
}

/* "In overwrite mode (R, Enter):", or without keys when none opens it. */
static void
push_heading(char ***lines, size_t *n, const char *what, enum command opens,
    const char *after)
{
	char keys[128], line[256];

	keys_of(keys, sizeof(keys), KEYMAP_NORMAL, opens, ", ");
	snprintf(line, sizeof(line), "%s%s%s%s%s", what, keys[0] ? " (" : "",
	    keys, keys[0] ? ")" : "", after);
	push_line(lines, n, "");
	push_line(lines, n, line);
}

/* The help screen; see editor.h. */
size_t
editor_help_lines(char ***out)
{
	char **lines = NULL, keys[128], line[256];
	size_t n = 0, q;

	push_line(&lines, &n, "mmhex keys (normal mode)");
	push_line(&lines, &n, "");
	push_mode(&lines, &n, KEYMAP_NORMAL);

	{
		char ins[64];

		keys_of(keys, sizeof(keys), KEYMAP_NORMAL, CMD_OVERWRITE, ", ");
		keys_of(ins, sizeof(ins), KEYMAP_NORMAL, CMD_INSERT, ", ");
		snprintf(line, sizeof(line), "In overwrite mode (%.60s) and "
		    "insert mode (%.60s):", keys[0] ? keys : "unbound",
		    ins[0] ? ins : "unbound");
		push_line(&lines, &n, "");
		push_line(&lines, &n, line);
	}
	push_row(&lines, &n, "0-9 a-f A-F",
	    "hex pane: overwrite (insert: a new byte, then) the high, then the low nibble");
	push_row(&lines, &n, "printable characters",
	    "text pane: overwrite the byte (insert: a new one before it)");
	push_mode(&lines, &n, KEYMAP_OVERWRITE);

	push_heading(&lines, &n, "While selecting", CMD_SELECT,
	    ", every movement extends the selection:");
	push_mode(&lines, &n, KEYMAP_SELECT);

	push_line(&lines, &n, "");
	push_line(&lines, &n, "Questions (one key answers):");
	for (q = 0; q < ed_nquestions; q++) {
		keys_of(keys, sizeof(keys), KEYMAP_NORMAL, ed_questions[q].by,
		    " ");
		if (ed_questions[q].by == CMD_NONE)
			snprintf(line, sizeof(line), "At the start, %s:",
			    ed_questions[q].when);
		else
			snprintf(line, sizeof(line), "After %s, %s:",
			    keys[0] != '\0' ? keys :
			    keymap_command_name(ed_questions[q].by),
			    ed_questions[q].when);
		push_line(&lines, &n, line);
		push_actions(&lines, &n, ed_answer_keys, ed_answer_nkeys,
		    (int)ed_questions[q].ask);
	}

	push_line(&lines, &n, "");
	push_line(&lines, &n, "In a prompt (goto, find, regex, fill, write to):");
	push_row(&lines, &n, "printable characters", "typed at the cursor");
	push_actions(&lines, &n, ed_prompt_keys, ed_prompt_nkeys, 0);

	push_line(&lines, &n, "");
	push_line(&lines, &n, "A long search stops on Esc or Ctrl-C; the cursor "
	    "stays where it was.");
	*out = lines;
	return n;
}

/* `mmhex --keys=raw`; see editor.h. */
size_t
editor_keys_raw(char ***out)
{
	const struct key_binding *t;
	char **lines = NULL, line[128];
	size_t n = 0, i, q, len;

	t = keymap_table(&len);
	for (i = 0; i < len; i++) {
		snprintf(line, sizeof(line), "%s %s %s%s",
		    keymap_mode_name(t[i].mode), keymap_key_name(t[i].key),
		    keymap_command_name(t[i].cmd),
		    editor_command_edits(t[i].cmd) ? " edits" : "");
		push_line(&lines, &n, line);
	}
	for (i = 0; i < ed_prompt_nkeys; i++) {
		snprintf(line, sizeof(line), "prompt %s %s",
		    keymap_key_name(ed_prompt_keys[i].key),
		    ed_prompt_keys[i].act->name);
		push_line(&lines, &n, line);
	}
	for (q = 0; q < ed_nquestions; q++)
		for (i = 0; i < ed_answer_nkeys; i++) {
			if (ed_answer_keys[i].on != (int)ed_questions[q].ask)
				continue;
			snprintf(line, sizeof(line), "question-%s %s %s",
			    ed_questions[q].name,
			    keymap_key_name(ed_answer_keys[i].key),
			    ed_answer_keys[i].act->name);
			push_line(&lines, &n, line);
		}
	*out = lines;
	return n;
}

/* Free what editor_help_lines() or editor_keys_raw() returned. */
void
editor_help_free(char **lines)
{
	size_t i;

	if (lines == NULL)
		return;
	for (i = 0; lines[i] != NULL; i++)
		free(lines[i]);
	free(lines);
}

/* A hint; see editor-int.h. */
void
ed_hint(char *buf, size_t len, enum keymap_mode mode, enum command cmd,
    const char *does)
{
	buf[0] = '\0';
	if (add_first_key(buf, len, mode, cmd))
		snprintf(buf + strlen(buf), len - strlen(buf), " %s", does);
}

/* F1, H: the help screen, made now, shown from its top. */
void
cmd_help(struct editor *ed)
{
	char *h = ed->help_hint;
	size_t len = sizeof(ed->help_hint);

	editor_help_free(ed->help_lines);
	ed->help_n = editor_help_lines(&ed->help_lines);
	ed->help_top = 0;
	static const enum command scroll[] = {
		CMD_UP, CMD_DOWN, CMD_PAGE_UP, CMD_PAGE_DOWN,
	};
	size_t i, named = 0;

	/* "help: Up Down PgUp PgDn scroll, F1 q Esc leave" */
	snprintf(h, len, "help:");
	for (i = 0; i < ARRAY_LEN(scroll); i++)
		named += add_first_key(h, len, KEYMAP_NORMAL, scroll[i]);
	if (named > 0)
		snprintf(h + strlen(h), len - strlen(h), " scroll,");
	add_first_key(h, len, KEYMAP_NORMAL, CMD_HELP);
	add_first_key(h, len, KEYMAP_NORMAL, CMD_QUIT);
	snprintf(h + strlen(h), len - strlen(h), " Esc leave");
	ed_enter(ed, INPUT_HELP);
}

/* Close the help screen, freeing its lines. */
static void
help_close(struct editor *ed)
{
	editor_help_free(ed->help_lines);
	ed->help_lines = NULL;
	ed->help_n = 0;
	ed_leave(ed);
}

/* A key while the help screen is shown: scroll it or leave it. */
void
help_key(struct editor *ed, int key)
{
	enum command c = keymap_lookup(KEYMAP_NORMAL, key);
	size_t page = ed_page_rows(ed);

	if (c == CMD_HELP || c == CMD_QUIT || key == EK_ESC) {
		help_close(ed);
		return;
	}
	switch (c) {
	case CMD_UP:
		if (ed->help_top > 0)
			ed->help_top--;
		break;
	case CMD_DOWN:
		ed->help_top++;
		break;
	case CMD_PAGE_UP:
		ed->help_top = ed->help_top > page ? ed->help_top - page : 0;
		break;
	case CMD_PAGE_DOWN:
		ed->help_top += page;
		break;
	case CMD_SCROLL_UP:
		ed->help_top = ed->help_top > WHEEL_ROWS ?
		    ed->help_top - WHEEL_ROWS : 0;
		break;
	case CMD_SCROLL_DOWN:
		ed->help_top += WHEEL_ROWS;
		break;
	case CMD_REDRAW:
		ed->redraw = true;
		break;
	default:
		break;
	}
	if (ed->help_top >= ed->help_n)
		ed->help_top = ed->help_n - 1;
}
