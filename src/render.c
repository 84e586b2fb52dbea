/*
 * render.c - draw one frame of the viewer from the editor's state.
 *
 * The frame goes into ncurses' virtual screen (erase, draw every cell,
 * then the caller's single doupdate()): ncurses sends only the cells that
 * changed, so a frame never flickers.  Only the rows on screen are read
 * from the mapping; the match highlights come from editor_matches() over
 * the same range.  Everything is clipped to the terminal, which may be
 * narrower than a -b line or as small as one cell.
 *
 * Editing state is drawn from the core's answers, per byte on screen:
 * unflushed bytes (editor_changed) in their own colour, or bold and
 * underlined without colour; the selection (editor_selected) as one band
 * in both panes; in overwrite mode the hex cursor sits on the nibble the
 * next digit replaces.  A question takes the whole status line.
 */
#include "config.h"

#include <curses.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "editor.h"
#include "inspect.h"
#include "keymap.h"
#include "layout.h"
#include "render.h"
#include "textview.h"
#include "util.h"

/* Byte classes, each drawn in its own colour. */
enum byte_class {
	BC_NUL,
	BC_PRINT,	/* printable ASCII */
	BC_SPACE,	/* blank and \t \n \v \f \r */
	BC_CTRL,	/* other ASCII */
	BC_HIGH,	/* 0x80-0xff */
	BC_N
};

/* Colour pairs. */
enum {
	PAIR_NUL = 1,
	PAIR_PRINT,
	PAIR_SPACE,
	PAIR_CTRL,
	PAIR_HIGH,
	PAIR_OFFSET,
	PAIR_MATCH,
	PAIR_CHANGED,
	PAIR_ERROR,
	PAIR_SELECT,
	PAIR_QUESTION,
	PAIR_DIFFER,
	PAIR_CURSOR,		/* the rest only when the configuration colours them */
	PAIR_STATUS,
	PAIR_LABEL,
};

/* Attributes of everything drawn, set once by render_init(). */
static struct {
	attr_t	 cls[BC_N];	/* byte classes */
	attr_t	 offset;	/* the offset column */
	attr_t	 match;		/* bytes of a search match */
	attr_t	 changed;	/* bytes changed and not flushed */
	attr_t	 changed_sel;	/* what changed adds to a selected byte */
	attr_t	 selected;	/* bytes inside the selection */
	attr_t	 question;	/* a question waiting for its answer */
	attr_t	 cursor;	/* the cursor byte in the active pane */
	attr_t	 cursor_other;	/* the cursor byte in the other pane */
	attr_t	 status;	/* the status line */
	attr_t	 error;		/* an error message on the status line */
	attr_t	 label;		/* inspector labels */
	attr_t	 differ;	/* two files: bytes that differ from the other's */
	bool	 color;
} theme;

/*
 * Where the view being drawn goes: its row 0 and column 0 on the screen,
 * its size, and the columns of its own it does not draw (the right one
 * of two side by side shares the left one's offset column).
 */
static struct {
	int	 y, x, rows, cols, skip;
} pane;

/* The whole screen is the pane (one file). */
static void
pane_all(void)
{
	pane.y = pane.x = pane.skip = 0;
	pane.rows = LINES;
	pane.cols = COLS;
}

/* Visible bytes that differ from the other file's, counted as drawn. */
static size_t differ_shown;

/* Two files: what the status line adds (the other file, the differences). */
static char compare_note[160];

static const char hexdigits[] = "0123456789abcdef";

/* The matches on screen, grown as the screen does. */
static struct match *spans;
static size_t	  spans_cap;

static enum byte_class
byte_class(unsigned char c)
{
	if (c == 0)
		return BC_NUL;
	if (c == ' ' || (c >= '\t' && c <= '\r'))
		return BC_SPACE;
	if (c > ' ' && c < 0x7f)
		return BC_PRINT;
	if (c < 0x80)
		return BC_CTRL;
	return BC_HIGH;
}

/* The configuration file's colours, or NULL (render_set_colors()). */
static const struct settings_color *user_colors;

void
render_set_colors(const struct settings_color *colors)
{
	user_colors = colors;
}

/*
 * A colour of the configuration for this terminal: -1 (default) only
 * where use_default_colors() worked, else white on black; bright colours
 * the terminal lacks become the plain ones, made bold, and the other
 * colours it lacks fold into its eight.
 */
static short
user_color_value(short c, short dflt, attr_t *bold)
{
	if (c == SETTINGS_COLOR_DEFAULT)
		return dflt;
	if (c >= COLORS) {
		if (c < 16)
			*bold = A_BOLD;
		return (short)(c % 8);
	}
	return c;
}

