/*
 * settings.c - the configuration file read into struct settings.
 *
 * Every setting is a table row (name, how many words, parser), so the
 * format, its checks and its messages live in one place; see settings.h
 * for the lines it reads.  A bad line is reported with its number and
 * skipped, never fatal: a typo in a config must not stop anyone from
 * looking at a file.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "layout.h"
#include "settings.h"

#define MAX_WORDS	8	/* more than any setting takes */

static const char *const element_names[SETTINGS_NELEMENTS] = {
	[SETTINGS_OFFSET] = "offset",
	[SETTINGS_NUL] = "nul",
	[SETTINGS_PRINTABLE] = "printable",
	[SETTINGS_WHITESPACE] = "whitespace",
	[SETTINGS_ASCII] = "ascii",
	[SETTINGS_NONASCII] = "nonascii",
	[SETTINGS_MATCH] = "match",
	[SETTINGS_CHANGED] = "changed",
	[SETTINGS_SELECTION] = "selection",
	[SETTINGS_CURSOR] = "cursor",
	[SETTINGS_STATUS] = "status",
	[SETTINGS_ERROR] = "error",
	[SETTINGS_QUESTION] = "question",
	[SETTINGS_INSPECTOR] = "inspector",
};

/* Colour names: the eight ANSI colours, then their bright forms (8-15). */
static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const struct {
	const char	*name;
	unsigned	 attr;
} attr_names[] = {
	{ "bold", SETTINGS_BOLD },
	{ "underline", SETTINGS_UNDERLINE },
	{ "reverse", SETTINGS_REVERSE },
	{ "dim", SETTINGS_DIM },
};

void
settings_init(struct settings *s)
{
	memset(s, 0, sizeof(*s));
}

void
settings_free(struct settings *s)
{
	size_t i;

	for (i = 0; i < s->nerrors; i++)
		free(s->errors[i]);
	free(s->errors);
	free(s->binds);
	settings_init(s);
}

const char *
settings_element_name(enum settings_element e)
{
	if ((unsigned)e >= SETTINGS_NELEMENTS)
		return NULL;
	return element_names[e];
}

/* "a, b, c or d" from a table of names, for messages. */
static void
list_names(char *buf, size_t len, const char *const *names, size_t n)
{
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; i < n && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
		    i == 0 ? "" : i + 1 == n ? " or " : ", ", names[i]);
}

/* A colour word: a name, "bright-" a name, "grey", "default", or 0-255. */
static int
parse_color(const char *w, short *out, struct error *err)
{
	const char *name = w;
	char *end;
	unsigned long n;
	size_t i;
	int bright = 0;

	if (strcasecmp(w, "default") == 0) {
		*out = SETTINGS_COLOR_DEFAULT;
		return 0;
	}
	if (strcasecmp(w, "grey") == 0 || strcasecmp(w, "gray") == 0) {
		*out = 8;
		return 0;
	}
	if (strncasecmp(w, "bright-", 7) == 0) {
		name = w + 7;
		bright = 8;
	}
	for (i = 0; i < ARRAY_LEN(color_names); i++) {
		if (strcasecmp(name, color_names[i]) == 0) {
			*out = (short)(i + (size_t)bright);
			return 0;
		}
	}
	if (w[0] >= '0' && w[0] <= '9') {
		errno = 0;
		n = strtoul(w, &end, 10);
		if (errno == 0 && *end == '\0' && n <= 255) {
			*out = (short)n;
			return 0;
		}
	}
	error_set(err, -1, "unknown colour '%s': expected default, black, red, "
	    "green, yellow, blue, magenta, cyan, white, grey, bright-NAME or a "
	    "number from 0 to 255", w);
	return -1;
}

static int
attr_value(const char *w)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(attr_names); i++)
		if (strcasecmp(w, attr_names[i].name) == 0)
			return (int)attr_names[i].attr;
	return -1;
}

static int
set_session(struct settings *s, char **w, size_t n, struct error *err)
{
	static const struct {
		const char	*name;
		enum session	 session;
	} names[] = {
		{ "ro", SESSION_RO }, { "read-only", SESSION_RO },
		{ "cow", SESSION_COW }, { "copy-on-write", SESSION_COW },
		{ "wt", SESSION_WT }, { "write-through", SESSION_WT },
	};
	size_t i;

	(void)n;
	for (i = 0; i < ARRAY_LEN(names); i++) {
		if (strcasecmp(w[1], names[i].name) == 0) {
			s->has_session = true;
			s->session = names[i].session;
			return 0;
		}
	}
	error_set(err, -1, "session '%s': expected ro, cow or wt", w[1]);
	return -1;
}

