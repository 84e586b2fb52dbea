/*
 * dump.c - `hexdump -C` output for a byte range.
 *
 * A dump of a 1 GiB mapping is about 5 GB of text, so the per-byte cost is
 * everything: each line is assembled from lookup tables straight into one
 * large buffer, the printable column is computed eight bytes at a time,
 * and the buffer goes out with write(2) when it is nearly full.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dump.h"

#define DUMP_BUF_SIZE	(1024 * 1024)
/* 16-digit offset, 2 spaces, 16 "xx " and 2 group spaces, "|", 16, "|\n". */
#define DUMP_LINE_MAX	128
/* Column of the opening bar, counted from the end of the offset. */
#define DUMP_BAR_COL	(2 + 16 * 3 + 2)
/* Lines between two progress ticks: a chunk of input, not of output. */
#define DUMP_TICK_LINES	(PROGRESS_CHUNK / 16)

struct dumper {
	int		 fd;
	char		*buf;
	size_t		 len;		/* bytes waiting in buf */
	char		 hex3[256][4];	/* "xx  ": the 4th space is free padding */
	char		 pair[256][2];	/* "xx" for offsets */
};

static const char digits[] = "0123456789abcdef";

/*
 * Fill the lookup tables.  They live in the dumper (1.5 KiB, built per
 * call in well under a microsecond) so that dump_write is reentrant.
 */
static void
dumper_init(struct dumper *d, int fd, char *buf)
{
	int b;

	d->fd = fd;
	d->buf = buf;
	d->len = 0;
	for (b = 0; b < 256; b++) {
		d->pair[b][0] = d->hex3[b][0] = digits[b >> 4];
		d->pair[b][1] = d->hex3[b][1] = digits[b & 0xf];
		d->hex3[b][2] = ' ';
		d->hex3[b][3] = ' ';
	}
}

/*
 * Write all of the buffer, riding out short writes, EINTR and a
 * non-blocking descriptor that is full.  On failure *err holds strerror
 * alone: the caller knows whether fd is a file or standard output.
 */
static int
dumper_flush(struct dumper *d, struct error *err)
{
	struct pollfd pfd;
	size_t done = 0;
	ssize_t n;

	while (done < d->len) {
		n = write(d->fd, d->buf + done, d->len - done);
		if (n > 0) {
			done += (size_t)n;
			continue;
		}
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			pfd.fd = d->fd;
			pfd.events = POLLOUT;
			if (poll(&pfd, 1, -1) == -1 && errno != EINTR) {
				error_set(err, -1, "%s", strerror(errno));
				return -1;
			}
			continue;
		}
		/* write(2) returning 0 for a non-empty buffer would spin. */
		error_set(err, -1, "%s", strerror(n == 0 ? EIO : errno));
		return -1;
	}
	d->len = 0;
	return 0;
}

/*
 * Put the offset as `%08x` would: at least 8 digits, more past 4 GiB.
 * Returns the position after it.
 */
static char *
put_offset(const struct dumper *d, char *p, uint64_t off)
{
	int width, i;

	if (off <= UINT32_MAX) {
		memcpy(p, d->pair[(off >> 24) & 0xff], 2);
		memcpy(p + 2, d->pair[(off >> 16) & 0xff], 2);
		memcpy(p + 4, d->pair[(off >> 8) & 0xff], 2);
		memcpy(p + 6, d->pair[off & 0xff], 2);
		return p + 8;
	}
	width = (64 - __builtin_clzll(off) + 3) / 4;
	for (i = width - 1; i >= 0; i--, off >>= 4)
		p[i] = digits[off & 0xf];
	return p + width;
}

/*
 * The printable column for 8 bytes: 0x20..0x7e as is, anything else '.'.
 * Each byte's bit 7 is set in ok when it is printable; no carry crosses a
 * byte because the high bit is masked off before adding.
 */
static void
put_text8(char *p, const unsigned char *s)
{
	const uint64_t lo7 = 0x7f7f7f7f7f7f7f7fULL, hi = 0x8080808080808080ULL;
	const uint64_t dots = 0x2e2e2e2e2e2e2e2eULL;
	uint64_t v, low, ge20, ge7f, ok, mask;

	memcpy(&v, s, 8);
	low = v & lo7;
	ge20 = (low + 0x6060606060606060ULL) & hi;
	ge7f = (low + 0x0101010101010101ULL) & hi;
	ok = ge20 & ~ge7f & ~(v & hi);
	mask = (ok >> 7) * 0xff;
	v = (v & mask) | (dots & ~mask);
	memcpy(p, &v, 8);
}

