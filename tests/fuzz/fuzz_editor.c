/*
 * fuzz_editor.c - libFuzzer harness for the headless editor core: a small
 * file held in a memfd, opened as a read-only, copy-on-write or
 * write-through session, driven by a random key sequence with clicks and
 * resizes mixed in.
 *
 * Input: a header byte (session, text view, -b), a length byte and that
 * many bytes of file content, then the keys: a byte below 0xe0 is that
 * key; 0xe0..0xfb an EK_ code; 0xfc another process truncates or extends
 * the file to the next byte's value and the editor refreshes; 0xfd undo
 * everything now; 0xfe a resize and 0xff a click, each taking the next
 * two bytes.
 *
 * Invariants after every key: the cursor and top inside the window (0
 * when empty), the changed-byte count within the window (copy-on-write
 * edits past the end are kept only after the file shrank), the status line
 * a string.  In a read-only session the file never changes.  At the end,
 * unless the file changed size, undoing every step gives back the
 * original bytes in the view, and in a write-through session in the file
 * too.  A write to another path (the memfd has no link, so the editor
 * offers one) lands in the directory fuzz_editor.work beside the corpus,
 * emptied after every run, and ends the run: the checks are about the
 * memfd.  The harness is in that directory only while a run goes
 * (libFuzzer's corpus paths are relative to its own).
 */
#include "config.h"

#include <sys/mman.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "editor.h"
#include "keymap.h"
#include "mapping.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Keys beyond the bytes: the EK_ codes, indexed from 0xe0. */
static const int special[] = {
	EK_UP, EK_DOWN, EK_LEFT, EK_RIGHT, EK_PGUP, EK_PGDN, EK_HOME, EK_END,
	EK_DELETE, EK_INSERT, EK_F1, EK_F2, EK_F3, EK_F10, EK_WHEEL_UP,
	EK_WHEEL_DOWN, EK_RESIZE, EK_TAB, EK_ENTER, EK_ESC, EK_BACKSPACE,
	EK_CTRL('R'), EK_CTRL('S'), EK_CTRL('L'), EK_CTRL('C'), EK_CTRL('G'),
	EK_CTRL('F'), EK_CTRL('B'), EK_CTRL('A'),
};

static int memfd = -1;
static int workdir = -1;	/* where a write-as lands: emptied every run */
static int homedir = -1;	/* libFuzzer's own: its corpus paths are relative */
/* Beside libFuzzer's corpus, the same for every run of the harness. */
#define WORKDIR	"fuzz_editor.work"

static void
check(bool ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "invariant broken: %s\n", what);
		abort();
	}
}

static void
check_state(const struct editor *ed, bool resized)
{
	char status[512];
	size_t n = editor_size(ed), base = ed->m->size;
	uint64_t past = dirty_bytes_in(&ed->m->dirty, base, UINT64_MAX);

	/* Insert mode may stand one past the last byte. */
	check(ed->cursor < n || (ed->cursor == n && (n == 0 || ed->inserting)),
	    "cursor in the bytes shown");
	check(ed->top < n || (ed->top == n && (n == 0 || ed->inserting)),
	    "top in the bytes shown");
	check(!ed->inserting || editor_mode(ed) == INPUT_OVERWRITE,
	    "inserting only while typing");
	/* Copy-on-write edits past a cut end are kept, for if it grows back. */
	check(ed->m->dirty.bytes - past <= base, "changed bytes within the window");
	check(past == 0 || (resized && ed->m->session == SESSION_COW),
	    "changed bytes past the end only when a copy-on-write file shrank");
	check(ed->prompt.len < PROMPT_MAX && ed->prompt.pos <= ed->prompt.len,
	    "prompt cursor");
	check(strlen(ed->msg) < EDITOR_MSG_MAX, "message");
	editor_status(ed, status, sizeof(status));
	check(strlen(status) < sizeof(status), "status");
}

/* The file's bytes now, read with pread (not through the mapping). */
static bool
file_is(const uint8_t *want, size_t len)
{
	uint8_t buf[256];

	return pread(memfd, buf, sizeof(buf), 0) == (ssize_t)len &&
	    memcmp(buf, want, len) == 0;
}

/*
 * Is the session still on the memfd?  A memfd has no link, so the editor
 * calls it deleted and offers to write it elsewhere; after such a write
 * the session edits that file, which the checks below know nothing of.
 */
