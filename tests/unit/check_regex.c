/*
 * check_regex.c - the regex module against an independent oracle: the same
 * pattern compiled here and run with plain pcre2_match() calls over the
 * whole subject, one call per match, no windows.
 *
 * Small random subjects are searched with windows of a few bytes (through
 * regex_tune) so that every border case occurs; a 40 MiB haystack checks
 * the real PROGRESS_CHUNK borders.  Both run with JIT code and with the
 * interpreter, which take different routes across a border.
 */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8

#include <pcre2.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bytes.h"
#include "pieces.h"
#include "regex-lines.h"
#include "regex.h"
#include "unit.h"

#define BIG_SIZE	(2 * PROGRESS_CHUNK + ((size_t)8 << 20))
#define BIG_PLANT	(2 * PROGRESS_CHUNK + ((size_t)4 << 20))
#define UNTOUCHED	((size_t)0xdead)
#define RANDOM_MAX	80		/* longest random subject */

/* A list of matches as (start, length). */
struct span {
	size_t	at;
	size_t	len;
};
struct spans {
	struct span	*v;
	size_t		 n;
	size_t		 cap;
};

static void
spans_add(struct spans *s, size_t at, size_t len)
{
	if (s->n == s->cap) {
		s->cap = s->cap == 0 ? 16 : s->cap * 2;
		s->v = realloc(s->v, s->cap * sizeof(*s->v));
		ck_assert_ptr_nonnull(s->v);
	}
	s->v[s->n].at = at;
	s->v[s->n].len = len;
	s->n++;
}

static void
spans_free(struct spans *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}

/* Fail with both lists printed when they differ. */
static void
spans_expect(const char *what, const char *pattern, const struct spans *want,
    const struct spans *got)
{
	size_t i;

	for (i = 0; i < want->n && i < got->n; i++)
		if (want->v[i].at != got->v[i].at ||
		    want->v[i].len != got->v[i].len)
			break;
	if (i == want->n && i == got->n)
		return;
	ck_abort_msg("%s /%s/: match %zu: want %s(%zu,%zu) of %zu, got "
	    "%s(%zu,%zu) of %zu", what, pattern, i,
	    i < want->n ? "" : "none", i < want->n ? want->v[i].at : 0,
	    i < want->n ? want->v[i].len : 0, want->n,
	    i < got->n ? "" : "none", i < got->n ? got->v[i].at : 0,
	    i < got->n ? got->v[i].len : 0, got->n);
}

/* The oracle: the pattern compiled here, searched over the whole subject. */
struct oracle {
	pcre2_code		*code;
	pcre2_match_data	*md;
};

static void
oracle_init(struct oracle *o, const char *pattern)
{
	PCRE2_SIZE off;
	int code_err;

	o->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	    PCRE2_MULTILINE | PCRE2_ALT_CIRCUMFLEX | PCRE2_NEVER_UTF,
	    &code_err, &off, NULL);
	ck_assert_msg(o->code != NULL, "oracle cannot compile /%s/", pattern);
	pcre2_jit_compile(o->code, PCRE2_JIT_COMPLETE);
	o->md = pcre2_match_data_create_from_pattern(o->code, NULL);
}

static void
oracle_free(struct oracle *o)
{
	pcre2_match_data_free(o->md);
	pcre2_code_free(o->code);
}

/* One whole-subject search; true with *m set when it matched. */
static bool
oracle_match(struct oracle *o, const unsigned char *hay, size_t size,
    size_t start, uint32_t options, struct span *m)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(o->md);
	int rc;

	if (start > size)
		return false;
	rc = pcre2_match(o->code, hay, size, start, options, o->md, NULL);
	ck_assert_msg(rc >= 0 || rc == PCRE2_ERROR_NOMATCH,
	    "oracle match failed: %d", rc);
	if (rc < 0)
		return false;
	m->at = ov[0];
	m->len = ov[1] - ov[0];
	return true;
}

/*
 * Python's re.finditer loop, literally: after an empty match at p search
 * again from p refusing an empty match there; keep the non-empty matches.
 */
static void
oracle_finditer(struct oracle *o, const unsigned char *hay, size_t size,
    struct spans *out)
{
	struct span m;
	size_t pos = 0;
	bool after_empty = false;

	while (oracle_match(o, hay, size, pos,
	    after_empty ? PCRE2_NOTEMPTY_ATSTART : 0, &m)) {
		if (m.len == 0) {
			pos = m.at;
			after_empty = true;
			continue;
		}
		spans_add(out, m.at, m.len);
		pos = m.at + m.len;
		after_empty = false;
	}
}

/* The match anchored at s, as Python's pattern.match(data, s). */
static bool
oracle_match_at(struct oracle *o, const unsigned char *hay, size_t size,
    size_t s, struct span *m)
{
	return oracle_match(o, hay, size, s, PCRE2_ANCHORED, m);
}

/* rfind by definition: try every start offset below 'before', downwards. */
static bool
oracle_rfind(struct oracle *o, const unsigned char *hay, size_t size,
    size_t before, struct span *m)
{
	size_t s;

	for (s = before < size + 1 ? before : size + 1; s-- > 0;)
		if (oracle_match_at(o, hay, size, s, m))
			return true;
	return false;
}

/* regex_prev by definition: the forward iteration's matches, last first. */
static void
spans_reversed(const struct spans *in, struct spans *out)
{
	size_t i;

	for (i = in->n; i-- > 0;)
		spans_add(out, in->v[i].at, in->v[i].len);
}

/*
 * Every offset where a match starts, with that match, found by a forward
 * search resumed one past each hit: the fast way to the same answers as
 * oracle_rfind on a big sparse haystack.
 */
static void
oracle_starts(struct oracle *o, const unsigned char *hay, size_t size,
    struct spans *out)
{
	struct span m;
	size_t pos = 0;

	while (oracle_match(o, hay, size, pos, 0, &m)) {
		spans_add(out, m.at, m.len);
		pos = m.at + 1;
	}
}

static bool
starts_rfind(const struct spans *starts, size_t before, struct span *m)
{
	size_t i;

	for (i = starts->n; i-- > 0;) {
		if (starts->v[i].at < before) {
			*m = starts->v[i];
			return true;
		}
	}
	return false;
}

/* Compile or fail the test with the error. */
static struct regex *
must_compile(const char *pattern)
{
	struct error err = { "", -1 };
	struct regex *re;

	re = regex_compile(pattern, &err);
	ck_assert_msg(re != NULL, "/%s/: %s", pattern, err.msg);
	return re;
}

/*
 * When set, the helpers below search the same bytes as an edited file:
 * through a reader over this piece list (the bytes cut into pieces), so
 * every answer must come out as over the one run.
 */
static struct pieces *pieced;
static struct bytes reader;

static struct bytes *
reader_of(const unsigned char *hay, size_t size)
{
	ck_assert_ptr_nonnull(pieced);
	ck_assert_uint_eq(pieced->size, size);
	bytes_pieces(&reader, pieced, hay);
	return &reader;
}

