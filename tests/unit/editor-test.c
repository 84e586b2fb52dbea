/*
 * editor-test.c - what the editor suites (check_editor*.c) share: a
 * viewer session over a temporary file, lorem.txt, typing keys and
 * prompt commands, and the assertions on the file, the screen and the
 * status line.  Linked into each of them (Makefile.am).
 */
#include "config.h"

#include <sys/stat.h>

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "editor.h"
#include "keymap.h"
#include "mapping.h"
#include "editor-test.h"

/* data/lorem.txt, 737 bytes: 11 lines. */
const char lorem[] =
	"Lorem ipsum dolor sit amet, consectetuer adipiscing elit.\n"
	"Donec egestas, enim et consectetuer ullamcorper, lectus ligula rutrum\n"
	"leo, a elementum elit tortor eu quam. Duis tincidunt nisi ut ante.\n"
	"Nulla facilisi. Sed tristique eros eu libero. Pellentesque vel arcu.\n"
	"Vivamus purus orci, iaculis ac, suscipit sit amet, pulvinar eu, lacus.\n"
	"Praesent placerat tortor sed nisl. Nunc blandit diam egestas dui.\n"
	"Pellentesque habitant morbi tristique senectus et netus et malesuada\n"
	"fames ac turpis egestas. Aliquam viverra fringilla leo. Nulla feugiat\n"
	"augue eleifend nulla. Vivamus mauris. Vivamus sed mauris in nibh\n"
	"placerat egestas. Suspendisse potenti. Mauris massa. Ut eget velit\n"
	"auctor tortor blandit sollicitudin. Suspendisse imperdiet justo.\n";
_Static_assert(sizeof(lorem) == LOREM_LEN + 1, "LOREM_LEN is lorem's length");

/* Write len bytes of content (or a sparse file of len bytes if NULL). */
void
write_file(struct sess *s, const void *content, size_t len)
{
	int fd;

	snprintf(s->path, sizeof(s->path), "/tmp/check_editor.XXXXXX");
	fd = mkstemp(s->path);
	ck_assert_int_ge(fd, 0);
	if (content != NULL)
		ck_assert_int_eq(write(fd, content, len), (ssize_t)len);
	else
		ck_assert_int_eq(ftruncate(fd, (off_t)len), 0);
	close(fd);
}

/*
 * Open the file as session want, map [off, off + len) of it and start a
 * cols x rows editor on it.
 */
void
start_as(struct sess *s, enum session want, uint64_t off, uint64_t len,
    int cols, int rows)
{
	struct error err;

	memset(&s->m, 0, sizeof(s->m));
	ck_assert_msg(mapping_open(&s->m, s->path, want, &err) == 0, "%s",
	    err.msg);
	ck_assert_msg(mapping_map(&s->m, off, len, &err) == 0, "%s", err.msg);
	editor_init(&s->ed, &s->m, cols, rows, 0, false);
}

/* The same, read-only: the viewer tests never write. */
void
start(struct sess *s, uint64_t off, uint64_t len, int cols, int rows)
{
	start_as(s, SESSION_RO, off, len, cols, rows);
}

/* lorem.txt on an 80 x 24 terminal: 16 bytes a line, 23 data rows. */
struct editor *
open_lorem(struct sess *s)
{
	write_file(s, lorem, LOREM_LEN);
	start(s, 0, UINT64_MAX, 80, 24);
	return &s->ed;
}

/* lorem.txt as session want, 80 x 24. */
struct editor *
open_lorem_as(struct sess *s, enum session want)
{
	write_file(s, lorem, LOREM_LEN);
	start_as(s, want, 0, UINT64_MAX, 80, 24);
	return &s->ed;
}

/*
 * The file's bytes read with pread(2) on a descriptor of its own, not
 * through the mapping: what another process would see.
 */
void
read_file(const struct sess *s, void *buf, size_t len)
{
	int fd = open(s->path, O_RDONLY);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(pread(fd, buf, len, 0), (ssize_t)len);
	close(fd);
}

/* The file holds exactly want (len bytes). */
void
assert_file(const struct sess *s, const void *want, size_t len)
{
	unsigned char *got = malloc(len + 1);
	struct stat st;
	size_t i;

	ck_assert_int_eq(stat(s->path, &st), 0);
	ck_assert_uint_eq((uint64_t)st.st_size, len);
	read_file(s, got, len);
	/* One assertion per byte is a pipe write per byte in Check's fork mode. */
	for (i = 0; memcmp(got, want, len) != 0 && i < len; i++)
		ck_assert_msg(got[i] == ((const unsigned char *)want)[i],
		    "file byte %zu is %#x, want %#x", i, got[i],
		    ((const unsigned char *)want)[i]);
	free(got);
}

void
finish(struct sess *s)
{
	editor_free(&s->ed);
	mapping_close(&s->m);
	unlink(s->path);
}

/* Type each character of str. */
void
type(struct editor *ed, const char *str)
{
	for (; *str != '\0'; str++)
		editor_key(ed, (unsigned char)*str);
}

/* Type a prompt command and its line, then Enter. */
void
command(struct editor *ed, int key, const char *line)
{
	editor_key(ed, key);
	ck_assert_int_ne(ed->prompt.kind, PROMPT_NONE);
	type(ed, line);
	editor_key(ed, EK_ENTER);
	ck_assert_int_eq(ed->prompt.kind, PROMPT_NONE);
}

/* The cursor is on screen in the hex view. */
void
assert_visible(const struct editor *ed)
{
	size_t rows = ed->lay.view_rows > 0 ? (size_t)ed->lay.view_rows : 1;

	ck_assert_uint_eq(ed->top % ed->lay.bpl, 0);
	ck_assert_uint_le(ed->top, ed->cursor);
	ck_assert_uint_lt(ed->cursor, ed->top + rows * ed->lay.bpl);
}

/* The status line holds needle. */
void
assert_status_has(const struct editor *ed, const char *needle)
{
	char st[256];

	editor_status(ed, st, sizeof(st));
	ck_assert_msg(strstr(st, needle) != NULL, "[%s] lacks [%s]", st, needle);
}

/* The status line lacks needle. */
void
assert_status_lacks(const struct editor *ed, const char *needle)
{
	char st[256];

	editor_status(ed, st, sizeof(st));
	ck_assert_msg(strstr(st, needle) == NULL, "[%s] has [%s]", st, needle);
}

/* What the editor shows, all of it, in a new buffer (*n bytes). */
unsigned char *
shown(const struct editor *ed, size_t *n)
{
	struct bytes b;
	unsigned char *p;

	*n = editor_size(ed);
	p = malloc(*n + 1);
	ck_assert_ptr_nonnull(p);
	editor_bytes(ed, &b);
	bytes_read(&b, 0, p, *n);
	return p;
}

/* The editor shows exactly want (len bytes). */
void
assert_shown(const struct editor *ed, const void *want, size_t len)
{
	size_t n;
	unsigned char *p = shown(ed, &n);

	ck_assert_uint_eq(n, len);
	ck_assert_mem_eq(p, want, len);
	free(p);
}
