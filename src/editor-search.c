/*
 * editor-search.c - find and rfind of byte patterns, PCRE2 searches in
 * both directions, n and N, and the matches highlighted on screen.  Every
 * scan goes through ed->progress, so the UI can show progress and cancel.
 */
#include "config.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "editor.h"
#include "pieces-find.h"
#include "expr.h"
#include "inspect.h"
#include "keymap.h"
#include "textview.h"
#include "editor-int.h"

/* Forget the last search. */
void
search_clear(struct search *s)
{
	free(s->typed);
	free(s->starts);
	finder_free(s->finder);
	pattern_free(&s->pat);
	regex_free(s->re);
	memset(s, 0, sizeof(*s));
}

/*
 * The last bytes search's first match in [from, end) of the edited bytes:
 * straight over the mapping when they are the window, else over the list.
 */
static enum scan_result
find_in(struct editor *ed, size_t from, size_t end, size_t *at,
    const struct progress *progress)
{
	const struct search *s = &ed->search;
	enum scan_result r;
	uint64_t a;

	if (!ed_sized(ed))
		return finder_find(s->finder, ed->m->data, end, from, at,
		    progress);
	r = pieces_find(&ed->pieces, ed->m->data, s->finder, &s->pat, from,
	    end, &a, progress);
	*at = (size_t)a;
	return r;
}

/* ... and its last match starting below end (ending by it). */
static enum scan_result
rfind_in(struct editor *ed, size_t end, size_t *at,
    const struct progress *progress)
{
	const struct search *s = &ed->search;
	enum scan_result r;
	uint64_t a;

	if (!ed_sized(ed))
		return finder_rfind(s->finder, ed->m->data, end, at, progress);
	r = pieces_rfind(&ed->pieces, ed->m->data, s->finder, &s->pat, end,
	    &a, progress);
	*at = (size_t)a;
	return r;
}

/*
 * The largest window whose matches n and N count by themselves, and the
 * most counted: past the first, A counts (a walk of the whole window,
 * asked for); past the second, the first COUNT_MAX are kept and said so.
 */
#define COUNT_WINDOW_MAX	((size_t)256 << 20)
#define COUNT_MAX		((size_t)1000000)

/*
 * Every start n and N step through, in order, into ed->search.starts:
 * where the pattern matches (overlapping), or where a regex match starts
 * (an empty one at the window's very end excepted, as n does).  A window
 * past COUNT_WINDOW_MAX only when asked (A).  Sets counted (editor.h).
 */
static void
count_matches(struct editor *ed, bool asked)
{
	struct search *s = &ed->search;
	size_t n = ed_size(ed), pos = 0, at, len, cap = 0;
	enum scan_result r;
	struct error err;

	free(s->starts);
	s->starts = NULL;
	s->nstarts = 0;
	s->counted = -1;
	if (n > COUNT_WINDOW_MAX && !asked)
		return;
	while (pos < n) {
		if (s->kind == SEARCH_REGEX) {
			r = regex_find_in(s->re, ed_rd(ed), pos, false, &at, &len,
			    ed->progress, &err);
			if (r == SCAN_FOUND && at >= n)
				r = SCAN_NOT_FOUND;
		} else
			r = find_in(ed, pos, n, &at, ed->progress);
		if (r == SCAN_NOT_FOUND)
			break;
		if (r == SCAN_FOUND && s->nstarts == COUNT_MAX) {
			s->counted = 2;
			return;
		}
		if (r != SCAN_FOUND) {
			free(s->starts);
			s->starts = NULL;
			s->nstarts = 0;
			return;
		}
		if (s->nstarts == cap) {
			cap = cap == 0 ? 64 : 2 * cap;
			s->starts = xrealloc(s->starts, cap * sizeof(*s->starts));
		}
		s->starts[s->nstarts++] = at;
		pos = at + 1;
	}
	s->counted = 1;
}