int
settings_parse_bpl(const char *w, unsigned *out)
{
	unsigned long v;
	char *end;

	/* Digits only: strtoul would take blanks, a sign, "-1" as huge. */
	if (w[0] < '0' || w[0] > '9')
		return -1;
	errno = 0;
	v = strtoul(w, &end, 10);
	if (errno != 0 || *end != '\0' || v == 0 || v > LAYOUT_BPL_MAX)
		return -1;
	*out = (unsigned)v;
	return 0;
}

int
settings_parse_when(const char *w, enum settings_when *out)
{
	static const char *const whens[] = { "auto", "always", "never" };
	size_t i;

	for (i = 0; i < ARRAY_LEN(whens); i++) {
		if (strcasecmp(w, whens[i]) == 0) {
			*out = (enum settings_when)(SETTINGS_WHEN_AUTO + i);
			return 0;
		}
	}
	return -1;
}

static int
set_bytes_per_line(struct settings *s, char **w, size_t n, struct error *err)
{
	unsigned v;

	(void)n;
	if (strcasecmp(w[1], "auto") == 0)
		v = 0;
	else if (settings_parse_bpl(w[1], &v) < 0) {
		error_set(err, -1, "bytes-per-line '%s': expected a number from "
		    "1 to %d, or auto", w[1], LAYOUT_BPL_MAX);
		return -1;
	}
	s->has_bytes_per_line = true;
	s->bytes_per_line = v;
	return 0;
}

/* "undo-keep SIZE": digits, then K, M or G (powers of 1024) or nothing. */
static int
set_undo_keep(struct settings *s, char **w, size_t n, struct error *err)
{
	const char *p = w[1];
	uint64_t v = 0, mul = 1;

	(void)n;
	if (*p < '0' || *p > '9')
		goto bad;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (UINT64_MAX - 9) / 10)
			goto bad;
		v = v * 10 + (uint64_t)(*p - '0');
	}
	switch (*p) {
	case 'k': case 'K': mul = (uint64_t)1 << 10; p++; break;
	case 'm': case 'M': mul = (uint64_t)1 << 20; p++; break;
	case 'g': case 'G': mul = (uint64_t)1 << 30; p++; break;
	}
	if (*p != '\0' || (v != 0 && mul > UINT64_MAX / v))
		goto bad;
	s->has_undo_keep = true;
	s->undo_keep = v * mul;
	return 0;
bad:
	error_set(err, -1, "undo-keep '%s': expected a size (64M, 512K, 0)",
	    w[1]);
	return -1;
}

static int
set_view(struct settings *s, char **w, size_t n, struct error *err)
{
	(void)n;
	if (strcasecmp(w[1], "hex") == 0 || strcasecmp(w[1], "text") == 0) {
		s->has_view = true;
		s->text_view = strcasecmp(w[1], "text") == 0;
		return 0;
	}
	error_set(err, -1, "view '%s': expected hex or text", w[1]);
	return -1;
}

static int
set_background(struct settings *s, char **w, size_t n, struct error *err)
{
	static const char *const names[] = { "auto", "dark", "light" };
	size_t i;

	(void)n;
	for (i = 0; i < ARRAY_LEN(names); i++)
		if (strcasecmp(w[1], names[i]) == 0) {
			s->background = (enum settings_background)
			    (SETTINGS_BACKGROUND_AUTO + i);
			return 0;
		}
	error_set(err, -1, "background '%s': expected auto, dark or light",
	    w[1]);
	return -1;
}

/* "color WHEN" or "color ELEMENT FG [BG] [ATTR]...". */
static int
set_color(struct settings *s, char **w, size_t n, struct error *err)
{
	struct settings_color c;
	char names[256];
	size_t i, e;
	int a;

	if (n == 2 && settings_parse_when(w[1], &s->color_when) == 0)
		return 0;
	for (e = 0; e < SETTINGS_NELEMENTS; e++)
		if (strcasecmp(w[1], element_names[e]) == 0)
			break;
	if (e == SETTINGS_NELEMENTS) {
		list_names(names, sizeof(names), element_names,
		    SETTINGS_NELEMENTS);
		error_set(err, -1, "%s '%s': expected auto, always, never or an "
		    "element: %s", w[0], w[1], names);
		return -1;
	}
	if (n < 3) {
		error_set(err, -1, "%s %s: a colour is missing", w[0], w[1]);
		return -1;
	}
	memset(&c, 0, sizeof(c));
	c.set = true;
	c.bg = SETTINGS_COLOR_DEFAULT;
	if (parse_color(w[2], &c.fg, err) < 0)
		return -1;
	i = 3;
	if (i < n && attr_value(w[i]) < 0) {
		if (parse_color(w[i], &c.bg, err) < 0)
			return -1;
		i++;
	}
	for (; i < n; i++) {
		if ((a = attr_value(w[i])) < 0) {
			error_set(err, -1, "%s %s: unknown attribute '%s': "
			    "expected bold, underline, reverse or dim", w[0],
			    w[1], w[i]);
			return -1;
		}
		c.attrs |= (unsigned)a;
	}
	s->colors[e] = c;
	return 0;
}