static void
collect_next(struct regex *re, const unsigned char *hay, size_t size,
    struct spans *out)
{
	struct regex_iter it = { 0, NULL };
	struct error err;
	enum scan_result r;
	size_t at, len;

	while ((r = pieced != NULL ? regex_next_in(re, reader_of(hay, size),
	    &it, &at, &len, NULL, &err) : regex_next(re, hay, size, &it, &at,
	    &len, NULL, &err)) == SCAN_FOUND) {
		ck_assert_uint_gt(len, 0);
		spans_add(out, at, len);
	}
	ck_assert_int_eq(r, SCAN_NOT_FOUND);
}

static void
collect_prev(struct regex *re, const unsigned char *hay, size_t size,
    struct spans *out)
{
	struct regex_iter it = { size, NULL };
	struct error err;
	enum scan_result r;
	size_t at, len;

	while ((r = pieced != NULL ? regex_prev_in(re, reader_of(hay, size),
	    &it, &at, &len, NULL, &err) : regex_prev(re, hay, size, &it, &at,
	    &len, NULL, &err)) == SCAN_FOUND) {
		ck_assert_uint_gt(len, 0);
		ck_assert_uint_eq(it.pos, at);
		spans_add(out, at, len);
	}
	ck_assert_int_eq(r, SCAN_NOT_FOUND);
	regex_iter_free(&it);
}

/* regex_find's answer as a (found, span) pair. */
static bool
find(struct regex *re, const unsigned char *hay, size_t size, size_t from,
    bool not_empty, struct span *m)
{
	struct error err;
	enum scan_result r;

	r = pieced != NULL ? regex_find_in(re, reader_of(hay, size), from,
	    not_empty, &m->at, &m->len, NULL, &err) : regex_find(re, hay, size,
	    from, not_empty, &m->at, &m->len, NULL, &err);
	ck_assert_msg(r == SCAN_FOUND || r == SCAN_NOT_FOUND, "find: %s",
	    err.msg);
	return r == SCAN_FOUND;
}

static bool
rfind(struct regex *re, const unsigned char *hay, size_t size, size_t before,
    struct span *m)
{
	struct error err;
	enum scan_result r;

	r = pieced != NULL ? regex_rfind_in(re, reader_of(hay, size), before,
	    &m->at, &m->len, NULL, &err) : regex_rfind(re, hay, size, before,
	    &m->at, &m->len, NULL, &err);
	ck_assert_msg(r == SCAN_FOUND || r == SCAN_NOT_FOUND, "rfind: %s",
	    err.msg);
	return r == SCAN_FOUND;
}

/* Fail unless both sides agree on (found, span). */
static void
expect_same(const char *what, const char *pattern, size_t where,
    bool want_found, const struct span *want, bool got_found,
    const struct span *got)
{
	ck_assert_msg(want_found == got_found &&
	    (!want_found || (want->at == got->at && want->len == got->len)),
	    "%s /%s/ at %zu: want %s(%zu,%zu), got %s(%zu,%zu)", what, pattern,
	    where, want_found ? "" : "none", want_found ? want->at : 0,
	    want_found ? want->len : 0, got_found ? "" : "none",
	    got_found ? got->at : 0, got_found ? got->len : 0);
}

/* A deterministic generator, so a failure repeats. */
static uint64_t
rnd(uint64_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}

/*
 * Compile errors: NULL, the 0-based position PCRE2 gives, its message;
 * and the items windows cannot honour, refused where they stand.
 */
START_TEST(test_compile_errors)
{
	static const struct {
		const char	*pattern;
		long		 pos;
		const char	*says;
	} bad[] = {
		{ "(abc", 4, "missing closing parenthesis" },
		{ "ab[c", 4, "missing terminating ]" },
		{ "a{3,1}", 5, "numbers out of order" },
		{ "x**", 2, "quantifier does not follow a repeatable item" },
		{ "a)b", 1, "unmatched closing parenthesis" },
		{ "\\", 1, "\\ at end of pattern" },
		{ "(*UTF)a", 6, "UTF is disabled" },
		{ "ab\\G", 2, "\\G" },
		{ "(x)\\Ky", 3, "\\K" },
		{ "a(*COMMIT)b", 1, "(*COMMIT)" },
		{ "(*SKIP)a|b", 0, "(*SKIP)" },
		{ "\\Q\\G\\E\\G", 6, "\\G" },
	};
	struct error err;
	struct regex *re;
	size_t i;

	for (i = 0; i < ARRAY_LEN(bad); i++) {
		err.msg[0] = '\0';
		err.pos = -1;
		re = regex_compile(bad[i].pattern, &err);
		ck_assert_msg(re == NULL, "/%s/ compiled", bad[i].pattern);
		ck_assert_int_eq(err.pos, bad[i].pos);
		ck_assert_msg(strstr(err.msg, bad[i].says) != NULL,
		    "/%s/: [%s] lacks [%s]", bad[i].pattern, err.msg,
		    bad[i].says);
		ck_assert_msg(strncmp(err.msg, "regex error at position ",
		    24) == 0, "[%s]", err.msg);
	}
	re = regex_compile("(abc", &err);
	ck_assert_str_eq(err.msg,
	    "regex error at position 4: missing closing parenthesis");
}
END_TEST

/* Escaped or quoted, the refused items are plain text and compile. */
START_TEST(test_refused_items_as_text)
{
	static const unsigned char hay[] = "x\\Gy \\K (*SKIP) (*COMMIT)";
	static const struct {
		const char	*pattern;
		size_t		 at;
		size_t		 len;
	} ok[] = {
		{ "\\\\G", 1, 2 },
		{ "\\\\K", 5, 2 },
		{ "\\Q\\K\\E", 5, 2 },
		{ "\\Q(*SKIP)\\E", 8, 7 },
		{ "\\(\\*COMMIT\\)", 16, 9 },
	};
	struct span m;
	struct regex *re;
	size_t i;

	for (i = 0; i < ARRAY_LEN(ok); i++) {
		re = must_compile(ok[i].pattern);
		ck_assert(find(re, hay, sizeof(hay) - 1, 0, false, &m));
		ck_assert_uint_eq(m.at, ok[i].at);
		ck_assert_uint_eq(m.len, ok[i].len);
		regex_free(re);
	}
	regex_free(NULL);
}
END_TEST

/*
 * Hand-checked cases, the expected lists from Python 3 (re.finditer with
 * re.MULTILINE for next, pattern.match(data, s) downwards for prev):
 * binary bytes, multiline anchors, empty matches, overlaps.
 */
