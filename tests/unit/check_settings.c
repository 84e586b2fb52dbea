/*
 * check_settings.c - the configuration file: every setting read, every
 * error it can give (naming the line, the rest of the file still
 * applied), where the file is looked for, and the key table's rebinding
 * API that its "bind" lines drive.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "editor.h"
#include "keymap.h"
#include "settings.h"
#include "unit.h"

/* Parse one line that must fail; the message must hold want. */
static void
bad_line(const char *line, const char *want)
{
	struct settings s, before;
	struct error err;

	settings_init(&s);
	settings_init(&before);
	memset(&err, 0, sizeof(err));
	ck_assert_msg(settings_parse_line(&s, line, &err) == -1,
	    "[%s] was accepted", line);
	ck_assert_msg(strstr(err.msg, want) != NULL, "[%s]: message [%s] "
	    "lacks [%s]", line, err.msg, want);
	/* A failed line changes nothing. */
	ck_assert(memcmp(&s, &before, sizeof(s)) == 0);
	settings_free(&s);
}

static void
good_line(struct settings *s, const char *line)
{
	struct error err;

	memset(&err, 0, sizeof(err));
	ck_assert_msg(settings_parse_line(s, line, &err) == 0,
	    "[%s] refused: %s", line, err.msg);
}

START_TEST(test_nothing)
{
	struct settings s, zero;

	settings_init(&s);
	settings_init(&zero);
	good_line(&s, "");
	good_line(&s, "   \t ");
	good_line(&s, "# session ro");
	good_line(&s, "   # indented comment");
	ck_assert_uint_eq(settings_parse(&s, "", 0, "cfg"), 0);
	ck_assert_uint_eq(settings_parse(&s, "\n\n#x\n", 5, "cfg"), 0);
	ck_assert(memcmp(&s, &zero, sizeof(s)) == 0);
	settings_free(&s);
}
END_TEST

START_TEST(test_session_view_width)
{
	struct settings s;

	settings_init(&s);
	good_line(&s, "session ro");
	ck_assert(s.has_session);
	ck_assert_int_eq(s.session, SESSION_RO);
	good_line(&s, "session  write-through");
	ck_assert_int_eq(s.session, SESSION_WT);
	good_line(&s, "\tsession\tCOW");
	ck_assert_int_eq(s.session, SESSION_COW);
	good_line(&s, "session read-only");
	ck_assert_int_eq(s.session, SESSION_RO);
	good_line(&s, "session copy-on-write");
	ck_assert_int_eq(s.session, SESSION_COW);
	good_line(&s, "session wt");
	ck_assert_int_eq(s.session, SESSION_WT);

	ck_assert(!s.has_bytes_per_line);
	good_line(&s, "bytes-per-line 8");
	ck_assert(s.has_bytes_per_line);
	ck_assert_uint_eq(s.bytes_per_line, 8);
	good_line(&s, "bytes-per-line 4096");
	ck_assert_uint_eq(s.bytes_per_line, 4096);
	good_line(&s, "bytes-per-line 1");
	ck_assert_uint_eq(s.bytes_per_line, 1);
	good_line(&s, "bytes-per-line auto");
	ck_assert(s.has_bytes_per_line);
	ck_assert_uint_eq(s.bytes_per_line, 0);

	ck_assert(!s.has_undo_keep);
	good_line(&s, "undo-keep 64M");
	ck_assert(s.has_undo_keep);
	ck_assert_uint_eq(s.undo_keep, (uint64_t)64 << 20);
	good_line(&s, "undo-keep 512k");
	ck_assert_uint_eq(s.undo_keep, 512 << 10);
	good_line(&s, "undo-keep 0");
	ck_assert_uint_eq(s.undo_keep, 0);
	good_line(&s, "undo-keep 1G");
	ck_assert_uint_eq(s.undo_keep, (uint64_t)1 << 30);

	good_line(&s, "view text");
	ck_assert(s.has_view);
	ck_assert(s.text_view);
	good_line(&s, "view hex");
	ck_assert(!s.text_view);

	good_line(&s, "color never");
	ck_assert_int_eq(s.color_when, SETTINGS_WHEN_NEVER);
	good_line(&s, "colour always");
	ck_assert_int_eq(s.color_when, SETTINGS_WHEN_ALWAYS);
	good_line(&s, "color auto");
	ck_assert_int_eq(s.color_when, SETTINGS_WHEN_AUTO);

	ck_assert_int_eq(s.background, SETTINGS_BACKGROUND_UNSET);
	good_line(&s, "background light");
	ck_assert_int_eq(s.background, SETTINGS_BACKGROUND_LIGHT);
	good_line(&s, "background Dark");
	ck_assert_int_eq(s.background, SETTINGS_BACKGROUND_DARK);
	good_line(&s, "background auto");
	ck_assert_int_eq(s.background, SETTINGS_BACKGROUND_AUTO);
	settings_free(&s);
}
END_TEST