/* "bind [MODE] KEY COMMAND" and "unbind [MODE] KEY". */
static int
set_binding(struct settings *s, char **w, size_t n, struct error *err)
{
	bool unbind = strcmp(w[0], "unbind") == 0;
	size_t args = unbind ? 1 : 2, i = 1;
	struct settings_binding b;
	int v;

	b.mode = KEYMAP_NORMAL;
	if (n - 1 > args) {
		if ((v = keymap_mode_by_name(w[1])) < 0) {
			error_set(err, -1, "%s: unknown mode '%s': expected "
			    "normal, overwrite or select", w[0], w[1]);
			return -1;
		}
		b.mode = (enum keymap_mode)v;
		i++;
	}
	if ((b.key = keymap_key_by_name(w[i])) < 0) {
		error_set(err, -1, "%s: unknown key '%s'", w[0], w[i]);
		return -1;
	}
	if (unbind) {
		b.cmd = CMD_NONE;
	} else {
		if ((v = keymap_command_by_name(w[i + 1])) < 0) {
			error_set(err, -1, "%s: unknown command '%s'", w[0],
			    w[i + 1]);
			return -1;
		}
		b.cmd = (enum command)v;
	}
	s->binds = xrealloc(s->binds, (s->nbinds + 1) * sizeof(*s->binds));
	s->binds[s->nbinds++] = b;
	return 0;
}

/* The settings: name, words it takes (name included), parser. */
static const struct {
	const char	*name;
	size_t		 min, max;
	int		(*parse)(struct settings *, char **, size_t,
			    struct error *);
	const char	*usage;
} setters[] = {
	{ "session", 2, 2, set_session, "session ro|cow|wt" },
	{ "bytes-per-line", 2, 2, set_bytes_per_line, "bytes-per-line N|auto" },
	{ "view", 2, 2, set_view, "view hex|text" },
	{ "undo-keep", 2, 2, set_undo_keep, "undo-keep SIZE" },
	{ "color", 2, 3 + 1 + ARRAY_LEN(attr_names), set_color,
	  "color auto|always|never, or color ELEMENT FG [BG] [ATTR]..." },
	{ "colour", 2, 3 + 1 + ARRAY_LEN(attr_names), set_color,
	  "colour auto|always|never, or colour ELEMENT FG [BG] [ATTR]..." },
	{ "background", 2, 2, set_background, "background auto|dark|light" },
	{ "bind", 3, 4, set_binding, "bind [MODE] KEY COMMAND" },
	{ "unbind", 2, 3, set_binding, "unbind [MODE] KEY" },
};

/* Apply one line; see settings.h. */
int
settings_parse_line(struct settings *s, const char *line, struct error *err)
{
	char buf[1024], *w[MAX_WORDS + 1], *p, *save;
	size_t n = 0, i;

	while (*line == ' ' || *line == '\t')
		line++;
	if (*line == '\0' || *line == '#')
		return 0;
	if (strlen(line) >= sizeof(buf)) {
		error_set(err, -1, "line too long (%zu bytes at most)",
		    sizeof(buf) - 1);
		return -1;
	}
	strcpy(buf, line);
	for (p = strtok_r(buf, " \t", &save); p != NULL;
	    p = strtok_r(NULL, " \t", &save)) {
		if (n == MAX_WORDS + 1)
			break;
		w[n++] = p;
	}
	for (i = 0; i < ARRAY_LEN(setters); i++)
		if (strcmp(w[0], setters[i].name) == 0)
			break;
	if (i == ARRAY_LEN(setters)) {
		error_set(err, -1, "unknown setting '%s'", w[0]);
		return -1;
	}
	if (n < setters[i].min || n > setters[i].max) {
		error_set(err, -1, "%s: expected %s", w[0], setters[i].usage);
		return -1;
	}
	return setters[i].parse(s, w, n, err);
}