START_TEST(test_python_cases)
{
	static const struct {
		const char		*pattern;
		const char		*data;
		size_t			 size;
		struct span		 next[4];
		size_t			 nnext;
	} cases[] = {
		{ "a*", "baaacaa", 7, { { 1, 3 }, { 5, 2 } }, 2 },
		{ "a*?", "baaac", 5, { { 1, 1 }, { 2, 1 }, { 3, 1 } }, 3 },
		{ "(?:|a)", "xaax", 4, { { 1, 1 }, { 2, 1 } }, 2 },
		{ "^\\w+$", "one\ntwo three\nfour", 18, { { 0, 3 }, { 14, 4 } },
		    2 },
		{ "e$", "line\nnone\r\nlinE\ne", 17, { { 3, 1 }, { 16, 1 } }, 2 },
		{ "\\x00[\\x80-\\xff]+", "\0\0\xff\xfe\0x\0\x80", 8,
		    { { 1, 3 }, { 6, 2 } }, 2 },
		{ "\\w+", "foo bar", 7, { { 0, 3 }, { 4, 3 } }, 2 },
		{ "[^.]*\\.", "ab. cd. e", 9, { { 0, 3 }, { 3, 4 } }, 2 },
		{ "\\bis\\b", "this is his island is", 21,
		    { { 5, 2 }, { 19, 2 } }, 2 },
		{ "(?<=a)b", "abcab", 5, { { 1, 1 }, { 4, 1 } }, 2 },
		{ "x(?=y)", "xyxzxy", 6, { { 0, 1 }, { 4, 1 } }, 2 },
		{ "a.b", "a\0b a\xff" "b a\nb", 11, { { 0, 3 }, { 4, 3 } }, 2 },
		/* ^ after the newline that ends the subject, as re.M. */
		{ "\\n^", "a\nb\n", 4, { { 1, 1 }, { 3, 1 } }, 2 },
		{ "\\n^$", "a\n\n", 3, { { 1, 1 }, { 2, 1 } }, 2 },
	};
	struct spans want = { 0 }, got = { 0 };
	const unsigned char *hay;
	struct regex *re;
	size_t i, k;
	int jit;

	for (i = 0; i < ARRAY_LEN(cases); i++) {
		hay = (const unsigned char *)cases[i].data;
		re = must_compile(cases[i].pattern);
		for (jit = 0; jit < 2; jit++) {
			regex_tune(re, 0, jit);
			for (k = 0; k < cases[i].nnext; k++)
				spans_add(&want, cases[i].next[k].at,
				    cases[i].next[k].len);
			collect_next(re, hay, cases[i].size, &got);
			spans_expect("next", cases[i].pattern, &want, &got);
			spans_free(&want);
			spans_free(&got);
			for (k = cases[i].nnext; k-- > 0;)
				spans_add(&want, cases[i].next[k].at,
				    cases[i].next[k].len);
			collect_prev(re, hay, cases[i].size, &got);
			spans_expect("prev", cases[i].pattern, &want, &got);
			spans_free(&want);
			spans_free(&got);
		}
		regex_free(re);
	}
}
END_TEST

/* regex_find's own contract: empty matches, not_empty_at_start, bounds. */
START_TEST(test_find_contract)
{
	const unsigned char *hay = (const unsigned char *)"baa\n";
	struct span m;
	struct regex *re;

	re = must_compile("a*");
	ck_assert(find(re, hay, 4, 0, false, &m));
	ck_assert_uint_eq(m.at, 0);
	ck_assert_uint_eq(m.len, 0);
	ck_assert(find(re, hay, 4, 0, true, &m));
	ck_assert_uint_eq(m.at, 1);
	ck_assert_uint_eq(m.len, 2);
	ck_assert(find(re, hay, 4, 4, false, &m));
	ck_assert_uint_eq(m.at, 4);
	ck_assert_uint_eq(m.len, 0);
	ck_assert(!find(re, hay, 4, 4, true, &m));
	ck_assert(!find(re, hay, 4, 5, false, &m));
	/* An empty mapping may come without a pointer at all. */
	ck_assert(find(re, NULL, 0, 0, false, &m));
	ck_assert_uint_eq(m.at, 0);
	ck_assert(!rfind(re, NULL, 0, 0, &m));
	ck_assert(rfind(re, NULL, 0, 1, &m));
	regex_free(re);

	re = must_compile("^a");
	ck_assert(find(re, (const unsigned char *)"baa\naa", 6, 1, false,
	    &m));
	ck_assert_uint_eq(m.at, 4);
	regex_free(re);

	/* rfind: the greatest start below 'before'; the match may pass it. */
	re = must_compile("a+");
	ck_assert(rfind(re, hay, 4, 3, &m));
	ck_assert_uint_eq(m.at, 2);
	ck_assert_uint_eq(m.len, 1);
	ck_assert(rfind(re, hay, 4, 2, &m));
	ck_assert_uint_eq(m.at, 1);
	ck_assert_uint_eq(m.len, 2);
	ck_assert(!rfind(re, hay, 4, 1, &m));
	ck_assert(!rfind(re, hay, 4, 0, &m));
	ck_assert(rfind(re, hay, 4, 1000, &m));
	ck_assert_uint_eq(m.at, 2);
	regex_free(re);

	re = must_compile("$");
	ck_assert(rfind(re, hay, 4, 1000, &m));
	ck_assert_uint_eq(m.at, 4);
	ck_assert_uint_eq(m.len, 0);
	regex_free(re);

	/* (*NO_JIT) leaves only the interpreter. */
	re = must_compile("(*NO_JIT)a+");
	ck_assert(!regex_tune(re, 0, true));
	ck_assert(find(re, hay, 4, 0, false, &m));
	ck_assert_uint_eq(m.at, 1);
	ck_assert_uint_eq(m.len, 2);
	regex_free(re);
}
END_TEST

/*
 * Patterns for the random comparison: empty matches, anchors, word
 * boundaries, lookaround both ways, greedy and lazy, backreferences,
 * verbs that stay within one start offset.
 */
static const char *const random_patterns[] = {
	"a", "ab", "a*", "a*?", "(?:|a)", "a+", "b|ab", "a|ab|abab", "^a",
	"a$", "^$", "$", "^", "\\b", "\\ba\\w*", "a\\b", "\\Ba", "(?=ab)",
	"a(?=b)", "(?<=a)b", "(?<!a)b", "(?<=a)", ".*", ".+", "a.*b", "a.*?b",
	"[^ ]+", "\\s+", "(a|b)\\1", "\\x00\\xff", "[\\x80-\\xff]+", "(?i)A[B]",
	"a{2,3}", "(?:ab)*", "\\z", "\\Z", "(*PRUNE)a|b", "a(*THEN)x|ab",
	"(?!a)", "x*$", "^\\s*$", "b(?=a*$)", "(?<=b\\n)a|a\\n?b?",
	/* ^ after a newline, also the one that ends the subject */
	"\\n^", "\\n^$", "^\\n", "\\n(?=^)", "(?<=\\n)^x?", "$\\n^",
	/* Line-local with a byte every match needs (regex-lines.h). */
	"a[^\\n]*b", "[ab]+x", "b\\w*a$", "x.a", "(?=ab)a", "a(?=b)|x",
	"^b.*a", "\\bab", "a\\x00", "(?:xa|b)b+",
};

/* Random short subjects over a tiny alphabet, so that patterns hit. */
static size_t
random_subject(uint64_t *state, unsigned char *buf, size_t max)
{
	static const unsigned char alphabet[] = "aab ab\n\0\xffx";
	size_t i, n = rnd(state) % (max + 1);

	for (i = 0; i < n; i++)
		buf[i] = alphabet[rnd(state) % (sizeof(alphabet) - 1)];
	return n;
}

