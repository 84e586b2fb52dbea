/* ui.c - being written (issue 3) */
#include "config.h"
#include <stdio.h>
#include "ui.h"
int
ui_run(struct mapping *m, const struct ui_options *o)
{
	(void)o;
	fprintf(stderr, "mmhex: %s: the interactive viewer is not built yet; use -d, -f, -x, -e or --patch\n", m->path);
	return 2;
}