/*
 * Element e as the configuration colours it, on pair n: *a becomes that
 * pair and the attributes given.  Nothing changes when it does not.
 */
static void
user_color(enum settings_element e, short n, attr_t *a, bool defaults)
{
	const struct settings_color *c;
	attr_t extra = 0;
	short fg, bg;

	if (user_colors == NULL || !user_colors[e].set)
		return;
	c = &user_colors[e];
	fg = user_color_value(c->fg, defaults ? -1 : COLOR_WHITE, &extra);
	bg = user_color_value(c->bg, defaults ? -1 : COLOR_BLACK, &extra);
	init_pair(n, fg, bg);
	*a = COLOR_PAIR(n) | extra;
	if (c->attrs & SETTINGS_BOLD)
		*a |= A_BOLD;
	if (c->attrs & SETTINGS_UNDERLINE)
		*a |= A_UNDERLINE;
	if (c->attrs & SETTINGS_REVERSE)
		*a |= A_REVERSE;
	if (c->attrs & SETTINGS_DIM)
		*a |= A_DIM;
}

/* a with a cursor mark: the mark's colour, when it has one, wins. */
static attr_t
with_mark(attr_t a, attr_t mark)
{
	if ((mark & A_COLOR) != 0)
		a &= ~A_COLOR;
	return a | mark;
}

/*
 * A palette colour for curses: the terminal's own where use_default_colors()
 * worked, else dflt.
 */
static short
palette_value(short c, bool defaults, short dflt)
{
	return c == PALETTE_DEFAULT ? (defaults ? -1 : dflt) : c;
}

/* Colours and attributes; see render.h. */
void
render_init(bool color, enum palette_background background)
{
	const struct palette_color *p;
	attr_t *role[PAL_NROLES];
	bool defaults;
	int r;

	memset(&theme, 0, sizeof(theme));
	theme.color = color;
	theme.cursor = A_REVERSE | A_BOLD;
	theme.cursor_other = A_UNDERLINE | A_BOLD;
	theme.status = A_REVERSE;
	theme.label = A_BOLD;
	theme.question = A_REVERSE | A_BOLD;
	/*
	 * Changed bytes stay visible inside a selection: the selection owns
	 * the colour there, so the change shows as bold underlined.
	 */
	theme.changed_sel = A_BOLD | A_UNDERLINE;
	if (color && start_color() == OK) {
		/* Without the terminal's own background mmhex paints black. */
		defaults = use_default_colors() != ERR;
		if (!defaults)
			background = PALETTE_DARK;
		p = palette_colors(background, COLORS);
		role[PAL_NUL] = &theme.cls[BC_NUL];
		role[PAL_PRINT] = &theme.cls[BC_PRINT];
		role[PAL_SPACE] = &theme.cls[BC_SPACE];
		role[PAL_CTRL] = &theme.cls[BC_CTRL];
		role[PAL_HIGH] = &theme.cls[BC_HIGH];
		role[PAL_OFFSET] = &theme.offset;
		role[PAL_MATCH] = &theme.match;
		role[PAL_CHANGED] = &theme.changed;
		role[PAL_ERROR] = &theme.error;
		role[PAL_SELECT] = &theme.selected;
		role[PAL_QUESTION] = &theme.question;
		role[PAL_DIFFER] = &theme.differ;
		/* The pairs PAIR_NUL... are the roles' order, from 1. */
		for (r = 0; r < PAL_NROLES; r++) {
			init_pair((short)(PAIR_NUL + r),
			    palette_value(p[r].fg, defaults, COLOR_WHITE),
			    palette_value(p[r].bg, defaults, COLOR_BLACK));
			*role[r] = COLOR_PAIR(PAIR_NUL + r) |
			    (p[r].bold ? A_BOLD : 0);
		}
		user_color(SETTINGS_NUL, PAIR_NUL, &theme.cls[BC_NUL], defaults);
		user_color(SETTINGS_PRINTABLE, PAIR_PRINT, &theme.cls[BC_PRINT],
		    defaults);
		user_color(SETTINGS_WHITESPACE, PAIR_SPACE, &theme.cls[BC_SPACE],
		    defaults);
		user_color(SETTINGS_ASCII, PAIR_CTRL, &theme.cls[BC_CTRL], defaults);
		user_color(SETTINGS_NONASCII, PAIR_HIGH, &theme.cls[BC_HIGH],
		    defaults);
		user_color(SETTINGS_OFFSET, PAIR_OFFSET, &theme.offset, defaults);
		user_color(SETTINGS_MATCH, PAIR_MATCH, &theme.match, defaults);
		user_color(SETTINGS_CHANGED, PAIR_CHANGED, &theme.changed, defaults);
		user_color(SETTINGS_SELECTION, PAIR_SELECT, &theme.selected,
		    defaults);
		user_color(SETTINGS_ERROR, PAIR_ERROR, &theme.error, defaults);
		user_color(SETTINGS_QUESTION, PAIR_QUESTION, &theme.question,
		    defaults);
		user_color(SETTINGS_CURSOR, PAIR_CURSOR, &theme.cursor, defaults);
		user_color(SETTINGS_STATUS, PAIR_STATUS, &theme.status, defaults);
		user_color(SETTINGS_INSPECTOR, PAIR_LABEL, &theme.label, defaults);
	} else {
		/* Monochrome: no colour at all, the marks by attributes. */
		theme.color = false;
		theme.match = A_BOLD;
		theme.changed = A_BOLD | A_UNDERLINE;
		theme.error = A_BOLD;
		/* The cursor is reverse and bold: a selection is reverse only. */
		theme.selected = A_REVERSE;
		theme.differ = A_REVERSE;
	}
}