/*
 * The oracle's answers for one subject, worked out once: find from x
 * ([1]: refusing an empty match at x) and rfind before x.
 */
struct answers {
	bool		found[2][RANDOM_MAX + 2];
	struct span	m[2][RANDOM_MAX + 2];
	bool		rfound[RANDOM_MAX + 2];
	struct span	r[RANDOM_MAX + 2];
	struct spans	next;
	struct spans	prev;
};

/*
 * One pattern against many subjects, windows of 1, 2, 3, 7 start offsets
 * and the default, JIT and interpreter: every find and rfind, and the
 * whole next and prev iterations, agree with the oracle.
 */
START_TEST(test_random_differential)
{
	static const size_t windows[] = { 1, 2, 3, 7, 0 };
	static struct answers a;
	const char *pattern = random_patterns[_i];
	unsigned char hay[RANDOM_MAX];
	struct spans got = { 0 };
	struct span m;
	struct oracle o;
	struct regex *re;
	struct pieces ps;
	uint64_t state = 0x9e3779b97f4a7c15ULL + (uint64_t)_i;
	size_t size = 0, w, x, k;
	int round, jit, ne;

	oracle_init(&o, pattern);
	re = must_compile(pattern);
	for (round = 0; round < 24; round++) {
		/*
		 * Odd rounds search the last subject again as an edited file:
		 * every few bytes a piece of their own.
		 */
		if (round % 2 == 1) {
			pieces_init(&ps, size);
			for (k = 0; k < size; k += 1 + rnd(&state) % 5) {
				unsigned char c = hay[k];

				ck_assert_int_eq(pieces_delete(&ps, k, 1), 0);
				ck_assert_int_eq(pieces_insert(&ps, k, &c, 1),
				    0);
			}
			pieced = &ps;
		} else
			size = random_subject(&state, hay, sizeof(hay));
		for (x = 0; x <= size + 1; x++) {
			for (ne = 0; ne < 2; ne++)
				a.found[ne][x] = oracle_match(&o, hay, size, x,
				    ne ? PCRE2_NOTEMPTY_ATSTART : 0,
				    &a.m[ne][x]);
			a.rfound[x] = oracle_rfind(&o, hay, size, x, &a.r[x]);
		}
		oracle_finditer(&o, hay, size, &a.next);
		spans_reversed(&a.next, &a.prev);
		for (w = 0; w < ARRAY_LEN(windows); w++) {
			for (jit = 0; jit < 2; jit++) {
				regex_tune(re, windows[w], jit);
				for (x = 0; x <= size + 1; x++) {
					for (ne = 0; ne < 2; ne++)
						expect_same(ne ? "find!empty" :
						    "find", pattern, x,
						    a.found[ne][x], &a.m[ne][x],
						    find(re, hay, size, x, ne,
						    &m), &m);
					expect_same("rfind", pattern, x,
					    a.rfound[x], &a.r[x],
					    rfind(re, hay, size, x, &m), &m);
				}
				collect_next(re, hay, size, &got);
				spans_expect("next", pattern, &a.next, &got);
				spans_free(&got);
				collect_prev(re, hay, size, &got);
				spans_expect("prev", pattern, &a.prev, &got);
				spans_free(&got);
			}
		}
		spans_free(&a.next);
		spans_free(&a.prev);
		if (pieced != NULL) {
			pieces_free(&ps);
			pieced = NULL;
		}
	}
	regex_free(re);
	oracle_free(&o);
}
END_TEST

/*
 * The 40 MiB haystack: words over an alphabet without a-f, x-z, capitals
 * and digits, lines of about 70 bytes, so the patterns below match only
 * what is planted.
 */
static unsigned char *
big_haystack(void)
{
	static const char letters[] = "ghijklmnopqrstuvw";
	unsigned char *hay;
	uint64_t state = 42;
	size_t i;

	hay = malloc(BIG_SIZE);
	ck_assert_ptr_nonnull(hay);
	for (i = 0; i < BIG_SIZE; i++) {
		if (i % 71 == 70)
			hay[i] = '\n';
		else if (rnd(&state) % 6 == 0)
			hay[i] = ' ';
		else
			hay[i] = letters[rnd(&state) % (sizeof(letters) - 1)];
	}
	return hay;
}

/* Each pattern with text that matches it and text that almost does. */
static const struct {
	const char	*pattern;
	const char	*plants[3];
} border_cases[] = {
	{ "NEEDLE$", { "NEEDLE\n", "NEEDLEx" } },
	{ "\\bWORD\\b", { "WORD ", "WORDS", "gWORD " } },
	{ "foo(?=bar)", { "foobar", "foobaz" } },
	{ "(?<=abc)def", { "abcdef", "abxdef" } },
	{ "X.*Y", { "Xghijklmnopqrstuvw ghijklmnopY", "Xghij\nklmY" } },
	{ "alpha|alphabet|zeta\\d+", { "alphabet", "zeta1234567" } },
	{ "\\d{4}-\\d{2}$", { "2024-11\n", "2024-111" } },
	{ "(?i)cafe\\s+bar", { "CaFe  \n  bAr", "cafe  \n  baz" } },
	/* The first plant also ends the subject: ^ after its newline. */
	{ "ZZ\\n^", { "ZZ\n", "ZZx" } },
	{ "ZZ\\n^$", { "ZZ\n", "ZZ\nx" } },
};

/*
 * Matches across window borders.  regex_find's windows count from its
 * 'from', so one planted string is tried at every split point against
 * the first and the second border by moving 'from'; the planted bytes
 * are put back after each.
 */
START_TEST(test_chunk_borders_find)
{
	const char *pattern = border_cases[_i].pattern;
	unsigned char *hay, saved[64];
	struct span wm, gm;
	struct oracle o;
	struct regex *re;
	size_t p, len, k, border, from;
	int jit;

	hay = big_haystack();
	oracle_init(&o, pattern);
	re = must_compile(pattern);
	for (p = 0; p < 3 && border_cases[_i].plants[p] != NULL; p++) {
		len = strlen(border_cases[_i].plants[p]);
		memcpy(saved, hay + BIG_PLANT, len);
		memcpy(hay + BIG_PLANT, border_cases[_i].plants[p], len);
		for (jit = 0; jit < 2; jit++) {
			regex_tune(re, 0, jit);
			for (k = 0; k <= len; k++) {
				for (border = 1; border <= 2; border++) {
					from = BIG_PLANT + k -
					    border * PROGRESS_CHUNK;
					expect_same("find", pattern, from,
					    oracle_match(&o, hay, BIG_SIZE,
					    from, 0, &wm), &wm,
					    find(re, hay, BIG_SIZE, from,
					    false, &gm), &gm);
				}
			}
		}
		memcpy(hay + BIG_PLANT, saved, len);
	}
	regex_free(re);
	oracle_free(&o);
	free(hay);
}
END_TEST

/*
 * All planted strings at once, one set straddling each PROGRESS_CHUNK
 * border from offset 0 and one at the very end of the subject: the whole
 * next and prev iterations, and rfind from around every planted string,
 * against the oracle.
 */
