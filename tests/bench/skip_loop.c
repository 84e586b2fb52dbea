/*
 * skip_loop.c - the viewer's } for bench-skip.sh, in the headless editor:
 * FILE opened read-only as the viewer opens it, } pressed once from
 * offset 0; prints where it landed and the message.  With -m instead, the
 * reference: memchr over the same mapped bytes for a byte they lack.
 *
 *	skip_loop [-m] FILE
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "editor.h"
#include "mapping.h"

int
main(int argc, char **argv)
{
	bool ref = argc == 3 && strcmp(argv[1], "-m") == 0;
	struct mapping m;
	struct editor ed;
	struct error err;

	if (argc != 2 && !ref) {
		fprintf(stderr, "usage: skip_loop [-m] FILE\n");
		return 2;
	}
	memset(&m, 0, sizeof(m));
	if (mapping_open(&m, argv[argc - 1], SESSION_RO, &err) < 0 ||
	    mapping_map(&m, 0, UINT64_MAX, &err) < 0) {
		fprintf(stderr, "skip_loop: %s\n", err.msg);
		return 2;
	}
	if (ref) {
		const void *p = memchr(m.data, 0x5a, m.size);

		printf("%s\n", p != NULL ? "found" : "none");
	} else {
		editor_init(&ed, &m, 200, 50, 0, false);
		editor_key(&ed, '}');
		printf("%zu %s\n", ed.cursor, ed.msg);
		editor_free(&ed);
	}
	mapping_close(&m);
	return 0;
}
