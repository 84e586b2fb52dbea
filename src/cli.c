/*
 * cli.c - the command line: options, the configuration file under them,
 * the table of modes, opening the file's window, and cli_main, which runs
 * the viewer or one of the scripting modes.  The scripting modes
 * themselves (dump, find, regex, patch) are in cli-script.c; what the two
 * files share is in cli-int.h.
 *
 * The configuration file (settings.h) is read for the viewer and --keys
 * only: scripts give the same output whatever a user's config says.
 * Options given on the command line override it; its errors are printed
 * before the screen opens and are not fatal.
 *
 * Every mode opens the file through the mapping module, works straight on
 * the mapped window and reports offsets as absolute file offsets.  Errors
 * are one line "mmhex: ..." on stderr and exit status 2.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli-int.h"
#include "cli.h"
#include "editor.h"
#include "expr.h"
#include "guard.h"
#include "layout.h"
#include "mapping.h"
#include "palette.h"
#include "render.h"
#include "settings.h"
#include "ui.h"

enum {
	OPT_REVERSE = 256,
	OPT_COUNT,
	OPT_PATCH,
	OPT_INSERT,
	OPT_DELETE,
	OPT_COLOR,
	OPT_KEYS,
	OPT_RECOVER,
	OPT_LIST,
	OPT_DIFF,
	OPT_MAP,
};

static int	run_view(const struct options *, struct mapping *, uint64_t);

/*
 * The modes, each chosen by one option (the viewer by none); at most one
 * is given, though --patch may be repeated.  A mode without run takes no
 * file and is done before one would be opened.
 */
static const struct mode_entry {
	int		 opt;		/* getopt_long's value for it */
	const char	*flag;		/* for messages */
	unsigned	 mods;		/* the MOD_* options it goes with */
	bool		 config;	/* reads the configuration file */
	int		(*run)(const struct options *, struct mapping *,
			    uint64_t asked);
} modes[] = {
	[MODE_VIEW] =	  { 0, NULL, 0, true, run_view },
	[MODE_DUMP] =	  { 'd', "--dump", MOD_NO_SQUEEZE, false, script_dump },
	[MODE_FIND] =	  { 'f', "--find", MOD_REVERSE | MOD_COUNT, false,
			    script_find },
	[MODE_FIND_HEX] = { 'x', "--find-hex", MOD_REVERSE | MOD_COUNT, false,
			    script_find },
	[MODE_REGEX] =	  { 'e', "--regex", MOD_REVERSE | MOD_COUNT, false,
			    script_regex },
	[MODE_PATCH] =	  { OPT_PATCH, "--patch", 0, false, script_patch },
	[MODE_KEYS] =	  { OPT_KEYS, "--keys", 0, true, NULL },
	[MODE_RECOVER] =  { OPT_RECOVER, "--recover", MOD_LIST, false,
			    script_recover },
	[MODE_DIFF] =	  { OPT_DIFF, "--diff", MOD_COUNT, false, script_diff },
	[MODE_MAP] =	  { OPT_MAP, "--map", 0, false, script_map },
};

/* The MOD_* options, and the modes they go with, for the message. */
static const struct {
	unsigned	 mod;
	const char	*flag;
	const char	*with;
} mod_options[] = {
	{ MOD_REVERSE, "--reverse", "-f, -x or -e" },
	{ MOD_COUNT, "--count", "-f, -x, -e or --diff" },
	{ MOD_NO_SQUEEZE, "--no-squeeze", "--dump" },
	{ MOD_LIST, "--list", "--recover" },
};

