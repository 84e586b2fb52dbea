/*
 * util.h - allocation that cannot fail and the one error record every core
 * module fills in.
 *
 * Core functions report failure by returning -1 (or an error enum) and
 * writing one human sentence into a struct error; the caller decides where
 * the line goes (stderr for the CLI, the status line for the UI).  A parse
 * error also carries the 0-based position in the input where it was found.
 */
#ifndef MMHEX_UTIL_H
#define MMHEX_UTIL_H

#include <stddef.h>
#include <stdint.h>

#define ERROR_MSG_MAX 256

struct error {
	char	msg[ERROR_MSG_MAX];	/* one line, no trailing newline */
	long	pos;			/* position in parsed input, or -1 */
};

/* Fill *e (if not NULL) with a formatted message; pos = -1 for none. */
void	error_set(struct error *e, long pos, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/* Allocators that print "mmhex: out of memory" and exit(2) instead of returning NULL. */
void	*xmalloc(size_t n);
void	*xcalloc(size_t n, size_t size);
void	*xrealloc(void *p, size_t n);
char	*xstrdup(const char *s);

/*
 * What to run before that exit (NULL: nothing): the UI puts the terminal
 * back, so the message reaches the shell's screen.  util knows no curses.
 */
void	util_set_fatal_hook(void (*fn)(void));

/* Value of the hex digit c (either case), or -1 when c is not one. */
int	hex_digit_value(int c);

/* The CRC-32 of zlib and PNG over p, going on from crc (0 to begin). */
uint32_t crc32_update(uint32_t crc, const void *p, size_t len);

/*
 * A 64-bit hash of p, a multiply a word: to tell two versions of a block
 * apart at memory speed, not against an adversary.
 */
uint64_t hash64(const void *p, size_t len);

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif
