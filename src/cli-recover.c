/*
 * cli-recover.c - --recover: give back, without a terminal, the edits a
 * session left unflushed in its journal (editor-journal.c), and flush
 * them; --recover --list: the journals there are.
 */
#include "config.h"

#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli-int.h"
#include "editor.h"
#include "journal-file.h"

/* Restore and flush; exit 0, 1 (nothing to recover) or 2. */
int
script_recover(const struct options *o, struct mapping *m, uint64_t asked)
{
	struct editor ed;
	struct editor_found f;
	struct error err;
	int64_t delta;
	uint64_t n;
	int status = 2;

	(void)asked;
	editor_init(&ed, m, 80, 24, 0, false);
	if (editor_journal_find(&ed, &f, &err) < 0) {
		complain("%s", err.msg);
		goto out;
	}
	switch (f.state) {
	case FOUND_NONE:
		complain("%s: nothing to recover: no journal holds unflushed "
		    "edits of it", o->path);
		status = 1;
		goto out;
	case FOUND_LIVE:
		complain("%s is being edited by another mmhex (pid %ld)",
		    o->path, f.pid);
		goto out;
	case FOUND_EDITS:
		break;
	}
	if (!editor_found_restorable(&f)) {
		if (f.other_window)
			complain("%s: the journal is of the window at offset "
			    "0x%" PRIx64 ": give the same -o/-l", o->path,
			    f.log.r[0].origin);
		else
			complain("%s changed since its journal was written "
			    "(size %" PRIu64 " -> %" PRIu64 ", %" PRIu64 " of %"
			    PRIu64 " edited ranges differ): nothing written, "
			    "journal kept: %s", o->path, f.was.size, f.now.size,
			    f.mismatched, f.checked, f.path);
		goto out;
	}
	if (editor_journal_restore(&ed, &f, &err) < 0) {
		complain("%s", err.msg);
		goto out;
	}
	if (f.resume) {
		printf("%s: finished the flush a crash cut short (%" PRIu64
		    " bytes moved or written)\n", o->path, ed.move_moved);
		ed.quit = true;
		status = 0;
		goto out;
	}
	n = editor_changed_bytes(&ed, &delta);
	if (editor_unflushed(&ed) && editor_flush(&ed, &err) < 0) {
		complain("%s: edits restored but not flushed, journal kept: %s",
		    o->path, err.msg);
		goto out;
	}
	printf("%s: recovered %" PRIu64 " edit%s: %" PRIu64 " changed byte%s"
	    ", size %+" PRId64 ", flushed\n", o->path, f.edits,
	    f.edits == 1 ? "" : "s", n, n == 1 ? "" : "s", delta);
	ed.quit = true;			/* everything is in the file */
	status = 0;
out:
	editor_journal_end(&ed);
	editor_found_free(&f);
	editor_free(&ed);
	return status;
}

/* One journal's line: file, edits, when, live or ended, the journal. */
static void
list_one(const char *path)
{
	struct editor_found f;
	struct error err;
	char at[32];
	long pid = 0;
	int live;

	memset(&f, 0, sizeof(f));
	live = jfile_live(path, &pid, &err);
	if (jfile_load(path, &f.log, &err) != 0) {
		printf("%s: %s\n", path, err.msg);
		return;
	}
	editor_found_survey(&f);
	editor_journal_when(at, sizeof(at), f.log.r[0].started);
	printf("%s\t%" PRIu64 " unflushed edit%s\t%" PRIu64 " byte%s\t%s\t%s\t"
	    "%s\n", f.log.r[0].path, f.edits, f.edits == 1 ? "" : "s",
	    f.bytes, f.bytes == 1 ? "" : "s", at,
	    live == 1 ? "live" : f.flush_cut ? "flush cut short" : "ended",
	    path);
	editor_found_free(&f);
}

int
script_recover_list(void)
{
	char dir[PATH_MAX], path[PATH_MAX + 256];
	struct error err;
	struct dirent *de;
	DIR *d;
	int found = 0;

	if (jfile_dir(dir, sizeof(dir), false, &err) < 0)
		return complain("%s", err.msg);
	if ((d = opendir(dir)) == NULL) {
		fprintf(stderr, "mmhex: no journals (%s: %s)\n", dir,
		    strerror(errno));
		return 1;
	}
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);

		if (len < 8 || strcmp(de->d_name + len - 8, ".journal") != 0)
			continue;
		if ((size_t)snprintf(path, sizeof(path), "%s/%.255s", dir,
		    de->d_name) >= sizeof(path))
			continue;
		list_one(path);
		found++;
	}
	(void)closedir(d);
	if (found == 0)
		fprintf(stderr, "mmhex: no journals in %s\n", dir);
	return found > 0 ? 0 : 1;
}