static const struct option long_options[] = {
	{ "read-only",		no_argument,		NULL, 'r' },
	{ "write-through",	no_argument,		NULL, 'W' },
	{ "copy-on-write",	no_argument,		NULL, 'C' },
	{ "offset",		required_argument,	NULL, 'o' },
	{ "length",		required_argument,	NULL, 'l' },
	{ "goto",		required_argument,	NULL, 'g' },
	{ "bytes-per-line",	required_argument,	NULL, 'b' },
	{ "text",		no_argument,		NULL, 't' },
	{ "color",		required_argument,	NULL, OPT_COLOR },
	{ "colour",		required_argument,	NULL, OPT_COLOR },
	{ "dump",		no_argument,		NULL, 'd' },
	{ "no-squeeze",		no_argument,		NULL, 'v' },
	{ "find",		required_argument,	NULL, 'f' },
	{ "find-hex",		required_argument,	NULL, 'x' },
	{ "regex",		required_argument,	NULL, 'e' },
	{ "reverse",		no_argument,		NULL, OPT_REVERSE },
	{ "count",		no_argument,		NULL, OPT_COUNT },
	{ "patch",		required_argument,	NULL, OPT_PATCH },
	{ "insert",		required_argument,	NULL, OPT_INSERT },
	{ "delete",		required_argument,	NULL, OPT_DELETE },
	{ "keys",		optional_argument,	NULL, OPT_KEYS },
	{ "recover",		no_argument,		NULL, OPT_RECOVER },
	{ "list",		no_argument,		NULL, OPT_LIST },
	{ "diff",		no_argument,		NULL, OPT_DIFF },
	{ "map",		no_argument,		NULL, OPT_MAP },
	{ "help",		no_argument,		NULL, 'h' },
	{ "version",		no_argument,		NULL, 'V' },
	{ NULL,			0,			NULL, 0 },
};

static const char usage_text[] =
"Usage: mmhex [OPTION]... FILE          view and edit FILE (interactive)\n"
"       mmhex [OPTION]... FILE1 FILE2    compare them side by side (] next\n"
"                                        difference, Ctrl-W other file)\n"
"       mmhex -d [-v] [-o N] [-l N] FILE  dump like `hexdump -C`\n"
"       mmhex -f STRING | -x HEX | -e REGEX [--reverse] [--count] FILE\n"
"       mmhex --patch OFFSET:HEX | --insert OFFSET:HEX | --delete OFFSET:LENGTH\n"
"             [...] FILE\n"
"       mmhex --recover FILE | --recover --list\n"
"       mmhex --diff [--count] [-o N] [-l N] FILE1 FILE2\n"
"\n"
"mmhex works straight on a memory mapping of FILE; '-' reads standard input.\n"
"\n"
"Sessions:\n"
"  -r, --read-only           never write (O_RDONLY, PROT_READ)\n"
"  -C, --copy-on-write       edits stay private until flushed (default)\n"
"  -W, --write-through       edits reach the file at once\n"
"\n"
"Window and view:\n"
"  -o, --offset=N            map the file from offset N (an EXPR, below)\n"
"  -l, --length=N            map at most N bytes: a number (K, M, G) or N% of\n"
"                            the file's size; never relative, no sign, no $\n"
"  -g, --goto=EXPR           put the cursor at EXPR\n"
"  -b, --bytes-per-line=N    fixed line width instead of fitting the terminal\n"
"  -t, --text                start in the text (line) view\n"
"      --color=WHEN          auto, always or never (NO_COLOR is honoured)\n"
"\n"
"Scripting:\n"
"  -d, --dump                print the bytes exactly as `hexdump -C` does;\n"
"                            -o past the end prints where the file ends\n"
"  -v, --no-squeeze          with -d: print repeated lines (`hexdump -Cv`)\n"
"  -f, --find=STRING         print the offset of every match of STRING\n"
"  -x, --find-hex=HEX        the same for hex bytes (`de ad be ef`, `??` = any)\n"
"  -e, --regex=PATTERN       the same for a PCRE2 pattern over the raw bytes\n"
"                            (^ and $ at every line end, as Python's re.M)\n"
"      --reverse             report matches from the end backwards\n"
"      --count               print only the number of matches\n"
"      --patch=OFFSET:HEX    overwrite bytes at OFFSET in place, flush, exit\n"
"      --insert=OFFSET:HEX   insert bytes before OFFSET (the size: append)\n"
"      --delete=OFFSET:LENGTH  delete LENGTH bytes at OFFSET\n"
"                            (repeatable, mixed, in order: each OFFSET in the\n"
"                            file as the ones before left it; one flush)\n"
"      --recover             restore the unflushed edits a session that ended\n"
"                            left in FILE's journal, flush them, exit\n"
"                            (1: nothing to recover, 2: FILE changed since)\n"
"      --recover --list      list the journals there are\n"
"      --diff FILE1 FILE2    print `OFFSET LENGTH` (decimal) for each run of\n"
"                            differing bytes, the bytes only the longer file\n"
"                            has last; --count: the differing bytes; exit as\n"
"                            cmp: 0 same, 1 different\n"
"      --map                 print `OFFSET LENGTH KIND` for each run of 4 KiB\n"
"                            blocks of one kind: zero, text, binary, random\n"
"                            (the rule: mmhex(1)); holes are not read\n"
"\n"
"      --keys[=raw]          show the key bindings (configuration applied), exit;\n"
"                            raw: one `MODE KEY COMMAND` a line, for scripts\n"
"  -h, --help                show this help and exit\n"
"  -V, --version             show the version and exit\n"
"\n"
"OFFSET and EXPR: 1234, 0x4d2, +16, -16, $ (last byte), $-16, 50%,\n"
"with K, M, G suffixes (powers of 1024).\n"
"\n"
"'-', pipes, character devices, /proc and /sys files are read into memory;\n"
"what lies before --offset is skipped, not kept.  Pipes and character\n"
"devices (also on standard input) stop at 64 MiB unless --length asks for\n"
"more.  A mounted block device opens read-only unless -W or -C is given.\n"
"\n"
"Journals (unflushed edits, for recovery): $XDG_STATE_HOME/mmhex/, else\n"
"~/.local/state/mmhex/; none for read-only sessions.\n"
"Configuration: $XDG_CONFIG_HOME/mmhex/config, else ~/.config/mmhex/config\n"
"(session, bytes-per-line, view, color, background, bind); options\n"
"override it.\n"
"See mmhex(1).\n"
"\n"
"Editing keys in the viewer: R overwrites, I (Insert) inserts, x (Delete)\n"
"deletes, v..d cuts, P inserts the copy, u undoes, w flushes; W writes the\n"
"selection to a file, O opens another file, # numbers the line view's lines,\n"
"Ctrl-Z suspends (--keys: all).\n"
"\n"
"Exit status: 0 success (a search found a match), 1 no match, 2 error.\n";

