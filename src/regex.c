/*
 * regex.c - PCRE2 searches over the raw bytes of a mapping.
 *
 * Every scan is built from one step: find the leftmost match whose start
 * offset lies in a window [from, last], exactly as one search over the
 * whole subject would find it.  There are two ways to take that step:
 *
 * - JIT code gets the whole mapping as its subject and an offset limit of
 *   'last'.  JIT code compiled for partial matching is five to seven times
 *   slower (it loses its fast-forward scans); the offset limit costs
 *   nothing.
 * - The interpreter's offset limit does not bound its start-of-match scans,
 *   so each window would rescan the rest of the subject.  There the subject
 *   is cut after the window instead, with PCRE2_PARTIAL_HARD: a match that
 *   might need bytes past the cut (including $, \b and lookahead at the
 *   cut) comes back as partial, and the step is retried from the partial
 *   match's start with a longer subject.  PCRE2_NOTEOL must not be used
 *   there: it makes $ fail at the cut before partial matching can see it.
 *
 * The subject pointer is always hay itself, so lookbehind and ^ see the
 * bytes before a window.
 *
 * An edited file (a piece list) is no one run of memory: it is searched
 * the interpreter's way, in cut copies of the part a step needs (from
 * the pattern's longest lookbehind before the start), with JIT code
 * compiled for partial matching where there is some.
 */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8

#include <pcre2.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bytes.h"
#include "pieces.h"
#include "regex-lines.h"
#include "regex.h"
#include "util.h"

/*
 * ALT_CIRCUMFLEX: ^ also after a newline that ends the subject, as in
 * Python's re.M (without it "a\nb\n" has no line start at 4).
 */
#define COMPILE_OPTIONS	(PCRE2_MULTILINE | PCRE2_ALT_CIRCUMFLEX | \
			    PCRE2_NEVER_UTF | PCRE2_USE_OFFSET_LIMIT)
#define MATCH_LIMIT	10000000	/* steps per start offset */
#define DEPTH_LIMIT	1000000		/* interpreter's depth */
#define HEAP_LIMIT_KIB	(256 * 1024)	/* interpreter's frames */
#define JIT_STACK_MIN	(32 * 1024)
#define JIT_STACK_MAX	(64 * 1024 * 1024)
#define BACK_PROBES	16		/* rfind's one-by-one tries */
#define BACK_WINDOW	1024		/* rfind's first window */
#define LINE_PROBE	((size_t)1 << 20) /* starts each way is timed over */
#define LINE_RETRY	((size_t)64 << 20) /* starts between two verdicts */

struct regex {
	pcre2_general_context	*gctx;	/* allocates with regex_alloc */
	pcre2_code		*code;	/* the pattern, for scans */
	pcre2_code		*anchored; /* the same anchored, for rfind */
	pcre2_match_data	*md;	/* shared by every match */
	pcre2_match_context	*mctx;	/* limits, JIT stack, offset */
	pcre2_jit_stack		*jit_stack; /* NULL: PCRE2's 32 KiB */
	bool			 have_jit; /* both codes have JIT code */
	bool			 use_jit; /* ... and it is used */
	size_t			 window; /* start offsets per scan step */
	size_t			 back;	/* bytes before a start a match may
					   look at (lookbehind, ^, \b) */
	int			 line_byte; /* every match is in a line and
					   needs this byte: line_match();
					   -1: not so */
	const unsigned char	*line_hay; /* line_match()'s last line: */
	size_t			 line_start, line_end; /* [start, end) there */
	/*
	 * Which way line_choose() goes: 0 by lines, 1 as one search over the
	 * whole run.  probe: the way being timed (0 first, then 1), or -1
	 * between probes; it has taken probe_ns over probe_starts so far;
	 * at: where the last verdict was.  Kept from search to search
	 * (regex_next is one a match), and only ever a matter of speed.
	 */
	int			 line_way, line_probe;
	size_t			 line_at, probe_starts;
	uint64_t		 probe_ns;
	double			 line_cost[2];	/* ns a start, as timed */
};

/*
 * What a scan searches: one run of bytes in memory (a mapping), or the
 * bytes of an edited file read through a reader (bytes.h), of which the
 * part a step needs is copied to buf and matched there, cut where the
 * copy ends: the cut loop of window_match() finds every match across a
 * piece border exactly as across a window's end.
 */
struct subj {
	struct bytes		*b;
	const unsigned char	*hay;	/* in one run: all of it; NULL: copied */
	size_t			 size;
	unsigned char		*buf;	/* copied: bytes [lo, lo + len) */
	size_t			 cap;
	size_t			 lo;
	size_t			 len;
	size_t			 last_lo; /* the last run's subject began here */
	/*
	 * line_match()'s last look for re->line_byte, kept for the scan's
	 * next windows (a window without the byte would look again to the
	 * same far byte, every window): from byte_from on, the first
	 * byte is at byte_at (size: none), its line starting at byte_line.
	 */
	bool			 byte_known;
	size_t			 byte_from, byte_at, byte_line;
};

/*
 * PCRE2's memory.  Unlike the rest of mmhex it may fail: a pattern too
 * large to compile, match data or heap frames that cannot be had, make a
 * "regex too complex" error and the viewer goes on.  Every block carries
 * its size in front, so the bytes held are known: tests bound them to make
 * each allocation fail in turn, and check they all come back.
 */