static bool
on_memfd(const struct mapping *m)
{
	struct stat a, b;

	return m->fd >= 0 && fstat(m->fd, &a) == 0 && fstat(memfd, &b) == 0 &&
	    a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* Remove what a write-as left, so no run depends on the ones before. */
static void
empty_workdir(void)
{
	DIR *d = fdopendir(dup(workdir));
	struct dirent *e;

	check(d != NULL, "open the work directory");
	rewinddir(d);	/* the dup shares the offset the last walk left at the end */
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			check(unlinkat(workdir, e->d_name, 0) == 0,
			    "empty the work directory");
	closedir(d);
}

/* Normal mode, nothing open: the next key is a command. */
static bool
ready_for_commands(const struct editor *ed)
{
	return ed->prompt.kind == PROMPT_NONE && ed->ask == ASK_NONE &&
	    ed->input == INPUT_NORMAL;
}

static void
undo_all(struct editor *ed)
{
	size_t steps = journal_undo_steps(&ed->journal);

	/* Close any prompt or question first: u must reach the undo command. */
	for (int i = 0; i < 4; i++)
		editor_key(ed, EK_ESC);
	if (!ready_for_commands(ed))
		return;
	while (steps-- > 0)
		editor_key(ed, 'u');
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum session sessions[] = {
		SESSION_RO, SESSION_COW, SESSION_WT, SESSION_COW,
	};
	struct mapping m;
	struct editor ed;
	struct error err;
	char path[64];
	uint8_t orig[256];
	size_t flen, i;
	enum session s;
	bool resized = false;
	int hdr;

	if (size < 2)
		return 0;
	if (memfd < 0) {
		memfd = memfd_create("fuzz_editor", MFD_CLOEXEC);
		check(memfd >= 0, "memfd_create");
		check((homedir = open(".", O_RDONLY | O_DIRECTORY)) >= 0 &&
		    (mkdir(WORKDIR, 0700) == 0 || errno == EEXIST) &&
		    (workdir = open(WORKDIR, O_RDONLY | O_DIRECTORY)) >= 0,
		    "a work directory");
		empty_workdir();	/* what a crashed run left */
	}
	hdr = data[0];
	flen = data[1];
	data += 2;
	size -= 2;
	if (flen > size)
		flen = size;
	memcpy(orig, data, flen);
	check(ftruncate(memfd, 0) == 0 && ftruncate(memfd, (off_t)flen) == 0 &&
	    pwrite(memfd, orig, flen, 0) == (ssize_t)flen, "write the file");
	data += flen;
	size -= flen;

	s = sessions[hdr & 3];
	/* A path typed into the write-as prompt is relative to here. */
	check(fchdir(workdir) == 0, "into the work directory");
	snprintf(path, sizeof(path), "/proc/self/fd/%d", memfd);
	if (mapping_open(&m, path, s, &err) < 0 ||
	    mapping_map(&m, 0, UINT64_MAX, &err) < 0) {
		fprintf(stderr, "%s\n", err.msg);
		abort();
	}
	check(m.session == s, "the session asked for");
	editor_init(&ed, &m, 80, 24, (hdr >> 2) & 1 ? 8 : 0, (hdr >> 3) & 1);
	check_state(&ed, resized);

	for (i = 0; i < size; i++) {
		int b = data[i];

		if (b < 0xe0)
			editor_key(&ed, b);
		else if (b < 0xfc)
			editor_key(&ed, special[(size_t)(b - 0xe0) %
			    (sizeof(special) / sizeof(special[0]))]);
		else if (b == 0xfc && i + 1 < size) {
			size_t n = data[++i];

			/* What another process does: plain I/O on the file. */
			check(pread(memfd, orig, sizeof(orig), 0) >= 0 &&
			    ftruncate(memfd, (off_t)n) == 0, "resize the file");
			if (n > flen)
				memset(orig + flen, 0, n - flen);
			flen = n;
			resized = true;
			check(editor_refresh(&ed) >= 0, "refresh");
			check(m.size == flen, "the window is the new file");
		} else if (b == 0xfd) {
			undo_all(&ed);
		} else if (i + 2 < size) {
			if (b == 0xfe)
				editor_resize(&ed, data[i + 1] % 200,
				    data[i + 2] % 80);
			else
				editor_click(&ed, data[i + 1] % 200,
				    data[i + 2] % 80);
			i += 2;
		}
		check_state(&ed, resized);
		if (!on_memfd(&m))
			break;		/* written elsewhere: now another file */
		if (m.session == SESSION_RO)
			check(file_is(orig, flen), "read-only: file unchanged");
	}

	undo_all(&ed);
	check_state(&ed, resized);
	if (!resized && on_memfd(&m) && ready_for_commands(&ed)) {
		struct bytes b;
		uint8_t shown[256];

		check(journal_undo_steps(&ed.journal) == 0, "everything undone");
		editor_bytes(&ed, &b);
		check(editor_size(&ed) == flen && flen <= sizeof(shown),
		    "undo restores the size");
		bytes_read(&b, 0, shown, flen);
		check(memcmp(shown, orig, flen) == 0,
		    "undo restores the bytes in the view");
		if (m.session != SESSION_COW)
			check(file_is(orig, flen),
			    "undo restores the bytes in the file");
	}
	editor_free(&ed);
	mapping_close(&m);
	empty_workdir();
	check(fchdir(homedir) == 0, "back to libFuzzer's directory");
	return 0;
}