START_TEST(test_colors)
{
	struct settings s;
	const struct settings_color *c;
	size_t e;

	settings_init(&s);
	good_line(&s, "color offset red");
	c = &s.colors[SETTINGS_OFFSET];
	ck_assert(c->set);
	ck_assert_int_eq(c->fg, 1);
	ck_assert_int_eq(c->bg, SETTINGS_COLOR_DEFAULT);
	ck_assert_uint_eq(c->attrs, 0);

	good_line(&s, "color match black bright-yellow bold underline");
	c = &s.colors[SETTINGS_MATCH];
	ck_assert_int_eq(c->fg, 0);
	ck_assert_int_eq(c->bg, 11);
	ck_assert_uint_eq(c->attrs, SETTINGS_BOLD | SETTINGS_UNDERLINE);

	good_line(&s, "color nul grey");
	ck_assert_int_eq(s.colors[SETTINGS_NUL].fg, 8);
	good_line(&s, "color nul Gray");
	ck_assert_int_eq(s.colors[SETTINGS_NUL].fg, 8);
	good_line(&s, "color cursor 208 default reverse");
	c = &s.colors[SETTINGS_CURSOR];
	ck_assert_int_eq(c->fg, 208);
	ck_assert_int_eq(c->bg, SETTINGS_COLOR_DEFAULT);
	ck_assert_uint_eq(c->attrs, SETTINGS_REVERSE);
	good_line(&s, "color status default 0 dim");
	c = &s.colors[SETTINGS_STATUS];
	ck_assert_int_eq(c->fg, SETTINGS_COLOR_DEFAULT);
	ck_assert_int_eq(c->bg, 0);
	ck_assert_uint_eq(c->attrs, SETTINGS_DIM);
	good_line(&s, "colour changed WHITE 255");
	ck_assert_int_eq(s.colors[SETTINGS_CHANGED].fg, 7);
	ck_assert_int_eq(s.colors[SETTINGS_CHANGED].bg, 255);
	/* A later line for the same element replaces it whole. */
	good_line(&s, "color match blue");
	ck_assert_int_eq(s.colors[SETTINGS_MATCH].bg, SETTINGS_COLOR_DEFAULT);
	ck_assert_uint_eq(s.colors[SETTINGS_MATCH].attrs, 0);

	/* Every element by its name. */
	for (e = 0; e < SETTINGS_NELEMENTS; e++) {
		char line[64];

		snprintf(line, sizeof(line), "color %s magenta",
		    settings_element_name(e));
		good_line(&s, line);
		ck_assert_int_eq(s.colors[e].fg, 5);
	}
	ck_assert_ptr_null(settings_element_name(SETTINGS_NELEMENTS));
	ck_assert_str_eq(settings_element_name(SETTINGS_ASCII), "ascii");
	settings_free(&s);
}
END_TEST

