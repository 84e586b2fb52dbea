/*
 * inspect.c - the data inspector's lines; see inspect.h for what each
 * shows.  Bytes are assembled one by one (no unaligned loads, no host
 * byte order assumptions), and floats are reinterpreted with memcpy.
 */
#include "config.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "inspect.h"

/* The n-byte unsigned value at p in little (le) or big endian order. */
static uint64_t
load(const unsigned char *p, size_t n, int le)
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v = (v << 8) | p[le ? n - 1 - i : i];
	return v;
}

/* Sign-extend the low n bytes of v. */
static int64_t
sign(uint64_t v, size_t n)
{
	uint64_t bit;

	if (n == 8)
		return (int64_t)v;
	bit = (uint64_t)1 << (8 * n - 1);
	return (int64_t)((v ^ bit) - bit);
}

/* Format one value of n bytes in one order as the line wants it. */
static void
format_one(char *buf, size_t len, const unsigned char *p, size_t n, int le,
    char type)
{
	uint64_t v = load(p, n, le);
	uint32_t u32;
	float f;
	double d;

	switch (type) {
	case 'u':
		snprintf(buf, len, "%" PRIu64, v);
		break;
	case 'i':
		snprintf(buf, len, "%" PRId64, sign(v, n));
		break;
	case 'U':	/* and in hex, all its digits */
		snprintf(buf, len, "%" PRIu64 " 0x%0*" PRIx64, v, (int)n * 2, v);
		break;
	case 'x':
		snprintf(buf, len, "0x%0*" PRIx64, (int)n * 2, v);
		break;
	default:
		if (n == 4) {
			u32 = (uint32_t)v;
			memcpy(&f, &u32, sizeof(f));
			snprintf(buf, len, "%.9g", (double)f);
		} else {
			memcpy(&d, &v, sizeof(d));
			snprintf(buf, len, "%.17g", d);
		}
		break;
	}
}

/* A line "le X  be Y" for n bytes of the given type, or "n/a". */
static void
both_orders(struct inspect_line *l, const char *label,
    const unsigned char *p, size_t avail, size_t n, char type)
{
	char a[32], b[32];

	snprintf(l->label, sizeof(l->label), "%s", label);
	if (avail < n) {
		snprintf(l->value, sizeof(l->value), "n/a");
		return;
	}
	format_one(a, sizeof(a), p, n, 1, type);
	format_one(b, sizeof(b), p, n, 0, type);
	snprintf(l->value, sizeof(l->value), "le %s  be %s", a, b);
}

/*
 * Decode the UTF-8 character at p into *cp.  Returns its length, 0 when
 * it is invalid, or -1 when the window ends inside it.
 */
static int
utf8_decode(const unsigned char *p, size_t avail, uint32_t *cp)
{
	static const uint32_t min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	uint32_t v;
	int n, i;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] < 0xc2)
		return 0;	/* continuation byte, or overlong 2-byte lead */
	if (p[0] < 0xe0) {
		n = 2;
		v = p[0] & 0x1f;
	} else if (p[0] < 0xf0) {
		n = 3;
		v = p[0] & 0x0f;
	} else if (p[0] < 0xf5) {
		n = 4;
		v = p[0] & 0x07;
	} else
		return 0;
	for (i = 1; i < n; i++) {
		if ((size_t)i >= avail)
			return -1;
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (p[i] & 0x3f);
	}
	if (v < min[n] || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return n;
}

/* Fill the inspector's lines; see inspect.h. */
void
inspect_bytes(const unsigned char *p, size_t avail,
    struct inspect_line out[INSPECT_NLINES])
{
	uint32_t cp;
	int i, n;
	char *v;

	memset(out, 0, sizeof(*out) * INSPECT_NLINES);
	snprintf(out[0].label, sizeof(out[0].label), "u8");
	snprintf(out[1].label, sizeof(out[1].label), "i8");
	snprintf(out[2].label, sizeof(out[2].label), "bin");
	if (avail >= 1) {
		snprintf(out[0].value, sizeof(out[0].value), "%u  0x%02x", p[0],
		    p[0]);
		snprintf(out[1].value, sizeof(out[1].value), "%d",
		    (int)(signed char)p[0]);
		for (i = 0; i < 8; i++)
			out[2].value[i] = (p[0] >> (7 - i)) & 1 ? '1' : '0';
		out[2].value[8] = '\0';
	} else {
		for (i = 0; i < 3; i++)
			snprintf(out[i].value, sizeof(out[i].value), "n/a");
	}
	/* Hex beside the 16- and 32-bit values; u64's has a line of its own. */
	both_orders(&out[3], "u16", p, avail, 2, 'U');
	both_orders(&out[4], "i16", p, avail, 2, 'i');
	both_orders(&out[5], "u32", p, avail, 4, 'U');
	both_orders(&out[6], "i32", p, avail, 4, 'i');
	both_orders(&out[7], "u64", p, avail, 8, 'u');
	both_orders(&out[8], "x64", p, avail, 8, 'x');
	both_orders(&out[9], "i64", p, avail, 8, 'i');
	both_orders(&out[10], "f32", p, avail, 4, 'f');
	both_orders(&out[11], "f64", p, avail, 8, 'f');

	snprintf(out[12].label, sizeof(out[12].label), "utf8");
	v = out[12].value;
	if (avail == 0) {
		snprintf(v, INSPECT_VALUE_MAX, "n/a");
		return;
	}
	n = utf8_decode(p, avail, &cp);
	if (n < 0)
		snprintf(v, INSPECT_VALUE_MAX, "n/a");
	else if (n == 0)
		snprintf(v, INSPECT_VALUE_MAX, "invalid");
	else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		snprintf(v, INSPECT_VALUE_MAX, "U+%04" PRIX32, cp);
	else
		snprintf(v, INSPECT_VALUE_MAX, "U+%04" PRIX32 " %.*s", cp, n,
		    (const char *)p);
}

/* Rows of the panel on a terminal cols wide; see inspect.h. */
int
inspect_panel_rows(int cols)
{
	int ncol = cols / INSPECT_COL_WIDTH;

	if (ncol < 1)
		ncol = 1;
	return (INSPECT_NLINES + ncol - 1) / ncol;
}