union regex_block {
	max_align_t	 align;		/* what malloc's blocks promise */
	size_t		 size;
};

static size_t regex_held;		/* bytes PCRE2 holds, all regexes */
static size_t regex_searches;		/* pcre2 match calls, for tests */
static size_t regex_walked;		/* line_match's memchr bytes, too */
static uint64_t (*regex_clock)(void);	/* tests' clock, or NULL */
static size_t regex_limit = SIZE_MAX;	/* ... and may hold: see regex.h */

static void *
regex_alloc(size_t n, void *data)
{
	union regex_block *b;

	(void)data;
	if (n > regex_limit - regex_held ||
	    n > SIZE_MAX - sizeof(*b) ||
	    (b = malloc(sizeof(*b) + n)) == NULL)
		return NULL;
	b->size = n;
	regex_held += n;
	return b + 1;
}

/* And its partner, for what regex_alloc gave. */
static void
regex_dealloc(void *p, void *data)
{
	union regex_block *b;

	(void)data;
	if (p == NULL)
		return;
	b = (union regex_block *)p - 1;
	regex_held -= b->size;
	free(b);
}

size_t
regex_test_searches(void)
{
	return regex_searches;
}

size_t
regex_test_walked(void)
{
	return regex_walked;
}

void
regex_test_clock(uint64_t (*clock)(void))
{
	regex_clock = clock;
}

/* Nanoseconds from some fixed point, for line_choose()'s probes. */
static uint64_t
regex_now(void)
{
	struct timespec t;

	if (regex_clock != NULL)
		return regex_clock();
	/* CLOCK_MONOTONIC cannot fail here; if it did, both probes tie. */
	if (clock_gettime(CLOCK_MONOTONIC, &t) != 0)
		return 0;
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

size_t
regex_test_limit(size_t bytes)
{
	regex_limit = bytes;
	return regex_held;
}

/* What a failed allocation says, with PCRE2's words for it. */
static void
out_of_memory(struct error *err)
{
	PCRE2_UCHAR msg[ERROR_MSG_MAX];

	pcre2_get_error_message(PCRE2_ERROR_NOMEMORY, msg, sizeof(msg));
	error_set(err, -1, "regex too complex: %s", (const char *)msg);
}

/*
 * Pattern items a windowed search cannot honour, with why: \G and \K move
 * the start of a match away from where the search stands, (*COMMIT) and
 * (*SKIP) end or skip part of a whole search.  Any of them would make a
 * result depend on where a window begins.
 */
static const struct {
	const char	*item;
	const char	*why;
} refused[] = {
	{ "\\G", "\\G (the start offset) moves with every window" },
	{ "\\K", "\\K would start a match away from its search" },
	{ "(*COMMIT", "(*COMMIT) would end a search at a window border" },
	{ "(*SKIP", "(*SKIP) would skip across a window border" },
};

/*
 * The offset of the first refused item in the pattern, or -1; *why says
 * what it is.  Escapes are followed and \Q...\E is literal text.
 */
static long
find_refused(const char *p, const char **why)
{
	bool quoted = false;
	size_t i, k;

	for (i = 0; p[i] != '\0'; i++) {
		if (quoted) {
			/* Inside \Q only \E means anything. */
			if (p[i] == '\\' && p[i + 1] == 'E') {
				quoted = false;
				i++;
			}
			continue;
		}
		for (k = 0; k < ARRAY_LEN(refused); k++) {
			if (strncmp(p + i, refused[k].item,
			    strlen(refused[k].item)) == 0) {
				*why = refused[k].why;
				return (long)i;
			}
		}
		if (p[i] == '\\' && p[i + 1] != '\0') {
			if (p[i + 1] == 'Q')
				quoted = true;
			i++;
		}
	}
	return -1;
}

/* Compile one variant of the pattern, or fill *err with PCRE2's reason. */
static pcre2_code *
compile_one(const char *pattern, uint32_t options,
    pcre2_compile_context *cctx, struct error *err)
{
	PCRE2_UCHAR msg[ERROR_MSG_MAX];
	PCRE2_SIZE offset;
	pcre2_code *code;
	int code_err;

	code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	    options, &code_err, &offset, cctx);
	if (code == NULL) {
		pcre2_get_error_message(code_err, msg, sizeof(msg));
		/* No memory for it: the pattern is not wrong where it stopped. */
		if (code_err == PCRE2_ERROR_HEAP_FAILED)
			error_set(err, -1, "regex too complex: %s",
			    (const char *)msg);
		else
			error_set(err, (long)offset, "regex error at position "
			    "%zu: %s", (size_t)offset, (const char *)msg);
	}
	return code;
}

/* Whether JIT code now exists for code ((*NO_JIT) forbids it). */
static bool
jit_compile(pcre2_code *code)
{
	size_t size = 0;

	/* Partial matching too: an edited file is searched in cut copies. */
	if (pcre2_jit_compile(code, PCRE2_JIT_COMPLETE |
	    PCRE2_JIT_PARTIAL_HARD) != 0)
		return false;
	pcre2_pattern_info(code, PCRE2_INFO_JITSIZE, &size);
	return size != 0;
}

