/*
 * journal_loop.c - the editing half of bench-journal.sh, in the headless
 * editor (the UI's loop: a key, then editor_journal_tick()):
 *
 *	journal_loop type K FILE [nojournal]
 *		K characters typed over FILE from offset 0 in overwrite mode
 *		(copy-on-write, nothing flushed), with the session's journal or
 *		without; prints the seconds the typing took (the session's
 *		start and end are not typing) and the journal's size in bytes,
 *		then ends as a crash does (the journal stays when kept)
 *	journal_loop frame K FILE [nojournal]
 *		the same, each key followed by the viewer's own frame: the
 *		render of a 100x30 screen and ncurses' refresh, its output
 *		written to /dev/null (what a session does per typed key, but
 *		the terminal's read and the pty's write)
 *	journal_loop paste K FILE [nojournal]
 *		the same, the keys coming faster than frames (a paste): the UI
 *		draws a frame, and ticks, once every UI_FRAME_MS (50 ms)
 *	journal_loop restore FILE
 *		restore what the last `type` left; prints the edits restored
 *	journal_loop flush FILE [nojournal]
 *		insert one byte at offset 0, flush (the tail moves), quit;
 *		with the journal this is the crash-safe flush
 *
 * Each checks what it did: the bytes typed are shown, the restored bytes
 * are the typed ones, the flushed file is one byte longer.
 */
#include "config.h"

#include <sys/stat.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bytes.h"
#include "editor.h"
#include "keymap.h"
#include "mapping.h"
#include "render.h"

static int
open_editor(struct mapping *m, struct editor *ed, const char *path)
{
	struct error err;

	memset(m, 0, sizeof(*m));
	if (mapping_open(m, path, SESSION_COW, &err) < 0 ||
	    mapping_map(m, 0, UINT64_MAX, &err) < 0) {
		fprintf(stderr, "journal_loop: %s\n", err.msg);
		return -1;
	}
	editor_init(ed, m, 100, 30, 0, false);
	return 0;
}

static long
journal_size(const struct editor *ed)
{
	struct stat st;

	return ed->jf != NULL && stat(ed->jf->path, &st) == 0 ?
	    (long)st.st_size : 0;
}

int
main(int argc, char **argv)
{
	struct mapping m;
	struct editor ed;
	struct editor_found f;
	struct error err;
	bool journal = !(argc > 3 && strcmp(argv[argc - 1], "nojournal") == 0);
	struct timespec t0, t1;
	long k, i;

	if (argc >= 4 && (strcmp(argv[1], "type") == 0 ||
	    strcmp(argv[1], "paste") == 0 || strcmp(argv[1], "frame") == 0) &&
	    (k = atol(argv[2])) > 0) {
		bool paste = strcmp(argv[1], "paste") == 0;
		bool frame = strcmp(argv[1], "frame") == 0;
		struct timespec ticked, now;
		FILE *null = NULL;

		if (open_editor(&m, &ed, argv[3]) < 0)
			return 2;
		if (frame) {
			if ((null = fopen("/dev/null", "r+")) == NULL ||
			    newterm("xterm-256color", null, null) == NULL) {
				fprintf(stderr, "journal_loop: no terminal\n");
				return 2;
			}
			render_init(has_colors());
			editor_resize(&ed, COLS, LINES);
		}
		if (journal && editor_journal_start(&ed, &err) < 0) {
			fprintf(stderr, "journal_loop: %s\n", err.msg);
			return 2;
		}
		editor_key(&ed, EK_TAB);
		editor_key(&ed, 'R');
		clock_gettime(CLOCK_MONOTONIC, &t0);
		ticked = t0;
		for (i = 0; i < k; i++) {
			editor_key(&ed, 'a' + (int)(i % 26));
			if (paste) {
				clock_gettime(CLOCK_MONOTONIC, &now);
				if ((now.tv_sec - ticked.tv_sec) * 1000 +
				    (now.tv_nsec - ticked.tv_nsec) / 1000000 < 50)
					continue;
				ticked = now;
			}
			editor_journal_tick(&ed);
			if (frame) {
				render_frame(&ed);
				refresh();
			}
		}
		editor_key(&ed, EK_ESC);
		editor_journal_tick(&ed);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (frame) {
			endwin();
			render_fini();
		}
		if (editor_changed_bytes(&ed, NULL) != (uint64_t)k) {
			fprintf(stderr, "journal_loop: %lu changed, not %ld\n",
			    (unsigned long)editor_changed_bytes(&ed, NULL), k);
			return 1;
		}
		/* A second later all is durable; then a crash, nothing flushed. */
		if (ed.jf != NULL)
			(void)jfile_sync(ed.jf);
		printf("%.6f %ld\n", (double)(t1.tv_sec - t0.tv_sec) +
		    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, journal_size(&ed));
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "restore") == 0) {
		if (open_editor(&m, &ed, argv[2]) < 0)
			return 2;
		if (editor_journal_find(&ed, &f, &err) < 0 ||
		    f.state != FOUND_EDITS ||
		    editor_journal_restore(&ed, &f, &err) < 0) {
			fprintf(stderr, "journal_loop: nothing restored: %s\n",
			    err.msg);
			return 1;
		}
		printf("%lu\n", (unsigned long)editor_changed_bytes(&ed, NULL));
		editor_found_free(&f);
		ed.quit = true;		/* the journal goes: the next run types afresh */
		editor_journal_end(&ed);
		editor_free(&ed);
		mapping_close(&m);
		return 0;
	}
	if (argc >= 3 && strcmp(argv[1], "flush") == 0) {
		struct stat before, after;

		if (stat(argv[2], &before) < 0 || open_editor(&m, &ed, argv[2]) < 0)
			return 2;
		if (journal && editor_journal_start(&ed, &err) < 0) {
			fprintf(stderr, "journal_loop: %s\n", err.msg);
			return 2;
		}
		editor_key(&ed, 'I');
		editor_key(&ed, '4');
		editor_key(&ed, '1');
		editor_key(&ed, EK_ESC);
		editor_key(&ed, 'w');
		ed.quit = true;
		editor_journal_end(&ed);
		editor_free(&ed);
		mapping_close(&m);
		if (stat(argv[2], &after) < 0 ||
		    after.st_size != before.st_size + 1) {
			fprintf(stderr, "journal_loop: the flush did not happen\n");
			return 1;
		}
		return 0;
	}
	fprintf(stderr, "usage: journal_loop type|paste|frame K FILE "
	    "[nojournal] | "
	    "restore FILE | flush FILE [nojournal]\n");
	return 2;
}
