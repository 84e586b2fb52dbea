/* main.c - mmhex: a hex and text viewer/editor over a memory mapping. */
#include "config.h"

#include "cli.h"

int
main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