void
render_fini(void)
{
	free(spans);
	spans = NULL;
	spans_cap = 0;
}

/*
 * The matches of the last search in window range [from, to), into spans.
 * At most one span per byte on screen can start there, plus those that
 * began before it.
 */
static size_t
screen_matches(struct editor *ed, size_t from, size_t to)
{
	size_t want;

	if (ed->search.kind == SEARCH_NONE || from >= to)
		return 0;
	want = to - from + 64;
	if (want > spans_cap) {
		spans = xrealloc(spans, want * sizeof(*spans));
		spans_cap = want;
	}
	return editor_matches(ed, from, to, spans, spans_cap);
}

/*
 * Is window offset off inside a match?  Offsets are asked in increasing
 * order with *j kept between calls; the spans are in order with their
 * ends in order too (same-length byte matches, or non-overlapping regex
 * matches), so the first span ending after off is the only candidate.
 */
static bool
in_match(size_t ns, size_t *j, size_t off)
{
	while (*j < ns && spans[*j].at + spans[*j].len <= off)
		(*j)++;
	return *j < ns && spans[*j].at <= off;
}

/*
 * The attribute of a data byte, the later mark winning the colour: class,
 * changed (not flushed), search match, selection.  A changed byte inside a
 * match (underlined) or the selection (bold, underlined) keeps a mark of
 * its own, so an unflushed edit is never hidden.  O(log dirty ranges) per byte.
 */
static attr_t
byte_attr(const struct editor *ed, size_t off, unsigned char c, bool matched,
    bool differs)
{
	attr_t a = theme.cls[byte_class(c)];
	bool changed = editor_changed(ed, off);

	if (differs)
		a = theme.differ;
	if (changed)
		a = differs ? theme.differ | theme.changed_sel : theme.changed;
	/*
	 * Not bold in a match: bold black is drawn grey, unreadable on the
	 * match's yellow.
	 */
	if (matched)
		a = theme.match | (changed ? A_UNDERLINE : 0);
	if (editor_selected(ed, off))
		a = theme.selected | (changed ? theme.changed_sel : 0);
	return a;
}

/*
 * addnstr at row y, column x of the pane, clipped to it (and to the
 * screen): never wraps, never scrolls.
 */
static void
put_str(int y, int x, const char *s, attr_t a)
{
	int room;

	if (x < pane.skip) {
		if ((size_t)(pane.skip - x) >= strlen(s))
			return;
		s += pane.skip - x;
		x = pane.skip;
	}
	room = pane.cols + pane.skip - x;
	if (COLS - (pane.x + x - pane.skip) < room)
		room = COLS - (pane.x + x - pane.skip);
	if (y < 0 || y >= pane.rows || pane.y + y >= LINES || room <= 0)
		return;
	attrset(a);
	mvaddnstr(pane.y + y, pane.x + x - pane.skip, s, room);
	attrset(A_NORMAL);
}

static void
put_ch(int y, int x, chtype ch)
{
	if (y >= 0 && y < pane.rows && x >= pane.skip &&
	    x < pane.cols + pane.skip && pane.y + y < LINES &&
	    pane.x + x - pane.skip < COLS)
		mvaddch(pane.y + y, pane.x + x - pane.skip, ch);
}

/*
 * The blank between the hex digits of bytes off and off + 1 on a row:
 * one band with them when both are selected, or both in a match.
 */
static attr_t
gap_attr(const struct editor *ed, size_t off, bool matched, bool next_matched)
{
	if (editor_selected(ed, off) && editor_selected(ed, off + 1))
		return theme.selected;
	if (matched && next_matched)
		return theme.match;
	return A_NORMAL;
}