/*
 * Put /dev/null on each of the standard descriptors that is closed, before
 * anything else is opened: the file opened next would get that number,
 * and our messages (fd 2) or our dump (fd 1) would be written into it.
 */
static int
open_std_fds(void)
{
	int fd;

	for (fd = STDIN_FILENO; fd <= STDERR_FILENO; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		/* The lowest free number is fd itself. */
		if (open("/dev/null", O_RDWR) != fd)
			return -1;
	}
	return 0;
}

/* One line on stderr, the exit status for errors. */
int
complain(const char *fmt, ...)
{
	va_list ap;

	fputs("mmhex: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_TROUBLE;
}

/* The viewer's colour setting for a "color" word. */
static enum ui_color
ui_color(enum settings_when w)
{
	if (w == SETTINGS_WHEN_ALWAYS)
		return UI_COLOR_ALWAYS;
	return w == SETTINGS_WHEN_NEVER ? UI_COLOR_NEVER : UI_COLOR_AUTO;
}

/*
 * An option chose mode, with arg its argument: at most one mode.  kind:
 * which edit ('p', 'i', 'd') for MODE_PATCH, whose edits mix.
 */
static int
set_mode(struct options *o, enum mode mode, const char *arg, int kind)
{
	if (o->mode != MODE_VIEW && o->mode != mode) {
		complain("%s and %s cannot be used together",
		    o->mode == MODE_PATCH ? edit_flag(o->edits[0].kind) :
		    modes[o->mode].flag, mode == MODE_PATCH ? edit_flag(kind) :
		    modes[mode].flag);
		return -1;
	}
	o->mode = mode;
	if (mode == MODE_PATCH) {
		o->edits = xrealloc(o->edits,
		    (o->nedits + 1) * sizeof(*o->edits));
		o->edits[o->nedits].kind = kind;
		o->edits[o->nedits++].arg = arg;
	} else
		o->needle = arg;
	return 0;
}

/* The mode getopt_long's c chooses; MODE_VIEW for other options. */
static enum mode
mode_of(int c)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(modes); i++)
		if (modes[i].opt == c && c != 0)
			return (enum mode)i;
	return MODE_VIEW;
}

/*
 * Whether the options parsed into *o go together, with the nargs FILE
 * arguments args; takes the file.  -1 (message printed) if not.
 */
