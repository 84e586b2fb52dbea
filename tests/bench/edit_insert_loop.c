/*
 * edit_insert_loop.c - the editing half of bench-edit.sh: open FILE
 * copy-on-write in the headless editor and insert a byte at offset 0 K
 * times, as the keys do it (I, two hex digits, Esc), then check that the
 * editor shows K more bytes, the first K of them the ones typed.  Nothing
 * is flushed: the file is never written.
 *
 *	edit_insert_loop K FILE
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bytes.h"
#include "editor.h"
#include "keymap.h"
#include "mapping.h"

int
main(int argc, char **argv)
{
	struct mapping m;
	struct editor ed;
	struct error err;
	struct bytes b;
	uint64_t before;
	long k, i;

	if (argc != 3 || (k = atol(argv[1])) <= 0) {
		fprintf(stderr, "usage: edit_insert_loop K FILE\n");
		return 2;
	}
	memset(&m, 0, sizeof(m));
	if (mapping_open(&m, argv[2], SESSION_COW, &err) < 0 ||
	    mapping_map(&m, 0, UINT64_MAX, &err) < 0) {
		fprintf(stderr, "edit_insert_loop: %s\n", err.msg);
		return 2;
	}
	editor_init(&ed, &m, 100, 30, 0, false);
	before = editor_size(&ed);
	for (i = 0; i < k; i++) {
		editor_set_cursor(&ed, 0);
		editor_key(&ed, 'I');
		editor_key(&ed, '4');
		editor_key(&ed, '1');
		editor_key(&ed, EK_ESC);
	}
	editor_bytes(&ed, &b);
	if (editor_size(&ed) != before + (uint64_t)k || bytes_at(&b, 0) != 0x41 ||
	    bytes_at(&b, (uint64_t)k - 1) != 0x41) {
		fprintf(stderr, "edit_insert_loop: the inserts are not there "
		    "(%zu bytes)\n", editor_size(&ed));
		return 1;
	}
	printf("%zu\n", editor_size(&ed));
	editor_free(&ed);
	mapping_close(&m);
	return 0;
}