START_TEST(test_chunk_borders_iterate)
{
	const char *pattern = border_cases[_i].pattern;
	struct spans want = { 0 }, got = { 0 }, starts = { 0 }, rev = { 0 };
	unsigned char *hay;
	struct span wm, gm;
	struct oracle o;
	struct regex *re;
	size_t p, len, border, at, b, before[6];
	int jit;

	hay = big_haystack();
	for (p = 0; p < 3 && border_cases[_i].plants[p] != NULL; p++) {
		len = strlen(border_cases[_i].plants[p]);
		for (border = 1; border <= 2; border++) {
			at = border * PROGRESS_CHUNK - len / 2 + p * 4096;
			memcpy(hay + at, border_cases[_i].plants[p], len);
		}
	}
	len = strlen(border_cases[_i].plants[0]);
	memcpy(hay + BIG_SIZE - len, border_cases[_i].plants[0], len);

	oracle_init(&o, pattern);
	oracle_finditer(&o, hay, BIG_SIZE, &want);
	ck_assert_uint_gt(want.n, 0);
	oracle_starts(&o, hay, BIG_SIZE, &starts);
	re = must_compile(pattern);
	for (jit = 0; jit < 2; jit++) {
		regex_tune(re, 0, jit);
		collect_next(re, hay, BIG_SIZE, &got);
		spans_expect("next", pattern, &want, &got);
		spans_free(&got);
	}
	spans_reversed(&want, &rev);
	spans_free(&want);
	want = rev;
	for (jit = 0; jit < 2; jit++) {
		regex_tune(re, 0, jit);
		collect_prev(re, hay, BIG_SIZE, &got);
		spans_expect("prev", pattern, &want, &got);
		spans_free(&got);
		for (p = 0; p < starts.n; p++) {
			before[0] = starts.v[p].at;
			before[1] = starts.v[p].at + 1;
			before[2] = starts.v[p].at + starts.v[p].len;
			before[3] = starts.v[p].at + 17;
			before[4] = starts.v[p].at + 1041;
			before[5] = BIG_SIZE + 1;
			for (b = 0; b < ARRAY_LEN(before); b++)
				expect_same("rfind", pattern, before[b],
				    starts_rfind(&starts, before[b], &wm), &wm,
				    rfind(re, hay, BIG_SIZE, before[b], &gm),
				    &gm);
		}
	}
	spans_free(&want);
	spans_free(&starts);
	regex_free(re);
	oracle_free(&o);
	free(hay);
}
END_TEST

/*
 * Long runs where every start has a match as long as the rest of the
 * run: backwards costs what forwards does, in pcre2 searches (each one a
 * forward scan), not one search per start.  Before, --reverse -e '.+'
 * over a 256 KiB line took 30 s of CPU; rfind walked every start of its
 * window with a match to the end of the run.
 */
START_TEST(test_long_runs)
{
	static const char *patterns[] = {
		".+", "[a-z]{1000,}", "[A-Za-z0-9+/]{100,}", "x+\\ny",
	};
	const size_t run = (size_t)1 << 20, size = run + 1 + 20;
	struct spans fwd = { 0 }, want = { 0 }, got = { 0 };
	struct regex *re;
	unsigned char *hay;
	size_t i, n0, forward, backward;
	struct span m;
	int jit;

	hay = malloc(size);
	ck_assert_ptr_nonnull(hay);
	memset(hay, 'x', run);
	hay[run] = '\n';
	memset(hay + run + 1, 'y', 20);
	for (i = 0; i < ARRAY_LEN(patterns); i++) {
		re = must_compile(patterns[i]);
		for (jit = 0; jit < 2; jit++) {
			regex_tune(re, 0, jit);
			n0 = regex_test_searches();
			collect_next(re, hay, size, &fwd);
			forward = regex_test_searches() - n0;
			ck_assert_uint_gt(fwd.n, 0);
			spans_reversed(&fwd, &want);
			n0 = regex_test_searches();
			collect_prev(re, hay, size, &got);
			backward = regex_test_searches() - n0;
			spans_expect("prev", patterns[i], &want, &got);
			ck_assert_msg(backward <= 2 * forward, "/%s/ jit %d: %zu "
			    "searches backwards, %zu forwards", patterns[i], jit,
			    backward, forward);
			spans_free(&fwd);
			spans_free(&want);
			spans_free(&got);
		}
		regex_free(re);
	}

	/*
	 * rfind from the end: the 16 probes are y's, then a window of 1,024
	 * starts, a thousand of them x's whose match is the rest of the run
	 * and "\ny": the greatest one found by halving, in a few searches.
	 */
	re = must_compile("x+\\ny");
	for (jit = 0; jit < 2; jit++) {
		regex_tune(re, 0, jit);
		n0 = regex_test_searches();
		ck_assert(rfind(re, hay, size, size, &m));
		backward = regex_test_searches() - n0;
		ck_assert_uint_eq(m.at, run - 1);
		ck_assert_uint_eq(m.len, 3);
		ck_assert_msg(backward <= 16 + 2 * 11 + 2, "jit %d: rfind took "
		    "%zu searches", jit, backward);
	}
	regex_free(re);
	free(hay);
}
END_TEST

/*
 * More matches than one part holds (65,536): the earlier parts are found
 * again from their marks, the last one is kept from the forward pass;
 * a count that fills the last part exactly, and one part and a bit.
 */
START_TEST(test_prev_parts)
{
	static const size_t counts[] = { 65535, 65536, 65537, 131072, 200001 };
	struct spans fwd = { 0 }, want = { 0 }, got = { 0 };
	unsigned char *hay;
	struct regex *re;
	size_t c, n0, forward, backward;

	hay = malloc(200001);
	ck_assert_ptr_nonnull(hay);
	memset(hay, 'a', 200001);
	re = must_compile("a");
	for (c = 0; c < ARRAY_LEN(counts); c++) {
		n0 = regex_test_searches();
		collect_next(re, hay, counts[c], &fwd);
		forward = regex_test_searches() - n0;
		ck_assert_uint_eq(fwd.n, counts[c]);
		spans_reversed(&fwd, &want);
		n0 = regex_test_searches();
		collect_prev(re, hay, counts[c], &got);
		backward = regex_test_searches() - n0;
		spans_expect("prev", "a", &want, &got);
		ck_assert_uint_le(backward, 2 * forward);
		if (counts[c] <= 65536)
			ck_assert_uint_eq(backward, forward);
		spans_free(&fwd);
		spans_free(&want);
		spans_free(&got);
	}
	regex_free(re);
	free(hay);
}
END_TEST

/*
 * Which patterns stay in a line (regex-lines.h): every item it lets
 * through, and the ones it must not.
 */