/*
 * The byte every match needs when every match stays in a line
 * (regex-lines.h), or -1: PCRE2's required byte, for a pattern without
 * a fixed first one.  With a first byte PCRE2's JIT already leaps from
 * one to the next, faster than a search per line (2.5x on random bytes,
 * where about two lines in three hold any given byte).  Dot must take
 * no newline: the newline is LF and neither PCRE2_DOTALL nor an
 * extended syntax is on.
 */
static int
line_byte(const pcre2_code *code, const char *pattern)
{
	uint32_t nl = 0, opts = 0, type = 0, unit = 0;

	if (!regex_line_local(pattern) ||
	    pcre2_pattern_info(code, PCRE2_INFO_NEWLINE, &nl) != 0 ||
	    nl != PCRE2_NEWLINE_LF ||
	    pcre2_pattern_info(code, PCRE2_INFO_ALLOPTIONS, &opts) != 0 ||
	    (opts & (PCRE2_DOTALL | PCRE2_EXTENDED | PCRE2_EXTENDED_MORE |
	    PCRE2_CASELESS)) != 0)
		return -1;
	if (pcre2_pattern_info(code, PCRE2_INFO_FIRSTCODETYPE, &type) == 0 &&
	    type == 1)
		return -1;
	if (pcre2_pattern_info(code, PCRE2_INFO_LASTCODETYPE, &type) == 0 &&
	    type == 1 &&
	    pcre2_pattern_info(code, PCRE2_INFO_LASTCODEUNIT, &unit) == 0)
		return (int)(unit & 0xff);
	return -1;
}

/*
 * Compile the pattern twice, unanchored for scans and anchored for rfind's
 * probes, with JIT code when PCRE2 can make it.  The caller owns the
 * result (regex_free).
 */
struct regex *
regex_compile(const char *pattern, struct error *err)
{
	pcre2_compile_context *cctx;
	struct regex *re;
	const char *why;
	long at;

	re = xcalloc(1, sizeof(*re));
	re->gctx = pcre2_general_context_create(regex_alloc, regex_dealloc,
	    NULL);
	/* Without a context PCRE2 would use malloc() unbounded: fail instead. */
	cctx = re->gctx != NULL ? pcre2_compile_context_create(re->gctx) : NULL;
	if (cctx == NULL) {
		out_of_memory(err);
		regex_free(re);
		return NULL;
	}
	re->code = compile_one(pattern, COMPILE_OPTIONS, cctx, err);
	if (re->code != NULL && (at = find_refused(pattern, &why)) != -1) {
		error_set(err, at, "regex error at position %ld: "
		    "not supported: %s", at, why);
		pcre2_code_free(re->code);
		re->code = NULL;
	}
	if (re->code != NULL)
		re->anchored = compile_one(pattern,
		    COMPILE_OPTIONS | PCRE2_ANCHORED, cctx, err);
	pcre2_compile_context_free(cctx);
	if (re->anchored == NULL) {
		regex_free(re);
		return NULL;
	}

	re->md = pcre2_match_data_create_from_pattern(re->code, re->gctx);
	re->mctx = pcre2_match_context_create(re->gctx);
	if (re->md == NULL || re->mctx == NULL) {
		out_of_memory(err);
		regex_free(re);
		return NULL;
	}
	pcre2_set_match_limit(re->mctx, MATCH_LIMIT);
	pcre2_set_depth_limit(re->mctx, DEPTH_LIMIT);
	pcre2_set_heap_limit(re->mctx, HEAP_LIMIT_KIB);
	{
		uint32_t lb = 0;

		(void)pcre2_pattern_info(re->code, PCRE2_INFO_MAXLOOKBEHIND,
		    &lb);
		/* One more for ^ and \b, which look at the byte before. */
		re->back = (size_t)lb + 1;
	}
	re->line_byte = line_byte(re->code, pattern);
	re->have_jit = jit_compile(re->code) && jit_compile(re->anchored);
	if (re->have_jit) {
		/* Without a stack of its own JIT code has 32 KiB. */
		re->jit_stack = pcre2_jit_stack_create(JIT_STACK_MIN,
		    JIT_STACK_MAX, re->gctx);
		if (re->jit_stack != NULL)
			pcre2_jit_stack_assign(re->mctx, NULL, re->jit_stack);
	}
	regex_tune(re, 0, true);
	return re;
}

/* Free re and everything PCRE2 allocated for it; NULL is fine. */
void
regex_free(struct regex *re)
{
	if (re == NULL)
		return;
	pcre2_jit_stack_free(re->jit_stack);
	pcre2_match_context_free(re->mctx);
	pcre2_match_data_free(re->md);
	pcre2_code_free(re->anchored);
	pcre2_code_free(re->code);
	pcre2_general_context_free(re->gctx);
	free(re);
}

/* Start timing way 'way' (see struct regex). */
static void
line_probe(struct regex *re, int way)
{
	re->line_probe = way;
	re->probe_ns = 0;
	re->probe_starts = 0;
}

/* Tests' knobs: window size and JIT or interpreter (see regex.h). */
bool
regex_tune(struct regex *re, size_t window, bool use_jit)
{
	re->window = window != 0 ? window : PROGRESS_CHUNK;
	re->use_jit = use_jit && re->have_jit;
	re->line_way = 0;
	line_probe(re, 0);
	return re->use_jit;
}

