/*
 * cli.h - the command line: parse options, run the scripting modes
 * (dump, find, regex, patch) over a mapping, and report as PRODUCT.md says:
 * exit 0 on success (a search found something), 1 when a search found
 * nothing, 2 on any error with one line "mmhex: PATH: cause" on stderr.
 */
#ifndef MMHEX_CLI_H
#define MMHEX_CLI_H

enum {
	EXIT_MATCH = 0,
	EXIT_NO_MATCH = 1,
	EXIT_TROUBLE = 2,
};

int	cli_main(int argc, char **argv);

#endif