START_TEST(test_line_local)
{
	static const char *const yes[] = {
		"abc", "[A-Z][a-z]+ing", "a.b", "\\d+\\w*\\S\\h\\V\\N",
		"\\bsit\\b", "^\\w+$", "[^\\n]*x", "[^a\\n]", "[\\x00-\\x09]",
		"[\\x0b-\\xff]+", "\\x00\\xff", "a{2,3}|b?", "(?:ab)+(?=c)",
		"(?!x)y", "(?>a+)b", "(?<name>a)b", "(?P<n>a)", "(?n)a", "\\.\\*",
		"[]a]", "[a-]", "[\\d-z]", "\\t\\r", "(?|a|b)",
	};
	static const char *const no[] = {
		"a\\nb", "a\n", "\\s", "[^a]", "[\\x00-\\x7f]", "[\\s]", "\\D",
		"\\W", "\\H", "\\v", "\\R", "(?s)a.b", "(?x)a b", "(?i)a",
		"(?-m)^a", "(?^)a", "(?<=a)b", "(?<!a)b", "\\z", "\\Z", "\\A",
		"(a)\\1", "(*CR)a", "[[:alpha:]]", "\\Qa\\E", "\\x{41}", "\\p{L}",
		"(?#c)a", "(?R)", "(?1)", "(?P=n)", "[a", "a\\", "\\cJ", "\\012",
		"[\\n]", "[\\x0a]", "\\x0a", "\\N{U+41}",
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(yes); i++)
		ck_assert_msg(regex_line_local(yes[i]), "/%s/ stays in a line",
		    yes[i]);
	for (i = 0; i < ARRAY_LEN(no); i++)
		ck_assert_msg(!regex_line_local(no[i]), "/%s/ may not", no[i]);
}
END_TEST

/*
 * JIT code over one run, a line-local pattern that needs a q but does
 * not start with it: the lines without one are passed over by memchr,
 * no pcre2 search at all; the line with one is searched alone.  The
 * interpreter searches as before.
 */
START_TEST(test_line_skipping)
{
	static unsigned char hay[4000 * 4 + 8];
	struct regex *re = must_compile("[a-z]q[a-z]+");
	struct error err;
	size_t at, len, n0, i;
	int jit;

	for (i = 0; i < 4000; i++)
		memcpy(hay + 4 * i, "abc\n", 4);
	for (jit = 1; jit >= 0; jit--) {
		if (!regex_tune(re, 0, jit))
			continue;
		n0 = regex_test_searches();
		ck_assert_int_eq(regex_find(re, hay, 4000 * 4, 0, false, &at,
		    &len, NULL, &err), SCAN_NOT_FOUND);
		ck_assert_uint_eq(regex_test_searches() - n0, jit ? 0 : 1);
	}
	memcpy(hay + 4000 * 4, "xqab\n", 5);
	regex_tune(re, 0, true);
	n0 = regex_test_searches();
	ck_assert_int_eq(regex_find(re, hay, 4000 * 4 + 5, 0, false, &at, &len,
	    NULL, &err), SCAN_FOUND);
	ck_assert_uint_eq(at, 4000 * 4);
	ck_assert_uint_eq(len, 4);
	ck_assert_uint_le(regex_test_searches() - n0, 1);
	regex_free(re);
}
END_TEST

/*
 * Windows of 4 KiB over 4 MiB of lines without the needed q, then one
 * with it: each window's look for the q ends at the same far byte, so
 * it is made once for the scan, not once per window (that walked the
 * rest of the file every window: 2 GiB here).
 */
START_TEST(test_line_byte_once)
{
	enum { LINES = 1 << 20 };
	unsigned char *hay = malloc(LINES * 4 + 8);
	struct regex *re = must_compile("[a-z]q[a-z]+");
	struct error err;
	size_t at, len, w0, i;

	ck_assert_ptr_nonnull(hay);
	for (i = 0; i < LINES; i++)
		memcpy(hay + 4 * i, "abc\n", 4);
	memcpy(hay + LINES * 4, "xqab\n", 5);
	/* The line path is JIT's: without JIT code this tests nothing. */
	ck_assert(regex_tune(re, 4096, true));
	w0 = regex_test_walked();
	ck_assert_int_eq(regex_find(re, hay, LINES * 4 + 5, 0, false, &at,
	    &len, NULL, &err), SCAN_FOUND);
	ck_assert_uint_eq(at, LINES * 4);
	ck_assert_uint_eq(len, 4);
	ck_assert_uint_gt(regex_test_walked() - w0, 0);
	ck_assert_uint_le(regex_test_walked() - w0, LINES * 4 + 5);
	regex_free(re);
	free(hay);
}
END_TEST

/* A clock that says what the searches cost: PCRE2's calls. */
static uint64_t
clock_of_calls(void)
{
	return (uint64_t)regex_test_searches() * 1000;
}

/* A clock that never moves: both ways tie, and lines win ties. */
static uint64_t
clock_stopped(void)
{
	return 0;
}

/*
 * A line-local pattern whose needed '-' is in every line: searching line
 * by line costs a PCRE2 call a line, one search over the whole run one a
 * window.  The two are timed (here with clocks the test controls) and
 * the cheaper goes on; either way the matches are the interpreter's,
 * across the probes' borders.
 */
START_TEST(test_line_or_whole)
{
	enum { SIZE = 6 << 20 };
	unsigned char *hay = malloc(SIZE);
	struct regex *re = must_compile("[0-9]{2}-[0-9]");
	struct spans want, got;
	uint64_t x = 0x243f6a8885a308d3ULL;
	size_t i, n0, lines = 0, c;

	ck_assert_ptr_nonnull(hay);
	for (i = 0; i < SIZE; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		c = (size_t)(x >> 32) % 64;
		hay[i] = c == 0 ? '\n' : c < 8 ? '-' : c < 12 ?
		    (unsigned char)('0' + (x >> 8) % 10) :
		    (unsigned char)('a' + c % 26);
		lines += c == 0;
	}
	/* Matches at and around the probes' borders (1 MiB apart). */
	for (i = 1; i <= 5; i++) {
		memcpy(hay + (i << 20) - 2, "12-3", 4);
		memcpy(hay + (i << 20) + 77, "45-6\n", 5);
	}
	memcpy(hay + SIZE - 4, "78-9", 4);
	memset(&want, 0, sizeof(want));
	regex_tune(re, 0, false);
	collect_next(re, hay, SIZE, &want);
	ck_assert_uint_gt(want.n, 11);
	/* The JIT line path's whole point: without JIT this tests nothing. */
	ck_assert(regex_tune(re, 0, true));
	regex_test_clock(clock_of_calls);
	memset(&got, 0, sizeof(got));
	n0 = regex_test_searches();
	collect_next(re, hay, SIZE, &got);
	spans_expect("timed by calls", "[0-9]{2}-[0-9]", &want, &got);
	/* Whole: a call a match and a window, and the line probes' lines. */
	ck_assert_uint_lt(regex_test_searches() - n0, lines / 4);
	spans_free(&got);
	regex_tune(re, 0, true);
	regex_test_clock(clock_stopped);
	n0 = regex_test_searches();
	collect_next(re, hay, SIZE, &got);
	spans_expect("clock stopped", "[0-9]{2}-[0-9]", &want, &got);
	/* By lines: a call for nearly every line (most hold a '-'). */
	ck_assert_uint_gt(regex_test_searches() - n0, lines / 2);
	regex_test_clock(NULL);
	spans_free(&want);
	spans_free(&got);
	regex_free(re);
	free(hay);
}
END_TEST