/* Append "fmt ..." to s->errors. */
static void
add_error(struct settings *s, const char *fmt, ...)
{
	va_list ap;
	char buf[ERROR_MSG_MAX + 512];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	s->errors = xrealloc(s->errors, (s->nerrors + 1) * sizeof(*s->errors));
	s->errors[s->nerrors++] = xstrdup(buf);
}

/* Apply a whole file's text; see settings.h. */
size_t
settings_parse(struct settings *s, const char *text, size_t len,
    const char *name)
{
	const char *p = text, *end = text + len, *nl;
	struct error err;
	size_t lineno = 0, failed = 0, n;
	char *line;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		n = (nl != NULL ? nl : end) - p;
		lineno++;
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (memchr(p, '\0', n) != NULL) {
			add_error(s, "%s:%zu: a NUL byte in the line", name,
			    lineno);
			failed++;
		} else {
			line = xmalloc(n + 1);
			memcpy(line, p, n);
			line[n] = '\0';
			if (settings_parse_line(s, line, &err) < 0) {
				add_error(s, "%s:%zu: %s", name, lineno,
				    err.msg);
				failed++;
			}
			free(line);
		}
		p = nl != NULL ? nl + 1 : end;
	}
	return failed;
}

/* The configuration file's path; see settings.h. */
char *
settings_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	const char *base, *sub;
	char *path;
	size_t len;

	/* The XDG base directory spec: a relative path there is ignored. */
	if (xdg != NULL && xdg[0] == '/') {
		base = xdg;
		sub = "/mmhex/config";
	} else if (home != NULL && home[0] != '\0') {
		base = home;
		sub = "/.config/mmhex/config";
	} else {
		return NULL;
	}
	len = strlen(base) + strlen(sub) + 1;
	path = xmalloc(len);
	snprintf(path, len, "%s%s", base, sub);
	return path;
}

/* path with $HOME as "~"; see settings.h. */
char *
settings_display_path(const char *path)
{
	const char *home = getenv("HOME");
	size_t n;
	char *out;

	if (home != NULL && home[0] == '/') {
		n = strlen(home);
		while (n > 1 && home[n - 1] == '/')
			n--;
		if (n > 1 && strncmp(path, home, n) == 0 && path[n] == '/') {
			out = xmalloc(strlen(path + n) + 2);
			out[0] = '~';
			strcpy(out + 1, path + n);
			return out;
		}
	}
	return xstrdup(path);
}

/* Read a configuration file; see settings.h. */
size_t
settings_load(struct settings *s, const char *path)
{
	char *shown, *text = NULL, buf[8192];
	size_t len = 0, got, failed;
	struct stat st;
	FILE *f = NULL;
	int fd;

	/* O_NONBLOCK: a FIFO or a device there must not hold up the start. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0 && errno == ENOENT)
		return 0;
	shown = settings_display_path(path);
	if (fd >= 0 && fstat(fd, &st) == 0 && !S_ISREG(st.st_mode) &&
	    !S_ISDIR(st.st_mode)) {
		add_error(s, "%s: not a regular file", shown);
		(void)close(fd);
		free(shown);
		return 1;
	}
	if (fd < 0 || (f = fdopen(fd, "r")) == NULL) {
		add_error(s, "%s: %s", shown, strerror(errno));
		if (fd >= 0)
			(void)close(fd);
		free(shown);
		return 1;
	}
	while ((got = fread(buf, 1, sizeof(buf), f)) > 0) {
		if (len + got > (size_t)1 << 20) {
			add_error(s, "%s: larger than 1 MiB: not a configuration "
			    "file", shown);
			failed = 1;
			goto out;
		}
		text = xrealloc(text, len + got);
		memcpy(text + len, buf, got);
		len += got;
	}
	if (ferror(f)) {
		/* A directory opens but cannot be read: EISDIR is said here. */
		add_error(s, "%s: %s", shown, strerror(errno));
		failed = 1;
		goto out;
	}
	failed = settings_parse(s, text, len, shown);
out:
	fclose(f);
	free(text);
	free(shown);
	return failed;
}

/* Bindings to the key table; see settings.h. */
void
settings_apply_keys(const struct settings *s)
{
	size_t i;

	for (i = 0; i < s->nbinds; i++)
		(void)keymap_bind(s->binds[i].mode, s->binds[i].key,
		    s->binds[i].cmd);
}
