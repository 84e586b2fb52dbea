/* check_journal.c - being written (issue 4) */
#include "config.h"
int main(void) { return 77; }