/* Backtracking that would take ages ends with an error, not a hang. */
START_TEST(test_match_limit)
{
	unsigned char hay[41];
	struct regex_iter it = { 0, NULL };
	struct error err;
	struct regex *re;
	size_t at = UNTOUCHED, len = UNTOUCHED;
	int jit;

	memset(hay, 'a', 40);
	hay[40] = 'b';
	re = must_compile("(a+)+$");
	for (jit = 0; jit < 2; jit++) {
		regex_tune(re, 0, jit);
		err.msg[0] = '\0';
		ck_assert_int_eq(regex_find(re, hay, sizeof(hay), 0, false,
		    &at, &len, NULL, &err), SCAN_ERROR);
		ck_assert_str_eq(err.msg,
		    "regex too complex: match limit exceeded");
		ck_assert_int_eq(err.pos, -1);
		ck_assert_int_eq(regex_rfind(re, hay, sizeof(hay), 41, &at,
		    &len, NULL, &err), SCAN_ERROR);
		it.pos = 0;
		ck_assert_int_eq(regex_next(re, hay, sizeof(hay), &it, &at,
		    &len, NULL, &err), SCAN_ERROR);
		ck_assert_uint_eq(it.pos, 0);
		it.pos = sizeof(hay);
		ck_assert_int_eq(regex_prev(re, hay, sizeof(hay), &it, &at,
		    &len, NULL, &err), SCAN_ERROR);
		ck_assert_uint_eq(it.pos, sizeof(hay));
		ck_assert_ptr_null(it.back);
		ck_assert_uint_eq(at, UNTOUCHED);
		ck_assert_uint_eq(len, UNTOUCHED);
	}
	regex_free(re);
}
END_TEST

/*
 * Deep backtracking state: the interpreter stops at its depth limit, JIT
 * code at the end of its stack; both say the pattern is too complex.
 */
START_TEST(test_depth_and_stack_limits)
{
	size_t size = (size_t)64 << 20, at, len;
	unsigned char *hay;
	struct error err;
	struct regex *re;

	hay = malloc(size);
	ck_assert_ptr_nonnull(hay);
	memset(hay, 'a', size);
	re = must_compile("(a|b)*$");
	regex_tune(re, 0, false);
	ck_assert_int_eq(regex_find(re, hay, (size_t)4 << 20, 0, false, &at,
	    &len, NULL, &err), SCAN_ERROR);
	ck_assert_msg(strncmp(err.msg, "regex too complex: ", 19) == 0,
	    "[%s]", err.msg);
	if (regex_tune(re, 0, true)) {
		ck_assert_int_eq(regex_find(re, hay, size, 0, false, &at,
		    &len, NULL, &err), SCAN_ERROR);
		ck_assert_str_eq(err.msg,
		    "regex too complex: JIT stack limit reached");
	}
	regex_free(re);
	free(hay);
}
END_TEST

/* What the progress callback saw, and when it asks to stop. */
struct ticks {
	size_t	calls;
	size_t	done;
	size_t	total;
	size_t	stop_at;	/* the call that cancels; 0: none */
};

static int
tick(void *ctx, size_t done, size_t total)
{
	struct ticks *t = ctx;

	ck_assert_uint_ge(done, t->done);
	ck_assert_uint_le(done, total);
	t->calls++;
	t->done = done;
	t->total = total;
	return t->stop_at != 0 && t->calls >= t->stop_at;
}

static void
ticks_reset(struct ticks *t, size_t stop_at)
{
	memset(t, 0, sizeof(*t));
	t->stop_at = stop_at;
}

/* Ticks once per PROGRESS_CHUNK covered, forwards and backwards. */
START_TEST(test_progress)
{
	struct ticks t;
	struct progress pr = { tick, &t };
	unsigned char *hay;
	struct error err;
	struct regex *re;
	size_t at, len;

	hay = big_haystack();
	re = must_compile("NEEDLE");
	ticks_reset(&t, 0);
	ck_assert_int_eq(regex_find(re, hay, BIG_SIZE, 100, false, &at, &len,
	    &pr, &err), SCAN_NOT_FOUND);
	ck_assert_uint_eq(t.calls, BIG_SIZE / PROGRESS_CHUNK);
	ck_assert_uint_eq(t.total, BIG_SIZE - 100);
	ck_assert_uint_eq(t.done, 2 * PROGRESS_CHUNK);

	ticks_reset(&t, 0);
	ck_assert_int_eq(regex_rfind(re, hay, BIG_SIZE, BIG_SIZE, &at, &len,
	    &pr, &err), SCAN_NOT_FOUND);
	ck_assert_uint_ge(t.calls, 2);
	ck_assert_uint_eq(t.total, BIG_SIZE);
	regex_free(re);
	free(hay);
}
END_TEST

/* A tick that says stop: the scan says so and no output changes. */
START_TEST(test_cancel)
{
	struct ticks t;
	struct progress pr = { tick, &t };
	struct regex_iter it = { 0, NULL };
	unsigned char *hay;
	struct error err;
	struct regex *re;
	size_t at = UNTOUCHED, len = UNTOUCHED;
	int jit;

	hay = big_haystack();
	memcpy(hay + BIG_SIZE - 10, "NEEDLE", 6);
	memcpy(hay + 10, "NEEDLE", 6);
	re = must_compile("NEEDLE");
	for (jit = 0; jit < 2; jit++) {
		regex_tune(re, 0, jit);
		ticks_reset(&t, 1);
		ck_assert_int_eq(regex_find(re, hay, BIG_SIZE, 100, false,
		    &at, &len, &pr, &err), SCAN_CANCELLED);
		ck_assert_uint_eq(t.calls, 1);

		ticks_reset(&t, 1);
		it.pos = 100;
		ck_assert_int_eq(regex_next(re, hay, BIG_SIZE, &it, &at, &len,
		    &pr, &err), SCAN_CANCELLED);
		ck_assert_uint_eq(it.pos, 100);

		ticks_reset(&t, 1);
		ck_assert_int_eq(regex_rfind(re, hay, BIG_SIZE, BIG_SIZE - 100,
		    &at, &len, &pr, &err), SCAN_CANCELLED);
		ck_assert_uint_eq(t.calls, 1);

		/* prev's forward pass ticks as it goes, from 0 to pos. */
		ticks_reset(&t, 2);
		it.pos = BIG_SIZE - 100;
		ck_assert_int_eq(regex_prev(re, hay, BIG_SIZE, &it, &at, &len,
		    &pr, &err), SCAN_CANCELLED);
		ck_assert_uint_eq(t.calls, 2);
		ck_assert_uint_eq(t.total, BIG_SIZE - 100);
		/* Resumed after the needle at 10: two chunks from there. */
		ck_assert_uint_eq(t.done, 2 * PROGRESS_CHUNK + 16);
		ck_assert_uint_eq(it.pos, BIG_SIZE - 100);
		ck_assert_ptr_null(it.back);
		ck_assert_uint_eq(at, UNTOUCHED);
		ck_assert_uint_eq(len, UNTOUCHED);

		/* Without a stop the same scans reach the planted needles. */
		ticks_reset(&t, 0);
		ck_assert_int_eq(regex_find(re, hay, BIG_SIZE, 100, false,
		    &at, &len, &pr, &err), SCAN_FOUND);
		ck_assert_uint_eq(at, BIG_SIZE - 10);
		ticks_reset(&t, 0);
		ck_assert_int_eq(regex_rfind(re, hay, BIG_SIZE, BIG_SIZE - 100,
		    &at, &len, &pr, &err), SCAN_FOUND);
		ck_assert_uint_eq(at, 10);
		at = len = UNTOUCHED;
	}
	regex_free(re);
	free(hay);
}
END_TEST

