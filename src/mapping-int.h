/*
 * mapping-int.h - what the mapping's files (mapping*.c) share: error and
 * size helpers, the file's times, and mapping a window.
 */
#ifndef MMHEX_MAPPING_INT_H
#define MMHEX_MAPPING_INT_H

#include <sys/stat.h>

#include "mapping.h"

/* A window of no bytes still has a valid data pointer. */
extern unsigned char mapping_empty[1];

/* "PATH: what: strerror(errno)" (what may be NULL); returns -1. */
int	mapping_syserr(struct mapping *m, struct error *err, const char *what);

/* The size of the file or block device m->fd names now (st from fstat). */
uint64_t	mapping_size_now(const struct mapping *m, const struct stat *st);

/* Note the file's times, to tell later whether another writer came by. */
void	mapping_note_times(struct mapping *m, const struct stat *st);

/* mmap the window [m->origin, m->origin + m->size) for session s. */
int	mapping_remap(struct mapping *m, enum session s, struct error *err);

/*
 * Copy-on-write, after a flush wrote [off, off + len): the private copies
 * of the pages over it that hold no unflushed byte any more are dropped,
 * so that they read the file's page again (with what another process
 * wrote beside our bytes), not a stale copy of it.
 */
void	mapping_drop_copies(struct mapping *m, size_t off, size_t len);

#endif