static int
check_options(struct options *o, int nargs, char **args)
{
	const struct mode_entry *me = &modes[o->mode];
	size_t i;

	if (me->run == NULL && nargs > 0) {
		complain("%s takes no file: '%s' is one too many%s", me->flag,
		    args[0], o->mode == MODE_KEYS && strcmp(args[0], "raw") == 0 ?
		    " (--keys=raw lists the keys for scripts)" : "");
		return -1;
	}
	if (o->mode == MODE_KEYS && o->needle != NULL &&
	    strcmp(o->needle, "raw") != 0) {
		complain("--keys=%s: the only form with a value is --keys=raw",
		    o->needle);
		return -1;
	}
	if (o->mode == MODE_RECOVER && (o->mods & MOD_LIST) != 0) {
		if (nargs > 0) {
			complain("--recover --list takes no file: '%s' is one "
			    "too many", args[0]);
			return -1;
		}
		return 0;
	}
	if (me->run != NULL && nargs == 0) {
		complain("no file given (try 'mmhex --help')");
		return -1;
	}
	if (o->mode == MODE_DIFF && nargs != 2) {
		if (nargs < 2)
			complain("--diff compares two files: give FILE1 FILE2");
		else
			complain("--diff compares two files: '%s' is one too "
			    "many", args[2]);
		return -1;
	}
	if (nargs > 2 && o->mode == MODE_VIEW) {
		complain("two files at most (compared side by side): '%s' is "
		    "one too many", args[2]);
		return -1;
	}
	if (nargs > 1 && o->mode != MODE_DIFF && o->mode != MODE_VIEW) {
		complain("one file at a time: '%s' is one too many", args[1]);
		return -1;
	}
	for (i = 0; i < ARRAY_LEN(mod_options); i++) {
		if ((o->mods & mod_options[i].mod) != 0 &&
		    (me->mods & mod_options[i].mod) == 0) {
			complain("%s goes with %s", mod_options[i].flag,
			    mod_options[i].with);
			return -1;
		}
	}
	if (o->mode == MODE_PATCH && o->session == SESSION_RO) {
		complain("%s writes the file: it cannot be used with --read-only",
		    edit_flag(o->edits[0].kind));
		return -1;
	}
	for (i = 0; o->mode == MODE_PATCH && i < o->nedits; i++)
		if (o->edits[i].kind != 'p' &&
		    (o->offset != NULL || o->length != NULL)) {
			complain("%s changes the size: it works on the whole "
			    "file, not an --offset/--length window",
			    edit_flag(o->edits[i].kind));
			return -1;
		}
	o->path = nargs > 0 ? args[0] : NULL;
	o->path2 = nargs > 1 ? args[1] : NULL;
	return 0;
}

/* Parse argv into *o; returns -1 (message printed) on a usage error. */
static int
parse_options(struct options *o, int argc, char **argv, bool *done)
{
	enum settings_when when;
	enum mode mode;
	int c;

	*done = false;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":rWCo:l:g:b:tdvf:x:e:hV",
	    long_options, NULL)) != -1) {
		if ((mode = mode_of(c)) != MODE_VIEW) {
			if (set_mode(o, mode, optarg, 'p') < 0)
				return -1;
			continue;
		}
		switch (c) {
		case OPT_INSERT:
		case OPT_DELETE:
			/* Edits of the size: --patch's mode, in one list. */
			if (set_mode(o, MODE_PATCH, optarg,
			    c == OPT_INSERT ? 'i' : 'd') < 0)
				return -1;
			break;
		case 'r':
		case 'W':
		case 'C':
			o->session = c == 'r' ? SESSION_RO :
			    c == 'W' ? SESSION_WT : SESSION_COW;
			o->session_given = true;
			break;
		case 'o':
			o->offset = optarg;
			break;
		case 'l':
			o->length = optarg;
			break;
		case 'g':
			o->view.go_to = optarg;
			break;
		case 'b':
			if (settings_parse_bpl(optarg,
			    &o->view.bytes_per_line) < 0) {
				complain("--bytes-per-line '%s': expected a number "
				    "from 1 to %d", optarg, LAYOUT_BPL_MAX);
				return -1;
			}
			o->bpl_given = true;
			break;
		case 't':
			o->view.text_view = true;
			o->text_given = true;
			break;
		case OPT_COLOR:
			if (settings_parse_when(optarg, &when) < 0) {
				complain("--color '%s': expected auto, always or never",
				    optarg);
				return -1;
			}
			o->view.color = ui_color(when);
			o->color_given = true;
			break;
		case 'v':
			o->mods |= MOD_NO_SQUEEZE;
			break;
		case OPT_REVERSE:
			o->mods |= MOD_REVERSE;
			break;
		case OPT_COUNT:
			o->mods |= MOD_COUNT;
			break;
		case OPT_LIST:
			o->mods |= MOD_LIST;
			break;
		case 'h':
			fputs(usage_text, stdout);
			*done = true;
			return 0;
		case 'V':
			printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
			*done = true;
			return 0;
		case ':':
			complain("option '%s' needs an argument (try 'mmhex --help')",
			    argv[optind - 1]);
			return -1;
		default:
			if (optopt != 0)
				complain("unknown option '-%c' (try 'mmhex --help')",
				    optopt);
			else
				complain("unknown option '%s' (try 'mmhex --help')",
				    argv[optind - 1]);
			return -1;
		}
	}
	return check_options(o, argc - optind, argv + optind);
}