START_TEST(test_bad_lines)
{
	bad_line("frob", "unknown setting 'frob'");
	bad_line("undo-keep", "undo-keep SIZE");
	bad_line("undo-keep lots", "undo-keep 'lots': expected a size");
	bad_line("undo-keep 5T", "undo-keep '5T': expected a size");
	bad_line("undo-keep 99999999999999999999", "expected a size");
	bad_line("undo-keep 99999999999G", "expected a size");
	bad_line("Session ro", "unknown setting 'Session'");
	bad_line("session", "session: expected session ro|cow|wt");
	bad_line("session ro cow", "expected session ro|cow|wt");
	bad_line("session rw", "session 'rw': expected ro, cow or wt");
	bad_line("bytes-per-line 0", "expected a number from 1 to 4096");
	bad_line("bytes-per-line 4097", "bytes-per-line '4097'");
	bad_line("bytes-per-line -8", "bytes-per-line '-8'");
	bad_line("bytes-per-line 16x", "bytes-per-line '16x'");
	bad_line("bytes-per-line 99999999999999999999999", "expected a number");
	bad_line("bytes-per-line", "expected bytes-per-line N|auto");
	bad_line("view lines", "view 'lines': expected hex or text");
	bad_line("background grey", "background 'grey': expected auto, dark "
	    "or light");
	bad_line("background", "background: expected background "
	    "auto|dark|light");
	bad_line("color sometimes", "color 'sometimes': expected auto, always, "
	    "never or an element: offset, nul,");
	bad_line("color offset", "color offset: a colour is missing");
	bad_line("color offset pink", "unknown colour 'pink'");
	bad_line("color offset red pink", "unknown colour 'pink'");
	bad_line("color offset 256", "unknown colour '256'");
	bad_line("color offset -1", "unknown colour '-1'");
	bad_line("color offset red blue blink", "unknown attribute 'blink'");
	bad_line("color offset red blue bold underline reverse dim bold",
	    "expected color auto|always|never");
	bad_line("color", "expected color auto|always|never");
	bad_line("bind x", "expected bind [MODE] KEY COMMAND");
	bad_line("bind normal x goto extra", "expected bind [MODE] KEY COMMAND");
	bad_line("bind x frob", "bind: unknown command 'frob'");
	bad_line("bind Hyper-x goto", "bind: unknown key 'Hyper-x'");
	bad_line("bind insert x goto", "bind: unknown mode 'insert'");
	bad_line("bind F13 goto", "unknown key 'F13'");
	bad_line("unbind", "expected unbind [MODE] KEY");
	bad_line("unbind select", "unknown key 'select'");
	bad_line("unbind visual x", "unknown mode 'visual'");
}
END_TEST