/*
 * Turn a pcre2 return code into 1 (match), 0 (no match) or -1 with *err
 * filled in.  The limits are the expected failures: the pattern is too
 * complex for this subject, not broken.
 */
static int
match_status(int rc, struct error *err)
{
	PCRE2_UCHAR msg[ERROR_MSG_MAX];

	if (rc >= 0)
		return 1;
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	pcre2_get_error_message(rc, msg, sizeof(msg));
	switch (rc) {
	case PCRE2_ERROR_MATCHLIMIT:
	case PCRE2_ERROR_DEPTHLIMIT:
	case PCRE2_ERROR_HEAPLIMIT:
	case PCRE2_ERROR_JIT_STACKLIMIT:
	case PCRE2_ERROR_NOMEMORY:
		error_set(err, -1, "regex too complex: %s", (const char *)msg);
		break;
	default:
		error_set(err, -1, "regex search failed: %s",
		    (const char *)msg);
		break;
	}
	return -1;
}

/*
 * One pcre2 call over the subject's bytes [0, end) from start, through
 * JIT code when it is in use.  A copied subject holds the bytes from a
 * little before start (re->back) to end; the offsets in re->md are
 * offsets of the whole subject either way.
 */
static int
run(struct regex *re, const pcre2_code *code, struct subj *S, size_t end,
    size_t start, uint32_t options, size_t offset_limit)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(re->md);
	const unsigned char *hay = S->hay;
	size_t lo = 0;
	int rc;

	if (hay == NULL) {
		const unsigned char *run_at;
		uint64_t run;

		lo = start > re->back ? start - re->back : 0;
		/* Inside one piece: matched in place, no copy. */
		run_at = lo < S->size ? bytes_span(S->b, lo, &run) :
		    (const unsigned char *)"";
		if (lo >= S->size)
			run = 0;
		if (run >= end - lo) {
			hay = run_at;
		} else if (lo < S->lo || end > S->lo + S->len) {
			if (end - lo > S->cap) {
				unsigned char *nb = realloc(S->buf, end - lo);

				if (nb == NULL)
					return PCRE2_ERROR_NOMEMORY;
				S->buf = nb;
				S->cap = end - lo;
			}
			bytes_read(S->b, lo, S->buf, end - lo);
			S->lo = lo;
			S->len = end - lo;
		}
		if (hay == NULL) {
			lo = S->lo;
			hay = S->buf != NULL ? S->buf :
			    (const unsigned char *)"";
		}
		/* The copy's first byte is no line start: the file's may be. */
		if (lo > 0)
			options |= PCRE2_NOTBOL;
		if (offset_limit != PCRE2_UNSET)
			offset_limit -= lo;
		start -= lo;
		end -= lo;
	}
	pcre2_set_offset_limit(re->mctx, offset_limit);
	regex_searches++;
	if (re->use_jit)
		rc = pcre2_jit_match(code, hay, end, start, options, re->md,
		    re->mctx);
	else
		rc = pcre2_match(code, hay, end, start, options | PCRE2_NO_JIT,
		    re->md, re->mctx);
	S->last_lo = lo;
	if (lo > 0 && (rc >= 0 || rc == PCRE2_ERROR_PARTIAL)) {
		ov[0] += lo;
		ov[1] += lo;
	}
	return rc;
}

/* Where the last match's search started (pcre2_get_startchar), whole subject. */
static size_t
startchar(const struct regex *re, const struct subj *S)
{
	return pcre2_get_startchar(re->md) + S->last_lo;
}

/*
 * The leftmost match of code starting in [start, last], cut after last
 * (end) and retried with more of the subject while the match might need
 * bytes past the cut (PCRE2_PARTIAL_HARD: $, \b and lookahead at the cut
 * are partial too).  Returns the pcre2 code.
 */
static int
cut_match(struct regex *re, const pcre2_code *code, struct subj *S,
    size_t start, size_t end, uint32_t options, uint32_t from_options)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(re->md);
	size_t from = start, grow;
	uint32_t opt;
	int rc;

	for (;;) {
		opt = options;
		if (start == from)
			opt |= from_options;
		if (end < S->size)
			opt |= PCRE2_PARTIAL_HARD;
		rc = run(re, code, S, end, start, opt, PCRE2_UNSET);
		if (rc != PCRE2_ERROR_PARTIAL)
			return rc;
		/* Every start before the partial one failed for good. */
		if (ov[0] > start && code != re->anchored)
			start = ov[0];
		/* A copy grows from little: an anchored try needs a few bytes. */
		grow = S->hay != NULL ? re->window : 4096;
		if (end - start > grow)
			grow = end - start;
		end = S->size - end > grow ? end + grow : S->size;
	}
}

/*
 * window_match()'s JIT step for a pattern whose matches stay in a line
 * and need re->line_byte: a line without that byte cannot hold a match,
 * so memchr passes over it, and each search's subject ends at a line's
 * end, where PCRE2's own required-byte check gives up on the rest of the
 * line at once (over the whole mapping it finds the byte in a later line
 * and tries every start at every candidate).  grep -P's line-by-line
 * matching gets the same from its lines.
 *
 * The last line is kept: the next search often starts in it (after a
 * match there), and looking for its end again would walk the rest of
 * the line once a match.  It is still good when a newline
 * is still there: a subject ending at any newline is right, whatever
 * lines an edit made inside it, for matches never cross one.
 */
