/* check_inspect.c - being written (issue 3) */
#include "config.h"
int main(void) { return 77; }
