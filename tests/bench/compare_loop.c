/*
 * compare_loop.c - the viewer's ] for bench-diff.sh, in the headless
 * editor: FILE1 and FILE2 opened read-only as `mmhex FILE1 FILE2` does,
 * paired, ] pressed once from offset 0 (not in a difference); prints the
 * offset it landed on, and the message.  Timed whole, as --diff is.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "editor.h"
#include "mapping.h"

static int
open_one(struct mapping *m, struct editor *ed, const char *path)
{
	struct error err;

	memset(m, 0, sizeof(*m));
	if (mapping_open(m, path, SESSION_RO, &err) < 0 ||
	    mapping_map(m, 0, UINT64_MAX, &err) < 0) {
		fprintf(stderr, "compare_loop: %s\n", err.msg);
		return -1;
	}
	editor_init(ed, m, 200, 50, 0, false);
	return 0;
}

int
main(int argc, char **argv)
{
	struct mapping ma, mb;
	struct editor a, b;

	if (argc != 3) {
		fprintf(stderr, "usage: compare_loop FILE1 FILE2\n");
		return 2;
	}
	if (open_one(&ma, &a, argv[1]) < 0 || open_one(&mb, &b, argv[2]) < 0)
		return 2;
	editor_pair(&a, &b);
	editor_key(&a, ']');
	printf("%zu %s\n", a.cursor, a.msg);
	editor_free(&a);
	editor_free(&b);
	mapping_close(&ma);
	mapping_close(&mb);
	return 0;
}