static int
line_match(struct regex *re, struct subj *S, size_t from, size_t last,
    uint32_t options, uint32_t from_options, struct error *err)
{
	const unsigned char *hay = S->hay, *r, *nl;
	size_t size = S->size, pos = from, start, end;
	int rc;

	while (pos <= last && pos < size) {
		if (re->line_hay == hay && pos >= re->line_start &&
		    pos <= re->line_end && re->line_end < size &&
		    hay[re->line_end] == '\n') {
			start = pos;
			end = re->line_end;
			/* The rest of the line without the byte: the next line. */
			regex_walked += end - pos;
			if (memchr(hay + pos, re->line_byte, end - pos) == NULL) {
				pos = end + 1;
				continue;
			}
		} else {
			if (!S->byte_known || pos < S->byte_from ||
			    pos > S->byte_at) {
				r = memchr(hay + pos, re->line_byte, size - pos);
				S->byte_known = true;
				S->byte_from = pos;
				S->byte_at = r != NULL ? (size_t)(r - hay) : size;
				regex_walked += S->byte_at - pos;
				nl = memrchr(hay + pos, '\n', S->byte_at - pos);
				S->byte_line = nl != NULL ?
				    (size_t)(nl - hay) + 1 : pos;
			}
			if (S->byte_at == size)
				return 0;
			start = S->byte_line > pos ? S->byte_line : pos;
			if (start > last)
				return 0;
			r = hay + S->byte_at;
			nl = memchr(r, '\n', size - S->byte_at);
			end = nl != NULL ? (size_t)(nl - hay) : size;
			re->line_hay = hay;
			re->line_start = start;
			re->line_end = end;
		}
		rc = match_status(run(re, re->code, S, end, start, options |
		    (start == from ? from_options : 0), last), err);
		if (rc != 0)
			return rc;
		pos = end + 1;
	}
	return 0;
}

/* The JIT step over the whole run: the offset limit bounds the starts. */
static int
whole_match(struct regex *re, struct subj *S, size_t from, size_t last,
    uint32_t options, uint32_t from_options, struct error *err)
{
	return match_status(run(re, re->code, S, S->size, from,
	    options | from_options, last), err);
}

/* line_choose()'s step one way: 0 by lines, 1 over the whole run. */
static int
way_match(struct regex *re, struct subj *S, int way, size_t from,
    size_t last, uint32_t options, uint32_t from_options, struct error *err)
{
	return way == 0 ?
	    line_match(re, S, from, last, options, from_options, err) :
	    whole_match(re, S, from, last, options, from_options, err);
}

/* Go way 'way' from 'at' on, untimed, for LINE_RETRY starts. */
static void
line_verdict(struct regex *re, size_t at, int way)
{
	re->line_probe = -1;
	re->line_at = at;
	re->line_way = way;
}

/*
 * window_match()'s JIT step for a line-local pattern, by lines or over
 * the whole run, whichever is faster here: which is, depends on the
 * pattern as much as on the bytes (over random bytes `[A-Z][a-z]+ing`
 * is 1.4x faster by lines, `[0-9]{4}-[0-9]{2}` 2x faster whole, where
 * PCRE2's JIT leaps to each '-' four bytes on), so each way is timed
 * over LINE_PROBE starts, searches after searches (a match ends one:
 * its starts up to the match count), and the faster goes on for
 * LINE_RETRY starts; then both are timed again.  By lines, the look for
 * the needed byte may leap past the probe: then lines win at once (the
 * time of that look is mostly the first touch of the pages it passed,
 * which the whole search's probe would not pay).  Both find the same
 * matches.
 */
static int
line_choose(struct regex *re, struct subj *S, size_t from, size_t last,
    uint32_t options, uint32_t from_options, struct error *err)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(re->md);
	size_t end, away, done;
	uint64_t t;
	int way, rc;

	away = from > re->line_at ? from - re->line_at : re->line_at - from;
	if (re->line_probe < 0 && away >= LINE_RETRY)
		line_probe(re, 0);
	if (re->line_probe < 0)
		return way_match(re, S, re->line_way, from, last, options,
		    from_options, err);
	way = re->line_probe;
	end = last - from >= LINE_PROBE ? from + LINE_PROBE - 1 : last;
	t = regex_now();
	rc = way_match(re, S, way, from, end, options, from_options, err);
	if (rc == -1)
		return rc;
	re->probe_ns += regex_now() - t;
	done = rc == 1 ? ov[0] + 1 : end + 1;
	if (rc == 0 && way == 0 && S->byte_known && S->byte_from <= end &&
	    S->byte_line > done)
		done = S->byte_line;
	re->probe_starts += done - from;
	if (way == 0 && done - from >= 2 * LINE_PROBE) {
		/* The look leapt past the probe: lines, without a doubt. */
		line_verdict(re, from, 0);
	} else if (re->probe_starts >= LINE_PROBE) {
		re->line_cost[way] = (double)re->probe_ns /
		    (double)re->probe_starts;
		if (way == 0)
			line_probe(re, 1);
		else
			line_verdict(re, from,
			    re->line_cost[1] < re->line_cost[0]);
	}
	if (rc == 1 || end == last)
		return rc;
	return line_choose(re, S, end + 1, last, options, 0, err);
}