/* Put one full 16-byte line; returns the position after its newline. */
static char *
put_line(const struct dumper *d, char *p, const unsigned char *s,
    uint64_t off)
{
	p = put_offset(d, p, off);
	p[0] = ' ';
	p[1] = ' ';
	p += 2;
	/* Each store writes 4 bytes and moves 3; the next store covers the
	 * 4th, except after bytes 7 and 15 where it is the group space. */
	memcpy(p, d->hex3[s[0]], 4);
	memcpy(p + 3, d->hex3[s[1]], 4);
	memcpy(p + 6, d->hex3[s[2]], 4);
	memcpy(p + 9, d->hex3[s[3]], 4);
	memcpy(p + 12, d->hex3[s[4]], 4);
	memcpy(p + 15, d->hex3[s[5]], 4);
	memcpy(p + 18, d->hex3[s[6]], 4);
	memcpy(p + 21, d->hex3[s[7]], 4);
	memcpy(p + 25, d->hex3[s[8]], 4);
	memcpy(p + 28, d->hex3[s[9]], 4);
	memcpy(p + 31, d->hex3[s[10]], 4);
	memcpy(p + 34, d->hex3[s[11]], 4);
	memcpy(p + 37, d->hex3[s[12]], 4);
	memcpy(p + 40, d->hex3[s[13]], 4);
	memcpy(p + 43, d->hex3[s[14]], 4);
	memcpy(p + 46, d->hex3[s[15]], 4);
	p[50] = '|';
	put_text8(p + 51, s);
	put_text8(p + 59, s + 8);
	p[67] = '|';
	p[68] = '\n';
	return p + 69;
}

/*
 * Put the last line of 1..15 bytes: the missing hex columns are blanks so
 * the bars stay where a full line has them, and the text column is short.
 */
static char *
put_partial(const struct dumper *d, char *p, const unsigned char *s,
    size_t n, uint64_t off)
{
	char *hex, *text;
	size_t i;

	p = put_offset(d, p, off);
	memset(p, ' ', DUMP_BAR_COL);
	hex = p + 2;
	for (i = 0; i < n; i++) {
		memcpy(hex, d->hex3[s[i]], 2);
		hex += i == 7 ? 4 : 3;
	}
	p += DUMP_BAR_COL;
	*p++ = '|';
	text = p;
	for (i = 0; i < n; i++)
		text[i] = s[i] >= 0x20 && s[i] <= 0x7e ? (char)s[i] : '.';
	p += n;
	*p++ = '|';
	*p++ = '\n';
	return p;
}

/*
 * Dump as `hexdump -C`: a line identical to the one before it is squeezed
 * into a single "*" per run (never the first line, never a partial last
 * line, as hexdump does), and the offset just past the data ends the dump.
 */
int
dump_write(int fd, const unsigned char *data, size_t size, uint64_t origin,
    bool squeeze, const struct progress *progress, struct error *err)
{
	struct dumper d;
	const unsigned char *s = data;
	size_t lines = size / 16, i;
	uint64_t off = origin;
	bool starred = false;
	char *p;
	int rc;

	/* hexdump prints nothing at all for no input at offset 0. */
	if (size == 0 && origin == 0)
		return 0;

	dumper_init(&d, fd, xmalloc(DUMP_BUF_SIZE));
	rc = -1;
	for (i = 0; i < lines; i++, s += 16, off += 16) {
		if (i % DUMP_TICK_LINES == 0 && i > 0 &&
		    progress_tick(progress, i * 16, size)) {
			rc = 1;
			goto out;
		}
		if (squeeze && i > 0 && memcmp(s, s - 16, 16) == 0) {
			if (!starred) {
				d.buf[d.len++] = '*';
				d.buf[d.len++] = '\n';
				starred = true;
			}
		} else {
			starred = false;
			p = put_line(&d, d.buf + d.len, s, off);
			d.len = (size_t)(p - d.buf);
		}
		if (d.len > DUMP_BUF_SIZE - DUMP_LINE_MAX &&
		    dumper_flush(&d, err) == -1)
			goto out;
	}
	if (size % 16 != 0) {
		p = put_partial(&d, d.buf + d.len, s, size % 16, off);
		d.len = (size_t)(p - d.buf);
		off += size % 16;
	}
	p = put_offset(&d, d.buf + d.len, off);
	*p++ = '\n';
	d.len = (size_t)(p - d.buf);
	rc = dumper_flush(&d, err);
out:
	free(d.buf);
	return rc;
}