/* Two files: on row y, where this one ends, the rest is the other's. */
static void
draw_only_in(const struct editor *ed, int y)
{
	char buf[32];

	snprintf(buf, sizeof(buf), " (only in %.12s)",
	    editor_file_name(ed->other));
	put_str(y, pane.skip, buf, theme.differ);
}

/* The hex view: offset column, hex pane, text pane. */
static void
draw_hex_view(struct editor *ed)
{
	const struct layout *l = &ed->lay;
	size_t n = editor_size(ed), bpl = l->bpl, off, i, to, ns, j = 0, k;
	size_t no = ed->other != NULL ? editor_size(ed->other) : 0;
	struct bytes rd, ro;
	char buf[32];
	attr_t a, ta, hi, lo, gap;
	bool matched, next_matched, nibbles, differs;
	unsigned char c;
	int y, x;

	editor_bytes(ed, &rd);
	if (ed->other != NULL)
		editor_bytes(ed->other, &ro);
	/* Insert mode may have the cursor after the last byte. */
	if (n == 0 && !ed->inserting) {
		if (ed->other != NULL && no > 0)
			draw_only_in(ed, 0);
		return;
	}
	/* Overwrite mode in the hex pane: the cursor is on one nibble. */
	nibbles = editor_mode(ed) == INPUT_OVERWRITE && ed->pane == PANE_HEX;
	to = (size_t)l->view_rows * bpl;
	to = n - ed->top > to ? ed->top + to : n;
	ns = screen_matches(ed, ed->top, to);
	for (y = 0; y < l->view_rows; y++) {
		off = ed->top + (size_t)y * bpl;
		/* Two files: where the shorter one ends, the other goes on. */
		if (ed->other != NULL && off >= n && no > n &&
		    (y == 0 || off - bpl < n))
			draw_only_in(ed, y);
		if (off > n || (off == n && !(ed->inserting && ed->cursor == n)))
			break;
		snprintf(buf, sizeof(buf), " %0*" PRIx64, l->offset_width,
		    l->origin + off);
		put_str(y, 0, buf, theme.offset);
		for (i = 0; i < bpl && off + i < n; i++) {
			c = bytes_at(&rd, off + i);
			matched = in_match(ns, &j, off + i);
			differs = ed->other != NULL && (off + i >= no ||
			    bytes_at(&ro, off + i) != c);
			differ_shown += differs;
			a = ta = byte_attr(ed, off + i, c, matched, differs);
			hi = lo = a;
			if (off + i == ed->cursor) {
				if (ed->pane == PANE_HEX) {
					hi = lo = with_mark(a, theme.cursor);
					ta |= theme.cursor_other;
				} else {
					hi = lo = a | theme.cursor_other;
					ta = with_mark(ta, theme.cursor);
				}
				if (nibbles) {
					hi = ed->low_nibble ? a | theme.cursor_other :
					    with_mark(a, theme.cursor);
					lo = ed->low_nibble ? with_mark(a, theme.cursor) :
					    a | theme.cursor_other;
				}
			}
			x = layout_hex_x(l, i);
			put_ch(y, x, (chtype)hexdigits[c >> 4] | hi);
			put_ch(y, x + 1, (chtype)hexdigits[c & 15] | lo);
			if (i + 1 < bpl && off + i + 1 < n) {
				k = j;
				next_matched = matched &&
				    in_match(ns, &k, off + i + 1);
				gap = gap_attr(ed, off + i, matched,
				    next_matched);
				if (gap != A_NORMAL)
					for (x += 2; x < layout_hex_x(l, i + 1); x++)
						put_ch(y, x, ' ' | gap);
			}
			put_ch(y, layout_text_x(l, i), (chtype)(c >= ' ' &&
			    c < 0x7f ? c : '.') | ta);
		}
		/* Insert mode after the last byte: an empty cell to type in. */
		if (i < bpl && off + i == n && ed->cursor == n) {
			x = layout_hex_x(l, i);
			a = ed->pane == PANE_HEX ? with_mark(A_NORMAL,
			    theme.cursor) : theme.cursor_other;
			put_ch(y, x, ' ' | a);
			put_ch(y, x + 1, ' ' | a);
			put_ch(y, layout_text_x(l, i), ' ' |
			    (ed->pane == PANE_TEXT ? with_mark(A_NORMAL,
			    theme.cursor) : theme.cursor_other));
			i++;
		}
		put_ch(y, layout_text_x(l, 0) - 1, '|');
		put_ch(y, layout_text_x(l, 0) + (int)i, '|');
	}
}

/*
 * A text view cell's glyph at x on row y, clipped at column width: ASCII a
 * character a column, a UTF-8 character (textview.h) as one wide
 * character, taking the columns the terminal gives it.
 */