/*
 * The leftmost match starting in [from, last] (last <= size), as one
 * search over the whole subject from 'from' finds it; it is left in
 * re->md.  'options' apply throughout, 'from_options' only at 'from'
 * (PCRE2_NOTEMPTY_ATSTART).  Returns 1, 0 or -1 as match_status.
 */
static int
window_match(struct regex *re, struct subj *S, size_t from, size_t last,
    uint32_t options, uint32_t from_options, struct error *err)
{
	int rc;

	if (re->use_jit && S->hay != NULL && re->line_byte >= 0)
		return line_choose(re, S, from, last, options, from_options,
		    err);
	if (re->use_jit && S->hay != NULL)
		return whole_match(re, S, from, last, options, from_options,
		    err);
	/*
	 * Cut the subject after the window: an attempt at 'end' itself sees
	 * an empty rest and is not trusted, so the next window repeats it.
	 */
	rc = match_status(cut_match(re, re->code, S, from,
	    last < S->size ? last + 1 : S->size, options, from_options), err);
	if (rc == 1 && startchar(re, S) > last)
		return 0;
	return rc;
}

/*
 * An edited file's window from start: cut at the end of the piece start
 * lies in, so the step runs over the piece's bytes in place; the first
 * few starts of a piece, whose lookbehind reaches into the piece before,
 * are a short window of their own (a small copy).
 */
static size_t
piece_window(const struct regex *re, const struct subj *S, size_t start,
    size_t last)
{
	const struct pieces *ps = S->b->ps;
	const struct piece *p;
	uint64_t hi;

	if (start >= ps->size)
		return last;
	p = &ps->p[pieces_at(ps, start)];
	hi = p->at + p->len;
	if (p->at > 0 && start < p->at + re->back)
		hi = p->at + re->back < hi ? p->at + re->back : hi;
	return hi - 1 < last ? (size_t)(hi - 1) : last;
}

/*
 * The first match starting in [from, end], window by window with
 * progress: ticks say how far the scan is from 'base' on, of 'total'.
 */
static enum scan_result
scan_forward_to(struct regex *re, struct subj *S, size_t from, size_t end,
    uint32_t options, uint32_t from_options, size_t *at, size_t *len,
    const struct progress *progress, size_t base, size_t total,
    struct error *err)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(re->md);
	size_t start, last;

	if (end > S->size)
		end = S->size;
	if (from > end)
		return SCAN_NOT_FOUND;
	for (start = from;; start = last + 1) {
		last = end - start < re->window ? end :
		    start + re->window - 1;
		if (S->hay == NULL)
			last = piece_window(re, S, start, last);
		switch (window_match(re, S, start, last, options,
		    start == from ? from_options : 0, err)) {
		case 1:
			*at = ov[0];
			*len = ov[1] - ov[0];
			return SCAN_FOUND;
		case -1:
			return SCAN_ERROR;
		}
		if (last == end)
			return SCAN_NOT_FOUND;
		if (progress_tick(progress, last + 1 - base, total))
			return SCAN_CANCELLED;
	}
}

/* The first match from 'from' on, ticks counted from 'from'. */
static enum scan_result
scan_forward(struct regex *re, struct subj *S, size_t from, uint32_t options,
    uint32_t from_options, size_t *at, size_t *len,
    const struct progress *progress, struct error *err)
{
	if (from > S->size)
		return SCAN_NOT_FOUND;
	return scan_forward_to(re, S, from, S->size, options, from_options,
	    at, len, progress, from, S->size - from, err);
}

/* The search anchored at s: 1 with the match in re->md when it succeeds. */
static int
anchored_match(struct regex *re, struct subj *S, size_t s, struct error *err)
{
	if (S->hay != NULL)
		return match_status(run(re, re->anchored, S, S->size, s, 0, s),
		    err);
	return match_status(cut_match(re, re->anchored, S, s,
	    S->size - s > 64 ? s + 64 : S->size, 0, 0), err);
}

/*
 * The greatest start in [lo, hi] where a match starts, left in re->md:
 * the leftmost one from lo, then the upper half of what lies above it,
 * halved again and again.  O(log W) forward searches, each as fast as
 * PCRE2's start-of-match scans make it, instead of one search per start:
 * a long line under .+ has a match at every start, each as long as the
 * rest of the line.
 */
static int
greatest_start(struct regex *re, struct subj *S, size_t lo, size_t hi,
    struct error *err)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(re->md);
	size_t mid, best_at, best_len;
	int rc;

	rc = window_match(re, S, lo, hi, 0, 0, err);
	if (rc != 1)
		return rc;
	best_at = ov[0];
	best_len = ov[1] - ov[0];
	lo = best_at + 1;
	while (lo <= hi) {
		mid = lo + (hi - lo + 1) / 2;
		rc = window_match(re, S, mid, hi, 0, 0, err);
		if (rc == -1)
			return -1;
		if (rc == 1) {
			best_at = ov[0];
			best_len = ov[1] - ov[0];
			lo = best_at + 1;
		} else {
			/* mid > lo here, or the first search would have seen it. */
			hi = mid - 1;
		}
	}
	/* The last search may have failed: the best match again. */
	ov[0] = best_at;
	ov[1] = best_at + best_len;
	return 1;
}

