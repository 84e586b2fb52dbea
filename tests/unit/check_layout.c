/* check_layout.c - being written (issue 3) */
#include "config.h"
int main(void) { return 77; }