static void
put_glyph(int y, int x, const char *glyph, attr_t a, int width)
{
	cchar_t cc;
	wchar_t wc[2] = { 0, 0 };
	mbstate_t st;
	int g;

	if ((unsigned char)glyph[0] < 0x80) {
		for (g = 0; glyph[g] != '\0' && x + g < width; g++)
			put_ch(y, x + g, (chtype)(unsigned char)glyph[g] | a);
		return;
	}
	memset(&st, 0, sizeof(st));
	if (mbrtowc(&wc[0], glyph, strlen(glyph), &st) > 4 ||
	    x + wcwidth(wc[0]) > width || y < 0 || y >= pane.rows ||
	    x < pane.skip || x >= pane.cols + pane.skip ||
	    pane.y + y >= LINES || pane.x + x - pane.skip >= COLS)
		return;
	if (setcchar(&cc, wc, a & ~A_COLOR, (short)PAIR_NUMBER(a), NULL) == OK)
		mvadd_wch(pane.y + y, pane.x + x - pane.skip, &cc);
}

/* End (exclusive) of what the text view shows from its top. */
static size_t
text_view_end(const struct editor *ed, int width)
{
	size_t row = ed->top, next;
	struct bytes rd;
	int y;

	editor_bytes(ed, &rd);
	for (y = 1; y < ed->lay.view_rows; y++) {
		if (!textview_next_row(&rd, row, width, &next))
			break;
		row = next;
	}
	return textview_row_end(&rd, row, width);
}

/* The text (line) view: the window as wrapped lines. */
static void
draw_text_view(struct editor *ed)
{
	size_t n = editor_size(ed), row, end, off, ns, j = 0;
	size_t no = ed->other != NULL ? editor_size(ed->other) : 0;
	char glyph[TEXTVIEW_GLYPH_MAX], lead[TEXTVIEW_GLYPH_MAX];
	struct bytes rd, ro;
	/* The editor's width, so rows break where its movement thinks. */
	int width = editor_text_width(ed), y, col, w, x, lead_x = -1;
	int gx = ed->gutter;
	char num[32];
	uint64_t line;
	attr_t lead_a = 0;
	unsigned char c;
	bool differs;
	attr_t a;

	if (n == 0 || ed->top >= n)
		return;
	editor_bytes(ed, &rd);
	if (ed->other != NULL)
		editor_bytes(ed->other, &ro);
	ns = screen_matches(ed, ed->top, text_view_end(ed, width));
	row = ed->top;
	for (y = 0; y < ed->lay.view_rows; y++) {
		end = textview_row_end(&rd, row, width);
		col = 0;
		/* The number on a line's first row, the offsets' colour. */
		if (gx > 0 && editor_row_line(ed, row, &line)) {
			snprintf(num, sizeof(num), "%*" PRIu64 " ", gx - 1, line);
			put_str(y, 0, num, theme.offset);
		}
		for (off = row; off < end; off++) {
			w = textview_cell(&rd, off, col, glyph);
			c = bytes_at(&rd, off);
			differs = ed->other != NULL && (off >= no ||
			    bytes_at(&ro, off) != c);
			differ_shown += differs;
			a = byte_attr(ed, off, c, in_match(ns, &j, off),
			    differs);
			if (w == 0) {
				/* A character's later byte: the cursor on it
				 * shows on the character. */
				if (off == ed->cursor && lead_x >= 0)
					put_glyph(y, gx + lead_x, lead,
					    with_mark(lead_a, theme.cursor),
					    gx + width);
				continue;
			}
			if (off == ed->cursor)
				a = with_mark(a, theme.cursor);
			/* The '\n' of a full row: the cursor shows on the last column. */
			x = col < width ? col : width - 1;
			if (col >= width && off != ed->cursor)
				break;
			put_glyph(y, gx + x, glyph, a, gx + width);
			memcpy(lead, glyph, sizeof(lead));
			lead_x = x;
			lead_a = a;
			col += w;
		}
		if (!textview_next_row(&rd, row, width, &row)) {
			/* Insert mode after the last byte: its cell. */
			if (ed->cursor == n && col < width)
				put_ch(y, gx + col, ' ' | with_mark(A_NORMAL,
				    theme.cursor));
			break;
		}
	}
}