/* n with thousands separators: "1,204". */
static const char *
grouped(size_t n, char *buf, size_t len)
{
	char digits[32];
	size_t d, i, o = 0;

	snprintf(digits, sizeof(digits), "%zu", n);
	d = strlen(digits);
	for (i = 0; i < d && o + 2 < len; i++) {
		if (i > 0 && (d - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
	return buf;
}

/*
 * "match 3 of 1,204" for the match at at, into msg (empty when the window
 * is too big to count, or the count was stopped).
 */
static void
match_note(struct editor *ed, size_t at, char *msg, size_t len)
{
	struct search *s = &ed->search;
	size_t lo = 0, hi, mid;
	char a[32], b[32];

	msg[0] = '\0';
	if (s->counted == 0)
		count_matches(ed, false);
	if (s->counted != 1 && s->counted != 2)
		return;
	for (hi = s->nstarts; lo < hi;) {
		mid = lo + (hi - lo) / 2;
		if (s->starts[mid] < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < s->nstarts && s->starts[lo] == at)
		snprintf(msg, len, "match %s of %s%s", grouped(lo + 1, a,
		    sizeof(a)), s->counted == 2 ? "more than " : "",
		    grouped(s->nstarts, b, sizeof(b)));
}

/* Land on a match. */
void
ed_land(struct editor *ed, size_t at, size_t len)
{
	ed->match.at = at;
	ed->match.len = len;
	ed->has_match = true;
	ed_jump(ed, at);
}

/*
 * The last bytes search from the cursor: forward, the first match
 * starting after the cursor, else (*wrapped) the first in the file, which
 * then starts at or before the cursor, so the scan stops there.
 * Backward, the last match starting before the cursor (it may end past
 * it), else the last in the file.
 */
static enum scan_result
search_bytes(struct editor *ed, bool backward, size_t *at, bool *wrapped)
{
	size_t n = ed_size(ed), c = ed->cursor, len = ed->search.pat.len, end;
	enum scan_result r;

	*wrapped = false;
	if (!backward) {
		r = find_in(ed, c + 1, n, at, ed->progress);
		if (r != SCAN_NOT_FOUND)
			return r;
		*wrapped = true;
		end = n - c > len ? c + len : n;
		return find_in(ed, 0, end, at, ed->progress);
	}
	end = n - c > len - 1 ? c + len - 1 : n;
	r = rfind_in(ed, end, at, ed->progress);
	if (r != SCAN_NOT_FOUND)
		return r;
	*wrapped = true;
	return rfind_in(ed, n, at, ed->progress);
}

/*
 * The last regex search from the cursor, as search_bytes().  Empty
 * matches count (^ finds line starts), except one at the very end of the
 * window where there is no byte to put the cursor on.
 */
static enum scan_result
search_regex(struct editor *ed, bool backward, size_t *at, size_t *len,
    bool *wrapped, struct error *err)
{
	struct regex *re = ed->search.re;
	size_t n = ed_size(ed), c = ed->cursor;
	enum scan_result r;

	*wrapped = false;
	if (!backward) {
		r = regex_find_in(re, ed_rd(ed), c + 1, false, at, len,
		    ed->progress, err);
		if (r == SCAN_FOUND && *at >= n)
			r = SCAN_NOT_FOUND;
		if (r != SCAN_NOT_FOUND)
			return r;
		*wrapped = true;
		r = regex_find_in(re, ed_rd(ed), 0, false, at, len,
		    ed->progress, err);
		return r == SCAN_FOUND && *at >= n ? SCAN_NOT_FOUND : r;
	}
	r = regex_rfind_in(re, ed_rd(ed), c, at, len, ed->progress, err);
	if (r != SCAN_NOT_FOUND)
		return r;
	*wrapped = true;
	return regex_rfind_in(re, ed_rd(ed), n, at, len, ed->progress, err);
}

/*
 * Run the last search from the cursor, backward or not, and land on the
 * match with "search wrapped" when it came round from the other end.  A
 * miss, a cancelled scan or an error moves nothing and says why.
 */
static void
search_run(struct editor *ed, bool backward)
{
	size_t at = 0, len = 0;
	enum scan_result r;
	struct error err;
	char note[64];
	bool wrapped;

	if (ed_size(ed) == 0) {
		ed_msg(ed, true, "empty file");
		return;
	}
	memset(&err, 0, sizeof(err));
	/* A scan reads ahead; browsing afterwards jumps around again. */
	mapping_advise_sequential(ed->m, true);
	if (ed->search.kind == SEARCH_REGEX)
		r = search_regex(ed, backward, &at, &len, &wrapped, &err);
	else {
		len = ed->search.pat.len;
		r = search_bytes(ed, backward, &at, &wrapped);
	}
	mapping_advise_sequential(ed->m, false);
	switch (r) {
	case SCAN_FOUND:
		ed_land(ed, at, len);
		match_note(ed, at, note, sizeof(note));
		if (wrapped)
			ed_msg(ed, false, "search wrapped%s%s", note[0] != '\0' ?
			    "; " : "", note);
		else if (note[0] != '\0')
			ed_msg(ed, false, "%s", note);
		break;
	case SCAN_NOT_FOUND:
		ed_msg(ed, true, "not found: %s", ed->search.typed);
		break;
	case SCAN_CANCELLED:
		ed_msg(ed, true, "search cancelled");
		break;
	case SCAN_ERROR:
		ed_msg(ed, true, "%s", err.msg);
		break;
	}
}

/* n and N: the last search again, in its direction or the other. */
static void
repeat_search(struct editor *ed, bool flip)
{
	if (ed->search.kind == SEARCH_NONE) {
		ed_msg(ed, true, "no previous search");
		return;
	}
	search_run(ed, ed->search.backward != flip);
}

/* n: the last search again, same direction. */
void
cmd_next(struct editor *ed)
{
	repeat_search(ed, false);
}

/* N: the last search again, the other direction. */
void
cmd_prev(struct editor *ed)
{
	repeat_search(ed, true);
}

/* The find prompts' Enter: parse, make it the last search, run it. */
void
run_find(struct editor *ed, const char *line, bool hex, bool backward)
{
	struct pattern pat;
	struct error err;
	int rc;

	memset(&pat, 0, sizeof(pat));
	rc = hex ? pattern_parse_hex(&pat, line, &err) :
	    pattern_parse_text(&pat, line, &err);
	if (rc == -1) {
		ed_msg(ed, true, "find: %s", err.msg);
		return;
	}
	search_clear(&ed->search);
	ed->search.kind = hex ? SEARCH_HEX : SEARCH_TEXT;
	ed->search.backward = backward;
	ed->search.typed = xstrdup(line);
	ed->search.pat = pat;
	ed->search.finder = finder_new(&ed->search.pat);
	search_run(ed, backward);
}

/* The regex prompts' Enter. */
void
run_regex(struct editor *ed, const char *line, bool backward)
{
	struct regex *re;
	struct error err;

	if (line[0] == '\0') {
		ed_msg(ed, true, "regex: empty pattern");
		return;
	}
	re = regex_compile(line, &err);
	if (re == NULL) {
		ed_msg(ed, true, "regex: %s", err.msg);
		return;
	}
	search_clear(&ed->search);
	ed->search.kind = SEARCH_REGEX;
	ed->search.backward = backward;
	ed->search.typed = xstrdup(line);
	ed->search.re = re;
	search_run(ed, backward);
}

/* Matches of the last search on screen; see editor.h. */
size_t
editor_matches(struct editor *ed, size_t from, size_t to, struct match *out,
    size_t max)
{
	struct search *s = &ed->search;
	struct regex_iter it;
	struct bytes rd;
	struct error err;
	size_t n = ed_size(ed), lo, hi, at, len, count = 0;

	if (s->kind == SEARCH_NONE || n == 0 || max == 0)
		return 0;
	if (to > n)
		to = n;
	if (from >= to)
		return 0;
	if (s->kind == SEARCH_REGEX) {
		lo = from > EDITOR_REGEX_MARGIN ?
		    from - EDITOR_REGEX_MARGIN : 0;
		hi = n - to > EDITOR_REGEX_MARGIN ?
		    to + EDITOR_REGEX_MARGIN : n;
		it.pos = lo;
		bytes_window(&rd, ed_rd(ed), hi);
		while (count < max && regex_next_in(s->re, &rd, &it, &at,
		    &len, NULL, &err) == SCAN_FOUND && at < to) {
			if (at + len > from) {
				out[count].at = at;
				out[count++].len = len;
			}
		}
		return count;
	}
	len = s->pat.len;
	lo = from >= len - 1 ? from - (len - 1) : 0;
	hi = n - to > len - 1 ? to + len - 1 : n;
	while (count < max && lo < hi && find_in(ed, lo, hi, &at, NULL) ==
	    SCAN_FOUND && at < to) {
		out[count].at = at;
		out[count++].len = len;
		lo = at + 1;
	}
	return count;
}

/*
 * A: every match of the last search as a list (the starts n and N stop
 * at, counted as for "match 3 of 12"), the current one selected.
 */
void
cmd_list_matches(struct editor *ed)
{
	struct search *s = &ed->search;
	size_t lo = 0, hi, mid;

	if (s->kind == SEARCH_NONE) {
		ed_msg(ed, true, "no previous search: A lists its matches");
		return;
	}
	if (ed->other != NULL) {
		ed_msg(ed, true, "two files: A lists the matches of one");
		return;
	}
	/* Past COUNT_WINDOW_MAX n did not count: A does, asked to. */
	if (s->counted == 0 || s->counted == -1)
		count_matches(ed, true);
	if (s->counted == -1) {
		ed_msg(ed, true, "listing stopped: the cursor stays");
		return;
	}
	if (s->nstarts == 0) {
		ed_msg(ed, true, "not found: %s", s->typed);
		return;
	}
	for (hi = s->nstarts; lo < hi;) {
		mid = lo + (hi - lo) / 2;
		if (s->starts[mid] < ed->cursor)
			lo = mid + 1;
		else
			hi = mid;
	}
	ed->list_sel = lo < s->nstarts ? lo : s->nstarts - 1;
	ed->list_top = ed->list_sel;
	ed_enter(ed, INPUT_LIST);
	list_key(ed, EK_RESIZE);
}

/* A key in the list: move the selection, Enter goes there, Esc leaves. */
void
list_key(struct editor *ed, int key)
{
	struct search *s = &ed->search;
	size_t page = ed_page_rows(ed) > 1 ? ed_page_rows(ed) - 1 : 1;
	size_t n = s->nstarts, at, len;
	enum command c = keymap_lookup(KEYMAP_NORMAL, key);
	struct error err;
	char a[32], b[32], note[96];

	if (key == EK_ESC || c == CMD_QUIT || c == CMD_LIST_MATCHES) {
		ed_leave(ed);
		return;
	}
	if (key == EK_ENTER) {
		at = s->starts[ed->list_sel];
		len = s->kind == SEARCH_REGEX ? 0 : s->pat.len;
		if (s->kind == SEARCH_REGEX && regex_find_in(s->re, ed_rd(ed),
		    at, false, &at, &len, NULL, &err) != SCAN_FOUND)
			len = 0;
		ed_leave(ed);
		ed_land(ed, s->starts[ed->list_sel], len);
		match_note(ed, s->starts[ed->list_sel], note, sizeof(note));
		ed_msg(ed, false, "%s", note);
		return;
	}
	switch (c) {
	case CMD_UP:
		if (ed->list_sel > 0)
			ed->list_sel--;
		break;
	case CMD_DOWN:
		if (ed->list_sel + 1 < n)
			ed->list_sel++;
		break;
	case CMD_PAGE_UP:
		ed->list_sel = ed->list_sel > page ? ed->list_sel - page : 0;
		break;
	case CMD_PAGE_DOWN:
		ed->list_sel = n - 1 - ed->list_sel > page ?
		    ed->list_sel + page : n - 1;
		break;
	case CMD_LINE_START:
	case CMD_START:
		ed->list_sel = 0;
		break;
	case CMD_LINE_END:
	case CMD_END:
		ed->list_sel = n - 1;
		break;
	default:
		break;
	}
	/* The first row is the list's title: page rows less one of matches. */
	if (ed->list_sel < ed->list_top)
		ed->list_top = ed->list_sel;
	if (ed->list_sel >= ed->list_top + page)
		ed->list_top = ed->list_sel + 1 - page;
	ed_msg(ed, false, "match %s of %s%s: Enter goes there, Esc leaves",
	    grouped(ed->list_sel + 1, a, sizeof(a)), s->counted == 2 ?
	    "more than " : "", grouped(n, b, sizeof(b)));
}