/*
 * The greatest start offset s < before where a search anchored at s
 * succeeds.  Matches are often dense, so the nearest offsets are tried
 * one by one first; then windows growing backwards, each searched for
 * its greatest start (greatest_start).
 */
static enum scan_result
scan_backward(struct regex *re, struct subj *S, size_t before, size_t *at,
    size_t *len, const struct progress *progress, struct error *err)
{
	size_t size = S->size;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(re->md);
	size_t n, lo, hi, width;
	int rc;

	if (before > size + 1)
		before = size + 1;
	for (n = 0; n < BACK_PROBES && n < before; n++) {
		rc = anchored_match(re, S, before - 1 - n, err);
		if (rc == -1)
			return SCAN_ERROR;
		if (rc == 1) {
			*at = ov[0];
			*len = ov[1] - ov[0];
			return SCAN_FOUND;
		}
	}
	if (before <= BACK_PROBES)
		return SCAN_NOT_FOUND;

	hi = before - 1 - BACK_PROBES;
	width = re->window < BACK_WINDOW ? re->window : BACK_WINDOW;
	for (;;) {
		lo = hi + 1 > width ? hi + 1 - width : 0;
		rc = greatest_start(re, S, lo, hi, err);
		if (rc == -1)
			return SCAN_ERROR;
		if (rc == 1) {
			*at = ov[0];
			*len = ov[1] - ov[0];
			return SCAN_FOUND;
		}
		if (lo == 0)
			return SCAN_NOT_FOUND;
		if (progress_tick(progress, before - lo, before))
			return SCAN_CANCELLED;
		hi = lo - 1;
		width = width < re->window / 2 ? width * 2 : re->window;
	}
}

/* PCRE2 wants a real pointer even for an empty subject. */
static const unsigned char *
subject(const unsigned char *hay)
{
	return hay != NULL ? hay : (const unsigned char *)"";
}

/* The subject over what b reads: in place when it is one run. */
static void
subj_init(struct subj *S, struct bytes *b)
{
	memset(S, 0, sizeof(*S));
	S->b = b;
	S->size = (size_t)b->size;
	if (b->ps == NULL)
		S->hay = subject(b->base);
}

static void
subj_free(struct subj *S)
{
	free(S->buf);
}

/* One forward scan; not_empty_at_start only binds at 'from' itself. */
enum scan_result
regex_find_in(struct regex *re, struct bytes *b, size_t from,
    bool not_empty_at_start, size_t *at, size_t *len,
    const struct progress *progress, struct error *err)
{
	struct subj S;
	enum scan_result r;

	subj_init(&S, b);
	r = scan_forward(re, &S, from, 0,
	    not_empty_at_start ? PCRE2_NOTEMPTY_ATSTART : 0, at, len,
	    progress, err);
	subj_free(&S);
	return r;
}

/* The last match start below 'before', whatever the match's length. */
enum scan_result
regex_rfind_in(struct regex *re, struct bytes *b, size_t before, size_t *at,
    size_t *len, const struct progress *progress, struct error *err)
{
	struct subj S;
	enum scan_result r;

	subj_init(&S, b);
	r = scan_backward(re, &S, before, at, len, progress, err);
	subj_free(&S);
	return r;
}

/*
 * Python's loop (after an empty match at p, search again from p refusing
 * an empty match there) with its empty matches dropped yields, from each
 * position on, the leftmost offset where a non-empty match exists and the
 * first such match there: exactly one search with PCRE2_NOTEMPTY.  Only \G
 * and \K could tell the two apart, and they are refused.  So a* over a
 * gigabyte without an 'a' is one search, not a search per byte.
 */
enum scan_result
regex_next_in(struct regex *re, struct bytes *b, struct regex_iter *it,
    size_t *at, size_t *len, const struct progress *progress,
    struct error *err)
{
	struct subj S;
	enum scan_result r;
	size_t a, l;

	subj_init(&S, b);
	r = scan_forward(re, &S, it->pos, PCRE2_NOTEMPTY, 0, &a, &l, progress,
	    err);
	subj_free(&S);
	if (r == SCAN_FOUND) {
		it->pos = a + l;
		*at = a;
		*len = l;
	}
	return r;
}

/*
 * regex_prev's state (regex.h).  The forward iteration runs once, and
 * before every BACK_PART-th match the position it resumes from is kept:
 * the last part's matches are still at hand when it ends, each earlier
 * part's are found again forwards from its mark; each part is handed out
 * last first.  At most two forward passes, however the pattern's matches
 * overlap (one when there are at most BACK_PART), in memory for one part.
 */
#define BACK_PART	65536		/* matches found again at once */

struct regex_back {
	size_t		*mark;		/* part k resumes at mark[k] */
	size_t		 nparts;
	size_t		 total;		/* matches before the first it->pos */
	size_t		 part;		/* the part in m[]; parts below left */
	size_t		(*m)[2];	/* its matches: start and length */
	size_t		 mcap;		/* room in m[], up to BACK_PART */
	size_t		 n;		/* of which m[0..n) are left */
};

static void
back_free(struct regex_back *bk)
{
	if (bk == NULL)
		return;
	free(bk->mark);
	free(bk->m);
	free(bk);
}

void
regex_iter_free(struct regex_iter *it)
{
	back_free(it->back);
	it->back = NULL;
}