/* The data inspector under the data rows, or beside them from column x0. */
static void
draw_inspector(const struct editor *ed, int y0, int x0)
{
	struct inspect_line lines[INSPECT_NLINES];
	size_t n = editor_size(ed), avail;
	unsigned char at[INSPECT_BYTES_MAX];
	int prow = inspect_panel_rows(ed->cols - pane.skip), k, y, x;
	struct bytes rd;

	if (x0 >= 0) {
		y0 = 0;
		prow = INSPECT_NLINES;
	} else
		x0 = pane.skip;

	if (prow < 1)
		return;
	/* The few bytes it reads, wherever they live. */
	avail = ed->cursor < n ? n - ed->cursor : 0;
	if (avail > sizeof(at))
		avail = sizeof(at);
	editor_bytes(ed, &rd);
	bytes_read(&rd, ed->cursor, at, avail);
	inspect_bytes(at, avail, lines);
	for (k = 0; k < INSPECT_NLINES; k++) {
		y = y0 + k % prow;
		x = x0 + (k / prow) * INSPECT_COL_WIDTH;
		if (y >= ed->rows - 1)
			continue;
		put_str(y, x + 1, lines[k].label, theme.label);
		put_str(y, x + 1 + INSPECT_LABEL_MAX, lines[k].value, A_NORMAL);
	}
}

/* The help screen in place of the data. */
static void
draw_help(const struct editor *ed)
{
	size_t i;
	int y;

	for (y = 0; y < LINES - 1; y++) {
		i = ed->help_top + (size_t)y;
		if (i >= ed->help_n)
			break;
		put_str(y, 0, ed->help_lines[i], A_NORMAL);
	}
}

/*
 * A: the list of matches, a title row then one row a match: its offset
 * (the file's, hex and decimal) and the 16 bytes from it in hex and as
 * text, the selected row reversed.
 */
static void
draw_list(struct editor *ed)
{
	const struct search *s = &ed->search;
	size_t n = editor_size(ed), i, k, got;
	unsigned char b[16];
	char line[256], *p;
	struct bytes rd;
	int y;

	editor_bytes(ed, &rd);
	snprintf(line, sizeof(line), " %s%zu match%s of %s%s",
	    s->counted == 2 ? "the first " : "", s->nstarts,
	    s->nstarts == 1 ? "" : "es", s->typed != NULL ? s->typed : "",
	    s->counted == 2 ? " (there are more)" : "");
	put_str(0, 0, line, A_BOLD);
	for (y = 1; y < ed->lay.view_rows; y++) {
		i = ed->list_top + (size_t)(y - 1);
		if (i >= s->nstarts)
			break;
		got = n - s->starts[i] < sizeof(b) ? n - s->starts[i] : sizeof(b);
		bytes_read(&rd, s->starts[i], b, got);
		p = line + snprintf(line, sizeof(line), " 0x%08" PRIx64 " %12"
		    PRIu64 "  ", ed->m->origin + s->starts[i],
		    ed->m->origin + s->starts[i]);
		for (k = 0; k < sizeof(b); k++)
			p += k < got ? sprintf(p, "%02x ", b[k]) : sprintf(p, "   ");
		*p++ = '|';
		for (k = 0; k < got; k++)
			*p++ = b[k] >= 0x20 && b[k] < 0x7f ? (char)b[k] : '.';
		*p++ = '|';
		*p = '\0';
		if (i == ed->list_sel)
			mvhline(y, 0, ' ' | A_REVERSE, COLS);
		put_str(y, 0, line, i == ed->list_sel ? A_REVERSE : A_NORMAL);
	}
}

/* An open prompt on the status line: label, the line, its edit cursor. */
static void
draw_prompt(const struct prompt *p, int y)
{
	int lw = (int)strlen(p->label), room, x;
	size_t start = 0;

	put_str(y, 0, p->label, A_BOLD);
	room = COLS - lw - 1;
	if (room < 1)
		return;
	/* Keep the edit cursor in view: the line scrolls left under it. */
	if (p->pos > (size_t)room)
		start = p->pos - (size_t)room;
	put_str(y, lw, p->buf + start, A_NORMAL);
	x = lw + (int)(p->pos - start);
	put_ch(y, x, (chtype)(p->pos < p->len ?
	    (unsigned char)p->buf[p->pos] : ' ') | A_REVERSE);
}

/*
 * The status line: state, then the message (or note) after it; a message
 * that does not fit there takes the rows above (at most STATUS_MSG_ROWS),
 * which the data area gives up while it is shown (render_msg_rows), so
 * that the status is never cut and the cursor never hidden.
 */
#define STATUS_MSG_ROWS	3

/* The message the status line shows: the note, the editor's, or a hint. */
static const char *
status_msg(const struct editor *ed, const char *note)
{
	if (note != NULL)
		return note;
	if (ed->msg[0] == '\0' && ed->input == INPUT_HELP)
		return ed->help_hint;
	return ed->msg;
}

/*
 * Lay msg out: 0 rows when it fits beside n columns of status in cols,
 * else broken at a blank where the row has one (else at the edge) over
 * the rows returned, row r being msg[from[r]] for len[r] bytes.
 */