/* Evaluate an option's expression; the message names the option. */
static int
option_value(const char *opt, const char *s, const struct expr_ctx *ctx,
    uint64_t *out)
{
	struct error err;

	if (expr_eval(s, ctx, out, &err) == 0)
		return 0;
	complain("%s '%s': %s", opt, s, err.msg);
	return -1;
}

/*
 * --offset and --length in a file of size bytes (UINT64_MAX: not known
 * yet, and neither refers to it).  -d takes an offset past the end, as
 * `hexdump -s` does.
 */
static int
window_values(const struct options *o, uint64_t size, uint64_t *offset,
    uint64_t *length)
{
	struct expr_ctx ctx;
	struct error err;

	memset(&ctx, 0, sizeof(ctx));
	ctx.size = size;
	ctx.hi = o->mode == MODE_DUMP ? UINT64_MAX : size;
	if (o->offset != NULL && option_value("--offset", o->offset, &ctx,
	    offset) < 0)
		return -1;
	if (o->length != NULL &&
	    expr_length(o->length, size, length, &err) < 0) {
		complain("--length '%s': %s", o->length, err.msg);
		return -1;
	}
	return 0;
}

/*
 * Open o->path for the mode's session and map the --offset/--length
 * window.  An input read into memory has a size only once read: when an
 * expression refers to it ($, N%) all of it is read first, else only the
 * window (what lies before it is skipped, not kept).
 */
int
open_window_of(const struct options *o, const char *path, struct mapping *m,
    uint64_t *asked)
{
	enum session want = o->mode == MODE_PATCH ? SESSION_WT :
	    o->mode == MODE_RECOVER ? SESSION_COW :
	    o->mode == MODE_VIEW ? o->session : SESSION_RO;
	uint64_t offset = 0, length = UINT64_MAX;
	struct error err;
	bool whole;

	if (o->mode == MODE_PATCH && edit_check_target(o) < 0)
		return -1;
	/* -W or -C on the command line: a mounted device opens as asked. */
	if (mapping_open_flags(m, path, want, o->session_given ?
	    MAPPING_INSIST : 0, &err) < 0) {
		complain("%s", err.msg);
		return -1;
	}
	if ((o->mode == MODE_PATCH && m->session != SESSION_WT) ||
	    (o->mode == MODE_RECOVER && m->session != SESSION_COW)) {
		complain("%s: %s", path, m->note != NULL ? m->note :
		    "cannot be written");
		return -1;
	}
	if (m->in_memory) {
		whole = (o->offset != NULL && expr_uses_size(o->offset)) ||
		    (o->length != NULL && expr_uses_size(o->length));
		if (!whole && window_values(o, UINT64_MAX, &offset,
		    &length) < 0)
			return -1;
		if (mapping_load(m, whole ? 0 : offset,
		    whole ? UINT64_MAX : length, &err) < 0) {
			complain("%s", err.msg);
			return -1;
		}
	}
	if (window_values(o, m->file_size, &offset, &length) < 0)
		return -1;
	/* Past the end, hexdump prints where the file ends. */
	if (o->mode == MODE_DUMP && offset > m->file_size)
		offset = m->file_size;
	*asked = length;
	if (mapping_map(m, offset, length, &err) < 0) {
		complain("%s", err.msg);
		return -1;
	}
	return 0;
}

/* Finish writing standard output; a failure there is an error too. */
static int
close_stdout(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout))
		return complain("standard output: %s", strerror(errno));
	return status;
}

