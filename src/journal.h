/* journal.h - being written (issue 4) */