static size_t
msg_lines(const char *msg, size_t n, size_t cols,
    size_t from[STATUS_MSG_ROWS], size_t len[STATUS_MSG_ROWS])
{
	size_t mlen = strlen(msg), rows, r, at;

	if (mlen == 0 || n + 2 + mlen <= cols)
		return 0;
	for (rows = 0, at = 0; at < mlen && rows < STATUS_MSG_ROWS; rows++) {
		len[rows] = mlen - at < cols ? mlen - at : cols;
		if (at + len[rows] < mlen)
			for (r = len[rows]; r > cols / 2; r--)
				if (msg[at + r] == ' ') {
					len[rows] = r;
					break;
				}
		from[rows] = at;
		for (at += len[rows]; msg[at] == ' '; at++)
			;
	}
	return rows;
}

/* The status fitted to the terminal (one blank either side) into buf. */
static size_t
status_fit(const struct editor *ed, char *buf, size_t len)
{
	return editor_status_fit(ed, ed->other != NULL ? compare_note : NULL,
	    (size_t)COLS - 2, buf, len);
}

/* See render.h. */
int
render_msg_rows(const struct editor *ed)
{
	char buf[EDITOR_MSG_MAX + 64];
	size_t from[STATUS_MSG_ROWS], len[STATUS_MSG_ROWS], rows, n;
	int room = editor_view_rows(ed) + ed->msg_rows - 1;

	if (COLS < RENDER_MIN_COLS || LINES < RENDER_MIN_ROWS ||
	    ed->input == INPUT_PROMPT ||
	    (ed->input == INPUT_QUESTION && !ed->msg_error))
		return 0;
	/* A question has the line: a word on a key it does not take is above. */
	n = ed->input == INPUT_QUESTION ? (size_t)COLS :
	    status_fit(ed, buf, sizeof(buf));
	rows = msg_lines(status_msg(ed, NULL), n, (size_t)COLS - 2, from, len);
	/* At least one data row stays: a frame with none says "too small". */
	return (int)rows < room ? (int)rows : room > 0 ? room : 0;
}

static void
draw_status(const struct editor *ed, const char *note)
{
	char buf[EDITOR_MSG_MAX + 64], line[EDITOR_MSG_MAX];
	const char *msg = status_msg(ed, note);
	size_t n, rows, r, from[STATUS_MSG_ROWS], len[STATUS_MSG_ROWS];
	attr_t ma;
	int y = LINES - 1, at, room;

	if (y < 0)
		return;
	move(y, 0);
	clrtoeol();
	if (note == NULL && ed->input == INPUT_PROMPT) {
		draw_prompt(&ed->prompt, y);
		return;
	}
	/*
	 * A question has the whole line: beside the status it would be cut
	 * off at 80 columns, and its answers are what the user must read.
	 */
	ma = note == NULL && ed->msg_error ? theme.error |
	    (theme.color ? 0 : theme.status) : theme.status;
	if (note == NULL && ed->input == INPUT_QUESTION) {
		mvhline(y, 0, ' ' | theme.question, COLS);
		put_str(y, 1, ed->question, theme.question);
		/* A key it does not take: the word on it goes above. */
		if (!ed->msg_error)
			return;
		n = (size_t)COLS;
	} else {
		n = status_fit(ed, buf, sizeof(buf));
		mvhline(y, 0, ' ' | theme.status, COLS);
		put_str(y, 1, buf, theme.status);
	}
	rows = msg_lines(msg, n, (size_t)COLS - 2, from, len);
	/*
	 * The rows the data gave up (in a comparison, the lower pane's); a
	 * note (a scan's progress) is over the data until the next frame.
	 */
	room = ed->msg_rows;
	if (ed->other != NULL && ed->other->msg_rows > room)
		room = ed->other->msg_rows;
	if (note == NULL && (int)rows > room)
		rows = (size_t)room;
	if (rows == 0) {
		if (msg[0] != '\0')
			put_str(y, 1 + (int)n + 2, msg, ma);
		return;
	}
	for (r = 0; r < rows; r++) {
		at = y - (int)(rows - r);
		if (at < 0)
			continue;
		snprintf(line, sizeof(line), "%.*s", (int)len[r], msg + from[r]);
		mvhline(at, 0, ' ' | ma, COLS);
		put_str(at, 1, line, ma);
	}
}

/* A note where a frame cannot be drawn, the longest that fits. */
static void
draw_too_small(void)
{
	static const char *const notes[] = {
		"terminal too small", "too small", "small", "!",
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(notes); i++)
		if ((int)strlen(notes[i]) <= COLS || i + 1 == ARRAY_LEN(notes)) {
			put_str(0, 0, notes[i], A_BOLD);
			return;
		}
}