START_TEST(test_long_line)
{
	char line[2000];

	memset(line, 'x', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\0';
	bad_line(line, "line too long");
}
END_TEST

START_TEST(test_bindings)
{
	struct settings s;

	settings_init(&s);
	good_line(&s, "bind X goto");
	good_line(&s, "bind overwrite Ctrl-G goto");
	good_line(&s, "unbind q");
	good_line(&s, "unbind select Esc");
	good_line(&s, "bind F5 none");
	ck_assert_uint_eq(s.nbinds, 5);
	ck_assert_int_eq(s.binds[0].mode, KEYMAP_NORMAL);
	ck_assert_int_eq(s.binds[0].key, 'X');
	ck_assert_int_eq(s.binds[0].cmd, CMD_GOTO);
	ck_assert_int_eq(s.binds[1].mode, KEYMAP_OVERWRITE);
	ck_assert_int_eq(s.binds[1].key, EK_CTRL('G'));
	ck_assert_int_eq(s.binds[2].cmd, CMD_NONE);
	ck_assert_int_eq(s.binds[2].key, 'q');
	ck_assert_int_eq(s.binds[3].mode, KEYMAP_SELECT);
	ck_assert_int_eq(s.binds[3].key, EK_ESC);
	ck_assert_int_eq(s.binds[4].key, EK_F5);
	ck_assert_int_eq(s.binds[4].cmd, CMD_NONE);

	/* Nothing reaches the key table before settings_apply_keys(). */
	ck_assert_int_eq(keymap_lookup(KEYMAP_NORMAL, 'X'), CMD_NONE);
	settings_apply_keys(&s);
	ck_assert_int_eq(keymap_lookup(KEYMAP_NORMAL, 'X'), CMD_GOTO);
	ck_assert_int_eq(keymap_lookup(KEYMAP_NORMAL, 'g'), CMD_GOTO);
	ck_assert_int_eq(keymap_lookup(KEYMAP_OVERWRITE, EK_CTRL('G')),
	    CMD_GOTO);
	ck_assert_int_eq(keymap_lookup(KEYMAP_NORMAL, 'q'), CMD_NONE);
	ck_assert_int_eq(keymap_lookup(KEYMAP_NORMAL, 'Q'), CMD_QUIT_DISCARD);
	ck_assert_int_eq(keymap_lookup(KEYMAP_SELECT, EK_ESC), CMD_NONE);
	keymap_reset();
	ck_assert_int_eq(keymap_lookup(KEYMAP_NORMAL, 'X'), CMD_NONE);
	ck_assert_int_eq(keymap_lookup(KEYMAP_NORMAL, 'q'), CMD_QUIT);
	settings_free(&s);
	ck_assert_uint_eq(s.nbinds, 0);
	ck_assert_ptr_null(s.binds);
}
END_TEST

/* A file: errors name the line, the lines around them still apply. */
START_TEST(test_file_errors)
{
	static const char text[] =
	    "# my mmhex\n"			/* 1 */
	    "session ro\n"			/* 2 */
	    "bytes-per-line 8\r\n"		/* 3 */
	    "frob on\n"				/* 4 */
	    "\n"				/* 5 */
	    "bind x frob\n"			/* 6 */
	    "bind x goto\n"			/* 7 */
	    "bytes-per-line 0\n"		/* 8 */
	    "view text";			/* 9, no newline */
	struct settings s;

	settings_init(&s);
	ck_assert_uint_eq(settings_parse(&s, text, strlen(text),
	    "~/.config/mmhex/config"), 3);
	ck_assert_uint_eq(s.nerrors, 3);
	ck_assert_str_eq(s.errors[0],
	    "~/.config/mmhex/config:4: unknown setting 'frob'");
	ck_assert_str_eq(s.errors[1],
	    "~/.config/mmhex/config:6: bind: unknown command 'frob'");
	ck_assert_str_eq(s.errors[2], "~/.config/mmhex/config:8: "
	    "bytes-per-line '0': expected a number from 1 to 4096, or auto");
	ck_assert_int_eq(s.session, SESSION_RO);
	ck_assert_uint_eq(s.bytes_per_line, 8);
	ck_assert(s.text_view);
	ck_assert_uint_eq(s.nbinds, 1);
	settings_free(&s);
	ck_assert_uint_eq(s.nerrors, 0);
}
END_TEST

START_TEST(test_nul_byte)
{
	static const char text[] = "session ro\nsession\0wt\nview text\n";
	struct settings s;

	settings_init(&s);
	ck_assert_uint_eq(settings_parse(&s, text, sizeof(text) - 1, "c"), 1);
	ck_assert_str_eq(s.errors[0], "c:2: a NUL byte in the line");
	ck_assert_int_eq(s.session, SESSION_RO);
	ck_assert(s.text_view);
	settings_free(&s);
}
END_TEST

START_TEST(test_path)
{
	char *p;

	setenv("XDG_CONFIG_HOME", "/x/cfg", 1);
	setenv("HOME", "/home/u", 1);
	p = settings_path();
	ck_assert_str_eq(p, "/x/cfg/mmhex/config");
	free(p);
	/* Relative or empty: not a base directory (the XDG spec). */
	setenv("XDG_CONFIG_HOME", "cfg", 1);
	p = settings_path();
	ck_assert_str_eq(p, "/home/u/.config/mmhex/config");
	free(p);
	setenv("XDG_CONFIG_HOME", "", 1);
	p = settings_path();
	ck_assert_str_eq(p, "/home/u/.config/mmhex/config");
	free(p);
	unsetenv("XDG_CONFIG_HOME");
	p = settings_path();
	ck_assert_str_eq(p, "/home/u/.config/mmhex/config");
	free(p);
	unsetenv("HOME");
	ck_assert_ptr_null(settings_path());
	setenv("HOME", "", 1);
	ck_assert_ptr_null(settings_path());

	setenv("HOME", "/home/u", 1);
	p = settings_display_path("/home/u/.config/mmhex/config");
	ck_assert_str_eq(p, "~/.config/mmhex/config");
	free(p);
	p = settings_display_path("/home/uv/config");
	ck_assert_str_eq(p, "/home/uv/config");
	free(p);
	setenv("HOME", "/home/u/", 1);
	p = settings_display_path("/home/u/c");
	ck_assert_str_eq(p, "~/c");
	free(p);
	setenv("HOME", "/", 1);
	p = settings_display_path("/etc/c");
	ck_assert_str_eq(p, "/etc/c");
	free(p);
}
END_TEST

/* A scratch directory for files; removed by the caller with rmdir. */
static char *
scratch(void)
{
	char tmpl[] = "/tmp/check_settings.XXXXXX";
	char *d = mkdtemp(tmpl);

	ck_assert_ptr_nonnull(d);
	return strdup(d);
}

START_TEST(test_load)
{
	char *dir = scratch(), path[256], big[4096];
	struct settings s;
	FILE *f;
	size_t i;

	setenv("HOME", "/nonexistent-home", 1);
	settings_init(&s);
	snprintf(path, sizeof(path), "%s/config", dir);
	/* No file: nothing set, nothing said. */
	ck_assert_uint_eq(settings_load(&s, path), 0);
	ck_assert_uint_eq(s.nerrors, 0);

	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("session wt\nbytes-per-line 24\nbogus\n", f);
	fclose(f);
	ck_assert_uint_eq(settings_load(&s, path), 1);
	ck_assert_int_eq(s.session, SESSION_WT);
	ck_assert_uint_eq(s.bytes_per_line, 24);
	ck_assert_uint_eq(s.nerrors, 1);
	ck_assert_msg(strstr(s.errors[0], ":3: unknown setting 'bogus'") !=
	    NULL && strncmp(s.errors[0], path, strlen(path)) == 0,
	    "%s", s.errors[0]);
	settings_free(&s);

	/* Shown with ~ for $HOME. */
	setenv("HOME", dir, 1);
	ck_assert_uint_eq(settings_load(&s, path), 1);
	ck_assert_str_eq(s.errors[0], "~/config:3: unknown setting 'bogus'");
	settings_free(&s);
	unlink(path);

	/* A directory where the file should be. */
	ck_assert_int_eq(mkdir(path, 0700), 0);
	ck_assert_uint_eq(settings_load(&s, path), 1);
	ck_assert_str_eq(s.errors[0], "~/config: Is a directory");
	settings_free(&s);
	rmdir(path);

	/* A FIFO would block every start: refused at once, unread. */
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	ck_assert_uint_eq(settings_load(&s, path), 1);
	ck_assert_str_eq(s.errors[0], "~/config: not a regular file");
	settings_free(&s);
	unlink(path);

	/* Unreadable (root reads anyway). */
	if (geteuid() != 0) {
		f = fopen(path, "w");
		fputs("session ro\n", f);
		fclose(f);
		chmod(path, 0);
		ck_assert_uint_eq(settings_load(&s, path), 1);
		ck_assert_str_eq(s.errors[0], "~/config: Permission denied");
		ck_assert(!s.has_session);
		settings_free(&s);
		unlink(path);
	}

	/* Not a configuration file at all. */
	f = fopen(path, "w");
	memset(big, '#', sizeof(big));
	for (i = 0; i < 300; i++)
		fwrite(big, 1, sizeof(big), f);
	fclose(f);
	ck_assert_uint_eq(settings_load(&s, path), 1);
	ck_assert_str_eq(s.errors[0],
	    "~/config: larger than 1 MiB: not a configuration file");
	settings_free(&s);
	unlink(path);
	rmdir(dir);
	free(dir);
}
END_TEST

/* Key names: every key of the table by the name the help screen gives it. */
START_TEST(test_key_names)
{
	static const struct {
		const char	*name;
		int		 key;
	} aliases[] = {
		{ "x", 'x' }, { "$", '$' }, { "#", '#' }, { "space", ' ' },
		{ "TAB", EK_TAB }, { "Return", EK_ENTER }, { "escape", EK_ESC },
		{ "PageDown", EK_PGDN }, { "pageup", EK_PGUP },
		{ "Del", EK_DELETE }, { "Ins", EK_INSERT },
		{ "BSpace", EK_BACKSPACE }, { "f12", EK_F12 }, { "F10", EK_F10 },
		{ "Ctrl-f", EK_CTRL('F') }, { "C-f", EK_CTRL('F') },
		{ "^F", EK_CTRL('F') }, { "Ctrl-@", 0 },
		{ "Ctrl-M", EK_ENTER }, { "Ctrl-J", EK_ENTER },
		{ "Ctrl-I", EK_TAB }, { "Ctrl-[", EK_ESC },
		{ "Ctrl-H", EK_BACKSPACE }, { "Ctrl-?", EK_BACKSPACE },
		{ "wheelup", EK_WHEEL_UP },
	};
	static const char *const bad[] = {
		"", "F0", "F13", "F1x", "Ctrl-", "Ctrl-1", "Ctrl-xx", "Meta-x",
		"\x01", " ", "\x7f", "\xc3\xa9", "Resize", "foo", "C-", "^^^",
	};
	int k;
	size_t i;

	for (i = 0; i < keymap_default_len; i++) {
		k = keymap_default[i].key;
		ck_assert_msg(keymap_key_by_name(keymap_key_name(k)) == k,
		    "key %s", keymap_key_name(k));
	}
	for (k = 0x21; k < 0x7f; k++)
		ck_assert_int_eq(keymap_key_by_name(keymap_key_name(k)), k);
	for (k = EK_UP; k < EK_MAX; k++)
		if (k != EK_RESIZE)
			ck_assert_int_eq(keymap_key_by_name(keymap_key_name(k)),
			    k);
	for (i = 0; i < ARRAY_LEN(aliases); i++)
		ck_assert_msg(keymap_key_by_name(aliases[i].name) ==
		    aliases[i].key, "%s", aliases[i].name);
	for (i = 0; i < ARRAY_LEN(bad); i++)
		ck_assert_msg(keymap_key_by_name(bad[i]) == -1, "[%s]", bad[i]);
}
END_TEST

START_TEST(test_command_names)
{
	int c;

	for (c = 0; c < CMD_MAX; c++) {
		ck_assert_ptr_nonnull(keymap_command_name(c));
		ck_assert_int_eq(keymap_command_by_name(keymap_command_name(c)),
		    c);
	}
	ck_assert_ptr_null(keymap_command_name(CMD_MAX));
	ck_assert_int_eq(keymap_command_by_name("goto"), CMD_GOTO);
	ck_assert_int_eq(keymap_command_by_name("quit-discard"),
	    CMD_QUIT_DISCARD);
	ck_assert_int_eq(keymap_command_by_name("Goto"), -1);
	ck_assert_int_eq(keymap_command_by_name(""), -1);
	ck_assert_str_eq(keymap_mode_name(KEYMAP_SELECT), "select");
	ck_assert_ptr_null(keymap_mode_name((enum keymap_mode)3));
	ck_assert_int_eq(keymap_mode_by_name("overwrite"), KEYMAP_OVERWRITE);
	ck_assert_int_eq(keymap_mode_by_name("insert"), -1);
}
END_TEST

/* The help line of key's group: the line whose keys column holds it. */
static const char *
help_line_of(char **lines, const char *keys)
{
	size_t i, n = strlen(keys);

	for (i = 0; lines[i] != NULL; i++)
		if (strlen(lines[i]) > n + 2 &&
		    strncmp(lines[i] + 2, keys, n) == 0 && lines[i][2 + n] == ' ')
			return lines[i];
	return NULL;
}

/* Rebinding: lookups, the help screen, and the table stay in step. */
START_TEST(test_keymap_bind)
{
	const struct key_binding *t;
	char **lines;
	const char *l;
	size_t n, len;

	t = keymap_table(&len);
	ck_assert_ptr_eq(t, keymap_default);
	ck_assert_uint_eq(len, keymap_default_len);

	/* A new key joins its command's keys on one help line. */
	ck_assert_int_eq(keymap_bind(KEYMAP_NORMAL, 'X', CMD_GOTO), 0);
	ck_assert_int_eq(keymap_lookup(KEYMAP_NORMAL, 'X'), CMD_GOTO);
	t = keymap_table(&len);
	ck_assert_uint_eq(len, keymap_default_len + 1);
	editor_help_lines(&lines);
	l = help_line_of(lines, "g X");
	ck_assert_ptr_nonnull(l);
	ck_assert_ptr_nonnull(strstr(l, "goto: 1234"));
	editor_help_free(lines);

	/* Taking the first key of a group keeps the group's help line. */
	ck_assert_int_eq(keymap_bind(KEYMAP_NORMAL, 'g', CMD_NONE), 0);
	ck_assert_int_eq(keymap_lookup(KEYMAP_NORMAL, 'g'), CMD_NONE);
	editor_help_lines(&lines);
	l = help_line_of(lines, "X");
	ck_assert_ptr_nonnull(l);
	ck_assert_ptr_nonnull(strstr(l, "goto: 1234"));
	ck_assert_ptr_null(help_line_of(lines, "g X"));
	editor_help_free(lines);

	/* A key bound elsewhere moves: F1 now quits, H still helps. */
	ck_assert_int_eq(keymap_bind(KEYMAP_NORMAL, EK_F1, CMD_QUIT), 0);
	ck_assert_int_eq(keymap_lookup(KEYMAP_NORMAL, EK_F1), CMD_QUIT);
	ck_assert_int_eq(keymap_lookup(KEYMAP_NORMAL, 'H'), CMD_HELP);
	editor_help_lines(&lines);
	ck_assert_ptr_nonnull(help_line_of(lines, "q F1"));
	l = help_line_of(lines, "H");
	ck_assert_ptr_nonnull(l);
	ck_assert_ptr_nonnull(strstr(l, "this help"));
	editor_help_free(lines);

	/* The same binding again changes nothing. */
	t = keymap_table(&len);
	n = len;
	ck_assert_int_eq(keymap_bind(KEYMAP_NORMAL, EK_F1, CMD_QUIT), 0);
	t = keymap_table(&len);
	ck_assert_uint_eq(len, n);

	/* A command with no key in a mode gets its own line there. */
	ck_assert_int_eq(keymap_bind(KEYMAP_OVERWRITE, EK_CTRL('G'),
	    CMD_GOTO), 0);
	ck_assert_int_eq(keymap_lookup(KEYMAP_OVERWRITE, EK_CTRL('G')),
	    CMD_GOTO);
	ck_assert_int_eq(keymap_lookup(KEYMAP_NORMAL, EK_CTRL('G')), CMD_NONE);
	editor_help_lines(&lines);
	l = help_line_of(lines, "Ctrl-G");
	ck_assert_ptr_nonnull(l);
	ck_assert_ptr_nonnull(strstr(l, "goto"));
	editor_help_free(lines);

	/* A mode with no rows yet: select mode's Esc removed, then re-added. */
	ck_assert_int_eq(keymap_bind(KEYMAP_SELECT, EK_ESC, CMD_NONE), 0);
	ck_assert_int_eq(keymap_lookup(KEYMAP_SELECT, EK_ESC), CMD_NONE);
	ck_assert_int_eq(keymap_lookup(KEYMAP_SELECT, 'j'), CMD_DOWN);
	ck_assert_int_eq(keymap_bind(KEYMAP_SELECT, 'c', CMD_LEAVE_MODE), 0);
	ck_assert_int_eq(keymap_lookup(KEYMAP_SELECT, 'c'), CMD_LEAVE_MODE);
	t = keymap_table(&len);
	ck_assert_int_eq(t[len - 1].mode, KEYMAP_SELECT);
	ck_assert_int_eq(t[len - 1].key, 'c');
	editor_help_lines(&lines);
	l = help_line_of(lines, "c");
	ck_assert_ptr_nonnull(l);
	ck_assert_ptr_nonnull(strstr(l, "cancel the selection"));
	editor_help_free(lines);

	/* Unbinding a key that has no binding is harmless. */
	ck_assert_int_eq(keymap_bind(KEYMAP_NORMAL, 'Z', CMD_NONE), 0);

	/* What cannot be bound. */
	ck_assert_int_eq(keymap_bind(KEYMAP_NORMAL, EK_RESIZE, CMD_GOTO), -1);
	ck_assert_int_eq(keymap_bind(KEYMAP_NORMAL, EK_MAX, CMD_GOTO), -1);
	ck_assert_int_eq(keymap_bind(KEYMAP_NORMAL, -1, CMD_GOTO), -1);
	ck_assert_int_eq(keymap_bind(KEYMAP_NORMAL, 'X', CMD_MAX), -1);
	ck_assert_int_eq(keymap_bind((enum keymap_mode)7, 'X', CMD_GOTO), -1);

	/* The defaults themselves never changed. */
	ck_assert_int_eq(keymap_default[0].key, EK_LEFT);
	keymap_reset();
	t = keymap_table(&len);
	ck_assert_ptr_eq(t, keymap_default);
	ck_assert_int_eq(keymap_lookup(KEYMAP_NORMAL, 'g'), CMD_GOTO);
	ck_assert_int_eq(keymap_lookup(KEYMAP_NORMAL, 'X'), CMD_NONE);
	ck_assert_int_eq(keymap_lookup(KEYMAP_SELECT, EK_ESC), CMD_LEAVE_MODE);
	keymap_reset();		/* twice is fine */
}
END_TEST

/* Many bindings: the table grows and shrinks without losing a row. */
START_TEST(test_keymap_many)
{
	size_t len;
	int k;

	for (k = 'a'; k <= 'z'; k++)
		ck_assert_int_eq(keymap_bind(KEYMAP_NORMAL, k, CMD_REDRAW), 0);
	for (k = 'a'; k <= 'z'; k++)
		ck_assert_int_eq(keymap_lookup(KEYMAP_NORMAL, k), CMD_REDRAW);
	for (k = 'a'; k <= 'z'; k++)
		ck_assert_int_eq(keymap_bind(KEYMAP_NORMAL, k, CMD_NONE), 0);
	for (k = 'a'; k <= 'z'; k++)
		ck_assert_int_eq(keymap_lookup(KEYMAP_NORMAL, k), CMD_NONE);
	ck_assert_int_eq(keymap_lookup(KEYMAP_NORMAL, 'G'), CMD_END);
	(void)keymap_table(&len);
	ck_assert_uint_gt(len, 0);
	keymap_reset();
}
END_TEST

static Suite *
settings_suite(void)
{
	Suite *s = suite_create("settings");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_nothing);
	tcase_add_test(tc, test_session_view_width);
	tcase_add_test(tc, test_colors);
	tcase_add_test(tc, test_bad_lines);
	tcase_add_test(tc, test_long_line);
	tcase_add_test(tc, test_bindings);
	tcase_add_test(tc, test_file_errors);
	tcase_add_test(tc, test_nul_byte);
	tcase_add_test(tc, test_path);
	tcase_add_test(tc, test_load);
	tcase_add_test(tc, test_key_names);
	tcase_add_test(tc, test_command_names);
	tcase_add_test(tc, test_keymap_bind);
	tcase_add_test(tc, test_keymap_many);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(settings_suite)
