/*
 * editor-test.h - the helpers the editor suites (check_editor*.c) share,
 * defined once in editor-test.c: a session over a temporary file, the
 * keys typed into it, and what is asserted of the file and the screen.
 */
#ifndef MMHEX_EDITOR_TEST_H
#define MMHEX_EDITOR_TEST_H

#include <check.h>
#include <stddef.h>
#include <stdint.h>

#include "editor.h"
#include "keymap.h"
#include "mapping.h"

/* data/lorem.txt, 737 bytes: 11 lines (editor-test.c). */
#define LOREM_LEN	737
extern const char lorem[LOREM_LEN + 1];

/* One viewer session over a temporary file. */
struct sess {
	char		path[64];
	struct mapping	m;
	struct editor	ed;
};

/* Setting up and tearing down a session. */
void write_file(struct sess *s, const void *content, size_t len);
void start_as(struct sess *s, enum session want, uint64_t off, uint64_t len,
    int cols, int rows);
void start(struct sess *s, uint64_t off, uint64_t len, int cols, int rows);
struct editor *open_lorem(struct sess *s);
struct editor *open_lorem_as(struct sess *s, enum session want);
void finish(struct sess *s);

/* Keys. */
void type(struct editor *ed, const char *str);
void command(struct editor *ed, int key, const char *line);

/* What the file, the screen and the status line hold. */
void read_file(const struct sess *s, void *buf, size_t len);
void assert_file(const struct sess *s, const void *want, size_t len);
void assert_visible(const struct editor *ed);
void assert_status_has(const struct editor *ed, const char *needle);
void assert_status_lacks(const struct editor *ed, const char *needle);
unsigned char *shown(const struct editor *ed, size_t *n);
void assert_shown(const struct editor *ed, const void *want, size_t len);

#endif