/*
 * The overview column: a cell a data row for its part of the file, the
 * kind's character in the byte class's colour (zero as NULs, text as
 * printable bytes, binary as non-ASCII, random as the other ASCII), the
 * cells of the part on screen reversed.
 */
static void
draw_overview(struct editor *ed)
{
	static const char glyph[] = { '.', 't', 'b', '#' };
	static const enum byte_class cls[] = { BC_NUL, BC_PRINT, BC_HIGH,
	    BC_CTRL };
	int x = editor_overview_x(ed), y;
	size_t lo, hi, end, n = editor_size(ed);
	enum filemap_kind k;
	attr_t a;

	if (x < 0)
		return;
	end = ed->view == VIEW_HEX ? ed->top + (size_t)ed->lay.view_rows *
	    ed->lay.bpl : text_view_end(ed, editor_text_width(ed));
	if (end > n)
		end = n;
	for (y = 0; y < ed->lay.view_rows && y < EDITOR_OVERVIEW_ROWS; y++) {
		editor_overview_range(ed, y, &lo, &hi);
		k = editor_overview_kind(ed, y);
		a = theme.cls[cls[k]];
		/* On screen: the cell's part and the screen's overlap. */
		if (lo < end && (hi > ed->top || (lo == hi && lo == ed->top)))
			a = (a & ~A_COLOR) | A_REVERSE | (a & A_COLOR);
		put_ch(y, x, (chtype)(unsigned char)glyph[k] | a);
	}
}

/* One file's view in its pane: the data rows, or the inspector too. */
static void
draw_view(struct editor *ed)
{
	if (ed->view == VIEW_HEX)
		draw_hex_view(ed);
	else
		draw_text_view(ed);
	draw_overview(ed);
	if (ed->inspector)
		draw_inspector(ed, editor_view_rows(ed),
		    editor_inspector_x(ed));
}

/* One frame; see render.h. */
void
render_frame(struct editor *ed)
{
	pane_all();
	erase();
	if (COLS < RENDER_MIN_COLS || LINES < RENDER_MIN_ROWS ||
	    editor_view_rows(ed) < 1) {
		draw_too_small();
		return;
	}
	if (ed->input == INPUT_HELP)
		draw_help(ed);
	else if (ed->input == INPUT_LIST)
		draw_list(ed);
	else
		draw_view(ed);
	draw_status(ed, NULL);
}

/* The row above a pane: which file, its session and size; focused or not. */
static void
draw_pane_head(const struct editor *ed, bool focused, int y, int x, int w)
{
	char buf[256];
	attr_t a = focused ? theme.status | A_BOLD : A_BOLD;

	if (y < 0 || y >= LINES || w <= 0)
		return;
	mvhline(y, x, ' ' | (focused ? theme.status : A_NORMAL), w);
	snprintf(buf, sizeof(buf), " %s%s  %s  %" PRIu64 " bytes",
	    focused ? "> " : "  ", editor_file_name(ed),
	    session_name(ed->m->session), (uint64_t)editor_size(ed));
	attrset(a);
	mvaddnstr(y, x, buf, w < COLS - x ? w : COLS - x);
	attrset(A_NORMAL);
}

/* Two files; see render.h. */
void
render_pair(struct editor *eds[2], int focus, const struct render_pane p[2])
{
	struct editor *ed = eds[focus], *other = eds[!focus];
	size_t shown = 0;
	int i;

	pane_all();
	erase();
	if (COLS < RENDER_MIN_COLS || LINES < RENDER_MIN_ROWS ||
	    p[0].rows < 1 || p[1].rows < 1) {
		draw_too_small();
		return;
	}
	if (ed->input == INPUT_HELP) {
		render_frame(ed);
		return;
	}
	for (i = 0; i < 2; i++) {
		draw_pane_head(eds[i], i == focus, p[i].y - 1, p[i].x,
		    p[i].cols);
		pane.y = p[i].y;
		pane.x = p[i].x;
		pane.rows = p[i].rows;
		pane.cols = p[i].cols;
		pane.skip = p[i].skip;
		differ_shown = 0;
		draw_view(eds[i]);
		shown += differ_shown;
	}
	pane_all();
	snprintf(compare_note, sizeof(compare_note), "| vs %s %s | %s%s",
	    editor_file_name(other), session_name(other->m->session),
	    shown > 0 ? "differ here" : "same here",
	    editor_size(ed) != editor_size(other) ? ", sizes differ" : "");
	draw_status(ed, NULL);
}

/* Only the status line, with a note; see render.h. */
void
render_status_note(const struct editor *ed, const char *note)
{
	if (COLS < RENDER_MIN_COLS || LINES < RENDER_MIN_ROWS)
		return;
	draw_status(ed, note);
}