/* The viewer, until the user quits; two files compared side by side. */
static int
run_view(const struct options *o, struct mapping *m, uint64_t asked)
{
	struct mapping m2;
	uint64_t asked2;
	int status;

	struct ui_options v = o->view;

	(void)asked;
	/* What O opens another file as: what this one was asked to be. */
	v.session = o->session;
	v.insist = o->session_given;
	if (o->path2 == NULL)
		return ui_run(m, NULL, &v);
	memset(&m2, 0, sizeof(m2));
	m2.fd = -1;
	if (open_window_of(o, o->path2, &m2, &asked2) < 0) {
		mapping_close(&m2);
		return EXIT_TROUBLE;
	}
	status = ui_run(m, &m2, &v);
	mapping_close(&m2);
	return status;
}

/*
 * Read the configuration file into *s and print its errors, one line
 * each, before anything else is drawn; then the key bindings it makes.
 */
static void
load_settings(struct settings *s)
{
	char *path = settings_path();
	size_t i;

	if (path != NULL)
		(void)settings_load(s, path);
	for (i = 0; i < s->nerrors; i++)
		fprintf(stderr, "mmhex: %s\n", s->errors[i]);
	free(path);
	settings_apply_keys(s);
}

/* What the configuration file says, where no option said otherwise. */
static void
apply_settings(struct options *o, const struct settings *s)
{
	if (s->has_session && !o->session_given)
		o->session = s->session;
	if (s->has_bytes_per_line && !o->bpl_given)
		o->view.bytes_per_line = s->bytes_per_line;
	if (s->has_view && !o->text_given)
		o->view.text_view = s->text_view;
	if (s->color_when != SETTINGS_WHEN_UNSET && !o->color_given)
		o->view.color = ui_color(s->color_when);
	if (s->has_undo_keep)
		o->view.undo_keep = s->undo_keep;
	if (s->background == SETTINGS_BACKGROUND_DARK)
		o->view.background = PALETTE_DARK;
	else if (s->background == SETTINGS_BACKGROUND_LIGHT)
		o->view.background = PALETTE_LIGHT;
}

/*
 * --keys: the help screen's key list, with the configuration's bindings;
 * --keys=raw: the same tables for scripts.
 */
static int
print_keys(const struct options *o)
{
	char **lines;
	size_t i, n;

	n = o->needle != NULL ? editor_keys_raw(&lines) :
	    editor_help_lines(&lines);
	for (i = 0; i < n; i++)
		puts(lines[i]);
	editor_help_free(lines);
	return close_stdout(EXIT_SUCCESS);
}

int
cli_main(int argc, char **argv)
{
	struct options o;
	struct mapping m;
	struct settings set;
	uint64_t asked;
	bool done;
	int status = EXIT_TROUBLE;

	/* Nowhere to say it: stderr may be what is missing. */
	if (open_std_fds() < 0)
		return EXIT_TROUBLE;
	memset(&o, 0, sizeof(o));
	o.session = SESSION_COW;
	o.view.undo_keep = EDITOR_UNDO_KEEP;
	o.view.background = -1;
	memset(&m, 0, sizeof(m));
	m.fd = -1;
	settings_init(&set);
	if (parse_options(&o, argc, argv, &done) < 0) {
		free(o.edits);
		return EXIT_TROUBLE;
	}
	if (done)
		return close_stdout(EXIT_SUCCESS);
	if (modes[o.mode].config) {
		load_settings(&set);
		apply_settings(&o, &set);
	}
	if (modes[o.mode].run == NULL) {
		status = print_keys(&o);
		goto out;
	}
	if (o.mode == MODE_RECOVER && (o.mods & MOD_LIST) != 0) {
		status = close_stdout(script_recover_list());
		goto out;
	}
	if (open_window_of(&o, o.path, &m, &asked) < 0) {
		status = EXIT_TROUBLE;
		goto out;
	}
	/* A script must not take the part of an endless input for all of it. */
	if (o.mode != MODE_VIEW && m.capped)
		(void)complain("%s: stopped after its first %llu MiB "
		    "(--length reads more)", o.path,
		    (unsigned long long)(MAPPING_STREAM_MAX >> 20));
	/* A file truncated under a scan reads zeros, not SIGBUS (the UI
	 * installs the guard itself, after its own signal handlers). */
	if (o.mode != MODE_VIEW)
		guard_install();
	else
		render_set_colors(set.colors);
	status = modes[o.mode].run(&o, &m, asked);
	/* (--diff says which of its two files it was itself.) */
	if (o.mode != MODE_VIEW && o.mode != MODE_DIFF && guard_tripped())
		status = complain_fault(&m);
	status = close_stdout(status);
out:
	mapping_close(&m);
	free(o.edits);
	settings_free(&set);
	keymap_reset();
	return status;
}
