/*
 * regex-lines.h - whether every match of a pattern, and everything its
 * assertions look at, stays inside one line: then a search may end its
 * subject at a newline and skip the lines that lack a byte every match
 * needs (regex.c), as grep's line-by-line matching does.
 *
 * The answer reads the pattern's text and is conservative: literals
 * other than a newline, . (the caller makes sure dot takes no newline),
 * escapes of one byte other than \n, \d \w \S \h \V \N, \b \B, classes
 * without the newline (or negated with it), counts, alternation,
 * groups, lookaheads, ^ and $ (multiline) are line-local; everything
 * else (\s, [^a], \z, lookbehind, back references, (?s), (?x), (?i),
 * (*VERB), POSIX classes, \Q...\E, ...) makes it say false.  A false
 * costs only speed.
 */
#ifndef MMHEX_REGEX_LINES_H
#define MMHEX_REGEX_LINES_H

#include <stdbool.h>

bool	regex_line_local(const char *pattern);

#endif
