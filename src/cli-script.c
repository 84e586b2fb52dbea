/*
 * cli-script.c - the scripting modes, which run without a terminal:
 * -d (dump), -f and -x (find a string or hex bytes), -e (regex).  The
 * ones that write (--patch, --insert, --delete) are in cli-edit.c.
 * cli.c parses the options, opens the window and calls one of them
 * through its table of modes.
 *
 * Each works straight on the mapped window and reports offsets as
 * absolute file offsets.  A page that faults under a scan (the file
 * shrank) reads as zeros: the scan stops, and cli_main ends the run with
 * complain_fault().
 */
#include "config.h"

#include <sys/stat.h>

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli-int.h"
#include "cli.h"
#include "dump.h"
#include "expr.h"
#include "filemap.h"
#include "find.h"
#include "guard.h"
#include "mapping.h"
#include "pattern.h"
#include "regex.h"

/*
 * A page of the window faulted and was read as zeros (guard.h): the file
 * shrank, or a page could not be read at its size (an I/O error, a hole
 * a full tmpfs cannot page in).  Says which; the exit status for errors.
 */
int
complain_fault(const struct mapping *m)
{
	struct stat st;

	if (fstat(m->fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (uint64_t)st.st_size >= m->origin + m->size)
		return complain("%s: part of the file could not be read (an I/O "
		    "error, or no room to page it in): it was read as zeros",
		    m->path);
	return complain("%s: the file shrank while it was read: what lay past "
	    "its new end was read as zeros", m->path);
}

/*
 * The scripting modes' progress: stop as soon as the guard has read a
 * page as zeros.  What is left of the scan would only read more zeros,
 * and the run ends with complain_fault() whatever it finds.
 */
static int
stop_if_faulted(void *ctx, size_t done, size_t total)
{
	(void)ctx;
	(void)done;
	(void)total;
	return guard_tripped();
}

static const struct progress script_progress = { stop_if_faulted, NULL };

int
script_dump(const struct options *o, struct mapping *m, uint64_t asked)
{
	struct error err;
	int rc;

	/* `hexdump -n 0` prints nothing, not even the end offset. */
	if (asked == 0)
		return EXIT_SUCCESS;
	mapping_advise_sequential(m, true);
	rc = dump_write(STDOUT_FILENO, m->data, m->size, m->origin,
	    (o->mods & MOD_NO_SQUEEZE) == 0, &script_progress, &err);
	if (rc < 0)
		return complain("standard output: %s", err.msg);
	return rc == 0 ? EXIT_SUCCESS : EXIT_TROUBLE;
}

static void
report_match(const struct options *o, const struct mapping *m, size_t at)
{
	if ((o->mods & MOD_COUNT) == 0)
		printf("%llu\n", (unsigned long long)(m->origin + at));
}

/* --map: one line a run; the offsets are the file's. */
static int
print_run(void *ctx, size_t off, size_t len, enum filemap_kind kind)
{
	const struct mapping *m = ctx;

	printf("%llu %zu %s\n", (unsigned long long)(m->origin + off), len,
	    filemap_kind_name(kind));
	return guard_tripped();
}

int
script_map(const struct options *o, struct mapping *m, uint64_t asked)
{
	(void)o;
	(void)asked;
	mapping_advise_sequential(m, true);
	/* Stopped by a truncation underneath: main says so. */
	(void)filemap_walk(m, print_run, m, &script_progress);
	return EXIT_SUCCESS;
}

/* Report every match of a byte pattern: left to right, or repeated rfind. */
int
script_find(const struct options *o, struct mapping *m, uint64_t asked)
{
	struct pattern pat;
	struct finder *f;
	struct error err;
	uint64_t matches = 0;
	size_t at, pos;

	(void)asked;
	if (o->mode == MODE_FIND_HEX) {
		if (pattern_parse_hex(&pat, o->needle, &err) < 0)
			return complain("--find-hex '%s': %s", o->needle, err.msg);
	} else {
		if (o->needle[0] == '\0')
			return complain("--find: the string is empty");
		pattern_from_bytes(&pat, o->needle, strlen(o->needle));
	}
	f = finder_new(&pat);
	mapping_advise_sequential(m, true);
	if ((o->mods & MOD_REVERSE) == 0) {
		for (pos = 0; finder_find(f, m->data, m->size, pos, &at,
		    &script_progress) == SCAN_FOUND; pos = at + pat.len) {
			/* Dense matches never tick: zeros would match on. */
			if (guard_tripped())
				break;
			report_match(o, m, at);
			matches++;
		}
	} else {
		for (pos = m->size; finder_rfind(f, m->data, pos, &at,
		    &script_progress) == SCAN_FOUND; pos = at) {
			if (guard_tripped())
				break;
			report_match(o, m, at);
			matches++;
		}
	}
	finder_free(f);
	pattern_free(&pat);
	if ((o->mods & MOD_COUNT) != 0)
		printf("%llu\n", (unsigned long long)matches);
	return matches > 0 ? EXIT_MATCH : EXIT_NO_MATCH;
}

int
script_regex(const struct options *o, struct mapping *m, uint64_t asked)
{
	struct regex_iter it;
	struct regex *re;
	struct error err;
	enum scan_result r;
	uint64_t matches = 0;
	size_t at, len;
	bool reverse = (o->mods & MOD_REVERSE) != 0;

	(void)asked;
	re = regex_compile(o->needle, &err);
	if (re == NULL)
		return complain("--regex '%s': %s", o->needle, err.msg);
	mapping_advise_sequential(m, true);
	it.pos = reverse ? m->size : 0;
	it.back = NULL;
	for (;;) {
		r = reverse ?
		    regex_prev(re, m->data, m->size, &it, &at, &len,
		    &script_progress, &err) :
		    regex_next(re, m->data, m->size, &it, &at, &len,
		    &script_progress, &err);
		if (r != SCAN_FOUND || guard_tripped())
			break;
		report_match(o, m, at);
		matches++;
	}
	regex_iter_free(&it);
	regex_free(re);
	if (r == SCAN_ERROR)
		return complain("%s: %s", o->path, err.msg);
	if ((o->mods & MOD_COUNT) != 0)
		printf("%llu\n", (unsigned long long)matches);
	return matches > 0 ? EXIT_MATCH : EXIT_NO_MATCH;
}