/*
 * PCRE2's memory runs out (regex_test_limit bounds it): at every bound
 * from nothing up to enough for JIT code, compiling either works or says
 * "regex too complex", never exits; what works finds the match (or says
 * the same when the interpreter has no room for its frames); and every
 * byte comes back, whatever failed.
 */
START_TEST(test_no_memory)
{
	static const unsigned char hay[] = "a haystack with a needle in it";
	struct error err;
	struct regex *re;
	size_t limit, at, len, failed = 0, jit_at = 0;
	enum scan_result r;
	uint32_t have_jit = 0;

	(void)pcre2_config(PCRE2_CONFIG_JIT, &have_jit);
	for (limit = 0; limit < ((size_t)16 << 20); limit += 8 + limit / 64) {
		ck_assert_uint_eq(regex_test_limit(limit), 0);
		err.msg[0] = '\0';
		re = regex_compile("ne+dl(e)", &err);
		if (re == NULL) {
			ck_assert_msg(strncmp(err.msg, "regex too complex: ",
			    19) == 0, "at %zu bytes: %s", limit, err.msg);
			ck_assert_int_eq(err.pos, -1);
			failed++;
			continue;
		}
		/* A regex compiled with room for it, JIT or not, works. */
		r = regex_find(re, hay, sizeof(hay) - 1, 0, false, &at, &len,
		    NULL, &err);
		if (r == SCAN_ERROR)
			ck_assert_str_eq(err.msg,
			    "regex too complex: no more memory");
		else {
			ck_assert_int_eq(r, SCAN_FOUND);
			ck_assert_uint_eq(at, 18);
			ck_assert_uint_eq(len, 6);
		}
		if (regex_tune(re, 0, true) && jit_at == 0)
			jit_at = limit;
		regex_free(re);
		ck_assert_uint_eq(regex_test_limit(SIZE_MAX), 0);
		if (jit_at != 0 || (!have_jit && r == SCAN_FOUND))
			break;
	}
	ck_assert_uint_gt(failed, 0);
	ck_assert_msg(limit < ((size_t)16 << 20), "never compiled");
	regex_test_limit(SIZE_MAX);
}
END_TEST

/* A pattern too big for the memory there is: an error, not an exit. */
START_TEST(test_no_memory_huge_pattern)
{
	char *pattern;
	struct error err;
	struct regex *re;
	size_t i;

	/* 2000 alternatives, each a few bytes of compiled code. */
	pattern = malloc(2000 * 5 + 1);
	ck_assert_ptr_nonnull(pattern);
	for (i = 0; i < 2000; i++)
		snprintf(pattern + i * 5, 6, "%c%04zu", i == 0 ? 'x' : '|', i);
	regex_test_limit(16 * 1024);
	re = regex_compile(pattern, &err);
	ck_assert_ptr_null(re);
	ck_assert_str_eq(err.msg,
	    "regex too complex: failed to allocate heap memory");
	ck_assert_uint_eq(regex_test_limit(SIZE_MAX), 0);
	/* With room, the same pattern is fine. */
	re = regex_compile(pattern, &err);
	ck_assert_ptr_nonnull(re);
	regex_free(re);
	ck_assert_uint_eq(regex_test_limit(SIZE_MAX), 0);
	free(pattern);
}
END_TEST

/*
 * Compiled, then no room left: the interpreter cannot get its frames and
 * says so; JIT code runs on the stack it was given at compile time.
 */
START_TEST(test_no_memory_to_match)
{
	static const unsigned char hay[] = "a haystack with a needle in it";
	struct error err;
	struct regex *re;
	size_t at, len, held;

	re = must_compile("ne+dl(e)");
	held = regex_test_limit(SIZE_MAX);
	ck_assert_uint_gt(held, 0);
	regex_test_limit(held);
	regex_tune(re, 0, false);
	err.msg[0] = '\0';
	ck_assert_int_eq(regex_find(re, hay, sizeof(hay) - 1, 0, false, &at,
	    &len, NULL, &err), SCAN_ERROR);
	ck_assert_str_eq(err.msg, "regex too complex: no more memory");
	if (regex_tune(re, 0, true)) {
		ck_assert_int_eq(regex_find(re, hay, sizeof(hay) - 1, 0, false,
		    &at, &len, NULL, &err), SCAN_FOUND);
		ck_assert_uint_eq(at, 18);
	}
	/* Room again: the interpreter goes on. */
	regex_test_limit(SIZE_MAX);
	regex_tune(re, 0, false);
	ck_assert_int_eq(regex_find(re, hay, sizeof(hay) - 1, 0, false, &at,
	    &len, NULL, &err), SCAN_FOUND);
	ck_assert_uint_eq(at, 18);
	regex_free(re);
	ck_assert_uint_eq(regex_test_limit(SIZE_MAX), 0);
}
END_TEST

static Suite *
regex_suite(void)
{
	Suite *s = suite_create("regex");
	TCase *tc;

	tc = tcase_create("contract");
	tcase_add_test(tc, test_compile_errors);
	tcase_add_test(tc, test_refused_items_as_text);
	tcase_add_test(tc, test_python_cases);
	tcase_add_test(tc, test_find_contract);
	suite_add_tcase(s, tc);

	tc = tcase_create("random");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_random_differential, 0,
	    (int)ARRAY_LEN(random_patterns));
	suite_add_tcase(s, tc);

	tc = tcase_create("borders");
	tcase_set_timeout(tc, 300);
	tcase_add_loop_test(tc, test_chunk_borders_find, 0,
	    (int)ARRAY_LEN(border_cases));
	tcase_add_loop_test(tc, test_chunk_borders_iterate, 0,
	    (int)ARRAY_LEN(border_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("limits");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_line_local);
	tcase_add_test(tc, test_line_skipping);
	tcase_add_test(tc, test_line_byte_once);
	tcase_add_test(tc, test_line_or_whole);
	tcase_add_test(tc, test_long_runs);
	tcase_add_test(tc, test_prev_parts);
	tcase_add_test(tc, test_match_limit);
	tcase_add_test(tc, test_depth_and_stack_limits);
	tcase_add_test(tc, test_progress);
	tcase_add_test(tc, test_cancel);
	tcase_add_test(tc, test_no_memory);
	tcase_add_test(tc, test_no_memory_huge_pattern);
	tcase_add_test(tc, test_no_memory_to_match);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(regex_suite)