/*
 * The forward pass: count the matches starting before 'end' and mark
 * where each part's search resumes.  Ticks run from 0 to 'end'.
 */
static enum scan_result
back_mark(struct regex *re, struct subj *S, size_t end,
    struct regex_back *bk, const struct progress *progress,
    struct error *err)
{
	enum scan_result r;
	size_t pos = 0, a, l, cap = 0;

	for (;;) {
		if (bk->total % BACK_PART == 0) {
			if (bk->nparts == cap) {
				cap = cap != 0 ? cap * 2 : 16;
				bk->mark = xrealloc(bk->mark,
				    cap * sizeof(*bk->mark));
			}
			bk->mark[bk->nparts++] = pos;
		}
		r = scan_forward_to(re, S, pos, end - 1, PCRE2_NOTEMPTY, 0,
		    &a, &l, progress, 0, end, err);
		if (r != SCAN_FOUND)
			break;
		/* The last part's matches stay: it need not be found again. */
		if (bk->total == bk->mcap && bk->mcap < BACK_PART) {
			bk->mcap = bk->mcap != 0 ? bk->mcap * 2 : 64;
			bk->m = xrealloc(bk->m, bk->mcap * sizeof(*bk->m));
		}
		bk->m[bk->total % BACK_PART][0] = a;
		bk->m[bk->total % BACK_PART][1] = l;
		bk->total++;
		pos = a + l;
	}
	/* A mark taken for a part that found nothing. */
	if (bk->total % BACK_PART == 0)
		bk->nparts--;
	if (bk->nparts > 0) {
		bk->part = bk->nparts - 1;
		bk->n = bk->total - bk->part * BACK_PART;
	}
	return r == SCAN_NOT_FOUND ? SCAN_FOUND : r;
}

/* Find part k's matches again, forwards, into bk->m. */
static enum scan_result
back_load(struct regex *re, struct subj *S, struct regex_back *bk, size_t k,
    const struct progress *progress, struct error *err)
{
	size_t want = bk->total - k * BACK_PART, pos = bk->mark[k], i, a, l;
	enum scan_result r;

	if (want > BACK_PART)
		want = BACK_PART;
	for (i = 0; i < want; i++) {
		r = scan_forward_to(re, S, pos, S->size, PCRE2_NOTEMPTY, 0,
		    &a, &l, progress, 0, S->size, err);
		if (r != SCAN_FOUND)
			return r == SCAN_NOT_FOUND ? SCAN_ERROR : r;
		bk->m[i][0] = a;
		bk->m[i][1] = l;
		pos = a + l;
	}
	bk->part = k;
	bk->n = want;
	return SCAN_FOUND;
}

/*
 * The forward iteration's matches that start before the first it->pos,
 * last first: marked on the first call, then handed out part by part.
 */
enum scan_result
regex_prev_in(struct regex *re, struct bytes *b, struct regex_iter *it,
    size_t *at, size_t *len, const struct progress *progress,
    struct error *err)
{
	struct regex_back *bk = it->back;
	enum scan_result r = SCAN_FOUND;
	struct subj S;

	subj_init(&S, b);
	if (bk == NULL) {
		bk = xcalloc(1, sizeof(*bk));
		r = it->pos > 0 ? back_mark(re, &S, it->pos < S.size ?
		    it->pos : S.size + 1, bk, progress, err) : SCAN_FOUND;
		if (r != SCAN_FOUND) {
			back_free(bk);
			subj_free(&S);
			return r;
		}
		it->back = bk;
	}
	if (bk->n == 0) {
		r = bk->part == 0 ? SCAN_NOT_FOUND :
		    back_load(re, &S, bk, bk->part - 1, progress, err);
	}
	subj_free(&S);
	if (r != SCAN_FOUND)
		return r;
	bk->n--;
	it->pos = *at = bk->m[bk->n][0];
	*len = bk->m[bk->n][1];
	return SCAN_FOUND;
}

/* The same over one run of bytes in memory. */
enum scan_result
regex_find(struct regex *re, const unsigned char *hay, size_t size,
    size_t from, bool not_empty_at_start, size_t *at, size_t *len,
    const struct progress *progress, struct error *err)
{
	struct bytes b;

	bytes_flat(&b, hay, size);
	return regex_find_in(re, &b, from, not_empty_at_start, at, len,
	    progress, err);
}

enum scan_result
regex_rfind(struct regex *re, const unsigned char *hay, size_t size,
    size_t before, size_t *at, size_t *len, const struct progress *progress,
    struct error *err)
{
	struct bytes b;

	bytes_flat(&b, hay, size);
	return regex_rfind_in(re, &b, before, at, len, progress, err);
}

enum scan_result
regex_next(struct regex *re, const unsigned char *hay, size_t size,
    struct regex_iter *it, size_t *at, size_t *len,
    const struct progress *progress, struct error *err)
{
	struct bytes b;

	bytes_flat(&b, hay, size);
	return regex_next_in(re, &b, it, at, len, progress, err);
}

enum scan_result
regex_prev(struct regex *re, const unsigned char *hay, size_t size,
    struct regex_iter *it, size_t *at, size_t *len,
    const struct progress *progress, struct error *err)
{
	struct bytes b;

	bytes_flat(&b, hay, size);
	return regex_prev_in(re, &b, it, at, len, progress, err);
}
